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
from dataclasses import dataclass
from functools import cache
from typing import Final

from ..dictionaries.actor_dictionary import EntryInfo, countries
from ..dictionaries.lexicon import Match
from ..dictionaries.tables import affixes, function_words, sectors
from ..positions import bisect_left, bisect_right
from ..text import Tokens
from .actor_mentions import countries_in, doc_layers
from .analysis import Analysis

# Closed-class words that end a phrase: prepositions, conjunction words, relatives, time adverbs
# (data/function_words.tsv).
FUNCTION_WORDS: Final = function_words("phrase-end")
_BREAK: Final = re.compile(r'[,;:"()?!.\n]')
_CLAUSE_BREAK: Final = re.compile(r'[,;:"?!]')
# Affix sets (data/affixes.tsv)
_PRONOUNS: Final = frozenset(affixes("possessive"))
_PLURAL_STEMS: Final = affixes("plural-stem")
_PLURAL_ENDINGS: Final = frozenset(affixes("people-plural"))
_LAM: Final = affixes("lam")
_IRREGULAR: Final = sectors("irregular")  # armed groups a group head may name as an adjective (data/sectors.tsv)
_MEMBER_OF: Final = function_words("member-of")  # 'عناصر من تنظيم داعش'


class Phrase:
    """One actor phrase: its span in normalised offsets and in tokens (`t0`..`t1`), its role and, by
    keyword, what is known of it. (Hand-written, not a dataclass: made per phrase, see
    docs/scaling.md.) Phrases are compared by identity: no two phrases of a document share a start,
    so field-by-field equality would say the same, only slower ('p not in skip')."""

    __slots__ = ("counted", "country", "end", "head_sector", "inter", "name", "prefix", "pronoun", "role",
                 "sector", "start", "t0", "t1")

    def __init__(self, start: int, end: int, t0: int, t1: int, role: str, *, name: str | None = None,
                 country: str | None = None, sector: str | None = None, inter: str = "", counted: bool = False,
                 pronoun: bool = False, prefix: str = "", head_sector: str | None = None) -> None:
        self.start = start
        self.end = end
        self.t0 = t0
        self.t1 = t1
        self.name = name
        self.country = country
        self.sector = sector
        self.role = role  # named, state, title, group, member, org, victim, people, country
        self.inter = inter
        self.counted = counted
        self.pronoun = pronoun
        self.prefix = prefix
        self.head_sector = head_sector

    @property
    def code(self) -> str:
        return f"{self.country or 'None'} {self.sector or 'None'}"

    def __repr__(self) -> str:
        return f"Phrase({self.start}-{self.end} {self.name!r} {self.code} {self.role})"


class Cue:
    """A word that tells roles ('على يد', 'بين', 'مقتل'), in normalised offsets. (Hand-written, as
    Phrase.)"""

    __slots__ = ("end", "kind", "start", "t0", "t1", "word")

    def __init__(self, kind: str, start: int, end: int, t0: int, t1: int, word: str) -> None:
        self.kind = kind
        self.start = start
        self.end = end
        self.t0 = t0
        self.t1 = t1
        self.word = word

    def __repr__(self) -> str:
        return f"Cue({self.kind} {self.start}-{self.end} {self.word!r})"


def _pick(ms: list[Match], infos: list[EntryInfo]) -> tuple[list[Match], list[EntryInfo]]:
    """The matches that overlap no better one, in text order, with their entry info. `ms` is in
    text order (as the matcher gives it), so overlapping matches form runs: a match alone in its run
    is taken as it is, and only the runs of several are ranked (longest first, then by kind, then
    earlier)."""
    taken: list[Match] = []
    taken_info: list[EntryInfo] = []
    i, n = 0, len(ms)
    while i < n:
        j, reach = i + 1, ms[i].end
        while j < n and ms[j].start < reach:
            reach = max(reach, ms[j].end)
            j += 1
        if j == i + 1:
            taken.append(ms[i])
            taken_info.append(infos[i])
        elif j == i + 2:  # the commonest run, two overlapping matches: the better one (the earlier at a tie)
            a, b = ms[i], ms[i + 1]
            k = i + 1 if (b.core_start - b.core_end, infos[i + 1].rank, b.start) \
                < (a.core_start - a.core_end, infos[i].rank, a.start) else i
            taken.append(ms[k])
            taken_info.append(infos[k])
        else:
            run = sorted(range(i, j), key=lambda k: (ms[k].core_start - ms[k].core_end, infos[k].rank, ms[k].start))
            kept: list[int] = []
            for k in run:
                m = ms[k]
                if all(m.end <= ms[x].start or ms[x].end <= m.start for x in kept):
                    kept.append(k)
            kept.sort(key=lambda k: ms[k].start)
            for k in kept:
                taken.append(ms[k])
                taken_info.append(infos[k])
        i = j
    return taken, taken_info


