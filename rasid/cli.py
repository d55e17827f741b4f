"""The `rasid` command: a thin shell over the Python API.

    rasid extract article.txt --published 2022-01-24
    rasid extract corpus.jsonl --format jsonl --output events.jsonl
    rasid extract archive/ --workers 8 -o events.jsonl
    rasid extract archive/ --engine dask --scheduler tcp://scheduler:8786 -o events.jsonl
    rasid eval gold.jsonl
    rasid schema
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="rasid", description="Arabic news in, coded event data out.")
    p.add_argument("--version", action="store_true", help="print the version and exit")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    ex = sub.add_parser("extract", help="code the events of articles (text, HTML, JSONL, folders, stdin)",
                        description="One result line per document, in input order. Bad input gives an "
                                    "error record and never stops the other documents.")
    ex.add_argument("inputs", nargs="*", metavar="INPUT", help="files or folders; '-' or nothing reads stdin")
    ex.add_argument("--published", help="publication date YYYY-MM-DD for inputs that carry none")
    ex.add_argument("--format", choices=("jsonl", "json"), default="jsonl",
                    help="jsonl: one result per line (default); json: one indented JSON array")
    ex.add_argument("--output", "-o", help="write here instead of stdout")
    ex.add_argument("--workers", "-j", type=int, default=1,
                    help="local worker processes (default 1); with --engine dask, the LocalCluster's size")
    ex.add_argument("--engine", choices=("local", "dask"), default="local",
                    help="local: this machine's processes (default); dask: a Dask distributed cluster")
    ex.add_argument("--scheduler", metavar="ADDRESS",
                    help="Dask scheduler to use with --engine dask, e.g. tcp://10.0.0.5:8786 "
                         "(default: start a LocalCluster)")
    ex.add_argument("--quiet", "-q", action="store_true", help="no progress bar on stderr")

    ev = sub.add_parser("eval", help="score Rasid on gold sentences (format of gsr-ar-dev.jsonl)")
    ev.add_argument("gold", help="gold JSONL: {id, text, published, labels, actors}")
    ev.add_argument("--errors", action="store_true", help="also list the misclassified sentences")

    sub.add_parser("schema", help="print the JSON Schema of a document result")
    return p


def _open_output(path: str | None) -> TextIO:
    return open(path, "w", encoding="utf-8") if path else sys.stdout


def cmd_extract(args: argparse.Namespace) -> int:
    from .batch import run
    from .ingest import Reject, read_inputs

    if args.workers < 1:
        print("rasid extract: --workers must be at least 1", file=sys.stderr)
        return 2
    if args.scheduler and args.engine != "dask":
        print("rasid extract: --scheduler needs --engine dask", file=sys.stderr)
        return 2
    failures = 0

    def documents():  # rejects are reported as they are read; documents get the default date
        nonlocal failures
        for item in read_inputs(args.inputs, args.published):
            if isinstance(item, Reject):
                print(f"rasid: {item.id}: {item.error}", file=sys.stderr)
                failures += 1
            elif item.published is None and args.published:
                item.published = args.published
            yield item

    out = _open_output(args.output)
    first = True
    try:
        if args.format == "json":
            out.write("[\n")
        for result in run(documents(), workers=args.workers, engine=args.engine, scheduler=args.scheduler,
                          progress=not args.quiet):
            if args.format == "json":
                out.write(("" if first else ",\n") + result.model_dump_json(indent=2))
            else:
                out.write(result.model_dump_json() + "\n")
            first = False
        if args.format == "json":
            out.write("\n]\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return 1 if failures and first else 0


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate_file

    path = Path(args.gold)
    if not path.exists():
        print(f"rasid eval: no such file: {path}", file=sys.stderr)
        return 2
    report, gold, results = evaluate_file(path)
    for line in report.lines():
        print(line)
    if args.errors:
        texts = {g["id"]: g["text"] for g in gold}
        for name, s in report.types.items():
            for kind, ids in (("false positive", s.false_positives), ("missed", s.false_negatives)):
                for i in ids:
                    fired = [f"{e.plover}:{e.evidence.trigger.text}" for e in results[i].events if e.main]
                    print(f"{name} {kind} {i} {fired}: {texts[i][:200]}")
    return 0


def cmd_schema(_: argparse.Namespace) -> int:
    from .model import DocumentResult

    print(json.dumps(DocumentResult.model_json_schema(), ensure_ascii=False, indent=2))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.version:
        from . import __version__

        print(__version__)
        return 0
    commands = {"extract": cmd_extract, "eval": cmd_eval, "schema": cmd_schema}
    if args.command not in commands:
        _parser().print_help()
        return 2
    try:
        return commands[args.command](args)
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
