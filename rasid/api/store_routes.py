"""The event store over HTTP: ingest documents, list and page events and incidents with the CLI's
filters plus a bounding box, one event with its evidence, and the exports.

Paging is keyset paging on the record id (`next` is an opaque cursor): pages stay correct while
documents are being added, which an offset would not.
"""

from __future__ import annotations

import datetime as dt
import io
import threading
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from starlette.exceptions import HTTPException

from ..contract import Document, DocumentRef, Event
from ..store import Filters, Refused, Store, StoredEvent, StoredIncident, views
from .auth import token_required
from .errors import COMMON_ERRORS, WRITE_ERRORS, error_doc
from .evidence import Highlight, highlights
from .limits import run_limited
from .settings import Settings

Certainty = Literal["asserted", "claimed", "denied"]
DB_ERRORS = {**COMMON_ERRORS, 503: error_doc("the database is unavailable")}
READ_ERRORS = {**DB_ERRORS, 400: error_doc("a bounding box whose south is above its north")}
MAX_ID = 2**63 - 1
CURSOR = r"^[0-9]{1,19}$"
# The pattern admits exactly the numbers parse_bbox accepts: longitudes in [-180, 180], latitudes in
# [-90, 90]; only south <= north is left to parse_bbox (400), as a pattern cannot compare two numbers.
_LON = r"-?(180(\.0+)?|(1[0-7][0-9]|[0-9]{1,2})(\.[0-9]+)?)"
_LAT = r"-?(90(\.0+)?|[0-8]?[0-9](\.[0-9]+)?)"
BBOX = rf"^{_LON},{_LAT},{_LON},{_LAT}$"


# ---- bodies -------------------------------------------------------------------------------------

class DocumentsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    documents: list[Document] = Field(min_length=1, description="input documents of the contract: "
                                                                "{id, text, published, title, url, outlet}")


class DocumentOutcome(BaseModel):
    id: str
    status: Literal["added", "skipped", "failed"] = Field(description="skipped: stored already (same URL or text)")
    document_id: int | None = None
    events: int = 0
    error: str | None = None


class IngestOut(BaseModel):
    added: int
    skipped: int
    failed: int
    events: int
    results: list[DocumentOutcome]


class StoredEventOut(Event):
    """A contract EVENT as stored, with its ids and its document's metadata."""

    model_config = ConfigDict(extra="allow")

    id: int
    document_id: int
    incident_id: int | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    source_id: str | None = None
    document: DocumentRef | None = Field(None, description="the document as its input named it: id, url, outlet, "
                                                           "published")


class EventsPage(BaseModel):
    events: list[StoredEventOut]
    next: str | None = Field(None, description="pass as `cursor` for the next page; null on the last page")


class Report(BaseModel):
    """One report of an incident, with the figures it gives (reports often disagree)."""

    event_id: int
    document_id: int
    source_id: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    date: str | None = None
    certainty: str
    claimed_by: str | None = None
    fatalities: int | None = None
    injured: int | None = None
    arrested: int | None = None
    evidence: str


class IncidentOut(BaseModel):
    id: int
    plover: str
    plover_mode: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    date: str | None = None
    time_precision: int | None = None
    location: dict[str, Any] | None = None
    fatalities: int | None = Field(None, description="the lowest figure of the reports that do not deny it")
    fatalities_range: list[int] | None = None
    fatalities_reported: list[int] = Field(default_factory=list, description="every distinct figure the reports "
                                                                            "state, lowest first")
    reports: list[Report]


class IncidentsPage(BaseModel):
    incidents: list[IncidentOut]
    next: str | None = None


class Bucket(BaseModel):
    start: str = Field(description="first day of the bucket (YYYY-MM-DD)")
    end: str = Field(description="last day of the bucket")
    total: int
    counts: dict[str, int] = Field(description="events per PLOVER type")


