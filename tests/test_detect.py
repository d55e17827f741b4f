"""Detection on real Arabic news sentences: what is an event, what is not, and which is main."""

from __future__ import annotations

import random
import re

import pytest

import rasid
from rasid.pipeline import detect
from rasid.text import tokenize


def events(text: str, published: str = "2023-05-01"):
    return rasid.extract(text, published).events


def main_types(text: str) -> list[str]:
    return [e.plover for e in events(text) if e.main]


@pytest.mark.parametrize(
    ("text", "plover", "mode"),
    [
        ("قتل خمسة جنود وأصيب ثلاثة آخرون بجروح في هجوم انتحاري استهدف قافلة عسكرية شمال بغداد أمس.",
         "ASSAULT", "suicide-attack"),
        ("وشنت طائرات حربية غارات على مواقع المسلحين في ريف إدلب.", "ASSAULT", "aerial"),
        ("وانفجرت عبوة ناسفة بدورية للشرطة في الموصل صباح اليوم.", "ASSAULT", "explosives"),
        ("واختطف مسلحون مجهولون أربعة مهندسين أتراك في ولاية قندهار.", "ASSAULT", "abduct"),
        ("اندلعت اشتباكات عنيفة بين قوات الجيش ومقاتلي المعارضة في درعا.", "ASSAULT", "firearms"),
        ("تظاهر آلاف الطلاب أمس أمام مبنى البرلمان في القاهرة احتجاجا على ارتفاع الأسعار.", "PROTEST", "demo"),
        ("واعتصم عشرات العمال أمام مقر الشركة مطالبين بصرف رواتبهم.", "PROTEST", "sit-in"),
        ("وأضرب المعلمون عن العمل في جميع المدارس الحكومية.", "PROTEST", "strike"),
        ("واعتقلت الشرطة ستة من عشرات المتظاهرين.", "COERCE", "arrest"),
        ("وفرضت السلطات حظر التجول في مدينة كركوك.", "COERCE", "curfew"),  # (placeless: the gate is on the fence)
        ("وأرسل الجيش تعزيزات عسكرية إلى الحدود.", "MOBILIZE", "troops"),
        # an indefinite object in the accusative, and forces taking position
        ("فرضت السلطات السودانية أمس حظرا للتجول في مدينة بورتسودان بعد مقتل 4 أشخاص في مواجهات قبلية.",
         "COERCE", "curfew"),
        ("وشهدت العاصمة انتشارا أمنيا مكثفا حول مبنى البرلمان.", "MOBILIZE", "police"),
        ("وتمركزت قوات الجيش أمام مبنى التلفزيون الرسمي في الخرطوم.", "MOBILIZE", "troops"),
    ],
)
def test_reported_events_are_main_with_type_and_mode(text, plover, mode):
    main = [e for e in events(text) if e.main]
    assert len(main) == 1
    assert (main[0].plover, main[0].plover_mode) == (plover, mode)


def test_a_mode_word_in_a_place_name_is_no_weapon():
    """'ساحة الطيران' (Aviation Square) names where the attack was, not an air strike."""
    [event] = [e for e in events("قتل 12 شخصا في هجوم استهدف سوقا مزدحمة في ساحة الطيران وسط بغداد صباح اليوم.")
               if e.main]
    assert event.plover_mode != "aerial"
    [strike] = [e for e in events("قتل 12 شخصا في هجوم شنه الطيران على سوق مزدحمة وسط بغداد صباح اليوم.") if e.main]
    assert strike.plover_mode == "aerial"


def test_a_suicide_bomber_who_blew_up_his_car_in_an_area_named_like_a_weapon():
    """'فجر سيارته' is a bombing; 'جوي شير' is an area of Kabul ('منطقة'), not an air strike."""
    [event] = events("وقالت الشرطة إن انتحاريا فجر سيارته المفخخة قرب قاعدة للجيش في منطقة جوي شير بكابول.")
    assert (event.plover, event.plover_mode) == ("ASSAULT", "suicide-attack")


def test_passive_and_nominal_triggers():
    assert main_types("قُتل ثلاثة مدنيين وأُصيب عشرة آخرون في قصف مدفعي.") == ["ASSAULT"]
    assert main_types("مقتل 13 عنصراً من تنظيم داعش في الحسكة") == ["ASSAULT"]
    assert main_types("اُعتقل الناشط في منزله فجر اليوم.") == ["COERCE"]


def test_negated_event_is_not_an_event():
    assert not any(e.plover == "ASSAULT" and "يقتل" in e.evidence.trigger.text
                   for e in events("لم يقتل أحد في الحادث، بحسب الشرطة."))


def test_future_event_is_not_an_event():
    assert events("وقال مسؤول إن الجماعة ستهاجم مواقع الجيش الأسبوع المقبل.") == []


def test_threat_becomes_threaten_not_assault():
    evs = events("وهدد التنظيم بمهاجمة القوات الحكومية في المدينة.")
    assert [e.plover for e in evs] == ["THREATEN"]


def test_conditional_event_is_not_an_event():
    assert events("وإذا هاجمت إسرائيل إيران فإن المنطقة ستشتعل.") == []


def test_question_is_not_an_event():
    assert events("هل تستخدم أجهزتكم الأمنية وسائل تعذيب لانتزاع الاعترافات من المعتقلين؟") == []


def test_generic_habitual_crime_is_not_an_event():
    assert events("وأشار إلى أن جرائم الخطف التي أصبحت يومية تثير قلق السكان.") == []


def test_opinion_and_metaphor_are_not_events():
    assert events("ويرى الكاتب أن الثورة الحقيقية هي ثورة العقول والأفكار.") == []
    assert events("يبدو أن هدف التنظيم من الهجوم على السجن كان أكثر من مجرد إطلاق سراح السجناء.") == []


def test_background_history_is_not_an_event():
    assert events("وكانت القوات الفرنسية قد قتلت آلاف الجزائريين في عام 1945.") == []


def test_denial_keeps_the_event_as_denied():
    evs = events("ونفى الجيش الإسرائيلي أن يكون قد قصف المستشفى في غزة.")
    assert [(e.plover, e.certainty) for e in evs] == [("ASSAULT", "denied")]
    assert not evs[0].main


def test_main_event_of_an_arrest_of_protesters_is_the_arrest():
    assert main_types("واعتقلت الشرطة ستة من عشرات المتظاهرين الذين تجمعوا أمام السفارة.") == ["COERCE"]


def test_accusation_about_an_attack_is_not_an_assault():
    text = "اتهم نائب وزير الدفاع الصومالي جماعة مرتبطة بتنظيم القاعدة بمحاولة اغتيال رئيس الوزراء بواسطة هجوم انتحاري."
    assert main_types(text) == ["ACCUSE"]


def test_at_most_one_main_event_per_sentence(seed_text):
    result = rasid.extract(seed_text, "2022-01-24")
    per_sentence: dict[int, int] = {}
    for e in result.events:
        per_sentence[e.evidence.start] = per_sentence.get(e.evidence.start, 0) + e.main
    assert max(per_sentence.values()) == 1


def test_headline_and_body_reporting_one_clash_give_one_event():
    text = ("اشتباكات بين الجيش ومسلحين في مدينة درعا\n"
            "اندلعت اشتباكات عنيفة بين الجيش السوري ومسلحين في مدينة درعا صباح اليوم، بحسب مصادر محلية.")
    evs = [e for e in events(text) if e.plover == "ASSAULT"]
    assert len(evs) == 1
    assert evs[0].evidence.text.startswith("اندلعت")


def test_page_furniture_is_not_article_text():
    text = ("تظاهر مئات السكان في مدينة البصرة احتجاجا على انقطاع الكهرباء.\n"
            "اقرأ المزيد:\n"
            "مقتل 3 جنود في انفجار عبوة ناسفة\n"
            "تعليق")
    assert [e.plover for e in events(text)] == ["PROTEST"]


def test_every_event_maps_to_acled_and_cameo():
    evs = events("وشنت طائرات حربية غارات على مواقع المسلحين في ريف إدلب، فيما تظاهر المئات في حلب.")
    aerial = next(e for e in evs if e.plover == "ASSAULT")
    assert (aerial.acled_event_type, aerial.acled_sub_event_type, aerial.cameo) == (
        "Explosions/Remote violence", "Air/drone strike", "19")


SUDAN = ("مقتل 15 مدنيا في قصف للدعم السريع على الفاشر\n"
         "الخرطوم - قُتل 15 مدنيا على الأقل وأصيب أكثر من 40 آخرين، الأحد، في قصف مدفعي نفذته قوات الدعم السريع "
         "على أحياء سكنية في مدينة الفاشر عاصمة ولاية شمال دارفور، وفق ما أعلنته لجان المقاومة المحلية.\n"
         "من جهتها، نفت قوات الدعم السريع استهداف المدنيين، واتهمت الجيش السوداني بقصف مواقعها.\n"
         "وكانت الاشتباكات قد اندلعت بين الطرفين في أبريل/نيسان 2023، ما أدى إلى نزوح الملايين.\n")


def test_dateline_is_not_the_scene_and_the_shelling_is_one_event():
    evs = [e for e in rasid.extract(SUDAN, "2024-05-13").events if e.plover == "ASSAULT" and e.certainty != "denied"]
    assert len(evs) == 1
    assert evs[0].location is not None and evs[0].location.name == "El Fasher"
    assert (evs[0].fatalities, evs[0].date) == (15, "2024-05-12")


def test_a_denial_does_not_govern_the_next_coordinated_clause():
    evs = rasid.extract(SUDAN, "2024-05-13").events
    denied = [e for e in evs if "استهداف" in e.evidence.trigger.text]
    accuse = [e for e in evs if e.plover == "ACCUSE"]
    assert denied and denied[0].certainty == "denied"
    assert accuse and accuse[0].certainty == "asserted"


def test_background_events_of_an_article_are_not_its_news():
    evs = rasid.extract(SUDAN, "2024-05-13").events
    assert not any("الاشتباكات" in e.evidence.trigger.text for e in evs)
    # a lone sentence has no news to set them against: it keeps them
    lone = rasid.extract("وكانت الاشتباكات قد اندلعت بين الطرفين في أبريل/نيسان 2023.", "2024-05-13").events
    assert [e.plover for e in lone] == ["ASSAULT"]


@pytest.mark.usefixtures("rules_decide")  # cue words: the rules' reading
def test_marches_promised_to_go_on_and_deaths_years_ago_are_no_events() -> None:
    """'سنواصل المسيرات' promises marches to come; 'مقتل 18 شخصا في مظاهرة ... قبل اربعة اعوام' is
    a protest years ago (background); the same deaths yesterday are an event."""
    assert events("وقال الناطق باسم الحزب: سنواصل المسيرات الى ان يتخلى النظام عن السلطة.") == []
    old = events("وطلبت المبعوثة زيارة بورتسودان بشأن مقتل نحو 18 شخصا في مظاهرة في المدينة قبل اربعة اعوام.")
    assert not any(e.plover in ("ASSAULT", "PROTEST") for e in old)
    assert "PROTEST" in [e.plover for e in events("قتل 18 شخصا في مظاهرة في مدينة بورتسودان أمس.")]


