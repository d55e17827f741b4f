"""Assembly: resolved mentions → contract events, merged within the document.

One happening is often stated several times in one article: a verb and its nominalisation in one
sentence ('هاجموا ... الهجوم'), the headline and the lead, a later clause recalling it as
background ('بعد الهجوم', 'مسؤوليتها عن الهجوم'), a next sentence elaborating on it without a
place or date of its own. Those become one event. A sentence's main mention is kept unless it
elaborates; a headline mention or a non-main mention merges into a compatible kept event, if there
is one. Figures that disagree stay apart: they are different claims. Events of an article dated
well before its publication are background and are dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from ..dictionaries.mappings import map_event
from ..dictionaries.tables import affixes, function_words, read_tsv, sectors
from ..plain import Actor, Event, Evidence, Span
from ..text import without_prefix
from .analysis import CLAUSE_BREAK, Analysis, Mention
from .dates import same_time
from .detect import points_back
from .places import same_place
from .records import record
from .stages import Stage


def _compatible(a: Mention, b: Mention, strict_mode: bool) -> bool:
    """Could `a` and `b` report one happening? With `strict_mode`, a moded `b` needs the same mode
    in `a` (a recalled 'air strike' is not the 'killing' of another sentence)."""
    if a.plover != b.plover:
        return False
    if strict_mode and b.mode and a.mode is None or not (modes_fit(a.mode, b.mode) or _weapons_of_one_report(a, b)):
        return False
    if not same_sides(a, b) or not same_time(a, b) or counts_differ(a, b) or not same_stance(a, b):
        return False
    return not (a.location and b.location and not same_place(a.location, b.location))


def _weapons_of_one_report(a: Mention, b: Mention) -> bool:
    """'قتل اثنان في هجوم متشددين بالقذائف الصاروخية والرشاشات': an attack of a sentence's main
    event, named there by another word with another weapon, is the same attack."""
    return (a.sentence is b.sentence and a.plover == "ASSAULT" and (a.main or b.main)
            and abs(a.start - b.start) <= _ONE_REPORT_CHARS and not {a.mode, b.mode} & _APART_MODES)


# Two triggers this close (about eight words) tell one attack; farther apart in a long sentence they
# may be two ('هاجموا برج المراقبة ... وانفجار لغم أثناء ملاحقتهم').
_ONE_REPORT_CHARS: Final = 60


def same_sides(a: Mention, b: Mention) -> bool:
    """Actors that do not contradict, the sides named in either order ('بين داعش والمسلحين' /
    'بين المسلحين وداعش')."""
    same = _same_protest_actors if a.plover == b.plover == "PROTEST" else _same_actors
    return (same(a.actor1, b.actor1) and same(a.actor2, b.actor2)
            or same(a.actor1, b.actor2) and same(a.actor2, b.actor1))


_PROTEST_VIOLENCE: Final = {"destroy", "primitive"}  # burning tyres, stones: the protest turned violent


def _fold_into_protests(mentions: list[Mention], norm: str = "") -> list[Mention]:
    """'تظاهر المئات ...' then 'وأطلقت الشرطة الغاز المسيل للدموع لتفريق المحتجين الذين أحرقوا
    الإطارات': a sentence that disperses a protest of its own or one of the two sentences before,
    naming no other place, tells how that protest went. ACLED codes it as one event: a protest
    with intervention, a riot when the protesters burned or threw stones. Violence in the sentence
    of a protest ('تواصلت الاحتجاجات ... حيث أدت المواجهات مع الشرطة إلى سقوط العشرات من الجرحى')
    is that protest's too, unless it is what the protest is against ('استنكاراً لمقتل الناشط')."""
    dispersals = {m.sentence.index for m in mentions if m.mode == "crowd-control" and m.plover == "ASSAULT"}
    # (detection has made the force against a crowd of a sentence without a protest the protest itself)
    dispersals |= {m.sentence.index for m in mentions if m.plover == "PROTEST" and m.intervention}
    protests = [m for m in mentions if m.plover == "PROTEST" and not m.headline]
    told = [p for p in protests if not p.supporting]  # (a protest named only beside the toll is no report of it)
    for m in mentions:
        killed = _killed_at_protest(m, norm)
        if ((killed or _protesters_struck(m, norm)) and not protest_cause(norm, m)
                and _protest_before(m, told if killed else protests, True) is None):
            _as_protest(m)
            protests.append(m)
    if not protests:
        return mentions
    out = []
    with_protest = {p.sentence.index for p in protests if p.main}  # (not 'قتلت بعد مشاركتها في الاحتجاجات')
    for m in mentions:
        if (m.plover == "ASSAULT" and m.sentence.index in with_protest and m.sentence.index not in dispersals
                and not m.headline and not protest_cause(norm, m)):
            its = [p for p in protests if p.sentence.index == m.sentence.index]
            # (one place of a list: the protest at that place)
            for p in [p for p in its if p.location is m.location] or its:
                p.intervention = True
                if m.mode in _PROTEST_VIOLENCE:
                    p.mode = "riot"
                violence_at(p, m)
            continue
        if m.plover == "ASSAULT" and m.sentence.index in dispersals and not m.headline:
            protest = next((p for p in reversed(protests) if 0 <= m.sentence.index - p.sentence.index <= 2
                            and (p.sentence.index == m.sentence.index or m.place_from_context)), None)
            if protest is not None and (m.mode == "crowd-control" or m.mode in _PROTEST_VIOLENCE):
                for p in protests:
                    if p.sentence.index == protest.sentence.index:
                        p.intervention = True
                        if m.mode in _PROTEST_VIOLENCE:
                            p.mode = "riot"
                continue
        # force on the protesters of this sentence or the two before ('واستهدفت القنابل المتظاهرين'),
        # and arrests of protesters after one ('وأوقف رجال الأمن عددا من المحتجين')
        at = _at_protesters(m, norm)
        killed = not at and _killed_at_protest(m, norm)
        if (at or killed or _of_protesters(m, norm)) and not m.headline and not protest_cause(norm, m):
            protest = _protest_before(m, told if killed else protests, same_sentence=at or killed)
            if protest is not None:
                protest.intervention = True
                violence_at(protest, m)
                continue
        out.append(m)
    arrests = {m.sentence.index for m in out if m.plover == "COERCE" and m.mode == "arrest"}
    for p in protests:
        if p.sentence.index in arrests:
            p.intervention = True  # 'اعتقلت قوات الأمن 12 شخصا خلال احتجاجات'
    return out


