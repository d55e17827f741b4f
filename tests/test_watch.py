"""`rasid watch` and alert rules with real parts: local HTTP servers serving feeds that change between
polls, time out, fail, are malformed or answer 304; a local webhook receiver; a real SMTP exchange;
a watcher killed with SIGKILL mid-poll and restarted."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from rasid.alerts import RulesError, deliver, dry_run, load_rules, queue
from rasid.store import Store
from rasid.watch import Watcher, parse_every

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

# Short reports written for these tests.
STRIKE = "قتل خمسة مدنيين في غارة جوية على مدينة الحسكة شمال شرق سوريا أمس."
PROTEST = "تظاهر مئات الطلاب في مدينة الموصل احتجاجا على انقطاع الكهرباء."
ARRESTS = "اعتقلت قوات الأمن عشرين شخصا في مدينة البصرة."


def _item(n: int, text: str) -> str:
    return (f"<item><title>خبر {n}</title><link>http://news.test/a/{n}</link><guid>news-{n}</guid>"
            f"<pubDate>Mon, 24 Jan 2022 10:00:00 GMT</pubDate><description>{text}</description></item>")


def _feed(items: list[str]) -> str:
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>وكالة الاختبار</title>'
            + "".join(items) + "</channel></rss>")


class Site:
    """A local server: paths → (status, body, headers); counts requests per path; honours ETags."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, str, dict[str, str]]] = {}
        self.hits: dict[str, int] = {}
        self.posts: list[dict[str, Any]] = []
        self.delay: dict[str, float] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_: Any) -> None:
                pass

            def do_GET(self) -> None:
                site.hits[self.path] = site.hits.get(self.path, 0) + 1
                time.sleep(site.delay.get(self.path, 0))
                status, body, headers = site.routes.get(self.path, (404, "", {}))
                if headers.get("ETag") and self.headers.get("If-None-Match") == headers["ETag"]:
                    self.send_response(304)
                    self.end_headers()
                    return
                data = body.encode()
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:
                n = int(self.headers.get("Content-Length") or 0)
                site.posts.append(json.loads(self.rfile.read(n)))
                self.send_response(204)
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    yield s
    s.close()


def _rules(tmp_path: Path, site: Site, **extra: str) -> Path:
    body = "\n".join(f"{k} = {v}" for k, v in extra.items())
    path = tmp_path / "rules.toml"
    path.write_text(f'[[rule]]\nname = "syria strikes"\ncountry = "SYR"\nplover = ["ASSAULT"]\n'
                    f'webhook = "{site.url}/hook"\n{body}\n', encoding="utf-8")
    return path


def _poll_and_alert(store: Store, watcher: Watcher, rules: list[Any]) -> None:
    watcher.poll(watcher.sources)
    queue(store, rules)
    deliver(store, rules)


def test_two_polls_store_new_items_once_and_alert_once(tmp_path: Path, site: Site) -> None:
    site.routes["/feed"] = (200, _feed([_item(1, STRIKE)]), {"ETag": '"v1"', "Content-Type": "application/rss+xml"})
    rules = load_rules(_rules(tmp_path, site))
    with Store(str(tmp_path / "w.db")) as store:
        watcher = Watcher(store, [f"{site.url}/feed"], every=60)
        _poll_and_alert(store, watcher, rules)
        assert store.counts()["documents"] == 1
        assert [p["rule"] for p in site.posts] == ["syria strikes"]
        assert "الحسكة" in site.posts[0]["evidence"] and site.posts[0]["document"]["url"] == "http://news.test/a/1"
        # an unchanged feed: the server answers 304, nothing new, no alert again
        _poll_and_alert(store, watcher, rules)
        assert site.hits["/feed"] == 2 and store.counts()["documents"] == 1 and len(site.posts) == 1
        # a changed feed: the old item is not stored again, the new one is, one alert more
        site.routes["/feed"] = (200, _feed([_item(2, STRIKE.replace("خمسة", "سبعة")), _item(1, STRIKE)]),
                                {"ETag": '"v2"'})
        _poll_and_alert(store, watcher, rules)
        assert store.counts()["documents"] == 2
        assert len(site.posts) == 2 and site.posts[1]["event"]["fatalities"] == 7
        watcher.close()


