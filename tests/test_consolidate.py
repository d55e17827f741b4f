"""Consolidation (pipeline/consolidate.py): one event per happening across an article (guideline rule 2).

The articles are written for these tests. They run on the rules' mentions (no gate), so that what
they test is the grouping: the gate may refuse a re-mention that says nothing of its own."""

from __future__ import annotations

import pytest

import rasid
from rasid.contract import Actor, Location
from rasid.pipeline.analysis import Mention
from rasid.pipeline.consolidate import specificity
from rasid.text import Sentence

PUBLISHED = "2024-03-01"
pytestmark = pytest.mark.usefixtures("rules_decide")  # (conftest.py)


def assaults(text: str) -> list[rasid.Event]:
    return [e for e in rasid.extract(text, PUBLISHED).events if e.plover == "ASSAULT"]


def test_one_strike_reported_three_times_is_one_event_with_its_reports() -> None:
    text = ("قتل سبعة مدنيين بينهم ثلاثة أطفال في غارة جوية على بلدة سراقب في ريف إدلب اليوم الجمعة.\n"
            "وقال مصدر طبي إن الغارة استهدفت منزلا في وسط البلدة.\n"
            "وأضاف المصدر أن القصف أحدث دمارا كبيرا في الحي.")
    events = assaults(text)
    assert len(events) == 1
    event = events[0]
    assert "سبعة مدنيين" in event.evidence.text  # the report that names the place and the toll
    assert event.fatalities == 7
    assert [r.text for r in event.reports] == ["وقال مصدر طبي إن الغارة استهدفت منزلا في وسط البلدة.",
                                               "وأضاف المصدر أن القصف أحدث دمارا كبيرا في الحي."]
    assert all(text[r.start:r.end] == r.text for r in event.reports)


def test_strikes_on_two_towns_stay_two_events() -> None:
    text = ("قتل سبعة مدنيين في غارة جوية على بلدة سراقب في ريف إدلب اليوم الجمعة.\n"
            "كما استهدفت غارة جوية بلدة أريحا في ريف إدلب.")
    towns = sorted(e.location.name for e in assaults(text) if e.location is not None)
    assert len(towns) == 2 and towns[0] != towns[1]


def test_two_tolls_stay_two_events() -> None:
    text = ("قتل خمسة جنود في هجوم على حاجز للجيش قرب مدينة الموصل اليوم.\n"
            "وقتل ثلاثة جنود آخرون في هجوم على حاجز ثان قرب المدينة.")
    assert sorted(e.fatalities for e in assaults(text)) == [3, 5]


def test_a_toll_told_again_with_another_figure_is_the_same_attack() -> None:
    text = ("قتل عشرة جنود في هجوم شنه مسلحون على ثكنة للجيش في مدينة جاو صباح اليوم.\n"
            "وقالت مصادر أمنية إن حصيلة الهجوم بلغت عشرين قتيلا.")
    events = assaults(text)
    assert len(events) == 1
    assert "عشرة جنود" in events[0].evidence.text


def test_one_suicide_bombing_counted_twice_is_one_event() -> None:
    """The same weapon at one place and day with two tolls, each counted by its own source."""
    text = ("قتل ثمانية أشخاص في تفجير انتحاري استهدف سوقا شعبية في مدينة كركوك صباح اليوم.\n"
            "وذكرت وكالة رويترز أن مهاجما انتحاريا فجر حزاما ناسفا في سوق كركوك فقتل ثلاثة أشخاص وأصاب 16.")
    events = assaults(text)
    assert len(events) == 1 and len(events[0].reports) == 1


def test_a_denial_stays_apart_from_the_attack() -> None:
    text = ("قصفت طائرات حربية مستشفى في مدينة إدلب اليوم وقتلت خمسة أشخاص.\n"
            "ونفى الجيش أن تكون طائراته قصفت المستشفى.")
    assert sorted(e.certainty for e in assaults(text)) == ["asserted", "denied"]


def test_an_abduction_during_an_attack_is_its_own_event() -> None:
    text = ("قتل أربعة حراس في هجوم على سجن في مدينة الحسكة فجر اليوم.\n"
            "وقال مصدر إن المسلحين اختطفوا عددا من موظفي السجن.")
    assert sorted(e.plover_mode or "-" for e in assaults(text)) == ["-", "abduct"]


