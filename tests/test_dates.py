"""Dates of Arabic news phrasing, resolved against the publication date (Monday 2022-01-24)."""

from __future__ import annotations

import datetime as dt

import pytest

from rasid import extract
from rasid.pipeline.analysis import Analysis
from rasid.pipeline.dates import find_dates

PUB = dt.date(2022, 1, 24)  # a Monday

# (phrase as in a news sentence, expected date, expected ACLED time_precision)
CASES = [
    ("قتل ثلاثة جنود في هجوم أمس", "2022-01-23", 1),
    ("قتل ثلاثة جنود في هجوم يوم أمس", "2022-01-23", 1),
    ("قتل ثلاثة جنود في هجوم صباح أمس", "2022-01-23", 1),
    ("قتل ثلاثة جنود في هجوم مساء أمس", "2022-01-23", 1),
    ("قتل ثلاثة جنود في هجوم فجر أمس", "2022-01-23", 1),
    ("قتل ثلاثة جنود في هجوم الليلة الماضية", "2022-01-23", 1),
    ("قتل ثلاثة جنود في هجوم ليل أمس", "2022-01-23", 1),
    ("قتل ثلاثة جنود في هجوم أول أمس", "2022-01-22", 1),
    ("قتل ثلاثة جنود في هجوم أول من أمس", "2022-01-22", 1),
    ("قتل ثلاثة جنود في هجوم أمس الأول", "2022-01-22", 1),
    ("قتل ثلاثة جنود في هجوم اليوم", "2022-01-24", 1),
    ("قتل ثلاثة جنود في هجوم صباح اليوم", "2022-01-24", 1),
    ("قتل ثلاثة جنود في هجوم فجر اليوم", "2022-01-24", 1),
    ("قتل ثلاثة جنود في هجوم منذ يومين", "2022-01-22", 1),
    ("قتل ثلاثة جنود في هجوم قبل يومين", "2022-01-22", 1),
    ("قتل ثلاثة جنود في هجوم منذ 3 أيام", "2022-01-21", 1),
    ("قتل ثلاثة جنود في هجوم قبل ٣ أيام", "2022-01-21", 1),
    ("قتل ثلاثة جنود في هجوم الأسبوع الماضي", "2022-01-17", 2),
    ("قتل ثلاثة جنود في هجوم الشهر الماضي", "2021-12-25", 3),
    ("قتل ثلاثة جنود في هجوم يوم الأحد", "2022-01-23", 1),
    ("قتل ثلاثة جنود في هجوم الأحد الماضي", "2022-01-23", 1),
    ("قتل ثلاثة جنود في هجوم يوم السبت", "2022-01-22", 1),
    ("قتل ثلاثة جنود في هجوم يوم الجمعة", "2022-01-21", 1),
    ("قتل ثلاثة جنود في هجوم الخميس", "2022-01-20", 1),
    ("قتل ثلاثة جنود في هجوم يوم الأربعاء", "2022-01-19", 1),
    ("قتل ثلاثة جنود في هجوم الثلاثاء", "2022-01-18", 1),
    ("قتل ثلاثة جنود في هجوم الاثنين", "2022-01-24", 1),
    ("قتل ثلاثة جنود في هجوم الاثنين الماضي", "2022-01-17", 1),
    ("قتل ثلاثة جنود في هجوم في 20 يناير 2022", "2022-01-20", 1),
    ("قتل ثلاثة جنود في هجوم في ٢٠ يناير ٢٠٢٢", "2022-01-20", 1),
    ("قتل ثلاثة جنود في هجوم في 20 كانون الثاني 2022", "2022-01-20", 1),
    ("قتل ثلاثة جنود في هجوم في 20 كانون الثاني/يناير 2022", "2022-01-20", 1),
    ("قتل ثلاثة جنود في هجوم في 20 يناير (كانون الثاني) 2022", "2022-01-20", 1),
    ("قتل ثلاثة جنود في هجوم في 20 جانفي 2022", "2022-01-20", 1),
    ("قتل ثلاثة جنود في هجوم في 15 ديسمبر", "2021-12-15", 1),
    ("قتل ثلاثة جنود في هجوم في 3 شباط 2021", "2021-02-03", 1),
    ("قتل ثلاثة جنود في هجوم في 12 آذار 2020", "2020-03-12", 1),
    ("قتل ثلاثة جنود في هجوم في 5 نيسان 2019", "2019-04-05", 1),
    ("قتل ثلاثة جنود في هجوم في 9 أيار 2018", "2018-05-09", 1),
    ("قتل ثلاثة جنود في هجوم في 30 حزيران 2021", "2021-06-30", 1),
    ("قتل ثلاثة جنود في هجوم في 14 تموز 2021", "2021-07-14", 1),
    ("قتل ثلاثة جنود في هجوم في 4 آب 2020", "2020-08-04", 1),
    ("قتل ثلاثة جنود في هجوم في 11 أيلول 2021", "2021-09-11", 1),
    ("قتل ثلاثة جنود في هجوم في 7 تشرين الأول 2021", "2021-10-07", 1),
    ("قتل ثلاثة جنود في هجوم في 13 تشرين الثاني 2015", "2015-11-13", 1),
    ("قتل ثلاثة جنود في هجوم في 25 كانون الأول 2021", "2021-12-25", 1),
    ("قتل ثلاثة جنود في هجوم في 8 فيفري 2021", "2021-02-08", 1),
    ("قتل ثلاثة جنود في هجوم في 14 جويلية 2021", "2021-07-14", 1),
    ("قتل ثلاثة جنود في هجوم في 15 أوت 2021", "2021-08-15", 1),
    ("قتل ثلاثة جنود في هجوم في 6 أفريل 2021", "2021-04-06", 1),
    ("قتل ثلاثة جنود في هجوم في 16 ماي 2021", "2021-05-16", 1),
    ("قتل ثلاثة جنود في هجوم في 20 جوان 2021", "2021-06-20", 1),
    ("قتل ثلاثة جنود في هجوم في 3 مارس 2021", "2021-03-03", 1),
    ("قتل ثلاثة جنود في هجوم في 10 أكتوبر 2020", "2020-10-10", 1),
    ("قتل ثلاثة جنود في هجوم في 1 أغسطس 2021", "2021-08-01", 1),
    ("قتل ثلاثة جنود في هجوم في 15 من نوفمبر الماضي", "2021-11-15", 1),
    ("قتل ثلاثة جنود في هجوم في ديسمبر الماضي", "2021-12-01", 3),
    ("قتل ثلاثة جنود في هجوم يوم 20 جمادى الآخرة 1443 هـ", "2022-01-23", 1),
    ("قتل ثلاثة جنود في هجوم في 1 رمضان 1442 هـ", "2021-04-13", 1),
    ("قتل ثلاثة جنود في هجوم بتاريخ 20/01/2022", "2022-01-20", 1),
    ("قتل ثلاثة جنود في هجوم بتاريخ 2022-01-19", "2022-01-19", 1),
    # an ordinal day before 'من' and a month name, in the year of publication or the one before
    ("ففي السابع من جويلية خطف مسلحون ثلاثة جنود في هجوم", "2021-07-07", 1),
    ("قتل ثلاثة جنود في هجوم في الثالث من يناير", "2022-01-03", 1),
]


