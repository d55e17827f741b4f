"""Incident linking: the rules on plain records, then incidents as the store keeps them."""

from __future__ import annotations

import datetime as dt

from store_helpers import HASAKAH, PRISON, QAMISHLI, make_event, stored

from rasid.store import Store
from rasid.store.linking import VETO, compare, content_words, fatality_summary, km, report_of

pytest_plugins = ("store_helpers",)  # the db_url fixture: SQLite, and PostgreSQL when RASID_TEST_PG is set

T1 = ("قالت مصادر محلية إن 13 عنصرا من تنظيم داعش قتلوا في اشتباكات مع قوات سوريا الديمقراطية قرب سجن الصناعة "
      "في الحسكة.")
T2 = "أفاد المرصد السوري بمقتل 20 من عناصر داعش خلال اشتباكات مع قسد في الحسكة."
T3 = "اشتباكات عنيفة بين قسد وخلايا داعش في محيط سجن الصناعة."
T4 = "نفت قوات سوريا الديمقراطية مقتل أي من عناصرها في اشتباكات الحسكة."
PUB = dt.date(2022, 1, 24)


def clash(text: str, trigger: str = "اشتباكات", **kw: object) -> dict:
    return make_event(text, text, trigger, **kw).model_dump(mode="json")  # type: ignore[arg-type]


def test_same_day_same_place_shared_actor_is_one_happening() -> None:
    a = report_of(clash(T1, actor1=("قوات سوريا الديمقراطية", "SYR REB"), actor2=("تنظيم داعش", "IMG REB"),
                        place=PRISON, date="2022-01-23"), PUB)
    b = report_of(clash(T2, actor1=("قسد", "SYR REB"), actor2=("داعش", "IMG REB"), place=HASAKAH,
                        date="2022-01-23"), PUB)
    assert a and b and km(PRISON["lat"], PRISON["lon"], HASAKAH["lat"], HASAKAH["lon"]) < 5
    assert compare(a, b) > 2


def test_other_day_far_place_other_type_or_actors_veto() -> None:
    base = {"actor1": ("قسد", "SYR REB"), "actor2": ("داعش", "IMG REB"), "place": HASAKAH, "date": "2022-01-23"}
    a = report_of(clash(T2, **base), PUB)
    assert a
    other_day = report_of(clash(T2, **{**base, "date": "2022-01-22"}), PUB)
    far = report_of(clash(T2, **{**base, "place": {**HASAKAH, "lat": 37.0522, "lon": 41.2317}}), PUB)
    other_type = report_of(clash(T2, **{**base, "acled": ("Explosions/Remote violence", "Air/drone strike")}), PUB)
    other_actors = report_of(clash(T2, **{**base, "actor1": ("المرصد", "TUR MIL"), "actor2": ("عناصر", "RUS MIL")}), PUB)
    for b in (other_day, far, other_type, other_actors):
        assert b and compare(a, b) == VETO


def test_week_precision_overlaps_a_day_in_its_week() -> None:
    a = report_of(clash(T2, place=HASAKAH, date="2022-01-23"), PUB)
    rec = clash(T3, place=PRISON, date="2022-01-21")
    rec["time_precision"] = 2
    week = report_of(rec, PUB)
    assert a and week and week.first <= a.first <= week.last and compare(a, week) > 0


def test_unknown_place_needs_shared_actors_or_wording() -> None:
    located = report_of(clash(T3, place=PRISON), PUB)
    headline = report_of(clash("سجن الصناعة بين “داعش” و “قسد”.. اشتباكات ونزوح في محيط السجن"), PUB)
    unrelated = report_of(clash("اشتباكات بين عشيرتين في ريف دير الزور الشرقي توقع جرحى"), PUB)
    assert located and headline and unrelated
    assert headline.first == PUB  # no date: the publication day
    assert compare(located, headline) > 0
    assert compare(located, unrelated) == 0


def test_content_words_ignore_clitics_articles_and_function_words() -> None:
    words = content_words("وقالت المصادر إن الاشتباكات بين المسلحين والتحالف في الحسكة")
    assert {"اشتباكات", "مسلحين", "تحالف", "حسكه"} <= words
    assert not words & {"بين", "في", "ان", "الاشتباكات"}


def test_fatality_summary_takes_the_lowest_and_keeps_the_range() -> None:
    assert fatality_summary([None, 20, 13]) == (13, 20)
    assert fatality_summary([None]) == (None, None)


def test_store_links_reports_into_incidents_split_per_day(db_url: str) -> None:
    e1 = make_event(T1, T1, "اشتباكات", actor1=("قوات سوريا الديمقراطية", "SYR REB"), actor2=("تنظيم داعش", "IMG REB"),
                    place=PRISON, date="2022-01-23", fatalities=13, certainty="claimed", claimed_by="مصادر محلية")
    e2 = make_event(T2, T2, "اشتباكات", actor1=("قسد", "SYR REB"), actor2=("داعش", "IMG REB"), place=HASAKAH,
                    date="2022-01-23", fatalities=20, claimed_by="المرصد السوري")
    e3 = make_event(T3, T3, "اشتباكات", actor1=("قسد", "SYR REB"), actor2=("داعش", "IMG REB"), place=PRISON,
                    date="2022-01-24")
    e4 = make_event(T4, T4, "اشتباكات", actor1=("قوات سوريا الديمقراطية", "SYR REB"), place=HASAKAH,
                    date="2022-01-23", fatalities=0, certainty="denied")
    t5 = "قتل خمسة مدنيين في اشتباكات بين مسلحين في القامشلي."
    e5 = make_event(t5, t5, "اشتباكات", place=QAMISHLI, date="2022-01-23", fatalities=5)
    with Store(db_url) as store:
        for n, (text, ev) in enumerate(((T1, e1), (T2, e2), (T3, e3), (T4, e4), (t5, e5))):
            store.add(*stored(f"d{n + 1}", text, "2022-01-24", [ev], outlet=f"outlet {n + 1}"))
        incidents = store.incidents()
        by_docs = sorted(sorted(r.source_id for r in i.reports) for i in incidents)
        assert by_docs == [["d1", "d2", "d4"], ["d3"], ["d5"]]
        main = next(i for i in incidents if len(i.reports) == 3)
        assert main.date == dt.date(2022, 1, 23)
        assert (main.fatalities, main.fatalities_range) == (13, [13, 20])  # the denial does not count
        line = main.to_json()
        assert [r["certainty"] for r in line["reports"]] == ["claimed", "asserted", "denied"]
        assert [r["claimed_by"] for r in line["reports"]] == ["مصادر محلية", "المرصد السوري", None]
        assert line["location"]["name"] == "Ghwayran prison"
        before = [(i.id, [r.id for r in i.reports]) for i in incidents]
        assert store.relink() == 3
        assert sorted(len(i.reports) for i in store.incidents()) == sorted(len(r) for _, r in before)
