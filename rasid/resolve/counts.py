"""Counts: fatalities, injured and arrested."""

from __future__ import annotations

from ..analysis import Analysis, Mention


def resolve_counts(an: Analysis, mentions: list[Mention]) -> None:
    """Fill `fatalities`, `injured` and `arrested` of every mention."""
