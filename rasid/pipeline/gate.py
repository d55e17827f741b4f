"""The event gate: a trained linear model decides which candidate mentions of the material types are
events, and which is its sentence's main event (issue 14: rules propose, a trained model decides).

Detection (detect.py) keeps every candidate of the material types (`detect.MATERIAL`), with what the
rules decided on it (`rules_kept`, `rules_main`). Here each candidate is scored by the shipped model
(`dictionaries.models.gate_model`, trained by `rasid.training.train_gate`): a plain dot product over named
features in blocks — the mention's own features and the rules' verdicts, its document context and the
words around it (binary, each block scaled to unit L2 norm), character n-grams of its clause and of its
sentence (counts, scaled by the root of their number, so that a score sums per-word sums). A
candidate is kept when its score reaches its type's threshold; among the kept candidates of a
sentence, its main event is one that is no preposition's argument, then the rules' main, then the
one with the highest margin. Without a model, and for the other types, the rules'
decision stands, so that the output is then exactly that of the rules alone.

The sentence's n-gram score is computed once per sentence and type, not per candidate, and from
per-word sums that the model remembers for words it has seen.
"""

from __future__ import annotations

import math
import re
from typing import Any, Final

from ..dictionaries.models import GateModel, gate_model
from .analysis import Analysis, Mention
from .detect import CUES, MATERIAL
from .stages import Stage

_BREAK: Final = re.compile('[,;:"()?!\n،؛.]')
_WORD: Final = re.compile(r"\w+")
_DIGIT: Final = re.compile(r"\d")
_EDGES: Final = (0, 1, 2, 3, 5, 8, 12, 20, 40)
_FLAGS: Final = ("eventive", "definite", "argument", "leading", "occurs", "subordinate")


def _bucket(n: int) -> str:
    for e in _EDGES:
        if n <= e:
            return str(e)
    return "big"


# A word's character n-grams, by (tag, lo, hi, word): words recur.
_GRAMS: Final[dict[tuple[str, int, int, str], tuple[str, ...]]] = {}
_CACHE_MAX: Final = 200_000


def _word_grams(w: str, lo: int, hi: int, tag: str) -> tuple[str, ...]:
    key = (tag, lo, hi, w)
    grams = _GRAMS.get(key)
    if grams is None:
        padded = " " + w + " "
        grams = tuple([tag + padded[i:i + n] for n in range(lo, hi + 1) for i in range(len(padded) - n + 1)])
        if len(_GRAMS) >= _CACHE_MAX:
            _GRAMS.clear()
        _GRAMS[key] = grams
    return grams


