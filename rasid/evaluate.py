"""Score Rasid on gold data of the three kinds in ../shared/data (the measures the reviewers use).

- **Gold sentences** (`labels`, the OEDA Arabic gold standard, gsr-ar-dev.jsonl): per PLOVER type
  the gold says, for the sentence's main event, 'yes', 'easy no', 'difficult no' or 'ambiguous'.
  Scoring compares 'yes' with 'easy no' through the events Rasid marks `main`; 'difficult no' only
  gets a firing rate (many are real events), 'ambiguous' is ignored. Actor codes of the detected
  events are compared with the gold majority codes of 'yes' sentences.
- **Main-event sentences** (`main`, sentences-dev.jsonl): the answer for a sentence is the type of
  its material event marked main (its first material event when none is); precision, recall and F1
  per type, macro-F1 over the four material types, and near-misses answered with an event.
- **Gold articles** (`events`, articles-dev.jsonl): a gold event matches an unused material event
  of the same type whose evidence overlaps the gold evidence sentence; event precision, recall and
  F1, then the accuracy of the fields of matched events.
- **Incidents** (`cluster`, incidents-dev.jsonl): reports of a few happenings by several outlets.
  Their events are scored as articles; then every report is stored in a fresh database, which links
  the events into incidents as `rasid ingest` does, and each gold event matched to a stored event
  of its report (same type, overlapping evidence) compares its gold incident with the stored one:
  B-cubed precision, recall and F1 over the matched events (as ../shared/tools/incidents_score.py).
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from .contract import Document, DocumentResult, Event
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


MATERIAL: Final = ("ASSAULT", "COERCE", "MOBILIZE", "PROTEST")


@dataclass
class MainEventReport:
    """Main-event decisions on labelled sentences."""

    types: dict[str, TypeScore]
    near_misses: int
    near_misses_answered: int

    @property
    def macro_f1(self) -> float:
        return sum(self.types[t].f1 for t in MATERIAL) / len(MATERIAL)

    def lines(self) -> list[str]:
        out = [f"{t:<9} precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f}  (gold {s.tp + s.fn})"
               for t, s in self.types.items()]
        out.append(f"near-misses answered with an event {self.near_misses_answered}/{self.near_misses}; "
                   f"macro-F1 {self.macro_f1:.3f}")
        return out


def _answer(events: list[Event]) -> str | None:
    material = [e for e in events if e.plover in MATERIAL]
    main = [e for e in material if e.main]
    return (main or material)[0].plover if material else None


def score_main_events(gold: Iterable[dict], results: dict[str, DocumentResult]) -> MainEventReport:
    types = {t: TypeScore() for t in MATERIAL}
    near = answered = 0
    for g in gold:
        res = results.get(str(g["id"]))
        got, want = _answer(res.events if res else []), g.get("main")
        if want is None:
            near += 1
            answered += got is not None
        if got == want and want:
            types[want].tp += 1
            continue
        if got:
            types[got].fp += 1
            types[got].false_positives.append(str(g["id"]))
        if want:
            types[want].fn += 1
            types[want].false_negatives.append(str(g["id"]))
    return MainEventReport(types, near, answered)


@dataclass
class ArticleReport:
    """Events of whole articles matched with hand-coded ones, and the fields of the matched."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    per_type: Counter[str] = field(default_factory=Counter)
    per_type_found: Counter[str] = field(default_factory=Counter)
    fields_right: Counter[str] = field(default_factory=Counter)
    fields_checked: Counter[str] = field(default_factory=Counter)
    missed: list[tuple[str, str, str]] = field(default_factory=list)  # (article id, type, gold evidence)
    extra: list[tuple[str, str, str]] = field(default_factory=list)  # (article id, type, the event's evidence)

    @property
    def scores(self) -> TypeScore:
        return TypeScore(self.tp, self.fp, self.fn)

    def errors(self) -> list[str]:
        """The gold events no event matched and the events that matched none, article by article."""
        return [*(f"missed {t} {i}: {evidence[:200]}" for i, t, evidence in self.missed),
                *(f"false positive {t} {i}: {evidence[:200]}" for i, t, evidence in self.extra)]

    def lines(self) -> list[str]:
        out = [f"  {t:<10} recall {self.per_type_found[t]}/{self.per_type[t]}" for t in sorted(self.per_type)]
        out.append("  field accuracy: " + ", ".join(f"{k} {self.fields_right[k]}/{self.fields_checked[k]}"
                                                  for k in sorted(self.fields_checked)))
        s = self.scores
        accuracy = sum(self.fields_right.values()) / max(sum(self.fields_checked.values()), 1)
        out.append(f"event precision {s.precision:.3f} recall {s.recall:.3f} F1 {s.f1:.3f}; "
                   f"field accuracy {accuracy:.3f}")
        return out


def _overlaps_evidence(event: Event, gold_span: tuple[int, int]) -> bool:
    a, b = event.evidence.start, event.evidence.end
    if b - a > max(600, 3 * (gold_span[1] - gold_span[0])):  # evidence must be about a sentence
        return False
    return a < gold_span[1] and gold_span[0] < b


def _field_checks(g: dict, e: Event) -> dict[str, bool]:
    checks: dict[str, bool] = {}
    if g.get("date"):
        checks["date"] = e.date == g["date"]
    for key in ("fatalities", "arrested", "injured"):
        if g.get(key) is not None:
            checks[key] = getattr(e, key) == g[key]
    if g.get("certainty"):
        checks["certainty"] = e.certainty == g["certainty"]
        if g["certainty"] != "asserted":  # always answering 'asserted' must not pass
            checks["certainty_marked"] = e.certainty == g["certainty"]
    if g.get("country_iso3"):
        checks["country"] = e.location is not None and e.location.country == g["country_iso3"]
    return checks


