"""The working state one document carries through the pipeline.

`Analysis` holds the text layer (normalised view, sentences, tokens) and caches lexicon matches so
every stage reads the same view; the stages add the layout, the mentions and the events to it.
`Mention` is an event in the making: detection creates it, each resolver fills its own fields, and
assembly turns it into a contract `Event`. Each field says which stage fills it; the stages declare
what they read and fill (`stages.py`), and `__slots__` lists the fields those declarations may name.
All spans inside are normalised offsets; `Analysis.span` converts them to contract spans over the
original text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, Final, TypeVar

from ..dictionaries.actor_dictionary import actor_matcher
from ..dictionaries.gazetteer import demonym_matcher, gazetteer_matcher
from ..dictionaries.lexicon import Match, Matcher, matcher
from ..dictionaries.scanner import Scanner
from ..dictionaries.tables import function_words
from ..plain import Actor, Event, Location, Span
from ..positions import bisect_left, bisect_right
from ..text import NormText, Sentence, Tokens, normalise, positions_of, segment, tokenize
from .records import record

T = TypeVar("T")
_UNSET: Final = object()  # (`Analysis.memo_of`: no value memoised under a key)


# The dictionaries composed in code from several data files, by the names stages ask
# `Analysis.matches` for; every other name is a lexicon file of rasid/data/.
# Words after which a full stop does not end a sentence (titles, units, initials), handed to the
# text layer's segmenter.
ABBREVIATIONS: Final = function_words("abbreviation")
GLUED_OPENERS: Final = function_words("glued-opener")
# What ends a clause in the normalised text (its Arabic comma and semicolon are folded to ',' and ';'):
# the gate's clause words and the merge's protest causes read words up to one. (The characters, for
# `clause_breaks`, which finds them by `str.find`; detection's breaks are the same less the full stop.)
CLAUSE_BREAK_CHARS: Final = ',;:"()?!\n.'
CLAUSE_BREAK: Final = re.compile("[" + re.escape(CLAUSE_BREAK_CHARS) + "]")
ACTORS: Final = "actors"
GAZETTEER: Final = "gazetteer"
DEMONYMS: Final = "demonyms"

# Lexicons matched in one pass over the words (scanner.Scanner), in two groups. What detection and
# the gate read (the triggers and their cues) is scanned when first needed, in every document with
# text; what only the resolvers read (the actor dictionary, the gazetteer, the nationality
# adjectives, the date, count and claim words) is scanned when a resolver first asks, that is only
# in a document where the gate kept a mention: about a third of news sentences. WHY two passes: a
# second pass costs a dictionary lookup per word (each distinct word is analysed once per process
# by each scanner), while building the resolvers' matches in every document cost every document
# about twenty `Match` objects (most of all matches), thrown away in the two thirds the gate empties.
# Results are the same as scanning each lexicon alone (tests/test_text.py).
SCANNED_FIRST: Final[tuple[str, ...]] = ("triggers.tsv", "trigger_objects.tsv", "cues.tsv", "modes.tsv")
SCANNED_FOR_RESOLVERS: Final[tuple[str, ...]] = (
    "date_words.tsv", "count_cues.tsv", "reporting.tsv", "number_words.tsv", "parties.tsv", ACTORS, GAZETTEER, DEMONYMS,
)
SCANNED_TOGETHER: Final[tuple[str, ...]] = SCANNED_FIRST + SCANNED_FOR_RESOLVERS


def _scan_group(lexicon: str) -> tuple[str, ...]:
    """The lexicons scanned in the same pass as `lexicon`."""
    if lexicon in SCANNED_FIRST:
        return SCANNED_FIRST
    return SCANNED_FOR_RESOLVERS if lexicon in SCANNED_FOR_RESOLVERS else (lexicon,)


def dictionary(name: str) -> Matcher:
    """The matcher `Analysis.matches(name)` reads (each built once per process)."""
    if name == ACTORS:
        return actor_matcher()
    if name == GAZETTEER:
        return gazetteer_matcher()
    if name == DEMONYMS:
        return demonym_matcher()
    return matcher(name)


@cache
def scanner(names: tuple[str, ...]) -> Scanner:
    """One scanner of these dictionaries (built once per process, and remembering words as long)."""
    return Scanner([dictionary(n) for n in names], cache=True)


@dataclass(slots=True)
class Layout:
    """Where a document's parts are, in normalised offsets. Found by the layout stage (`layout.py`)."""

    body_end: int  # where page furniture starts (the end of the text when there is none)
    headline_end: int  # the end of the headline line (0 when the document has none)


