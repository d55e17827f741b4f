"""The limits of one request: its body's size and the time its work may take.

`BodySizeLimit` is ASGI middleware: a body over the limit gets 413 before any parsing. It checks
Content-Length first (no byte read), then counts what a chunked upload actually sends, so a client
cannot get past the limit by leaving the length out. `run_limited` runs a route's blocking work
(the database) in a worker thread and answers 504 when it takes too long. `run_isolated` runs
extraction in a worker process instead, killed when its request times out: a thread cannot be
stopped, so a request that timed out would keep a core busy after its client got the 504.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
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
# Extraction processes at most: more requests wait for one (the work is CPU-bound and pure Python).
EXTRACT_PROCESSES = max(1, min(4, (os.cpu_count() or 1)))


def _serve(conn: Connection) -> None:
    """A worker process: run each (function, arguments) received, send back the result or the error."""
    while True:
        try:
            fn, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send((True, fn(*args)))
        except Exception as exc:  # noqa: BLE001 - the request's error, raised again in the server
            conn.send((False, exc))


class _Worker:
    def __init__(self) -> None:
        # spawn, not fork: the server has threads, and a fork copies their locks in whatever state
        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child,), daemon=True, name="rasid-extract")
        self.process.start()
        child.close()

    def call(self, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
        self.conn.send((fn, args))
        ok, value = self.conn.recv()
        if not ok:
            raise value
        return value  # type: ignore[no-any-return]

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerProcesses:
    """Up to `size` extraction processes, each reused request after request; one whose request
    timed out is killed (and a new one started when needed), so the server is free again at once."""

    def __init__(self, size: int = EXTRACT_PROCESSES) -> None:
        self.size = size
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        self._slots = threading.Semaphore(size)

    def _take(self) -> _Worker:
        with self._lock:
            if self._idle:
                return self._idle.pop()
        return _Worker()

    def _give_back(self, worker: _Worker) -> None:
        with self._lock:
            self._idle.append(worker)

    async def run(self, timeout: float, fn: Callable[..., T], *args: Any) -> T:
        """`fn(*args)` in a worker process; TimeoutError (the worker killed) after `timeout` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not self._slots.acquire(blocking=False):  # all busy: wait without holding a thread
            if loop.time() >= deadline:
                raise TimeoutError
            await asyncio.sleep(0.05)
        try:
            worker = await loop.run_in_executor(None, self._take)
            task = loop.run_in_executor(None, worker.call, fn, args)
            task.add_done_callback(lambda done: done.cancelled() or done.exception())  # (read once killed)
            try:
                result = await asyncio.wait_for(asyncio.shield(task), max(0.0, deadline - loop.time()))
            except TimeoutError:
                worker.kill()  # the executor thread waiting on it gets EOFError and ends
                raise
            except BaseException:
                worker.kill()  # (a broken pipe or a cancelled request: not reused)
                raise
            self._give_back(worker)
            return result
        finally:
            self._slots.release()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.kill()


_PROCESSES: WorkerProcesses | None = None
_PROCESSES_LOCK = threading.Lock()


def worker_processes() -> WorkerProcesses:
    """The server's extraction processes (started when first needed)."""
    global _PROCESSES
    with _PROCESSES_LOCK:
        if _PROCESSES is None:
            _PROCESSES = WorkerProcesses()
        return _PROCESSES


async def run_isolated(settings: Settings, fn: Callable[..., T], *args: Any) -> T:
    """Run CPU-bound work (extraction) in a worker process, killed when the timeout passes: 504 then,
    and nothing of the request keeps running. `fn`, its arguments and its result must pickle."""
    try:
        return await worker_processes().run(settings.timeout_seconds, fn, *args)
    except TimeoutError:
        raise HTTPException(504, f"request took longer than {settings.timeout_seconds:g} s; "
                                 "send smaller or fewer documents") from None


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
