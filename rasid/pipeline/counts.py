"""Counts: how many were killed, injured and arrested in each event.

Numbers are digits (Arabic-Indic digits arrive as ASCII from the normaliser) or number words
(data/number_words.tsv: cardinals that add up, 'ثلاث مئة', 'ثلاثة آلاف', duals such as 'جنديين',
and ACLED's conventions for vague figures: عشرات = 12, مئات = 100, عدة = 3; 'عدد من' stays null).
A number counts only when a cue ties it to a count (data/count_cues.tsv): one that comes before
it ('مقتل 13', 'اعتقلت القوات ثلاثة عناصر') or a noun after it ('13 قتيلا', 'ثلاثة جرحى').
Qualifiers ('على الأقل', 'أكثر من', 'نحو') leave the stated figure. Years, days of the month,
distances and percentages are not counts. A mention whose trigger is the cue takes its figure;
otherwise killed and wounded go to the sentence's ASSAULT events and arrests to its arrests.
When one event has several figures for one count, the lowest wins (ACLED).
"""

from __future__ import annotations

from typing import Final

from ..dictionaries.lexicon import Match
from ..dictionaries.tables import affixes, function_words
from ..positions import bisect_left
from .analysis import Analysis, Mention
from .dates import MONTH_WORDS, WEEKDAY_WORDS
from .stages import Stage

NUMBER_WORDS: Final = "number_words.tsv"
COUNT_CUES: Final = "count_cues.tsv"
MAX_GAP_AFTER: Final = 8  # words between a cue and the number it introduces
_POSSESSIVE: Final = affixes("possessive")  # ('مصرعهم': their death)
# how many a count noun's attached pronoun names when no figure does ('مقتله': his death, one;
# 'مصرعهما': their death, two); a plural pronoun says no number
_PERSONS: Final = {**dict.fromkeys(affixes("one-person"), 1), **dict.fromkeys(affixes("two-persons"), 2)}
MAX_FIGURE_DIGITS: Final = 15  # a longer run of digits is an identifier or a phone number, not a figure
# ... and the singular noun it introduces: right after a noun ('مقتل شاب'), after a verb's subject
# too ('قتلت القوات الإسرائيلية فلسطينياً'); indexed by whether the cue is a verb
_SINGLE_GAP: Final = (1, 3)
# A number before a unit or after 'عام' / 'القرار' is no count (data/function_words.tsv).
_NOT_COUNT_AFTER: Final = function_words("not-count-after")
_NOT_COUNT_BEFORE: Final = function_words("not-count-before")
_THOUSAND: Final = function_words("thousand")  # '20 الف'
_FIELD_FOR_PLOVER: Final = {"fatalities": {"ASSAULT"}, "injured": {"ASSAULT"}, "arrested": {"COERCE"}}
_SPAN_OF: Final = {"fatalities": "fatalities_span", "injured": "injured_span", "arrested": "arrested_span"}


# Number and Count: hand-written slotted classes, made per figure (docs/scaling.md, "Idioms of the hot path").


class Number:
    """A number in the text (normalised offsets); value None for 'عدد من'."""

    __slots__ = ("end", "first_token", "joined", "last_token", "single", "start", "value")

    def __init__(self, start: int, end: int, value: int | None, first_token: int, last_token: int,
                 single: bool = False, joined: bool = False) -> None:
        self.start = start
        self.end = end
        self.value = value
        self.first_token = first_token
        self.last_token = last_token
        self.single = single  # a singular noun naming one person ('مقتل شاب'): one, right by its cue only
        self.joined = joined  # its first word carries the conjunction و ('و24', 'ورجل'; not 'واحد')

    def __repr__(self) -> str:
        return f"Number({self.start}, {self.end}, {self.value})"


class Count:
    """A number tied to a count by a cue; start/end are the number's words."""

    __slots__ = ("cue_end", "cue_start", "end", "field", "runs_on", "start", "update", "value")

    def __init__(self, field: str, value: int | None, cue_start: int, cue_end: int, start: int, end: int) -> None:
        self.update = False  # 'ارتفع عدد القتلى إلى 12': the event's figure now, not a competing estimate
        self.runs_on = False  # 'ليرتفع بذلك عدد القتلى إلى 4': a running total, with this event's figure in it
        self.field = field
        self.value = value
        self.cue_start = cue_start
        self.cue_end = cue_end
        self.start = start
        self.end = end

    def __repr__(self) -> str:
        return f"Count({self.field!r}, {self.value}, cue {self.cue_start}-{self.cue_end})"


