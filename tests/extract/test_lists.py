"""Lists: items sharing a verb, a number (分别, 均) or a qualifier; 城乡…分别; lists of milestones."""

from __future__ import annotations

import pytest
from sentences import run

from mubiao.extract.numbers import find_mentions
from mubiao.extract.relations import governed_by_milestone, list_continues, urban_and_rural


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("新增专精特新企业50家、产值超亿元企业5家。", [("新增专精特新企业", 50), ("新增产值超亿元企业", 5)]),
        ("事故起数、死亡人数同比分别下降20%和33%。", [("事故起数", -20), ("死亡人数", -33)]),
        ("提案办理答复率、满意率均为100%。", [("提案办理答复率", 100), ("满意率", 100)]),
        (
            "城镇、农村居民人均可支配收入分别增长5%和6.4%。",
            [("城镇居民人均可支配收入", 5), ("农村居民人均可支配收入", 6.4)],
        ),
        ("满意率和基本满意率达100%。", [("满意率", 100), ("基本满意率", 100)]),
        (
            "城乡居民人均可支配收入分别达到6.8万元、3.9万元。",
            [("城镇居民人均可支配收入", 6.8), ("农村居民人均可支配收入", 3.9)],
        ),
    ],
)
def test_enumerations_share_a_verb_or_a_number(sentence: str, expected: list[tuple[str, float]]) -> None:
    sts = run(review=sentence)
    assert [(s.indicator, s.value) for s in sts] == expected


def test_a_bare_scale_in_a_list_after_fenbie() -> None:
    # a figure whose unit is read from its indicator stays one of the 分别 group (once a crash)
    sts = run(review="旅游人次、收入分别达到9300万、870亿元。")
    assert [(s.indicator, s.value, s.unit) for s in sts] == [
        ("旅游人次", 9300, "万人次"),
        ("收入", 870, "亿元"),
    ]


def test_a_qualifier_after_fenbie_covers_every_value() -> None:
    sts = run(targets="城镇、农村居民人均可支配收入分别增长5%、6.5%左右。")
    assert [(s.indicator, s.value, s.qualifier) for s in sts] == [
        ("城镇居民人均可支配收入", 5, "about"),
        ("农村居民人均可支配收入", 6.5, "about"),
    ]


def test_urban_and_rural() -> None:
    assert urban_and_rural("城乡居民人均可支配收入", 2, ["城乡居民人均可支配收入"]) == [
        "城镇居民人均可支配收入",
        "农村居民人均可支配收入",
    ]
    assert urban_and_rural("城乡居民人均可支配收入", 1, ["x"]) == ["x"]


def test_a_milestone_verb_governs_its_list() -> None:
    text = "经济总量跨越7万亿、8万亿、9万亿元"
    ms = find_mentions(text)
    assert [m.qualifier for m in ms][:1] == ["at_least"]
    assert all(governed_by_milestone(text, ms, i, 0) for i in range(1, len(ms)))
    assert list_continues(text, ms[0].end, ms[1].start)
    plain = "增长5%、6%"
    pm = find_mentions(plain)
    assert not governed_by_milestone(plain, pm, 1, 0)
