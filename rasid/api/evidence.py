"""What the dashboard's evidence view highlights in an event's sentence, as document offsets.

The contract's spans (trigger, actors, place, claim source) are used as they are. The contract has no
span for numbers or the date, so the numerals of the sentence are found through the project's own
text layer (Arabic-Indic digits fold to ASCII with a map back to original offsets) and named after the
count they equal, and the date expressions are found by the date resolver's own cue finder over the
sentence, marked when they resolve to the event's date. Any extension field shaped like a span and named `*_span` (e.g. a future `date_span`)
is highlighted under its name, so richer resolvers show up without a change here.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, TypeGuard

from pydantic import BaseModel

from ..text import normalise

_SPAN_FIELDS = ("actor1", "actor2", "location", "claimed_by")
_COUNTS = ("fatalities", "injured", "arrested")
_NUMERAL = re.compile(r"\d+(?:[.,]\d+)?")


class Highlight(BaseModel):
    role: str
    start: int
    end: int
    text: str


def _is_span(value: Any) -> TypeGuard[dict[str, Any]]:
    return isinstance(value, dict) and isinstance(value.get("start"), int) and isinstance(value.get("end"), int)


def highlights(record: dict[str, Any], published: dt.date | None = None) -> list[Highlight]:
    """Every highlight of one EVENT record (document offsets; the sentence is evidence.start..end)."""
    evidence = record["evidence"]
    found: list[Highlight] = []
    trigger = evidence.get("trigger")
    if _is_span(trigger):
        found.append(Highlight(role="trigger", start=trigger["start"], end=trigger["end"], text=trigger["text"]))
    for key in _SPAN_FIELDS:
        span = record.get(key)
        if _is_span(span):
            found.append(Highlight(role=key, start=span["start"], end=span["end"], text=span.get("text", "")))
    for key, value in record.items():
        if key.endswith("_span") and _is_span(value):
            found.append(Highlight(role=key[:-5], start=value["start"], end=value["end"], text=value.get("text", "")))
    found.extend(_numbers(evidence, record))
    found.extend(_dates(evidence, record, published))
    return found


def _dates(evidence: dict[str, Any], record: dict[str, Any], published: dt.date | None) -> list[Highlight]:
    """Date expressions of the sentence that resolve to the event's date ('أمس', 'الأحد', '20 يناير')."""
    if not record.get("date") or published is None:
        return []
    from ..pipeline.analysis import Analysis
    from ..pipeline.dates import find_dates

    an = Analysis(evidence.get("text") or "", published)
    base = evidence.get("start", 0)
    out = []
    for cue in find_dates(an)[0]:
        if cue.date is not None and cue.date.isoformat() == record["date"]:
            span = an.span(cue.start, cue.end)
            out.append(Highlight(role="date", start=base + span.start, end=base + span.end, text=span.text))
    return out


def _numbers(evidence: dict[str, Any], record: dict[str, Any]) -> list[Highlight]:
    sentence = evidence.get("text") or ""
    base = evidence.get("start", 0)
    nt = normalise(sentence)
    counts = {record.get(k): k for k in _COUNTS if isinstance(record.get(k), int)}
    out = []
    for m in _NUMERAL.finditer(nt.norm):
        start, end = nt.to_original(m.start(), m.end())
        try:
            value: int | None = int(m.group().replace(",", "").split(".")[0])
        except ValueError:
            value = None
        out.append(Highlight(role=counts.get(value, "number"), start=base + start, end=base + end,
                             text=sentence[start:end]))
    return out
