"""Trained models shipped as package data (`rasid/data/models/`), loaded once per process.

`gate_model()` is the event gate (pipeline/gate.py), trained by `rasid.training.train_gate` (`make
models`): a linear model per material event type over named features. The file holds, per type, a
bias and a threshold, and the weights: shared by every type plus each type's own. Here they become
tables, feature → its weight for each type (shared + own, 0.0 where the type has none): a feature
costs one lookup whatever the type, the words' n-gram sums are worked out for every type at once, and
the shared weights are held once rather than in a copy per type. Without the file, or with
RASID_GATE=0, the pipeline has no model, and the rules' decisions stand.

WHY the weights are packed (`pack_gate`): every process loads the gate at start-up, and as a JSON
object of a hundred thousand float weights it cost about a third of a second, more than
compiling-and-loading everything else of the pipeline. Packed, the feature names are lists by
block (binary features, then each n-gram block under its tag, without it), and the weights are
held as what the tables hold, once each: the distinct floats (`values`, little-endian float64),
the distinct rows of a feature's weights for every type (`rows`, an index into `values` per type)
and each feature's row (`row_of`), each base64. A weight is trained rounded to 4 decimals, and
each type's is the float of its shared ten-thousandths plus the float of its own (`_type_weights`),
worked out when the file is written: loading builds each distinct float and row once (a feature
of 65,609 has one of 27,896 rows, made of 11,489 floats), with no arithmetic, and the tables hold
exactly the same floats as before (half the start-up cost of packed integer columns, which were
divided and added at every load). The tables made from a file are kept in the start-up cache
(`startup_cache`, keyed by the file's bytes and this module's code): reading them back costs about
two thirds of decompressing, parsing and unpacking the file.
"""

from __future__ import annotations

import base64
import gzip
import json
import os
import sys
from array import array
from functools import cache
from importlib import resources
from typing import Any, Final

from .news_words import news_rows, news_words_key
from .startup_cache import cached_under, content_key, kept, module_code

GATE_FILE: Final = "models/gate.json.gz"
# The tags of the n-gram blocks (pipeline/gate.py): the trigger's clause, its sentence. Their
# features are 'k:' or 'c:' and an n-gram; no other feature starts so (`pack_gate` checks).
CLAUSE_GRAMS: Final = "k:"
SENTENCE_GRAMS: Final = "c:"
GRAM_TAGS: Final = (CLAUSE_GRAMS, SENTENCE_GRAMS)
# The setting that gives each n-gram block's lengths (lo, hi), as pipeline/gate.py reads them.
GRAM_SETTINGS: Final = {CLAUSE_GRAMS: "win_chars", SENTENCE_GRAMS: "sent_chars"}
# Weights are stored as whole multiples of 1/SCALE (training rounds them to 4 decimals).
SCALE: Final = 10_000


# The binary features' table and the n-gram blocks' tables by tag (`GateModel.table`, `.grams`).
GateTables = tuple[dict[str, tuple[float, ...]], dict[str, dict[str, tuple[float, ...]]]]


class GateModel:
    """A linear gate: per type, score = bias + Σ weights[f] × value; accepted when score ≥ threshold.

    `table[f][index[t]]` is the weight of binary feature f for type t, and `grams[tag][g][index[t]]`
    that of n-gram g of the block tagged `tag`: one lookup for all types, since a candidate's
    features are looked up once and n-gram sums are computed for all types of a word at once
    (pipeline/gate.py). Made from a packed gate (`pack_gate`, as the file holds it).

    `article_margin` is how far above its threshold a candidate of a whole article must score: there
    a trigger is more often a re-mention, a recalled event or background than in a sentence read
    alone, and training chooses the margin on the articles' event figures (0 in older gate files)."""

    __slots__ = ("article_margin", "biases", "grams", "index", "news_rows", "news_sums", "settings", "table",
                 "thresholds", "types", "word_sums")

    def __init__(self, doc: dict[str, Any], tables: GateTables | None = None) -> None:
        self.settings: dict[str, Any] = doc["settings"]
        self.article_margin: float = float(doc.get("article_margin", 0.0))
        types: dict[str, Any] = doc["types"]
        self.types: tuple[str, ...] = tuple(types)
        self.index: dict[str, int] = {t: i for i, t in enumerate(self.types)}
        self.biases: dict[str, float] = {t: float(types[t]["bias"]) for t in self.types}
        self.thresholds: dict[str, float] = {t: float(types[t]["threshold"]) for t in self.types}
        self.table, self.grams = tables if tables is not None else gate_tables(doc["weights"], len(self.types))
        # (n-gram block tag, lo, hi) → word → (its n-grams' summed weight for each type, ..., their
        # number): filled by gate.py as words come
        self.word_sums: dict[tuple[str, int, int], dict[str, tuple[float, ...]]] = {}
        # the same sums worked out ahead for the news vocabulary (`news_words`; the shipped gate, when
        # the start-up cache keeps them): word → its row, and by block the rows one after the other
        self.news_rows: dict[str, int] = {}
        self.news_sums: dict[tuple[str, int, int], array[float]] = {}

    def news_word_sums(self, word: str, tag: str, lo: int, hi: int) -> tuple[float, ...] | None:
        """The word's sums in the block (as `gram_sums` makes them), when worked out ahead, else None."""
        row = self.news_rows.get(word)
        if row is None:
            return None
        table = self.news_sums.get((tag, lo, hi))
        if table is None:
            return None
        width = len(self.types) + 1
        return tuple(table[row * width:(row + 1) * width])


