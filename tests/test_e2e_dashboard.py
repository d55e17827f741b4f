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


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real uvicorn server on loopback over a fresh SQLite store, stopped after the tests."""
    import uvicorn

    settings = Settings()
    settings.db_url = str(tmp_path_factory.mktemp("store") / "events.db")
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
def ingested(server: str, seed_text: str) -> str:
    doc = {"id": "hasakah-prison", "text": seed_text, "published": "2022-01-24", "outlet": "تطورات العالم الاسلامي",
           "url": "https://example.org/hasakah-prison"}
    second = {"id": "second-report", "text": SECOND_REPORT, "published": "2022-01-24", "outlet": "وكالة محلية"}
    r = httpx.post(f"{server}/v1/documents", json={"documents": [doc, second]},
                   headers={"Authorization": "Bearer e2e-token"}, timeout=60)
    assert r.status_code == 200, r.text
    assert r.json()["added"] == 2 and r.json()["events"] > 0
    return server


@pytest.fixture()
def page(ingested: str) -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
                                    args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": 1400, "height": 1000})
        errors: list[str] = []
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        pg.goto(ingested + "/")
        pg.wait_for_selector("body[data-loaded=true]", timeout=20_000)
        yield pg
        assert not errors, f"JavaScript errors on the page: {errors}"
        browser.close()


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
