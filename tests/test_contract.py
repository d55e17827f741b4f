"""The records the pipeline builds without pydantic's validation (`records.record`) are ones the
validation accepts unchanged, field for field and type for type, and hold exactly the instance state
pydantic's own `model_construct` gives (`record` writes pydantic's private attributes: a release that
changes them fails here)."""

from __future__ import annotations

import json

import pytest
from pydantic import BaseModel

from rasid.contract import Actor, DocumentResult, Event, Evidence, Location, Span
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
    # most of the gold sentences are annotated 'no': events for two in five is no failure to extract
    assert sum(len(r.events) for r in results) > 0.4 * len(rows)
    for result in results:
        _revalidated(result)


def test_a_record_of_a_wrong_type_is_caught_by_the_check():
    """The check above can fail: a record built with a string where the contract says int."""
    bad = record(Actor, {"text": "قوات", "start": "0", "end": 4, "name": None, "country": None,
                         "sector": None, "code": "None None"})
    with pytest.raises(ValueError):
        Actor.model_validate(bad.model_dump(), strict=True)
    assert record(Span, {"text": "قوات", "start": 0, "end": 4}) == Span(text="قوات", start=0, end=4)


_UNSET = object()


def _instance_state(obj: BaseModel) -> dict[str, object]:
    """Everything a model instance holds: the slots pydantic declares (its fields' `__dict__` and
    its private bookkeeping, `__pydantic_fields_set__` ...), whether set or not."""
    slots = [name for cls in type(obj).__mro__ for name in cls.__dict__.get("__slots__", ())]
    assert "__dict__" in slots and "__pydantic_fields_set__" in slots, "pydantic's instance layout changed"
    return {name: getattr(obj, name, _UNSET) for name in slots}


def _models(value: object) -> list[BaseModel]:
    """The model instances in a result, nested ones included."""
    if isinstance(value, BaseModel):
        return [value, *(m for v in value.__dict__.values() for m in _models(v))]
    if isinstance(value, (list, tuple)):
        return [m for v in value for m in _models(v)]
    if isinstance(value, dict):
        return [m for v in value.values() for m in _models(v)]
    return []


def test_records_hold_the_state_model_construct_gives(seed_text):
    """Every record the pipeline makes of the worked example, of each class it builds with `record`,
    has the instance state `model_construct` would have given it, private attributes included."""
    models = _models(extract(seed_text, "2022-01-24", id="hasakah"))
    assert {Span, Actor, Location, Evidence, Event, DocumentResult} <= {type(m) for m in models}
    for m in models:
        constructed = type(m).model_construct(**m.__dict__)
        assert _instance_state(m) == _instance_state(constructed), type(m).__name__


@pytest.mark.parametrize("line", [
    '{"id": "a", "text": "نص"}',
    '{"id": 7, "text": "نص", "date": "2024-01-02", "title": 3, "url": null, "outlet": "x", "labels": {"A": "b"}, "_x": []}',
    '{"body": "نص", "published": "", "model_config": 1, "copy": [1, 2]}',
])
def test_documents_read_from_records_hold_the_state_validation_gives(line):
    """`inputs._record` makes a Document without validating it (`records.document`): the state
    `Document.model_validate` gives the same fields, extra fields and their order included."""
    from rasid.contract import Document
    from rasid.inputs import Columns, _record

    doc = _record(json.loads(line), "f:1", "line 1", Columns())
    validated = Document.model_validate({**doc.__pydantic_extra__, **doc.__dict__})
    for name in ("__dict__", "__pydantic_extra__", "__pydantic_fields_set__", "__pydantic_private__"):
        assert getattr(doc, name) == getattr(validated, name), name
    assert list(doc.__dict__) == list(validated.__dict__)
    assert list(doc.__pydantic_extra__) == list(validated.__pydantic_extra__)
    assert doc == validated
