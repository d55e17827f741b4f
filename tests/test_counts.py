"""Fatalities, injured and arrested from digits, number words, duals and vague quantities."""

from __future__ import annotations

import pytest

from rasid import extract
from rasid.pipeline.analysis import Analysis
from rasid.pipeline.counts import find_counts

# (sentence, field, expected value)
CASES = [
    ("قتل 13 عنصرا من تنظيم داعش في غارة", "fatalities", 13),
    ("قتل ١٣ عنصرا من تنظيم داعش في غارة", "fatalities", 13),
    ("أسفر الهجوم عن مقتل خمسة جنود", "fatalities", 5),
    ("أسفر الهجوم عن مقتل ثلاثة مدنيين", "fatalities", 3),
    ("أسفر الهجوم عن مقتل خمسة وعشرين شخصا", "fatalities", 25),
    ("أسفر الهجوم عن مقتل ثلاثة عشر شخصا", "fatalities", 13),
    ("أسفر الهجوم عن مقتل أحد عشر جنديا", "fatalities", 11),
    ("أسفر الهجوم عن مقتل اثني عشر جنديا", "fatalities", 12),
    ("أسفر الهجوم عن مقتل عشرين شخصا", "fatalities", 20),
    ("أسفر الهجوم عن مقتل مئة شخص", "fatalities", 100),
    ("أسفر الهجوم عن مقتل مائة وخمسين شخصا", "fatalities", 150),
    ("أسفر الهجوم عن مقتل ثلاث مئة شخص", "fatalities", 300),
    ("أسفر الهجوم عن مقتل ثلاثمائة شخص", "fatalities", 300),
    ("أسفر الهجوم عن مقتل مئتي شخص", "fatalities", 200),
    ("أسفر الهجوم عن مقتل ألفي شخص", "fatalities", None),
    ("أسفر القصف عن مقتل عشرات المدنيين", "fatalities", 12),
    ("أسفر القصف عن مقتل مئات المدنيين", "fatalities", 100),
    ("أسفر القصف عن مقتل عدة أشخاص", "fatalities", 3),
    ("أسفر القصف عن مقتل بضعة أشخاص", "fatalities", 3),
    ("أسفر القصف عن مقتل عدد من المدنيين", "fatalities", None),
    ("أسفر القصف عن مقتل عدداً من المدنيين", "fatalities", None),
    ("أسفر القصف عن مقتل 7 على الأقل", "fatalities", 7),
    ("أسفر القصف عن مقتل أكثر من 40 شخصا", "fatalities", 40),
    ("أسفر القصف عن مقتل نحو 30 شخصا", "fatalities", 30),
    ("أسفر القصف عن مقتل حوالي 60 شخصا", "fatalities", 60),
    ("أسفر الانفجار عن سقوط 5 قتلى", "fatalities", 5),
    ("أسفر الانفجار عن 12 قتيلا", "fatalities", 12),
    ("أسفر الانفجار عن ثلاثة قتلى", "fatalities", 3),
    # one pupil killed: the hundreds after the next verb were abducted
    ("قتل المسلحون تلميذا واحدا واختطفوا مئات آخرين", "fatalities", 1),
    ("قتل المسلحون تلميذا واختطفوا مئات آخرين", "fatalities", 1),
    ("أسفر الانفجار عن قتيلين", "fatalities", 2),
    ("أسفر الانفجار عن مقتل جنديين", "fatalities", 2),
    ("أسفر الانفجار عن مقتل شخصين", "fatalities", 2),
    ("لقي ثلاثة أشخاص حتفهم في الانفجار", "fatalities", 3),
    ("لقي حتفه 4 أشخاص في الانفجار", "fatalities", 4),
    # one person, carried by a singular noun (issue 15)
    ("سقط قتيل وأصيب ثلاثة آخرون في تبادل لإطلاق النار", "fatalities", 1),
    ("أعلنت الوزارة مقتل فتى برصاص الجيش", "fatalities", 1),
    ("قتلت القوات الإسرائيلية فلسطينيا خلال مداهمة", "fatalities", 1),
    ("أصيب جندي بجروح في انفجار لغم", "injured", 1),
    ("أسفر القصف عن مقتل ثلاث مئة شخص", "fatalities", 300),
    ("استشهد 9 فلسطينيين برصاص الاحتلال", "fatalities", 9),
    ("سقط 6 شهداء في القصف", "fatalities", 6),
    ("قتل 3 وأصيب 10 آخرون في التفجير", "injured", 10),
    ("قتل 3 وأصيب 10 آخرون في التفجير", "fatalities", 3),
    ("أسفر التفجير عن مقتل 4 وإصابة 15 آخرين", "injured", 15),
    ("أسفر التفجير عن مقتل 4 وإصابة 15 آخرين", "fatalities", 4),
    ("أسفر التفجير عن 4 قتلى و20 جريحا", "injured", 20),
    ("أسفر التفجير عن 4 قتلى و20 جريحا", "fatalities", 4),
    ("أسفر التفجير عن جرح سبعة مدنيين", "injured", 7),
    ("أسفر التفجير عن إصابة عشرات المدنيين", "injured", 12),
    ("أسفر التفجير عن ثلاثة جرحى", "injured", 3),
    ("اعتقلت الشرطة 5 أشخاص", "arrested", 5),
    ("اعتقلت قوات سوريا الديمقراطية (SDF) ثلاثة عناصر من تنظيم داعش", "arrested", 3),
    ("أعلنت الشرطة اعتقال اثنين من المشتبه بهم", "arrested", 2),
    ("ألقت قوات الأمن القبض على أربعة مطلوبين", "arrested", 4),
    ("ألقت قوات الأمن القبض على 17 شخصا", "arrested", 17),
    ("نفذت القوات حملة اعتقالات طالت عشرات الشبان", "arrested", 12),
    ("شنت القوات حملة أسفرت عن اعتقال العشرات", "arrested", 12),
    ("قتل 3 أشخاص في هجوم وقع في 2021", "fatalities", 3),
    ("قتل 3 أشخاص في هجوم على بعد 20 كلم من المدينة", "fatalities", 3),
    # figures coordinated under one cue are one toll; figures of two places are not
    ("أعلنت الحكومة مقتل 5 مدنيين، و4 عسكريين و40 إرهابيا في هجوم", "fatalities", 49),
    ("وأسفرت المواجهات عن مقتل سبعة مسلحين ورجل أمن", "fatalities", 8),
    ("وجرى اعتقال شخص في طوباس و24 في أماكن أخرى", "arrested", 1),
    ("قتل 3 جنود وأصيب 5 آخرون", "fatalities", 3),
    # the subject's figure before a verb that agrees with it, not a number in a phrase after it
    ("ذكرت مصادر أن ما لا يقل عن 21 مدنيا قتلوا في هجوم نفذه مسلحون على إحدى القرى", "fatalities", 21),
    # the dead and the wounded in one figure: neither count is known
    ("شهدت بغداد اليوم مقتل وإصابة 11 شخصا إثر انفجار عبوة ناسفة", "injured", None),
    ("شهدت بغداد اليوم مقتل وإصابة 11 شخصا إثر انفجار عبوة ناسفة", "fatalities", None),
    ("غارة أمريكية بطائرة مسيرة تقتل وتصيب 20 يمنيا", "fatalities", None),
    ("غارة أمريكية بطائرة مسيرة تقتل وتصيب 20 يمنيا", "injured", None),
    ("قتل وأصيب عشرات الأشخاص في تفجير انتحاري بسيارة مفخخة", "injured", None),
    ("سقط عشرون قتيلا وجريحا في القصف على البلدة", "injured", None),
    # ... but a subject before the verb is its own figure, and figures of their own stay apart
    ("قال المتحدث إن أستاذا جامعيا قتل وأصيب ستة أشخاص في الانفجار", "injured", 6),
    ("أسفر القصف عن مقتل ثلاثة وإصابة خمسة آخرين", "fatalities", 3),
    ("أسفر القصف عن مقتل ثلاثة وإصابة خمسة آخرين", "injured", 5),
    ("غارة تصيب 7 مدنيين في البلدة", "injured", 7),
    # 'واحد' is one (not و + 'أحد' joined to the noun before), and a singular subject is no figure
    ("أسفر الانفجار عن مقتل شخص واحد على الأقل وإصابة آخر", "fatalities", 1),
    ("ونشرت الشرطة عناصرها في الجادة حيث اعتقل شرطي شخصين على دراجة نارية", "arrested", 2),
    # a life taken, a victim claimed, a martyr's 'ascension'
    ("نفذ مسلح هجوما بشاحنة أودى بحياة أربعة جنود", "fatalities", 4),
    ("وقع الانفجار قرب سوق شعبي وأودت الشظايا بحياة طفلين", "fatalities", 2),
    ("ألقى مجهولون قنبلة على دورية راح ضحيتها شرطي وأصيب اثنان", "fatalities", 1),
    ("أسفر القصف عن ارتقاء ثلاثة فلسطينيين في المخيم", "fatalities", 3),
    ("أدى القصف إلى ارتقاء ضحية من المدنيين", "fatalities", 1),
    ("يسعى المجلس إلى الارتقاء بالخدمات في 12 بلدية", "fatalities", None),
    # a day of the month before the verb is no subject's figure ('وفي 12 آب قتلت')
    ("وفي 12 آب قتلت قوات النظام ثلاثة مدنيين في قصف على المدينة", "fatalities", 3),
    ("وفي يوم الثلاثاء 12، قتلت قوات النظام ثلاثة مدنيين", "fatalities", 3),
    ("وفي 5 كانون الثاني قتل مسلحون جنديين في كمين", "fatalities", 2),
    # thousands after a figure, whatever the case ending ('20 ألف شخص', 'أكثر من 20 ألفا'), not money
    ("أسفرت أعمال العنف عن مقتل 20 ألف شخص", "fatalities", 20000),
    ("أسفرت أعمال العنف عن مقتل أكثر من 20 ألفا", "fatalities", 20000),
    ("دفعت الحكومة 20 ألف دولار لأسر ثلاثة قتلى سقطوا في الهجوم", "fatalities", 3),
]


