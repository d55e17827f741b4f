"""Places: where each event happened, resolved to coordinates with ACLED geo_precision.

How it works, and why:
1. One automaton over the whole document finds every gazetteer name, with its clitics
   ('بالحسكة', 'وفي مدينة الحسكة'); overlapping finds keep the longest ('خان يونس', not 'يونس').
2. The word before a name says what it is (data/gazetteer_cues.tsv): 'مدينة' a town (precision 1),
   'قرب'/'ريف'/'شمال' near it (2), 'محافظة' a province (3). A name after a distance ('100 كلم شمال
   شرقي بغداد') is a reference point, not the scene.
3. Names that are also common words (data/gazetteer_stoplist.tsv), very short names and villages
   are accepted only after a settlement cue, or after a preposition when the document already
   places itself in that country: 'النصر' is a victory until the text says 'بلدة النصر'.
4. Ambiguous names (طرابلس Libya/Lebanon, رفح Gaza/Egypt) go to the country the rest of the
   document points at (its other places, nationality adjectives, actors), then to the larger place.
5. An event takes the most specific place of its own sentence ('حي الزهور في مدينة الحسكة' → the
   district), else the place of the nearest preceding sentence that has one. A name that cannot
   be resolved is simply not a place: nothing else of the event is lost.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from itertools import pairwise
from typing import Final

from ..dictionaries.actor_dictionary import COUNTRIES
from ..dictionaries.gazetteer import Place, cue_roles, gazetteer, stoplist
from ..dictionaries.lexicon import Match
from ..dictionaries.tables import affixes, function_words, read_tsv
from ..plain import Location, Span
from ..positions import bisect_left, bisect_right
from ..text import Sentence, fold, without_prefix
from .actor_mentions import DocLayers, countries_in, doc_layers
from .analysis import CLAUSE_BREAK_CHARS, DEMONYMS, GAZETTEER, Analysis, Mention
from .records import record
from .stages import Stage

STRONG_POPULATION: Final = 100_000  # towns at least this large need no cue (GeoNames population)
TOWN_POPULATION: Final = 20_000  # smaller places need a cue and their country named elsewhere in the document
_ROLE_ORDER: Final = {"entity": -1, "settlement": 0, "province": 1, "near": 2, "in": 3}
_CONJUNCTIONS: Final = affixes("conjunction")
_SCENE_OF_COUNTRY: Final = function_words("scene-of-country")
_CLITICS: Final = affixes("conjunction") + affixes("preposition")  # و ف ب ك ل (data/affixes.tsv)
# how a word after a settlement cue starts when it is no name: a conjunction ('بأحياء وشوارع المدينة')
# or ل with the article ('مركز للقوات')
_NAME_OPENERS: Final = function_words("name-opener")
_NOT_A_NAME_START: Final = affixes("conjunction") + affixes("article-after-l")
_ARTICLE: Final = affixes("article")
_PURPOSE_START: Final = affixes("purpose-start")
_ADJECTIVE_ENDINGS: Final = affixes("adjective-ending")
_PLURAL_VERB_ENDINGS: Final = affixes("verb-plural-ending")
_PREPOSITION_ARTICLE: Final = (*(p + a for p in affixes("preposition") if p != "ل" for a in _ARTICLE),
                               *affixes("article-after-l"))  # 'بال', 'كال', 'لل': 'in the', 'for the'
_LIST_CUES: Final = function_words("list-cue")  # ('مدينتي العريش والشيخ زويد')
_DISTANCE: Final = function_words("distance")  # units of distance (data/function_words.tsv)
_DISTANCE_WORDS: Final = frozenset(_DISTANCE | {c + d for c in _CLITICS for d in _DISTANCE})  # with one clitic too
# the number words of counts ('ستة في مدينة توسركان وثلاثة في مدينة شاهينشهر': no town named 'ثلاثة')
_COUNTS: Final = frozenset(fold(r["pattern"]) for r in read_tsv("number_words.tsv")
                           if r["kind"] in ("num", "teen", "hundred", "thousand"))
# words that end a name, so that none of them is the name of a settlement ('بلدة التي'), and counts
_NOT_A_NAME: Final = (function_words("phrase-end") | function_words("preposition") | function_words("relative")
                      | function_words("complementizer") | function_words("not-a-place-name") | _COUNTS)


class _Form:
    """What the candidate places of one gazetteer form say on their own, worked out once per
    process (`_form`) rather than for every name of every document: the cue role its own first
    word gives, what it needs to count as a place, the one country it points at."""

    __slots__ = ("all_within", "ambiguous", "any_within", "country", "need", "own_role", "places", "uncommon")

    def __init__(self, form: str, places: list[Place], roles: dict[str, str], stop: dict[str, str]) -> None:
        self.places = places  # shared, never changed in place
        first = form.split(" ", 1)[0] if " " in form else ""
        self.own_role: str | None = roles.get(first) if first else None
        self.need = _needs(form, places, stop)
        countries = {p.country for p in places}
        self.ambiguous = len(countries) > 1
        self.any_within = any(p.within for p in places)
        self.all_within = bool(places) and all(p.within for p in places)
        # a name that is sure to be a place counts for its country (see `_context`)
        self.country: str | None = (next(iter(countries)) if len(countries) == 1 and self.need is None
                                    and not self.any_within else None)
        self.uncommon = [p for p in places if not p.common] or places


_FORMS: Final[dict[str, _Form]] = {}  # folded form → its facts


def _form(form: str) -> _Form:
    """The facts of a gazetteer form (the gazetteer never finds a cue word: 'مدينة' is not Medina)."""
    got = _FORMS.get(form)
    if got is None:
        got = _FORMS[form] = _Form(form, gazetteer().places(form), cue_roles(), stoplist())
    return got


class PlaceMention:
    """A place name found in the document (normalised offsets) and what it resolved to.
    (Hand-written, not a dataclass: made per name, see docs/scaling.md.)"""

    __slots__ = ("candidates", "end", "facts", "form", "name_start", "near", "place", "prefix", "record",
                 "reference", "refuge", "role", "sentence", "start")

    def __init__(self, start: int, end: int, form: str, facts: _Form, prefix: str) -> None:
        self.start = start  # from the cue word when one directly precedes ('مدينة الحسكة')
        self.name_start = start
        self.end = end
        self.form = form
        self.facts = facts
        self.candidates: list[Place] = facts.places  # replaced, never changed in place
        self.prefix = prefix  # clitics attached to the name ('بال' in 'بالحسكة')
        self.role: str | None = None
        self.near = False  # a 'near' cue before it too ('قرب مدينة كركوك')
        self.reference = False  # a point of reference ('... كلم شمال بغداد'), not the scene
        self.refuge = False  # where people fled ('الفرار إلى المساجد في صيدا'): never the scene
        self.place: Place | None = None
        self.sentence: Sentence | None = None  # the sentence holding the name
        self.record: Location | None = None  # its contract record, once an event takes it


def nationalities(an: Analysis) -> list[Match]:
    """The document's nationality adjectives (data/gazetteer_demonyms.tsv), in text order."""
    return an.matches(DEMONYMS)


def nationalities_in(an: Analysis, start: int, end: int) -> set[str]:
    """The countries the nationality adjectives inside a normalised span name ('وزارة الصحة
    الفلسطينية' → PSE)."""
    return {m.entry.data["country"] for m in nationalities(an)
            if start <= m.start and m.end <= end and m.entry.data.get("country")}


def _cue_role(word: str, roles: dict[str, str]) -> str | None:
    """The role of a cue word, also behind one leading clitic ('وفي' as 'في', 'بمدينة' as 'مدينه')."""
    role = roles.get(word)
    if role is None and len(word) > 2 and word[0] in _CLITICS:
        role = roles.get(word[1:])
    return role


def _one_of(word: str, words: frozenset[str]) -> bool:
    """Is the word one of `words`, alone or behind one clitic ('بمنطقة', 'وطريق'), as `_cue_role` reads cues?"""
    return word in words or (len(word) > 2 and word[0] in _CLITICS and word[1:] in words)