def word_grams(word: str, lo: int, hi: int) -> list[str]:
    """A word's character n-grams of lengths lo to hi, the word padded with a space each side, by length
    then position (the order their weights are added in). (A comprehension of slices: mypyc compiles
    it to a loop twice as fast as a map over slice objects.)"""
    padded = " " + word + " "
    return [padded[i:i + n] for n in range(lo, hi + 1) for i in range(len(padded) - n + 1)]


def gram_sums(model: GateModel, grams: list[str], tag: str) -> tuple[float, ...]:
    """Per type, Σ weight over a word's n-grams (`word_grams`) in the block tagged `tag` (in their
    order, as `sum` adds them: a type's missing weight adds nothing), then the number of n-grams. One
    lookup per n-gram serves every type, in the block's table of n-grams without their tag (`grams`):
    none is joined to each."""
    table = model.grams.get(tag)
    rows: list[tuple[float, ...]] = []  # (gathered by a plain loop: compiled, a fifth fewer instructions than
    if table:  # `filter` over `map(table.get, grams)`; the same pure)
        for gram in grams:
            row = table.get(gram)
            if row is not None:
                rows.append(row)
    out = [sum(column, 0.0) for column in zip(*rows)] if rows else [0.0] * len(model.types)
    out.append(float(len(grams)))
    return tuple(out)


def gate_tables(packed: dict[str, Any], n_types: int) -> GateTables:
    """A packed gate's weights (`pack_gate`) as the tables `GateModel` holds: each type's weight of
    a feature exactly the float `_type_weights` made when the file was written; a row (a feature's
    weights for every type) made once, whatever number of features share it."""
    values = _array("d", packed["values"]).tolist()
    picks = _array("H", packed["rows"])
    rows = list(zip(*[map(values.__getitem__, picks[t::n_types]) for t in range(n_types)]))
    row_of = _array("i", packed["row_of"])
    table: dict[str, tuple[float, ...]] = {}
    grams: dict[str, dict[str, tuple[float, ...]]] = {tag: {} for tag in GRAM_TAGS}
    at = 0
    for tag, names in packed["blocks"]:
        block = dict(zip(names, map(rows.__getitem__, row_of[at:at + len(names)])))
        at += len(names)
        if tag:
            grams[tag] = block
        else:
            table = block
    return table, grams


def _array(code: str, text: str) -> array[Any]:
    """An array of little-endian items from its base64 string."""
    items = array(code, base64.b64decode(text))
    if sys.byteorder != "little":
        items.byteswap()
    return items


def _packed(code: str, values: list[Any]) -> str:
    items = array(code, values)
    if sys.byteorder != "little":
        items.byteswap()
    return base64.b64encode(items.tobytes()).decode("ascii")


def _units(w: float) -> int:
    """A weight as a whole number of 1/SCALE, checked to give back exactly the same float."""
    k = round(w * SCALE)
    if k / SCALE != w or not -2**31 <= k < 2**31:
        raise ValueError(f"gate weight {w!r} is no int32 multiple of 1/{SCALE}")
    return k


def _type_weights(shared: float, own: float) -> float:
    """A type's weight of a feature: its shared and its own ten-thousandths, each as a float, added
    (own 0 for none: adding 0.0 changes nothing). What the tables have always held."""
    return _units(shared) / SCALE + _units(own) / SCALE


