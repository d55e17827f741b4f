"""The event store: what Rasid extracted, kept once, linked into incidents, ready to query.

    from rasid.store import Store
    with Store("sqlite:///events.db") as store:       # or None: RASID_DB, else the user data dir
        store.ingest(read_inputs(["corpus.jsonl"]))
        for inc in store.incidents(Filters(country="SYR")):
            ...

Embedded SQLite by default, PostgreSQL by URL (`postgresql://user:pass@host/db`, driven by psycopg 3).
The schema is migrated with Alembic to the newest revision every time a store opens.

Ingestion is idempotent and transactional: a document already stored (same URL or same text) is
skipped before it is processed, and everything one document yields (its row, events, claims, new
actors and places, incident links) commits in one transaction, so a killed run leaves only whole
documents behind and the next run carries on where it stopped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self
from urllib.parse import quote

from sqlalchemy import Engine, and_, create_engine, delete, event, exists, func, inspect, or_, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from ..contract import Document, DocumentResult, Event
from ..text import fold
from .linking import Members, Report, agreeing_incidents, day_span, mergeable, report_of
from .rows import (
    _CANDIDATE_DAYS,
    _UNDATED_CANDIDATES,
    _iso_date,
    _Member,
    _overlaps,
    actor_row,
    claim_columns,
    document_columns,
    event_columns,
    incident_summary,
    place_row,
)
from .schema import ActorRow, ClaimRow, DocumentRow, EventRow, IncidentRow, PlaceRow
from .values import STORE_ERRORS, Refused, clean_text, reason, storable_document, storable_result
from .vocabulary import admin1_matches, country_code

__all__ = ["Filters", "IngestStats", "Refused", "Store", "StoreError", "StoredEvent", "StoredIncident", "content_hash",
           "default_url", "sqlite_file"]

ENV_VAR = "RASID_DB"

_MIGRATIONS = Path(__file__).with_name("migrations")


def _row_id(s: Session, table: type[ActorRow | PlaceRow], key: str, fields: dict[str, Any]) -> int:
    """The id of the actor or place row with this key, created on first sight (rows are shared by
    every event that names the same actor or place)."""
    found = s.scalar(select(table.id).where(table.key == key))
    if found is not None:
        return found
    row = table(key=key, **fields)
    s.add(row)
    s.flush()
    return row.id


def default_url() -> str:
    """$RASID_DB, else an SQLite file in the user's data directory (created on first use)."""
    if os.environ.get(ENV_VAR):
        return os.environ[ENV_VAR]
    from platformdirs import user_data_path

    folder = user_data_path("rasid", appauthor=False)
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'rasid.db'}"


