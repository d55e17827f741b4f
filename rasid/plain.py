"""The contract's records (`contract.py`) as the pipeline builds them: plain objects, without pydantic.

WHY: importing pydantic and building the contract's nine models is about 0.1 s of every process, two
fifths of the start-up of `rasid extract`, which needs neither: the pipeline builds its records
without validating them (`pipeline/records.py`), and the command writes JSON lines itself from
them (`write_json`), byte for byte what pydantic writes. The public API (`rasid.extract`,
`rasid.process`, `pipeline.run.result_for`) still returns the contract's pydantic models, made from
these at the end (`records.contract_record`), as does every other command.

Each class has the fields of its contract model, in the same order (tests/test_contract.py checks
it): add a field to both. A record's fields are its `__dict__`, in field order.
"""

from __future__ import annotations

import json
from typing import Any, Final


class Record:
    """A record of the contract: its fields in `__dict__` (set whole by `records.record`)."""

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.__dict__ == self.__dict__

    __hash__ = None  # type: ignore[assignment]  # (mutable, as the pydantic models)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.__dict__.items())})"


class Span(Record):
    text: str
    start: int
    end: int


class Actor(Span):
    name: str | None
    country: str | None
    sector: str | None
    code: str


class Location(Span):
    name: str | None
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geo_precision: int | None


class Evidence(Span):
    trigger: Span


class Event(Record):
    plover: str
    plover_mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    cameo: str | None
    actor1: Actor | None
    actor1_associates: list[Actor]
    actor2: Actor | None
    location: Location | None
    date: str | None
    time_precision: int | None
    fatalities: int | None
    injured: int | None
    arrested: int | None
    certainty: str
    claimed_by: Span | None
    evidence: Evidence
    reports: list[Evidence]
    main: bool
    date_span: Span | None
    fatalities_span: Span | None
    injured_span: Span | None
    arrested_span: Span | None


class DocumentResult(Record):
    id: str
    published: str | None
    events: list[Event]
    warnings: list[str]
    text: str | None
    title: str | None
    url: str | None
    outlet: str | None
    error: str | None


class Document(Record):
    """An input document (`contract.Document`'s fields), with the input record's other fields in
    `model_extra`, as pydantic names them."""

    id: str
    text: str
    published: str | None
    title: str | None
    url: str | None
    outlet: str | None

    def __init__(self, id: str, text: str, published: str | None = None, title: str | None = None,
                 url: str | None = None, outlet: str | None = None, model_extra: dict[str, Any] | None = None) -> None:
        self.id, self.text, self.published, self.title, self.url, self.outlet = id, text, published, title, url, outlet
        self.__dict__["model_extra"] = model_extra or {}


def result_of(id: str, error: str) -> DocumentResult:
    """The record of a document that could not be processed at all."""
    result = DocumentResult()
    result.__dict__.update({"id": id, "published": None, "events": [], "warnings": [], "text": None, "title": None,
                            "url": None, "outlet": None, "error": error})
    return result


class _Unusual(Exception):
    """A float that pydantic writes otherwise than `json` (in exponent notation, or not finite)."""


def plain_coordinates(record: Any) -> bool:
    """Whether a record is no `Location`, or one whose coordinates pydantic writes as the `json`
    module does: plain floats (not in exponent notation, and finite), or none."""
    if type(record) is not Location:
        return True
    fields = record.__dict__
    for value in (fields["lat"], fields["lon"]):
        if value is not None and (type(value) is not float
                                  or not repr(value).replace("-", "").replace(".", "").isdigit()):
            return False
    return True


def _fields(record: Any) -> dict[str, Any]:
    """A record's fields for the JSON encoder (a contract model's too: its `__dict__` is its fields).
    (Only a location is asked about its coordinates: the encoder calls this for every record, a dozen
    per event, and a second call per record cost more than the test.)"""
    if type(record) is Location and not plain_coordinates(record):
        raise _Unusual
    fields: dict[str, Any] = record.__dict__
    return fields


_ENCODE: Final = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_fields,
                                  check_circular=False).encode


def json_line(result: DocumentResult) -> bytes | None:
    """The result as pydantic's `model_dump_json` writes it, in UTF-8; None when one of its floats
    is written otherwise there (then ask pydantic). Strings are escaped alike (tests/test_contract.py)."""
    try:
        return _ENCODE(result).encode("utf-8")
    except _Unusual:
        return None
