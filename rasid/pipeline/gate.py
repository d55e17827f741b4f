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

Scoring is on the hot path, so what candidates share is computed once: a sentence's words, tokens,
breaks and cues (`SentenceFacts`: a candidate's words left and right, its clause and its distance
to each cue are then cut from them by bisection rather than by splitting the text again), the
sentence's n-gram score per type, and each word's n-gram sums for every type at once, which the
model remembers for the words it has seen (the n-grams themselves are not kept). Training reads the
very same feature blocks (`blocks`, `features`).
"""

from __future__ import annotations

import math
import re
from typing import Any, Final

from ..dictionaries.models import CLAUSE_GRAMS, SENTENCE_GRAMS, GateModel, gate_model, gram_sums, word_grams
from ..positions import bisect_left, bisect_right
from ..text import Tokens
from .analysis import CLAUSE_BREAK, Analysis, Mention, clause_breaks
from .detect import CUES, MATERIAL, nonblank_runs
from .stages import Stage

_WORD: Final = re.compile(r"\w+")
_DIGIT: Final = re.compile(r"\d")
_TOKEN: Final = re.compile(r"\S+")  # what str.split() returns
# (a match's text and ends, as functions to map over matches in C)
_group: Final = re.Match.group
_start: Final = re.Match.start
_end: Final = re.Match.end
_EDGES: Final = (0, 1, 2, 3, 5, 8, 12, 20, 40)


def _edge(n: int) -> str:
    for e in _EDGES:
        if n <= e:
            return str(e)
    return "big"


_BUCKETS: Final = tuple(_edge(n) for n in range(_EDGES[-1] + 1))


def _bucket_names(prefix: str) -> tuple[str, ...]:
    """A count's feature names, `prefix` and its bucket (the least edge it does not pass), for a
    count n of no less than 0 at `names[min(n, _LAST_BUCKET)]`: made once, not a call and a new
    string per count and candidate."""
    return tuple(prefix + b for b in _BUCKETS) + (prefix + _edge(len(_BUCKETS)),)


# (every count past the last edge is in the same bucket, the last name)
_WIDX: Final = _bucket_names("widx=")
_WLEFT: Final = _bucket_names("wleft=")
_SLEN: Final = _bucket_names("slen=")
_NCAND: Final = _bucket_names("ncand=")
_SIDX: Final = _bucket_names("sidx=")
_PREV: Final = _bucket_names("prev=")
_NSENT: Final = _bucket_names("nsent=")
_LAST_BUCKET: Final = len(_BUCKETS)


# A word's character n-grams, by (tag, lo, hi, word): words recur. (For training, `Grams.features`:
# scoring keeps per-word sums instead, `GateModel.word_sums`.)
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
        """Σ weight × value over the bag for the type: the words' sums (in word order) over the root
        of the number of n-grams, each word's sums looked up, or worked out once for every type."""
        t = model.index[plover]
        n_types = len(model.types)  # a word's sums end with its number of n-grams
        key = (self.tag, self.lo, self.hi)
        sums = model.word_sums.get(key)
        if sums is None:
            sums = model.word_sums[key] = {}
        total = 0.0
        size = 0.0
        for word in self.words:
            part = sums.get(word)
            if part is None:
                part = _remember_word_sums(model, word, self.lo, self.hi, self.tag)
            total += part[t]
            size += part[n_types]
        return total / math.sqrt(size) if size else 0.0


# The n-gram blocks whose words include those of a block: a clause's words are words of its sentence.
_WORDS_ALSO_IN: Final = {CLAUSE_GRAMS: (CLAUSE_GRAMS, SENTENCE_GRAMS), SENTENCE_GRAMS: (SENTENCE_GRAMS,)}


def _remember_word_sums(model: GateModel, word: str, lo: int, hi: int, tag: str) -> tuple[float, ...]:
    """The word's n-gram sums in the block tagged `tag` (`models.gram_sums`), remembered in
    `model.word_sums`: read from those worked out ahead for a word of the news vocabulary
    (`GateModel.news_word_sums`), else worked out, and in the same stroke those of the sentence
    block for a word of a clause when that block is in use with n-grams of the same lengths and
    lacks them: the sentence block meets every word of its clauses, and one list of the word's
    n-grams (each hashed once) serves both. (Not the other way round: most words of a sentence are
    in no trigger's clause.)"""
    known = model.news_word_sums(word, tag, lo, hi)
    if known is not None:
        remembered = model.word_sums[(tag, lo, hi)]
        if len(remembered) >= _CACHE_MAX:
            remembered.clear()
        remembered[word] = known
        return known
    grams = word_grams(word, lo, hi)
    mine: tuple[float, ...] = ()
    for other in _WORDS_ALSO_IN.get(tag, (tag,)):
        sums = model.word_sums.get((other, lo, hi))
        if sums is None or (other != tag and word in sums):
            continue
        part = gram_sums(model, grams, other)
        if len(sums) >= _CACHE_MAX:
            sums.clear()
        sums[word] = part
        if other == tag:
            mine = part
    return mine


