"""Figures written before their noun: counts of named things, batches, beneficiaries, shares."""

from __future__ import annotations

import pytest
from sentences import run


@pytest.mark.parametrize(
    ("review", "expected"),
    [
        # the names, then their count and noun: the verb and the noun
        (
            "形成光伏、风电、光热3条新能源装备制造完整产业链。",
            [("形成新能源装备制造完整产业链", 3, "条")],
        ),
        ("推进首批63项交通堵点治理任务。", [("推进首批交通堵点治理任务", 63, "项")]),
        ("完成第一批88个中心村建设。", [("第一批中心村建设", 88, "个")]),
        # a verb ending in 及 keeps it
        ("陇原绿电通达大江南北，惠及26个省份。", [("惠及省份", 26, "个")]),
        ("惠及182个居民小区。", [("惠及居民小区", 182, "个")]),
    ],
)
def test_counts_before_their_noun(review: str, expected: list[tuple[str, float, str]]) -> None:
    assert [(s.indicator, s.value, s.unit) for s in run(review=review)] == expected


@pytest.mark.parametrize(
    ("review", "expected"),
    [
        (
            "为5.01万名农民工追回欠薪6.83亿元。",
            [("追回欠薪农民工", 5.01, "万名"), ("农民工追回欠薪", 6.83, "亿元")],
        ),
        ("免费为10010名困难家庭老年人实施白内障手术。", [("免费实施白内障手术困难家庭老年人", 10010, "名")]),
        (
            "为2010家优质企业提供差异化利率贷款510.55亿元。",
            [("提供差异化利率贷款优质企业", 2010, "家"), ("优质企业提供差异化利率贷款", 510.55, "亿元")],
        ),
    ],
)
def test_beneficiaries_counted_before_what_was_done_for_them(
    review: str, expected: list[tuple[str, float, str]]
) -> None:
    assert [(s.indicator, s.value, s.unit) for s in run(review=review)] == expected


@pytest.mark.parametrize(
    ("review", "expected"),
    [
        (
            "民营经济贡献六成以上的进出口总额、近七成的税收总额、九成以上的经营主体。",
            [
                ("民营经济贡献的进出口总额占比", 60, "at_least"),
                ("民营经济贡献的税收总额占比", 70, "about"),
                ("民营经济贡献的经营主体占比", 90, "at_least"),
            ],
        ),
        (
            "技改投资增长超50%，七成规上工业企业实施数字化转型。",
            [("技改投资", 50, "at_least"), ("实施数字化转型的规上工业企业占比", 70, "exact")],
        ),
        ("72%的村庄开展生活垃圾分类。", [("开展生活垃圾分类的村庄占比", 72, "exact")]),
        ("近八成工业行业实现盈利。", [("实现盈利的工业行业占比", 80, "about")]),
    ],
)
def test_shares_written_before_their_noun(review: str, expected: list[tuple[str, float, str]]) -> None:
    assert [(s.indicator, s.value, s.qualifier) for s in run(review=review)] == expected


@pytest.mark.parametrize(
    "review",
    [
        "经济增速下降11.4%的情况下形成回升态势。",  # a change, not a share
        "各级财政一律按照不低于5%的比例压减。",  # a rate
        "三五成群，组成三成员小组。",  # 成 as a word
    ],
)
def test_figures_before_的_that_are_no_share(review: str) -> None:
    assert not [s for s in run(review=review) if s.indicator.endswith("占比")]
