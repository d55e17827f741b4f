"""`rasid extract`'s JSON lines, written field by field: in the compiled build, faster than the `json`
module's encoder.

WHY: compiled (mypyc), this writer makes a line in about two thirds of the time of the `json`
module's C encoder that `plain.json_line` uses (which calls back into Python for each record and
escapes each key again for every record): writing the lines was about 6% of a compiled run of
`rasid extract`. Interpreted, the C encoder is the faster, so the pure build keeps it
(`line_writer`). Both write the same bytes, pydantic's (tests/test_contract.py): strings escaped by
the same function as the encoder's (`json.encoder.encode_basestring`), and anything this writer does
not write exactly as pydantic does (a float in exponent notation or not finite, an integer where the
contract has a float, a type of value records never hold) is left to pydantic (None).
"""

from __future__ import annotations

from collections.abc import Callable
from json.encoder import encode_basestring  # type: ignore[attr-defined]  # (the C function, when there is one)
from typing import Any, Final

from .plain import Location, Record, plain_coordinates

# Whether this module runs compiled (an extension module) rather than from its source.
COMPILED: Final = not __file__.endswith(".py")
# Each field name as a JSON key with its colon, made once.
_KEYS: Final[dict[str, str]] = {}


class _Unusual(Exception):
    """A value this writer does not write as pydantic does."""


def line_writer() -> Callable[[Any], bytes | None]:
    """The faster writer of a result's JSON line for this build: this module's compiled, else
    `plain.json_line` (the `json` module's encoder)."""
    if COMPILED:
        return json_line
    from .plain import json_line as encoded

    return encoded


def json_line(result: Record) -> bytes | None:
    """The result as pydantic's `model_dump_json` writes it, in UTF-8; None when a value is written
    otherwise there (then ask pydantic)."""
    out: list[str] = []
    try:
        _record(result, out)
    except _Unusual:
        return None
    return "".join(out).encode("utf-8")


def _record(record: Record, out: list[str]) -> None:
    # (only a location has coordinates to ask `plain_coordinates` about: a call into interpreted code
    # saved for every other record, a dozen per event)
    if type(record) is Location and not plain_coordinates(record):
        raise _Unusual
    fields: dict[str, Any] = record.__dict__
    sep = "{"
    for name, value in fields.items():
        key = _KEYS.get(name)
        if key is None:
            key = _KEYS[name] = encode_basestring(name) + ":"
        out.append(sep)
        out.append(key)
        _value(value, out)
        sep = ","
    out.append("}" if sep == "," else "{}")


def _value(value: Any, out: list[str]) -> None:
    if type(value) is str:
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif type(value) is int:
        out.append(str(value))  # (an int exactly: its repr, without looking up `int.__repr__` at each call)
    elif type(value) is list:
        sep = "["
        for item in value:
            out.append(sep)
            _value(item, out)
            sep = ","
        out.append("]" if sep == "," else "[]")
    elif isinstance(value, Record):
        _record(value, out)
    elif type(value) is float:
        text = repr(value)
        if not text.replace("-", "").replace(".", "").isdigit():  # (exponent notation, not finite)
            raise _Unusual
        out.append(text)
    else:
        raise _Unusual