def _storming_as_attack(m: Mention) -> None:
    """'اقتحمت حركة الشباب قاعدة عسكرية': a raid by a rebel, insurgent or unidentified armed group is
    its attack on what it stormed (ACLED: a battle or an attack), not a search by a force of order."""
    if m.plover == "COERCE" and m.mode == "raid" and m.actor1 is not None and m.actor1.sector in _ARMED_GROUPS:
        m.plover, m.mode = "ASSAULT", None


_ARMED_GROUPS: Final = sectors("claimant")


def _of_protesters(m: Mention, norm: str) -> bool:
    """An arrest of protesters (guideline 5: the arrests that make a protest one with intervention):
    named so, or of people left unnamed after protesters in its sentence ('ولاحقت قوات الأمن محتجين
    في الشوارع القريبة واعتقلت عددا منهم')."""
    if m.plover != "COERCE" or m.mode != "arrest":
        return False
    if m.actor2 is not None:
        return m.actor2.name == _PROTESTERS
    return any(_protester_word(word) for word in norm[m.sentence.start:m.start].split())


_PROTEST_REACH: Final = 2  # sentences after a protest that may still tell how it went


def _protest_before(m: Mention, protests: list[Mention], same_sentence: bool) -> Mention | None:
    """The latest protest of the sentences just before `m` (or of its own), at its place when `m`
    names one of its own."""
    lowest = 0 if same_sentence else 1
    return next((p for p in reversed(protests) if lowest <= m.sentence.index - p.sentence.index <= _PROTEST_REACH
                 and (p.sentence.index == m.sentence.index or m.place_from_context or m.location is None
                      or p.location is None or m.location.name == p.location.name)), None)


_AT_PROTESTERS_WORDS: Final = 4  # words between an attack's trigger and the protesters it struck


def _at_protesters(m: Mention, norm: str) -> bool:
    """Force used on protesters ('واستهدفت القنابل المتظاهرين', 'أطلقت الشرطة الرصاص على المحتجين') or
    on their protest ('قوات الأمن التي أطلقت النار على مظاهرة', in a relative clause too): guideline 5
    codes it as the protest's intervention (or excessive force), not an attack of its own."""
    if m.plover != "ASSAULT":
        return False
    after = norm[m.end:m.sentence.end].split()[:_AT_PROTESTERS_WORDS]
    if any(word in _AGAINST and i + 1 < len(after) and after[i + 1] in _PROTEST_SCENES for i, word in enumerate(after)):
        return True
    return not m.subordinate and any(_protester_word(word) for word in after)


