"""Incidents: which reports, from one or many documents, tell the same happening.

ACLED records a happening once per day, however many outlets report it. Two reports are linked
when nothing in them contradicts it and enough agrees: the same PLOVER type (and no clash of mode
or ACLED type), the same day (or overlapping spans when a report only knows the week or month),
the same or a nearby place (within ~25 km, or the same admin unit when one side only knows the
region), and actors that do not contradict each other. When a place is unknown on one side, shared
actors or shared wording must make up for it.

A report with neither a date nor a publication date (common on republished pages) cannot be put
on a day, so the day cannot keep apart two happenings of one type at one place weeks apart. It
links only on stronger agreement: the places must agree, and two of three independent signs must
hold — a precise place (a town or a site on at least one side), an identified actor in common,
and shared wording. This module only decides; `rasid.store` keeps the incidents, and an incident
takes the lowest fatality figure of its reports (ACLED's rule) while keeping every report's figures.

Kept free of the database so the rules can be read, tested and tuned on plain records.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..dictionaries.mappings import map_event
from ..dictionaries.tables import affixes, function_words
from ..text import fold

NEAR_KM = 25.0
MIN_WORDING = 0.4  # share of the shorter report's content words found in the other
UNDATED_SIGNS = 2  # of precise place, identified actor in common, shared wording: needed without a date
VETO = -math.inf

# Modes that one happening is told with interchangeably (a suicide bombing is also 'an explosion';
# a drone strike also 'an air strike'); any other two stated modes are two happenings.
_MODE_FAMILIES = ({"explosives", "suicide-attack"}, {"aerial", "drone"})
# ACLED's type that may say whom the violence hit rather than how (types_agree).
_TARGET_TYPE = "Violence against civilians"

_WORD = re.compile(r"[\u0621-\u064Aa-z0-9]+")
_ARTICLE = affixes("article") + affixes("article-after-l")  # ال لل (data/affixes.tsv)
_ARTICLE_FORMS = affixes("link-article")  # ال لل بال وال
_PREPOSITIONS = affixes("preposition")  # ب ك ل written onto a noun without the article ('بمدينة')
_ENDINGS = affixes("link-ending")  # the accusative ا ('قتيلا')
_FUNCTION_WORDS = function_words("link")  # left out of the words compared (data/function_words.tsv)


def content_words(text: str) -> frozenset[str]:
    """Folded words of a sentence without clitic و/ف, the article and function words."""
    stop = _FUNCTION_WORDS
    out = set()
    for w in _WORD.findall(fold(text)):
        if len(w) > 3 and w[0] in "وف" and w[1:3] in _ARTICLE:
            w = w[1:]
        for article in _ARTICLE_FORMS:
            if w.startswith(article) and len(w) - len(article) >= 3:
                w = w[len(article):]
                break
        else:
            if w[0] in _PREPOSITIONS and len(w) >= 5 and w not in stop:
                w = w[1:]  # both reports' words lose it alike, so 'بغداد' still meets 'بغداد'
        if len(w) >= 5 and w.endswith(_ENDINGS):
            w = w[:-1]
        if len(w) >= 3 and w not in stop:
            out.add(w)
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class Report:
    """What linking needs to know of one event (a report of a happening)."""

    plover: str
    mode: str | None
    acled_type: str | None
    first: dt.date | None  # None: neither the event nor its document has a date
    last: dt.date | None
    time_precision: int
    lat: float | None
    lon: float | None
    geo_precision: int | None
    country: str | None
    admin1: str | None
    admin2: str | None
    place: str | None
    actor_codes: frozenset[str]
    actor_countries: frozenset[str]
    actor_names: frozenset[str]
    words: frozenset[str]  # of the sentences reporting it, less its trigger and place words


def day_span(day: dt.date, precision: int | None, last: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The days a dated report may mean: the day; the week around it; the month; or its own span."""
    if last and last >= day:
        return day, last
    if precision == 2:
        return day - dt.timedelta(days=3), day + dt.timedelta(days=3)
    if precision == 3:
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    return day, day


