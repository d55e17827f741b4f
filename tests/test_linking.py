"""Incident linking: the rules on plain records, then incidents as the store keeps them."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from store_helpers import HASAKAH, PRISON, QAMISHLI, make_event, stored

from rasid.contract import Event
from rasid.store import Store, linking
from rasid.store.linking import (
    VETO,
    Members,
    Report,
    agreeing_incidents,
    agreement,
    compare,
    content_words,
    fatality_summary,
    km,
    mergeable,
    report_of,
    wording,
)

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


# ---- one happening told by several outlets, dated or not (issue 15) ----------------------------------

HASAKAH_PROVINCE = {"text": "محافظة الحسكة", "name": "Al-Hasakah", "country": "SYR", "admin1": "Al-Hasakah",
                    "lat": 36.6, "lon": 40.9, "geo_precision": 3}
BOMB_A = ("قتل 12 شخصا وأصيب 30 آخرون في تفجير سيارة مفخخة استهدف سوق الخضار وسط مدينة الحسكة صباح الجمعة، "
          "وتبنى تنظيم داعش الهجوم.")
BOMB_B = ("أعلن تنظيم داعش مسؤوليته عن تفجير سيارة مفخخة في سوق الخضار في محافظة الحسكة أوقع 19 قتيلا "
          "وعشرات الجرحى.")
BOMB_LATER = ("قتل 4 أشخاص في تفجير سيارة مفخخة استهدف سوق الخضار وسط مدينة الحسكة، وتبنى تنظيم داعش "
              "الهجوم.")
OTHER_BOMB = "انفجرت عبوة ناسفة بدورية عسكرية على طريق المطار في الحسكة دون وقوع إصابات."


def bombing(text: str, place: dict, date: str | None, fatalities: int | None = None,
            actor: tuple[str, str] | None = ("تنظيم داعش", "IMG REB")) -> Event:
    trigger = "تفجير" if "تفجير" in text else "انفجرت"
    return make_event(text, text, trigger, mode="explosives", acled=("Explosions/Remote violence",
                      "Remote explosive/landmine/IED"), actor1=actor, place=place, date=date, fatalities=fatalities)


def test_undated_report_at_province_precision_joins_the_dated_city_report(db_url: str) -> None:
    """Two outlets, one without any date (no publication date either), one naming the city and the
    other the province: one bombing, whose summary keeps both tolls."""
    with Store(db_url) as store:
        store.add(*stored("outlet-a-17", BOMB_A, "2023-03-10", [bombing(BOMB_A, HASAKAH, "2023-03-10", 12)],
                          outlet="وكالة أ"))
        undated = bombing(BOMB_B, HASAKAH_PROVINCE, None, 19)
        doc, result = stored("outlet-b-report", BOMB_B, "2023-03-10", [undated], outlet="موقع ب")
        store.add(doc.model_copy(update={"published": None}), result.model_copy(update={"published": None}))
        [incident] = store.incidents()
        assert sorted(r.source_id for r in incident.reports) == ["outlet-a-17", "outlet-b-report"]
        assert (incident.fatalities, incident.fatalities_range, incident.fatalities_reported) == (12, [12, 19], [12, 19])
        line = incident.to_json()
        assert sorted(r["fatalities"] for r in line["reports"]) == [12, 19]
        assert {r["document"]["id"] for r in line["reports"]} == {"outlet-a-17", "outlet-b-report"}
        assert incident.date == dt.date(2023, 3, 10)  # the dated report's day


def test_same_type_same_place_a_month_apart_stays_apart(db_url: str) -> None:
    with Store(db_url) as store:
        store.add(*stored("march", BOMB_A, "2023-03-10", [bombing(BOMB_A, HASAKAH, "2023-03-10", 12)]))
        store.add(*stored("april", BOMB_LATER, "2023-04-12", [bombing(BOMB_LATER, HASAKAH, "2023-04-12", 4)]))
        # undated, same type and place, but no identified actor and other words: not enough without a day
        bare = bombing(OTHER_BOMB, HASAKAH, None, actor=None)
        doc, result = stored("undated-other", OTHER_BOMB, "2023-03-10", [bare])
        store.add(doc.model_copy(update={"published": None}), result.model_copy(update={"published": None}))
        groups = sorted(sorted(r.source_id for r in i.reports) for i in store.incidents())
        assert groups == [["april"], ["march"], ["undated-other"]]


def test_undated_reports_need_two_signs_besides_agreeing_places() -> None:
    dated = report_of(bombing(BOMB_A, HASAKAH, "2023-03-10").model_dump(mode="json"), None)
    province = report_of(bombing(BOMB_B, HASAKAH_PROVINCE, None).model_dump(mode="json"), None)
    no_actor = report_of(bombing(BOMB_B, HASAKAH_PROVINCE, None, actor=None).model_dump(mode="json"), None)
    far_text = BOMB_B.replace("محافظة الحسكة", "القامشلي")
    far = report_of(bombing(far_text, QAMISHLI, None).model_dump(mode="json"), None)
    assert province.first is None and dated.first == dt.date(2023, 3, 10)
    assert compare(dated, province) > 0  # precise place (the city inside the province) and the actor
    assert compare(dated, far) == VETO  # 80 km apart, both towns
    # without the actor, the words must agree as well: 'car bomb in the vegetable market' does,
    # 'a roadside bomb hit a patrol' at the same place does not
    other = report_of(bombing(OTHER_BOMB, HASAKAH, None, actor=None).model_dump(mode="json"), None)
    assert wording(dated, no_actor) >= 0.4 and compare(dated, no_actor) > 0
    assert wording(dated, other) < 0.4 and compare(dated, other) == 0.0


def test_kindred_modes_and_a_target_given_acled_type_do_not_split_a_happening() -> None:
    base = {"actor1": ("داعش", "IMG REB"), "place": HASAKAH, "date": "2023-03-10"}
    suicide = report_of(clash(BOMB_A, "تفجير", mode="suicide-attack", acled=("Explosions/Remote violence",
                                                                            "Suicide bomb"), **base), PUB)
    shooting_at_civilians = report_of(clash(BOMB_A, "تفجير", mode="firearms", acled=("Violence against civilians",
                                                                                  "Attack"), **base), PUB)
    bomb = report_of(clash(BOMB_A, "تفجير", mode="explosives", acled=("Explosions/Remote violence",
                                                                     "Remote explosive/landmine/IED"), **base), PUB)
    unstated = report_of(clash(BOMB_A, "تفجير", acled=("Violence against civilians", "Attack"), **base), PUB)
    abduction = report_of(clash(BOMB_A, "تفجير", mode="abduct", acled=("Violence against civilians",
                                                                      "Abduction/forced disappearance"), **base), PUB)
    clash_ = report_of(clash(BOMB_A, "تفجير", acled=("Battles", "Armed clash"), **base), PUB)
    assert compare(suicide, bomb) > 0 and compare(bomb, unstated) > 0
    assert compare(bomb, shooting_at_civilians) == VETO  # explosives and firearms: two ways, two happenings
    assert compare(clash_, abduction) == VETO  # the abduction is civilians' by what was done, not by whom


def test_incidents_dev_scores_without_a_docmap(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The cross-outlet reports of ../shared: `rasid events` names each report, and the scorer runs on it."""
    import subprocess
    import sys
    from pathlib import Path

    from conftest import SHARED

    data, scorer = SHARED / "data" / "incidents-dev.jsonl", SHARED / "tools" / "incidents_score.py"
    if not data.exists() or not scorer.exists():
        pytest.skip("../shared/data/incidents-dev.jsonl not available")
    from rasid.cli import main

    db, out = tmp_path / "inc.db", tmp_path / "events.jsonl"
    assert main(["ingest", str(data), "--db", str(db)]) == 0
    assert main(["events", "--db", str(db), "--output", str(out)]) == 0
    ids = {json.loads(line)["id"] for line in data.read_text(encoding="utf-8").splitlines() if line.strip()}
    named = {json.loads(line)["document"]["id"] for line in out.read_text(encoding="utf-8").splitlines()}
    assert named <= ids and len(named) > 30
    score = subprocess.run([sys.executable, str(scorer), str(data), str(out)], capture_output=True, text=True,
                           check=True).stdout
    p, _, f = (float(x) for x in re.search(r"precision (\S+) recall (\S+) F1 (\S+)", score).groups())  # type: ignore[union-attr]
    assert p >= 0.95 and f >= 0.8, score
    assert Path(out).stat().st_size > 0


