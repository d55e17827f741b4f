"""What the dashboard shows of a whole archive, computed by the database: the totals and the timeline
(events per day, week or month and type), the map's clusters (events per grid cell at a zoom level)
and the table's rows (compact, sorted, offset-paged, with the total).

Every function groups or pages in SQL over the events that `Store.filtered` selects, so the browser
never holds more than a page of events; the SQL is plain GROUP BY / ORDER BY / LIMIT / OFFSET and runs
the same on SQLite and PostgreSQL (calendar buckets and grid cells are formed from the grouped rows,
which number at most days × types or distinct places × types).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import func, select

from . import EVENT_DAY, Filters, Store
from .schema import ClaimRow, DocumentRow, EventRow, PlaceRow

Unit = Literal["day", "week", "month"]
Sort = Literal["date", "-date", "fatalities", "-fatalities", "id", "-id"]

_DAY_SPAN = 120  # timelines up to this many days have a bar a day,
_WEEK_SPAN = 3 * 366  # up to this many a bar a week, beyond it a bar a month
CELL_PIXELS = 60  # a map cluster covers about this many screen pixels at its zoom


def unit_for(first: dt.date, last: dt.date) -> Unit:
    span = (last - first).days + 1
    return "day" if span <= _DAY_SPAN else "week" if span <= _WEEK_SPAN else "month"


def bucket_of(day: dt.date, unit: Unit) -> dt.date:
    """The first day of the day, ISO week (Monday) or month that holds `day`."""
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return day


def bucket_end(start: dt.date, unit: Unit) -> dt.date:
    if unit == "week":
        return start + dt.timedelta(days=6)
    if unit == "month":
        following = start.replace(year=start.year + start.month // 12, month=start.month % 12 + 1)
        return following - dt.timedelta(days=1)
    return start


def _as_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def summary(store: Store, filters: Filters, unit: Unit | Literal["auto"] = "auto") -> dict[str, Any]:
    """Totals over the filtered events, their types and countries, and the timeline: counts per
    bucket and type, the bucket a day, week or month (`auto`: by the span of the dates)."""
    per_day = store.filtered(filters, EVENT_DAY, EventRow.plover, func.count()).group_by(EVENT_DAY, EventRow.plover)
    places = (store.filtered(filters, PlaceRow.country, func.count(), func.count(PlaceRow.lat))
              .group_by(PlaceRow.country))
    with store.session() as s:
        days = [(_as_date(d), p, n) for d, p, n in s.execute(per_day)]
        countries = s.execute(places).all()
    total = sum(n for _, n, _ in countries)
    types: dict[str, int] = {}
    for _, plover, n in days:
        types[plover] = types.get(plover, 0) + n
    dated = [(d, p, n) for d, p, n in days if d is not None]
    out: dict[str, Any] = {
        "total": total, "located": sum(located for _, _, located in countries),
        "undated": sum(n for d, _, n in days if d is None),
        "types": dict(sorted(types.items(), key=lambda kv: -kv[1])),
        "countries": sorted(c for c, _, _ in countries if c),
        "first": None, "last": None, "unit": "day" if unit == "auto" else unit, "buckets": [],
    }
    if not dated:
        return out
    first, last = min(d for d, _, _ in dated), max(d for d, _, _ in dated)
    chosen: Unit = unit_for(first, last) if unit == "auto" else unit
    buckets: dict[dt.date, dict[str, int]] = {}
    for d, plover, n in dated:
        counts = buckets.setdefault(bucket_of(d, chosen), {})
        counts[plover] = counts.get(plover, 0) + n
    out.update(first=first.isoformat(), last=last.isoformat(), unit=chosen, buckets=[
        {"start": b.isoformat(), "end": bucket_end(b, chosen).isoformat(), "total": sum(c.values()), "counts": c}
        for b, c in sorted(buckets.items())])
    return out


def cell_degrees(zoom: int) -> float:
    """The side of a cluster cell in degrees of longitude at a zoom level (256-pixel tiles)."""
    return 360.0 / (2 ** zoom * 256 / CELL_PIXELS)


@dataclass(slots=True)
class _Cell:
    count: int = 0
    fatalities: int = 0
    lat_sum: float = 0.0
    lon_sum: float = 0.0
    types: dict[str, int] = field(default_factory=dict)
    points: set[tuple[float, float]] = field(default_factory=set)
    first_id: int | None = None

    def add(self, lat: float, lon: float, plover: str, n: int, fatalities: int | None, first_id: int) -> None:
        self.count += n
        self.fatalities += fatalities or 0
        self.lat_sum += lat * n
        self.lon_sum += lon * n
        self.types[plover] = self.types.get(plover, 0) + n
        self.points.add((lat, lon))
        self.first_id = first_id if self.first_id is None else min(self.first_id, first_id)

    def to_json(self) -> dict[str, Any]:
        lats, lons = [p[0] for p in self.points], [p[1] for p in self.points]
        types = dict(sorted(self.types.items(), key=lambda kv: -kv[1]))
        return {"lat": round(self.lat_sum / self.count, 5), "lon": round(self.lon_sum / self.count, 5),
                "count": self.count, "fatalities": self.fatalities, "plover": next(iter(types)), "types": types,
                "points": len(self.points), "bounds": [min(lons), min(lats), max(lons), max(lats)],
                "id": self.first_id if self.count == 1 else None}


def clusters(store: Store, filters: Filters, zoom: int) -> dict[str, Any]:
    """The located events as grid cells about CELL_PIXELS wide at `zoom`: per cell the count, the
    fatalities, the count per type, the mean position, the bounds of its places and how many distinct
    places it holds (one: zooming in cannot split it), and the event id when it holds one event.
    Events are grouped by place and type in SQL; the cells are formed from those groups."""
    per_place = (store.filtered(filters, PlaceRow.lat, PlaceRow.lon, EventRow.plover, func.count(),
                                func.sum(EventRow.fatalities), func.min(EventRow.id))
                 .where(PlaceRow.lat.is_not(None), PlaceRow.lon.is_not(None))
                 .group_by(PlaceRow.lat, PlaceRow.lon, EventRow.plover))
    size = cell_degrees(zoom)
    cells: dict[tuple[int, int], _Cell] = {}
    with store.session() as s:
        for lat, lon, plover, n, fatalities, first_id in s.execute(per_place):
            key = (math.floor((lat + 90) / size), math.floor((lon + 180) / size))
            cells.setdefault(key, _Cell()).add(lat, lon, plover, n, fatalities, first_id)
    out = sorted((c.to_json() for c in cells.values()), key=lambda c: -c["count"])
    return {"zoom": zoom, "cell_degrees": size, "total": sum(c["count"] for c in out), "cells": out}


_SORTS: dict[str, tuple[Any, bool]] = {
    "date": (EVENT_DAY, False), "-date": (EVENT_DAY, True),
    "fatalities": (EventRow.fatalities, False), "-fatalities": (EventRow.fatalities, True),
}


def _slim(part: dict[str, Any] | None, keys: tuple[str, ...]) -> dict[str, Any] | None:
    return {k: part.get(k) for k in keys} if part else None


def rows(store: Store, filters: Filters, sort: Sort = "-date", offset: int = 0,
         limit: int = 100) -> tuple[list[dict[str, Any]], int]:
    """One page of the filtered events as table rows (the fields a table shows, with both the
    gazetteer's names and the Arabic words of the text for places and actors), and how many events
    match. Sorted by `sort` (a leading '-' for descending; events without the value last), then id."""
    q = store.filtered(filters, EventRow.id, EventRow.document_id, EventRow.record, EVENT_DAY, ClaimRow.certainty,
                       DocumentRow.outlet, DocumentRow.source_id)
    if sort in ("id", "-id"):  # in the order stored: '-id' is newest first (a live view)
        q = q.order_by(EventRow.id.desc() if sort == "-id" else EventRow.id)
    else:
        column, descending = _SORTS[sort]
        q = q.order_by((column.desc() if descending else column.asc()).nulls_last(),
                       EventRow.id.desc() if descending else EventRow.id)
    count = store.filtered(filters, func.count())
    with store.session() as s:
        total = s.scalar(count) or 0
        found = s.execute(q.offset(offset).limit(limit)).all()
    return [{
        "id": event_id, "document_id": document_id, "day": str(day)[:10] if day else None, "plover": rec.get("plover"),
        "acled_event_type": rec.get("acled_event_type"), "acled_sub_event_type": rec.get("acled_sub_event_type"),
        "actor1": _slim(rec.get("actor1"), ("text", "name", "code")),
        "actor2": _slim(rec.get("actor2"), ("text", "name", "code")),
        "location": _slim(rec.get("location"), ("text", "name", "country", "admin1", "lat", "lon")),
        "fatalities": rec.get("fatalities"), "certainty": certainty, "outlet": outlet, "source_id": source_id,
    } for event_id, document_id, rec, day, certainty, outlet, source_id in found], total


def watch_health(store: Store) -> list[dict[str, Any]]:
    """Each watched source's health (rasid watch)."""
    from .schema import WatchSourceRow

    with store.session() as s:
        watched = list(s.scalars(select(WatchSourceRow).order_by(WatchSourceRow.source)))
    return [{"source": r.source, "last_success": _when(r.last_success), "last_poll": _when(r.last_poll),
             "next_poll": _when(r.next_poll), "items": r.items, "errors": r.errors, "failing": r.failures,
             "last_error": r.last_error} for r in watched]


def recent_alerts(store: Store, limit: int = 50) -> list[dict[str, Any]]:
    """The latest alerts, newest first, with what the dashboard shows of their events."""
    from .schema import AlertRow

    q = (select(AlertRow.id, AlertRow.rule, AlertRow.status, AlertRow.created_at, AlertRow.delivered_at,
                EventRow.id, EventRow.record)
         .join(EventRow, EventRow.id == AlertRow.event_id).order_by(AlertRow.id.desc()).limit(limit))
    with store.session() as s:
        found = s.execute(q).all()
    return [{"id": alert_id, "rule": rule, "status": status, "created_at": _when(created),
             "delivered_at": _when(delivered), "event_id": event_id, "plover": rec.get("plover"),
             "date": rec.get("date"), "fatalities": rec.get("fatalities"),
             "location": _slim(rec.get("location"), ("text", "name", "country", "lat", "lon")),
             "evidence": (rec.get("evidence") or {}).get("text")}
            for alert_id, rule, status, created, delivered, event_id, rec in found]


def _when(t: Any) -> str | None:
    return t.isoformat(timespec="seconds") if t is not None else None
