"""Lexicon files and clitic-aware Aho-Corasick matching.

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
('قتل' in 'مستقل') is rejected unless the letters around it are exactly allowed affixes. One
automaton scans the whole document once; the affix check runs only on the candidate matches.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import import_module, resources
from typing import Any, Final

import ahocorasick_rs

from ..text import fold
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


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon row: the folded pattern, its affix class and the other columns."""

    pattern: str
    cls: str
    data: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.data.get(key, "")


class Match:
    """A lexicon entry found in the normalised text: `start`/`end` cover the whole words, the core
    the pattern itself, between its prefix and suffix. (A plain class rather than a dataclass:
    documents make dozens, and compiled (mypyc) its constructor is native, a dataclass's is not.)"""

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
    """Finds lexicon entries in normalised text, with Arabic clitics and inflections around them."""

    def __init__(self, entries: Iterable[Entry]):
        by_pattern: dict[str, list[Entry]] = {}
        for e in entries:
            if e.cls not in AFFIXES:
                raise ValueError(f"unknown class {e.cls!r} for {e.pattern!r}")
            if not e.pattern:
                continue
            by_pattern.setdefault(e.pattern, []).append(e)
        self.patterns = list(by_pattern)
        self.entries = [by_pattern[p] for p in self.patterns]
        # Per pattern, what `find` checks for each of its entries, looked up once here: the allowed
        # prefixes and suffixes, whether a bare stem is refused (V+), whether a short pattern must
        # stand alone. `_whole_word[i]`: no entry of pattern i takes a suffix, so a candidate
        # followed by another letter of its word is refused before any token lookup.
        self._checks = [[(e, *AFFIXES[e.cls], e.cls == "V+", len(e.pattern) <= 2 and e.cls in _SHORT_ALONE) for e in es]
                        for es in self.entries]
        self._whole_word = [all(_SUFFIXLESS[e.cls] for e in es) for es in self.entries]
        self._max_prefix = [max(_MAX_PREFIX[e.cls] for e in es) for es in self.entries]
        self._alone: Scanner | None = None  # built on the first `find`

    def find(self, norm: str, starts: list[int], ends: list[int],
             words: list[str] | None = None) -> list[Match]:
        """All entries whose affixes explain the words they sit in, longest first at each start.
        `starts`/`ends` are the word tokens of `norm` (sorted), `words` their strings if known."""
        if self._alone is None:
            self._alone = Scanner((self,))
        return self._alone.find(norm, starts, ends, words)[0]


