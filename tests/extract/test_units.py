"""Units by noun class: a bare scale (万, 亿) takes the unit its indicator implies."""

from __future__ import annotations

import pytest
from sentences import rows, run

from mubiao.extract.numbers import find_mentions
from mubiao.extract.relations import bare_scale_unit, with_scale_unit


@pytest.mark.parametrize(
    ("indicator", "unit"),
    [
        ("城镇新增就业", "人"),
        ("接待游客", "人"),
        ("旅游人次", "人次"),
        ("地区生产总值", "元"),
        ("经济总量", "元"),
        ("快递业务量", ""),
    ],
)
def test_the_unit_of_a_bare_scale(indicator: str, unit: str) -> None:
    assert bare_scale_unit(indicator) == unit


def test_a_figure_with_a_unit_keeps_it() -> None:
    (m,) = find_mentions("新增就业1.3万人")
    assert with_scale_unit(m, "新增就业") is m


@pytest.mark.parametrize(
    ("review", "unit"),
    [
        ("城镇新增就业31.7万。", "万人"),
        ("地区生产总值突破5万亿。", "万亿元"),
        ("快递业务量5.66亿件。", "亿件"),
    ],
)
def test_units_in_sentences(review: str, unit: str) -> None:
    (st,) = run(review=review)
    assert st.unit == unit
    assert rows([st])[0][0] == "actual"
