"""Shared pieces of the store, link and export tests: a database per backend, events built on real
Arabic sentences with exact offsets, and a corpus generator for the batch tests.

PostgreSQL tests run when RASID_TEST_PG holds a URL (`.ci/run` starts a server and sets it) and skip
otherwise; each test gets an empty schema.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from typing import Any

import pytest

from rasid.contract import Actor, Document, DocumentResult, Event, Evidence, Location, Span

PG_URL = os.environ.get("RASID_TEST_PG")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(not PG_URL, reason="RASID_TEST_PG not set"))]


def reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    from rasid.store import normalise_url

    engine = create_engine(normalise_url(url))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Any) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'rasid.db'}"
    assert PG_URL
    reset_postgres(PG_URL)
    return PG_URL


def span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def make_event(text: str, sentence: str, trigger: str, plover: str = "ASSAULT", *, mode: str | None = None,
               acled: tuple[str, str] | None = ("Battles", "Armed clash"), actor1: tuple[str, str] | None = None,
               actor2: tuple[str, str] | None = None, place: dict[str, Any] | None = None, date: str | None = None,
               fatalities: int | None = None, certainty: str = "asserted", claimed_by: str | None = None) -> Event:
    """A contract event whose spans point at the given words of `text`."""
    s0, s1 = span(text, sentence)
    t0, t1 = span(text, trigger, s0)

    def actor(spec: tuple[str, str] | None) -> Actor | None:
        if not spec:
            return None
        a0, a1 = span(text, spec[0], s0)
        country, sector = spec[1].split()
        return Actor(text=spec[0], start=a0, end=a1, name=spec[0], code=spec[1],
                     country=None if country == "None" else country, sector=None if sector == "None" else sector)

    loc = None
    if place:
        p0, p1 = span(text, place["text"], s0)
        loc = Location(start=p0, end=p1, **place)
    claim = None
    if claimed_by:
        c0, c1 = span(text, claimed_by, s0)
        claim = Span(text=claimed_by, start=c0, end=c1)
    return Event(plover=plover, plover_mode=mode, acled_event_type=acled[0] if acled else None,
                 acled_sub_event_type=acled[1] if acled else None, actor1=actor(actor1), actor2=actor(actor2),
                 location=loc, date=date, time_precision=1 if date else None, fatalities=fatalities,
                 certainty=certainty, claimed_by=claim, main=True,
                 evidence=Evidence(text=sentence, start=s0, end=s1, trigger=Span(text=trigger, start=t0, end=t1)))


def stored(doc_id: str, text: str, published: str, events: list[Event], outlet: str | None = None,
           url: str | None = None) -> tuple[Document, DocumentResult]:
    doc = Document(id=doc_id, text=text, published=published, outlet=outlet, url=url)
    return doc, DocumentResult(id=doc_id, published=published, events=events, outlet=outlet, url=url)


HASAKAH = {"text": "الحسكة", "name": "al-Hasakah", "country": "SYR", "admin1": "Al-Hasakah", "lat": 36.5024,
           "lon": 40.7477, "geo_precision": 1}
PRISON = {"text": "سجن الصناعة", "name": "Ghwayran prison", "country": "SYR", "admin1": "Al-Hasakah", "lat": 36.4747,
          "lon": 40.7264, "geo_precision": 1}
QAMISHLI = {"text": "القامشلي", "name": "al-Qamishli", "country": "SYR", "admin1": "Al-Hasakah", "lat": 37.0522,
            "lon": 41.2317, "geo_precision": 1}

_TEMPLATES = (
    "قتل {n} أشخاص وأصيب {m} آخرون في قصف استهدف بلدة {place} يوم {day}.",
    "اعتقلت قوات الأمن {n} متظاهرين خلال احتجاجات في مدينة {place} صباح {day}.",
    "تظاهر مئات من أهالي {place} يوم {day} للمطالبة بالإفراج عن {n} معتقلين.",
    "استهدفت طائرة مسيرة سيارة في {place} يوم {day} ما أدى إلى مقتل {n} مسلحين وإصابة {m} آخرين.",
)
_PLACES = ("الحسكة", "القامشلي", "دير الزور", "الرقة", "إدلب", "حلب", "درعا", "الموصل", "كركوك", "تعز")
_DAYS = ("الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت")


def corpus(n: int) -> Iterator[dict[str, str]]:
    """`n` distinct short news documents (JSONL objects) built from real news phrasing."""
    combos = itertools.product(range(2, 40), _PLACES, _DAYS, _TEMPLATES)
    for i, (k, place, day, template) in zip(range(n), combos):
        yield {"id": f"gen-{i}", "published": f"2023-03-{1 + i % 28:02d}",
               "text": template.format(n=k, m=k + 3, place=place, day=day)}
