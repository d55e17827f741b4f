"""Never let a stranger in, never answer with a traceback (issue 18): the write token, trusted Host
names, the body limit and kept-alive connections over a real server, /health without details,
links in the dashboard, literal filter text, folders as boundaries, and databases Rasid cannot use."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rasid.api import Settings, create_app
from rasid.cli import main
from rasid.store import Filters, Store, StoreError

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "hasakah-prison.txt"
LOCAL = "http://localhost"


def settings(**overrides: object) -> Settings:
    s = Settings()
    s.db_url = None
    for key, value in overrides.items():
        setattr(s, key, value)
    return s


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The worked example stored in a fresh SQLite database."""
    path = tmp_path_factory.mktemp("store") / "events.db"
    assert main(["ingest", str(EXAMPLE), "--published", "2022-01-24", "--db", str(path)]) == 0
    return path


# ---- the write token and trusted hosts --------------------------------------------------------

@pytest.mark.parametrize("token", ["", "   "])
def test_an_empty_token_is_refused(token: str, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("uvicorn.run", lambda *a, **k: pytest.fail("the server started"))
    assert main(["serve", "--token", token]) == 2
    assert "token is empty" in capsys.readouterr().err
    monkeypatch.setenv("RASID_API_TOKEN", token)  # an unset variable in a unit file or container
    assert main(["serve"]) == 2
    with pytest.raises(ValueError, match="empty"):
        create_app(settings(token=token))


def test_a_foreign_host_is_refused_on_reads_and_writes(db: Path) -> None:
    api = TestClient(create_app(settings(db_url=str(db))), base_url=LOCAL)
    body = {"documents": [{"id": "x", "text": "قتل جندي في درعا"}]}
    for host in ("evil.example", "evil.example:8000", "127.0.0.1.evil.example"):
        for r in (api.get("/v1/events", headers={"Host": host}),
                  api.post("/v1/documents", json=body, headers={"Host": host}), api.get("/", headers={"Host": host})):
            assert r.status_code == 400 and "host not allowed" in r.json()["error"]
    for host in ("localhost:8000", "127.0.0.1", "[::1]:8000"):
        assert api.get("/v1/events", headers={"Host": host}).status_code == 200
    proxied = TestClient(create_app(settings(db_url=str(db), allowed_hosts=["rasid.example.org"])),
                         base_url="http://rasid.example.org")
    assert proxied.get("/v1/events").status_code == 200


def test_bearer_auth_is_declared_only_with_a_token() -> None:
    def schemes(**overrides: object) -> dict:
        spec = TestClient(create_app(settings(**overrides)), base_url=LOCAL).get("/openapi.json").json()
        return spec.get("components", {}).get("securitySchemes", {})

    assert schemes() == {}
    assert schemes(token="s3cret") == {"HTTPBearer": {"type": "http", "scheme": "bearer",
                                                      "description": "needed for writes: the server has a "
                                                                     "token configured"}}


def test_serve_says_where_it_listens(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("uvicorn.run", lambda *a, **k: None)
    assert main(["serve", "--allowed-host", "rasid.example.org"]) == 0
    err = capsys.readouterr().err
    assert "listening on 127.0.0.1:8000 (this machine only)" in err and "rasid.example.org" in err


# ---- a real server: the body limit and kept-alive connections ----------------------------------

@contextmanager
def real_server(s: Settings) -> Iterator[int]:
    import uvicorn

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(s), host="127.0.0.1", port=port, log_level="critical"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    try:
        yield port
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


def test_a_huge_body_without_expect_gets_a_413_not_a_reset() -> None:
    with real_server(settings(max_body_bytes=1024 * 1024)) as port:
        body = b'{"text": "' + b"x" * (60 * 1024 * 1024) + b'"}'
        request = urllib.request.Request(f"http://127.0.0.1:{port}/v1/extract", data=body,
                                         headers={"Content-Type": "application/json"})
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(request, timeout=60)
        assert caught.value.code == 413 and "too large" in json.loads(caught.value.read())["error"]


def test_the_connection_stays_usable_after_a_500(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    async def crash(*_: object) -> None:  # (extraction runs in a worker process: fail before it)
        raise RuntimeError("boom")

    monkeypatch.setattr("rasid.api.app.run_isolated", crash)
    with real_server(settings(db_url=str(tmp_path / "e.db"))) as port:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("POST", "/v1/extract", body=json.dumps({"text": "قتل جندي"}),
                     headers={"Content-Type": "application/json"})
        first = conn.getresponse()
        assert first.status == 500 and json.loads(first.read()) == {"error": "internal error: RuntimeError",
                                                                   "status": 500}
        conn.request("GET", "/health")  # the same connection
        second = conn.getresponse()
        assert second.status == 200 and json.loads(second.read())["status"] == "ok"
        conn.close()


# ---- what the API tells ------------------------------------------------------------------------

def test_health_tells_nothing_about_the_database(caplog: pytest.LogCaptureFixture) -> None:
    api = TestClient(create_app(settings(db_url="postgresql://rasid_user:s3cret@127.0.0.1:1/events")),
                     base_url=LOCAL)
    r = api.get("/health")
    assert r.status_code == 503 and r.json() == {"error": "the database is unavailable", "status": 503}
    for secret in ("rasid_user", "s3cret", "127.0.0.1", ":1", "psycopg", "Operational"):
        assert secret not in r.text
    assert "health: the database cannot be opened" in caplog.text  # the operator's log has the details


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_only_http_urls_become_links() -> None:
    script = ("import { linkable } from './rasid/web/src/links.js';"
              "console.log(JSON.stringify(['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,x', "
              "'vbscript:x', '/relative', null, 'http://a.example/x?y=1', 'https://b.example/'].map(linkable)));")
    out = subprocess.run(["node", "--input-type=module", "-e", script], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    assert json.loads(out) == [None, None, None, None, None, None, "http://a.example/x?y=1", "https://b.example/"]


def test_percent_and_underscore_in_filters_are_literal(db: Path) -> None:
    with Store(str(db), read_only=True) as store:
        name = next(e.record["actor1"]["name"] for e in store.events() if e.record.get("actor1"))
        assert store.events(Filters(actor=name[:3]))  # a part of a name still matches
        for wildcard in ("%", "_", "%%", "_%_"):
            assert store.events(Filters(actor=wildcard)) == []
            assert store.incidents(Filters(actor=wildcard)) == []


# ---- folders are boundaries ----------------------------------------------------------------------

@pytest.fixture
def folder(tmp_path: Path) -> Path:
    inside = tmp_path / "in"
    inside.mkdir()
    shutil.copy(EXAMPLE, inside / "a.txt")
    (tmp_path / "secret.txt").write_text("كلمة السر: قتل ثلاثة جنود في درعا يوم الاثنين.", encoding="utf-8")
    (inside / "passwd.txt").symlink_to(tmp_path / "secret.txt")
    (inside / "again.txt").symlink_to("a.txt")  # a link inside the folder is read
    (inside / "broken.txt").symlink_to("nowhere.txt")
    (inside / "loop.txt").symlink_to("loop.txt")
    os.mkfifo(inside / "pipe.txt")
    (inside / "sub").mkdir()
    (inside / "sub" / "up").symlink_to("..")
    return inside


def test_a_link_outside_the_folder_is_read_only_when_asked(folder: Path, capsys: pytest.CaptureFixture[str],
                                                           caplog: pytest.LogCaptureFixture) -> None:
    assert main(["extract", str(folder), "-q", "--published", "2022-01-24"]) == 0
    out = capsys.readouterr().out
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["a.txt", "again.txt"]
    assert "passwd.txt: a link to" in caplog.text and "--follow-links" in caplog.text
    caplog.clear()
    assert main(["extract", str(folder), "-q", "--published", "2022-01-24", "--follow-links"]) == 0
    out = capsys.readouterr().out
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["a.txt", "again.txt", "passwd.txt"]
    assert "sub/up: a link back to a folder already read" in caplog.text  # the loop is walked once


def test_broken_links_loops_and_fifos_are_named(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a real run: the warnings reach stderr without any logging set up
    proc = subprocess.run([sys.executable, "-m", "rasid.cli", "extract", str(folder), "-q", "--published",
                           "2022-01-24"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0
    err = proc.stderr
    assert "broken.txt: a broken link" in err and "loop.txt: a broken link or link loop" in err
    assert "pipe.txt: not a regular file" in err and "sub/up: a link to a folder: not followed" in err
    assert main(["extract", str(folder / "pipe.txt"), "-q"]) == 1  # given by the user: a failed input
    assert "not a regular file" in capsys.readouterr().err


def test_extract_of_a_missing_file_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "/nonexistent.txt", "-q"]) == 2
    assert "no such file or folder: /nonexistent.txt" in capsys.readouterr().err


# ---- databases Rasid cannot use ------------------------------------------------------------------

def _unusable(tmp_path: Path, db: Path) -> dict[str, tuple[Path, str]]:
    newer = tmp_path / "newer.db"
    shutil.copy(db, newer)
    with sqlite3.connect(newer) as c:
        c.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as c:
        c.execute("CREATE TABLE invoices (id INTEGER)")
    unrecorded = tmp_path / "unrecorded.db"
    shutil.copy(db, unrecorded)
    with sqlite3.connect(unrecorded) as c:
        c.execute("DROP TABLE alembic_version")
    text = tmp_path / "notes.db"
    text.write_text("not a database\n" * 100)
    return {"newer": (newer, "a newer Rasid made it"), "other": (other, "not a Rasid database"),
            "unrecorded": (unrecorded, "no migration record"), "text": (text, "not an SQLite database")}


def test_unusable_databases_give_clear_messages(tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for path, message in _unusable(tmp_path, db).values():
        for command in (["events"], ["ingest", str(EXAMPLE)]):
            assert main([*command, "--db", str(path)]) == 2
            err = capsys.readouterr().err
            assert message in err and "Traceback" not in err
        api = TestClient(create_app(settings(db_url=str(path))), base_url=LOCAL)
        r = api.get("/v1/events")
        assert r.status_code == 503 and message in r.json()["error"]
        assert api.get("/health").json() == {"error": "the database is unavailable", "status": 503}
    with pytest.raises(StoreError, match="upgrade Rasid"):
        Store(str(tmp_path / "newer.db"))


def test_a_read_only_database_is_readable(tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    shutil.copy(db, folder / "events.db")
    before = (folder / "events.db").read_bytes()
    (folder / "events.db").chmod(0o444)
    folder.chmod(0o555)
    try:
        with Store(str(folder / "events.db"), read_only=True) as store:
            assert "mode=ro" in str(store.engine.url)  # what makes it work for a user who may not write
            assert store.events()
        assert main(["events", "--db", str(folder / "events.db"), "--limit", "2"]) == 0
        assert len(capsys.readouterr().out.splitlines()) == 2
        assert (folder / "events.db").read_bytes() == before
    finally:
        folder.chmod(0o755)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only files")
def test_a_read_only_folder_refuses_ingest_clearly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        assert main(["ingest", str(EXAMPLE), "--db", str(folder / "events.db")]) == 2
        assert "writable" in capsys.readouterr().err
    finally:
        folder.chmod(0o755)