def find_numbers(an: Analysis, start: int, end: int) -> list[Number]:
    """Numbers in the normalised span [start, end): digit tokens and runs of number words."""
    t = an.tokens
    words: dict[int, Match] = {}
    for found in an.matches_in(NUMBER_WORDS, start, end):
        if found.start not in words or len(found.prefix) < len(words[found.start].prefix):
            words[found.start] = found  # 'واحد' is one, not و + 'أحد'
    out: list[Number] = []
    starts, tokens, n_tokens = t.starts, t.words, len(t)
    lo, hi = an.token_index(start), bisect_left(starts, end)
    # Only two kinds of token can begin a number: one ending in a digit, or the start of a number
    # word (tokens end in a letter or digit, never in a comma). The loop visits those, in order,
    # and passes over the rest of the sentence.
    at_word = {k for k in map(an.token_index, words) if k < n_tokens and starts[k] in words}
    candidates = [k for k in range(lo, hi) if k in at_word or tokens[k][-1].isdigit()]
    c = 0
    i = lo
    while True:
        while c < len(candidates) and candidates[c] < i:
            c += 1
        if c == len(candidates):
            break
        i = candidates[c]
        w = tokens[i]
        last = w[-1]
        joined = False
        # a figure ends in a digit (or a thousands comma): every other word goes straight to the
        # number-word lookup, without building its neighbours
        if last.isdigit() or last == ",":
            if len(w) > 1 and w[0] in "وف" and w[1:].replace(",", "").isdigit():  # 'و20 جريحا'
                joined = w[0] == "و"
                w = w[1:]
            digits = w.replace(",", "")
            # (not '¹': a digit int() cannot read; nor 16 digits or more: an identifier, never a toll,
            # and beyond 4,300 digits more than int() will read)
            is_figure = digits.isdecimal() and len(digits) <= MAX_FIGURE_DIGITS
        else:
            is_figure = False
        if is_figure:
            prev = t.word(i - 1) if i else ""
            nxt = t.word(i + 1) if i + 1 < n_tokens else ""
            value = int(digits)
            if nxt in _THOUSAND and prev not in _NOT_COUNT_BEFORE:
                # '20 ألف شخص', 'أكثر من 20 ألفا': thousands, unless of something counted ('20 ألف دولار')
                if (t.word(i + 2) if i + 2 < n_tokens else "") in _NOT_COUNT_AFTER:
                    i += 2
                    continue
                value *= 1000
                out.append(Number(t.starts[i], t.ends[i + 1], value=value, first_token=i, last_token=i + 1,
                                  joined=joined))
                i += 2
                continue
            if ((1900 <= value <= 2100 and len(w) == 4) or nxt in _NOT_COUNT_AFTER or prev in _NOT_COUNT_BEFORE
                    or nxt in MONTH_WORDS or prev in WEEKDAY_WORDS):  # ('وفي 12 آب قتلت', 'الثلاثاء 12'): a day of the month
                i += 1
                continue
            out.append(Number(t.starts[i], t.ends[i], value=value, first_token=i, last_token=i,
                              joined=joined))
            i += 1
            continue
        m = words.get(t.starts[i])
        if m is None or m.entry["kind"] == "ordinal":
            i += 1
            continue
        first = i
        first_prefix = m.prefix
        total, current, last_end, j = 0, 0, m.end, i
        kinds: list[str] = []
        while m is not None and m.entry["kind"] != "ordinal":
            kind, value = m.entry["kind"], int(m.entry["value"])
            if kind == "single" and kinds:  # 'ثلاث مئة شخص': the noun counts what comes before it
                break
            kinds.append(kind)
            if kind == "hundred":
                current = (current or 1) * 100
            elif kind == "thousand":
                total += (current or 1) * 1000
                current = 0
            elif kind == "teen":
                current += 10
            else:
                current += value
            last_end = m.end
            j = an.token_index(m.end)
            if kind in ("none", "vague", "dual", "single") or j >= len(t):
                break
            m = words.get(t.starts[j])
        value_or_none = None if "none" in kinds else total + current
        nouns = "dual" in kinds or "single" in kinds  # a noun carries its own number
        if t.word(j if j < len(t) else len(t) - 1) in _NOT_COUNT_AFTER and not nouns:
            i = max(j, i + 1)
            continue
        out.append(Number(t.starts[first], last_end, value=value_or_none, first_token=first,
                          last_token=an.token_index(last_end) - 1, single=kinds == ["single"],
                          joined=first_prefix.startswith("و")))
        i = max(j, i + 1)
    return out


