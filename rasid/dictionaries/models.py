"""Trained models shipped as package data (`rasid/data/models/`), loaded once per process.

`gate_model()` is the event gate (pipeline/gate.py), trained by `rasid.training.train_gate` (`make
models`): a linear model per material event type over named features. The file holds, per type, a
bias, a threshold and weights, plus weights shared by every type. Here they become one table, feature
→ its weight for each type (shared + own, 0.0 where the type has none): a feature costs one lookup
whatever the type, the words' n-gram sums are worked out for every type at once, and the shared
weights are held once rather than in a copy per type. Without the file, or with RASID_GATE=0, the
pipeline has no model, and the rules' decisions stand.
"""

from __future__ import annotations

import gzip
import json
import os
from functools import cache
from importlib import resources
from itertools import repeat
from typing import Any, Final

GATE_FILE: Final = "models/gate.json.gz"


class GateModel:
    """A linear gate: per type, score = bias + Σ weights[f] × value; accepted when score ≥ threshold.

    `table[f][types.index(t)]` is the weight of feature f for type t (`index[t]` gives the position):
    one dict for all types, since a candidate's features are looked up once and n-gram sums are
    computed for all types of a word at once (pipeline/gate.py)."""

    __slots__ = ("biases", "index", "settings", "table", "thresholds", "types", "word_sums")

    def __init__(self, doc: dict[str, Any]) -> None:
        self.settings: dict[str, Any] = doc["settings"]
        shared: dict[str, float] = doc.get("shared", {})
        types: dict[str, Any] = doc["types"]
        self.types: tuple[str, ...] = tuple(types)
        self.index: dict[str, int] = {t: i for i, t in enumerate(self.types)}
        self.biases: dict[str, float] = {t: float(types[t]["bias"]) for t in self.types}
        self.thresholds: dict[str, float] = {t: float(types[t]["threshold"]) for t in self.types}
        # each type's weight of a feature, exactly as a per-type table of shared + own weights
        # would hold it (0.0 for none: adding it changes no sum)
        own: list[dict[str, float]] = [types[t]["weights"] for t in self.types]
        names: dict[str, None] = dict.fromkeys(shared)
        for weights in own:
            names.update(dict.fromkeys(weights))
        # built a column per type, then zipped into rows (a third faster than a loop per name, at start-up)
        bases: list[float] = list(map(shared.get, names, repeat(0.0)))
        columns: list[list[float]] = [[base if v is None else base + v for base, v in zip(bases, map(weights.get, names))]
                                      for weights in own]
        table: dict[str, tuple[float, ...]] = dict(zip(names, zip(*columns)))
        self.table = table
        # (n-gram block tag, lo, hi) → word → (its n-grams' summed weight for each type, ..., their
        # number): filled by gate.py as words come
        self.word_sums: dict[tuple[str, int, int], dict[str, tuple[float, ...]]] = {}


def read_gate(data: bytes) -> GateModel:
    """A gate from the bytes of a gate file (gzip-compressed JSON)."""
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
    return read_gate(f.read_bytes())


@cache
def gate_model() -> GateModel | None:
    """The gate the pipeline uses: the shipped one, or None (the rules decide) with RASID_GATE=0."""
    return None if os.environ.get(GATE_ENV, "").strip() == "0" else load_gate()
