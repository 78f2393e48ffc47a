"""The evaluation of targets against results, rule by rule, on hand-built statement records."""

from __future__ import annotations

import itertools
import math
from pathlib import Path
from typing import Any

import pytest

from mubiao.errors import UsageError
from mubiao.ledger.config import EvalConfig, parse_tolerance
from mubiao.ledger.evaluate import STATUSES, convert_unit, evaluate, plan_period
from mubiao.reference.registry import Registry
from mubiao.store.records import LedgerRow, StatementRecord

_ids = itertools.count(1)


def rec(
    kind: str,
    indicator: str,
    value: float | None,
    year: int | None,
    *,
    measure: str = "level",
    unit: str | None = "亿元",
    qualifier: str = "exact",
    value_max: float | None = None,
    cumulative: bool = False,
    region: str | None = "天宁区",
    indicator_id: str | None = None,
    period: tuple[int, int] | None = None,
    doc: str = "doc",
    published: int | None = None,
    provenance: str = "extracted",
    doc_type: str | None = None,
    text: str | None = None,
    sub_period: str | None = None,
) -> StatementRecord:
    if value is None and qualifier == "exact":
        qualifier = "qualitative"
    return StatementRecord(
        id=next(_ids),
        doc_id=doc,
        kind=kind,
        indicator=indicator,
        indicator_id=indicator_id,
        measure=measure,
        value=value,
        value_max=value_max,
        unit=unit,
        qualifier=qualifier,
        cumulative=cumulative,
        year=year,
        region=region,
        span=(0, 10),
        text=text or f"{indicator}{value}{unit or ''}",
        published=published,
        provenance=provenance,
        sub_period=sub_period,
        period=period,
        doc_type=doc_type,
    )


def target(indicator: str, value: float | None, year: int | None, **kw: Any) -> StatementRecord:
    return rec("target", indicator, value, year, **kw)


def actual(indicator: str, value: float | None, year: int | None, **kw: Any) -> StatementRecord:
    return rec("actual", indicator, value, year, **kw)


def plan(indicator: str, value: float | None, **kw: Any) -> StatementRecord:
    kw.setdefault("period", (2021, 2025))
    kw.setdefault("doc", "fyp14")
    return rec("target", indicator, value, 2025, **kw)


def only(rows: list[LedgerRow]) -> LedgerRow:
    assert len(rows) == 1, [(r.indicator, r.period) for r in rows]
    return rows[0]


def growth(indicator: str, value: float, year: int, **kw: Any) -> StatementRecord:
    return actual(indicator, value, year, measure="growth", unit="%", **kw)


# --------------------------------------------------------------------------- annual targets

# (target kwargs, actual value, status, gap)
ANNUAL = [
    # a growth target 5%左右 is achieved from 4.5 on (0.5 points of tolerance)
    (
        dict(indicator="地区生产总值", value=5, measure="growth", unit="%", qualifier="about"),
        5.2,
        "achieved",
        -0.2,
    ),
    (
        dict(indicator="地区生产总值", value=5, measure="growth", unit="%", qualifier="about"),
        4.5,
        "achieved",
        0.5,
    ),
    (
        dict(indicator="地区生产总值", value=5, measure="growth", unit="%", qualifier="about"),
        4.4,
        "missed",
        0.6,
    ),
    # exact and at_least: a floor, no tolerance
    (dict(indicator="一般公共预算收入", value=5, measure="growth", unit="%"), 4.9, "missed", 0.1),
    (dict(indicator="城镇新增就业", value=1.1, unit="万人", qualifier="at_least"), 1.21, "achieved", -0.11),
    (dict(indicator="城镇新增就业", value=1.1, unit="万人", qualifier="at_least"), 1.0, "missed", 0.1),
    # at_most (控制在3%以内): achieved when at or below, the gap is actual − target
    (dict(indicator="城镇登记失业率", value=3, unit="%", qualifier="at_most"), 2.0, "achieved", -1.0),
    (dict(indicator="城镇登记失业率", value=3, unit="%", qualifier="at_most"), 3.0, "achieved", 0.0),
    (dict(indicator="城镇登记失业率", value=3, unit="%", qualifier="at_most"), 3.2, "missed", 0.2),
    # lower is better without at_most: PM2.5 (exact), 能耗下降3%左右 (value −3)
    (dict(indicator="PM2.5平均浓度", value=30, unit="微克/立方米"), 29, "achieved", -1.0),
    (dict(indicator="PM2.5平均浓度", value=30, unit="微克/立方米"), 31, "missed", 1.0),
    (
        dict(indicator="单位地区生产总值能耗", value=-3, measure="growth", unit="%", qualifier="about"),
        -3.2,
        "achieved",
        -0.2,
    ),
    (
        dict(indicator="单位地区生产总值能耗", value=-3, measure="growth", unit="%", qualifier="about"),
        -2.6,
        "achieved",
        0.4,
    ),
    (
        dict(indicator="单位地区生产总值能耗", value=-3, measure="growth", unit="%", qualifier="about"),
        -2.4,
        "missed",
        0.6,
    ),
    # a range: inside, beyond on the good side, short of it
    (
        dict(indicator="固定资产投资", value=6, value_max=6.5, measure="growth", unit="%", qualifier="range"),
        6.2,
        "achieved",
        -0.2,
    ),
    (
        dict(indicator="固定资产投资", value=6, value_max=6.5, measure="growth", unit="%", qualifier="range"),
        7.0,
        "achieved",
        -1.0,
    ),
    (
        dict(indicator="固定资产投资", value=6, value_max=6.5, measure="growth", unit="%", qualifier="range"),
        5.9,
        "missed",
        0.1,
    ),
    # a level 约550亿元: 2% relative tolerance, so 539 is achieved and 538 is not
    (dict(indicator="地区生产总值", value=550, qualifier="about"), 539, "achieved", 11.0),
    (dict(indicator="地区生产总值", value=550, qualifier="about"), 538, "missed", 12.0),
    # a share in % with 左右: tolerance in points, not relative
    (dict(indicator="空气质量优良天数比例", value=80, unit="%", qualifier="about"), 79.5, "achieved", 0.5),
    (dict(indicator="空气质量优良天数比例", value=80, unit="%", qualifier="about"), 79.4, "missed", 0.6),
]


