"""Batched ingestion: many documents per transaction, incidents linked through an index in memory.

`Store.add` stores one document the plain way (an ORM flush per row, a query per actor, place and
candidate incident), which is right for the HTTP API's few documents and is the reference this
module must match: `BatchWriter` stores exactly the same rows (tests/test_bulk.py compares them).

Per batch (`BATCH_DOCS` documents, one transaction): the documents, then their events and claims,
are inserted with one multi-row statement each (insertmanyvalues; ids come back in order); the
actors and places they name are looked up with one query and the new ones inserted likewise. Each
event is then linked as `Store._link` links it, with the candidate incidents taken from an
`IncidentIndex` over (type, day) and (type, country) in memory instead of a query. Each entry keeps
its reports grouped for linking (`linking.Members`: one comparison per group of alike reports) and
its summary (`rows.Summary`), both read from the store's cache once and then updated report by
report, so a report joining a big incident costs about what joining a small one does. A new incident is inserted at once (so its id is the one the plain
path would give), a merge moves the stored events and deletes the merged incident at once, and the
rest (each event's incident, each changed incident's summary) is written by primary key at the end
of the batch with one executemany each.

The index is read from the database on first use and again when another writer changed the
incidents since this one's last batch (documents or incidents added, seen by a stamp of max ids and
counts read at the start of each batch).
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import bindparam, delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from ..contract import Document, DocumentResult, Event
from .linking import Members, Report, agreeing_incidents, day_span, mergeable, report_of
from .rows import (
    _CANDIDATE_DAYS,
    _UNDATED_CANDIDATES,
    Summary,
    _iso_date,
    _Member,
    _overlaps,
    actor_row,
    claim_columns,
    document_columns,
    event_columns,
    place_row,
)
from .schema import ActorRow, ClaimRow, DocumentRow, EventRow, IncidentRow, PlaceRow
from .values import STORE_ERRORS, Refused, reason

BATCH_DOCS = 200  # documents per transaction
_CACHE_ROWS = 500_000  # actor and place keys remembered; beyond, the cache starts again
_IN = 500  # values per IN (...) list


@dataclass(slots=True)
class Pending:
    """A document on its way to the store: new (with its result) or a near-duplicate (`copy_of`:
    a stored document's id, or the key of an earlier document of this run)."""

    doc: Document
    digest: str
    key: tuple[str, int]
    fingerprint: bytes | None = None
    result: DocumentResult | None = None
    copy_of: int | tuple[str, int] | None = None
    notes: list[str] = field(default_factory=list)  # what was changed to store it (rasid.store.values)


class _Planned(NamedTuple):
    doc_id: int
    published: dt.date | None
    record: dict[str, Any]
    event: Event
    actor1: str | None  # actor and place keys
    actor2: str | None
    place: str | None


@dataclass(slots=True)
class _Incident:
    id: int
    plover: str
    date: dt.date | None = None
    precision: int | None = None
    country: str | None = None
    members: list[int] = field(default_factory=list)  # event ids, ascending
    reports: Members | None = None  # their reports grouped for linking; None: not read yet
    summary: Summary | None = None  # what they say; None: not read yet, or merged


class IncidentIndex:
    """The incidents a new report is compared with, found as `Store._candidates` finds them."""

    def __init__(self) -> None:
        self.incidents: dict[int, _Incident] = {}
        # type, then day (as an ordinal): a report looks up 60-odd days, each a plain int key
        self._by_day: defaultdict[str, defaultdict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
        self._undated: defaultdict[tuple[str, str | None], set[int]] = defaultdict(set)
        self._by_country: defaultdict[tuple[str, str | None], set[int]] = defaultdict(set)

    @classmethod
    def load(cls, s: Session) -> IncidentIndex:
        index = cls()
        for iid, plover, day, precision, country in s.execute(
                select(IncidentRow.id, IncidentRow.plover, IncidentRow.date, IncidentRow.time_precision,
                       IncidentRow.country).order_by(IncidentRow.id)):
            index.add(_Incident(iid, plover, day, precision, country))
        for eid, linked in s.execute(select(EventRow.id, EventRow.incident_id)
                                     .where(EventRow.incident_id.is_not(None)).order_by(EventRow.id)):
            index.incidents[linked].members.append(eid)  # type: ignore[index]  # not None: filtered
        return index

    def add(self, inc: _Incident) -> None:
        self.incidents[inc.id] = inc
        self._file(inc, add=True)

    def remove(self, iid: int) -> _Incident:
        inc = self.incidents.pop(iid)
        self._file(inc, add=False)
        return inc

    def move(self, inc: _Incident, day: dt.date | None, precision: int | None, country: str | None) -> None:
        if (day, precision, country) != (inc.date, inc.precision, inc.country):
            self._file(inc, add=False)
            inc.date, inc.precision, inc.country = day, precision, country
            self._file(inc, add=True)

    def _file(self, inc: _Incident, add: bool) -> None:
        buckets = [self._by_country[(inc.plover, inc.country)],
                   self._by_day[inc.plover][inc.date.toordinal()] if inc.date
                   else self._undated[(inc.plover, inc.country)]]
        for bucket in buckets:
            (bucket.add if add else bucket.discard)(inc.id)

    def candidates(self, report: Report) -> list[int]:
        if report.first is None or report.last is None:
            if not report.country:
                return []
            return heapq.nlargest(_UNDATED_CANDIDATES, self._by_country.get((report.plover, report.country), ()))
        found = []
        days = self._by_day.get(report.plover)
        if days:
            for n in range(report.first.toordinal() - _CANDIDATE_DAYS, report.last.toordinal() + _CANDIDATE_DAYS + 1):
                bucket = days.get(n)
                if bucket:
                    day = dt.date.fromordinal(n)
                    for iid in bucket:
                        if _overlaps(day_span(day, self.incidents[iid].precision), report):
                            found.append(iid)
        if report.country:
            found.extend(self._undated.get((report.plover, report.country), ()))
        return found


class BatchWriter:
    """Writes batches of processed documents into a store (see the module docstring)."""

    def __init__(self, store: Any) -> None:  # a Store: its session, and the cache of reports it links with
        self.store = store
        self.index: IncidentIndex | None = None
        self._stamp: tuple[Any, ...] | None = None
        self._rows: dict[type[ActorRow | PlaceRow], dict[str, int]] = {ActorRow: {}, PlaceRow: {}}
        self.ids: dict[tuple[str, int], int] = {}  # document ids of this run's keys

    def write(self, batch: Sequence[Pending]) -> list[int | Refused | None]:
        """Store a batch in one transaction: the new document id of each, None when it was stored
        already (by another writer meanwhile) or copies a document that could not be stored, and
        `Refused` when the database would not take it. A batch the database refuses is written
        again one document at a time, so one bad record costs only itself."""
        error: BaseException | None = None
        for _ in range(3 if len(batch) == 1 else 2):
            try:
                with self.store.session.begin() as s:
                    return list(self._write(s, batch))
            except STORE_ERRORS as e:
                # a concurrent writer stored one of these documents, actors or places, or a value
                # is refused: everything rolled back, so start again from what the database holds
                error = e
                self.index, self._stamp = None, None
                self._rows = {ActorRow: {}, PlaceRow: {}}
                self.store._members.clear()
                for p in batch:
                    self.ids.pop(p.key, None)
                if not isinstance(e, (IntegrityError, OperationalError)):
                    break  # the same again cannot succeed
        if len(batch) == 1:
            return [Refused(batch[0].doc.id, reason(error or RuntimeError("refused")))]
        return [out for p in batch for out in self.write([p])]

    def _write(self, s: Session, batch: Sequence[Pending]) -> list[int | None]:
        stamp = _stamp(s)
        if self.index is None or stamp != self._stamp:
            self.index = IncidentIndex.load(s)
        stored = _stored(s, [p.digest for p in batch], [p.doc.url for p in batch if p.doc.url])
        keep, here = [], set()
        for p in batch:
            if p.digest in stored or (p.doc.url and p.doc.url in stored):
                continue
            if isinstance(p.copy_of, tuple) and p.copy_of not in self.ids and p.copy_of not in here:
                continue  # a copy of a document of this run that was not stored
            keep.append(p)
            here.add(p.key)
        rows = [document_columns(p.doc, p.result.published, p.result.warnings, p.digest, p.fingerprint)
                if p.result is not None else document_columns(p.doc, p.doc.published, [], p.digest, p.fingerprint)
                for p in keep]
        doc_ids = _insert(s, DocumentRow, rows)
        copies = []
        for p, doc_id in zip(keep, doc_ids, strict=True):
            self.ids[p.key] = doc_id
            if p.copy_of is not None:
                copies.append({"id": doc_id, "duplicate_of": _resolve(p.copy_of, self.ids)})
        if copies:
            _update(s, DocumentRow, copies)
        self._events(s, [(p, doc_id) for p, doc_id in zip(keep, doc_ids, strict=True) if p.result is not None])
        self._stamp = _stamp(s)
        written = {p.key for p in keep}
        return [self.ids[p.key] if p.key in written else None for p in batch]

    def _events(self, s: Session, docs: list[tuple[Pending, int]]) -> None:
        plan: list[_Planned] = []
        wanted: dict[type[ActorRow | PlaceRow], dict[str, dict[str, Any]]] = {ActorRow: {}, PlaceRow: {}}
        for p, doc_id in docs:
            assert p.result is not None
            for ev in p.result.events:
                record = ev.model_dump(mode="json")
                keys = []
                for table, found in ((ActorRow, actor_row(record.get("actor1"))),
                                     (ActorRow, actor_row(record.get("actor2"))),
                                     (PlaceRow, place_row(record.get("location")))):
                    if found:
                        wanted[table].setdefault(found[0], found[1])
                    keys.append(found[0] if found else None)
                plan.append(_Planned(doc_id, _iso_date(p.result.published), record, ev, *keys))
        for table, rows in wanted.items():
            self._row_ids(s, table, rows)
        actors, places = self._rows[ActorRow], self._rows[PlaceRow]
        ordinal: dict[int, int] = defaultdict(int)
        values = []
        for e in plan:
            values.append({"document_id": e.doc_id, "ordinal": ordinal[e.doc_id],
                           "actor1_id": e.actor1 and actors[e.actor1], "actor2_id": e.actor2 and actors[e.actor2],
                           "place_id": e.place and places[e.place], "record": e.record, **event_columns(e.event)})
            ordinal[e.doc_id] += 1
        event_ids = _insert(s, EventRow, values)
        if not event_ids:
            return
        s.connection().execute(insert(_table(ClaimRow)), [{"event_id": eid, **claim_columns(e.event)}
                                     for eid, e in zip(event_ids, plan, strict=True)])
        self._link(s, [(eid, e.published, e.record, row["place_id"])
                       for eid, e, row in zip(event_ids, plan, values, strict=True)])

    def _row_ids(self, s: Session, table: type[ActorRow | PlaceRow], rows: dict[str, dict[str, Any]]) -> None:
        """Fill the cache with the ids of these actor or place keys, inserting the new ones in order."""
        cache = self._rows[table]
        if len(cache) > _CACHE_ROWS:
            cache.clear()
        missing = [k for k in rows if k not in cache]
        for i in range(0, len(missing), _IN):
            cache.update({k: v for k, v in s.execute(select(table.key, table.id).where(table.key.in_(missing[i:i + _IN])))})
        new = [k for k in missing if k not in cache]
        cache.update(zip(new, _insert(s, table, [dict(key=k, **rows[k]) for k in new]), strict=True))

    def _reports(self, s: Session, incidents: list[_Incident]) -> dict[int, Members]:
        """The grouped reports of these incidents, read from the store's cache (or the database) for
        those not grouped yet and kept with the incident from then on: a report is grouped once, not
        once per report compared with it."""
        unread = [inc for inc in incidents if inc.reports is None]
        if unread:
            known = self.store._load(s, [m for inc in unread for m in inc.members])
            for inc in unread:
                inc.reports = Members(known[m].report for m in inc.members)
        return {inc.id: inc.reports for inc in incidents if inc.reports is not None}

    def _link(self, s: Session, events: list[tuple[int, dt.date | None, dict[str, Any], int | None]]) -> None:
        """Link new events in id order as `Store._link` would, one after the other."""
        assert self.index is not None
        index, members_of = self.index, self.store._members
        assigned: dict[int, int] = {}
        changed: dict[int, dict[str, Any]] = {}
        for eid, published, record, place_id in events:
            report = report_of(record, published)
            members_of[eid] = _Member(record, published, place_id, report)
            members = self._reports(s, [index.incidents[iid] for iid in index.candidates(report)
                                        if index.incidents[iid].members])
            agreeing = agreeing_incidents(report, members.items())
            if not agreeing:
                [iid] = _insert(s, IncidentRow, [{"plover": report.plover, "n_reports": 0,
                                                      "updated_at": dt.datetime.now(dt.UTC)}])
                index.add(_Incident(iid, report.plover, reports=Members(), summary=Summary()))
                agreeing = [iid]
            chosen = index.incidents[agreeing[0]]
            joined = chosen.reports
            assert joined is not None  # a candidate's, read above, or a new incident's
            for other in agreeing[1:]:
                if mergeable(joined, members[other]):
                    s.execute(update(EventRow).where(EventRow.incident_id == other).values(incident_id=chosen.id))
                    s.execute(delete(IncidentRow).where(IncidentRow.id == other))
                    gone = index.remove(other)
                    for m in gone.members:
                        if m in assigned:
                            assigned[m] = chosen.id
                    chosen.members = list(heapq.merge(chosen.members, gone.members))
                    chosen.summary = None  # the merged reports in event id order: read again below
                    changed.pop(other, None)
                    joined.absorb(members[other])
            assigned[eid] = chosen.id
            chosen.members.append(eid)
            joined.add(report)
            if chosen.summary is None:
                chosen.summary = Summary()
                for m in self.store._load(s, chosen.members).values():
                    chosen.summary.add((m.record, m.published, m.place_id))
            else:
                chosen.summary.add((record, published, place_id))
            summary = chosen.summary.columns()
            index.move(chosen, summary["date"], summary["time_precision"],
                       summary.get("country", chosen.country))
            changed.setdefault(chosen.id, {}).update(summary)
        _update(s, EventRow, [{"id": eid, "incident_id": iid} for eid, iid in assigned.items()])
        _update(s, IncidentRow, [{"id": iid, **columns} for iid, columns in changed.items()])


def _insert(s: Session, table: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Insert the rows in one multi-row statement (SQLAlchemy core: the ORM's bulk machinery costs
    milliseconds a call); their new ids, in order."""
    if not rows:
        return []
    t, conn = table.__table__, s.connection()  # the connection: the session adds ~0.5 ms a statement
    if len(rows) == 1:
        result: Any = conn.execute(t.insert(), rows[0])
        return [result.inserted_primary_key[0]]
    return list(conn.execute(t.insert().returning(t.c.id, sort_by_parameter_order=True), rows).scalars())


def _update(s: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    """Update rows by id with one executemany per set of columns."""
    t = table.__table__
    groups: defaultdict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[tuple(sorted(k for k in row if k != "id"))].append({f"_{k}": v for k, v in row.items()})
    for columns, params in groups.items():
        s.connection().execute(t.update().where(t.c.id == bindparam("_id"))
                               .values({c: bindparam(f"_{c}") for c in columns}), params)


def _resolve(copy_of: int | tuple[str, int], ids: dict[tuple[str, int], int]) -> int | None:
    return copy_of if isinstance(copy_of, int) else ids.get(copy_of)


def _stored(s: Session, digests: list[str], urls: list[str]) -> set[str]:
    """Which of these content hashes and URLs a stored document has."""
    found: set[str] = set()
    for i in range(0, max(len(digests), len(urls)), _IN):
        cond = or_(DocumentRow.content_hash.in_(digests[i:i + _IN]), DocumentRow.url.in_(urls[i:i + _IN]))
        for digest, url in s.execute(select(DocumentRow.content_hash, DocumentRow.url).where(cond)):
            found.add(digest)
            if url:
                found.add(url)
    return found


def _stamp(s: Session) -> tuple[Any, ...]:
    """What changes when any writer stores a document or changes the incidents."""
    return tuple(s.execute(select(
        select(func.max(DocumentRow.id)).scalar_subquery(), select(func.max(IncidentRow.id)).scalar_subquery(),
        select(func.count()).select_from(IncidentRow).scalar_subquery())).one())


def _table(model: Any) -> Any:
    return model.__table__