def _find_names(an: Analysis) -> list[PlaceMention]:
    """Non-overlapping place names, longest first, with the union of their candidate places."""
    spans: dict[tuple[int, int], PlaceMention] = {}
    for m in an.matches(GAZETTEER):  # (scanned with the resolvers' lexicons: analysis.SCANNED_FOR_RESOLVERS)
        form = m.entry.data["form"]
        facts = _form(form)
        key = (m.start, m.end)
        pm = spans.get(key)
        if pm is None or len(form) > len(pm.form):  # the form explaining more letters wins ('لبنان', not ل+'بنان')
            spans[key] = PlaceMention(m.start, m.end, form, facts, m.prefix)
        elif len(form) == len(pm.form):
            have = {(p.name, p.country, p.kind) for p in pm.candidates}
            more = [p for p in facts.places if (p.name, p.country, p.kind) not in have]
            if more:  # two forms, one name: the facts of the union (rare, so not remembered)
                pm.facts = _Form(pm.form, pm.candidates + more, cue_roles(), stoplist())
                pm.candidates = pm.facts.places
    if len(spans) < 2:
        return list(spans.values())
    # longest first; the chosen names never overlap, so sorted by start they are sorted by end too
    # and one bisect finds the only chosen name that could overlap a candidate (linear, not quadratic)
    chosen: list[PlaceMention] = []
    chosen_starts: list[int] = []
    for pm in sorted(spans.values(), key=_longest_first):
        k = bisect_left(chosen_starts, pm.end)  # chosen[:k] start before pm ends
        if k and chosen[k - 1].end > pm.start:
            continue
        chosen.insert(k, pm)
        chosen_starts.insert(k, pm.start)
    return chosen


def _longest_first(pm: PlaceMention) -> tuple[int, int]:
    return pm.start - pm.end, pm.start


def _classify(an: Analysis, pm: PlaceMention, roles: dict[str, str]) -> None:
    """Set the cue role of a place name from its own first word or the two words before it, and
    its sentence."""
    pm.sentence = sent = an.sentence_at(pm.name_start)
    if pm.facts.own_role is not None:
        pm.role = pm.facts.own_role
        return
    starts, words = an.tokens.starts, an.tokens.words
    i = bisect_left(starts, pm.name_start)
    sent_start = sent.start if sent is not None else 0
    found: list[str] = []
    for k in (1, 2):
        j = i - k
        if j < 0 or starts[j] < sent_start:
            break
        role = _cue_role(words[j], roles)
        if role is not None and (k == 1 or role != "entity"):
            found.append(role)
            if k == 1 and role in ("settlement", "province"):
                pm.start = starts[j]
        elif k == 1:
            break
    if found:
        pm.role = min(found, key=_ROLE_ORDER.__getitem__)
        pm.near = "near" in found
    elif "ب" in pm.prefix:  # 'بالحسكة' = in al-Hasakah
        pm.role = "in"
    # a distance before the cue makes the name a point of reference
    pm.reference = not _DISTANCE_WORDS.isdisjoint(words[max(0, i - 5):i])
    pm.refuge = _a_refuge(words[max(0, i - 5):i])
    if i > 0 and _one_of(words[i - 1], _ROAD):
        pm.reference = True  # a road or a street named for a town ('طريق أربيل-كركوك', 'شارع فلسطين')


_ROAD: Final = function_words("road")
_FLIGHT: Final = function_words("flight")  # ('الفرار', 'نزحوا'): a place after one and 'إلى' is a refuge


def _a_refuge(before: list[str]) -> bool:
    """Whether the words before a place make it where people fled ('ما دفع عشرات العائلات إلى
    الفرار إلى المساجد في صيدا المجاورة'): a word of fleeing, then 'إلى'. Such a place is never
    the scene of the sentence's event (`resolve_places` leaves it out)."""
    for k, word in enumerate(before):
        if _one_of(word, _FLIGHT) and "الي" in before[k + 1:]:
            return True
    return False


def _needs(form: str, candidates: list[Place], stop: dict[str, str]) -> str | None:
    """What a name needs before it counts as a place: None (nothing), 'settlement' (a settlement or
    province cue: common words), 'cue' (any place cue: short names), 'village' (a cue and its
    country named elsewhere in the document: villages), 'never' (the stoplist's heads of longer
    names)."""
    if form in stop:
        return stop[form]
    if candidates and all(p.common for p in candidates):
        return "settlement"
    core = form.removeprefix("ال")
    towns = [p for p in candidates if p.kind == "city" and not p.curated]
    if len(towns) == len(candidates):
        if all(p.population < TOWN_POPULATION for p in towns):
            return "village"
        if all(p.population < STRONG_POPULATION for p in towns):
            return "cue"
    if len(core.replace(" ", "")) <= 3 and not any(p.kind == "country" for p in candidates):
        return "cue"
    return None


class _Countries:
    """How strongly the document points at each country (ISO3): its sure place names (2 each), then,
    counted only when a decision needs them (most documents never do: a name with one candidate,
    or all in one country), the countries and actors the text names ('الجيش اللبناني', 'قسد': 1
    each) and, when a name is ambiguous, its nationality adjectives (1 each)."""

    __slots__ = ("ambiguous", "an", "complete", "counts")

    def __init__(self, an: Analysis, names: list[PlaceMention]) -> None:
        self.an = an
        self.complete = False
        counts: dict[str, int] = {}
        ambiguous = False  # only ambiguity needs the nationality adjectives
        for pm in names:
            f = pm.facts
            if f.ambiguous:
                ambiguous = True
            elif f.country is not None:
                counts[f.country] = counts.get(f.country, 0) + 2
        self.counts = counts
        self.ambiguous = ambiguous

    def weight(self, iso: str) -> int:
        """How often the document points at a country, adjectives and actors included."""
        counts = self.counts
        if not self.complete:
            self.complete = True
            an = self.an
            if self.ambiguous:
                for m in nationalities(an):
                    if m.entry.data.get("country"):
                        c = m.entry.data["country"]
                        counts[c] = counts.get(c, 0) + 1
            for c in countries_in(an):
                if len(c) == 3 and c not in ("IMG", "IGO"):
                    counts[c] = counts.get(c, 0) + 1
        return counts.get(iso, 0)

    def points_at(self, iso: str) -> bool:
        """Does the document point at a country at all? (Its place names may already say so.)"""
        return self.counts.get(iso, 0) > 0 or self.weight(iso) > 0


def _choose(pm: PlaceMention, ctx: _Countries, admins: dict[str, int]) -> Place:
    """The candidate the document supports best: its country, its province, the cue's kind, size
    (the first best one)."""
    candidates = pm.candidates
    if len(candidates) == 1:  # nothing to weigh
        return candidates[0]
    # the country only weighs between candidates of different countries
    several = len({p.country for p in candidates}) > 1
    province = pm.role == "province"
    best = candidates[0]
    best_score = _score(best, ctx, admins, several, province)
    for p in candidates[1:]:
        score = _score(p, ctx, admins, several, province)
        if score > best_score:
            best, best_score = p, score
    return best


def _score(p: Place, ctx: _Countries, admins: dict[str, int], several: bool, province: bool
           ) -> tuple[int, int, int, bool, int]:
    """How well a candidate fits, compared in order: its country, its province, the cue's kind, size."""
    kind_fit = 0
    if province:
        kind_fit = 1 if p.kind == "admin1" else 0
    elif p.kind in ("city", "region", "country") or p.rank == 0:
        kind_fit = 1
    return (ctx.weight(p.country) if several else 0,
            admins.get(p.admin1 or "", 0) if p.kind != "admin1" else 0, kind_fit, p.curated, p.population)


def _accept(pm: PlaceMention, ctx: _Countries, forms: set[str]) -> bool:
    """Does a name count as a place, given its cue and what the rest of the document names?"""
    f = pm.facts
    if f.all_within:  # a curated site: its town named too, or at least its country
        return any(p.within in forms or ctx.points_at(p.country) for p in pm.candidates)
    role = pm.role
    settled = role in ("settlement", "province")
    if not settled:
        pm.candidates = f.uncommon
    need = f.need
    if need is None:
        return True
    if need == "never":
        return False
    if need == "settlement":
        return settled
    if need == "cue":
        return role is not None
    return settled or (role is not None and any(ctx.points_at(p.country) for p in pm.candidates))