def test_destruction_beside_an_attack_is_its_damage() -> None:
    """One sentence: the clashes killed 31 and destroyed 16 shops. One event, not an attack on shops too."""
    from rasid import extract
    events = extract("وأسفرت الاشتباكات عن مقتل 31 شخصا، وإصابة 39 آخرين، إضافة إلى تدمير 16 متجرا في مدينة "
                     "الدمازين.", "2022-07-18").events
    assert [(e.plover, e.fatalities) for e in events] == [("ASSAULT", 31)]
    # the damage named beside the town's province is still the attack's ('الباب شمال حلب'), and
    # names no weapon of it
    bombing = extract("فجر انتحاري نفسه داخل سوق شعبي في بلدة الباب شمال حلب، ما أسفر عن مقتل 8 مدنيين وتدمير "
                      "عدد من المحال التجارية.", "2022-07-18").events
    assert [(e.plover, e.plover_mode, e.fatalities) for e in bombing] == [("ASSAULT", "suicide-attack", 8)]
    # destruction reported on its own is an event
    alone = extract("ودمرت طائرات حربية ثلاثة منازل في بلدة كفرنبل.", "2022-07-18").events
    assert [e.plover for e in alone] == ["ASSAULT"]


def test_soldiers_and_security_forces_of_one_state_are_one_side() -> None:
    from rasid import extract
    text = ("قتل عشرة من أفراد القوات الأمنية العراقية في هجوم شنه مسلحو تنظيم داعش على حاجز في قضاء الرطبة.\n"
            "وأوضح محافظ الأنبار أن عشرة جنود عراقيين قتلوا في الهجوم على الحاجز في الرطبة.")
    events = [e for e in extract(text, "2017-04-10").events if e.plover == "ASSAULT"]
    assert len(events) == 1 and events[0].fatalities == 10


def _report(index: int, definite: bool, fatalities: int | None, target: bool = False,
            injured: int | None = None) -> Mention:
    """A main report of an attack in sentence `index`, with its own place and date."""
    m = Mention(Sentence(index * 100, index * 100 + 90, index), index * 100 + 5, index * 100 + 10, "ASSAULT",
                None, "N" if definite else "V", definite=definite)
    m.main = True
    m.location = Location(text="القصرين", start=0, end=7, name="Kasserine", country="TUN", geo_precision=1)
    m.time_precision = 1
    m.fatalities = fatalities
    m.injured = injured
    if target:
        m.actor2 = Actor(text="دورية للجيش", start=0, end=11, name="Military (Tunisia)", country="TUN", sector="MIL")
    return m


def test_a_definite_noun_recalling_the_event_does_not_become_its_evidence() -> None:
    """'ووقع الانفجار الذي استهدف دورية للجيش' refers back to the sentence that told the blast first:
    naming the target besides does not make it the event's evidence (guideline rule 13); giving the toll the first did not
    ('وأسفر الانفجار عن مقتل جنديين وإصابة خمسة') makes it the more specific report."""
    first = _report(0, definite=False, fatalities=None)
    assert max([first, _report(1, definite=True, fatalities=None, target=True)], key=specificity) is first
    with_toll = _report(1, definite=True, fatalities=2, injured=5)
    assert max([first, with_toll], key=specificity) is with_toll


def test_the_statement_that_names_the_forest_is_the_evidence_not_the_leads_toll() -> None:
    """The lead gives the toll; the ministry's statement tells it again with the forest and the
    hour: the statement is the event's evidence (guideline rule 13), its source and place the
    event's."""
    text = ("قتل الجيش الجزائري يوم الأحد إرهابيين اثنين في ولاية تيبازة غرب العاصمة.\n"
            "وقالت وزارة الدفاع في بيان إن مفرزة للجيش قتلت الإرهابيين صباح الأحد بغابة تاغزوت في ولاية تيبازة.")
    events = assaults(text)
    assert len(events) == 1
    assert events[0].evidence.text.startswith("وقالت وزارة الدفاع")
    assert events[0].fatalities == 2  # the lead's toll, carried
    assert [r.text for r in events[0].reports] == [text.split("\n")[0]]


def test_a_toll_for_the_province_of_a_list_of_towns_sums_them_up() -> None:
    """Guideline rules 3 and 9: the strikes on two named towns are two events; the province's
    total is a tally over them, no third event, and its figure belongs to none."""
    text = ("وأسفر القصف على محافظة إدلب عن مقتل 31 مدنيا وإصابة 39 آخرين.\n"
            "وقصفت الطائرات الحربية مدينتي سراقب وأريحا.")
    events = assaults(text)
    assert len(events) == 2
    assert all(e.location is not None and e.location.geo_precision == 1 for e in events)
    assert all(e.fatalities is None for e in events)
    assert any("31" in r.text for e in events for r in e.reports)


