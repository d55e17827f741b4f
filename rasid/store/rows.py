"""Rows of the store as plain values: what a document, an event, its claim, actor and place are in
the tables, and what an incident says of its reports. Shared by the one-document path
(`Store.add`) and the batched one (`rasid.store.bulk`), which must store exactly the same."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..contract import Document, Event
from ..text import fold
from .linking import Report, fatality_summary

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


def incident_summary(records: list[tuple[dict[str, Any], dt.date | None, int | None]]) -> dict[str, Any]:
    """What an incident says, from its reports (record, publication date, place id) in event id
    order: the columns to set (the location ones only when a report has a place)."""

    def dated(item: tuple[dict[str, Any], Any, Any]) -> tuple[int, int]:
        rec = item[0]
        return (0, rec.get("time_precision") or 1) if rec.get("date") else (1, 1)

    rec, pub, _ = min(records, key=dated)
    out: dict[str, Any] = {"date": _iso_date(rec.get("date")) or pub, "time_precision": rec.get("time_precision") or 1}
    located = [r for r in records if (r[0].get("location") or {}).get("lat") is not None] or \
              [r for r in records if r[0].get("location")]
    if located:
        best = min(located, key=lambda r: r[0]["location"].get("geo_precision") or 3)
        loc = {k: v for k, v in best[0]["location"].items() if k not in ("start", "end")}
        out.update(location=loc, place_id=best[2], country=loc.get("country"), admin1=loc.get("admin1"))
    for attr in ("plover_mode", "acled_event_type", "acled_sub_event_type"):
        values = Counter(r[0].get(attr) for r in records if r[0].get(attr))
        out[attr] = values.most_common(1)[0][0] if values else None
    counted = [r[0].get("fatalities") for r in records if r[0].get("certainty") != "denied"]
    out["fatalities"], out["fatalities_max"] = fatality_summary(counted)
    out["n_reports"] = len(records)
    out["updated_at"] = dt.datetime.now(dt.UTC)
    return out


@dataclass(frozen=True, slots=True)
class _Member:
    record: dict[str, Any]
    published: dt.date | None
    place_id: int | None
    report: Report


def _overlaps(span: tuple[dt.date, dt.date], report: Report) -> bool:
    return report.first is not None and report.last is not None and span[0] <= report.last and report.first <= span[1]