class Summary(BaseModel):
    """The filtered events counted by the database: totals, types, countries and the timeline."""

    total: int = Field(description="events matching the filters")
    located: int = Field(description="of them, with coordinates")
    undated: int = Field(description="of them, with neither a date nor a publication date")
    types: dict[str, int] = Field(description="events per PLOVER type, most first")
    countries: list[str] = Field(description="ISO3 countries of their places")
    first: str | None = None
    last: str | None = None
    unit: views.Unit = Field(description="what one bucket of the timeline covers")
    buckets: list[Bucket] = Field(description="the timeline: buckets holding events, in order")


class Cell(BaseModel):
    lat: float = Field(description="mean position of its events")
    lon: float
    count: int
    fatalities: int
    plover: str = Field(description="its most frequent type")
    types: dict[str, int]
    points: int = Field(description="distinct coordinates in the cell (1: zooming in cannot split it)")
    bounds: list[float] = Field(description="west, south, east, north of its coordinates")
    id: int | None = Field(None, description="the event, when the cell holds one")


class Clusters(BaseModel):
    zoom: int
    cell_degrees: float
    total: int = Field(description="located events in the cells")
    cells: list[Cell]


class NamedPart(BaseModel):
    text: str | None = Field(None, description="the words of the source (Arabic)")
    name: str | None = Field(None, description="the canonical name (gazetteer or actor dictionary)")
    code: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None


class Row(BaseModel):
    id: int
    document_id: int
    day: str | None = Field(None, description="the event's date, else its document's publication date")
    plover: str
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    actor1: NamedPart | None = None
    actor2: NamedPart | None = None
    location: NamedPart | None = None
    fatalities: int | None = None
    certainty: str
    outlet: str | None = None
    source_id: str | None = None


class RowsPage(BaseModel):
    rows: list[Row]
    total: int = Field(description="events matching the filters (all pages)")
    offset: int
    limit: int
    sort: str


class DocumentInfo(BaseModel):
    id: int
    source_id: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None


class EventDetail(BaseModel):
    event: StoredEventOut
    document: DocumentInfo
    highlights: list[Highlight] = Field(description="spans to mark in the evidence sentence (document offsets)")
    incident: IncidentOut | None = None


# ---- conversions --------------------------------------------------------------------------------

def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def event_out(e: StoredEvent) -> StoredEventOut:
    return StoredEventOut.model_validate({**e.to_json(), "published": _iso(e.published), "outlet": e.outlet,
                                          "url": e.url, "title": e.title, "source_id": e.source_id})


def incident_out(inc: StoredIncident) -> IncidentOut:
    reports = [Report(
        event_id=r.id, document_id=r.document_id, source_id=r.source_id, outlet=r.outlet, url=r.url,
        published=_iso(r.published), date=r.record.get("date") or _iso(r.published),
        certainty=r.record.get("certainty", "asserted"),
        claimed_by=(r.record.get("claimed_by") or {}).get("text"), fatalities=r.record.get("fatalities"),
        injured=r.record.get("injured"), arrested=r.record.get("arrested"),
        evidence=(r.record.get("evidence") or {}).get("text", ""),
    ) for r in inc.reports]
    return IncidentOut(id=inc.id, plover=inc.plover, plover_mode=inc.plover_mode,
                       acled_event_type=inc.acled_event_type, acled_sub_event_type=inc.acled_sub_event_type,
                       date=_iso(inc.date), time_precision=inc.time_precision, location=inc.location,
                       fatalities=inc.fatalities, fatalities_range=inc.fatalities_range,
                       fatalities_reported=inc.fatalities_reported, reports=reports)


def encode_cursor(last_id: int) -> str:
    """Opaque to clients; today the id of the last record of the page."""
    return str(last_id)


def decode_cursor(cursor: str) -> int:
    return min(int(cursor), MAX_ID)


