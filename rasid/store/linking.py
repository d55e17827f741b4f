"""Incidents: which reports, from one or many documents, tell the same happening.

ACLED records a happening once per day, however many outlets report it. Two reports are linked
when nothing in them contradicts it and enough agrees: the same PLOVER type (and no clash of mode
or ACLED type), the same day (or overlapping spans when a report only knows the week or month),
the same or a nearby place (within ~25 km, or the same admin unit when one side only knows the
region), and actors that do not contradict each other. When a place is unknown on one side, shared
actors or shared wording must make up for it. This module only decides; `rasid.store` keeps the
incidents, and an incident takes the lowest fatality figure of its reports (ACLED's rule).

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

from ..dictionaries.tables import affixes, function_words
from ..text import fold

NEAR_KM = 25.0
MIN_WORDING = 0.4  # share of the shorter report's content words found in the other
VETO = -math.inf

_WORD = re.compile(r"[\u0621-\u064Aa-z0-9]+")
_ARTICLE = affixes("article") + affixes("article-after-l")  # ال لل (data/affixes.tsv)
_ARTICLE_FORMS = affixes("link-article")  # ال لل بال وال
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
        if len(w) >= 3 and w not in stop:
            out.add(w)
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class Report:
    """What linking needs to know of one event (a report of a happening)."""

    plover: str
    mode: str | None
    acled_type: str | None
    first: dt.date
    last: dt.date
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
    words: frozenset[str]


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


def report_of(event: Mapping[str, Any], published: dt.date | None) -> Report | None:
    """A Report from a contract EVENT record; an undated event falls back to the publication date
    (news reports what happened that day or the day before), and with neither it cannot be linked."""
    day = _iso(event.get("date"))
    precision = event.get("time_precision") or 1
    if day is None:
        day, precision = published, 1
    if day is None:
        return None
    first, last = day_span(day, precision, _iso(event.get("date_end")))
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
    evidence = (event.get("evidence") or {}).get("text", "")
    return Report(
        plover=event["plover"], mode=event.get("plover_mode"), acled_type=event.get("acled_event_type"),
        first=first, last=last, time_precision=precision,
        lat=loc.get("lat"), lon=loc.get("lon"), geo_precision=loc.get("geo_precision"),
        country=loc.get("country"), admin1=_folded(loc.get("admin1")), admin2=_folded(loc.get("admin2")),
        place=_folded(loc.get("name") or loc.get("text")),
        actor_codes=frozenset(codes), actor_countries=frozenset(countries), actor_names=frozenset(names),
        words=content_words(evidence),
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


def wording(a: Report, b: Report) -> float:
    """Share of the shorter report's content words that the other report also uses."""
    if not a.words or not b.words:
        return 0.0
    return len(a.words & b.words) / min(len(a.words), len(b.words))


def compare(a: Report, b: Report) -> float:
    """How strongly two reports tell the same happening: VETO when something contradicts it,
    0 when too little agrees, else a positive score (higher is surer)."""
    if a.plover != b.plover:
        return VETO
    if a.mode and b.mode and a.mode != b.mode:
        return VETO
    if a.acled_type and b.acled_type and a.acled_type != b.acled_type:
        return VETO
    if a.first > b.last or b.first > a.last:
        return VETO
    place = places_agree(a, b)
    actors = actors_agree(a, b)
    if place is False or actors is False:
        return VETO
    sim = wording(a, b)
    if place is None and not actors and sim < MIN_WORDING:
        return 0.0
    return (2.0 if place else 0.0) + (1.0 if actors else 0.0) + sim + (0.5 if a.first == b.first else 0.0)


def best_incident(report: Report, incidents: Iterable[tuple[int, list[Report]]]) -> int | None:
    """The incident (id, member reports) the report belongs to, if any: every member must be free
    of contradiction and at least one must agree; the highest-scoring such incident wins."""
    best, best_score = None, 0.0
    for incident_id, members in incidents:
        scores = [compare(report, m) for m in members]
        if not scores or VETO in scores:
            continue
        top = max(scores)
        if top > best_score:
            best, best_score = incident_id, top
    return best


def fatality_summary(figures: Iterable[int | None]) -> tuple[int | None, int | None]:
    """(lowest, highest) of the stated figures: ACLED records the lowest, analysts see the range."""
    known = [f for f in figures if f is not None]
    return (min(known), max(known)) if known else (None, None)
