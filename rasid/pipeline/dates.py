"""Dates: when each event happened, resolved against the publication date (`an.published`).

Every date word of the document is found once by the lexicon automaton over data/date_words.tsv
(relative days, weekdays, Gregorian months in their Egyptian, Levantine/Iraqi and Maghrebi names,
Hijri months, 'على التوالي' runs); only around those finds do we read numbers, so the cost does
not grow with sentences that carry no date. An event takes the date cue of its own sentence
nearest its trigger. Rules (ACLED time_precision: 1 day, 2 week, 3 month):

- 'أمس' = publication − 1; a weekday is its most recent occurrence up to the publication day
  ('الأحد الماضي' strictly before); a weekday in parentheses after a relative day ('صباح أمس
  (الأحد)') only checks it, and a contradiction becomes a warning in `an.warnings`.
- 'لليوم الخامس على التوالي' is an ongoing run: the ongoing event is dated to the publication day;
  the run started four days before, and an event the text places at the start ('في بداية الهجوم',
  or the recalled definite 'الهجوم' of such an article) is dated to that first day.
- Absolute dates ('23 كانون الثاني/يناير 2022', '٢٣ جانفي', '20 جمادى الآخرة 1443 هـ' via hijridate);
  a missing year is the publication year (the previous one if that lands after publication).
- No cue: the publication date at time_precision 2 (reported news is usually a day or two old).
- Without a publication date relative expressions stay null: never 'today'.
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import pairwise
from typing import Final

from hijridate import Hijri

from ..dictionaries.lexicon import Match
from ..dictionaries.tables import date_units, function_words, read_tsv
from ..positions import bisect_left
from ..text import fold
from .analysis import Analysis, Mention
from .stages import Stage

# The first word of each month's name and the weekdays (data/date_words.tsv), folded: a figure before
# a month or after a weekday is a day of the month, no count (counts.py), and a month after 'خلال' is
# the period a report covers (consolidate.py).
MONTH_WORDS: Final = frozenset(fold(r["pattern"]).split()[0] for r in read_tsv("date_words.tsv") if r["kind"] == "month")
WEEKDAY_WORDS: Final = frozenset(fold(r["pattern"]) for r in read_tsv("date_words.tsv") if r["kind"] == "weekday")

DATE_WORDS: Final = "date_words.tsv"
NUMBER_WORDS: Final = "number_words.tsv"
# The attack nouns that tell how an ongoing run began, and the words around month names and weekdays
# (data/function_words.tsv).
_ONSET_NOUNS: Final = function_words("onset-noun")
_YEAR_WORDS: Final = function_words("year-word")  # 'يناير عام 2022'
_MONTH_RELATIVE: Final = function_words("month-relative")  # 'يناير الماضي'
_MONTH_BEFORE: Final = function_words("month-before")  # 'خلال يناير'
_PAST: Final = function_words("past")  # 'الأحد الماضي'
_NUMERIC: Final = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b")
# Days in a unit of time after 'منذ 3' and in a dual alone ('منذ يومين') (data/date_units.tsv)
_UNIT_DAYS: Final = date_units("unit")
_DUAL_DAYS: Final = date_units("dual")


class DateCue:
    """A resolved date expression (normalised offsets). `start`/`end` are the date word the
    lexicon found, which places the cue (in a sentence, near a trigger); `words_start`/`words_end`
    are all the words read for its date (the day and year around a month name, the ordinal of a
    run, a checking weekday), the evidence of an event's `date_span`; they default to start/end.
    (Hand-written, not a dataclass: made per date word, see docs/scaling.md.)"""

    __slots__ = ("date", "day", "end", "kind", "precision", "start", "words_end", "words_start")

    def __init__(self, start: int, end: int, date: dt.date | None, precision: int, kind: str,
                 words_start: int = -1, words_end: int = -1, day: tuple[str, int] | None = None) -> None:
        self.start = start
        self.day = day  # a day named but not resolved for want of a publication date: (its kind, its value)
        self.end = end
        self.date = date
        self.precision = precision
        self.kind = kind
        self.words_start = start if words_start < 0 else words_start
        self.words_end = end if words_end < 0 else words_end

    def __repr__(self) -> str:
        return f"DateCue({self.start}, {self.end}, {self.date}, {self.precision}, {self.kind!r})"


def _int(word: str) -> int | None:
    """A day or year written in digits (not '¹': a digit int() cannot read; nor a number longer than
    any year, which could be longer than int() reads)."""
    return int(word) if word.isdecimal() and len(word) <= 9 else None


def _days_before(day: dt.date | None, days: int) -> dt.date | None:
    """`days` days before `day`; None when unknown or before the first year of the calendar."""
    if day is None:
        return None
    try:
        return day - dt.timedelta(days=days)
    except OverflowError:
        return None


def _words(an: Analysis, i: int, n: int) -> list[str]:
    """The n tokens from index i on (fewer at the end)."""
    t = an.tokens
    return [t.word(j) for j in range(i, min(i + n, len(t)))]


def _month_date(an: Analysis, m: Match, month: int, hijri: bool) -> DateCue | None:
    """'23 يناير 2022', '23 كانون الثاني/يناير', 'يناير الماضي' around a month name."""
    t = an.tokens
    i = an.token_index(m.start)
    j = an.token_index(m.end)
    first, last = m.start, m.end  # the words read for the date
    day = None
    if i >= 1:
        k = i - 1
        prev = t.word(k)
        if prev == "من" and i >= 2:  # '15 من يناير'
            k = i - 2
            prev = t.word(k)
        day = _int(prev)
        if day is None and k < i - 1:  # 'السابع من جويلية': an ordinal before 'من'
            day = next((int(nm.entry["value"]) for nm in an.matches_in(NUMBER_WORDS, t.starts[k], t.ends[k])
                        if nm.entry["kind"] == "ordinal"), None)
        if day is not None and not 1 <= day <= 31:
            day = None
        if day is not None:
            first = t.starts[k]
    year = None
    for k, w in enumerate(_words(an, j, 4)):  # skip a second month name ('كانون الثاني/يناير 2022') or 'عام'
        if w.isdecimal():
            year = _int(w)
            if year is None:
                return None  # a number too long for a year: no date
            last = t.ends[j + k]
            break
        if w in _YEAR_WORDS or an.matches_in(DATE_WORDS, t.starts[j], t.ends[min(j + 3, len(t) - 1)]):
            continue
        break
    if year is not None and hijri and year < 1300:
        year = None
    if first == m.start:  # the month named twice ('28 ديسمبر/كانون الأول 2015'): the day before the first name
        first, day = _named_before(an, m, first, day)
    if day is None and year is None:
        nxt = _words(an, j, 1)
        prev_w = t.word(i - 1) if i >= 1 else ""
        if not (nxt and nxt[0] in _MONTH_RELATIVE or prev_w in _MONTH_BEFORE):
            return None
        if nxt and nxt[0] in _MONTH_RELATIVE:
            last = t.ends[j]
    if hijri:
        if day is None or year is None:
            return None
        try:
            g = Hijri(year, month, day).to_gregorian()
        except (ValueError, OverflowError):
            return None
        return DateCue(m.start, m.end, date=dt.date(g.year, g.month, g.day), precision=1, kind="absolute",
                       words_start=first, words_end=last)
    pub = an.published
    if year is None:
        if pub is None:
            return None
        year = pub.year
        try:
            if dt.date(year, month, day or 1) > pub:
                year -= 1
        except ValueError:
            return None
    try:
        return DateCue(m.start, m.end, date=dt.date(year, month, day or 1), precision=1 if day else 3,
                       kind="absolute", words_start=first, words_end=last)
    except (ValueError, OverflowError):  # (a year beyond 9999, or before 1)
        return None


def _named_before(an: Analysis, m: Match, first: int, day: int | None) -> tuple[int, int | None]:
    """The month named twice ('يناير (كانون الثاني) الماضي', '28 ديسمبر/كانون الأول 2015'): the
    date's words start at the first name, and the day is the number before it."""
    for other in an.matches_in(DATE_WORDS, max(0, m.start - 24), m.start):
        if other.entry["kind"] in ("month", "hmonth") and an.norm[other.end:m.start].strip() in ("(", "/"):
            first = other.start
            i = an.token_index(other.start)
            before = _int(an.tokens.word(i - 1)) if i >= 1 else None
            if day is None and before is not None and 1 <= before <= 31:
                day, first = before, an.tokens.starts[i - 1]
    return first, day


