"""Score Rasid on gold sentences in the format of the OEDA Arabic gold standard.

Per PLOVER type the gold says, for the sentence's main event, 'yes', 'easy no', 'difficult no' or
'ambiguous'. Scoring compares 'yes' with 'easy no' through the events Rasid marks `main`;
'difficult no' only gets a firing rate (many are real events), 'ambiguous' is ignored. Actor codes
of the detected events are compared with the gold majority codes of 'yes' sentences.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .contract import Document, DocumentResult
from .pipeline.run import process


@dataclass
class TypeScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    hard_fired: int = 0
    hard_total: int = 0
    false_positives: list[str] = field(default_factory=list)
    false_negatives: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    types: dict[str, TypeScore]
    actors: Counter[str]

    def lines(self) -> list[str]:
        out = []
        for name, s in self.types.items():
            out.append(f"{name:<9} precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f}  "
                       f"(tp {s.tp}, fp {s.fp}, fn {s.fn}); fires on {s.hard_fired}/{s.hard_total} 'difficult no'")
        a = self.actors
        if a["n1"] or a["n2"]:
            out.append(f"actor codes exact: actor1 {a['ok1']}/{a['n1']}, actor2 {a['ok2']}/{a['n2']}; "
                       f"sector only {a['sector']}/{a['n1'] + a['n2']}")
        return out


def score(gold: Iterable[dict], results: dict[str, DocumentResult]) -> Report:
    """Compare results with gold records (dicts of the gold JSONL format)."""
    types: dict[str, TypeScore] = {}
    actors: Counter[str] = Counter()
    for g in gold:
        res = results.get(str(g["id"]))
        events = res.events if res else []
        main = [e for e in events if e.main]
        for label, value in g.get("labels", {}).items():
            s = types.setdefault(label, TypeScore())
            fired = any(e.plover == label for e in main)
            if value == "yes":
                s.tp += fired
                s.fn += not fired
                if not fired:
                    s.false_negatives.append(g["id"])
            elif value == "easy no":
                s.fp += fired
                if fired:
                    s.false_positives.append(g["id"])
            elif value == "difficult no":
                s.hard_total += 1
                s.hard_fired += fired
        for a in g.get("actors", []):
            if g.get("labels", {}).get(a["plover"]) != "yes":
                continue
            evs = [e for e in events if e.plover == a["plover"]]
            for side, key, n in (("actor1", "source_code", "1"), ("actor2", "target_code", "2")):
                want = a.get(key)
                if not want or want == "None None":
                    continue
                got = {getattr(e, side).code for e in evs if getattr(e, side)}
                actors["n" + n] += 1
                actors["ok" + n] += want in got
                actors["sector"] += want.split()[-1] in {c.split()[-1] for c in got}
    return Report(dict(sorted(types.items())), actors)


def evaluate_file(path: Path) -> tuple[Report, list[dict], dict[str, DocumentResult]]:
    """Run Rasid over a gold JSONL file and score it."""
    gold = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    results = {}
    for g in gold:
        doc = Document(id=str(g["id"]), text=g.get("text") or "", published=g.get("published"))
        results[doc.id] = process(doc)
    return score(gold, results), gold, results