@pytest.mark.parametrize("text,field,value", CASES)
def test_count_expressions(text: str, field: str, value: int | None) -> None:
    an = Analysis(text)
    found = [c.value for c in find_counts(an, 0, len(an.norm)) if c.field == field]
    assert (min(v for v in found if v is not None) if any(v is not None for v in found) else None) == value


def test_counts_attach_to_the_right_event() -> None:
    res = extract("وقد ادعت مصادر مقربة من قوات سوريا الديمقراطية مقتل 13 عنصراً من تنظيم داعش "
                  "واعتقال اثنين آخرين خلال عملية شنها المسلحون الأكراد صباح أمس (الأحد).", "2022-01-24")
    by_type = {e.plover: e for e in res.events}
    assert by_type["ASSAULT"].fatalities == 13 and by_type["ASSAULT"].arrested is None
    assert by_type["COERCE"].arrested == 2 and by_type["COERCE"].fatalities is None


def test_lowest_figure_wins() -> None:
    ev = extract("قتل 12 شخصا في التفجير، فيما قالت مصادر طبية إن عدد القتلى بلغ 15 قتيلا.", "2022-01-24").events[0]
    assert ev.fatalities == 12


def test_years_and_distances_are_not_counts() -> None:
    an = Analysis("قتل في عام 2014 على بعد 30 كلم من الحدود.")
    assert find_counts(an, 0, len(an.norm)) == []