@pytest.mark.parametrize(("target_kw", "value", "status", "gap"), ANNUAL)
def test_annual_target_judged_with_direction_and_tolerance(
    target_kw: dict[str, Any], value: float, status: str, gap: float
) -> None:
    kw = dict(target_kw)
    indicator = kw.pop("indicator")
    t = target(indicator, year=2024, **kw)
    a = actual(indicator, value, 2024, measure=t.measure, unit=t.unit)
    row = only(evaluate([t, a]))
    assert (row.status, row.method, row.period) == (status, "annual", "2024")
    assert row.gap == pytest.approx(gap)
    assert row.actual is not None and row.actual["value"] == value and row.actual["year"] == 2024
    assert row.required_pace is None
    assert [s.role for s in row.sources] == ["target", "actual"]


def test_range_target_says_whether_inside() -> None:
    t = target("固定资产投资", 6, 2024, value_max=6.5, measure="growth", unit="%", qualifier="range")
    inside = only(evaluate([t, growth("固定资产投资", 6.3, 2024)]))
    beyond = only(evaluate([t, growth("固定资产投资", 8, 2024)]))
    assert inside.details["inside_range"] is True
    assert beyond.details["inside_range"] is False and beyond.status == "achieved"


def test_range_target_of_lower_is_better_is_judged_on_upper_bound() -> None:
    t = target("PM2.5平均浓度", 28, 2024, value_max=30, unit="微克/立方米", qualifier="range")
    ok = only(evaluate([t, actual("PM2.5平均浓度", 29.5, 2024, unit="微克/立方米")]))
    bad = only(evaluate([t, actual("PM2.5平均浓度", 31, 2024, unit="微克/立方米")]))
    assert (ok.status, ok.gap) == ("achieved", -0.5)
    assert (bad.status, bad.gap) == ("missed", 1.0)


def test_units_are_converted_to_the_target_unit() -> None:
    t = target("实际使用外资", 4400, 2024, unit="万美元", qualifier="at_least")
    row = only(evaluate([t, actual("实际使用外资", 0.45, 2024, unit="亿美元")]))
    assert row.status == "achieved"
    assert (
        row.actual is not None
        and row.actual["value"] == pytest.approx(4500)
        and row.actual["unit"] == "万美元"
    )
    assert row.gap == pytest.approx(-100)


def test_result_in_a_unit_that_does_not_convert_is_ignored() -> None:
    t = target("每万人发明专利拥有量", 50, 2024, unit="件")
    row = only(evaluate([t, actual("每万人发明专利拥有量", 1.8, 2024, unit="倍")]))
    assert row.status == "pending" and row.actual is None


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("亿元", "万元", 48e4),
        ("万元", "亿元", 0.0048),
        ("万人", "人", 480000),
        ("亩", "万亩", 0.0048),
        ("%", "个百分点", None),
        ("亿元", None, None),
        (None, None, 48),
    ],
)
def test_convert_unit(a: str | None, b: str | None, expected: float | None) -> None:
    got = convert_unit(48, a, b)
    assert got == (pytest.approx(expected) if expected is not None else None)


def test_annual_target_without_result_is_pending() -> None:
    t = target("地区生产总值", 5, 2025, measure="growth", unit="%", qualifier="about")
    row = only(evaluate([t, growth("地区生产总值", 6.1, 2024)]))
    assert (row.status, row.actual, row.gap) == ("pending", None, None)
    assert "2025" in row.details["reason"]


def test_as_of_hides_later_results() -> None:
    t = target("地区生产总值", 5, 2024, measure="growth", unit="%")
    a = growth("地区生产总值", 6.1, 2024)
    assert only(evaluate([t, a])).status == "achieved"
    assert only(evaluate([t, a], as_of=2023)).status == "pending"


def test_annual_growth_target_derived_from_levels() -> None:
    t = target("一般公共预算收入", 4, 2024, measure="growth", unit="%", qualifier="at_least")
    row = only(evaluate([t, actual("一般公共预算收入", 36.2, 2023), actual("一般公共预算收入", 37.8, 2024)]))
    assert row.status == "achieved"
    assert row.actual is not None and row.actual["value"] == pytest.approx((37.8 / 36.2 - 1) * 100, abs=1e-4)
    assert "derived" in row.details
    assert len(row.sources) == 3


def test_annual_delta_target_derived_from_levels_of_a_share() -> None:
    t = target("研发经费投入占地区生产总值比重", 0.2, 2024, measure="delta", unit="个百分点")
    row = only(
        evaluate(
            [
                t,
                actual("研发经费投入占地区生产总值比重", 3.0, 2023, unit="%"),
                actual("研发经费投入占地区生产总值比重", 3.2, 2024, unit="%"),
            ]
        )
    )
    assert row.status == "achieved"
    assert row.actual is not None and row.actual["value"] == pytest.approx(0.2, abs=1e-6)
    assert row.actual["unit"] == "个百分点"


# --------------------------------------------------------------------------- matching


