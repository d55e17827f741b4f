"""Remake docs/dashboard.png: a fresh store with the worked example and a second, illustrative report
of the same clash (a different outlet, 15 dead instead of 13), served on loopback and photographed
in Debian's headless Chromium with the evidence view of the '13 killed' event open.

    .venv/bin/python scripts/dashboard_screenshot.py [docs/dashboard.png]
"""

from __future__ import annotations

import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn
from playwright.sync_api import sync_playwright

from rasid.api import Settings, create_app

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SECOND_REPORT = ("مقتل 15 عنصراً من داعش في الحسكة\n"
                 "أعلنت قوات سوريا الديمقراطية مقتل 15 عنصراً من تنظيم داعش خلال اشتباكات في محيط سجن الصناعة "
                 "في مدينة الحسكة صباح أمس الأحد.")


def main(out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings()
        settings.db_url = str(Path(tmp) / "events.db")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        docs = [{"id": "hasakah-prison", "text": (ROOT / "examples" / "hasakah-prison.txt").read_text(encoding="utf-8"),
                 "published": "2022-01-24", "outlet": "تطورات العالم الاسلامي"},
                {"id": "second-report", "text": SECOND_REPORT, "published": "2022-01-24", "outlet": "وكالة أنباء محلية"}]
        httpx.post(f"{base}/v1/documents", json={"documents": docs}, timeout=60).raise_for_status()
        events = httpx.get(f"{base}/v1/events", params={"limit": 1000}).json()["events"]
        target = next(e["id"] for e in events if "مقتل 13 عنصراً" in e["evidence"]["text"] and e["plover"] == "ASSAULT")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1150})
            page.goto(base + "/")
            page.wait_for_selector("body[data-loaded=true]")
            page.click(f"#events tbody tr[data-id='{target}']")
            page.wait_for_selector("#evidence-sentence")
            page.wait_for_timeout(500)
            page.screenshot(path=str(out))
            browser.close()
        server.should_exit = True
    print(f"wrote {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "dashboard.png")
