"""A request's work is bounded (issue 18): extraction runs in a worker process that is killed when
its request times out, so the server is free again at once."""

from __future__ import annotations

import asyncio
import time

import pytest
from fastapi.testclient import TestClient

from rasid.api import Settings, create_app
from rasid.api.limits import WorkerProcesses


def test_a_timed_out_worker_is_killed_and_the_next_call_works() -> None:
    pool = WorkerProcesses(size=1)
    try:
        started = time.monotonic()
        with pytest.raises(TimeoutError):
            asyncio.run(pool.run(4.0, time.sleep, 120))
        assert time.monotonic() - started < 15
        assert pool._idle == []  # the worker was killed, not given back
        assert asyncio.run(pool.run(30.0, pow, 2, 10)) == 1024
        assert len(pool._idle) == 1 and pool._idle[0].process.is_alive()  # reused after a success
    finally:
        pool.close()


def test_an_error_in_the_worker_reaches_the_caller() -> None:
    pool = WorkerProcesses(size=1)
    try:
        with pytest.raises(ValueError):
            asyncio.run(pool.run(30.0, int, "not a number"))
    finally:
        pool.close()


def test_extract_answers_504_and_the_server_is_free_again() -> None:
    settings = Settings()
    settings.db_url = None
    settings.timeout_seconds = 3.0
    api = TestClient(create_app(settings), base_url="http://localhost")  # a trusted host
    slow = "قتل مسلحون خمسة جنود في هجوم على حاجز، " * 40_000  # ~1.6 MB: far longer than 3 s
    started = time.monotonic()
    r = api.post("/v1/extract", json={"text": slow, "published": "2024-01-01"})
    assert r.status_code == 504
    assert time.monotonic() - started < 20
    r = api.post("/v1/extract", json={"text": "قتل مسلحون خمسة جنود في هجوم على حاجز في درعا.",
                                      "published": "2024-01-01"})
    assert r.status_code == 200 and r.json()["events"]