def test_flow_never_answers_a_stock() -> None:
    rows = evaluate(
        [
            target("新增高新技术企业", 100, 2024, unit="家"),
            target("高新技术企业", 600, 2024, unit="家", qualifier="at_least"),
            actual("高新技术企业总数", 500, 2024, unit="家"),
            actual("新认定高新技术企业", 92, 2024, unit="家"),
        ]
    )
    by = {r.indicator: r for r in rows}
    assert by["新增高新技术企业"].actual is not None and by["新增高新技术企业"].actual["value"] == 92
    assert by["高新技术企业"].actual is not None and by["高新技术企业"].actual["value"] == 500


def test_matching_by_registry_id_and_by_phrase() -> None:
    # GDP and 地区生产总值 are one indicator of the registry; the given id wins over the phrase
    t = target("GDP", 5, 2024, measure="growth", unit="%", indicator_id="gdp")
    row = only(evaluate([t, growth("全年实现地区生产总值", 6, 2024)]))
    assert row.indicator_id == "gdp" and row.status == "achieved"
    # without any registry entry the normalised phrases must agree
    empty = Registry.from_entries([])
    t2 = target("夜间经济销售额", 10, 2024, measure="growth", unit="%")
    row2 = only(evaluate([t2, growth("全区夜间经济销售额增速", 11, 2024)], registry=empty))
    assert row2.indicator_id is None and row2.status == "achieved"
    row3 = only(evaluate([t2, growth("夜间经济营业额", 11, 2024)], registry=empty))
    assert row3.status == "pending"


def test_other_region_and_other_measure_do_not_answer() -> None:
    t = target("地区生产总值", 5, 2024, measure="growth", unit="%")
    rows = evaluate([t, growth("地区生产总值", 6, 2024, region="钟楼区"), actual("地区生产总值", 1000, 2024)])
    row = next(r for r in rows if r.target_id == t.id)
    assert row.status == "pending"


# --------------------------------------------------------------------------- conflicts


def test_conflict_later_document_wins_and_both_are_kept() -> None:
    t = target("地区生产总值", 1000, 2024, qualifier="at_least")
    estimate = actual(
        "地区生产总值", 1010, 2024, doc="report-2025", published=2025, text="预计完成地区生产总值1010亿元"
    )
    final = actual("地区生产总值", 995, 2024, doc="report-2026", published=2026, text="地区生产总值995亿元")
    row = only(evaluate([t, final, estimate]))
    assert row.conflict is True
    assert row.actual is not None and row.actual["value"] == 995 and row.actual["document"] == "report-2026"
    assert row.status == "missed"
    roles = {s.document: s.role for s in row.sources}
    assert roles == {"doc": "target", "report-2026": "actual", "report-2025": "superseded"}
    (c,) = row.details["conflicts"]
    assert c["used"]["value"] == 995 and c["others"][0]["value"] == 1010


def test_conflict_manual_entry_wins_at_equal_publication() -> None:
    t = target("一般公共预算收入", 48, 2024, qualifier="at_least")
    extracted = actual("一般公共预算收入", 47, 2024, published=2025)
    manual = actual(
        "一般公共预算收入", 48.2, 2024, published=2025, provenance="manual", doc="corrections.csv"
    )
    row = only(evaluate([t, manual, extracted]))
    assert row.conflict and row.status == "achieved"
    assert row.actual is not None and row.actual["document"] == "corrections.csv"


def test_same_figure_twice_is_no_conflict() -> None:
    t = target("地区生产总值", 1000, 2024)
    row = only(
        evaluate(
            [t, actual("地区生产总值", 1010, 2024), actual("地区生产总值", 10_100_000, 2024, unit="万元")]
        )
    )
    assert row.conflict is False and "conflicts" not in row.details
    assert [s.role for s in row.sources] == ["target", "actual", "actual"]


def test_conflict_in_baseline_of_plan_is_flagged() -> None:
    rows = evaluate(
        [
            plan("地区生产总值", 550),
            actual("地区生产总值", 402, 2020, doc="fyp14", published=2021),
            actual("地区生产总值", 398, 2020, doc="yearbook", published=2022),
            actual("地区生产总值", 497, 2024),
        ]
    )
    row = only(rows)
    assert row.conflict and row.details["baseline"] == 398


# --------------------------------------------------------------------------- five-year level targets


def _cagr(a: float, b: float, n: int) -> float:
    return (b / a) ** (1 / n) - 1


def test_plan_level_target_inputs_and_both_methods() -> None:
    rows = evaluate(
        [
            plan("地区生产总值", 550, qualifier="about"),
            actual("地区生产总值", 402, 2020, doc="fyp14"),
            actual("地区生产总值", 468.5, 2023),
            actual("地区生产总值", 497.2, 2024),
        ]
    )
    row = only(rows)
    d = row.details
    c_act, c_req = _cagr(402, 497.2, 4), _cagr(402, 550, 5)
    assert row.period == "2021-2025"
    assert d["baseline"] == 402 and d["baseline_year"] == 2020 and d["latest_year"] == 2024
    assert d["time_share"] == pytest.approx(0.8)
    assert d["achievement_share"] == pytest.approx((497.2 - 402) / (550 - 402), abs=1e-4)
    assert d["sdg"]["cagr_actual"] == pytest.approx(c_act * 100, abs=1e-3)
    assert d["sdg"]["cagr_required"] == pytest.approx(c_req * 100, abs=1e-3)
    assert d["sdg"]["R"] == pytest.approx(c_act / c_req, abs=1e-4)
    projected = 497.2 * (1 + c_act)
    assert d["unsd"]["P"] == pytest.approx((projected - 402) / (550 - 402), abs=1e-4)
    assert row.required_pace == pytest.approx((550 / 497.2 - 1) * 100, abs=1e-3)
    assert row.gap == pytest.approx(52.8)
    assert (row.status, row.method) == ("at_risk", "sdg")
    assert d["progress"] == "fair"
    assert [s.role for s in row.sources] == ["target", "baseline", "actual"]


