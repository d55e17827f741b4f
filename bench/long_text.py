"""Time `extract` on long texts without sentence breaks (issue 18):

    python bench/long_text.py [SIZE ...]     # characters, default 10000 100000 1000000

for one phrase repeated ('لم يقتل ' × N), one long sentence of reports joined by Arabic commas, and
as many short sentences. The acceptance: under 1 s below 10 kB, under 30 s for 1 MB on one line."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from test_growth import SHAPES, text_of

from rasid.pipeline.run import extract


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000, 1_000_000]
    extract("قتل مسلحون خمسة جنود.", "2024-01-01")  # lexicons and models loaded
    for shape in SHAPES:
        for size in sizes:
            text = text_of(shape, size)
            started, cpu = time.perf_counter(), time.process_time()
            result = extract(text, "2024-01-01")
            print(f"{shape:<22} {len(text):>9,} chars  {time.perf_counter() - started:7.2f} s wall  "
                  f"{time.process_time() - cpu:7.2f} s CPU  {len(result.events)} events", flush=True)


if __name__ == "__main__":
    main()
