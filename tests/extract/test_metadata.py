"""What a document is: type, region with its parents, the years it reviews and targets."""

from __future__ import annotations

import pytest

import mubiao


@pytest.mark.parametrize(
    ("text", "doc_type", "report", "review", "target", "period"),
    [
        (
            "(江苏省)2025年常州市天宁区政府工作报告\n——2025年1月4日在区第十七届人民代表大会第四次会议上\n各位代表:\n",
            "work_report", 2025, 2024, 2025, None,
        ),
        (
            "本报讯 1月8日上午,区人民代表大会开幕。\n刚刚过去的2023年,全区稳中有进。\n2024年全区经济社会发展的主要预期目标是:增长6%左右。\n",
            "session_news", 2024, 2023, 2024, None,
        ),
        (
            "第一章 发展基础\n一、“十三五”期间发展成就\n“十三五”时期,全区……\n第二章 “十四五”目标\n“十四五”时期经济社会发展指标体系\n“十四五”期间……",
            "five_year_plan", 2021, 2020, 2025, (2021, 2025),
        ),
        (
            "区政府召开全体会议\n回顾总结今年工作。2024年,全区经济运行稳中有进;2024年新增就业1万人。明年是关键之年。\n",
            "session_news", 2025, 2024, 2025, None,
        ),
    ],
)  # fmt: skip
def test_type_and_years(
    text: str, doc_type: str, report: int, review: int, target: int, period: tuple[int, int] | None
) -> None:
    meta = mubiao.read_text(text, doc_id="m").meta
    assert (meta.doc_type, meta.report_year, meta.review_year, meta.target_year, meta.period) == (
        doc_type,
        report,
        review,
        target,
        period,
    )


@pytest.mark.parametrize(
    ("text", "region", "path"),
    [
        ("(江苏省)2025年常州市天宁区政府工作报告\n", "天宁区", ("江苏省", "常州市", "天宁区")),
        ("政府工作报告\n在某某县第十八届人民代表大会上\n全县上下……某某县……", "某某县", ("某某县",)),
        ("清河市澜溪区2025年政府工作报告\n", "澜溪区", ("清河市", "澜溪区")),
        ("武进经济稳中有进,武进在全市……全区上下……", "武进区", ("江苏省", "常州市", "武进区")),
    ],
)
def test_region_with_its_parents(text: str, region: str, path: tuple[str, ...]) -> None:
    meta = mubiao.read_text(text, doc_id="m").meta
    assert (meta.region, meta.region_path) == (region, path)


def test_region_and_year_can_be_given() -> None:
    meta = mubiao.read_text("2025年常州市天宁区政府工作报告\n", doc_id="m", region="钟楼区", year=2026).meta
    assert (meta.region, meta.report_year, meta.review_year, meta.target_year) == ("钟楼区", 2026, 2025, 2026)