_STRUCK_WORDS: Final = 2  # how near an attack's trigger its victims stand ('قتل متظاهران', 'متظاهرين اثنين قتلا')


def _protesters_struck(m: Mention, norm: str) -> bool:
    """An attack whose victims are protesters, told next to its trigger ('قتل متظاهران برصاص قوات
    الأمن', 'إن متظاهرين اثنين قتلا اليوم ... برصاص قوات الأمن'): force on a protest, which ACLED
    codes as the protest (guideline 5: with intervention, or excessive force) even when no sentence
    reports the protest itself; only by a force of the state ('برصاص قوات الأمن')."""
    if m.plover != "ASSAULT" or m.subordinate or m.headline or m.mode not in FORCE_ON_CROWDS:
        return False
    if m.actor1 is None or m.actor1.sector not in STATE_SECTORS:
        return False  # 'قتل المتظاهرون شرطيا': the protesters may be the ones who killed
    after = norm[m.end:m.sentence.end].split()[:_STRUCK_WORDS]
    before = CLAUSE_BREAK.split(norm[max(m.sentence.start, m.start - 40):m.start])[-1].split()[-_STRUCK_WORDS:]
    return any(_protester_word(word) for word in after + before)


FORCE_ON_CROWDS: Final = frozenset({None, "firearms", "crowd-control"})  # how a state's force meets a crowd


def _killed_at_protest(m: Mention, norm: str) -> bool:
    """The dead or wounded of a protest, told by their toll in a sentence that places them at it
    ('قتل شخصان نتيجة تصدي عناصر من الشرطة لمظاهرات', 'الشرطة تصدت للمحتجين، ما أسفر عن مقتل
    طفل', 'أصيب برصاصة حية خلال مواجهات مع القوات'): force on the protest, which guideline 5 codes
    as the protest (with intervention, or excessive force), not an attack of its own. Not when a
    side other than the state's force did it ('برصاص قناص مجهول'), nor an attack named as such
    ('قتل خمسة جنود في هجوم ... فيما تتواصل الاحتجاجات': the protest is not its scene)."""
    # (no test of `subordinate`: a toll after 'ما أسفر عن' is the force's consequence, and still its toll)
    if m.plover != "ASSAULT" or m.headline or m.mode not in FORCE_ON_CROWDS:
        return False
    if not (m.eventive or m.fatalities is not None or m.injured is not None):
        return False
    if m.actor1 is not None and not implicit(m.actor1) and m.actor1.sector not in STATE_SECTORS:
        return False
    words = _WORDS.findall(norm, m.sentence.start, m.sentence.end)
    for i, word in enumerate(words):
        bare = without_prefix(_PROTEST_SCENE_PREFIX, word)
        if bare in _PROTEST_SCENES and (bare != word or (i and words[i - 1] in _AT_A_SCENE)):
            return True  # 'لمظاهرات', 'خلال مواجهات'
        if _protester_word(word) and (word[:1] == "ل" or (i and words[i - 1] in _AGAINST)):
            return True  # 'للمحتجين', 'على المتظاهرين'
    return False


# A protest named as the scene of force: its noun with a preposition glued to it ('لمظاهرات',
# 'بالاحتجاجات') or after one ('خلال مواجهات', 'أثناء الاحتجاجات').
_PROTEST_SCENES: Final = function_words("protest-scene")
_PROTEST_SCENE_PREFIX: Final = re.compile(r"^[وف]?(?:لل|[بل]ال|[بل])")
_AT_A_SCENE: Final = function_words("at-a-scene")
_AGAINST: Final = function_words("force-against")  # ('النار على المتظاهرين')
_WORDS: Final = re.compile(r"\w+")
STATE_SECTORS: Final = sectors("state")


def _as_protest(m: Mention) -> None:
    """The attack on protesters becomes their protest, met by the force that struck (guideline 5:
    actor1 the protesters, actor2 the intervening force: none when the text leaves it unnamed), with
    its toll."""
    victims = m.actor2 if m.actor2 is not None and m.actor2.name == _PROTESTERS else None
    m.actor1, m.actor2 = victims, None if implicit(m.actor1) else m.actor1
    m.plover, m.mode, m.clash, m.intervention = "PROTEST", "demo", False, True