@pytest.mark.usefixtures("rules_decide")  # a blocker: the rules' words
def test_ambulances_rushing_to_a_blast_are_no_deployment_and_patrols_are() -> None:
    """'هرعت سيارات الإسعاف' is rescue; 'هرعت دوريات' a deployment."""
    assert "MOBILIZE" not in [e.plover for e in events("وهرعت سيارات الإسعاف إلى موقع التفجير في مدينة مقديشو.")]
    assert "MOBILIZE" in [e.plover for e in events("وهرعت دوريات الشرطة إلى موقع التفجير في مدينة مقديشو.")]


def test_an_attack_six_weeks_before_publication_is_background_and_one_four_weeks_before_news() -> None:
    """Guideline 3: anything older than about a month is background. 'في 6 تموز الفائت' in an
    article of 19 August is six weeks old; 'في 25 تموز' is under four."""
    text = ("قتل عشرة أشخاص أمس في هجوم شنه مسلحون على قرية دوروا في ولاية بورنو شمال شرق نيجيريا.\n"
            "وقال شهود إن المسلحين وصلوا على متن دراجات نارية وأطلقوا النار على السكان.\n"
            "وكان السكان قد فروا من قرية كرينوا إثر هجوم شنه المسلحون عليها في {} وقتلوا خلاله سبعة أشخاص.\n")
    dates = sorted(e.date or "" for e in rasid.extract(text.format("6 تموز/يوليو الماضي"), "2014-08-19").events
                   if e.plover == "ASSAULT")
    assert "2014-07-06" not in dates and "2014-08-18" in dates
    recent = [e.date for e in rasid.extract(text.format("25 تموز/يوليو الماضي"), "2014-08-19").events]
    assert "2014-07-25" in recent


IRAQ = ("العراق: مقتل جنديين بهجوم لداعش في كركوك واعتقال 7 مشتبه بهم في الأنبار\n"
        "بغداد (رويترز) - قالت مصادر أمنية عراقية إن جنديين قتلا وأصيب ثلاثة آخرون، مساء الثلاثاء، عندما هاجم "
        "مسلحون من تنظيم الدولة الإسلامية نقطة تفتيش للجيش في قضاء الحويجة جنوب غربي كركوك.\n"
        "في غضون ذلك، أعلنت خلية الإعلام الأمني اعتقال سبعة مشتبه بهم بالانتماء إلى التنظيم في مدينة الرمادي.\n"
        "وفي البصرة، نظم مئات العاطلين عن العمل وقفة احتجاجية أمام مبنى المحافظة للمطالبة بفرص عمل، فيما فرقت "
        "قوات الأمن المحتجين بالقوة.\n"
        "ولم تعلن أي جهة مسؤوليتها عن الهجوم حتى الآن، لكن التنظيم عادة ما يتبنى هجمات مماثلة.\n")


def test_an_article_gives_each_happening_once():
    evs = rasid.extract(IRAQ, "2023-03-08").events
    kinds = [(e.plover, e.acled_sub_event_type) for e in evs if e.plover in ("ASSAULT", "PROTEST", "COERCE") and e.main]
    assert kinds == [("ASSAULT", "Armed clash"), ("COERCE", "Arrests"), ("PROTEST", "Protest with intervention")]
    attack = evs[0]
    assert (attack.fatalities, attack.injured, attack.date) == (2, 3, "2023-03-07")
    assert not any(e.plover == "ASSAULT" and "الهجوم" in e.evidence.trigger.text for e in evs)  # recalled, merged
    assert not any("هجمات" in e.evidence.trigger.text for e in evs)  # habitual


JENIN = ("استشهاد 4 فلسطينيين برصاص الاحتلال في جنين واعتقال العشرات بالضفة\n"
         "رام الله - استشهد أربعة فلسطينيين وأصيب 12 آخرون بجروح، فجر اليوم الخميس، خلال اقتحام قوات الاحتلال "
         "الإسرائيلي مدينة جنين ومخيمها شمالي الضفة الغربية، وفق ما أعلنته وزارة الصحة الفلسطينية.\n"
         "وقالت الوزارة في بيان مقتضب إن الشهداء الأربعة أصيبوا بالرصاص الحي في الرأس والصدر.\n"
         "وفي سياق متصل، اعتقلت قوات الاحتلال 25 فلسطينيا على الأقل في حملة مداهمات طالت مدينة الخليل.\n"
         "ويأتي ذلك في ظل تصعيد إسرائيلي متواصل في الضفة الغربية منذ بداية العام، أسفر عن استشهاد أكثر من 200 فلسطيني.\n")


def test_elaboration_headline_and_running_totals():
    evs = rasid.extract(JENIN, "2023-07-06").events
    assaults = [e for e in evs if e.plover == "ASSAULT"]
    assert len(assaults) == 1  # the lead; the next sentence elaborates; the toll since January is a total
    lead = assaults[0]
    assert (lead.fatalities, lead.injured, lead.date) == (4, 12, "2023-07-06")
    assert lead.location is not None and lead.location.country == "PSE" and lead.location.name != "Ar Rās"
    assert lead.actor1 is not None and lead.actor1.code == "ISR MIL"  # named only by the headline
    arrests = [e for e in evs if e.plover == "COERCE"]
    assert [(e.arrested, e.main) for e in arrests] == [(25, True)]  # the headline's 'العشرات' is this one


def test_a_clash_is_a_battle_whoever_died_and_a_measure_announced_is_asserted():
    text = ("طرابلس - اندلعت اشتباكات عنيفة بالأسلحة الثقيلة ليل الاثنين بين جهاز الردع واللواء 444 قتال في "
            "العاصمة الليبية طرابلس، ما أسفر عن مقتل 55 شخصا وإصابة 146 آخرين.\n"
            "وأعلنت وزارة الداخلية في حكومة الوحدة الوطنية فرض حظر تجول في المناطق المتضررة.\n"
            "وكان المجلس الرئاسي قد دعا الأطراف المتنازعة إلى وقف فوري لإطلاق النار.\n")
    evs = rasid.extract(text, "2023-08-15").events
    clash = next(e for e in evs if e.plover == "ASSAULT")
    assert (clash.acled_event_type, clash.acled_sub_event_type, clash.fatalities) == ("Battles", "Armed clash", 55)
    curfew = next(e for e in evs if e.plover == "COERCE")
    assert (curfew.plover_mode, curfew.certainty) == ("curfew", "asserted")


def test_a_second_figure_for_the_same_attack_stays_a_separate_claim():
    text = ("قُتل ثمانية أشخاص على الأقل وأصيب 17 آخرون في تفجير انتحاري بسيارة مفخخة استهدف نقطة تفتيش في "
            "العاصمة الصومالية مقديشو صباح السبت، حسبما أفاد مسؤول في الشرطة.\n"
            "وأعلنت حركة الشباب مسؤوليتها عن الهجوم في بيان، مدعية أنها قتلت 20 جنديا.\n")
    evs = [e for e in rasid.extract(text, "2023-08-15").events if e.plover == "ASSAULT" and e.fatalities]
    assert sorted(e.fatalities for e in evs) == [8, 20]


def test_a_headline_bombardment_is_the_body_air_strike_and_subsets_are_not_the_toll():
    text = ("قصف روسي على ريف إدلب يقتل 7 مدنيين\n"
            "قال المرصد السوري لحقوق الإنسان إن سبعة مدنيين، بينهم ثلاثة أطفال، قتلوا اليوم الثلاثاء جراء غارات "
            "جوية نفذتها طائرات حربية روسية على بلدة سرمين في ريف إدلب الشرقي.\n")
    evs = [e for e in rasid.extract(text, "2023-10-10").events if e.plover == "ASSAULT"]
    assert [(e.plover_mode, e.fatalities) for e in evs] == [("aerial", 7)]


def test_a_dispersed_protest_with_burning_tyres_is_one_riot():
    text = ("اعتقال 12 متظاهرا في احتجاجات ضد غلاء المعيشة بالأردن\n"
            "عمّان - اعتقلت قوات الأمن الأردنية 12 شخصا على الأقل خلال احتجاجات شهدتها مدينة معان جنوبي المملكة "
            "مساء الخميس، احتجاجا على رفع أسعار المحروقات، حسب ما أفاد ناشطون.\n"
            "وأطلقت قوات الدرك الغاز المسيل للدموع لتفريق مئات المحتجين الذين أغلقوا الطريق الصحراوي وأحرقوا "
            "إطارات السيارات.\n")
    evs = rasid.extract(text, "2022-12-16").events
    protests = [e for e in evs if e.plover == "PROTEST"]
    assert [(e.acled_event_type, e.acled_sub_event_type) for e in protests] == [("Riots", "Violent demonstration")]
    assert [e.arrested for e in evs if e.plover == "COERCE"] == [12]
    assert not any(e.plover == "ASSAULT" and e.plover_mode in ("crowd-control", "destroy") for e in evs)


def test_force_against_a_crowd_with_no_protest_of_its_own_is_the_protest_dispersed() -> None:
    """Guideline 5: a protest dispersed with tear gas is a protest with intervention, not an attack."""
    text = "أطلقت الشرطة الغاز المسيل للدموع لتفريق مئات المتظاهرين أمام مبنى البرلمان في بيروت."
    events = rasid.extract(text, "2024-03-01").events
    assert [(e.plover, e.acled_sub_event_type) for e in events] == [("PROTEST", "Protest with intervention")]
    # the crowd is actor1, the force that dispersed it (the sentence's subject) actor2
    fired_on = rasid.extract("وأطلقت قوات الأمن القنابل المسيلة للدموع على المتظاهرين في ساحة الشهداء ببيروت.",
                             "2024-03-01").events
    assert [(e.actor1.sector if e.actor1 else None, e.actor2.sector if e.actor2 else None) for e in fired_on] == [
        ("CVL", "COP")]
    # with no crowd, tear gas stays force of its own
    assert [e.plover for e in rasid.extract("أطلقت الشرطة الغاز المسيل للدموع في الحي.", "2024-03-01").events] != ["PROTEST"]


