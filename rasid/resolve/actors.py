"""Actors and roles: who did it (actor1) and to whom (actor2)."""

from __future__ import annotations

from ..analysis import Analysis, Mention


def resolve_actors(an: Analysis, mentions: list[Mention]) -> None:
    """Fill `actor1` and `actor2` of every mention."""