@pytest.mark.parametrize("text,date,precision", CASES)
def test_date_expressions(text: str, date: str, precision: int) -> None:
    ev = extract(text + ".", PUB).events[0]
    assert (ev.date, ev.time_precision) == (date, precision)


def test_no_cue_takes_publication_day_at_week_precision() -> None:
    ev = extract("قتل ثلاثة جنود في هجوم على حاجز للجيش.", PUB).events[0]
    assert (ev.date, ev.time_precision) == ("2022-01-24", 2)


def test_without_publication_date_relative_dates_stay_null() -> None:
    assert extract("قتل ثلاثة جنود في هجوم أمس.").events[0].date is None
    assert extract("قتل ثلاثة جنود في هجوم يوم الأحد.").events[0].date is None
    assert extract("قتل ثلاثة جنود في هجوم في 20 يناير 2022.").events[0].date == "2022-01-20"


def test_weekday_in_parentheses_is_checked() -> None:
    an = Analysis("قتل ثلاثة جنود في هجوم صباح أمس (الأحد).", PUB)
    cues, _ = find_dates(an)
    assert [c.date for c in cues] == [dt.date(2022, 1, 23)] and an.warnings == []
    res = extract("قتل ثلاثة جنود في هجوم صباح أمس (السبت).", PUB)
    assert res.events[0].date == "2022-01-23"
    assert any("weekday" in w for w in res.warnings)


