"""Extraction does work in proportion to its input, whatever the input.

The work is counted, not timed, two ways: every call of a Python function and of a built-in made
while a document is extracted, and the characters given to the regular expressions of extraction to
search (the span between ``pos`` and ``endpos`` of each ``search``, ``finditer``, ``findall``,
``sub`` and ``split``): a pattern searched over the rest of a line for each figure in it costs one
call per figure, but characters by the square of the line.  A text four times as long may cost a
little more than four times as much (its lines hold more of everything), never sixteen times.
Timings of the same inputs are in benchmarks/speed_bench.py.
"""

from __future__ import annotations

import re
import sys
from types import FrameType
from typing import Any

import pytest

import mubiao

# a text four times as long costs at most this many times as much
_GROWTH = 4 * 1.3


class _Counted:
    """A compiled pattern that adds the characters it is given to search to a tally."""

    def __init__(self, pattern: re.Pattern[str], tally: list[int]) -> None:
        self._p = pattern
        self._tally = tally

    def __getattr__(self, name: str) -> Any:
        return getattr(self._p, name)

    def _add(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> None:
        self._tally[0] += max(0, min(endpos, len(string)) - max(pos, 0))

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        self._add(string, pos, endpos)
        return self._p.search(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        self._add(string, pos, endpos)
        return self._p.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        self._add(string, pos, endpos)
        return self._p.findall(string, pos, endpos)

    def sub(self, repl: Any, string: str, count: int = 0) -> Any:
        self._add(string)
        return self._p.sub(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> Any:
        self._add(string)
        return self._p.split(string, maxsplit)

    # a match reads from one place as far as it needs: the call is counted, not the rest of the text
    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        return self._p.match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        self._add(string, pos, endpos)
        return self._p.fullmatch(string, pos, endpos)


@pytest.fixture
def tally(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Characters searched by the module-level patterns of extraction, counted while the test runs."""
    counted = [0]
    for name, module in list(sys.modules.items()):
        if name.startswith("mubiao.extract") and module is not None:
            for attr, value in list(vars(module).items()):
                if isinstance(value, re.Pattern):
                    monkeypatch.setattr(module, attr, _Counted(value, counted))
    return counted


def _work(text: str, tally: list[int]) -> tuple[int, int, int]:
    """Calls made and characters searched extracting ``text``, and the statements made."""
    doc = mubiao.read_text(text)
    calls = 0

    def count(_frame: FrameType, event: str, _arg: Any) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    tally[0] = 0
    sys.setprofile(count)
    try:
        statements = mubiao.extract(doc)
    finally:
        sys.setprofile(None)
    return calls, tally[0], len(statements)


@pytest.mark.parametrize(
    ("unit", "n"),
    [
        ("地区生产总值增长5%左右", 300),  # a long line without punctuation
        ("地区生产总值增长5%左右，", 300),  # a run of clauses
        ("，", 5000),  # commas alone
        ("增长5%，", 500),
        ("1", 5000),  # a run of digits
        ("1,234", 1000),  # digits grouped by commas
        ("1.2", 1000),
        ("（", 2000),  # brackets opened, never closed
        ("（增长5%", 300),
        ("（增长5%）", 300),
        ("“目标5%", 300),  # quotations opened, never closed
        ("力争将要", 1000),  # cue words and nothing else
    ],
)
def test_work_grows_linearly(unit: str, n: int, tally: list[int]) -> None:
    # the work of a one-character document is counted off: the ratio is that of the text's own work
    floor = _work("无", tally)
    small = _work(unit * n, tally)
    large = _work(unit * 4 * n, tally)
    for what, f, a, b in zip(
        ("calls", "characters searched", "statements"), floor, small, large, strict=True
    ):
        assert b - f <= _GROWTH * max(a - f, 1), what


def test_the_counter_sees_quadratic_work() -> None:
    """The counter is not blind: work that grows with the square of the input shows."""

    def quadratic(text: str) -> None:
        for i in range(len(text)):
            for _ in text[:i]:
                len("")

    calls = []
    for n in (50, 200):
        count = 0

        def counter(_frame: FrameType, event: str, _arg: Any) -> None:
            nonlocal count
            if event in ("call", "c_call"):
                count += 1

        sys.setprofile(counter)
        try:
            quadratic("x" * n)
        finally:
            sys.setprofile(None)
        calls.append(count)
    assert calls[1] > _GROWTH * calls[0]