def _protester_word(word: str) -> bool:
    """'محتجين', 'والمتظاهرين', 'معتصمون': a protester head with its article, clitics and ending (not
    'المحتجزين', the detainees)."""
    for head in _PROTESTER_HEADS:
        k = word.find(head)
        if k >= 0 and len(word[:k]) <= 3 and word[k + len(head):] in _PLURAL_ENDINGS:
            return True
    return False


_PLURAL_ENDINGS: Final = frozenset(("", *affixes("noun-ending")))


_PROTESTERS: Final = "Protesters"  # the actor name of protesters (rasid.actors)
_PROTESTER_HEADS: Final = frozenset(row["pattern"] for row in read_tsv("actor_heads.tsv")
                                    if row["name_en"] == _PROTESTERS)


def violence_at(protest: Mention, violence: Mention) -> None:
    """The protest takes the toll of the violence at it, and the force that used it as the side
    that intervened (guideline 5: actor2 = the intervening force); the violence is carried as a report."""
    for field in ("fatalities", "injured", "arrested"):
        if getattr(protest, field) is None and getattr(violence, field) is not None:
            setattr(protest, field, getattr(violence, field))
            setattr(protest, _SPAN_OF[field], getattr(violence, _SPAN_OF[field]))
    if protest.actor2 is None and violence.actor1 is not None and not implicit(violence.actor1):
        protest.actor2 = violence.actor1
    if violence.main and violence.sentence is protest.sentence:
        # ('أصيب 22 من رجال الأمن إثر أعمال شغب في مخيم الزعتري'): the sentence reports the protest
        protest.main, protest.subordinate = True, False
    carry(protest, violence)


_PROTEST_CAUSE: Final = function_words("protest-cause")


_CAUSE_WORDS: Final = 6  # how far back in its clause a cause word reaches the violence


def protest_cause(norm: str, m: Mention) -> bool:
    """Is the violence what a protest is against ('استنكاراً لمقتل', 'احتجاجاً على اغتيال', 'بعد مقتل
    اثنين من الناشطين برصاص مجهولين'): a cause word among the words of its clause before it?"""
    clause = CLAUSE_BREAK.split(norm[max(m.sentence.start, m.start - 60):m.start])[-1]
    return any(w in _PROTEST_CAUSE for w in clause.split()[-_CAUSE_WORDS:])


def _intervenes(m: Mention) -> bool:
    """Dispersal or arrests of the protesters of the same sentence ('فيما فرقت قوات الأمن المحتجين')."""
    return (m.plover == "ASSAULT" and m.mode == "crowd-control") or (m.plover == "COERCE" and m.mode == "arrest")


def _elaborated(m: Mention, earlier: list[Mention] | tuple[()]) -> Mention | None:
    """'استشهد أربعة فلسطينيين في جنين ...' then 'وقالت الوزارة إن الشهداء أصيبوا بالرصاص الحي':
    a sentence that names neither a place nor a date of its own and reports the same kind of event
    as one of the two sentences before it elaborates on that event."""
    if not m.place_from_context or (m.time_precision or 1) == 1:
        return None
    return next((k for k in reversed(earlier) if 0 < m.sentence.index - k.sentence.index <= 2
                 and _same_kind(k, m) and not counts_differ(k, m)), None)


def counts_differ(a: Mention, b: Mention) -> bool:
    """Two figures for one count: another claim to keep apart ('مدعية أنها قتلت 20 جنديا'); a
    raised toll ('وارتفع عدد القتلى إلى 12') is the same event counted later."""
    if a.toll_updated or b.toll_updated:
        return False
    return any(getattr(a, f) is not None and getattr(b, f) is not None and getattr(a, f) != getattr(b, f)
               for f in ("fatalities", "injured", "arrested"))


def _same_country(a: Mention, b: Mention) -> bool:
    return a.location is None or b.location is None or a.location.country == b.location.country


def _anaphor(m: Mention) -> bool:
    """'ولم تعلن أي جهة مسؤوليتها عن الهجوم', 'نسبة المشاركة في الإضراب': a definite noun in a
    background clause or after a preposition, in a sentence that names no place, refers back to an
    event already reported, whatever place it inherited."""
    return (m.subordinate or m.argument) and m.definite and m.pos == "N" and m.place_from_context