def test_a_province_event_beside_one_town_of_it_stays() -> None:
    text = ("قتل خمسة أشخاص في قصف على محافظة إدلب اليوم.\n"
            "وقتل ثلاثة آخرون في غارة على مدينة سراقب.")
    assert sorted(e.fatalities for e in assaults(text)) == [3, 5]


def test_the_same_dead_and_wounded_in_a_district_the_gazetteer_lacks_are_one_event() -> None:
    text = ("قتل مدنيان وجرح عشرون آخرون اليوم في قصف مدفعي على مدينة تعز.\n"
            "وأغلقت المحلات التجارية أبوابها.\n"
            "وقال مصدر طبي إن قصفا مدفعيا على حي المسبح أسفر اليوم عن مقتل اثنين وإصابة 20 آخرين.")
    events = assaults(text)
    assert len(events) == 1 and (events[0].fatalities, events[0].injured) == (2, 20)


def test_the_same_toll_in_two_provinces_is_two_events() -> None:
    text = ("قتل مدنيان وجرح عشرون آخرون اليوم في قصف مدفعي على مدينة تعز.\n"
            "كما قتل مدنيان وجرح عشرون آخرون في قصف مدفعي على مدينة الحديدة.")
    assert len(assaults(text)) == 2


def test_the_weapons_of_one_attack_named_by_two_words_are_one_event() -> None:
    text = "قتل جندي في مدينة جنين اليوم حين ألقى مسلحون عبوة ناسفة على الجنود وأطلقوا النار عليهم."
    events = assaults(text)
    assert len(events) == 1 and events[0].fatalities == 1


def test_gunfire_and_a_blast_of_one_attack_told_in_two_sentences_are_one_event() -> None:
    """Guideline 2: a follow-up blast or exchange of fire at the same place, day and actors folds
    into the main event."""
    text = ("هاجم مسلحون حاجزا للجيش في مدينة الرمادي فجر اليوم وأطلقوا النار على الجنود.\n"
            "وأضاف المصدر أن المسلحين فجروا عبوة ناسفة عند الحاجز في مدينة الرمادي ما أدى إلى مقتل جنديين.")
    events = assaults(text)
    assert len(events) == 1 and events[0].fatalities == 2


def test_the_destruction_an_attack_wrought_told_in_another_sentence_is_that_attack() -> None:
    """The village the gunmen burnt is the attack that killed its people (guideline 2), not a second
    attack on property."""
    text = ("قتل مسلحون 40 شخصا في هجوم على قرية في ولاية بورنو بشمال نيجيريا أمس.\n"
            "ووصل المسلحون على دراجات نارية وأطلقوا النار على السكان ودمروا القرية.")
    events = assaults(text)
    assert len(events) == 1 and events[0].fatalities == 40


def test_that_attack_named_again_with_another_place_is_the_attack_told_before() -> None:
    """'ذلك الهجوم' points back to the attack told before; the front its sentence names is the place
    of other fighting, not a second attack."""
    text = ("قتل ثلاثة جنود في هجوم صاروخي على معسكر للجيش في مدينة مأرب مساء السبت.\n"
            "وقال الجيش إن ذلك الهجوم جاء ردا على هزائم المسلحين في جبهة نهم شرقي صنعاء.\n"
            "ولم تعلن أي جهة مسؤوليتها عن ذلك الهجوم الذي استهدف المعسكر.")
    events = assaults(text)
    assert len(events) == 1
    assert events[0].location is not None and events[0].location.name == "Ma'rib"
    assert events[0].fatalities == 3
    assert any("ذلك الهجوم جاء ردا" in r.text for r in events[0].reports)


def test_an_attack_in_another_town_told_without_a_demonstrative_stays_its_own_event() -> None:
    text = ("قتل ثلاثة جنود في هجوم صاروخي على معسكر للجيش في مدينة مأرب مساء السبت.\n"
            "وقال الجيش إن الهجوم جاء بعد ساعات من هجوم استهدف حاجزا للشرطة في مدينة عدن وقتل شرطيين.")
    places = sorted(e.location.name for e in assaults(text) if e.location is not None)
    assert len(places) == 2 and places[0] != places[1]