# Every field of a Mention (its __slots__; `Mention.twin` copies them one by one, which also works
# in the compiled build, where `copy.copy` cannot make a native object).
MENTION_FIELDS: Final = ("actor1", "actor1_assoc", "actor2", "argument", "arrested", "arrested_span", "certainty",
                 "claimed_by", "clash", "clause_placed", "crowd", "crowd_fit", "date", "date_span", "day_named", "definite", "demonstrated", "end", "eventive", "fatalities",
                 "fatalities_span", "gate_margin", "headline", "imperfect", "injured", "injured_span", "intervention", "leading",
                 "location", "main", "modality", "mode", "occurs", "place_from_context", "place_listed", "plover", "pos", "prefix",
                 "reports", "rules_kept", "rules_main", "sentence", "start", "strength", "subordinate", "supporting", "time_precision", "toll_updated",
                 "toll_verb", "weapons")


class Mention:
    """A detected event mention and everything resolved about it so far.

    Mentions compare by identity. (Hand-written, not a dataclass: made per trigger, see
    docs/scaling.md. `__slots__` names every field, so that the stage contracts can be checked
    against the class.)"""

    __slots__ = MENTION_FIELDS

    def __init__(self, sentence: Sentence, start: int, end: int, plover: str, mode: str | None, pos: str,
                 strength: int = 2, prefix: str = "", eventive: bool = False, definite: bool = False) -> None:
        self.sentence = sentence
        self.start = start  # trigger, normalised offsets
        self.end = end
        self.plover = plover
        self.mode = mode
        self.pos = pos  # V (verbal), N (nominal), X (phrase)
        self.strength = strength  # 1 weak (needs nothing better in the sentence), 2 normal, 3 strong
        self.prefix = prefix  # clitics and inflection prefix attached to the trigger word
        self.eventive = eventive  # a noun that reports a happening wherever it stands (مقتل)
        self.toll_verb = False  # a verb that tells the dead ('قتل'): an accident's in a sentence naming one
        self.definite = definite  # carries the article: usually anaphora to a known event
        self.demonstrated = False  # (merge) a definite noun after a demonstrative ('ذلك الهجوم'): an event told before
        # (all of the above, and what follows up to the resolvers, set by detection)
        # clause status and modality
        self.argument = False  # right after a preposition: an argument of another predicate
        self.leading = False  # a noun at the head of its clause or after a complementizer
        self.occurs = False  # an occurrence word asserts it ('وقع انفجار', 'الاشتباكات مستمرة')
        self.modality: str | None = None  # negated, future, hypothetical, question, generic, ...
        self.subordinate = False
        self.main = False
        self.imperfect = False  # (detect) a verb in the imperfect ('يقصف'): habitual, not a sentence's main event
        self.clash = False  # (detect) a clash trigger ('اشتباكات'): ACLED's armed clash when both sides fight
        self.weapons = False  # (detect) a seizure of weapons ('ضبط أسلحة'): ACLED's disrupted weapons use
        self.crowd: str | None = None  # (detect) a crowd verb's flag ('crowd', 'crowd-new': a crowd must follow; 'crowd-before': precede)
        self.crowd_fit = True  # (detect) not a crowd verb, or one with its crowd after it
        # (detect) what the rules decided: the gate (gate.py) keeps these unless a trained model overrules them
        self.rules_kept = True
        self.rules_main = False
        self.gate_margin = 0.0  # (gate) the trained gate's score minus its threshold (0 when the rules decide)
        self.supporting = False  # (gate) kept only to be merged into an event of its sentence, never one of its own
        # filled by the resolvers
        self.location: Location | None = None  # (places)
        self.place_from_context = False  # (places) the location comes from an earlier sentence or the document
        self.place_listed = False  # (places) its place is one of a list, each place with its own event
        self.clause_placed = False  # (places) its own clause places it apart from the rest of its type in its sentence
        self.toll_updated = False  # (counts) a figure of it raises an earlier toll ('ارتفع عدد القتلى إلى')
        self.actor1: Actor | None = None  # (actors)
        self.actor2: Actor | None = None  # (actors)
        self.actor1_assoc: tuple[Actor, ...] = ()  # (actors) acting with actor1 ('بين X وY من جهة وZ ...': Y)
        self.date: str | None = None  # (dates)
        self.day_named: tuple[str, int] | None = None  # (dates) a day named that no publication date resolves: (kind, value)
        self.time_precision: int | None = None  # (dates)
        self.fatalities: int | None = None  # (counts)
        self.injured: int | None = None  # (counts)
        self.arrested: int | None = None  # (counts)
        self.certainty = "asserted"  # (claims; 'denied' also by detect)
        self.claimed_by: Span | None = None  # (claims)
        # evidence spans (normalised offsets) of the words that gave the date and each count, set
        # with the value by the dates and counts stages (None for the publication day taken by
        # default); assembly emits them as the event's date_span, fatalities_span, ...
        self.date_span: tuple[int, int] | None = None  # (dates)
        self.fatalities_span: tuple[int, int] | None = None  # (counts)
        self.injured_span: tuple[int, int] | None = None  # (counts)
        self.arrested_span: tuple[int, int] | None = None  # (counts)
        # set by assembly (merge)
        self.headline = False  # the trigger lies in the headline
        self.intervention = False  # a protest that security forces dispersed or arrested: ACLED's intervention
        self.reports: tuple[Mention, ...] = ()  # (merge, consolidate) other reports of this event merged into it

    def twin(self) -> Mention:
        """A copy of this mention with every field (a list of places gives each place its own)."""
        other = Mention(self.sentence, self.start, self.end, self.plover, self.mode, self.pos)
        for name in MENTION_FIELDS:
            setattr(other, name, getattr(self, name))
        return other

    def __repr__(self) -> str:
        return f"Mention({self.plover} {self.mode}, {self.start}-{self.end}, main={self.main}, modality={self.modality})"