def normalise_url(url: str) -> str:
    """A database URL from what a user types: a bare path means an SQLite file; postgres URLs use
    psycopg 3 (SQLAlchemy's default PostgreSQL driver is psycopg2, which Rasid does not install)."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def sqlite_file(url: str | None) -> Path | None:
    """The file of an SQLite database URL or path (None for other databases and in-memory SQLite)."""
    parsed = make_url(normalise_url(url or default_url()))
    if not parsed.drivername.startswith("sqlite") or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def content_hash(text: str) -> str:
    """Identity of a document's text: the same article fetched twice hashes the same (also before and
    after `values.clean_text`, which makes a NUL a space and a lone surrogate U+FFFD)."""
    return hashlib.sha256(" ".join(clean_text(text).split()).encode("utf-8")).hexdigest()


def _chunked(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclass(frozen=True, slots=True)
class Filters:
    """What `rasid events`, `rasid incidents` and the exports select. Empty fields select all."""

    since: dt.date | None = None
    until: dt.date | None = None
    plover: str | None = None
    acled_type: str | None = None  # ACLED event type ('Battles', ...)
    country: str | None = None  # ISO3, or a name in English or Arabic ('SYR', 'Syria', 'سوريا')
    admin1: str | None = None  # whatever its script, diacritics or 'محافظة' ('الحسكة' = 'Al Hasakah' = 'Al Ḩasakah')
    actor: str | None = None
    certainty: str | None = None
    limit: int | None = None
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north (west > east: across 180°)
    ids: tuple[int, ...] | None = None  # these records only
    after: int | None = None  # keyset paging (the HTTP API): ids above this, in id order; 0 for the first page


@dataclass(slots=True)
class StoredEvent:
    """An EVENT record as stored, with its ids and the document it came from."""

    id: int
    document_id: int
    incident_id: int | None
    record: dict[str, Any]
    published: dt.date | None
    outlet: str | None
    url: str | None
    title: str | None
    source_id: str

    @property
    def event(self) -> Event:
        return Event.model_validate(self.record)

    @property
    def day(self) -> dt.date | None:
        """The event's date, else its document's publication date."""
        return _iso_date(self.record.get("date")) or self.published

    @property
    def document(self) -> dict[str, Any]:
        """The document it came from as its input named it: DocumentRef of the contract."""
        return {"id": self.source_id, "url": self.url, "outlet": self.outlet,
                "published": self.published.isoformat() if self.published else None}

    def to_json(self) -> dict[str, Any]:
        """The contract EVENT plus `id`, `document_id`, `incident_id` and `document` (DocumentRef)."""
        return {"id": self.id, "document_id": self.document_id, "incident_id": self.incident_id, **self.record,
                "document": self.document}


@dataclass(slots=True)
class StoredIncident:
    """One happening on one day with every report of it."""

    id: int
    plover: str
    plover_mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    date: dt.date | None
    time_precision: int | None
    location: dict[str, Any] | None
    fatalities: int | None
    fatalities_max: int | None
    updated_at: dt.datetime
    reports: list[StoredEvent] = field(default_factory=list)

    @property
    def fatalities_range(self) -> list[int] | None:
        return None if self.fatalities is None else [self.fatalities, self.fatalities_max or self.fatalities]

    @property
    def fatalities_reported(self) -> list[int]:
        """Every distinct figure the reports state (a denial's aside), lowest first: 200, 235 and 305."""
        return sorted({f for r in self.reports if r.record.get("certainty") != "denied"
                       and (f := r.record.get("fatalities")) is not None})

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "plover": self.plover, "plover_mode": self.plover_mode,
            "acled_event_type": self.acled_event_type, "acled_sub_event_type": self.acled_sub_event_type,
            "date": self.date.isoformat() if self.date else None, "time_precision": self.time_precision,
            "location": self.location, "fatalities": self.fatalities, "fatalities_range": self.fatalities_range,
            "fatalities_reported": self.fatalities_reported,
            "reports": [{
                "document_id": r.document_id, "event_id": r.id,
                "claimed_by": (r.record.get("claimed_by") or {}).get("text"),
                "certainty": r.record.get("certainty", "asserted"), "fatalities": r.record.get("fatalities"),
                "outlet": r.outlet, "url": r.url, "document": r.document,
            } for r in self.reports],
        }


@dataclass(slots=True)
class IngestStats:
    added: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0
    copies: int = 0  # near-duplicates of stored documents, stored as their copies without events
    changed: int = 0  # stored (added or copies) with values no database keeps changed (rasid.store.values)

    def line(self) -> str:
        return (f"{self.added} documents stored ({self.events} events), {self.copies} copies of stored documents, "
                f"{self.skipped} already stored, {self.failed} could not be stored"
                + (f", {self.changed} stored with changes" if self.changed else ""))


