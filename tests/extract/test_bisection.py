"""Bisection as the compiled core does it: the answers of :mod:`bisect`."""

from __future__ import annotations

import bisect
import sys
import types
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from mubiao.extract import bisection


def _loops() -> types.ModuleType:
    """The module run as the compiled core runs it, without :mod:`bisect`'s functions in place of
    its loops (a module with no ``__file__``): where this checkout runs as Python, the loops are
    otherwise never called."""
    source = Path(bisection.__file__).with_name("bisection.py")
    module = types.ModuleType("_bisection_loops")
    sys.modules[module.__name__] = module
    try:
        exec(compile(source.read_text(encoding="utf-8"), str(source), "exec"), module.__dict__)
    finally:
        del sys.modules[module.__name__]
    return module


LOOPS = _loops()
_SORTED = st.lists(st.integers(-5, 30), max_size=40).map(sorted)


def test_the_loops_are_not_bisect() -> None:
    assert LOOPS.bisect_left is not bisect.bisect_left
    assert LOOPS.bisect_right is not bisect.bisect_right


@given(_SORTED, st.integers(-8, 33), st.integers(0, 45))
def test_bisect_left_agrees_with_bisect(a: list[int], x: int, lo: int) -> None:
    for module in (bisection, LOOPS):
        assert module.bisect_left(a, x) == bisect.bisect_left(a, x)
        assert module.bisect_left(a, x, lo) == bisect.bisect_left(a, x, lo)


@given(_SORTED, st.integers(-8, 33), st.integers(0, 45))
def test_bisect_right_agrees_with_bisect(a: list[int], x: int, lo: int) -> None:
    for module in (bisection, LOOPS):
        assert module.bisect_right(a, x) == bisect.bisect_right(a, x)
        assert module.bisect_right(a, x, lo) == bisect.bisect_right(a, x, lo)
