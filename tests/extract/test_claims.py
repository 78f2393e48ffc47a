"""Statements from short self-written sentences, one table per pattern family."""

from __future__ import annotations

import pytest

import mubiao
from mubiao.statement import Statement

REPORT_2025 = "2025年政府工作报告\n——2025年1月8日在区第五届人民代表大会第四次会议上\n一、2024年工作回顾\n{review}\n二、2025年目标任务\n{targets}\n"


def run(review: str = "", targets: str = "") -> list[Statement]:
    doc = mubiao.read_text(REPORT_2025.format(review=review, targets=targets), doc_id="t", region="澜溪区")
    return mubiao.extract(doc)


def one(statements: list[Statement], indicator_part: str) -> Statement:
    found = [s for s in statements if indicator_part in s.indicator]
    assert found, f"no statement about {indicator_part}: {statements}"
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "indicator", "measure", "value", "unit", "qualifier"),
    [
        ("地区生产总值增长5%左右。", "地区生产总值", "growth", 5, "%", "about"),
        ("一般公共预算收入增长4%以上。", "一般公共预算收入", "growth", 4, "%", "at_least"),
        ("城镇登记失业率控制在3%以内。", "城镇登记失业率", "level", 3, "%", "at_most"),
        ("城镇调查失业率不超过5.5%。", "城镇调查失业率", "level", 5.5, "%", "at_most"),
        ("新增学位不少于2500个。", "新增学位", "level", 2500, "个", "at_least"),
        ("单位地区生产总值能耗下降3%。", "单位地区生产总值能耗", "growth", -3, "%", "exact"),
        ("城镇新增就业1.2万人。", "城镇新增就业", "level", 1.2, "万人", "exact"),
        ("新改扩建学校三所。", "学校", "level", 3, "所", "exact"),
        ("安排专项资金两千万元。", "专项资金", "level", 2000, "万元", "exact"),
        ("建成高标准农田三千亩。", "高标准农田", "level", 3000, "亩", "exact"),
        ("新增城镇就业约1.3万人。", "新增城镇就业", "level", 1.3, "万人", "about"),
        (
            "研发经费投入占地区生产总值比重达到3.3%。",
            "研发经费投入占地区生产总值比重",
            "level",
            3.3,
            "%",
            "exact",
        ),
        ("粮食产量稳定在6万吨以上。", "粮食产量", "level", 6, "万吨", "at_least"),
    ],
)
def test_targets_of_the_year(
    sentence: str, indicator: str, measure: str, value: float, unit: str, qualifier: str
) -> None:
    st = one(run(targets=sentence), indicator)
    assert (st.kind, st.measure, st.value, st.unit, st.qualifier, st.year) == (
        "target",
        measure,
        value,
        unit,
        qualifier,
        2025,
    )


@pytest.mark.parametrize(
    ("sentence", "value", "value_max"),
    [
        ("固定资产投资增长6%-6.5%。", 6, 6.5),
        ("固定资产投资增长6%至6.5%。", 6, 6.5),
        ("固定资产投资增长6-6.5%。", 6, 6.5),
    ],
)
def test_ranges(sentence: str, value: float, value_max: float) -> None:
    st = one(run(targets=sentence), "固定资产投资")
    assert (st.value, st.value_max, st.qualifier, st.measure) == (value, value_max, "range", "growth")


@pytest.mark.parametrize(
    ("sentence", "indicator", "measure", "value", "unit"),
    [
        ("预计完成一般公共预算收入48亿元。", "一般公共预算收入", "level", 48, "亿元"),
        ("外贸进出口总额98亿元,同比下降3.5%。", "外贸进出口总额", "growth", -3.5, "%"),
        ("研发投入占比达到3.1%,较上年提高0.2个百分点。", "研发投入占比", "delta", 0.2, "个百分点"),
        ("净增“四上”单位315家。", "四上", "delta", 315, "家"),
        ("每万人发明专利拥有量43.2件,是2020年的1.8倍。", "每万人发明专利拥有量", "level", 1.8, "倍"),
        ("全年新增城镇就业1.21万人。", "新增城镇就业", "level", 1.21, "万人"),
    ],
)
def test_results_of_the_past_year(
    sentence: str, indicator: str, measure: str, value: float, unit: str
) -> None:
    sts = [s for s in run(review=sentence) if s.unit == unit]
    st = one(sts, indicator)
    assert (st.kind, st.measure, st.value, st.year) == ("actual", measure, value, 2024)