_SUBSET: Final = function_words("subset")
_RISE: Final = function_words("toll-rise")
_SINCE: Final = function_words("tally-since")
_EARLIER: Final = function_words("toll-earlier")
_EARLIER_WINDOW: Final = 12  # words from 'في وقت سابق' to the toll it dates ('نقلت في وقت سابق عن مصادر ... فقتل 3')
# ... and told as the event's consequence: 'قتل متظاهران، ليرتفع بذلك عدد القتلى إلى 4 خلال يومين'
_RUNS_ON: Final = function_words("toll-runs-on")
_RISE_WINDOW: Final = 3  # words between a verb of rising and the toll it raises ('ارتفعت اليوم حصيلة')


def _rises(an: Analysis, cue_start: int, verbs: frozenset[str] = _RISE) -> bool:
    """Is the toll at `cue_start` raised by a verb (of `verbs`) just before it ('وارتفع عدد القتلى')?"""
    t = an.tokens
    i = an.token_index(cue_start)
    for w in t.words[max(0, i - _RISE_WINDOW):i]:
        if w in verbs or (w[:1] in "وف" and w[1:] in verbs):
            return True
    return False


def _earlier(an: Analysis, sentence_start: int, cue_start: int) -> bool:
    """Is the toll at `cue_start` an earlier count, told as such in its sentence before it ('وكانت
    حصيلة سابقة أشارت إلى مقتل 235 شخصا')?"""
    t = an.tokens
    i = an.token_index(cue_start)
    lo = max(an.token_index(sentence_start), i - _EARLIER_WINDOW)
    return any(w in _EARLIER or (w[:1] in "وف" and w[1:] in _EARLIER) for w in t.words[lo:i])


def _subset(an: Analysis, pos: int) -> bool:
    """'سبعة مدنيين، بينهم ثلاثة أطفال، قتلوا': a figure after 'بينهم' counts part of the victims."""
    words = an.norm[max(0, pos - 12):pos].split()
    return bool(words) and words[-1] in _SUBSET


_PREPOSITIONS: Final = function_words("preposition")
_HEDGES: Final = function_words("hedge")


def _unhedged_gap(an: Analysis, number_end: int, cue: int) -> int:
    """Tokens from a number's last to a count word, not counting hedges ('لقي ثمانية أشخاص على الأقل
    مصرعهم': 2, as 'لقي ثمانية أشخاص مصرعهم')."""
    between = [an.tokens.word(k) for k in range(number_end + 1, cue)]
    return cue - number_end - sum(1 for w in between if w in _HEDGES)


def _subject_figure(an: Analysis, numbers: list[Number], used: set[int], cue: Match, ci: int) -> Number | None:
    """The figure of a verb's subject told before it ('إن جنديين قتلا', 'ما لا يقل عن 21 مدنيًا قتلوا في
    هجوم على إحدى القرى'): the verb's own suffix agrees with it, so a figure after the verb counts
    something else."""
    if cue.entry.cls != "V" or not cue.suffix:
        return None
    before = [n for n in numbers if n.end <= cue.start and n.start not in used and not n.single
              and not _subset(an, n.start) and _subject_gap(an, n, ci)]
    return before[-1] if before else None


_PARTITIVE_WORDS: Final = 6  # tokens from a figure to its verb: 'ستة مواطنين من عائلة أبو حسنين استشهدوا'


def _subject_gap(an: Analysis, n: Number, ci: int) -> bool:
    """Do the words between a figure and the verb after it belong to the figure's noun: one or two
    ('جنديين قتلا', '9 جنود تونسيين قتلوا'), or up to five when they say whose ('اثنين من عناصرها
    قتلا', '17 على الأقل من عناصر طالبان قتلوا'), with no comma, and no preposition but that 'من'?"""
    gap = _unhedged_gap(an, n.last_token, ci)
    if gap < 1 or gap > _PARTITIVE_WORDS:
        return False
    if gap <= 2:
        return True
    between = [an.tokens.word(k) for k in range(n.last_token + 1, ci) if an.tokens.word(k) not in _HEDGES]
    if any(c in an.norm[n.end:an.tokens.starts[ci]] for c in ",،؛;"):
        return False
    others = [w for w in between if w in _PREPOSITIONS and w != "من"]
    return "من" in between and not others if gap > 3 else not others


