"""`rasid ingest` against `rasid extract` on the same documents: documents/s of each and the ratio.

    python bench/ingest_speed.py                        # the distinct development documents (../shared/data)
    python bench/ingest_speed.py --copies 5             # 5 perturbed copies of each: distinct, 5x larger
    python bench/ingest_speed.py --db postgresql://...  # ingest into PostgreSQL (emptied first) instead
    python bench/ingest_speed.py --workers 2            # both commands with 2 local worker processes

Both commands run as subprocesses, start-up included, on the same JSONL file: the development
sentences, articles, incident reports and gold-standard sentences with duplicate texts removed.
Ingest goes into an empty SQLite file (or the PostgreSQL database given, whose tables are dropped
first). `--copies N` makes each document N times with a distinct serial word and shuffled numbers
in every copy, so no copy is a duplicate or near-duplicate of another and every copy is stored.
Acceptance (issue 16): ingest at ≥ 50% of extract's documents/s. Skips when ../shared is missing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
SETS = ("sentences-dev.jsonl", "articles-dev.jsonl", "incidents-dev.jsonl", "gsr-ar-dev.jsonl")
FIELDS = ("id", "text", "published", "title", "outlet")
# serial words told apart in Arabic letters (digits would be read as figures by the pipeline)
_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def distinct_documents() -> list[dict[str, str]]:
    """Every development document once (by its whitespace-normalised text)."""
    seen, docs = set(), []
    for name in SETS:
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            obj = json.loads(line)
            key = hashlib.sha256(" ".join(obj["text"].split()).encode()).hexdigest()
            if key in seen:
                continue
            seen.add(key)
            docs.append({k: obj[k] for k in FIELDS if obj.get(k)} | {"id": f"{name[:-6]}:{obj['id']}"})
    return docs


def _serial(n: int) -> str:
    word = ""
    while True:
        n, r = divmod(n, len(_LETTERS))
        word += _LETTERS[r]
        if not n:
            return "مراسل" + word


def perturbed(doc: dict[str, str], copy: int, rng: random.Random) -> dict[str, str]:
    """A distinct copy: a reporter's serial word in front, a few words dropped, figures changed."""
    words = doc["text"].split()
    for _ in range(max(1, len(words) // 12)):
        if len(words) > 8:
            del words[rng.randrange(len(words))]
    text = re.sub(r"\d+", lambda m: str(int(m.group()) + copy), " ".join(words))
    return {**doc, "id": f"{doc['id']}#{copy}", "text": f"{_serial(copy * 7919 + rng.randrange(7919))}: {text}"}


def timed(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed:\n{proc.stderr}")
    if proc.stderr.strip():
        print("   ", proc.stderr.strip().splitlines()[-1])
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=1, help="perturbed copies of each document (default 1: as is)")
    ap.add_argument("--db", help="ingest into this database URL (PostgreSQL: emptied first) instead of a fresh SQLite file")
    ap.add_argument("--workers", type=int, default=1, help="worker processes for both commands (default 1)")
    ap.add_argument("--rasid", default=str(Path(sys.executable).with_name("rasid")), help="the rasid command to time")
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"skipped: {DATA} not found")
        return
    docs = distinct_documents()
    rng = random.Random(16)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as fh:
            for c in range(args.copies):
                for d in docs:
                    fh.write(json.dumps(d if args.copies == 1 else perturbed(d, c, rng), ensure_ascii=False) + "\n")
        n = len(docs) * args.copies
        db = args.db or str(Path(tmp) / "bench.db")
        if args.db:
            _empty(args.db)
        workers = ["--workers", str(args.workers)] if args.workers > 1 else []
        print(f"{n} distinct documents ({corpus.stat().st_size / 1e6:.1f} MB), workers {args.workers}")
        t_extract = timed([args.rasid, "extract", str(corpus), "--quiet", "-o", os.devnull, *workers])
        t_ingest = timed([args.rasid, "ingest", str(corpus), "--db", db, *workers])
    extract, ingest = n / t_extract, n / t_ingest
    print(f"rasid extract: {t_extract:7.1f} s  {extract:7.1f} documents/s")
    print(f"rasid ingest:  {t_ingest:7.1f} s  {ingest:7.1f} documents/s  "
          f"({'PostgreSQL' if args.db and args.db.startswith('postgres') else 'SQLite'})")
    print(f"ingest / extract: {ingest / extract:.0%} (acceptance: >= 50%)")


def _empty(url: str) -> None:
    from sqlalchemy import create_engine, text

    from rasid.store import normalise_url

    engine = create_engine(normalise_url(url))
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


if __name__ == "__main__":
    main()
