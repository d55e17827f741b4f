"""Alert rules: which stored events a team wants to hear about, and delivering each alert once.

A rules file is TOML, one `[[rule]]` table per rule (docs/watch.md):

    [[rule]]
    name = "north-east Syria"
    country = "SYR"                 # or admin1 = "الحسكة", bbox = [lon1, lat1, lon2, lat2], near = {lat, lon, km}
    plover = ["ASSAULT"]            # or acled = ["Battles"]
    min_fatalities = 0
    webhook = "http://127.0.0.1:9000/hook"   # or email = "team@example.org", file = "alerts.jsonl"

Every condition given must hold (actor: a word of an actor's name, code or Arabic text;
certainty: a list of asserted/claimed/denied). Alerts live in the store: a rule matched against an
event makes one row (unique per rule and event), created in one transaction with the rule's
high-water mark, then delivered. A row is marked `sending` before its delivery is attempted and
`sent` after, so a process killed in between never sends it again (at most once: it is reported as
unconfirmed instead of duplicated); a delivery that fails is retried on the next pass.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import smtplib
import sys
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email.message import EmailMessage
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

from sqlalchemy import select, update

from .store import Filters, Store, StoredEvent
from .store.schema import AlertMarkRow, AlertRow
from .store.vocabulary import admin1_matches, country_code
from .text import fold

MAX_ATTEMPTS: Final = 5  # a delivery failing this often is given up (status failed)
WEBHOOK_TIMEOUT: Final = 10.0  # seconds
_PAGE: Final = 1000  # events read per query while matching
_CHANNELS: Final = ("webhook", "email", "file")
_KINDS: Final = ("event", "confirmed", "toll")  # a matching event; its incident confirmed by a second outlet; its toll rising
_KEYS: Final = {"name", "country", "admin1", "bbox", "near", "plover", "acled", "actor", "min_fatalities",
                "certainty", "on", *_CHANNELS}


class RulesError(ValueError):
    """A rules file that cannot be used: the message names the file, the rule and the key."""


def _listed(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return tuple(str(v) for v in (value if isinstance(value, list) else [value]))


@lru_cache(maxsize=4096)
def _admin1_is(wanted: str, admin1: str) -> bool:
    """Does a stored admin1 name ('Al Ḩasakah') answer a rule's ('الحسكة', 'Al Hasakah Governorate')?"""
    return bool(admin1_matches(wanted, [admin1]))


@dataclass(frozen=True)
class Rule:
    """One alert rule (see the module docstring for its keys)."""

    name: str
    countries: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    bbox: tuple[float, float, float, float] | None = None
    near: tuple[float, float, float] | None = None  # lat, lon, km
    plover: tuple[str, ...] = ()
    acled: tuple[str, ...] = ()
    actor: str | None = None
    min_fatalities: int = 0
    certainty: tuple[str, ...] = ()
    webhook: str | None = None
    email: str | None = None
    file: str | None = None
    on: tuple[str, ...] = ("event",)

    def matches(self, e: dict[str, Any]) -> bool:
        """Does the stored event record `e` meet every condition of the rule?"""
        loc = e.get("location") or {}
        if self.countries and loc.get("country") not in self.countries:
            return False
        if self.plover and e.get("plover") not in self.plover:
            return False
        if self.acled and e.get("acled_event_type") not in self.acled:
            return False
        if self.certainty and e.get("certainty") not in self.certainty:
            return False
        if self.min_fatalities and (e.get("fatalities") or 0) < self.min_fatalities:
            return False
        if self.admin1 and not any(_admin1_is(a, loc.get("admin1") or "") for a in self.admin1):
            return False
        lat, lon = loc.get("lat"), loc.get("lon")
        if self.bbox is not None:
            west, south, east, north = self.bbox
            if lat is None or lon is None or not (south <= lat <= north and west <= lon <= east):
                return False
        if self.near is not None and (lat is None or lon is None
                                      or _km(lat, lon, self.near[0], self.near[1]) > self.near[2]):
            return False
        return not (self.actor and not _names_actor(e, self.actor))