# Modes one report may give more precisely than another: 'قصف' (bombardment) may be the air strike
# the body describes; an explosion may be the suicide bombing; a protest may have turned into a riot
# or blocked a road (guideline 5), or marched on the day of a strike ('تظاهر ألف شخص في يوم إضراب عام');
# a raid is how an arrest was made ('اعتقلت قوات الاحتلال مواطنين عقب مداهمة منزليهما').
_MODE_FAMILIES: Final = ({"heavy-weapons", "aerial", "drone"}, {"explosives", "suicide-attack"},
                         {"demo", "riot", "obstruct", "strike"}, {"arrest", "raid"})


# Modes that are an act of their own wherever they are reported, fitting only themselves: an
# abduction during an attack is ACLED's Abduction/forced disappearance beside the attack ('قتل أربعة
# حراس في هجوم على سجن' then 'وقال مصدر إن المسلحين اختطفوا عددا من موظفي السجن').
_APART_MODES: Final = frozenset({"abduct"})


def modes_fit(a: str | None, b: str | None) -> bool:
    if a == b:
        return True
    if a in _APART_MODES or b in _APART_MODES:
        return False
    return a is None or b is None or any({a, b} <= f for f in _MODE_FAMILIES)


def _same_kind(a: Mention, b: Mention) -> bool:
    return a.plover == b.plover and modes_fit(a.mode, b.mode) and same_sides(a, b) and same_stance(a, b)


def same_stance(a: Mention, b: Mention) -> bool:
    """Both deny, or neither does: a denial ('ونفى الجيش أن تكون طائراته قصفت المستشفى') is an event of
    its own beside what it denies (guideline rule 7), never another report of it."""
    return (a.certainty == "denied") == (b.certainty == "denied")


_IMPLICIT_NAMES: Final = {"Unidentified Attackers", "Protesters"}


def implicit(a: Actor | None) -> bool:
    """An actor the text does not name, supplied by default (its words are the trigger's)."""
    return a is not None and a.country is None and a.name in _IMPLICIT_NAMES


def _same_actors(x: Actor | None, y: Actor | None) -> bool:
    """Actors that may be one side: either unnamed or of no country, the same code, or the armed
    forces of one state ('جنود عراقيين' and 'أفراد القوات الأمنية العراقية' in one article)."""
    return (x is None or y is None or x.code == y.code or None in (x.country, y.country)
            or (x.country == y.country and x.sector in _STATE_FORCES and y.sector in _STATE_FORCES))


def _same_protest_actors(x: Actor | None, y: Actor | None) -> bool:
    """For a protest, also a country named alone and a body of it: the state a protest is against
    ('IRQ') and the security forces that dispersed it ('قوات الأمن العراقية', 'IRQ COP')."""
    return _same_actors(x, y) or (x is not None and y is not None and x.country == y.country
                                  and None in (x.sector, y.sector))


_STATE_FORCES: Final = sectors("state") & sectors("armed")


_SPAN_OF: Final = {"date": "date_span", "fatalities": "fatalities_span", "injured": "injured_span",
                   "arrested": "arrested_span"}


def carry(kept: Mention, report: Mention) -> None:
    """Carry another report of an event (with those it carries) among the event's reports."""
    kept.reports = (*kept.reports, report, *report.reports)


# Modes of what an attack did or came of (the damage, the raid), never the mode of the attack itself.
_PARTS_MODES: Final = frozenset({"destroy", "raid"})


def absorb(kept: Mention, other: Mention) -> None:
    """Fill what the kept mention lacks from another report of its event merged into it (actor1 with
    its associates; a date or a figure with the span of its words; a protest's intervention and
    its turning into a riot; a mode of its own type that is not damage or a raid), and carry that
    report."""
    if kept.actor1 is None and other.actor1 is not None:
        kept.actor1_assoc = other.actor1_assoc
    for field in ("actor1", "actor2", "location", "date", "time_precision", "day_named", "fatalities", "injured",
                  "arrested", "claimed_by"):
        if getattr(other, field) is not None and (getattr(kept, field) is None or (
                other.toll_updated and not kept.toll_updated and field in ("fatalities", "injured"))):
            setattr(kept, field, getattr(other, field))
            span = _SPAN_OF.get(field)
            if span is not None:
                setattr(kept, span, getattr(other, span))
    if other.headline and implicit(kept.actor1) and other.actor1 is not None and not implicit(other.actor1):
        kept.actor1 = other.actor1  # 'برصاص الاحتلال' in the headline names who the body left unnamed
        kept.actor1_assoc = other.actor1_assoc
    if (kept.mode is None and other.plover == kept.plover and other.mode not in _PARTS_MODES) \
            or (kept.mode, other.mode) == ("demo", "riot"):
        kept.mode = other.mode  # (a report that the protest turned violent makes it a riot)
    kept.intervention = kept.intervention or other.intervention
    kept.weapons = kept.weapons or other.weapons
    kept.toll_updated = kept.toll_updated or other.toll_updated
    carry(kept, other)