# ---- the words of each figure (fatalities_span, injured_span, arrested_span) ----------------------

@pytest.mark.parametrize("text,field,words", [
    ("قتل ثلاثة أشخاص في قصف على بلدة سرمين بريف إدلب أمس.", "fatalities", "ثلاثة"),
    ("قتل ١٣ عنصرا من تنظيم داعش في غارة على ريف دير الزور.", "fatalities", "١٣"),  # original digits
    ("أسفر التفجير عن مقتل خمسة وعشرين شخصا وإصابة 15 آخرين في حلب.", "fatalities", "خمسة وعشرين"),
    ("أسفر التفجير عن مقتل خمسة وعشرين شخصا وإصابة 15 آخرين في حلب.", "injured", "15"),
    ("أسفر الانفجار عن مقتل جنديين في درعا.", "fatalities", "جنديين"),
    ("اعتقلت الشرطة 5 أشخاص في البصرة.", "arrested", "5"),
])
def test_a_figure_comes_with_the_span_of_its_words(text: str, field: str, words: str) -> None:
    ev = extract(text, "2022-01-24").events[0]
    span = getattr(ev, f"{field}_span")
    assert span is not None and span.text == words and text[span.start:span.end] == words
    others = {"fatalities", "injured", "arrested"} - {field}
    assert all((getattr(ev, f) is None) == (getattr(ev, f"{f}_span") is None) for f in others)


