"""Claims: who says so (claimed_by) and how sure (certainty)."""

from __future__ import annotations

from ..analysis import Analysis, Mention


def resolve_claims(an: Analysis, mentions: list[Mention]) -> None:
    """Fill `claimed_by` and `certainty` of every mention."""