def _dot(table: dict[str, tuple[float, ...]], t: int, block: set[str]) -> float:
    """Σ weight of type `t` over a block's features, scaled to the block's unit norm (one lookup per
    feature). The block is a set, whose order follows string hashing, which differs from process to
    process: `fsum` adds exactly, whatever the order, so a score is the same in every process (a local
    run and its Dask workers agree)."""
    if not block:
        return 0.0
    weights: list[float] = []  # (gathered by a plain loop: a tenth fewer instructions than a comprehension
    for name in block:  # over `map(table.get, block)` pure, a fifth compiled)
        row = table.get(name)
        if row is not None:
            weights.append(row[t])
    return math.fsum(weights) / math.sqrt(len(block))


# A cue kind's four feature names (left, left and near, right, right and near), made once per kind.
_CUE_NAMES: Final[dict[str, tuple[str, str, str, str]]] = {}


class SentenceFacts:
    """What the candidates of a sentence share, found once: its own features (a question, digits),
    its cues (start, end and the four feature names of each: left or right, near or far), its words
    (the runs of `_WORD`), its whitespace-separated tokens and its break characters, by position.

    A span's words are then the sentence's words that meet the span, cut at its ends: exactly what
    `_WORD.findall` finds in the span's text, since a run of a character class cut by the span is the
    run the span's text has (likewise for tokens, which `str.split` cuts at `\\s`, and breaks)."""

    __slots__ = ("breaks", "cues", "end", "norm", "own", "start", "tok_ends", "tok_starts", "word_ends",
                 "word_starts", "words")

    def __init__(self, norm: str, start: int, end: int, cues: list[tuple[int, int, str]],
                 runs: tuple[list[int], list[int]] | None = None, tokens: Tokens | None = None,
                 breaks: list[int] | None = None) -> None:
        """The sentence norm[start:end] and its cues (start, end, kind), in order of start. `runs` are
        the starts and ends of the text's non-blank runs when the caller has them (`nonblank_runs`):
        the sentence's tokens are then those meeting it, cut at its ends, as `\\S+` finds them in it.
        `tokens` are the text's word tokens (`text.tokenize`), which give the sentence's words when
        they are its `_WORD` runs (`_words_of`). `breaks` are where the text's `CLAUSE_BREAK`
        characters are (`analysis.clause_breaks`): the sentence's are a slice of them."""
        self.norm = norm
        self.start, self.end = start, end
        self.own: list[str] = []
        if norm[start:end].rstrip().endswith("?"):
            self.own.append("question")
        digit = _DIGIT.search(norm, start, end) is not None
        if digit:
            self.own.append("digit")
        words = _words_of(tokens, norm, start, end, digit) if tokens is not None else None
        if words is None:
            found = list(_WORD.finditer(norm, start, end))
            words = list(map(_group, found)), list(map(_start, found)), list(map(_end, found))
        self.words: list[str] = words[0]
        self.word_starts: list[int] = words[1]
        self.word_ends: list[int] = words[2]
        if runs is None:
            found = list(_TOKEN.finditer(norm, start, end))
            self.tok_starts: list[int] = list(map(_start, found))
            self.tok_ends: list[int] = list(map(_end, found))
        else:
            i = bisect_right(runs[1], start)  # the first run ending after the sentence starts
            j = max(i, bisect_left(runs[0], end)) if start < end else i  # the runs starting before it ends
            self.tok_starts = runs[0][i:j]
            self.tok_ends = runs[1][i:j]
            if i < j:
                self.tok_starts[0] = max(self.tok_starts[0], start)
                self.tok_ends[-1] = min(self.tok_ends[-1], end)
        if breaks is None:
            self.breaks: list[int] = list(map(_start, CLAUSE_BREAK.finditer(norm, start, end)))
        else:
            self.breaks = breaks[bisect_left(breaks, start):bisect_left(breaks, end)]
        # each cue: start, end, the tokens ending by its end and the breaks before it, the tokens and
        # breaks before its start, and its feature names (left, left and near, right, right and near)
        self.cues: list[tuple[int, int, int, int, int, int, str, str, str, str]] = []
        for a, b, kind in cues:
            names = _CUE_NAMES.get(kind)
            if names is None:
                names = _CUE_NAMES[kind] = ("cueL=" + kind, "cueL=" + kind + "/near", "cueR=" + kind,
                                            "cueR=" + kind + "/near")
            self.cues.append((a, b, bisect_right(self.tok_ends, b), bisect_left(self.breaks, b),
                              bisect_left(self.tok_starts, a), bisect_left(self.breaks, a), *names))

    def inside(self, a: int, b: int) -> bool:
        return self.start <= a and b <= self.end

    def words_in(self, a: int, b: int) -> list[str]:
        """`_WORD.findall(norm[a:b])`."""
        if a >= b:
            return []
        if not self.inside(a, b):
            return _WORD.findall(self.norm[a:b])
        starts, ends = self.word_starts, self.word_ends
        i = bisect_right(ends, a)  # the first word ending after a
        j = bisect_left(starts, b)  # the words starting before b
        out = self.words[i:j]
        if i < j:
            if starts[i] < a:
                out[0] = self.norm[a:min(ends[i], b)]
            if ends[j - 1] > b:
                out[-1] = self.norm[max(starts[j - 1], a):b]
        return out

    def cue_features(self, a: int, b: int) -> list[str]:
        """The sentence's cues of the span [a, b) by kind and side, near (same clause, ≤ 6 words) or
        far: for each cue before a or from b, near when the text between has no break and at most 6
        tokens, `len(between.split()) <= 6 and not CLAUSE_BREAK.search(between)`, here told by positions:
        the tokens that meet [x, y) are those starting before y less those ending by x (for x = y, at
        most the one token around x: near, as the empty text between is)."""
        out: list[str] = []
        if not self.inside(a, b):
            norm = self.norm
            for start, end, _, _, _, _, left, left_near, right, right_near in self.cues:
                if end <= a:
                    between = norm[end:a]
                    out.append(left_near if len(between.split()) <= 6 and not CLAUSE_BREAK.search(between) else left)
                elif start >= b:
                    between = norm[b:start]
                    out.append(right_near if len(between.split()) <= 6 and not CLAUSE_BREAK.search(between) else right)
            return out
        tokens_before_a = bisect_left(self.tok_starts, a)
        tokens_by_b = bisect_right(self.tok_ends, b)
        breaks_before_a = bisect_left(self.breaks, a)
        breaks_before_b = bisect_left(self.breaks, b)
        for start, end, tokens_by_end, breaks_before_end, tokens_before_start, breaks_before_start, \
                left, left_near, right, right_near in self.cues:
            if end <= a:
                near = tokens_before_a - tokens_by_end <= 6 and breaks_before_a == breaks_before_end
                out.append(left_near if near else left)
            elif start >= b:
                near = tokens_before_start - tokens_by_b <= 6 and breaks_before_start == breaks_before_b
                out.append(right_near if near else right)
        return out

    def clause(self, a: int, b: int) -> tuple[list[str], list[str]]:
        """The words of the clause of norm[a:b] before a and after b (up to the breaks before a and
        from b): `_WORD.findall(CLAUSE_BREAK.split(left)[-1])` and `_WORD.findall(CLAUSE_BREAK.split(right,
        maxsplit=1)[0])` of the sentence's text left of a and right of b."""
        if not self.inside(a, b):
            left, right = self.norm[self.start:a], self.norm[b:self.end]
            return _WORD.findall(CLAUSE_BREAK.split(left)[-1]), _WORD.findall(CLAUSE_BREAK.split(right, maxsplit=1)[0])
        breaks = self.breaks
        i = bisect_left(breaks, a)
        j = bisect_left(breaks, b)
        return (self.words_in(breaks[i - 1] + 1 if i else self.start, a),
                self.words_in(b, breaks[j] if j < len(breaks) else self.end))


