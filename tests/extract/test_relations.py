"""The relations of the genre, each a general rule with its own table."""

from __future__ import annotations

import pytest

import mubiao
from mubiao.statement import Statement

REPORT = "政府工作报告\n——2026年1月20日在某市第五届人民代表大会第四次会议上\n一、2025年工作回顾\n{review}\n二、2026年工作安排\n{targets}\n"


def run(review: str = "", targets: str = "") -> list[Statement]:
    return mubiao.extract(mubiao.read_text(REPORT.format(review=review, targets=targets), doc_id="r"))


def rows(sts: list[Statement]) -> list[tuple[str, str, str, float | None, str | None, str, int | None]]:
    return [(s.kind, s.indicator, s.measure, s.value, s.unit, s.qualifier, s.year) for s in sts]


@pytest.mark.parametrize(
    ("review", "expected"),
    [
        (  # 从A提高到B: A the baseline with its stated year, B the result
            "人均地区生产总值从2020年的10.5万元提高到14万元左右。",
            [
                ("actual", "人均地区生产总值", "level", 10.5, "万元", "exact", 2020),
                ("actual", "人均地区生产总值", "level", 14, "万元", "about", 2025),
            ],
        ),
        (  # a baseline without a year has none; the year after 到 dates B
            "全员劳动生产率从14.1万元/人提高到2024年的17.6万元/人。",
            [
                ("actual", "全员劳动生产率", "level", 14.1, "万元/人", "exact", None),
                ("actual", "全员劳动生产率", "level", 17.6, "万元/人", "exact", 2024),
            ],
        ),
        (  # the base of a comparison is a result of the year it names
            "全省地区生产总值较“十三五”末的9323.1亿元增加4374.4亿元。",
            [
                ("actual", "地区生产总值", "level", 9323.1, "亿元", "exact", 2020),
                ("actual", "地区生产总值", "delta", 4374.4, "亿元", "exact", 2025),
            ],
        ),
        (  # an index without a unit
            "中心城区拥堵指数从1.38降至1.31。",
            [
                ("actual", "中心城区拥堵指数", "level", 1.38, None, "exact", None),
                ("actual", "中心城区拥堵指数", "level", 1.31, None, "exact", 2025),
            ],
        ),
        (  # 分别 after a clause of figures takes its indicators in turn
            "完成产业类投资553.1亿元、研发投入133.5亿元，分别增长10.6%、10.3%。",
            [
                ("actual", "产业类投资", "level", 553.1, "亿元", "exact", 2025),
                ("actual", "研发投入", "level", 133.5, "亿元", "exact", 2025),
                ("actual", "产业类投资", "growth", 10.6, "%", "exact", 2025),
                ("actual", "研发投入", "growth", 10.3, "%", "exact", 2025),
            ],
        ),
        (  # a rank inside a list of figures is not the indicator of the next figure
            "全省地区生产总值达到5.53万亿元、稳居全国前十强、增长4.8%。",
            [
                ("actual", "地区生产总值", "level", 5.53, "万亿元", "exact", 2025),
                ("actual", "地区生产总值", "growth", 4.8, "%", "exact", 2025),
            ],
        ),
        (  # a verb that counts what follows it, and carries over the list
            "培育建设50个智慧农业样板基地、70家市级生态智慧牧场。",
            [
                ("actual", "培育建设智慧农业样板基地", "level", 50, "个", "exact", 2025),
                ("actual", "培育市级生态智慧牧场", "level", 70, "家", "exact", 2025),
            ],
        ),
        (
            "城乡建设用地规模减量约50平方公里。",
            [("actual", "城乡建设用地规模", "delta", -50, "平方公里", "about", 2025)],
        ),
    ],
)
def test_review_relations(review: str, expected: list[tuple[object, ...]]) -> None:
    assert rows(run(review=review)) == expected
