"""Actors and roles: who did it (actor1) and to whom (actor2).

Actor phrases come from the actor dictionary (`rasid.actors`). Roles come from Arabic word order and
function words, without a parser:
- symmetric clashes 'اشتباكات بين X و Y' (and 'X ... من جهة و Y من جهة أخرى'): X, Y; a second
  actor coordinated with X is kept as X's associate;
- agent phrases after the trigger: 'على يد X', 'من قبل X', 'بنيران X', 'هجوم شنه X' → actor1;
  target phrases: 'هجوم على X', 'ضد X', 'استهدف X' → actor2;
- verbs: verb–subject–object ('قتلت قوات الأمن ستة متشددين') and subject–verb–object ('مسلحون
  اغتالوا ...'); a counted or victim noun right after or before a killing verb is its patient
  ('قتل 150 مدنيا', 'ستة مدنيين قتلوا'): the unvocalised passive reads like the active;
- nominal triggers: the genitive of مقتل، اعتقال، اغتيال ... is the victim; the genitive or
  adjective of هجوم، قصف، غارة ... is the doer ('هجوم انتحاري', 'غارة اسرائيلية'); a light verb
  before a nominal trigger gives its subject ('شنت القوات الإسرائيلية غارة'); 'تعرض X لهجوم' makes
  X the target;
- an armed group claiming the attack in the sentence is the doer when the text names only
  anonymous attackers; protesters are actor1 of a protest even when unnamed.
- clause structure: a phrase governed by a preposition is no subject ('فتحت النار على سكان ودمرت');
  a ف/و-chained verb keeps the first clause's subject; 'قال X إنه قتل' makes X the doer; time
  adverbs may stand between a verb and its object; a harm verb with nothing after it is the
  unvocalised passive, its subject the victim ('أن جنديا أميركيا قتل وأصيب 10 آخرون').
- targets: premises stand for their body ('هجوم استهدف ثكنة عسكرية' → MIL, 'دورية للشرطة' → COP);
  an attack's target ('هجوم ... على فندق') beats generic dead 'people'; with no target of its own,
  the victims of its consequence clause ('مما أدى الى إصابة اثنين من المدنيين').
- defaults: an attack no one is named for was done by unidentified armed men (None UAF); a protest
  with no addressee ('احتجاجا على X', 'أمام المحكمة') is addressed to the state its sentence or
  document names (COUNTRY None); mentions of one happening in one sentence share their sides.
"""

from __future__ import annotations

import os
from typing import Final

from ..dictionaries import ner
from ..dictionaries.actor_dictionary import countries
from ..dictionaries.tables import affixes, function_words, sectors
from ..plain import Actor
from ..positions import bisect_left, bisect_right
from .actor_mentions import countries_in
from .actor_phrases import FUNCTION_WORDS, Cue, Phrase, TextIndex, find_phrases, text_index
from .analysis import Analysis, Mention
from .records import record
from .stages import Stage

# Closed word lists (data/function_words.tsv): prepositions, and what after a verb makes it passive.
_PREPOSITIONS: Final = function_words("preposition")
_GOVERNING: Final = _PREPOSITIONS - {"من"}  # 'فرقة من قوات مكافحة الإرهاب قتلت': partitive من keeps a subject
_AFTER_PASSIVE: Final = function_words("after-passive")
# Time adverbs may stand between a verb and its object ('اغتالت قبل ظهر امس الثلاثاء ناشطا').
_TIME_WORDS: Final = function_words("time-adverb")
_SPEECH_PRONOUNS: Final = function_words("speech-pronoun")
_NEAR: Final = 1  # words between a verb and its subject (an adverb: 'قتلت أمس قوات ...')
_WINDOW: Final = 8  # words an actor may lie from the trigger at most
# Sector classes (data/sectors.tsv): groups that claim attacks, doers a genitive لـ names, state bodies.
_ARMED_CLAIMANTS: Final = sectors("claimant")
_FORCES: Final = sectors("force")
_IRREGULAR: Final = sectors("irregular")
_STATE_SECTORS: Final = sectors("state")
# Affix sets (data/affixes.tsv)
_CONJUNCTIONS: Final = affixes("conjunction")
_PREPOSITION_CLITICS: Final = affixes("preposition")
_DEFINITE: Final = affixes("definite")
_IMPERFECT: Final = affixes("imperfect")
_MASDAR_ENDINGS: Final = affixes("masdar-ending")
# Target cues that are bare prepositions, and how a cue word for clashing starts (اشتبك، يشتبك، تشتبك).
_TARGET_PREPOSITIONS: Final = function_words("target-preposition")
_CLASH_STEMS: Final = tuple(sorted(function_words("clash-stem")))


