"""Event detection: triggers → typed mentions, with modality, clause status and the main event.

A trigger (triggers.tsv) becomes a mention of its PLOVER type. Cues before it (cues.tsv) can make
it negated, future, hypothetical, generic, opinion or history (no event), a threat (a THREATEN
event instead), denied (kept, certainty 'denied'), or subordinate (background, cause or
consequence: kept but not the sentence's main event). Each sentence then gets at most one main
event: the first eligible trigger, preferring normal and strong triggers over weak ones, because
Arabic news puts the main predicate first (verb–subject order) and subordinate material after it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from itertools import pairwise
from typing import Final

from ..dictionaries.lexicon import Match, non_overlapping
from ..dictionaries.tables import affixes, function_words
from ..positions import bisect_left, bisect_right
from ..text import Sentence, without_prefix
from .analysis import CLAUSE_BREAK_CHARS, Analysis, Layout, Mention, clause_breaks
from .stages import Stage

TRIGGERS: Final = "triggers.tsv"
CUES: Final = "cues.tsv"
MODES: Final = "modes.tsv"
OBJECTS: Final = "trigger_objects.tsv"

# Clause breaks, as a pattern: "does this stretch hold a break" is a scan at C speed (a set would
# be handed one new one-letter string per Arabic character, each hashed).
_BREAK: Final = re.compile("[" + re.escape(CLAUSE_BREAK_CHARS.replace(".", "")) + "]")
# Kinds that mean the event did not (yet) happen, by precedence when several cues apply.
_BLOCKING: Final = ("negated", "hypothetical", "future", "tally", "generic", "opinion", "history", "accident")
# Spans of time that reach a trigger on either side, and what they make of it: weeks or years of
# happenings ('خلال الشهور الماضية') are a tally, last year ('نهاية العام الماضي') is history.
_SPANS: Final = {"tally-after": "tally", "history-after": "history"}
# 'still' constructions (لا يزال، ما زال) look like negation and are not. (The word lists of this
# module are those of data/function_words.tsv.)
_STILL: Final = function_words("still")
# A verbal noun after the preposition ل states a purpose ('to release'), not a happening.
_PURPOSE: Final = re.compile(r"^[وف]?ل(?!ل)")
_FUTURE: Final = re.compile(r"^[وف]?س[يتنا]")  # سيهاجم: the future prefix before the person prefix
_PREPOSITION: Final = re.compile(r"^[وف]?[بكل]")  # بالهجوم، للهجوم: a noun governed by a preposition
_IMPERFECT: Final = re.compile(r"[يتن]$")  # a verb stem after a person prefix: present or habitual
_CONJUNCTIONS: Final = affixes("conjunction")  # و ف (data/affixes.tsv)
# A year 1800-2099 as a whole word; the test for a word character before it follows the first two
# digits, so that the regex engine skips to a 1 or a 2 instead of testing a boundary at every place.
_YEAR: Final = re.compile(r"(?:1[89]|20)(?<!\w..)\d\d\b")
# An occurrence word after a relative pronoun belongs to the relative clause.
_RELATIVE: Final = function_words("relative")
_CLAUSE_WORDS: Final = 10  # a clause-scoped cue reaches at most this many words
_HISTORY_YEARS: Final = 5  # an explicit year this far before publication marks background history
_MODE_WINDOW: Final = 8  # words: mode cues further from the trigger describe something else
# Trigger modes that a cue elsewhere in the sentence may refine (shelling → air strike, bomb → suicide).
_REFINABLE: Final = {None, "heavy-weapons", "explosives", "aerial"}
_SITES: Final = function_words("site-of-name")  # 'ساحة الطيران': a name, not an air strike
_DEFENCES: Final = function_words("defence")  # 'الدفاعات الجوية': the defence, not the weapon
# Threats keep the threatened kind of action as their mode.
_THREAT_MODE: Final = {"ASSAULT": "violence", "COERCE": "restrict", "SANCTION": "relations"}


# The material event types, whose candidates a trained gate (gate.py) may keep against the rules.
MATERIAL: Final = ("ASSAULT", "PROTEST", "COERCE", "MOBILIZE")


def detect(an: Analysis, layout: Layout) -> list[Mention]:
    """Mentions of events in the article text, with modality, mode and the main flag set: those the
    rules keep."""
    return [m for m in candidates(an, layout) if m.rules_kept]


def candidates(an: Analysis, layout: Layout) -> list[Mention]:
    """The mentions the rules keep, and every other candidate of a material type (`MATERIAL`):
    blocked by a cue, weak and not main, a crowd verb without its crowd. Each carries what the rules
    decided (`rules_kept`, `rules_main`; `main` is the rules' main flag) for the gate to take or
    overrule; the rules' decisions are the same as without these extra candidates."""
    triggers = _resolve_overlaps(m for m in an.matches(TRIGGERS)
                                 if m.start < layout.body_end and _object_follows(an, m) and not _policing(an, m))
    mentions: list[Mention] = []
    purposes: list[Mention] = []  # adverbials of purpose ('احتجاجا على')
    dispersed: set[int] = set()  # force naming the protest it broke up ('لتفريق مظاهرة'), by id
    for m in triggers:
        sent = an.sentence_at(m.core_start)
        if sent is None:
            continue
        e = m.entry
        row = e.data  # (its columns read from the row: `e[...]` would be a call per column and trigger)
        flags = row.get("flags", "")
        core = an.norm[m.core_start:m.core_end]
        # (fields in order: a call with keywords builds a dictionary of them in pure Python, docs/scaling.md)
        mention = Mention(sent, m.start, m.end, row.get("plover", ""), row.get("mode") or None,
                          "N" if row.get("pos") == "noun" else "V", int(row.get("strength") or 2), m.prefix,
                          flags == "eventive", "ال" in m.prefix or m.prefix.endswith("لل") or core.startswith("ال"))
        if _PURPOSE.match(m.prefix):
            mention.subordinate = True  # لإطلاق، ليقتل: a purpose, not a report
        if mention.pos == "V" and (_IMPERFECT.search(m.prefix) if e.cls.startswith("V") else core.startswith("ي")):
            mention.imperfect = True
        if e.cls.startswith("V") and _FUTURE.match(m.prefix):
            mention.modality = "future"  # سيهاجم، وسنقتل
        mention.argument = bool(_PREPOSITION.match(m.prefix))
        if mention.mode == "destroy" and _object_of(an, m, "weapons"):
            mention.plover, mention.mode = "COERCE", "seize"  # 'دمر الجيش ستة عشر مخبأ وأسلحة': weapons disrupted
        if mention.mode == "seize":
            mention.weapons = _seizes_weapons(an, m)
        if flags == "clash":
            mention.clash = True
        if flags.startswith("crowd"):
            mention.crowd = flags
        if flags == "purpose":
            purposes.append(mention)
        if flags == "toll":
            mention.toll_verb = True
        if flags == "dispersed":
            dispersed.add(id(mention))
        if mention.pos == "N":
            mention.leading = _leads_clause(an, m.start)
        mentions.append(mention)
    for mention in mentions:
        mention.crowd_fit = mention.crowd is None or _crowd_fits(an, mention)
    ruled = [m for m in mentions if m.crowd_fit]  # a crowd verb without its crowd: no event for the rules
    _coordinate(an, ruled)
    opinion_lines = _opinion_paragraphs(an) if mentions else set()  # no cue scan without a trigger
    others = {w: m.plover for m in mentions for w, _ in an.words(m.start, m.end)}  # word start → its trigger's type
    for mention in mentions:
        if mention.modality is None:
            _apply_cues(an, mention)
        if mention.modality is None and opinion_lines and _line_of(an, mention.start) in opinion_lines:
            mention.modality = "opinion"
        if mention.plover == "ASSAULT" or mention.plover == "PROTEST":
            mention.mode = _refine_mode(an, mention, others)
    for purpose in purposes:
        _share_modality(purpose, mentions)
    _dispersals_as_protests(an, mentions, dispersed)
    _clashes_as_riots(an, mentions)
    _stormings_as_riots(an, mentions)
    _choose_main(ruled)
    out: list[Mention] = []
    for mention in mentions:
        mention.rules_kept = mention.crowd_fit and _kept(mention)
        mention.rules_main = mention.main
        if mention.rules_kept or mention.plover in MATERIAL:
            out.append(mention)
    return out


def _share_modality(purpose: Mention, mentions: list[Mention]) -> None:
    """'دعا الاتحاد إلى إضراب ... احتجاجا على السياسات': an adverbial of purpose qualifies the act of
    its type before it in its sentence, and is what that act is: called for, planned, denied; and
    the act itself (its mode), so that the merge folds it in."""
    if purpose.modality is not None:
        return
    head = next((o for o in reversed(mentions) if o.sentence is purpose.sentence and o.start < purpose.start
                 and o.plover == purpose.plover), None)
    if head is not None:
        purpose.modality = head.modality
        purpose.mode = head.mode  # ('أضرب العمال ... احتجاجا على': the strike)


# A noun trigger right after a complementizer, or with only connectives before it in its clause,
# leads the clause.
_COMPLEMENTIZERS: Final = function_words("complementizer")
_CONNECTIVES: Final = function_words("connective")


_CROWD_KINDS: Final = ("crowd", "crowd-known")


def _dispersals_as_protests(an: Analysis, mentions: list[Mention], dispersed: set[int]) -> None:
    """'أطلقت الشرطة الغاز المسيل للدموع لتفريق عشرات المتظاهرين': force against a crowd, in a
    sentence that reports no protest of its own, reports the protest it dispersed, and so does force
    that names the protest it broke up ('لتفريق مظاهرة متضامنة', 'لتفريق تجمعات مماثلة'). The guideline
    codes it as the protest (PROTEST, with intervention; actor1 the crowd, actor2 the force), not as
    an attack."""
    with_protest = {m.sentence.index for m in mentions if m.plover == "PROTEST" and m.crowd_fit}
    for m in mentions:
        if m.plover != "ASSAULT" or m.mode != "crowd-control":
            continue
        s = m.sentence
        if s.index in with_protest:
            continue
        if id(m) in dispersed or any(
                c.entry.data["kind"] in _CROWD_KINDS for c in an.matches_in(CUES, s.start, s.end)):
            m.plover, m.mode, m.intervention = "PROTEST", "demo", True
            with_protest.add(s.index)


_RIOT_SIGNS: Final = function_words("riot-sign")
_WORD: Final = re.compile(r"\w+")
# a conjunction, a preposition and the article before a word ('ومتظاهرين', 'بالحجارة', 'للمتظاهرين')
_WORD_PREFIX: Final = re.compile(r"^[وف]?(?:[بل]?ال|لل|[بل])?")


def _clashes_as_riots(an: Analysis, mentions: list[Mention]) -> None:
    """'مصادمات بين متظاهرين ورجال أمن', 'أصيب 3 من أفراد الشرطة بالحجارة إثر مواجهات': a clash
    whose sentence names protesters or stones is a riot (guideline 5: protesters throwing stones),
    not a battle, and the wounded and dead of that sentence are the riot's, not an attack of their
    own (guideline 2: one event per type, place, day and sides)."""
    riots: set[int] = set()
    seen: set[int] = set()  # each sentence read once, however many clashes it names
    for m in mentions:
        if m.plover != "ASSAULT" or not m.clash or m.sentence.index in seen:
            continue
        s = m.sentence
        seen.add(s.index)
        if any(without_prefix(_WORD_PREFIX, w) in _RIOT_SIGNS for w in _WORD.findall(an.norm, s.start, s.end)):
            riots.add(s.index)
    if not riots:
        return
    for m in mentions:
        if m.plover == "ASSAULT" and m.sentence.index in riots and (m.clash or m.eventive or m.mode in _RIOT_HARM):
            m.plover, m.mode, m.clash = "PROTEST", "riot", False


def _stormings_as_riots(an: Analysis, mentions: list[Mention]) -> None:
    """'متظاهرون يقتحمون مبنى مجلس المحافظة', 'اقتحم المحتجون مقر البرلمان': a raid whose subject is a
    crowd is protesters storming a building, a riot (guideline 5), not a raid by a force."""
    for m in mentions:
        if m.plover != "COERCE" or m.mode != "raid":
            continue
        i = an.token_index(m.start)
        two_before = max(an.tokens.starts[max(i - 2, 0)], m.sentence.start)  # the subject of 'X يقتحمون'
        if any(c.entry["kind"] in _CROWD_KINDS for c in an.matches_in(CUES, two_before, m.start)) or _crowd_fits(an, m):
            m.plover, m.mode = "PROTEST", "riot"


# The force of a riot and against it by mode ('رشق بالحجارة', 'قمعت', 'اقتحام' without a weapon);
# the wounded and dead are those of eventive triggers ('أصيب', 'مقتل'); shooting, bombs and air
# strikes stay attacks.
_RIOT_HARM: Final = (None, "primitive", "crowd-control")


def _coordinate(an: Analysis, mentions: list[Mention]) -> None:
    """'وقتله' after 'اختطاف السفير' is a noun coordinated with it, not a verb: a و-prefixed verb
    trigger a few words after a noun trigger in the same clause shares that noun's status."""
    for prev, m in pairwise(mentions):
        if m.pos != "V" or not m.prefix.startswith("و") or prev.pos != "N":
            continue
        between = an.norm[prev.end:m.start]
        if len(between.split()) <= 4 and not _BREAK.search(between):
            m.pos, m.argument, m.definite, m.leading = "N", prev.argument, prev.definite, prev.leading
            m.subordinate = m.subordinate or prev.subordinate


def _crowd_fits(an: Analysis, m: Mention) -> bool:
    """A crowd within a few words after a crowd verb: any crowd for a movement verb ('توجه
    المتظاهرون'), a crowd not known before ('ردد ألف شخص', not 'وردد المتظاهرون') for the acts of
    a protest; the crowd a few words before a verbal noun it set about ('قام محتجون بقطع الطريق')."""
    if m.crowd == "crowd-before":
        for cue in an.matches_in(CUES, max(m.sentence.start, m.start - 40), m.start):
            between = an.norm[cue.end:m.start]
            if cue.entry["kind"] in ("crowd", "crowd-known") and len(between.split()) < 3 and not _BREAK.search(between):
                return True
        return False
    for cue in an.matches_in(CUES, m.end, min(m.sentence.end, m.end + 80)):
        kind = cue.entry["kind"]
        if kind not in ("crowd", "crowd-known"):
            continue
        between = an.norm[m.end:cue.start]
        near = len(between.split()) < int(cue.entry["scope"]) and not _BREAK.search(between)
        return near and (kind == "crowd" or m.crowd == "crowd")
    return False


def _leads_clause(an: Analysis, pos: int) -> bool:
    """Whether a noun trigger stands where a report's predicate stands: at the head of its clause
    (headline style 'مقتل ...', 'انفجار سيارة ...') or right after a complementizer ('ذكروا أن هجوماً')."""
    norm = an.norm
    s = an.sentence_at(pos)
    start = s.start if s else 0
    breaks = _breaks(an)
    i = bisect_left(breaks, pos) - 1  # the last clause break before it, if in its sentence
    cut = breaks[i] if i >= 0 and breaks[i] >= start else -1
    text = norm[max(cut + 1, start):pos]
    # (when the clause's last three words are no connectives, the last decides: the rest of a long
    # clause is not split into words and looked up, once per noun trigger)
    last = text.rsplit(None, 3)
    if len(last) == 4 and last[1] not in _CONNECTIVES and last[2] not in _CONNECTIVES and last[3] not in _CONNECTIVES:
        return last[3] in _COMPLEMENTIZERS
    words = [w for w in text.split() if w not in _CONNECTIVES]
    if not words:
        return True
    return words[-1] in _COMPLEMENTIZERS or (len(words) <= 2 and words[0] in _COMPLEMENTIZERS)


_DEMONSTRATIVES: Final = function_words("demonstrative")
_FRAME_OPENERS: Final = function_words("frame-opener")


def points_back(an: Analysis, m: Mention) -> bool:
    """Whether a trigger refers to an event the article has told, whatever its sentence adds: a
    definite noun after a demonstrative ('ذلك الهجوم', 'وهذا القصف'), a noun before one ('وبمقتل
    هذين الجنديين'), or a verb of the relative clause that describes one ('ذلك الهجوم الذي استهدف
    معسكراً'). Asked by the merge (`assemble.MERGE`, which alone reads it) of the mentions the gate
    kept: most candidates never get there."""
    sentence = m.sentence
    before = an.norm[max(sentence.start, m.start - 40):m.start].split()[-3:]
    if m.pos == "N":
        if m.definite and before and before[-1] in _DEMONSTRATIVES:
            return True
        if before and before[-1] in _FRAME_OPENERS:
            return True  # 'ويأتي هجوم ليلة الأحد في وقت ...': the attack told, set in its time
        after = an.norm[m.end:min(sentence.end, m.end + 12)].split()[:1]
        if after and after[0] in _DEMONSTRATIVES:
            return True
    return len(before) == 3 and before[2] in _RELATIVE and before[0] in _DEMONSTRATIVES


# A verb's object lies at most this many words after it ('ضبطت الأجهزة الأمنية في موسكو ترسانة').
_OBJECT_WORDS: Final = 6
# Words that end the verb's reach before its object: the object would be another phrase's ('نشرت
# بيانا عن القوات', 'أعلنت أن القوات').
_OBJECT_STOP: Final = function_words("object-stop")


# A figure repeated in digits after its words, as Algeria's defence ministry writes it ('تحييد تسعة (09)
# إرهابيين'): no break between the verb and its object.
_BRACKETED_FIGURE: Final = re.compile(r"\(\s*[0-9\u0660-\u0669]+\s*\)")


def _object_follows(an: Analysis, m: Match) -> bool:
    """Whether a trigger flagged 'object:GROUP' (a bare verb or verbal noun: seize, deploy, close)
    has an object of that group (trigger_objects.tsv) a few words after it in its clause. Arabic news
    puts the subject, an adverb or a place between a verb and its object ('صادرت قبل أيام كمية كبيرة
    من الأسلحة'), so a trigger phrase cannot list them side by side. An object after a preposition
    of its own ('بسلاح') is another phrase's, and a crowd between a closing verb and the road
    ('أغلق المحتجون الطريق') makes a road block of the protest, not a closure by a force."""
    flags = m.entry.data.get("flags", "")
    if flags.startswith("subject:"):
        return _subject_of(an, m, flags[8:])
    if not flags.startswith("object:"):
        return True
    return _object_of(an, m, flags[7:])


# A subject before its verb lies at most this many words before it ('قوات من الجيش انتشرت').
_SUBJECT_WORDS: Final = 3


def _subject_of(an: Analysis, m: Match, group: str) -> bool:
    """Whether a trigger flagged 'subject:GROUP' (a verb that is an event only for such a subject:
    'انتشرت' of forces, not of a rumour or a disease) has one of GROUP's words (trigger_objects.tsv)
    right before it in its clause, as Arabic puts a known subject first ('وحسب شهود فإن قوات من
    الجيش انتشرت في كل تقاطعات المدينة'), or a few words after it, past a figure or a quantity
    ('انتشر أكثر من 3000 شرطي وجندي', 'تمركز عدد من مدرعات الجيش'), as `_object_of` finds an object."""
    s = an.sentence_at(m.start)
    if s is None:
        return False
    for subject in an.matches_in(OBJECTS, max(s.start, m.start - 60), m.start):
        between = an.norm[subject.end:m.start]
        if (subject.entry.data["group"] == group and not _PREPOSITION.match(subject.prefix)
                and len(between.split()) < _SUBJECT_WORDS and not _BREAK.search(between)):
            return True
    for subject in an.matches_in(OBJECTS, m.end, min(s.end, m.end + 60)):
        gap = an.norm[m.end:subject.start]
        words = gap.split()
        if len(words) > _SUBJECT_WORDS or _BREAK.search(gap) or _NOT_BEFORE_SUBJECT.intersection(words):
            return False
        if subject.entry.data["group"] == group and not _PREPOSITION.match(subject.prefix):
            return True
    return False


# Prepositions that put the forces after a subject verb in a phrase of their own ('وانتشرت الأوبئة في
# صفوف الجنود'): they are then not its subject. A partitive 'من' is no such ('عدد من مدرعات الجيش').
_NOT_BEFORE_SUBJECT: Final = function_words("preposition") - {"من"}


def _seizes_weapons(an: Analysis, m: Match) -> bool:
    """Whether a seizure takes weapons, named in its phrase ('ضبط أسلحة') or a few words on
    ('صادرت قبل أيام كمية كبيرة من الأسلحة'), rather than land, money or goods."""
    return (any(o.entry.data["group"] == "weapons" for o in an.matches_in(OBJECTS, m.start, m.end))
            or _object_of(an, m, "weapons"))


def _object_of(an: Analysis, m: Match, group: str) -> bool:
    """Whether an object of `group` follows the trigger a few words on in its clause (`_object_follows`)."""
    s = an.sentence_at(m.start)
    if s is None:
        return False
    for obj in an.matches_in(OBJECTS, m.end, min(s.end, m.end + 120)):
        between = _without_time_asides(_BRACKETED_FIGURE.sub(" ", an.norm[m.end:obj.start]))
        words = between.split()
        if len(words) >= _OBJECT_WORDS or _BREAK.search(between) or _OBJECT_STOP.intersection(words):
            return False
        if obj.entry.data["group"] != group or _PREPOSITION.match(obj.prefix):
            continue
        return group != "access" or not any(c.entry.data["kind"] in _CROWD_KINDS
                                            for c in an.matches_in(CUES, m.end, obj.start))
    return False


def _without_time_asides(gap: str) -> str:
    """The words between a verb and its object without an aside of time set off by commas ('اعترضت
    الدفاعات الجوية السعودية، مساء الخميس، صاروخا'): the clause goes on past it."""
    if "," not in gap:  # (the normalised text writes the Arabic comma as ',')
        return gap
    return _TIME_ASIDE.sub(lambda a: " " if all(w.removeprefix("و") in _TIME_WORDS for w in a[1].split()) else a[0], gap)


_TIME_ASIDE: Final = re.compile(r",((?:\s*[^\s,]+){1,3})\s*,")
_TIME_WORDS: Final = function_words("time-adverb")


def _policing(an: Analysis, m: Match) -> bool:
    """An arrest whose object, a few words on in its clause, is a drug dealer, a thief or an irregular
    migrant ('تم توقيف 7 تجار مخدرات', 'توقيف 40 مهاجرا غير شرعي'): policing of crime or migration,
    which ACLED does not code (trigger_objects.tsv, group 'policing')."""
    if m.entry.data.get("mode") != "arrest":  # (asked of every trigger: the row read, no call per column)
        return False
    s = an.sentence_at(m.start)
    if s is None:
        return False
    for obj in an.matches_in(OBJECTS, m.end, min(s.end, m.end + 120)):
        between = an.norm[m.end:obj.start]
        if len(between.split()) >= _OBJECT_WORDS or _BREAK.search(between) or _OBJECT_STOP.intersection(between.split()):
            return False
        if obj.entry.data["group"] == "policing":
            return True
    return False


def _resolve_overlaps(matches: Iterable[Match]) -> list[Match]:
    """Keep, among overlapping triggers, the longest (then strongest); blockers (NONE) win over
    anything they overlap and are then dropped themselves."""
    def priority(m: Match) -> tuple[int, int, int]:
        row = m.entry.data  # (every trigger's: its columns read from the row, no call per column)
        blocker = 1000 if row.get("plover") == "NONE" else 0
        return -(m.core_end - m.core_start) - blocker, -int(row.get("strength") or 2), m.start
    return [m for m in non_overlapping(matches, priority) if m.entry.data.get("plover") != "NONE"]


def _apply_cues(an: Analysis, mention: Mention) -> None:
    s = mention.sentence
    norm = an.norm
    kinds: set[str] = set()
    coordinated_verb = mention.pos == "V" and mention.prefix[:1] in _CONJUNCTIONS
    window = _near_start(an, mention)
    _far_cues(an, mention, window, coordinated_verb, kinds)
    for cue in an.matches_in(CUES, max(s.start, window), min(s.end, mention.end + 60)):
        kind, scope = cue.entry.data["kind"], cue.entry.data["scope"]
        if kind == "preposition":  # the most frequent cue: only one right before the trigger counts
            if cue.start < mention.start and _blank_between(norm, cue.end, mention.start):
                mention.argument = True
            continue
        if kind == "future-after":
            if _noun_before(mention, cue) and _n_words(an, mention.end, cue.start) < int(scope):
                kinds.add("future")
            continue
        if kind == "accident":  # (read below, over the whole sentence)
            continue
        if kind == "several-places":  # 'اعتقلت السلطات 34 شخصا في عدة مدن': the sum over places
            if _reaches(an, mention.end, cue.start, scope) or _reaches(an, cue.end, mention.start, scope):
                mention.place_listed = True
            continue
        if kind in _SPANS:  # 'وجرت معارك في الأسابيع الأخيرة', 'في الشهور الأخيرة ... في غارات'
            if _reaches(an, mention.end, cue.start, scope) or _reaches(an, cue.end, mention.start, scope):
                kinds.add(_SPANS[kind])
            continue
        if kind == "occur":
            if _PREPOSITION.match(cue.prefix) or _after_preposition(an, cue.start):
                continue  # 'في شن ضربات': a light verb as a verbal noun asserts nothing
            if cue.end <= mention.start:
                near = _n_words(an, cue.end, mention.start) <= int(scope)
            else:
                gap = norm[mention.end:cue.start].split()
                near = cue.start >= mention.end and len(gap) < 3 and not _RELATIVE.intersection(gap)
            if near and not _has_break(an, min(cue.end, mention.end), max(cue.start, mention.start)):
                mention.occurs = True
            continue
        if cue.start >= mention.start:
            continue
        # (the words and breaks between cue and trigger counted from the memos, not by splitting the
        # stretch: a sentence's cues times its triggers times its length would be cubic)
        if kind == "negated" and _first_word(norm, cue.end, mention.start) in _STILL:
            continue
        if mention.subordinate and kind == "subordinate":
            continue
        if kind == "opinion":  # an opinion marker speaks for its sentence only when it opens it
            if _n_words(an, s.start, cue.start) <= 3:
                kinds.add(kind)
        elif kind == "call":  # 'دعا الاتحاد إلى إضراب', 'طالبت النيابة بإعدام': what is called for
            if _called_for(an, s.start, mention) and _in_scope(scope, _n_words(an, cue.end, mention.start),
                                                               _has_break(an, cue.end, _object_start(an, mention)),
                                                               coordinated_verb):
                kinds.add("future")
        elif _in_scope(scope, _n_words(an, cue.end, mention.start), _has_break(an, cue.end, mention.start),
                       coordinated_verb):
            kinds.add(kind)
    if _ends_with_question_mark(norm, s.start, s.end):
        kinds.add("hypothetical")
    if _in_slogan(an, mention):
        kinds.add("future")  # a slogan calls for what it names ('لافتات كتب عليها "أوقفوا الإبادة"')
    if _old_year_near(an, mention):
        kinds.add("history")
    if (mention.eventive or mention.toll_verb) and _accident_in(an, s):
        kinds.add("accident")
    if "denied" in kinds:
        kinds.discard("hypothetical")  # 'نفى أن يكون قد قصف': the subjunctive belongs to the denial
    if "threat" in kinds and mention.plover != "THREATEN":
        mention.mode = _THREAT_MODE.get(mention.plover)
        mention.plover = "THREATEN"
        kinds.discard("future")
    for kind in _BLOCKING:
        if kind in kinds:
            mention.modality = kind
            break
    if "denied" in kinds and mention.modality is None:
        mention.certainty = "denied"
    mention.subordinate = mention.subordinate or "subordinate" in kinds


def _in_slogan(an: Analysis, m: Mention) -> bool:
    """Is the trigger inside a quotation that a slogan word opens ('حاملين لافتات كتب عليها "أوقفوا
    الإبادة في غزة"', 'ورددوا هتافات "لا للاعتقال"')? Quotation marks are one '"' in the normalised
    text: an odd number of them between the sentence's start and the trigger opens one."""
    norm = an.norm
    opening = norm.rfind('"', m.sentence.start, m.start)
    if opening < 0 or norm.count('"', m.sentence.start, opening) % 2:
        return False
    before = norm[max(m.sentence.start, opening - 40):opening].split()[-3:]
    return not _SLOGAN.isdisjoint(before)


_SLOGAN: Final = frozenset(w for word in function_words("slogan") for w in (word, "و" + word))  # ('ورددوا')


def _accident_in(an: Analysis, s: Sentence) -> bool:
    """Whether the sentence names an accident ('في حادث سير', 'جراء انفجار اسطوانة غاز'): then its
    dead and wounded ('لقي خمسة أشخاص مصرعهم', 'إصابة 25 آخرين') are an accident's (guideline 3),
    wherever the cause stands in it; an attack's own trigger ('هجوم', 'قصف') is not told so."""
    return any(c.entry.data["kind"] == "accident" for c in an.matches_in(CUES, s.start, s.end))


def _reaches(an: Analysis, a: int, b: int, scope: str) -> bool:
    """Whether a cue and a trigger with the stretch [a, b) between them (a <= b: one after the
    other) lie within `scope` words of each other, in one clause."""
    return a <= b and _n_words(an, a, b) < int(scope) and not _has_break(an, a, b)


def _blank_between(norm: str, a: int, b: int) -> bool:
    """Whether `norm[a:b]` is empty or all blank (looked at only when its first character is)."""
    return a >= b or (norm[a].isspace() and (b == a + 1 or not norm[a:b].strip()))


def _ends_with_question_mark(norm: str, a: int, b: int) -> bool:
    """`norm[a:b].rstrip().endswith("?")`, mostly without copying the sentence."""
    if b <= a:
        return False
    last = norm[b - 1]
    return last == "?" or (last.isspace() and norm[a:b].rstrip().endswith("?"))


# A preposition right before an occurrence word makes it a verbal noun ('في شن ضربات').
_PREPOSITION_WORDS: Final = function_words("preposition-before-occur")


def _after_preposition(an: Analysis, pos: int) -> bool:
    words = an.norm[max(0, pos - 12):pos].split()
    return bool(words) and words[-1] in _PREPOSITION_WORDS


_CALLED_FOR: Final = function_words("called-for")
_CALL_SUPPORT: Final = function_words("call-support")
_IN: Final = "في"


def _called_for(an: Analysis, sentence_start: int, m: Mention) -> bool:
    """Whether a trigger is the object of a call or demand: right after 'إلى' ('دعا إلى إضراب'), or
    after it and a noun of taking part ('دعا إلى الخروج في تظاهرات', 'دعت إلى تنظيم وقفة'), or with
    the preposition bā' of 'طالب بـ' ('بإعدام')."""
    before = an.norm[max(sentence_start, m.start - 30):m.start].split()
    if len(before) >= 2 and before[-1] == _IN and before[-2] in _CALL_SUPPORT:
        before = before[:-2]  # 'إلى الخروج في تظاهرات'
    elif before and before[-1] in _CALL_SUPPORT:
        before = before[:-1]  # 'إلى تنظيم وقفة'
    after_to = bool(before) and before[-1] in _CALLED_FOR
    # the bā' is the prefix, or a pattern's first letter where the lexicon spells it ('باعدام')
    with_bi = (m.prefix + an.norm[m.start:m.end]).lstrip("وف").startswith("ب")
    return after_to or with_bi


def _object_start(an: Analysis, m: Mention) -> int:
    """Where the object of a call begins: at the trigger, or at the 'إلى' before it, a comma before
    which closes the caller's name, not the clause ('دعت القوى الوطنية والإسلامية، إلى الإضراب')."""
    before = an.norm[max(0, m.start - 12):m.start]
    words = before.split()
    if words and words[-1] in _CALLED_FOR:
        return m.start - len(before) + len(before[:before.rindex(words[-1])].rstrip().rstrip(",،"))
    return m.start


def _in_scope(scope: str, words: int, broken: bool, coordinated_verb: bool) -> bool:
    """Whether a cue (of another kind than opinion) reaches a trigger `words` words after it, with a
    clause break between them or not (`broken`)."""
    if scope == "clause":
        return not broken and words < _CLAUSE_WORDS and not coordinated_verb
    if scope.isdigit():
        return not broken and words < int(scope)
    return not (broken and coordinated_verb)  # a whole sentence, but not a new coordinated clause


_NONBLANK: Final = re.compile(r"\S+")
_start: Final = re.Match.start  # (a match's ends, as functions to map over matches in C)
_end: Final = re.Match.end


def nonblank_runs(an: Analysis) -> tuple[list[int], list[int]]:
    """The starts and ends of the runs of non-blank characters of the text (what `str.split` cuts),
    found once per document: word counts between cues and triggers here, and the gate's token
    counts (gate.SentenceFacts), are bisections of them."""
    return an.memo_of("nonblank_runs", _text_runs)


def _text_runs(an: Analysis) -> tuple[list[int], list[int]]:
    return _runs(an.norm, an.tokens.pieces)


def _runs(norm: str, pieces: list[int] | None = None) -> tuple[list[int], list[int]]:
    """`\\S+` runs of the text. With `pieces`, the lengths of its pieces between spaces (as tokenising
    measured them, `text.Tokens.pieces`): in a text whose only blank is the space (one line;
    `str.isprintable` refuses every other blank, a control or separator character) the runs are the
    non-empty pieces, placed by their running lengths, without a match object per word. (A plain
    loop: a chain of `accumulate`, `compress` and `map` over the lengths took 10% longer in pure
    Python and 3.7 times as long compiled.)"""
    if pieces is not None and norm.isprintable():
        starts: list[int] = []
        ends: list[int] = []
        pos = 0
        for n in pieces:
            if n:
                starts.append(pos)
                ends.append(pos + n)
            pos += n + 1
        return starts, ends
    found = list(_NONBLANK.finditer(norm))
    return list(map(_start, found)), list(map(_end, found))
# Cues more than this many words before a trigger reach it only with a sentence scope (or as an
# opinion marker opening the sentence): `_far_cues` answers for them from a summary of the sentence,
# so that the work per trigger does not grow with the sentence. (Above every numeric scope of
# cues.tsv and `_CLAUSE_WORDS`: tests/test_growth.py checks.)
NEAR_WORDS: Final = 16
_FAR_SKIPPED: Final = ("preposition", "future-after", "tally-after", "history-after", "occur")  # kinds that never reach that far


def _near_start(an: Analysis, mention: Mention) -> int:
    """Where the cues that `_apply_cues` looks at one by one start: `NEAR_WORDS` words before the
    trigger, less the length of the longest cue of the document (so every cue starting before it
    ends `NEAR_WORDS` words or more before the trigger)."""
    starts = nonblank_runs(an)[0]
    k = bisect_left(starts, mention.start) - NEAR_WORDS
    if k <= 0:
        return 0
    longest = an.memo_of("longest_cue", _longest_cue)
    return starts[k] - longest


def _longest_cue(an: Analysis) -> int:
    return max((c.end - c.start for c in an.matches(CUES)), default=0)


def _far_cues(an: Analysis, mention: Mention, near: int, coordinated_verb: bool, kinds: set[str]) -> None:
    """Add to `kinds` what the cues of the trigger's sentence starting before `near` make of it:
    what `_apply_cues` would make of each, answered from the sentence's summary in logarithmic time."""
    s = mention.sentence
    if near <= s.start:
        return
    summary = an.memo(f"far_cues:{s.index}", lambda: _sentence_cues(an, s.start, s.end))
    for kind, (starts, ends) in summary.items():
        i = bisect_left(starts, near)
        if not i or (kind == "subordinate" and mention.subordinate):
            continue
        # the cue ending last has the fewest breaks between it and the trigger
        if kind == "opinion" or not (coordinated_verb and _has_break(an, ends[i - 1], mention.start)):
            kinds.add(kind)


def _sentence_cues(an: Analysis, start: int, end: int) -> dict[str, tuple[list[int], list[int]]]:
    """The sentence's cues that reach a trigger however far after them (a sentence's scope, or an
    opinion marker among its first words): by kind, their starts and the greatest end so far."""
    out: dict[str, tuple[list[int], list[int]]] = {}
    for cue in an.matches_in(CUES, start, end):
        kind, scope = cue.entry.data["kind"], cue.entry.data["scope"]
        if kind == "opinion":
            if _n_words(an, start, cue.start) > 3:
                continue
        elif scope == "clause" or scope.isdigit() or kind in _FAR_SKIPPED or (
                kind == "negated" and _first_word(an.norm, cue.end, end) in _STILL):
            continue
        starts, ends = out.setdefault(kind, ([], []))
        starts.append(cue.start)
        ends.append(max(cue.end, ends[-1]) if ends else cue.end)
    return out


def _n_words(an: Analysis, a: int, b: int) -> int:
    """`len(an.norm[a:b].split())`, in logarithmic time (from the sorted starts of the text's words)."""
    if a >= b:
        return 0
    starts = nonblank_runs(an)[0]
    inside = bisect_left(starts, b) - bisect_right(starts, a)  # words starting after a, before b
    return inside + (0 if an.norm[a].isspace() else 1)


def _breaks(an: Analysis) -> list[int]:
    """Where the text's clause breaks (`_BREAK`) are, found once per document: those of
    `analysis.CLAUSE_BREAK` (which the gate reads too) that are no full stop."""
    return an.memo_of("breaks", _clause_breaks_but_full_stops)


def _clause_breaks_but_full_stops(an: Analysis) -> list[int]:
    return _no_full_stops(an.norm, clause_breaks(an))


def _no_full_stops(norm: str, breaks: list[int]) -> list[int]:
    return [p for p in breaks if norm[p] != "."]


def _has_break(an: Analysis, a: int, b: int) -> bool:
    """`_BREAK.search(an.norm, a, b) is not None`, in logarithmic time."""
    breaks = _breaks(an)
    i = bisect_left(breaks, a)
    return i < len(breaks) and breaks[i] < b


def _first_word(norm: str, a: int, b: int) -> str | None:
    """`norm[a:b].split()[0]`, None when `norm[a:b]` is blank."""
    w = _NONBLANK.search(norm, a, b) if a < b else None
    return w.group() if w else None


def _noun_before(m: Mention, cue: Match) -> bool:
    return m.pos == "N" and cue.start >= m.end


def _old_year_near(an: Analysis, m: Mention) -> bool:
    """A year five or more before publication in the trigger's own clause: background history."""
    s = m.sentence
    years = an.memo_of("old_years", _old_years)
    for pos in years[bisect_left(years, s.start):bisect_left(years, s.end)]:
        lo, hi = sorted((pos, m.start))
        between = an.norm[lo:hi]
        if len(between.split()) <= 8 and not _BREAK.search(between):
            return True
    return False


def _old_years(an: Analysis) -> list[int]:
    """Where the document names a year five or more before its publication (sorted). Without a
    publication date, the latest year the document names (up to this year) stands for it: a text
    that names 2015 was written in 2015 or later, and its 2007 is history."""
    norm = an.norm
    if "1" not in norm and "2" not in norm:  # no year here: two quick scans instead of the pattern
        return []
    found = [(y.start(), int(y.group())) for y in _YEAR.finditer(norm)]
    if an.published is not None:
        reference = an.published.year
    else:
        reference = max((year for _, year in found if year <= dt.date.today().year), default=0)
    return [pos for pos, year in found if year <= reference - _HISTORY_YEARS]


def _refine_mode(an: Analysis, mention: Mention, triggers: dict[int, str]) -> str | None:
    """The trigger's own mode, unless a mode cue near it in the sentence says more.

    Cues score twice their rank minus their distance in words, so a specific cue next to the
    trigger ('قصف جوي') beats a general one, and a cue from another clause seldom wins. A cue that
    is another type's trigger speaks for that event ('الغازات المسيلة للدموع على مسيرات': marches,
    not drones)."""
    if mention.mode not in _REFINABLE:
        return mention.mode
    s = mention.sentence
    best: tuple[int, str] | None = None
    for cue in an.matches_in(MODES, s.start, s.end):
        e = cue.entry
        if e["plover"] != mention.plover or triggers.get(cue.start, mention.plover) != mention.plover:
            continue
        if _after_site(an, cue.start):
            continue
        lo, hi = sorted((cue.start, mention.start))
        distance = len(an.norm[lo:hi].split())
        if distance > _MODE_WINDOW:
            continue
        score = 2 * int(e["rank"] or 1) - distance
        if best is None or score > best[0]:
            best = (score, e["mode"])
    return best[1] if best else mention.mode


def _after_site(an: Analysis, pos: int) -> bool:
    """Does the word before `pos` name a kind of site ('ساحة الطيران', 'حي الطيران') or a defence
    ('الدفاعات الجوية': what met the attack, not its weapon)?"""
    i = an.token_index(pos)
    return i > 0 and (an.tokens.words[i - 1] in _SITES or an.tokens.words[i - 1] in _DEFENCES)


def _choose_main(mentions: list[Mention]) -> None:
    """Mark the first eligible mention of each sentence as its main event."""
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence.index, []).append(m)
    for group in by_sentence.values():
        eligible = [m for m in group if _can_be_main(m)]
        strong = [m for m in eligible if m.strength >= 2]
        pick = (strong or eligible)
        if pick:
            min(pick, key=lambda m: m.start).main = True


