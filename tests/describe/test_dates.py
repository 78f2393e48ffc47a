"""Delivery dates are found where the year's 年 stands, as a search of the whole head finds them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mubiao.describe.dates import _DATE, _date_matches
from mubiao.describe.head import read_head

_ALPHABET = "0123456789一二三四五六七八九十〇○零O年月日在会议上（）—— \n"


def _spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _date_matches(text)]


@settings(max_examples=2000, derandomize=True, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_dates_found_at_each_year_are_the_pattern_s_matches(text: str) -> None:
    assert _spans(text) == [m.span() for m in _DATE.finditer(text)]


@pytest.mark.parametrize(
    "text",
    [
        "——2024年3月5日在第十四届全国人民代表大会第二次会议上",
        "二〇二一年二月五日在怒江傈僳族自治州",
        "2020202年1月1日",  # a year inside a longer run of digits
        "2024年2024年3月5日",
        "年1月1日2025年12月31日",
    ],
)
def test_dates_in_words(text: str) -> None:
    assert _spans(text) == [m.span() for m in _DATE.finditer(text)]


def test_a_head_without_markup_or_spaces_is_read_as_with_them() -> None:
    head = read_head(
        "# 政府工作报告\n\n**2025年1月5日**  在  会议上\n<p>代表</p>\n> 引文\n- 项目\n普通的一行"
    )
    assert head.lines == ("政府工作报告", "2025年1月5日 在 会议上", "代表", "引文", "项目", "普通的一行")
