"""Events as a table a person reads (`--format table` of `rasid extract` and `rasid events`).

One row per event: date, type, place, actors, toll, certainty, and the evidence sentence with its
trigger words highlighted (and the actors' and the place's words marked). In a terminal the
highlights are colours; written to a file or a pipe, where colours are lost, the trigger words
stand between ⟦ ⟧ so they can still be seen.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

_TRIGGER_STYLE = "bold red"
_ACTOR_STYLE = "cyan"
_PLACE_STYLE = "green"
_WIDE = 200  # columns of a table written to a file or pipe (a terminal gives its own width)


def console(out: TextIO) -> Console:
    """A rich console writing to `out`: the terminal's width and colours, else wide and plain."""
    from rich.console import Console

    tty = out.isatty()
    return Console(file=out, width=None if tty else _WIDE, no_color=not tty, highlight=False,
                   soft_wrap=False, emoji=False)


def _name(span: dict[str, Any] | None) -> str:
    return (span.get("name") or span.get("text") or "") if span else ""


def _type(rec: dict[str, Any]) -> str:
    head = rec["plover"] + (f" ({rec['plover_mode']})" if rec.get("plover_mode") else "")
    acled = rec.get("acled_sub_event_type") or rec.get("acled_event_type")
    return f"{head}\n{acled}" if acled else head


def _place(rec: dict[str, Any]) -> str:
    loc = rec.get("location")
    if not loc:
        return ""
    from .text import latin_key

    name = _name(loc)
    parts = [name] + [p for p in (loc.get("admin1"), loc.get("country")) if p and latin_key(p) not in latin_key(name)]
    return ", ".join(p for p in parts if p)


def _actors(rec: dict[str, Any]) -> str:
    a1 = _name(rec.get("actor1"))
    with_ = [_name(a) for a in rec.get("actor1_associates") or []]
    if with_:
        a1 = f"{a1} (with {', '.join(with_)})"
    a2 = _name(rec.get("actor2"))
    if a1 and a2:
        return f"{a1} → {a2}"
    return a1 or (f"→ {a2}" if a2 else "")


def _toll(rec: dict[str, Any]) -> str:
    return ", ".join(f"{rec[k]} {word}" for k, word in (("fatalities", "killed"), ("injured", "injured"),
                                                        ("arrested", "arrested")) if rec.get(k) is not None)


def _certainty(rec: dict[str, Any]) -> str:
    certainty = rec.get("certainty") or "asserted"
    by = (rec.get("claimed_by") or {}).get("text")
    return f"{certainty} by {by}" if by and certainty != "asserted" else certainty


def evidence_text(rec: dict[str, Any], plain: bool = False) -> Text:
    """The evidence sentence with the trigger (and the actors' and place's words) styled; `plain`
    also puts the trigger words between ⟦ ⟧."""
    from rich.text import Text

    ev = rec.get("evidence") or {}
    sentence, base = ev.get("text") or "", ev.get("start") or 0
    marks = []  # (start, end, style) within the sentence
    spans = [(ev.get("trigger"), _TRIGGER_STYLE), (rec.get("location"), _PLACE_STYLE),
             (rec.get("actor1"), _ACTOR_STYLE), (rec.get("actor2"), _ACTOR_STYLE)]
    for span, style in spans:
        if not span or span.get("start") is None:
            continue
        start, end = span["start"] - base, span["end"] - base
        if 0 <= start < end <= len(sentence) and sentence[start:end] == span.get("text"):
            marks.append((start, end, style))
    trigger = next(((s, e) for s, e, style in marks if style == _TRIGGER_STYLE), None)
    if plain and trigger:
        s, e = trigger
        sentence = f"{sentence[:s]}⟦{sentence[s:e]}⟧{sentence[e:]}"
        marks = [(a + (a >= s) + (a >= e), b + (b > s) + (b > e), style) for a, b, style in marks]
    text = Text(sentence)
    for start, end, style in marks:
        text.stylize(style, start, end)
    return text


def event_table(records: Iterable[tuple[dict[str, Any], str | None]], title: str | None = None,
                plain: bool = False) -> Table:
    """A table of event records, each with the day shown when the record has no date of its own."""
    from rich.table import Table

    table = Table(title=title, show_lines=True, title_justify="left", expand=True)
    for name, kw in (("date", {"no_wrap": True}), ("type", {}), ("place", {"max_width": 30}),
                     ("actors", {"max_width": 40}), ("toll", {}), ("certainty", {"max_width": 20}),
                     ("evidence", {"ratio": 1, "min_width": 40})):
        table.add_column(name, **kw)  # type: ignore[arg-type]
    for rec, day in records:
        table.add_row(rec.get("date") or day or "", _type(rec), _place(rec), _actors(rec), _toll(rec),
                      _certainty(rec), evidence_text(rec, plain))
    return table