def _iso(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def report_of(event: Mapping[str, Any], published: dt.date | None) -> Report:
    """A Report from a contract EVENT record; an undated event falls back to the publication date
    (news reports what happened that day or the day before); with neither it stays undated."""
    day = _iso(event.get("date"))
    precision = event.get("time_precision") or 1
    if day is None:
        day, precision = published, 1
    first, last = day_span(day, precision, _iso(event.get("date_end"))) if day else (None, None)
    loc = event.get("location") or {}
    codes, countries, names = set(), set(), set()
    for role in ("actor1", "actor2"):
        actor = event.get(role)
        if not actor:
            continue
        country, sector = actor.get("country"), actor.get("sector")
        if country and country != "None":
            countries.add(country)
            if sector and sector != "None":
                codes.add(f"{country} {sector}")
        name = actor.get("name") or actor.get("text")
        if name:
            names.add(fold(name))
    sentences = [event.get("evidence") or {}, *(event.get("reports") or [])]
    # the trigger and place words only repeat what type and place already agree on
    given = content_words(" ".join([*((e.get("trigger") or {}).get("text", "") for e in sentences), loc.get("text", "")]))
    return Report(
        plover=event["plover"], mode=event.get("plover_mode"), acled_type=event.get("acled_event_type"),
        first=first, last=last, time_precision=precision,
        lat=loc.get("lat"), lon=loc.get("lon"), geo_precision=loc.get("geo_precision"),
        country=loc.get("country"), admin1=_folded(loc.get("admin1")), admin2=_folded(loc.get("admin2")),
        place=_folded(loc.get("name") or loc.get("text")),
        actor_codes=frozenset(codes), actor_countries=frozenset(countries), actor_names=frozenset(names),
        words=content_words(" ".join(e.get("text", "") for e in sentences)) - given,
    )


def _folded(value: str | None) -> str | None:
    return fold(value) if value else None


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def places_agree(a: Report, b: Report) -> bool | None:
    """True: the same or a nearby place; False: different places; None: one side does not say."""
    if a.country and b.country and a.country != b.country:
        return False
    regional = 3 in (a.geo_precision, b.geo_precision)
    if a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None:
        # a region-level place ('in al-Hasakah province') fits any town of the province
        return km(a.lat, a.lon, b.lat, b.lon) <= NEAR_KM or bool(regional and a.admin1 and a.admin1 == b.admin1)
    if a.place and a.place == b.place:
        return True
    if a.admin2 and b.admin2:
        return a.admin2 == b.admin2
    if a.admin1 and b.admin1:
        if a.admin1 != b.admin1:
            return False
        return True if regional else None
    return None


def actors_agree(a: Report, b: Report) -> bool | None:
    """True: they share an actor; False: both name actors and none can be the same; None: unknown."""
    if (a.actor_codes & b.actor_codes) or (a.actor_names & b.actor_names):
        return True
    if a.actor_countries and b.actor_countries:
        return bool(a.actor_countries & b.actor_countries)
    return None


def shared_actor(a: Report, b: Report) -> bool:
    """Both name one identified actor (a code with its country: 'SOM GOV', not 'Unidentified attackers')."""
    return bool(a.actor_codes & b.actor_codes)


def precise_place(a: Report, b: Report) -> bool:
    """The places agree and at least one side names a town or a site (geo_precision 1), so the
    other is that place or the province or country around it."""
    return places_agree(a, b) is True and 1 in (a.geo_precision, b.geo_precision)


def modes_agree(a: Report, b: Report) -> bool:
    if not a.mode or not b.mode or a.mode == b.mode:
        return True
    return any(a.mode in family and b.mode in family for family in _MODE_FAMILIES)


def types_agree(a: Report, b: Report) -> bool:
    """ACLED types agree when equal, or when one is 'Violence against civilians' because of whom
    the violence hit (its mode unstated, or of another type by itself: a shooting at worshippers)
    rather than because of what was done (an abduction)."""
    if not a.acled_type or not b.acled_type or a.acled_type == b.acled_type:
        return True
    for r in (a, b):
        if r.acled_type == _TARGET_TYPE and (not r.mode or map_event(r.plover, r.mode).acled_event_type != _TARGET_TYPE):
            return True
    return False


def wording(a: Report, b: Report) -> float:
    """Share of the shorter report's content words that the other report also uses."""
    if not a.words or not b.words:
        return 0.0
    return len(a.words & b.words) / min(len(a.words), len(b.words))


_KINDS: dict[tuple[str, str | None, str | None, str, str | None, str | None], bool] = {}


def kinds_agree(a: Report, b: Report) -> bool:
    """The same PLOVER type and agreeing modes and ACLED types (`modes_agree`, `types_agree`),
    remembered: they read only those three fields, of which there are few values, and half the
    candidates a report is compared with differ there."""
    key = (a.plover, a.mode, a.acled_type, b.plover, b.mode, b.acled_type)
    found = _KINDS.get(key)
    if found is None:
        found = _KINDS[key] = a.plover == b.plover and modes_agree(a, b) and types_agree(a, b)
    return found


def agreement(a: Report, b: Report) -> tuple[bool | None, bool | None] | None:
    """(places agree, actors agree) of two reports nothing contradicts; None when something does.
    Wording never vetoes, so this is the same for every report of one `facts_of`."""
    if not kinds_agree(a, b):
        return None
    if a.first is not None and b.first is not None and (a.first > b.last or b.first > a.last):  # type: ignore[operator]
        return None
    place = places_agree(a, b)
    actors = actors_agree(a, b)
    if place is False or actors is False:
        return None
    return place, actors


def score(a: Report, b: Report, place: bool | None, actors: bool | None, sim: float) -> float:
    """`compare`'s score of two reports nothing contradicts, from their `agreement` and `wording`;
    it never falls as the wording rises, so a group's best wording gives the group's best score."""
    if a.first is None or b.first is None:
        signs = (place is True and 1 in (a.geo_precision, b.geo_precision)) + shared_actor(a, b) + (sim >= MIN_WORDING)
        if not place or signs < UNDATED_SIGNS:
            return 0.0
        return 2.0 + (1.0 if actors else 0.0) + sim
    if place is None and not actors and sim < MIN_WORDING:
        return 0.0
    return (2.0 if place else 0.0) + (1.0 if actors else 0.0) + sim + (0.5 if a.first == b.first else 0.0)


def compare(a: Report, b: Report) -> float:
    """How strongly two reports tell the same happening: VETO when something contradicts it,
    0 when too little agrees, else a positive score (higher is surer)."""
    found = agreement(a, b)
    if found is None:
        return VETO
    return score(a, b, found[0], found[1], wording(a, b))


def facts_of(r: Report) -> Report:
    """The report without its wording: everything `agreement` reads and all of `score` but wording."""
    if not r.words:
        return r
    return Report(plover=r.plover, mode=r.mode, acled_type=r.acled_type, first=r.first, last=r.last,
                  time_precision=r.time_precision, lat=r.lat, lon=r.lon, geo_precision=r.geo_precision,
                  country=r.country, admin1=r.admin1, admin2=r.admin2, place=r.place, actor_codes=r.actor_codes,
                  actor_countries=r.actor_countries, actor_names=r.actor_names, words=frozenset())


class Members:
    """An incident's reports as linking sees them: grouped by their facts (`facts_of`), each group
    with its distinct word sets. Reports of one group contradict a report alike and score alike
    but for wording, so a new report costs one `agreement` per group and at most one set
    intersection per distinct wording, however many members tell the happening alike (a city's
    daily strikes in a war, a wire story reprinted by forty outlets): complete-link decisions
    without the complete-link cost."""

    __slots__ = ("groups", "size")

    def __init__(self, reports: Iterable[Report] = ()) -> None:
        self.groups: dict[Report, set[frozenset[str]]] = {}
        self.size = 0
        for r in reports:
            self.add(r)

    def add(self, r: Report) -> None:
        self.groups.setdefault(facts_of(r), set()).add(r.words)
        self.size += 1

    def absorb(self, other: Members) -> None:
        """Take in the reports of another incident (a merge)."""
        for facts, wordings in other.groups.items():
            self.groups.setdefault(facts, set()).update(wordings)
        self.size += other.size


def best_wording(words: frozenset[str], wordings: Iterable[frozenset[str]], enough: float) -> float:
    """The highest `wording` of these words with any of the word sets, or the first one reaching `enough`."""
    best = 0.0
    if not words:
        return best
    n = len(words)
    for other in wordings:
        if other:
            sim = len(words & other) / min(n, len(other))
            if sim > best:
                best = sim
                if best >= enough:
                    break
    return best


def best_incident(report: Report, incidents: Iterable[tuple[int, Members]]) -> int | None:
    """The incident (id, its members) the report belongs to, if any: every member must be free
    of contradiction and at least one must agree; the highest-scoring such incident wins."""
    found = agreeing_incidents(report, incidents)
    return found[0] if found else None


_Group = tuple[Report, bool | None, bool | None, set[frozenset[str]]]


def agreeing_incidents(report: Report, incidents: Iterable[tuple[int, Members]]) -> list[int]:
    """Every incident the report could join (as `best_incident`), best first.

    As comparing the report with every member: no member may veto and the best score must be
    positive. Whether a group agrees needs its wording only when nothing else makes its score
    positive, and then only until one word set reaches MIN_WORDING; the exact best score, which
    orders the incidents, only when more than one agrees."""
    found: list[tuple[int, list[_Group]]] = []
    for incident_id, members in incidents:
        groups: list[_Group] = []
        for facts, wordings in members.groups.items():
            agreed = agreement(report, facts)
            if agreed is None:
                break
            groups.append((facts, agreed[0], agreed[1], wordings))
        else:
            if groups and any(score(report, f, p, a, 0.0) > 0
                              or score(report, f, p, a, best_wording(report.words, w, MIN_WORDING)) > 0
                              for f, p, a, w in groups):
                found.append((incident_id, groups))
    if len(found) < 2:
        return [incident_id for incident_id, _ in found]
    scored = sorted((-max(score(report, f, p, a, best_wording(report.words, w, 1.0)) for f, p, a, w in groups),
                     incident_id) for incident_id, groups in found)
    return [incident_id for _, incident_id in scored]


def mergeable(a: Members, b: Members) -> bool:
    """Two incidents that one report agrees with tell one happening when no member of one
    contradicts a member of the other (the report bridges what each reporter told apart)."""
    return all(agreement(x, y) is not None for x in a.groups for y in b.groups)


def fatality_summary(figures: Iterable[int | None]) -> tuple[int | None, int | None]:
    """(lowest, highest) of the stated figures: ACLED records the lowest, analysts see the range."""
    known = [f for f in figures if f is not None]
    return (min(known), max(known)) if known else (None, None)