def parse_bbox(bbox: str | None) -> tuple[float, float, float, float] | None:
    if not bbox:
        return None
    try:
        west, south, east, north = (float(v) for v in bbox.split(","))
    except ValueError:
        raise HTTPException(400, "bbox must be four numbers: west,south,east,north (degrees)") from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise HTTPException(400, "bbox out of range: west,south,east,north with longitudes in [-180, 180], "
                                 "latitudes in [-90, 90] and south <= north")
    return west, south, east, north


def _iso_day(value: object) -> object:
    """Days as YYYY-MM-DD only: pydantic alone would also take '0' as a Unix timestamp."""
    if value is None or (isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-"):
        return value
    raise ValueError("expected a day as YYYY-MM-DD")


Day = Annotated[dt.date | None, BeforeValidator(_iso_day)]


class FilterParams:
    """The query parameters shared by lists and exports (the CLI's filters plus a bounding box)."""

    def __init__(
        self,
        since: Annotated[Day, Query(description="on or after this day (YYYY-MM-DD)")] = None,
        until: Annotated[Day, Query(description="on or before this day (YYYY-MM-DD)")] = None,
        plover: Annotated[str | None, Query(max_length=32, description="PLOVER type (ASSAULT, PROTEST, ...)")] = None,
        country: Annotated[str | None, Query(max_length=8, description="ISO3 country of the place")] = None,
        admin1: Annotated[str | None, Query(max_length=200, description="province as the gazetteer names it")] = None,
        actor: Annotated[str | None, Query(max_length=200, description="an actor's name (part of it) or code")] = None,
        certainty: Annotated[Certainty | None, Query()] = None,
        bbox: Annotated[str | None, Query(max_length=200, pattern=BBOX, description="west,south,east,north in degrees",
                                          examples=["35,32,43,38"])] = None,
    ) -> None:
        self.filters = Filters(since=since, until=until, plover=plover or None, country=country or None,
                               admin1=admin1 or None, actor=actor or None, certainty=certainty,
                               bbox=parse_bbox(bbox))


# ---- routes -------------------------------------------------------------------------------------

def store_opener(app: FastAPI, settings: Settings) -> Callable[[], Store]:
    """The app's store, opened on first use (the API starts without a database); the app's
    lifespan closes it (`app.state.store`)."""
    lock = threading.Lock()

    def store() -> Store:
        with lock:
            opened: Store | None = getattr(app.state, "store", None)
            if opened is None:
                opened = app.state.store = Store(settings.db_url)
            return opened

    return store


def attach(app: FastAPI, settings: Settings, store: Callable[[], Store]) -> None:
    """The store's routes, on the store that `store()` opens."""
    require_token = token_required(settings)

    # Defaults, not Annotated, where a value comes from `settings`: annotations are strings here.
    def page_limit() -> Any:
        return Query(100, ge=1, le=settings.max_page, description="records per page")

    @app.post("/v1/documents", response_model=IngestOut, tags=["store"], responses={**WRITE_ERRORS, **DB_ERRORS},
              dependencies=[Depends(require_token)],
              summary="Extract and store documents (those already stored are skipped)")
    async def ingest(body: DocumentsIn) -> IngestOut:
        if len(body.documents) > settings.max_documents:
            raise HTTPException(413, f"too many documents: {len(body.documents)} (limit {settings.max_documents} "
                                     "per request); send them in several requests")
        return await run_limited(settings, _ingest, store(), body.documents)

    @app.get("/v1/events", response_model=EventsPage, tags=["store"], responses=READ_ERRORS,
             summary="Stored events, filtered, in pages")
    async def events(params: Annotated[FilterParams, Depends()], limit: int = page_limit(),
                     cursor: Annotated[str | None, Query(pattern=CURSOR, description="`next` of the previous page")] = None) -> EventsPage:
        after = decode_cursor(cursor) if cursor else 0
        filters = _page(params.filters, after, limit)
        rows = await run_limited(settings, store().events, filters)
        more = len(rows) > limit
        rows = rows[:limit]
        return EventsPage(events=[event_out(e) for e in rows], next=encode_cursor(rows[-1].id) if more else None)

    @app.get("/v1/events/{event_id}", response_model=EventDetail, tags=["store"],
             responses={**READ_ERRORS, 404: error_doc("no such event")}, summary="One event with its evidence")
    async def event(event_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> EventDetail:
        return await run_limited(settings, _event_detail, store(), event_id)

    @app.get("/v1/incidents", response_model=IncidentsPage, tags=["store"], responses=READ_ERRORS,
             summary="Incidents (the reports of one happening), filtered, in pages")
    async def incidents(params: Annotated[FilterParams, Depends()], limit: int = page_limit(),
                        cursor: Annotated[str | None, Query(pattern=CURSOR, description="`next` of the previous page")] = None) -> IncidentsPage:
        after = decode_cursor(cursor) if cursor else 0
        rows = await run_limited(settings, store().incidents, _page(params.filters, after, limit))
        more = len(rows) > limit
        rows = rows[:limit]
        return IncidentsPage(incidents=[incident_out(i) for i in rows],
                             next=encode_cursor(rows[-1].id) if more else None)

    @app.get("/v1/incidents/{incident_id}", response_model=IncidentOut, tags=["store"],
             responses={**READ_ERRORS, 404: error_doc("no such incident")}, summary="One incident with its reports")
    async def incident(incident_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> IncidentOut:
        found = await run_limited(settings, store().incidents, Filters(ids=(incident_id,)))
        if not found:
            raise HTTPException(404, f"no incident {incident_id}")
        return incident_out(found[0])

    @app.get("/v1/summary", response_model=Summary, tags=["dashboard"], responses=READ_ERRORS,
             summary="Totals and the timeline (events per day, week or month and type) of the filtered events")
    async def summary(params: Annotated[FilterParams, Depends()],
                      unit: Annotated[views.Unit | Literal["auto"],
                                      Query(description="a timeline bar per day, week or month; auto: by the span "
                                                        "(days up to 120 days, weeks up to 3 years)")] = "auto",
                      ) -> Summary:
        return Summary.model_validate(await run_limited(settings, views.summary, store(), params.filters, unit))

    @app.get("/v1/clusters", response_model=Clusters, tags=["dashboard"], responses=READ_ERRORS,
             summary="The located events as map clusters: counts per grid cell at a zoom level")
    async def clusters(params: Annotated[FilterParams, Depends()],
                       zoom: Annotated[int, Query(ge=0, le=20, description="map zoom level (cells of about "
                                                                             f"{views.CELL_PIXELS} pixels)")] = 4,
                       ) -> Clusters:
        return Clusters.model_validate(await run_limited(settings, views.clusters, store(), params.filters, zoom))

    @app.get("/v1/rows", response_model=RowsPage, response_model_exclude_none=True, tags=["dashboard"],
             responses=READ_ERRORS,
             summary="The filtered events as table rows: sorted, paged by offset, with the total")
    async def rows(params: Annotated[FilterParams, Depends()], limit: int = page_limit(),
                   offset: Annotated[int, Query(ge=0, le=MAX_ID, description="rows to skip")] = 0,
                   sort: Annotated[views.Sort,
                                   Query(description="'-' for descending; events without the value come last")] = "-date",
                   ) -> RowsPage:
        found, total = await run_limited(settings, views.rows, store(), params.filters, sort, offset, limit)
        return RowsPage(rows=[Row.model_validate(r) for r in found], total=total, offset=offset, limit=limit, sort=sort)

    @app.get("/v1/watch", tags=["dashboard"], responses=READ_ERRORS,
             summary="The health of each source `rasid watch` follows: last success, items, errors, next poll")
    async def watch_sources() -> dict[str, Any]:
        return {"sources": await run_limited(settings, views.watch_health, store())}

    @app.get("/v1/alerts", tags=["dashboard"], responses=READ_ERRORS,
             summary="The latest alerts the rules fired (rasid watch / rasid alerts), newest first")
    async def alerts(limit: Annotated[int, Query(ge=1, le=500)] = 50) -> dict[str, Any]:
        return {"alerts": await run_limited(settings, views.recent_alerts, store(), limit)}

    exports = {
        "csv": ("text/csv; charset=utf-8", "ACLED CSV (one row per incident; unit=event: per event)"),
        "geojson": ("application/geo+json", "GeoJSON FeatureCollection of located incidents (or events)"),
        "jsonl": ("application/x-ndjson", "PLOVER JSONL, one event per line"),
    }
    for ext, (media, what) in exports.items():
        _export_route(app, settings, store, ext, media, what)


def _export_route(app: FastAPI, settings: Settings, store: Callable[[], Store], ext: str, media: str,
                  what: str) -> None:
    fmt = {"csv": "acled-csv", "geojson": "geojson", "jsonl": "plover-jsonl"}[ext]

    async def export(request: Request, params: Annotated[FilterParams, Depends()],
                     unit: Literal["incident", "event"] = "incident",
                     limit: Annotated[int | None, Query(ge=1, le=1_000_000)] = None) -> Response:
        from ..store.export import write

        filters = _page(params.filters, None, limit)
        out = io.StringIO()
        await run_limited(settings, write, store(), fmt, out, unit, filters)
        return Response(out.getvalue(), media_type=media,
                        headers={"Content-Disposition": f'attachment; filename="rasid-{unit}s.{ext}"'})

    app.add_api_route(f"/v1/export.{ext}", export, methods=["GET"], tags=["exports"], summary=what,
                      response_class=Response, name=f"export_{ext}",
                      responses={**READ_ERRORS, 200: {"content": {media.split(";")[0]: {"schema": {
                          "type": "object" if ext == "geojson" else "string"}}},
                                                      "description": what}})


def _page(f: Filters, after: int | None, limit: int | None) -> Filters:
    return Filters(since=f.since, until=f.until, plover=f.plover, country=f.country, admin1=f.admin1, actor=f.actor,
                   certainty=f.certainty, bbox=f.bbox, after=after,
                   limit=None if limit is None else (limit + 1 if after is not None else limit))


def _ingest(store: Store, documents: list[Document]) -> IngestOut:
    """Each document commits alone (the store's transaction), so a batch cut short keeps whole
    documents, and sending it again skips those."""
    from ..pipeline.run import process

    results = []
    for doc in documents:
        doc.url = doc.url.strip() or None if doc.url else None  # '' is no URL (and would collide as one)
        if store.has_document(doc):
            results.append(DocumentOutcome(id=doc.id, status="skipped"))
            continue
        result = process(doc)
        if result.error:
            results.append(DocumentOutcome(id=doc.id, status="failed", error=result.error))
            continue
        try:
            doc_id = store.add(doc, result)
        except Refused as e:  # a value the database would not take: this document only
            results.append(DocumentOutcome(id=doc.id, status="failed", error=f"not stored: {e.reason}"))
            continue
        if doc_id is None:
            results.append(DocumentOutcome(id=doc.id, status="skipped"))
        else:
            results.append(DocumentOutcome(id=doc.id, status="added", document_id=doc_id, events=len(result.events)))
    count = {s: sum(r.status == s for r in results) for s in ("added", "skipped", "failed")}
    return IngestOut(**count, events=sum(r.events for r in results), results=results)


def _event_detail(store: Store, event_id: int) -> EventDetail:
    found = store.events(Filters(ids=(event_id,)))
    if not found:
        raise HTTPException(404, f"no event {event_id}")
    e = found[0]
    incident = None
    if e.incident_id is not None:
        incidents = store.incidents(Filters(ids=(e.incident_id,)))
        incident = incident_out(incidents[0]) if incidents else None
    return EventDetail(event=event_out(e), highlights=highlights(e.record), incident=incident,
                       document=DocumentInfo(id=e.document_id, source_id=e.source_id, title=e.title, url=e.url,
                                             outlet=e.outlet, published=_iso(e.published)))