@pytest.mark.usefixtures("rules_decide")  # the onset sentence: test_gate.NOT_YET_ACCEPTED
def test_consecutive_days_run_and_its_onset() -> None:
    text = ("تتواصل الاشتباكات لليوم الخامس على التوالي بين القوات والمسلحين في سجن الصناعة بالحسكة.\n"
            "وفي بداية الهجوم، تم تفجير خزانات الوقود حول السجن.")
    res = extract(text, PUB)
    dates = sorted(e.date for e in res.events)
    assert dates == ["2022-01-20", "2022-01-24"]


def test_month_name_alone_is_not_a_date() -> None:
    # 'آب' folds to 'اب' (father) and 'صفر' is zero: without a day or a year they are not dates
    an = Analysis("قال أب الضحية إن صفر من المسؤولين حضروا.", PUB)
    assert find_dates(an)[0] == []


@pytest.mark.parametrize("text", [
    "قتل ثلاثة جنود في هجوم بتاريخ 20/01/2022.",
    "قتل ثلاثة جنود في هجوم بتاريخ ٢٠/٠١/٢٠٢٢.",  # Arabic-Indic digits
    "قتل ثلاثة جنود في هجوم يوم 2022-01-20.",
    "قتل ثلاثة جنود في هجوم 20.01.2022",  # at the very end of the text
])
def test_numeric_dates(text: str) -> None:
    event = extract(text, PUB).events[0]
    assert (event.date, event.time_precision) == ("2022-01-20", 1)


def test_decimal_figure_is_not_a_date() -> None:
    event = extract("قتل ثلاثة جنود في هجوم. وبلغت نسبة الإصابات 3.5 بالمئة.", PUB).events[0]
    assert (event.date, event.time_precision) == ("2022-01-24", 2)


# ---- the words that gave the date (date_span) --------------------------------------------------

@pytest.mark.parametrize("phrase", [
    "أمس", "صباح أمس (الأحد)", "الأحد الماضي", "منذ 3 أيام", "ديسمبر الماضي", "20 كانون الثاني/يناير 2022",
    "٢٠ يناير ٢٠٢٢", "يناير (كانون الثاني) الماضي", "20 جمادى الآخرة 1443", "20/01/2022",
])
def test_the_date_comes_with_the_span_of_its_words(phrase: str) -> None:
    text = f"قتل ثلاثة جنود في هجوم على حاجز للجيش في درعا {phrase}."
    ev = extract(text, PUB).events[0]
    assert ev.date_span is not None and ev.date_span.text == phrase
    assert text[ev.date_span.start:ev.date_span.end] == phrase


def test_the_publication_day_by_default_has_no_date_span() -> None:
    ev = extract("قتل ثلاثة جنود في هجوم على حاجز للجيش.", PUB).events[0]
    assert (ev.date, ev.time_precision, ev.date_span) == ("2022-01-24", 2, None)


@pytest.mark.usefixtures("rules_decide")  # the onset sentence: test_gate.NOT_YET_ACCEPTED
def test_the_onset_of_a_run_is_dated_by_the_words_of_the_run() -> None:
    text = ("تتواصل الاشتباكات لليوم الخامس على التوالي بين القوات والمسلحين في سجن الصناعة بالحسكة.\n"
            "وفي بداية الهجوم، تم تفجير خزانات الوقود حول السجن.")
    events = extract(text, PUB).events
    assert {e.date for e in events} == {"2022-01-20", "2022-01-24"}
    for e in events:
        assert e.date_span is not None and e.date_span.text == "الخامس على التوالي"


@pytest.mark.parametrize("published", [None, "2016-01-02"])
def test_a_day_before_a_month_named_twice_dates_the_event(published: str | None) -> None:
    """'الإثنين 28 ديسمبر/كانون الأول 2015' between the subject and the verb's object: the day is
    the number before the first name, not the first of the month the second name alone would give,
    and a weekday that no publication date resolves leaves the date to it."""
    text = "وألقت قوات الأمن بمدينة الموصل، الإثنين 28 ديسمبر/كانون الأول 2015، القبض على 12 مسلحا."
    dates = {e.date for e in extract(text, published).events}
    assert dates == {"2015-12-28"}