# An event dated more days than this before publication is background, not news: guideline 3 says
# 'anything older than about a month'; the development articles code events up to 29 days old.
BACKGROUND_DAYS: Final = 35


def drop_background(mentions: list[Mention], published: dt.date | None, sentences: int) -> list[Mention]:
    """In an article, mentions of events that ended well before publication ('اندلعت الاشتباكات في
    أبريل 2023' in a 2024 article) recall background: ACLED codes the happenings an article reports.
    A lone sentence has no news of its own to set them against, so it keeps them. Without a
    publication date, the latest day its events are dated to stands for it; and an event the text
    dates only by a month and year of its own ('وبداية تشرين الثاني (نوفمبر) 2016، قتل خمسة جنود')
    is told as background: news dates its happenings by the day (a weekday, 'أمس', a dateline); so is
    one dated by a month before the publication's (`_an_earlier_month`)."""
    if sentences < 3:
        return mentions
    undated_article = published is None
    if published is None:
        published = max((dt.date.fromisoformat(m.date) for m in mentions if m.date), default=None)
    if published is None:
        return mentions
    kept = []
    for m in mentions:
        if m.time_precision == 3:  # only the month is known (a month of its own or after: not yet old)
            if undated_article or _an_earlier_month(m, published):
                continue
        elif m.date and (published - dt.date.fromisoformat(m.date)).days > BACKGROUND_DAYS:
            continue
        kept.append(m)
    return kept


def _an_earlier_month(m: Mention, published: dt.date) -> bool:
    """An event dated by a month before the publication's own ('وشنت الجماعة هجوما على فندق في
    مقديشو في أغسطس' in a September article, 'الشهر الماضي'): told as what came before the news."""
    day = dt.date.fromisoformat(m.date) if m.date else None
    return day is not None and (day.year, day.month) < (published.year, published.month)


def _first_compatible(candidates: list[Mention] | tuple[()], m: Mention, strict_mode: bool) -> Mention | None:
    """The first candidate `m` is `_compatible` with (a plain loop: merge asks this for most mentions)."""
    for k in candidates:
        if _compatible(k, m, strict_mode):
            return k
    return None


def merge(mentions: list[Mention], headline_end: int, norm: str = "") -> list[Mention]:
    """Merge mentions that report the same happening.

    Main mentions of body sentences are kept. Another mention of the same sentence merges into a
    compatible kept one. A subordinate mention (background: 'بعد الهجوم') may also merge into a
    kept event elsewhere with the same mode; a headline mention into any compatible body event.
    A coordinated mention ('مقتل 13 ... واعتقال اثنين') that merges nowhere is its own event. A raid
    by an armed group is first made its attack (`_storming_as_attack`), and violence at a protest
    that protest's (`_fold_into_protests`).
    """
    if not mentions:  # (two documents in three once the gate has decided)
        return mentions
    for m in mentions:
        m.headline = m.start < headline_end
        _storming_as_attack(m)
    mentions = _fold_into_protests(mentions, norm)
    kept: list[Mention] = []
    kept_in: dict[int, list[Mention]] = {}  # the kept mentions of each sentence, in the order kept
    body_of: dict[str, list[Mention]] = {}  # kept body (non-headline) mentions by PLOVER type, in the order kept
    elaborates: dict[int, Mention] = {}  # sentence index → the earlier event it elaborates
    ordered = sorted(mentions, key=lambda m: (not (m.main and not m.headline), m.headline, m.start))
    for m in ordered:
        same_sentence = kept_in.setdefault(m.sentence.index, [])
        if (m.main or m.clause_placed and not m.supporting) and not m.headline:  # (one event per place, guideline 2)
            earlier = _elaborated(m, body_of.get(m.plover, ()))
            if earlier is not None:
                absorb(earlier, m)
                elaborates[m.sentence.index] = earlier
                continue
            kept.append(m)
            same_sentence.append(m)
            body_of.setdefault(m.plover, []).append(m)
            continue
        target = _first_compatible(same_sentence, m, strict_mode=False) if same_sentence else None
        if target is None and m.sentence.index in elaborates and _same_kind(elaborates[m.sentence.index], m):
            target = elaborates[m.sentence.index]  # the elaborating sentence's other words for it
        if target is not None:
            absorb(target, m)
            continue
        protest = next((k for k in same_sentence if k.plover == "PROTEST"), None)
        if protest is not None and _intervenes(m):
            protest.intervention = True  # ACLED: one event, a protest with intervention
            continue
        if m.headline or m.subordinate or _anaphor(m):
            # only a body event of the same type can be compatible (_compatible's first test)
            target = _first_compatible(body_of.get(m.plover, ()), m, strict_mode=not m.headline)
            if target is None and m.headline:  # a headline rounds its figures: 'اعتقال العشرات'
                target = next((k for k in body_of.get(m.plover, ()) if _same_kind(k, m) and _same_country(k, m)), None)
            if target is None and _anaphor(m):
                target = next((k for k in reversed(body_of.get(m.plover, [])) if k.start < m.start
                               and _same_kind(k, m)), None)
            if target is not None:
                if m.headline:
                    absorb(target, m)
                continue
        if m.supporting and not _raid_toll(m, same_sentence):  # the gate kept it for the merge only
            continue
        kept.append(m)
        same_sentence.append(m)
        if not m.headline:
            body_of.setdefault(m.plover, []).append(m)
    return sorted(_without_attack_parts(_without_retold(kept), kept_in), key=lambda m: m.start)