class Scanner:
    """Several lexicons matched in one pass over the document's words.

    WHY word by word: a pattern of letters lies inside one word, so whether a word holds a match
    depends on the word alone. Each distinct word is analysed once per process (by an automaton
    over the word) and remembered: news vocabulary repeats, so a document costs one dictionary
    lookup per word, and only the few words that hold something reach more Python. Phrases
    ('دير الزور'، 'اطلاق النار') are found the same way from their last word, which says which
    phrases it may close; only a pattern of another shape (punctuation inside) needs an automaton
    over the document. Results are exactly those of the plain definition
    (tests/test_text.py): every occurrence of a pattern whose surrounding letters are affixes its
    entry allows, longest first at each start.
    """

    #: Distinct words remembered per scanner; the memory is dropped and refilled beyond this.
    WORDS_REMEMBERED = 200_000

    def __init__(self, matchers: Sequence[Matcher]):
        index: dict[str, int] = {}
        routes: list[list[tuple[int, list[_Check]]]] = []
        whole_word: list[bool] = []
        max_prefix: list[int] = []
        for slot, m in enumerate(matchers):
            for i, pattern in enumerate(m.patterns):
                j = index.setdefault(pattern, len(index))
                if j == len(routes):
                    routes.append([])
                    whole_word.append(True)
                    max_prefix.append(0)
                routes[j].append((slot, m._checks[i]))
                whole_word[j] = whole_word[j] and m._whole_word[i]
                max_prefix[j] = max(max_prefix[j], m._max_prefix[i])
        self.slots = len(matchers)
        self._routes, self._whole_word, self._max_prefix = routes, whole_word, max_prefix
        patterns = list(index)
        in_word: list[int] = []
        phrases: list[int] = []
        other: list[int] = []
        for j, p in enumerate(patterns):  # most patterns are one word: one test settles them
            if _LETTERS_ONLY.fullmatch(p):
                in_word.append(j)
            elif _PHRASE.fullmatch(p):
                phrases.append(j)
            elif _WORD_ENDS.fullmatch(p):
                other.append(j)
        self._in_word = _Automaton(patterns, in_word)
        # Phrases by their last word, (pattern number, first word, the words between): a word closes
        # such a phrase as a whole (place names), or, where the phrase takes suffixes (اطلاق النار،
        # جماعه الحوثي), by its first letters, the rest of the word being a suffix. What a word
        # closes is worked out once per distinct word, like its own matches.
        self._closing: dict[str, list[tuple[int, str, tuple[str, ...]]]] = {}
        self._closing_stems: dict[str, list[tuple[int, str, tuple[str, ...]]]] = {}
        for j in phrases:
            first, *inner, last = patterns[j].split(" ")
            (self._closing if whole_word[j] else self._closing_stems).setdefault(last, []).append(
                (j, first, tuple(inner)))
        self._longest_stem = max(map(len, self._closing_stems), default=0)
        # What can stand right before a phrase's last word: its first word after a prefix, or the
        # inner word before the last. A word that can is marked when analysed, so that `find` looks
        # the word up in a closing word's `before` only then, not for every word before a closer.
        self._first_words: set[str] = set()
        self._inner_before_last: set[str] = set()
        for closing in (self._closing, self._closing_stems):
            for phrases_closed in closing.values():
                for _, opening, between in phrases_closed:
                    if between:
                        self._inner_before_last.add(between[-1])
                    else:
                        self._first_words.add(opening)
        self._max_phrase_prefix = max((max_prefix[j] for j in phrases), default=0)
        # the rest (patterns of another shape, as with punctuation inside) by an automaton over the
        # document, but only patterns that can match at all: a match starts and ends inside words,
        # so a pattern opening or closing with a blank never does
        self._other = _Automaton(patterns, sorted(other))
        self._words = _Remembered(self._analyse, self.WORDS_REMEMBERED)

    def find(self, norm: str, starts: list[int], ends: list[int],
             words: list[str] | None = None) -> list[list[Match]]:
        """The matches of each lexicon, in the order the scanner was given them. `words` are the
        tokens' strings when the caller has them (`Tokens.words`)."""
        found: list[list[Match]] = [[] for _ in range(self.slots)]
        if words is None:
            words = [norm[a:b] for a, b in zip(starts, ends)]
        infos = list(map(self._words.__getitem__, words))  # a new word is analysed on the way
        phrased: set[int] = set()
        for i, info in enumerate(infos):
            if info is None:  # most words hold nothing
                continue
            ws, we = starts[i], ends[i]
            for h in info.hits:
                found[h.slot].append(Match(h.entry, ws, we, ws + h.start, ws + h.end, h.prefix, h.suffix))
            if info.before and i and (previous := infos[i - 1]) is not None and previous.opens \
                    and (closes := info.before.get(words[i - 1])) is not None:
                for slot, match in self._phrases(closes, i, norm, starts, ends, words):
                    found[slot].append(match)
                    phrased.add(slot)
        if self._other.ac is not None:
            for slot, e, ws, we, a, b, prefix, suffix in self._checked(self._other, norm, starts, ends):
                found[slot].append(Match(e, ws, we, a, b, prefix, suffix))
                phrased.add(slot)
        # Word by word the matches come in order (each word's own hits are kept longest first):
        # only a lexicon with phrase matches needs sorting.
        for slot in phrased:
            found[slot].sort(key=_match_order)
        return found

    def _phrases(self, closes: list[_Phrase], last: int, norm: str, starts: list[int],
                 ends: list[int], words: list[str]) -> list[tuple[int, Match]]:
        """The phrases that word `last` closes: their words one blank apart, the inner ones whole,
        the first at the end of its word (after a prefix), the last at its start (before a suffix)."""
        out: list[tuple[int, Match]] = []
        for j, first_word, inner, suffix in closes:
            first = last - len(inner) - 1
            if first < 0 or not words[first].endswith(first_word):
                continue
            if inner and tuple(words[first + 1 : last]) != inner:
                continue
            if any(starts[k + 1] != ends[k] + 1 or norm[ends[k]] != " " for k in range(first, last)):
                continue
            a = ends[first] - len(first_word)
            prefix = words[first][: len(words[first]) - len(first_word)]
            out += [(slot, Match(e, starts[first], ends[last], a, ends[last] - len(suffix), prefix, suffix))
                    for slot, e in self._accepted(j, prefix, suffix)]
        return out

    def _analyse(self, word: str) -> _WordInfo | None:
        """What one word holds (None: nothing, as most words): its letters-only matches (offsets
        relative to the word, longest first), the phrases it closes, and the words that can stand
        right before it in one of them."""
        hits: list[_Hit] = []
        if self._in_word.ac is not None:
            ids = self._in_word.ids
            for k, a, b in self._in_word.ac.find_matches_as_indexes(word, overlapping=True):
                prefix, suffix = word[:a], word[b:]
                hits += [_Hit(slot, e, a, b, prefix, suffix) for slot, e in self._accepted(ids[k], prefix, suffix)]
            hits.sort(key=_longest_first)  # stable, as `find`'s order needs
        closes = [(j, first, inner, "") for j, first, inner in self._closing.get(word, ())]
        if self._closing_stems:
            closes += self._stems_closed(word)
        opens = self._may_open(word)
        if not hits and not closes and not opens:
            return None
        before: dict[str, list[_Phrase]] = {}  # (each list in the order of `closes`)
        for phrase in closes:
            for w in self._words_before(phrase[0], phrase[1], phrase[2]):
                before.setdefault(w, []).append(phrase)
        return _WordInfo(hits, before, opens)

    def _may_open(self, word: str) -> bool:
        """Whether `word` can stand right before the last word of a phrase (see `_first_words`)."""
        if word in self._inner_before_last:
            return True
        return any(word[k:] in self._first_words for k in range(min(len(word), self._max_phrase_prefix + 1)))

    def _stems_closed(self, word: str) -> list[_Phrase]:
        """The phrases taking suffixes that `word` may close: their last word opens it and the rest
        is a suffix some entry of the phrase allows."""
        out: list[_Phrase] = []
        for k in range(1, min(len(word), self._longest_stem) + 1):
            for j, first, inner in self._closing_stems.get(word[:k], ()):
                suffix = word[k:]
                if any(suffix in suf_ok for _, checks in self._routes[j] for _, _, suf_ok, _, _ in checks):
                    out.append((j, first, inner, suffix))
        return out

    def _words_before(self, j: int, first_word: str, inner: tuple[str, ...]) -> set[str]:
        """The words that can stand right before the last word of phrase `j`: the inner word before
        it, or the first word with each prefix an entry allows."""
        if inner:
            return {inner[-1]}
        return {p + first_word for _, checks in self._routes[j] for _, pre_ok, _, _, _ in checks for p in pre_ok}

    def _accepted(self, j: int, prefix: str, suffix: str) -> list[tuple[int, Entry]]:
        """(lexicon slot, entry) of every entry of pattern `j` that these affixes fit."""
        out = []
        for slot, checks in self._routes[j]:
            for e, pre_ok, suf_ok, needs_affix, stands_alone in checks:
                if prefix in pre_ok and suffix in suf_ok:
                    if needs_affix and not prefix and not suffix:
                        continue
                    if stands_alone and (prefix or suffix):
                        continue
                    out.append((slot, e))
        return out

    def _checked(self, automaton: _Automaton, norm: str, starts: list[int],
                 ends: list[int]) -> list[tuple[int, Entry, int, int, int, int, str, str]]:
        """Candidates of one automaton whose affixes explain the words they sit in:
        (slot, entry, word start, word end, core start, core end, prefix, suffix)."""
        out: list[tuple[int, Entry, int, int, int, int, str, str]] = []
        if automaton.ac is None:
            return out
        n = len(norm)
        whole_word, max_prefix, ids = self._whole_word, self._max_prefix, automaton.ids
        for k, a, b in automaton.ac.find_matches_as_indexes(norm, overlapping=True):
            j = ids[k]
            # Letters run on without a break inside one token, so these refuse a candidate before
            # any token lookup: a letter right after it (no suffix allowed), or more letters right
            # before it than any allowed prefix has.
            if whole_word[j] and b < n and norm[b - 1 : b + 1].isalpha():
                continue
            p = max_prefix[j]
            if a > p and norm[a - p - 1 : a + 1].isalpha():
                continue
            ta = bisect_right(starts, a) - 1
            tb = bisect_right(starts, b - 1) - 1
            if ta < 0 or a >= ends[ta] or b > ends[tb]:
                continue
            ws, we = starts[ta], ends[tb]
            prefix, suffix = norm[ws:a], norm[b:we]
            out.extend((slot, e, ws, we, a, b, prefix, suffix) for slot, e in self._accepted(j, prefix, suffix))
        return out


