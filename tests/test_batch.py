"""Batch runs: local processes and a Dask cluster write exactly what one process writes, in order."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rasid import batch
from rasid.contract import Document
from rasid.inputs import Reject, read_inputs

ROOT = Path(__file__).resolve().parent.parent

SENTENCES = [
    "قتل جنديان في انفجار عبوة ناسفة شمال بغداد.",
    "تظاهر مئات الطلاب في الخرطوم أمس احتجاجا على رفع الأسعار.",
    "اعتقلت قوات الأمن عشرة أشخاص في بغداد.",
    "لم تقع أي اشتباكات في المدينة أمس.",
    "أعلن الجيش أنه سيقصف مواقع المسلحين.",
    "استقبل الرئيس وزير الخارجية في القصر الجمهوري.",
    "شنت طائرات حربية غارات على مدينة إدلب، ما أسفر عن مقتل خمسة مدنيين.",
    "خرج آلاف المحتجين إلى شوارع بيروت مطالبين برحيل الحكومة.",
    "",
    "The army shelled the town.",
]


def small_batch() -> list[Document | Reject]:
    items: list[Document | Reject] = [Document(id=f"s{i}", text=t, published="2020-05-01") for i, t in enumerate(SENTENCES)]
    items.insert(3, Reject("broken.jsonl:4", "line 4: malformed JSON"))
    return items


def dumped(results) -> list[str]:
    return [r.model_dump_json() for r in results]


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of two documents, so that several chunks are in flight at once and order matters."""
    monkeypatch.setattr(batch, "CHUNK_DOCS", 2)


def test_one_process_keeps_order_and_passes_rejects_through():
    results = list(batch.run(small_batch(), progress=False))
    assert [r.id for r in results] == [i.id for i in small_batch()]
    assert results[3].error == "line 4: malformed JSON" and not results[3].events
    plovers = {r.id: {e.plover for e in r.events if e.main} for r in results}
    assert "ASSAULT" in plovers["s0"] and "PROTEST" in plovers["s1"] and "COERCE" in plovers["s2"]
    assert plovers["s3"] == set()  # negated
    assert "empty" in results[-2].warnings[0] and "not Arabic" in results[-1].warnings[0]


def test_two_workers_equal_one(small_chunks):
    assert dumped(batch.run(small_batch(), workers=2, progress=False)) == dumped(batch.run(small_batch(), progress=False))


def test_dask_local_cluster_equals_local_run(small_chunks):
    pytest.importorskip("dask.distributed")
    local = dumped(batch.run(small_batch(), progress=False))
    assert dumped(batch.run(small_batch(), workers=2, engine="dask", progress=False)) == local


def test_dask_by_scheduler_address(small_chunks):
    """The multi-machine path: connect to a running scheduler (here a LocalCluster's) by address."""
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        remote = dumped(batch.run(small_batch(), engine="dask", scheduler=cluster.scheduler_address, progress=False))
    assert remote == dumped(batch.run(small_batch(), progress=False))


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="unknown engine"):
        list(batch.run(small_batch(), engine="spark"))


class _Explosive(str):
    """A date that no code can read (as a bug deep in the pipeline would): any look at it fails."""

    def __str__(self) -> str:
        raise RuntimeError("boom")


def test_a_crashing_document_loses_nothing_else():
    items = list(small_batch())
    items[1].published = _Explosive("2020-05-01")  # (assignment is not validated)
    results = list(batch.run(items, progress=False))
    assert results[1].error == "internal error: RuntimeError: boom"
    assert results[0].events and results[2].events


def test_dev_sentences_dask_and_two_workers_equal_one(dev_path):
    pytest.importorskip("dask.distributed")
    local = dumped(batch.run(read_inputs([str(dev_path)]), progress=False))
    assert len(local) == 1768 and sum('"main":true' in r for r in local) > 300
    assert dumped(batch.run(read_inputs([str(dev_path)]), workers=2, progress=False)) == local
    assert dumped(batch.run(read_inputs([str(dev_path)]), workers=2, engine="dask", progress=False)) == local


def test_cli_workers_flag_writes_the_same_lines_and_no_bar_without_a_terminal(tmp_path):
    src = tmp_path / "docs.jsonl"
    src.write_text("\n".join(json.dumps({"id": f"d{i}", "text": t}, ensure_ascii=False)
                             for i, t in enumerate(SENTENCES * 20)), encoding="utf-8")

    def extract(*flags: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-P", "-m", "rasid.cli", "extract", str(src), "--published", "2020-05-01", *flags],
                              capture_output=True, text=True, cwd=ROOT, check=False)

    one, two = extract(), extract("--workers", "2")
    assert one.stdout == two.stdout and len(one.stdout.splitlines()) == len(SENTENCES) * 20
    # exit status 1: the empty and the English documents failed; stderr names them, and has no bar
    assert one.returncode == two.returncode == 1
    assert one.stderr == two.stderr
    assert all(line.startswith("rasid extract: ") for line in one.stderr.splitlines())
    assert "d8: empty document" in one.stderr and "d9: not Arabic" in one.stderr


class _Node:
    """An object that can refer to itself: a reference cycle."""

    other: object = None


def test_what_outlives_a_chunk_is_frozen_until_the_periodic_full_collection(monkeypatch):
    """The collector does not walk what survives a chunk (results, remembered words), so a cycle
    made in a chunk is reclaimed by the full collection every FULL_COLLECTION_EVERY chunks."""
    import gc
    import weakref

    monkeypatch.setattr(batch, "FULL_COLLECTION_EVERY", 2)
    monkeypatch.setattr(batch, "_chunks_frozen", 0)
    assert gc.isenabled()
    with batch._collector_paused():
        assert not gc.isenabled()  # paused within the chunk
        node = _Node()
        node.other = node
        cycle = weakref.ref(node)
        del node
    assert gc.isenabled()
    gc.collect()
    assert cycle() is not None  # frozen: out of the collector's sight
    with batch._collector_paused():
        pass
    assert cycle() is not None
    with batch._collector_paused():  # the third chunk: everything is collected once
        pass
    assert cycle() is None
