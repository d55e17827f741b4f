"""Stage contracts: what each step of the pipeline reads and what it fills.

On the model of spaCy's `requires`/`assigns`, every step of the pipeline is a `Stage` that names
the fields it reads (`requires`) and the fields it fills (`assigns`): fields of the `Analysis`
('analysis.layout', 'analysis.mentions') and of its mentions ('mention.location'). Each stage
module exports its `Stage` next to its function (`places.PLACES` next to `resolve_places`), and
`run.STAGES` holds them in the order they run:

    layout → detect → gate → places → actors → dates → counts → claims → background → merge → consolidate → assemble

When run.py is imported, `check` walks that order once: every declared name must be a field of
`Analysis` or `Mention`, and every field a stage requires must have been assigned by a stage before
it, or belong to the text layer that the `Analysis` constructor builds (`TEXT_LAYER`). Otherwise the
import fails with a `StageError` naming the stage and the field. Nothing is checked per document.

What a stage declares: every field of a mention it reads or fills, and the fields of the analysis
beyond its text (`text`, `nt`, `norm`, `sentences`, `tokens` and the lexicon matches are read by every stage
and not repeated). A field a stage reads only after filling it itself (counts comparing a figure with
the one it already set) is not required.

Adding a stage: write a function `(an: Analysis) -> None` in its module, declare its `Stage` there,
and put it into `run.STAGES` at its place; the import tells at once whether what it reads is filled
by then. A field it fills becomes a typed attribute of `Mention` (or `Analysis`), with a comment
naming the stage, and an entry of that class's `__slots__`. For example:
- a trained gate that keeps or drops detected mentions goes right after `detect.DETECT`: it requires
  the trigger fields detection assigns and assigns 'analysis.mentions', and the resolvers then spend
  no time on what it drops;
- the document-level merger (`consolidate.CONSOLIDATE`) goes after the resolvers, after
  `assemble.MERGE` and before `assemble.ASSEMBLE`: it requires the fields it compares and assigns
  'analysis.mentions'.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from .analysis import Analysis, Mention


@dataclass(frozen=True, slots=True)
class Stage:
    """One step of the pipeline: `run` reads the fields `requires` names and fills those `assigns` names
    ('analysis.FIELD' or 'mention.FIELD')."""

    name: str
    run: Callable[[Analysis], None]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()


class StageError(Exception):
    """Stages that do not fit together: a field required before any stage assigns it, or a name that
    is not a field. Raised when the pipeline is imported, never while it runs."""


# What the Analysis constructor builds before any stage runs.
TEXT_LAYER: Final = ("analysis.text", "analysis.published", "analysis.warnings", "analysis.nt", "analysis.norm",
                     "analysis.sentences", "analysis.tokens")
_OWNERS: Final[dict[str, type]] = {"analysis": Analysis, "mention": Mention}


def check(stages: tuple[Stage, ...]) -> tuple[Stage, ...]:
    """`stages` if they fit together in this order, else a `StageError` that says why."""
    for field in TEXT_LAYER:
        _check_field(field, "the text layer")
    filled = set(TEXT_LAYER)
    names: set[str] = set()
    for i, stage in enumerate(stages):
        if stage.name in names:
            raise StageError(f"two stages are named {stage.name!r}")
        names.add(stage.name)
        for field in stage.requires + stage.assigns:
            _check_field(field, f"stage {stage.name!r}")
        missing = [f for f in stage.requires if f not in filled]
        if missing:
            raise StageError("; ".join(_missing(stage, f, stages[i + 1:]) for f in missing))
        filled.update(stage.assigns)
    return stages


def _missing(stage: Stage, field: str, later: tuple[Stage, ...]) -> str:
    after = [s.name for s in later if field in s.assigns]
    where = f"{after[0]!r} assigns it, but runs after {stage.name!r}" if after else "no stage assigns it"
    return f"stage {stage.name!r} requires {field!r}, which no stage before it assigns ({where})"


def _check_field(field: str, who: str) -> None:
    owner, _, attr = field.partition(".")
    cls = _OWNERS.get(owner)
    if cls is None or not attr:
        raise StageError(f"{who} declares {field!r}: write 'analysis.FIELD' or 'mention.FIELD'")
    # a field is a data attribute of the class: a slot (or, compiled, a native attribute), not a method
    if attr.startswith("_") or not hasattr(cls, attr) or callable(getattr(cls, attr)):
        raise StageError(f"{who} declares {field!r}, but {cls.__name__} has no field {attr!r}")
