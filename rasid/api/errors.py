"""Every error the API returns is JSON of one shape: {"error": message, "status": code, ...}.

Clients (and the dashboard) then show `error` as it is; FastAPI's default {"detail": ...} shape,
which differs between validation errors and the rest, never reaches them. The routes document
their errors with `error_doc` and the shared sets below (OpenAPI `responses`).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("rasid.api")


class ErrorBody(BaseModel):
    """What every 4xx/5xx response carries."""

    error: str
    status: int
    problems: list[str] | None = None


def error_doc(description: str) -> dict[str, Any]:
    """One documented error response (an entry of a route's OpenAPI `responses`)."""
    return {"model": ErrorBody, "description": description}


COMMON_ERRORS: dict[int | str, dict[str, Any]] = {
    400: error_doc("the body is not UTF-8 JSON"),
    413: error_doc("request body larger than the configured limit"),
    422: error_doc("the request does not have the documented shape"),
    500: error_doc("unexpected failure"),
    504: error_doc("the request took longer than the configured timeout"),
}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **COMMON_ERRORS, 401: error_doc("a token is configured and the request did not carry it")}


def error_response(status: int, message: str, problems: list[str] | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    body: dict[str, Any] = {"error": message, "status": status}
    if problems:
        body["problems"] = problems
    return JSONResponse(body, status_code=status, headers=headers)


def _where(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path")]
    return ".".join(parts) or "request"


def describe_validation(exc: RequestValidationError) -> list[str]:
    """One readable line per problem ('published: Input should be a valid string')."""
    lines = []
    for err in exc.errors():
        loc = tuple(err.get("loc", ()))
        # Unions report each branch; the branch name ('ExtractText') says nothing to a client.
        loc = tuple(p for p in loc if not (isinstance(p, str) and p[:1].isupper()))
        lines.append(f"{_where(loc)}: {err.get('msg', 'invalid')}")
    return list(dict.fromkeys(lines))


_STATUS_TEXT = {404: "not found", 405: "method not allowed"}


def install(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(_: Request, exc: HTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) and exc.detail else _STATUS_TEXT.get(exc.status_code, "error")
        if message == "There was an error parsing the body":
            message = "the request body is not valid UTF-8 JSON"
        elif message == "Not Found":
            message = "not found"
        elif message == "Method Not Allowed":
            message = "method not allowed"
        return error_response(exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = describe_validation(exc)
        return error_response(422, "invalid request: " + "; ".join(problems[:3]), problems)

    from sqlalchemy.exc import OperationalError

    from ..store import StoreError

    @app.exception_handler(OperationalError)
    async def database_down(request: Request, exc: OperationalError) -> JSONResponse:
        log.error("database error on %s %s: %s", request.method, request.url.path, exc.orig)
        return error_response(503, "the database is unavailable")

    @app.exception_handler(StoreError)
    async def unusable_store(request: Request, exc: StoreError) -> JSONResponse:
        log.error("database unusable on %s %s: %s", request.method, request.url.path, exc)
        return error_response(503, f"the database cannot be used: {exc.reason}")


class CatchAll:
    """ASGI middleware answering any unhandled exception with a JSON 500. (An exception handler for
    `Exception` runs in Starlette's outermost middleware, which sends its response and then raises
    again, and uvicorn closes the keep-alive connection on that; this one returns normally.)"""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as exc:
            if started:  # half a response is out: only closing the connection can end it
                raise
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            await error_response(500, f"internal error: {type(exc).__name__}")(scope, receive, send)
