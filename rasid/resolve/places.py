"""Places: where each event happened, resolved to coordinates with ACLED geo_precision."""

from __future__ import annotations

from ..analysis import Analysis, Mention


def resolve_places(an: Analysis, mentions: list[Mention]) -> None:
    """Fill `location` of every mention."""