def _without_retold(kept: list[Mention]) -> list[Mention]:
    """Events that point back to one told in an earlier sentence ('وقال الجيش إن ذلك الهجوم جاء
    ردا على ...') carried by it as reports, with what merged into them, taking none of their facts:
    the sides, place, date, figures and source their sentences give are rarely the event's own
    ('... على هزائمهم في جبهة نهم شرقي صنعاء' names the front of another fight)."""
    if not any(m.demonstrated for m in kept):
        return kept
    out: list[Mention] = []
    for m in sorted(kept, key=lambda m: m.start):
        told = next((k for k in reversed(out) if not k.headline and k.plover == m.plover
                     and k.sentence.index < m.sentence.index and modes_fit(k.mode, m.mode) and same_stance(k, m)),
                    None) if m.demonstrated and not m.headline else None
        if told is None:
            out.append(m)
        else:
            carry(told, m)
    return out


def _raid_toll(m: Mention, same_sentence: list[Mention]) -> bool:
    """'أسفرت عملية مداهمة الوكر عن مصرع 7 عناصر': the dead of a raid kept in the sentence are the
    fight the raid became, an event even where the gate kept its words only to merge (the raid
    then folds into it, `_without_attack_parts`)."""
    return (m.plover == "ASSAULT" and not m.subordinate and (m.fatalities is not None or m.injured is not None)
            and any(k.plover == "COERCE" and k.mode == "raid" for k in same_sentence))


def _without_attack_parts(kept: list[Mention], kept_in: dict[int, list[Mention]]) -> list[Mention]:
    """'وأسفرت الاشتباكات عن مقتل 31 شخصا ... إضافة إلى تدمير 16 متجرا': the destruction a sentence
    reports beside an attack of its own place is that attack's damage, not an attack of its own; so
    is a raid the attack came of ('أسفرت عملية مداهمة الوكر الإرهابي عن مقتل ضابط وثلاثة مسلحين')."""
    parts = [m for m in kept if m.mode in _PARTS_MODES]
    if not parts:
        return kept
    folded: set[int] = set()
    for m in parts:
        attack = next((k for k in kept_in[m.sentence.index] if k is not m and k.plover == "ASSAULT"
                       and k.mode != "destroy" and id(k) not in folded
                       and (k.location is None or m.location is None or same_place(k.location, m.location))), None)
        if attack is not None:
            absorb(attack, m)
            folded.add(id(m))
    return [m for m in kept if id(m) not in folded]


def _span(an: Analysis, span: tuple[int, int] | None) -> Span | None:
    return None if span is None else an.span(span[0], span[1])


def _evidence(an: Analysis, m: Mention) -> Evidence:
    a, b = an.nt.to_original(m.sentence.start, m.sentence.end)
    return record(Evidence, {"text": an.text[a:b], "start": a, "end": b, "trigger": an.span(m.start, m.end)})


def _other_sentences(m: Mention) -> list[Mention]:
    """The reports merged into `m` from other sentences, one per sentence, in text order."""
    seen = {m.sentence.index}
    out = []
    for r in sorted(m.reports, key=lambda r: r.start):
        if r.sentence.index not in seen:
            seen.add(r.sentence.index)
            out.append(r)
    return out