def resolve_actors(an: Analysis, mentions: list[Mention]) -> None:
    """Fill `actor1` and `actor2` of every mention, and `actor1_assoc`: the associates travel with
    actor1 when a mention shares another's."""
    if not mentions:
        return
    phrases, cues, loose = find_phrases(an)
    ix = text_index(an)
    _resolve_references(phrases)
    starts = [p.start for p in phrases]
    cue_starts = [c.start for c in cues]
    loose_starts = [p.start for p in loose]
    made: dict[Phrase, Actor] = {}  # one contract Actor per phrase, shared by the mentions naming it
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence.index, []).append(m)
    for group in by_sentence.values():
        group.sort(key=lambda m: m.start)
        s = group[0].sentence
        ps = phrases[bisect_left(starts, s.start):bisect_left(starts, s.end)]
        cs = cues[bisect_left(cue_starts, s.start):bisect_left(cue_starts, s.end)]
        ls = loose[bisect_left(loose_starts, s.start):bisect_left(loose_starts, s.end)]
        _sentence_country(an, s, ps, group)
        prev: Mention | None = None
        for m in group:
            r = _Roles(an, ix, m, ps=ps, cs=cs, loose=ls, group=group)
            a1, a2, assoc = r.assign()
            if a1 is None and prev is not None and prev.actor1 is not None and _chained(an, m):
                m.actor1 = prev.actor1  # 'فجر نفسه فقتل': coordinated verbs share their subject
                m.actor1_assoc = prev.actor1_assoc
            else:
                m.actor1 = _actor(an, a1, made) if a1 else None
            m.actor2 = _actor(an, a2, made) if a2 and a2 is not a1 else None
            if m.actor2 is None and m.plover == "PROTEST":
                m.actor2 = _protest_country(an, m, ps + ls)
            if assoc:
                m.actor1_assoc = tuple([_actor(an, p, made) for p in assoc])
            prev = m
        _prefer_specific_targets(group)
        _dispersed_crowds_first(group)
        _fill_doers(an, group)
        if _entity_actors_on():
            _entity_actors(an, ix, group, ps)


def _dispersed_crowds_first(group: list[Mention]) -> None:
    """'وأطلقت القوى الأمنية القنابل المسيلة للدموع وتمكنت من إبعاد المتظاهرين': force against a
    crowd reported as the protest it dispersed (detect's intervention) has the crowd as actor1 and
    the force, the subject of the sentence, as actor2 (guideline 5). The crowd is its target, or the
    protest's country (`_protest_country`), or else protesters (`_fill_doers`)."""
    for m in group:
        if m.plover == "PROTEST" and m.intervention and m.actor1 is not None and m.actor1.sector in _STATE_SECTORS:
            crowd = m.actor2 if m.actor2 is not None and m.actor2.sector not in _STATE_SECTORS else None
            m.actor1, m.actor2, m.actor1_assoc = crowd, m.actor1, ()


def _prefer_specific_targets(group: list[Mention]) -> None:
    """'قتل 28 شخصا في هجوم انتحاري استهدف ثكنة عسكرية': 'people' only count the dead; the barracks
    says whom the attack was aimed at. A mention whose target is generic people takes a sibling's
    more specific target of the same type."""
    for m in group:
        if m.actor2 is None or not (m.actor2.name or "").startswith("People"):
            continue
        better = [o.actor2 for o in group if o.plover == m.plover and o is not m and o.actor2 is not None
                  and not (o.actor2.name or "").startswith("People") and o.actor2.code != (m.actor1.code if m.actor1 else None)]
        if better:
            m.actor2 = better[0]


def _fill_doers(an: Analysis, group: list[Mention]) -> None:
    """Mentions of one type in one sentence usually tell one happening ('قتل ثلاثة مسلحين في ضربة
    جوية أميركية'): one without a doer takes the nearest sibling's; with none named at all, the
    implicit doer of its type."""
    for m in group:
        if m.actor1 is None and m.actor2 is None and not m.main:
            # a bare noun of the same happening ('احتجزوا أربعة من الشرطة رهائن'): the main event's sides
            main = next((o for o in group if o.main and o.actor1 is not None), None)
            if main is not None:
                m.actor1, m.actor2, m.actor1_assoc = main.actor1, main.actor2, main.actor1_assoc
                continue
        if m.actor1 is not None or m.plover not in _IMPLICIT_DOER:
            continue
        sib = [o for o in group if o.plover == m.plover and o.actor1 is not None
               and not (m.actor2 is not None and o.actor1.code == m.actor2.code)]
        if sib:
            doer = min(sib, key=lambda o: abs(o.start - m.start))
            m.actor1, m.actor1_assoc = doer.actor1, doer.actor1_assoc
            continue
        name, sector = _IMPLICIT_DOER[m.plover]
        a, b = an.nt.to_original(m.start, m.end)
        m.actor1 = _actor_record(an.text[a:b], a, b, name=name, country=None, sector=sector, code=f"None {sector}")


# Who did it when the text names nobody: a protest is done by protesters; an attack by unidentified
# armed men (CAMEO's UAF: 'انفجرت قنبلة', 'هجوم انتحاري بسيارة مفخخة'). The span is the trigger,
# the only words that speak of them.
_IMPLICIT_DOER: Final = {"PROTEST": ("Protesters", "CVL"), "ASSAULT": ("Unidentified Attackers", "UAF")}


# Named entities as actors (docs/ner.md): where the dictionary-based roles leave a side empty, or only
# the generic doer, an organisation or person the trained tagger finds in the sentence may fill it.
# RASID_NER_ACTORS=0 turns this off (RASID_NER=0 turns the tagger itself off).
NER_ACTORS_ENV: Final = "RASID_NER_ACTORS"
_ENTITY_REACH: Final = 6  # words between the trigger and an entity that becomes its doer
_ENTITY_TARGET_REACH: Final = 2  # words between the trigger and an entity that becomes its target


def _entity_actors_on() -> bool:
    return os.environ.get(NER_ACTORS_ENV, "").strip() != "0" and ner.tagger() is not None


def _generic(a: Actor | None) -> bool:
    """No actor, or only the doer nobody is named for (unidentified attackers, 'مسلحون')."""
    return a is None or (a.sector == "UAF" and a.country is None)


