"""The `watch` and `alerts` commands (rasid/watch.py, rasid/alerts.py), kept apart from cli.py's
batch commands: they run as a service and share only the `--db` option."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def add_commands(sub: Any, db: argparse.ArgumentParser) -> None:
    w = sub.add_parser("watch", parents=[db], help="follow feeds, news pages and folders; store and alert",
                       description="Polls every source every --every; stores what is new (nothing twice, also "
                                   "after a restart), then sends the alerts the rules match, each once. "
                                   "Stops cleanly on SIGTERM. See docs/watch.md.")
    w.add_argument("sources", nargs="*", metavar="SOURCE", help="a feed or news index page URL, or a folder")
    w.add_argument("--sources", dest="sources_file", type=Path, metavar="FILE",
                   help="more sources, one per line (# comments)")
    w.add_argument("--rules", type=Path, metavar="FILE", help="alert rules (TOML); without it nothing is sent")
    w.add_argument("--every", default="5m", metavar="INTERVAL", help="poll interval per source: 90s, 5m, 1h "
                                                                      "(default 5m)")
    w.add_argument("--once", action="store_true", help="poll every source once, deliver, exit (1 if any failed)")
    w.add_argument("--status", action="store_true", help="print each watched source's health and exit")
    w.add_argument("--quiet", action="store_true", help="no log line per poll")

    a = sub.add_parser("alerts", parents=[db], help="match alert rules against stored events",
                       description="Queues and sends the alerts the rules match among events stored since each "
                                   "rule last looked; --dry-run lists what the rules would fire on among all "
                                   "stored events and sends nothing.")
    a.add_argument("--rules", type=Path, required=True, metavar="FILE", help="alert rules (TOML)")
    a.add_argument("--dry-run", action="store_true", help="list matches, record and send nothing")


def _rules(path: Path | None) -> list[Any] | None:
    from .alerts import RulesError, load_rules

    if path is None:
        return []
    try:
        return load_rules(path)
    except RulesError as exc:
        print(f"rasid: {exc}", file=sys.stderr)
        return None


def cmd_watch(args: argparse.Namespace, open_store: Any) -> int:
    from . import watch

    if args.status:
        with open_store(args) as store:
            _print_status(watch.status(store))
        return 0
    sources = list(watch.sources_of(args.sources, args.sources_file))
    if not sources:
        print("rasid watch: no sources: give URLs or folders, or --sources FILE", file=sys.stderr)
        return 2
    try:
        every = watch.parse_every(args.every)
    except ValueError as exc:
        print(f"rasid watch: {exc}", file=sys.stderr)
        return 2
    rules = _rules(args.rules)
    if rules is None:
        return 2
    import logging  # here, not at the top: every `rasid` command imports this module to build its parser

    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO, format="%(asctime)s %(message)s",
                        stream=sys.stderr)
    with open_store(args) as store:
        watcher = watch.Watcher(store, sources, every)

        def alerts() -> bool:
            return _queue_and_deliver(store, rules)

        return watch.run(watcher, args.once, alerts)


def _queue_and_deliver(store: Any, rules: list[Any]) -> bool:
    import logging

    from .alerts import deliver, queue

    if not rules:
        return True
    new = queue(store, rules)
    done = deliver(store, rules)
    for msg in done.errors:
        print(f"rasid: {msg}", file=sys.stderr)
    if done.unconfirmed:
        print(f"rasid: {done.unconfirmed} alerts were being sent when a process stopped; not sent again",
              file=sys.stderr)
    logging.getLogger("rasid.watch").info("alerts: %d new, %d sent, %d failed", new, done.sent, done.failed)
    return not done.failed


def cmd_alerts(args: argparse.Namespace, open_store: Any) -> int:
    from .alerts import dry_run

    rules = _rules(args.rules)
    if rules is None:
        return 2
    with open_store(args) as store:
        if args.dry_run:
            hits = dry_run(store, rules)
            for rule, e in hits:
                rec = e.to_json()
                loc = rec.get("location") or {}
                print(f"{rule.name}\t{e.id}\t{rec.get('date') or ''}\t{rec.get('plover')}\t{loc.get('name') or ''}\t"
                      f"{rec.get('fatalities') if rec.get('fatalities') is not None else ''}\t"
                      f"{(rec.get('evidence') or {}).get('text', '')[:120]}")
            print(f"rasid alerts: {len(hits)} matches (dry run: nothing recorded or sent)", file=sys.stderr)
            return 0
        return 0 if _queue_and_deliver(store, rules) else 1


def _print_status(rows: list[Any]) -> None:
    print("source\tlast success\tlast poll\tnext poll\titems\terrors\tfailing\tlast error")
    for r in rows:
        print("\t".join(str(x) if x is not None else "" for x in (
            r.source, _t(r.last_success), _t(r.last_poll), _t(r.next_poll), r.items, r.errors, r.failures,
            r.last_error)))


def _t(value: Any) -> str | None:
    return value.strftime("%Y-%m-%d %H:%M:%S") if value is not None else None