# A pattern of letters (and digits) only can occur only inside one word token (text.tokenize); a
# phrase is such words one blank apart.
_LETTERS_ONLY: Final = re.compile(r"[^\W_]+")
_PHRASE: Final = re.compile(r"[^\W_]+(?: [^\W_]+)+")
_WORD_ENDS: Final = re.compile(r"[^\W_](?:.*[^\W_])?", re.DOTALL)
_Check = tuple[Entry, set[str], set[str], bool, bool]
# A phrase a word closes: pattern number, first word, the words between, the closing word's suffix.
_Phrase = tuple[int, str, tuple[str, ...], str]


@dataclass(slots=True)
class _Hit:
    """A letters-only match inside a word: lexicon slot, entry, core offsets in the word, affixes."""

    slot: int
    entry: Entry
    start: int
    end: int
    prefix: str
    suffix: str


@dataclass(slots=True)
class _WordInfo:
    """What a word holds: its own matches, the phrases it closes (by the word that may precede it),
    and whether it may stand right before the last word of a phrase itself."""

    hits: list[_Hit]
    before: dict[str, list[_Phrase]]  # the phrases it closes by the word that may stand before it
    opens: bool


class _Remembered(dict[str, _WordInfo | None]):
    """What each word seen so far holds; a word not seen yet is analysed when first looked up (so a
    whole document's words are looked up by one `map` at C speed). Beyond `limit` words the memory
    is dropped and refilled, which bounds it on corpora of any size."""

    def __init__(self, analyse: Callable[[str], _WordInfo | None], limit: int):
        super().__init__()
        self.analyse = analyse
        self.limit = limit

    def __missing__(self, word: str) -> _WordInfo | None:
        if len(self) >= self.limit:
            self.clear()
        info = self[word] = self.analyse(word)
        return info


