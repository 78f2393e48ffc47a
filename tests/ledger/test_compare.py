"""Comparison across regions and roll-up of districts to their city, on hand-built records."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from mubiao.errors import UsageError
from mubiao.ledger.compare import across_regions, is_additive, roll_up
from mubiao.reference.regions import Region, Regions
from mubiao.reference.registry import Registry
from mubiao.store.records import StatementRecord

_ids = itertools.count(1)

REGIONS = Regions(
    [
        Region("全国", None, "country", None),
        Region("江苏省", "江苏", "province", "全国"),
        Region("清河市", "清河", "city", "江苏省"),
        Region("澜溪区", "澜溪", "district", "清河市"),
        Region("东湖区", "东湖", "district", "清河市"),
        Region("西山区", "西山", "district", "清河市"),
    ]
)


def rec(kind: str, region: str, indicator: str, value: float, year: int, **kw: Any) -> StatementRecord:
    fields: dict[str, Any] = dict(
        indicator_id=None, measure="level", value_max=None, unit="亿元", qualifier="exact", cumulative=False,
        period=None, doc_type=None, published=None, provenance="extracted",
    )  # fmt: skip
    fields.update(kw)
    return StatementRecord(
        id=next(_ids), doc_id=f"{region}-{year}", kind=kind, indicator=indicator, value=value, year=year,
        region=region, span=(0, 5), text=f"{region}{indicator}{value}", **fields,
    )  # fmt: skip


def gdp(region: str, value: float, year: int, **kw: Any) -> StatementRecord:
    return rec("actual", region, "地区生产总值", value, year, **kw)


BASE = [
    gdp("清河市", 1400, 2023),
    gdp("清河市", 1500, 2024),
    gdp("澜溪区", 468.5, 2023),
    gdp("澜溪区", 497.2, 2024),
    gdp("东湖区", 5_800_000, 2023, unit="万元"),  # converted to 亿元
    gdp("东湖区", 620, 2024),
    rec("target", "清河市", "地区生产总值", 1550, 2024),
    rec("target", "澜溪区", "地区生产总值", 520, 2024),
    rec("target", "东湖区", "地区生产总值", 600, 2024),
]


def test_roll_up_sums_additive_indicator() -> None:
    r = roll_up(BASE, "清河", "gdp", 2024, regions=REGIONS)
    assert (r.city, r.aggregation, r.unit) == ("清河市", "sum", "亿元")
    assert r.city_value == 1500
    assert r.total == pytest.approx(1117.2)
    assert r.residual == pytest.approx(382.8)
    assert r.missing == ["西山区"] and r.coverage == (2, 3)
    shares = {p.region: p.share for p in r.parts}
    assert shares["澜溪区"] == pytest.approx(497.2 / 1117.2, abs=1e-6)
    assert sum(shares.values()) == pytest.approx(1)


def test_roll_up_contributions_to_the_city_gap() -> None:
    r = roll_up(BASE, "清河市", "地区生产总值", 2024, regions=REGIONS)
    assert r.city_target is not None and r.city_target["value"] == 1550
    assert r.city_gap == pytest.approx(50)
    assert r.reference_year == 2023
    assert r.required_change == pytest.approx(150)
    parts = {p.region: p for p in r.parts}
    assert parts["澜溪区"].change == pytest.approx(28.7)
    assert parts["东湖区"].change == pytest.approx(40)
    assert parts["澜溪区"].contribution == pytest.approx(28.7 / 150, abs=1e-6)
    assert parts["东湖区"].contribution == pytest.approx(40 / 150, abs=1e-6)
    assert parts["澜溪区"].share_of_change == pytest.approx(28.7 / 68.7, abs=1e-6)
    # what is left of the gap lies with 澜溪区; 东湖区 is past its own target
    assert (parts["澜溪区"].gap, parts["澜溪区"].gap_share) == (pytest.approx(22.8), 1.0)
    assert parts["东湖区"].gap == pytest.approx(-20) and parts["东湖区"].gap_share is None
    assert parts["东湖区"].status == "achieved" and parts["澜溪区"].status == "missed"
    # provenance: each part names the statements of both years
    assert {s.year for s in parts["东湖区"].sources} == {2023, 2024}


def test_roll_up_against_a_plan_target_uses_its_baseline_year() -> None:
    records = [
        *BASE,
        rec("target", "清河市", "地区生产总值", 1800, 2025, period=(2021, 2025)),
        gdp("澜溪区", 402, 2020),
        gdp("东湖区", 500, 2020),
    ]
    records = [r for r in records if not (r.kind == "target" and r.year == 2024 and r.region == "清河市")]
    r = roll_up(records, "清河市", "gdp", 2024, regions=REGIONS)
    assert r.reference_year == 2020
    # no city figure for 2020: the districts' sum stands in for it
    assert "districts' sum" in r.details["reference"]
    assert r.required_change == pytest.approx(1800 - 902)
    parts = {p.region: p for p in r.parts}
    assert parts["东湖区"].contribution == pytest.approx(120 / 898, abs=1e-6)


def test_roll_up_spread_for_rates() -> None:
    records = [
        rec("actual", "清河市", "城镇登记失业率", 2.3, 2024, unit="%"),
        rec("actual", "澜溪区", "城镇登记失业率", 2.0, 2024, unit="%"),
        rec("actual", "东湖区", "城镇登记失业率", 2.6, 2024, unit="%"),
        rec("actual", "西山区", "城镇登记失业率", 2.2, 2024, unit="%"),
    ]
    r = roll_up(records, "清河市", "城镇登记失业率", 2024, regions=REGIONS)
    assert r.aggregation == "spread" and r.total is None
    assert r.spread == {"min": 2.0, "median": 2.2, "max": 2.6, "min_region": "澜溪区", "max_region": "东湖区"}
    assert r.city_value == 2.3 and r.missing == []


def test_roll_up_spread_for_growth() -> None:
    records = [
        rec("actual", "澜溪区", "地区生产总值", 6.1, 2024, measure="growth", unit="%"),
        rec("actual", "东湖区", "地区生产总值", 5.0, 2024, measure="growth", unit="%"),
    ]
    r = roll_up(records, "清河市", "gdp", 2024, measure="growth", regions=REGIONS)
    assert r.aggregation == "spread" and r.spread is not None and r.spread["median"] == pytest.approx(5.55)
    assert r.city_value is None


def test_roll_up_conflict_follows_the_ledger_rule() -> None:
    records = [
        gdp("澜溪区", 497.2, 2024, published=2025),
        gdp("澜溪区", 495.0, 2024, published=2026),
        gdp("东湖区", 620, 2024),
    ]
    r = roll_up(records, "清河市", "gdp", 2024, regions=REGIONS)
    part = next(p for p in r.parts if p.region == "澜溪区")
    assert part.value == 495.0
    assert [s.role for s in part.sources] == ["actual", "superseded"]


def test_roll_up_of_unknown_city_or_city_without_districts() -> None:
    with pytest.raises(UsageError):
        roll_up(BASE, "桃源市", "gdp", 2024, regions=REGIONS)
    with pytest.raises(UsageError):
        roll_up(BASE, "澜溪区", "gdp", 2024, regions=REGIONS)


def test_roll_up_to_dict_has_coverage() -> None:
    d = roll_up(BASE, "清河市", "gdp", 2024, regions=REGIONS).to_dict()
    assert d["coverage"] == [2, 3] and d["parts"][0]["sources"]


def test_across_regions_best_first_with_targets() -> None:
    figs = across_regions(BASE, "gdp", 2024, regions=["澜溪区", "东湖区", "清河市", "西山区"])
    assert [(f.region, f.value) for f in figs] == [
        ("清河市", 1500), ("东湖区", 620), ("澜溪区", 497.2), ("西山区", None),
    ]  # fmt: skip
    by = {f.region: f for f in figs}
    assert by["澜溪区"].status == "missed" and by["澜溪区"].gap == pytest.approx(22.8)
    assert by["东湖区"].target is not None and by["东湖区"].target["value"] == 600
    assert by["西山区"].status is None and by["西山区"].sources == []


def test_across_regions_lower_is_better_lowest_first() -> None:
    records = [
        rec("actual", "澜溪区", "PM2.5平均浓度", 29, 2024, unit="微克/立方米"),
        rec("actual", "东湖区", "PM2.5平均浓度", 33, 2024, unit="微克/立方米"),
        rec("actual", "西山区", "PM2.5浓度", 27, 2024, unit="微克/立方米"),
    ]
    figs = across_regions(records, "pm25", 2024)
    assert [f.region for f in figs] == ["西山区", "澜溪区", "东湖区"]


def test_across_regions_flows_and_stocks_stay_apart() -> None:
    records = [
        rec("actual", "澜溪区", "新增高新技术企业", 92, 2024, unit="家"),
        rec("actual", "澜溪区", "高新技术企业总数", 500, 2024, unit="家"),
    ]
    assert [f.value for f in across_regions(records, "新增高新技术企业", 2024)] == [92]
    assert [f.value for f in across_regions(records, "高新技术企业", 2024)] == [500]


@pytest.mark.parametrize(
    ("phrase", "measure", "unit", "additive"),
    [
        ("地区生产总值", "level", "亿元", True),
        ("一般公共预算收入", "level", "亿元", True),
        ("新增学位", "level", "个", True),
        ("地区生产总值", "growth", "%", False),
        ("城镇登记失业率", "level", "%", False),
        ("人均地区生产总值", "level", "万元", False),
        ("每万人发明专利拥有量", "level", "件", False),
        ("单位地区生产总值能耗", "level", "吨标准煤/万元", False),
        ("夜间经济销售额", "level", "亿元", True),  # not in the registry: by its unit and words
        ("夜间经济销售额占比", "level", "%", False),
    ],
)
def test_is_additive(phrase: str, measure: str, unit: str, additive: bool) -> None:
    assert is_additive(Registry.default().match(phrase), phrase, measure, unit) is additive
