"""The dashboard in a real browser: Debian's headless Chromium driven by Playwright, against a real
server on loopback with the worked example ingested through the API.

Skips when Chromium (/usr/bin/chromium, installed by .ci/run), the built dashboard (`make setup`) or
the store is missing. Playwright never downloads a browser here: it is pointed at Debian's.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from rasid.api import Settings, create_app, dashboard_built

CHROMIUM = os.environ.get("RASID_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
HASAKAH = (36.5, 40.75)
# A second report of the same clash from another outlet, with another death toll.
SECOND_REPORT = ("مقتل 15 عنصراً من داعش في الحسكة\n"
                 "أعلنت قوات سوريا الديمقراطية مقتل 15 عنصراً من تنظيم داعش خلال اشتباكات في محيط سجن الصناعة "
                 "في مدينة الحسكة صباح أمس الأحد.")

pytestmark = [
    pytest.mark.skipif(not (Path(CHROMIUM).exists() or shutil.which("chromium")),
                       reason="Debian's chromium is not installed (.ci/run installs it)"),
    pytest.mark.skipif(not dashboard_built(), reason="dashboard not built: run `make setup`"),
]
sync_api = pytest.importorskip("playwright.sync_api")
pytest.importorskip("rasid.store", reason="the event store is not available")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(db_url: str) -> Iterator[str]:
    """A real uvicorn server on loopback over the store at `db_url`, stopped on exit."""
    import uvicorn

    settings = Settings()
    settings.db_url = db_url
    settings.token = "e2e-token"
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the API server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over a fresh SQLite store."""
    with serve(str(tmp_path_factory.mktemp("store") / "events.db")) as url:
        yield url


@pytest.fixture(scope="module")
def ingested(server: str, seed_text: str) -> str:
    doc = {"id": "hasakah-prison", "text": seed_text, "published": "2022-01-24", "outlet": "تطورات العالم الاسلامي",
           "url": "https://example.org/hasakah-prison"}
    second = {"id": "second-report", "text": SECOND_REPORT, "published": "2022-01-24", "outlet": "وكالة محلية"}
    r = httpx.post(f"{server}/v1/documents", json={"documents": [doc, second]},
                   headers={"Authorization": "Bearer e2e-token"}, timeout=60)
    assert r.status_code == 200, r.text
    assert r.json()["added"] == 2 and r.json()["events"] > 0
    return server


@contextmanager
def browser_page(url: str) -> Iterator[object]:
    """The dashboard at `url` in headless Chromium, loaded; fails the test on a JavaScript error."""
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
                                    args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": 1400, "height": 1000})
        errors: list[str] = []
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        pg.goto(url + "/")
        pg.wait_for_selector("body[data-loaded=true]", timeout=30_000)
        yield pg
        assert not errors, f"JavaScript errors on the page: {errors}"
        browser.close()


@pytest.fixture()
def page(ingested: str) -> Iterator[object]:
    with browser_page(ingested) as pg:
        yield pg


def test_dashboard_shows_the_worked_example_in_arabic_right_to_left(page) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    rows = page.locator("#events tbody tr")
    assert rows.count() > 0
    # the basemap is drawn from the bundled world-atlas borders (no tile server)
    page.wait_for_function("document.querySelectorAll('.leaflet-overlay-pane path').length > 100")
    assert page.locator(".timeline rect.day").count() > 0


def test_markers_at_al_hasakah(page) -> None:  # type: ignore[no-untyped-def]
    markers = page.evaluate("window.rasid.markers()")
    near = [m for m in markers if abs(m["lat"] - HASAKAH[0]) < 0.5 and abs(m["lon"] - HASAKAH[1]) < 0.5]
    assert near, f"no marker near al-Hasakah {HASAKAH}: {markers}"
    assert page.locator("path.rasid-marker").count() == len(markers)


def test_evidence_view_highlights_the_source_sentence(page) -> None:  # type: ignore[no-untyped-def]
    # open the event whose sentence reports the 13 killed (through the table, as an analyst would)
    ids = page.evaluate("""fetch('v1/events?limit=1000').then(r => r.json()).then(p => p.events
        .filter(e => e.evidence.text.includes('مقتل 13 عنصراً') && e.plover === 'ASSAULT').map(e => e.id))""")
    assert ids, "the worked example's 'مقتل 13 عنصراً' event is stored"
    page.click(f"#events tbody tr[data-id='{ids[0]}']")
    sentence = page.wait_for_selector("#evidence-sentence")
    assert "مقتل 13 عنصراً" in sentence.inner_text()
    assert page.locator("#evidence-sentence mark.hl-trigger").first.inner_text() == "مقتل"
    numbers = page.locator("#evidence-sentence mark[data-role~='fatalities'], #evidence-sentence mark[data-role~='number']")
    assert "13" in [numbers.nth(i).inner_text() for i in range(numbers.count())]
    assert "أمس" in page.locator("#evidence-sentence mark.hl-date").first.inner_text()
    # the incident's other report is beside it, the death tolls on which they disagree marked
    assert page.locator("#evidence-body table.reports tbody tr").count() == 2
    assert sorted(page.locator("table.reports td.conflict").all_inner_texts())[:2] == ["13", "15"]


def test_english_toggle_and_type_filter(page) -> None:  # type: ignore[no-untyped-def]
    page.click("#lang")
    assert page.evaluate("document.documentElement.dir") == "ltr"
    assert page.locator("[data-i18n=apply]").inner_text() == "Apply"
    before = page.locator("#events tbody tr").count()
    page.select_option("select[name=plover]", "PROTEST")
    page.click("button[type=submit]")
    page.wait_for_function(f"document.querySelectorAll('#events tbody tr').length < {before}")
    types = page.locator("#events tbody tr td:nth-child(2)").all_inner_texts()
    assert types and all(t.strip() == "PROTEST" for t in types)
    page.click("#lang")  # back to Arabic for the next visitor (the choice is remembered)
    assert page.evaluate("document.documentElement.dir") == "rtl"


