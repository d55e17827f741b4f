"""The `rasid` command: a thin shell over the Python API.

    rasid extract article.txt --published 2022-01-24
    rasid extract article.txt --published 2022-01-24 --format table
    rasid extract corpus.jsonl --format jsonl --output events.jsonl
    rasid extract archive/ --workers 8 -o events.jsonl
    rasid extract archive/ --engine dask --scheduler tcp://scheduler:8786 -o events.jsonl
    rasid eval gold.jsonl
    rasid schema
    rasid serve --port 8000            # HTTP API and dashboard (http://127.0.0.1:8000/)
    rasid ingest corpus.jsonl --db events.db
    rasid events --plover ASSAULT --country Syria --since 2022-01-01 --format csv
    rasid events --admin1 "الحسكة" --format table
    rasid incidents --admin1 "Al Hasakah" --format parquet -o incidents.parquet
    rasid export --format acled-csv --output acled.csv
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2  # all good; some inputs failed; usage error or unreadable input

if TYPE_CHECKING:
    import datetime as dt

    from .contract import Document, DocumentResult
    from .inputs import Reject
    from .store import Filters, Store


def build_parser() -> argparse.ArgumentParser:
    """The `rasid` command line (also read by scripts/cli_reference.py, which writes docs/cli.md)."""
    p = argparse.ArgumentParser(prog="rasid", description="Arabic news in, coded event data out.")
    p.add_argument("--version", action="store_true", help="print the version and build (pure Python or compiled) and exit")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    ex = sub.add_parser("extract", help="code the events of articles (text, HTML, JSONL, folders, stdin)",
                        description="One result line per document, in input order. Bad input gives an "
                                    "error record and never stops the other documents. Exit status: 0 all "
                                    "documents coded; 1 some failed (binary, empty, not Arabic, bad records), "
                                    "each named on stderr; 2 a usage error or a missing file or folder "
                                    "(checked before any work).")
    ex.add_argument("inputs", nargs="*", metavar="INPUT",
                    help="files (text, HTML, RSS/Atom, JSONL, JSON, CSV/TSV), folders, http(s) URLs; "
                         "'-' or nothing reads stdin")
    ex.add_argument("--published", help="publication date YYYY-MM-DD for inputs that carry none "
                                         "(overrides the date of an HTML page)")
    ex.add_argument("--text-col", metavar="NAME", help="CSV/JSON field with the article text "
                                                       "(default: text, content, body or article)")
    ex.add_argument("--date-col", metavar="NAME", help="CSV/JSON field with the publication date "
                                                       "(default: published or date)")
    ex.add_argument("--id-col", metavar="NAME", help="CSV/JSON field with the document id "
                                                     "(default: id or url; else file:line)")
    ex.add_argument("--format", choices=("jsonl", "json", "table"), default="jsonl",
                    help="jsonl: one result per line (default); json: one indented JSON array; "
                         "table: a table per document for people, the trigger words highlighted")
    ex.add_argument("--output", "-o", help="write here instead of stdout")
    ex.add_argument("--workers", "-j", type=int, default=1,
                    help="local worker processes (default 1); with --engine dask, the LocalCluster's size")
    ex.add_argument("--engine", choices=("local", "dask"), default="local",
                    help="local: this machine's processes (default); dask: a Dask distributed cluster")
    ex.add_argument("--scheduler", metavar="ADDRESS",
                    help="Dask scheduler to use with --engine dask, e.g. tcp://10.0.0.5:8786 "
                         "(default: start a LocalCluster)")
    ex.add_argument("--quiet", "-q", action="store_true", help="no progress bar on stderr")
    _follow_links(ex)

    ev = sub.add_parser("eval", help="score Rasid on gold sentences, main-event sentences, whole articles or incidents")
    ev.add_argument("gold", help="gold JSONL, its kind told by its fields: labels (gsr-ar-dev.jsonl), "
                                 "main (sentences-dev.jsonl), events (articles-dev.jsonl) or cluster "
                                 "(incidents-dev.jsonl: articles, then incident linking)")
    ev.add_argument("--errors", action="store_true",
                    help="also list the misclassified sentences, or the missed and false events of articles")

    sub.add_parser("schema", help="print the JSON Schema of a document result")
    _serve_command(sub)
    _store_commands(sub)
    return p


def _serve_command(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sv = sub.add_parser("serve", help="run the HTTP API and the dashboard",
                        description="Listens on 127.0.0.1 (this machine only) unless --host says otherwise, and "
                                    "answers only requests whose Host header names localhost, 127.0.0.1, ::1, the "
                                    "--host address or an --allowed-host. Limits, the write token and the allowed "
                                    "hosts also come from RASID_API_* environment variables (see docs/api.md and "
                                    "docs/security.md); flags win. An empty token is refused (exit status 2).")
    sv.add_argument("--db", metavar="URL", help="database: an SQLite file path or URL, or postgresql://... "
                                                "(default: $RASID_DB, else rasid.db in the user data directory)")
    sv.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    sv.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    sv.add_argument("--token", help="require 'Authorization: Bearer TOKEN' for writes (default: $RASID_API_TOKEN); "
                                    "an empty one is refused")
    sv.add_argument("--allowed-host", metavar="NAME", action="append", default=None,
                    help="also answer requests for this Host name, e.g. the name a reverse proxy passes on "
                         "(repeatable; '*.example.org' for subdomains; default: $RASID_API_ALLOWED_HOSTS)")
    sv.add_argument("--max-body", type=int, metavar="BYTES", help="largest request body (default 10 MiB)")
    sv.add_argument("--max-documents", type=int, metavar="N", help="documents per POST /v1/documents (default 100)")
    sv.add_argument("--timeout", type=float, metavar="SECONDS", help="longest time one request may take (default 60)")
    sv.add_argument("--cors", metavar="ORIGIN", action="append", default=None,
                    help="allow cross-origin requests from this origin (repeatable; default: CORS off)")


def _follow_links(command: argparse.ArgumentParser) -> None:
    command.add_argument("--follow-links", action="store_true",
                         help="in folders, also read links to files outside the folder and follow links to "
                              "folders (default: stay inside; what is passed over is named on stderr)")


def _date(value: str) -> dt.date:
    import datetime as dt

    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {value!r}") from None


def _store_commands(sub: Any) -> None:
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", metavar="URL", help="database: an SQLite file path or URL, or postgresql://user:pass@host/db "
                                                "(default: $RASID_DB, else rasid.db in the user data directory)")
    flt = argparse.ArgumentParser(add_help=False)
    flt.add_argument("--since", type=_date, metavar="YYYY-MM-DD", help="on or after this day")
    flt.add_argument("--until", type=_date, metavar="YYYY-MM-DD", help="on or before this day")
    flt.add_argument("--plover", metavar="TYPE", help="PLOVER event type (ASSAULT, PROTEST, ...)")
    flt.add_argument("--acled-type", metavar="TYPE", help="ACLED event type ('Battles', 'Protests', ...)")
    flt.add_argument("--country", metavar="COUNTRY",
                     help="country of the place: ISO3 code or name in English or Arabic (SYR, Syria, سوريا)")
    flt.add_argument("--admin1", metavar="NAME",
                     help="province/governorate in English or Arabic, with or without diacritics or "
                          "'Governorate'/'محافظة' (Al Hasakah, الحسكة)")
    flt.add_argument("--actor", metavar="NAME|CODE", help="an actor's name (part of it) or its code ('IMG REB')")
    flt.add_argument("--certainty", metavar="CERTAINTY", help="asserted, claimed or denied")
    flt.add_argument("--limit", type=int, metavar="N", help="at most N records")

    ing = sub.add_parser("ingest", parents=[db], help="extract and store documents (skips those already stored)",
                         description="Documents commit in batches, each document whole with all its events; a "
                                     "document already stored (same URL or same text) is skipped, so rerunning is "
                                     "safe; a near-duplicate of a stored one (another format, a syndicated copy) is "
                                     "stored as its copy, without events. Exit status 1 when an input failed.")
    ing.add_argument("inputs", nargs="*", metavar="INPUT", help="files or folders; '-' or nothing reads stdin")
    ing.add_argument("--published", help="publication date YYYY-MM-DD for inputs that carry none")
    ing.add_argument("--text-col", metavar="NAME", help="CSV/JSON field with the article text")
    ing.add_argument("--date-col", metavar="NAME", help="CSV/JSON field with the publication date")
    ing.add_argument("--id-col", metavar="NAME", help="CSV/JSON field with the document id")
    ing.add_argument("--workers", "-j", type=int, default=1,
                     help="local worker processes extracting (default 1); writes stay in this process")
    ing.add_argument("--engine", choices=("local", "dask"), default="local",
                     help="local: this machine's processes (default); dask: a Dask distributed cluster")
    ing.add_argument("--scheduler", metavar="ADDRESS",
                     help="Dask scheduler to use with --engine dask (default: start a LocalCluster)")
    bar = ing.add_mutually_exclusive_group()
    bar.add_argument("--progress", action="store_true",
                     help="show the progress bar on stderr even when it is not a terminal")
    bar.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    _follow_links(ing)

    reading = ("Exit status: 0 done (also when nothing matches); 2 a usage error, an unknown filter value "
               "(the valid ones are listed) or a database that does not exist.")
    evs = sub.add_parser("events", parents=[db, flt], help="list stored events", description=reading)
    evs.add_argument("--format", choices=("jsonl", "csv", "table", "parquet"), default="jsonl",
                     help="jsonl (default); csv: flat rows; table: for people, the trigger words highlighted; "
                          "parquet: the csv columns typed (needs --output)")
    evs.add_argument("--output", "-o", help="write here instead of stdout")

    inc = sub.add_parser("incidents", parents=[db, flt], help="list incidents: reports of one happening on one day",
                         description=reading)
    inc.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl",
                     help="jsonl (default); parquet: one flat row per incident (needs --output)")
    inc.add_argument("--output", "-o", help="write here instead of stdout")

    exp = sub.add_parser("export", parents=[db, flt], help="export as ACLED CSV, PLOVER JSONL or GeoJSON",
                         description=reading)
    exp.add_argument("--format", required=True, choices=("acled-csv", "plover-jsonl", "geojson"))
    exp.add_argument("--unit", choices=("incident", "event"),
                     help="one record per incident (default for acled-csv and geojson) or per event")
    exp.add_argument("--output", "-o", help="write here instead of stdout")

    from .cli_watch import add_commands

    add_commands(sub, db)


@contextmanager
def _output(path: str | None, newline: str | None = None) -> Iterator[TextIO]:
    """The file at `path` (closed afterwards), or stdout (left open)."""
    if not path:
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8", newline=newline) as fh:
        yield fh


def result_for(item: Document | Reject, published: str | None = None) -> DocumentResult:
    """`pipeline.result_for`, imported on first use (not at start-up: `rasid --help` stays fast)."""
    from .pipeline.run import result_for

    return result_for(item, published)


def plural(n: int, word: str) -> str:
    """'1 event', '2 events'."""
    return f"{n} {word}{'' if n == 1 else 's'}"


class UsageError(Exception):
    """A mistyped command or an input that cannot be read at all: reported, exit status 2."""


# Warnings of a document the pipeline could not analyse at all (pipeline/run.py): a failed input.
_NOT_ANALYSED = ("empty document", "not Arabic")


def _failure(result: DocumentResult) -> str | None:
    """Why a document failed (an error, or a text that could not be analysed), else None."""
    if result.error:
        return result.error
    if not result.warnings:  # (most documents: no generator made for them)
        return None
    return next((w for w in result.warnings if w.startswith(_NOT_ANALYSED)), None)


def _missing_inputs(inputs: Sequence[str]) -> list[str]:
    """The inputs naming a file or folder that does not exist (stdin and URLs are not checked)."""
    return [i for i in inputs if i != "-" and not i.startswith(("http://", "https://")) and not Path(i).exists()]


def _bad_parallel_options(command: str, args: argparse.Namespace) -> bool:
    """Report --workers below 1 or --scheduler without the dask engine (a usage error)."""
    problem = ("--workers must be at least 1" if args.workers < 1 else
               "--scheduler needs --engine dask" if args.scheduler and args.engine != "dask" else None)
    if problem:
        print(f"rasid {command}: {problem}", file=sys.stderr)
    return problem is not None


def cmd_extract(args: argparse.Namespace) -> int:
    from .batch import run
    from .inputs import Columns, read_inputs
    from .jsonl import line_writer

    json_line = line_writer()
    if args.workers < 1:
        raise UsageError("--workers must be at least 1")
    if args.scheduler and args.engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    missing = _missing_inputs(args.inputs)
    if missing:
        raise UsageError("; ".join(f"no such file or folder: {m}" for m in missing) + " (nothing was extracted)")
    columns = Columns(text=args.text_col, date=args.date_col, id=args.id_col)
    first = True
    failures = total = 0
    with _output(args.output) as out:
        # JSON lines go to the byte stream under the text one, as UTF-8 bytes
        raw = getattr(out, "buffer", None) if args.format == "jsonl" else None
        if args.format == "json":
            out.write("[\n")
        # WHY plain: the documents are read and coded as the pipeline's own records (`plain.py`) and
        # JSON lines written from them, byte for byte what pydantic writes, so that this command
        # does not import pydantic (about 0.1 s of its start-up); the other formats, and the rare
        # line pydantic writes otherwise (`json_line`), are written from the contract's models.
        for result in run(read_inputs(args.inputs, args.published, columns, args.follow_links, plain=True),
                          published=args.published, workers=args.workers, engine=args.engine,
                          scheduler=args.scheduler, progress=not args.quiet, plain=True):
            total += 1
            why = _failure(result)
            if why:
                print(f"rasid extract: {result.id}: {why}", file=sys.stderr)
                failures += 1
            if args.format == "table":
                _print_result_table(out, _contract(result))
            elif args.format == "json":
                out.write(("" if first else ",\n") + _contract(result).model_dump_json(indent=2))
            else:
                line = json_line(result) or _contract(result).model_dump_json().encode("utf-8")
                if raw is not None:
                    raw.write(line + b"\n")
                else:
                    out.write(line.decode("utf-8") + "\n")
            first = False
        if args.format == "json":
            out.write("\n]\n")
    if failures:
        print(f"rasid extract: {failures} of {plural(total, 'document')} failed (named above)", file=sys.stderr)
    return EXIT_FAILED if failures else EXIT_OK


def _contract(result: Any) -> DocumentResult:
    """The contract's model of a result the pipeline built (`plain.DocumentResult`)."""
    from .contract import from_plain

    model: DocumentResult = from_plain(result)
    return model