def _words_of(tokens: Tokens, norm: str, start: int, end: int,
              digit: bool = True) -> tuple[list[str], list[int], list[int]] | None:
    """The `_WORD` runs of norm[start:end] (words, starts, ends) as the text's tokens give them, or None.

    A token is a run of letters and digits (`[^\\W_]+`), with '.' or ',' and digits joined on
    (`text.tokenize`: '3.5', '1,000'); in a span without underscores, and without such a joined token
    (none can be without a `digit`), that is a `_WORD` run (`\\w+`), so the sentence's words are its
    tokens, a slice rather than a match object per word, when no token crosses the span's ends."""
    if norm.find("_", start, end) >= 0:
        return None
    starts, ends = tokens.starts, tokens.ends
    i = bisect_left(starts, start)
    j = bisect_left(starts, end)
    if (i and ends[i - 1] > start) or (j and ends[j - 1] > end):
        return None
    words = tokens.words[i:j]
    if digit:
        joined = " ".join(words)  # (one search of the words at C speed)
        if "." in joined or "," in joined:
            return None
    return words, starts[i:j], ends[i:j]


class Context:
    """What the features of a document's candidates share: the candidates by sentence (and the first
    of each), earlier candidates of each type, each sentence's facts and n-grams, and its n-gram score
    per type (computed once)."""

    __slots__ = ("an", "first", "groups", "headline_end", "prev_same", "sentence_facts", "sentence_grams",
                 "sentence_sums")

    def __init__(self, an: Analysis, cands: list[Mention]) -> None:
        self.an = an
        self.headline_end = an.layout.headline_end if an.layout is not None else 0
        self.groups: dict[int, list[Mention]] = {}
        for m in cands:
            self.groups.setdefault(m.sentence.index, []).append(m)
        self.first: dict[int, Mention] = {i: min(group, key=lambda g: g.start) for i, group in self.groups.items()}
        # earlier candidates of the same type, in earlier sentences
        self.prev_same: dict[int, int] = {}
        seen: dict[str, list[int]] = {}
        for m in sorted(cands, key=lambda c: c.start):
            earlier = seen.setdefault(m.plover, [])
            self.prev_same[id(m)] = bisect_left(earlier, m.sentence.index)  # (`earlier` is sorted)
            earlier.append(m.sentence.index)
        self.sentence_grams: dict[int, Grams] = {}
        self.sentence_sums: dict[tuple[int, str], float] = {}
        self.sentence_facts: dict[int, SentenceFacts] = {}

    def facts(self, m: Mention) -> SentenceFacts:
        """The facts of the candidate's sentence."""
        found = self.sentence_facts.get(m.sentence.index)
        if found is None:
            s = m.sentence
            cues = [(c.start, c.end, c.entry.data["kind"]) for c in self.an.matches_in(CUES, s.start, s.end)]
            found = self.sentence_facts[s.index] = SentenceFacts(self.an.norm, s.start, s.end, cues,
                                                                 nonblank_runs(self.an), self.an.tokens,
                                                                 clause_breaks(self.an))
        return found

    def sentence_block(self, m: Mention, lo: int, hi: int) -> Grams:
        grams = self.sentence_grams.get(m.sentence.index)
        if grams is None:
            grams = self.sentence_grams[m.sentence.index] = Grams(self.facts(m).words, lo, hi, SENTENCE_GRAMS)
        return grams


