"""Where an offset falls in a sorted list of offsets: `bisect_left` and `bisect_right` of the
`bisect` module, for lists of ints (token starts and ends, clause breaks, match starts).

WHY a module of its own: compiled code calls `bisect`'s C functions as it calls any Python callable
(arguments packed and parsed, every comparison a rich comparison of int objects), over 600 machine
instructions a call, and the pipeline makes some 150,000 such calls per copy of the GSR development
set. Compiled by mypyc, the loops below are native functions that other compiled modules call
directly, comparing unboxed ints: about 240 instructions a call. Interpreted, the loops would be
the slower, so the pure build binds these names to `bisect`'s own functions (the same results: both
find the first place where the offset would keep the list sorted, before or after equal items).
"""

from __future__ import annotations

import bisect
from typing import Final

# Whether this module runs compiled (an extension module) rather than from its source.
COMPILED: Final = not __file__.endswith(".py")


def bisect_left(a: list[int], x: int) -> int:
    """The index of the first item of the sorted list `a` that is not less than `x` (len(a) if none)."""
    lo = 0
    hi = len(a)
    while lo < hi:
        mid = (lo + hi) >> 1
        if a[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def bisect_right(a: list[int], x: int) -> int:
    """The index of the first item of the sorted list `a` that is greater than `x` (len(a) if none)."""
    lo = 0
    hi = len(a)
    while lo < hi:
        mid = (lo + hi) >> 1
        if x < a[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo


if not COMPILED:  # interpreted, the C functions are the faster (modules import these names after this runs)
    globals().update(bisect_left=bisect.bisect_left, bisect_right=bisect.bisect_right)
