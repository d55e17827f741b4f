"""Actor phrases of a document: dictionary matches composed into coded noun phrases.

A phrase starts at a named actor ('قسد'), a head noun ('الجيش', 'مسلحون', 'وزير') or a plural
nationality noun ('الفلسطينيين'). A head then takes, in this order:
- a named body it belongs to: 'عناصر تنظيم داعش', 'ثلاثة عناصر من تنظيم داعش', 'القوات ... للتحالف';
- another head in construct: 'قائد شرطة ...' (police), 'أعضاء حزب ...' (party);
- a country: a nationality adjective ('الجيش العراقي', 'قوات الأمن الباكستانية') or a country name
  in construct ('جيش العراق', 'رئيس وزراء الصومال');
- a name, for an organisation or a title ('جماعة أنصار بهانغا', 'زعيمة المعارضة بي نظير بوتو').
Unknown names therefore still become actors with the sector their head gives.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ..analysis import Analysis
from ..lexicon import Match
from .lexicon import countries, countries_in, doc_matches, entry_info

# Closed-class words that end a phrase: prepositions, conjunction words, relatives, time adverbs.
FUNCTION_WORDS = frozenset(
    ["في", "من", "على", "علي", "الى", "الي", "عن", "ان", "انه", "انها", "انهم", "قد", "لقد", "التي", "الذي", "الذين", "اللذين", "اللتين", "ثم", "او", "مع", "بعد", "قبل", "خلال", "امس", "اليوم", "حيث", "كما", "منذ", "لدى", "عند", "ضد", "بين", "حول", "وسط", "قرب", "اثناء", "لكن", "بينما", "فيما", "وقد", "وكان", "وكانت", "كان", "كانت", "هو", "هي", "هم", "هما", "هذا", "هذه", "ذلك", "تلك", "الا", "غير", "عبر", "اول", "ليل", "ليلا", "صباح", "صباحا", "مساء", "مساء", "ظهر", "فجر"]
)
_BREAK = re.compile(r'[,;:"()?!.\n]')
_CLAUSE_CHARS = frozenset(',;:"?!')
_PRONOUNS = {"ها", "هم", "هما", "هن"}
_PLURAL_ENDINGS = {"ون", "ين", "يون", "يين", "ان", "يان"}


@dataclass(slots=True, eq=False)
class Phrase:
    """One actor phrase in normalised offsets, with its code (slots: a few are made per document).
    Phrases are compared by identity: no two phrases of a document share a start, so field-by-field
    equality would say the same, only slower ('p not in skip')."""

    start: int
    end: int
    t0: int
    t1: int
    name: str | None
    country: str | None
    sector: str | None
    role: str  # named, state, title, group, member, org, victim, people, country
    inter: str = ""
    counted: bool = False
    pronoun: bool = False
    prefix: str = ""
    head_sector: str | None = None

    @property
    def code(self) -> str:
        return f"{self.country or 'None'} {self.sector or 'None'}"


@dataclass(slots=True)
class Cue:
    kind: str
    start: int
    end: int
    t0: int
    t1: int
    word: str


_RANK = {"block": 0, "named": 1, "head": 2, "country": 3, "nisba": 4, "people": 4}  # else 5


def _layers(an: Analysis) -> tuple[list[Match], list[Match]]:
    """Non-overlapping actor matches and role cues (longest first; named before heads at a tie)."""
    info = entry_info()
    actors: list[Match] = []
    cues: list[Match] = []
    for m in doc_matches(an):
        (cues if info[id(m.entry)][0] == "cue" else actors).append(m)
    return _pick(actors, info), _pick(cues, info)


def _pick(ms: list[Match], info: dict[int, tuple[str, str | None]]) -> list[Match]:
    """The matches that overlap no better one, in text order. `ms` is in text order (as the
    matcher gives it), so overlapping matches form runs: a match alone in its run is taken as it
    is, and only the runs of several are ranked (longest first, then by kind, then earlier)."""
    taken: list[Match] = []
    i, n = 0, len(ms)
    while i < n:
        j, reach = i + 1, ms[i].end
        while j < n and ms[j].start < reach:
            reach = max(reach, ms[j].end)
            j += 1
        if j == i + 1:
            taken.append(ms[i])
        else:
            run = sorted(ms[i:j], key=lambda m: (m.core_start - m.core_end, _RANK.get(info[id(m.entry)][0], 5), m.start))
            kept: list[Match] = []
            for m in run:
                if all(m.end <= k.start or k.end <= m.start for k in kept):
                    kept.append(m)
            kept.sort(key=_start)
            taken.extend(kept)
        i = j
    return taken


def _start(m: Match) -> int:
    return m.start


class TextIndex:
    """Word counts and punctuation breaks between two positions of a document in O(log n): the
    tokens and the break characters are found once per document, then every question is a bisect."""

    def __init__(self, an: Analysis):
        self.an = an
        self.t = an.tokens
        self.norm = an.norm
        self.breaks = list(map(re.Match.start, _BREAK.finditer(self.norm)))
        norm = self.norm
        self.clause_breaks = [p for p in self.breaks if norm[p] in _CLAUSE_CHARS]

    def tok(self, pos: int) -> int:
        """Index of the token covering `pos`, or -1 between tokens (`Analysis.token_at`, inlined)."""
        i = bisect_right(self.t.starts, pos) - 1
        return i if i >= 0 and pos < self.t.ends[i] else -1

    def count(self, a: int, b: int) -> int:
        """Number of words lying inside [a, b)."""
        if a >= b:
            return 0
        return max(0, bisect_right(self.t.ends, b) - bisect_left(self.t.starts, a))

    def words(self, a: int, b: int, most: int = 3) -> list[str]:
        """The first `most` words inside [a, b)."""
        i = bisect_left(self.t.starts, a)
        return self.t.words[i:min(bisect_right(self.t.ends, b), i + most)]  # (ends are sorted too)

    @staticmethod
    def _any(positions: list[int], a: int, b: int) -> bool:
        i = bisect_left(positions, a)
        return i < len(positions) and positions[i] < b

    def broken(self, a: int, b: int) -> bool:
        """Does a clause break (comma, semicolon, colon, quote, ? !) lie inside [a, b)?"""
        return self._any(self.clause_breaks, a, b)

    def gap(self, end: int, start: int) -> tuple[list[str], bool]:
        """Words between two normalised positions (at most three) and whether punctuation lies between."""
        if start - end < 8 and not self.norm[end:start].strip():
            return [], False  # adjacent words: the common case, no bisect needed
        return self.words(end, start), self._any(self.breaks, end, start)


def text_index(an: Analysis) -> TextIndex:
    return an.memo("actor_text_index", lambda: TextIndex(an))


def find_phrases(an: Analysis) -> tuple[list[Phrase], list[Cue], list[Phrase]]:
    """All actor phrases, role cues and loose nationality adjectives ('غارة اسرائيلية': role
    'adjective', an actor only next to an attack) of a document (one pass of the actor automaton)."""
    items, cue_matches = _layers(an)
    d = text_index(an)
    tok, norm = d.tok, an.norm
    cues = [Cue(m.entry.data["cue"], m.start, m.end, tok(m.start), tok(m.end - 1), norm[m.start:m.end])
            for m in cue_matches]
    count_ends = {c.t1 for c in cues if c.kind == "count"}
    doc_countries: list[str] | None = None
    phrases: list[Phrase] = []
    loose: list[Phrase] = []
    i = 0
    while i < len(items):
        m = items[i]
        kind = m.entry.data["kind"]
        ph: Phrase | None = None
        j = i + 1
        if kind == "named":
            ph = _named(d, m)
            # the same actor again right after, in brackets or as an acronym: 'قوات سوريا الديمقراطية (SDF)'
            while j < len(items) and items[j].entry.data["kind"] == "named" and items[j].entry["name"] == ph.name:
                words, _ = d.gap(ph.end, items[j].start)
                if words:
                    break
                ph.end, ph.t1 = items[j].end, d.tok(items[j].end - 1)
                j += 1
        elif kind == "head":
            ph, j = _compose_head(d, items, i)
        elif kind in ("nisba", "people"):
            role = "people" if kind == "people" or m.suffix in _PLURAL_ENDINGS else "adjective"
            ph = Phrase(m.start, m.end, d.tok(m.start), d.tok(m.end - 1), None, m.entry["country"], None,
                        role, prefix=m.prefix)
        elif kind == "country" and not m.prefix:
            ph = Phrase(m.start, m.end, d.tok(m.start), d.tok(m.end - 1), None, m.entry["country"], None,
                        "country", prefix=m.prefix)
        i = j
        if ph is None:
            continue
        people = countries().get(ph.country or "")
        if people is not None and not people.iso3:  # a people: the country the document is about
            if doc_countries is None:
                doc_countries = countries_in(an)
            cands = people.context
            ph.country = next((c for c in doc_countries if c in cands), None)
        ph.counted = _counted(d, ph.t0, count_ends)
        (loose if ph.role == "adjective" else phrases).append(ph)
    return phrases, cues, loose


def _named(d: TextIndex, m: Match) -> Phrase:
    e = m.entry
    return Phrase(m.start, m.end, d.tok(m.start), d.tok(m.end - 1), e["name"], e["country"] or None,
                  e["sector"] or None, "named", inter=e["inter"], prefix=m.prefix)


def _is_pronoun(m: Match) -> bool:
    """An attached possessive pronoun ('جنوده', 'قواتهم'). A bare ه after a singular noun is the
    feminine ending (زعيمة → زعيمه), so it counts only on plurals and institutions."""
    if m.suffix in _PRONOUNS:
        return True
    return m.suffix == "ه" and (m.entry["role"] in ("state", "member") or m.entry.pattern.endswith(("ات", "ود", "اء")))


def _counted(d: TextIndex, t0: int, count_ends: set[int]) -> bool:
    """Is the phrase preceded by a number ('ستة مدنيين', 'خمسة من رجال الشرطة', '13 عنصرا من')?"""
    t = t0 - 1
    if t >= 0 and d.t.word(t) == "من":
        t -= 1
    if t < 0:
        return False
    w = d.t.word(t)
    return w.isdigit() or t in count_ends


def _compose_head(d: TextIndex, items: list[Match], i: int) -> tuple[Phrase | None, int]:
    m = items[i]
    e = m.entry.data  # (a head row has every column: no defaults needed)
    ph = Phrase(m.start, m.end, d.tok(m.start), d.tok(m.end - 1), e["name"], None, e["sector"] or None,
                e["role"], e["inter"], False, _is_pronoun(m), m.prefix)
    ph.head_sector = ph.sector
    j = i + 1
    # a noun with the article is not the first term of a construct: 'المتظاهرين قوات الشغب' is two
    # actors, 'رجال الشرطة' one (a following adjective head still qualifies it)
    construct_blocked = "ال" in m.prefix or m.prefix.endswith("لل")
    # 1. a named body or another head in construct
    while j < len(items) and not ph.pronoun:
        nx = items[j]
        words, brk = d.gap(ph.end, nx.start)
        if brk:
            break
        k = nx.entry.data["kind"]
        if k == "named" and (
            not words
            or (len(words) == 1 and words[0] in ("من", "في"))
            or (nx.prefix.endswith("ل") and len(words) <= 2 and not FUNCTION_WORDS.intersection(words))
        ):
            named = _named(d, nx)
            ph.end, ph.t1 = named.end, named.t1
            ph.name, ph.country, ph.sector, ph.inter = named.name, named.country, named.sector, named.inter
            ph.role = "place" if ph.role == "place" else "named"
            return ph, j + 1
        if k == "head" and not words and (nx.prefix in ("", "ال") or (ph.role == "place" and nx.prefix in ("ل", "لل"))):
            ne = nx.entry
            if ph.role == "place":
                # 'مركز للشرطة', 'مقر حزب الغد', 'موكب لسفارة الولايات المتحدة': the body's code
                ph.sector = ne["sector"] or ph.sector
                ph.name = ne["name"]
                ph.inter = ne["inter"]
                ph.end, ph.t1 = nx.end, d.tok(nx.end - 1)
                j += 1
                if ne["role"] in ("org", "title"):
                    break
                continue
            if ne["role"] == "group" and ph.role == "group" and ne["sector"] in ("REB", "UAF") \
                    and construct_blocked == (nx.prefix == "ال"):
                ph.sector = ne["sector"]  # an adjective: 'جنودا متمردين' are rebels, not soldiers
                ph.name = ne["name"]
            elif construct_blocked:
                break
            elif ne["role"] in ("state", "org") or ph.role in ("title", "member") or not ph.sector:
                ph.sector = ne["sector"] or ph.sector
                ph.name = ne["name"]
                ph.inter = ne["inter"]
                if ne["role"] in ("org", "state"):
                    ph.role = ne["role"]
            ph.end, ph.t1 = nx.end, d.tok(nx.end - 1)
            j += 1
            continue
        break
    # 2. a country: nationality adjective (possibly one word later) or a country name in construct
    if j < len(items):
        nx = items[j]
        words, brk = d.gap(ph.end, nx.start)
        k = nx.entry.data["kind"]
        if not brk and ((k in ("nisba", "people") and len(words) <= 1 and not FUNCTION_WORDS.intersection(words)
                         and not any(w.startswith("و") for w in words))
                        or (k == "country" and not words and not nx.prefix)):
            ph.country = nx.entry["country"]
            ph.end, ph.t1 = nx.end, d.tok(nx.end - 1)
            j += 1
            if ph.sector == "UAF":
                ph.sector = "REB"  # gunmen with an identity are an identifiable armed group
    # 3. a name after an organisation or a title (also when a place led to it: 'مقر حزب الغد')
    if ph.role in ("org", "title") or (ph.role == "place" and items[j - 1].entry.data.get("role") in ("org", "title")
                                         and j - 1 > i):
        absorbed = _absorb_name(d, ph.end, items[j].start if j < len(items) else len(d.norm), 3 if ph.role == "title" else 2)
        if absorbed:
            if ph.role == "org":
                ph.name = d.norm[m.start:absorbed]
            ph.end, ph.t1 = absorbed, d.tok(absorbed - 1)
        elif ph.role == "org" and ph.country is None:
            ph.role = "anaphor"  # 'التنظيم' alone: the group named before
    if ph.role == "country_only" and ph.country is None or ph.role == "place" and ph.sector is None:
        return None, j
    return ph, j


def _absorb_name(d: TextIndex, end: int, limit: int, most: int) -> int | None:
    """End of up to `most` name words right after `end` (stopping at punctuation, function words,
    numbers and the next dictionary match)."""
    t = d.tok(end - 1) + 1
    last = None
    n = 0
    while t < len(d.t) and n < most:
        a, b = d.t.starts[t], d.t.ends[t]
        if b > limit or d.gap(end if last is None else last, a)[1]:
            break
        w = d.t.word(t)
        if w in FUNCTION_WORDS or w.isdigit() or w.startswith("و") and len(w) > 3:
            break
        last = b
        n += 1
        t += 1
    return last
