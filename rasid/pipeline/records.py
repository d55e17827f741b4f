"""Contract records (`contract.py`) built on the per-document path without a second validation.

Compiled with the other hot modules (mypyc); `contract.py`, the pydantic classes, cannot be.

This relies on pydantic's private instance layout (v2: `__dict__`, `__pydantic_fields_set__`,
`__pydantic_extra__`, `__pydantic_private__`), which is not public API: pyproject.toml pins pydantic
to its major version (`>=2.5,<3`), and tests/test_contract.py fails if a release changes what a
model instance holds (it compares every record of the worked example with `model_construct`'s).
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from ..contract import Document

R = TypeVar("R", bound=BaseModel)
_new = object.__new__  # what BaseModel.__new__ is (pydantic defines none)
# The setters of a model instance's four slots, bound once: each sets its slot in one call, where
# `object.__setattr__` would look the name up among the class's attributes first (a record is
# made several times a document).
_SET_DICT = BaseModel.__dict__["__dict__"].__set__
_SET_FIELDS_SET = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_SET_EXTRA = BaseModel.__dict__["__pydantic_extra__"].__set__
_SET_PRIVATE = BaseModel.__dict__["__pydantic_private__"].__set__


def record(cls: type[R], values: dict[str, Any]) -> R:
    """A record of `cls` from `values` the pipeline has already made right: every field, in field
    order, of the field's type.

    WHY: the pipeline builds four or five records per document (the result, events, actors,
    places), and each entry into pydantic's validator costs several microseconds, cold in the CPU's
    caches between stages: about an eighth of extraction, checking nothing that the code building
    the values does not already guarantee. This sets the state `model_construct` sets, without its
    per-field loop. tests/test_contract.py revalidates every record the pipeline makes on the
    development set and the worked example, and checks the state set here is `model_construct`'s."""
    obj = _new(cls)
    _SET_DICT(obj, values)
    _SET_FIELDS_SET(obj, set(values))
    _SET_EXTRA(obj, None)
    _SET_PRIVATE(obj, None)
    return obj


def document(values: dict[str, str | None], extra: dict[str, Any]) -> Document:
    """A `Document` of `values` (its six fields, in field order, each a str or None, `text` a str)
    and `extra` (the input record's other fields), with the state `Document.model_validate` gives:
    extra fields are kept as they are, and every name given counts as set.

    WHY: every JSON line or CSV row read is validated, where the reader (`inputs._record`) has
    already made each field a string: about 4 µs per document, a few percent of an end-to-end run,
    checking nothing. tests/test_contract.py compares the two on records of every shape."""
    obj = _new(Document)
    _SET_DICT(obj, values)
    _SET_FIELDS_SET(obj, {*values, *extra})
    _SET_EXTRA(obj, extra)
    _SET_PRIVATE(obj, None)
    return obj
