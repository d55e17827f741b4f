"""Exports in the formats analysts load: ACLED CSV, PLOVER JSONL, GeoJSON, Parquet, a pandas DataFrame.

- ACLED CSV: the 31 columns of an ACLED export, spelled as ACLED spells them, one row per incident
  (ACLED records a happening once per day with the lowest fatality figure) or per event. Incidents
  without an ACLED event type (verbal PLOVER types such as REQUEST) are not ACLED data and are left out.
- PLOVER JSONL: one line per event with the PLOVER manual's field names (`id`, `date`, `event`,
  `mode`, `actor`, `recipient`, `size`, `event_text`, `cite_info`, ...).
- GeoJSON: a FeatureCollection, one Point feature per located incident or event (RFC 7946, lon/lat).
- Parquet: the flat rows of events or incidents with typed columns (needs pyarrow).
- DataFrames of stored events, incidents and ACLED records, or of extraction results (`to_dataframe`).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Iterator
from functools import cache
from typing import IO, Any, Literal

from ..dictionaries.tables import read_tsv, sector_inter
from . import Filters, Store, StoredEvent, StoredIncident, _iso_date

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)

EVENT_COLUMNS = (
    "id", "document_id", "incident_id", "plover", "plover_mode", "acled_event_type", "acled_sub_event_type",
    "cameo", "date", "time_precision", "actor1", "actor1_code", "actor2", "actor2_code", "location", "country",
    "admin1", "latitude", "longitude", "geo_precision", "fatalities", "injured", "arrested", "certainty",
    "claimed_by", "main", "evidence", "trigger", "outlet", "url", "document", "published",
)

INCIDENT_COLUMNS = (
    "id", "plover", "plover_mode", "acled_event_type", "acled_sub_event_type", "date", "time_precision", "location",
    "country", "admin1", "latitude", "longitude", "geo_precision", "fatalities", "fatalities_max", "n_reports",
)

# The rows of extraction results (`to_dataframe`): the document's id, the event, the document.
RESULT_COLUMNS = ("document", *EVENT_COLUMNS[3:-4], "outlet", "url", "published")

# Column types in Parquet; the other columns are strings.
_INTEGERS = frozenset({"id", "document_id", "incident_id", "time_precision", "geo_precision", "fatalities",
                       "fatalities_max", "injured", "arrested", "n_reports"})
_FLOATS = frozenset({"latitude", "longitude"})
_DATES = frozenset({"date", "published"})

Unit = Literal["incident", "event"]

# ACLED actor types (inter codes) from CAMEO-style sectors (data/sectors.tsv); Protests and Riots
# override actor 1.
_INTER_BY_SECTOR = sector_inter()


@cache
def _countries() -> dict[str, tuple[str, str]]:
    return {r["pattern"]: (r["region"], r["country"]) for r in read_tsv("acled-regions.tsv")}


def _country(iso3: str | None) -> tuple[str, str, str]:
    """(numeric ISO code, ACLED region, ACLED country name) of an ISO3 code."""
    if not iso3:
        return "", "", ""
    region, name = _countries().get(iso3, ("", ""))
    numeric = ""
    try:
        import pycountry

        found = pycountry.countries.get(alpha_3=iso3)
        if found:
            numeric = str(int(found.numeric))
            name = name or getattr(found, "common_name", None) or found.name
    except ImportError:  # the gazetteer extra is absent: names from our table only
        pass
    return numeric, region, name


def inter_code(actor: dict[str, Any] | None, event_type: str | None, role: int) -> int | None:
    """ACLED actor type of an actor: 1 State forces … 8 External/Other forces (ontology.md)."""
    if role == 1 and event_type == "Protests":
        return 6
    if role == 1 and event_type == "Riots":
        return 5
    if not actor:
        return None
    if actor.get("country") == "IGO":
        return 8
    return _INTER_BY_SECTOR.get(actor.get("sector") or "")


def disorder_type(event_type: str | None, sub_event_type: str | None) -> str:
    """ACLED's disorder type: political violence, demonstrations or strategic developments."""
    if event_type == "Protests":
        return "Political violence; Demonstrations" if sub_event_type == "Excessive force against protesters" \
            else "Demonstrations"
    if event_type == "Riots":
        return "Political violence" if sub_event_type == "Mob violence" else "Demonstrations"
    if event_type == "Strategic developments":
        return "Strategic developments"
    return "Political violence" if event_type else ""


def _name(span: dict[str, Any] | None) -> str:
    return (span.get("name") or span.get("text") or "") if span else ""