def test_the_blast_placed_again_in_a_district_the_gazetteer_lacks_is_the_blast_told_before() -> None:
    """'الانفجار' (the blast) refers back: the district it names is a finer place of the same scene."""
    text = ("انفجرت سيارة مفخخة في العاصمة الصومالية مقديشو صباح اليوم ما أدى إلى مقتل خمسة أشخاص.\n"
            "وقال ضابط في الشرطة إن الانفجار وقع في حي هودان قرب سوق مزدحم.\n"
            "ولم تعلن أي جهة مسؤوليتها.")
    events = assaults(text)
    assert len(events) == 1
    assert events[0].fatalities == 5
    assert [r.text for r in events[0].reports] == ["وقال ضابط في الشرطة إن الانفجار وقع في حي هودان قرب سوق مزدحم."]


def test_the_attack_named_again_is_the_nearest_attack_told_before() -> None:
    text = ("قتل ثلاثة جنود في هجوم شنه مسلحون على نقطة تفتيش في مدينة الرمادي اليوم.\n"
            "وفي الفلوجة، قتل شرطي في هجوم مسلح على دورية اليوم.\n"
            "وقال مسؤول محلي إن الهجوم وقع في منطقة الحصي.")
    events = {e.location.name: e for e in assaults(text) if e.location is not None}
    assert sorted(events) == ["Al Fallūjah", "Ramadi"]
    assert [r.text for r in events["Al Fallūjah"].reports] == ["وقال مسؤول محلي إن الهجوم وقع في منطقة الحصي."]
    assert events["Ramadi"].reports == []


def test_a_protest_and_its_clashes_with_the_states_police_later_are_one_protest() -> None:
    """The state a protest is against ('IRQ') and the security forces that clash with it later
    ('قوات الأمن العراقية', 'IRQ COP') are one side of one protest."""
    text = ("تظاهر عراقيون بأعداد حاشدة في مدينة الناصرية اليوم الجمعة احتجاجا على تردي الخدمات.\n"
            "وقال ناشطون إن المشاركين في الاحتجاجات رددوا هتافات ضد الحكومة.\n"
            "وتخللت التظاهرات الحاشدة اليوم مناوشات بين المحتجين وقوات الأمن العراقية التي استخدمت القنابل الصوتية.")
    protests = [e for e in rasid.extract(text, PUBLISHED).events if e.plover == "PROTEST"]
    assert len(protests) == 1
    assert protests[0].acled_sub_event_type in ("Protest with intervention", "Violent demonstration")


def test_a_raid_that_made_an_arrest_is_that_arrest() -> None:
    """'اعتقلت قوات الاحتلال مواطنين عقب مداهمة منزليهما': the raid is how the arrest was made, one
    event (guideline 6 codes the arrest)."""
    text = "وفي محافظة نابلس، اعتقلت قوات الاحتلال مواطنين فلسطينيين عقب مداهمة منزليهما فجر اليوم."
    coerce = [e for e in rasid.extract(text, PUBLISHED).events if e.plover == "COERCE"]
    assert [e.plover_mode for e in coerce] == ["arrest"]


def test_two_weekdays_of_an_undated_article_are_two_days() -> None:
    """No publication date resolves 'الخميس' or 'الإثنين الماضي', but they name two days: two
    attacks on one city, not one."""
    text = ("سقط صاروخ باليستي مساء الخميس أطلقه الحوثيون على حي سكني بمدينة مأرب.\n"
            "وقال مصدر طبي إن الصاروخ أصاب منزلين في الحي.\n"
            "والإثنين الماضي قتل 12 مدنيا في قصف صاروخي للحوثيين على مسجد في مدينة مأرب.")
    assert len(rasid.extract(text, None).events) == 2
    # named alike, or not at all, they may be one
    same = ("سقط صاروخ باليستي مساء الخميس على حي سكني بمدينة مأرب.\n"
            "وقال مصدر طبي إن صاروخا سقط مساء الخميس على منزلين في مدينة مأرب.")
    assert len(rasid.extract(same, None).events) == 1


def test_a_raid_that_ended_in_a_firefight_is_that_fight() -> None:
    """'أسفرت عملية مداهمة الوكر عن مقتل ضابط وثلاثة مسلحين': the raid is how the fight came about,
    one event (guideline 4: an operation killing militants is an armed clash)."""
    text = "أسفرت عملية مداهمة الوكر الإرهابي التي قامت بها قوات الأمن اليوم بمنطقة الأميرية بالقاهرة عن مقتل ضابط وثلاثة مسلحين."
    found = rasid.extract(text, PUBLISHED).events
    assert [e.plover for e in found if e.plover in ("ASSAULT", "COERCE")] == ["ASSAULT"]