def _entity_actors(an: Analysis, ix: TextIndex, group: list[Mention], ps: list[Phrase]) -> None:
    """Fill an empty (or generic) doer with an organisation the tagger finds near the trigger, and an
    empty target with an organisation or person right after it. Only sentences with such a gap are
    tagged. An organisation takes the sector of its head noun (ner.head_sector: 'حركة' → REB, 'حزب' →
    PTY ...) and the country named inside it; one with an unknown head, or a source ('وكالة'), is none.
    A person has no sector of its own ('None None' unless a country is named inside the name)."""
    todo = [m for m in group if m.plover in _ENTITY_TYPES
            and (_generic(m.actor1) or (m.actor2 is None and m.plover != "PROTEST"))]
    if not todo or not any(_may_fill(an, ix, m, ps) for m in todo):
        return
    s = group[0].sentence
    t = an.tokens
    # the words within reach of the triggers, and a few more for the tagger's context
    i = max(bisect_left(t.starts, s.start), bisect_left(t.starts, todo[0].start) - _ENTITY_REACH - 4)
    j = min(bisect_right(t.ends, s.end), bisect_right(t.ends, todo[-1].end) + _ENTITY_REACH + 4)
    if not _entity_may_start(an, ix, todo, ps, i, j):
        return
    found = ner.entities_of(an.nt, t.starts[i:j], t.ends[i:j], t.words[i:j])
    cands: list[tuple[ner.Entity, str | None]] = []
    for e in found:
        if any(p.start < e.norm_end and e.norm_start < p.end for p in ps):
            continue  # the dictionary already knows these words (as an actor, a place or a country)
        sector = None
        if e.type == "ORG":
            sector = ner.head_sector(t.words[i + e.t0])
            if sector is None or sector == "-":
                continue
        elif e.type != "PERS":
            continue
        cands.append((e, sector))
    if not cands:
        return
    made: dict[int, Actor] = {}
    for m in todo:
        used = {(a.start, a.end) for a in (m.actor1, m.actor2) if a is not None}
        if _generic(m.actor1):
            doer = _entity_doer(an, ix, m, cands, used)
            if doer is not None:
                m.actor1 = _entity_actor(an, doer, made)
                m.actor1_assoc = ()
                used.add((m.actor1.start, m.actor1.end))
        if m.actor2 is None and m.plover != "PROTEST":
            target = _entity_target(an, ix, m, cands)
            if target is not None and (target[0].start, target[0].end) not in used:
                m.actor2 = _entity_actor(an, target, made)


def _may_fill(an: Analysis, ix: TextIndex, m: Mention, ps: list[Phrase]) -> bool:
    """Whether an entity could fill a gap of the mention, judged from its words alone (most sentences
    are not tagged): for the doer, a word within reach whose head noun gives a sector; for the target,
    a word right after the trigger that no actor phrase covers and that is no function word or number."""
    t = ix.t
    if _generic(m.actor1):
        lo = max(bisect_left(t.starts, m.sentence.start), bisect_left(t.starts, m.start) - _ENTITY_REACH)
        hi = min(bisect_right(t.ends, m.sentence.end), bisect_right(t.ends, m.end) + _ENTITY_REACH)
        for k in range(lo, hi):
            sector = ner.head_sector(t.words[k])
            if sector is not None and sector != "-":
                return True
    if m.actor2 is None and m.plover != "PROTEST":
        first = bisect_left(t.starts, m.end)
        for k in range(first, min(first + _ENTITY_TARGET_REACH + 1, len(t))):
            if t.starts[k] >= m.sentence.end:
                break
            w = t.words[k]
            if w in FUNCTION_WORDS or w.isdigit() or any(p.start <= t.starts[k] < p.end for p in ps):
                continue
            return True
    return False


def _entity_may_start(an: Analysis, ix: TextIndex, todo: list[Mention], ps: list[Phrase], i: int, j: int) -> bool:
    """Whether an entity of tokens i..j-1, whatever the tagger makes of them, could fill a gap of a
    mention of `todo`: whether a token could open an entity that `_entity_target` could take (one
    of the words right after a trigger that lacks a target) or `_entity_doer` (an organisation, its
    first word a head noun giving a sector, within reach of a trigger that lacks a doer), and that
    `_entity_actors` keeps (`_may_open`).

    WHY: tagging a sentence is the dearest step of finding actors (CRFsuite converts and looks up
    some thirty attributes a word, and reads its model all over), and `_may_fill`, which asks for
    it, judges each mention's nearest words alone; on the development sets a fifth to a third of the
    taggings meet only tokens that could open no entity used (and about one in a hundred fills a
    gap). Every test here is one an entity fails whatever its last token: the words and breaks
    between a trigger and an entity after it are those before its first token, and its first word
    gives its sector. (The target's words first: they answer for most sentences that need tagging.)"""
    t = ix.t
    for m in todo:
        if m.actor2 is None and m.plover != "PROTEST":
            k = max(i, bisect_left(t.starts, m.end))
            while k < j and ix.count(m.end, t.starts[k]) <= _ENTITY_TARGET_REACH:
                if not ix.broken(m.end, t.starts[k]) and _may_open(an, ix, ps, k):
                    return True
                k += 1
    heads: list[int] = []
    for k in range(i, j):
        sector = ner.head_sector(t.words[k])
        if sector is not None and sector != "-":
            heads.append(k)
    for m in todo:
        if heads and _generic(m.actor1):
            for k in heads:
                a, b = t.starts[k], t.ends[k]
                # (before the trigger, how near depends on where the entity ends)
                if (b <= m.start or (a >= m.end and not ix.broken(m.end, a) and ix.count(m.end, a) <= _ENTITY_REACH)) \
                        and _may_open(an, ix, ps, k):
                    return True
    return False