class StoreError(Exception):
    """A database Rasid cannot use as it is: not Rasid's, made by a newer Rasid, or one that cannot
    be opened or written. `reason` says why and what to do, without the database's address."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.reason = reason


def _sqlite_pragmas(engine: Engine, read_only: bool = False) -> None:
    """WAL (readers never block the writer; a killed writer loses only its open transaction),
    foreign keys on, and BEGIN IMMEDIATE so two writers queue instead of failing mid-transaction.
    A read-only connection sets no journal mode and opens plain (deferred) transactions."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _: Any) -> None:
        dbapi_conn.isolation_level = None  # let SQLAlchemy's BEGIN below open transactions
        cur = dbapi_conn.cursor()
        if engine.url.database not in (None, "", ":memory:") and not read_only:
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=60000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


_RASID_TABLES = {"documents", "events", "incidents"}


def migrate(engine: Engine, upgrade: bool = True, where: str | None = None) -> bool:
    """Bring the schema to the newest Alembic revision (a no-op when it is there already); True when
    it is there. With `upgrade` False, only check. Raises StoreError for a database that is not
    Rasid's (other tables, no migration record) or that a newer Rasid has migrated beyond this one."""
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    scripts = ScriptDirectory.from_config(cfg)
    head = scripts.get_current_head()
    where = where or engine.url.render_as_string(hide_password=True)
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        tables = set(inspect(conn).get_table_names()) - {"alembic_version"}
    if current == head:
        return True
    if current is None and tables:
        if _RASID_TABLES <= tables:
            raise StoreError(where, "it has Rasid's tables but no migration record (table alembic_version), so its "
                                    "schema version is unknown; restore it from a backup or ingest into a new database")
        raise StoreError(where, f"not a Rasid database: it holds other tables ({', '.join(sorted(tables)[:5])}); "
                                "give Rasid a database of its own (--db)")
    try:
        if current is not None:
            scripts.get_revision(current)
    except CommandError:
        raise StoreError(where, f"its schema is at revision {current}, which this Rasid does not know (it knows up "
                                f"to {head}): a newer Rasid made it; upgrade Rasid to use it") from None
    if not upgrade:
        return False
    from alembic import command

    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return True


def _explain(exc: DatabaseError) -> str:
    """What a driver's failure to open a database means for the user."""
    message = str(getattr(exc, "orig", exc))
    if "file is not a database" in message:
        return "not an SQLite database (the file holds something else); give Rasid a database of its own (--db)"
    if "readonly" in message or "read-only" in message:
        return "the database cannot be written (a read-only file or folder); read commands can still read it " \
               "once it is at this Rasid's schema version"
    if "unable to open" in message:
        return "cannot open or create the database file: its folder must exist and be writable"
    return f"cannot use the database ({type(getattr(exc, 'orig', exc)).__name__})"


