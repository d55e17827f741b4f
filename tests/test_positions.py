"""`rasid.positions` finds what `bisect` finds, in either build (compiled: its own loops; pure: bisect's)."""

from __future__ import annotations

import bisect

from hypothesis import given
from hypothesis import strategies as st

from rasid import positions

OFFSETS = st.lists(st.integers(min_value=-5, max_value=60), max_size=40).map(sorted)


@given(OFFSETS, st.integers(min_value=-10, max_value=70))
def test_bisection_is_bisects(a: list[int], x: int) -> None:
    assert positions.bisect_left(a, x) == bisect.bisect_left(a, x)
    assert positions.bisect_right(a, x) == bisect.bisect_right(a, x)


def test_the_build_runs_its_faster_bisection() -> None:
    # compiled: the module's native loops; interpreted: the C functions of `bisect`
    assert (positions.bisect_left is bisect.bisect_left) != positions.COMPILED
    assert (positions.bisect_right is bisect.bisect_right) != positions.COMPILED