def _with_listed(an: Analysis, names: list[PlaceMention], accepted: list[PlaceMention]) -> list[PlaceMention]:
    """`accepted` with the names joined by 'و' or a comma to an accepted place of their country
    ('قصفت الطائرات سراقب وأريحا وجسر الشغور'): a town too small to count without a cue is named
    as one in such a list (its neighbours are its cue), in text order."""
    taken = {id(pm) for pm in accepted}
    for order in (names, names[::-1]):  # forward, then backward: a chain of small towns joins through its neighbours
        for a, b in pairwise(order):
            pm, known = (b, a) if id(a) in taken else (a, b)
            if id(known) not in taken or id(pm) in taken or pm.role == "entity" or pm.facts.need not in _LISTABLE:
                continue
            first, second = (a, b) if a.start < b.start else (b, a)
            gap = an.norm[first.end:second.start].strip()
            if gap not in _LIST_GAP:  # (most names of a document are one blank or far apart)
                gap = _bare_gap(an, first.end, second.start)
            countries = {p.country for p in known.candidates}
            if ((gap in _LIST_GAP and (gap or second.prefix.startswith("و")) or gap.lstrip(",") in _JOINTS)
                    and any(p.country in countries for p in pm.candidates)):
                pm.candidates = [p for p in pm.candidates if p.country in countries]
                taken.add(id(pm))
    return [pm for pm in names if id(pm) in taken] if len(taken) > len(accepted) else accepted


# what a name needs that a list with an accepted place gives it (`_needs`)
_LISTABLE: Final = frozenset({"cue", "village"})


def find_places(an: Analysis) -> list[PlaceMention]:
    """Every place the document names, resolved (`place` set) or left out when not acceptable."""
    names = _find_names(an)
    if not names:
        return []
    roles = cue_roles()
    for pm in names:
        _classify(an, pm, roles)
    ctx = _Countries(an, names)
    forms = {pm.form for pm in names}
    accepted = [pm for pm in names if pm.role != "entity" and not _ends_an_unknown_name(an, pm, roles)
                and _accept(pm, ctx, forms)]
    accepted = _with_listed(an, names, accepted)
    before = [pm.candidates for pm in accepted]  # the provinces count before sites leave
    for pm in accepted:
        if pm.facts.any_within:
            pm.candidates = [p for p in pm.candidates if not p.within or p.within in forms or ctx.points_at(p.country)]
    admins: dict[str, int] = {}
    if any(len(pm.candidates) != 1 for pm in accepted):
        for cands in before:
            for a in {(p.admin1 or "") for p in cands if p.kind != "country"}:
                admins[a] = admins.get(a, 0) + 1
    for pm in accepted:
        pm.place = _choose(pm, ctx, admins)
    found = _without_strays(an, [pm for pm in accepted if pm.place is not None])
    _mark_bearings(an, found)
    return found


_NO_CLITIC: Final = ("", *_ARTICLE)  # a name's prefix without a conjunction or preposition


def _ends_an_unknown_name(an: Analysis, pm: PlaceMention, roles: dict[str, str]) -> bool:
    """Is a known name the second word of a town the gazetteer lacks, named after a settlement cue
    or in the list one heads ('بلدة معرة الصين', 'بلدات كفرسجنة والشيخ مصطفى ومعرة الصين': towns of
    Idlib, not China)?"""
    if pm.prefix not in _NO_CLITIC or pm.role is not None:
        return False  # ('بلدة كفرنبل وسراقب': a list)
    t = an.tokens
    i = bisect_left(t.starts, pm.name_start)
    if i < 2 or t.starts[i] != pm.name_start:
        return False
    first = t.words[i - 1].removeprefix("و")
    if not _may_name(first, roles) or first.endswith(_ADJECTIVE_ENDINGS):
        return False
    for j in range(i - 2, max(-1, i - 2 - _MOST_LISTED), -1):
        word = t.words[j]
        if _cue_role(word, roles) == "settlement":
            return not word.removeprefix("و").startswith(_ARTICLE)
        if not _may_name(word.removeprefix("و"), roles):
            return False
    return False


def _mark_bearings(an: Analysis, pms: list[PlaceMention]) -> None:
    """'مدينة شهبا شمالي السويداء': a place placed by its bearing from the town named right before it
    is that town's point of reference, not the scene."""
    for a, b in pairwise(pms):
        between = an.norm[a.end:b.name_start].split()
        if b.near and a.role in ("settlement", "in") and len(between) == 1 and not between[0].startswith("و"):
            b.reference = True  # (not 'دمشق وريف حمص': a list)


# a town at least this large, a capital or a curated place is never a stray (`_without_strays`)
_NEVER_STRAY: Final = 1_000_000


def _without_strays(an: Analysis, pms: list[PlaceMention]) -> list[PlaceMention]:
    """Leave out towns of a country the document points at nowhere else while it points at another:
    a transliteration or a clitic misread as a foreign town ('تشوما بانجو' as Anjō in Japan, 'معسكر
    في سومبي' in Mali as Sumbe in Angola). The other names, the nationality adjectives and the
    actors' countries count; a large city, a curated place and a country always stay."""
    countries = {pm.place.country for pm in pms if pm.place is not None}
    if len(countries) < 2:
        return pms
    support: Counter[str] = Counter()
    forms: dict[str, set[str]] = {}
    for pm in pms:
        assert pm.place is not None
        forms.setdefault(pm.place.country, set()).add(pm.form)
    for c, fs in forms.items():
        support[c] += len(fs)
    support.update(m.entry.data["country"] for m in nationalities(an) if m.entry.data.get("country"))
    support.update(c for c in countries_in(an) if len(c) == 3)
    best_supported = max(support.values())
    kept = []
    for pm in pms:
        p = pm.place
        assert p is not None
        lone = support[p.country] <= 1 and len(forms[p.country]) == 1 and best_supported >= 2
        if (lone and p.kind != "country" and not p.curated and p.population < _NEVER_STRAY
                and (pm.role not in ("settlement", "province") or p.population < TOWN_POPULATION)):
            continue
        kept.append(pm)
    return kept


def geo_precision(pm: PlaceMention) -> int:
    """ACLED: 1 the town or a district of it, 2 near a town or part of a region, 3 only the province."""
    p = pm.place
    assert p is not None
    if p.kind in ("admin1", "country") or pm.role == "province":
        return 3
    if p.kind == "region" or pm.role == "near" or pm.near:
        return 2
    return 1


_DATELINE_MARK: Final = ("-", "–", "—", ":", "(", "/", "،", ",")


def _is_dateline(an: Analysis, pm: PlaceMention) -> bool:
    """'الخرطوم - قُتل ...': a place opening a paragraph and followed by a dash or an agency is where
    the report was filed, not where the event happened."""
    norm = an.norm
    k = pm.start  # (back over the blanks before it, not back to the line's start: a line can be a book)
    while k > 0 and norm[k - 1] != "\n" and norm[k - 1].isspace():
        k -= 1
    if k > 0 and norm[k - 1] != "\n":
        return False
    return norm[pm.end:pm.end + 3].lstrip().startswith(_DATELINE_MARK)


def _best(an: Analysis, pms: list[PlaceMention], anchor: int) -> PlaceMention:
    """The scene among a sentence's places: not a point of reference or a dateline, most specific,
    nearest the trigger (a place after the trigger before one before it; the first at a tie)."""
    if len(pms) == 1:
        return pms[0]
    scene = [p for p in pms if not p.reference and not _is_dateline(an, p)] or pms
    best = scene[0]
    best_key = _nearness(best, anchor)
    for p in scene[1:]:
        key = _nearness(p, anchor)
        if key < best_key:
            best, best_key = p, key
    return best


_WITH: Final = function_words("partner")