def _figure_right_after(numbers: list[Number], n: Number) -> bool:
    """Is a figure of its own (not a singular noun) the word right after `n`?"""
    return any(o.first_token == n.last_token + 1 and not o.single for o in numbers)


_GROUP_NOUN_WORDS: Final = 3  # words between two coordinated figures: the first one's noun and adjectives


def _coordinated(an: Analysis, numbers: list[Number], first: Number, stop: int) -> list[Number]:
    """The figure and those coordinated after it, which one cue counts together ('مقتل 5 مدنيين، و4
    عسكريين و40 إرهابيا' is 49; 'مقتل سبعة مسلحين ورجل أمن' is 8)."""
    group = [first]
    for n in numbers:
        if n.start <= group[-1].start:
            continue
        between = an.words(group[-1].end, n.start)
        if (n.start >= stop or not n.joined or len(between) > _GROUP_NOUN_WORDS
                or any(an.norm[a:b] in _PREPOSITIONS for a, b in between)):
            break  # ('اعتقال شخص في طوباس و24 في أماكن أخرى': figures of two places)
        group.append(n)
    return group


_LUMPED_FIELDS: Final = frozenset({"fatalities", "injured"})
_IMPERFECT: Final = frozenset("تي")


def _lumped(an: Analysis, cues: list[Match], start: int) -> set[int]:
    """Starts of death and wound words joined by 'و' into one figure ('مقتل وإصابة 11 شخصا', 'تقتل
    وتصيب 20 يمنيا', '20 قتيلا وجريحا'): the dead and the wounded together, so neither count is
    known (ACLED leaves both unstated rather than guess). Not when the first word carries its own
    figure: a subject's ('أربعة مدنيين قتلوا وأصيب العشرات', 'إن أستاذا قتل وأصيب ستة') or one inside
    it ('لقي شخص مصرعه وأصيب'); a verb lumps only where no subject can stand before it: with the
    prefix of an active present ('تقتل وتصيب') or opening its sentence ('قتل وأصيب عشرات الأشخاص')."""
    out: set[int] = set()
    first = an.token_index(start)
    for a in cues:
        for b in cues:
            if (a.entry["count"] in _LUMPED_FIELDS and b.entry["count"] in _LUMPED_FIELDS
                    and a.entry["count"] != b.entry["count"] and a.entry["side"] == b.entry["side"]
                    and _one_word(an, a) and not a.suffix and an.norm[a.end:b.start].isspace()
                    and (a.entry.cls != "V" or a.prefix[-1:] in _IMPERFECT or an.token_index(a.start) == first)
                    and an.norm[b.start] == "و" and an.token_index(b.start) == an.token_index(a.end)):
                out.update((a.start, b.start))
    return out


def _one_word(an: Analysis, cue: Match) -> bool:
    return an.token_index(cue.end) == an.token_index(cue.start) + 1


def _take_lumped(an: Analysis, numbers: list[Number], used: set[int], cue: Match) -> None:
    """The figure of a lumped pair is no other cue's: mark it used (the first number after an
    'after' pair, the last before a 'before' pair, within their usual reach)."""
    ci, cj = an.token_index(cue.start), an.token_index(cue.end) - 1
    if cue.entry["side"] == "after":
        near = [n for n in numbers if n.start >= cue.end and n.first_token - cj <= 2]
        if near:
            used.add(near[0].start)
    else:
        near = [n for n in numbers if n.end <= cue.start and 1 <= ci - n.last_token <= 2]
        if near:
            used.add(near[-1].start)