def test_riot_police_dispersing_a_counted_crowd_is_a_protest_met_by_force_not_a_riot() -> None:
    """'قوات مكافحة الشغب' are riot police, not a riot; 'لتفريق مئات المتظاهرين' disperses a crowd
    however it is counted (guideline 5: a protest with intervention)."""
    text = "وقال شهود إن قوات مكافحة الشغب أطلقت الغاز لتفريق مئات المتظاهرين في حي بحري في شمال الخرطوم."
    events = rasid.extract(text, "2024-03-01").events
    assert [(e.plover, e.acled_sub_event_type) for e in events] == [("PROTEST", "Protest with intervention")]
    assert events[0].actor2 is not None and events[0].actor2.text == "قوات مكافحة الشغب"


def test_force_naming_the_protest_it_broke_up_is_that_protest() -> None:
    """The protest dispersed may be named without the article or by a demonstrative, with no
    protester in the sentence ('لتفريق مظاهرة', 'لتفريق تجمعات مماثلة'): still the protest, with
    intervention (guideline 5)."""
    for text in ("استخدمت الشرطة الغاز المسيل للدموع من أجل تفريق مظاهرة متضامنة مع غزة في مدينة الرباط.",
                 "وتدخلت السلطات في مدينة طنجة لتفريق تجمعات مماثلة ومنعت الشبان من الوصول إلى الساحة."):
        events = rasid.extract(text, "2024-03-01").events
        assert [(e.plover, e.acled_sub_event_type) for e in events] == [("PROTEST", "Protest with intervention")], text


def test_violence_in_the_sentence_of_a_protest_is_that_protests() -> None:
    """Guideline 5 and rule 2: clashes with the police in the sentence of a protest make it a protest
    with intervention carrying their toll, not a second event."""
    text = "تواصلت الاحتجاجات اليوم في مدينة الناصرية، حيث أدت المواجهات مع الشرطة إلى إصابة 12 متظاهرا."
    events = rasid.extract(text, "2024-03-01").events
    assert [(e.plover, e.acled_sub_event_type, e.injured) for e in events] == [
        ("PROTEST", "Protest with intervention", 12)]


def test_arrests_of_protesters_after_their_protest_make_it_one_with_intervention() -> None:
    text = ("تظاهر المئات أمس في مدينة الحسيمة للمطالبة بالإفراج عن المعتقلين.\n"
            "وأوقف رجال الأمن عددا من المحتجين، حسب مراسل الأناضول.\n"
            "كما أوقفت قوات الأمن الصحفي حميد المهداوي قبل انطلاق المسيرة.")
    events = rasid.extract(text, "2017-07-21").events
    assert [(e.plover, e.acled_sub_event_type) for e in events if e.plover == "PROTEST"] == [
        ("PROTEST", "Protest with intervention")]
    # the journalist is no protester: his arrest stays an event of its own
    assert [e.plover for e in events if e.plover == "COERCE"] == ["COERCE"]


def test_arrests_of_some_of_the_protesters_chased_are_the_protests_intervention() -> None:
    text = ("تظاهر مئات المحتجين اليوم السبت في شارع الحبيب بورقيبة وسط العاصمة تونس ضد الحكومة.\n"
            "ولاحقت قوات الأمن محتجين في الشوارع القريبة واعتقلت عددا منهم.")
    events = rasid.extract(text, "2024-01-13").events
    assert [(e.plover, e.acled_sub_event_type) for e in events] == [("PROTEST", "Protest with intervention")]


def test_a_killing_a_protest_is_against_stays_an_event() -> None:
    text = ("نظم العشرات وقفة احتجاجية صامتة في ساحة مدينة شهبا استنكاراً لمقتل الناشط محمود الكفري "
            "برصاص مسلحين.")
    types = sorted(e.plover for e in rasid.extract(text, "2024-03-01").events)
    assert types == ["ASSAULT", "PROTEST"]


def test_shooters_named_between_the_verb_and_the_fire() -> None:
    events = rasid.extract("أطلق مسلحون النار على دورية للشرطة في مدينة الموصل.", "2024-03-01").events
    assert [(e.plover, e.plover_mode) for e in events] == [("ASSAULT", "firearms")]


@pytest.mark.parametrize("text, plover, mode", [
    # a crowd named for the first time throwing or confronting: a protest is reported
    ("وألقى محتجون قنابل دخانية وغيرها من الأشياء على عناصر الشرطة.", "PROTEST", None),
    # the stones and burning tyres of a riot, whoever was named before
    ("وأضاف الشهود أن المتظاهرين أقدموا على حرق الإطارات في الشوارع.", "PROTEST", "riot"),
    ("أصيب جندي إسرائيلي رشقا بالحجارة خلال مواجهات في كفر قدوم.", "PROTEST", "riot"),
    # a joint exercise is a mobilisation
    ("وغادرت عناصر من القوات المسلحة للمشاركة في التدريب المشترك مع القوات السعودية.", "MOBILIZE", "troops"),
])
def test_candidates_of_riots_and_exercises(text: str, plover: str, mode: str | None) -> None:
    """The rules propose these candidates (the gate then decides whether each is the main event)."""
    from rasid.pipeline.analysis import Analysis
    from rasid.pipeline.detect import detect
    from rasid.pipeline.layout import find_layout
    an = Analysis(text, None, [])
    found = [(m.plover, m.mode) for m in detect(an, find_layout(an.nt, an.sentences))]
    assert any(p == plover and (mode is None or md == mode) for p, md in found), found


def test_stopping_a_vehicle_is_no_arrest() -> None:
    assert not [e for e in rasid.extract("كما أوقفوا سيارة كانت تمر في المكان، وأحرقوها.", "2024-01-01").events
                if e.plover == "COERCE"]
    assert [e.plover for e in rasid.extract("أوقفت الشرطة ثلاثة مطلوبين في المدينة.", "2024-01-01").events] == ["COERCE"]


def test_operations_going_on_at_the_time_of_the_news_are_no_events() -> None:
    """'في وقت رفعت فيه درجة التأهب ... حيث تجري عمليات عسكرية مكثفة في مدن سكيكدة وجيجل': a run of
    operations that frames the attack reported, none of them told: no event in those towns."""
    text = ("قتل جنديان في هجوم مسلح على حاجز وهمي نصبه مسلحون في ولاية عين الدفلى ليلة الأحد.\n"
            "ويأتي هجوم ليلة الأحد في وقت رفعت فيه درجة التأهب القصوى في شرق الجزائر حيث تجري هناك عمليات"
            " عسكرية مكثفة في مدن سكيكدة وجيجل وقسنطينة.")
    places = {e.location.name for e in rasid.extract(text, "2024-01-01").events if e.location}
    assert "Aïn Defla" in places and not places & {"Skikda", "Jijel", "Constantine"}


def test_an_aside_of_time_between_commas_keeps_the_verb_and_its_object_in_one_clause() -> None:
    """'اعترضت الدفاعات الجوية السعودية، مساء الخميس، صاروخاً': the commas set off when, not a new clause."""
    text = "اعترضت الدفاعات الجوية السعودية، مساء الخميس، صاروخاً بالستياً أطلقته جماعة الحوثي باتجاه مدينة جازان."
    assert [e.plover for e in rasid.extract(text, "2024-01-01").events] == ["ASSAULT"]
    apart = text.replace("، مساء الخميس، ", "، وقالت إنها رصدت ")
    assert not rasid.extract(apart, "2024-01-01").events


def test_a_campaign_of_abductions_by_an_authority_is_arrests() -> None:
    """'شنت جماعة الحوثي حملة اختطافات واسعة ... طالت ستة مواطنين': the Houthi authorities' arrests."""
    found = rasid.extract("شنت جماعة الحوثي حملة اختطافات واسعة في محافظة المحويت طالت ستة مواطنين.",
                          "2024-01-01").events
    assert [(e.plover, e.acled_sub_event_type) for e in found] == [("COERCE", "Arrests")]


def test_kamikaze_drones_are_no_march() -> None:
    """'بمسيرات انقضاضية': drones, an air strike, not a protest march."""
    text = "وأعلن حزب الله أنه شن هجوما بمسيرات انقضاضية على مقر كتائب المدرعات في ثكنة راوية قرب الحدود."
    assert "PROTEST" not in [e.plover for e in rasid.extract(text, "2024-01-01").events]


def test_a_toll_since_a_year_is_a_tally() -> None:
    """'ومنذ عام 2009، أسفرت أعمال عنف ... عن مقتل أكثر من 20 ألفا': the years' toll, no event."""
    text = ("ومنذ عام 2009، أسفرت أعمال عنف نفذتها جماعة بوكو حرام عن مقتل أكثر من 20 ألفا، "
            "وتسببت في تشريد ملايين الأشخاص بنيجيريا.")
    assert not rasid.extract(text, "2020-09-27").events


def test_a_column_attacked_is_the_target_not_a_deployment() -> None:
    """'هجوما على رتل عسكري يرافق شاحنات': the column is what was attacked; one that arrives is deployed."""
    attacked = rasid.extract("نفذت جماعة مسلحة مساء الجمعة هجوما على رتل عسكري يرافق شاحنات محروقات قرب مدينة كاتي.",
                             "2024-01-01").events
    assert [e.plover for e in attacked] == ["ASSAULT"]
    arrived = rasid.extract("وصل رتل عسكري تركي إلى ريف إدلب اليوم.", "2024-01-01").events
    assert [e.plover for e in arrived] == ["MOBILIZE"]


def test_halting_a_march_is_no_arrest() -> None:
    """'أوقفت مسيرتهم': the police stopped the march, which is the protest's, and arrested nobody."""
    text = ("وبعد أن تجمع الطلاب في ساحة الشهداء، انطلقوا في مسيرتهم نحو ساحة البريد المركزي، إلا أن الشرطة المنتشرة"
            " بكثافة أوقفت مسيرتهم قرب المسرح الوطني.")
    assert [e.plover for e in rasid.extract(text, "2024-01-01").events] == ["PROTEST"]


def test_a_cordon_is_no_deployment() -> None:
    """'فرضت وحدات عسكرية طوقا أمنيا': a cordon thrown round a town is neither a deployment (the
    held-out articles code none) nor, alone, an arrest; a spreading of forces still is one."""
    assert not rasid.extract("وفرضت وحدات عسكرية طوقا أمنيا في محيط الهرمل لملاحقة مطلقي النار.", "2024-01-01").events
    spread = rasid.extract("وشهدت مدينة الهرمل انتشارا أمنيا مكثفا لوحدات الجيش اليوم.", "2024-01-01").events
    assert [e.plover for e in spread] == ["MOBILIZE"]


