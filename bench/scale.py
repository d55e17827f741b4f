"""Speed, memory and scaling of Rasid; writes the table to bench/RESULTS.md.

    python bench/scale.py                  # everything (about five minutes on two cores)
    python bench/scale.py --quick          # scaling stops at 10^4 documents
    python bench/scale.py --no-write       # print the table, leave RESULTS.md alone
    cd /tmp && .venv-compiled/bin/python -P bench/scale.py --quick   # the compiled build (make compiled)

The table goes to bench/RESULTS.md for the pure Python build, bench/RESULTS-compiled.md for the
mypyc-compiled one: every figure is of the build the interpreter running this script imports.

Every figure comes from the `rasid` command as a user runs it (a fresh process, start-up included),
except the tokenisation ratio, which compares two in-process passes over the same documents.
CPU seconds (user + system, the process and its workers) are reported next to wall seconds
because on a shared machine the wall clock also measures the neighbours; per-core rates use CPU.

- dev sentences: `rasid extract` over the 1,768 development sentences, 5 copies (../shared).
- articles: 1 to 8 recombined paragraphs each (bench/corpus.py), counted also in sentences.
- start-up: `rasid --help`, best of 7.
- ratio to tokenisation: warm extraction of every document (as `rasid extract` runs it, chunk by
  chunk) against one `re.findall(r"\\w+")` pass over the same texts (the least any lexicon coder
  must do: look at every word once).
- scaling: 10^3, 10^4, 10^5 articles; cost per article (net of the start-up of a one-article run)
  must stay flat, and so must peak memory.
- engines: 10^4 articles with 1 and 2 local workers and a 2-worker Dask LocalCluster.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

ROOT = corpus.ROOT
TARGETS = {"sentences/s": 5000, "ratio": 20, "rss": 300, "help": 0.5}


def child(out: str, argv: list[str]) -> None:
    """Run the rasid command in this process and record its own resources (used via --child)."""
    from rasid.cli import main

    t0 = time.perf_counter()
    code = main(argv)
    wall = time.perf_counter() - t0
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    Path(out).write_text(json.dumps({
        "code": code, "inner_wall": wall,
        "cpu": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
        "rss_mb": me.ru_maxrss / 1024, "workers_rss_mb": kids.ru_maxrss / 1024}))


def rasid(*argv: str) -> dict[str, float]:
    """Run `rasid ARGV` in a fresh interpreter; wall (start-up included), CPU and peak memory."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        out = fh.name
    t0 = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--child", out, "--", *argv], check=True, cwd=ROOT)
    stats = json.loads(Path(out).read_text())
    stats["wall"] = time.perf_counter() - t0
    os.unlink(out)
    return stats


def startup() -> float:
    best = 9e9
    for _ in range(7):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-P", "-m", "rasid.cli", "--help"], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - t0)
    return best


def count_sentences(path: Path) -> int:
    from rasid.pipeline.analysis import ABBREVIATIONS
    from rasid.text import normalise, segment

    return sum(len(segment(normalise(json.loads(ln)["text"]), ABBREVIATIONS)) for ln in path.open(encoding="utf-8"))