def _names_actor(e: dict[str, Any], wanted: str) -> bool:
    want = fold(wanted).lower()
    for side in ("actor1", "actor2"):
        a = e.get(side) or {}
        if any(want in fold(str(a.get(k) or "")).lower() for k in ("name", "code", "text")):
            return True
    return False


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def load_rules(path: Path) -> list[Rule]:
    """The rules of a TOML file, checked: an unknown key, a rule without a name or a channel, two
    rules with one name, or a malformed area is an error naming the rule."""
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RulesError(f"{path}: cannot read the rules file: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(f"{path}: not valid TOML: {exc}") from exc
    tables = doc.get("rule")
    if not isinstance(tables, list) or not tables:
        raise RulesError(f"{path}: no [[rule]] tables")
    rules: list[Rule] = []
    for n, t in enumerate(tables, 1):
        rules.append(_rule(t, f"{path}: rule {n}"))
    names = [r.name for r in rules]
    if len(set(names)) != len(names):
        raise RulesError(f"{path}: two rules share a name: {min(x for x in names if names.count(x) > 1)!r}")
    return rules


def _rule(t: dict[str, Any], where: str) -> Rule:
    unknown = sorted(set(t) - _KEYS)
    if unknown:
        raise RulesError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(_KEYS))})")
    name = t.get("name")
    if not isinstance(name, str) or not name.strip():
        raise RulesError(f"{where}: every rule needs a name")
    where = f"{where} ({name!r})"
    if not any(t.get(c) for c in _CHANNELS):
        raise RulesError(f"{where}: say where its alerts go: webhook, email or file")
    bbox = t.get("bbox")
    if bbox is not None and (not isinstance(bbox, list) or len(bbox) != 4):
        raise RulesError(f"{where}: bbox is [west, south, east, north] in degrees")
    near = t.get("near")
    if near is not None and not (isinstance(near, dict) and {"lat", "lon", "km"} <= set(near)):
        raise RulesError(f"{where}: near is {{lat = .., lon = .., km = ..}}")
    admin1 = _listed(t.get("admin1"))
    on = _listed(t.get("on")) or ("event",)
    if set(on) - set(_KINDS):
        raise RulesError(f"{where}: on is a list of {', '.join(_KINDS)}")
    try:
        return Rule(name=name, countries=tuple(_country(c, where) for c in _listed(t.get("country"))), admin1=admin1,
                    bbox=tuple(float(x) for x in bbox) if bbox else None,  # type: ignore[arg-type]
                    near=(float(near["lat"]), float(near["lon"]), float(near["km"])) if near else None,
                    plover=tuple(p.upper() for p in _listed(t.get("plover"))), acled=_listed(t.get("acled")),
                    actor=t.get("actor"), min_fatalities=int(t.get("min_fatalities") or 0),
                    certainty=_listed(t.get("certainty")), webhook=t.get("webhook"), email=t.get("email"),
                    file=t.get("file"), on=on)
    except (TypeError, ValueError) as exc:
        raise RulesError(f"{where}: {exc}") from exc


def _country(value: str, where: str) -> str:
    code = country_code(value)
    if code is None:
        raise RulesError(f"{where}: unknown country {value!r} (ISO3, or its English or Arabic name)")
    return code


# ---------------------------------------------------------------------------------------------
# Matching stored events


def dry_run(store: Store, rules: list[Rule]) -> list[tuple[Rule, StoredEvent]]:
    """What each rule would fire on among all stored events (nothing recorded or sent)."""
    out = []
    for e in _events_after(store, 0):
        for r in rules:
            if r.matches(e.to_json()):
                out.append((r, e))
    return out


def _events_after(store: Store, after: int) -> Iterable[StoredEvent]:
    while True:
        page = store.events(Filters(after=after, limit=_PAGE))
        if not page:
            return
        yield from page
        after = page[-1].id


