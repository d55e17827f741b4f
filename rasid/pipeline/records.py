"""The pipeline's records (`plain.py`: the contract's records without pydantic), built without a
second validation.

Compiled with the other hot modules (mypyc). The public API turns a result into the contract's
pydantic models at the end (`contract.from_plain`).
"""

from __future__ import annotations

from typing import Any, TypeVar

from ..plain import Record

R = TypeVar("R", bound=Record)
_new = object.__new__
# The setter of a record's `__dict__`, bound once: it sets the fields in one call.
_SET_DICT = Record.__dict__["__dict__"].__set__


def record(cls: type[R], values: dict[str, Any]) -> R:
    """A record of `cls` from `values` the pipeline has already made right: every field, in field
    order, of the field's type.

    WHY: the pipeline builds four or five records per document (the result, events, actors,
    places), and validating each checked nothing that the code building the values does not
    already guarantee. tests/test_contract.py validates every record the pipeline makes on the
    development set and the worked example."""
    obj = _new(cls)
    _SET_DICT(obj, values)
    return obj