def _print_result_table(out: TextIO, result: DocumentResult) -> None:
    from .present import console, event_table

    con = console(out)
    title = " · ".join(p for p in (result.id, result.outlet, result.published,
                                   plural(len(result.events), "event")) if p)
    if result.events:
        con.print(event_table(((e.model_dump(mode="json"), result.published) for e in result.events), title,
                              plain=not con.is_terminal))
    else:
        con.print(f"{title}: {result.error or '; '.join(result.warnings) or 'no events found'}")


def cmd_eval(args: argparse.Namespace) -> int:
    from .dictionaries.models import gate_model
    from .evaluate import ArticleReport, IncidentReport, MainEventReport, Report, evaluate_file

    path = Path(args.gold)
    if not path.exists():
        print(f"rasid eval: no such file: {path}", file=sys.stderr)
        return 2
    report, gold, results = evaluate_file(path)
    for line in report.lines():
        print(line)
    if gate_model() is not None:
        print("note: the event gate in use was trained on ../shared/data's sentences-dev, gsr-ar-dev and "
              "articles-dev and on labels/*.jsonl, so figures on those are in-sample and not evidence; "
              "`make models` prints the cross-validated ones (docs/gate.md)")
    if args.errors and isinstance(report, ArticleReport | IncidentReport):
        for line in report.errors():
            print(line)
    elif args.errors and isinstance(report, Report | MainEventReport):
        texts = {str(g["id"]): g["text"] for g in gold}
        for name, s in report.types.items():
            for kind, ids in (("false positive", s.false_positives), ("missed", s.false_negatives)):
                for i in ids:
                    fired = [f"{e.plover}:{e.evidence.trigger.text}" for e in results[i].events if e.main]
                    print(f"{name} {kind} {i} {fired}: {texts[i][:200]}")
    return 0