@dataclass(slots=True, eq=False)
class TextIndex:
    """Word counts and punctuation breaks between two positions of a document: word questions are
    a bisect of the document's tokens; punctuation questions a regex search of just the stretch asked
    about (short stretches: cheaper than finding every break of the document first)."""

    t: Tokens
    norm: str

    def tok(self, pos: int) -> int:
        """Index of the token covering `pos`, or -1 between tokens (`Analysis.token_at`, inlined)."""
        i = bisect_right(self.t.starts, pos) - 1
        return i if i >= 0 and pos < self.t.ends[i] else -1

    def tok_end(self, first: int, end: int) -> int:
        """`tok(end - 1)` for a stretch ending at `end` whose first token is `first`: most matches are
        one word, whose last character lies in the same token (no second bisect)."""
        if first >= 0 and end <= self.t.ends[first]:
            return first
        return self.tok(end - 1)

    def count(self, a: int, b: int) -> int:
        """Number of words lying inside [a, b)."""
        if a >= b:
            return 0
        return max(0, bisect_right(self.t.ends, b) - bisect_left(self.t.starts, a))

    def words(self, a: int, b: int, most: int = 3) -> list[str]:
        """The first `most` words inside [a, b)."""
        i = bisect_left(self.t.starts, a)
        return self.t.words[i:min(bisect_right(self.t.ends, b), i + most)]  # (ends are sorted too)

    def broken(self, a: int, b: int) -> bool:
        """Does a clause break (comma, semicolon, colon, quote, ? !) lie inside [a, b)? (A search of
        the stretch itself: the stretches asked about are short, so this beats listing every break
        of the document first.)"""
        return _CLAUSE_BREAK.search(self.norm, a, b) is not None

    def gap(self, end: int, start: int) -> tuple[list[str], bool]:
        """Words between two normalised positions (at most three) and whether punctuation lies between."""
        if start - end < 8 and not self.norm[end:start].strip():
            return [], False  # adjacent words: the common case, no bisect needed
        return self.words(end, start), _BREAK.search(self.norm, end, start) is not None


def text_index(an: Analysis) -> TextIndex:
    return an.memo_of("actor_text_index", _text_index)


def _text_index(an: Analysis) -> TextIndex:
    return TextIndex(an.tokens, an.norm)


def find_phrases(an: Analysis) -> tuple[list[Phrase], list[Cue], list[Phrase]]:
    """All actor phrases, role cues and loose nationality adjectives ('غارة اسرائيلية': role
    'adjective', an actor only next to an attack) of a document (one pass of the actor automaton)."""
    layers = doc_layers(an)
    items, infos = _pick(layers.actors, layers.actor_info)
    cue_matches, cue_infos = _pick(layers.cues, layers.cue_info)
    d = text_index(an)
    tok = d.tok
    cues = [_cue(d, m, ei.cue) for m, ei in zip(cue_matches, cue_infos)]
    count_ends = {c.t1 for c in cues if c.kind == "count"}
    doc_countries: list[str] | None = None
    peoples = _peoples()
    phrases: list[Phrase] = []
    loose: list[Phrase] = []
    i, n = 0, len(items)
    while i < n:
        m = items[i]
        ei = infos[i]
        kind = ei.kind
        ph: Phrase | None = None
        j = i + 1
        if kind == "named":
            ph = _named(d, m, ei)
            # the same actor again right after, in brackets or as an acronym: 'قوات سوريا الديمقراطية (SDF)'
            while j < n and infos[j].kind == "named" and infos[j].name == ph.name:
                words, _ = d.gap(ph.end, items[j].start)
                if words:
                    break
                ph.end, ph.t1 = items[j].end, tok(items[j].end - 1)
                j += 1
        elif kind == "head":
            ph, j = _compose_head(d, items, infos, i)
        elif kind == "nisba" or kind == "people":
            role = "people" if kind == "people" or m.suffix in _PLURAL_ENDINGS else "adjective"
            t0 = tok(m.start)
            ph = Phrase(m.start, m.end, t0, d.tok_end(t0, m.end), role, country=ei.country, prefix=m.prefix)
        elif kind == "country" and not m.prefix:
            t0 = tok(m.start)
            ph = Phrase(m.start, m.end, t0, d.tok_end(t0, m.end), "country", country=ei.country, prefix=m.prefix)
        i = j
        if ph is None:
            continue
        if ph.country is not None and ph.country in peoples:  # a people: the country the document is about
            if doc_countries is None:
                doc_countries = countries_in(an)
            cands = peoples[ph.country]
            ph.country = next((c for c in doc_countries if c in cands), None)
        ph.counted = _counted(d, ph.t0, count_ends)
        (loose if ph.role == "adjective" else phrases).append(ph)
    return phrases, cues, loose


def _cue(d: TextIndex, m: Match, kind: str) -> Cue:
    t0 = d.tok(m.start)
    t1 = d.tok_end(t0, m.end)
    word = d.norm[m.start : m.end]
    return Cue(kind, m.start, m.end, t0, t1, word)  # (positional: made per cue, see docs/scaling.md)


@cache
def _peoples() -> dict[str, tuple[str, ...]]:
    """Peoples without one state ('الأكراد'), by key, with the countries they may belong to."""
    return {key: c.context for key, c in countries().items() if not c.iso3}


