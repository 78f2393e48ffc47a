"""Quantities written as words (翻一番, 八成, 千亿元) read as the numbers they are."""

from __future__ import annotations

import pytest

from mubiao.extract.numbers import find_mentions


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier", "growth"),
    [
        ("高新技术企业数3年翻一番", 100, "%", "at_least", True),
        ("工业投资五年接近翻一番", 100, "%", "about", True),
        ("财政支出投向民生领域比例八成以上", 80, "%", "at_least", False),
        ("成长为千亿元产业", 1000, "亿元", "exact", False),
        ("经济总量迈上万亿元新台阶", 1, "万亿元", "at_least", False),
        ("产值超万亿元", 1, "万亿元", "at_least", False),
    ],
)
def test_word_quantities(text: str, value: float, unit: str, qualifier: str, growth: bool) -> None:
    (m,) = find_mentions(text)
    assert (m.value, m.unit, m.qualifier, m.growth) == (value, unit, qualifier, growth)


@pytest.mark.parametrize("text", ["建成千亿级产业集群", "完成一番努力", "组成三成员"])
def test_not_word_quantities(text: str) -> None:
    assert find_mentions(text) == []
