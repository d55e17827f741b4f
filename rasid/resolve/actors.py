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
"""

from __future__ import annotations

import bisect

from ..actors import Cue, Phrase, countries, countries_in, find_phrases
from ..analysis import Analysis, Mention
from ..model import Actor

_NEAR = 1  # words between a verb and its subject (an adverb: 'قتلت أمس قوات ...')
_WINDOW = 8  # words an actor may lie from the trigger at most
_ARMED_CLAIMANTS = {"REB", "UAF", "INS"}


def resolve_actors(an: Analysis, mentions: list[Mention]) -> None:
    """Fill `actor1` and `actor2` of every mention (and `extras['actor1_assoc']`)."""
    if not mentions:
        return
    phrases, cues, loose = find_phrases(an)
    _resolve_references(phrases)
    starts = [p.start for p in phrases]
    cue_starts = [c.start for c in cues]
    loose_starts = [p.start for p in loose]
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence.index, []).append(m)
    for group in by_sentence.values():
        group.sort(key=lambda m: m.start)
        s = group[0].sentence
        ps = phrases[bisect.bisect_left(starts, s.start):bisect.bisect_left(starts, s.end)]
        cs = cues[bisect.bisect_left(cue_starts, s.start):bisect.bisect_left(cue_starts, s.end)]
        ls = loose[bisect.bisect_left(loose_starts, s.start):bisect.bisect_left(loose_starts, s.end)]
        _sentence_country(an, s, ps)
        prev: Mention | None = None
        for m in group:
            r = _Roles(an, m, ps, cs, ls, group)
            a1, a2, assoc = r.assign()
            if a1 is None and prev is not None and prev.actor1 is not None and _chained(an, m):
                m.actor1 = prev.actor1  # 'فجر نفسه فقتل': coordinated verbs share their subject
            else:
                m.actor1 = _actor(an, a1, m) if a1 else None
            m.actor2 = _actor(an, a2, m) if a2 and a2 is not a1 else None
            if m.actor1 is None and m.plover == "PROTEST":
                t = an.span(m.start, m.end)
                m.actor1 = Actor(text=t.text, start=t.start, end=t.end, name="Protesters", country=None,
                                 sector="CVL", code="None CVL")
            if assoc:
                m.extras["actor1_assoc"] = [_actor(an, p, m) for p in assoc]
            prev = m


def _chained(an: Analysis, m: Mention) -> bool:
    return an.norm[m.start:m.start + 1] in ("و", "ف") and m.pos == "V"


_STATE_SECTORS = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG"}


def _sentence_country(an: Analysis, s, ps: list[Phrase]) -> None:
    """A state body without a nationality ('حاكم منطقة بشرق أفغانستان', 'الشرطة' in a sentence
    about Pakistan) belongs to the one country its sentence names, if it names exactly one."""
    todo = [p for p in ps if p.country is None and p.sector in _STATE_SECTORS and p.role != "named"]
    if not todo:
        return
    found = countries_in(an, s.start, s.end)
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
    w = word[1:] if word[:1] in ("و", "ف") and len(word) > 3 else word
    if w.startswith(("ال", "بال", "لل")):
        return False
    if w.endswith("وا") or w.startswith(("ي", "سي")):
        return True
    masdar = (len(w) >= 5 and w[-2] == "ا") or w.endswith(("اء", "ه", "ات"))
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


def _actor(an: Analysis, p: Phrase, m: Mention) -> Actor:
    start = p.start
    while start < p.end and an.norm[start] in "وف" and start - p.start < len(p.prefix) and not p.prefix.startswith("ال"):
        start += 1
        break
    span = an.span(start, p.end)
    name = p.name
    if p.role not in ("named",) and p.country and name:
        c = countries().get(p.country)
        if c is not None:
            name = f"{name} of {c.name_en}" if p.role in ("state", "title") else f"{name} ({c.name_en})"
    elif p.role in ("people", "country") and p.country:
        c = countries().get(p.country)
        name = c.name_en if c else p.country
    return Actor(text=span.text, start=span.start, end=span.end, name=name, country=p.country,
                 sector=p.sector, code=p.code)


class _Roles:
    """Role assignment for one mention inside its sentence."""

    def __init__(self, an: Analysis, m: Mention, ps: list[Phrase], cs: list[Cue], loose: list[Phrase],
                 group: list[Mention]):
        self.an, self.m = an, m
        self.overlapping = [p for p in ps if p.start < m.end and m.start < p.end]
        self.ps = [p for p in ps if p not in self.overlapping]
        self.cs = cs
        self.loose = loose
        others = [o for o in group if o is not m]
        self.prev_end = max((o.end for o in others if o.end <= m.start), default=m.sentence.start)
        self.next_start = min((o.start for o in others if o.start >= m.end), default=m.sentence.end)

    # ---- helpers -----------------------------------------------------------------------------------
    def words(self, a: int, b: int) -> int:
        text = self.an.norm[a:b] if a < b else ""
        return sum(1 for w in text.split() if any(c.isalnum() for c in w))

    def broken(self, a: int, b: int) -> bool:
        return any(c in ",;:\"?!" for c in self.an.norm[a:b])

    def after(self, pos: int, near: int = _NEAR, skip: tuple[Phrase, ...] = ()) -> Phrase | None:
        for p in self.ps:
            if p.start >= pos and p not in skip:
                if self.words(pos, p.start) <= near + (2 if p.counted else 0) and not self.broken(pos, p.start):
                    return p
                return None
        return None

    def before(self, pos: int, near: int = _WINDOW, floor: int = 0) -> Phrase | None:
        for p in reversed(self.ps):
            if p.end <= pos and p.start >= floor:
                if self.words(p.end, pos) <= near and p.role != "country":
                    return p
                return None
        return None

    def cue_after(self, kinds: set[str], within: int) -> Cue | None:
        for c in self.cs:
            if c.kind in kinds and c.start >= self.m.end and self.words(self.m.end, c.start) <= within:
                return c
        return None

    def cue_overlapping(self, kind: str) -> bool:
        return any(c.kind == kind and c.start < self.m.end and self.m.start < c.end for c in self.cs)

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
        a1: Phrase | None = None
        a2: Phrase | None = None
        if self.overlapping and (m.plover == "PROTEST" or self.overlapping[0].end > m.end):
            a1 = self.overlapping[0]  # 'المتظاهرون' as trigger; 'إرسال القوات ... للتحالف'

        if _is_verb(self.an.norm[m.start:m.end].split()[0], m.pos):
            a1, a2 = self.verbal(a1, agent, target)
        else:
            a1, a2 = self.nominal(a1, agent, target)
        if a1 is None:
            a1 = self.shared_genitive()
        if m.plover == "ASSAULT" and (a1 is None or (a1.sector == "UAF" and a1.country is None)):
            a1 = self.claimant() or a1 or self.adjective_doer()
        if a1 is a2:
            a2 = None
        return a1, a2, []

    def between(self) -> tuple[Phrase | None, Phrase | None, list[Phrase]] | None:
        c = self.cue_after({"between"}, 10)
        if c is None or c.start > self.next_start:
            return None
        first = self.after(c.end, 1)
        if first is None:
            return None
        rest = [p for p in self.ps if p.start >= first.end and self.words(first.end, p.start) <= 12]
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
        if p is not None and p.prefix.startswith("ل") and p.sector in ("MIL", "COP", "REB", "UAF", "SPY"):
            return p
        return None

    def agent(self) -> Phrase | None:
        for c in self.cs:
            if c.kind == "agent" and c.start >= self.m.end:
                p = self.after(c.end, 2)
                if p is not None:
                    return p
        return None

    def verbal(self, a1: Phrase | None, agent: Phrase | None, target: Phrase | None):
        m = self.m
        first = self.after(m.end, _NEAR, skip=tuple(x for x in (agent, target) if x))
        before = self.before(m.start, _WINDOW, self.prev_end)
        if before is not None and any(c.kind == "target" and before.end <= c.start < m.start for c in self.cs):
            before = None
        a2: Phrase | None = None
        if m.plover == "PROTEST" and a1 is None:
            return agent or first or before, target  # protest verbs are intransitive: the counted crowd is the subject
        adjacent = before is not None and self.words(before.end, m.start) <= 1 and not self.patient_like(before)
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

    def nominal(self, a1: Phrase | None, agent: Phrase | None, target: Phrase | None):
        m = self.m
        a2: Phrase | None = target
        if self.cue_overlapping("patient"):
            if a2 is None:
                a2 = self.after(m.end, 4, skip=tuple(x for x in (agent,) if x))
            a1 = agent or a1 or self.support_subject()
        else:
            first = self.after(m.end, 1, skip=tuple(x for x in (agent, target) if x))
            if first is not None and not self.patient_like(first) and a1 is None:
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
            if c.kind == "support" and c.end <= m.start and self.words(c.end, m.start) <= 6 \
                    and not self.broken(c.end, m.start):
                inside = [p for p in self.ps if c.end <= p.start and p.end <= m.start]
                if inside:
                    return inside[0]
                return self.before(c.start, 2)
        return None

    def undergoer(self) -> Phrase | None:
        """'تعرض X لهجوم', 'نجا X من محاولة اغتيال': X suffered it."""
        m = self.m
        for c in reversed(self.cs):
            if c.kind == "undergo" and c.end <= m.start and self.words(c.end, m.start) <= 10:
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
                        and self.words(c.end, p.start) <= 5:
                    return p
        return None

    def adjective_doer(self) -> Phrase | None:
        """'ضربة جوية أميركية', 'غارة اسرائيلية': the country's military."""
        for p in self.loose:
            if p.start >= self.m.end and self.words(self.m.end, p.start) <= 1 and not self.broken(self.m.end, p.start):
                return Phrase(p.start, p.end, p.t0, p.t1, "Military Forces", p.country, "MIL", "state",
                              prefix=p.prefix)
        return None
