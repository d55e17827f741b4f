"""Dates: when each event happened, resolved against the publication date."""

from __future__ import annotations

from ..analysis import Analysis, Mention


def resolve_dates(an: Analysis, mentions: list[Mention]) -> None:
    """Fill `date` and `time_precision` of every mention."""
