"""序时进度 lights at the boundaries of each rule, and the periods they are judged at."""

from __future__ import annotations

from datetime import date

import pytest

from mubiao.errors import UsageError
from mubiao.ledger.supervision import periods as P
from mubiao.ledger.supervision.lights import (
    Margins,
    cumulative,
    light,
    linear_share,
    measure_of,
    seasonal_profile,
)


@pytest.mark.parametrize(
    ("period", "end", "month", "due"),
    [
        ("2025-01", date(2025, 1, 31), 1, date(2025, 2, 10)),
        ("2025-02", date(2025, 2, 28), 2, date(2025, 3, 10)),
        ("2024-02", date(2024, 2, 29), 2, date(2024, 3, 10)),
        ("2025-Q1", date(2025, 3, 31), 3, date(2025, 4, 10)),
        ("2025-Q4", date(2025, 12, 31), 12, date(2026, 1, 10)),
        ("2025-12", date(2025, 12, 31), 12, date(2026, 1, 10)),
    ],
)
def test_periods_end_and_fall_due(period: str, end: date, month: int, due: date) -> None:
    assert P.period_end(period) == end
    assert P.end_month(period) == month
    assert P.due_date(period, 10) == due
    assert P.is_last(period) == (month == 12)


@pytest.mark.parametrize("bad", ["2025-13", "2025-Q5", "2025-3", "25-Q1", "2025Q1"])
def test_a_malformed_period_is_refused(bad: str) -> None:
    with pytest.raises(UsageError):
        P.period_end(bad)


def test_periods_of_a_year() -> None:
    assert P.periods(2025, "quarterly") == ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]
    assert P.periods(2025, "monthly")[0] == "2025-01" and len(P.periods(2025, "monthly")) == 12
    with pytest.raises(UsageError):
        P.periods(2025, "weekly")


@pytest.mark.parametrize(
    ("measure", "value", "unit", "itype", "family", "kind"),
    [
        ("level", 1500.0, "亿元", "level", "money", "flow"),
        ("growth", 5.0, "%", "level", "money", "growth"),
        ("level", 5.5, "%", "rate", "percent", "bounded"),
        ("level", 35.0, "微克/立方米", "level", "concentration", "bounded"),
        ("level", None, None, None, None, "qualitative"),
        ("level", 300.0, "个", None, None, "flow"),
    ],
)
def test_the_rule_follows_the_measure(
    measure: str, value: float | None, unit: str | None, itype: str | None, family: str | None, kind: str
) -> None:
    assert measure_of(measure, value, unit, itype, family) == kind


# flow: 1200 for the year, linear: 300 expected by the end of March; yellow down to 270 (90%)
@pytest.mark.parametrize(
    ("value", "month", "colour"),
    [
        (300.0, 3, "green"),  # exactly on schedule
        (299.99, 3, "yellow"),
        (270.0, 3, "yellow"),  # the margin's edge is still yellow
        (269.99, 3, "red"),
        (100.0, 1, "green"),  # end of January: a twelfth
        (99.0, 1, "yellow"),
        (1200.0, 12, "green"),  # the whole year
        (1079.0, 12, "red"),
    ],
)
def test_a_flow_target_against_the_linear_share(value: float, month: int, colour: str) -> None:
    lit = light("flow", target=1200, value=value, month=month, unit="亿元")
    assert lit.colour == colour
    assert lit.expected == pytest.approx(1200 * month / 12)
    assert "线性" in lit.rule and f"{month}月末" in lit.rule


def test_a_cap_on_a_flow_mirrors_the_rule() -> None:
    assert light("flow", target=1200, value=300, month=3, lower_is_better=True).colour == "green"
    assert light("flow", target=1200, value=330, month=3, lower_is_better=True).colour == "yellow"
    assert light("flow", target=1200, value=331, month=3, lower_is_better=True).colour == "red"


def test_a_seasonal_profile_from_earlier_years() -> None:
    # a year whose first quarter brings a tenth of the total, from monthly figures (当月值)
    monthly = {m: (10.0 if m <= 3 else 270 / 9) for m in range(1, 13)}
    years = {2023: cumulative(monthly), 2024: cumulative(monthly)}
    profile = seasonal_profile(years)
    assert profile is not None and profile[2] == pytest.approx(0.1) and profile[11] == pytest.approx(1.0)
    # 120 of 1200 by March is on schedule by the profile, red by the linear share
    seasonal = light("flow", target=1200, value=120, month=3, profile=profile)
    assert seasonal.colour == "green" and "季节性" in seasonal.rule
    assert light("flow", target=1200, value=120, month=3).colour == "red"


def test_a_profile_needs_whole_years() -> None:
    assert seasonal_profile({2024: {1: 5.0, 2: 9.0}}) is None
    assert seasonal_profile({}) is None
    assert linear_share(3) == 0.25


@pytest.mark.parametrize(
    ("value", "colour"),
    [(5.0, "green"), (6.2, "green"), (4.99, "yellow"), (4.0, "yellow"), (3.99, "red")],
)
def test_a_growth_target_by_year_to_date_growth(value: float, colour: str) -> None:
    lit = light("growth", target=5.0, value=value, month=6)
    assert lit.colour == colour and "1-6月累计" in lit.rule


def test_a_growth_margin_is_configurable_and_a_fall_mirrors() -> None:
    assert light("growth", target=5.0, value=4.4, month=3, margins=Margins(points=0.5)).colour == "red"
    # 能耗下降3%: a fall of 3% or more is green
    assert light("growth", target=-3.0, value=-3.5, month=6, lower_is_better=True).colour == "green"
    assert light("growth", target=-3.0, value=-2.5, month=6, lower_is_better=True).colour == "yellow"
    assert light("growth", target=-3.0, value=-1.9, month=6, lower_is_better=True).colour == "red"


@pytest.mark.parametrize(
    ("value", "colour"),
    [(5.5, "green"), (5.0, "green"), (5.51, "yellow"), (5.775, "yellow"), (5.78, "red")],
)
def test_a_bounded_rate_against_its_bound(value: float, colour: str) -> None:
    """城镇调查失业率控制在5.5%以内: within the bound green, 5% of it beyond yellow."""
    lit = light("bounded", target=5.5, value=value, month=9, lower_is_better=True, unit="%")
    assert lit.colour == colour and "上限5.5%" in lit.rule


def test_a_concentration_and_a_floor() -> None:
    assert light("bounded", target=35, value=36, month=12, lower_is_better=True).colour == "yellow"
    assert light("bounded", target=35, value=37, month=12, lower_is_better=True).colour == "red"
    # a floor (森林覆盖率不低于25%)
    assert light("bounded", target=25, value=24, month=12).colour == "yellow"
    assert light("bounded", target=25, value=23.7, month=12).colour == "red"


def test_no_light_for_a_qualitative_aim_or_without_a_figure() -> None:
    assert light("qualitative", target=None, value=None, month=3).colour == "none"
    assert light("flow", target=1200, value=None, month=3).colour == "none"


def test_an_overdue_report_is_grey_whatever_the_figures() -> None:
    lit = light("flow", target=1200, value=400, month=3, overdue="2025-07-10")
    assert lit.colour == "grey" and "2025-07-10" in lit.rule