class Grams:
    """A bag of character n-grams of some words (a block of features): each n-gram counts as often as
    it occurs, and the block is scaled by the square root of the number of n-grams. So a block's score
    is a sum over its words of per-word sums, which a model remembers for the words it has seen."""

    __slots__ = ("hi", "lo", "tag", "words")

    def __init__(self, words: list[str], lo: int, hi: int, tag: str) -> None:
        self.words, self.lo, self.hi, self.tag = words, lo, hi, tag

    def size(self) -> int:
        total = 0
        for w in self.words:
            padded = len(w) + 2
            for n in range(self.lo, self.hi + 1):
                if padded >= n:
                    total += padded - n + 1
        return total

    def features(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for w in self.words:
            for g in _word_grams(w, self.lo, self.hi, self.tag):
                out[g] = out.get(g, 0.0) + 1.0
        size = self.size()
        if size:
            scale = 1.0 / math.sqrt(size)
            for g in out:
                out[g] *= scale
        return out

    def score(self, model: GateModel, plover: str) -> float:
        w = model.weights[plover]
        sums = model.word_sums
        tag, lo, hi = self.tag, self.lo, self.hi
        total = 0.0
        size = 0
        for word in self.words:
            key = (plover, tag, word)
            part = sums.get(key)
            if part is None:
                grams = _word_grams(word, lo, hi, tag)
                part = (sum([w.get(g, 0.0) for g in grams]), len(grams))
                if len(sums) >= _CACHE_MAX:
                    sums.clear()
                sums[key] = part
            total += part[0]
            size += part[1]
        return total / math.sqrt(size) if size else 0.0


def _dot(w: dict[str, float], block: set[str]) -> float:
    """Σ w[f] over a block's features, scaled to the block's unit norm (an intersection in C)."""
    if not block:
        return 0.0
    return sum([w[f] for f in w.keys() & block]) / math.sqrt(len(block))


class Context:
    """What the features of a document's candidates share: the candidates by sentence, earlier
    candidates of each type, and each sentence's n-grams (computed once)."""

    __slots__ = ("an", "groups", "headline_end", "prev_same", "sentence_facts", "sentence_grams", "sentence_sums")

    def __init__(self, an: Analysis, cands: list[Mention]) -> None:
        self.an = an
        self.headline_end = an.layout.headline_end if an.layout is not None else 0
        self.groups: dict[int, list[Mention]] = {}
        for m in cands:
            self.groups.setdefault(m.sentence.index, []).append(m)
        # earlier candidates of the same type, in earlier sentences
        self.prev_same: dict[int, int] = {}
        seen: dict[str, list[int]] = {}
        for m in sorted(cands, key=lambda c: c.start):
            earlier = seen.setdefault(m.plover, [])
            self.prev_same[id(m)] = sum(1 for i in earlier if i < m.sentence.index)
            earlier.append(m.sentence.index)
        self.sentence_grams: dict[int, Grams] = {}
        self.sentence_sums: dict[tuple[int, str], float] = {}
        self.sentence_facts: dict[int, tuple[list[str], list[tuple[int, int, str]]]] = {}

    def facts(self, m: Mention) -> tuple[list[str], list[tuple[int, int, str]]]:
        """The sentence's own features (a question, digits) and its cues (start, end, kind)."""
        s = m.sentence
        found = self.sentence_facts.get(s.index)
        if found is None:
            norm = self.an.norm
            own = []
            if norm[s.start:s.end].rstrip().endswith("?"):
                own.append("question")
            if _DIGIT.search(norm, s.start, s.end):
                own.append("digit")
            cues = [(c.start, c.end, c.entry.data["kind"]) for c in self.an.matches_in(CUES, s.start, s.end)]
            found = self.sentence_facts[s.index] = (own, cues)
        return found

    def sentence_block(self, m: Mention, lo: int, hi: int) -> Grams:
        s = m.sentence
        grams = self.sentence_grams.get(s.index)
        if grams is None:
            grams = Grams(_WORD.findall(self.an.norm[s.start:s.end]), lo, hi, "c:")
            self.sentence_grams[s.index] = grams
        return grams


def blocks(ctx: Context, m: Mention, settings: dict[str, Any]) -> tuple[list[set[str]], list[Grams]]:
    """The candidate's feature blocks: sets of binary features, and n-gram bags (except the sentence's
    n-grams, `Context.sentence_block`)."""
    an = ctx.an
    norm = an.norm
    s = m.sentence
    group = ctx.groups[s.index]
    left = norm[s.start:m.start]
    right = norm[m.end:s.end]
    lw, rw = _WORD.findall(left), _WORD.findall(right)
    trig = norm[m.start:m.end]
    core = trig.removeprefix(m.prefix)
    out: list[set[str]] = []
    bags: list[Grams] = []

    if settings.get("mention", True):
        f = {"type", "tw=" + trig, "core=" + core, "pre=" + (m.prefix or "-"), "pos=" + m.pos,
             "str=" + str(m.strength), "mode=" + str(m.mode), "mod=" + str(m.modality),
             "cert=" + m.certainty, "widx=" + _bucket(len(lw)), "wleft=" + _bucket(len(rw)),
             "slen=" + _bucket(len(lw) + len(rw)), "ncand=" + _bucket(len(group))}
        for flag in _FLAGS:
            if getattr(m, flag):
                f.add("f:" + flag)
        if m.rules_kept:
            f.add("f:rule_kept")
        if m.rules_main:
            f.add("f:rule_main")
            f.add("rulemain&pos=" + m.pos)
        if m.imperfect:
            f.add("f:imperfect")
        if m.clash:
            f.add("f:clash")
        if not m.crowd_fit:
            f.add("f:crowd_unfit")
        f.add("first" if min(group, key=lambda g: g.start) is m else "notfirst")
        for g in group:
            if g is not m and g.plover != m.plover:
                f.add("other=" + g.plover)
        own, cues = ctx.facts(m)
        f.update(own)
        # the sentence's cues by kind and side, near (same clause, ≤ 6 words) or far
        for start, end, kind in cues:
            if end <= m.start:
                between = norm[end:m.start]
                near = len(between.split()) <= 6 and not _BREAK.search(between)
                f.add("cueL=" + kind + ("/near" if near else ""))
            elif start >= m.end:
                between = norm[m.end:start]
                near = len(between.split()) <= 6 and not _BREAK.search(between)
                f.add("cueR=" + kind + ("/near" if near else ""))
        out.append(f)

    if settings.get("doc"):
        prev = ctx.prev_same[id(m)]
        f = {"sidx=" + _bucket(s.index), "prev=" + _bucket(prev), "nsent=" + _bucket(len(an.sentences))}
        if m.start < ctx.headline_end:
            f.add("headline")
        if prev and m.definite:
            f.add("prev&definite")
        if prev and m.rules_main:
            f.add("prev&rulemain")
        out.append(f)

    k = int(settings.get("window", 0))
    if k:
        f = {"L:" + w for w in lw[-k:]} | {"R:" + w for w in rw[:k]}
        if lw:
            f.add("L1:" + lw[-1])
        if rw:
            f.add("R1:" + rw[0])
        if len(lw) > 1:
            f.add("L2:" + lw[-2] + "_" + lw[-1])
        if len(rw) > 1:
            f.add("R2:" + rw[0] + "_" + rw[1])
        out.append(f)

    if settings.get("win_chars"):
        lo, hi = settings["win_chars"]
        kk = int(settings.get("win_chars_k", 6))
        # the trigger's clause, at most kk words each side
        lc = _BREAK.split(left)[-1]
        rc = _BREAK.split(right, maxsplit=1)[0]
        ws = _WORD.findall(lc)[-kk:] + [trig] + _WORD.findall(rc)[:kk]
        bags.append(Grams(ws, lo, hi, "k:"))
    return out, bags


def features(ctx: Context, m: Mention, settings: dict[str, Any]) -> dict[str, float]:
    """Feature name → value of a candidate (for training): binary, each block at unit L2 norm."""
    out: dict[str, float] = {}
    sets, bags = blocks(ctx, m, settings)
    if settings.get("sent_chars"):
        lo, hi = settings["sent_chars"]
        bags.append(ctx.sentence_block(m, lo, hi))
    for f in sets:
        if f:
            v = 1.0 / math.sqrt(len(f))
            for name in f:
                out[name] = v
    for bag in bags:
        out.update(bag.features())
    return out


def score(model: GateModel, ctx: Context, m: Mention) -> float:
    """The candidate's score minus its type's threshold: kept when ≥ 0."""
    w = model.weights[m.plover]
    total = model.biases[m.plover] - model.thresholds[m.plover]
    sets, bags = blocks(ctx, m, model.settings)
    for f in sets:
        total += _dot(w, f)
    for bag in bags:
        total += bag.score(model, m.plover)
    sc = model.settings.get("sent_chars")
    if sc:
        key = (m.sentence.index, m.plover)
        part = ctx.sentence_sums.get(key)
        if part is None:
            part = ctx.sentence_block(m, sc[0], sc[1]).score(model, m.plover)
            ctx.sentence_sums[key] = part
        total += part
    return total


# Modalities under which nothing has happened: 'لم تقع أي اشتباكات', 'سيقصف الجيش', 'إذا هاجموا'.
# The gate decides what the words around a trigger make of it, not whether a negation or a future
# tense the rules found is there.
UNREAL: Final = frozenset({"negated", "future", "future-after", "threat", "hypothetical"})


def apply_gate(an: Analysis, model: GateModel | None) -> None:
    """Keep the mentions the gate accepts (the rules' when `model` is None), and mark main events.

    The model decides whether a sentence reports an event and which candidate is its main one. Two
    things it was not trained to decide stay with the rules. A denial the rules found ('نفت
    الحركة أي علاقة لها بالهجوم') is an event of the contract, certainty 'denied', while the
    labelled sentences count it as no event. A crowd verb with no crowd after it ('توجه الوزير إلى
    بغداد') is never a protest, and a negated, future or hypothetical act (`UNREAL`) never an
    event, whatever their score. And in a sentence the gate accepts, the other
    candidates the rules kept are kept beside its main event as `supporting` mentions, which the
    merge folds into an event (dispersing the protest makes it a protest with intervention, burning
    tyres makes it a riot, a second verb adds a figure) and otherwise drops."""
    cands = [m for m in an.mentions if m.plover in MATERIAL] if model is not None else []
    if model is None or not cands:
        an.mentions = [m for m in an.mentions if m.rules_kept]
        return
    ctx = Context(an, cands)
    main_sentences: set[int] = set()
    accepted: set[int] = set()
    for index, group in ctx.groups.items():
        best: Mention | None = None
        best_margin = 0.0
        for m in group:
            m.main = False
            if not m.crowd_fit or m.modality in UNREAL:
                continue
            margin = m.gate_margin = score(model, ctx, m)
            if margin >= 0:
                m.modality = None
                accepted.add(id(m))
                # the main event: one that is no preposition's argument ('واتهمت الجيش بقصف مواقعها' is
                # an accusation, not a shelling), then the rules' main (they read the clause
                # structure), then the surest
                if best is None or (not m.argument, m.rules_main, margin) > (not best.argument, best.rules_main, best_margin):
                    best, best_margin = m, margin
        if best is not None:
            best.main = True
            main_sentences.add(index)
    out: list[Mention] = []
    for m in an.mentions:
        if m.plover in MATERIAL:
            if id(m) in accepted:
                out.append(m)
            elif m.rules_kept and m.certainty == "denied":
                m.main = m.rules_main
                out.append(m)
            elif m.rules_kept and m.sentence.index in main_sentences:
                m.supporting = True
                out.append(m)
        elif m.rules_kept:
            if m.sentence.index in main_sentences:
                m.main = False
            out.append(m)
    an.mentions = out


# Models put in place of the default by `push_gate` (training, tests): the last one pushed counts. (A
# list rather than a patched module global, so that it works in the compiled build too.)
_PUSHED: Final[list[GateModel | None]] = []


def push_gate(model: GateModel | None) -> None:
    """Run the pipeline with `model` (None: the rules alone) until `pop_gate`."""
    _PUSHED.append(model)


def pop_gate() -> None:
    _PUSHED.pop()


def _gate(an: Analysis) -> None:
    apply_gate(an, _PUSHED[-1] if _PUSHED else gate_model())


GATE: Final = Stage(
    "gate", _gate,
    requires=("analysis.mentions", "analysis.layout", "mention.sentence", "mention.start", "mention.end",
              "mention.plover", "mention.mode", "mention.pos", "mention.strength", "mention.prefix",
              "mention.eventive", "mention.definite", "mention.argument", "mention.leading", "mention.occurs",
              "mention.modality", "mention.subordinate", "mention.imperfect", "mention.clash", "mention.certainty",
              "mention.crowd_fit", "mention.rules_kept", "mention.rules_main"),
    assigns=("analysis.mentions", "mention.main", "mention.modality", "mention.supporting", "mention.gate_margin"))