def _fast_plan(config: EvalConfig | None = None) -> LedgerRow:
    # R ≥ 0.95 but P < 0.95: the two methods disagree
    x_t = 100 * 1.142**3
    rows = evaluate(
        [plan("地区生产总值", 200), actual("地区生产总值", 100, 2020), actual("地区生产总值", x_t, 2023)],
        config=config,
    )
    return only(rows)


@pytest.mark.parametrize(
    ("method", "status", "shown"),
    [("sdg", "on_track", "sdg"), ("unsd", "at_risk", "unsd"), ("both", "at_risk", "sdg+unsd")],
)
def test_method_chooses_the_status_and_both_are_in_details(method: str, status: str, shown: str) -> None:
    row = _fast_plan(EvalConfig(method=method))  # type: ignore[arg-type]
    assert row.details["sdg"]["R"] >= 0.95 > row.details["unsd"]["P"]
    assert row.details["sdg"]["status"] == "on_track" and row.details["unsd"]["status"] == "at_risk"
    assert (row.status, row.method) == (status, shown)


# (baseline 2020, results {year: value}, target, qualifier, status)
PLAN_CASES = [
    # PM2.5 35 → 30: falling too slowly is at risk, and the pace still needed is negative
    ("PM2.5平均浓度", "微克/立方米", 35, {2023: 33}, 30, "exact", "at_risk"),
    ("PM2.5平均浓度", "微克/立方米", 35, {2022: 32.5}, 30, "exact", "on_track"),
    ("PM2.5平均浓度", "微克/立方米", 35, {2023: 29}, 30, "exact", "achieved"),
    ("PM2.5平均浓度", "微克/立方米", 35, {2025: 31}, 30, "exact", "missed"),
    # a plan target already reached before its year
    ("一般公共预算收入", "亿元", 30.5, {2023: 41}, 40, "at_least", "achieved"),
    # the last year is in and short: can no longer be reached
    ("一般公共预算收入", "亿元", 30.5, {2024: 37.8, 2025: 39.0}, 40, "at_least", "missed"),
    # 失业率控制在3%以内 over the plan: above the cap and rising is at risk
    ("城镇登记失业率", "%", 2.1, {2023: 3.2}, 3, "at_most", "at_risk"),
    ("城镇登记失业率", "%", 2.1, {2023: 2.5}, 3, "at_most", "achieved"),
    # a higher-is-better level on track
    ("地区生产总值", "亿元", 400, {2023: 460}, 500, "exact", "on_track"),
]


@pytest.mark.parametrize(("indicator", "unit", "base", "results", "goal", "qualifier", "status"), PLAN_CASES)
def test_plan_level_status(
    indicator: str,
    unit: str,
    base: float,
    results: dict[int, float],
    goal: float,
    qualifier: str,
    status: str,
) -> None:
    records = [
        plan(indicator, goal, unit=unit, qualifier=qualifier),
        actual(indicator, base, 2020, unit=unit),
    ]
    records += [actual(indicator, v, y, unit=unit) for y, v in results.items()]
    row = only(evaluate(records))
    assert row.status == status, row.details
    t = max(results)
    assert row.actual is not None and row.actual["year"] == t
    if status in ("on_track", "at_risk"):
        expected = ((goal / results[t]) ** (1 / (2025 - t)) - 1) * 100
        assert row.required_pace == pytest.approx(expected, abs=1e-3)
    if status == "achieved":
        assert row.required_pace is None
    if status == "missed":
        assert row.required_pace is None and row.gap is not None and row.gap > 0


def test_lower_is_better_plan_uses_d_minus_one() -> None:
    row = only(
        evaluate(
            [
                plan("PM2.5平均浓度", 30, unit="微克/立方米"),
                actual("PM2.5平均浓度", 35, 2020, unit="微克/立方米"),
                actual("PM2.5平均浓度", 33, 2023, unit="微克/立方米"),
            ]
        )
    )
    c_act, c_req = _cagr(35, 33, 3), _cagr(35, 30, 5)
    assert c_act < 0 and c_req < 0
    assert row.details["sdg"]["R"] == pytest.approx(-1 * c_act / abs(c_req), abs=1e-4)
    assert row.required_pace is not None and row.required_pace < 0
    assert row.details["polarity"] == "lower"
    assert row.gap == pytest.approx(3)


def test_plan_period_from_doc_type() -> None:
    t = target("地区生产总值", 550, 2025, doc_type="five_year_plan")
    assert plan_period(t) == (2021, 2025)
    assert plan_period(target("地区生产总值", 5, 2025)) is None
    assert plan_period(target("地区生产总值", 9000, 2035, period=(2021, 2025))) == (2021, 2035)
    row = only(evaluate([t, actual("地区生产总值", 402, 2020), actual("地区生产总值", 497.2, 2024)]))
    assert row.period == "2021-2025" and row.method == "sdg"


def test_plan_without_baseline_uses_earliest_result_of_period() -> None:
    row = only(
        evaluate(
            [
                plan("地区生产总值", 550),
                actual("地区生产总值", 468.5, 2023),
                actual("地区生产总值", 497.2, 2024),
            ]
        )
    )
    d = row.details
    assert d["baseline"] is None and "2023" in d["fallback"]
    assert d["sdg"]["R"] == pytest.approx(_cagr(468.5, 497.2, 1) / _cagr(468.5, 550, 2), abs=1e-4)
    assert row.status in ("on_track", "at_risk")