def _may_open(an: Analysis, ix: TextIndex, ps: list[Phrase], k: int) -> bool:
    """Whether token k could open an entity that `_entity_actors` keeps and `_entity_governed` lets
    be a side: no phrase meets it (one meeting it meets the entity), and no preposition governs it,
    neither the word before it nor a clitic of its own (told from the word when a space or the text's
    end follows it: only then is it the first piece of every entity it opens)."""
    t = ix.t
    a, b = t.starts[k], t.ends[k]
    if any(p.start < b and a < p.end for p in ps):
        return False
    if k and t.words[k - 1] in _GOVERNING and not ix.broken(t.ends[k - 1], a):
        return False
    norm = an.norm
    return not ((b >= len(norm) or norm[b] == " ")
                and ner.stem(t.words[k])[0].lstrip("وف")[:1] in _PREPOSITION_CLITICS)


# the event types whose sides an entity may fill: material conflict, where a side is a group or a person
_ENTITY_TYPES: Final = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE"})


def _entity_doer(an: Analysis, ix: TextIndex, m: Mention, cands: list[tuple[ner.Entity, str | None]],
                 used: set[tuple[int, int]]) -> tuple[ner.Entity, str | None] | None:
    """The nearest organisation within reach of the trigger that no preposition governs (a subject
    before it, 'جماعة X هاجمت', or after it, 'هاجمت جماعة X'), with no clause break between."""
    best: tuple[int, tuple[ner.Entity, str | None]] | None = None
    for c in cands:
        e = c[0]
        if e.type != "ORG" or (e.start, e.end) in used or _entity_governed(an, ix, e):
            continue
        a, b = (e.norm_end, m.start) if e.norm_end <= m.start else (m.end, e.norm_start)
        if a > b or ix.broken(a, b):
            continue
        n = ix.count(a, b)
        if n <= _ENTITY_REACH and (best is None or n < best[0]):
            best = (n, c)
    return best[1] if best else None


def _entity_target(an: Analysis, ix: TextIndex, m: Mention,
                   cands: list[tuple[ner.Entity, str | None]]) -> tuple[ner.Entity, str | None] | None:
    """An organisation or person right after the trigger, the object of a verb ('اغتالوا فلان') or the
    genitive of a noun ('اعتقال فلان'); not one a preposition governs ('اعتقالات من ميدان ...')."""
    for c in cands:
        e = c[0]
        if e.norm_start >= m.end and ix.count(m.end, e.norm_start) <= _ENTITY_TARGET_REACH \
                and not ix.broken(m.end, e.norm_start) and not _entity_governed(an, ix, e):
            return c
    return None


def _entity_governed(an: Analysis, ix: TextIndex, e: ner.Entity) -> bool:
    """Does a preposition govern the entity (a clitic ب ك ل on its first word, or a preposition word
    before it)? Then it is no subject."""
    pre = ner.stem(an.norm[e.norm_start:e.norm_end].split(" ")[0])[0]
    if pre.lstrip("وف")[:1] in _PREPOSITION_CLITICS:
        return True
    k = bisect_left(ix.t.starts, e.norm_start) - 1
    return k >= 0 and ix.t.word(k) in _GOVERNING and not ix.broken(ix.t.ends[k], e.norm_start)


def _entity_actor(an: Analysis, c: tuple[ner.Entity, str | None], made: dict[int, Actor]) -> Actor:
    e, sector = c
    a = made.get(e.start)
    if a is None:
        inside = countries_in(an, e.norm_start, e.norm_end)
        country = inside[0] if len(inside) == 1 else None
        a = made[e.start] = _actor_record(e.text, e.start, e.end, name=e.text, country=country, sector=sector,
                                          code=f"{country or 'None'} {sector or 'None'}")
    return a


def _protest_country(an: Analysis, m: Mention, ps: list[Phrase]) -> Actor | None:
    """A protest with no named addressee is addressed to a state: the country its sentence names
    (a name or a loose adjective, 'قرار بريطانيا', 'الاستيطان الاسرائيلي'), else the one the document
    names most. Coded with the country alone (CAMEO 'COUNTRY' with no sector)."""
    s = m.sentence
    found = countries_in(an, s.start, s.end) or countries_in(an)
    if not found:
        return None
    iso = found[0]
    c = countries().get(iso)
    start, end = m.start, m.end
    for p in ps:
        if p.country == iso and p.role in ("country", "adjective"):
            start, end = p.start, p.end
            break
    a, b = an.nt.to_original(start, end)
    return _actor_record(an.text[a:b], a, b, name=c.name_en if c else iso, country=iso, sector=None, code=f"{iso} None")


def _chained(an: Analysis, m: Mention) -> bool:
    return an.norm[m.start:m.start + 1] in _CONJUNCTIONS and m.pos == "V"



def _sentence_country(an: Analysis, s, ps: list[Phrase], group: list[Mention]) -> None:
    """A state body without a nationality ('حاكم منطقة بشرق أفغانستان', 'الشرطة' in a sentence
    about Pakistan) belongs to the one country its sentence names, if it names exactly one, else to
    the one country its events are placed in ('الشرطة' in a sentence about Baghdad)."""
    todo = [p for p in ps if p.country is None and p.sector in _STATE_SECTORS and p.role != "named"]
    if not todo:
        return
    found = countries_in(an, s.start, s.end)
    if not found:
        found = list({m.location.country for m in group if m.location and m.location.country})
    if len(found) == 1:
        for p in todo:
            p.country = found[0]