def complete_link(report: Report, incidents: list[tuple[int, list[Report]]]) -> list[int]:
    """The reference: the report compared with every member of every incident."""
    scored = []
    for incident_id, members in incidents:
        scores = [compare(report, m) for m in members]
        if scores and VETO not in scores and max(scores) > 0:
            scored.append((-max(scores), incident_id))
    return [incident_id for _, incident_id in sorted(scored)]


def strike_reports(n: int) -> list[Report]:
    """`n` reports of one clash told alike but for a figure each (so no two share their wording)."""
    base = {"actor1": ("قسد", "SYR REB"), "actor2": ("داعش", "IMG REB"), "place": HASAKAH, "date": "2022-01-23"}
    return [report_of(clash(T2.replace("20", str(100 + k)), **base), PUB) for k in range(n)]


def test_a_report_joining_a_big_incident_is_compared_once_per_distinct_facts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Complete-link without its cost: members that only differ in wording veto and agree alike, so
    a new report is compared with one of them, not with all 300 (the old cost grew with the incident)."""
    reports = strike_reports(300)
    members = Members(reports)
    assert members.size == 300 and len(members.groups) == 1 and len({r.words for r in reports}) == 300
    calls = []

    def counted(a: Report, b: Report) -> object:
        calls.append(b)
        return agreement(a, b)

    new = strike_reports(1)[0]
    other_day = report_of(clash(T2, actor1=("قسد", "SYR REB"), place=HASAKAH, date="2022-01-22"), PUB)
    headline = report_of(clash("مقتل عناصر من داعش في اشتباكات مع قسد", date="2022-01-23"), PUB)  # only words agree
    cases = [(r, complete_link(r, [(7, reports)])) for r in (new, other_day, headline)]
    assert [joins for _, joins in cases] == [[7], [], [7]]
    monkeypatch.setattr(linking, "agreement", counted)
    for report, joins in cases:
        calls.clear()
        assert agreeing_incidents(report, [(7, members)]) == joins
        assert len(calls) == 1
    calls.clear()
    assert mergeable(members, Members(strike_reports(50))) and len(calls) == 1  # not 300 x 50


def test_grouped_linking_decides_as_comparing_every_member() -> None:
    """The grouped incidents give the same incidents, in the same order, as the member-by-member
    reference, over reports that agree, veto or need their wording to decide."""
    places = (HASAKAH, PRISON, QAMISHLI, None)
    texts = (T1, T2, T3, "اشتباكات بين داعش وقسد في الحسكة", "اشتباكات بين عشيرتين في ريف دير الزور الشرقي توقع جرحى")
    actors = ((("قسد", "SYR REB"), ("داعش", "IMG REB")), (None, None))
    pool = []
    for i, text in enumerate(texts):
        for place in places:
            if place and place["text"] not in text:
                continue
            for a1, a2 in actors:
                if a1 and not (a1[0] in text and a2[0] in text):
                    continue
                for date in ("2022-01-23", None):
                    pool.append(report_of(clash(text, actor1=a1, actor2=a2, place=place, date=date), PUB if i % 2 else None))
    assert len(pool) > 20
    incidents = [(k, pool[k::5]) for k in range(5)] + [(9, pool[:3]), (11, pool[2:4])]
    decided = [agreeing_incidents(r, [(k, Members(ms)) for k, ms in incidents]) for r in pool]
    assert decided == [complete_link(r, incidents) for r in pool]
    assert any(decided) and any(not d for d in decided) and any(len(d) > 1 for d in decided)
