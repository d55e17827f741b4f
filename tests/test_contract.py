"""The records the pipeline builds without pydantic's validation (`records.record`) are ones the
validation accepts unchanged, field for field and type for type."""

from __future__ import annotations

import json

import pytest

from rasid.contract import Actor, DocumentResult, Span
from rasid.pipeline.records import record
from rasid.pipeline.run import extract


def _revalidated(result: DocumentResult) -> DocumentResult:
    """The result through strict validation of its fields, and through its JSON and back."""
    strict = DocumentResult.model_validate(result.model_dump(), strict=True)
    assert strict == result
    assert DocumentResult.model_validate_json(result.model_dump_json()).model_dump_json() == result.model_dump_json()
    return strict


def test_the_worked_example_records_pass_validation(seed_text):
    result = extract(seed_text, "2022-01-24", id="hasakah")
    assert result.events
    assert any(e.location and e.location.lat is not None for e in result.events)
    assert any(e.actor1 and e.actor2 for e in result.events)
    _revalidated(result)


def test_the_development_records_pass_validation(dev_path):
    rows = [json.loads(line) for line in dev_path.open(encoding="utf-8")]
    results = [extract(r["text"], r.get("published"), id=str(r.get("id"))) for r in rows]
    assert sum(len(r.events) for r in results) > len(rows) / 2
    for result in results:
        _revalidated(result)


def test_a_record_of_a_wrong_type_is_caught_by_the_check():
    """The check above can fail: a record built with a string where the contract says int."""
    bad = record(Actor, {"text": "قوات", "start": "0", "end": 4, "name": None, "country": None,
                         "sector": None, "code": "None None"})
    with pytest.raises(ValueError):
        Actor.model_validate(bad.model_dump(), strict=True)
    assert record(Span, {"text": "قوات", "start": 0, "end": 4}) == Span(text="قوات", start=0, end=4)