def test_plan_without_baseline_uses_reported_growth() -> None:
    row = only(
        evaluate(
            [
                plan("地区生产总值", 550),
                actual("地区生产总值", 497.2, 2024),
                growth("地区生产总值", 6.1, 2024),
            ]
        )
    )
    d = row.details
    g = _cagr(497.2, 550, 1)
    assert "growth reported" in d["fallback"]
    assert d["sdg"]["R"] == pytest.approx(0.061 / g, abs=1e-4)
    assert d["unsd"]["P"] == pytest.approx((497.2 * 1.061 - 497.2) / (550 - 497.2), abs=1e-4)
    assert row.status == "at_risk"


def test_plan_with_nothing_to_judge_progress_needs_review() -> None:
    row = only(evaluate([plan("地区生产总值", 550), actual("地区生产总值", 497.2, 2024)]))
    assert row.status == "needs_review" and "baseline" in row.details["reason"]
    assert row.required_pace is not None  # the pace still needed needs no baseline


def test_plan_without_results_in_period_is_pending_but_shows_baseline() -> None:
    row = only(evaluate([plan("地区生产总值", 550), actual("地区生产总值", 402, 2020)]))
    assert row.status == "pending" and row.details["baseline"] == 402


def test_plan_as_of_uses_the_results_known_then() -> None:
    records = [
        plan("地区生产总值", 550),
        actual("地区生产总值", 402, 2020),
        actual("地区生产总值", 468.5, 2023),
        actual("地区生产总值", 560, 2024),
    ]
    assert only(evaluate(records)).status == "achieved"
    then = only(evaluate(records, as_of=2023))
    assert then.details["latest_year"] == 2023 and then.status != "achieved"


def test_plan_with_a_negative_value_falls_back_to_linear_rates() -> None:
    row = only(
        evaluate(
            [
                plan("净利润", 10, unit="亿元"),
                actual("净利润", -2, 2020, unit="亿元"),
                actual("净利润", 4, 2023, unit="亿元"),
            ],
            registry=Registry.from_entries([]),
        )
    )
    d = row.details
    assert d["linear"] is True
    assert d["sdg"]["R"] == pytest.approx((6 / 3) / (12 / 5), abs=1e-4)
    assert d["unsd"]["P"] == pytest.approx((4 + 2 * 2 + 2) / 12, abs=1e-4)


def test_plan_delta_target_is_a_level_of_baseline_plus_delta() -> None:
    row = only(
        evaluate(
            [
                plan(
                    "研发经费投入占地区生产总值比重", 0.7, measure="delta", unit="个百分点", cumulative=True
                ),
                actual("研发经费投入占地区生产总值比重", 2.8, 2020, unit="%"),
                actual("研发经费投入占地区生产总值比重", 3.2, 2024, unit="%"),
            ]
        )
    )
    assert row.details["target_level"] == pytest.approx(3.5)
    assert row.gap == pytest.approx(0.3)
    assert row.status == "at_risk"


def test_duplicate_targets_of_text_and_table_make_one_row() -> None:
    text = plan("地区生产总值", 550, qualifier="about")
    table = plan("地区生产总值", 550)
    row = only(evaluate([table, text, actual("地区生产总值", 402, 2020), actual("地区生产总值", 545, 2024)]))
    assert row.target["qualifier"] == "about" and row.target_id == text.id
    assert [s.statement_id for s in row.sources if s.role == "target"] == [text.id, table.id]
    assert row.status == "achieved"  # 545 is within 2% of 约550


# --------------------------------------------------------------------------- five-year growth targets


@pytest.mark.parametrize(
    ("rates", "target_rate", "status"),
    [
        ({2021: 7, 2022: 7, 2023: 7, 2024: 7}, 6.5, "on_track"),
        ({2021: 10, 2022: 10, 2023: 10, 2024: 10}, 6.5, "achieved"),  # already compounds to five years' worth
        ({2021: 5, 2022: 5.5, 2023: 5.6, 2024: 6.1}, 6.5, "at_risk"),
        ({2021: 6, 2022: 6, 2023: 6, 2024: 6, 2025: 6}, 6.5, "missed"),
        ({2021: 7, 2022: 6, 2023: 7, 2024: 6, 2025: 7}, 6.5, "achieved"),
    ],
)
def test_plan_growth_target_against_average_growth(
    rates: dict[int, float], target_rate: float, status: str
) -> None:
    records = [plan("地区生产总值", target_rate, measure="growth", unit="%")]
    records += [growth("地区生产总值", v, y) for y, v in rates.items()]
    row = only(evaluate(records))
    c = math.prod(1 + v / 100 for v in rates.values()) ** (1 / len(rates)) - 1
    assert row.actual is not None and row.actual["value"] == pytest.approx(c * 100, abs=1e-3)
    assert row.details["sdg"]["R"] == pytest.approx(c / (target_rate / 100), abs=1e-4)
    assert row.gap == pytest.approx(target_rate - c * 100, abs=1e-3)
    assert row.status == status
    if status in ("on_track", "at_risk"):
        n = len(rates)
        g = ((1 + target_rate / 100) ** 5 / (1 + c) ** n) ** (1 / (5 - n)) - 1
        assert row.required_pace == pytest.approx(g * 100, abs=1e-3)


def test_plan_growth_target_of_lower_is_better() -> None:
    records = [plan("单位地区生产总值能耗", -3, measure="growth", unit="%")]
    records += [growth("单位地区生产总值能耗", -3.2, y) for y in (2021, 2022, 2023)]
    row = only(evaluate(records))
    assert row.details["sdg"]["R"] == pytest.approx(3.2 / 3, abs=1e-3)
    assert row.status == "on_track" and row.gap == pytest.approx(-0.2, abs=1e-6)


