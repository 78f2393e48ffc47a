"""Non-claims: thresholds in names, bases of shares, ranks, streaks, ordinals, figures of speech, digits in names."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sentences import run

from mubiao.extract.nonclaims import drop_ranks, names_a_threshold, qualifying_figures, ranks_a_field
from mubiao.extract.numbers import find_mentions


@pytest.mark.parametrize(
    "sentence",
    [
        "2025年1月8日召开第五届人民代表大会第四次会议。",
        "建成5G工厂,PM2.5浓度持续下降。",
        "深入落实“532”发展战略,丰富“1+5+N”工作体系。",
        "三次产业结构调整为1:25.2:73.8。",
        "全区排名跃升至第37位,居全市第二。",
        "咨询电话0519-86668888。",
        "坚持“十四五”规划,落实八项规定,打好三大攻坚战。",
        "重点抓好六个方面工作。",
        "千家万户受益。",
    ],
)
def test_not_claims_in_a_review(sentence: str) -> None:
    assert run(review=sentence) == []


@pytest.mark.parametrize(
    "review",
    [
        "规模以上工业增加值增速连续30个月居全国前10位。",  # a streak
        "空气质量综合指数在全国168个重点城市排名提升40位。",  # the field of a rank
        "用好“两个10亿元”省级资金。",  # a figure inside a quoted name
    ],
)
def test_streaks_ranks_and_quoted_names(review: str) -> None:
    assert run(review=review) == []


@pytest.mark.parametrize(
    ("sentence", "indicator", "value"),
    [
        ("伊顿电力等3家企业获评国家专精特新“小巨人”。", "国家专精特新“小巨人”", 3),
        ("建科院等4个省重大项目全面开工。", "全面开工省重大项目", 4),
        ("新建扩建集贤中学、常青小学等6所学校。", "新建扩建学校", 6),
        ("10亿元以上重大项目入库10个。", "10亿元以上重大项目入库", 10),
    ],
)
def test_counts_of_named_things_and_thresholds_in_names(sentence: str, indicator: str, value: float) -> None:
    sts = run(review=sentence)
    assert len(sts) == 1, sts
    assert indicator in sts[0].indicator
    assert sts[0].value == value
    assert sts[0].qualifier == "exact"


def _clause_of_whole(text: str) -> Callable[[int], tuple[int, int]]:
    return lambda i: (0, len(text))


@pytest.mark.parametrize(
    ("text", "skipped"),
    [
        ("10亿元以上重大项目10个", [0]),  # a threshold in a name before a count
        ("19个断面水质优良比例89.5%", [0]),  # the base of a rate
        ("14个重点产业产值占农林牧渔业总产值的80%", [0]),  # whose share a share is
        ("签约项目116个，总投资120亿元", []),  # two claims
        ("地区生产总值增长5%，增加值2.3亿元", []),
    ],
)
def test_qualifying_figures(text: str, skipped: list[int]) -> None:
    mentions = find_mentions(text)
    assert sorted(qualifying_figures(text, mentions, _clause_of_whole(text))) == skipped


def test_a_threshold_in_a_name_and_the_field_of_a_rank() -> None:
    m = find_mentions("30亿元以上项目再突破")[0]
    assert names_a_threshold(m, "", "项目再突破")
    n = find_mentions("地区生产总值达到30亿元，增长5%")[0]
    assert not names_a_threshold(n, "地区生产总值达到", "")
    assert ranks_a_field("个重点城市排名提升")
    assert not ranks_a_field("个重点项目开工")
    assert drop_ranks("达到5.53万亿元、稳居全国前十强、") == "达到5.53万亿元、"