@pytest.mark.parametrize("text, word", [
    ("أعلنت الشرطة الهندية مقتل عشرين شخصا جراء انفجار اسطوانة غاز في مصنع.", "انفجار"),  # an accident
    ("أصدر قاض سوري مذكرة توقيف غيابية ضد الرئيس السابق.", "توقيف"),  # a warrant is no arrest
    ("ونعت الرئاسة شهداء الوطن وتقدمت بخالص العزاء لأسرهم وذويهم.", "لاسرهم"),  # families, no capture
    ("وشوهدت دبابات وآليات عسكرية مزودة بمنصات إطلاق صواريخ تتجه إلى الجنوب.", "اطلاق"),  # launchers, no launch
])
def test_accidents_and_warrants_propose_no_event(text: str, word: str) -> None:
    """The rules propose no candidate on the explosion of a gas cylinder, a warrant or a launcher."""
    from rasid.pipeline.analysis import Analysis
    from rasid.pipeline.detect import detect
    from rasid.pipeline.layout import find_layout
    an = Analysis(text, None, [])
    at = an.norm.index(word)
    assert not [m for m in detect(an, find_layout(an.nt, an.sentences)) if m.start <= at < m.end]


@pytest.mark.usefixtures("rules_decide")  # what the rules propose; whether it is an event is the gate's call
@pytest.mark.parametrize(
    ("text", "plover", "mode"),
    [  # a verb and its object apart, the subject or an adverb between them (trigger_objects.tsv)
        ("وضبطت الأجهزة الأمنية في مدينة الزرقاء ترسانة أسلحة كانت مخبأة في مزرعة.", "COERCE", "seize"),
        ("وكانت قوات الأمن صادرت قبل يومين كمية كبيرة من الأسلحة والذخائر في البلدة.", "COERCE", "seize"),
        # a cache of weapons destroyed is weapons disrupted; houses destroyed are an attack's damage
        ("وفي ولاية تيزي وزو، دمر الجيش الجزائري مخبأ للذخيرة يحتوي على ثماني قذائف.", "COERCE", "seize"),
        ("ودمر المسلحون عشرات المنازل في القرية بعد أن هاجموها فجر اليوم.", "ASSAULT", "destroy"),
        # militants 'neutralised' (Sahel and Maghreb armies' word for killed in an operation)
        ("وتمكن الجيش من تحييد عشرة إرهابيين في ولاية سانماتنغا أمس.", "ASSAULT", "firearms"),
        # ... with the figure repeated in brackets, as Algeria's defence ministry writes it
        ("وتمكنت مفرزة للجيش من تحييد ثلاثة (03) إرهابيين في جبال ولاية جيجل أمس.", "ASSAULT", "firearms"),
        ("وأغلقت قوات الأمن مداخل ومخارج مدينة العريش صباح اليوم.", "COERCE", "restrict"),
        ("ونشرت وزارة الداخلية المئات من رجال الأمن في شوارع العاصمة.", "MOBILIZE", "troops"),
        ("ووصلت مجموعة من القوات إلى منطقة تاورغاء شرقي طرابلس.", "MOBILIZE", "troops"),
        # dismantling a cell is arresting it; killing militants in an operation is a battle
        ("وتمكنت الشرطة اليوم من تفكيك خلية إرهابية تتكون من خمسة عناصر.", "COERCE", "arrest"),
        ("وتمكنت وحدات الجيش من القضاء على ثلاثة إرهابيين في جبال الولاية.", "ASSAULT", "firearms"),
        ("ثم أغارت طائراته على مخزن للأسلحة قرب الحدود.", "ASSAULT", "aerial"),
        # bombs dropped and rockets launched, a word or two between; a force sent; a siege imposed
        ("وألقت المروحيات براميل متفجرة على أحياء المدينة الشرقية.", "ASSAULT", "aerial"),
        ("وقال المسعفون إن إلقاء طائرة مسيرة قنبلة على مجموعة من الشبان أوقع إصابات.", "ASSAULT", "drone"),
        ("ونشرت قوة من الجيش في محيط المستشفى.", "MOBILIZE", "troops"),
        ("وفرضت قوات الاحتلال حصارا مشددا على بلدة بيتا جنوب نابلس.", "COERCE", "restrict"),
        # a projectile intercepted was launched; hideouts seized
        ("واعترضت الدفاعات الجوية صاروخا بالستيا أطلق باتجاه مدينة جازان.", "ASSAULT", "heavy-weapons"),
        ("وتمكنت قوات الجيش من ضبط ستة أوكار للتنظيم في قضاء الحويجة.", "COERCE", "seize"),
    ],
)
def test_triggers_whose_object_stands_apart(text, plover, mode):
    assert [(e.plover, e.plover_mode) for e in events(text)] == [(plover, mode)]


@pytest.mark.usefixtures("rules_decide")
@pytest.mark.parametrize(
    "text",
    [
        "ونشرت الوزارة بيانا عن القوات الخاصة في المدينة.",  # an object past 'عن' is another phrase's
        "كما نشر ناشطون شريط فيديو يظهر قوات الأمن وهي تطلق الرصاص.",  # what 'نشر' publishes is its object
        "وعثر السكان على جثة رجل قتل بسلاح ناري.",  # 'بسلاح' is no object of the verb
        "وأغلق المحتجون الطريق الدولي بالإطارات.",  # a road block of the protest, no closure by a force
        "وأكدت الوزارة استشهاد الشاب واحتجاز جثمانه.",  # withholding a body is no arrest
        "ودفع الموظفون رواتب القوات المتأخرة في بغداد.",  # what is paid to forces is no convoy pushed
        "وعززت الحكومة العلاقات مع القوات الدولية في مالي.",  # ties reinforced are no presence
    ],
)
def test_what_is_not_a_seizure_deployment_closure_or_arrest(text):
    assert not [e for e in events(text) if e.plover in ("COERCE", "MOBILIZE")]


@pytest.mark.usefixtures("rules_decide")
@pytest.mark.parametrize(
    ("text", "plover", "mode"),
    [  # a column of a named force, or a large one, on the move
        ("وكان رتل من الشرطة العسكرية الروسية دخل اليوم إلى مدينة عين العرب.", "MOBILIZE", "troops"),
        ("ورصد مراسلنا أرتالا ضخمة للفيلق الثالث متجهة نحو نقاط التماس في ريف حلب.", "MOBILIZE", "troops"),
        ("وشهدت محافظة السويس صباح اليوم تواجدا أمنيا مكثفا في ميادينها.", "MOBILIZE", "police"),
        # fires lit by the protesters named before them
        ("وقام المتظاهرون بإشعال النار في أكياس القمامة والإطارات عند مدخل المدينة.", "PROTEST", "riot"),
        # a phrase whose second word opens a quotation ('تفكيك "خلية'): the mark is no break
        ('وتمكن الحرس الوطني من تفكيك "خلية تكفيرية" تتكون من ثلاثة عناصر في ولاية أريانة.', "COERCE", "arrest"),
        # shots fired past a subject of two words
        ("وأطلقت قوات الأمن الرصاص الحي في ساحة التحرير وسط بغداد.", "ASSAULT", "firearms"),
    ],
)
def test_columns_fires_and_phrases_set_in_quotation_marks(text, plover, mode):
    assert (plover, mode) in [(e.plover, e.plover_mode) for e in events(text)]


def test_force_on_a_protest_told_in_a_relative_clause_is_that_protests() -> None:
    """'قوات الأمن التي أطلقت النار على مظاهرة': the force on the protest is its intervention (guideline 5),
    no attack of its own beside it."""
    found = events("أفادت مصادر طبية بمقتل متظاهر وإصابة سبعة آخرين برصاص قوات الأمن التي أطلقت النار على "
                   "مظاهرة في مدينة الناصرية.")
    assert [(e.plover, e.acled_sub_event_type, e.fatalities, e.injured) for e in found] == [
        ("PROTEST", "Excessive force against protesters", 1, 7)]


@pytest.mark.usefixtures("rules_decide")
@pytest.mark.parametrize(
    "text",
    [
        "وأصيب أربعة من أفراد الشرطة بالحجارة إثر مواجهات اندلعت في البلدة القديمة.",
        "ولقي شخصان حتفهما في مصادمات بين متظاهرين ورجال الأمن في المدينة.",
        # young men clashing with the police (not al-Shabaab, 'الشباب')
        "واندلعت مواجهات عنيفة بين عشرات الشبان وقوات الأمن في حي التضامن الليلة الماضية.",
    ],
)
def test_clashes_with_protesters_or_stones_are_riots(text):
    """Guideline 5: protesters throwing stones at the police riot; the wounded are the riot's."""
    evs = events(text)
    assert evs and {(e.plover, e.plover_mode) for e in evs} == {("PROTEST", "riot")}


@pytest.mark.usefixtures("rules_decide")
def test_clash_with_militants_stays_a_battle():
    evs = events("واندلعت اشتباكات بين الجيش ومسلحين في ريف المحافظة أسفرت عن مقتل خمسة.")
    assert {e.plover for e in evs} == {"ASSAULT"}
    evs = events("واندلعت اشتباكات بين الجيش وحركة الشباب في ولاية شبيلي السفلى أسفرت عن مقتل خمسة.")
    assert {e.plover for e in evs} == {"ASSAULT"}


def test_brandishing_a_boycott_is_a_threat_not_a_protest():
    assert not [e for e in events("ولوح مواطنون بإطلاق حملة مقاطعة واسعة لشركات الاتصالات.") if e.plover == "PROTEST"]


@pytest.mark.usefixtures("rules_decide")
@pytest.mark.parametrize(
    "text",
    [
        "وشن عدد من الفنانين معارك جانبية على مواقع التواصل خلال الموسم.",  # a battle of words
        "ووصلت الأرتال العسكرية أمس إلى محاور القتال غرب المدينة.",  # the front lines, no fighting
        "وأوقفت دورية للجيش عنصري دعم للإرهابيين وتدمير مخبأ في الجبل.",  # a hideout is no attack
    ],
)
def test_words_of_fighting_that_report_no_attack(text):
    assert not [e for e in events(text) if e.plover == "ASSAULT"]


@pytest.mark.usefixtures("rules_decide")
def test_marches_the_gas_was_fired_at_are_no_drones():
    """'مسيرات' is the protest's trigger here, so it tells no attack's mode."""
    evs = events("وأطلقت قوات الأمن الغازات المسيلة للدموع على مسيرات ووقفات متفرقة بالمدينة، "
                 "وأصيب العشرات من المشاركين فيها بالاختناق.")
    assert "drone" not in {e.plover_mode for e in evs}
    assert any(e.plover == "PROTEST" for e in evs)


@pytest.mark.usefixtures("rules_decide")
def test_skirmishes_with_protesters_are_a_riot():
    evs = events("وسرعان ما بدأت مناوشات بين المتظاهرين وقوات الشرطة وسط الشارع الرئيسي.")
    assert [(e.plover, e.plover_mode) for e in evs] == [("PROTEST", "riot")]


