"""Contract records (`model.py`) built on the per-document path without a second validation.

Compiled with the other hot modules (mypyc); `model.py`, the pydantic classes, cannot be.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

R = TypeVar("R", bound=BaseModel)
_new = object.__new__  # what BaseModel.__new__ is (pydantic defines none)
_set = object.__setattr__


def record(cls: type[R], values: dict[str, Any]) -> R:
    """A record of `cls` from `values` the pipeline has already made right: every field, in field
    order, of the field's type.

    WHY: the pipeline builds four or five records per document (the result, events, actors,
    places), and each entry into pydantic's validator costs several microseconds, cold in the CPU's
    caches between stages: about an eighth of extraction, checking nothing that the code building
    the values does not already guarantee. This sets the state `model_construct` sets, without its
    per-field loop. tests/test_model.py revalidates every record the pipeline makes on the
    development set and the worked example."""
    obj = _new(cls)
    _set(obj, "__dict__", values)
    _set(obj, "__pydantic_fields_set__", set(values))
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", None)
    return obj
