"""The named-entity tagger: a CRF (python-crfsuite) trained on ANERcorp, shipped as package data.

`rasid/data/models/ner.crfsuite` is trained by `rasid.training.train_ner` (`make models`) on ANERcorp
(Benajiba, Rosso and Benedí 2007; CC BY-SA 4.0, see rasid/data/models/NOTICE and docs/ner.md). It
tags folded words with BIO labels of PERS, ORG, LOC and MISC; `entities` returns the PERS, ORG and
LOC spans of a tokenised stretch with character offsets into the original text.

Loaded once, lazily, from the package; nothing is downloaded. Without the file, without
python-crfsuite, or with RASID_NER=0, `tagger()` is None and there are no entities: everything else
works as before. `token_features` is the one feature function of training and tagging (which reads
it in UTF-8, `_utf8_features`).
"""

from __future__ import annotations

import os
import re
import struct
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any, Final

from ..text import NormText, normalise, tokenize
from .actor_dictionary import actor_matcher
from .gazetteer import gazetteer
from .lexicon import AFFIXES
from .tables import read_tsv

NER_FILE: Final = "models/ner.crfsuite"
NER_ENV: Final = "RASID_NER"
HEADS_FILE: Final = "ner_heads.tsv"
TYPES: Final = ("PERS", "ORG", "LOC")  # the types `entities` returns (MISC is tagged, not returned)
# The feature groups of the shipped model (train_ner chooses among them on the dev split, see docs/ner.md):
# word forms, clitic-stripped stems, affixes, shapes, the words around, lexicon membership.
FEATURES: Final = frozenset({"word", "stem", "affix", "shape", "context", "lexicon"})
# Proclitics peeled off for the stem: و ف, ب ك ل and the article, as the lexicon's noun class takes them
# (longest first, so that 'وال' goes before 'و').
_PROCLITICS: Final = tuple(sorted((p for p in AFFIXES["N"][0] if p), key=lambda p: (-len(p), p)))


def stem(word: str) -> tuple[str, str]:
    """(proclitics, rest) of a folded word: the longest noun prefix that leaves two letters or more."""
    for p in _PROCLITICS:
        if word.startswith(p) and len(word) - len(p) >= 2:
            return p, word[len(p):]
    return "", word


def _shape(w: str) -> str:
    if w.isdigit():
        return "digit"
    if any(c.isdigit() for c in w):
        return "hasdigit"
    if w.isascii() and w.isalpha():
        return "latin"
    if w.isalpha():
        return "arabic"
    return "other"


@cache
def lexicon_kinds() -> dict[str, str]:
    """Folded one-word forms → what Rasid's dictionaries know them as: a gazetteer place ('place'), an
    actor-dictionary entry by kind ('named', 'country', 'nisba', 'people') or head with its sector
    ('head:MIL'). Places first, the actor dictionary overriding them."""
    kinds: dict[str, str] = {}
    for form in gazetteer().rows.keys() | gazetteer().curated.keys():
        if " " not in form:
            kinds[form] = "place"
    for pattern, entries in zip(actor_matcher().patterns, actor_matcher().entries):
        if " " in pattern:
            continue
        for e in entries:
            kind = e.data.get("kind", "")
            if kind in ("named", "country", "nisba", "people"):
                kinds[pattern] = kind
            elif kind == "head":
                kinds[pattern] = "head:" + (e.data.get("sector", "") or "-")
    return kinds


@cache
def _heads() -> dict[str, str]:
    return {row["pattern"]: row["sector"] for row in read_tsv(HEADS_FILE)}


@cache
def head_sector(word: str) -> str | None:
    """The CAMEO sector an organisation gets from its head noun, the first word of its name (normalised):
    ner_heads.tsv, then the head nouns of the actor dictionary (actor_heads.tsv); '-' for a head that
    names no actor (a news agency), None for a head neither table knows."""
    rest = stem(word)[1]
    heads = _heads()
    for form in (word, rest):
        if form in heads:
            return heads[form]
    kinds = lexicon_kinds()
    for form in (word, rest, "ال" + rest):
        kind = kinds.get(form, "")
        if kind.startswith("head:"):
            return kind[5:] if kind[5:] != "-" else None
    return None


