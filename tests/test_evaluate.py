"""`rasid eval` scores the three kinds of gold data, told apart by their fields, on sentences written
for these tests."""

from __future__ import annotations

import json
from pathlib import Path

from rasid.evaluate import ArticleReport, MainEventReport, Report, evaluate_file, gold_kind

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


def test_gold_sentences_keep_their_report(tmp_path: Path) -> None:
    report, _, _ = evaluate_file(write(tmp_path, [{"id": "s", "text": ATTACK, "labels": {"ASSAULT": "yes"}}]))
    assert isinstance(report, Report) and report.types["ASSAULT"].tp == 1