def blocks(ctx: Context, m: Mention, settings: dict[str, Any]) -> tuple[list[set[str]], list[Grams]]:
    """The candidate's feature blocks: sets of binary features, and n-gram bags (except the sentence's
    n-grams, `Context.sentence_block`)."""
    an = ctx.an
    norm = an.norm
    s = m.sentence
    sf = ctx.facts(m)
    group = ctx.groups[s.index]
    lw, rw = sf.words_in(s.start, m.start), sf.words_in(m.end, s.end)
    trig = norm[m.start:m.end]
    out: list[set[str]] = []
    bags: list[Grams] = []

    if settings.get("mention", True):
        f = {"type", "tw=" + trig, "core=" + trig.removeprefix(m.prefix), "pre=" + (m.prefix or "-"),
             "pos=" + m.pos, "str=" + str(m.strength), "mode=" + str(m.mode), "mod=" + str(m.modality),
             "cert=" + m.certainty, _WIDX[min(len(lw), _LAST_BUCKET)], _WLEFT[min(len(rw), _LAST_BUCKET)],
             _SLEN[min(len(lw) + len(rw), _LAST_BUCKET)], _NCAND[min(len(group), _LAST_BUCKET)]}
        if m.eventive:
            f.add("f:eventive")
        if m.definite:
            f.add("f:definite")
        if m.argument:
            f.add("f:argument")
        if m.leading:
            f.add("f:leading")
        if m.occurs:
            f.add("f:occurs")
        if m.subordinate:
            f.add("f:subordinate")
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
        f.add("first" if ctx.first[s.index] is m else "notfirst")
        for g in group:
            if g is not m and g.plover != m.plover:
                f.add("other=" + g.plover)
        f.update(sf.own)
        f.update(sf.cue_features(m.start, m.end))
        out.append(f)

    if settings.get("doc"):
        prev = ctx.prev_same[id(m)]
        f = {_SIDX[min(s.index, _LAST_BUCKET)], _PREV[min(prev, _LAST_BUCKET)],
             _NSENT[min(len(an.sentences), _LAST_BUCKET)]}
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
        # the trigger's clause, at most win_chars_k words each side
        kk = int(settings.get("win_chars_k", 6))
        left, right = sf.clause(m.start, m.end)
        bags.append(Grams(left[-kk:] + [trig] + right[:kk], lo, hi, CLAUSE_GRAMS))
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
    plover = m.plover
    t = model.index[plover]
    total = model.biases[plover] - model.thresholds[plover]
    sets, bags = blocks(ctx, m, model.settings)
    for f in sets:
        total += _dot(model.table, t, f)
    for bag in bags:
        total += bag.score(model, plover)
    sc = model.settings.get("sent_chars")
    if sc:
        key = (m.sentence.index, plover)
        part = ctx.sentence_sums.get(key)
        if part is None:
            part = ctx.sentence_sums[key] = ctx.sentence_block(m, sc[0], sc[1]).score(model, plover)
        total += part
    return total