def _named(d: TextIndex, m: Match, e: EntryInfo) -> Phrase:
    t0 = d.tok(m.start)
    return Phrase(m.start, m.end, t0, d.tok_end(t0, m.end), "named", name=e.name, country=e.country or None,
                  sector=e.sector or None, inter=e.inter, prefix=m.prefix)


def _is_pronoun(m: Match, e: EntryInfo) -> bool:
    """An attached possessive pronoun ('جنوده', 'قواتهم'). A bare ه after a singular noun is the
    feminine ending (زعيمة → زعيمه), so it counts only on plurals and institutions."""
    if m.suffix in _PRONOUNS:
        return True
    return m.suffix == "ه" and (e.role in ("state", "member") or e.pattern.endswith(_PLURAL_STEMS))


def _counted(d: TextIndex, t0: int, count_ends: set[int]) -> bool:
    """Is the phrase preceded by a number ('ستة مدنيين', 'خمسة من رجال الشرطة', '13 عنصرا من')?"""
    t = t0 - 1
    words = d.t.words
    if t >= 0 and words[t] == "من":
        t -= 1
    if t < 0:
        return False
    return words[t].isdigit() or t in count_ends


def _compose_head(d: TextIndex, items: list[Match], infos: list[EntryInfo], i: int) -> tuple[Phrase | None, int]:
    m = items[i]
    e = infos[i]
    t0 = d.tok(m.start)
    # the head alone, filled in field by field as the composition below goes on (not by keyword:
    # most phrases start here, docs/scaling.md, "Idioms of the hot path")
    ph = Phrase(m.start, m.end, t0, d.tok_end(t0, m.end), e.role)
    ph.name, ph.sector, ph.inter, ph.prefix = e.name, e.sector or None, e.inter, m.prefix
    ph.head_sector = ph.sector
    ph.pronoun = _is_pronoun(m, e)
    j = i + 1
    # a noun with the article is not the first term of a construct: 'المتظاهرين قوات الشغب' is two
    # actors, 'رجال الشرطة' one (a following adjective head still qualifies it)
    construct_blocked = "ال" in m.prefix or m.prefix.endswith("لل")
    # 1. a named body or another head in construct
    while j < len(items) and not ph.pronoun:
        nx = items[j]
        ne = infos[j]
        k = ne.kind
        if k != "named" and k != "head":
            break  # (before measuring the gap: most heads are followed by an adjective or nothing)
        words, brk = d.gap(ph.end, nx.start)
        if brk:
            break
        if k == "named" and (
            not words
            or (len(words) == 1 and words[0] in _MEMBER_OF)
            or (nx.prefix.endswith("ل") and len(words) <= 2 and not FUNCTION_WORDS.intersection(words))
        ):
            named = _named(d, nx, ne)
            ph.end, ph.t1 = named.end, named.t1
            ph.name, ph.country, ph.sector, ph.inter = named.name, named.country, named.sector, named.inter
            ph.role = "place" if ph.role == "place" else "named"
            return ph, j + 1
        if k == "head" and not words and (nx.prefix in ("", "ال") or (ph.role == "place" and nx.prefix in _LAM)):
            if ph.role == "place":
                # 'مركز للشرطة', 'مقر حزب الغد', 'موكب لسفارة الولايات المتحدة': the body's code
                ph.sector = ne.sector or ph.sector
                ph.name = ne.name
                ph.inter = ne.inter
                ph.end, ph.t1 = nx.end, d.tok(nx.end - 1)
                j += 1
                if ne.role in ("org", "title"):
                    break
                continue
            if ne.role == "group" and ph.role == "group" and ne.sector in _IRREGULAR \
                    and construct_blocked == (nx.prefix == "ال"):
                ph.sector = ne.sector  # an adjective: 'جنودا متمردين' are rebels, not soldiers
                ph.name = ne.name
            elif construct_blocked:
                break
            elif ne.role in ("state", "org") or ph.role in ("title", "member") or not ph.sector:
                ph.sector = ne.sector or ph.sector
                ph.name = ne.name
                ph.inter = ne.inter
                if ne.role in ("org", "state"):
                    ph.role = ne.role
            ph.end, ph.t1 = nx.end, d.tok(nx.end - 1)
            j += 1
            continue
        break
    # 2. a country: nationality adjective (possibly one word later) or a country name in construct
    if j < len(items) and infos[j].kind in ("nisba", "people", "country"):
        nx = items[j]
        words, brk = d.gap(ph.end, nx.start)
        k = infos[j].kind
        if not brk and ((k in ("nisba", "people") and len(words) <= 1 and not FUNCTION_WORDS.intersection(words)
                         and not any(w.startswith("و") for w in words))
                        or (k == "country" and not words and not nx.prefix)):
            ph.country = infos[j].country
            ph.end, ph.t1 = nx.end, d.tok(nx.end - 1)
            j += 1
            if ph.sector == "UAF":
                ph.sector = "REB"  # gunmen with an identity are an identifiable armed group
    # 3. a name after an organisation or a title (also when a place led to it: 'مقر حزب الغد')
    if ph.role in ("org", "title") or (ph.role == "place" and infos[j - 1].role in ("org", "title")
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