def find_counts(an: Analysis, start: int, end: int) -> list[Count]:
    """Numbers of the span tied to a count by a cue."""
    cues = an.matches_in(COUNT_CUES, start, end)
    if not cues:  # most sentences: no count words, no need to read numbers
        return []
    numbers = find_numbers(an, start, end)
    out: list[Count] = []
    used: set[int] = set()
    lumped = _lumped(an, cues, start)
    for c in cues:
        field, side = c.entry["count"], c.entry["side"]
        if side == _NONE:
            continue  # ('دون تسجيل إصابات': no number, see `_none_reported`)
        if c.start in lumped:
            _take_lumped(an, numbers, used, c)
            continue
        ci, cj = an.token_index(c.start), an.token_index(c.end) - 1
        if side == "after":
            nxt_cues = [o.start for o in cues if o.start >= c.end]  # (not one inside this cue)
            stop = min(nxt_cues) if nxt_cues else end
            # 'لقي الجنود مصرعهم ... خلية من ثلاثة مقاومين': a noun whose pronoun names the dead
            # already has them before it; a number after it counts someone else
            dead_named_before = c.entry.cls != "V" and c.suffix.endswith(_POSSESSIVE)
            subject = _subject_figure(an, numbers, used, c, ci)
            if subject is not None:
                out.append(Count(field, subject.value, cue_start=c.start, cue_end=c.end,
                                 start=subject.start, end=subject.end))
                used.add(subject.start)
                continue
            for n in () if dead_named_before else numbers:
                if n.single and _figure_right_after(numbers, n):
                    continue  # 'اعتقل شرطي شخصين': the policeman is the subject, the two the arrested
                gap = n.first_token - cj
                if (n.start >= c.end and n.start < stop and gap <= (_SINGLE_GAP[c.entry.cls == "V"] if n.single
                                                                   else MAX_GAP_AFTER) and n.start not in used):
                    # a 'before' noun right after this number belongs to that noun's count
                    group = _coordinated(an, numbers, n, stop)
                    values = [g.value for g in group if g.value is not None]
                    value = sum(values) if len(values) == len(group) else n.value
                    cnt = Count(field, value, cue_start=c.start, cue_end=c.end, start=n.start, end=group[-1].end)
                    cnt.update = _rises(an, c.start)
                    cnt.runs_on = cnt.update and _rises(an, c.start, _RUNS_ON)
                    out.append(cnt)
                    used.update(g.start for g in group)
                    break
            else:
                if c.suffix and dead_named_before:
                    # 'لقي ثلاثة أشخاص مصرعهم'
                    before = [n for n in numbers if n.end <= c.start and 1 <= _unhedged_gap(an, n.last_token, ci) <= 2
                              and n.start not in used and not n.single and not _subset(an, n.start)]
                    if before:
                        out.append(Count(field, before[-1].value, cue_start=c.start, cue_end=c.end,
                                         start=before[-1].start, end=before[-1].end))
                        used.add(before[-1].start)
                        continue
                pronoun = _PERSONS.get(c.suffix) if c.entry.cls != "V" and field != "arrested" else None
                if pronoun is not None:
                    # 'ما أدى إلى مقتله', 'لقيت طفلة مصرعها': the pronoun counts the dead (one, or two)
                    out.append(Count(field, pronoun, cue_start=c.start, cue_end=c.end, start=c.start, end=c.end))
        else:
            # a number before the noun ('13 قتيلا'), else the noun's own ('قتيلين', 'سقوط قتيل')
            before = [n for n in numbers if n.end <= c.start and 1 <= ci - n.last_token <= 2 and not n.single]
            own = [n for n in numbers if n.start == c.start]
            for n in (before[-1:] or own)[:1]:
                cnt = Count(field, n.value, cue_start=c.start, cue_end=c.end, start=n.start, end=n.end)
                if n.start in used:  # 'مقتل 13 قتيلا': same figure, the noun says which count
                    same = [o for o in out if o.start == n.start]
                    cnt.update, cnt.runs_on = any(o.update for o in same), any(o.runs_on for o in same)
                    out = [o for o in out if o.start != n.start]
                cnt.update = cnt.update or _rises(an, c.start)
                cnt.runs_on = cnt.runs_on or (cnt.update and _rises(an, c.start, _RUNS_ON))
                out.append(cnt)
                used.add(n.start)
    return out