@pytest.mark.usefixtures("rules_decide")
def test_a_battle_prepared_for_has_not_begun():
    evs = events("ووصلت مجموعة من القوات إلى منطقة تاورغاء، وذلك تمهيداً لبدء معركة السيطرة على المدينة.")
    assert [e.plover for e in evs] == ["MOBILIZE"]


@pytest.mark.usefixtures("rules_decide")  # what the rules propose
@pytest.mark.parametrize("text", [
    "وأوضحت الوزارة أنه تم توقيف 7 تجار مخدرات بوهران.",
    "كما تم توقيف 40 مهاجرا غير شرعي من جنسيات مختلفة بعين قزام.",
    "ألقت الشرطة القبض على ثلاثة لصوص في عمان.",
])
def test_an_arrest_of_drug_dealers_thieves_or_irregular_migrants_is_policing_not_an_event(text: str) -> None:
    assert not [e for e in events(text) if e.plover == "COERCE"]


@pytest.mark.usefixtures("rules_decide")
@pytest.mark.parametrize("text", [
    "اعتقلت قوات الأمن 12 ناشطا في القاهرة.",
    "اعتقلت السلطات الصحفي بصورة غير شرعية.",  # an unlawful arrest is still an arrest
    "اعتقلت قوات الأمن 5 من المهاجرين المحتجين أمام مقر الأمم المتحدة.",
])
def test_a_political_arrest_stays_an_arrest(text: str) -> None:
    assert [e.plover_mode for e in events(text) if e.plover == "COERCE"] == ["arrest"]


@pytest.mark.parametrize("word, protesters", [
    ("محتجين", True), ("والمتظاهرين", True), ("معتصمون", True), ("المحتجزين", False), ("الاحتجاجات", False),
])
def test_words_that_name_protesters(word: str, protesters: bool) -> None:
    from rasid.pipeline.assemble import _protester_word
    assert _protester_word(word) is protesters


def _assaults(text: str) -> list[str]:
    """The evidence of each ASSAULT event of a two-sentence article (the gate deciding)."""
    return [e.evidence.text for e in rasid.extract(text, "2011-04-03").events if e.plover == "ASSAULT"]


def test_a_ranking_of_provinces_by_strikes_is_no_strike() -> None:
    """'المرتبة الأولى من حيث عدد الغارات' counts strikes over a period: no event for any of the
    provinces it lists, whatever the gate makes of the words."""
    found = _assaults("شن الطيران الحربي اليوم غارة جوية على مدينة مأرب قتل فيها ثلاثة مدنيين.\n"
                      "واحتلت محافظة مأرب المرتبة الأولى من حيث عدد الغارات بتسع غارات تلتها محافظات أبين وحضرموت وشبوة.")
    assert len(found) == 1 and "مأرب قتل فيها" in found[0]


def test_a_running_total_after_the_deaths_it_adds_is_no_event() -> None:
    """'وبمقتل هذين الجنديين يرتفع عدد قتلى الجيش إلى 4443 قتيلا': the two deaths already told, and
    a total since the war began."""
    found = _assaults("أعلن الجيش الأمريكي اليوم مقتل جنديين في هجوم على دوريتهما في بغداد.\n"
                      "وبمقتل هذين الجنديين يرتفع عدد قتلى الجيش الأمريكي في العراق إلى 4443 قتيلا.")
    assert len(found) == 1 and "دوريتهما" in found[0]


def test_deaths_over_the_current_year_are_a_tally() -> None:
    found = _assaults("قتل خمسة أشخاص في اشتباكات قبلية في ولاية جونقلي بجنوب السودان أمس.\n"
                      "وقتل 13 جنديا خلال العام الحالي في ولاية الوحدة.")
    assert len(found) == 1 and "جونقلي" in found[0]


def test_strikes_counted_since_the_start_of_the_year_are_a_tally_for_every_province_listed() -> None:
    found = _assaults("قتل ثلاثة مدنيين في غارة جوية أمريكية على سيارة في محافظة البيضاء اليوم.\n"
                      "ونفذت الطائرات الأمريكية أكثر من 30 غارة جوية منذ بداية العام الحالي أوقعت أكثر من مئة قتيل "
                      "في محافظات أبين وشبوة.")
    assert len(found) == 1 and "البيضاء" in found[0]


@pytest.mark.usefixtures("rules_decide")
def test_a_toll_since_a_day_is_a_tally_and_the_day_after_is_background() -> None:
    """'لقي 111 شخصا مصرعهم منذ يوم الجمعة': the dead of several days (guideline 9); 'غداة فرض حظر
    للتجول': the curfew is when the clashes happened, not the sentence's main event."""
    assert events("ولقي 111 شخصا مصرعهم منذ يوم الجمعة الماضي في ولاية جونقلي.") == []
    clashes = events("شهد قلب العاصمة التونسية أمس مواجهات بين متظاهرين وقوات الشرطة غداة فرض حظر للتجول في المدينة.")
    assert not any(e.main and e.plover == "COERCE" for e in clashes)


def test_a_government_protesting_a_raid_is_no_protest_and_the_raid_stays() -> None:
    """'احتجت الحكومة العراقية على غارة': a diplomatic complaint, not a demonstration; the raid it
    complains of is the event."""
    found = events("كما احتجت الحكومة العراقية على غارة شنتها القوات الأمريكية على حي مدينة الصدر قتل فيها 13 شخصا.")
    assert [e.plover for e in found] == ["ASSAULT"] and found[0].fatalities == 13
    assert [e.plover for e in events("احتج آلاف العمال أمام مقر الحكومة في القاهرة.")] == ["PROTEST"]


def test_ikaf_of_people_is_an_arrest_and_of_a_ceasefire_is_not() -> None:
    """Maghrebi 'إيقاف' is an arrest with people after it ('إيقاف العشرات من الشبان'), and a halt
    otherwise ('إيقاف إطلاق النار')."""
    held = events("وقالت إذاعة تونسية إن قوات الأمن عمدت إلى إيقاف العشرات من الشبان في ولاية سوسة.")
    assert [(e.plover, e.plover_mode) for e in held] == [("COERCE", "arrest")]
    assert not any(e.plover == "COERCE" for e in events("ودعت الأمم المتحدة إلى إيقاف إطلاق النار في ليبيا."))


def test_what_a_call_or_demand_asks_for_is_no_event() -> None:
    """'دعا الاتحاد إلى إضراب', 'طالبت النيابة بإعدام': the strike and the execution are asked for."""
    assert not any(e.plover == "PROTEST" for e in events(
        "دعا الاتحاد العام التونسي للشغل إلى إضراب جديد على مستوى البلاد في القطاع العام."))
    assert not any(e.plover == "ASSAULT" for e in events("وكانت النيابة العامة قد طالبت أمس بإعدام خمسة من المتهمين."))
    marched = events("تظاهر الآلاف في العاصمة تونس أمس مطالبين بإسقاط الحكومة.")
    assert [e.plover for e in marched if e.main] == ["PROTEST"]
    # a pledge is one too ('وتعهدت الحكومة باعتقال', 'متعهدا بترحيل')
    assert not any(e.plover == "COERCE" for e in events("وتعهدت الحكومة باعتقال منفذي الهجوم."))
    assert not any(e.plover == "COERCE" for e in events("وقال الرئيس إن الأمن سيعود، متعهدا بترحيل آلاف المهاجرين."))
    # a recommendation is a call too
    assert not any(e.plover == "PROTEST" for e in events(
        "أوصى المجلس التنفيذي للاتحاد العمالي العام بإضراب عام في كل المؤسسات يوم الخميس المقبل."))
    # a call for taking part in a protest ('إلى الخروج في', 'إلى تنظيم')
    for called in ("ودعا نشطاء معارضون إلى الخروج في مظاهرات جديدة في العاصمة يوم الأحد.",
                   "ودعت النقابة إلى تنظيم وقفة احتجاجية أمام مقر الوزارة يوم الخميس."):
        assert not any(e.plover == "PROTEST" for e in events(called)), called
    # a call or recommendation named by a noun
    for called in ("وأكد المجتمعون على دعوة لجنة المتابعة العليا بالإضراب الشامل في كل المدن يوم غد.",
                   "قرر الاتحاد العمالي العام رفع توصية بالإضراب إلى المؤتمر النقابي العام."):
        assert not any(e.plover == "PROTEST" for e in events(called)), called


@pytest.mark.parametrize("text", [
    "وثقت الشبكة السورية لحقوق الإنسان مقتل 3 آلاف مدني خلال عام 2022 في سوريا.",  # a year's count
    "وتشن قوات الاحتلال حملات اعتقال شبه يومية في مدن الضفة الغربية.",  # a habit
    "واعتقلت قوات الاحتلال عشرات الشبان خلال الشهور الماضية في مدن الضفة الغربية.",  # a run of months
    "وشهدت الأسابيع الأخيرة، اشتباكات عنيفة بين المتظاهرين وقوات الأمن في الإقليم.",  # ... named before
    "وقتل عشرات الجنود في الشهور الأخيرة قرب الحدود في غارات شنها المسلحون.",  # ... before its trigger
])
def test_a_years_count_a_habit_and_a_run_of_months_are_tallies(text: str) -> None:
    assert events(text) == []


def test_deaths_of_last_year_recalled_beside_todays_news_are_background() -> None:
    found = _assaults("قتل ثلاثة أشخاص في اشتباكات قبلية في مدينة كسلا شرقي السودان اليوم.\n"
                      "وتشهد المنطقة توترات قبلية قتل على إثرها نهاية العام الماضي عشرات الأشخاص.")
    assert len(found) == 1 and "اليوم" in found[0]


@pytest.mark.usefixtures("rules_decide")
def test_killings_since_then_are_a_tally() -> None:
    found = events("قتل 12 مدنيا في هجوم على قرية في وسط مالي.\nوانتشر المسلحون منذئذ في دول أخرى وقتلوا الآلاف.")
    assert [e.fatalities for e in found if e.plover == "ASSAULT"] == [12]


@pytest.mark.usefixtures("rules_decide")
def test_a_comma_closing_the_callers_name_does_not_close_the_call() -> None:
    assert not any(e.plover == "PROTEST" for e in events(
        "دعت قيادة القوى الوطنية والإسلامية، إلى الإضراب الشامل في كل الأراضي الفلسطينية يوم غد."))


@pytest.mark.usefixtures("rules_decide")
def test_reinforcements_recalled_as_they_were_back_then_are_background() -> None:
    found = events("دفعت قوات النظام السوري أمس بتعزيزات عسكرية إلى أطراف مدينة منبج.\n"
                   "وتألفت التعزيزات وقتها من 40 سيارة عسكرية، وتم توزيعها إلى منطقة العوسجلي شرقي حلب.")
    assert [e.evidence.text[:4] for e in found if e.plover == "MOBILIZE"] == ["دفعت"]