def _lexicon(word: str, rest: str, kinds: dict[str, str]) -> str | None:
    return kinds.get(word) or kinds.get(rest) or kinds.get("ال" + rest)


class _Word:
    """What `token_features` says of one word wherever it stands: its own attributes and those it gives
    its neighbours (made once per distinct word, feature set and set of attributes kept: the tagging
    cost is mostly here), in UTF-8 as CRFsuite reads them (`_utf8_features`). With `known`, only the
    attributes in it are kept."""

    __slots__ = ("near", "own", "word")

    def __init__(self, w: str, groups: frozenset[str], kinds: dict[str, str],
                 known: frozenset[str] | None = None) -> None:
        pre, rest = stem(w)
        lex = _lexicon(w, rest, kinds) if kinds else None
        f = ["b"]
        if "word" in groups:
            f.append("w=" + w)
        if "stem" in groups:
            f.append("s=" + rest)
            f.append("pre=" + pre)
        if "affix" in groups:
            f += ["p2=" + rest[:2], "p3=" + rest[:3], "x1=" + rest[-1:], "x2=" + rest[-2:], "x3=" + rest[-3:]]
        if "shape" in groups:
            f.append("sh=" + _shape(w))
            f.append("len=" + str(min(len(rest), 8)))
        if lex is not None:
            f.append("lex=" + lex)
        self.word = w
        # as the word two before, one before, one after, two after another
        near: list[list[str]] = []
        for d, word_name, stem_name, lex_name in _NEAR_NAMES:
            g = [word_name + w]
            if d in (-1, 1):
                g.append(stem_name + rest)
                if lex is not None:
                    g.append(lex_name + lex)
            near.append(g)
        if known is not None:
            f = [a for a in f if a in known]
            near = [[a for a in g if a in known] for g in near]
        self.own = [a.encode() for a in f]
        self.near = [[a.encode() for a in g] for g in near]


# Each neighbour's distance and the names of what it gives a word there ('w-2=', 's-2=', 'lex-2=', ...).
_NEAR_NAMES: Final = tuple((d, f"w{d:+d}=", f"s{d:+d}=", f"lex{d:+d}=") for d in (-2, -1, 1, 2))
_WORDS: dict[tuple[str, frozenset[str], frozenset[str] | None], _Word] = {}
_WORDS_MAX: Final = 200_000  # distinct words remembered; then the memory starts again
_EDGES: Final = ("w-2=BOS", "w-1=BOS", "w+1=EOS", "w+2=EOS")
_EDGES_UTF8: Final = tuple(a.encode() for a in _EDGES)


def token_features(words: Sequence[str], groups: frozenset[str] = FEATURES) -> list[list[str]]:
    """CRF attributes of each word of a sentence (normalised words, as the text layer's tokens)."""
    return [[a.decode() for a in f] for f in _utf8_features(words, groups)]