def test_growth_after_a_level_keeps_its_subject() -> None:
    sts = run(review="预计全年实现地区生产总值497.2亿元,增长6.1%。")
    assert [(s.indicator, s.measure, s.value) for s in sts] == [
        ("地区生产总值", "level", 497.2),
        ("地区生产总值", "growth", 6.1),
    ]


def test_kind_follows_the_verbs_inside_a_section() -> None:
    sts = run(targets="区政协十届三次会议以来,共收到提案111件。")
    assert [(s.kind, s.value) for s in sts] == [("actual", 111)]


def test_targets_of_a_plan_take_the_end_year() -> None:
    text = "“十四五”规划纲要\n第一章 发展目标\n三、主要目标\n到2025年,地区生产总值力争达到1500亿元左右,一般公共预算收入突破80亿元。\n"
    doc = mubiao.read_text(text, doc_id="p")
    sts = mubiao.extract(doc)
    assert [(s.kind, s.value, s.qualifier, s.year) for s in sts] == [
        ("target", 1500, "about", 2025),
        ("target", 80, "at_least", 2025),
    ]


def test_review_of_a_plan_period_takes_its_last_year() -> None:
    text = "“十四五”规划纲要\n第一章 发展基础\n一、“十三五”时期发展成就\n累计完成固定资产投资超1500亿元。\n第二章 目标\n到2025年,一般公共预算收入突破80亿元。\n"
    sts = mubiao.extract(mubiao.read_text(text, doc_id="p"))
    st = one(sts, "固定资产投资")
    assert (st.kind, st.year, st.cumulative, st.qualifier) == ("actual", 2020, True, "at_least")


def test_every_span_shows_its_number_in_the_original() -> None:
    text = REPORT_2025.format(
        review="預計全年實現地區生產總值497.2億元,增長6.1%。", targets="地區生產總值增長5%左右。"
    )
    doc = mubiao.read_text(text, doc_id="trad")
    sts = mubiao.extract(doc)
    assert [s.value for s in sts] == [497.2, 6.1, 5]
    for st in sts:
        assert str(st.value).rstrip("0").rstrip(".") in st.source_text
    assert sts[0].indicator == "地区生产总值"
    assert "地區生產總值" in sts[0].source_text


def test_a_second_figure_for_the_same_subject_keeps_its_measure() -> None:
    sts = run(targets="地区生产总值增长6%以上,力争7%。")
    assert [(s.indicator, s.measure, s.value, s.qualifier) for s in sts] == [
        ("地区生产总值", "growth", 6, "at_least"),
        ("地区生产总值", "growth", 7, "exact"),
    ]


@pytest.mark.parametrize(
    ("sentence", "indicator"),
    [
        ("全年居民消费价格比上年上涨0.3%。", "居民消费价格"),
        ("一般公共预算收入同口径增长5%。", "一般公共预算收入"),
        ("规模以上工业增加值比上年增长7.7%。", "规模以上工业增加值"),
    ],
)
def test_comparisons_between_indicator_and_verb_are_dropped(sentence: str, indicator: str) -> None:
    (st,) = run(review=sentence)
    assert (st.indicator, st.measure) == (indicator, "growth")


def test_milestones_in_money() -> None:
    (st,) = run(review="地区生产总值迈上千亿台阶。")
    assert (st.indicator, st.value, st.unit, st.qualifier) == ("地区生产总值", 1000, "亿元", "at_least")


def test_a_plan_section_of_a_work_report_gives_its_targets_the_plan_year() -> None:
    text = (
        "2021年政府工作报告\n——2021年1月12日在区人民代表大会上\n"
        "二、“十四五”时期主要目标\n到2025年,地区生产总值突破1200亿元。研发经费支出占比达到3.5%。\n"
        "三、2021年主要目标\n地区生产总值增长7%左右。\n"
    )
    sts = mubiao.extract(mubiao.read_text(text, doc_id="r2021"))
    assert [(s.indicator, s.value, s.year) for s in sts] == [
        ("地区生产总值", 1200, 2025),
        ("研发经费支出占比", 3.5, 2025),
        ("地区生产总值", 7, 2021),
    ]
