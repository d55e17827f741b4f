"""The `rasid` command: a thin shell over the Python API.

    rasid extract article.txt --published 2022-01-24
    rasid extract corpus.jsonl --format jsonl --output events.jsonl
    rasid eval gold.jsonl
    rasid schema
    rasid serve --port 8000            # HTTP API and dashboard (http://127.0.0.1:8000/)
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

    ev = sub.add_parser("eval", help="score Rasid on gold sentences (format of gsr-ar-dev.jsonl)")
    ev.add_argument("gold", help="gold JSONL: {id, text, published, labels, actors}")
    ev.add_argument("--errors", action="store_true", help="also list the misclassified sentences")

    sub.add_parser("schema", help="print the JSON Schema of a document result")
    _serve_command(sub)
    return p


def _serve_command(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sv = sub.add_parser("serve", help="run the HTTP API and the dashboard",
                        description="Limits and the write token also come from RASID_API_* environment "
                                    "variables (see docs/api.md); flags win.")
    sv.add_argument("--db", metavar="URL", help="database: an SQLite file path or URL, or postgresql://... "
                                                "(default: $RASID_DB, else rasid.db in the user data directory)")
    sv.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    sv.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    sv.add_argument("--token", help="require 'Authorization: Bearer TOKEN' for writes (default: $RASID_API_TOKEN)")
    sv.add_argument("--max-body", type=int, metavar="BYTES", help="largest request body (default 10 MiB)")
    sv.add_argument("--max-documents", type=int, metavar="N", help="documents per POST /v1/documents (default 100)")
    sv.add_argument("--timeout", type=float, metavar="SECONDS", help="longest time one request may take (default 60)")
    sv.add_argument("--cors", metavar="ORIGIN", action="append", default=None,
                    help="allow cross-origin requests from this origin (repeatable; default: CORS off)")


def _open_output(path: str | None) -> TextIO:
    return open(path, "w", encoding="utf-8") if path else sys.stdout


def cmd_extract(args: argparse.Namespace) -> int:
    from .ingest import Reject, read_inputs
    from .model import DocumentResult
    from .pipeline import process

    out = _open_output(args.output)
    first = True
    failures = 0
    try:
        if args.format == "json":
            out.write("[\n")
        for item in read_inputs(args.inputs, args.published):
            if isinstance(item, Reject):
                result = DocumentResult(id=item.id, error=item.error)
                print(f"rasid: {item.id}: {item.error}", file=sys.stderr)
                failures += 1
            else:
                if item.published is None and args.published:
                    item.published = args.published
                result = process(item)
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


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .api import BUILD_HINT, Settings, create_app, dashboard_built

    settings = Settings()
    for attr, value in (("db_url", args.db), ("token", args.token), ("max_body_bytes", args.max_body),
                        ("max_documents", args.max_documents), ("timeout_seconds", args.timeout),
                        ("cors_origins", args.cors)):
        if value is not None:
            setattr(settings, attr, value)
    if not dashboard_built():
        print(f"rasid serve: {BUILD_HINT}", file=sys.stderr)
    if settings.token is None and args.host not in ("127.0.0.1", "localhost", "::1"):
        print("rasid serve: listening beyond this machine without a token: anyone can write; "
              "set --token or RASID_API_TOKEN", file=sys.stderr)
    print(f"rasid serve: dashboard http://{args.host}:{args.port}/  API docs http://{args.host}:{args.port}/docs",
          file=sys.stderr)
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="info")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.version:
        from . import __version__

        print(__version__)
        return 0
    commands = {"extract": cmd_extract, "eval": cmd_eval, "schema": cmd_schema, "serve": cmd_serve}
    if args.command not in commands:
        _parser().print_help()
        return 2
    try:
        return commands[args.command](args)
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
