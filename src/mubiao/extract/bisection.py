"""Bisection over sorted lists of offsets, as :mod:`bisect` does it, for the compiled core.

The scanner's events are lists of offsets that every sentence bisects several times.  Through
:mod:`bisect` each step of the search compares two Python integers by the generic protocol and
each call goes through the generic calling convention; compiled by mypyc, the loop below compares
machine integers and is called directly: about a fifth of the instructions.  Where this module runs
as Python, the names are :mod:`bisect`'s own C functions, which are faster there.
"""

from __future__ import annotations

import bisect
import sys

__all__ = ["bisect_left", "bisect_right"]


def bisect_left(a: list[int], x: int, lo: int = 0) -> int:
    """The first index ``i >= lo`` with ``a[i] >= x`` (``len(a)`` if none), as :func:`bisect.bisect_left`."""
    hi = len(a)
    while lo < hi:
        mid = (lo + hi) >> 1
        if a[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def bisect_right(a: list[int], x: int, lo: int = 0) -> int:
    """The first index ``i >= lo`` with ``a[i] > x`` (``len(a)`` if none), as :func:`bisect.bisect_right`."""
    hi = len(a)
    while lo < hi:
        mid = (lo + hi) >> 1
        if x < a[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo


if getattr(sys.modules[__name__], "__file__", "").endswith(".py"):
    # running as Python (no compiled core): the C functions win there
    globals().update(bisect_left=bisect.bisect_left, bisect_right=bisect.bisect_right)