def _a_side(an: Analysis, pm: PlaceMention) -> bool:
    """A country named as a side, an origin or a border rather than the scene: 'نفذت إسرائيل'،
    'من أراضي باكستان'، 'الحدود مع الجزائر'، 'راديو فرنسا الدولي'. A country is the scene after a
    place cue ('جنوب لبنان'), with بـ ('باليمن'), after في and its kin ('في سوريا', data:
    function_words scene-of-country), or opening its sentence ('سوريا: مقتل ...'). Any
    place right after 'مع' is a partner or a border, not the scene, and one after '27 سنة من' or
    'من أبناء' is a person's home town (`_an_origin`)."""
    assert pm.place is not None
    i = bisect_right(an.tokens.starts, pm.name_start) - 1  # the name's own word (its clitics too)
    before = an.tokens.words[i - 1] if i > 0 else ""
    if _an_origin(an.tokens.words[max(0, i - 4):i]):
        return True
    if _an_office(an.tokens.words[max(0, i - 2):i], pm):
        return True
    if i >= 2 and an.tokens.words[i - 1] == "في" and an.tokens.words[i - 2] in _HELD:
        return True  # 'بشخص ليبي مسجون في تونس': where a person is held, not the scene
    if (before in _WITH or before[:1] in _CONJUNCTIONS and before[1:] in _WITH) and pm.role not in ("near", "settlement"):
        return True  # 'تظاهرة تضامنية مع قطاع غزة': a partner, whatever kind of place
    if (pm.role in ("near", "province", "settlement") or "ب" in pm.prefix
            or not any(p.kind == "country" for p in pm.candidates)):  # (الجزائر: the country or its capital)
        return False
    sentence = pm.sentence
    if sentence is not None and not an.norm[sentence.start:pm.start].strip():
        return False
    if before[:1] in _CONJUNCTIONS and before[1:] in _SCENE_OF_COUNTRY:
        before = before[1:]
    return before not in _SCENE_OF_COUNTRY


def _an_office(before: list[str], pm: PlaceMention) -> bool:
    """'وقال محافظ الأنبار إن الهجوم وقع', 'والي ولاية البحر الأحمر': the area of an office named
    by its holder's title, who speaks for it, not the scene of what the sentence reports."""
    title = before[-2] if pm.name_start > pm.start and len(before) == 2 else before[-1] if before else ""
    return _one_of(title, _AREA_TITLES)


_ORIGIN: Final = function_words("origin")
_HELD: Final = function_words("held")
_FROM: Final = function_words("from")


def _an_origin(before: list[str]) -> bool:
    """Whether the words before a place name, or before its cue word, make it where a person comes
    from ('محمود عبد الغني - 27 سنة من الجيزة', 'وهو من أبناء قرية بيتا'): a victim's home town,
    not where the event was."""
    for pair in (before[-2:], before[-3:-1]):
        if len(pair) == 2 and ((pair[0] in _ORIGIN and pair[1] in _FROM) or (pair[0] in _FROM and pair[1] in _ORIGIN)):
            return True
    return False


def _nearness(p: PlaceMention, anchor: int) -> tuple[int, int]:
    """Rank of the place, then its distance from the anchor (before it counts one and a half)."""
    assert p.place is not None
    d = p.start - anchor
    return p.place.rank, 2 * d if d >= 0 else -3 * d


def to_location(an: Analysis, pm: PlaceMention) -> Location:
    """The contract record (original offsets) of a resolved place mention."""
    p = pm.place
    assert p is not None
    a, b = an.nt.to_original(pm.start, pm.end)  # as `an.span`, without a Span record on the way
    return record(Location, {"text": an.text[a:b], "start": a, "end": b, "name": p.name, "country": p.country,
                             "admin1": p.admin1, "lat": p.lat, "lon": p.lon, "geo_precision": geo_precision(pm)})


def _record(an: Analysis, pm: PlaceMention) -> Location:
    """The contract record of a place mention, made once: the events that take it share it."""
    if pm.record is None:
        pm.record = to_location(an, pm)
    return pm.record


def resolve_places(an: Analysis, mentions: list[Mention]) -> list[Mention]:
    """Fill `location` of every mention: its sentence's place, else the nearest preceding one.
    Mentions that take the same place share one `Location` record (made once per document). A
    mention whose place is one of a list ('في محافظات ذي قار والنجف وكربلاء') gets a twin for each
    other place of the list (guideline: one event per place): the mentions, twins after theirs."""
    if not mentions:
        return mentions
    places = [pm for pm in find_places(an) if not pm.refuge and not _a_side(an, pm)]
    if not places:
        _national_fallback(an, mentions)
        return mentions
    _inside_the_next(an, places)
    twins: list[tuple[Mention, Mention]] = []
    unknown_in: dict[int, list[tuple[int, int]]] = {}  # sentence index → its unknown settlements
    by_sentence: dict[int, list[PlaceMention]] = {}
    for pm in places:
        if pm.sentence is not None:
            by_sentence.setdefault(pm.sentence.index, []).append(pm)
    placed = sorted(by_sentence)  # sentence indexes that name a place: the nearest preceding one by bisect
    events_in: dict[int, list[Mention]] = {}  # id of a sentence → its mentions
    clause_placed: list[Mention] = []  # placed by their own clause of a sentence telling their type in several
    event_words = frozenset(m.start for m in mentions)  # (a verb of the list's sentence is no name)
    for m in mentions:
        events_in.setdefault(id(m.sentence), []).append(m)
    for m in mentions:
        own = by_sentence.get(m.sentence.index)
        if own and m.plover == "PROTEST":
            own = _outside_the_aim(an, m, own)
        if own:
            # 'مقتل جنديين في كركوك واعتقال 7 في الأنبار': each event's place lies between it and
            # the next event of another type in its sentence, when one lies there
            stop = _scope_end(an, m, events_in[id(m.sentence)])
            scoped = [pm for pm in own if m.start <= pm.start < stop]
            if scoped and _clauses_of_its_type(an, m, events_in[id(m.sentence)]):
                clause_placed.append(m)
            best = _best(an, scoped or own, m.start)
            m.location = _record(an, best)
            if geo_precision(best) >= 2:
                # 'طال قصف إسرائيلي جنوبي لبنان، وبلدة شبعا': a town the gazetteer does not know,
                # named after a settlement cue, is more precise than the country or province
                index = m.sentence.index
                if index not in unknown_in:
                    unknown_in[index] = _unknown_settlements(an, m.sentence, own, event_words)
                unknown = [u for u in unknown_in[index] if not any(pm.start <= u[0] < pm.end for pm in own)]
                if unknown:
                    _place_at_unknown(an, m, unknown, twins)
            if _towns_of_arrests(an, m, stop, own, event_words, twins):
                continue
            for other in _listed_with(an, best, scoped or own, event_words):
                twin = m.twin()  # 'في مدينتي العريش والشيخ زويد': one event per place
                twin.location = other
                twin.place_listed = m.place_listed = True
                twins.append((m, twin))
            continue
        k = bisect_left(placed, m.sentence.index)
        if k:
            before = placed[k - 1]
            m.location = _record(an, _best(an, by_sentence[before], an.sentences[before].end))
            index = m.sentence.index
            if index not in unknown_in:  # (once per sentence: several mentions may share it)
                unknown_in[index] = _unknown_settlements(an, m.sentence, [], event_words)
            unknown = unknown_in[index]
            stop = _scope_end(an, m, events_in[id(m.sentence)])
            if unknown and _clauses_of_its_type(an, m, events_in[id(m.sentence)]):
                # 'اعتقلت ... من بلدة سلوان، كما اعتقلت ... من بلدة العيسوية': each clause its own town
                in_scope = _unknown_settlements(an, m.sentence, [], event_words, (m.start, stop))
                if in_scope:
                    clause_placed.append(m)
                unknown = in_scope or unknown
            if _towns_of_arrests(an, m, stop, [], event_words, twins):
                continue  # (placed at its persons' towns)
            if unknown:
                _place_at_unknown(an, m, unknown, twins)
            elif m.location.admin1 and (province := _unknown_province(an, m.sentence, event_words)) is not None:
                # (after a country alone, a province it holds may tell the same happening more precisely)
                m.location = _unknown_place(an, province, m.location, province=True)
            else:
                m.place_from_context = True
        elif counts := Counter(pm.place.name for pm in places if pm.place and pm.place.rank <= 1):
            top = counts.most_common(1)[0][0]  # the place is only named later: the document's main town
            m.location = _record(an, next(pm for pm in places if pm.place and pm.place.name == top))
            m.place_from_context = True
    _national_fallback(an, mentions)
    for m in clause_placed:
        # 'اعتقلت ... في بلدة عزون، كما اعتقلت ... من بلدة عناتا': a list told clause by clause
        name = m.location.name if m.location is not None else None
        m.clause_placed = all(o is m or o.plover != m.plover or o.location is None or o.location.name != name
                              for o in events_in[id(m.sentence)])
    if not twins:
        return mentions
    after: dict[int, list[Mention]] = {}
    for m, twin in twins:
        after.setdefault(id(m), []).append(twin)
    return [x for m in mentions for x in (m, *after.get(id(m), ()))]