def test_arrests_told_over_several_cities_are_the_sum_of_each_citys_arrests() -> None:
    """The lead's 34 arrests 'في عدة مدن' are the three cities' arrests together, not a fourth event
    placed in the first city the article names (guideline 9)."""
    text = ("اعتقلت السلطات المغربية 34 شخصا في عدة مدن خلال احتجاجات أمس.\n"
            "وأوضح مصدر أمني أن قوات الأمن اعتقلت 10 أشخاص في مدينة طنجة.\n"
            "كما اعتقلت 12 شخصا في مدينة تطوان.\n"
            "واعتقلت 12 آخرين في مدينة الحسيمة.")
    arrests = [e for e in rasid.extract(text, PUBLISHED).events if e.plover == "COERCE"]
    assert sorted(e.arrested or 0 for e in arrests) == [10, 12, 12]


def test_force_on_the_protesters_is_the_protests_intervention() -> None:
    """'واستهدفت القنابل المتظاهرين': guideline 5 codes the force used on a protest as that protest
    with intervention, not an attack of its own."""
    text = ("تظاهر الآلاف في مدينة أم درمان اليوم للمطالبة بمحاسبة المسؤولين.\n"
            "واستهدفت القنابل المتظاهرين في وسط المدينة، فيما ردد آخرون الهتافات.")
    found = [(e.plover, e.acled_sub_event_type) for e in rasid.extract(text, PUBLISHED).events]
    assert found == [("PROTEST", "Protest with intervention")]


@pytest.mark.parametrize("text", [
    "قتل متظاهران برصاص قوات الأمن في مدينة الناصرية اليوم.",
    "وقال مصدر طبي إن متظاهرين اثنين قتلا اليوم برصاص قوات الأمن في مدينة الناصرية.",
])
def test_protesters_killed_by_the_police_are_a_protest_met_by_excessive_force(text: str) -> None:
    """No sentence reports the protest, but its dead are protesters killed by a force of the state:
    ACLED codes the protest (guideline 5: actor2 the force; lethal force, excessive force)."""
    [event] = rasid.extract(text, PUBLISHED).events
    assert (event.plover, event.acled_sub_event_type, event.fatalities) == (
        "PROTEST", "Excessive force against protesters", 2)
    assert event.actor2 is not None and event.actor2.sector == "COP"


@pytest.mark.parametrize("text", [
    "قتل شخصان، نتيجة تصدي عناصر من الشرطة الإيرانية لمظاهرات تشهدها مدينة زاهدان اليوم.",
    "فتحت قوات الأمن النار على متظاهرين في مدينة مريفان اليوم ما أدى إلى مقتل شخصين.",
])
def test_the_dead_of_force_on_a_protest_are_that_protest(text: str) -> None:
    """The toll of force used on a protest, which the sentence names only as where it fell ('لمظاهرات',
    'النار على متظاهرين'): guideline 5 codes the protest, met by excessive force, not an attack."""
    events = rasid.extract(text, PUBLISHED).events
    assert [(e.plover, e.acled_sub_event_type, e.fatalities) for e in events] == [
        ("PROTEST", "Excessive force against protesters", 2)]


def test_an_attack_beside_protests_elsewhere_stays_the_attack() -> None:
    """'فيما تتواصل الاحتجاجات في القاهرة': the protests are not the scene of the soldiers' killing."""
    text = "قتل خمسة جنود في هجوم مسلح على حاجز في مدينة العريش اليوم، فيما تتواصل الاحتجاجات في القاهرة."
    assert "ASSAULT" in [e.plover for e in rasid.extract(text, PUBLISHED).events]