def _utf8_features(words: Sequence[str], groups: frozenset[str] = FEATURES,
                   known: frozenset[str] | None = None,
                   heads: tuple[frozenset[str], frozenset[str]] | None = None) -> list[list[bytes]]:
    """`token_features` in UTF-8; with `known`, only those in it (the attributes a model knows:
    CRFsuite ignores the others). CRFsuite reads attributes as UTF-8 bytes: handed strings, it would
    encode each at every sentence, where each word's are encoded once (`_Word`). `heads` are the
    words that open a known word pair of each kind (`pair_heads` of `known`): a pair whose first word
    is none of them is not made (most are not)."""
    kinds = lexicon_kinds() if "lexicon" in groups else {}
    ws: list[_Word] = []
    for w in words:
        key = (w, groups, known)
        got = _WORDS.get(key)
        if got is None:
            if len(_WORDS) >= _WORDS_MAX:
                _WORDS.clear()
            got = _WORDS[key] = _Word(w, groups, kinds, known)
        ws.append(got)
    n = len(ws)
    context = "context" in groups
    out: list[list[bytes]] = []
    for i, x in enumerate(ws):
        f = list(x.own)
        if context:
            for k, d in enumerate((-2, -1, 1, 2)):
                j = i + d
                if 0 <= j < n:
                    f += ws[j].near[k]
                elif known is None or _EDGES[k] in known:
                    f.append(_EDGES_UTF8[k])
            if 0 < i and (heads is None or ws[i - 1].word in heads[0]):
                pair = "w-1|w=" + ws[i - 1].word + "|" + x.word
                if known is None or pair in known:
                    f.append(pair.encode())
            if i + 1 < n and (heads is None or x.word in heads[1]):
                pair = "w|w+1=" + x.word + "|" + ws[i + 1].word
                if known is None or pair in known:
                    f.append(pair.encode())
        out.append(f)
    return out


_PAIR_KINDS: Final = ("w-1|w=", "w|w+1=")