def _ordinal_before(an: Analysis, i: int) -> Match | None:
    """An ordinal word just before token i ('لليوم الخامس على التوالي')."""
    if i < 1:
        return None
    t = an.tokens
    for nm in an.matches_in(NUMBER_WORDS, t.starts[max(0, i - 2)], t.ends[i - 1]):
        if nm.entry["kind"] == "ordinal":
            return nm
    return None


def find_dates(an: Analysis) -> tuple[list[DateCue], dt.date | None]:
    """All date cues of the document, and the first day of an ongoing run if it has one."""
    pub = an.published
    cues: list[DateCue] = []
    run_start: dt.date | None = None
    t = an.tokens
    for m in _longest(an.matches(DATE_WORDS)):
        kind, value, prec = m.entry["kind"], int(m.entry["value"]), int(m.entry["precision"])
        if kind == "rel":
            cues.append(DateCue(m.start, m.end, date=_days_before(pub, value), precision=prec, kind=kind,
                                day=None if pub else (kind, value)))
        elif kind == "weekday":
            if pub is None:
                cues.append(DateCue(m.start, m.end, date=None, precision=1, kind=kind, day=(kind, value)))
                continue
            back = (pub.weekday() - value) % 7
            j = an.token_index(m.end)
            nxt = _words(an, j, 1)
            last = m.end
            if nxt and nxt[0] in _PAST:
                last = t.ends[j]
                if back == 0:
                    back = 7
            cues.append(DateCue(m.start, m.end, date=_days_before(pub, back), precision=1, kind=kind,
                                words_start=m.start, words_end=last))
        elif kind in ("month", "hmonth"):
            cue = _month_date(an, m, value, kind == "hmonth")
            if cue is not None:
                cues.append(cue)
        elif kind == "onset":
            cues.append(DateCue(m.start, m.end, date=None, precision=1, kind=kind))
        elif kind == "run":
            ordinal = _ordinal_before(an, an.token_index(m.start))
            day = int(ordinal.entry["value"]) if ordinal is not None else 0
            if ordinal is not None and day and pub is not None:
                run_start = run_start or _days_before(pub, day - 1)
                cues.append(DateCue(m.start, m.end, date=pub, precision=1, kind=kind, words_start=ordinal.start,
                                    words_end=m.end))
        elif kind == "ago":
            j = an.token_index(m.end)
            words = _words(an, j, 2)
            if not words:
                continue
            days = None
            if words[0] in _DUAL_DAYS:
                days = _DUAL_DAYS[words[0]]
            elif len(words) == 2 and _int(words[0]) is not None and words[1] in _UNIT_DAYS:
                days = int(words[0]) * _UNIT_DAYS[words[1]]
            if days is not None and days <= 400:
                prec = 1 if days < 7 else 2 if days < 30 else 3
                end = t.ends[j + (0 if words[0] in _DUAL_DAYS else 1)]
                cues.append(DateCue(m.start, end, date=_days_before(pub, days), precision=prec, kind="rel"))
    for s in an.sentences if _may_have_numeric_date(an.norm) else ():
        # numeric dates: a tiny regex, only over sentences that have a separator
        chunk = an.norm[s.start:s.end]
        if "/" not in chunk and "-" not in chunk and "." not in chunk:
            continue
        for mm in _NUMERIC.finditer(chunk):
            try:
                if mm.group(1):
                    d = dt.date(int(mm.group(3)), int(mm.group(2)), int(mm.group(1)))
                else:
                    d = dt.date(int(mm.group(4)), int(mm.group(5)), int(mm.group(6)))
            except (ValueError, OverflowError):
                continue
            cues.append(DateCue(s.start + mm.start(), s.start + mm.end(), date=d, precision=1, kind="absolute"))
    cues.sort(key=lambda c: c.start)
    return _check_weekdays(an, cues), run_start


