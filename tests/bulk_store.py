"""A large store made quickly: `n` valid events written straight into the tables (one INSERT per table
for all rows, no extraction, no incident linking), for the dashboard's scale tests.

The events are built on one real Arabic sentence per place, spread over several years, every type
and a handful of actors; some places share their coordinates (a town and its prison), as real ones do.
`expected(n)` gives what the aggregates must count.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from sqlalchemy import insert

from rasid.store import Store
from rasid.store.schema import ActorRow, ClaimRow, DocumentRow, EventRow, PlaceRow

TYPES = ("ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "THREATEN", "AID")
# (Arabic words of the text, gazetteer name, country, admin1, lat, lon): the first two share a point
PLACES = (
    ("الحسكة", "al-Hasakah", "SYR", "Al-Hasakah", 36.5024, 40.7477),
    ("سجن الصناعة", "Ghwayran prison", "SYR", "Al-Hasakah", 36.5024, 40.7477),
    ("القامشلي", "al-Qamishli", "SYR", "Al-Hasakah", 37.0522, 41.2317),
    ("إدلب", "Idlib", "SYR", "Idlib", 35.9306, 36.6339),
    ("درعا", "Daraa", "SYR", "Daraa", 32.6189, 36.1021),
    ("الموصل", "Mosul", "IRQ", "Ninawa", 36.335, 43.1189),
    ("بغداد", "Baghdad", "IRQ", "Baghdad", 33.3406, 44.4009),
    ("تعز", "Taizz", "YEM", "Taizz", 13.5795, 44.0209),
    ("بنغازي", "Benghazi", "LBY", "Banghazi", 32.1167, 20.0667),
    ("الخرطوم", "Khartoum", "SDN", "Khartoum", 15.5518, 32.5324),
)
ACTORS = (
    ("قوات سوريا الديمقراطية", "Syrian Democratic Forces", "SYR REB"),
    ("تنظيم داعش", "Islamic State", "IMG REB"),
    ("الجيش العراقي", "Military Forces of Iraq", "IRQ MIL"),
    ("مدنيين", None, "None CVL"),
)
SENTENCE = "قتل {n} من عناصر {a1} في هجوم شنه {a2} على {place} أمس."
FIRST_DAY = dt.date(2019, 1, 1)
DAYS = 4 * 365  # the events spread over four years
PER_DOCUMENT = 10


def _event(i: int) -> tuple[dict[str, Any], int, int, int, dt.date | None, int | None]:
    """Event `i`: its record, place, actor1 and actor2 indexes, date and fatalities."""
    place, a1, a2 = i % len(PLACES), i % len(ACTORS), (i // 7) % len(ACTORS)
    fatalities = None if i % 5 == 0 else i % 37
    day = None if i % 50 == 0 else FIRST_DAY + dt.timedelta(days=(i * 7919) % DAYS)
    words = {"n": str(fatalities or "عدد"), "a1": ACTORS[a1][0], "a2": ACTORS[a2][0], "place": PLACES[place][0]}
    text = SENTENCE.format(**words)

    def span(part: str, **extra: Any) -> dict[str, Any]:
        start = text.index(part)
        return {"text": part, "start": start, "end": start + len(part), **extra}

    def actor(k: int) -> dict[str, Any]:
        surface, name, code = ACTORS[k]
        country, sector = code.split()
        return span(surface, name=name, code=code, country=None if country == "None" else country,
                    sector=None if sector == "None" else sector)

    p = PLACES[place]
    record = {
        "plover": TYPES[i % len(TYPES)], "plover_mode": None, "acled_event_type": "Battles",
        "acled_sub_event_type": "Armed clash", "cameo": "19", "actor1": actor(a1), "actor1_associates": [],
        "actor2": actor(a2), "location": span(p[0], name=p[1], country=p[2], admin1=p[3], lat=p[4], lon=p[5],
                                                geo_precision=1),
        "date": day.isoformat() if day else None, "time_precision": 1 if day else None, "fatalities": fatalities,
        "injured": None, "arrested": None, "certainty": "asserted", "claimed_by": None,
        "evidence": {"text": text, "start": 0, "end": len(text), "trigger": span("قتل")}, "reports": [],
        "main": True, "date_span": None, "fatalities_span": None, "injured_span": None, "arrested_span": None,
    }
    return record, place, a1, a2, day, fatalities


def fill(url: str, n: int) -> None:
    """Write `n` events (in documents of PER_DOCUMENT) into the store at `url`."""
    store = Store(url)
    now = dt.datetime.now(dt.UTC)
    docs, events, claims = [], [], []
    for i in range(n):
        record, place, a1, a2, day, fatalities = _event(i)
        doc_id = i // PER_DOCUMENT + 1
        if i % PER_DOCUMENT == 0:
            docs.append({"id": doc_id, "source_id": f"bulk-{doc_id}", "url": None, "content_hash": f"{doc_id:064d}",
                         "published": None if day is None else day, "title": None, "outlet": "وكالة الاختبار",
                         "text": record["evidence"]["text"], "warnings": [], "ingested_at": now})
        events.append({"id": i + 1, "document_id": doc_id, "ordinal": i % PER_DOCUMENT, "plover": record["plover"],
                       "acled_event_type": "Battles", "acled_sub_event_type": "Armed clash", "cameo": "19",
                       "actor1_id": a1 + 1, "actor2_id": a2 + 1, "place_id": place + 1, "date": day,
                       "time_precision": record["time_precision"], "fatalities": fatalities, "main": True,
                       "record": record})
        claims.append({"event_id": i + 1, "certainty": "asserted"})
    with store.engine.begin() as conn:
        conn.execute(insert(PlaceRow), [{"id": k + 1, "key": f"bulk|{p[1]}", "name": p[1], "country": p[2],
                                          "admin1": p[3], "lat": p[4], "lon": p[5]} for k, p in enumerate(PLACES)])
        conn.execute(insert(ActorRow), [{"id": k + 1, "key": f"bulk|{a[2]}|{k}", "name": a[1] or a[0], "code": a[2]}
                                        for k, a in enumerate(ACTORS)])
        conn.execute(insert(DocumentRow), docs)
        conn.execute(insert(EventRow), events)
        conn.execute(insert(ClaimRow), claims)
    store.close()


def expected(n: int) -> dict[str, Any]:
    """What the store `fill(url, n)` made holds: totals, per type, per point, undated."""
    types: Counter[str] = Counter()
    points: Counter[tuple[float, float]] = Counter()
    undated = 0
    for i in range(n):
        record, place, *_ = _event(i)
        types[record["plover"]] += 1
        points[PLACES[place][4], PLACES[place][5]] += 1
        undated += record["date"] is None  # and so is its document's publication day (its first event's)
    return {"total": n, "types": dict(types), "points": dict(points), "undated": undated}
