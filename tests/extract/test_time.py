"""The time model: the same words mean a review in one report and a plan in another."""

from __future__ import annotations

import pytest

import mubiao
from mubiao.document import DocumentMeta
from mubiao.extract.timeframe import Frame, frame_of, time_refs
from mubiao.statement import Statement


def meta(session: int, *, delivered: int | None = None) -> DocumentMeta:
    return DocumentMeta(
        doc_type="work_report",
        session_year=session,
        target_year=session,
        review_year=session - 1,
        report_year=delivered if delivered is not None else session,
    )


@pytest.mark.parametrize(
    ("text", "session", "frame"),
    [
        # the plan names resolve to their years, not to "the future"
        ("“十四五”时期工作回顾", 2026, Frame("actual", 2025)),
        ("“十四五”时期主要目标任务", 2021, Frame("target", 2025)),
        ("“十五五”时期的主要目标任务", 2026, Frame("target", 2030)),
        ("一、2025年工作及“十四五”时期发展回顾", 2026, Frame("actual", 2025)),
        ("2026年重点工作", 2026, Frame("target", 2026)),
        ("今年是“十五五”开局之年", 2026, Frame("target", 2026)),
        ("刚刚过去的2025年", 2026, Frame("actual", 2025)),
        ("五年来主要做了以下工作", 2026, Frame("actual", 2025)),
        ("到2030年", 2026, Frame("target", 2030)),
        ("2020年以来", 2026, Frame("actual", 2025)),
        ("数说2024武进高质量发展", 2025, Frame("actual", 2024)),
        # both a review and a plan: the words decide, or nothing does
        ("二、“十四五”时期发展成就和“十五五”时期主要目标任务", 2026, Frame(None, None)),
        ("（一）放大促消费扩投资政策效应", 2026, None),
    ],
)
def test_heading_frames(text: str, session: int, frame: Frame | None) -> None:
    assert frame_of(text, meta(session), heading=True) == frame


def test_relative_words_resolve_against_the_delivery() -> None:
    # a report given in December 2024 for the 2025 session: 今年 is 2024, 明年 2025
    refs = time_refs("今年完成投资，明年力争", meta(2025, delivered=2024))
    assert [(r.first, r.last) for r in refs] == [(2024, 2024), (2025, 2025)]


REPORT = "政府工作报告\n——{date}在某市第五届人民代表大会第四次会议上\n{body}\n"


def extract(body: str, date: str = "2026年1月20日") -> list[Statement]:
    return mubiao.extract(mubiao.read_text(REPORT.format(date=date, body=body), doc_id="r"))


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a review of the plan period in a report of its last session + 1 is a review
        ("一、“十四五”时期工作回顾\n城镇新增就业31.7万人。", [("actual", 2025)]),
        (
            "一、“十四五”时期工作回顾\n常住人口城镇化率由52.23%提高到58.08%。",
            [("actual", None), ("actual", 2025)],
        ),
        ("二、“十五五”时期主要目标\n地区生产总值年均增长5.5%左右。", [("target", 2030)]),
        ("三、2026年重点工作\n主要预期目标是：地区生产总值增长5%左右。", [("target", 2026)]),
        # a main-target list names its own year, whatever the section says
        (
            "二、“十五五”时期主要目标和2026年工作\n主要预期目标是：城镇新增就业50万人以上。",
            [("target", 2026)],
        ),
        # a sentence that opens with a past year is a result, inside a plan section too
        ("三、2026年重点工作\n2025年，全市地区生产总值增长5.2%。", [("actual", 2025)]),
        # 以来 reaches back: a result even under a target heading
        ("三、2026年重点工作\n区政协会议以来，共收到提案111件。", [("actual", 2025)]),
    ],
)
def test_kind_and_year_follow_the_time(body: str, expected: list[tuple[str, int | None]]) -> None:
    assert [(s.kind, s.year) for s in extract(body)] == expected


def test_the_same_words_in_a_report_of_2021_are_a_plan() -> None:
    sts = extract("二、“十四五”时期主要目标\n城镇新增就业累计50万人。", date="2021年1月20日")
    assert [(s.kind, s.year) for s in sts] == [("target", 2025)]


def test_december_session_reviews_its_own_year() -> None:
    body = "一、今年工作回顾\n今年全市地区生产总值增长5%。\n二、明年工作安排\n明年地区生产总值增长5.5%左右。"
    sts = extract(body, date="2024年12月27日")
    assert [(s.kind, s.year) for s in sts] == [("actual", 2024), ("target", 2025)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("一季度地区生产总值增长5.2%。", [("地区生产总值", "2025-Q1")]),
        ("前三季度规上工业增加值增长6%。", [("规上工业增加值", "2025-Q1-Q3")]),
        ("1-11月，固定资产投资增长3%。", [("固定资产投资", "2025-M01-M11")]),
        ("上半年，出口增长8%，进口增长2%。", [("出口", "2025-H1"), ("进口", "2025-H1")]),
        ("一季度出口增长5%，全年出口增长6%。", [("出口", "2025-Q1"), ("出口", None)]),
        ("全年地区生产总值增长5%。", [("地区生产总值", None)]),
    ],
)
def test_figures_of_part_of_a_year_carry_their_period(
    body: str, expected: list[tuple[str, str | None]]
) -> None:
    sts = extract("一、2025年工作回顾\n" + body)
    assert [(s.indicator, s.extra.get("period")) for s in sts] == expected


def test_every_sub_annual_period_holds_a_word_of_its_hint() -> None:
    """sub_annual looks for a period only where its hint (季, 半年, 月) is: every period holds one."""
    from mubiao.extract import scan, timeframe

    for alt in scan._alternatives(timeframe._SUB_ANNUAL.pattern):
        assert any(w in alt for w in ("季度", "半年", "月")), alt
