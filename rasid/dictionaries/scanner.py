"""Finding lexicon entries in a document: several lexicons in one pass over its words.

What a match is, is defined plainly in `reference_matcher.find`: every occurrence of a pattern whose
surrounding letters, to the edges of the words it lies in, are affixes its entry allows (`lexicon`
says which), longest first at each start. `Scanner` finds exactly those (tests compare the two on
every lexicon), only faster; docs/scaling.md says where the time goes.

WHY word by word: a pattern of letters lies inside one word, so whether a word holds a match depends
on the word alone. Each distinct word is analysed once per process (by an automaton over the word)
and remembered: news vocabulary repeats, so a document costs one dictionary lookup per word, and
only the few words that hold something reach more Python. Phrases ('دير الزور'، 'اطلاق النار') are
found the same way from their last word, which says which phrases it may close; only a pattern of
another shape (punctuation inside) needs an automaton over the document.
"""

from __future__ import annotations

import marshal
import re
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from itertools import chain
from typing import Final

import ahocorasick_rs

from ..positions import COMPILED, bisect_right
from .lexicon import _MAX_PREFIX, _SHORT_ALONE, _SUFFIXLESS, AFFIXES, FOLDING_CODE, Entry, Match, Matcher
from .news_words import news_rows, news_words_key
from .startup_cache import cached_under, content_key, kept, module_code

# A word's matches, made by the thousand per copy of the GSR development set. Interpreted, a `Match`
# made bare and its fields stored by `Scanner.find` costs about 60% of calling the class (no frame
# for `__init__`, no argument passing); compiled, a native class's constructor is the cheaper, and its
# bare `__new__` would run `__init__` without arguments, so the compiled build calls the class.
_new: Final = object.__new__


