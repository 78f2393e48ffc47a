"""序时进度 lights: is a unit on schedule with its target, by the date of its latest figure?

Pure arithmetic over plain values, so that every rule can be tested at its boundaries.  By measure:

=============  ==========================================================================
measure        rule
=============  ==========================================================================
flow           a level or flow target (地区生产总值 600亿元, 固定资产投资): the value to date
               against the share of the year's target expected by the end of the period —
               linear by default (a quarter by the end of March), or a seasonal profile
               (the cumulative shares of earlier years' monthly figures).  Green at or above
               the expected amount, yellow down to ``1 - margins.share`` of it, red below.
growth         a growth target (增长5%): year-to-date growth against the target rate.  Green
               at or above it, yellow within ``margins.points`` percentage points, red below.
bounded        a bounded rate (失业率控制在5.5%以内, PM2.5 35微克/立方米): the current value
               against the bound.  Green within it, yellow up to ``margins.bound`` (a
               fraction of the bound) beyond it, red further.
qualitative    an aim without a number: no light.
=============  ==========================================================================

A target where lower is better (a cap on energy use, a fall of 3%) mirrors each rule.  A report
that is overdue makes the light grey whatever the figures said.  Every light carries its rule as
a sentence, which the task shows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "COLOURS",
    "Colour",
    "Light",
    "Margins",
    "Measure",
    "cumulative",
    "light",
    "linear_share",
    "measure_of",
    "seasonal_profile",
]

Measure = Literal["flow", "growth", "bounded", "qualitative"]
Colour = Literal["green", "yellow", "red", "grey", "none"]
#: worst first: the order a board lists its lights in
COLOURS: tuple[Colour, ...] = ("grey", "red", "yellow", "green", "none")
COLOUR_LABELS: dict[str, str] = {
    "green": "绿灯",
    "yellow": "黄灯",
    "red": "红灯",
    "grey": "灰灯",
    "none": "无灯",
}

#: rounding slack: a figure exactly on schedule is on schedule, whatever the floating point says
_EPS = 1e-9


@dataclass(frozen=True)
class Margins:
    """How far behind is still yellow, by measure."""

    #: flow: the fraction of the expected amount below it that is still yellow (0.1: down to 90%)
    share: float = 0.10
    #: growth: percentage points below the target rate that are still yellow
    points: float = 1.0
    #: bounded: the fraction of the bound beyond it that is still yellow (0.05: 5.5% → 5.775%)
    bound: float = 0.05


@dataclass(frozen=True)
class Light:
    colour: Colour
    #: the rule and the figures, as a sentence (Chinese, as the task shows it)
    rule: str
    #: what was expected by the date (the amount, the rate, the bound)
    expected: float | None = None
    actual: float | None = None
    #: flow: the value as a share of the expected amount (1.0 = on schedule)
    ratio: float | None = None


def measure_of(measure: str, value: float | None, unit: str | None, indicator_type: str | None,
               unit_family: str | None) -> Measure:  # fmt: skip
    """Which rule judges a target: from its measure, unit and the registry's indicator type."""
    if value is None:
        return "qualitative"
    if measure == "growth":
        return "growth"
    if indicator_type == "rate" or unit_family in ("percent", "concentration", "ratio") or unit == "%":
        return "bounded"
    return "flow"


def linear_share(month: int) -> float:
    """The share of a year's amount expected by the end of ``month`` without a profile."""
    return month / 12


def cumulative(monthly: Mapping[int, float]) -> dict[int, float]:
    """Cumulative figures (累计值) from a year's monthly ones (当月值); months missing stay missing."""
    out: dict[int, float] = {}
    total = 0.0
    for month in range(1, 13):
        if month not in monthly:
            break
        total += monthly[month]
        out[month] = total
    return out


def seasonal_profile(years: Mapping[int, Mapping[int, float]]) -> tuple[float, ...] | None:
    """The cumulative share of the year reached by the end of each month, averaged over the years
    given (``year → month → cumulative figure``); only whole years (12 months, positive total)
    count.  None without any: the linear share is used then."""
    shares: list[list[float]] = []
    for months in years.values():
        if any(m not in months for m in range(1, 13)) or months[12] <= 0:
            continue
        shares.append([months[m] / months[12] for m in range(1, 13)])
    if not shares:
        return None
    return tuple(sum(s[i] for s in shares) / len(shares) for i in range(12))


