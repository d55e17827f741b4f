"""Throughput of the whole pipeline (with places, dates, counts) on the dev sentences, and the cost
of the gazetteer load. Usage: python bench/bench_where_when.py [path/to/gsr-ar-dev.jsonl]"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "gsr-ar-dev.jsonl"


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEV
    if not path.exists():
        sys.exit(f"no dev data at {path}: pass the path of gsr-ar-dev.jsonl")
    t = time.perf_counter()
    from rasid.dictionaries.gazetteer import gazetteer

    gazetteer()
    print(f"gazetteer load: {time.perf_counter() - t:.3f}s")
    from rasid import extract

    docs = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    extract(docs[0]["text"], docs[0].get("published"))
    best = 0.0
    for _ in range(3):
        t = time.perf_counter()
        for d in docs:
            extract(d["text"], d.get("published"))
        best = max(best, len(docs) / (time.perf_counter() - t))
    print(f"{len(docs)} sentences: best of 3 = {best:,.0f} sentences/s")


if __name__ == "__main__":
    main()