def test_the_lowest_figure_keeps_its_own_words() -> None:
    text = "قتل 12 شخصا في التفجير، فيما قالت مصادر طبية إن عدد القتلى بلغ 15 قتيلا."
    ev = extract(text, "2022-01-24").events[0]
    assert ev.fatalities == 12 and ev.fatalities_span is not None and ev.fatalities_span.text == "12"


def test_a_merged_event_keeps_the_words_of_a_figure_from_another_sentence() -> None:
    # the headline gives the figure, the body sentence the place and time: one event, whose
    # fatalities_span lies in the headline (a document offset outside its evidence sentence)
    text = "مقتل ثلاثة جنود بهجوم في درعا\nهاجم مسلحون مجهولون حاجزا للجيش في درعا صباح اليوم."
    [ev] = extract(text, "2022-01-24").events
    assert ev.fatalities == 3 and ev.fatalities_span is not None
    assert text[ev.fatalities_span.start:ev.fatalities_span.end] == "ثلاثة"
    assert ev.fatalities_span.end <= ev.evidence.start


@pytest.mark.parametrize("text, figure", [
    # a raised toll is the event counted later, not a competing estimate
    ("قتل خمسة أشخاص في تفجير سيارة مفخخة في بغداد. وارتفع عدد القتلى لاحقا إلى 12 قتيلا.", 12),
    ("قتل خمسة أشخاص في تفجير سيارة مفخخة في بغداد. وارتفعت حصيلة ضحايا التفجير إلى 12 قتيلا.", 12),
    # a tally over a period raises nothing
    ("قتل خمسة أشخاص في تفجير في بغداد. وارتفع عدد القتلى منذ بداية العام إلى 300.", 5),
])
def test_a_raised_toll_updates_the_event(text: str, figure: int) -> None:
    [e] = extract(text, "2022-01-24").events
    assert e.fatalities == figure


@pytest.mark.parametrize("text, figures", [
    # 'none' is a stated number (guideline 9): zero dead, zero wounded
    ("وغارة بطائرة مسيرة على مستودع في بلدة عيتا الشعب دون تسجيل إصابات.", (0, 0)),
    ("سقطت قذيفة على حي الزهور في مدينة حمص ولم تسفر عن إصابات.", (0, 0)),
    # a figure of the sentence stands; 'no other casualties' leaves the wounded at none
    ("قتل شخص في غارة على بلدة ياطر دون تسجيل إصابات أخرى.", (1, 0)),
    # nothing said: nothing counted
    ("قتل ثلاثة أشخاص في قصف على بلدة سرمين.", (3, None)),
])
def test_no_casualties_reported_count_zero(text: str, figures: tuple[int | None, int | None]) -> None:
    from rasid import extract
    assert [(e.fatalities, e.injured) for e in extract(text, "2024-01-01").events] == [figures]