def pack_gate(doc: dict[str, Any]) -> dict[str, Any]:
    """A gate as training makes it ({settings, shared: {feature: weight}, types: {type: {bias,
    threshold, weights}}, ...}) in the packed form the file holds and `GateModel` reads: the feature
    names by block, sorted, and the weights as distinct floats, distinct rows of them (a feature's
    weight for each type) and each feature's row, in name order. The types are in the order of their
    names, the file's (whose keys are sorted) as a packed gate's in memory: `GateModel` reads a row's
    weights in the order of `types`."""
    shared: dict[str, float] = doc.get("shared", {})
    types: dict[str, Any] = {t: doc["types"][t] for t in sorted(doc["types"])}
    names: set[str] = set(shared)
    for t in types.values():
        names.update(t["weights"])
    blocks: list[tuple[str, list[str]]] = [("", sorted(n for n in names if not n.startswith(GRAM_TAGS)))]
    blocks += [(tag, sorted(n[len(tag):] for n in names if n.startswith(tag))) for tag in GRAM_TAGS]
    order = [tag + n for tag, block in blocks for n in block]
    feature_rows = [tuple(_type_weights(shared.get(n, 0.0), spec["weights"].get(n, 0.0)) for spec in types.values())
                    for n in order]
    values = sorted({w for row in feature_rows for w in row})
    if len(values) > 2**16:
        raise ValueError(f"{len(values)} distinct gate weights: more than a row's uint16 indices address")
    value_index = {w: i for i, w in enumerate(values)}  # (0.0 and -0.0 are one float here: _type_weights makes no -0.0)
    row_index: dict[tuple[float, ...], int] = {}
    for row in feature_rows:
        row_index.setdefault(row, len(row_index))
    weights: dict[str, Any] = {"blocks": blocks, "values": _packed("d", values),
                               "rows": _packed("H", [value_index[w] for row in row_index for w in row]),
                               "row_of": _packed("i", [row_index[row] for row in feature_rows])}
    out = {k: v for k, v in doc.items() if k != "shared"}
    out["types"] = {t: {k: v for k, v in spec.items() if k != "weights"} for t, spec in types.items()}
    out["weights"] = weights
    return out


def read_gate(data: bytes) -> GateModel:
    """A gate from the bytes of a gate file (gzip-compressed JSON of a packed gate, `pack_gate`)."""
    return GateModel(json.loads(gzip.decompress(data).decode("utf-8")))


# Whether the pipeline uses the shipped gate: on by default (it holds the worked example and the
# behaviour tests, and does better than the rules cross-validated: docs/gate.md); RASID_GATE=0 turns
# it off for a process, to see what the rules alone decide.
GATE_ENV: Final = "RASID_GATE"


@cache
def load_gate() -> GateModel | None:
    """The shipped gate, or None when the package has no gate file."""
    f = resources.files("rasid.data").joinpath(GATE_FILE)
    if not f.is_file():
        return None
    return cached_gate(f.read_bytes())


def cached_gate(data: bytes) -> GateModel:
    """The gate of a gate file's bytes, as `read_gate` makes it, through the start-up cache, with the
    news vocabulary's n-gram sums when the cache keeps them (`_news_state`)."""
    key = content_key([data, module_code(__name__)])
    head, table, grams = cached_under("gate", key, lambda: _gate_state(data))
    model = GateModel(head, (table, grams))
    blocks = [(tag, int(model.settings[name][0]), int(model.settings[name][1]))
              for tag, name in GRAM_SETTINGS.items() if model.settings.get(name)]
    rows = news_rows() if blocks else {}
    if rows:
        sources = [key.encode(), news_words_key(), sys.byteorder.encode()]
        packed = kept("gate-news", sources, lambda: _news_sums(model, blocks, list(rows)))
        if packed is not None:
            model.news_rows = rows
            model.news_sums = {(tag, lo, hi): array("d", sums) for (tag, lo, hi), sums in packed.items()}
    return model


def _news_sums(model: GateModel, blocks: list[tuple[str, int, int]],
               words: list[str]) -> dict[tuple[str, int, int], bytes]:
    """The n-gram sums of the news vocabulary's words (in the order of their rows) in each block, as
    the start-up cache keeps them: the rows' floats one after the other, packed (float64, this
    machine's byte order). WHY packed and read by row: 30,000 words' tuples cost a process about
    four times as long to read back."""
    sums: dict[tuple[str, int, int], bytes] = {}
    for tag, lo, hi in blocks:
        flat: array[float] = array("d")
        for w in words:
            flat.extend(gram_sums(model, word_grams(w, lo, hi), tag))
        sums[(tag, lo, hi)] = flat.tobytes()
    return sums


def _gate_state(data: bytes) -> tuple[dict[str, Any], dict[str, tuple[float, ...]],
                                      dict[str, dict[str, tuple[float, ...]]]]:
    """What `GateModel` is made of, from the bytes of a gate file, as the start-up cache stores it:
    the file's object without its packed weights, and the weights' tables. (Made at the first start
    after the file or this code changes; the next starts read it back, about half the time of
    decompressing, parsing and unpacking the file.)"""
    doc = json.loads(gzip.decompress(data).decode("utf-8"))
    head = {k: v for k, v in doc.items() if k != "weights"}
    table, grams = gate_tables(doc["weights"], len(doc["types"]))
    return head, table, grams


@cache
def gate_model() -> GateModel | None:
    """The gate the pipeline uses: the shipped one, or None (the rules decide) with RASID_GATE=0."""
    return None if os.environ.get(GATE_ENV, "").strip() == "0" else load_gate()