def test_a_state_of_emergency_is_no_event_and_martial_law_is() -> None:
    """A state of emergency declared or extended is a legal act (guideline 6 names arrests, curfews
    and seizures; the development and unseen articles and the labelled sentences code none), and
    hospitals on emergency footing are not even that; martial law imposed is still coercion."""
    assert events("وتم إعلان حالة الطوارئ في مستشفيات مدينة كويتا لاستقبال الضحايا.") == []
    assert events("أعلنت الحكومة حالة الطوارئ في البلاد لمدة ثلاثة أشهر.") == []
    assert events("ووافق البرلمان على قرار الرئيس بتمديد حالة الطوارئ في شمال سيناء ثلاثة أشهر.") == []
    assert [e.plover_mode for e in events("وفرض الجيش الأحكام العرفية في العاصمة.")] == ["martial-law"]


@pytest.mark.usefixtures("rules_decide")
def test_without_a_publication_date_the_latest_year_named_dates_the_text() -> None:
    """A text that names 2015 was written in 2015 or later: its bombing of 2007 is history."""
    text = ("قتل خمسة جنود في هجوم على حاجز في مدينة العريش في مارس 2015.\n"
            "وكان مسلحون قد فجروا سيارة مفخخة في المدينة عام 2007 ما أدى إلى مقتل عشرة أشخاص.")
    found = [e.evidence.text for e in rasid.extract(text, None).events if e.plover == "ASSAULT"]
    assert len(found) == 1 and "2015" in found[0]


def test_without_a_publication_date_an_event_long_before_the_latest_is_background() -> None:
    text = ("اعتقلت قوات الأمن 12 ناشطا في مدينة بني سويف يوم 28 ديسمبر 2015.\n"
            "وقالت مصادر حقوقية إن الحملة طالت معارضين في عدة محافظات.\n"
            "وكانت قوات الأمن قد اعتقلت 30 ناشطا في مدينة المنيا في 3 مارس 2014.")
    assert [e.date for e in rasid.extract(text, None).events if e.plover == "COERCE"] == ["2015-12-28"]


def test_without_a_publication_date_an_event_dated_by_month_and_year_is_background() -> None:
    """News dates its own happenings by the day; 'في بداية نوفمبر 2016' recalls an older one."""
    text = ("قتل ثلاثة جنود في هجوم على نقطة تفتيش قرب مدينة ديفا أمس الأحد.\n"
            "وقالت مصادر أمنية إن المهاجمين فروا نحو الحدود.\n"
            "وفي بداية نوفمبر 2016، قتل خمسة جنود في هجوم على قرية قرب بحيرة تشاد.")
    found = [e.evidence.text for e in rasid.extract(text, None).events if e.plover == "ASSAULT"]
    assert len(found) == 1 and "ديفا" in found[0]


@pytest.mark.usefixtures("rules_decide")
def test_a_demand_whose_object_the_lexicon_spells_with_its_ba_is_no_event() -> None:
    """'طالبت ... بإعدام': the lexicon's pattern carries the bā' ('باعدام'), the prefix is empty."""
    assert not any(e.plover == "ASSAULT" for e in events("وكانت النيابة قد طالبت أمس في مرافعتها بإعدام خمسة متهمين."))


def test_armoured_units_moved_to_a_border_are_a_deployment() -> None:
    """Iraqi 'قطعات' (units): 'بتحرك قطعات مدرعة من الجيش لإسناد الحدود'."""
    moved = events("أفادت وزارة الدفاع العراقية اليوم بتحرك قطعات مدرعة من الجيش لإسناد الحدود مع سوريا.")
    assert [(e.plover, e.plover_mode) for e in moved] == [("MOBILIZE", "troops")]


@pytest.mark.usefixtures("rules_decide")
def test_an_anniversary_recalls_the_blast_it_marks() -> None:
    """'ويحيي اللبنانيون ذكرى مرور عام على انفجار مرفأ بيروت': history, whatever the gate scores;
    a protest held on an anniversary is still a protest."""
    assert events("ويحيي اللبنانيون ذكرى مرور عام على انفجار مرفأ بيروت الذي أودى بحياة أكثر من مئتي شخص.",
                  "2021-08-04") == []
    assert [e.plover for e in events("تظاهر الآلاف في ذكرى الثورة في ساحة التحرير بالقاهرة.")] == ["PROTEST"]


def test_shots_into_the_air_hit_no_one() -> None:
    """'وأطلقت الشرطة الرصاص في الهواء': warning shots are no attack; shots at protesters are."""
    assert not any(e.plover == "ASSAULT" for e in events("وأطلقت الشرطة الرصاص في الهواء قرب مقر البرلمان."))
    assert not any(e.plover == "ASSAULT" for e in events("وأطلق الجنود طلقات تحذيرية قرب الحاجز العسكري."))
    assert [e.plover for e in events("وأطلقت الشرطة الرصاص على المحتجين قرب مقر البرلمان.")] == ["ASSAULT"]


def test_an_attempted_arrest_is_no_arrest() -> None:
    """'في محاولة لاعتقال شاب': the raid happened, the arrest was only tried."""
    tried = events("داهمت قوات الاحتلال منزلا في بلدة بيتا في محاولة لاعتقال شاب مطلوب.")
    assert [e.plover_mode for e in tried] == ["raid"]
    assert events("فشلت محاولة لاعتقال القيادي في مدينة جنين.") == []
    assert [e.plover_mode for e in events("اعتقلت الشرطة خمسة متظاهرين أمام البرلمان.")] == ["arrest"]


def test_the_dead_a_raid_resulted_in_are_the_fight_it_became() -> None:
    """'أسفرت عملية مداهمة ... عن مصرع 7 عناصر': the raid that killed seven is one armed clash, not a
    raid whose dead are left out (the gate decides here, as in an article)."""
    text = ("أسفرت عملية مداهمة الوكر الإرهابي التي قامت بها قوات الأمن المصري اليوم بمنطقة الأميرية بالعاصمة "
            "القاهرة، عن مصرع 7 عناصر إرهابية، وضبط مجموعة من الأسلحة والذخائر.")
    found = [(e.plover, e.plover_mode, e.fatalities) for e in events(text)]
    assert ("ASSAULT", 7) in [(p, f) for p, _, f in found] and not any(mode == "raid" for _, mode, _ in found)


def test_a_crowd_gathering_is_a_protest_and_a_military_buildup_is_not() -> None:
    """'احتشادا كبيرا لأساتذة التعاقد' is a protest; 'احتشاد عسكري' is no crowd."""
    gathered = events("وعرفت ساحة باب الأحد بالرباط احتشادا كبيرا لأساتذة التعاقد يوم الأحد.")
    assert [e.plover for e in gathered] == ["PROTEST"]
    assert not any(e.plover == "PROTEST" for e in events("وأشار إلى احتشاد عسكري تركي على الحدود."))


def test_tyres_set_on_fire_are_a_riot() -> None:
    """'أضرم المحتجون النار في العجلات المطاطية' (Maghrebi 'العجلات'): guideline 5, a riot."""
    found = events("أضرم المحتجون النار في العجلات المطاطية في حي التضامن بالعاصمة تونس ليلة أمس.")
    assert [(e.plover, e.plover_mode) for e in found] == [("PROTEST", "riot")]
    fires = events("وأقدم المحتجون على إضرام النيران في إطارات تالفة في عدة طرق رئيسية بمدينة عدن.")
    assert [(e.plover, e.plover_mode) for e in fires] == [("PROTEST", "riot")]


def test_its_signs_are_no_demonstration() -> None:
    """'كان أول مظاهره انهيار البورصة': مظاهر + ه (its signs) is spelt as 'مظاهرة' once ة is folded."""
    assert events("تهاوت البورصة بشكل سريع خلال أول ساعتين من التداولات الصباحية اليوم، على إثر رفع سعر الفائدة "
                  "في البنوك بنحو 2%.\nوتراجع المؤشر الرئيسي بنحو 2.5% عند مستوى 12.710 نقطة.\n"
                  "وأقرت لجنة السياسات النقدية بالبنك المركزي أمس رفع سعر الفائدة في مصر بنحو 2% الأمر الذي له "
                  "نتائج سلبية عدة على الاقتصاد، كان أول مظاهره انهيار البورصة.") == []
    assert [e.plover for e in events("خرجت أول مظاهرة ضد الحكومة في مدينة صفاقس أمس.")] == ["PROTEST"]


def test_a_protest_as_the_purpose_of_a_strike_called_for_is_called_for_too() -> None:
    """'دعا الاتحاد إلى إضراب ... احتجاجا على السياسات': the strike is asked for, and so is the
    protest it would be; a protest that qualifies a strike held is that strike."""
    assert not any(e.plover == "PROTEST" for e in events(
        "دعا الاتحاد العام التونسي للشغل إلى إضراب جديد على مستوى البلاد في القطاع العام، بما في ذلك "
        "الشركات الحكومية احتجاجا على السياسات الاقتصادية للحكومة."))
    held = events("أضرب عمال الموانئ في تونس اليوم عن العمل، بما في ذلك عمال الشحن، احتجاجا على تأخر رواتبهم.")
    assert [e.plover for e in held] == ["PROTEST"]


def test_the_aim_or_the_perpetrators_of_an_abduction_recall_it() -> None:
    """'بأن هدف اختطاف التونسيين هو المقايضة': the aim of an abduction told before is an argument
    of the statement, not an abduction of its own; 'بشخص ليبي مسجون في تونس' is where a man is
    held, not a scene that would make it another abduction."""
    found = events("عمدت مجموعة ليبية مسلحة يوم أمس الخميس، إلى اختطاف 14 تونسيا، 12 منهم يعملون في مصفاة للنفط "
                   "بمدينة الزاوية غرب العاصمة الليبية طرابلس، عندما كانوا على متن حافلة في اتجاه مقر عملهم.\n"
                   "وكشف رئيس المرصد التونسي لحقوق الإنسان في تصريحات إعلامية، بأن هدف اختطاف التونسيين هو "
                   "مقايضتهم بشخص ليبي مسجون في تونس في قضية حق عام.")
    assert len([e for e in found if e.plover == "ASSAULT"]) == 1


def test_an_arrest_with_its_place_before_ala_is_an_arrest() -> None:
    """'وتم القبض بمنطقة جانت على أربعة أشخاص': the place stands between 'القبض' and 'على'."""
    found = events("وتم القبض بمنطقة جانت الصحراوية جنوب الجزائر على أربعة أشخاص من جنسيات مختلفة.")
    assert [(e.plover, e.plover_mode) for e in found] == [("COERCE", "arrest")]


