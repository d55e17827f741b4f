"""What an operator can tune without touching code: limits, the write token, trusted hosts, CORS and the database.

Every field has an environment variable (RASID_API_*) so a container or a systemd unit configures
the service the same way `rasid serve` flags do; flags win over the environment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

_MIB = 1024 * 1024


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


def _env_float(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    return float(raw) if raw else default


def _env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


TOKEN_VAR = "RASID_API_TOKEN"
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")


def blank_token(token: str | None) -> bool:
    """A token that is set but empty or only spaces: it would let every write through."""
    return token is not None and not token.strip()


@dataclass(slots=True)
class Settings:
    """Limits and access rules of one API instance.

    max_body_bytes: larger request bodies get 413 before they are parsed (they would only be
    refused later, after costing memory). max_documents: documents per POST /v1/documents.
    timeout_seconds: the longest one request may spend extracting or storing; beyond it 504.
    token: when set, every write (POST /v1/documents) needs `Authorization: Bearer <token>`. An empty
    or blank token is refused (`check`): it is what an unset variable in `--token "$TOKEN"` gives.
    allowed_hosts: Host header names answered besides the loopback names (LOOPBACK_HOSTS); any other
    Host gets 400, so a web page cannot reach a local server by DNS rebinding. '*' allows any.
    cors_origins: empty means no CORS headers at all (the dashboard is served from the same origin).
    db_url: the store's database (None: the store's default, $RASID_DB or the user data dir).
    """

    max_body_bytes: int = field(default_factory=lambda: _env_int("RASID_API_MAX_BODY", 10 * _MIB))
    max_documents: int = field(default_factory=lambda: _env_int("RASID_API_MAX_DOCUMENTS", 100))
    timeout_seconds: float = field(default_factory=lambda: _env_float("RASID_API_TIMEOUT", 60.0))
    max_page: int = field(default_factory=lambda: _env_int("RASID_API_MAX_PAGE", 1000))
    token: str | None = field(default_factory=lambda: os.environ.get(TOKEN_VAR))
    allowed_hosts: list[str] = field(default_factory=lambda: _env_list("RASID_API_ALLOWED_HOSTS"))
    cors_origins: list[str] = field(default_factory=lambda: _env_list("RASID_API_CORS_ORIGINS"))
    db_url: str | None = field(default_factory=lambda: os.environ.get("RASID_DB") or None)

    def check(self) -> None:
        """Refuse settings that would open the server by accident (ValueError)."""
        if blank_token(self.token):
            raise ValueError("the write token is empty: an empty token would let anyone write; "
                             f"give a real token (--token or ${TOKEN_VAR}) or none at all")

    def trusted_hosts(self) -> list[str]:
        """Host header names to answer: the loopback names and `allowed_hosts` (IPv6 also in brackets)."""
        names = [*LOOPBACK_HOSTS, *self.allowed_hosts]
        return list(dict.fromkeys(n for name in names for n in (name, f"[{name}]" if ":" in name and name[:1] != "[" else name)))
