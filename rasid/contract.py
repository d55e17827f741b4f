"""The output contract (shared/docs/event-record.md) as pydantic models.

Tools outside the project read these field names: extend freely, rename never. Every `start`/`end`
is a character offset into the document text the result was computed from.
"""

from __future__ import annotations

from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from . import plain

Certainty = Literal["asserted", "claimed", "denied"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Record):
    """A stretch of the source text."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Actor(Span):
    """An initiator or target: the words in the text plus their CAMEO-style code."""

    name: str | None = None
    country: str | None = Field(None, description="ISO3, 'IMG', 'IGO' or null")
    sector: str | None = Field(None, description="GOV, MIL, COP, REB, CVL, ...")
    code: str = Field("None None", description="'COUNTRY SECTOR' with 'None' for unknown parts")


class Location(Span):
    """Where an event happened, resolved to coordinates with ACLED geo_precision."""

    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = Field(None, ge=1, le=3)


class Evidence(Span):
    """The sentence stating the event and the trigger words inside it."""

    trigger: Span


class Event(_Record):
    """One coded event (PLOVER type, ACLED and CAMEO mappings, who, where, when, how many, says who)."""

    plover: str
    plover_mode: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    cameo: str | None = None
    actor1: Actor | None = None
    actor1_associates: list[Actor] = Field(default_factory=list,
                                           description="actors acting together with actor1, on its side")
    actor2: Actor | None = None
    location: Location | None = None
    date: str | None = None
    time_precision: int | None = Field(None, ge=1, le=3)
    fatalities: int | None = None
    injured: int | None = None
    arrested: int | None = None
    certainty: Certainty = "asserted"
    claimed_by: Span | None = None
    evidence: Evidence
    reports: list[Evidence] = Field(default_factory=list,
                                    description="the other sentences of the document reporting this event (a "
                                                "headline, a quote, a later paragraph), each with its trigger")
    main: bool = False
    # the words that gave the date and each figure (in any sentence of the document: a merged
    # event may take them from another report of it); null with no value or a default date
    date_span: Span | None = Field(None, description="the words that gave `date`; null when `date` is the "
                                                     "publication day taken by default")
    fatalities_span: Span | None = Field(None, description="the number's words that gave `fatalities`")
    injured_span: Span | None = Field(None, description="the number's words that gave `injured`")
    arrested_span: Span | None = Field(None, description="the number's words that gave `arrested`")


class Document(_Record):
    """An input document: one shape for every kind of input."""

    model_config = ConfigDict(extra="allow")

    id: str
    text: str
    published: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None


class DocumentRef(_Record):
    """The document a stored event came from, as its input named it (`rasid events`, exports, API)."""

    id: str = Field(description="the input record's own id (the `id` of a JSONL line; for a file, its name)")
    url: str | None = None
    outlet: str | None = None
    published: str | None = Field(None, description="publication date YYYY-MM-DD, null when unknown")


class DocumentResult(_Record):
    """What Rasid returns for one input document."""

    id: str
    published: str | None = None
    events: list[Event] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    text: str | None = Field(None, description="the text offsets point into, when it is not the input")
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    error: str | None = Field(None, description="set when the document could not be processed at all")

    def to_json(self) -> str:
        return self.model_dump_json(exclude_none=False)



# ---------------------------------------------------------------------------------------------
# Records made without validation: the pipeline's plain records (plain.py) as these models, and
# documents read from structured inputs.
#
# This relies on pydantic's private instance layout (v2: `__dict__`, `__pydantic_fields_set__`,
# `__pydantic_extra__`, `__pydantic_private__`), which is not public API: pyproject.toml pins
# pydantic to its major version (`>=2.5,<3`), and tests/test_contract.py fails if a release
# changes what a model instance holds (it compares every record of the worked example with
# `model_construct`'s).

M = TypeVar("M", bound=BaseModel)
_new = object.__new__  # what BaseModel.__new__ is (pydantic defines none)
# The setters of a model instance's four slots, bound once: each sets its slot in one call, where
# `object.__setattr__` would look the name up among the class's attributes first.
_SET_DICT = BaseModel.__dict__["__dict__"].__set__
_SET_FIELDS_SET = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_SET_EXTRA = BaseModel.__dict__["__pydantic_extra__"].__set__
_SET_PRIVATE = BaseModel.__dict__["__pydantic_private__"].__set__


def unchecked(cls: type[M], values: dict[str, Any]) -> M:
    """A model of `cls` from `values` already right (every field, in field order, of the field's
    type), with the state `model_construct` sets, without its per-field loop."""
    obj = _new(cls)
    _SET_DICT(obj, values)
    _SET_FIELDS_SET(obj, set(values))
    _SET_EXTRA(obj, None)
    _SET_PRIVATE(obj, None)
    return obj


# Each plain record's model, and the fields that may hold records or lists of them.
_MODELS: dict[type, tuple[type[BaseModel], tuple[str, ...]]] = {
    plain.Span: (Span, ()), plain.Actor: (Actor, ()), plain.Location: (Location, ()),
    plain.Evidence: (Evidence, ("trigger",)),
    plain.Event: (Event, ("actor1", "actor1_associates", "actor2", "location", "claimed_by", "evidence", "reports",
                          "date_span", "fatalities_span", "injured_span", "arrested_span")),
    plain.DocumentResult: (DocumentResult, ("events",)),
}


def from_plain(value: Any) -> Any:
    """The contract model of a plain record (`plain.py`), its nested records and lists of them
    included; any other value (a model already) as it is."""
    found = _MODELS.get(type(value))
    if found is None:
        return [from_plain(v) for v in value] if type(value) is list else value
    cls, nested = found
    values = dict(value.__dict__)
    for name in nested:
        if values[name] is not None:
            values[name] = from_plain(values[name])
    return unchecked(cls, values)


def document(values: dict[str, str | None], extra: dict[str, Any]) -> Document:
    """A `Document` of `values` (its six fields, in field order, each a str or None, `text` a str)
    and `extra` (the input record's other fields), with the state `Document.model_validate` gives:
    extra fields are kept as they are, and every name given counts as set.

    WHY: every JSON line or CSV row read is validated, where the reader (`inputs._record`) has
    already made each field a string: about 4 µs per document, checking nothing.
    tests/test_contract.py compares the two on records of every shape."""
    obj = _new(Document)
    _SET_DICT(obj, values)
    _SET_FIELDS_SET(obj, {*values, *extra})
    _SET_EXTRA(obj, extra)
    _SET_PRIVATE(obj, None)
    return obj