def test_failing_sources_do_not_stop_the_others_and_back_off(tmp_path: Path, site: Site) -> None:
    site.routes["/good"] = (200, _feed([_item(1, PROTEST)]), {})
    site.routes["/broken"] = (500, "oops", {})
    site.routes["/garbage"] = (200, "<rss><channel><item>", {})
    site.routes["/slow"] = (200, _feed([_item(2, ARRESTS)]), {})
    site.delay["/slow"] = 3
    import httpx

    with Store(str(tmp_path / "w.db")) as store, httpx.Client(timeout=1.0) as client:
        sources = [f"{site.url}/{p}" for p in ("good", "broken", "garbage", "slow")]
        watcher = Watcher(store, sources, every=60, fetch=client.get)
        reports = {r.source.rsplit("/", 1)[1]: r for r in watcher.poll(sources)}
        assert reports["good"].error is None and reports["good"].stored == 1
        assert "500" in (reports["broken"].error or "")
        assert reports["garbage"].error and reports["slow"].error
        import datetime as dt

        now = dt.datetime.now(dt.UTC)
        assert watcher.due(now) == []  # every source waits: the good one its interval, the others more
        states = {r.source.rsplit("/", 1)[1]: r for r in __import__("rasid.watch", fromlist=["status"]).status(store)}
        assert states["broken"].failures == 1 and states["good"].failures == 0
        assert states["broken"].next_poll > states["good"].next_poll  # backoff: twice the interval
        watcher.poll([f"{site.url}/broken"])
        states = {r.source.rsplit("/", 1)[1]: r for r in __import__("rasid.watch", fromlist=["status"]).status(store)}
        assert states["broken"].failures == 2