def _can_be_main(m: Mention) -> bool:
    """A sentence's main event is asserted, in its main clause, and a report rather than an
    argument or an anaphor: a noun after a preposition ('دوره في اختطاف') or with the article
    ('الهجوم') only refers to a happening, unless an occurrence word asserts it ('وقع الانفجار')."""
    if m.modality is not None or m.subordinate or m.certainty == "denied":
        return False
    if m.eventive or m.occurs:
        return True
    if m.argument:  # after a preposition even a verb-looking trigger is a verbal noun ('في شن غارات')
        return False
    if m.pos == "N":
        return m.leading and not m.definite
    return not m.imperfect


def _kept(m: Mention) -> bool:
    """Mentions that become events: real ones (main or not), but weak triggers only as main."""
    if m.modality is not None:
        return False
    return m.main or m.strength >= 2


def _line_breaks(an: Analysis) -> list[int]:
    return an.memo("line_breaks", lambda: [m.start() for m in re.finditer("\n", an.norm)])


def _line_of(an: Analysis, pos: int) -> int:
    """`an.norm.count("\n", 0, pos)`, in logarithmic time."""
    return bisect_left(_line_breaks(an), pos)


def _opinion_paragraphs(an: Analysis) -> set[int]:
    """Lines (paragraphs) that open with an opinion marker: analysis, not reporting."""
    out: set[int] = set()
    for cue in an.matches(CUES):
        if cue.entry.data["kind"] != "opinion":
            continue
        line = _line_of(an, cue.start)
        line_start = _line_breaks(an)[line - 1] + 1 if line else 0
        if _n_words(an, line_start, cue.start) <= 2:
            out.add(line)
    return out


def _detect(an: Analysis) -> None:
    assert an.layout is not None  # (the layout stage runs before: run.STAGES is checked at import)
    an.mentions = candidates(an, an.layout)


DETECT: Final = Stage(
    "detect", _detect,
    requires=("analysis.layout", "analysis.published"),
    assigns=("analysis.mentions", "mention.sentence", "mention.start", "mention.end", "mention.plover", "mention.mode",
             "mention.pos", "mention.strength", "mention.prefix", "mention.eventive", "mention.toll_verb", "mention.definite",
             "mention.argument", "mention.leading", "mention.occurs", "mention.modality", "mention.subordinate",
             "mention.main", "mention.imperfect", "mention.clash", "mention.crowd", "mention.certainty",
             "mention.crowd_fit", "mention.rules_kept", "mention.rules_main", "mention.intervention",
             "mention.place_listed", "mention.weapons"))