def _is_verb(word: str, pos: str) -> bool:
    """Is a trigger word a finite verb? V triggers are; N triggers are not; exact (X) triggers list
    both ('اعدم', 'اعدام'): a verbal noun has the article or the long ا before its last letter
    (اطلاق، اعتقال، احراق)."""
    if pos == "V":
        return True
    if pos == "N":
        return False
    w = word[1:] if word[:1] in _CONJUNCTIONS and len(word) > 3 else word
    if w.startswith(_DEFINITE):
        return False
    if w.endswith("وا") or w.startswith(_IMPERFECT):
        return True
    masdar = (len(w) >= 5 and w[-2] == "ا") or w.endswith(_MASDAR_ENDINGS)
    return not masdar


def _resolve_references(phrases: list[Phrase]) -> None:
    """'جنوده' takes the country of the actor named before it; 'التنظيم' alone is the group named
    before it."""
    last_country: str | None = None
    last_group: Phrase | None = None
    for p in phrases:
        if p.pronoun and p.country is None:
            p.country = last_country
        if p.role == "anaphor":
            if last_group is not None:
                p.name, p.country, p.sector, p.role = last_group.name, last_group.country, last_group.sector, "named"
            else:
                p.role = "org"
        if p.country and p.role not in ("people", "country"):
            last_country = p.country
        if p.role == "named" and p.sector in _ARMED_CLAIMANTS:
            last_group = p


def _later_phrases(an: Analysis) -> list[Phrase]:
    """The document's actor phrases for a stage after this one (found once more, once per document:
    only denials and participles of saying ask)."""
    return an.memo("actor_phrases_later", lambda: find_phrases(an)[0])


def actor_spans(an: Analysis) -> list[tuple[int, int]]:
    """The normalised spans of the document's actor phrases, in text order (pronouns left out)."""
    return [(p.start, p.end) for p in _later_phrases(an) if not p.pronoun]


def actor_in(an: Analysis, start: int, end: int) -> Actor | None:
    """The first actor the normalised span [start, end) names, as the actors stage would record it
    (for a later stage that needs who a source or an accused is: 'نفى متمردو حركة الشباب')."""
    phrases = _later_phrases(an)
    i = bisect_left([p.start for p in phrases], start)
    for p in phrases[i:]:
        if p.start >= end:
            break
        if p.end <= end and not p.pronoun:
            return _make_actor(an, p)
    return None


def _actor(an: Analysis, p: Phrase, made: dict[Phrase, Actor]) -> Actor:
    """The contract Actor of a phrase, made once: a phrase is final once its sentence's mentions are
    being resolved, and nothing changes an Actor after it is made."""
    a = made.get(p)
    if a is None:
        a = made[p] = _make_actor(an, p)
    return a


def _make_actor(an: Analysis, p: Phrase) -> Actor:
    start = p.start
    if start < p.end and an.norm[start] in "وف" and p.prefix and not p.prefix.startswith("ال"):
        start += 1  # the conjunction is no part of the actor's words
    a, b = an.nt.to_original(start, p.end)  # (an.span's offsets, without building a Span model)
    name = p.name
    if p.role not in ("named",) and p.country and name:
        c = countries().get(p.country)
        if c is not None:
            name = f"{name} of {c.name_en}" if p.role in ("state", "title") else f"{name} ({c.name_en})"
    elif p.role in ("people", "country") and p.country:
        c = countries().get(p.country)
        name = c.name_en if c else p.country
    return _actor_record(an.text[a:b], a, b, name=name, country=p.country, sector=p.sector, code=p.code)


def _actor_record(text: str, start: int, end: int, name: str | None, country: str | None, sector: str | None,
                  code: str) -> Actor:
    return record(Actor, {"text": text, "start": start, "end": end, "name": name, "country": country,
                          "sector": sector, "code": code})