def _scope_end(an: Analysis, m: Mention, in_sentence: list[Mention]) -> int:
    """Where the stretch of a sentence that places `m` ends: at the next mention of another type
    ('مقتل جنديين في كركوك واعتقال 7 في الأنبار'), or of its own type that opens a clause of its own
    ('اعتقلت ... في بلدة سلوان، كما اعتقلت ... من بلدة العيسوية': one event per place, guideline 2);
    else at the sentence's end."""
    return min((o.start for o in in_sentence
                if o.start > m.start and (o.plover != m.plover or _opens_clause(an, o))), default=m.sentence.end)


def _clauses_of_its_type(an: Analysis, m: Mention, in_sentence: list[Mention]) -> bool:
    """Does `m`'s sentence tell its type in two clauses or more, each opened by its own verb?"""
    same = [o for o in in_sentence if o.plover == m.plover]
    return len(same) > 1 and any(_opens_clause(an, o) for o in same if o is not same[0])


def _towns_of_arrests(an: Analysis, m: Mention, stop: int, own: list[PlaceMention], event_words: frozenset[int],
                      twins: list[tuple[Mention, Mention]]) -> bool:
    """'اعتقلت قوات الاحتلال فايز صبيح من بلدة حزما، والفتى يزن الكردي من مخيم عايدة، والمواطن حسام
    اخليل من بلدة بيت أمر': the arrests of one verb, each person from (or in) a town of their own, are
    an arrest in each town (guideline 2: one event per place). Places `m` at the first and makes a
    twin for each other one, when its stretch of the sentence names two or more; False else."""
    if m.mode != "arrest":
        return False
    assert m.location is not None
    roles = cue_roles()
    t = an.tokens
    towns: list[Location] = []
    for j in range(an.token_index(m.end), bisect_left(t.starts, stop) - 1):
        if t.words[j].removeprefix("و") not in _ANOTHER_AT:
            continue
        k = j + 1
        known = next((pm for pm in own if pm.start == t.starts[k] and not pm.reference), None)
        if known is not None and known.place is not None and known.place.rank <= 1:
            towns += [_record(an, known), *_listed_with(an, known, own, event_words)]  # ('في أنقرة وأزمير')
        elif (_cue_role(t.words[k], roles) == "settlement" and k + 1 < len(t) and t.starts[k + 1] < stop
              and _may_name_after(t.words[k], t.words[k + 1], roles)):
            run = _joined_names(an, k + 2, min(len(t), k + 4), [(t.starts[k + 1], t.ends[k + 1])], event_words)
            if run and not any(pm.start <= run[0][0] < pm.end for pm in own):
                towns.append(_unknown_place(an, (run[0][0], run[0][1]), m.location))
    distinct = list({loc.name: loc for loc in towns}.values())
    if len(distinct) < 2:
        return False
    m.location = distinct[0]
    for loc in distinct[1:]:
        twin = m.twin()
        twin.location = loc
        twin.place_listed = m.place_listed = True
        twins.append((m, twin))
    return True


def _opens_clause(an: Analysis, m: Mention) -> bool:
    """A verb trigger after a comma or a connective ('، كما اعتقلت', 'واعتقلت', 'فيما أصيبت')."""
    if m.pos != "V" or m.start == m.sentence.start:
        return False
    if m.prefix[:1] in _CONJUNCTIONS:
        return True
    before = an.norm[max(m.sentence.start, m.start - 12):m.start].split()
    return bool(before) and (before[-1] in _CONNECTIVES or before[-1].endswith(","))


_CONNECTIVES: Final = function_words("connective")


def _outside_the_aim(an: Analysis, m: Mention, own: list[PlaceMention]) -> list[PlaceMention]:
    """A protest's places in its sentence, less those that tell what it is for: a place after the
    protest's aim ('تنديدا', 'للمطالبة', 'تضامنا') when another place of the sentence stands outside
    it ('مسيرة في الرباط ... تنديدا بالعدوان على قطاع غزة'), or when an act stands between the aim
    and the place ('للمطالبة بوقف إطلاق النار في قطاع غزة': the place of that act); the protest
    then takes its place from its context. A place the aim leads to directly may be the scene too
    ('مظاهرات للمطالبة بالحكم المدني في الخرطوم')."""
    aims = {id(pm): aim for pm in own if (aim := _aim_before(an, m, pm)) is not None}
    if not aims:
        return own
    rest = [pm for pm in own if id(pm) not in aims]
    if rest:
        return rest
    return [pm for pm in own if not any(without_prefix(_ACT_PREFIX, word) in _AIM_ACTS for word in aims[id(pm)].split())]


def _aim_before(an: Analysis, m: Mention, pm: PlaceMention) -> str | None:
    """The words between a protest's aim word and the place `pm` after it, when the aim stands
    between the protest's trigger and the place with no clause break after it."""
    if pm.start <= m.end:
        return None
    between = an.norm[m.end:pm.start].split()
    for k in range(len(between) - 1, -1, -1):
        word = between[k]
        if any(c in _AIM_BREAKS for c in word):
            return None
        if word.strip('"') in _PROTEST_AIMS:
            return " ".join(between[k + 1:])
    return None


_AIM_BREAKS: Final = CLAUSE_BREAK_CHARS.replace('"', "")  # (a term in quotes stays in the aim)
_PROTEST_AIMS: Final = function_words("protest-aim")
_AIM_ACTS: Final = function_words("aim-act")
_ACT_PREFIX: Final = re.compile(r"^[وف]?[بل]?")


def _inside_the_next(an: Analysis, places: list[PlaceMention]) -> None:
    """'في حي الكرامة بمدينة الموصل', 'في حي العبور بالعريش': a place named right before the place
    that holds it ('ب', 'في', 'التابعة لـ' or a bearing between: `_holds_next`) lies in it. When the
    gazetteer's reading of the first is a homonym far away (a Karamah in Jordan, an 'Ubur in
    Qalyubia: names that are common words), it is a locality of the second that the gazetteer does
    not know (with the town's coordinates; a village of a province has none); else the sentence's
    events would take two places that cannot hold one happening, and split in two."""
    for p, q in pairwise(places):
        inner, outer = p.place, q.place
        if (inner is None or outer is None or p.sentence is not q.sentence or inner.kind in ("country", "admin1")
                or not _holds_next(an, p, q) or _within(inner, outer)):
            continue
        if outer.kind in ("country", "admin1", "region"):  # a village of a province or a country
            p.record = _unknown_place(an, (p.start, p.end), _record(an, q))
            continue
        words = an.span(p.start, p.end)  # a district of a town: the town's coordinates
        p.record = record(Location, {"text": words.text, "start": words.start, "end": words.end, "name": words.text,
                                     "country": outer.country, "admin1": outer.admin1, "lat": outer.lat,
                                     "lon": outer.lon, "geo_precision": geo_precision(q)})


def _holds_next(an: Analysis, p: PlaceMention, q: PlaceMention) -> bool:
    """Is `q` named right after `p` as what holds it: 'حي X بمدينة Y', 'منطقة X في Y', 'الممدارة
    التابعة لمديرية Y', 'حي X شمال شرقي العاصمة Y'?"""
    gap = an.norm[p.end:q.start].split()
    if not gap:
        return an.norm.startswith("ب", q.start)
    return len(gap) <= 2 and all(w in _HOLDS_NEXT for w in gap)