def cmd_schema(_: argparse.Namespace) -> int:
    from .contract import DocumentResult

    print(json.dumps(DocumentResult.model_json_schema(), ensure_ascii=False, indent=2))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .api import Settings, create_app, dashboard_built, dashboard_hint, docs_built
    from .api.settings import LOOPBACK_HOSTS

    settings = Settings()
    for attr, value in (("db_url", args.db), ("token", args.token), ("max_body_bytes", args.max_body),
                        ("max_documents", args.max_documents), ("timeout_seconds", args.timeout),
                        ("cors_origins", args.cors), ("allowed_hosts", args.allowed_host)):
        if value is not None:
            setattr(settings, attr, value)
    try:
        settings.check()
    except ValueError as exc:
        raise UsageError(f"{exc} (nothing was started)") from None
    loopback = args.host in LOOPBACK_HOSTS
    if args.host not in ("0.0.0.0", "::", ""):  # the bound address is a name clients may use
        settings.allowed_hosts = [*settings.allowed_hosts, args.host]
    if settings.token is None and not loopback:
        print("rasid serve: listening beyond this machine without a token: anyone can write; "
              "set --token or RASID_API_TOKEN", file=sys.stderr)
    hosts = ", ".join(dict.fromkeys([*LOOPBACK_HOSTS, *settings.allowed_hosts]))
    print(f"rasid serve: listening on {args.host}:{args.port} "
          f"({'this machine only' if loopback else 'reachable from other machines'}); "
          f"answering Host {hosts}; writes {'need the token' if settings.token else 'open to anyone who can connect'}",
          file=sys.stderr)
    base = f"http://{args.host}:{args.port}"
    # only the addresses this install can serve: the dashboard and docs page need the built static files
    served = [f"dashboard {base}/"] if dashboard_built() else []
    served.append(f"API docs {base}/docs" if docs_built() else f"API {base}/v1/ (OpenAPI: {base}/openapi.json)")
    if not dashboard_built() or not docs_built():
        print(f"rasid serve: {dashboard_hint()}", file=sys.stderr)
    print(f"rasid serve: {'  '.join(served)}", file=sys.stderr)
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="info")
    return 0