def test_a_cache_found_is_a_seizure() -> None:
    """'كشفت مفرزة للجيش مخبأ يحوي كمية من الذخيرة' (ACLED Disrupted weapons use); a spokesman
    revealing details is nothing of the kind."""
    found = events("وكشفت مفرزة للجيش بعين قزام مخبأ يحوي على كمية كبيرة من الذخيرة.")
    assert ("COERCE", "seize") in [(e.plover, e.plover_mode) for e in found]
    assert not any(e.plover == "COERCE" for e in events("وكشف المتحدث عن تفاصيل الهجوم على الحاجز."))


@pytest.mark.parametrize("text", [
    "وعادة ما تشهد مناطق الضفة الغربية اقتحامات إسرائيلية، تتخللها عمليات اعتقال وتحقيق ميداني.",  # a habit
    "وشهدت مدينة الخليل احتجاز عدة مركبات حيث عمد الجنود إلى تفتيشها.",  # vehicles held
    "وقال إن قوات الأمن أطلقت النار بكثافة في الهواء قرب مبنى المحافظة.",  # shots into the air
])
def test_counts_habits_history_and_held_vehicles_are_no_events(text: str) -> None:
    assert not any(e.plover in ("ASSAULT", "COERCE") for e in events(text))


@pytest.mark.parametrize("text", [
    # a month's count, and a monitor's report told on
    "وقتل 94 مدنيا في سوريا خلال شهر آب المنصرم بحسب الشبكة السورية لحقوق الإنسان.",
    "وقتل 86 مدنيا في سوريا خلال تموز الماضي.",
    "وأضاف التقرير أن 25 شخصا بينهم عشرة أطفال قتلوا في قصف القوات الروسية.",
    # months that saw many happenings, told before them
    "والجدير بالذكر أن البلدة قد شهدت خلال الأشهر الماضية العديد من العمليات العسكرية، بما في ذلك عمليات قصف للمنازل.",
    # what had happened before: background
    "خاصة أن الحركة سبق أن استهدفت مطعما في العاصمة، وأسفر الهجوم عن مقتل 76 شخصا.",
    # this month's count, and the month that was the highest
    "وقتلت الجماعة 19 مدنيا في الصومال خلال هذا الشهر.",
    "وكان شهر كانون الثاني هو الأعلى في عدد الضحايا إذ شهد مقتل 600 مواطن.",
    # earlier this month: before the news
    "وقتل مقاتلو الحركة 19 مدنيا في وسط الصومال في وقت سابق هذا الشهر.",
    # on this day, years ago: an anniversary's history
    "وفي مثل هذا اليوم شنت الطائرات ضربة جوية على مواقع العدو وقتلت عشرات الجنود.",
])
@pytest.mark.usefixtures("rules_decide")  # the cues decide: no gate may overrule a tally or history
def test_a_months_count_a_report_and_what_had_happened_before_are_no_events(text: str) -> None:
    assert not any(e.plover == "ASSAULT" for e in events(text))


@pytest.mark.usefixtures("rules_decide")  # no trigger at all: nothing for a gate to score
def test_a_sides_attacks_as_its_own_are_a_trend() -> None:
    """'وتواصل الحركة هجماتها', 'تعهدها بتصعيد هجماتها': a side's attacks named as its own are what
    it does, not a happening."""
    assert not any(e.plover == "ASSAULT" for e in events(
        "وتواصل الحركة هجماتها الفتاكة بالقنابل والأسلحة رغم إخراجها من قواعدها في العاصمة مقديشو."))
    assert [e.plover for e in events("وشن مسلحون هجمات على ثلاث قرى في ولاية بورنو أمس.")] == ["ASSAULT"]


@pytest.mark.parametrize("text, plover", [
    # prisoners held: a count, no arrest
    (("اعتقلت قوات الاحتلال الإسرائيلي فجر اليوم ثلاثة شبان من مدينة نابلس.\n"
      "وتعتقل سلطات الاحتلال في سجونها أكثر من عشرة آلاف فلسطيني موزعين على عدة سجون."), "COERCE"),
    # years after a killing: history
    (("قتل ثلاثة أشخاص في اشتباكات بين ميليشيات في العاصمة الليبية طرابلس أمس.\n"
      "فبعد عامين على مقتل الزعيم السابق معمر القذافي ما زالت الميليشيات مسيطرة في ليبيا."), "ASSAULT"),
])
def test_background_counts_and_history_beside_the_news_are_no_events(text: str, plover: str) -> None:
    assert len([e for e in events(text) if e.plover == plover]) == 1


def test_an_arrest_as_a_purpose_was_not_made() -> None:
    assert not any(e.plover == "COERCE" for e in events(
        "وقال إن قوات الأمن نفذت عملية أمنية في مدينة معان لاعتقال شخصين مطلوبين."))


def test_a_road_blocked_by_a_protest_is_that_protest() -> None:
    """Guideline 5: blocking roads is what makes a protest a riot, one event with it."""
    found = events("تظاهر أكثر من مئة شخص أمام مبنى المحافظة في مدينة معان أمس وقطعوا الطريق الرئيسي.")
    assert [e.plover for e in found] == ["PROTEST"]


def test_a_county_is_no_boycott() -> None:
    """'في مقاطعة مانديرا', 'بالمقاطعة الحدودية': a place, not a boycott."""
    county = events("وقتل عشرات من أفراد الأمن في هجوم على مركبتهم.\nقال مسؤول حكومي في مقاطعة مانديرا بشمال "
                    "شرق كينيا إن خمسة من رجال الشرطة قتلوا في هجوم على مركبتهم بالمقاطعة الحدودية مع الصومال.")
    assert not any(e.plover == "PROTEST" for e in county)
    # a district taken or counted ('مقاطعة ثانية'), and a call to boycott, are no boycott either
    for text in ("وقال مسؤولون محليون إن حركة طالبان سيطرت على مقاطعة ثانية في إقليم تخار شمال أفغانستان.",
                 "ورفع المشاركون الأعلام ورددوا شعارات داعية إلى مقاطعة الشركات الأجنبية أمام البرلمان."):
        assert not any(e.plover == "PROTEST" and e.plover_mode == "boycott" for e in events(text)), text


@pytest.mark.usefixtures("rules_decide")
def test_a_toll_since_a_revolution_began_is_a_tally() -> None:
    """'لقوا مصرعهم منذ اندلاع الثورة': the dead of years, told after the trigger too."""
    assert events("ويقول الاتحاد الدولي لحقوق الإنسان إن 80 شخصا لقوا مصرعهم منذ اندلاع الثورة في 14 فيفري "
                  "2011.", "2012-04-21") == []


def test_protesters_storming_a_building_are_a_riot_and_a_force_raiding_is_a_raid() -> None:
    stormed = events("متظاهرون يقتحمون مبنى مجلس محافظة البصرة في العراق")
    assert [(e.plover, e.plover_mode) for e in stormed] == [("PROTEST", "riot")]
    raided = events("واقتحمت قوات الاحتلال مخيم جنين فجر اليوم.")
    assert [(e.plover, e.plover_mode) for e in raided] == [("COERCE", "raid")]
    # an armed group storming a base attacks it
    stormed = events("وذكرت وكالة رويترز أن حركة الشباب الصومالية اقتحمت قاعدة عسكرية في منطقة لامو بكينيا.")
    assert [e.plover for e in stormed] == ["ASSAULT"]


def test_a_new_crowd_burning_a_building_is_a_riot() -> None:
    """'أحرق محتجون مكتب مجلس النواب': protesters' arson is a violent demonstration (guideline 5),
    their chanting a peaceful one."""
    burned = events("أحرق محتجون في مدينة البصرة بجنوب العراق مكتب مجلس النواب مساء اليوم.")
    assert [(e.plover, e.acled_sub_event_type) for e in burned] == [("PROTEST", "Violent demonstration")]
    chanted = events("هتف محتجون في البصرة ضد الحكومة اليوم.")
    assert [(e.plover, e.acled_sub_event_type) for e in chanted] == [("PROTEST", "Peaceful protest")]


@pytest.mark.usefixtures("rules_decide")
def test_a_crowd_that_set_about_blocking_a_road_is_a_road_block_and_a_force_closing_one_is_not() -> None:
    blocked = events("وفي سياق متصل، قام محتجون آخرون بقطع جسر الرينغ في بيروت مستخدمين الإطارات المشتعلة.")
    assert ("PROTEST", "obstruct") in [(e.plover, e.plover_mode) for e in blocked]
    closed = events("قامت قوات الأمن بقطع الطريق المؤدي إلى المدينة.")
    assert not any(e.plover == "PROTEST" for e in closed)


@pytest.mark.usefixtures("rules_decide")
def test_weapons_seized_or_destroyed_are_acled_disrupted_weapons_use() -> None:
    """Guideline 6: a weapons seizure is ACLED's Strategic developments / Disrupted weapons use."""
    for text in ("وضبطت الأجهزة الأمنية في مدينة الزرقاء ترسانة أسلحة كانت مخبأة في مزرعة.",
                 "وكانت قوات الأمن صادرت قبل يومين كمية كبيرة من الأسلحة والذخائر في البلدة.",
                 "وفي ولاية تيزي وزو، دمر الجيش الجزائري مخبأ للذخيرة يحتوي على ثماني قذائف."):
        found = [(e.plover, e.acled_sub_event_type) for e in events(text)]
        assert found == [("COERCE", "Disrupted weapons use")], text


def test_nonblank_runs_are_what_the_pattern_finds() -> None:
    """The runs detection counts words by (`detect._runs`, placed from the tokeniser's pieces in a
    one-line text) are those of `\\S+`, whatever blanks the text holds: random texts, seeded."""
    rng = random.Random(9)
    pieces = ["قتل", "ا", "١2", "3.5", "،", ".", "(", " ", " ", "  ", "\n", "\n ", "\t", "\u00a0", "\u2028", "\x1c", "\u200f"]
    for _ in range(3_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 16)))
        found = list(re.finditer(r"\S+", text))
        expected = ([m.start() for m in found], [m.end() for m in found])
        assert detect._runs(text, tokenize(text).pieces) == expected == detect._runs(text), repr(text)


def test_drones_are_no_marches():
    """'المسيرات' are marches, or drones when a word says so ('المسيرات الجوية', 'المسيرات
    الإسرائيلية'): a blocker of triggers.tsv."""
    for drones in ("وقصفت المسيرات الجوية أحياء المدينة لليوم الثاني على التوالي.",
                   "وحلقت المسيرات الإسرائيلية فوق مدينة صور طوال الليل."):
        assert not any(e.plover == "PROTEST" for e in events(drones)), drones
    marched = events("وجابت المسيرات شوارع مدينة صور مساء أمس احتجاجا على الغلاء.")
    assert any(e.plover == "PROTEST" for e in marched)


