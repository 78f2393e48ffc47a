"""Number parsing: precision limits and the cost of long digit runs."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mubiao.extract.numbers import MAX_SIGNIFICANT_DIGITS, find_mentions, overlong_numbers


def values(text: str) -> list[float]:
    return [m.value for m in find_mentions(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("123456789012345元", [123456789012345.0]),
        ("1234567890123456元", []),
        ("1,234,567,890,123.456亿元", []),  # 13 digits and three more of fraction
        ("0.000000000000000001%", [1e-18]),  # leading zeros are not significant
        ("1.500000000000000000%", [1.5]),  # nor trailing zeros of a fraction
        ("9" * 309 + "亿元", []),
        ("9" * 5000 + "亿元", []),
    ],
)
def test_numbers_beyond_float_precision_are_refused(text: str, expected: list[float]) -> None:
    assert values(text) == expected


def test_overlong_numbers_are_located() -> None:
    text = "地区生产总值" + "9" * 20 + "亿元，就业1,234,567,890,123,456人，增长5%"
    [(a, b), (c, d)] = overlong_numbers(text)
    assert text[a:b] == "9" * 20 and text[c:d] == "1,234,567,890,123,456"
    assert overlong_numbers("增长5.5%，" + "1" * MAX_SIGNIFICANT_DIGITS + "元") == []


@pytest.mark.parametrize("run", ["1479" * 2500, "九" * 10_000, "1,000" * 3000 + ",00"])
def test_a_long_run_costs_linear_time(run: str) -> None:
    started = time.perf_counter()
    find_mentions("地区生产总值" + run + "。增长5%")
    assert time.perf_counter() - started < 1.0


def test_a_number_inside_a_run_is_not_read_apart_from_it() -> None:
    # the run fails as a whole (no unit after it): no number starts in its middle
    assert values("编号20250108号") == []
    assert values("增长5%,6%") == [5.0, 6.0]


# -- where a mention cannot start ---------------------------------------------------------------------

# numerals, the characters that may follow them in a mention (units, scales, range signs, decimal
# points, spaces) and others that may not
_ALPHABET = "0123456789零〇一二两三四五六七八九十百千万亿点.,%‰-~至到—元人个项倍年月日季度米亩P台阶 \t\u3000、，。的统第"


def _never_skips_a_match(text: str) -> None:
    from mubiao.extract.numbers import _MENTION, _NUM_OPENERS, may_open_mention

    for end in (len(text), len(text) // 2):
        for o in _NUM_OPENERS.finditer(text, 0, end):
            if not may_open_mention(text, o.start(), o.end(), end):
                assert _MENTION.match(text, o.start(), end) is None, (text, o.start(), end)


@settings(max_examples=3000, derandomize=True, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_a_run_passed_over_would_not_have_matched(text: str) -> None:
    _never_skips_a_match(text)


@pytest.mark.parametrize(
    "text",
    [
        "三千瓦",
        "十万亩",
        "统一部署",
        "一千万元",
        "5 %",
        "5千瓦",
        "二〇二五年",
        "十四五时期",
        "3.5亿元",
        "1,234元",
        "三点五倍",
    ],
)
def test_a_run_passed_over_would_not_have_matched_in_words(text: str) -> None:
    _never_skips_a_match(text)


def test_a_run_passed_over_would_not_have_matched_in_the_samples() -> None:
    from pathlib import Path

    for f in sorted((Path(__file__).resolve().parents[2] / "samples").glob("*.txt")):
        _never_skips_a_match(f.read_text(encoding="utf-8"))