def to_event(an: Analysis, m: Mention) -> Event:
    """The contract record of one mention (its values are right by construction: `records.record`)."""
    intervention = m.plover == "PROTEST" and m.intervention
    mapped = map_event(m.plover, m.mode, m.actor1.sector if m.actor1 else None,
                       m.actor2.sector if m.actor2 else None, intervention, clash=m.clash, weapons=m.weapons,
                       lethal=bool(m.fatalities))
    evidence = _evidence(an, m)
    reports = [_evidence(an, r) for r in _other_sentences(m)] if m.reports else []
    return record(Event, {
        "plover": m.plover, "plover_mode": m.mode,
        "acled_event_type": mapped.acled_event_type, "acled_sub_event_type": mapped.acled_sub_event_type,
        "cameo": mapped.cameo, "actor1": m.actor1, "actor1_associates": list(m.actor1_assoc), "actor2": m.actor2,
        "location": m.location, "date": m.date,
        "time_precision": m.time_precision, "fatalities": m.fatalities, "injured": m.injured,
        "arrested": m.arrested, "certainty": m.certainty, "claimed_by": m.claimed_by,
        "evidence": evidence, "reports": reports, "main": m.main, "date_span": _span(an, m.date_span),
        "fatalities_span": _span(an, m.fatalities_span), "injured_span": _span(an, m.injured_span),
        "arrested_span": _span(an, m.arrested_span),
    })


# The three steps of assembly as stages (run.STAGES): background dropped, re-mentions merged, events built.


def _background(an: Analysis) -> None:
    an.mentions = drop_background(an.mentions, an.published, len(an.sentences))


def _merge(an: Analysis) -> None:
    assert an.layout is not None  # (the layout stage runs first: run.STAGES is checked at import)
    for m in an.mentions:  # (found here, not by detection: only the mentions the gate kept need it)
        m.demonstrated = points_back(an, m)
    an.mentions = merge(an.mentions, an.layout.headline_end, an.norm)


def _assemble(an: Analysis) -> None:
    an.events = [to_event(an, m) for m in an.mentions]


BACKGROUND: Final = Stage(
    "background", _background,
    requires=("analysis.published", "analysis.mentions", "mention.date", "mention.time_precision"),
    assigns=("analysis.mentions",))
MERGE: Final = Stage(
    "merge", _merge,
    requires=("analysis.layout", "analysis.mentions", "mention.sentence", "mention.start", "mention.main",
              "mention.plover", "mention.mode", "mention.subordinate", "mention.argument", "mention.definite",
              "mention.pos", "mention.place_from_context", "mention.date", "mention.time_precision", "mention.day_named",
              "mention.actor1",
              "mention.actor1_assoc", "mention.actor2", "mention.location", "mention.fatalities", "mention.injured",
              "mention.arrested", "mention.claimed_by", "mention.supporting", "mention.certainty",
              "mention.toll_updated", "mention.clause_placed"),
    # a kept mention also takes what it lacked from those merged into it; an attack on protesters by
    # the state's force becomes their protest (`_as_protest`: type, mode, sides)
    assigns=("analysis.mentions", "mention.demonstrated", "mention.headline", "mention.plover", "mention.clash", "mention.intervention",
             "mention.main", "mention.subordinate",
             "mention.mode", "mention.reports", "mention.actor1",
             "mention.actor1_assoc", "mention.actor2", "mention.location", "mention.date", "mention.time_precision",
             "mention.day_named",
             "mention.fatalities", "mention.injured", "mention.arrested", "mention.claimed_by", "mention.date_span",
             "mention.fatalities_span", "mention.injured_span", "mention.arrested_span", "mention.toll_updated"))
ASSEMBLE: Final = Stage(
    "assemble", _assemble,
    requires=("analysis.mentions", "mention.sentence", "mention.start", "mention.end", "mention.plover",
              "mention.mode", "mention.main", "mention.actor1", "mention.actor1_assoc", "mention.actor2",
              "mention.location", "mention.date", "mention.time_precision", "mention.fatalities", "mention.injured",
              "mention.arrested", "mention.certainty", "mention.claimed_by", "mention.clash", "mention.intervention",
              "mention.weapons", "mention.date_span", "mention.fatalities_span", "mention.injured_span", "mention.arrested_span",
              "mention.reports"),
    assigns=("analysis.events",))