def test_a_folder_source_takes_each_new_file_once(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(STRIKE, encoding="utf-8")
    with Store(str(tmp_path / "w.db")) as store:
        watcher = Watcher(store, [str(inbox)], every=60, fetch=lambda *a, **k: None)
        assert watcher.poll([str(inbox)])[0].stored == 1
        (inbox / "b.txt").write_text(PROTEST, encoding="utf-8")
        reports = watcher.poll([str(inbox)])
        assert reports[0].new == 1 and reports[0].stored == 1
        assert store.counts()["documents"] == 2


def test_rules_files_are_checked(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[rule]]\nname = "x"\ncontry = "SYR"\nfile = "a.jsonl"\n', encoding="utf-8")
    with pytest.raises(RulesError, match="unknown key 'contry'"):
        load_rules(bad)
    bad.write_text('[[rule]]\nname = "x"\ncountry = "SYR"\n', encoding="utf-8")
    with pytest.raises(RulesError, match="webhook, email or file"):
        load_rules(bad)
    assert parse_every("5m") == 300 and parse_every("90s") == 90
    with pytest.raises(ValueError):
        parse_every("soon")


def test_areas_actors_and_tolls_select_events(tmp_path: Path) -> None:
    out = tmp_path / "alerts.jsonl"
    rules = tmp_path / "rules.toml"
    rules.write_text(f'''
[[rule]]
name = "hasakah"
admin1 = "محافظة الحسكة"
file = "{out}"

[[rule]]
name = "near mosul"
near = {{lat = 36.34, lon = 43.13, km = 30}}
file = "{out}"

[[rule]]
name = "deadly"
min_fatalities = 6
file = "{out}"

[[rule]]
name = "box"
bbox = [44.0, 29.0, 49.0, 32.0]
plover = ["COERCE"]
file = "{out}"
''', encoding="utf-8")
    loaded = load_rules(rules)
    with Store(str(tmp_path / "w.db")) as store:
        from rasid.contract import Document

        store.ingest([Document(id=str(n), text=t, published="2022-01-24") for n, t in
                      enumerate([STRIKE, PROTEST, ARRESTS])])
        fired = {(r.name, e.record["plover"]) for r, e in dry_run(store, loaded)}
        assert fired == {("hasakah", "ASSAULT"), ("near mosul", "PROTEST"), ("box", "COERCE")}
        assert queue(store, loaded) == 3
        assert deliver(store, loaded).sent == 3
        assert queue(store, loaded) == 0 and deliver(store, loaded).sent == 0  # once per rule and event
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(x["rule"] for x in lines) == ["box", "hasakah", "near mosul"]
    assert all(x["map"]["lat"] is not None for x in lines)


class Mailbox:
    """A minimal SMTP server on loopback: enough of the protocol for smtplib to deliver a message."""

    def __init__(self) -> None:
        self.messages: list[bytes] = []
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(1)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        conn, _ = self.sock.accept()
        f = conn.makefile("rwb")

        def say(line: str) -> None:
            f.write(line.encode() + b"\r\n")
            f.flush()

        say("220 test")
        while line := f.readline():
            cmd = line.decode().strip().upper()
            if cmd.startswith(("EHLO", "HELO")):
                say("250 test")
            elif cmd == "DATA":
                say("354 go")
                data = b""
                while (chunk := f.readline()) not in (b".\r\n", b""):
                    data += chunk
                self.messages.append(data)
                say("250 queued")
            elif cmd == "QUIT":
                say("221 bye")
                break
            else:
                say("250 ok")
        conn.close()


def test_an_email_alert_reaches_the_mail_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    box = Mailbox()
    monkeypatch.setenv("RASID_SMTP", f"127.0.0.1:{box.port}")
    rules = tmp_path / "rules.toml"
    rules.write_text('[[rule]]\nname = "all"\nemail = "team@example.org"\n', encoding="utf-8")
    loaded = load_rules(rules)
    with Store(str(tmp_path / "w.db")) as store:
        from rasid.contract import Document

        store.ingest([Document(id="1", text=STRIKE, published="2022-01-24")])
        queue(store, loaded)
        assert deliver(store, loaded).sent == 1
    msg = message_from_bytes(box.messages[0])
    assert msg["To"] == "team@example.org" and "all" in msg["Subject"]
    assert "الحسكة" in msg.get_payload(decode=True).decode("utf-8")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_kill_9_mid_poll_then_restart_duplicates_and_loses_nothing(tmp_path: Path, site: Site) -> None:
    items = [_item(n, f"{STRIKE} ({n})") for n in range(1, 6)]
    site.routes["/feed"] = (200, _feed(items), {"ETag": '"v1"'})
    for n in range(1, 6):  # the teasers are short: each item's page is fetched, slowly
        site.routes[f"/a/{n}"] = (200, f"<html><body><article><p>{STRIKE} ({n})</p></article></body></html>", {})
    feed = _feed([x.replace("http://news.test", site.url) for x in items])
    site.routes["/feed"] = (200, feed, {"ETag": '"v1"'})
    site.delay.update({f"/a/{n}": 0.8 for n in range(1, 6)})
    rules = _rules(tmp_path, site)
    db = tmp_path / "w.db"
    cmd = [sys.executable, "-m", "rasid.cli", "watch", f"{site.url}/feed", "--rules", str(rules), "--db", str(db),
           "--once", "--quiet"]
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while site.hits.get("/a/3", 0) == 0 and time.time() < deadline:  # mid-poll: two pages fetched
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    site.delay.clear()
    done = subprocess.run(cmd, check=False, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    done = subprocess.run(cmd, check=False, env=env, capture_output=True, text=True, timeout=120)  # and once more
    assert done.returncode == 0, done.stderr
    with Store(str(db)) as store:
        docs = store.counts()["documents"]
        events = store.events()
    assert docs == 5  # none lost, none twice
    assert sorted(p["document"]["url"] for p in site.posts) == sorted({e.url for e in events})  # one alert each
    assert len(site.posts) == len({p["event"]["id"] for p in site.posts}) == 5


def test_the_dashboard_api_shows_alerts_and_source_health(tmp_path: Path, site: Site) -> None:
    from fastapi.testclient import TestClient

    from rasid.api import Settings, create_app

    site.routes["/feed"] = (200, _feed([_item(1, STRIKE)]), {})
    site.routes["/down"] = (503, "", {})
    rules = load_rules(_rules(tmp_path, site))
    db = tmp_path / "w.db"
    with Store(str(db)) as store:
        watcher = Watcher(store, [f"{site.url}/feed", f"{site.url}/down"], every=60)
        _poll_and_alert(store, watcher, rules)
        watcher.close()
    settings = Settings()
    settings.db_url = str(db)
    api = TestClient(create_app(settings), base_url="http://localhost")
    alerts = api.get("/v1/alerts").json()["alerts"]
    assert [(a["rule"], a["status"], a["plover"]) for a in alerts] == [("syria strikes", "sent", "ASSAULT")]
    health = {w["source"].rsplit("/", 1)[1]: w for w in api.get("/v1/watch").json()["sources"]}
    assert health["feed"]["items"] == 1 and health["feed"]["failing"] == 0
    assert health["down"]["failing"] == 1 and "503" in health["down"]["last_error"]
    newest = api.get("/v1/rows", params={"sort": "-id"}).json()["rows"]
    assert newest and newest[0]["id"] == max(r["id"] for r in newest)


def test_incident_growth_alerts_once_per_confirmation_and_per_higher_toll(tmp_path: Path) -> None:
    from rasid.contract import Document

    out = tmp_path / "alerts.jsonl"
    rules = tmp_path / "rules.toml"
    rules.write_text(f'[[rule]]\nname = "growth"\non = ["confirmed", "toll"]\nfile = "{out}"\n', encoding="utf-8")
    loaded = load_rules(rules)
    report = "قتل {} أشخاص في تفجير سيارة مفخخة في سوق بمدينة الحلة أمس."
    with Store(str(tmp_path / "w.db")) as store:
        store.ingest([Document(id="a", text=report.format("خمسة"), published="2022-01-24", outlet="وكالة أ")])
        queue(store, loaded)
        assert deliver(store, loaded).sent == 0  # one report: nothing grew
        store.ingest([Document(id="b", text=report.format("ثمانية"), published="2022-01-24", outlet="صحيفة ب")])
        store.ingest([Document(id="c", text=report.format("ستة"), published="2022-01-24", outlet="قناة ج")])
        queue(store, loaded)
        assert deliver(store, loaded).sent == 2
        assert queue(store, loaded) == 0
    alerts = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(a["kind"] for a in alerts) == ["confirmed", "toll"]
    toll = next(a for a in alerts if a["kind"] == "toll")
    assert toll["event"]["fatalities"] == 8 and toll["incident"]["fatalities_reported"] == [5, 6, 8]
