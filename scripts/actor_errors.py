"""Print the dev sentences whose gold actor codes Rasid misses (for reviewing the actor rules).

Usage: python scripts/actor_errors.py ../shared/data/gsr-ar-dev.jsonl [actor1|actor2]
"""

from __future__ import annotations

import sys
from pathlib import Path

from rasid.evaluate import evaluate_file


def main() -> None:
    path = Path(sys.argv[1])
    only = sys.argv[2] if len(sys.argv) > 2 else None
    report, gold, results = evaluate_file(path)
    for g in gold:
        res = results[str(g["id"])]
        for a in g.get("actors", []):
            if g["labels"].get(a["plover"]) != "yes":
                continue
            evs = [e for e in res.events if e.plover == a["plover"]]
            for side, key in (("actor1", "source_code"), ("actor2", "target_code")):
                if only and side != only:
                    continue
                want = a[key]
                got = [(getattr(e, side).text, getattr(e, side).code) for e in evs if getattr(e, side)]
                if want != "None None" and want not in {c for _, c in got}:
                    print(f"{side} want {want} <{a.get(key.replace('code', 'text'))}> got {got}  "
                          f"[{', '.join(e.evidence.trigger.text for e in evs)}]")
                    print("    ", g["text"][:300])
    print("\n".join(report.lines()))


if __name__ == "__main__":
    main()
