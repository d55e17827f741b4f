"""Rows of the store as plain values: what a document, an event, its claim, actor and place are in
the tables, and what an incident says of its reports. Shared by the one-document path
(`Store.add`) and the batched one (`rasid.store.bulk`), which must store exactly the same."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..contract import Document, Event
from ..text import fold
from .linking import Report

_CANDIDATE_DAYS = 31  # incidents this far either side of a report's days are compared with it
_UNDATED_CANDIDATES = 200  # undated reports are compared with this many latest incidents of their type and country


def _iso_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def document_columns(doc: Document, published: str | None, warnings: Iterable[str], digest: str,
                     fingerprint: bytes | None) -> dict[str, Any]:
    """The documents row of a document (`fingerprint`: of its body, rasid.store.fingerprint)."""
    return {"source_id": doc.id[:500], "url": doc.url or None, "content_hash": digest, "published": _iso_date(published),
                "title": doc.title, "outlet": doc.outlet, "text": doc.text, "warnings": list(warnings),
                "ingested_at": dt.datetime.now(dt.UTC), "fingerprint": fingerprint}


def event_columns(ev: Event) -> dict[str, Any]:
    """The events columns of an event but for its ids and record."""
    return {"plover": ev.plover, "plover_mode": ev.plover_mode, "acled_event_type": ev.acled_event_type,
                "acled_sub_event_type": ev.acled_sub_event_type, "cameo": ev.cameo, "date": _iso_date(ev.date),
                "time_precision": ev.time_precision, "fatalities": ev.fatalities, "injured": ev.injured, "arrested": ev.arrested,
                "main": ev.main}


def claim_columns(ev: Event) -> dict[str, Any]:
    c = ev.claimed_by
    return {"certainty": ev.certainty, "claimed_by": c.text if c else None, "start": c.start if c else None,
                "end": c.end if c else None}


def actor_row(actor: dict[str, Any] | None) -> tuple[str, dict[str, Any]] | None:
    """(key, columns) of the actors row an event's actor is, or None."""
    if not actor:
        return None
    name = actor.get("name") or actor.get("text") or ""
    code = actor.get("code") or "None None"
    return f"{fold(name)}|{code}"[:700], {"name": name[:500], "country": actor.get("country"),
                                              "sector": actor.get("sector"), "code": code}


def place_row(loc: dict[str, Any] | None) -> tuple[str, dict[str, Any]] | None:
    """(key, columns) of the places row an event's location is, or None."""
    if not loc:
        return None
    name = loc.get("name") or loc.get("text") or ""
    parts = [fold(name), loc.get("country"), loc.get("admin1"), loc.get("admin2"), loc.get("lat"), loc.get("lon")]
    return "|".join("" if p is None else str(p) for p in parts)[:700], {
        "name": name[:500], "country": loc.get("country"), "admin1": loc.get("admin1"), "admin2": loc.get("admin2"),
        "lat": loc.get("lat"), "lon": loc.get("lon")}


_Record = tuple[dict[str, Any], dt.date | None, int | None]  # (event record, publication date, place id)
_SUMMED = ("plover_mode", "acled_event_type", "acled_sub_event_type")


class Summary:
    """What an incident says of its reports, kept up to date one report at a time: the batched
    path adds each new report in O(1) instead of reading the whole incident again (a big incident
    would cost as much per report as it has reports). `incident_summary` folds a list the same
    way, so both paths say exactly the same.

    Reports are added in event id order: of equals, the first one added speaks for the incident."""

    __slots__ = ("counts", "dated", "dated_key", "high", "located", "located_key", "low", "n", "placed", "placed_key")

    def __init__(self) -> None:
        self.dated: _Record | None = None  # the report whose date the incident takes (the most precise)
        self.dated_key = (0, 0)
        self.located: _Record | None = None  # of the reports with coordinates, the most precise place
        self.located_key = 0
        self.placed: _Record | None = None  # of the reports with any location, the most precise one
        self.placed_key = 0
        self.counts: list[dict[str, int]] = [{} for _ in _SUMMED]  # values of each attribute, first seen first
        self.low: int | None = None
        self.high: int | None = None
        self.n = 0

    def add(self, item: _Record) -> None:
        rec = item[0]
        key = (0, rec.get("time_precision") or 1) if rec.get("date") else (1, 1)
        if self.dated is None or key < self.dated_key:
            self.dated, self.dated_key = item, key
        loc = rec.get("location")
        if loc:
            precision = loc.get("geo_precision") or 3
            if self.placed is None or precision < self.placed_key:
                self.placed, self.placed_key = item, precision
            if loc.get("lat") is not None and (self.located is None or precision < self.located_key):
                self.located, self.located_key = item, precision
        for counts, attr in zip(self.counts, _SUMMED, strict=True):
            value = rec.get(attr)
            if value:
                counts[value] = counts.get(value, 0) + 1
        if rec.get("certainty") != "denied":
            figure = rec.get("fatalities")
            if figure is not None:
                self.low = figure if self.low is None else min(self.low, figure)
                self.high = figure if self.high is None else max(self.high, figure)
        self.n += 1

    def columns(self) -> dict[str, Any]:
        """The incident's columns to set (the location ones only when a report has a place): the date
        of its most precisely dated report, the place of its most precisely placed one (with
        coordinates if any has them), the most told mode and ACLED types, the lowest and highest
        fatality figure not denied."""
        assert self.dated is not None, "an incident has a report"
        rec, pub, _ = self.dated
        out: dict[str, Any] = {"date": _iso_date(rec.get("date")) or pub, "time_precision": rec.get("time_precision") or 1}
        best = self.located or self.placed
        if best is not None:
            loc = {k: v for k, v in best[0]["location"].items() if k not in ("start", "end")}
            out.update(location=loc, place_id=best[2], country=loc.get("country"), admin1=loc.get("admin1"))
        for counts, attr in zip(self.counts, _SUMMED, strict=True):
            out[attr] = max(counts.items(), key=_second)[0] if counts else None  # the first of the most told
        out["fatalities"], out["fatalities_max"] = self.low, self.high
        out["n_reports"] = self.n
        out["updated_at"] = dt.datetime.now(dt.UTC)
        return out


def _second(item: tuple[str, int]) -> int:
    return item[1]


def incident_summary(records: Iterable[_Record]) -> dict[str, Any]:
    """What an incident says, from its reports (record, publication date, place id) in event id
    order: the columns to set (see `Summary.columns`)."""
    summary = Summary()
    for item in records:
        summary.add(item)
    return summary.columns()


@dataclass(frozen=True, slots=True)
class _Member:
    record: dict[str, Any]
    published: dt.date | None
    place_id: int | None
    report: Report


def _overlaps(span: tuple[dt.date, dt.date], report: Report) -> bool:
    return report.first is not None and report.last is not None and span[0] <= report.last and report.first <= span[1]