def _open_store(args: argparse.Namespace) -> Store:
    from .store import Store

    return Store(args.db)


def _open_existing_store(args: argparse.Namespace) -> Store:
    """The store of a read command: a database that does not exist is refused (a mistyped --db
    would otherwise create an empty one and answer with nothing)."""
    import os

    from .store import ENV_VAR, Store, sqlite_file

    path = sqlite_file(args.db)
    if path is not None and not path.exists():
        where = "--db" if args.db else ("$RASID_DB" if os.environ.get(ENV_VAR) else "the default database")
        raise UsageError(f"no database at {path} ({where}); `rasid ingest --db {path} ...` creates one")
    return Store(args.db, read_only=True)  # a database this user may only read is still readable


def _filters(args: argparse.Namespace, store: Store | None = None) -> Filters:
    """The filters of the command line, checked and in the stored spelling (FilterError otherwise)."""
    from .store import Filters
    from .store.vocabulary import FilterError, check

    given = Filters(since=args.since, until=args.until, plover=args.plover, acled_type=args.acled_type,
                    country=args.country, admin1=args.admin1, actor=args.actor, certainty=args.certainty,
                    limit=args.limit)
    if args.limit is not None and args.limit < 1:
        raise UsageError("--limit must be at least 1")
    try:
        return check(given, store.admin1_names() if store is not None and args.admin1 else ())
    except FilterError as exc:
        raise UsageError(str(exc)) from None


