"""The limits of one request: its body's size and the time its work may take.

`BodySizeLimit` is ASGI middleware: a body over the limit gets 413 before any parsing. It checks
Content-Length first (no byte read), then counts what a chunked upload actually sends, so a client
cannot get past the limit by leaving the length out. `run_limited` runs a route's blocking work
(extraction, the database) in a worker thread and answers 504 when it takes too long.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .settings import Settings

T = TypeVar("T")


async def run_limited(settings: Settings, fn: Callable[..., T], *args: Any) -> T:
    """Run blocking work (extraction, database) in a worker thread, bounded by the timeout.

    A timed-out worker cannot be killed from Python; it finishes in the background while the client
    already has its 504, and the body size limit bounds how long that can be."""
    try:
        return await asyncio.wait_for(run_in_threadpool(fn, *args), timeout=settings.timeout_seconds)
    except TimeoutError:
        raise HTTPException(504, f"request took longer than {settings.timeout_seconds:g} s; "
                                 "send smaller or fewer documents") from None


DRAIN_BYTES = 1024 * 1024 * 1024  # an oversized body is read and dropped up to this much before the 413


class BodySizeLimit:
    """413 for a body over `max_bytes`. A client that sent `Expect: 100-continue` is answered at
    once (it waits and sends nothing); any other client is sending its body anyway, and a server
    that answers and closes while bytes are still arriving resets the connection, so the client
    (Python's urllib, curl without Expect) sees a reset instead of the 413: the rest of the body is
    read and dropped first, up to DRAIN_BYTES, and the connection stays usable."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def _reject(self, send: Send, receive: Receive | None = None) -> None:
        drained = receive is None or await _drain(receive)
        body = json.dumps({"error": f"request body too large: the limit is {self.max_bytes:,} bytes; "
                                    "send fewer or smaller documents per request", "status": 413}).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        if not drained:
            headers.append((b"connection", b"close"))
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None:
            try:
                too_big = int(length) > self.max_bytes
            except ValueError:
                too_big = False
            if too_big:
                waiting = headers.get(b"expect", b"").lower() == b"100-continue"
                await self._reject(send, None if waiting else receive)
                return
        # Read the body here, up to the limit, then hand it on: an exception raised from inside the
        # app's receive() would be turned into a 400 by FastAPI's body parsing.
        chunks: list[bytes] = []
        seen = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            seen += len(chunk)
            more = message.get("more_body", False)
            if seen > self.max_bytes:
                await self._reject(send, receive if more else None)
                return
            chunks.append(chunk)
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _drain(receive: Receive) -> bool:
    """Read and drop the rest of a request body; False when it ran past DRAIN_BYTES or the client left."""
    seen = 0
    while seen <= DRAIN_BYTES:
        message = await receive()
        if message["type"] == "http.disconnect":
            return False
        seen += len(message.get("body", b""))
        if not message.get("more_body", False):
            return True
    return False