def test_a_lead_that_leaves_the_village_unnamed_is_the_attack_the_body_places_there() -> None:
    """'على قرية في شمال شرق نيجيريا' in the lead, 'بلدة غوزا في ولاية بورنو' in the body: one attack,
    told by the sentence that names the village; an attack on another country's village stays apart."""
    text = ("قتل عشرة أشخاص أمس في هجوم شنه مسلحون من جماعة بوكو حرام على قرية في شمال شرق نيجيريا، بحسب شهود عيان.\n"
            "وأوضح الشهود أن المسلحين هاجموا أمس بلدة غوزا في ولاية بورنو وقتلوا عشرة من سكانها.\n"
            "وفر مئات السكان إلى مدينة مايدوغوري عاصمة الولاية.\n")
    [event] = assaults(text)
    assert event.location is not None and event.location.text == "غوزا" and len(event.reports) == 1
    elsewhere = text.replace("بلدة غوزا في ولاية بورنو", "بلدة ديفا في النيجر")
    assert len(assaults(elsewhere)) == 2
    # a region named ('قرية بمنطقة موبتي') and a village the gazetteer lacks
    mali = ("قال مصدران محليان إن مسلحين قتلوا 21 مدنيا في هجوم على قرية بمنطقة موبتي وسط مالي أمس.\n"
            "وأضاف المصدران أن مسلحين مجهولين استهدفوا قرية يارو بالقرب من بلدة باندياجارا.\n"
            "ولم تعلن أي جهة مسؤوليتها عن الهجوم.\n")
    [event] = assaults(mali)
    assert event.location is not None and event.location.text == "يارو" and event.fatalities == 21


def test_a_lead_placed_by_its_country_is_the_one_attack_the_body_places_there() -> None:
    """'في جنوب لبنان' in the lead, the village in the body, the same three dead: one strike, told by
    the sentence that names the village. Another toll keeps the lead apart: it may tell another
    strike."""
    text = ("قتل ثلاثة أشخاص اليوم في غارة جوية إسرائيلية استهدفت سيارة في جنوب لبنان.\n"
            "وأفادت الوكالة الوطنية للإعلام أن الغارة الإسرائيلية استهدفت سيارة في بلدة مركبا وقتلت ثلاثة أشخاص.\n")
    [event] = assaults(text)
    assert event.location is not None and event.location.text == "مركبا" and event.fatalities == 3
    assert len(assaults(text.replace("وقتلت ثلاثة أشخاص", "وقتلت شخصين"))) == 2


def test_an_anaphor_that_places_the_attack_more_finely_tells_it() -> None:
    """'ان الهجوم ... وقع قرب مدينة تمبكتو' after a lead placed in the north of Mali with two figures:
    one attack, and its evidence is the sentence that names the town (guideline 13)."""
    text = ("قتل خمسة جنود من قوات حفظ السلام واصيب ستة آخرون بجروح خطيرة في هجوم على قافلة شمالي مالي اليوم.\n"
            "واكدت الناطقة بلسان قوات حفظ السلام ان الهجوم الذي نفذه مسلحون على القافلة وقع قرب مدينة تمبكتو.")
    [event] = assaults(text)
    assert event.location is not None and event.location.name == "Timbuktu"
    assert "تمبكتو" in event.evidence.text and (event.fatalities, event.injured) == (5, 6)


def test_protesters_who_killed_stay_the_attack() -> None:
    """'قتل المتظاهرون شرطيا': no force of the state struck them, so nothing makes it their protest."""
    [event] = rasid.extract("قتل المتظاهرون شرطيا في مدينة الناصرية اليوم.", PUBLISHED).events
    assert event.plover == "ASSAULT"


def test_arrests_over_scattered_areas_of_a_region_are_the_sum_of_its_towns_arrests() -> None:
    """'حملة مداهمات واعتقالات واسعة في مناطق متفرقة بالضفة الغربية' is the towns' arrests the
    article then lists, not one more event placed in the region."""
    text = ("نفذت قوات الاحتلال اليوم حملة مداهمات واعتقالات واسعة في مناطق متفرقة بالضفة الغربية.\n"
            "وأفادت مصادر محلية بأن قوات الاحتلال اعتقلت مواطنين من مدينة بيت لحم.\n"
            "كما اعتقلت قوات الاحتلال أربعة مواطنين في مدينة طولكرم.")
    places = sorted(e.location.name for e in rasid.extract(text, PUBLISHED).events
                    if e.plover == "COERCE" and e.location)
    assert places == ["Bethlehem", "Ţūlkarm"]