def cmd_ingest(args: argparse.Namespace) -> int:
    from .inputs import Columns, read_inputs

    def report(doc_id: str, error: str) -> None:
        print(f"rasid: {doc_id}: {error}", file=sys.stderr)

    def changed(doc_id: str, note: str) -> None:
        print(f"rasid: {doc_id}: stored with a change: {note}", file=sys.stderr)

    if _bad_parallel_options("ingest", args):
        return 2
    from .batch import progress_bar, run

    columns = Columns(text=args.text_col, date=args.date_col, id=args.id_col)
    progress = args.progress or (not args.quiet and sys.stderr.isatty())
    bar = progress_bar(_count_documents(args.inputs)) if progress else None
    try:
        with _open_store(args) as store:
            stats = store.ingest(read_inputs(args.inputs, args.published, columns, args.follow_links), on_error=report, bar=bar,
                                 on_change=changed,
                                 extract=lambda docs: run(docs, workers=args.workers, engine=args.engine,
                                                          scheduler=args.scheduler, progress=False,
                                                          published=args.published))
    finally:
        if bar is not None:
            bar.close()
    print(f"rasid ingest: {stats.line()}", file=sys.stderr)
    return 1 if stats.failed or stats.changed else 0


def _count_documents(inputs: list[str]) -> int | None:
    """How many documents the inputs hold, for the ETA: JSONL lines and single pages; None when
    some input cannot be counted cheaply (stdin, URLs, folders, CSV, feeds)."""
    n = 0
    for name in inputs or ["-"]:
        path = Path(name)
        if name == "-" or "://" in name or not path.is_file():
            return None
        if path.suffix.lower() in (".jsonl", ".ndjson"):
            with path.open("rb") as fh:
                n += sum(1 for line in fh if line.strip())
        elif path.suffix.lower() in (".txt", ".html", ".htm"):
            n += 1
        else:
            return None
    return n


