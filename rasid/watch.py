"""Watching sources: poll feeds, news index pages and folders, store what is new, raise alerts.

`rasid watch` runs as a long-lived service (docs/watch.md). Each source is polled every `every`
seconds; a source that fails (a timeout, a 5xx, a malformed feed) waits twice as long after each
failure in a row, up to `MAX_BACKOFF`, and does not hold up the others. What a poll found is stored
with the store's own deduplication (same URL or same text: one document), and what the watcher
remembers lives in the store too (`watch_sources`, `watch_items`), so a restart, even after
kill -9, fetches nothing twice that it had stored and loses nothing it had not:
- a feed's validators (ETag, Last-Modified) are saved only once every item of that answer is
  stored: a process killed mid-poll asks again and gets the items, not a 304;
- an item (a feed entry, a linked page, a file) is marked handled after its document is stored;
- alerts are recorded in the store and sent at most once (rasid/alerts.py).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final
from urllib.parse import urljoin, urlsplit

from sqlalchemy import select

from .contract import Document
from .inputs import MAX_FILE_BYTES, Reject, decode, documents_from_feed, html_to_document, read_path, sniff
from .store import Store
from .store.schema import WatchItemRow, WatchSourceRow

log = logging.getLogger("rasid.watch")

TIMEOUT: Final = 20.0  # seconds per request
MAX_BACKOFF: Final = 3600.0  # seconds: the longest a failing source waits
MAX_LINKS: Final = 30  # article links followed per poll of an index page
SHORT_ENTRY: Final = 400  # characters: a feed entry this short is a teaser; its page is fetched
CONCURRENCY: Final = 4  # sources fetched at once (one request at a time per source)
USER_AGENT: Final = "rasid-watch/0.1 (+https://github.com/rasid)"
_HREF: Final = re.compile(r"""<a\s[^>]*href\s*=\s*["']([^"'#]+)["']""", re.IGNORECASE)


def parse_every(text: str) -> float:
    """'90s', '5m', '1h' or plain seconds → seconds (at least one)."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*", text)
    if not m:
        raise ValueError(f"not a poll interval: {text!r} (say 90s, 5m or 1h)")
    value = float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[m.group(2)]
    if value < 1:
        raise ValueError(f"a poll interval of {text!r} is too short (at least 1s)")
    return value