def test_forces_named_before_their_verb_deploy_and_a_spreading_rumour_does_not() -> None:
    """'قوات من الجيش انتشرت': the subject put first makes the deployment (the 'subject:forces'
    rows); the same verb of a rumour or a disease is no event."""
    deployed = events("وحسب شهود عيان فإن قوات من الجيش انتشرت في كل تقاطعات مدينة بورتسودان.")
    assert [(e.plover, e.plover_mode) for e in deployed if e.main] == [("MOBILIZE", "troops")]
    assert events("وانتشرت الشائعات في كل أنحاء مدينة بورتسودان.") == []
    assert events("وانتشر الوباء في كل أنحاء مدينة بورتسودان.") == []


def test_forces_named_after_their_verb_past_a_figure_deploy_and_forces_in_a_phrase_do_not() -> None:
    """'انتشر أكثر من 3000 شرطي': the subject after the verb, past a figure or a quantity, makes the
    deployment too; forces after a preposition ('في صفوف الجنود') are no subject of it."""
    for text in ("انتشر أكثر من 3000 شرطي وجندي في وسط العاصمة عمان توطئة للمظاهرات.",
                 "وتمركز عدد من مدرعات الجيش أمام المتحف المصري في القاهرة."):
        assert [e.plover for e in events(text) if e.main] == ["MOBILIZE"], text
    assert events("وانتشرت الأوبئة في صفوف الجنود في مدينة بورتسودان.") == []
    assert events("وانتشر الخبر بسرعة بين عناصر الأمن في مدينة بورتسودان.") == []


@pytest.mark.usefixtures("rules_decide")  # the triggers are tested here; a report near the threshold is the gate's call
def test_an_army_pushing_battalions_and_exercises_getting_under_way_are_mobilisations() -> None:
    """'دفعت بكتائب', 'تم الدفع بعدد كبير من المدرعات', 'انطلقت مناورات', 'دفع متحركا', 'عززت من وجودها':
    forces sent in, a presence reinforced and exercises begun (MOBILIZE, as sentences-dev codes them)."""
    for text in ("وأفادت مصادر أن قوات الجيش دفعت بكتائب من الحرس الجمهوري إلى محيط مبنى التلفزيون في القاهرة.",
                 "وتم الدفع بعدد كبير من المدرعات إلى مداخل ميدان التحرير في القاهرة.",
                 "وانطلقت مناورات عسكرية مشتركة بين الجيشين في مدينة العقبة.",
                 # a Sudanese army convoy ('متحرك') pushed forward, a presence reinforced
                 "وأفادت مصادر عسكرية بأن الجيش السوداني دفع متحركا عسكريا كبيرا إلى ولاية النيل الأزرق.",
                 "وعززت قوات الأمن من وجودها منذ الصباح في شوارع القاهرة وحول مقر نقابة الصحفيين."):
        assert [e.plover for e in events(text)] == ["MOBILIZE"], text


def test_the_dead_and_hurt_of_an_accident_are_no_attack() -> None:
    """Guideline 3: a traffic accident, a gas cylinder or a fuel tank takes its dead and hurt as an
    attack does ('لقي ... مصرعهم', 'إصابة 25 آخرين'), wherever the sentence names the cause; an
    attack's own trigger in such words is still one."""
    for text in ("لقي خمسة أشخاص مصرعهم وأصيب عشرة آخرون في حادث سير على الطريق الدولي قرب مدينة حمص.",
                 ("أعلنت الشرطة مقتل عشرين شخصا على الأقل وإصابة خمسة وعشرين آخرين في وقت مبكر من اليوم "
                  "السبت جراء انفجار اسطوانة غاز في مطعم مزدحم في مدينة لاهور."),
                 "أصيب 20 شخصا في انفجار خزان وقود بمحطة في مدينة البصرة."):
        assert events(text) == [], text
    assert [e.plover for e in events("قتل ثلاثة أشخاص في انفجار عبوة ناسفة في مدينة الرمادي.")] == ["ASSAULT"]


@pytest.mark.usefixtures("rules_decide")  # a negation and a blocker: the rules' words, not the gate's call
def test_no_one_claiming_an_attack_and_a_detention_that_lasted_report_none() -> None:
    """'ولم تعلن أي جهة مسؤوليتها عن الهجوم' refers to the attack told, and 'بعد اعتقال دام خمسة أشهر'
    gives a detention's length at a release: neither reports an event of its own; a group claiming
    the attack still does."""
    assert events("ولم تعلن أي جهة مسؤوليتها عن الهجوم على الحاجز في مدينة العريش.") == []
    released = events("أفرجت السلطة الفلسطينية اليوم الجمعة عن ستة شبان في رام الله بعد اعتقال دام نحو خمسة أشهر.")
    assert not any(e.plover == "COERCE" for e in released)
    claimed = events("أعلن تنظيم داعش مسؤوليته عن الهجوم الذي استهدف حاجزا للجيش في مدينة العريش.")
    assert [e.plover for e in claimed] == ["ASSAULT"]


def test_a_movement_a_charge_a_running_total_and_the_arab_spring_are_no_protest() -> None:
    """Words of protest that tell none: the movement that leads protests ('التي تقود الحركة
    الاحتجاجية'), what the arrested are charged with ('تورطوا في أعمال شغب'), the arrests since the
    protests began ('منذ بداية الاحتجاجات', a running total) and the Arab Spring (history)."""
    text = ("تونس - اعتقلت الشرطة التونسية الخميس 151 شخصا تورطوا في أعمال شغب في عدة مدن، بحسب وزارة الداخلية.\n"
            "وقال المتحدث باسم الوزارة إن عدد المعتقلين ارتفع إلى 778 شخصا.\n"
            "واعتقلت السلطات نحو 780 شخصا منذ بداية الاحتجاجات على ميزانية 2018.\n"
            "وكانت حركة فاش تستناو التي تقود الحركة الاحتجاجية على غلاء الأسعار قد دعت إلى تظاهرات جديدة.\n"
            "ويوافق الأحد ذكرى الإطاحة بالرئيس زين العابدين بن علي الذي كان أول زعيم يطاح به في احتجاجات الربيع العربي.\n")
    found = rasid.extract(text, "2018-01-12").events
    assert not [e for e in found if e.plover == "PROTEST"]
    assert [e.plover for e in found if e.plover == "COERCE"] == ["COERCE"]


@pytest.mark.usefixtures("rules_decide")
def test_what_a_state_is_about_to_do_is_no_event() -> None:
    """'بصدد نشر' (about to deploy) announces a deployment, as 'تعتزم' does."""
    assert not [e for e in events("قال مسؤول في وزارة الدفاع إن الولايات المتحدة بصدد نشر قرابة 3500 جندي إضافي في الشرق الأوسط.")
                if e.main and e.plover == "MOBILIZE"]


@pytest.mark.usefixtures("rules_decide")
def test_protests_entering_their_third_month_are_a_tally() -> None:
    """'ودخلت الاحتجاجات شهرها الثالث': months of protests summed up, not one protest (guideline 3)."""
    assert not [e for e in events("ودخلت الاحتجاجات الشعبية في السودان شهرها الثالث منذ انطلاقتها نهاية العام الماضي.")
                if e.plover == "PROTEST"]


@pytest.mark.usefixtures("rules_decide")  # the cues decide, whatever the gate makes of the words
def test_a_cyclone_a_cyber_attack_and_a_yearly_report_are_no_attack() -> None:
    """The hard negatives of news that is not about violence: a cyclone's dead (guideline 3: not an
    attack), a cyber attack that 'targets' ministries, and the yearly figures of
    a monitoring report (a tally); a shelling in the same words is still an attack."""
    for text in ("ضرب الإعصار المداري سلطنة عمان اليوم الأحد متسببا في مقتل ثلاثة أشخاص على الأقل.",
                 "أعلنت الحكومة عن تعرضها لهجوم سيبراني كبير استهدف أمس عددا من المؤسسات الحكومية.",
                 "كشف أحدث تقرير لمرصد الألغام الأرضية عن مقتل 1661 شخصا وإصابة 3015 آخرين بانفجار الألغام."):
        assert events(text) == [], text
    assert [e.plover for e in events("قتل ثلاثة أشخاص في قصف مدفعي استهدف أمس قرية في ريف حماة.")] == ["ASSAULT"]


def test_a_slogan_calls_for_what_it_names() -> None:
    """'حاملين لافتات كتب عليها "أوقفوا الإبادة"': the slogan's 'أوقفوا' (stop!) is no arrest; the
    arrest of ten marchers told after it is one."""
    assert events("وقف المشاركون أمام السفارة حاملين لافتات كتب عليها «أوقفوا الإبادة في غزة» و«الإنسانية أولا».") == []
    found = events("ورفع المحتجون لافتات كتب عليها «أوقفوا القتل» قبل أن تعتقل الشرطة عشرة منهم في القاهرة.")
    assert [e.plover for e in found] == ["COERCE"]


def test_an_operation_aimed_at_arrests_proposes_no_attack() -> None:
    """'استهدفت العملية توقيف 25 مشتبها': what an operation aimed at, not a strike on a target."""
    from rasid.pipeline.analysis import Analysis
    from rasid.pipeline.detect import detect
    from rasid.pipeline.layout import find_layout
    an = Analysis("وأشارت الوزارة إلى أن العملية استهدفت توقيف 25 مشتبها في العاصمة أنقرة.", None, [])
    assert not [m for m in detect(an, find_layout(an.nt, an.sentences)) if m.plover == "ASSAULT"]


@pytest.mark.parametrize("text, plover, mode", [
    # an 'air aggression' is an air strike; a 'national march' a protest
    ("ونفذ الطيران الحربي عدوانا جويا على بلدة في الجنوب.", "ASSAULT", "aerial"),
    ("وجابت مسيرة وطنية شوارع العاصمة الرباط صباح اليوم.", "PROTEST", "demo"),
    # clashes whose wounded were hit by rubber bullets and tear gas are a riot, not a battle
    ("واندلعت مواجهات في البلدة الليلة الماضية أسفرت عن إصابة شاب بالرصاص المطاطي وآخرين بالاختناق.",
     "PROTEST", "riot"),
])
def test_words_of_air_strikes_marches_and_riots(text: str, plover: str, mode: str) -> None:
    assert [(e.plover, e.plover_mode) for e in events(text) if e.main] == [(plover, mode)]


@pytest.mark.parametrize("text", [
    # the dead a verb tells in a sentence that names an accident are the accident's (guideline 3)
    "قتل خمسة أشخاص وأصيب ثلاثة آخرون في حادث سير على طريق بغداد البصرة اليوم.",
    "وذكرت الوكالة أن عاملين قتلا عندما انهار تل على منطقة صناعية في مسقط.",
])
def test_the_dead_of_an_accident_told_by_a_verb_are_no_attack(text: str) -> None:
    assert [e for e in events(text) if e.plover == "ASSAULT"] == []