def _pct(x: float) -> str:
    return f"{x * 100:.1f}%"


def _num(x: float) -> str:
    return f"{x:,.4g}" if abs(x) < 1e4 else f"{x:,.0f}"


def light(
    measure: Measure,
    *,
    target: float | None,
    value: float | None,
    month: int,
    lower_is_better: bool = False,
    unit: str | None = None,
    profile: Sequence[float] | None = None,
    margins: Margins | None = None,
    overdue: str | None = None,
) -> Light:
    """The light of a figure ``value`` as of the end of ``month`` against ``target``.

    ``overdue`` is the due date (text) of a report not given: the light is grey.  ``profile`` is
    a seasonal profile (:func:`seasonal_profile`) for a flow target; linear without one.
    """
    mg = margins or Margins()
    u = unit or ""
    if measure == "qualitative" or target is None:
        return Light("none", "定性目标，不设序时进度灯")
    if overdue is not None:
        return Light("grey", f"进度报告逾期未报（应于{overdue}前报送），亮灰灯", target, value)
    if value is None:
        return Light("none", "尚无审核通过的进度数据")
    if not 1 <= month <= 12:
        raise ValueError(f"a month is 1 to 12, not {month}")
    if measure == "flow":
        share = profile[month - 1] if profile is not None else linear_share(month)
        basis = "季节性" if profile is not None else "线性"
        expected = target * share
        if expected <= 0:
            return Light("none", f"序时进度（{basis}）：截至{month}月末应完成0，无法判断", 0.0, value)
        ratio = value / expected
        yellow_at = 1 - mg.share if not lower_is_better else 1 + mg.share
        if lower_is_better:
            colour: Colour = (
                "green" if ratio <= 1 + _EPS else "yellow" if ratio <= yellow_at + _EPS else "red"
            )
            limits = f"超过序时进度为黄灯，超过{_pct(yellow_at)}为红灯"
        else:
            colour = "green" if ratio >= 1 - _EPS else "yellow" if ratio >= yellow_at - _EPS else "red"
            limits = f"低于序时进度为黄灯，低于{_pct(yellow_at)}为红灯"
        rule = (
            f"序时进度（{basis}）：截至{month}月末应完成全年目标{_num(target)}{u}的{_pct(share)}"
            f"（{_num(expected)}{u}），实际{_num(value)}{u}，为序时进度的{_pct(ratio)}；{limits}"
        )
        return Light(colour, rule, expected, value, ratio)
    if measure == "growth":
        if lower_is_better:
            colour = (
                "green"
                if value <= target + _EPS
                else "yellow"
                if value <= target + mg.points + _EPS
                else "red"
            )
            limits = f"高于目标为黄灯，高于目标{mg.points:g}个百分点以上为红灯"
        else:
            colour = (
                "green"
                if value >= target - _EPS
                else "yellow"
                if value >= target - mg.points - _EPS
                else "red"
            )
            limits = f"低于目标为黄灯，低于目标{mg.points:g}个百分点以上为红灯"
        rule = f"增速：1-{month}月累计{_num(value)}%，目标{_num(target)}%；{limits}"
        return Light(colour, rule, target, value)
    # bounded
    if lower_is_better:
        edge = target * (1 + mg.bound)
        colour = "green" if value <= target + _EPS else "yellow" if value <= edge + _EPS else "red"
        limits = f"超过上限为黄灯，超过{_num(edge)}{u}为红灯"
        word = "上限"
    else:
        edge = target * (1 - mg.bound)
        colour = "green" if value >= target - _EPS else "yellow" if value >= edge - _EPS else "red"
        limits = f"低于下限为黄灯，低于{_num(edge)}{u}为红灯"
        word = "下限"
    rule = f"约束值：截至{month}月末为{_num(value)}{u}，{word}{_num(target)}{u}；{limits}"
    return Light(colour, rule, target, value)
