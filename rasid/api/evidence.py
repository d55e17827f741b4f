"""What the dashboard's evidence view highlights in an event's sentence, as document offsets.

Everything comes from the stored EVENT record, as the pipeline wrote it; nothing is re-run. The
contract's spans are used as they are: the trigger, the actors, the place, the claim source, and
every field named `*_span` under its name without the suffix: `date_span` (the words that gave the
date), `fatalities_span`, `injured_span` and `arrested_span` (the words of each figure, digits or
number words such as 'ثلاثة'). A span of a merged event may lie in another sentence of the document:
it is listed all the same (document offsets); the dashboard marks what falls in the sentence.

Other numerals of the sentence (digits, Arabic-Indic ones included, outside those spans) are
marked as `number`: found by a regular expression over the sentence's own characters.
"""

from __future__ import annotations

import re
from typing import Any, TypeGuard

from pydantic import BaseModel

_SPAN_FIELDS = ("actor1", "actor2", "location", "claimed_by")
_NUMERAL = re.compile(r"\d+(?:[.,\u066b\u066c]\d+)*")  # \d: every decimal digit, '٣' as well as '3'


class Highlight(BaseModel):
    role: str
    start: int
    end: int
    text: str


def _is_span(value: Any) -> TypeGuard[dict[str, Any]]:
    return isinstance(value, dict) and isinstance(value.get("start"), int) and isinstance(value.get("end"), int)


def highlights(record: dict[str, Any]) -> list[Highlight]:
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
    marked = []  # the figures' and the date's words: their numerals are marked already
    for key, value in record.items():
        if key.endswith("_span") and _is_span(value):
            found.append(Highlight(role=key[:-5], start=value["start"], end=value["end"], text=value.get("text", "")))
            marked.append((value["start"], value["end"]))
    found.extend(_other_numbers(evidence, marked))
    return found


def _other_numbers(evidence: dict[str, Any], marked: list[tuple[int, int]]) -> list[Highlight]:
    sentence = evidence.get("text") or ""
    base = evidence.get("start", 0)
    out = []
    for m in _NUMERAL.finditer(sentence):
        start, end = base + m.start(), base + m.end()
        if not any(a < end and start < b for a, b in marked):
            out.append(Highlight(role="number", start=start, end=end, text=m.group()))
    return out
