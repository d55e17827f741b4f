"""Lexicon files, the affixes each class of entry allows, and the matches found in text.

Lexicons are TSV files in `rasid/data/` (read by `tables.read_tsv`): comment lines start with '#',
the first other line names the columns, and every row is one entry. The first column is always
`pattern` (Arabic as written in news; it is folded like the documents) and the second `class`, which
says which affixes may surround the pattern inside a word:

- `N`  noun or adjective: proclitics و ف ب ك ل and the article (وال، بال، لل ...), sound endings
       (ة ات ين ون ان تين تان ي) and attached pronouns (ه ها هم ...).
- `V`  verb stem as it appears after the imperfect prefix (قتل matches قتل، قتلوا، يقتلون، سيقتل،
       وقتلهم): conjunctions, the future س, the person prefixes ي ت ن ا, person endings and
       object pronouns. Unvocalised passives (قتل، اعتقل) are the same letters as actives.
- `V+` like V, but the bare stem alone is not enough (فجر 'dawn' / فجروا 'they blew up').
- `X`  exact word or phrase: only a leading conjunction or preposition (و ف ب ل ك).
- `P` / `P+` a place name (the gazetteer): the noun proclitics but no suffix; `P+` names are spelt
       with the article, which the text must then have ('النصر', not 'نصر'), `P` names without it.

The affixes themselves are data (`affixes.tsv`, one slot a row); `AFFIXES` composes each class's
prefixes and suffixes from the slots. The whole word must be explained: a match inside another word
('قتل' in 'مستقل') is rejected unless the letters around it are exactly allowed affixes.
`reference_matcher.py` states this plainly; `scanner.py` finds the same matches of several lexicons
in one pass over a document's words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Final

from ..positions import bisect_right
from ..text import fold
from .startup_cache import cached_under, content_key, module_code
from .tables import affixes, read_tsv

# The affixes of each class, composed from the slots of data/affixes.tsv; each slot may stay empty.
_CONJ: Final = ("", *affixes("conjunction"))
_PREP: Final = ("", *affixes("preposition"))
_ART: Final = ("", *affixes("article"))
_PRONOUN: Final = ("", *affixes("pronoun"))

_N_PREFIX = {c + p + a for c in _CONJ for p in _PREP for a in _ART}
_N_PREFIX |= {c + a for c in _CONJ for a in affixes("article-after-l")}
_N_INFLECT: Final = ("", *affixes("noun-ending"))
_N_SUFFIX: Final = {i + p for i in _N_INFLECT for p in _PRONOUN}

_V_PREFIX = {c + f + p for c in _CONJ for f in ("", *affixes("verb-particle")) for p in ("", *affixes("person"))}
_V_PREFIX |= {q + c for q in affixes("interrogative") for c in _CONJ}
_V_PREFIX |= {c + q for c in affixes("conjunction") for q in affixes("qad")}
_V_INFLECT: Final = ("", *affixes("verb-ending"))
_V_SUFFIX: Final = {i + p for i in _V_INFLECT for p in _PRONOUN + affixes("verb-object")}

_X_PREFIX: Final = {c + p for c in _CONJ for p in _PREP}

# The noun prefixes ending in the article: P+ place names need one, P names refuse one.
_ARTICLE: Final = affixes("article") + affixes("article-after-l")

AFFIXES: Final[dict[str, tuple[set[str], set[str]]]] = {
    "N": (_N_PREFIX, _N_SUFFIX),
    "V": (_V_PREFIX, _V_SUFFIX),
    "V+": (_V_PREFIX, _V_SUFFIX),
    "X": (_X_PREFIX, {""}),
    "P": ({p for p in _N_PREFIX if not p.endswith(_ARTICLE)}, {""}),
    "P+": ({p for p in _N_PREFIX if p.endswith(_ARTICLE)}, {""}),
}
# Classes whose patterns of one or two letters must be a whole word ('ان' is no stem of 'انهم').
_SHORT_ALONE: Final = {"N", "V", "V+"}

_SUFFIXLESS: Final = {cls: suffixes == {""} for cls, (_, suffixes) in AFFIXES.items()}
_MAX_PREFIX: Final = {cls: max(map(len, prefixes)) for cls, (prefixes, _) in AFFIXES.items()}


@dataclass(slots=True)
class Entry:
    """One lexicon row: the folded pattern, its affix class and the other columns.

    Not frozen, though nothing changes an entry: every process makes some twenty thousand of them
    at start-up (the gazetteer's names, the lexicons' expanded patterns), and a frozen dataclass
    sets each field through `object.__setattr__`, three calls per entry (about 0.5% of a pure run).
    As before, an entry compares by its fields and has no hash (its row is a dict)."""

    pattern: str
    cls: str
    data: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.data.get(key, "")


class Match:
    """A lexicon entry found in the normalised text: `start`/`end` cover the whole words, the core
    the pattern itself, between its prefix and suffix. (Hand-written, not a dataclass: made per
    match, see docs/scaling.md, "Idioms of the hot path".)"""

    __slots__ = ("core_end", "core_start", "end", "entry", "prefix", "start", "suffix")

    def __init__(self, entry: Entry, start: int, end: int, core_start: int, core_end: int, prefix: str,
                 suffix: str) -> None:
        self.entry = entry
        self.start = start
        self.end = end
        self.core_start = core_start
        self.core_end = core_end
        self.prefix = prefix
        self.suffix = suffix

    def __repr__(self) -> str:
        return f"Match({self.entry.pattern!r}, {self.start}, {self.end}, core {self.core_start}-{self.core_end})"


class Matcher:
    """A lexicon ready to be matched: its entries grouped by folded pattern (`entries[i]` are those of
    `patterns[i]`). Finding them in a document is the scanner's work (`scanner.Scanner`)."""

    def __init__(self, entries: Iterable[Entry], key: str | None = None):
        by_pattern: dict[str, list[Entry]] = {}
        classes: set[str] = set()
        for e in entries:
            if e.cls not in AFFIXES:
                raise ValueError(f"unknown class {e.cls!r} for {e.pattern!r}")
            if not e.pattern:
                continue
            by_pattern.setdefault(e.pattern, []).append(e)
            classes.add(e.cls)
        self.patterns = list(by_pattern)
        self.entries = list(by_pattern.values())
        # WHY kept: the scanner looks a pattern's entries up here when it first matches, rather than
        # indexing every entry of every lexicon at start-up (`scanner.Scanner._route`)
        self.by_pattern = by_pattern
        self.classes = classes  # the entries' classes
        # What identifies the patterns and their classes (`content_key`): the start-up cache's key of
        # what the entries were made from, when the caller has it.
        self.key = key

    def content_key(self) -> str:
        """A key of the patterns and their entries' classes, all a scanner is made from
        (`scanner.Scanner`): given by the caller, or worked out once from the entries."""
        if self.key is None:
            self.key = content_key([repr([(p, [e.cls for e in es]) for p, es in zip(self.patterns, self.entries)])
                                    .encode()])
        return self.key


