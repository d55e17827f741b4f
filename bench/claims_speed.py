"""Pipeline speed on the dev sentences and the share spent in the claims stage (CPU time).

    .venv/bin/python bench/claims_speed.py [../shared/data/gsr-ar-dev.jsonl]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from rasid import extract, pipeline

path = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parents[1] / "../shared/data/gsr-ar-dev.jsonl")
rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
claims = pipeline.resolve_claims
spent = [0.0]


def timed(an, mentions):
    t = time.process_time()
    claims(an, mentions)
    spent[0] += time.process_time() - t


pipeline.resolve_claims = timed
extract("قتل", None)  # load the lexicons first
for _ in range(3):
    spent[0] = 0.0
    t = time.process_time()
    for r in rows:
        extract(r["text"], r.get("published"))
    total = time.process_time() - t
    print(f"{len(rows) / total:,.0f} sentences/s (CPU); claims {spent[0]:.3f}s of {total:.3f}s ({spent[0] / total:.0%})")