@pytest.mark.parametrize("text, value", [
    # the pronoun of 'مصرعهم' names the dead before it: the three after are the attackers
    ("لقي الجنود مصرعهم داخل مدرعتهم بعد أن تمكنت خلية من ثلاثة مقاومين من الاقتراب من الموقع.", None),
    ("لقي ثلاثة أشخاص مصرعهم في انفجار سيارة مفخخة في بغداد.", 3),  # the dead counted before it
    ("أسفر الانفجار عن مصرع خمسة أشخاص في بغداد.", 5),  # no pronoun: the dead come after
])
def test_a_death_noun_with_a_pronoun_counts_those_before_it(text: str, value: int | None) -> None:
    an = Analysis(text)
    counts = [c for c in find_counts(an, 0, len(an.norm)) if c.field == "fatalities"]
    assert [c.value for c in counts][:1] == ([value] if value is not None else [])


def test_at_least_between_the_dead_and_their_death_noun_keeps_the_toll() -> None:
    """'لقي ثمانية أشخاص على الأقل مصرعهم': the hedge does not part the figure from its noun."""
    events = extract("لقي ثمانية أشخاص على الأقل مصرعهم في هجوم انتحاري في مدينة كويتا.", "2021-01-01").events
    assert [e.fatalities for e in events] == [8]


@pytest.mark.usefixtures("rules_decide")
def test_weapons_found_on_the_dead_are_no_toll() -> None:
    """'مصرع أفرادها، والعثور بحوزتهم على (6 بنادق آلية، 4 سلاح خرطوش)': rifles, not dead."""
    found = extract("وأسفر التعامل مع عناصر الخلية عن مصرع أفرادها، والعثور بحوزتهم على (6 بنادق آلية، "
                    "4 سلاح خرطوش) في القاهرة اليوم.", "2024-01-01").events
    assert found and all(e.fatalities is None for e in found)


@pytest.mark.parametrize("earlier", [
    "وكانت حصيلة سابقة أشارت إلى مقتل 25 شخصا في الهجوم على المسجد.",
    "وكانت وكالة أنباء محلية قد نقلت في وقت سابق عن مصادر طبية أن المسلحين قتلوا 25 مصليا في المسجد.",
])
def test_an_earlier_toll_is_no_figure_of_the_event(earlier: str) -> None:
    """The toll an update replaced ('وكانت حصيلة سابقة ...') counts nothing: the event keeps the
    later figure, whichever report is kept as its evidence."""
    text = "ارتفعت حصيلة ضحايا الهجوم المسلح على مسجد في مدينة العريش إلى 40 قتيلا.\n" + earlier
    an = Analysis(text, None)
    from rasid.pipeline.run import STAGES
    for stage in STAGES:
        if stage.name == "counts":
            stage.run(an)
            break
        stage.run(an)
    in_earlier = [m for m in an.mentions if m.start >= text.index("\n")]
    assert in_earlier and all(m.fatalities is None for m in in_earlier)


def test_an_earlier_toll_stands_when_the_text_gives_no_other() -> None:
    """'أعلنت في وقت سابق اليوم مقتل خمسة': the only figure there is, so the event's."""
    text = "وكانت الشرطة قد أعلنت في وقت سابق اليوم مقتل خمسة أشخاص في انفجار سيارة مفخخة في مدينة الموصل."
    [event] = extract(text, "2022-01-24").events
    assert event.fatalities == 5


def test_the_wounded_of_an_earlier_toll_are_earlier_too() -> None:
    """'أعلن في وقت سابق ... 200 قتيل و130 جريحا': both figures of the earlier count give way to the
    later toll, the wounded as well as the dead."""
    text = ("ارتفعت حصيلة ضحايا الهجوم على مسجد الروضة في بئر العبد بشمال سيناء إلى 305 قتلى و128 جريحا.\n"
            "وكان التلفزيون المصري أعلن في وقت سابق أن حصيلة الهجوم على مسجد الروضة بشمال سيناء وصلت إلى "
            "200 قتيل، فيما بلغ عدد المصابين الذين نقلوا إلى المستشفيات 130 جريحا.")
    an = Analysis(text, None)
    from rasid.pipeline.run import STAGES
    for stage in STAGES:
        stage.run(an)
        if stage.name == "counts":
            break
    in_earlier = [m for m in an.mentions if m.start >= text.index("\n")]
    assert in_earlier and all(m.fatalities is None and m.injured is None for m in in_earlier)


