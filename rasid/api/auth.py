"""The write token: when the settings have one, writes need `Authorization: Bearer <token>`.

Reads stay open; `rasid serve` warns when it listens beyond this machine without a token.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException

from .settings import Settings


def token_required(settings: Settings) -> Callable[..., None]:
    """A route dependency that lets a write through only with the configured token (any request
    when none is configured). Compared in constant time."""
    bearer = HTTPBearer(auto_error=False, description="needed for writes when the server has a token configured")

    # (a default, not Annotated: annotations are strings here and `bearer` is local)
    def require_token(credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:  # noqa: B008
        if settings.token is None:
            return
        given = credentials.credentials if credentials else ""
        if not hmac.compare_digest(given.encode(), settings.token.encode()):
            raise HTTPException(401, "a bearer token is required for writes: send 'Authorization: Bearer <token>'",
                                headers={"WWW-Authenticate": "Bearer"})

    return require_token