def pair_heads(known: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """For each kind of word pair (`_PAIR_KINDS`), every string a known pair attribute holds before
    one of its '|' after the kind's name: the first word of any known pair of that kind is one of
    them (a first word holding '|' too), so a pair whose first word is none is unknown."""
    out: list[frozenset[str]] = []
    for kind in _PAIR_KINDS:
        found: set[str] = set()
        for attribute in known:
            if attribute.startswith(kind):
                rest = attribute[len(kind):]
                bar = rest.find("|")
                while bar >= 0:
                    found.add(rest[:bar])
                    bar = rest.find("|", bar + 1)
        out.append(frozenset(found))
    return out[0], out[1]


# A record of a CQDB (the attribute dictionary of a CRFsuite model): its id and size (little-endian
# uint32), then its key and a NUL.
_CQDB_RECORD: Final = re.compile(rb"........([^\x00]*)\x00", re.DOTALL)
_CQDB_TABLES: Final = 256  # hash tables in a CQDB header, each an offset and a size


def model_attributes(model: bytes) -> frozenset[str]:
    """The attributes a CRFsuite model (the bytes of its file) has weights for: the keys of its
    attribute dictionary, a constant quark database (CQDB) at the offset the model's header gives.
    Tagging looks every attribute up there and ignores those it lacks, so a sentence's attributes
    less the unknown ones tag it exactly the same, in half the time.

    The database's writer puts its records one after the other between its header (chunk id, size,
    flags, byte order, the number of records and the offset of their table, then `_CQDB_TABLES`
    hash tables' offsets and sizes) and its first hash table: one regex pass over that stretch
    reads every key at C speed (each process loads the tagger: a quarter of its cost was reading
    the 32,317 records one by one through their table of offsets). The keys read must be as many as
    the header says, or the model is refused."""
    if model[:4] != b"lCRF":
        raise ValueError("not a CRFsuite model")
    (attrs,) = struct.unpack_from("<I", model, 36)  # (after magic, size, type, version, 3 counts, 2 offsets)
    chunk, _, _, _, count, _ = struct.unpack_from("<4sIIIII", model, attrs)
    if chunk != b"CQDB":
        raise ValueError("not a CRFsuite model")
    header = 24 + 8 * _CQDB_TABLES
    tables = struct.unpack_from(f"<{2 * _CQDB_TABLES}I", model, attrs + 24)[0::2]
    keys = _CQDB_RECORD.findall(model, attrs + header, attrs + min(tables))
    if len(keys) != count:
        raise ValueError(f"not a CRFsuite model: {len(keys)} attributes read where its header says {count}")
    return frozenset(b"\0".join(keys).decode("utf-8").split("\0")) if keys else frozenset()


class Tagger:
    """A CRFsuite tagger opened on a model's bytes, which it keeps: CRFsuite reads the model in place,
    so the bytes must live as long as the tagger."""

    __slots__ = ("crf", "data", "heads", "known")

    def __init__(self, data: bytes) -> None:
        import pycrfsuite

        self.data = data
        self.crf = pycrfsuite.Tagger()
        self.crf.open_inmemory(self.data)
        self.known = model_attributes(data)
        self.heads = pair_heads(self.known)

    def tag(self, words: Sequence[str]) -> list[str]:
        """BIO labels of a sentence's normalised words."""
        return list(self.crf.tag(_utf8_features(words, known=self.known, heads=self.heads))) if words else []


@cache
def load_tagger() -> Tagger | None:
    """The shipped tagger, or None when the model file or python-crfsuite is missing."""
    f = resources.files("rasid.data").joinpath(NER_FILE)
    if not f.is_file():
        return None
    try:
        return Tagger(f.read_bytes())
    except ImportError:
        return None


def tagger() -> Tagger | None:
    """The tagger the pipeline uses: the shipped one, or None with RASID_NER=0 (read at each call, so
    that a test or a process can switch it)."""
    return None if os.environ.get(NER_ENV, "").strip() == "0" else load_tagger()


def tag(words: Sequence[str]) -> list[str]:
    """BIO labels of a sentence's normalised words ('O' throughout without a tagger)."""
    t = tagger()
    return ["O"] * len(words) if t is None else t.tag(words)


class Entity:
    """A named entity: its type (PERS, ORG, LOC), its words and character offsets in the original
    text, and its token range (`t0`..`t1`, inclusive) and normalised offsets in the tokens tagged."""

    __slots__ = ("end", "norm_end", "norm_start", "start", "t0", "t1", "text", "type")

    def __init__(self, type: str, text: str, start: int, end: int, norm_start: int, norm_end: int, t0: int,
                 t1: int) -> None:
        self.type = type
        self.text = text
        self.start = start
        self.end = end
        self.norm_start = norm_start
        self.norm_end = norm_end
        self.t0 = t0
        self.t1 = t1

    def __repr__(self) -> str:
        return f"Entity({self.type} {self.text!r} {self.start}-{self.end})"


def spans(labels: Sequence[str]) -> list[tuple[str, int, int]]:
    """(type, first, last) token ranges of BIO labels, as conlleval reads them (an I- without its B-
    starts an entity)."""
    out: list[tuple[str, int, int]] = []
    cur: list[Any] | None = None
    for i, lab in enumerate(labels):
        kind, _, typ = lab.partition("-")
        if kind == "I" and cur is not None and cur[0] == typ:
            cur[2] = i
            continue
        if cur is not None:
            out.append((cur[0], cur[1], cur[2]))
            cur = None
        if kind in ("B", "I"):
            cur = [typ, i, i]
    if cur is not None:
        out.append((cur[0], cur[1], cur[2]))
    return out


def entities_of(nt: NormText, starts: Sequence[int], ends: Sequence[int], words: Sequence[str],
                types: Sequence[str] = TYPES) -> list[Entity]:
    """The entities of one tokenised sentence of a normalised text (its tokens' normalised offsets and
    words), with offsets into `nt.original`."""
    out = []
    for typ, a, b in spans(tag(words)):
        if typ not in types:
            continue
        s, e = nt.to_original(starts[a], ends[b])
        out.append(Entity(typ, nt.original[s:e], s, e, starts[a], ends[b], a, b))
    return out


def entities(text: str, types: Sequence[str] = TYPES) -> list[Entity]:
    """The entities of a short text (a sentence), with character offsets into `text`."""
    nt = normalise(text)
    t = tokenize(nt.norm)
    return entities_of(nt, t.starts, t.ends, t.words, types)