class _Automaton:
    """An Aho-Corasick automaton over some of a scanner's patterns; `ids` maps its pattern numbers
    back to the scanner's."""

    def __init__(self, patterns: list[str], ids: list[int]):
        self.ids = ids
        self.ac = ahocorasick_rs.AhoCorasick([patterns[j] for j in ids]) if ids else None


def _longest_first(hit: _Hit) -> int:
    return hit.start - hit.end


def _match_order(m: Match) -> tuple[int, int]:
    return m.start, m.core_start - m.core_end


def entries_from(name: str, cls_default: str = "X") -> list[Entry]:
    """Load a TSV lexicon into entries (pattern folded; a leading article dropped for N entries)."""
    out = []
    for row in read_tsv(name):
        raw = row.get("pattern", "")
        cls = row.get("class") or cls_default
        for pattern in expand(raw, cls):
            out.append(Entry(pattern, cls, row))
    return out


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
    out = []
    for f in forms:
        f = fold(f)
        if cls == "N" and f.startswith("ال") and len(f) > 4:
            f = f[2:]
        if f and f not in out:
            out.append(f)
    return out


@cache
def matcher(name: str, cls_default: str = "X") -> Matcher:
    """The matcher of a packaged lexicon file, or of a dictionary composed in code (`COMPOSED`),
    built once per process."""
    if name in COMPOSED:
        module, function = COMPOSED[name]
        built: Matcher = getattr(import_module(module), function)()
        return built
    return Matcher(entries_from(name, cls_default))


# Dictionaries composed in code from several files, by name, so that they can join a scan of
# several lexicons (analysis.SCANNED_TOGETHER): the actor dictionary and the gazetteer.
COMPOSED: Final = {"actors": ("rasid.dictionaries.actor_dictionary", "actor_matcher"), "gazetteer": ("rasid.dictionaries.gazetteer", "gazetteer_matcher")}


def has_lexicon(name: str) -> bool:
    """Whether a packaged data file or a composed dictionary of this name exists."""
    return name in COMPOSED or resources.files("rasid.data").joinpath(name).is_file()


@cache
def scanner(names: tuple[str, ...]) -> Scanner:
    """One automaton for several packaged lexicons (built once per process)."""
    return Scanner([matcher(n) for n in names])


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