@pytest.mark.parametrize("text", [
    "احتشد المحتجون أمام مبنى المحافظة في البصرة اليوم بعد مقتل اثنين من الناشطين برصاص مجهولين.",
    "احتشد مئات المحتجين أمام مبنى المحافظة في البصرة اليوم يحتجون على مقتل اثنين من الناشطين برصاص مجهولين.",
])
def test_the_killings_a_crowd_rallies_after_are_not_its_dead(text: str) -> None:
    """'احتشد المحتجون ... بعد مقتل اثنين من الناشطين برصاص مجهولين', '... يحتجون على مقتل': the killings
    are what they rally over (the cause, as 'احتجاجا على مقتل'), an event of their own, not violence
    at the rally."""
    events = rasid.extract(text, PUBLISHED).events
    protests = [e for e in events if e.plover == "PROTEST"]
    assert len(protests) == 1 and protests[0].fatalities is None and protests[0].acled_sub_event_type == "Peaceful protest"
    assert [e.fatalities for e in events if e.plover == "ASSAULT"] == [2]  # the killing, an event of its own


def test_a_march_on_a_general_strike_day_is_one_protest() -> None:
    """'تظاهر أكثر من ألف شخص ... في يوم إضراب عام': the march and the strike of one town and day are one
    protest event (ACLED codes the demonstration), not two."""
    text = "تظاهر أكثر من ألف شخص أمس الثلاثاء في مدينة تطاوين جنوب تونس في يوم إضراب عام للتنديد بالتهميش."
    assert [e.plover for e in rasid.extract(text, PUBLISHED).events if e.plover == "PROTEST"] == ["PROTEST"]



def test_a_protest_is_told_by_its_first_report_not_a_correspondents_account_of_it() -> None:
    """A protest's first report in its own town is its evidence: the correspondent who tells the same
    act again adds a source, which makes an attack's report more specific but not a protest's. A
    lead that names only the province yields to the body's report in the town."""
    text = ("أقدم عشرات المحتجين في مدينة الناصرية على حرق الإطارات وإغلاق جسر النصر.\n"
            "وأفاد مراسل الوكالة بأن المحتجين أحرقوا الإطارات وسط مدينة الناصرية وقطعوا جسر النصر.")
    protests = [e for e in rasid.extract(text, PUBLISHED).events if e.plover == "PROTEST"]
    assert len(protests) == 1
    assert protests[0].evidence.text.startswith("أقدم عشرات المحتجين")
    text = ("تتواصل الاحتجاجات المناوئة للحكومة في محافظة السويداء جنوبي سوريا.\n"
            "واليوم الأحد تجمع العشرات من الأهالي في ساحة الكرامة وسط مدينة السويداء للمطالبة برحيل الحكومة.")
    protests = [e for e in rasid.extract(text, PUBLISHED).events if e.plover == "PROTEST"]
    assert len(protests) == 1
    assert protests[0].evidence.text.startswith("واليوم الأحد تجمع")


def test_the_state_forces_toll_at_a_protests_town_is_that_protests() -> None:
    """A toll of the security forces' fire in the town and on the day of the protest the article
    reports, told in a sentence that names no protest, is force on that protest (guideline 5), not
    an attack of its own; armed men's fire there is still an attack."""
    protest = ("خرج آلاف المتظاهرين اليوم في مدينة الناصرية جنوب العراق للمطالبة بإسقاط الحكومة.\n"
               "وقطع المحتجون الجسور الرئيسية في المدينة وأحرقوا الإطارات.\n")
    events = rasid.extract(protest + "وقالت مصادر طبية إن 25 شخصا قتلوا برصاص قوات الأمن في مدينة الناصرية اليوم.",
                           PUBLISHED).events
    assert [(e.plover, e.fatalities) for e in events] == [("PROTEST", 25)]
    assert len(events[0].reports) >= 1
    events = rasid.extract(protest + "وقالت مصادر طبية إن مسلحين مجهولين قتلوا شخصين في مدينة الناصرية اليوم.",
                           PUBLISHED).events
    assert sorted(e.plover for e in events) == ["ASSAULT", "PROTEST"]


def test_a_toll_placed_inside_an_attack_told_before_is_part_of_it() -> None:
    """'وقتل المهاجم بالرصاص في الهجوم': the attacker killed in the attack told before is part of
    it (guideline 2), which keeps its own toll."""
    text = ("قتل أربعة جنود في هجوم بشاحنة على موقع للجيش في القدس اليوم.\n"
            "وقال متحدث عسكري إن السائق دهس مجموعة من الجنود قرب الموقع.\n"
            "وقتل المهاجم بالرصاص في الهجوم.")
    events = assaults(text)
    assert [e.fatalities for e in events] == [4] and len(events[0].reports) >= 1