class _Roles:
    """Role assignment for one mention inside its sentence."""

    def __init__(self, an: Analysis, ix: TextIndex, m: Mention, ps: list[Phrase], cs: list[Cue],
                 loose: list[Phrase], group: list[Mention]):
        self.an, self.m, self.ix = an, m, ix
        start, end = m.start, m.end
        # the phrases overlapping the trigger, and the others (one pass: this runs for every mention)
        self.overlapping: list[Phrase] = []
        self.ps: list[Phrase] = []
        for p in ps:
            if p.start < end and start < p.end:
                self.overlapping.append(p)
            else:
                self.ps.append(p)
        self.cs = cs
        # kinds of the cues that overlap the trigger ('تعرض', 'مقتل'), asked several times per mention
        self.overlapping_cues = {c.kind for c in cs if c.start < end and start < c.end}
        self.loose = loose
        self.group = group
        # the other mentions of the sentence bound this one's reach (most sentences have just one)
        self.prev_end, self.next_start = m.sentence.start, m.sentence.end
        if len(group) > 1:
            prev_end: int | None = None
            next_start: int | None = None
            for o in group:
                if o is m:
                    continue
                if o.end <= start and (prev_end is None or o.end > prev_end):
                    prev_end = o.end
                if o.start >= end and (next_start is None or o.start < next_start):
                    next_start = o.start
            if prev_end is not None:
                self.prev_end = prev_end
            if next_start is not None:
                self.next_start = next_start

    # ---- helpers -----------------------------------------------------------------------------------

    def after(self, pos: int, near: int = _NEAR, skip: tuple[Phrase, ...] = ()) -> Phrase | None:
        for p in self.ps:
            if p.start >= pos and p not in skip:
                if self.ix.count(pos, p.start) <= near + (2 if p.counted else 0) and not self.ix.broken(pos, p.start):
                    return p
                return None
        return None

    def before(self, pos: int, near: int = _WINDOW, floor: int = 0) -> Phrase | None:
        for p in reversed(self.ps):
            if p.end <= pos and p.start >= floor:
                if self.ix.count(p.end, pos) <= near and p.role != "country":
                    return p
                return None
        return None

    def cue_after(self, kinds: set[str], within: int) -> Cue | None:
        for c in self.cs:
            if c.kind in kinds and c.start >= self.m.end and self.ix.count(self.m.end, c.start) <= within:
                return c
        return None

    def cue_overlapping(self, kind: str) -> bool:
        return kind in self.overlapping_cues

    @staticmethod
    def patient_like(p: Phrase) -> bool:
        return p.counted or p.role in ("victim", "people")

    # ---- rules -------------------------------------------------------------------------------------
    def assign(self) -> tuple[Phrase | None, Phrase | None, list[Phrase]]:
        m = self.m
        sym = self.between()
        if sym is not None:
            return sym
        agent = self.agent()
        target = None
        c = self.cue_after({"target"}, 6)
        if c is not None:
            target = self.after(c.end, 1)
            if target is not None and target.counted and c.word == "نحو":
                target = None  # 'نحو 500 متظاهر': about, not towards
        a1: Phrase | None = None
        a2: Phrase | None = None
        if self.overlapping and (m.plover == "PROTEST" or self.overlapping[0].end > m.end):
            a1 = self.overlapping[0]  # 'المتظاهرون' as trigger; 'إرسال القوات ... للتحالف'

        if self.cue_overlapping("undergo"):
            # 'هليكوبتر تعرضت لهجوم': the subject of تعرض/نجا suffered it
            sufferer = self.before(m.start, 2, self.prev_end)
            if sufferer is not None and self.governed(sufferer):
                sufferer = None
            return agent, target or sufferer or self.after(m.end, 1), []
        if target is None and m.plover == "ASSAULT":
            target = self.object_of_preceding_verb()
        if _is_verb(self.an.norm[m.start:m.end].split()[0], m.pos):
            a1, a2 = self.verbal(a1, agent, target)
        else:
            a1, a2 = self.nominal(a1, agent, target)
        if a1 is None:
            a1 = self.shared_genitive()
        if a1 is not None and a1.role == "place":  # premises are attacked, they do nothing
            a2, a1 = a2 or a1, None
        if m.plover == "ASSAULT" and (a1 is None or (a1.sector == "UAF" and a1.country is None)):
            a1 = self.claimant() or a1 or self.adjective_doer()
        if m.plover == "PROTEST" and a2 is None:
            a2 = self.addressee(a1)
        if m.plover == "ASSAULT" and a2 is None:
            a2 = self.casualties(a1)
        if m.plover == "ASSAULT" and (a2 is None or a2.name == "People"):
            a2 = self.attack_target(a1) or a2
        if a1 is a2:
            a2 = None
        return a1, a2, []

    def attack_target(self, a1: Phrase | None) -> Phrase | None:
        """'قتل 60 شخصا في هجوم انتحاري بسيارة ملغومة على فندق ماريوت': the attack noun of the
        sentence and its target say whom the attack was aimed at, which the dead 'people' do not."""
        for a in self.cs:
            if a.kind != "attack":
                continue
            for c in self.cs:
                if c.kind == "target" and c.start >= a.end and self.ix.count(a.end, c.start) <= 4 \
                        and not self.ix.broken(a.end, c.start) and c.word not in ("نحو",):
                    p = self.after(c.end, 1, skip=(a1,) if a1 else ())
                    if p is not None and not self.patient_like(p) and p.role != "country":
                        return p
        return None

    def casualties(self, a1: Phrase | None) -> Phrase | None:
        """'انفجرت عبوة ناسفة ... مما أدى الى إصابة اثنين من المدنيين': with no target of its own,
        an attack's target is whom its consequence clause says it killed, wounded or seized."""
        for c in self.cs:
            if c.kind == "patient" and c.start >= self.m.end and c.start < self.next_start:
                p = self.after(c.end, 1, skip=(a1,) if a1 else ())
                if p is not None and p.role != "country":
                    return p
        return None

    def object_of_preceding_verb(self) -> Phrase | None:
        """'واستهدف هجوم انتحاري بسيارة مفخخة، امس، موكبا لسفارة الولايات المتحدة': the attack is the
        subject of استهدف, so the phrase after the attack's own words is the target."""
        for c in self.cs:
            if c.kind == "target" and c.end <= self.m.start and self.ix.count(c.end, self.m.start) == 0 \
                    and self.an.norm[c.start:c.end] not in _TARGET_PREPOSITIONS:
                for p in self.ps:
                    if p.start >= self.m.end and self.ix.count(self.m.end, p.start) <= 6 and not self.patient_like(p):
                        return p
        return None

    def addressee(self, a1: Phrase | None) -> Phrase | None:
        """Whom a protest is against: 'احتجاجا على X', 'مناهضة لـ X', 'مطالبين الحكومة'; or the
        institution it faces ('أمام مقر البرلمان', 'أمام المحكمة العليا')."""
        for c in self.cs:
            if c.start < self.m.end or c.kind not in ("against", "facing", "target"):
                continue
            clash = self.an.norm[c.start:c.end].lstrip("وف").startswith(_CLASH_STEMS)
            near = 3 if clash else 1  # 'اشتبك المتظاهرون مع الجنود الإسرائيليين'
            for p in self.ps:
                if p.start < c.end or p is a1:
                    continue
                if self.ix.count(c.end, p.start) > near + (2 if p.counted else 0) or self.ix.broken(c.end, p.start):
                    break
                if p.role in ("victim", "people") or p.sector == "CVL":
                    continue  # the protesters themselves
                if c.kind == "facing" and not (p.role == "place" or p.sector in _STATE_SECTORS):
                    break
                return p
        return None

    def between(self) -> tuple[Phrase | None, Phrase | None, list[Phrase]] | None:
        c = self.cue_after({"between"}, 10)
        if c is None or c.start > self.next_start:
            return None
        first = self.after(c.end, 1)
        if first is None:
            return None
        rest = [p for p in self.ps if p.start >= first.end and self.ix.count(first.end, p.start) <= 12]
        side = next((s for s in self.cs if s.kind == "side" and s.start >= first.end), None)
        if side is not None:
            second = next((p for p in rest if p.start >= side.end), None)
            assoc = [p for p in rest if p.end <= side.start]
            return first, second, assoc
        second = rest[0] if rest and self.an.norm[rest[0].start] == "و" else None
        return first, second, []

    def shared_genitive(self) -> Phrase | None:
        """'الدعم الجوي للتحالف الأمريكي وقصف ...': a doer in لـ right before a coordinated trigger."""
        if self.an.norm[self.m.start:self.m.start + 1] != "و":
            return None
        p = self.before(self.m.start, 0, self.m.sentence.start)
        if p is not None and p.prefix.startswith("ل") and p.sector in _FORCES:
            return p
        return None

    def agent(self) -> Phrase | None:
        for c in self.cs:
            if c.kind == "agent" and c.start >= self.m.end:
                p = self.after(c.end, 2)
                if p is not None:
                    return p
                # 'غارة شنتها طائرة بدون طيار تابعة للقوات الأميركية': the body the craft belongs to
                for a in self.cs:
                    if a.kind == "affiliation" and a.start >= c.end and self.ix.count(c.end, a.start) <= 4 \
                            and not self.ix.broken(c.end, a.start):
                        return self.after(a.end, 0)
        return None

    def governed(self, p: Phrase) -> bool:
        """Is the phrase the object of a preposition ('على سكان', 'بالشرطة')? Then it is no subject."""
        if p.prefix[:1] in _PREPOSITION_CLITICS or p.prefix[1:2] in _PREPOSITION_CLITICS and p.prefix[:1] in _CONJUNCTIONS:
            return True
        t = p.t0 - 1
        return t >= 0 and self.ix.t.word(t) in _GOVERNING and not self.ix.broken(self.ix.t.ends[t], p.start)

    def object_after(self, pos: int, skip: tuple[Phrase, ...] = ()) -> Phrase | None:
        """The phrase after a verb, over time adverbs ('اغتالت قبل ظهر امس الثلاثاء ناشطا')."""
        p = self.after(pos, _NEAR, skip)
        if p is not None:
            return p
        t = self.an.token_index(pos)
        n = 0
        while t < len(self.ix.t) and n < 5 and self.ix.t.word(t) in _TIME_WORDS:
            t, n = t + 1, n + 1
        if n == 0 or t >= len(self.ix.t):
            return None
        p = self.after(self.ix.t.starts[t], 0, skip)
        return p if p is not None and not self.ix.broken(pos, p.start) else None

    def speech_subject(self) -> Phrase | None:
        """'قال حلف شمال الأطلسي إنه قتل ...': the pronoun before the verb is the speaker."""
        t = self.an.token_index(self.m.start) - 1
        if t >= 0 and self.ix.t.word(t) == "قد":
            t -= 1
        if t < 0 or self.ix.t.word(t) not in _SPEECH_PRONOUNS:
            return None
        for p in reversed(self.ps):
            if p.end <= self.ix.t.starts[t] and p.start >= self.m.sentence.start and not self.governed(p) \
                    and not self.patient_like(p) and p.role not in ("place",):
                return p
        return None

    def no_object(self) -> bool:
        """Nothing but a preposition, a conjunction or punctuation follows the verb: 'جنديا أميركيا
        قتل وأصيب 10 آخرون' is the unvocalised passive (قُتل), its subject the victim."""
        t = self.an.token_index(self.m.end)
        if t >= len(self.ix.t) or self.ix.broken(self.m.end, self.ix.t.starts[t]) or self.ix.t.starts[t] >= self.m.sentence.end:
            return True
        w = self.ix.t.word(t)
        return w in _PREPOSITIONS or w in _AFTER_PASSIVE or (w[:1] == "و" and len(w) > 3 and self.after(self.m.end, 0) is None)

    def verbal(self, a1: Phrase | None, agent: Phrase | None, target: Phrase | None):
        m = self.m
        first = self.object_after(m.end, skip=tuple(x for x in (agent, target) if x))
        before = self.before(m.start, _WINDOW, self.prev_end)
        if before is not None and any(c.kind == "target" and before.end <= c.start < m.start for c in self.cs):
            before = None
        chained = self.an.norm[m.start:m.start + 1] in _CONJUNCTIONS and m.pos == "V"
        if before is not None and self.governed(before):
            before = None
            if a1 is None and chained:
                # 'دبابات روسية فتحت النار على سكان ودمرت': the object of the first verb is no subject
                doer = self.subject_back()
                if doer is not None:
                    return agent or doer, target or first
        if a1 is None and m.plover != "PROTEST":
            speaker = self.speech_subject()
            if speaker is not None:
                return agent or speaker, target or first
        a2: Phrase | None = None
        if m.plover == "PROTEST" and a1 is None:
            # protest verbs are intransitive: the counted crowd is the subject ('رشق مئات المتظاهرين
            # قوات مكافحة الشغب' has an object, then it is the addressee)
            doer = agent or first or before
            if target is None and doer is first and first is not None:
                target = self.after(first.end, 0)
            return doer, target
        if a1 is None and self.an.norm[m.start:m.start + 1] == "ف" and m.pos == "V":
            doer = self.subject_back()  # 'أطلقت القوات الإسرائيلية صاروخا ... فقتلت المدرس'
            if doer is not None:
                return agent or doer, target or first
        if (a1 is None and before is not None and before.counted and before.sector in _IRREGULAR
                and m.plover == "ASSAULT" and not self.no_object()):
            # 'إن 100 إرهابي مدججين بالسلاح هاجموا قرية': armed men counted before a verb with an object
            # did it (counted soldiers or civilians before a bare verb are its passive victims)
            return agent or before, target or first
        adjacent = before is not None and self.ix.count(before.end, m.start) <= 1 and not self.patient_like(before)
        if adjacent and m.plover == "ASSAULT" and target is None and first is None and self.no_object():
            return agent, before  # passive: 'أن جنديا أميركيا قتل'
        if a1 is None and adjacent:
            a1 = before  # 'مسلحون اغتالوا ...', 'حركة طالبان قد خطفت ...'
            a2 = target or first
        elif a1 is None and first is not None and not self.patient_like(first) and first is not target:
            a1 = first
            a2 = target or self.after(first.end, _NEAR + 2, skip=tuple(x for x in (agent,) if x))
        elif a1 is None and before is not None and not self.patient_like(before):
            a1 = before
            a2 = target or first
        elif before is not None and first is None and target is None:
            a2 = before
        else:
            a2 = target or first
        return agent or a1, a2

    def subject_back(self) -> Phrase | None:
        """The nearest phrase before the trigger in its sentence that can be a subject: not a victim,
        not a place, not the object of a preposition."""
        for p in reversed(self.ps):
            if p.end > self.m.start or p.start < self.m.sentence.start:
                continue
            if p.role in ("victim", "people", "place", "country") or self.governed(p):
                continue  # (a counted group may lead the clause: 'مجموعة من ثلاثين طالبا ... وخطفت')
            return p
        return None

    def nominal(self, a1: Phrase | None, agent: Phrase | None, target: Phrase | None):
        m = self.m
        a2: Phrase | None = target
        if self.cue_overlapping("patient"):
            if a2 is None:
                a2 = self.after(m.end, 4, skip=tuple(x for x in (agent,) if x))
            a1 = agent or a1 or self.support_subject()
        else:
            first = self.after(m.end, 1, skip=tuple(x for x in (agent, target) if x))
            if first is not None and first.role == "country" and not first.prefix.endswith("ل"):
                first = None  # 'ضربات جوية داخل الصومال': a country after an attack noun is where
            crowd = m.plover == "PROTEST" and first is not None and first.role != "place"  # 'تجمع نحو 500 متظاهر'
            if first is not None and (crowd or not self.patient_like(first)) and a1 is None:
                a1 = first
            elif first is not None and a2 is None:
                a2 = first
            a1 = agent or a1 or self.support_subject()
            if a1 is None and m.plover != "ASSAULT":
                a1 = self.before(m.start, 4, self.prev_end)
        undergo = self.undergoer()
        if undergo is not None and undergo is not a1:
            a2 = undergo
        return a1, a2

    def support_subject(self) -> Phrase | None:
        """'شنت القوات الإسرائيلية غارة', 'الجيش شن هجوما', 'قامت قوة من الشرطة بمداهمة'."""
        m = self.m
        for c in reversed(self.cs):
            if c.kind == "support" and c.end <= m.start and self.ix.count(c.end, m.start) <= 6 \
                    and not self.ix.broken(c.end, m.start):
                inside = [p for p in self.ps if c.end <= p.start and p.end <= m.start]
                if inside:
                    return inside[0]
                return self.before(c.start, 2)
        return None

    def undergoer(self) -> Phrase | None:
        """'تعرض X لهجوم', 'نجا X من محاولة اغتيال': X suffered it."""
        m = self.m
        for c in reversed(self.cs):
            if c.kind == "undergo" and c.end <= m.start and self.ix.count(c.end, m.start) <= 10:
                inside = [p for p in self.ps if c.end <= p.start and p.end <= m.start]
                return inside[0] if inside else self.before(c.start, 2)
        return None

    def claimant(self) -> Phrase | None:
        """An armed group that claims the attack in the same sentence ('تبنته حركة طالبان',
        'أعلنت داعش ... أن الهجوم نفذه انتحاريان')."""
        for c in self.cs:
            if c.kind != "claim":
                continue
            for p in self.ps:
                if p.role == "named" and p.sector in _ARMED_CLAIMANTS and p.start >= c.end \
                        and self.ix.count(c.end, p.start) <= 5:
                    return p
        return None

    def adjective_doer(self) -> Phrase | None:
        """'ضربة جوية أميركية', 'غارة اسرائيلية': the country's military. The attack noun may be
        another mention of the sentence ('قتل 150 مدنيا في سلسلة من الضربات الجوية الاميركية')."""
        ends = [self.m.end] + [o.end for o in self.group if o.plover == self.m.plover and o is not self.m] \
            + [c.end for c in self.cs if c.kind == "attack"]
        for p in self.loose:
            for e in ends:
                if p.start >= e and self.ix.count(e, p.start) <= 1 and not self.ix.broken(e, p.start):
                    return Phrase(p.start, p.end, p.t0, p.t1, "state", name="Military Forces", country=p.country,
                                  sector="MIL", prefix=p.prefix)
        return None


def _actors(an: Analysis) -> None:
    resolve_actors(an, an.mentions)


ACTORS: Final = Stage(
    "actors", _actors,
    requires=("analysis.mentions", "mention.sentence", "mention.start", "mention.end", "mention.plover", "mention.pos",
              "mention.main", "mention.location", "mention.intervention"),
    assigns=("mention.actor1", "mention.actor2", "mention.actor1_assoc"))
