"""Flattened indicator tables of five-year plans."""

from __future__ import annotations

import mubiao

PLAN = "“十四五”规划纲要\n第一章 主要目标\n“十四五”经济社会发展指标体系\n{table}\n第二章 重点任务\n"


def cells(*rows: list[str], header: list[str]) -> str:
    lines = [f"\t{h}" for h in header]
    for row in rows:
        lines.append("")
        lines.extend(f"\t{c}" for c in row)
    return "\n".join(lines)


def extract(table: str) -> list[mubiao.Statement]:
    return mubiao.extract(mubiao.read_text(PLAN.format(table=table), doc_id="plan", region="澜溪区"))


def test_one_cell_per_line_with_attribute_before_the_target() -> None:
    table = cells(
        ["经济强", "1", "人均地区生产总值", "万元/人", "预期性", "17"],
        ["2", "企业股权融资额（五年累计）", "亿元", "预期性", "200"],
        ["3", "高新技术产业产值占工业总产值", "比重", "%", "预期性", "50"],
        ["百姓富", "4", "单位生产总值能耗降低", "%", "约束性", "1.5"],
        ["5", "城乡社区营造覆盖率", "-", "预期性", "90"],
        ["6", "主要大气污染物排放量", "千克/万元", "约束性", "完成市下达任务"],
        header=["序号", "指标名称", "单位", "属性", "2025年", "预期目标"],
    )
    got = [
        (s.indicator, s.measure, s.value, s.unit, s.qualifier, s.cumulative, s.attribute)
        for s in extract(table)
    ]
    assert got == [
        ("人均地区生产总值", "level", 17, "万元/人", "exact", False, "预期性"),
        ("企业股权融资额", "level", 200, "亿元", "exact", True, "预期性"),
        ("高新技术产业产值占工业总产值比重", "level", 50, "%", "exact", False, "预期性"),
        ("单位生产总值能耗", "growth", -1.5, "%", "exact", False, "约束性"),
        ("城乡社区营造覆盖率", "level", 90, None, "exact", False, "预期性"),
        ("主要大气污染物排放量", "level", None, None, "qualitative", False, "约束性"),
    ]
    assert all(s.kind == "target" and s.year == 2025 for s in extract(table))


def test_base_year_and_average_growth_columns() -> None:
    table = cells(
        ["1", "地区生产总值", "亿元", "402", "550", "6.5", "预期性"],
        ["2", "研发经费投入占比", "%", "2.8", "3.5", "[0.7]", "预期性"],
        header=["序号", "指标名称", "单位", "2020年", "2025年", "年均增长", "属性"],
    )
    got = [(s.kind, s.indicator, s.measure, s.value, s.unit, s.year, s.cumulative) for s in extract(table)]
    assert got == [
        ("actual", "地区生产总值", "level", 402, "亿元", 2020, False),
        ("target", "地区生产总值", "level", 550, "亿元", 2025, False),
        ("target", "地区生产总值", "growth", 6.5, "%", 2025, False),
        ("actual", "研发经费投入占比", "level", 2.8, "%", 2020, False),
        ("target", "研发经费投入占比", "level", 3.5, "%", 2025, False),
        ("target", "研发经费投入占比", "delta", 0.7, "个百分点", 2025, True),
    ]


def test_markdown_rows() -> None:
    table = "\n".join(
        [
            "| 序号 | 指标名称 | 单位 | 2025年目标 | 属性 |",
            "| --- | --- | --- | --- | --- |",
            "| 1 | 城镇登记失业率 | % | <5 | 约束性 |",
            "| 2 | 居民人均可支配收入年均增长 | % | 6 | 预期性 |",
        ]
    )
    got = [(s.indicator, s.measure, s.value, s.qualifier) for s in extract(table)]
    assert got == [("城镇登记失业率", "level", 5, "at_most"), ("居民人均可支配收入", "growth", 6, "exact")]


def test_table_cells_are_not_read_again_as_prose() -> None:
    table = cells(
        ["1", "一般公共预算收入", "亿元", "预期性", "80"],
        ["2", "新增就业", "万人", "预期性", "5"],
        header=["序号", "指标", "单位", "属性", "2025年"],
    )
    assert len(extract(table)) == 2


def test_national_style_table_with_units_in_names_and_period_totals() -> None:
    table = cells(
        ["经济发展", "1", "国内生产总值增长（%）", "2.3", "保持在合理区间", "—", "预期性"],
        ["2", "常住人口城镇化率（%）", "60.6*", "65", "—", "预期性"],
        ["绿色生态", "3", "单位GDP能源消耗降低（%）", "—", "—", "〔13.5〕", "约束性"],
        header=["类别", "指标", "2020年", "2025年", "年均/累计", "属性"],
    )
    got = [
        (s.kind, s.indicator, s.measure, s.value, s.unit, s.qualifier, s.cumulative, s.year)
        for s in extract(table)
    ]
    assert got == [
        ("actual", "国内生产总值", "growth", 2.3, "%", "exact", False, 2020),
        ("target", "国内生产总值", "growth", None, None, "qualitative", False, 2025),
        ("actual", "常住人口城镇化率", "level", 60.6, "%", "exact", False, 2020),
        ("target", "常住人口城镇化率", "level", 65, "%", "exact", False, 2025),
        ("target", "单位GDP能源消耗", "growth", -13.5, "%", "exact", True, 2025),
    ]
