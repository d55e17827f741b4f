"""Claims: who says so (`claimed_by`) and how sure the text is (`certainty`).

Arabic news attributes most conflict events to someone: 'أفاد موقع X بأن ...', 'ادعت مصادر مقربة
من قسد مقتل 13 ...', '... بحسب المرصد السوري', 'نفى الجيش أن يكون ...'. A *frame* is one such
attribution: a source span and the stretch of the sentence it governs. The frame words live in
data/reporting.tsv, so a linguist extends coverage by adding a line.

How a frame is read, and why:
- A verb of saying usually comes first and its subject follows (VSO), so the source is the words
  between the verb and what it introduces: a complementizer ('أن', 'بأن', 'إلى أن'), a quotation
  or colon, or, for verbs that take one, an object naming the event ('ادعت مصادر مقتل'). The frame
  governs from there to the next frame of the sentence or its end, and only that: the following
  sentence is the outlet's voice again unless it has its own frame.
- When nothing stands between the verb and its complementizer the subject came first (SVO:
  'المرصد قال إن'), or it is a pronoun continuing an earlier source ('وأضاف أن'): the source is
  then the words before the verb, or the most recent explicit source of the last sentences.
- A frame with nothing to introduce after it but preceded by a comma or 'حسبما' / 'كما' is a
  trailing attribution ('..., قال المرصد.'), and governs the sentence before it.
- A prepositional attribution ('بحسب'، 'وفقاً لـ'، 'نقلاً عن') names its source after it and governs
  its whole sentence; a verb frame inside the sentence is narrower and wins where both apply.

Certainty: 'denied' under a denial verb (also set by detect.py from cues.tsv; kept), 'claimed'
under a verb or preposition of doubt (ادعى، زعم، حسب زعم), next to a doubt noun ('مزاعم'،
'المزعوم'), or when the source is a party to the event or speaks for one (data/parties.tsv:
'مقربة من'، 'التابعة لـ'، armed group names, or a state force whose sector matches an actor of the
event), else 'asserted'. The outlet's own voice has `claimed_by` null.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import pairwise
from typing import Final

from ..dictionaries.lexicon import Match, non_overlapping
from ..dictionaries.tables import affixes, function_words, sectors
from ..plain import Actor
from ..positions import bisect_left
from ..text import Sentence, fold
from .actors import actor_in, actor_spans
from .analysis import Analysis, Mention
from .assemble import implicit
from .places import nationalities_in
from .stages import Stage

REPORTING: Final = "reporting.tsv"
PARTIES: Final = "parties.tsv"

_MAX_SOURCE_WORDS: Final = 12  # a source longer than this is not a source but a clause
_MAX_NAME_WORDS: Final = 6  # a quoted stretch this short inside a source is a name, not a quotation
_MAX_SCAN_WORDS: Final = 22  # how far after a verb its complementizer may come (parentheticals included)
_MAX_PRECEDING_SUBJECT: Final = 8  # SVO subjects: 'المرصد السوري لحقوق الانسان قال إن'
_DOUBT_WINDOW: Final = 5  # words between a doubt noun and the event it qualifies
_INHERIT_SENTENCES: Final = 2  # 'وأضاف أن' continues a source named at most this many sentences back
# Word lists of data/function_words.tsv. Connectors dropped from the start of an SVO subject:
_CONNECTORS: Final = function_words("source-connector")
# Words that end up at the edges of a source span without being part of it: a time ('قالت الشرطة
# أمس إن'), the addressee's preposition ('قال لـ«الشرق الأوسط»'), 'عن' of 'نقل عن', 'القول' of
# 'نقل عن شهود القول إن'.
_EDGE_WORDS: Final = function_words("source-edge")
# Words that open the main clause after a fronted attribution ('وبحسب مصادر الجماعة فقد تم ...').
_CLAUSE_OPENERS: Final = function_words("clause-opener")
# 'يُدعى' (is called) folds to the same letters as 'يدّعي' (claims); the original spelling with ى
# tells them apart.
_NAMED: Final = function_words("is-called")
_TRAILING_INTRO: Final = function_words("trailing-intro")  # '... حسبما أفاد المرصد'
_PREP_RELATIVES: Final = function_words("prep-relative")  # 'بحسب ما أفاد'
_SOURCE_BREAK: Final = ",;\n"
_CONJUNCTIONS: Final = affixes("conjunction")
_NAME_PREFIXES: Final = frozenset(affixes("preposition"))
_CLITIC_LETTERS: Final = frozenset(affixes("conjunction") + affixes("preposition"))
_PREPOSITIONS: Final = function_words("preposition")
_STATE_SECTORS: Final = sectors("state")
_ARMED: Final = sectors("armed")
_BI: Final = affixes("bi")  # an event noun in ب after a verb that takes one (data/affixes.tsv)
_QUOTE_OPEN: Final = '":'
# Words left out when a source's words are compared with an actor's ('قوات', 'مصادر').
_GENERIC_ACTOR_WORDS: Final = function_words("generic-actor")
# Words of a part in an event ('مسؤوليته', 'أية صلة له'): denying one disowns the event (guideline 7).
_RESPONSIBILITY: Final = function_words("responsibility")


class Frame:
    """One attribution: the source words (normalised span, or None when unknown), the stretch of
    the sentence it governs, and what the frame word itself says about certainty. `explicit` is
    False when the source was inherited from an earlier sentence. (Hand-written, not a dataclass:
    made per frame, see docs/scaling.md.)"""

    __slots__ = ("certainty", "explicit", "scope", "source")

    def __init__(self, source: tuple[int, int] | None, scope: tuple[int, int], certainty: str,
                 explicit: bool = True) -> None:
        self.source = source
        self.scope = scope
        self.certainty = certainty
        self.explicit = explicit


def resolve_claims(an: Analysis, mentions: list[Mention]) -> list[Mention]:
    """Fill `claimed_by` and `certainty` of every mention; a denial of responsibility for an event
    that happened ('نفى متمردو حركة الشباب مسؤوليتهم عن التفجير') leaves the event as reported and
    adds the denial as an event of its own (guideline 7): the mentions, each denial after its event."""
    if not mentions:
        return mentions
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence.index, []).append(m)
    recent: list[tuple[int, tuple[int, int]]] = []  # (sentence index, source) of explicit frames
    denials: dict[int, Mention] = {}  # id of an event → the denial of responsibility for it
    for s in an.sentences:
        group = by_sentence.get(s.index)
        # sentences without events still name sources that a later 'وأضاف أن' continues
        if group is None and not an.matches_in(REPORTING, s.start, s.end):
            continue
        frames = _frames(an, s, group or [], recent)
        for f in frames:
            if f.source is not None and f.explicit:
                recent.append((s.index, f.source))
        if frames and group is not None:
            for m in group:
                denial = _apply(an, m, frames)
                if denial is not None:
                    denials[id(m)] = denial
    if not denials:
        return mentions
    return [x for m in mentions for x in ((m, denials[id(m)]) if id(m) in denials else (m,))]


# ---------------------------------------------------------------------------------------------
# Frames of one sentence


def _frame_words(an: Analysis, s: Sentence) -> list[Match]:
    """Reporting-lexicon matches of a sentence, longest first where they overlap, blockers dropped."""
    found = an.matches_in(REPORTING, s.start, s.end)
    # usually the finds do not overlap (text order, each ending before the next starts): then all
    # are kept as they are, and the sort that settles overlaps is not needed
    if len(found) > 1 and any(a.end > b.start for a, b in pairwise(found)):
        taken = non_overlapping(found, lambda m: (-(m.end - m.start), m.start), whole_words=True)
    else:
        taken = found
    return [m for m in taken if m.entry["role"] != "none"]


def _frames(an: Analysis, s: Sentence, group: list[Mention],
            recent: list[tuple[int, tuple[int, int]]]) -> list[Frame]:
    words = _frame_words(an, s)
    if not words:  # every kind of frame below starts from a frame word
        return []
    comps = {m.start: m for m in words if m.entry["role"] == "comp"}
    heads = [m for m in words if m.entry["role"] in ("verb", "prep")]
    event_starts = {m.start for m in group}
    frames: list[Frame] = []
    for i, w in enumerate(heads):
        # a verb's source may contain a preposition ('ذكرت سانا نقلاً عن مصدر عسكري أن'): only the
        # next verb ends its reach
        next_head = next((h.start for h in heads[i + 1:] if h.entry["role"] == "verb"), s.end)
        if w.entry["role"] == "verb":
            f = _verb_frame(an, s, w, comps, event_starts, next_head, recent)
        else:
            f = _prep_frame(an, s, w, comps, event_starts)
        if f is not None:
            frames.append(f)
    headline = _colon_frame(an, s, words)
    if headline is not None:
        frames.append(headline)
    frames.extend(_doubt_frames(an, s, words))
    return frames


def _verb_frame(an: Analysis, s: Sentence, verb: Match, comps: dict[int, Match], event_starts: set[int],
                next_head: int, recent: list[tuple[int, tuple[int, int]]]) -> Frame | None:
    """Read 'VERB SOURCE (أن|بأن|«|:|EVENT) ...' forwards; else an SVO or trailing attribution."""
    norm = an.norm
    if verb.entry.pattern in _NAMED and an.span(verb.start, verb.end).text.rstrip().endswith("ى"):
        return None  # 'شخص يدعى محمد': a name, not a claim
    takes = _takes(verb.entry["takes"])
    certainty = verb.entry["certainty"] or "asserted"
    toks = _first_words(an, verb.end, s.end, _MAX_SCAN_WORDS + 1)  # the loop reads no further
    src_end: int | None = None  # where the source stopped (first comma of a parenthetical)
    governed: int | None = None
    claimed_comp = False
    skip_to = -1
    prev = verb.end
    for n, (a, b) in enumerate(toks):
        if n >= _MAX_SCAN_WORDS or a >= next_head and a not in comps:
            break
        gap = norm[prev:a]
        plain = gap == " "  # the usual gap: nothing to look for in it
        if not plain and any(c in _QUOTE_OPEN for c in gap):
            opener = prev + min(gap.index(c) for c in _QUOTE_OPEN if c in gap)
            close = norm.find('"', opener + 1, s.end) if norm[opener] == '"' else -1
            if close > 0 and src_end is None and len(norm[opener:close].split()) <= _MAX_NAME_WORDS \
                    and norm[close + 1:s.end].strip(' ".'):
                # a name in quotation marks inside the source: 'أعلن تنظيم «القاعدة» المسؤولية'
                skip_to = close
            elif "comp" in takes:
                governed = opener
                src_end = src_end if src_end is not None else prev
                break
            else:
                break
        if a < skip_to:
            prev = b
            continue
        if not plain and src_end is None and any(c in _SOURCE_BREAK for c in gap):
            src_end = prev
        if a in comps and "comp" in takes:
            governed = a
            claimed_comp = comps[a].entry["certainty"] == "claimed"
            src_end = src_end if src_end is not None else prev
            break
        # the object may follow an apposition or a parenthetical ('أعلن رئيس وزراء الأردن، عبدالله
        # النسور، انتهاء مواجهات'): the source stopped at its first comma, the object comes after it
        if n <= _MAX_SOURCE_WORDS:
            word = norm[a:b]
            if word == "عن" and n + 1 < len(toks) and toks[n + 1][0] in event_starts:
                if "an" in takes:
                    governed, src_end = toks[n + 1][0], src_end if src_end is not None else prev
                break  # 'أعلن X عن حظر': the announcement is the measure, not a report of it
            if a in event_starts and "(" not in gap:
                bi = word.startswith(_BI) and "bi" in takes
                if "obj" in takes or bi:
                    governed, src_end = a, src_end if src_end is not None else prev
                break
        prev = b
    if governed is None:
        return _trailing_frame(an, s, verb, certainty)
    source = _without_object(an, _without_addressee(an, _trim(an, verb.end, src_end if src_end is not None else governed)))
    if "part" in takes:  # a participle: the words after it are its object, its source leads the sentence
        source = _main_subject(an, s, verb)
    explicit = True
    if source is None and governed not in event_starts:  # 'تؤكد تعذيب': no SVO subject for an object
        source = _preceding_subject(an, s, verb)
    if source is None:
        source, explicit = _inherited(recent, s.index), False
    return Frame(source, (governed, next_head if next_head > governed else s.end),
                 "claimed" if claimed_comp and certainty == "asserted" else certainty, explicit)


def _main_subject(an: Analysis, s: Sentence, verb: Match) -> tuple[int, int] | None:
    """The source of a participle ('ندد اللواء الغزوي بالقصف، نافياً ...'): the first actor the
    sentence names before it, outside a preposition's object."""
    for start, end in actor_spans(an):
        if start >= verb.start:
            break
        if start >= s.start and an.norm[start - 1:start] != "ب" and an.norm[start:start + 1] not in _NAME_PREFIXES:
            return start, end
    return _subject_after_first_verb(an, s.start, verb.start)