def _within(inner: Place, outer: Place) -> bool:
    """Could the gazetteer place `inner` be what the text names before `outer`: in it (its country
    named alone, or its province), or near it ('بلدتي عناتا شمال شرق مدينة القدس': across a border,
    a few kilometres away)? A homonym hundreds of kilometres away is not."""
    if inner.lat is not None and inner.lon is not None and outer.lat is not None and outer.lon is not None \
            and outer.kind not in ("country", "admin1") \
            and abs(inner.lat - outer.lat) < _NEAR_DEGREES and abs(inner.lon - outer.lon) < _NEAR_DEGREES:
        return True
    if inner.country != outer.country:
        return False
    return outer.kind == "country" or not outer.admin1 or inner.admin1 == outer.admin1


# About 50 km: a place this close to the town named after it is its neighbour, not a homonym elsewhere.
_NEAR_DEGREES: Final = 0.5


_HOLDS_NEXT: Final = function_words("holds-next")
_LIST_GAP: Final = frozenset({"", "،", ","})
_JOINTS: Final = function_words("list-joint")  # ('“تل رفعت” و”منبج”', 'في القنيطرة وفي مراكش')
_QUOTES: Final = str.maketrans("", "", '"“”«»\'')


def _bearing_between(an: Analysis, start: int, end: int) -> bool:
    """Is all between two names a bearing ('شمالي', 'جنوب شرق')?"""
    roles = cue_roles()
    words = an.norm[start:end].split()
    return bool(words) and all(_cue_role(word, roles) == "near" for word in words)


def _bare_gap(an: Analysis, start: int, end: int) -> str:
    """The text between two names without blanks, quotation marks and a short aside in brackets
    ('بجاية وقسنطينة وعنابة (شرق) وتيزي وزو': the region of the names before it)."""
    return "".join(_ASIDE.sub("", an.norm[start:end]).translate(_QUOTES).split())


_ASIDE: Final = re.compile(r"\([^()]{1,30}\)")


# A run of more names than this is a catalogue (the towns a campaign reached, a list of provinces
# in a tally), not one event per place: no twins, and no work growing with its square.
_MOST_LISTED: Final = 12


def _listed_with(an: Analysis, best: PlaceMention, pms: list[PlaceMention],
                 event_words: frozenset[int]) -> list[Location]:
    """The other places of the list `best` stands in ('ذي قار والنجف وكربلاء', 'مدينتي العريش
    والشيخ زويد'): names of one run, each joined to the one before by 'و' or a comma; a name of the
    run the gazetteer does not know ('والنجف' between two it knows) is a place of its own, in the
    country of the list. None when `best` stands alone or the run is a catalogue (`_MOST_LISTED`)."""
    ordered = sorted(pms, key=lambda p: p.start)
    runs: list[list[PlaceMention | tuple[int, int]]] = [[ordered[0]]]
    for prev, p in pairwise(ordered):
        unknown = _unknown_between(an, prev.end, p.start)
        joined_cue = p.name_start > p.start and an.norm[p.start] == "و"  # ('مدينة حلب ومدينة إدلب')
        if unknown is not None and (unknown or p.prefix.startswith("و") or joined_cue
                                    or an.norm[prev.end:p.start].strip()):
            runs[-1].extend([*unknown, p])
        elif p.reference and _bearing_between(an, prev.end, p.start):
            runs[-1].append(p)  # 'في مدن القنيطرة شمالي الرباط وفي مراكش': a town's bearing stays in its list
        else:
            runs.append([p])
    run = next(r for r in runs if best in r)
    first, last = run[0], run[-1]
    if isinstance(first, PlaceMention) and _stretch_between(an, first):
        return []  # 'بين بلدتي الشعيتية والقليلية': one place between two, not two places
    if isinstance(first, PlaceMention) and isinstance(last, PlaceMention) and _lists(an, first):
        run.extend(_unknown_after(an, last.end, event_words))  # 'منطقتي علما الشعب والظهيرة': the second unknown
    here = _record(an, best)
    names = {here.name}
    out = []
    for item in run:
        if isinstance(item, tuple):
            loc = _unknown_place(an, item, here)
        elif item is best or item.reference:
            continue
        else:
            loc = _record(an, item)
        if loc.name not in names and loc.country == here.country:
            names.add(loc.name)
            out.append(loc)
    return out if len(out) < _MOST_LISTED else []


def _stretch_between(an: Analysis, pm: PlaceMention) -> bool:
    """Is the first name of a list 'between' ('بين بلدتي الشعيتية والقليلية', 'بين حلب وإدلب'), its
    cue word or the word before it? The list then names one stretch between its places."""
    words = an.norm[max(0, pm.start - 20):pm.name_start].split()
    return any(w in _BETWEEN for w in words[-2:])


_BETWEEN: Final = function_words("between")


def _lists(an: Analysis, pm: PlaceMention) -> bool:
    """Is the name introduced by a cue of several places ('مدينتي', 'بلدات', 'مناطق')?"""
    cue = an.norm[pm.start:pm.name_start].split()
    return bool(cue) and (cue[-1] in _LIST_CUES or cue[-1][1:] in _LIST_CUES)


def _unknown_after(an: Analysis, end: int, event_words: frozenset[int]) -> list[tuple[int, int]]:
    """Names joined by 'و' right after a place that the gazetteer does not know (their spans, without
    the 'و')."""
    k = bisect_left(an.tokens.starts, end)
    return _joined_names(an, k, min(len(an.tokens), k + 2 * _MOST_LISTED), [], event_words)


def _joined_names(an: Analysis, k: int, stop: int, run: list[tuple[int, int]],
                  event_words: frozenset[int]) -> list[tuple[int, int]]:
    """`run` (the spans of a list's names so far) with the names from token `k` on that 'و' joins to
    it, each a word or two ('منطقتي علما الشعب والظهيرة'), until a word that is none: a word an
    event was found at is the next clause's verb ('جنوب لبنان وأصابت آخرين')."""
    roles = cue_roles()
    t = an.tokens
    words_of_last = 1 if run else 2  # (a name's second word only after a name)
    resume = k
    for j in range(k, stop):
        if j < resume:
            continue
        word = t.words[j]
        if t.starts[j] != t.ends[j - 1] + 1 or t.starts[j] in event_words or t.starts[j] + 1 in event_words:
            break
        if (words_of_last == 1 and word[:1] == "و" and an.norm[run[-1][0]:run[-1][1]] in _NAME_OPENERS
                and _may_name(word[1:], roles)):
            run[-1] = (run[-1][0], t.ends[j])  # 'قرى أم ورثة': an opener alone is no name, so 'و' starts its second word
            words_of_last = 2
        elif word[:1] == "و" and word not in _COUNTS and _may_name(word[1:], roles):  # (not 'واحدة': one)
            run.append((t.starts[j] + 1, t.ends[j]))  # the next name of the list
            words_of_last = 1
        elif (word[:1] == "و" and run and _cue_role(word[1:], roles) == "settlement" and j + 1 < stop
              and t.starts[j + 1] == t.ends[j] + 1 and t.starts[j + 1] not in event_words
              and _may_name(t.words[j + 1], roles) and not t.words[j + 1].endswith(_ADJECTIVE_ENDINGS)):
            # 'في حي الديم وحي بري': the next name has its own cue word
            run.append((t.starts[j + 1], t.ends[j + 1]))
            words_of_last = 1
            resume = j + 2
            continue
        elif run and (name_at := _another_at_name(an, j, stop, roles)) is not None:
            # 'ستة في مدينة توسركان وثلاثة في مدينة شاهينشهر': more of the same at the next town
            run.append((t.starts[name_at], t.ends[name_at]))
            words_of_last = 1
            resume = name_at + 1
            continue
        elif (words_of_last == 1 and word[:1] != "و" and _may_name(word, roles)
              and not word.endswith(_ADJECTIVE_ENDINGS)  # (not 'بلدة يارين الحدودية')
              and not word.startswith(_PURPOSE_START)  # (not 'مدينة كويتا لاستقبال الضحايا')
              and not word.startswith(_PREPOSITION_ARTICLE)):  # (not 'حي بري بالخرطوم')
            run[-1] = (run[-1][0], t.ends[j])  # a name's second word
            words_of_last = 2
        else:
            break
    if run and an.norm[run[-1][0]:run[-1][1]] in _NAME_OPENERS:
        run.pop()  # ('أم' alone is no name)
    return run


