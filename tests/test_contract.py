"""The records the pipeline builds without pydantic's validation (`records.record`, plain records
that `contract.from_plain` makes models of) are ones the validation accepts unchanged, field for
field and type for type, and hold exactly the instance state pydantic's own `model_construct` gives
(`contract.unchecked` writes pydantic's private attributes: a release that changes them fails here).
The plain records have the contract's fields, and `rasid extract` writes them as pydantic would."""

from __future__ import annotations

import inspect
import json

import pytest
from pydantic import BaseModel

from rasid import jsonl, plain
from rasid.contract import Actor, DocumentResult, Event, Evidence, Location, Span, from_plain, unchecked
from rasid.pipeline.run import extract, plain_result_for


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
    bad = unchecked(Actor, {"text": "قوات", "start": "0", "end": 4, "name": None, "country": None,
                            "sector": None, "code": "None None"})
    with pytest.raises(ValueError):
        Actor.model_validate(bad.model_dump(), strict=True)
    assert unchecked(Span, {"text": "قوات", "start": 0, "end": 4}) == Span(text="قوات", start=0, end=4)


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


def test_the_plain_records_have_the_contract_s_fields_in_order():
    """plain.py mirrors contract.py: a field added to a model must be added to its plain record."""
    for model in (Span, Actor, Location, Evidence, Event, DocumentResult):
        record_cls = getattr(plain, model.__name__)
        fields = [n for c in reversed(record_cls.__mro__) for n in inspect.get_annotations(c)]
        assert fields == list(model.model_fields), model.__name__
    fields = list(inspect.get_annotations(plain.Document))
    from rasid.contract import Document

    assert fields == list(Document.model_fields)


def _plain_results(rows: list[dict]) -> list[plain.DocumentResult]:
    return [plain_result_for(plain.Document(id=str(r.get("id")), text=r["text"], published=r.get("published")))
            for r in rows]


@pytest.mark.parametrize("json_line", [plain.json_line, jsonl.json_line], ids=["json", "field by field"])
def test_rasid_extract_writes_json_lines_as_pydantic_does(json_line, seed_text, dev_path):
    """`plain.json_line` and `jsonl.json_line` (`rasid extract` writes with the faster for its build)
    give pydantic's `model_dump_json` bytes, strings of every kind included; a float that pydantic
    writes otherwise (exponent, not finite) gives None (then pydantic writes it)."""
    rows = [json.loads(line) for line in dev_path.open(encoding="utf-8")]
    results = _plain_results([{"id": "hasakah", "text": seed_text, "published": "2022-01-24"}, *rows])
    assert sum(len(r.events) for r in results) > 100
    for result in results:
        assert json_line(result) == from_plain(result).model_dump_json().encode("utf-8")
    odd = next(r for r in results if any(e.location and e.location.lat is not None for e in r.events))
    odd.warnings.append("".join(map(chr, range(0x80))) + "\u2028\u2029\ufeff\U0001F600")
    odd.id = "\ud7ff\ue000\ufffd"
    assert json_line(odd) == from_plain(odd).model_dump_json().encode("utf-8")
    location = next(e.location for e in odd.events if e.location and e.location.lat is not None)
    for value in (1e-05, 1e16, float("inf"), float("nan"), 36):
        location.lat = value
        assert json_line(odd) is None


def test_rasid_extract_writes_with_the_faster_writer_of_its_build():
    """Compiled, the field-by-field writer; interpreted, the `json` module's C encoder."""
    assert jsonl.line_writer() is (jsonl.json_line if jsonl.COMPILED else plain.json_line)


def test_a_plain_result_and_its_models_hold_the_same_values(seed_text):
    (result,) = _plain_results([{"id": "hasakah", "text": seed_text, "published": "2022-01-24"}])
    model = from_plain(result)
    assert model == extract(seed_text, "2022-01-24", id="hasakah")
    assert json.loads(plain.json_line(result)) == model.model_dump(mode="json")


def test_rasid_extract_of_json_lines_does_not_import_pydantic(tmp_path):
    """What the plain records are for: a process coding JSON lines never imports pydantic."""
    import subprocess
    import sys

    corpus = tmp_path / "in.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": "قتل مسلحون ثلاثة جنود في هجوم على حاجز للجيش"},
                                 ensure_ascii=False) + "\n", encoding="utf-8")
    script = ("import sys\nfrom rasid.cli import main\n"
              f"main(['extract', {str(corpus)!r}, '-q', '-o', {str(tmp_path / 'out.jsonl')!r}])\n"
              "assert not [m for m in sys.modules if m.startswith('pydantic')], 'pydantic imported'\n")
    subprocess.run([sys.executable, "-c", script], check=True, cwd=tmp_path)
    assert json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))["events"]
