"""Who may reach the API: the write token and the trusted Host names.

When the settings have a token, writes need `Authorization: Bearer <token>`; reads stay open, and
`rasid serve` warns when it listens beyond this machine without a token. Every request, read or
write, must name a trusted host in its Host header (`TrustedHosts`): a web page that rebinds its own
DNS name to 127.0.0.1 reaches a local server with its own name there, and is refused.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette._utils import parse_host_header
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import Receive, Scope, Send

from .errors import error_response
from .settings import Settings


class TrustedHosts(TrustedHostMiddleware):
    """Starlette's TrustedHostMiddleware (its host patterns: names, '*.example.org', '*'), answering
    a foreign or missing Host with the API's JSON error instead of plain text, and never redirecting."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.allow_any or scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        parsed = parse_host_header(dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1"))
        host = parsed.host.lower() if parsed else None
        if host is not None and any(host == p or (p.startswith("*") and host.endswith(p[1:]))
                                    for p in self.allowed_hosts):
            await self.app(scope, receive, send)
            return
        response = error_response(400, f"host not allowed: {host or '(none)'}; the server answers only "
                                       "the names it is configured for (rasid serve --allowed-host)")
        await response(scope, receive, send)


def token_required(settings: Settings) -> Callable[..., None]:
    """A route dependency that lets a write through only with the configured token (any request
    when none is configured). Compared in constant time. The bearer scheme appears in the OpenAPI
    document only when a token is configured."""
    if settings.token is None:
        def no_token() -> None:
            return None

        return no_token
    token = settings.token
    bearer = HTTPBearer(auto_error=False, description="needed for writes: the server has a token configured")

    # (a default, not Annotated: annotations are strings here and `bearer` is local)
    def require_token(credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:  # noqa: B008
        given = credentials.credentials if credentials else ""
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise HTTPException(401, "a bearer token is required for writes: send 'Authorization: Bearer <token>'",
                                headers={"WWW-Authenticate": "Bearer"})

    return require_token