class Scanner:
    """Several lexicons (`Matcher`s) matched in one pass over a document's words; `find` gives the
    matches of each, in the order the scanner was given them. A lexicon scanned alone is a scanner
    of one (`Scanner([m]).find(...)[0]`)."""

    #: Distinct words remembered per scanner; the memory is dropped and refilled beyond this.
    WORDS_REMEMBERED = 200_000

    def __init__(self, matchers: Sequence[Matcher], cache: bool = False):
        """A scanner of these lexicons. With `cache`, how their patterns are laid out for the scan
        (`_layout`) comes from the start-up cache, keyed by the lexicons' patterns and classes
        (`Matcher.content_key`) and this module's code: the pipeline's scanners, made by every
        process, whose lexicons hold twenty thousand patterns."""
        # WHY no index of the patterns' entries here: what `_accepted` checks for an entry (`_route`)
        # is worked out from the lexicons' own `by_pattern` when its pattern first matches, since a
        # run meets few of the twenty thousand patterns (most are place names).
        self._matchers = list(matchers)
        self.slots = len(matchers)
        if cache:
            key = content_key([module_code(__name__), *(m.content_key().encode() for m in matchers)])
            layout: _Layout = cached_under("scanner", key, lambda: _layout(matchers))
        else:
            layout = _layout(matchers)
        (patterns, in_word, self._word_ends, self._longest_prefix, other, self._whole_word, self._max_prefix,
         self._closing, self._closing_stems, self._stem_lengths, self._stem_heads, self._shortest_stem) = layout
        self._patterns = patterns
        self._routes: list[list[tuple[int, list[_Check]]] | None] = [None] * len(patterns)
        self._before: dict[int, set[str]] = {}  # (`_words_before`, by phrase pattern)
        self._in_word = _Automaton(patterns, in_word)
        self._other = _Automaton(patterns, other)
        self._words = _Remembered(self._analyse, self._unpacked, self.WORDS_REMEMBERED)
        if cache:
            self._words.rows, self._words.packed, self._words.bounds = self._news_words(key)

    def _news_words(self, key: str) -> tuple[dict[str, int], bytes, array[int]]:
        """The rows of the news vocabulary (`news_words.news_rows`), and what each of its words that
        holds something holds for this scanner (`_packed`; most hold nothing), one after the other
        with the bounds of each row's (equal for a word holding nothing), worked out once and kept by
        the start-up cache: a process then analyses only the words of no row. Keyed by what an
        analysis reads beyond the layout's key: the affixes each class allows and the code that
        composes them.

        WHY the analyses themselves, not only which words hold nothing: a word that holds something is
        the dearest to analyse the first time (its matches' affixes checked, and for each phrase it
        closes the forms of the word that may stand before it, a dozen or more each); unpacking one
        costs a half to a fifth as much."""
        rows = news_rows()
        if not rows:
            return {}, b"", array("I")
        sources = [key.encode(), news_words_key(), resources.files("rasid.data").joinpath("affixes.tsv").read_bytes(),
                   *map(module_code, FOLDING_CODE)]
        found = kept("scanner-news", sources, lambda: self._packed_rows(rows))
        if found is None:
            return {}, b"", array("I")
        packed, bounds = found
        return rows, packed, array("I", bounds)

    def _packed_rows(self, rows: dict[str, int]) -> tuple[bytes, bytes]:
        """The `_packed` analyses of the words of `rows` that hold something, in the order of their
        rows, and the bounds of each row's (row r's from bounds[r] to bounds[r + 1]), as bytes: two
        values for the cache to keep, not one per word (a process reads them all at start-up)."""
        words = {row: word for word, row in rows.items()}
        parts: list[bytes] = []
        bounds = array("I", [0])
        size = 0
        for row in range(max(words) + 1):
            info = self._analyse(words[row]) if row in words else None
            if info is not None:
                parts.append(self._packed(info))
                size += len(parts[-1])
            bounds.append(size)
        return b"".join(parts), bounds.tobytes()

    def _packed(self, info: _WordInfo) -> bytes:
        """A word's analysis in plain values, by `marshal`: each hit's lexicon slot, pattern, the place of
        its entry among the pattern's entries in that lexicon, and offsets (its affixes are the word's
        letters around them); the phrases it closes as they are. Unpacked only when a process first
        meets the word (`_unpacked`): a few thousand words' values made at every start-up would cost
        more than the few hundred a run meets."""
        hits: list[tuple[int, str, int, int, int]] = []
        for h in info.hits:
            same = self._matchers[h.slot].by_pattern[h.entry.pattern]
            hits.append((h.slot, h.entry.pattern, next(k for k, e in enumerate(same) if e is h.entry), h.start, h.end))
        return marshal.dumps((hits, info.before))

    def _unpacked(self, word: str, packed: bytes) -> _WordInfo:
        """The analysis of `word` from its `_packed` values: what `_analyse(word)` gives."""
        hits, before = marshal.loads(packed)
        return _WordInfo([_Hit(slot, self._matchers[slot].by_pattern[p][k], a, b, word[:a], word[b:])
                          for slot, p, k, a, b in hits], before)

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
            if COMPILED:
                for h in info.hits:  # (Match's fields in order, positionally: see docs/scaling.md, hot path)
                    found[h.slot].append(Match(h.entry, ws, we, ws + h.start, ws + h.end, h.prefix, h.suffix))
            else:
                for h in info.hits:  # (interpreted, the fields stored here: see `_new`)
                    m = _new(Match)
                    m.entry = h.entry
                    m.start = ws
                    m.end = we
                    m.core_start = ws + h.start
                    m.core_end = ws + h.end
                    m.prefix = h.prefix
                    m.suffix = h.suffix
                    found[h.slot].append(m)
            if info.before and i and (closes := info.before.get(words[i - 1])) is not None:
                for slot, match in self._phrases(closes, i, norm, starts, ends, words):
                    found[slot].append(match)
                    phrased.add(slot)
        if self._other.ac is not None:
            for slot, match in self._checked(self._other, norm, starts, ends):
                found[slot].append(match)
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
            if any((starts[k + 1] != ends[k] + 1 or norm[ends[k]] != " ") and not _quoted_gap(norm[ends[k]:starts[k + 1]])
                   for k in range(first, last)):
                continue
            a = ends[first] - len(first_word)
            prefix = words[first][: len(words[first]) - len(first_word)]
            start, end, core_end = starts[first], ends[last], ends[last] - len(suffix)
            out += [(slot, Match(e, start, end, a, core_end, prefix, suffix))  # (positional: the hot path's idiom)
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
                hits += [_Hit(slot, e, a, b, prefix, suffix)
                         for slot, e in self._accepted(ids[k], prefix, suffix)]
        # The patterns that end their word, longest first: after the automaton's, whose matches come
        # by where they end, as they came when the automaton found these too (the sort below keeps
        # that order among matches of one length, and no two of these have one).
        n = len(word)
        for a in range(min(n, self._longest_prefix + 1)):
            j = self._word_ends.get(word[a:])
            if j is not None:
                prefix = word[:a]
                hits += [_Hit(slot, e, a, n, prefix, "") for slot, e in self._accepted(j, prefix, "")]
        hits.sort(key=_longest_first)  # stable, as `find`'s order needs
        closes = [(j, first, inner, "") for j, first, inner in self._closing.get(word, ())]
        if self._closing_stems:
            closes += self._stems_closed(word)
        if not hits and not closes:
            return None
        before: dict[str, list[_Phrase]] = {}  # (each list in the order of `closes`)
        for phrase in closes:
            for w in self._words_before(phrase[0], phrase[1], phrase[2]):
                before.setdefault(w, []).append(phrase)
        return _WordInfo(hits, before)

    def _stems_closed(self, word: str) -> list[_Phrase]:
        """The phrases taking suffixes that `word` may close: their last word opens it and the rest
        is a suffix some entry of the phrase allows."""
        out: list[_Phrase] = []
        if word[:self._shortest_stem] not in self._stem_heads:
            return out
        for k in self._stem_lengths:
            if k > len(word):
                break
            for j, first, inner in self._closing_stems.get(word[:k], ()):
                suffix = word[k:]
                if any(suffix in suf_ok for _, checks in self._route(j) for _, _, suf_ok, _, _ in checks):
                    out.append((j, first, inner, suffix))
        return out

    def _words_before(self, j: int, first_word: str, inner: tuple[str, ...]) -> set[str]:
        """The words that can stand right before the last word of phrase `j`: the inner word before
        it, or the first word with each prefix an entry allows (worked out once per phrase: a dozen
        prefixes each, and every new word closing it asks)."""
        found = self._before.get(j)
        if found is None:
            if inner:
                found = {inner[-1]}
            else:
                found = {p + first_word for _, checks in self._route(j) for _, pre_ok, _, _, _ in checks for p in pre_ok}
            self._before[j] = found
        return found

    def _route(self, j: int) -> list[tuple[int, list[_Check]]]:
        """What `_accepted` checks for each entry of pattern `j`, by lexicon slot (worked out once)."""
        route = self._routes[j]
        if route is None:
            p = self._patterns[j]
            route = self._routes[j] = [(slot, [_check(e) for e in m.by_pattern[p]])
                                       for slot, m in enumerate(self._matchers) if p in m.by_pattern]
        return route

    def _accepted(self, j: int, prefix: str, suffix: str) -> list[tuple[int, Entry]]:
        """(lexicon slot, entry) of every entry of pattern `j` that these affixes fit."""
        out = []
        for slot, checks in self._route(j):
            for e, pre_ok, suf_ok, needs_affix, stands_alone in checks:
                if prefix in pre_ok and suffix in suf_ok:
                    if needs_affix and not prefix and not suffix:
                        continue
                    if stands_alone and (prefix or suffix):
                        continue
                    out.append((slot, e))
        return out

    def _checked(self, automaton: _Automaton, norm: str, starts: list[int],
                 ends: list[int]) -> list[tuple[int, Match]]:
        """The candidates of an automaton over the document whose affixes explain the words they sit
        in, as (lexicon slot, match)."""
        out: list[tuple[int, Match]] = []
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
            out += [(slot, Match(e, ws, we, a, b, prefix, suffix)) for slot, e in self._accepted(j, prefix, suffix)]
        return out


# How a scanner's patterns are laid out for the scan (`_layout`), in plain values, as the start-up
# cache stores them: the distinct patterns; those of letters found by the automaton; those of letters
# that end their word, by pattern, and the longest prefix before one; the patterns of another shape
# (by the automaton over the document), whether each takes no suffix and its longest prefix; the
# phrases closed by a whole last word and by a last word's first letters; the lengths of those
# first letters, their heads and the shortest length.
_Layout = tuple[list[str], list[int], dict[str, int], int, list[int], dict[int, bool], dict[int, int],
                dict[str, list[tuple[int, str, tuple[str, ...]]]], dict[str, list[tuple[int, str, tuple[str, ...]]]],
                list[int], set[str], int]


def _quoted_gap(gap: str) -> bool:
    """A blank with a quotation mark before or after it ('تفكيك "خلية', 'حركة "الشباب"'): the marks
    set a name or a term apart, and the words still make one phrase."""
    return len(gap) == 2 and ((gap[0] == " " and gap[1] in _QUOTES) or (gap[1] == " " and gap[0] in _QUOTES))


_QUOTES: Final = "\"'"  # (normalised text: every double quotation mark is '"')


def _layout(matchers: Sequence[Matcher]) -> _Layout:
    """The layout of a scanner of these lexicons' patterns (see `_Layout`)."""
    # each distinct pattern once, numbered in the order the lexicons give them
    patterns = list(dict.fromkeys(chain.from_iterable(m.patterns for m in matchers)))
    # The patterns some entry of which takes a suffix; an entry of any other is the whole rest of
    # its word: a candidate followed by another letter of its word is then refused before any
    # token lookup (`_checked`), a phrase's last word is closed whole, and a pattern of letters is
    # looked up among a word's endings rather than by the automaton (`_analyse`).
    suffixed: set[str] = set()
    for m in matchers:
        if not any(_SUFFIXLESS[c] for c in m.classes):
            suffixed.update(m.patterns)
        elif not all(_SUFFIXLESS[c] for c in m.classes):
            suffixed.update(p for p, entries in zip(m.patterns, m.entries)
                            if not all(_SUFFIXLESS[e.cls] for e in entries))
    in_word: list[int] = []
    phrases: list[int] = []
    other: list[int] = []
    # WHY a pattern of letters without a suffix is looked up, not found by the automaton: it can
    # only end its word, after at most `_MAX_PREFIX` letters, so a new word's few endings (one
    # lookup each) find it; the gazetteer's eight thousand one-word names then cost no automaton
    # at every start-up (about 10 ms).
    word_ends: dict[str, int] = {}
    for j, p in enumerate(patterns):  # most patterns are one word: one test settles them
        if p.isalnum():  # letters and digits only (`[^\W_]+`: the same test, without a regex)
            if p in suffixed:
                in_word.append(j)
            else:
                word_ends[p] = j
        elif _PHRASE.fullmatch(p):
            phrases.append(j)
        elif _WORD_ENDS.fullmatch(p):
            other.append(j)
    longest_prefix = max((_MAX_PREFIX[c] for m in matchers for c in m.classes if _SUFFIXLESS[c]), default=0)
    # Whether no entry of a pattern of another shape takes a suffix, and the longest prefix any
    # allows (`_checked`).
    whole_word: dict[int, bool] = {}
    max_prefix: dict[int, int] = {}
    for j in other:
        classes = [e.cls for m in matchers for e in m.by_pattern.get(patterns[j], ())]
        whole_word[j] = all(_SUFFIXLESS[c] for c in classes)
        max_prefix[j] = max(_MAX_PREFIX[c] for c in classes)
    # Phrases by their last word, (pattern number, first word, the words between): a word closes
    # such a phrase as a whole (place names), or, where the phrase takes suffixes (اطلاق النار،
    # جماعه الحوثي), by its first letters, the rest of the word being a suffix. What a word
    # closes is worked out once per distinct word, like its own matches.
    closing: dict[str, list[tuple[int, str, tuple[str, ...]]]] = {}
    closing_stems: dict[str, list[tuple[int, str, tuple[str, ...]]]] = {}
    for j in phrases:
        first, *inner, last = patterns[j].split(" ")
        (closing_stems if patterns[j] in suffixed else closing).setdefault(last, []).append((j, first, tuple(inner)))
    # A word's first letters that some such phrase's last word opens with (as many letters as
    # the shortest has): a word opening otherwise closes none, told by one lookup.
    stem_lengths = sorted(set(map(len, closing_stems)))
    shortest = stem_lengths[0] if stem_lengths else 0
    stem_heads = {stem[:shortest] for stem in closing_stems}
    # the rest (patterns of another shape, as with punctuation inside) by an automaton over the
    # document, but only patterns that can match at all: a match starts and ends inside words,
    # so a pattern opening or closing with a blank never does
    return (patterns, in_word, word_ends, longest_prefix, sorted(other), whole_word, max_prefix, closing,
            closing_stems, stem_lengths, stem_heads, shortest)


# A pattern of letters (and digits) only (`str.isalnum`) can occur only inside one word token
# (text.tokenize); a phrase is such words one blank apart.
_PHRASE: Final = re.compile(r"[^\W_]+(?: [^\W_]+)+")
_WORD_ENDS: Final = re.compile(r"[^\W_](?:.*[^\W_])?", re.DOTALL)
# What `_accepted` checks for one entry (the rule of `reference_matcher.allows`), looked up once: the
# entry, its allowed prefixes and suffixes, whether a bare stem is refused (V+), whether a short
# pattern must stand alone.
_Check = tuple[Entry, set[str], set[str], bool, bool]
# A phrase a word closes: pattern number, first word, the words between, the closing word's suffix.
_Phrase = tuple[int, str, tuple[str, ...], str]


def _check(e: Entry) -> _Check:
    prefixes, suffixes = AFFIXES[e.cls]
    return e, prefixes, suffixes, e.cls == "V+", len(e.pattern) <= 2 and e.cls in _SHORT_ALONE


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
    """What a word holds: its own matches, and the phrases it closes by the word that may precede it.
    (Whether a word may itself precede a phrase's last word is not kept: the closing word's `before`
    answers that in one lookup, and a word holding nothing else then needs no info at all.)"""

    hits: list[_Hit]
    before: dict[str, list[_Phrase]]  # the phrases it closes by the word that may stand before it


class _Remembered(dict[str, _WordInfo | None]):
    """What each word seen so far holds; a word not seen yet is analysed when first looked up (so a
    whole document's words are looked up by one `map` at C speed), unless it is a word of the news
    vocabulary (`rows`: its row), whose analysis was worked out ahead (`Scanner._news_words`: in
    `packed`, from `bounds[row]` to `bounds[row + 1]`; nothing for a word that holds nothing). Beyond `limit` words the memory is dropped and refilled, which bounds
    it on corpora of any size. (The known words are not put in the memory ahead: a larger table made
    every later lookup slower, more than their analyses cost.)"""

    def __init__(self, analyse: Callable[[str], _WordInfo | None], unpack: Callable[[str, bytes], _WordInfo],
                 limit: int):
        super().__init__()
        self.analyse = analyse
        self.unpack = unpack
        self.limit = limit
        self.rows: dict[str, int] = {}
        self.packed = b""
        self.bounds: array[int] = array("I")

    def __missing__(self, word: str) -> _WordInfo | None:
        if len(self) >= self.limit:
            self.clear()
        row = self.rows.get(word)
        if row is None:
            info = self.analyse(word)
        else:
            start, end = self.bounds[row], self.bounds[row + 1]
            info = self.unpack(word, self.packed[start:end]) if end > start else None
        self[word] = info
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