def test_plan_growth_target_from_levels_without_growth_results() -> None:
    rows = evaluate(
        [
            plan("城镇居民人均可支配收入", 5.5, measure="growth", unit="%"),
            actual("城镇居民人均可支配收入", 5.2, 2020, unit="万元"),
            actual("城镇居民人均可支配收入", 6.1, 2023, unit="万元"),
        ]
    )
    row = only(rows)
    assert row.actual is not None and row.actual["value"] == pytest.approx(_cagr(5.2, 6.1, 3) * 100, abs=1e-3)
    assert "levels" in row.details["rate_source"]


def test_plan_cumulative_growth_target_becomes_a_yearly_rate() -> None:
    records = [plan("单位地区生产总值能耗", -13.5, measure="growth", unit="%", cumulative=True)]
    records += [growth("单位地区生产总值能耗", -3.0, y) for y in (2021, 2022)]
    row = only(evaluate(records))
    assert row.details["target_yearly_rate"] == pytest.approx((0.865 ** (1 / 5) - 1) * 100, abs=1e-3)
    assert row.status == "on_track"


# --------------------------------------------------------------------------- five-year cumulative targets


def test_cumulative_target_sum_remainder_and_pace() -> None:
    records = [plan("城镇新增就业", 5.5, unit="万人", cumulative=True)]
    yearly = {2021: 1.1, 2022: 1.15, 2023: 1.15, 2024: 1.21}
    records += [actual("新增城镇就业", v, y, unit="万人") for y, v in yearly.items()]
    row = only(evaluate(records))
    total = sum(yearly.values())
    assert row.method == "cumulative"
    assert row.actual is not None and row.actual["value"] == pytest.approx(total)
    assert row.details["remainder"] == pytest.approx(5.5 - total)
    assert row.details["years_open"] == [2025]
    assert row.required_pace == pytest.approx(5.5 - total)
    assert row.details["sdg"]["R"] == pytest.approx((total / 4) / (5.5 - total), abs=1e-4)
    assert row.details["unsd"]["P"] == pytest.approx((total + total / 4) / 5.5, abs=1e-4)
    assert row.status == "on_track"
    assert row.gap == pytest.approx(5.5 - total)


@pytest.mark.parametrize(
    ("yearly", "status", "open_years"),
    [
        ({2021: 1.2, 2022: 1.2, 2023: 1.2, 2024: 1.2, 2025: 1.2}, "achieved", []),
        ({2021: 1.0, 2022: 1.0, 2023: 1.0, 2024: 1.0, 2025: 1.0}, "missed", []),
        ({2021: 2.0, 2022: 2.0, 2023: 2.0}, "achieved", [2024, 2025]),
        ({2021: 0.5, 2022: 0.5, 2023: 0.5}, "at_risk", [2024, 2025]),
        # a past year not in the store stays open and is listed as missing
        ({2021: 1.1, 2023: 1.1, 2024: 1.1}, "on_track", [2022, 2025]),
    ],
)
def test_cumulative_target_status(yearly: dict[int, float], status: str, open_years: list[int]) -> None:
    records = [plan("城镇新增就业", 5.5, unit="万人", cumulative=True)]
    records += [actual("城镇新增就业", v * 10000, y, unit="人") for y, v in yearly.items()]  # 人 → 万人
    row = only(evaluate(records))
    assert row.status == status, row.details
    assert row.details["years_open"] == open_years
    if 2022 in open_years and 2021 in yearly:
        assert row.details["years_missing"] == [2022]


def test_cumulative_result_naming_the_plan_counts_for_its_years() -> None:
    records = [
        plan("城镇新增就业", 5.5, unit="万人", cumulative=True),
        actual(
            "城镇新增就业",
            4.7,
            2024,
            unit="万人",
            cumulative=True,
            text="“十四五”以来累计新增城镇就业4.7万人",
        ),
        actual(
            "城镇新增就业", 9, 2020, unit="万人", cumulative=True, text="“十三五”期间累计新增城镇就业9万人"
        ),
    ]
    row = only(evaluate(records))
    assert row.actual is not None and row.actual["value"] == pytest.approx(4.7)
    assert row.details["years_open"] == [2025]
    assert row.details["cumulative_result"]["year"] == 2024


def test_cumulative_cap_exceeded_is_missed_at_once() -> None:
    records = [plan("新增建设用地", 3000, unit="亩", cumulative=True, qualifier="at_most")]
    records += [actual("新增建设用地", 1100, y, unit="亩") for y in (2021, 2022, 2023)]
    row = only(evaluate(records, registry=Registry.from_entries([])))
    assert row.status == "missed" and row.gap == pytest.approx(300)


# --------------------------------------------------------------------------- qualitative targets


def test_qualitative_target_needs_review_with_evidence() -> None:
    t = target("一般公共预算收入", None, 2024, measure="growth", unit=None)
    evidence = [
        growth("一般公共预算收入", 4.4, 2024),
        actual("一般公共预算收入", 37.8, 2024),
        actual("一般公共预算收入", 36.2, 2023),
    ]
    row = only(evaluate([t, *evidence]))
    assert (row.status, row.method) == ("needs_review", "review")
    assert [s.role for s in row.sources] == ["target", "evidence", "evidence"]
    assert row.actual is not None and row.actual["measure"] == "growth" and row.actual["value"] == 4.4
    assert len(row.details["evidence"]) == 2


def test_qualitative_plan_target_takes_evidence_of_its_period() -> None:
    t = plan("单位地区生产总值能耗", None, unit=None)
    row = only(
        evaluate([t, growth("单位地区生产总值能耗", -3.2, 2024), growth("单位地区生产总值能耗", -4, 2019)])
    )
    assert row.status == "needs_review"
    assert [s.year for s in row.sources if s.role == "evidence"] == [2024]


