"""Throughput and memory of `rasid extract` over a corpus of sentences (default: the development set).

    python bench/extract_speed.py [CORPUS.jsonl] [--repeat N]

Reports, on one core: end-to-end sentences/s of the `rasid extract` command (start-up included),
in-process sentences/s of the pipeline alone (warm), and the command's peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "data" / "gsr-ar-dev.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT))
    ap.add_argument("--repeat", type=int, default=5, help="copies of the corpus to process (default 5)")
    args = ap.parse_args()
    lines = [ln for ln in Path(args.corpus).read_text(encoding="utf-8").splitlines() if ln.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as fh:
            for r in range(args.repeat):
                for ln in lines:
                    obj = json.loads(ln)
                    obj["id"] = f"{obj.get('id')}-{r}"
                    fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
        n = len(lines) * args.repeat
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-P", "-m", "rasid.cli", "extract", str(corpus), "--output", str(Path(tmp) / "out.jsonl")],
                       check=True, cwd=ROOT)
        wall = time.perf_counter() - t0
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    from rasid.contract import Document
    from rasid.pipeline.run import process

    docs = [Document(**{k: v for k, v in json.loads(ln).items() if k in ("id", "text", "published")}) for ln in lines]
    process(docs[0])  # load lexicons
    t0 = time.perf_counter()
    for _ in range(args.repeat):
        for d in docs:
            process(d)
    warm = time.perf_counter() - t0
    import rasid

    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}")
    print(f"build: rasid {rasid.build_info()} from {Path(rasid.__file__).parent}")
    print(f"sentences: {n}")
    print(f"rasid extract end-to-end: {n / wall:,.0f} sentences/s ({wall:.2f} s, start-up included)")
    print(f"pipeline warm, in process: {n / warm:,.0f} sentences/s")
    print(f"peak RSS of rasid extract: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
