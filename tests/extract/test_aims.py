"""Aims without numbers: subject + aim, tasks handed down, the clauses of a main-target list."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sentences import rows, run

from mubiao.extract.qualitative import find_qualitative, list_aims, takes_subjects


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("一般公共预算收入保持稳定增长。", [("一般公共预算收入", "growth")]),
        ("居民人均可支配收入与GDP同步增长。", [("居民人均可支配收入", "growth")]),
        ("实际使用外资、进出口总额稳中提质。", [("实际使用外资", "level"), ("进出口总额", "level")]),
        (
            "全面完成市下达的节能降耗、生态环保等目标任务。",
            [("节能降耗目标任务", "level"), ("生态环保目标任务", "level")],
        ),
        ("确保零就业家庭动态清零。", [("零就业家庭", "level")]),
        ("安全生产形势平稳向好。", [("安全生产形势", "level")]),
    ],
)
def test_qualitative_targets(sentence: str, expected: list[tuple[str, str]]) -> None:
    sts = run(targets=sentence)
    assert [(s.indicator, s.measure) for s in sts] == expected
    assert all(s.qualifier == "qualitative" and s.value is None and s.kind == "target" for s in sts)


def test_qualitative_aims_are_not_read_in_reviews() -> None:
    assert run(review="一般公共预算收入保持稳定增长。") == []


@pytest.mark.parametrize(
    ("targets", "expected"),
    [
        (
            "主要预期目标是：地区生产总值增长5%左右，固定资产投资、社会消费品零售总额增速高于全省平均，"
            "能源、水资源、碳排放等指标达到国家要求。",
            [
                ("target", "地区生产总值", "growth", 5, "%", "about", 2026),
                ("target", "固定资产投资增速", "growth", None, None, "qualitative", 2026),
                ("target", "社会消费品零售总额增速", "growth", None, None, "qualitative", 2026),
                ("target", "能源指标", "level", None, None, "qualitative", 2026),
                ("target", "水资源指标", "level", None, None, "qualitative", 2026),
                ("target", "碳排放指标", "level", None, None, "qualitative", 2026),
            ],
        ),
        (  # the list runs over every ； of its paragraph
            "主要预期目标是：地区生产总值增长5%左右；固定资产投资实现正增长；进出口稳量提质。",
            [
                ("target", "地区生产总值", "growth", 5, "%", "about", 2026),
                ("target", "固定资产投资", "growth", None, None, "qualitative", 2026),
                ("target", "进出口", "level", None, None, "qualitative", 2026),
            ],
        ),
    ],
)
def test_main_target_list(targets: str, expected: list[tuple[object, ...]]) -> None:
    assert rows(run(targets=targets)) == expected


def test_an_aim_of_a_clause_and_of_a_list() -> None:
    (q,) = find_qualitative("一般公共预算收入保持稳定增长", target_context=True)
    assert (q.indicator, q.measure) == ("一般公共预算收入", "growth")
    assert find_qualitative("一般公共预算收入保持稳定增长", target_context=False) == []
    aims = list_aims("固定资产投资、社会消费品零售总额增速高于全省平均")
    assert [a.indicator for a in aims] == ["固定资产投资增速", "社会消费品零售总额增速"]
    assert list_aims("加快建设现代化产业体系") == []


@settings(max_examples=400, derandomize=True, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "粮食产量",
                "居民收入",
                "保持",
                "稳定",
                "增长",
                "同步",
                "完成",
                "下达",
                "目标任务",
                "和",
                "、",
                "。",
                " ",
            ]
        ),
        max_size=8,
    ).map("".join)
)
def test_a_clause_that_takes_no_subjects_reads_the_same_without_them(clause: str) -> None:
    # the reader leaves out the subjects pending before a clause that cannot take them
    with_subjects = find_qualitative(clause, target_context=True, extra_subjects=["节能降耗"])
    alone = find_qualitative(clause, target_context=True)
    if not takes_subjects(clause):
        assert with_subjects == alone
    elif alone:
        assert len(with_subjects) >= len(alone)
