"""Rasid (راصد): Arabic news in, coded, geocoded, source-attributed event data out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Document", "DocumentResult", "Event", "__version__", "extract", "process"]

if TYPE_CHECKING:
    from .model import Document, DocumentResult, Event
    from .pipeline import extract, process


def __getattr__(name: str) -> Any:
    # Imported lazily so that `rasid --help` does not pay for pydantic and the lexicons.
    if name in ("extract", "process"):
        from . import pipeline

        return getattr(pipeline, name)
    if name in ("Document", "DocumentResult", "Event"):
        from . import model

        return getattr(model, name)
    raise AttributeError(name)