def test_an_attack_dated_by_an_earlier_month_is_background() -> None:
    """'في أغسطس الماضي' in a September article: what came before the news (guideline 3)."""
    text = ("قتل خمسة جنود في هجوم على قاعدة عسكرية في ولاية شبيلي السفلى اليوم.\n"
            "وقال مسؤول إن المهاجمين فجروا سيارة مفخخة عند مدخل القاعدة.\n"
            "وشنت الجماعة هجوما كبيرا على فندق في مقديشو في أغسطس الماضي، ما أسفر عن مقتل 21 شخصا.")
    assert [e.fatalities for e in rasid.extract(text, "2022-09-26").events if e.plover == "ASSAULT"] == [5]



def test_a_protest_whose_violence_is_its_sentences_main_event_is_reported_there() -> None:
    """'أصيب 22 من رجال الأمن إثر أعمال شغب في المخيم': the riot is named in a clause, but the
    sentence's main event is the violence at it, which the riot takes: that sentence reports the
    riot, and a later statement about it does not outrank it as its evidence."""
    from rasid.pipeline.assemble import violence_at
    sentence = Sentence(0, 90, 0)
    riot = Mention(sentence, 40, 50, "PROTEST", "riot", "N")
    riot.subordinate, riot.main = True, False
    hurt = Mention(sentence, 0, 5, "ASSAULT", None, "V")
    hurt.main, hurt.injured = True, 22
    violence_at(riot, hurt)
    assert (riot.main, riot.subordinate, riot.injured) == (True, False, 22)
    elsewhere = Mention(Sentence(100, 190, 1), 105, 110, "ASSAULT", None, "V")
    elsewhere.main = True
    quiet = Mention(Sentence(200, 290, 2), 240, 250, "PROTEST", "riot", "N")
    quiet.subordinate, quiet.main = True, False
    violence_at(quiet, elsewhere)  # (violence told in another sentence makes no sentence the riot's)
    assert (quiet.main, quiet.subordinate) == (False, True)


@pytest.mark.usefixtures("rules_decide")
def test_a_report_of_a_months_toll_tells_no_happening_but_the_one_it_places_and_dates() -> None:
    """Guideline 3: a report documenting a month's toll is a tally; the killings it counts without a
    town and a day of their own are part of it, while one it places in a town on a day stays."""
    text = ("أصدرت الشبكة السورية لحقوق الإنسان تقريرا وثقت فيه ضحايا شهر آب، ومقتل 55 مدنياً بينهم 12 طفلاً.\n"
            "وقالت الشبكة إن قوات النظام قتلت 14 مدنياً، بينهم تسعة أطفال وامرأتان.\n"
            "واعتقلت قوات النظام 204 أشخاص في حملات دهم.\n"
            "وفي يوم الثلاثاء 12 آب، قتلت قوات النظام ثلاثة مدنيين في قصف على مدينة معرة النعمان.")
    events = rasid.extract(text, "2024-09-02").events
    assert [(e.plover, e.fatalities) for e in events] == [("ASSAULT", 3)]
    # the same killings told as the news of the day are events
    news = rasid.extract("وقالت مصادر محلية إن قوات النظام قتلت 14 مدنياً في قصف على ريف إدلب اليوم.",
                         "2024-09-02").events
    assert [e.plover for e in news] == ["ASSAULT"]


@pytest.mark.usefixtures("rules_decide")
def test_a_trials_article_tells_the_attack_judged_as_no_event_but_a_fresh_one_stays() -> None:
    """A trial is no event, nor is the attack the court judged (guideline 3: older background); an
    attack the article dates to the day of its own stays."""
    text = ("أصدرت محكمة الجنايات في القاهرة حكما بإعدام ستة متهمين في قضية الهجوم على كمين الخصوص.\n"
            "وكان مسلحون قد هاجموا الكمين في منطقة الخصوص وقتلوا خمسة من رجال الشرطة.\n"
            "وذكر المركز الإعلامي في بيان اليوم أن الهجوم أدى إلى مقتل خمسة من رجال الشرطة.\n"
            "وفي سياق آخر، قتل اليوم شرطيان في هجوم مسلح على حاجز أمني في مدينة العريش.")
    assert [(e.plover, e.fatalities) for e in rasid.extract(text, "2018-08-28").events] == [("ASSAULT", 2)]
    # without the ruling in its lead, the same sentences tell attacks
    assert len(rasid.extract(text.split("\n", 1)[1], "2018-08-28").events) >= 2