def test_a_row_click_shows_the_evidence_moves_the_map_and_names_places_in_arabic(page) -> None:  # type: ignore[no-untyped-def]
    rows = page.evaluate("fetch('v1/rows?limit=500').then(r => r.json()).then(p => p.rows)")
    located = [r for r in rows if r.get("location") and r["location"].get("lat") is not None]
    assert located
    row = located[-1]
    # places and actors in the words of the text in Arabic, by their names in English
    cells = page.locator(f"#events tbody tr[data-id='{row['id']}'] td").all_inner_texts()
    assert cells[5] == row["location"]["text"] and cells[3] == row["actor1"]["text"]
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.click(f"#events tbody tr[data-id='{row['id']}']")
    page.wait_for_selector("#evidence-sentence")
    box = page.evaluate("(() => { const r = document.querySelector('#evidence').getBoundingClientRect();"
                        " return [r.top, r.bottom, innerHeight]; })()")
    assert 0 <= box[0] < box[2], f"the evidence panel is out of view: {box}"
    page.wait_for_function(f"(() => {{ const c = window.rasid.center(); return Math.abs(c.lat - {row['location']['lat']})"
                           f" < 0.05 && Math.abs(c.lon - {row['location']['lon']}) < 0.05; }})()", timeout=10_000)
    assert page.evaluate("window.rasid.highlighted()") == [{"lat": row["location"]["lat"], "lon": row["location"]["lon"]}]
    page.click("#lang")
    cells = page.locator(f"#events tbody tr[data-id='{row['id']}'] td").all_inner_texts()
    assert cells[5] == row["location"]["name"] and cells[3] == row["actor1"]["name"]
    page.click("#lang")


# ---- a real archive: 100,000 events ----------------------------------------------------------------

ARCHIVE = 100_000


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over a store of ARCHIVE events written in bulk (no extraction)."""
    import bulk_store

    url = f"sqlite:///{tmp_path_factory.mktemp('archive') / 'events.db'}"
    bulk_store.fill(url, ARCHIVE)
    with serve(url) as served:
        yield served


def test_first_load_of_100000_events_is_small_and_counts_them_all(archive: str) -> None:
    import bulk_store

    want = bulk_store.expected(ARCHIVE)
    with browser_page(archive) as page:
        page.wait_for_load_state("networkidle")
        # what came over the wire (compressed bodies and headers), two ways
        perf = page.evaluate("""(() => { const all = [...performance.getEntriesByType('navigation'),
                                ...performance.getEntriesByType('resource')];
                                return all.reduce((n, e) => n + e.transferSize, 0); })()""")
        assert 0 < perf < 2_000_000, f"first load transferred {perf} bytes"
        counted = page.evaluate("Object.fromEntries(performance.getEntriesByType('resource')"
                                ".map(e => [new URL(e.name).pathname, e.transferSize]))")
        assert counted["/static/app.js"] > 0 and counted["/static/countries-50m.json"] > 0 and counted["/v1/rows"] > 0
        count = page.locator("#count")
        assert count.get_attribute("data-total") == str(ARCHIVE) and count.get_attribute("data-shown") == "500"
        assert count.inner_text() == "عرض 1–500 من 100,000 حدث"
        assert page.locator("#events tbody tr").count() == 500
        markers = page.evaluate("window.rasid.markers()")
        assert sum(m["count"] for m in markers) == ARCHIVE  # every located event is in a cluster
        assert page.locator("#timeline-title").inner_text() == "الأحداث شهرياً حسب النوع"  # four years: a bar a month
        assert page.evaluate("new Set([...document.querySelectorAll('.timeline rect.day')].map(r => r.dataset.since)).size") == 48
        print(f"\nfirst load of the dashboard over {ARCHIVE} events: {perf} bytes (Performance API)")

        # the deadliest first, then the least deadly, sorted by the server over all 100,000
        page.click("#events th[data-sort=fatalities]")
        page.wait_for_function("document.querySelector('#events th[data-sort=fatalities]').getAttribute('aria-sort') === 'descending'")
        page.wait_for_function("document.querySelector('#events tbody tr td:nth-child(7)').textContent === '36'")
        page.click("#events th[data-sort=fatalities]")
        page.wait_for_function("document.querySelector('#events tbody tr td:nth-child(7)').textContent === '0'")
        page.click("#page-next")
        page.wait_for_function("document.querySelector('#count').textContent.startsWith('عرض 501–1,000 من 100,000')")

        # a cluster of one place (the town and its prison share a point) lists its events in the table
        cells = page.evaluate("window.rasid.markers()")
        one_place = next(i for i, m in enumerate(cells) if m["points"] == 1 and m["count"] > 1)
        expected_here = want["points"][cells[one_place]["lat"], cells[one_place]["lon"]]
        page.evaluate(f"window.rasid.drill({one_place})")
        page.wait_for_function(f"document.querySelector('#count').dataset.total === '{expected_here}'")
        assert page.locator("#point").is_visible()
        page.click("#point-clear")
        page.wait_for_function(f"document.querySelector('#count').dataset.total === '{ARCHIVE}'")

        # a filter counts again over the whole archive
        page.select_option("select[name=plover]", "PROTEST")
        page.click("button[type=submit]")
        page.wait_for_function(f"document.querySelector('#count').dataset.total === '{want['types']['PROTEST']}'")