def _may_have_numeric_date(norm: str) -> bool:
    """Is there a digit, a date separator and a digit in a row anywhere (as in every match of
    _NUMERIC)? Mostly answered by a few `str.find` over the separators, which are rare except for
    the full stop; the regex itself tries each position of every sentence."""
    last = len(norm) - 1
    for sep in "/.-":
        i = norm.find(sep, 1)
        while 0 < i < last:
            if norm[i - 1].isdigit() and norm[i + 1].isdigit():
                return True
            i = norm.find(sep, i + 1)
    return False


def _longest(matches: list[Match]) -> list[Match]:
    """Drop finds inside a longer one ('أمس' inside 'صباح أمس')."""
    if all(a.end <= b.start for a, b in pairwise(matches)):
        return matches  # the usual case, in text order and apart: nothing inside another (read only)
    out: list[Match] = []
    for m in sorted(matches, key=lambda m: (m.start, -(m.end - m.start))):
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


def _check_weekdays(an: Analysis, cues: list[DateCue]) -> list[DateCue]:
    """Fold a weekday in parentheses into the cue before it ('أمس (الأحد)'), warning on a clash."""
    out: list[DateCue] = []
    for c in cues:
        prev = out[-1] if out else None
        between = an.norm[prev.end:c.start] if prev else ""
        if (c.kind == "weekday" and prev is not None and prev.kind != "weekday"
                and between.strip() in ("(", "،(", ", (", ",(", "-", "") and len(between) <= 3):
            if prev.date and c.date and prev.date != c.date:
                span = an.span(prev.start, c.end)
                an.warnings.append(f"date: '{span.text}' names a weekday that does not fall on "
                                   f"{prev.date.isoformat()} ({prev.date.strftime('%A')}); kept {prev.date.isoformat()}")
            prev.end = c.end + (1 if an.norm[c.end:c.end + 1] == ")" else 0)
            prev.words_end = max(prev.words_end, prev.end)  # 'صباح أمس (الأحد)': the check is evidence too
            continue
        out.append(c)
    return out