def _to_parquet(args: argparse.Namespace, store: Store, filters: Filters, what: str) -> int:
    """`--format parquet` of `rasid events` and `rasid incidents` (`what`)."""
    from .store.export import parquet

    if not args.output:
        raise UsageError("parquet is a binary format: give --output FILE")
    n = parquet(store, "events" if what == "events" else "incidents", args.output, filters)
    print(f"rasid {what}: {plural(n, what[:-1])} written to {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_events(args: argparse.Namespace) -> int:
    from .store.export import write

    with _open_existing_store(args) as store:
        filters = _filters(args, store)
        if args.format == "parquet":
            return _to_parquet(args, store, filters, "events")
        with _output(args.output, newline="" if args.format == "csv" else None) as out:
            if args.format == "csv":
                write(store, "events-csv", out, filters=filters)
            elif args.format == "table":
                from .present import console, event_table

                con = console(out)
                events = store.events(filters)
                con.print(event_table(((e.record, e.day.isoformat() if e.day else None) for e in events),
                                      plural(len(events), "event"), plain=not con.is_terminal))
            else:
                for e in store.events(filters):
                    out.write(json.dumps(e.to_json(), ensure_ascii=False) + "\n")
    return EXIT_OK


def cmd_incidents(args: argparse.Namespace) -> int:
    with _open_existing_store(args) as store:
        filters = _filters(args, store)
        if args.format == "parquet":
            return _to_parquet(args, store, filters, "incidents")
        with _output(args.output) as out:
            for inc in store.incidents(filters):
                out.write(json.dumps(inc.to_json(), ensure_ascii=False) + "\n")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from .store.export import write

    with _open_existing_store(args) as store:
        filters = _filters(args, store)
        with _output(args.output, newline="") as out:
            n = write(store, args.format, out, unit=args.unit, filters=filters)
    print(f"rasid export: {plural(n, 'record')} written ({args.format})", file=sys.stderr)
    return EXIT_OK


def cmd_watch(args: argparse.Namespace) -> int:
    from .cli_watch import cmd_watch as watch

    return watch(args, _open_store)


def cmd_alerts(args: argparse.Namespace) -> int:
    from .cli_watch import cmd_alerts as alerts

    return alerts(args, _open_store)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.version:
        from . import __version__, build_info

        print(f"{__version__}, {build_info()}")
        return 0
    commands = {"extract": cmd_extract, "eval": cmd_eval, "schema": cmd_schema, "ingest": cmd_ingest,
                "events": cmd_events, "incidents": cmd_incidents, "export": cmd_export,
                "serve": cmd_serve, "watch": cmd_watch, "alerts": cmd_alerts}
    if args.command not in commands:
        build_parser().print_help()
        return EXIT_USAGE
    try:
        return commands[args.command](args)
    except UsageError as exc:
        print(f"rasid {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # the reader stopped early ('rasid events | head'): what it read was right, and nothing else
        # is to be written; stdout goes to /dev/null so the interpreter's last flush cannot fail again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        # a database Rasid cannot use (store.StoreError; the store is imported only by the commands using it)
        store = sys.modules.get("rasid.store")
        if store is None or not isinstance(exc, store.StoreError):
            raise
        print(f"rasid {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