def _primary(reports: list[StoredEvent]) -> StoredEvent:
    """The report that says most: actors and place known, asserted, the sentence's main event."""
    def weight(r: StoredEvent) -> tuple[int, ...]:
        rec = r.record
        return (bool(rec.get("actor1")) + bool(rec.get("actor2")) + bool(rec.get("location")),
                rec.get("certainty") == "asserted", bool(rec.get("main")), -r.id)
    return max(reports, key=weight)


def incident_of_event(e: StoredEvent) -> StoredIncident:
    """An event seen as an incident of one report (for per-event exports)."""
    rec = e.record
    loc = {k: v for k, v in (rec.get("location") or {}).items() if k not in ("start", "end")} or None
    return StoredIncident(
        id=e.id, plover=rec["plover"], plover_mode=rec.get("plover_mode"), acled_event_type=rec.get("acled_event_type"),
        acled_sub_event_type=rec.get("acled_sub_event_type"), date=e.day, time_precision=rec.get("time_precision") or 1,
        location=loc, fatalities=rec.get("fatalities"), fatalities_max=rec.get("fatalities"),
        updated_at=dt.datetime.now(dt.UTC), reports=[e])


def _unique(values: Iterable[str | None]) -> list[str]:
    seen: dict[str, None] = {}
    for v in values:
        if v and v.strip():
            seen.setdefault(" ".join(v.split()), None)
    return list(seen)


def acled_row(inc: StoredIncident) -> dict[str, Any]:
    """One ACLED record for an incident."""
    primary = _primary(inc.reports).record
    loc = inc.location or {}
    iso3 = loc.get("country")
    numeric, region, country = _country(iso3)
    inter1 = inter_code(primary.get("actor1"), inc.acled_event_type, 1)
    inter2 = inter_code(primary.get("actor2"), inc.acled_event_type, 2)
    if inter1 and inter2:
        interaction: int | str = min(inter1, inter2) * 10 + max(inter1, inter2)
    else:
        interaction = (inter1 or inter2 or 0) * 10 or ""
    civilians = inter2 == 7 and inc.acled_event_type in ("Violence against civilians", "Explosions/Remote violence")
    sources = _unique([r.outlet for r in inc.reports] + [(r.record.get("claimed_by") or {}).get("text")
                                                          for r in inc.reports])
    tags = []
    if inc.fatalities is not None and inc.fatalities_max not in (None, inc.fatalities):
        tags.append(f"fatalities reported: {inc.fatalities}-{inc.fatalities_max}")
    certainties = {r.record.get("certainty", "asserted") for r in inc.reports}
    if "asserted" not in certainties:
        tags.append("certainty: " + "/".join(sorted(certainties)))
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}{inc.id}",
        "event_date": inc.date.isoformat() if inc.date else "",
        "year": inc.date.year if inc.date else "",
        "time_precision": inc.time_precision or "",
        "disorder_type": disorder_type(inc.acled_event_type, inc.acled_sub_event_type),
        "event_type": inc.acled_event_type or "",
        "sub_event_type": inc.acled_sub_event_type or "",
        "actor1": _name(primary.get("actor1")),
        "assoc_actor_1": "; ".join(_unique(_name(a) for a in primary.get("actor1_associates") or [])),
        "inter1": inter1 or "",
        "actor2": _name(primary.get("actor2")), "assoc_actor_2": "", "inter2": inter2 or "",
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if civilians else "",
        "iso": numeric, "region": region, "country": country,
        "admin1": loc.get("admin1") or "", "admin2": loc.get("admin2") or "", "admin3": loc.get("admin3") or "",
        "location": _name(loc),
        "latitude": loc.get("lat") if loc.get("lat") is not None else "",
        "longitude": loc.get("lon") if loc.get("lon") is not None else "",
        "geo_precision": loc.get("geo_precision") or "",
        "source": "; ".join(sources),
        "source_scale": "",
        "notes": " | ".join(_unique((r.record.get("evidence") or {}).get("text") for r in inc.reports)),
        "fatalities": inc.fatalities or 0,
        "tags": "; ".join(tags),
        "timestamp": int(inc.updated_at.timestamp()),
    }


def acled_rows(incidents: Iterable[StoredIncident]) -> Iterator[dict[str, Any]]:
    """ACLED records of the incidents that have an ACLED event type."""
    for inc in incidents:
        if inc.acled_event_type and any(r.record.get("certainty") != "denied" for r in inc.reports):
            yield acled_row(inc)


