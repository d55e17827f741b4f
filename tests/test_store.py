"""The store on SQLite and PostgreSQL: migrations, idempotent and transactional ingestion, queries."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from store_helpers import PRISON, QAMISHLI, corpus, make_event, stored

from rasid.contract import Document
from rasid.inputs import Reject, read_inputs
from rasid.pipeline.run import process
from rasid.store import Filters, Store, content_hash, default_url, normalise_url
from rasid.store.schema import DocumentRow, EventRow

pytest_plugins = ("store_helpers",)  # the db_url fixture: SQLite, and PostgreSQL when RASID_TEST_PG is set

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "hasakah-prison.txt"
HEADLINE = "استمرار الاشتباكات بين داعش والمسلحين الكُرد في الحسكة + فيديو"
RELATED = "سجن الصناعة بين “داعش” و “قسد”.. اشتباكات ونزوح في محيط السجن"


def test_migrations_build_exactly_the_models(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from rasid.store.schema import Base

    with Store(db_url) as store, store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == []
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0003"
    Store(db_url).close()  # opening a migrated database again is a no-op


def test_worked_example_is_stored_once(db_url: str) -> None:
    docs = list(read_inputs([str(EXAMPLE)], "2022-01-24"))
    with Store(db_url) as store:
        first = store.ingest(docs)
        assert first.added == 1 and first.events == len(process(docs[0]).events) > 0
        counts = store.counts()
        again = store.ingest(list(read_inputs([str(EXAMPLE)], "2022-01-24")))
        assert (again.added, again.skipped) == (0, 1)
        # the same text under another id and with extra whitespace is the same document
        twin = Document(id="copy", text="  " + docs[0].text.replace(" ", "  ") + "\n", published="2022-01-24")
        assert store.ingest([twin]).skipped == 1
        assert store.counts() == counts
        stored_events = store.events()
        def in_text_order(records: list[dict]) -> list[dict]:  # the store lists events by day
            return sorted(records, key=lambda r: (r["evidence"]["trigger"]["start"], r["plover"]))
        assert in_text_order([e.record for e in stored_events]) == in_text_order(
            [e.model_dump(mode="json") for e in process(docs[0]).events])
        assert {e.document_id for e in stored_events} == {1} or len({e.document_id for e in stored_events}) == 1


def test_a_url_seen_again_is_not_stored_twice(db_url: str) -> None:
    a = Document(id="a", text="قتل ثلاثة أشخاص في قصف على مدينة إدلب.", url="https://example.org/1")
    b = Document(id="b", text="قتل أربعة أشخاص في قصف على مدينة إدلب.", url="https://example.org/1")
    with Store(db_url) as store:
        assert store.ingest([a]).added == 1
        assert store.ingest([b]).skipped == 1
        assert store.counts()["documents"] == 1


def test_acceptance_three_reports_of_the_prison_clash(db_url: str) -> None:
    """The worked example, its headline alone and its related headline (same day): the clash at
    the prison is one incident with three reports, and ingesting everything again adds nothing."""
    def batch() -> list[Document | Reject]:
        return [*read_inputs([str(EXAMPLE)], "2022-01-24"),
                Document(id="headline", text=HEADLINE, published="2022-01-24"),
                Document(id="related", text=RELATED, published="2022-01-24")]

    with Store(db_url) as store:
        assert store.ingest(batch()).added == 3
        counts = store.counts()
        assert store.ingest(batch()).skipped == 3
        assert store.counts() == counts
        clash = next(e for e in store.events() if e.source_id == "hasakah-prison.txt" and e.record["main"]
                     and e.record["plover"] == "ASSAULT" and "الاشتباكات" in e.record["evidence"]["trigger"]["text"])
        incident = next(i for i in store.incidents() if clash.id in [r.id for r in i.reports])
        sources = sorted({r.source_id for r in incident.reports})
        assert sources == ["hasakah-prison.txt", "headline", "related"], sources
        assert incident.date is not None and incident.date.isoformat() == "2022-01-24"
        assert len(incident.reports) == 3, [r.record["evidence"]["trigger"]["text"] for r in incident.reports]


def _event_counts(url: str) -> dict[str, int]:
    engine = create_engine(normalise_url(url))
    with engine.connect() as conn:
        rows = conn.execute(select(DocumentRow.source_id, func.count(EventRow.id))
                            .outerjoin(EventRow, EventRow.document_id == DocumentRow.id)
                            .group_by(DocumentRow.id, DocumentRow.source_id)).all()
    engine.dispose()
    ids = [r[0] for r in rows]
    assert len(ids) == len(set(ids)), "a document was stored twice"
    return dict(rows)


def test_killed_ingest_leaves_whole_documents_and_resumes(db_url: str, tmp_path: Path) -> None:
    """SIGKILL an ingest of 1,200 documents midway: only whole documents are stored, and a rerun
    stores each remaining document exactly once."""
    docs = list(corpus(1200))
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    expected = {d["id"]: len(process(Document(**d)).events) for d in docs}
    Store(db_url).close()  # migrate first, so polling below sees the tables
    cmd = [sys.executable, "-P", "-m", "rasid.cli", "ingest", str(path), "--db", db_url]
    env = dict(os.environ)  # rasid as installed (pure or compiled), never the source tree by path
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while len(_event_counts(db_url)) < 100:
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        assert time.monotonic() < deadline, "ingest made no progress"
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = _event_counts(db_url)
    assert 100 <= len(partial) < len(docs), "the kill must land midway"
    assert all(partial[i] == expected[i] for i in partial), "a document was stored without all its events"

    rerun = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(partial)} already stored" in rerun.stderr
    assert _event_counts(db_url) == expected


def test_bad_input_is_reported_and_loses_nothing_else(db_url: str) -> None:
    errors: list[tuple[str, str]] = []
    good = Document(id="good", text="اعتقلت قوات الأمن خمسة متظاهرين في مدينة البصرة أمس.", published="2023-05-02")
    huge = Document(id="huge", text="ا" * 2_000_001)
    items = [Reject("broken.jsonl:3", "malformed JSON"), huge, Document(id="empty", text=" "), good,
             Document(id="english", text="Nothing Arabic in here at all.")]
    with Store(db_url) as store:
        stats = store.ingest(items, on_error=lambda i, e: errors.append((i, e)))
        assert (stats.added, stats.failed) == (3, 2)
        assert [i for i, _ in errors] == ["broken.jsonl:3", "huge"]
        assert "too large" in errors[1][1]
        assert [e.source_id for e in store.events()] == ["good"] * len(process(good).events)


def _filter_corpus(store: Store) -> None:
    t1 = ("قالت مصادر محلية إن 13 عنصرا من تنظيم داعش قتلوا في اشتباكات مع قوات سوريا الديمقراطية قرب سجن الصناعة "
          "في الحسكة.")
    e1 = make_event(t1, t1, "اشتباكات", actor1=("قوات سوريا الديمقراطية", "SYR REB"), actor2=("تنظيم داعش", "IMG REB"),
                    place=PRISON, date="2022-01-23", fatalities=13, certainty="claimed", claimed_by="مصادر محلية")
    t2 = "تظاهر مئات من أهالي القامشلي للمطالبة بالإفراج عن المعتقلين."
    e2 = make_event(t2, t2, "تظاهر", "PROTEST", mode="demo", acled=("Protests", "Peaceful protest"),
                    actor1=("أهالي القامشلي", "SYR CVL"), place=QAMISHLI, date="2022-01-25")
    for doc_id, t, ev, pub in (("d1", t1, e1, "2022-01-24"), ("d2", t2, e2, "2022-01-25")):
        store.add(*stored(doc_id, t, pub, [ev], outlet="عنب بلدي"))


def test_filters_select_what_they_say(db_url: str) -> None:
    with Store(db_url) as store:
        _filter_corpus(store)

        def ids(**kw: object) -> list[str]:
            return [e.source_id for e in store.events(Filters(**kw))]  # type: ignore[arg-type]

        import datetime as dt

        assert ids() == ["d1", "d2"]
        assert ids(plover="protest") == ["d2"]
        assert ids(since=dt.date(2022, 1, 24)) == ["d2"]
        assert ids(until=dt.date(2022, 1, 23)) == ["d1"]
        assert ids(country="SYR") == ["d1", "d2"] and ids(country="IRQ") == []
        assert ids(admin1="al-hasakah") == ["d1", "d2"]
        assert ids(actor="داعش") == ["d1"] and ids(actor="IMG REB") == ["d1"] and ids(actor="SYR CVL") == ["d2"]
        assert ids(certainty="claimed") == ["d1"]
        assert [i.plover for i in store.incidents(Filters(actor="داعش"))] == ["ASSAULT"]
        assert [i.plover for i in store.incidents(Filters(certainty="asserted"))] == ["PROTEST"]
        line = store.events(Filters(plover="ASSAULT"))[0].to_json()
        assert line["id"] and line["document_id"] and line["actor2"]["code"] == "IMG REB"
        assert store.counts()["actors"] == 3 and store.counts()["places"] == 2


def test_database_location(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("RASID_DB", "postgresql://u:p@localhost/x")
    assert default_url() == "postgresql://u:p@localhost/x"
    assert normalise_url(default_url()) == "postgresql+psycopg://u:p@localhost/x"
    monkeypatch.delenv("RASID_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_url() == f"sqlite:///{tmp_path / 'rasid' / 'rasid.db'}"
    assert normalise_url("events.db").startswith("sqlite:////")
    assert content_hash("a  b\n") == content_hash("a b")


def test_an_empty_url_is_no_url(db_url: str) -> None:
    a = Document(id="a", text="قتل ثلاثة أشخاص في قصف على مدينة إدلب.", url="")
    b = Document(id="b", text="اعتقلت الشرطة خمسة أشخاص في حلب.", url="")
    with Store(db_url) as store:
        assert store.ingest([a, b]).added == 2
