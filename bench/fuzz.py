"""Fuzz the pipeline outside the test suite (issue 18):

    python bench/fuzz.py [N] [SEED]

N random inputs (default 100,000: random Unicode, Arabic letter soup, trigger words with digits of
many scripts, huge numbers, surrogates, control characters, broken HTML, hostile publication
dates) through `rasid.pipeline.run.extract`; reports crashes, span or schema violations, results
that do not serialise, and the slowest inputs. Exit status 1 when anything failed."""

from __future__ import annotations

import random
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fuzz_checks import check, random_published, random_text

from rasid.pipeline.run import extract
from rasid.text import without_surrogates


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 18)
    failures: dict[str, list[str]] = {}
    slowest: list[tuple[float, int, str]] = []
    started = time.perf_counter()
    for i in range(n):
        text, published = random_text(rng), random_published(rng)
        t0 = time.perf_counter()
        try:
            result = extract(text, published)
            check(without_surrogates(text)[0], result)
        except Exception as exc:  # noqa: BLE001 - counted and reported
            key = f"{type(exc).__name__}: {str(exc)[:120]}"
            failures.setdefault(key, []).append(repr((text[:300], published)))
            if len(failures[key]) == 1:
                traceback.print_exc()
        took = time.perf_counter() - t0
        slowest.append((took, len(text), repr(text[:80])))
        if len(slowest) > 200:
            slowest = sorted(slowest, reverse=True)[:10]
        if (i + 1) % 5000 == 0:
            print(f"{i + 1:,} inputs, {sum(map(len, failures.values()))} failures, "
                  f"{time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    total = sum(map(len, failures.values()))
    print(f"{n:,} inputs in {time.perf_counter() - started:.0f} s: {total} failures")
    for key, examples in sorted(failures.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(examples)} × {key}\n    e.g. {examples[0][:300]}")
    print("slowest:")
    for took, size, head in sorted(slowest, reverse=True)[:10]:
        print(f"  {took:.3f} s  {size:,} chars  {head}")
    return 1 if total else 0


if __name__ == "__main__":
    raise SystemExit(main())