def queue(store: Store, rules: list[Rule]) -> int:
    """Match the events stored since each rule last looked and record an alert per match (with the
    rule's new mark, in one transaction): `event` for a matching event; for a matching report that
    makes its incident grow, `confirmed` (the first report from a second outlet) and `toll` (a figure
    above every earlier report's and every earlier toll alert's). Returns the number of new alerts."""
    now = dt.datetime.now(dt.UTC)
    new = 0
    for r in rules:
        with store.session() as s:
            mark = s.get(AlertMarkRow, r.name)
            after = mark.last_event_id if mark else 0
        found: list[tuple[int, str, int | None, int | None]] = []  # event id, kind, incident id, figure
        last = after
        for e in _events_after(store, after):
            last = e.id
            record = e.to_json()
            if not r.matches(record):
                continue
            if "event" in r.on:
                found.append((e.id, "event", e.incident_id, None))
            if e.incident_id is not None and ("confirmed" in r.on or "toll" in r.on):
                found.extend(_growth(store, r, e, found))
        if last == after:
            continue
        with store.session.begin() as s:
            for event_id, kind, incident_id, figure in found:
                if s.scalar(select(AlertRow.id).where(AlertRow.rule == r.name, AlertRow.event_id == event_id,
                                                      AlertRow.kind == kind)) is None:
                    s.add(AlertRow(rule=r.name, event_id=event_id, kind=kind, incident_id=incident_id, figure=figure,
                                   status="pending", attempts=0, created_at=now))
                    s.flush()
                    new += 1
            mark = s.get(AlertMarkRow, r.name)
            if mark is None:
                s.add(AlertMarkRow(rule=r.name, last_event_id=last))
            else:
                mark.last_event_id = last
    return new


def _growth(store: Store, r: Rule, e: StoredEvent, queued: list[tuple[int, str, int | None, int | None]]
            ) -> list[tuple[int, str, int | None, int | None]]:
    """How the report `e` makes its incident grow, for rule `r` (see `queue`), given the alerts
    recorded before and those `queued` in this pass."""
    if e.incident_id is None:
        return []
    found = store.incidents(Filters(ids=(e.incident_id,)))
    if not found:
        return []
    incident = found[0]
    earlier = [x for x in incident.reports if x.id < e.id]
    out: list[tuple[int, str, int | None, int | None]] = []
    with store.session() as s:
        alerted: list[tuple[str, int | None]] = [(kind, figure) for kind, figure in s.execute(
            select(AlertRow.kind, AlertRow.figure).where(AlertRow.rule == r.name, AlertRow.incident_id == incident.id))]
    alerted += [(kind, figure) for _, kind, incident_id, figure in queued if incident_id == incident.id]
    outlet = _outlet(e)
    if ("confirmed" in r.on and earlier and all(_outlet(x) != outlet for x in earlier)
            and not any(kind == "confirmed" for kind, _ in alerted)):
        out.append((e.id, "confirmed", incident.id, None))
    figure = e.record.get("fatalities")
    before = [f for x in earlier if x.record.get("certainty") != "denied" and (f := x.record.get("fatalities")) is not None]
    told = [f for kind, f in alerted if kind == "toll" and f is not None]
    if "toll" in r.on and figure is not None and before and figure > max(before + told):
        out.append((e.id, "toll", incident.id, figure))
    return out


def _outlet(e: StoredEvent) -> str:
    """Who published a report: its outlet, else its page's host, else its document."""
    if e.outlet:
        return e.outlet
    if e.url:
        from urllib.parse import urlsplit

        return urlsplit(e.url).netloc
    return f"document {e.document_id}"


# ---------------------------------------------------------------------------------------------
# Delivering


@dataclass
class Delivery:
    """What one pass of `deliver` did."""

    sent: int = 0
    failed: int = 0
    unconfirmed: int = 0  # left `sending` by a process that stopped mid-delivery: not sent again
    errors: list[str] = field(default_factory=list)


def payload(rule: Rule, e: StoredEvent, alert_id: int, kind: str = "event",
            incident: dict[str, Any] | None = None) -> dict[str, Any]:
    """One alert as a JSON object: the rule, what happened (`kind`), the event (with its evidence),
    its document, where to put it on a map, and for growth alerts the incident with every report's
    figures and outlets side by side."""
    record = e.to_json()
    loc = record.get("location") or {}
    body = {"alert_id": alert_id, "rule": rule.name, "kind": kind, "event": record, "document": e.document,
            "evidence": (record.get("evidence") or {}).get("text"),
            "map": {"lat": loc.get("lat"), "lon": loc.get("lon"), "place": loc.get("name")}}
    if incident is not None:
        body["incident"] = incident
    return body


Sender = Callable[[Rule, dict[str, Any]], None]