def plover_record(e: StoredEvent) -> dict[str, Any]:
    """One event with the PLOVER manual's field names (plus Rasid's certainty and ids)."""
    rec = e.record
    a1, a2, loc = rec.get("actor1") or {}, rec.get("actor2") or {}, rec.get("location") or {}
    cite = ", ".join(p for p in (e.outlet, e.title, e.published.isoformat() if e.published else None, e.url,
                                 f"document {e.source_id}") if p)
    return {
        "id": f"rasid-{e.id}",
        "date": e.day.isoformat() if e.day else None,
        "event": rec["plover"],
        "mode": rec.get("plover_mode") or "",
        "context": [],
        "actor": _name(a1) or None, "actor_code": a1.get("code"),
        "recipient": _name(a2) or None, "recipient_code": a2.get("code"),
        "location": {"name": _name(loc), "country": loc.get("country"), "admin1": loc.get("admin1"),
                     "lat": loc.get("lat"), "lon": loc.get("lon"), "geo_precision": loc.get("geo_precision")}
        if loc else None,
        "size": {"dead": rec.get("fatalities"), "injured": rec.get("injured"), "arrested": rec.get("arrested")},
        "event_text": (rec.get("evidence") or {}).get("text", ""),
        "cite_info": cite,
        "certainty": rec.get("certainty", "asserted"),
        "claimed_by": (rec.get("claimed_by") or {}).get("text"),
        "document_id": e.document_id, "incident_id": e.incident_id, "document": e.document,
    }


def _event_fields(rec: dict[str, Any]) -> dict[str, Any]:
    """The columns of an event record itself (those between the ids and the document in EVENT_COLUMNS)."""
    a1, a2, loc = rec.get("actor1") or {}, rec.get("actor2") or {}, rec.get("location") or {}
    ev = rec.get("evidence") or {}
    return {
        "plover": rec["plover"],
        "plover_mode": rec.get("plover_mode"), "acled_event_type": rec.get("acled_event_type"),
        "acled_sub_event_type": rec.get("acled_sub_event_type"), "cameo": rec.get("cameo"), "date": rec.get("date"),
        "time_precision": rec.get("time_precision"), "actor1": _name(a1) or None, "actor1_code": a1.get("code"),
        "actor2": _name(a2) or None, "actor2_code": a2.get("code"), "location": _name(loc) or None,
        "country": loc.get("country"), "admin1": loc.get("admin1"), "latitude": loc.get("lat"),
        "longitude": loc.get("lon"), "geo_precision": loc.get("geo_precision"), "fatalities": rec.get("fatalities"),
        "injured": rec.get("injured"), "arrested": rec.get("arrested"), "certainty": rec.get("certainty"),
        "claimed_by": (rec.get("claimed_by") or {}).get("text"), "main": rec.get("main"),
        "evidence": ev.get("text"), "trigger": (ev.get("trigger") or {}).get("text"),
    }


def flat_event(e: StoredEvent) -> dict[str, Any]:
    """An event as one flat row (CSV, DataFrame, Parquet)."""
    return {"id": e.id, "document_id": e.document_id, "incident_id": e.incident_id, **_event_fields(e.record),
            "outlet": e.outlet, "url": e.url, "document": e.source_id,
            "published": e.published.isoformat() if e.published else None}


def flat_incident(inc: StoredIncident) -> dict[str, Any]:
    """An incident as one flat row (DataFrame, Parquet): INCIDENT_COLUMNS."""
    loc = inc.location or {}
    return {"id": inc.id, "plover": inc.plover, "plover_mode": inc.plover_mode,
            "acled_event_type": inc.acled_event_type, "acled_sub_event_type": inc.acled_sub_event_type,
            "date": inc.date.isoformat() if inc.date else None, "time_precision": inc.time_precision,
            "location": _name(loc) or None, "country": loc.get("country"), "admin1": loc.get("admin1"),
            "latitude": loc.get("lat"), "longitude": loc.get("lon"), "geo_precision": loc.get("geo_precision"),
            "fatalities": inc.fatalities, "fatalities_max": inc.fatalities_max, "n_reports": len(inc.reports)}


def _feature(inc: StoredIncident, unit: Unit) -> dict[str, Any] | None:
    loc = inc.location or {}
    if loc.get("lat") is None or loc.get("lon") is None:
        return None
    if unit == "event":
        props = flat_event(inc.reports[0])
    else:
        props = inc.to_json()
        props.pop("location")
        props.update(location=_name(loc), country=loc.get("country"), admin1=loc.get("admin1"),
                     geo_precision=loc.get("geo_precision"), n_reports=len(inc.reports))
    return {"type": "Feature", "id": inc.id, "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
            "properties": props}


