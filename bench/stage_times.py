"""Warm time of each pipeline stage over a corpus: where the time of `process` goes.

    python bench/stage_times.py [CORPUS.jsonl] [--concat N] [--repeat R]

`--concat N` joins every N consecutive documents into one (one line each), so per-document costs
that grow faster than the text (a loop over all places for every mention, say) show up: the time
per sentence should stay about the same as N grows. Each stage's figure is its best of R passes,
which keeps the noise of a shared machine out of the comparison.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import rasid
from rasid.contract import Document
from rasid.pipeline.analysis import Analysis
from rasid.pipeline.run import STAGES, parse_published, process

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "data" / "gsr-ar-dev.jsonl"


def load(path: str, concat: int) -> list[Document]:
    rows = [json.loads(ln) for ln in Path(path).read_text(encoding="utf-8").splitlines() if ln.strip()]
    if concat > 1:
        rows = [{"id": f"concat-{i}", "published": rows[i].get("published"),
                 "text": "\n".join(r["text"] for r in rows[i:i + concat])} for i in range(0, len(rows), concat)]
    return [Document(id=str(r.get("id")), text=r["text"], published=r.get("published")) for r in rows]


def one_pass(docs: list[Document]) -> dict[str, float]:
    """Seconds per stage for one pass over the documents (the stages of `run.STAGES`, as `process` runs them)."""
    times = dict.fromkeys(["text"] + [s.name for s in STAGES], 0.0)
    clock = time.perf_counter
    for doc in docs:
        warnings: list[str] = []
        t0 = clock()
        an = Analysis(doc.text or "", parse_published(doc.published, warnings), warnings)
        times["text"] += clock() - t0
        for stage in STAGES:
            t0 = clock()
            stage.run(an)
            times[stage.name] += clock() - t0
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT))
    ap.add_argument("--concat", type=int, default=1, help="documents joined into one (default 1)")
    ap.add_argument("--repeat", type=int, default=5, help="passes; each stage reports its best (default 5)")
    args = ap.parse_args()
    docs = load(args.corpus, args.concat)
    for doc in docs:  # load lexicons, gazetteer and automata
        process(doc)
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        for stage, secs in one_pass(docs).items():
            best[stage] = min(best.get(stage, secs), secs)
    total = sum(best.values())
    print(f"build: rasid {rasid.build_info()} from {Path(rasid.__file__).parent}")
    print(f"{len(docs)} documents (--concat {args.concat}), best of {args.repeat} passes")
    for stage, secs in best.items():
        print(f"{stage:22s} {secs * 1000:8.1f} ms  {100 * secs / total:5.1f}%")
    print(f"{'total':22s} {total * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
