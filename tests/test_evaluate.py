"""`rasid eval` scores the four kinds of gold data, told apart by their fields, on sentences written
for these tests (and, when ../shared is there, agrees with the reviewers' incidents scorer)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from rasid.evaluate import ArticleReport, IncidentReport, MainEventReport, Report, evaluate_file, gold_kind

ATTACK = "قتل خمسة جنود في هجوم شنه مسلحون على حاجز للجيش في مدينة الموصل صباح اليوم."
MATCH = "فاز فريق النصر على الهلال بثلاثة أهداف في المباراة التي جرت مساء أمس."


def write(tmp_path: Path, rows: list[dict]) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_the_kind_of_gold_is_told_by_its_fields() -> None:
    assert gold_kind({"id": "1", "text": "", "labels": {}}) == "sentences"
    assert gold_kind({"id": "1", "text": "", "main": None}) == "main-events"
    assert gold_kind({"id": "1", "text": "", "events": []}) == "articles"
    assert gold_kind({"id": "1", "text": "", "events": [], "cluster": "c"}) == "incidents"


def test_main_event_sentences_count_hits_and_answered_near_misses(tmp_path: Path) -> None:
    report, _, _ = evaluate_file(write(tmp_path, [
        {"id": "a", "text": ATTACK, "main": "ASSAULT"},
        {"id": "b", "text": MATCH, "main": None},
    ]))
    assert isinstance(report, MainEventReport)
    assert report.types["ASSAULT"].tp == 1 and report.types["ASSAULT"].fn == 0
    assert report.near_misses == 1
    assert report.near_misses_answered in (0, 1)
    assert any("near-misses answered" in line for line in report.lines())


def test_articles_match_events_by_type_and_evidence_sentence(tmp_path: Path) -> None:
    text = "الجيش يعلن مقتل جنود\n" + ATTACK + " وقال مصدر أمني إن المهاجمين فروا."
    report, _, _ = evaluate_file(write(tmp_path, [{
        "id": "art", "text": text, "published": "2024-03-02",
        "events": [{"plover": "ASSAULT", "evidence": ATTACK, "fatalities": 5, "certainty": "asserted"},
                   {"plover": "PROTEST", "evidence": ATTACK}],  # a type the text does not report: missed
    }]))
    assert isinstance(report, ArticleReport)
    assert report.tp == 1 and report.fn == 1
    assert report.per_type_found["ASSAULT"] == 1 and report.per_type_found["PROTEST"] == 0
    assert report.fields_checked["fatalities"] == 1 and report.fields_right["fatalities"] == 1
    assert report.errors() == [f"missed PROTEST art: {ATTACK}"]  # (the attack matched: no false positive)


def test_gold_sentences_keep_their_report(tmp_path: Path) -> None:
    report, _, _ = evaluate_file(write(tmp_path, [{"id": "s", "text": ATTACK, "labels": {"ASSAULT": "yes"}}]))
    assert isinstance(report, Report) and report.types["ASSAULT"].tp == 1


def test_incidents_are_scored_by_how_the_store_links_the_reports(tmp_path: Path) -> None:
    """Two outlets report one bombing, a third a bombing in another city: the two reports of one
    happening land in one incident, the other in its own."""
    first = "قتل خمسة أشخاص في انفجار سيارة مفخخة في سوق مدينة الموصل صباح اليوم."
    second = "أدى انفجار سيارة مفخخة في سوق بمدينة الموصل اليوم إلى مقتل خمسة أشخاص، بحسب مصدر أمني."
    other = "قتل ثلاثة أشخاص في انفجار عبوة ناسفة في مدينة كركوك صباح اليوم."
    rows = [{"id": f"r{k}", "cluster": cluster, "outlet": f"outlet {k}", "published": "2024-03-02", "text": text,
             "events": [{"plover": "ASSAULT", "evidence": text}]}
            for k, (cluster, text) in enumerate((("mosul", first), ("mosul", second), ("kirkuk", other)))]
    report, _, _ = evaluate_file(write(tmp_path, rows))
    assert isinstance(report, IncidentReport)
    assert report.articles.tp == 3 and report.matched == 3 and report.missed == 0
    assert (report.precision, report.recall) == (1.0, 1.0)
    assert report.lines()[-1].startswith("incidents B-cubed precision 1.000 recall 1.000")


def test_incidents_dev_scores_as_the_reviewers_scorer_does(tmp_path: Path) -> None:
    from conftest import SHARED

    from rasid.cli import main

    data, scorer = SHARED / "data" / "incidents-dev.jsonl", SHARED / "tools" / "incidents_score.py"
    if not data.exists() or not scorer.exists():
        pytest.skip("../shared/data/incidents-dev.jsonl not available")
    report, _, _ = evaluate_file(data)
    assert isinstance(report, IncidentReport)
    db, out = tmp_path / "inc.db", tmp_path / "events.jsonl"
    assert main(["ingest", str(data), "--db", str(db), "-q"]) == 0
    assert main(["events", "--db", str(db), "--output", str(out)]) == 0
    theirs = subprocess.run([sys.executable, str(scorer), str(data), str(out)], capture_output=True, text=True,
                            check=True).stdout
    figures = re.search(r"precision (\S+) recall (\S+) F1 (\S+)", theirs)
    assert figures is not None, theirs
    assert f"{report.precision:.3f} {report.recall:.3f} {report.f1:.3f}" == " ".join(figures.groups())