def test_qualitative_target_without_evidence() -> None:
    row = only(evaluate([target("主要污染物减排任务", None, 2024, unit=None)]))
    assert row.status == "needs_review" and row.actual is None and row.details["evidence"] == []


# --------------------------------------------------------------------------- the row


def test_row_json_shape() -> None:
    row = only(
        evaluate(
            [
                plan("地区生产总值", 550),
                actual("地区生产总值", 402, 2020),
                actual("地区生产总值", 497.2, 2024),
            ]
        )
    )
    d = row.to_dict()
    for key in (
        "region",
        "indicator_id",
        "indicator",
        "period",
        "target",
        "actual",
        "gap",
        "required_pace",
        "status",
        "method",
        "sources",
    ):
        assert key in d
    for key in ("kind", "measure", "value", "value_max", "unit", "qualifier", "cumulative", "year"):
        assert key in d["target"]
    for key in ("value", "unit", "year"):
        assert key in d["actual"]
    assert d["status"] in STATUSES
    assert all({"document", "span", "text"} <= set(s) for s in d["sources"])
    assert d["sources"][0]["span"] == [0, 10]


def test_rows_are_sorted_by_region_and_period() -> None:
    rows = evaluate(
        [
            target("地区生产总值", 5, 2025, measure="growth", unit="%", region="钟楼区"),
            target("地区生产总值", 5, 2025, measure="growth", unit="%"),
            plan("地区生产总值", 550),
            target("地区生产总值", 5, 2024, measure="growth", unit="%"),
        ]
    )
    assert [(r.region, r.period) for r in rows] == [
        ("天宁区", "2021-2025"),
        ("天宁区", "2024"),
        ("天宁区", "2025"),
        ("钟楼区", "2025"),
    ]


# --------------------------------------------------------------------------- settings


def test_tolerance_is_configurable() -> None:
    t = target("地区生产总值", 5, 2024, measure="growth", unit="%", qualifier="about")
    a = growth("地区生产总值", 4.6, 2024)
    assert only(evaluate([t, a])).status == "achieved"
    assert only(evaluate([t, a], config=EvalConfig(growth_tolerance=0.3))).status == "missed"
    lvl = target("地区生产总值", 550, 2024, qualifier="about")
    assert only(
        evaluate([lvl, actual("地区生产总值", 530, 2024)], config=EvalConfig(level_tolerance=0.05))
    ).status == ("achieved")


def test_at_risk_floor_sets_the_progress_band() -> None:
    records = [
        plan("地区生产总值", 550),
        actual("地区生产总值", 402, 2020),
        actual("地区生产总值", 497.2, 2024),
    ]
    assert only(evaluate(records)).details["progress"] == "fair"
    assert only(evaluate(records, config=EvalConfig(at_risk_floor=0.9))).details["progress"] == "limited"


def test_config_from_toml_env_and_overrides(tmp_path: Path) -> None:
    f = tmp_path / "ledger.toml"
    f.write_text('[ledger]\ngrowth_tolerance = 0.3\nmethod = "unsd"\n', encoding="utf-8")
    cfg = EvalConfig.load(f, env={"MUBIAO_LEVEL_TOLERANCE": "0.01"}, on_track=0.9)
    assert (cfg.growth_tolerance, cfg.level_tolerance, cfg.on_track, cfg.method) == (0.3, 0.01, 0.9, "unsd")
    cfg2 = EvalConfig.load(env={"MUBIAO_LEDGER_CONFIG": str(f), "MUBIAO_METHOD": "both"})
    assert (cfg2.growth_tolerance, cfg2.method) == (0.3, "both")
    assert EvalConfig.load(env={}) == EvalConfig()


@pytest.mark.parametrize(
    ("toml", "env"),
    [
        ("growth_tolerance = 'a lot'\n", {}),
        ("speed = 1\n", {}),
        ("", {"MUBIAO_METHOD": "vote"}),
        ("level_tolerance = 2\n", {}),
        ("on_track = 0.4\nat_risk_floor = 0.6\n", {}),
    ],
)
def test_bad_config_is_a_usage_error(tmp_path: Path, toml: str, env: dict[str, str]) -> None:
    f = tmp_path / "ledger.toml"
    f.write_text(toml, encoding="utf-8")
    with pytest.raises(UsageError):
        EvalConfig.load(f, env=env)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.3", {"growth_tolerance": 0.3}),
        ("2%", {"level_tolerance": 0.02}),
        ("growth=0.3,level=1%", {"growth_tolerance": 0.3, "level_tolerance": 0.01}),
        ("level=0.05", {"level_tolerance": 0.05}),
    ],
)
def test_parse_tolerance(text: str, expected: dict[str, float]) -> None:
    assert parse_tolerance(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["lots", "speed=1"])
def test_parse_tolerance_rejects_nonsense(text: str) -> None:
    with pytest.raises(UsageError):
        parse_tolerance(text)


# --------------------------------------------------------------------------- flows and per-year plan targets


def test_plan_flow_target_is_a_five_year_total() -> None:
    # 新增就业7万人 in a plan, not marked 累计: the total of the five years
    records = [plan("新增就业", 7, unit="万人")]
    records += [actual("新增城镇就业", 1.3, y, unit="万人") for y in (2021, 2022, 2023, 2024)]
    row = only(evaluate(records))
    assert row.method == "cumulative"
    assert row.actual is not None and row.actual["value"] == pytest.approx(5.2)
    assert row.required_pace == pytest.approx(1.8)
    assert row.status == "at_risk"