def _another_at_name(an: Analysis, j: int, stop: int, roles: dict[str, str]) -> int | None:
    """The token of the town named in 'وثلاثة في مدينة شاهينشهر', 'وآخر في قرية X' from token
    `j` on: 'و' and a count or 'another', 'في' or 'من', an optional settlement cue, then a name."""
    t = an.tokens
    if not _more_of_the_same(t.words[j]):
        return None
    k = j + 2
    if k >= stop or t.words[j + 1] not in _ANOTHER_AT:
        return None
    if _cue_role(t.words[k], roles) == "settlement":
        k += 1
    return k if k < stop and _may_name(t.words[k], roles) else None


_LIST_JOINT_ROLES: Final = frozenset({"settlement", "province"})


def _unknown_between(an: Analysis, start: int, end: int) -> list[tuple[int, int]] | None:
    """What lies between two names of a list: nothing but a comma (an empty list), or names joined
    by 'و' that the gazetteer does not know (their spans, without the 'و'), with the next name's
    own cue word ('مدينة حلب ومدينة إدلب', 'ومنوبة و ولاية سوسة'); None when anything else does
    ('في حلب ثم في حمص')."""
    gap = an.norm[start:end].strip()
    joint = gap if gap in _LIST_GAP else _bare_gap(an, start, end)
    bearing = gap and not joint and an.norm[end:end + 1] != "و"  # ('كرج (غرب) العاصمة طهران'): no list
    if joint in _LIST_GAP and not bearing or joint.lstrip(",") in _JOINTS or _another_at(gap):
        return []
    roles = cue_roles()
    out = []
    joined = False
    for a, b in an.words(start, end):
        word = an.norm[a:b]
        bare = word.removeprefix("و")
        role = roles.get(bare)
        if (word == "و" or role in _LIST_JOINT_ROLES or (role == "near" and word != bare) or (joined and word in _SUCH_AS)
                or (word != bare and bare in _ANOTHER_AT)):  # ('وفي مراكش')
            # 'ومدينة إدلب', 'و ولاية سوسة', 'وريف حمص' (not 'شمالي الضفة': a bearing)
            joined = joined or word.startswith("و")
            continue
        if not word.startswith("و") or len(word) < 4 or word[1:] in _NOT_A_NAME:
            return None
        out.append((a + 1, b))
        joined = True
    return out if len(out) <= 2 and joined else None


# What may follow a settlement cue joined to a list before its next names ('الخرطوم ومدن أخرى مثل سنار
# ونيالا'): the list goes on.
_SUCH_AS: Final = function_words("such-as")


def _another_at(gap: str) -> bool:
    """'في الخليل وآخر في نابلس', 'ثلاثة شبان، وآخر من بلدة بيت ريما', 'سبعة من الخليل وأربعة من نابلس':
    more of the same at the next place, which the list takes as its next name."""
    words = gap.lstrip("،,").split()
    return len(words) == 2 and _more_of_the_same(words[0]) and words[1] in _ANOTHER_AT


def _more_of_the_same(word: str) -> bool:
    """'وآخر', 'وأربعة', 'و7': 'و' and another (the list holds the counts) or a figure, which the next
    place's 'في' or 'من' follows."""
    return word[:1] == "و" and (word[1:] in _ANOTHER or word[1:].isdigit())


_ANOTHER: Final = function_words("another")
_ANOTHER_AT: Final = function_words("another-at")


def _place_at_unknown(an: Analysis, m: Mention, unknown: list[tuple[int, int]],
                      twins: list[tuple[Mention, Mention]]) -> None:
    """The mention happened at the first of the unknown towns, in the country (and province) of the
    place it had; a twin for each other town of their list (one event per place)."""
    assert m.location is not None
    context = m.location
    m.location = _unknown_place(an, unknown[0], context)
    for span in unknown[1:]:
        twin = m.twin()
        twin.location = _unknown_place(an, span, context)
        twin.place_listed = m.place_listed = True
        twins.append((m, twin))


def _unknown_settlements(an: Analysis, sentence: Sentence, known: list[PlaceMention],
                         event_words: frozenset[int], within: tuple[int, int] | None = None
                         ) -> list[tuple[int, int]]:
    """'وأغار الطيران الحربي على بلدة حولا': the names after a settlement cue that the gazetteer does
    not know (the words, normalised offsets), with those joined to it by 'و' ('في بلدات قيسان
    والرصيرص وبكوري'), when the sentence names any. After an area cue ('في مناطق') only a list of
    two or more is taken, and no word that describes an area ('مناطق جبلية ووعرة'). A cue before a
    name the gazetteer knows ('جنوب لبنان') starts no list: what 'و' joins to a known place is
    `_listed_with`'s to read. A person's home town ('من أبناء قرية بيتا') is no scene. With
    `within` (normalised offsets), only the names in that stretch of the sentence: one clause's."""
    roles = cue_roles()
    t = an.tokens
    i, end = an.token_index(sentence.start), bisect_left(t.starts, sentence.end)
    first = i if within is None else an.token_index(within[0])
    last = end if within is None else bisect_left(t.starts, within[1])
    for j in range(first, last - 1):
        role = _cue_role(t.words[j], roles)
        if role not in ("settlement", "near") or not _may_name_after(t.words[j], t.words[j + 1], roles):
            continue
        if any(c in _PAUSES for c in an.norm[t.ends[j]:t.starts[j + 1]]):
            continue  # 'في عدة مدن، بحسب الوزارة': a comma after the cue, no name
        if t.words[j + 1].endswith(_ADJECTIVE_ENDINGS) and not t.words[j + 1].startswith(_ARTICLE):
            continue  # an adjective ('قاعدة أمريكية': an American base; 'بلدة حدودية'), no name
        if t.words[j][:1] == "ل" and t.words[j] not in roles:
            continue  # 'لقضاء إجازاتهم': to spend, not a district
        if any(pm.start <= t.starts[j + 1] < pm.end for pm in known) or _an_origin(t.words[max(i, j - 2):j + 1]):
            continue
        run = _joined_names(an, j + 2, min(end, j + 1 + 2 * _MOST_LISTED), [(t.starts[j + 1], t.ends[j + 1])],
                            event_words)
        if j > i and t.words[j - 1] in _BETWEEN:
            return run[:1]  # 'بين بلدتي الشعيتية والقليلية': one stretch between them, told by the first
        if role == "settlement":
            return run
        if len(run) > 1 and not any(an.norm[a:b].endswith(_ADJECTIVE_ENDINGS) for a, b in run):
            return run
        if (_one_of(t.words[j], _ONE_NAME_AREAS) and not an.norm[run[0][0]:run[0][1]].endswith(_AREA_ADJECTIVE_ENDINGS)
                and (j == i or not _one_of(t.words[j - 1], _AREA_TITLES))):
            return run[:1]  # 'في منطقة يارون بجنوب لبنان', not 'نائب حاكم منطقة بنادر'
    return []


# Marks that end a phrase: no name follows a cue past one (the normalised text writes the Arabic
# comma and semicolon as ',' and ';'; unlike `CLAUSE_BREAK_CHARS`, a quotation mark or a bracket
# may open the name itself).
_PAUSES: Final = frozenset(",.;:")

# Area cues after which one name the gazetteer lacks is a locality ('في منطقة يارون بجنوب لبنان'),
# unless it reads as an adjective ('منطقة حدودية', 'منطقة آمنة').
_ONE_NAME_AREAS: Final = function_words("area-of-one-name")
_AREA_ADJECTIVE_ENDINGS: Final = (*_ADJECTIVE_ENDINGS, "ه")
_AREA_TITLES: Final = function_words("title-of-area")  # ('حاكم منطقة بنادر': an office, no scene)