def resolve_dates(an: Analysis, mentions: list[Mention]) -> None:
    """Fill `date` and `time_precision` of every mention, and `date_span` when words of the text
    gave the date (not for the publication day taken by default)."""
    if not mentions:
        return
    cues, run_start = find_dates(an)
    published = an.published.isoformat() if an.published is not None else None
    if not cues:  # most documents (and then no run either): every event gets the default
        if published is not None:
            for m in mentions:
                m.date, m.time_precision = published, 2
        return
    onset_sentences: set[int] = set()
    if run_start is not None:  # the sentences that tell how the run began: their events share its first day
        for m in mentions:
            trigger = an.norm[m.start:m.end].split(" ")[-1]
            if trigger in _ONSET_NOUNS or trigger[1:] in _ONSET_NOUNS:
                onset_sentences.add(m.sentence.index)
        for c in cues:
            if c.kind == "onset" and (s := an.sentence_at(c.start)) is not None:
                onset_sentences.add(s.index)
    # the run's first day comes from the words of the first run ('لليوم الخامس على التوالي')
    run = next((c for c in cues if c.kind == "run"), None) if run_start is not None else None
    cue_starts = [c.start for c in cues]  # sorted: a sentence's cues are one bisected slice
    for m in mentions:
        s = m.sentence
        own = cues[bisect_left(cue_starts, s.start):bisect_left(cue_starts, s.end)]
        dated = [c for c in own if c.kind != "onset"]
        if run_start is not None and s.index in onset_sentences and not [c for c in dated if c.kind != "run"]:
            m.date, m.time_precision = run_start.isoformat(), 1
            if run is not None:
                m.date_span = (run.words_start, run.words_end)
            continue
        if dated:
            # the nearest that gives a day (a weekday gives none without a publication date: '،
            # الإثنين 28 ديسمبر 2015' is dated by its absolute date)
            best = min(dated, key=lambda c: (c.date is None, abs(c.start - m.start) if c.start >= m.start
                                             else (m.start - c.end) + 0.5))
            if best.date is not None:
                m.date, m.time_precision = best.date.isoformat(), best.precision
                m.date_span = (best.words_start, best.words_end)
            m.day_named = best.day
            continue
        if published is not None:
            m.date, m.time_precision = published, 2


def same_time(a: Mention, b: Mention) -> bool:
    """Could two mentions be dated to one happening? A date without its own cue (precision 2, the
    publication day by default) or a month fits any day it may stand for, and so does no date,
    unless both name days of one kind that differ."""
    if not a.date or not b.date:
        # two days named the same way that no publication date resolved ('الخميس' and 'الإثنين
        # الماضي', 'أمس' and 'اليوم') are two days
        return not (a.day_named and b.day_named and a.day_named[0] == b.day_named[0] and a.day_named != b.day_named)
    if a.date == b.date:
        return True
    return (a.time_precision or 1) > 1 or (b.time_precision or 1) > 1


def _dates(an: Analysis) -> None:
    resolve_dates(an, an.mentions)


DATES: Final = Stage(
    "dates", _dates,
    requires=("analysis.published", "analysis.mentions", "mention.sentence", "mention.start", "mention.end"),
    assigns=("mention.date", "mention.time_precision", "mention.date_span", "mention.day_named", "analysis.warnings"))