def _subject_after_first_verb(an: Analysis, start: int, end: int) -> tuple[int, int] | None:
    """A subject no dictionary knows ('ندد اللواء المبروك الغزوي بالقصف'): the words after the
    clause's first word (its verb, after a lead-in ending in a comma such as 'إلى ذلك،') up to a
    preposition, a comma or a few words."""
    words = an.words(start, end)
    lead = next((k for k, (_, b) in enumerate(words[:4]) if an.norm[b:b + 1] in ",،"), None)
    words = words[lead + 2:] if lead is not None else words[1:]
    out: list[tuple[int, int]] = []
    for a, b in words[:_MAX_PRECEDING_SUBJECT]:
        w = an.norm[a:b]
        if w in _PREPOSITIONS or w[:1] in _NAME_PREFIXES:
            break
        out.append((a, b))
        if an.norm[b:b + 1] in ",،":
            break
    return (out[0][0], out[-1][1]) if out else None


def _first_words(an: Analysis, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """`an.words(start, end)[:limit]`, without building the rest of a long sentence's words."""
    t = an.tokens
    i = an.token_index(start)
    j = min(bisect_left(t.starts, end), i + limit)
    return list(zip(t.starts[i:j], t.ends[i:j]))


@lru_cache(maxsize=64)
def _without_object(an: Analysis, source: tuple[int, int] | None) -> tuple[int, int] | None:
    """'نفى الجيش أية صلة له بالهجوم': the source stops before the responsibility it denies."""
    if source is None:
        return None
    for a, b in an.words(*source):
        w = an.norm[a:b]
        if w in _RESPONSIBILITY or (w[:1] in _CLITIC_LETTERS and w[1:] in _RESPONSIBILITY):
            return _trim(an, source[0], a) if a > source[0] else None
    return source


def _takes(column: str) -> frozenset[str]:
    """The complements a verb of saying takes, from its 'takes' column ('comp+obj')."""
    return frozenset(column.split("+"))


def _without_addressee(an: Analysis, source: tuple[int, int] | None) -> tuple[int, int] | None:
    """'شاهد عيان لرويترز' → 'شاهد عيان', 'مصدر أمني لوكالة فرانس برس' → 'مصدر أمني': the outlet
    spoken to, after لـ, is not the source."""
    if source is None:
        return None
    ws = an.words(*source)
    norm = an.norm
    for k, (a, b) in enumerate(ws[1:], 1):
        word = norm[a:b]
        if word == "ل" or (word.startswith("ل") and not word.startswith("لل") and any(
                w.entry["role"] == "source" and w.start == a for w in an.matches_in(REPORTING, a, b))):
            return _trim(an, ws[0][0], ws[k - 1][1])
    return source


def _trailing_frame(an: Analysis, s: Sentence, verb: Match, certainty: str) -> Frame | None:
    """'..., قال المرصد.' / '... حسبما أفاد المرصد': the source follows and governs what precedes."""
    before = an.norm[s.start:verb.start]
    if not before.strip():
        return None
    intro = before.rsplit(None, 1)[-1]  # the word before the verb (there is one: `before` has a letter)
    if not (before.rstrip().endswith((",", ";")) or intro in _TRAILING_INTRO):
        return None
    end = _clause_end(an, verb.end, s.end)
    source = _trim(an, verb.end, end)
    if source is None or len(an.words(*source)) > _MAX_SOURCE_WORDS:
        return None
    return Frame(source, (s.start, verb.start), certainty)


def _prep_frame(an: Analysis, s: Sentence, prep: Match, comps: dict[int, Match],
                event_starts: set[int]) -> Frame | None:
    """'بحسب المرصد'، 'وفقاً لمصادر محلية'، 'حسبما أفاد شهود عيان': the source follows the
    preposition up to a comma, a complementizer or an event; the frame covers the sentence."""
    norm = an.norm
    start = prep.end
    toks = an.words(start, s.end)
    # 'بحسب ما أفاد X' / 'وفقاً لما ذكره X': skip the relative and its verb of saying
    k = 0
    if k < len(toks) and norm[toks[k][0]:toks[k][1]] in _PREP_RELATIVES:
        k += 1
    if k < len(toks) and any(w.entry["role"] == "verb" for w in an.matches_in(REPORTING, *toks[k])):
        k += 1
    if k < len(toks) and norm[toks[k][0]:toks[k][1]] == "ل":  # 'وفقاً لـ X' with a detached لـ
        k += 1
    if k >= len(toks):
        return None
    first = toks[k][0]
    word = norm[toks[k][0]:toks[k][1]]
    # 'وفقاً لمصادر طبية': the source is 'مصادر طبية' ('للمرصد' keeps its elided article)
    detach = word.startswith("ل") and not word.startswith("لل") and len(word) > 3
    end = first
    for a, b in toks[k:k + _MAX_SOURCE_WORDS]:
        if a in comps or (a in event_starts and a != first) or norm[a:b] in _CLAUSE_OPENERS \
                or any(c in _SOURCE_BREAK + _QUOTE_OPEN for c in norm[end:a]):
            break
        end = b
    source = _trim(an, first, end) if first not in comps else None
    if source is not None and detach and source[0] == first:
        source = (first + 1, source[1])
    if source is None:  # 'بزعم أن ...': doubt without a named source
        return Frame(None, (s.start, s.end), "claimed", explicit=False) if prep.entry["certainty"] == "claimed" else None
    if prep.entry["takes"] == "named" and not _names_a_source(an, source):
        return None
    return Frame(source, (s.start, s.end), prep.entry["certainty"] or "asserted")


def _names_a_source(an: Analysis, span: tuple[int, int]) -> bool:
    """Does a span contain a source noun ('مصادر'، 'وكالة') or a party ('الجيش'، 'داعش')?"""
    return any(w.entry["role"] == "source" for w in an.matches_in(REPORTING, *span)) \
        or bool(an.matches_in(PARTIES, *span))


def _colon_frame(an: Analysis, s: Sentence, words: list[Match]) -> Frame | None:
    """Headline style 'مصادر محلية: مقتل 5 ...': a source noun before an early colon."""
    norm = an.norm
    colon = norm.find(":", s.start, s.end)
    if colon < 0 or len(norm[s.start:colon].split()) > 6:
        return None
    if not any(w.entry["role"] == "source" and w.end <= colon for w in words):
        return None
    source = _trim(an, s.start, colon)
    return Frame(source, (colon, s.end), "asserted") if source else None


def _doubt_frames(an: Analysis, s: Sentence, words: list[Match]) -> list[Frame]:
    """'مزاعم عن ...'، 'الهجوم المزعوم': events a few words around a doubt word are claims."""
    out = []
    for w in words:
        if w.entry["role"] != "doubt":
            continue
        before = an.words(s.start, w.start)[-_DOUBT_WINDOW:]
        after = an.words(w.end, s.end)[:_DOUBT_WINDOW]
        lo = before[0][0] if before else w.start
        hi = after[-1][1] if after else w.end
        # stay inside the clause of the doubt word
        lo = max(lo, max((an.norm.rfind(c, lo, w.start) + 1 for c in _SOURCE_BREAK), default=lo))
        hi = min([hi] + [p for c in _SOURCE_BREAK if (p := an.norm.find(c, w.end, hi)) >= 0])
        out.append(Frame(None, (lo, hi), "claimed", explicit=False))
    return out


# ---------------------------------------------------------------------------------------------
# Sources


def _trim(an: Analysis, start: int, end: int) -> tuple[int, int] | None:
    """The words of [start, end) without surrounding punctuation; a closing parenthesis after the
    last word stays ('قوات سوريا الديمقراطية (SDF)'). None when no word is left."""
    ws = an.words(start, end)
    norm = an.norm
    while ws and norm[ws[0][0]:ws[0][1]] in _EDGE_WORDS:
        ws.pop(0)
    while ws and norm[ws[-1][0]:ws[-1][1]] in _EDGE_WORDS:
        ws.pop()
    if not ws:
        return None
    a, b = ws[0][0], ws[-1][1]
    if b < len(norm) and norm[b] == ")" and "(" in norm[a:b]:
        b += 1
    return a, b


def _clause_end(an: Analysis, start: int, end: int) -> int:
    ends = [p for c in _SOURCE_BREAK for p in [an.norm.find(c, start, end)] if p >= 0]
    return min(ends, default=end)


def _preceding_subject(an: Analysis, s: Sentence, verb: Match) -> tuple[int, int] | None:
    """The subject of an SVO frame: the words of the verb's clause before it, minus connectors."""
    norm = an.norm
    clause_start = max([s.start] + [norm.rfind(c, s.start, verb.start) + 1 for c in _SOURCE_BREAK])
    ws = [(a, b) for a, b in an.words(clause_start, verb.start)]
    while ws and norm[ws[0][0]:ws[0][1]] in _CONNECTORS:
        ws.pop(0)
    if not ws or len(ws) > _MAX_PRECEDING_SUBJECT:
        return None
    if any(w.entry["role"] in ("verb", "prep", "comp") for w in an.matches_in(REPORTING, ws[0][0], ws[-1][1])):
        return None  # another frame's words are not a subject
    return _trim(an, ws[0][0], ws[-1][1])


def _inherited(recent: list[tuple[int, tuple[int, int]]], index: int) -> tuple[int, int] | None:
    for sent_index, source in reversed(recent):
        if index - sent_index <= _INHERIT_SENTENCES:
            return source
        break
    return None


# ---------------------------------------------------------------------------------------------
# Applying frames to events


def _apply(an: Analysis, m: Mention, frames: list[Frame]) -> Mention | None:
    """Set the mention's source and certainty from the frames covering it; a denial of
    responsibility for it is returned as a mention of its own."""
    covering = [f for f in frames if f.scope[0] <= m.start < f.scope[1]
                and not (f.source and f.source[0] <= m.start < f.source[1])]
    if not covering:
        return None
    doubt = any(f.source is None and f.certainty == "claimed" and not f.explicit for f in covering)
    sourced = [f for f in covering if f.source is not None or f.certainty != "claimed" or f.explicit]
    frame = min(sourced, key=lambda f: f.scope[1] - f.scope[0]) if sourced else None
    if frame is not None and frame.certainty == "denied":
        disowned = _disowned(an, frame, m)
        if disowned is not None:
            return _denial(an, frame, m, disowned)
    if frame is not None and frame.source is not None and m.claimed_by is None:
        m.claimed_by = an.span(*frame.source)
    if m.certainty == "denied":
        return None
    if frame is not None and frame.certainty == "denied":
        if not _new_clause(an, frame.scope[0], m):
            m.certainty = "denied"
    elif doubt or (frame is not None and (frame.certainty == "claimed"
                                          or (frame.source is not None and not _own_measure(m)
                                              and _is_party(an, frame.source, m)))):
        m.certainty = "claimed"
    return None


def _disowned(an: Analysis, frame: Frame, m: Mention) -> int | None:
    """Where the denial denies a part in the event ('نفى ... مسؤوليته عن', 'أية صلة له بـ') rather
    than the event itself: the end of its word of responsibility; None when it denies the event."""
    lo = min(frame.scope[0], frame.source[0]) if frame.source else frame.scope[0]
    for a, b in an.words(lo, m.start):
        w = an.norm[a:b]
        if w in _RESPONSIBILITY or (w[:1] in _CLITIC_LETTERS and w[1:] in _RESPONSIBILITY):
            return b
    return None


def _denial(an: Analysis, frame: Frame, m: Mention, after: int) -> Mention:
    """The event stays as reported (a denial found by detection on it is this one, undone); its
    twin is the denial: certainty denied, cited to the denier, actor1 the side whose part is denied
    (one named after the responsibility word: 'نافياً مسؤولية سلاح الجو', else the denier), no
    figures of its own."""
    if m.certainty == "denied":
        m.certainty = "asserted"
    denial = m.twin()
    denial.certainty = "denied"
    denial.fatalities = denial.injured = denial.arrested = None
    denial.fatalities_span = denial.injured_span = denial.arrested_span = None
    if frame.source is not None:
        denial.claimed_by = an.span(*frame.source)
        accused = actor_in(an, after, m.start)
        denial.actor1 = accused or actor_in(an, *frame.source) or m.actor1
    return denial


def _new_clause(an: Analysis, since: int, m: Mention) -> bool:
    """'نفت الوزارة استهداف المدنيين، واتهمت الجيش ...': a verb coordinated after a comma starts a
    clause of its own, which the denial before it does not govern."""
    return m.pos == "V" and m.prefix[:1] in _CONJUNCTIONS and any(c in ",;" for c in an.norm[since:m.start])


_MEASURES: Final = {"curfew", "martial-law", "restrict", "censor"}


def _own_measure(m: Mention) -> bool:
    """'أعلنت وزارة الداخلية فرض حظر تجول': an authority announcing its own measure enacts it;
    the announcement is not a partisan claim about it."""
    return m.plover == "COERCE" and m.mode in _MEASURES


def _source_kinds(an: Analysis, source: tuple[int, int]) -> set[str]:
    """The kinds of the party cues in a source, a cue inside a longer one left to it: 'وكالة الأنباء
    الجزائرية' is a state's agency, not the agency ('وكالة') it holds, and 'وزارة الصحة' medics, not
    the ministry ('وزارة')."""
    cues = an.matches_in(PARTIES, *source)
    return {c.entry["kind"] for c in cues
            if not any(o.start <= c.start and c.end <= o.end and o.end - o.start > c.end - c.start for o in cues)}


def _is_party(an: Analysis, source: tuple[int, int], m: Mention) -> bool:
    """Does the source speak for a side of the event (guideline 11)? Affiliation words and armed
    groups always do; medics, monitors, witnesses and agencies never do. A state force or authority
    does when the acting side is a state body of its country (an army reporting its operation, a
    ministry its arrests, also when a passive leaves the arresting side unnamed; a source naming no
    nationality is taken to be of the country the event happened in), or when the
    attacked side is and the source is not an unnamed one ('مصدر أمني' on an attack on soldiers
    reports it; the ministry of defence claims it), and an army does on what an armed enemy did. Any
    source does when it names an actor."""
    actors = [a for a in (m.actor1, m.actor2) if a is not None]
    kinds = _source_kinds(an, source)
    if kinds & {"affiliation", "group"}:
        return True
    if "state" in kinds and "nonparty" not in kinds:
        # the source's country: its nationality word, else the country the event happened in
        own = nationalities_in(an, *source) or ({m.location.country} if m.location and m.location.country else set())

        def of_source(a: Actor | None) -> bool:
            return (a is not None and a.sector in _STATE_SECTORS and not implicit(a)
                    and (not own or a.country is None or a.country in own))
        if of_source(m.actor1) or (of_source(m.actor2) and "unnamed" not in kinds):
            return True
        # an army (named, not an unnamed source) reporting what an armed enemy did is a belligerent's
        # report ('وقال الجيش الليبي إن أربعة أشخاص قتلوا جراء قصف لطائرة تركية مسيرة')
        if ("unnamed" not in kinds and m.actor1 is not None and m.actor1.sector in _ARMED and not implicit(m.actor1)
                and any(c.entry["kind"] == "state" and c.entry["sector"] == "MIL"
                        for c in an.matches_in(PARTIES, *source))):
            return True
        if m.plover == "COERCE" and (m.actor1 is None or implicit(m.actor1)):
            return True
    src_words = set(an.norm[source[0]:source[1]].split()) - _GENERIC_ACTOR_WORDS
    bare = {_bare(w) for w in src_words}
    return any(_names_actor(bare, a) for a in actors) or _side_named_by(an, bare, source, m)


def _side_named_by(an: Analysis, bare: set[str], source: tuple[int, int], m: Mention) -> bool:
    """Is a side of the event affiliated with the source by name ('اشتباكات بين قوات موالية لمشار
    وفصيل منشق، بحسب المتحدث باسم حزب ريك مشار')? The word after an affiliation cue of the event's
    sentence is one of the source's own words."""
    s = m.sentence
    for cue in an.matches_in(PARTIES, s.start, s.end):
        if cue.entry["kind"] != "affiliation" or source[0] <= cue.start < source[1]:
            continue
        following = an.words(cue.end, min(s.end, cue.end + 40))
        if following and _bare(an.norm[following[0][0]:following[0][1]]) in bare:
            return True
    return False


def _bare(word: str) -> str:
    """A word without its article or a one-letter preposition ('لمشار' as 'مشار')."""
    if word.startswith("ال") and len(word) > 4:
        return word[2:]
    if word[:1] in _NAME_PREFIXES and len(word) > 4:
        return word[1:]
    return word


def _names_actor(bare: set[str], actor: Actor) -> bool:
    """Do the source's words (article dropped) include all words of the actor's text or name?"""
    for name in (actor.text, actor.name):
        if not name:
            continue
        words = _name_words(name)
        if words and words <= bare:
            return True
    return False


@lru_cache(maxsize=8192)
def _name_words(name: str) -> frozenset[str]:
    """The folded words of an actor's text or name, article dropped, generic words left out
    (cached: the same actor names recur across events and documents, and folding is not free)."""
    return frozenset({_bare(w) for w in fold(name).split()} - _GENERIC_ACTOR_WORDS)


def _claims(an: Analysis) -> None:
    an.mentions = resolve_claims(an, an.mentions)


CLAIMS: Final = Stage(
    "claims", _claims,
    requires=("analysis.mentions", "mention.sentence", "mention.start", "mention.pos", "mention.prefix",
              "mention.plover", "mention.mode", "mention.actor1", "mention.actor2", "mention.certainty",
              "mention.location"),
    # (a denial of responsibility becomes a mention of its own: analysis.mentions)
    assigns=("analysis.mentions", "mention.claimed_by", "mention.certainty", "mention.actor1", "mention.fatalities",
             "mention.injured", "mention.arrested", "mention.fatalities_span", "mention.injured_span",
             "mention.arrested_span"))