def _unknown_province(an: Analysis, sentence: Sentence, event_words: frozenset[int]) -> tuple[int, int] | None:
    """'وفي ولاية لوغار (شرقي البلاد)، لقي 4 حراس أمن مصرعهم': the name after a province cue that
    the gazetteer does not know, in a sentence that names no place it knows. After a place in a
    known province it is another province than that one, and the event not a re-mention placed
    there (the words, normalised offsets)."""
    roles = cue_roles()
    t = an.tokens
    i, end = an.token_index(sentence.start), bisect_left(t.starts, sentence.end)
    for j in range(i, end - 1):
        if _cue_role(t.words[j], roles) == "province" and _may_name(t.words[j + 1], roles) \
                and not _an_origin(t.words[max(i, j - 2):j + 1]):
            name = _joined_names(an, j + 2, min(end, j + 3), [(t.starts[j + 1], t.ends[j + 1])], event_words)
            return name[0] if name else None  # ('أم' alone is no name)
    return None


def _may_name(word: str, roles: dict[str, str], verb_like: bool = False) -> bool:
    """Could a word after a settlement cue be a name the gazetteer lacks (or the short first word of
    one: 'أم درفا')? Not one ending like a plural verb ('وانتشروا'), unless `verb_like` allows it."""
    return ((len(word) >= 3 or word in _NAME_OPENERS) and word.isalpha() and word not in _NOT_A_NAME and _cue_role(word, roles) is None
            and not word.startswith(_NOT_A_NAME_START) and (verb_like or not word.endswith(_PLURAL_VERB_ENDINGS))
            and not word.startswith(_PREPOSITION_ARTICLE)  # ('استهداف العاصمة بالقذائف')
            and not _a_cue_with_article(word, roles))


def _may_name_after(cue: str, word: str, roles: dict[str, str]) -> bool:
    """Could `word`, right after the cue word `cue`, be a name the gazetteer lacks? Right after a cue
    without the article ('قريتي دوروا ومافورو') a word ending like a plural verb is a name too: no
    verb follows 'قرية' or 'بلدتي' directly."""
    return _may_name(word, roles, verb_like=not cue.removeprefix("و").startswith(_ARTICLE))


def _a_cue_with_article(word: str, roles: dict[str, str]) -> bool:
    """'أحياء المدينة', 'في محيط البلدة': a cue word with the article is the place named before, not a name."""
    return any(word.startswith(a) and _cue_role(word[len(a):], roles) is not None for a in _ARTICLE)


def _national_fallback(an: Analysis, mentions: list[Mention]) -> None:
    """Events the text places nowhere it names ('أصيب جنديان تونسيان في انفجار لغم بجبل الشعانبي',
    the mountain unknown to the gazetteer) happened in the country the document points at most
    (its names and nationality adjectives, actors' included): that country, at precision 3, with
    the words of its first mention."""
    if all(m.location is not None for m in mentions):
        return
    by_adjective: dict[int, Location | None] = {}  # sentence index → its settlement named by a country
    for m in mentions:
        if m.location is None:
            index = m.sentence.index
            if index not in by_adjective:
                by_adjective[index] = _settlement_of_country(an, m.sentence)
            m.location = by_adjective[index]
    layers = doc_layers(an)
    found = _scene_countries(an, layers)
    if not found:
        return
    k = found[0]
    location = _country_location(layers.country_codes[k], an.span(layers.country_starts[k], layers.country_ends[k]))
    for m in mentions:
        if m.location is None:
            m.location = location
            m.place_from_context = True


_OCCUPATION: Final = function_words("occupation")


def _scene_countries(an: Analysis, layers: DocLayers) -> list[int]:
    """The document's country mentions that may be a scene, the first of the most named country
    first: not an organisation's; and, unless the document names no other, not an occupier's
    ('قوات الاحتلال'، 'جيش الاحتلال الأمريكي' raid and fight in the land they occupy) nor an armed
    group's (Boko Haram, named for Nigeria, fights around Lake Chad as well)."""
    kept = [k for k, c in enumerate(layers.country_codes) if len(c) == 3 and c not in ("IMG", "IGO")]
    if not kept:
        return []
    scenes = [k for k in kept if not layers.country_groups[k] and not _occupier(an, layers, k)] or kept
    counts = Counter(layers.country_codes[k] for k in scenes)
    top = max(counts, key=counts.__getitem__)  # (the first named at a tie: Counter keeps insertion order)
    return [k for k in scenes if layers.country_codes[k] == top]


def _occupier(an: Analysis, layers: DocLayers, k: int) -> bool:
    """Whether country mention k is an occupier's: 'الاحتلال' in its words or right before them."""
    t = an.tokens
    i = bisect_left(t.starts, layers.country_starts[k])
    j = bisect_left(t.starts, layers.country_ends[k])
    return any(w in _OCCUPATION for w in t.words[max(0, i - 1):j])


def _settlement_of_country(an: Analysis, sentence: Sentence) -> Location | None:
    """'بكمين نفذه حزب الله في قرية لبنانية': a settlement named only by its country's adjective is
    in that country, whatever other country the document points at more ('جيش الاحتلال
    الإسرائيلي'): the country, at precision 3, with the words of the cue and the adjective."""
    t, roles = an.tokens, cue_roles()
    found = nationalities(an)
    starts = an.memo("nationality_starts", lambda: [n.start for n in found])
    for nat in found[bisect_left(starts, sentence.start):]:
        iso = nat.entry.data.get("country")
        if nat.start >= sentence.end:
            break
        if not iso:
            continue
        j = bisect_left(t.starts, nat.start) - 1
        if j < 0 or t.starts[j] < sentence.start or _cue_role(t.words[j], roles) != "settlement":
            continue
        return _country_location(iso, an.span(t.starts[j], nat.end))
    return None


def _country_location(iso: str, words: Span) -> Location:
    """A country as an event's place (precision 3), with the words that name it."""
    place = _country_place(iso)
    name, lat, lon = (place.name, place.lat, place.lon) if place else (iso, None, None)
    return record(Location, {"text": words.text, "start": words.start, "end": words.end, "name": name,
                             "country": iso, "admin1": None, "lat": lat, "lon": lon, "geo_precision": 3})


@cache
def _country_place(iso: str) -> Place | None:
    """The gazetteer's record of a country, found by its Arabic names (data/countries.tsv)."""
    for names in _country_names().get(iso, ()):
        for name in names.split("|"):
            for p in gazetteer().places(fold(name)):
                if p.kind == "country" and p.country == iso:
                    return p
    return None


@cache
def _country_names() -> dict[str, list[str]]:
    """ISO3 → the `names_ar` cells of its rows of data/countries.tsv, in file order. (Read once: the
    file was read again for each new country a run met.)"""
    out: dict[str, list[str]] = {}
    for row in read_tsv(COUNTRIES):
        out.setdefault(row["iso3"], []).append(row["names_ar"])
    return out


def _unknown_place(an: Analysis, span: tuple[int, int], context: Location, province: bool = False) -> Location:
    """A town (or, with `province`, a province) the gazetteer does not know: named by its own words,
    in the country of the context, with no coordinates. It is the event's own place, not the
    context's: two strikes on two such villages stay two events."""
    words = an.span(*span)
    admin1: str | None = words.text
    precision = 3
    if not province:  # ('بلدة X' in a named province)
        admin1, precision = (context.admin1 if context.geo_precision == 3 else None), 1
    return record(Location, {"text": words.text, "start": words.start, "end": words.end, "name": words.text,
                             "country": context.country, "admin1": admin1, "lat": None, "lon": None,
                             "geo_precision": precision})


def same_place(a: Location, b: Location) -> bool:
    """Could two locations be the scene of one happening? The same place, or one inside the other:
    a district and its town, a town and its province, anything in a country named alone."""
    if a.name == b.name:
        return True
    if a.country != b.country:
        return False
    if a.geo_precision == 3 and not a.admin1 or b.geo_precision == 3 and not b.admin1:
        return True
    return bool(a.admin1) and a.admin1 == b.admin1


def _places(an: Analysis) -> None:
    an.mentions = resolve_places(an, an.mentions)


PLACES: Final = Stage(
    "places", _places,
    requires=("analysis.mentions", "mention.sentence", "mention.start", "mention.plover"),
    assigns=("analysis.mentions", "mention.location", "mention.place_from_context", "mention.place_listed",
             "mention.clause_placed"))