def entries_from(name: str, cls_default: str = "X") -> list[Entry]:
    """Load a TSV lexicon into entries (pattern folded; a leading article dropped for N entries)."""
    return _entries_and_key(name, cls_default)[0]


def _entries_and_key(name: str, cls_default: str) -> tuple[list[Entry], str]:
    """A lexicon's entries, and the start-up cache's key of what they are made from. The rows and
    their folded forms come from the cache (keyed by the file and the code that reads and folds
    it): each process used to read and fold every lexicon again."""
    key = content_key([name.encode(), cls_default.encode(), resources.files("rasid.data").joinpath(name).read_bytes(),
                       *map(module_code, FOLDING_CODE)])
    rows, forms = cached_under("lexicon-" + name.replace(".", "-"), key, lambda: _folded(name, cls_default))
    return [Entry(pattern, cls, rows[i]) for pattern, cls, i in forms], key


# The modules whose code makes a lexicon's entries from its file.
FOLDING_CODE: Final = (__name__, "rasid.text", "rasid.dictionaries.tables")


def _folded(name: str, cls_default: str) -> tuple[list[dict[str, str]], list[tuple[str, str, int]]]:
    """A lexicon file's rows, and each of its folded forms with its class and row (by index)."""
    rows = read_tsv(name)
    forms = []
    for i, row in enumerate(rows):
        cls = row.get("class") or cls_default
        forms += [(pattern, cls, i) for pattern in expand(row.get("pattern", ""), cls)]
    return rows, forms


_ALT: Final = re.compile(r"\[([^\]]*)\]")


def expand(raw: str, cls: str) -> list[str]:
    """Folded forms of a pattern. `[a|b]` gives alternatives ('اطلاق [النار|نار]'); for nouns a
    leading ال is dropped because the matcher's prefixes supply it (so لل and بال forms match)."""
    forms = [raw]
    while any("[" in f for f in forms):
        nxt = []
        for f in forms:
            m = _ALT.search(f)
            if not m:
                nxt.append(f)
                continue
            for alt in m.group(1).split("|"):
                nxt.append(f[: m.start()] + alt + f[m.end():])
        forms = nxt
    out: dict[str, None] = {}  # (a dict keeps the first of each form, in order, without a scan per form)
    for f in forms:
        f = fold(f)
        if cls == "N" and f.startswith("ال") and len(f) > 4:
            f = f[2:]
        if f:
            out[f] = None
    return list(out)


@cache
def matcher(name: str, cls_default: str = "X") -> Matcher:
    """The matcher of a packaged lexicon file, built once per process."""
    return Matcher(*_entries_and_key(name, cls_default))


@cache
def as_set(name: str, column: str = "pattern") -> frozenset[str]:
    """A lexicon column as a set of folded strings (for small closed word lists)."""
    return frozenset(fold(r[column]) for r in read_tsv(name) if r.get(column))


def non_overlapping(matches: Iterable[Match], priority: Callable[[Match], Any],
                    whole_words: bool = False) -> list[Match]:
    """Matches that overlap no better one, in text order: candidates are taken in `priority` order
    (lowest first) and one is dropped when it overlaps a match already taken. Overlap is judged on
    the matched letters, or on the whole words with `whole_words`."""
    starts: list[int] = []  # of the matches taken, in text order
    ends: list[int] = []
    taken: list[Match] = []
    for m in sorted(matches, key=priority):
        a, b = (m.start, m.end) if whole_words else (m.core_start, m.core_end)
        i = bisect_right(starts, a)
        if (i and ends[i - 1] > a) or (i < len(starts) and starts[i] < b):
            continue
        starts.insert(i, a)
        ends.insert(i, b)
        taken.insert(i, m)
    return taken