@pytest.mark.parametrize("text, fatalities", [
    # a rise told as the attack's consequence sums it with the days before: the sentence's own figure stands
    ("قال مصدر طبي إن متظاهرين اثنين قتلا مساء الجمعة في البصرة، ليرتفع بذلك عدد القتلى إلى 4 خلال اليومين الماضيين.",
     2),
    ("استشهد شاب فلسطيني وأصيب ثلاثة آخرون فجر اليوم إثر قصف منزل في مخيم جنين، ليرتفع عدد الشهداء في المخيم إلى ستة.",
     1),
    # ... a sentence that tells only the rise updates the attack told before it
    ("قتل 15 شخصا في تفجير سيارة مفخخة في سوق ببغداد. وتوفي جريح متأثرا بجروحه، ليرتفع عدد قتلى التفجير إلى 16.", 16),
    # the pronoun of the death counts the dead when no figure does
    ("وهاجم مسلحون سيارة شرطي في مدينة العريش مما أدى إلى مقتله.", 1),
    ("كما لقيت طفلة مصرعها جراء قصف مدفعي استهدف منازل في قرية معربليت.", 1),
])
def test_running_totals_and_the_dead_a_pronoun_counts(text: str, fatalities: int) -> None:
    assert [e.fatalities for e in extract(text, "2024-03-01").events if e.plover == "ASSAULT"] == [fatalities]


@pytest.mark.parametrize("text, fatalities", [
    # the subject's figure before its verb, with its noun's adjective or whose they were between
    ("أعلن الرئيس الحداد على 9 جنود تونسيين قتلوا ليلة أمس في هجوم في جبل الشعانبي.", 9),
    ("أعلنت الشرطة الكينية أن اثنين من عناصرها قتلا برصاص مجهولين أمس في مدينة اوكوندا.", 2),
    ("وأفادت الوزارة أن 17 على الأقل من عناصر طالبان قتلوا في هجمات على نقاط تفتيش في إقليم بادغيس.", 17),
    ("وأضافت أن 6 مواطنين من عائلة أبو حسنين استشهدوا جراء قصف طائرات الاحتلال منزلا في مخيم البريج.", 6),
    # ... but not across a comma: the captured are not the dead
    ("وأسر المسلحون 3 جنود في الهجوم، وقتلوا اثنين آخرين في القرية.", 2),
    # one protester, one minor: singular nouns count one
    ("أفادت مصادر طبية بمقتل متظاهر وإصابة سبعة آخرين برصاص قوات الأمن في مدينة الناصرية.", 1),
])
def test_a_subject_figure_before_its_verb_and_singular_victims(text: str, fatalities: int) -> None:
    assert [e.fatalities for e in extract(text, "2024-03-01").events] == [fatalities]


def test_the_death_riots_are_over_is_not_their_toll() -> None:
    [riot] = [e for e in extract("واندلعت أعمال الشغب على خلفية مقتل شاب برصاص شرطي في نانتير بضواحي باريس.",
                                 "2024-03-01").events if e.plover == "PROTEST"]
    assert riot.fatalities is None


def test_the_two_named_after_a_dual_with_the_article_are_two_arrested() -> None:
    text = "واقتحمت قوة من جيش الاحتلال بلدة سالم شرقي نابلس، واعتقلت الشابين أنس اشتية، ومالك حمدان، بعد دهم منزليهما."
    assert [e.arrested for e in extract(text, "2024-03-01").events if e.plover == "COERCE"] == [2]


@pytest.mark.parametrize("text, dead, wounded", [
    ("وقتل عنصر من التنظيم وجرح آخر في قصف جوي على سيارتهما غرب مدينة إدلب.", 1, 1),
    ("وقتل ثلاثة أشخاص وأصيب آخر في غارة على بلدة في ريف حلب.", 3, 1),
])
def test_one_more_wounded(text: str, dead: int, wounded: int) -> None:
    assert [(e.fatalities, e.injured) for e in extract(text, "2024-03-01").events] == [(dead, wounded)]