class Store:
    """A database of documents, events and incidents (see the module docstring).

    `read_only`: for commands that only read. An SQLite database already at the newest schema is
    then opened read-only (it may be on read-only media or belong to another user); one that needs
    migrating is opened for writing as usual. Opening raises StoreError with a clear reason for a
    database Rasid cannot use."""

    def __init__(self, url: str | None = None, *, echo: bool = False, read_only: bool = False) -> None:
        self.url = normalise_url(url or default_url())
        self.where = make_url(self.url).render_as_string(hide_password=True)  # for messages: no password
        try:
            self.engine = self._open(echo, read_only)
        except DatabaseError as exc:
            raise StoreError(self.where, _explain(exc)) from None
        self.session = sessionmaker(self.engine, expire_on_commit=False)
        self._members: dict[int, _Member] = {}

    def _open(self, echo: bool, read_only: bool) -> Engine:
        file = sqlite_file(self.url)
        if read_only and file is not None and file.exists():
            engine = create_engine(f"sqlite:///file:{quote(str(file))}?mode=ro&uri=true", echo=echo)
            _sqlite_pragmas(engine, read_only=True)
            try:
                current = migrate(engine, upgrade=False, where=self.where)
            except BaseException:
                engine.dispose()
                raise
            if current:
                return engine
            engine.dispose()  # an older schema: migrated below, which needs writing
        engine = create_engine(self.url, echo=echo)
        if engine.dialect.name == "sqlite":
            _sqlite_pragmas(engine)
        try:
            migrate(engine, where=self.where)
        except BaseException:
            engine.dispose()
            raise
        return engine

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    # ---- ingestion ------------------------------------------------------------------------

    def ingest(self, items: Iterable[Any], process: Callable[[Document], DocumentResult] | None = None,
               on_error: Callable[[str, str], None] | None = None, *,
               extract: Callable[[Iterator[Document]], Iterable[DocumentResult]] | None = None,
               bar: Any = None, batch_size: int | None = None, copies: bool = True,
               on_change: Callable[[str, str], None] | None = None) -> IngestStats:
        """Store every document of `items` (Documents; anything else, such as an ingest Reject with
        `id` and `error`, is reported through `on_error`). Processing runs only for new documents:
        each through `process` (default: the pipeline), or all through `extract`, which must give
        their results in order (`rasid.batch.run`: worker processes or a Dask cluster). Writes go
        in batches of `batch_size` documents per transaction (rasid.store.bulk). With `copies`, a
        near-duplicate of a stored document (rasid.store.fingerprint) is stored as its copy, with no
        events. `bar`: a tqdm-like progress bar, updated per document, events as its postfix."""
        from .bulk import BATCH_DOCS, BatchWriter, Pending

        stats = IngestStats()
        writer = BatchWriter(self)
        queue: deque[tuple[str, Any]] = deque()  # every item in input order: ("doc" | "copy" | "skip" | "reject", ...)
        admitted = self._admitted(items, queue, copies)
        if extract is not None:
            results: Iterable[DocumentResult] = extract(admitted)
        else:
            from ..pipeline.run import process as run_pipeline

            results = map(process or run_pipeline, admitted)
        batch: list[Pending] = []

        def fail(doc_id: str, error: str) -> None:
            stats.failed += 1
            if on_error:
                on_error(doc_id, error)

        def flush() -> None:
            for p, doc_id in zip(batch, writer.write(batch), strict=True):
                if isinstance(doc_id, Refused):
                    fail(p.doc.id, f"not stored: {doc_id.reason}")
                    continue
                if doc_id is not None and p.notes:
                    stats.changed += 1
                    for note in p.notes:
                        if on_change:
                            on_change(p.doc.id, note)
                if doc_id is None and p.copy_of is not None and not isinstance(p.copy_of, int) \
                        and p.copy_of not in writer.ids:
                    fail(p.doc.id, "a copy of a document of this run that could not be stored")
                elif doc_id is None:
                    stats.skipped += 1
                elif p.result is None:
                    stats.copies += 1
                else:
                    stats.added += 1
                    stats.events += len(p.result.events)
            if bar is not None:
                bar.update(len(batch))
                bar.set_postfix(events=stats.events, refresh=False)
            batch.clear()

        def take(until_doc: bool) -> Pending | None:
            while queue:
                kind, item = queue.popleft()
                if kind == "doc" and until_doc:
                    return item  # type: ignore[no-any-return]
                if kind == "copy":
                    batch.append(item)
                    continue
                if kind == "skip":
                    stats.skipped += 1
                else:
                    fail(getattr(item, "id", "?"), getattr(item, "error", "not a document"))
                if bar is not None:
                    bar.update(1)
            return None

        for result in results:
            pending = take(until_doc=True)
            assert pending is not None
            if result.error:
                fail(pending.doc.id, result.error)
            else:
                pending.result, pending.notes = storable_result(result, pending.notes)
                batch.append(pending)
            if len(batch) >= (batch_size or BATCH_DOCS):
                flush()
        take(until_doc=False)
        flush()
        return stats

    def _admitted(self, items: Iterable[Any], queue: deque[tuple[str, Any]], copies: bool) -> Iterator[Document]:
        """The documents of `items` that need processing, each put on `queue` with what it is; the
        others (already stored, a copy of a stored one, a reject) only go on the queue."""
        from .bulk import Pending
        from .fingerprint import fingerprint

        index = self._copy_index() if copies else None
        seen: set[str] = set()  # content hashes and URLs of this run
        n = 0
        for chunk in _chunked(items, 256):
            docs = [item for item in chunk if isinstance(item, Document)]
            with self.session() as s:
                from .bulk import _stored

                stored = _stored(s, [content_hash(d.text or "") for d in docs], [d.url for d in docs if d.url])
            for item in chunk:
                if not isinstance(item, Document):
                    queue.append(("reject", item))
                    continue
                item, notes = storable_document(item)
                digest = content_hash(item.text or "")
                if digest in stored or digest in seen or (item.url and (item.url in stored or item.url in seen)):
                    queue.append(("skip", item))
                    continue
                seen.add(digest)
                if item.url:
                    seen.add(item.url)
                n += 1
                pending = Pending(item, digest, ("run", n), notes=notes)
                if index is not None and (fp := fingerprint(item.text or "")) is not None:
                    pending.fingerprint = fp
                    pending.copy_of = index.first_copy(fp)
                    if pending.copy_of is None:
                        index.add(pending.key, fp)
                if pending.copy_of is not None:
                    queue.append(("copy", pending))
                    continue
                queue.append(("doc", pending))
                yield item

    def _copy_index(self) -> Any:
        """The fingerprints of the stored documents that are not copies themselves."""
        from .fingerprint import CopyIndex

        index = CopyIndex()
        with self.session() as s:
            for doc_id, fp in s.execute(select(DocumentRow.id, DocumentRow.fingerprint)
                                        .where(DocumentRow.fingerprint.is_not(None), DocumentRow.duplicate_of.is_(None))
                                        .order_by(DocumentRow.id)):
                index.add(doc_id, fp or b"")
        return index

    def has_document(self, doc: Document) -> bool:
        with self.session() as s:
            return self._find(s, doc.url, content_hash(doc.text or "")) is not None

    @staticmethod
    def _find(s: Session, url: str | None, digest: str) -> int | None:
        cond = DocumentRow.content_hash == digest
        if url:
            cond = or_(cond, DocumentRow.url == url)
        return s.scalar(select(DocumentRow.id).where(cond).limit(1))

    def add(self, doc: Document, result: DocumentResult) -> int | None:
        """Store one processed document in one transaction; None when it was stored already (also
        when another process stored it meanwhile). Returns the new document id. Values no database
        keeps are changed first (rasid.store.values: the changes join the document's warnings);
        raises `Refused` (the document id and why) when the database refuses it even so."""
        doc, notes = storable_document(doc)
        result, _ = storable_result(result, notes)
        digest = content_hash(doc.text or "")
        for attempt in range(3):
            try:
                with self.session.begin() as s:
                    if self._find(s, doc.url, digest) is not None:
                        return None
                    return self._write(s, doc, result, digest)
            except (IntegrityError, OperationalError) as e:
                # A concurrent writer inserted this document, or an actor/place row we were about
                # to create: everything of this document rolled back; look again and retry.
                if attempt == 2:
                    raise Refused(doc.id, reason(e)) from e
            except STORE_ERRORS as e:  # what trying again cannot mend (a value out of range, ...)
                raise Refused(doc.id, reason(e)) from e
        return None

    def _write(self, s: Session, doc: Document, result: DocumentResult, digest: str) -> int:
        published = _iso_date(result.published)
        from .fingerprint import fingerprint

        row = DocumentRow(**document_columns(doc, result.published, result.warnings, digest, fingerprint(doc.text or "")))
        s.add(row)
        s.flush()
        rows = []
        for n, ev in enumerate(result.events):
            record = ev.model_dump(mode="json")
            a1, a2, place = actor_row(record.get("actor1")), actor_row(record.get("actor2")), place_row(record.get("location"))
            erow = EventRow(document_id=row.id, ordinal=n, actor1_id=a1 and _row_id(s, ActorRow, *a1),
                            actor2_id=a2 and _row_id(s, ActorRow, *a2), place_id=place and _row_id(s, PlaceRow, *place),
                            record=record, **event_columns(ev))
            erow.claim = ClaimRow(**claim_columns(ev))
            s.add(erow)
            rows.append(erow)
        s.flush()
        for erow in rows:
            self._link(s, erow, published)
        return row.id

    # ---- incidents ------------------------------------------------------------------------

    def _link(self, s: Session, erow: EventRow, published: dt.date | None) -> None:
        """Attach one new event to the incident it reports, or open a new incident."""
        self._members[erow.id] = _Member(erow.record, published, erow.place_id, report_of(erow.record, published))
        report = self._members[erow.id].report
        members: dict[int, Members] = {}
        candidates = self._candidates(s, report)
        if candidates:
            ids = s.execute(select(EventRow.id, EventRow.incident_id).where(EventRow.incident_id.in_(candidates))
                            .order_by(EventRow.id)).all()
            known = self._load(s, [event_id for event_id, _ in ids])
            for event_id, incident_id in ids:
                if incident_id is not None:
                    members.setdefault(incident_id, Members()).add(known[event_id].report)
        agreeing = agreeing_incidents(report, members.items())
        if not agreeing:
            incident = IncidentRow(plover=report.plover, n_reports=0, updated_at=dt.datetime.now(dt.UTC))
            s.add(incident)
            s.flush()
            agreeing = [incident.id]
        chosen, joined = agreeing[0], members.get(agreeing[0], Members())
        for other in agreeing[1:]:  # a report agreeing with two incidents of one happening joins them
            if mergeable(joined, members[other]):
                s.execute(update(EventRow).where(EventRow.incident_id == other).values(incident_id=chosen))
                s.execute(delete(IncidentRow).where(IncidentRow.id == other))
                joined.absorb(members[other])
        erow.incident_id = chosen
        s.flush()
        self._refresh(s, chosen)

    @staticmethod
    def _candidates(s: Session, report: Report) -> list[int]:
        """Incidents the report might tell (one query over the (plover, country, date) index): of its
        type, on overlapping days; and, as a day cannot rule them out, the undated incidents of its
        type in its country when it is dated, or every one of its type in its country when it is not
        (the latest _UNDATED_CANDIDATES: reports of one happening arrive close together)."""
        same_country = IncidentRow.country == report.country
        if report.first is None or report.last is None:
            if not report.country:  # an undated report links only where the places agree: never without a country
                return []
            return list(s.scalars(select(IncidentRow.id).where(IncidentRow.plover == report.plover, same_country)
                                  .order_by(IncidentRow.id.desc()).limit(_UNDATED_CANDIDATES)))
        window = dt.timedelta(days=_CANDIDATE_DAYS)
        on_days = and_(IncidentRow.date >= report.first - window, IncidentRow.date <= report.last + window)
        undated = and_(same_country, IncidentRow.date.is_(None)) if report.country else None
        return [
            incident_id for incident_id, day, precision in s.execute(
                select(IncidentRow.id, IncidentRow.date, IncidentRow.time_precision)
                .where(IncidentRow.plover == report.plover, on_days if undated is None else or_(on_days, undated))
                .order_by(IncidentRow.id))
            if day is None or _overlaps(day_span(day, precision), report)
        ]

    def _load(self, s: Session, event_ids: list[int]) -> dict[int, _Member]:
        """What linking needs of stored events, read once per process (stored events never change)."""
        missing = [i for i in event_ids if i not in self._members]
        if len(self._members) + len(missing) > 200_000:
            self._members.clear()
            missing = event_ids
        for chunk in range(0, len(missing), 500):
            for event_id, record, pub, place_id in s.execute(
                select(EventRow.id, EventRow.record, DocumentRow.published, EventRow.place_id)
                .join(DocumentRow, EventRow.document_id == DocumentRow.id)
                .where(EventRow.id.in_(missing[chunk:chunk + 500]))
            ):
                self._members[event_id] = _Member(record, pub, place_id, report_of(record, pub))
        return {i: self._members[i] for i in event_ids}

    def _refresh(self, s: Session, incident_id: int) -> None:
        """Recompute what an incident says from all its reports."""
        incident = s.get(IncidentRow, incident_id)
        assert incident is not None
        ids = list(s.scalars(select(EventRow.id).where(EventRow.incident_id == incident_id).order_by(EventRow.id)))
        records = [(m.record, m.published, m.place_id) for m in self._load(s, ids).values()]
        for attr, value in incident_summary(records).items():
            setattr(incident, attr, value)

    def relink(self) -> int:
        """Rebuild every incident from scratch (after the linking rules changed); returns their number."""
        self._members.clear()
        with self.session.begin() as s:
            s.query(EventRow).update({EventRow.incident_id: None})
            s.query(IncidentRow).delete()
            rows = s.execute(select(EventRow, DocumentRow.published)
                             .join(DocumentRow, EventRow.document_id == DocumentRow.id).order_by(EventRow.id)).all()
            for erow, pub in rows:
                self._link(s, erow, pub)
            return s.scalar(select(func.count()).select_from(IncidentRow)) or 0

    # ---- queries --------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows per table (what a rerun must leave unchanged)."""
        with self.session() as s:
            return {t.__tablename__: s.scalar(select(func.count()).select_from(t)) or 0
                    for t in (DocumentRow, EventRow, ClaimRow, ActorRow, PlaceRow, IncidentRow)}

    def admin1_names(self) -> list[str]:
        """The distinct admin1 names of the stored places, sorted."""
        with self.session() as s:
            return sorted(n for n in s.scalars(select(PlaceRow.admin1).distinct()) if n)

    def _admin1_names(self, value: str) -> list[str]:
        """The stored admin1 names that `value` names (see vocabulary.admin1_matches)."""
        return sorted(admin1_matches(value, self.admin1_names()))

    @staticmethod
    def _actor_match(q: str) -> Any:
        # contains(autoescape=True): '%' and '_' in what the user typed are literal, not wildcards
        ids = select(ActorRow.id).where(or_(ActorRow.key.contains(fold(q), autoescape=True), ActorRow.code == q.upper(),
                                            ActorRow.name.icontains(q, autoescape=True)))
        return or_(EventRow.actor1_id.in_(ids), EventRow.actor2_id.in_(ids))

    def events(self, filters: Filters | None = None) -> list[StoredEvent]:
        """Stored events matching the filters, by day then id."""
        filters = filters or Filters()
        q = _paged(self.filtered(filters, EventRow, DocumentRow), filters, EventRow.id, EVENT_DAY)
        if filters.limit:
            q = q.limit(filters.limit)
        with self.session() as s:
            return [_stored(e, d) for e, d in s.execute(q).all()]

    def filtered(self, filters: Filters, *columns: Any) -> Any:
        """SELECT `columns` FROM the events matching the filters (joined with their document, place
        and claim), unordered: what `events` lists and what the dashboard's aggregates group."""
        day = EVENT_DAY
        q = (select(*columns).select_from(EventRow).join(DocumentRow, EventRow.document_id == DocumentRow.id)
             .outerjoin(PlaceRow, EventRow.place_id == PlaceRow.id)
             .join(ClaimRow, ClaimRow.event_id == EventRow.id))
        if filters.since:
            q = q.where(day >= filters.since)
        if filters.until:
            q = q.where(day <= filters.until)
        if filters.plover:
            q = q.where(EventRow.plover == filters.plover.upper())
        if filters.acled_type:
            q = q.where(func.lower(EventRow.acled_event_type) == filters.acled_type.lower())
        if filters.country:
            q = q.where(PlaceRow.country == _country(filters.country))
        if filters.admin1:
            q = q.where(PlaceRow.admin1.in_(self._admin1_names(filters.admin1)))
        if filters.bbox:
            q = q.where(_in_bbox(filters.bbox))
        if filters.certainty:
            q = q.where(ClaimRow.certainty == filters.certainty)
        if filters.actor:
            q = q.where(self._actor_match(filters.actor))
        return q

    def incidents(self, filters: Filters | None = None) -> list[StoredIncident]:
        """Incidents matching the filters (actor and certainty: any of its reports), by day then id."""
        filters = filters or Filters()
        q = select(IncidentRow)
        if filters.since:
            q = q.where(IncidentRow.date >= filters.since)
        if filters.until:
            q = q.where(IncidentRow.date <= filters.until)
        if filters.plover:
            q = q.where(IncidentRow.plover == filters.plover.upper())
        if filters.acled_type:
            q = q.where(func.lower(IncidentRow.acled_event_type) == filters.acled_type.lower())
        if filters.country:
            q = q.where(IncidentRow.country == _country(filters.country))
        if filters.admin1:
            q = q.where(IncidentRow.admin1.in_(self._admin1_names(filters.admin1)))
        if filters.actor:
            q = q.where(exists().where(EventRow.incident_id == IncidentRow.id, self._actor_match(filters.actor)))
        if filters.certainty:
            q = q.where(exists().where(EventRow.incident_id == IncidentRow.id, ClaimRow.event_id == EventRow.id,
                                       ClaimRow.certainty == filters.certainty))
        if filters.bbox:
            q = q.where(IncidentRow.place_id.in_(select(PlaceRow.id).where(_in_bbox(filters.bbox))))
        q = _paged(q, filters, IncidentRow.id, IncidentRow.date)
        if filters.limit:
            q = q.limit(filters.limit)
        q = q.options(selectinload(IncidentRow.events).selectinload(EventRow.document))
        with self.session() as s:
            return [StoredIncident(
                id=i.id, plover=i.plover, plover_mode=i.plover_mode, acled_event_type=i.acled_event_type,
                acled_sub_event_type=i.acled_sub_event_type, date=i.date, time_precision=i.time_precision,
                location=i.location, fatalities=i.fatalities, fatalities_max=i.fatalities_max,
                updated_at=i.updated_at, reports=[_stored(e, e.document) for e in i.events],
            ) for i in s.scalars(q).all()]


EVENT_DAY = func.coalesce(EventRow.date, DocumentRow.published)  # an event's day: its date, else its document's


def _in_bbox(bbox: tuple[float, float, float, float]) -> Any:
    west, south, east, north = bbox
    lon = PlaceRow.lon.between(west, east) if west <= east else or_(PlaceRow.lon >= west, PlaceRow.lon <= east)
    return and_(PlaceRow.lat.between(south, north), lon)


def _paged(q: Any, filters: Filters, id_col: Any, day: Any) -> Any:
    """Restrict to `ids`, and order by day then id, or by id alone when keyset paging (`after`)."""
    if filters.ids is not None:
        q = q.where(id_col.in_(filters.ids))
    if filters.after is not None:
        return q.where(id_col > filters.after).order_by(id_col)
    return q.order_by(day, id_col)


def _country(value: str) -> str:
    """ISO3 of a country given by code or name; an unknown one as typed (it matches nothing)."""
    return country_code(value) or value.upper()


def _stored(e: EventRow, d: DocumentRow) -> StoredEvent:
    return StoredEvent(id=e.id, document_id=e.document_id, incident_id=e.incident_id, record=e.record,
                       published=d.published, outlet=d.outlet, url=d.url, title=d.title, source_id=d.source_id)