# Modalities under which no one event is reported: 'لم تقع أي اشتباكات', 'سيقصف الجيش', 'إذا
# هاجموا', counts over many ('المرتبة الأولى من حيث عدد الغارات', 'معارك في الأسابيع الأخيرة') and
# history ('في عام 2014 قتل مسلحون', 'ذكرى مرور عام على انفجار'); the dead of an accident
# ('لقي خمسة أشخاص مصرعهم في حادث سير').
# The gate decides what the words around a trigger make of it, not whether a negation, a future
# tense or a ranking the rules found is there.
UNREAL: Final = frozenset({"negated", "future", "future-after", "threat", "hypothetical", "tally", "history",
                           "accident"})


# A document of this many sentences is an article: its candidates need the model's `article_margin`.
ARTICLE_SENTENCES: Final = 3


def apply_gate(an: Analysis, model: GateModel | None) -> None:
    """Keep the mentions the gate accepts (the rules' when `model` is None), and mark main events.

    The model decides whether a sentence reports an event and which candidate is its main one; in an
    article (`ARTICLE_SENTENCES` or more) a candidate must clear its threshold by the model's
    `article_margin`, since there a trigger is as often a re-mention or background. Two
    things stay with the rules. A denial the rules found ('نفت الحركة أي علاقة لها بالهجوم') is an
    event of the contract, certainty 'denied' (guideline rule 7), whatever the model makes of its
    words. A crowd verb with no crowd after it ('توجه الوزير إلى
    بغداد') is never a protest, and a negated, future or hypothetical act, a tally or history
    (`UNREAL`) never an event, whatever their score. And in a sentence the gate accepts, the other
    candidates the rules kept are kept beside its main event as `supporting` mentions, which the
    merge folds into an event (dispersing the protest makes it a protest with intervention, burning
    tyres makes it a riot, a second verb adds a figure) and otherwise drops; so are arrests and force
    in the two sentences after an accepted protest (`_after_protest`)."""
    cands = [m for m in an.mentions if m.plover in MATERIAL] if model is not None else []
    if model is None or not cands:
        an.mentions = [m for m in an.mentions if m.rules_kept]
        return
    ctx = Context(an, cands)
    need = model.article_margin if len(an.sentences) >= ARTICLE_SENTENCES else 0.0
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
            if margin >= need:
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
    protests = {m.sentence.index for m in cands if id(m) in accepted and m.plover == "PROTEST"}
    out: list[Mention] = []
    for m in an.mentions:
        if m.plover in MATERIAL:
            if id(m) in accepted:
                out.append(m)
            elif m.rules_kept and m.certainty == "denied":
                m.main = m.rules_main
                out.append(m)
            elif m.rules_kept and (m.sentence.index in main_sentences or _after_protest(m, protests)):
                m.supporting = True
                out.append(m)
        elif m.rules_kept:
            if m.sentence.index in main_sentences:
                m.main = False
            out.append(m)
    an.mentions = out


_AFTER_PROTEST_SENTENCES: Final = 2


def _after_protest(m: Mention, protests: set[int]) -> bool:
    """An arrest or a use of force in the two sentences after an accepted protest ('ولاحقت قوات الأمن
    محتجين واعتقلت عددا منهم'): kept for the merge, which makes it that protest's intervention when
    it struck protesters and drops it otherwise."""
    return m.plover in ("COERCE", "ASSAULT") and any(
        0 < m.sentence.index - p <= _AFTER_PROTEST_SENTENCES for p in protests)


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
