"""What the store accepts: a document and its result made storable before they are written, and
what a record the database still refuses is called.

Every database has limits a careless or hostile input reaches easily: PostgreSQL refuses a NUL
character in text and a number beyond its 4-byte integer, SQLite one beyond 8 bytes, and both
refuse a value longer than its column. One such record must not stop a run, so both write paths
(`Store.add` and `rasid.store.bulk`) store what `storable` returns, which changes only what no
database could keep, and says what it changed (the notes go to the document's warnings and are
reported by `rasid ingest`):

- a NUL in any text becomes a space and a lone surrogate U+FFFD, so every span keeps its offsets;
- a count (fatalities, injured, arrested) over `MAX_COUNT` is not a toll but a misread number (a
  phone number, a sum of money, 'مقتل 999999999999 شخص'): it is left out, with its span;
- a URL longer than its column is dropped (a cut URL would point elsewhere and could collide with
  another document's), an id or an outlet longer than its column is cut.

A record the database refuses even so is `Refused`: reported with its id and the reason, skipped,
and the rest stored.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

from sqlalchemy.exc import SQLAlchemyError

from ..contract import Document, DocumentResult

# The largest figure kept as a count. The deadliest single events on record killed a few hundred
# thousand; ten million leaves room for any toll ever reported and is far below the databases'
# integers (PostgreSQL's INTEGER ends at 2,147,483,647).
MAX_COUNT = 10_000_000
MAX_URL = 2000  # the documents.url column
MAX_ID = 500  # documents.source_id
MAX_OUTLET = 500  # documents.outlet
COUNTS = ("fatalities", "injured", "arrested")

# What the database (or its driver, before it) raises for one document's values: that document is
# refused and the others stored. Not Rasid's own bugs (TypeError, KeyError, ...), which still stop.
STORE_ERRORS = (SQLAlchemyError, OverflowError, UnicodeError)

_BAD = re.compile("[\x00\ud800-\udfff]")
_Model = TypeVar("_Model", Document, DocumentResult)


class Refused(Exception):
    """A document the database would not store: `reason` says why (the driver's first line)."""

    def __init__(self, doc_id: str, reason: str) -> None:
        super().__init__(f"{doc_id}: not stored: {reason}")
        self.doc_id, self.reason = doc_id, reason


def reason(error: BaseException) -> str:
    """The first line of what the database (or its driver) said, without SQLAlchemy's wrapping."""
    orig = getattr(error, "orig", None) or error
    lines = str(orig).strip().splitlines()
    return f"{type(orig).__name__}: {lines[0] if lines else ''}"[:300]


def clean_text(value: str) -> str:
    """NUL as a space, lone surrogates as U+FFFD: what every database stores, at the same offsets."""
    if not _BAD.search(value):
        return value
    return _BAD.sub(lambda m: " " if m.group() == "\x00" else "\ufffd", value)


def _clean(value: Any) -> Any:
    """`clean_text` on every string of a JSON-like value (keys too)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _has_bad(value: Any) -> bool:
    """Does any string of a JSON-like value hold a NUL or a lone surrogate? (Most documents: no,
    found without rebuilding anything, and walked without a call per value: a result has
    thousands of them, and ingest spent a tenth of its time here.)"""
    strings: list[str] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            strings.append(item)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return _BAD.search("".join(strings)) is not None  # the marks are single code points: joining makes none


def _maybe_bad(model: _Model) -> bool:
    """False when the model surely holds no NUL or lone surrogate: its JSON (pydantic's own
    serialiser, a tenth of the cost of walking its values in Python) has no escaped NUL, and a
    surrogate cannot be written as UTF-8 at all. True sends it to the exact check."""
    try:
        return "\\u0000" in model.model_dump_json()
    except ValueError:  # PydanticSerializationError: a lone surrogate
        return True


def _cleaned(model: _Model, notes: list[str]) -> _Model:
    if not _maybe_bad(model):
        return model
    data = model.model_dump(mode="python")
    if not _has_bad(data):
        return model
    clean = _clean(data)
    note = "NUL characters or lone surrogates in the text: replaced (NUL by a space, surrogates by U+FFFD)"
    if note not in notes:
        notes.append(note)
    return type(model).model_validate(clean)


def storable_document(doc: Document) -> tuple[Document, list[str]]:
    """The document as the store keeps it, and what had to change (see the module docstring)."""
    notes: list[str] = []
    doc = _cleaned(doc, notes)
    changes: dict[str, Any] = {}
    if doc.url and len(doc.url) > MAX_URL:
        changes["url"] = None
        notes.append(f"URL of {len(doc.url):,} characters (over {MAX_URL:,}): left out")
    if len(doc.id) > MAX_ID:
        changes["id"] = doc.id[:MAX_ID]
        notes.append(f"id of {len(doc.id):,} characters: cut to {MAX_ID}")
    if doc.outlet and len(doc.outlet) > MAX_OUTLET:
        changes["outlet"] = doc.outlet[:MAX_OUTLET]
        notes.append(f"outlet of {len(doc.outlet):,} characters: cut to {MAX_OUTLET}")
    return (doc.model_copy(update=changes) if changes else doc), notes


def storable_result(result: DocumentResult, notes: list[str]) -> tuple[DocumentResult, list[str]]:
    """The result with every text cleaned and every count outside 0 to MAX_COUNT left out; `notes`
    (of its document) and what changed here, which are added to the result's warnings (stored with
    the document)."""
    notes = list(notes)
    result = _cleaned(result, notes)
    events, changed = [], False
    for ev in result.events:
        changes: dict[str, Any] = {}
        for name in COUNTS:
            value = getattr(ev, name)
            if value is not None and not 0 <= value <= MAX_COUNT:
                changes.update({name: None, f"{name}_span": None})
                notes.append(f"{name} {value} is not a count (outside 0 to {MAX_COUNT:,}): left out")
        changed = changed or bool(changes)
        events.append(ev.model_copy(update=changes) if changes else ev)
    if changed:
        result = result.model_copy(update={"events": events})
    if notes:
        result = result.model_copy(update={"warnings": [*result.warnings, *notes]})
    return result, notes