def resolve_counts(an: Analysis, mentions: list[Mention]) -> None:
    """Fill `fatalities`, `injured` and `arrested` of every mention, each with the span of the
    number's words (`fatalities_span`, ...). A sentence of its own raising a toll ('وارتفع عدد
    القتلى إلى 12') updates the last attack before it, unless it is a tally over a period ('منذ')."""
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence.index, []).append(m)
    earlier: list[tuple[Mention, Count]] = []
    for ms in by_sentence.values():
        s = ms[0].sentence
        told_before = False  # (the figures after an earlier count are that count's: 'وصلت إلى 200 قتيل و130 جريحا')
        for cnt in find_counts(an, s.start, s.end):
            owner = _owner(ms, cnt)
            if owner is None:
                continue
            told_before = told_before or _earlier(an, s.start, cnt.cue_start)
            if told_before:
                earlier.append((owner, cnt))
            elif not (cnt.runs_on and any(getattr(m, cnt.field) is not None for m in ms)):
                # (a running total after the sentence's own figure sums it with earlier events: guideline 9)
                _assign(owner, cnt)
        _none_reported(an, ms)
    for owner, cnt in earlier:
        # an earlier count ('وكانت حصيلة سابقة أشارت إلى مقتل 235') is replaced by the figures the
        # text gives since: no figure of the event, nor a second claim; it stands only when the
        # document gives no other figure of that count for an event of its type
        if not any(getattr(m, cnt.field) is not None for m in mentions if m.plover == owner.plover):
            _assign(owner, cnt)
    attacks = [m for m in mentions if m.plover == "ASSAULT" and not m.place_listed]
    if attacks and an.matches(COUNT_CUES):
        _updates_after(an, attacks, by_sentence)


def _owner(ms: list[Mention], cnt: Count) -> Mention | None:
    """The mention of its sentence a count belongs to: the one whose trigger holds its cue, else the
    nearest that may have such a count; none for a figure over a list of places (guideline rule 9)."""
    owner = next((m for m in ms if m.start < cnt.cue_end and cnt.cue_start < m.end), None)
    if owner is not None:
        return None if owner.place_listed else owner
    fitting = [m for m in ms if m.plover in _FIELD_FOR_PLOVER[cnt.field] and not m.place_listed
               and (cnt.field != "arrested" or m.mode in (None, "arrest"))]
    return min(fitting, key=lambda m: abs(m.start - cnt.cue_start)) if fitting else None


_NONE: Final = "none"


def _none_reported(an: Analysis, ms: list[Mention]) -> None:
    """'وغارة بطائرة مسيّرة على مستودع في بلدة عيتا الشعب دون تسجيل إصابات': the attacks of the
    sentence count zero dead and zero wounded, each of the places of a list too, unless the sentence
    gives a figure for that count."""
    s = ms[0].sentence
    none = [c for c in an.matches_in(COUNT_CUES, s.start, s.end) if c.entry["side"] == _NONE]
    if not none:
        return
    span = (none[0].start, none[0].end)
    attacks = [m for m in ms if m.plover == "ASSAULT" and m.certainty != "denied"]
    for field in ("fatalities", "injured"):
        if any(getattr(m, field) is not None for m in ms):
            continue  # 'قتل شخص ... دون تسجيل إصابات أخرى': the figure stands, for every report of it
        for m in attacks:
            setattr(m, field, 0)
            setattr(m, _SPAN_OF[field], span)


def _assign(owner: Mention, cnt: Count) -> None:
    """The lowest figure wins (ACLED), with its words; an update replaces it."""
    if cnt.value is None:
        return
    have = getattr(owner, cnt.field)
    if have is None or cnt.value < have or cnt.update:
        setattr(owner, cnt.field, cnt.value)
        setattr(owner, _SPAN_OF[cnt.field], (cnt.start, cnt.end))
        owner.toll_updated = owner.toll_updated or cnt.update


def _updates_after(an: Analysis, attacks: list[Mention], by_sentence: dict[int, list[Mention]]) -> None:
    """Tolls raised in sentences that report no event of their own go to the attack before them."""
    for s in an.sentences:
        if s.index in by_sentence or s.start < attacks[0].start or not an.matches_in(COUNT_CUES, s.start, s.end):
            continue
        if not _SINCE.isdisjoint(an.norm[s.start:s.end].split()):
            continue
        before = [m for m in attacks if m.start < s.start]
        for cnt in find_counts(an, s.start, s.end):
            if cnt.update and cnt.field != "arrested" and before:
                _assign(before[-1], cnt)


def _counts(an: Analysis) -> None:
    resolve_counts(an, an.mentions)


COUNTS: Final = Stage(
    "counts", _counts,
    requires=("analysis.mentions", "mention.sentence", "mention.start", "mention.end", "mention.plover",
              "mention.mode", "mention.place_listed", "mention.certainty"),
    assigns=("mention.fatalities", "mention.injured", "mention.arrested", "mention.fatalities_span",
             "mention.injured_span", "mention.arrested_span", "mention.toll_updated"))
