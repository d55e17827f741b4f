"""Batched ingestion (rasid.store.bulk) stores exactly what the plain path (`Store.add`, one
document at a time, a query per row) stores; parallel and Dask runs store exactly what a local run
stores; near-duplicates are linked to their first copy; bad input loses nothing else."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from store_helpers import corpus

from rasid.cli import main, result_for
from rasid.inputs import read_inputs
from rasid.store import Store
from rasid.store.schema import ActorRow, ClaimRow, DocumentRow, EventRow, IncidentRow, PlaceRow

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "hasakah-prison.txt"
PAGE = ROOT / "tests" / "fixtures" / "hasakah-prison.html"
_SKIP = {"ingested_at", "updated_at"}  # times of writing


def dump(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, ids included, but for the times they were written."""
    out = {}
    with store.session() as s:
        for table in (DocumentRow, EventRow, ClaimRow, ActorRow, PlaceRow, IncidentRow):
            cols = [c for c in table.__table__.columns if c.name not in _SKIP]
            out[table.__tablename__] = [dict(zip([c.name for c in cols], row, strict=True))
                                        for row in s.execute(select(*cols).order_by(table.id))]
    return out


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    path = folder / "corpus.jsonl"
    docs = list(corpus(160))
    docs.insert(40, {"id": "example", "published": "2022-01-24", "text": EXAMPLE.read_text(encoding="utf-8")})
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def processed(inputs: Path) -> dict[str, Any]:
    return {d.id: result_for(d) for d in read_inputs([str(inputs)])}


def reference(url: str, items: list[Any], processed: dict[str, Any]) -> None:
    """The plain path: each document checked, processed and stored alone."""
    with Store(url) as store:
        for doc in items:
            if not store.has_document(doc):
                store.add(doc, processed[doc.id])


def test_batched_ingest_stores_what_the_plain_path_stores(tmp_path: Path, inputs: Path, processed: dict[str, Any]) -> None:
    items = list(read_inputs([str(inputs)]))
    reference(f"sqlite:///{tmp_path / 'plain.db'}", items, processed)
    with Store(f"sqlite:///{tmp_path / 'plain.db'}") as store:
        expected = dump(store)
    assert len(expected["incidents"]) > 20 and any(i["n_reports"] > 1 for i in expected["incidents"])
    with Store(f"sqlite:///{tmp_path / 'bulk.db'}") as store:
        stats = store.ingest(items, process=lambda d: processed[d.id], batch_size=7)
        assert (stats.added, stats.failed, stats.copies) == (len(items), 0, 0)
        assert dump(store) == expected
    # a store that already holds documents (the index read from the database), a batch at a time
    half = len(items) // 2
    reference(f"sqlite:///{tmp_path / 'half.db'}", items[:half], processed)
    with Store(f"sqlite:///{tmp_path / 'half.db'}") as store:
        stats = store.ingest(items, process=lambda d: processed[d.id], batch_size=13)
        assert (stats.added, stats.skipped) == (len(items) - half, half)
        assert dump(store) == expected


def test_workers_and_dask_store_what_a_local_run_stores(tmp_path: Path, inputs: Path) -> None:
    dumps = []
    for n, extra in enumerate(([], ["--workers", "2"], ["--engine", "dask", "--workers", "2"])):
        db = tmp_path / f"{n}.db"
        assert main(["ingest", str(inputs), "--db", str(db), *extra]) == 0
        with Store(str(db)) as store:
            dumps.append(dump(store))
    assert dumps[0]["events"] and dumps[1] == dumps[0] and dumps[2] == dumps[0]


def test_a_news_page_of_a_stored_article_is_its_copy(tmp_path: Path) -> None:
    db = str(tmp_path / "copies.db")
    assert main(["ingest", str(EXAMPLE), "--published", "2022-01-24", "--db", db]) == 0
    with Store(db) as store:
        alone = dump(store)
    assert main(["ingest", str(PAGE), "--db", db]) == 0
    with Store(db) as store:
        both = dump(store)
    [first, page] = both["documents"]
    assert page["duplicate_of"] == first["id"] and first["duplicate_of"] is None
    for table in ("events", "claims", "incidents"):
        assert both[table] == alone[table]  # its events are not added again: no incident doubles
    # both together, in one run, in either order: one document's events
    for order in ([EXAMPLE, PAGE], [PAGE, EXAMPLE]):
        db = str(tmp_path / f"{order[0].suffix[1:]}.db")
        assert main(["ingest", *map(str, order), "--published", "2022-01-24", "--db", db]) == 0
        with Store(db) as store:
            stored = dump(store)
            assert [d["duplicate_of"] for d in stored["documents"]] == [None, 1]
            assert len(stored["events"]) == len(alone["events"])


def test_a_bad_record_exits_1_and_the_good_ones_are_stored(tmp_path: Path, inputs: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    lines = inputs.read_text(encoding="utf-8").splitlines()[:5]
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join([lines[0], "{not json", lines[1], json.dumps({"id": "x", "text": 7}), *lines[2:]]) + "\n",
                   encoding="utf-8")
    db = str(tmp_path / "bad.db")
    assert main(["ingest", str(bad), "--db", db]) == 1
    err = capsys.readouterr().err
    assert "5 documents stored" in err and "2 could not be stored" in err
    with Store(db) as store:
        assert store.counts()["documents"] == 5
    assert main(["ingest", str(bad), "--db", db]) == 1  # again: the good ones are already stored
    assert "5 already stored" in capsys.readouterr().err


def test_progress_bar_with_rate_eta_and_events(tmp_path: Path, inputs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", str(inputs), "--db", str(tmp_path / "p.db"), "--progress"]) == 0
    err = capsys.readouterr().err
    assert "161/161" in err and "doc/s" in err and "events=" in err and "<00:00" in err
    assert main(["ingest", str(inputs), "--db", str(tmp_path / "q.db")]) == 0  # not a terminal: no bar
    assert "doc/s" not in capsys.readouterr().err
