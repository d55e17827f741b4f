"""Trained models shipped as package data (`rasid/data/models/`), loaded once per process.

`gate_model()` is the event gate (pipeline/gate.py), trained by `rasid.training.train_gate` (`make
models`): a linear model per material event type over named features. The file holds, per type, a
bias, a threshold and weights, plus weights shared by every type; here each type's table becomes one
dict (shared + own weight), so that a score is one lookup per feature. Without the file, or unless
RASID_GATE=1, the pipeline has no model, and the rules' decisions stand.
"""

from __future__ import annotations

import gzip
import json
import os
from functools import cache
from importlib import resources
from typing import Any, Final

GATE_FILE: Final = "models/gate.json.gz"


class GateModel:
    """A linear gate: per type, score = bias + Σ weights[f] × value; accepted when score ≥ threshold."""

    __slots__ = ("biases", "settings", "thresholds", "weights", "word_sums")

    def __init__(self, doc: dict[str, Any]) -> None:
        self.settings: dict[str, Any] = doc["settings"]
        shared: dict[str, float] = doc.get("shared", {})
        self.weights: dict[str, dict[str, float]] = {}
        self.biases: dict[str, float] = {}
        self.thresholds: dict[str, float] = {}
        # (type, n-gram block, word) → (Σ of the type's weights over the word's n-grams, their number):
        # filled by gate.py as words come
        self.word_sums: dict[tuple[str, str, str], tuple[float, int]] = {}
        for plover, t in doc["types"].items():
            w = dict(shared)
            for k, v in t["weights"].items():
                w[k] = w.get(k, 0.0) + v
            self.weights[plover] = w
            self.biases[plover] = float(t["bias"])
            self.thresholds[plover] = float(t["threshold"])


def read_gate(data: bytes) -> GateModel:
    """A gate from the bytes of a gate file (gzip-compressed JSON)."""
    return GateModel(json.loads(gzip.decompress(data).decode("utf-8")))


# Whether the pipeline uses the shipped gate. Off by default until the gate holds the worked example
# and the behaviour tests (see docs/gate.md); RASID_GATE=1 turns it on for a process.
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
    """The gate the pipeline uses: the shipped one when RASID_GATE=1, else None (the rules decide)."""
    return load_gate() if os.environ.get(GATE_ENV, "") == "1" else None