def test_plan_per_year_target_is_judged_on_the_yearly_mean() -> None:
    records = [plan("年均实际到账外资", 2.5, unit="亿美元", qualifier="at_least")]
    records += [
        actual("实际使用外资", v, y, unit="亿美元") for y, v in ((2021, 2.4), (2022, 2.6), (2023, 2.7))
    ]
    row = only(evaluate(records))
    assert row.method == "per_year"
    assert row.actual is not None and row.actual["value"] == pytest.approx(2.5667, abs=1e-4)
    assert row.gap == pytest.approx(2.5 - 7.7 / 3, abs=1e-4)
    assert row.details["total_target"] == pytest.approx(12.5)
    assert row.required_pace == pytest.approx((12.5 - 7.7) / 2)
    assert row.status == "on_track"


def test_closer_phrase_wins_a_tie_within_one_document() -> None:
    t = plan("外贸进出口总额", 1100, cumulative=True)
    trade = actual("进出口总额", 221, 2024, doc="r2025", published=2025)
    customs = actual("海关进出口额", 7.2, 2024, doc="r2025", published=2025)
    row = only(evaluate([t, trade, customs]))
    assert row.details["years_known"] == {"2024": 221}
    assert row.conflict  # still shown: a person should look at it
    assert {s.statement_id: s.role for s in row.sources}[customs.id] == "superseded"


def test_growth_target_in_another_unit_needs_review() -> None:
    row = only(evaluate([plan("研发投入", 1, measure="growth", unit="倍", qualifier="at_least")]))
    assert row.status == "needs_review" and "倍" in row.details["reason"]


def test_plan_target_equal_to_its_baseline() -> None:
    # 保持100%: held is achieved, slipped is at risk (no ratio can be taken)
    held = [plan("城镇污水处理达标率", 100, unit="%"), actual("城镇污水处理达标率", 100, 2020, unit="%")]
    assert only(evaluate([*held, actual("城镇污水处理达标率", 100, 2023, unit="%")])).status == "achieved"
    row = only(evaluate([*held, actual("城镇污水处理达标率", 98, 2023, unit="%")]))
    assert row.status == "at_risk" and "undefined" in row.details["reason"]
    assert "R" not in row.details["sdg"] and "P" not in row.details["unsd"]


def test_plan_with_nothing_to_judge_progress_but_an_impossible_pace_is_at_risk() -> None:
    # the issue's own example: 80亿元 planned for 2025, 48亿元 reported for 2024 → 66.7% in one year
    row = only(evaluate([plan("一般公共预算收入", 80), actual("一般公共预算收入", 48, 2024)]))
    assert row.status == "at_risk"
    assert row.gap == pytest.approx(32)
    assert row.required_pace == pytest.approx(66.6667, abs=1e-3)
    assert "max_pace" in row.details["reason"]
    lenient = EvalConfig(max_pace=100)
    assert only(
        evaluate([plan("一般公共预算收入", 80), actual("一般公共预算收入", 48, 2024)], config=lenient)
    ).status == ("needs_review")


DECLINES = [
    # 单位国内生产总值能耗降低3.4%以上: −3.4 at_least on the magnitude (gold.md)
    ("单位国内生产总值能耗", "单位国内生产总值能耗降低3.4%以上", -3.4, "at_least", -20.0, "achieved"),
    ("单位国内生产总值能耗", "单位国内生产总值能耗降低3.4%以上", -3.4, "at_least", -3.4, "achieved"),
    ("单位国内生产总值能耗", "单位国内生产总值能耗降低3.4%以上", -3.4, "at_least", -2.0, "missed"),
    # a registry-silent indicator: the figure or the wording tells lower is better
    ("重污染天数", "重污染天数下降10%", -10.0, "exact", -12.0, "achieved"),
    ("某类事故起数", "某类事故起数下降5%以上", -5.0, "at_least", -1.0, "missed"),
]


@pytest.mark.parametrize(("indicator", "text", "value", "qualifier", "result", "status"), DECLINES)
def test_a_decline_target_is_met_by_a_fall_at_least_as_large(
    indicator: str, text: str, value: float, qualifier: str, result: float, status: str
) -> None:
    t = rec("target", indicator, value, 2024, measure="growth", unit="%", qualifier=qualifier, text=text)
    row = only(evaluate([t, growth(indicator, result, 2024)]))
    assert (row.status, row.details["polarity"]) == (status, "lower")


def test_a_registry_silent_level_target_worded_as_a_decline_is_lower_is_better() -> None:
    t = rec("target", "重污染天数", 5, 2024, unit="天", text="重污染天数减少到5天")
    row = only(evaluate([t, actual("重污染天数", 4, 2024, unit="天")]))
    assert (row.status, row.details["polarity"]) == ("achieved", "lower")


def test_figures_of_part_of_a_year_neither_set_nor_answer_a_years_target() -> None:
    # 一季度增长6.5% is not the year's growth: the target stays pending until the year's figure
    target = rec("target", "地区生产总值", 5.0, 2025, measure="growth", unit="%", qualifier="about")
    quarter = rec("actual", "地区生产总值", 6.5, 2025, measure="growth", unit="%", sub_period="2025-Q1")
    quarter_target = rec(
        "target", "地区生产总值", 6.0, 2025, measure="growth", unit="%", sub_period="2025-Q1"
    )
    rows = evaluate([target, quarter, quarter_target], registry=Registry.default(), as_of=2025)
    assert [r.target_id for r in rows] == [target.id]
    assert rows[0].status == "pending" and rows[0].actual is None
    year = rec("actual", "地区生产总值", 5.4, 2025, measure="growth", unit="%")
    (row,) = evaluate([target, quarter, year], registry=Registry.default(), as_of=2026)
    assert row.actual is not None and row.actual["value"] == 5.4
