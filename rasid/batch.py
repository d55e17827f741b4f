"""Batch extraction: many documents, in input order, on one core, N local processes or a Dask cluster.

    for result in run(read_inputs(paths), workers=4):
        sink.write(result)

`run` is the one loop every bulk command shares (`rasid extract`, `rasid ingest`). Documents travel
in chunks so that inter-process traffic is a few large messages rather than many small ones; at
most a few chunks per worker are in flight, so memory stays bounded on corpora of any size (the
input is read lazily, results are yielded as soon as everything before them is done). Every engine
runs the same `process_chunk`, so a cluster writes exactly what a local run writes.
"""

from __future__ import annotations

import gc
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .contract import Document, DocumentResult
    from .inputs import Reject

ENGINES = ("local", "dask")
CHUNK_DOCS = 64  # documents per chunk ...
CHUNK_CHARS = 400_000  # ... or fewer when they are long articles
IN_FLIGHT_PER_WORKER = 3  # chunks queued per worker: enough to keep it busy, few enough to bound memory


def process_chunk(items: list[Document | Reject], published: str | None = None, plain: bool = False) -> list[Any]:
    """Results of a chunk (runs in the worker): `pipeline.result_for` of every item, so a Reject
    or a document that crashes the pipeline becomes an error record and the rest is unaffected.
    With `plain`, the results as the pipeline builds them (`plain.DocumentResult`, `rasid
    extract`), not the contract's models."""
    from .pipeline.run import plain_result_for, result_for

    one = plain_result_for if plain else result_for
    with _collector_paused():
        return [one(item, published) for item in items]


# Chunks between two full collections of everything the collector was kept from (see below).
FULL_COLLECTION_EVERY = 1024
_chunks_frozen = 0


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused for one chunk, and what outlives the chunk kept out of its
    sight until the next full collection.

    Extraction allocates many short-lived objects and no reference cycles (a document's objects
    are freed as it ends), so collections during a chunk find nothing; they cost about 7% of the
    run. What is still alive when a chunk ends (the lexicons, automata and gazetteer after the
    first, then the chunk's results and the words the scanner remembered) is moved out of the
    collector's generations by `gc.freeze`, so no collection walks it again: walking the
    survivors of every chunk cost another 3%. A cycle made in a chunk would then wait for the
    collection of everything that runs every `FULL_COLLECTION_EVERY` chunks (tens of
    milliseconds, every hundred thousand or so documents), which bounds what it can hold."""
    global _chunks_frozen
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            _chunks_frozen += 1
            if _chunks_frozen > FULL_COLLECTION_EVERY:
                gc.unfreeze()
                gc.collect()
                _chunks_frozen = 1
            gc.freeze()
            gc.enable()


def _chunks(items: Iterable[Document | Reject]) -> Iterator[list[Document | Reject]]:
    chunk: list[Document | Reject] = []
    chars = 0
    for item in items:
        chunk.append(item)
        chars += len(getattr(item, "text", "") or "")
        if len(chunk) >= CHUNK_DOCS or chars >= CHUNK_CHARS:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


def _ordered(chunks: Iterator[list[Document | Reject]], submit: Callable[[list[Document | Reject]], Any],
             wait: Callable[[Any], list[DocumentResult]], limit: int) -> Iterator[list[DocumentResult]]:
    """Submit chunks with at most `limit` outstanding and give back their results in input order."""
    pending: deque[Any] = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        while len(pending) >= limit:
            yield wait(pending.popleft())
    while pending:
        yield wait(pending.popleft())


def _local(chunks: Iterator[list[Document | Reject]], published: str | None, workers: int,
           plain: bool) -> Iterator[list[Any]]:
    if workers <= 1:
        for chunk in chunks:
            yield process_chunk(chunk, published, plain)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from _ordered(chunks, lambda chunk: pool.submit(process_chunk, chunk, published, plain),
                            lambda f: f.result(), workers * IN_FLIGHT_PER_WORKER)


def _dask(chunks: Iterator[list[Document | Reject]], published: str | None, workers: int,
          scheduler: str | None, plain: bool) -> Iterator[list[Any]]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise RuntimeError("the dask engine needs dask[distributed]: pip install 'rasid[dask]'") from exc
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        n = workers if workers > 1 else (os.cpu_count() or 1)
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        limit = max(1, sum(client.nthreads().values())) * IN_FLIGHT_PER_WORKER
        yield from _ordered(chunks, lambda chunk: client.submit(process_chunk, chunk, published, plain, pure=False),
                            lambda f: f.result(), limit)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run(items: Iterable[Document | Reject], workers: int = 1, engine: str = "local", scheduler: str | None = None,
        progress: bool = True, total: int | None = None, published: str | None = None,
        plain: bool = False) -> Iterator[Any]:
    """Results of every item, in input order: a `Reject` becomes an error record, a `Document` its
    extraction (`published` is the date of documents that carry none); with `plain`, as the pipeline
    builds them (`plain.DocumentResult`), else the contract's `DocumentResult`s. `workers` local processes (1: in this process), or with `engine="dask"` the Dask
    cluster at `scheduler` (a LocalCluster of `workers` processes when None). A progress bar on
    stderr shows documents/s, the ETA when `total` (or `len(items)`) is known, and events found;
    it stays quiet when `progress` is False or stderr is not a terminal."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    chunks = _chunks(items)
    batches = (_dask(chunks, published, workers, scheduler, plain) if engine == "dask"
               else _local(chunks, published, workers, plain))
    bar = progress_bar(total) if progress and sys.stderr.isatty() else None
    events = 0
    try:
        for results in batches:
            yield from results
            if bar is not None:
                events += sum(len(r.events) for r in results)
                bar.update(len(results))
                bar.set_postfix(events=events, refresh=False)
    finally:
        if bar is not None:
            bar.close()


def progress_bar(total: int | None) -> Any:
    """A tqdm bar on stderr counting documents (rate, and the ETA when `total` is known)."""
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", unit_scale=True, dynamic_ncols=True, file=sys.stderr, smoothing=0.1)