class Analysis:
    """One document under analysis: its text layer, made when it is created, what stages compute
    once and read often (lexicon matches, `memo`), and what the stages fill (layout, mentions,
    events). (Hand-written, see docs/scaling.md; `__slots__`: as for `Mention`.)"""

    __slots__ = ("_match_starts", "_matches", "_memo", "_sentence_starts", "events", "layout", "mentions", "norm", "nt",
                 "published", "sentences", "text", "tokens", "warnings")

    def __init__(self, text: str, published: dt.date | None = None, warnings: list[str] | None = None) -> None:
        # the text layer (stages.TEXT_LAYER), there before any stage runs
        self.text = text
        self.published = published
        self.warnings: list[str] = [] if warnings is None else warnings  # (dates add to it)
        self.nt: NormText = normalise(text)
        # the normalised text, which every stage reads (tens of times a document): a field, not a
        # property, since a property is a call in pure Python
        self.norm: str = self.nt.norm
        self.sentences: list[Sentence] = segment(self.nt, ABBREVIATIONS, GLUED_OPENERS)
        self.tokens: Tokens = tokenize(self.nt.norm)
        self._matches: dict[str, list[Match]] = {}
        self._match_starts: dict[str, tuple[list[int], list[int]]] = {}
        self._memo: dict[str, Any] = {}
        self._sentence_starts = [s.start for s in self.sentences]
        # filled by the stages (run.STAGES)
        self.layout: Layout | None = None  # (layout)
        self.mentions: list[Mention] = []  # (detect; background and merge keep some)
        self.events: list[Event] = []  # (assemble)

    def __repr__(self) -> str:
        return f"Analysis({self.text[:60]!r}, published={self.published})"

    def sentence_at(self, pos: int) -> Sentence | None:
        """The sentence containing normalised position `pos`."""
        i = bisect_right(self._sentence_starts, pos) - 1
        if i >= 0 and pos < self.sentences[i].end:
            return self.sentences[i]
        return None

    def matches(self, lexicon: str) -> list[Match]:
        """Matches of a dictionary (`dictionary(lexicon)`) over the whole document (computed once)."""
        found = self._matches.get(lexicon)
        if found is None:
            t = self.tokens
            group = _scan_group(lexicon)
            for name, ms in zip(group, scanner(group).find(self.norm, t.starts, t.ends, t.words)):
                self._matches[name] = ms
            found = self._matches[lexicon]
        return found

    def matches_in(self, lexicon: str, start: int, end: int) -> list[Match]:
        """Matches of a lexicon lying inside the normalised span [start, end)."""
        ms = self.matches(lexicon)
        index = self._match_starts.get(lexicon)
        if index is None:  # (only some lexicons are asked about spans: their starts listed then)
            index = self._match_starts[lexicon] = _span_index(ms)
        starts, reach = index
        i, j = bisect_left(starts, start), bisect_left(starts, end)
        if i == j:
            return []
        if reach[j - 1] <= end:  # (no match starting before `end` ends after it: the usual span)
            return ms[i:j]
        return [m for m in ms[i:j] if m.end <= end]

    def span(self, start: int, end: int) -> Span:
        """A contract span (original offsets and words) for a normalised span."""
        a, b = self.nt.to_original(start, end)
        return record(Span, {"text": self.text[a:b], "start": a, "end": b})

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """A per-document cache for stages that compute something once and read it often."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]  # type: ignore[no-any-return]

    def memo_of(self, key: str, compute: Callable[[Analysis], T]) -> T:
        """`memo` of `compute(self)`, for the facts read most often (some twenty thousand asks per
        copy of the GSR development set, most of them answered from the memo): a module function
        passed as it is, where a lambda over the document would be made again at every ask."""
        found = self._memo.get(key, _UNSET)
        if found is _UNSET:
            found = self._memo[key] = compute(self)
        return found  # type: ignore[no-any-return]

    def token_index(self, pos: int) -> int:
        """Index of the first token starting at or after normalised position `pos`."""
        return bisect_left(self.tokens.starts, pos)

    def words(self, start: int, end: int) -> list[tuple[int, int]]:
        """Token spans inside the normalised span [start, end)."""
        t = self.tokens
        i, j = self.token_index(start), bisect_left(t.starts, end)
        return list(zip(t.starts[i:j], t.ends[i:j]))


def _span_index(ms: list[Match]) -> tuple[list[int], list[int]]:
    """The starts of matches in order of start, and the greatest end of the matches up to each:
    `Analysis.matches_in` then keeps a span's matches without testing each when none reaches past it."""
    starts: list[int] = []
    reach: list[int] = []
    furthest = -1
    for m in ms:
        starts.append(m.start)
        furthest = max(furthest, m.end)
        reach.append(furthest)
    return starts, reach



def clause_breaks(an: Analysis) -> list[int]:
    """Where the text's `CLAUSE_BREAK` characters are (sorted), found once per document: detection's
    clause breaks are these less the full stops, and the gate's breaks of a sentence a slice of
    them, where each scanned the text again (every sentence with a candidate)."""
    return an.memo_of("clause_breaks", _clause_breaks)


def _clause_breaks(an: Analysis) -> list[int]:
    return positions_of(an.norm, CLAUSE_BREAK_CHARS)
