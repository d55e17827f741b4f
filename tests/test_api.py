"""The HTTP API over real Arabic text: extraction, limits, errors, access rules, the dashboard's files
and the app's own OpenAPI spec exercised by schemathesis."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.config import SchemathesisConfig
from store_helpers import BACKENDS, PG_URL, reset_postgres

from rasid.api import Settings, create_app, dashboard_built, docs_built
from rasid.api.app import STATIC_DIR

LOCAL = "http://localhost"  # a trusted Host name (TestClient's own, 'testserver', is not one)


def client(**overrides: object) -> TestClient:
    settings = Settings()
    settings.db_url = None
    for key, value in overrides.items():
        setattr(settings, key, value)
    return TestClient(create_app(settings), base_url=LOCAL)


@pytest.fixture(scope="module")
def api() -> TestClient:
    return client()


def news_page(article: str) -> str:
    """The article wrapped in page furniture that must not reach the extractor."""
    lines = [line.strip() for line in article.splitlines() if line.strip()]
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in lines[1:] if not p.startswith("اقرأ المزيد"))
    return (f'<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{html.escape(lines[0])}</title>'
            '<meta property="og:site_name" content="تطورات العالم الاسلامي"></head><body>'
            '<nav><a href="/">الرئيسية</a> <a href="/syria">سوريا</a></nav>'
            f"<main><article><h1>{html.escape(lines[0])}</h1>{paras}</article></main>"
            "<footer>جميع الحقوق محفوظة</footer></body></html>")


def test_health(tmp_path: Path) -> None:
    r = client(db_url=str(tmp_path / "events.db")).get("/health")
    assert r.status_code == 200
    assert r.json()["status"] == "ok" and r.json()["store"] == "sqlite"
    broken = client(db_url=f"sqlite:///{tmp_path}/no/such/folder/events.db").get("/health")
    assert broken.status_code == 503 and broken.json()["error"] == "the database is unavailable"
    r = client(db_url=f"sqlite:///{tmp_path}/no/such/folder/events.db").get("/v1/events")
    assert r.status_code == 503 and "database" in r.json()["error"]


def test_extract_text_gives_the_contracts_document_result(api: TestClient, seed_text: str) -> None:
    r = api.post("/v1/extract", json={"text": seed_text, "published": "2022-01-24", "id": "hasakah"})
    assert r.status_code == 200
    body = r.json()
    assert body["id"] == "hasakah" and body["published"] == "2022-01-24"
    triggers = [e["evidence"]["trigger"] for e in body["events"]]
    assert triggers, "the worked example has events"
    for trig in triggers:  # offsets point into the text sent
        assert seed_text[trig["start"]:trig["end"]] == trig["text"]
    assert any(e["plover"] == "ASSAULT" and "مقتل 13 عنصراً" in e["evidence"]["text"] for e in body["events"])


def test_extract_html_returns_the_article_text_its_offsets_point_into(api: TestClient, seed_text: str) -> None:
    r = api.post("/v1/extract", json={"html": news_page(seed_text), "published": "2022-01-24"})
    assert r.status_code == 200
    body = r.json()
    text = body["text"]
    assert "سجن الصناعة" in text and "الرئيسية" not in text and "جميع الحقوق" not in text
    assert body["events"]
    for e in body["events"]:
        ev = e["evidence"]
        assert text[ev["start"]:ev["end"]] == ev["text"]


def test_html_without_an_article_is_an_error_record_not_a_crash(api: TestClient) -> None:
    r = api.post("/v1/extract", json={"html": "<html><head><title>t</title></head><body><script>var a = 1</script></body></html>"})
    assert r.status_code == 200
    assert r.json()["error"] and r.json()["events"] == []


def test_non_arabic_and_empty_text_are_warnings(api: TestClient) -> None:
    assert "not Arabic" in api.post("/v1/extract", json={"text": "The army shelled the town."}).json()["warnings"][0]
    assert "empty" in api.post("/v1/extract", json={"text": "  "}).json()["warnings"][0]


@pytest.mark.parametrize("body", [
    {"text": "قتل جندي", "html": "<p>قتل جندي</p>"},
    {"published": "2022-01-24"},
    {"text": 5},
    {"text": "قتل جندي", "colour": "red"},
])
def test_malformed_requests_are_json_422_with_a_message(api: TestClient, body: dict) -> None:
    r = api.post("/v1/extract", json=body)
    assert r.status_code == 422
    err = r.json()
    assert err["status"] == 422 and err["error"].startswith("invalid request:") and err["problems"]


def test_broken_json_is_422(api: TestClient) -> None:
    r = api.post("/v1/extract", content=b'{"text": "\xd9\x82\xd8\xaa\xd9\x84', headers={"content-type": "application/json"})
    assert r.status_code == 422 and "error" in r.json()


def test_oversized_body_gets_413_before_parsing(seed_text: str) -> None:
    small = client(max_body_bytes=2_000)
    r = small.post("/v1/extract", json={"text": seed_text})
    assert r.status_code == 413
    assert "too large" in r.json()["error"] and r.json()["status"] == 413
    # the same limit holds when the client sends no Content-Length (chunked upload)
    chunks = iter([seed_text.encode()[:1500], seed_text.encode()[1500:3000]])
    r = small.post("/v1/extract", content=chunks, headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert small.post("/v1/extract", json={"text": "قتل جندي في درعا"}).status_code == 200


def test_slow_request_gets_504(seed_text: str) -> None:
    r = client(timeout_seconds=0.000_001).post("/v1/extract", json={"text": seed_text * 5})
    assert r.status_code == 504 and "longer than" in r.json()["error"]


def test_unknown_path_and_wrong_method_are_json(api: TestClient) -> None:
    r = api.get("/v1/nothing-here")
    assert r.status_code == 404 and r.json()["error"]
    r = api.get("/v1/extract")
    assert r.status_code == 405 and r.json()["error"]


def test_cors_is_off_by_default_and_on_when_configured(api: TestClient) -> None:
    headers = {"Origin": "https://analyst.example", "Access-Control-Request-Method": "POST"}
    assert "access-control-allow-origin" not in api.get("/health", headers=headers).headers
    on = client(cors_origins=["https://analyst.example"])
    r = on.options("/v1/extract", headers=headers)
    assert r.headers.get("access-control-allow-origin") == "https://analyst.example"


def test_openapi_docs_are_served(api: TestClient) -> None:
    assert api.get("/docs").status_code == 200
    spec = api.get("/openapi.json").json()
    assert "/v1/extract" in spec["paths"] and "/health" in spec["paths"]


def test_missing_dashboard_says_how_to_get_it(tmp_path: Path) -> None:
    # an installed package (no rasid/web/src beside the static folder): advice a pip user can follow
    installed = tmp_path / "site-packages" / "rasid" / "web" / "static"
    app = TestClient(create_app(Settings(), static_dir=installed), base_url=LOCAL)
    for path in ("/", "/docs"):
        r = app.get(path)
        assert r.status_code == 503 and "pip install --force-reinstall" in r.json()["error"]
        assert "make" not in r.json()["error"] and "npm" not in r.json()["error"]
    assert app.get("/health").json()["dashboard"] is False
    # a source checkout: restore the committed build, or rebuild it with npm
    (tmp_path / "checkout" / "src").mkdir(parents=True)
    (tmp_path / "checkout" / "src" / "index.html").write_text("<html></html>")
    r = TestClient(create_app(Settings(), static_dir=tmp_path / "checkout" / "static"), base_url=LOCAL).get("/")
    assert r.status_code == 503 and "git checkout" in r.json()["error"] and "make dashboard" in r.json()["error"]


@pytest.mark.skipif(not docs_built(), reason="static build missing: `git checkout -- rasid/web/static`")
def test_docs_page_loads_nothing_from_another_host(api: TestClient) -> None:
    """/docs and everything it references come from this server (no CDN: it works offline)."""
    page = api.get("/docs")
    assert page.status_code == 200
    refs = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert len(refs) == 3  # Swagger UI's script, its style sheet and its icon
    assert not [u for u in re.findall(r"\b(?:https?:)?//[\w.-]+", page.text) if "testserver" not in u]
    for ref in refs:
        assert ref.startswith("/static/swagger/")
        assert api.get(ref).status_code == 200
    css = api.get("/static/swagger/swagger-ui.css").text
    assert all(u.strip("'\"").startswith("data:") for u in re.findall(r"url\(([^)]*)\)", css))
    assert "validatorUrl" in page.text  # no validator badge fetched from validator.swagger.io
    spec_url = re.search(r"url: '([^']+)'", page.text)
    assert spec_url and api.get(spec_url.group(1)).json()["info"]["title"] == "Rasid"


@pytest.mark.skipif(not dashboard_built(), reason="dashboard not built: run `make setup` (npm ci && npm run build)")
def test_dashboard_files_are_served_offline(api: TestClient) -> None:
    index = api.get("/")
    assert index.status_code == 200 and 'dir="rtl"' in index.text
    assert api.get("/static/app.js").status_code == 200
    borders = api.get("/static/countries-50m.json").json()
    assert borders["type"] == "Topology" and "countries" in borders["objects"]
    # everything the page loads comes from this server: no CDN, no tile server
    for name in ("index.html", "app.js", "style.css"):
        text = (STATIC_DIR / name).read_text(encoding="utf-8")
        assert "unpkg.com" not in text and "cdn." not in text and "tile.openstreetmap" not in text


# ---- the app against its own OpenAPI spec -------------------------------------------------------

def _schema_app() -> object:
    import tempfile

    settings = Settings()
    settings.db_url = str(Path(tempfile.mkdtemp(prefix="rasid-schemathesis-")) / "events.db")
    settings.token = "s3cret-token"
    settings.allowed_hosts = ["testserver"]  # schemathesis's ASGI client names this host
    return create_app(settings)


# A bounding box out of range is a documented 400 that a JSON Schema pattern cannot express.
SCHEMATHESIS = SchemathesisConfig.from_dict(
    {"checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "400", "404"]}}})
schema = schemathesis.openapi.from_asgi("/openapi.json", _schema_app(), config=SCHEMATHESIS)


@schema.parametrize()
@hypothesis_settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_spec(case: schemathesis.Case) -> None:
    case.call_and_validate(headers={"Authorization": "Bearer s3cret-token"})



# ---- the store over HTTP ------------------------------------------------------------------------

TOKEN = "test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SECOND_REPORT = ("مقتل 15 عنصراً من داعش في الحسكة\n"
                 "أعلنت قوات سوريا الديمقراطية مقتل 15 عنصراً من تنظيم داعش خلال اشتباكات في محيط سجن الصناعة "
                 "في مدينة الحسكة صباح أمس الأحد.")
PROTEST_REPORT = "تظاهر مئات الطلاب أمام مبنى وزارة التربية في بغداد يوم الاثنين احتجاجاً على نتائج الامتحانات."


@pytest.fixture(scope="module", params=BACKENDS)
def stored(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, seed_text: str) -> TestClient:
    """An API over a fresh store (SQLite; PostgreSQL too when RASID_TEST_PG is set) holding the worked
    example and two more reports."""
    if request.param == "postgresql":
        reset_postgres(PG_URL)
        url = PG_URL
    else:
        url = str(tmp_path_factory.mktemp("db") / "events.db")
    c = client(db_url=url, token=TOKEN, max_documents=3)
    docs = [{"id": "hasakah-prison", "text": seed_text, "published": "2022-01-24", "outlet": "تطورات العالم الاسلامي"},
            {"id": "second-report", "text": SECOND_REPORT, "published": "2022-01-24", "outlet": "وكالة محلية"},
            {"id": "baghdad-students", "text": PROTEST_REPORT, "published": "2022-03-07"}]
    r = c.post("/v1/documents", json={"documents": docs}, headers=AUTH)
    assert r.status_code == 200, r.text
    assert r.json()["added"] == 3 and [x["status"] for x in r.json()["results"]] == ["added"] * 3
    return c


def all_events(c: TestClient, **params: object) -> list[dict]:
    return c.get("/v1/events", params={"limit": 1000, **params}).json()["events"]


def test_writes_need_the_configured_token(stored: TestClient) -> None:
    body = {"documents": [{"id": "x", "text": "قتل جندي في درعا"}]}
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic dGVzdA=="}):
        r = stored.post("/v1/documents", json=body, headers=headers)
        assert r.status_code == 401 and "token" in r.json()["error"]
        assert r.headers["www-authenticate"] == "Bearer"
    assert stored.get("/v1/events").status_code == 200  # reads stay open


def test_storing_again_skips_and_too_many_documents_is_413(stored: TestClient, seed_text: str) -> None:
    again = {"documents": [{"id": "same", "text": seed_text, "published": "2022-01-24"}]}
    r = stored.post("/v1/documents", json=again, headers=AUTH)
    assert r.json()["results"][0]["status"] == "skipped" and r.json()["added"] == 0
    many = {"documents": [{"id": str(i), "text": f"قتل {i} جنود"} for i in range(4)]}
    r = stored.post("/v1/documents", json=many, headers=AUTH)
    assert r.status_code == 413 and "too many documents" in r.json()["error"]


def test_pages_cover_every_event_once(stored: TestClient) -> None:
    everything = all_events(stored)
    seen: list[int] = []
    params: dict[str, object] = {"limit": 4}
    while True:
        page = stored.get("/v1/events", params=params).json()
        assert len(page["events"]) <= 4
        seen += [e["id"] for e in page["events"]]
        if not page["next"]:
            break
        params["cursor"] = page["next"]
    assert seen == sorted(seen) and len(seen) == len(set(seen)) == len(everything) > 4


def test_filters(stored: TestClient) -> None:
    protests = all_events(stored, plover="PROTEST")
    assert protests and all(e["plover"] == "PROTEST" for e in protests)
    assert any(e["source_id"] == "baghdad-students" for e in protests)
    march = all_events(stored, since="2022-03-01")
    assert march and all(e["source_id"] == "baghdad-students" for e in march)
    claimed = all_events(stored, certainty="claimed")
    assert all(e["certainty"] == "claimed" for e in claimed)
    assert stored.get("/v1/events", params={"certainty": "probably"}).status_code == 422


def test_bounding_box(stored: TestClient) -> None:
    located = [e for e in all_events(stored) if e["location"] and e["location"]["lat"] is not None]
    assert any(abs(e["location"]["lat"] - 36.5) < 0.5 and abs(e["location"]["lon"] - 40.75) < 0.5 for e in located)
    hasakah = all_events(stored, bbox="40,36,41.5,37")
    assert hasakah and all(36 <= e["location"]["lat"] <= 37 and 40 <= e["location"]["lon"] <= 41.5 for e in hasakah)
    assert all_events(stored, bbox="-10,35,3,44") == []  # Iberia
    for bad in ("1,2,3", "a,b,c,d", "0,0,200,10", "0,-91,10,10", "180.5,0,10,10"):  # what the pattern refuses
        r = stored.get("/v1/events", params={"bbox": bad})
        assert r.status_code == 422 and "bbox" in r.json()["error"]
    assert all_events(stored, bbox="-180,-90,180.0,90") and all_events(stored, bbox="170,-90,-170,90") == []
    for bad in ("0,50,10,40",):  # the one check a pattern cannot make
        r = stored.get("/v1/events", params={"bbox": bad})
        assert r.status_code == 400 and "bbox" in r.json()["error"]


def test_event_with_its_evidence_and_the_incidents_other_reports(stored: TestClient, seed_text: str) -> None:
    killed = [e for e in all_events(stored) if "مقتل 13 عنصراً" in e["evidence"]["text"] and e["plover"] == "ASSAULT"]
    assert killed
    detail = stored.get(f"/v1/events/{killed[0]['id']}").json()
    marks = {(h["role"], h["text"]) for h in detail["highlights"]}
    assert ("trigger", "مقتل") in marks
    assert ("fatalities", "13") in marks
    assert any(role == "date" and "أمس" in text for role, text in marks)  # 'صباح أمس (الأحد)' → 2022-01-23
    for h in detail["highlights"]:  # offsets into the stored document's text
        assert seed_text[h["start"]:h["end"]] == h["text"]
    assert detail["document"]["source_id"] == "hasakah-prison"
    reports = detail["incident"]["reports"]
    assert {r["source_id"] for r in reports} >= {"hasakah-prison", "second-report"}
    assert {r["fatalities"] for r in reports} >= {13, 15}
    assert detail["incident"]["fatalities_range"] == [13, 15]


def test_evidence_view_marks_a_figure_written_in_words(tmp_path: Path) -> None:
    # the figure and the date come from the pipeline's own spans (fatalities_span, date_span)
    text = "قتل ثلاثة أشخاص في قصف على بلدة سرمين بريف إدلب صباح أمس، وأصيب 7 آخرون، في عام 2022."
    c = client(db_url=str(tmp_path / "events.db"))
    r = c.post("/v1/documents", json={"documents": [{"id": "sarmin", "text": text, "published": "2022-01-24"}]})
    assert r.status_code == 200 and r.json()["added"] == 1
    [event] = [e for e in all_events(c) if e["plover"] == "ASSAULT"]
    assert event["fatalities"] == 3 and event["fatalities_span"]["text"] == "ثلاثة"
    detail = c.get(f"/v1/events/{event['id']}").json()
    marks = {(h["role"], h["text"]) for h in detail["highlights"]}
    assert {("trigger", "قتل"), ("fatalities", "ثلاثة"), ("date", "صباح أمس"), ("injured", "7")} <= marks
    assert ("number", "2022") in marks and ("number", "7") not in marks  # other numerals: marked once
    for h in detail["highlights"]:
        assert text[h["start"]:h["end"]] == h["text"]


def test_incidents_pages_and_lookup(stored: TestClient) -> None:
    page = stored.get("/v1/incidents", params={"limit": 2}).json()
    assert len(page["incidents"]) == 2 and page["next"]
    first = page["incidents"][0]
    assert stored.get(f"/v1/incidents/{first['id']}").json() == first
    assert stored.get("/v1/incidents", params={"plover": "PROTEST"}).json()["incidents"]


def test_missing_records_bad_cursor(stored: TestClient) -> None:
    assert stored.get("/v1/events/999999").status_code == 404
    assert stored.get("/v1/incidents/999999").status_code == 404
    r = stored.get("/v1/events", params={"cursor": "not-a-cursor"})
    assert r.status_code == 422 and "cursor" in r.json()["error"]
    assert stored.get("/v1/events", params={"limit": 0}).status_code == 422


def test_exports(stored: TestClient) -> None:
    import csv
    import io
    import json

    r = stored.get("/v1/export.csv")
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert rows and {"event_date", "event_type", "latitude", "fatalities"} <= set(rows[0])
    geo = stored.get("/v1/export.geojson", params={"unit": "event"})
    assert geo.headers["content-type"].startswith("application/geo+json")
    features = geo.json()["features"]
    assert features and all(f["geometry"]["type"] == "Point" for f in features)
    lines = stored.get("/v1/export.jsonl", params={"plover": "PROTEST"}).text.splitlines()
    assert lines and all(json.loads(line)["event"] == "PROTEST" for line in lines)


# ---- the dashboard's aggregates over a whole archive ----------------------------------------------

def test_summary_counts_the_stored_events(stored: TestClient) -> None:
    everything = all_events(stored)
    s = stored.get("/v1/summary").json()
    assert s["total"] == len(everything)
    assert s["located"] == sum(1 for e in everything if e["location"] and e["location"]["lat"] is not None)
    assert s["types"]["PROTEST"] == sum(e["plover"] == "PROTEST" for e in everything)
    assert "SYR" in s["countries"] and "IRQ" in s["countries"]
    assert s["unit"] == "day" and sum(b["total"] for b in s["buckets"]) == s["total"] - s["undated"]
    protests = stored.get("/v1/summary", params={"plover": "PROTEST"}).json()
    assert protests["total"] == protests["types"]["PROTEST"] and set(protests["types"]) == {"PROTEST"}
    assert stored.get("/v1/summary", params={"unit": "month"}).json()["buckets"][0]["start"].endswith("-01")


def test_clusters_put_events_on_one_point_together(stored: TestClient) -> None:
    located = [e for e in all_events(stored) if e["location"] and e["location"]["lat"] is not None]
    c = stored.get("/v1/clusters", params={"zoom": 5}).json()
    assert c["total"] == len(located) == sum(cell["count"] for cell in c["cells"])
    hasakah = [cell for cell in c["cells"] if abs(cell["lat"] - 36.5) < 0.5 and abs(cell["lon"] - 40.75) < 0.5]
    assert hasakah and hasakah[0]["count"] > 1 and hasakah[0]["id"] is None
    single = [cell for cell in stored.get("/v1/clusters", params={"zoom": 18}).json()["cells"] if cell["count"] == 1]
    assert all(cell["id"] in {e["id"] for e in located} for cell in single)
    assert stored.get("/v1/clusters", params={"zoom": 21}).status_code == 422
    assert stored.get("/v1/clusters", params={"bbox": "-10,35,3,44"}).json()["cells"] == []


def test_rows_are_sorted_and_paged_with_the_total(stored: TestClient) -> None:
    everything = all_events(stored)
    page = stored.get("/v1/rows", params={"sort": "-fatalities", "limit": 3}).json()
    assert page["total"] == len(everything) and len(page["rows"]) == 3
    top = sorted((e["fatalities"] for e in everything if e["fatalities"] is not None), reverse=True)
    assert [r.get("fatalities") for r in page["rows"]] == (top + [None] * 3)[:3]  # events without a figure last
    seen, offset = [], 0
    while offset < page["total"]:
        rows = stored.get("/v1/rows", params={"sort": "date", "limit": 4, "offset": offset}).json()["rows"]
        seen += rows
        offset += 4
    assert sorted(r["id"] for r in seen) == sorted(e["id"] for e in everything)
    days = [r["day"] for r in seen if r.get("day")]
    assert days == sorted(days)
    row = next(r for r in seen if r.get("location") and r["location"]["text"] == "مدينة الحسكة")
    assert "asakah" in row["location"]["name"]  # the words of the text and the gazetteer's name, for either language
    assert row["actor1"]["text"] and row["actor1"]["code"]
    assert stored.get("/v1/rows", params={"sort": "outlet"}).status_code == 422


def test_aggregates_of_a_large_archive(tmp_path: Path) -> None:
    import bulk_store

    url = f"sqlite:///{tmp_path / 'bulk.db'}"
    bulk_store.fill(url, 3_000)
    want = bulk_store.expected(3_000)
    c = client(db_url=url)
    s = c.get("/v1/summary").json()
    assert s["total"] == 3_000 and s["types"] == want["types"] and s["undated"] == want["undated"]
    assert s["unit"] == "month" and len(s["buckets"]) == 48  # four years: a bar a month
    year = c.get("/v1/summary", params={"since": "2020-01-01", "until": "2020-12-31"}).json()
    assert year["unit"] == "week" and all(b["start"] <= b["end"] for b in year["buckets"])
    cells = c.get("/v1/clusters", params={"zoom": 12}).json()["cells"]
    assert {(cell["lat"], cell["lon"]): cell["count"] for cell in cells} == want["points"]
    assert all(cell["points"] == 1 for cell in cells)
    assert c.get("/v1/rows", params={"limit": 500}).json()["total"] == 3_000
    syria = c.get("/v1/rows", params={"country": "SYR", "sort": "-date", "limit": 5}).json()
    assert syria["total"] == c.get("/v1/summary", params={"country": "SYR"}).json()["total"] < 3_000
