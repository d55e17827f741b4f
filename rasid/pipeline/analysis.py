"""The working state one document carries through the pipeline.

`Analysis` holds the text layer (normalised view, sentences, tokens) and caches lexicon matches so
every stage reads the same view. `Mention` is an event in the making: detection creates it, each
resolver fills its own fields, and assembly turns it into a contract `Event`. All spans inside are
normalised offsets; `Analysis.span` converts them to contract spans over the original text.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import cache
from typing import Any, Final, TypeVar

from ..contract import Actor, Location, Span
from ..dictionaries.actor_dictionary import actor_matcher
from ..dictionaries.gazetteer import gazetteer_matcher
from ..dictionaries.lexicon import Match, Matcher, matcher
from ..dictionaries.scanner import Scanner
from ..text import NormText, Sentence, Tokens, normalise, segment, tokenize
from .records import record

T = TypeVar("T")


# The dictionaries composed in code from several data files, by the names stages ask
# `Analysis.matches` for; every other name is a lexicon file of rasid/data/.
ACTORS: Final = "actors"
GAZETTEER: Final = "gazetteer"

# Lexicons matched in one pass over the words (scanner.Scanner) when any of them is first needed:
# the triggers, and what detection and the resolvers read in a document with one, the actor
# dictionary and the gazetteer included. One pass costs less than a pass for the triggers and
# another for the rest, even though a document without a trigger needs only the first: every word
# is looked up and every new word analysed once. Results are the same as scanning each alone.
SCANNED_TOGETHER: Final[tuple[str, ...]] = (
    "triggers.tsv", "cues.tsv", "modes.tsv", "date_words.tsv", "count_cues.tsv", "reporting.tsv", "number_words.tsv",
    "parties.tsv", ACTORS, GAZETTEER,
)


def dictionary(name: str) -> Matcher:
    """The matcher `Analysis.matches(name)` reads (each built once per process)."""
    if name == ACTORS:
        return actor_matcher()
    if name == GAZETTEER:
        return gazetteer_matcher()
    return matcher(name)


@cache
def scanner(names: tuple[str, ...]) -> Scanner:
    """One scanner of these dictionaries (built once per process, and remembering words as long)."""
    return Scanner([dictionary(n) for n in names])


class Mention:
    """A detected event mention and everything resolved about it so far.

    Mentions compare by identity. (Hand-written, not a dataclass: made per trigger, see
    docs/scaling.md.)"""

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
        self.definite = definite  # carries the article: usually anaphora to a known event
        # clause status and modality, set by detection
        self.argument = False  # right after a preposition: an argument of another predicate
        self.leading = False  # a noun at the head of its clause or after a complementizer
        self.occurs = False  # an occurrence word asserts it ('وقع انفجار', 'الاشتباكات مستمرة')
        self.modality: str | None = None  # negated, future, hypothetical, question, generic, ...
        self.subordinate = False
        self.headline = False
        self.main = False
        # filled by the resolvers
        self.actor1: Actor | None = None
        self.actor2: Actor | None = None
        self.location: Location | None = None
        self.date: str | None = None
        self.time_precision: int | None = None
        self.fatalities: int | None = None
        self.injured: int | None = None
        self.arrested: int | None = None
        self.certainty = "asserted"
        self.claimed_by: Span | None = None
        self.extras: dict[str, object] = {}

    def __repr__(self) -> str:
        return f"Mention({self.plover} {self.mode}, {self.start}-{self.end}, main={self.main}, modality={self.modality})"


class Analysis:
    """One document under analysis: its text layer, made when it is created, and what stages
    compute once and read often (lexicon matches, `memo`)."""

    def __init__(self, text: str, published: dt.date | None = None, warnings: list[str] | None = None) -> None:
        self.text = text
        self.published = published
        self.warnings: list[str] = [] if warnings is None else warnings
        self.nt: NormText = normalise(text)
        self.sentences: list[Sentence] = segment(self.nt)
        self.tokens: Tokens = tokenize(self.nt.norm)
        self._matches: dict[str, list[Match]] = {}
        self._match_starts: dict[str, list[int]] = {}
        self._memo: dict[str, Any] = {}
        self._sentence_starts = [s.start for s in self.sentences]

    def __repr__(self) -> str:
        return f"Analysis({self.text[:60]!r}, published={self.published})"

    @property
    def norm(self) -> str:
        return self.nt.norm


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
            group = SCANNED_TOGETHER if lexicon in SCANNED_TOGETHER else (lexicon,)
            for name, ms in zip(group, scanner(group).find(self.norm, t.starts, t.ends, t.words)):
                self._matches[name] = ms
            found = self._matches[lexicon]
        return found

    def matches_in(self, lexicon: str, start: int, end: int) -> list[Match]:
        """Matches of a lexicon lying inside the normalised span [start, end)."""
        ms = self.matches(lexicon)
        starts = self._match_starts.get(lexicon)
        if starts is None:  # (only some lexicons are asked about spans: their starts listed then)
            starts = self._match_starts[lexicon] = [m.start for m in ms]
        return [m for m in ms[bisect_left(starts, start) : bisect_left(starts, end)] if m.end <= end]

    def span(self, start: int, end: int) -> Span:
        """A contract span (original offsets and words) for a normalised span."""
        a, b = self.nt.to_original(start, end)
        return record(Span, {"text": self.text[a:b], "start": a, "end": b})

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """A per-document cache for stages that compute something once and read it often."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]  # type: ignore[no-any-return]

    def token_index(self, pos: int) -> int:
        """Index of the first token starting at or after normalised position `pos`."""
        return bisect_left(self.tokens.starts, pos)

    def words(self, start: int, end: int) -> list[tuple[int, int]]:
        """Token spans inside the normalised span [start, end)."""
        t = self.tokens
        i, j = self.token_index(start), bisect_left(t.starts, end)
        return list(zip(t.starts[i:j], t.ends[i:j]))