def read_sources(path: Path) -> list[str]:
    """Sources listed one per line in a file (blank lines and # comments skipped)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [s for s in (line.split("#", 1)[0].strip() for line in lines) if s]


@dataclass
class Fetched:
    """What one poll of one source brought back, before anything is stored."""

    source: str
    items: list[tuple[str, Document | Reject]] = field(default_factory=list)  # (item key, document)
    validators: tuple[str | None, str | None] | None = None  # ETag, Last-Modified to save after storing
    status: str = ""  # what the server answered, for the log line
    error: str | None = None  # the poll failed as a whole


@dataclass
class PollReport:
    """One line per poll: what was new, stored, failed."""

    source: str
    status: str
    new: int = 0
    stored: int = 0
    events: int = 0
    failed: int = 0
    error: str | None = None
    seconds: float = 0.0

    def line(self) -> str:
        if self.error:
            return f"poll {self.source}: FAILED {self.error} ({self.seconds:.1f} s)"
        return (f"poll {self.source}: {self.status}, {self.new} new, {self.stored} stored, {self.events} events"
                + (f", {self.failed} failed" if self.failed else "") + f" ({self.seconds:.1f} s)")


class Watcher:
    """Polls sources into a store (see the module docstring)."""

    def __init__(self, store: Store, sources: list[str], every: float,
                 fetch: Callable[..., Any] | None = None) -> None:
        self.store = store
        self.sources = list(dict.fromkeys(sources))
        self.every = every
        self._client = None if fetch is not None else _client()
        self._get = fetch or self._client.get  # type: ignore[union-attr]
        self.stopping = threading.Event()

    # ---- state ------------------------------------------------------------------------------

    def _state(self, source: str) -> WatchSourceRow:
        with self.store.session.begin() as s:
            row = s.get(WatchSourceRow, source)
            if row is None:
                row = WatchSourceRow(source=source, failures=0, items=0, errors=0)
                s.add(row)
                s.flush()
            s.expunge(row)
        return row

    def _seen(self, source: str, keys: list[str]) -> set[str]:
        if not keys:
            return set()
        with self.store.session() as s:
            return set(s.scalars(select(WatchItemRow.item).where(WatchItemRow.source == source,
                                                                   WatchItemRow.item.in_(keys))))

    def due(self, now: dt.datetime) -> list[str]:
        """The sources whose next poll time has come (all of them the first time): one read, as the
        service asks every second."""
        with self.store.session() as s:
            rows = s.execute(select(WatchSourceRow.source, WatchSourceRow.next_poll)
                             .where(WatchSourceRow.source.in_(self.sources))).all()
        next_poll: dict[str, dt.datetime | None] = {src: when for src, when in rows}
        return [src for src in self.sources if (when := next_poll.get(src)) is None or _aware(when) <= now]

    # ---- fetching (threads: no store writes here) ---------------------------------------------

    def fetch(self, source: str) -> Fetched:
        state = self._state(source)
        got = Fetched(source)
        try:
            if "://" not in source:
                self._fetch_folder(Path(source), got)
            else:
                self._fetch_url(source, state, got)
        except Exception as exc:  # noqa: BLE001 - a failing source must not stop the others
            got.error = f"{type(exc).__name__}: {exc}"
        return got

    def _fetch_folder(self, folder: Path, got: Fetched) -> None:
        if not folder.is_dir():
            raise FileNotFoundError(f"no such folder: {folder}")
        files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
        keys = {f"{p.relative_to(folder)}:{p.stat().st_size}:{p.stat().st_mtime_ns}": p for p in files}
        seen = self._seen(str(folder), list(keys))
        for key, path in keys.items():
            if key not in seen:
                for doc in read_path(path, None, name=str(path.relative_to(folder))):
                    got.items.append((key, doc))
        got.status = f"{len(files)} files"

    def _fetch_url(self, url: str, state: WatchSourceRow, got: Fetched) -> None:
        headers = {}
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        r = self._get(url, headers=headers)
        got.status = str(r.status_code)
        if r.status_code == 304:
            return
        if r.status_code >= 400:
            raise RuntimeError(f"HTTP {r.status_code}")
        text = _text(r.content)
        kind = sniff(text)
        if kind == "feed":
            self._feed_items(url, text, got)
        elif kind == "html":
            self._index_items(url, text, got)
        else:
            raise ValueError(f"neither a feed nor a web page ({kind})")
        got.validators = (r.headers.get("ETag"), r.headers.get("Last-Modified"))

    def _feed_items(self, url: str, text: str, got: Fetched) -> None:
        entries = [e for e in documents_from_feed(text, url) if isinstance(e, Reject) or e.text.strip()]
        if not entries:
            raise ValueError("a malformed feed: no entry with any text")
        if len(entries) == 1 and isinstance(entries[0], Reject):
            raise ValueError(entries[0].error)
        keyed = [(doc.url or doc.id if isinstance(doc, Document) else doc.id, doc) for doc in entries]
        seen = self._seen(url, [k for k, _ in keyed])
        for key, doc in keyed:
            if key in seen:
                continue
            if isinstance(doc, Document) and doc.url and len(doc.text) < SHORT_ENTRY:
                page = self._page(doc.url, doc.published)
                if isinstance(page, Document):
                    doc = page.model_copy(update={"title": page.title or doc.title,
                                                  "outlet": page.outlet or doc.outlet})
            got.items.append((key, doc))

    def _index_items(self, url: str, html: str, got: Fetched) -> None:
        links = _article_links(url, html)
        seen = self._seen(url, links)
        for link in [k for k in links if k not in seen][:MAX_LINKS]:
            got.items.append((link, self._page(link, None)))

    def _page(self, url: str, published: str | None) -> Document | Reject:
        try:
            r = self._get(url)
            if r.status_code >= 400:
                return Reject(url, f"HTTP {r.status_code}")
            return html_to_document(_text(r.content), url, published, url=url)
        except Exception as exc:  # noqa: BLE001 - one bad page is one failed item
            return Reject(url, f"cannot fetch {url}: {type(exc).__name__}: {exc}")

    # ---- storing (the calling thread) -------------------------------------------------------

    def store_poll(self, got: Fetched, seconds: float) -> PollReport:
        report = PollReport(got.source, got.status or "-", seconds=seconds)
        now = dt.datetime.now(dt.UTC)
        if got.error is not None:
            report.error = got.error
            with self.store.session.begin() as s:
                row = s.get(WatchSourceRow, got.source)
                assert row is not None
                row.failures += 1
                row.errors += 1
                row.last_poll, row.last_error = now, got.error
                wait = min(self.every * 2 ** row.failures, max(MAX_BACKOFF, self.every))
                row.next_poll = now + dt.timedelta(seconds=wait)
            return report
        for key, doc in got.items:
            report.new += 1
            if isinstance(doc, Reject):
                report.failed += 1
                log.warning("%s: %s: %s", got.source, doc.id, doc.error)
                continue  # not marked handled: tried again next poll
            else:
                stats = self.store.ingest([doc], on_error=lambda i, e: log.warning("%s: %s: %s", got.source, i, e))
                report.stored += stats.added
                report.events += stats.events
                report.failed += stats.failed
                if stats.failed:
                    continue  # not marked handled: tried again next poll
            with self.store.session.begin() as s:
                if s.get(WatchItemRow, (got.source, key)) is None:
                    s.add(WatchItemRow(source=got.source, item=key, seen_at=now))
        with self.store.session.begin() as s:
            row = s.get(WatchSourceRow, got.source)
            assert row is not None
            if got.validators is not None:
                row.etag, row.last_modified = got.validators
            row.failures = 0
            row.items += report.stored
            row.errors += report.failed
            row.last_poll = row.last_success = now
            row.last_error = None
            row.next_poll = now + dt.timedelta(seconds=self.every)
        return report

    def poll(self, sources: list[str]) -> list[PollReport]:
        """Fetch the sources concurrently, then store what they brought, one source at a time."""
        reports = []
        with ThreadPoolExecutor(max_workers=min(CONCURRENCY, max(1, len(sources)))) as pool:
            started = time.monotonic()
            for got in pool.map(self.fetch, sources):
                reports.append(self.store_poll(got, time.monotonic() - started))
                log.info(reports[-1].line())
        return reports

    def close(self) -> None:
        if self._client is not None:
            self._client.close()


def status(store: Store) -> list[WatchSourceRow]:
    """Every source the store has watched, with its health."""
    with store.session() as s:
        rows = list(s.scalars(select(WatchSourceRow).order_by(WatchSourceRow.source)))
        for r in rows:
            s.expunge(r)
    return rows


def run(watcher: Watcher, once: bool, after_poll: Callable[[], bool]) -> int:
    """Poll until SIGTERM/SIGINT (or once): 0, or 1 when a source or a delivery failed in a
    `once` run. `after_poll` queues and delivers alerts and says whether all went well."""
    failed = False

    def stop(signum: int, _: Any) -> None:
        log.info("signal %d: stopping after this step", signum)
        watcher.stopping.set()

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
    first = True
    while not watcher.stopping.is_set():
        due = watcher.sources if (once and first) else watcher.due(dt.datetime.now(dt.UTC))
        first = False
        if due:
            reports = watcher.poll(due)
            failed = failed or any(r.error for r in reports)
            failed = not after_poll() or failed
        if once:
            break
        watcher.stopping.wait(1.0)
    watcher.close()
    return 1 if failed else 0


def _client() -> Any:
    import httpx

    return httpx.Client(timeout=TIMEOUT, follow_redirects=True, headers={"User-Agent": USER_AGENT},
                        limits=httpx.Limits(max_connections=CONCURRENCY * 2))


def _text(data: bytes) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(f"response too large (over {MAX_FILE_BYTES:,} bytes)")
    return decode(data)


def _aware(t: dt.datetime) -> dt.datetime:
    return t if t.tzinfo else t.replace(tzinfo=dt.UTC)


def _article_links(base: str, html: str) -> list[str]:
    """Links of an index page that look like articles: same host, a path of some depth or with a
    number in it (sections and tag pages are shallow), in page order."""
    host = urlsplit(base).netloc
    out: list[str] = []
    for href in _HREF.findall(html):
        url = urljoin(base, href.strip())
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or parts.netloc != host or url.rstrip("/") == base.rstrip("/"):
            continue
        path = parts.path.strip("/")
        if path.count("/") >= 1 or any(c.isdigit() for c in path):
            out.append(url)
    return list(dict.fromkeys(out))


def sources_of(args_sources: list[str], file: Path | None) -> Iterator[str]:
    yield from args_sources
    if file is not None:
        yield from read_sources(file)
