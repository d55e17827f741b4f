"""The event gate: a trained linear model decides which candidate mentions of the material types are
events, and which is its sentence's main event (issue 14: rules propose, a trained model decides).

Detection (detect.py) keeps every candidate of the material types (`detect.MATERIAL`), with what the
rules decided on it (`rules_kept`, `rules_main`). Here each candidate is scored by the shipped model
(`dictionaries.models.gate_model`, trained by `rasid.training.train_gate`): a plain dot product over named
binary features in blocks — the mention's own features and the rules' verdicts, its document context,
the words around it, character n-grams of its clause and of its sentence — each block scaled to unit
L2 norm. A candidate is kept when its score reaches its type's threshold; the kept candidate with the
highest margin is its sentence's main event. Without a model, and for the other types, the rules'
decision stands, so that the output is then exactly that of the rules alone.

The sentence's n-grams (and their weighted sum per type) are computed once per sentence, not per
candidate.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any, Final

from ..dictionaries.models import GateModel, gate_model
from .analysis import Analysis, Mention
from .detect import CUES, MATERIAL
from .stages import Stage

_BREAK: Final = re.compile('[,;:"()?!\n،؛.]')
_WORD: Final = re.compile(r"\w+")
_EDGES: Final = (0, 1, 2, 3, 5, 8, 12, 20, 40)
_FLAGS: Final = ("eventive", "definite", "argument", "leading", "occurs", "subordinate")


def _bucket(n: int) -> str:
    for e in _EDGES:
        if n <= e:
            return str(e)
    return "big"


def _char_ngrams(words: Sequence[str], lo: int, hi: int, tag: str) -> set[str]:
    out: set[str] = set()
    for w in words:
        w = " " + w + " "
        for n in range(lo, hi + 1):
            for i in range(len(w) - n + 1):
                out.add(tag + w[i:i + n])
    return out


class Context:
    """What the features of a document's candidates share: the candidates by sentence, earlier
    candidates of each type, and each sentence's n-grams (computed once)."""

    __slots__ = ("an", "groups", "headline_end", "prev_same", "sentence_grams", "sentence_sums")

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
        self.sentence_grams: dict[int, set[str]] = {}
        self.sentence_sums: dict[tuple[int, str], float] = {}

    def sentence_block(self, m: Mention, lo: int, hi: int) -> set[str]:
        s = m.sentence
        grams = self.sentence_grams.get(s.index)
        if grams is None:
            grams = _char_ngrams(_WORD.findall(self.an.norm[s.start:s.end]), lo, hi, "c:")
            self.sentence_grams[s.index] = grams
        return grams


def blocks(ctx: Context, m: Mention, settings: dict[str, Any]) -> list[set[str]]:
    """The candidate's feature blocks except the sentence's n-grams (`Context.sentence_block`)."""
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
        if norm[s.start:s.end].rstrip().endswith("?"):
            f.add("question")
        if any(c.isdigit() for c in norm[s.start:s.end]):
            f.add("digit")
        # the sentence's cues by kind and side, near (same clause, ≤ 6 words) or far
        for cue in an.matches_in(CUES, s.start, s.end):
            kind = cue.entry.data["kind"]
            if cue.end <= m.start:
                between = norm[cue.end:m.start]
                near = len(between.split()) <= 6 and not _BREAK.search(between)
                f.add("cueL=" + kind + ("/near" if near else ""))
            elif cue.start >= m.end:
                between = norm[m.end:cue.start]
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
        out.append(_char_ngrams(ws, lo, hi, "k:"))
    return out


def features(ctx: Context, m: Mention, settings: dict[str, Any]) -> dict[str, float]:
    """Feature name → value of a candidate (for training): binary, each block at unit L2 norm."""
    out: dict[str, float] = {}
    bs = blocks(ctx, m, settings)
    if settings.get("sent_chars"):
        lo, hi = settings["sent_chars"]
        bs.append(ctx.sentence_block(m, lo, hi))
    for f in bs:
        if f:
            v = 1.0 / math.sqrt(len(f))
            for name in f:
                out[name] = v
    return out


def score(model: GateModel, ctx: Context, m: Mention) -> float:
    """The candidate's score minus its type's threshold: kept when ≥ 0."""
    w = model.weights[m.plover]
    total = model.biases[m.plover] - model.thresholds[m.plover]
    for f in blocks(ctx, m, model.settings):
        if f:
            total += sum([w.get(name, 0.0) for name in f]) / math.sqrt(len(f))
    sc = model.settings.get("sent_chars")
    if sc:
        key = (m.sentence.index, m.plover)
        part = ctx.sentence_sums.get(key)
        if part is None:
            grams = ctx.sentence_block(m, sc[0], sc[1])
            part = sum([w.get(name, 0.0) for name in grams]) / math.sqrt(len(grams)) if grams else 0.0
            ctx.sentence_sums[key] = part
        total += part
    return total


def apply_gate(an: Analysis, model: GateModel | None) -> None:
    """Keep the mentions the gate accepts (the rules' when `model` is None), and mark main events."""
    if model is None or not an.mentions:
        an.mentions = [m for m in an.mentions if m.rules_kept]
        return
    cands = [m for m in an.mentions if m.plover in MATERIAL]
    if not cands:
        an.mentions = [m for m in an.mentions if m.rules_kept]
        return
    ctx = Context(an, cands)
    main_sentences: set[int] = set()
    accepted: set[int] = set()
    for index, group in ctx.groups.items():
        best: Mention | None = None
        best_margin = 0.0
        for m in group:
            margin = score(model, ctx, m)
            m.main = False
            if margin >= 0:
                m.modality = None
                accepted.add(id(m))
                if best is None or margin > best_margin:
                    best, best_margin = m, margin
        if best is not None:
            best.main = True
            main_sentences.add(index)
    out: list[Mention] = []
    for m in an.mentions:
        if m.plover in MATERIAL:
            if id(m) in accepted:
                out.append(m)
        elif m.rules_kept:
            if m.sentence.index in main_sentences:
                m.main = False
            out.append(m)
    an.mentions = out


def _gate(an: Analysis) -> None:
    apply_gate(an, gate_model())


GATE: Final = Stage(
    "gate", _gate,
    requires=("analysis.mentions", "analysis.layout", "mention.sentence", "mention.start", "mention.end",
              "mention.plover", "mention.mode", "mention.pos", "mention.strength", "mention.prefix",
              "mention.eventive", "mention.definite", "mention.argument", "mention.leading", "mention.occurs",
              "mention.modality", "mention.subordinate", "mention.imperfect", "mention.clash", "mention.certainty",
              "mention.crowd_fit", "mention.rules_kept", "mention.rules_main"),
    assigns=("analysis.mentions", "mention.main", "mention.modality"))