def geojson(incidents: Iterable[StoredIncident], unit: Unit = "incident") -> dict[str, Any]:
    """A FeatureCollection of the located incidents (or events wrapped by `incident_of_event`)."""
    features = [f for f in (_feature(i, unit) for i in incidents) if f]
    return {"type": "FeatureCollection", "features": features}


def _units(store: Store, unit: Unit, filters: Filters) -> list[StoredIncident]:
    if unit == "event":
        return [incident_of_event(e) for e in store.events(filters)]
    return store.incidents(filters)


def write(store: Store, fmt: str, out: IO[str], unit: Unit | None = None, filters: Filters | None = None) -> int:
    """Write an export to `out`; returns the number of records written."""
    filters = filters or Filters()
    if fmt == "acled-csv":
        writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS)
        writer.writeheader()
        n = 0
        for row in acled_rows(_units(store, unit or "incident", filters)):
            writer.writerow(row)
            n += 1
        return n
    if fmt == "plover-jsonl":
        events = store.events(filters)
        for e in events:
            out.write(json.dumps(plover_record(e), ensure_ascii=False) + "\n")
        return len(events)
    if fmt == "geojson":
        collection = geojson(_units(store, unit or "incident", filters), unit or "incident")
        json.dump(collection, out, ensure_ascii=False)
        out.write("\n")
        return len(collection["features"])
    if fmt == "events-csv":
        writer = csv.DictWriter(out, fieldnames=EVENT_COLUMNS)
        writer.writeheader()
        events = store.events(filters)
        for e in events:
            writer.writerow(flat_event(e))
        return len(events)
    raise ValueError(f"unknown export format {fmt!r}: use acled-csv, plover-jsonl or geojson")


def _pandas() -> Any:
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ImportError("a DataFrame needs pandas: pip install 'rasid[pandas]'") from exc
    return pd


def dataframe(store: Store, what: Literal["events", "incidents", "acled"] = "events",
              filters: Filters | None = None) -> Any:
    """A pandas DataFrame of events (flat rows), incidents, or ACLED records (needs `pandas`)."""
    pd = _pandas()
    filters = filters or Filters()
    if what == "events":
        return pd.DataFrame([flat_event(e) for e in store.events(filters)], columns=list(EVENT_COLUMNS))
    if what == "acled":
        return pd.DataFrame(list(acled_rows(store.incidents(filters))), columns=list(ACLED_COLUMNS))
    return pd.DataFrame([flat_incident(i) for i in store.incidents(filters)], columns=list(INCIDENT_COLUMNS))


def result_rows(results: Any) -> Iterator[dict[str, Any]]:
    """One flat row (RESULT_COLUMNS) per event of extraction results: a DocumentResult (what
    `rasid.extract` returns) or an iterable of them; results without events give no row."""
    from ..contract import DocumentResult

    for result in [results] if isinstance(results, DocumentResult) else results:
        for ev in result.events:
            yield {"document": result.id, **_event_fields(ev.model_dump(mode="json")), "outlet": result.outlet,
                   "url": result.url, "published": result.published}


def to_dataframe(results: Any) -> Any:
    """A pandas DataFrame with one row per event of extraction results (no store needed):

        import rasid
        df = rasid.to_dataframe([rasid.extract(text, "2022-01-24") for text in texts])
    """
    return _pandas().DataFrame(list(result_rows(results)), columns=list(RESULT_COLUMNS))


def _arrow_type(column: str) -> Any:
    import pyarrow as pa

    if column in _INTEGERS:
        return pa.int64()
    if column in _FLOATS:
        return pa.float64()
    if column in _DATES:
        return pa.date32()
    return pa.bool_() if column == "main" else pa.string()


def write_parquet(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], path: str) -> int:
    """Write flat rows as a Parquet file with typed columns (dates as dates); returns their number."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ImportError("Parquet needs pyarrow: pip install 'rasid[parquet]'") from exc
    data: dict[str, list[Any]] = {c: [] for c in columns}
    for row in rows:
        for c in columns:
            value = row.get(c)
            data[c].append(_iso_date(value) if c in _DATES else value)
    schema = pa.schema([(c, _arrow_type(c)) for c in columns])
    pq.write_table(pa.table(data, schema=schema), path)
    return len(data[columns[0]])


def parquet(store: Store, what: Literal["events", "incidents"], path: str, filters: Filters | None = None) -> int:
    """Write the stored events or incidents matching `filters` as Parquet; returns the rows written."""
    filters = filters or Filters()
    if what == "events":
        return write_parquet((flat_event(e) for e in store.events(filters)), EVENT_COLUMNS, path)
    return write_parquet((flat_incident(i) for i in store.incidents(filters)), INCIDENT_COLUMNS, path)