def score_articles(gold: Iterable[dict], results: dict[str, DocumentResult]) -> ArticleReport:
    report = ArticleReport()
    for article in gold:
        res = results.get(str(article["id"]))
        events = [e for e in (res.events if res else []) if e.plover in MATERIAL]
        used: set[int] = set()
        for g in article.get("events", []):
            report.per_type[g["plover"]] += 1
            start = article["text"].find(g.get("evidence") or "\0")
            span = (start, start + len(g["evidence"])) if start >= 0 else None
            match = next((i for i, e in enumerate(events) if i not in used and e.plover == g["plover"]
                          and span is not None and _overlaps_evidence(e, span)), None)
            if match is None:
                report.fn += 1
                report.missed.append((str(article["id"]), g["plover"], g.get("evidence") or ""))
                continue
            used.add(match)
            report.tp += 1
            report.per_type_found[g["plover"]] += 1
            for key, right in _field_checks(g, events[match]).items():
                report.fields_checked[key] += 1
                report.fields_right[key] += right
        report.fp += len(events) - len(used)
        report.extra.extend((str(article["id"]), e.plover, e.evidence.text)
                            for i, e in enumerate(events) if i not in used)
    return report


@dataclass
class IncidentReport:
    """The events of reports of a few happenings scored as articles, and how the store linked them:
    B-cubed over the gold events matched to a stored event (`missed`: those matched to none)."""

    articles: ArticleReport
    precision: float
    recall: float
    matched: int
    missed: int

    @property
    def f1(self) -> float:
        return 2 * self.precision * self.recall / (self.precision + self.recall) if self.precision + self.recall else 0.0

    def lines(self) -> list[str]:
        linking = (f"incidents B-cubed precision {self.precision:.3f} recall {self.recall:.3f} F1 {self.f1:.3f} "
                   f"over {self.matched} matched gold events ({self.missed} matched to no stored event)")
        return [*self.articles.lines(), linking]

    def errors(self) -> list[str]:
        return self.articles.errors()


def score_incidents(gold: list[dict], documents: list[Document], results: dict[str, DocumentResult]) -> IncidentReport:
    """Store every report (`documents`, processed into `results`) in a fresh database, which links
    its events into incidents, then compare each matched gold event's incident with the stored
    event's (module docstring)."""
    from .store import Store

    pairs: list[tuple[str, int | None]] = []  # (gold incident, stored incident) per matched gold event
    missed = 0
    with tempfile.TemporaryDirectory(prefix="rasid-eval-") as folder, Store(f"sqlite:///{folder}/eval.db") as store:
        for doc in documents:
            store.add(doc, results[doc.id])
        stored: dict[str, list[tuple[dict, int | None]]] = {}
        for e in store.events():
            stored.setdefault(e.source_id, []).append((e.record, e.incident_id))
    for report in gold:
        candidates = stored.get(str(report["id"]), [])
        used: set[int] = set()
        for g in report.get("events", []):
            start = report["text"].find(g["evidence"])
            end = start + len(g["evidence"])
            hit = next((i for i, (record, _) in enumerate(candidates) if i not in used
                        and record.get("plover") == g["plover"] and record["evidence"]["start"] < end
                        and start < record["evidence"]["end"]), None)
            if hit is None:
                missed += 1
                continue
            used.add(hit)
            pairs.append((g.get("incident") or report["cluster"], candidates[hit][1]))
    precision, recall = _bcubed(pairs)
    return IncidentReport(score_articles(gold, results), precision, recall, len(pairs), missed)


def _bcubed(pairs: list[tuple[str, int | None]]) -> tuple[float, float]:
    """B-cubed precision and recall of (gold cluster, system cluster) pairs; an event in no system
    cluster is a cluster of its own."""
    if not pairs:
        return 0.0, 0.0
    p = r = 0.0
    for gold_id, sys_id in pairs:
        same_sys = [x for x in pairs if sys_id is not None and x[1] == sys_id] or [(gold_id, sys_id)]
        same_gold = [x for x in pairs if x[0] == gold_id]
        p += sum(x[0] == gold_id for x in same_sys) / len(same_sys)
        r += (sum(x[1] == sys_id for x in same_gold) if sys_id is not None else 1) / len(same_gold)
    return p / len(pairs), r / len(pairs)


AnyReport = Report | MainEventReport | ArticleReport | IncidentReport


def gold_kind(record: dict) -> str:
    """'incidents', 'articles', 'main-events' or 'sentences': which gold format a record is in."""
    if "cluster" in record:
        return "incidents"
    if "events" in record:
        return "articles"
    if "main" in record:
        return "main-events"
    return "sentences"


def evaluate_file(path: Path) -> tuple[AnyReport, list[dict], dict[str, DocumentResult]]:
    """Run Rasid over a gold JSONL file of any of the four kinds and score it."""
    gold = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    documents = [Document(id=str(g["id"]), text=g.get("text") or "", published=g.get("published"),
                          outlet=g.get("outlet")) for g in gold]
    results = {doc.id: process(doc) for doc in documents}
    kind = gold_kind(gold[0]) if gold else "sentences"
    if kind == "incidents":
        return score_incidents(gold, documents, results), gold, results
    if kind == "articles":
        return score_articles(gold, results), gold, results
    if kind == "main-events":
        return score_main_events(gold, results), gold, results
    return score(gold, results), gold, results
