"""Synthetic Arabic news corpora of any size, for scaling benchmarks.

    python bench/corpus.py 100000 > corpus.jsonl

Articles are recombined from real text: the development sentences (../shared/data/gsr-ar-dev.jsonl)
and the paragraphs of the worked example (examples/hasakah-prison.txt). Each article has 1 to 8
paragraphs drawn at random (seeded, so a size always gives the same corpus) and a publication
date, so every stage runs as it does on real news; only the mix of sentences is artificial.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "data" / "gsr-ar-dev.jsonl"
EXAMPLE = ROOT / "examples" / "hasakah-prison.txt"


def units() -> list[tuple[str, str | None]]:
    """(text, published) of every sentence and paragraph available to recombine."""
    out: list[tuple[str, str | None]] = []
    if DEV.exists():
        for line in DEV.read_text(encoding="utf-8").splitlines():
            if line.strip():
                obj = json.loads(line)
                out.append((obj["text"], obj.get("published")))
    out += [(p.strip(), "2022-01-24") for p in EXAMPLE.read_text(encoding="utf-8").splitlines() if p.strip()]
    return out


def articles(n: int, seed: int = 0) -> Iterator[dict[str, str | None]]:
    """`n` articles as extract-ready JSON objects (id, text, published)."""
    pool = units()
    rng = random.Random(seed)
    for i in range(n):
        picked = rng.sample(pool, rng.randint(1, 8))
        yield {"id": f"a{i}", "text": "\n".join(t for t, _ in picked), "published": picked[0][1] or "2010-01-01"}


def write(path: Path, n: int, seed: int = 0) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for art in articles(n, seed):
            fh.write(json.dumps(art, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    for art in articles(int(sys.argv[1]) if len(sys.argv) > 1 else 1000):
        sys.stdout.write(json.dumps(art, ensure_ascii=False) + "\n")
