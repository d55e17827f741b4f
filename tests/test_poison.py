"""Poison records (issue 18): values no database keeps are changed before the store and reported,
a record the database refuses even so is reported and skipped, and the rest is stored, on SQLite and
PostgreSQL, by `rasid ingest` (batched) and `Store.add` (the HTTP API). And linking is the same run
after run: every query whose order decides an incident or an id has a total order."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from store_helpers import HASAKAH, corpus, make_event, reset_postgres, stored

from rasid.cli import main
from rasid.contract import Document, DocumentResult, Span
from rasid.store import Refused, Store, content_hash
from rasid.store.schema import ClaimRow, DocumentRow, EventRow
from rasid.store.values import MAX_COUNT, storable_document, storable_result

pytest_plugins = ("store_helpers",)  # the db_url fixture: SQLite, and PostgreSQL when RASID_TEST_PG is set
DEV_INCIDENTS = Path("/work/shared/data/incidents-dev.jsonl")
TEXT = "قتل 5 أشخاص في قصف استهدف الحسكة يوم الأحد."


def poison_lines() -> tuple[list[str], set[str]]:
    """A JSONL file of good documents with poison ones between them, and the poison ids."""
    good = list(corpus(30))
    bad = [
        {"id": "huge-count", "published": "2023-04-01", "text": "أفادت مصادر بمقتل 999999999999 شخص في قصف على مدينة حلب يوم الأحد."},
        {"id": "nul", "published": "2023-04-02", "text": "قتل 4 أشخاص\u0000 في قصف استهدف بلدة إدلب يوم الاثنين."},
        {"id": "long-url", "url": "https://example.com/" + "a" * 3000, "published": "2023-04-03",
         "text": "اعتقلت قوات الأمن 7 متظاهرين خلال احتجاجات في مدينة درعا صباح الثلاثاء الماضي."},
        {"id": "long-id-" + "x" * 800, "published": "2023-04-04",
         "text": "تظاهر مئات من أهالي الرقة يوم الأربعاء للمطالبة بالإفراج عن 9 معتقلين من أبنائهم."},
        {"id": "long-outlet", "outlet": "و" * 900, "published": "2023-04-05",
         "text": "استهدفت طائرة مسيرة سيارة في تعز يوم الخميس ما أدى إلى مقتل 3 مسلحين من الجماعة."},
    ]
    lines = [json.dumps(d, ensure_ascii=False) for d in good]
    for n, d in enumerate(bad):
        lines.insert(5 * n + 2, json.dumps(d, ensure_ascii=False))
    # a lone surrogate as JSON escapes it (json.loads gives it back as it is)
    lines.insert(20, '{"id": "surrogate", "published": "2023-04-06", "text": "قتل 6 أشخاص \\ud800 في قصف استهدف الموصل يوم السبت."}')
    return lines, {d["id"][:40] for d in bad} | {"surrogate"}


def test_poison_records_do_not_stop_ingest(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines, bad = poison_lines()
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    assert main(["ingest", str(path), "--db", db_url, "--quiet"]) == 1
    err = capsys.readouterr().err
    for doc_id in bad:
        assert f"rasid: {doc_id}" in err, doc_id
    with Store(db_url) as store:
        assert store.counts()["documents"] == len(lines)  # every record stored, the poison ones changed
        with store.session() as s:
            rows = {r.source_id: r for r in s.scalars(select(DocumentRow))}
            counts = [c for e in s.scalars(select(EventRow)) for c in (e.fatalities, e.injured, e.arrested) if c]
        assert all(c <= MAX_COUNT for c in counts)
        assert "\x00" not in rows["nul"].text and rows["nul"].warnings
        assert rows["long-url"].url is None
        assert len(rows["long-outlet"].outlet or "") == 500
        assert "\ufffd" in rows["surrogate"].text
        assert any(len(k) == 500 for k in rows)
        before = store.counts()
    assert main(["ingest", str(path), "--db", db_url, "--quiet"]) == 0  # the rerun: nothing new, no stop
    assert f"{len(lines)} already stored" in capsys.readouterr().err
    with Store(db_url) as store:
        assert store.counts() == before


def _refused_result(doc: Document) -> DocumentResult:
    """An event whose claim offset no database integer holds (nothing clamps offsets)."""
    ev = make_event(doc.text, doc.text, "قتل", place=HASAKAH, date=doc.published, claimed_by="قصف")
    ev = ev.model_copy(update={"claimed_by": Span(text="قصف", start=10**20, end=10**20 + 3)})
    return DocumentResult(id=doc.id, published=doc.published, events=[ev])


def _good_result(doc: Document) -> DocumentResult:
    return DocumentResult(id=doc.id, published=doc.published,
                          events=[make_event(doc.text, doc.text, "قتل", place=HASAKAH, date=doc.published, fatalities=5)])


@pytest.mark.parametrize("batch_size", [200, 1])
def test_a_refused_document_costs_only_itself(db_url: str, batch_size: int) -> None:
    docs = [Document(id=f"d{i}", text=f"{TEXT} ({i})", published=f"2023-05-{1 + i % 9:02d}") for i in range(12)]
    failed: list[tuple[str, str]] = []
    with Store(db_url) as store:
        stats = store.ingest(docs, process=lambda d: _refused_result(d) if d.id in ("d3", "d8") else _good_result(d),
                             on_error=lambda i, e: failed.append((i, e)), batch_size=batch_size, copies=False)
        assert (stats.added, stats.failed) == (10, 2)
        assert [i for i, _ in failed] == ["d3", "d8"] and all("not stored" in e for _, e in failed)
        assert store.counts()["documents"] == 10 and store.counts()["events"] == 10
        assert len({inc.id for inc in store.incidents()}) >= 1
        again = store.ingest(docs, process=lambda d: _refused_result(d), on_error=lambda i, e: None, copies=False)
        assert (again.added, again.skipped, again.failed) == (0, 10, 2)


def test_store_add_refuses_one_document_and_changes_values(db_url: str) -> None:
    with Store(db_url) as store:
        doc = Document(id="bad", text=TEXT, published="2023-05-01")
        with pytest.raises(Refused) as caught:
            store.add(doc, _refused_result(doc))
        assert caught.value.doc_id == "bad" and caught.value.reason
        huge = Document(id="huge\x00" + "i" * 900, text=TEXT + "\x00", published="2023-05-02",
                        url="https://example.com/" + "u" * 2500)
        result = _good_result(Document(id="x", text=TEXT, published="2023-05-02"))
        result.events[0] = result.events[0].model_copy(update={"fatalities": 10**12, "injured": -3, "arrested": 2**40})
        assert store.add(huge, result) is not None
        assert store.add(huge, result) is None  # stored: the same document again is skipped
        assert store.has_document(huge)
        with store.session() as s:
            row = s.scalars(select(DocumentRow).where(DocumentRow.source_id.like("huge%"))).one()
            event = s.scalars(select(EventRow).where(EventRow.document_id == row.id)).one()
            assert s.scalars(select(ClaimRow)).all()
        assert (event.fatalities, event.injured, event.arrested) == (None, None, None)
        assert event.record["fatalities"] is None and row.url is None and len(row.source_id) == 500
        assert "\x00" not in row.text and "\x00" not in row.source_id
        assert any("not a count" in w for w in row.warnings)


def test_storable_keeps_offsets_and_hashes() -> None:
    doc = Document(id="a\x00b", text="x\x00y\ud800z", url="u" * 2001, outlet="o" * 501)
    clean, notes = storable_document(doc)
    assert clean.text == "x y\ufffdz" and len(clean.text) == len(doc.text)
    assert (clean.id, clean.url, len(clean.outlet or "")) == ("a b", None, 500) and len(notes) == 3
    assert content_hash(doc.text) == content_hash(clean.text)
    ok = _good_result(Document(id="x", text=TEXT, published="2023-05-02"))
    assert storable_result(ok, []) == (ok, [])  # nothing to change: the same object back


# ---- the same incidents on every run (issue 18, item 9) -------------------------------------------


def _incidents(url: str) -> list[tuple[int, list[tuple[str, int]]]]:
    with Store(url) as store:
        return [(inc.id, [(r.source_id, r.id) for r in inc.reports]) for inc in store.incidents()]


def _twice(url: str, tmp_path: Path, ingest: Any) -> None:
    """Ingest into a fresh store twice (the second time a new SQLite file, or PostgreSQL emptied)
    and compare the incidents: ids and members."""
    with Store(url) as store:
        ingest(store)
    first = _incidents(url)
    if url.startswith("sqlite"):
        url = f"sqlite:///{tmp_path / 'again.db'}"
    else:
        reset_postgres(url)
    with Store(url) as store:
        ingest(store)
    assert first and _incidents(url) == first


def _tied() -> list[tuple[Document, DocumentResult]]:
    """Reports of one day and place whose modes keep two incidents apart, and reports agreeing with
    both as much (no mode): which incident each joins is decided by id alone."""
    text = "قتل 3 أشخاص في قصف استهدف الحسكة يوم الأحد."
    out = []
    for i, mode in enumerate(["aerial", "shelling", None, None, "aerial", None, "shelling", None]):
        ev = make_event(text, text, "قتل", mode=mode, place=HASAKAH, date="2023-06-04", fatalities=3 + i % 2)
        out.append(stored(f"t{i}", f"{text} ({i})", "2023-06-04", [ev]))
    return out


@pytest.mark.parametrize("batched", [True, False])
def test_tied_reports_link_the_same_way_every_time(db_url: str, tmp_path: Path, batched: bool) -> None:
    pairs = _tied()
    results = {doc.id: result for doc, result in pairs}

    def ingest(store: Store) -> None:
        if batched:
            store.ingest([doc for doc, _ in pairs], process=lambda d: results[d.id], copies=False)
        else:
            for doc, result in pairs:
                store.add(doc, result)

    _twice(db_url, tmp_path, ingest)


@pytest.mark.skipif(not DEV_INCIDENTS.exists(), reason="no incidents-dev.jsonl in /work/shared/data")
def test_dev_incidents_link_the_same_way_every_time(db_url: str, tmp_path: Path) -> None:
    from rasid.inputs import read_inputs

    docs = list(read_inputs([str(DEV_INCIDENTS)]))
    from rasid.pipeline.run import process

    results = {d.id: process(d) for d in docs if isinstance(d, Document)}

    def ingest(store: Store) -> None:
        store.ingest(docs, process=lambda d: results[d.id], on_error=lambda i, e: None)

    _twice(db_url, tmp_path, ingest)