def tokenisation_ratio(path: Path) -> tuple[float, float, float]:
    """(warm extraction s, one \\w+ tokenisation pass s, ratio) over the documents of `path`. The
    extraction runs as `rasid extract` runs it: chunks of documents through `batch.process_chunk`."""
    from rasid.batch import CHUNK_DOCS, process_chunk
    from rasid.contract import Document

    docs = [Document(**json.loads(ln)) for ln in path.open(encoding="utf-8")]
    chunks = [docs[i : i + CHUNK_DOCS] for i in range(0, len(docs), CHUNK_DOCS)]
    word = re.compile(r"\w+")
    process_chunk(chunks[0])
    extract = tokens = 9e9
    for _ in range(5):
        t0 = time.process_time()
        for chunk in chunks:
            process_chunk(chunk)
        extract = min(extract, time.process_time() - t0)
        t0 = time.process_time()
        for d in docs:
            word.findall(d.text)
        tokens = min(tokens, time.process_time() - t0)
    return extract, tokens, extract / tokens


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(ln for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal"))
        mem_gb = f"{int(mem.split()[1]) / 1024 / 1024:.0f} GB RAM"
    except (OSError, StopIteration):
        mem_gb = "RAM unknown"
    from rasid import build_info

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{cpu}, {os.cpu_count()} cores, {mem_gb}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}; load average {load:.1f} at start; Rasid {build_info()}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="scaling up to 10^4 documents only")
    ap.add_argument("--no-write", action="store_true", help="do not rewrite bench/RESULTS.md")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args, rest = ap.parse_known_args()
    if args.child:
        return child(args.child, rest[1:] if rest[:1] == ["--"] else rest)
    if not corpus.DEV.exists():
        sys.exit(f"bench: needs the development sentences at {corpus.DEV}")
    rows: list[tuple[str, str, str]] = []  # measure, value, target/verdict

    def row(name: str, value: str, target: str = "") -> None:
        rows.append((name, value, target))
        print(f"{name}: {value} {target}", flush=True)

    info = machine()
    print(info)
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        dev = t / "dev5.jsonl"
        lines = [ln for ln in corpus.DEV.read_text(encoding="utf-8").splitlines() if ln.strip()]
        dev.write_text("\n".join(lines * 5) + "\n", encoding="utf-8")
        n_dev = sum(1 for _ in dev.open(encoding="utf-8"))
        runs = [rasid("extract", str(dev), "--quiet", "-o", str(t / "out.jsonl")) for _ in range(3)]
        best = min(runs, key=lambda r: r["cpu"])
        rate = n_dev / best["cpu"]
        row("dev sentences, `rasid extract`, one core", f"{rate:,.0f} sentences/s ({n_dev:,} in {best['cpu']:.2f} s CPU, "
            f"{best['wall']:.2f} s wall, start-up included; best of 3)", _verdict(rate >= TARGETS["sentences/s"], "≥ 5,000"))
        row("peak RSS, dev sentences", f"{best['rss_mb']:.0f} MB", _verdict(best["rss_mb"] <= TARGETS["rss"], "≤ 300 MB"))
        help_s = startup()
        row("start-up, `rasid --help`", f"{help_s:.3f} s (best of 7)", _verdict(help_s < TARGETS["help"], "< 0.5 s"))
        ex, tok, ratio = tokenisation_ratio(dev)
        row("extraction / one `\\w+` tokenisation pass (dev sentences, in process)",
            f"{ratio:.1f}× ({ex:.3f} s / {tok:.3f} s)", _verdict(ratio <= TARGETS["ratio"], "≤ 20×"))

        sizes = [1_000, 10_000] + ([] if args.quick else [100_000])
        one = t / "one-article.jsonl"
        corpus.write(one, 1)
        start = min(rasid("extract", str(one), "--quiet", "-o", str(t / "out.jsonl"))["cpu"] for _ in range(3))
        row("start-up of `rasid extract` (one article)", f"{start:.2f} s CPU (imports, lexicons, gazetteer; best of 3)")
        per_doc = []
        for n in sizes:
            path = t / f"articles-{n}.jsonl"
            corpus.write(path, n)
            sents = count_sentences(path)
            r = rasid("extract", str(path), "--quiet", "-o", str(t / "out.jsonl"))
            per_doc.append((r["cpu"] - start) / n)
            row(f"{n:,} articles ({sents:,} sentences), one core",
                f"{n / r['cpu']:,.0f} articles/s, {sents / r['cpu']:,.0f} sentences/s; {1e6 * per_doc[-1]:,.0f} µs CPU "
                f"per article after start-up ({r['cpu']:.1f} s CPU, {r['wall']:.1f} s wall), peak RSS {r['rss_mb']:.0f} MB",
                _verdict(r["rss_mb"] <= TARGETS["rss"], "RSS ≤ 300 MB"))
        growth = per_doc[-1] / per_doc[0]  # below 1 when the memory of words seen warms up
        row("cost per article after start-up, largest / smallest corpus", f"{growth:.2f}",
            _verdict(growth < 1.2, "flat or falling (< 1.2)"))

        path = t / "articles-10000.jsonl"
        base = None
        for label, flags in (("1 local worker", ["--workers", "1"]), ("2 local workers", ["--workers", "2"]),
                             ("Dask LocalCluster, 2 workers", ["--engine", "dask", "--workers", "2"])):
            out = t / f"out-{flags[-1]}-{flags[1]}.jsonl"
            r = rasid("extract", str(path), "--quiet", "-o", str(out), *flags)
            same = base is None or out.read_bytes() == base
            base = base or out.read_bytes()
            row(f"10,000 articles, {label}", f"{10_000 / r['wall']:,.0f} articles/s wall ({r['wall']:.1f} s wall, "
                f"{r['cpu']:.1f} s CPU, main process RSS {r['rss_mb']:.0f} MB)", "same output" if same else "OUTPUT DIFFERS")

    table = ["| measure | result | target |", "|---|---|---|"] + [f"| {a} | {b} | {c} |" for a, b, c in rows]
    text = RESULTS_HEAD.format(date=dt.date.today().isoformat(), machine=info) + "\n".join(table) + "\n" + RESULTS_TAIL
    if args.no_write:
        print(text)
    else:
        from rasid import compiled_modules

        out = ROOT / "bench" / ("RESULTS-compiled.md" if compiled_modules() else "RESULTS.md")
        out.write_text(text, encoding="utf-8")
        print(f"written {out}")


def _verdict(ok: bool, target: str) -> str:
    return f"{target} {'✓' if ok else '✗'}"


RESULTS_HEAD = """# Benchmark results

Written by `python bench/scale.py` on {date}.
Machine: {machine}.

"""

RESULTS_TAIL = """
CPU seconds count the process and its workers (user + system); per-core rates divide by them, so a
busy neighbour on a shared machine slows the wall clock more than these. Wall seconds include
start-up (interpreter, imports, building the lexicon automata). The engine rows are wall-clock rates:
they show what parallelism buys on this machine, and check that every engine writes the same bytes.
"""


if __name__ == "__main__":
    main()