def deliver(store: Store, rules: list[Rule], send: Sender | None = None) -> Delivery:
    """Send every pending alert of the rules once (each marked `sending` first, `sent` after)."""
    send = send or send_alert
    by_name = {r.name: r for r in rules}
    done = Delivery()
    with store.session() as s:
        done.unconfirmed = len(list(s.scalars(select(AlertRow.id).where(AlertRow.status == "sending"))))
        pending = list(s.execute(select(AlertRow.id, AlertRow.rule, AlertRow.event_id, AlertRow.attempts,
                                        AlertRow.kind, AlertRow.incident_id)
                                 .where(AlertRow.status == "pending", AlertRow.rule.in_(list(by_name)))
                                 .order_by(AlertRow.id)))
    if not pending:
        return done
    events = {e.id: e for e in store.events(Filters(ids=tuple({p.event_id for p in pending})))}
    incidents = {i.id: i.to_json() for i in store.incidents(
        Filters(ids=tuple({p.incident_id for p in pending if p.kind != "event" and p.incident_id})))} \
        if any(p.kind != "event" for p in pending) else {}
    for alert_id, rule_name, event_id, attempts, kind, incident_id in pending:
        e = events.get(event_id)
        if e is None:
            continue
        with store.session.begin() as s:
            s.execute(update(AlertRow).where(AlertRow.id == alert_id).values(status="sending", attempts=attempts + 1))
        rule = by_name[rule_name]
        try:
            send(rule, payload(rule, e, alert_id, kind, incidents.get(incident_id) if kind != "event" and incident_id else None))
        except Exception as exc:  # noqa: BLE001 - any failure of a channel is reported and retried
            status = "failed" if attempts + 1 >= MAX_ATTEMPTS else "pending"
            msg = f"alert {alert_id} ({rule_name}): {type(exc).__name__}: {exc}"
            with store.session.begin() as s:
                s.execute(update(AlertRow).where(AlertRow.id == alert_id).values(status=status, error=msg[:2000]))
            done.failed += 1
            done.errors.append(msg)
            continue
        with store.session.begin() as s:
            s.execute(update(AlertRow).where(AlertRow.id == alert_id)
                      .values(status="sent", error=None, delivered_at=dt.datetime.now(dt.UTC)))
        done.sent += 1
    return done


def send_alert(rule: Rule, body: dict[str, Any]) -> None:
    """Deliver one alert on every channel of its rule: a JSON POST, an email, a JSON line."""
    if rule.webhook:
        import httpx

        r = httpx.post(rule.webhook, json=body, timeout=WEBHOOK_TIMEOUT,
                       headers={"Idempotency-Key": f"rasid-alert-{body['alert_id']}"})
        r.raise_for_status()
    if rule.email:
        _email(rule, body)
    if rule.file:
        line = json.dumps(body, ensure_ascii=False) + "\n"
        if rule.file in ("-", "stdout"):
            sys.stdout.write(line)
            sys.stdout.flush()
        else:
            with open(rule.file, "a", encoding="utf-8") as f:
                f.write(line)


SMTP_ENV: Final = "RASID_SMTP"  # host:port of the mail relay (default localhost:25)
SMTP_FROM_ENV: Final = "RASID_SMTP_FROM"


def _email(rule: Rule, body: dict[str, Any]) -> None:
    host, _, port = (os.environ.get(SMTP_ENV) or "localhost:25").partition(":")
    e = body["event"]
    loc = e.get("location") or {}
    msg = EmailMessage()
    msg["From"] = os.environ.get(SMTP_FROM_ENV) or "rasid@localhost"
    msg["To"] = rule.email
    msg["Subject"] = f"[rasid] {rule.name}: {e.get('plover')} {loc.get('name') or ''} {e.get('date') or ''}".strip()
    doc = body["document"]
    msg.set_content("\n".join([
        body.get("evidence") or "",
        "",
        f"{e.get('acled_event_type') or e.get('plover')} — {loc.get('name') or '?'} ({loc.get('country') or '?'})",
        f"fatalities: {e.get('fatalities')}, certainty: {e.get('certainty')}",
        f"source: {doc.get('outlet') or ''} {doc.get('url') or doc.get('id')}",
        f"map: {loc.get('lat')}, {loc.get('lon')}",
        "",
        json.dumps(body, ensure_ascii=False, indent=1),
    ]))
    with smtplib.SMTP(host, int(port or 25), timeout=WEBHOOK_TIMEOUT) as smtp:
        smtp.send_message(msg)
