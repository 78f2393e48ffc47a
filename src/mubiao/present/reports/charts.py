"""The report's charts, drawn with matplotlib: PNG for the Word report, SVG for the HTML one.

Charts are drawn on bare :class:`~matplotlib.figure.Figure` objects with the Agg canvas — never
through ``pyplot``, which keeps global figure state and may pick an interactive backend.

Chinese labels need a CJK font.  :func:`cjk_font` looks one up by family name in matplotlib's
font manager (Noto Sans CJK SC, WenQuanYi Micro Hei …), adding the system's font files itself
when matplotlib's font cache predates their installation.  Without one the charts are drawn
with English labels (statuses in English, indicators by their registry id), so that no glyph is
missing and matplotlib has nothing to warn about; the report's own text stays Chinese.  On
Debian ``apt-get install fonts-wqy-microhei`` (4 MB) is enough.
"""

from __future__ import annotations

import functools
import io
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, cast

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

from mubiao.ledger import STATUS_COLOURS
from mubiao.present.reports.model import STATUS_LABELS, STATUS_LABELS_EN, Report

__all__ = ["CJK_FAMILIES", "RenderedChart", "cjk_font", "render_charts"]

ImageFormat = Literal["png", "svg"]

#: CJK families tried in order: sans-serif first, as charts are set in 黑体 in Chinese reports
CJK_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Noto Sans SC",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "Heiti SC",
    "Noto Serif CJK SC",
    "AR PL UMing CN",
    "Droid Sans Fallback",
)
#: font file names that may hold one of them (lower case, without - and _)
_FILE_HINTS = (
    "wqy",
    "notosanscjk",
    "notoserifcjk",
    "sourcehan",
    "simhei",
    "msyh",
    "pingfang",
    "uming",
    "droidsansfallback",
)
_DPI = 150
#: rcParams are global: two threads drawing at once must not see each other's font settings
_LOCK = threading.Lock()


@dataclass(frozen=True)
class RenderedChart:
    key: str  # status | compare | progress | series
    caption: str
    data: bytes
    fmt: ImageFormat
    width_in: float


def _families() -> set[str]:
    from matplotlib import font_manager

    return {f.name for f in font_manager.fontManager.ttflist}


@functools.cache
def cjk_font() -> str | None:
    """The family name of an installed CJK font matplotlib can use, or None."""
    from matplotlib import font_manager

    wanted = os.environ.get("MUBIAO_CHART_FONT")
    candidates = (wanted, *CJK_FAMILIES) if wanted else CJK_FAMILIES
    names = _families()
    found = next((f for f in candidates if f in names), None)
    if found:
        return found
    # matplotlib caches the font list on first use; a font installed after that is not in it
    for path in font_manager.findSystemFonts():
        base = os.path.basename(path).lower().replace("-", "").replace("_", "")
        if any(h in base for h in _FILE_HINTS):
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                continue
    names = _families()
    return next((f for f in candidates if f in names), None)


@contextmanager
def _style() -> Iterator[bool]:
    """Chart settings for the duration of a drawing; yields whether Chinese labels can be drawn."""
    import matplotlib

    font = cjk_font()
    rc: dict[str, Any] = {
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 10,
        "svg.fonttype": "path",  # glyphs as paths: the SVG needs no font on the reader's machine
        "svg.hashsalt": "mubiao",  # the same report gives the same SVG
    }
    if font:
        rc["font.family"] = "sans-serif"
        rc["font.sans-serif"] = [font, "DejaVu Sans"]
        # CJK fonts often lack U+2212; the ASCII hyphen reads the same on an axis
        rc["axes.unicode_minus"] = False
    with _LOCK, matplotlib.rc_context(cast("dict[RcKeyType, Any]", rc)):
        yield font is not None


def _colour(status: str) -> str:
    return "#" + STATUS_COLOURS.get(status, "D9D9D9")


def _save(fig: object, fmt: ImageFormat) -> bytes:
    from matplotlib.figure import Figure

    assert isinstance(fig, Figure)
    buf = io.BytesIO()
    metadata: dict[str, str | None] = {"Date": None} if fmt == "svg" else {"Software": None}
    fig.savefig(buf, format=fmt, dpi=_DPI, bbox_inches="tight", metadata=metadata)
    return buf.getvalue()


def _status_chart(report: Report, fmt: ImageFormat, zh: bool) -> bytes:
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    counts = report.counts
    statuses = list(counts)
    labels = [(STATUS_LABELS if zh else STATUS_LABELS_EN)[s] for s in statuses]
    fig = Figure(figsize=(6.0, 2.4))
    ax = fig.subplots()
    y = list(range(len(statuses)))[::-1]
    bars = ax.barh(
        y,
        [counts[s] for s in statuses],
        color=[_colour(s) for s in statuses],
        edgecolor="#555555",
        linewidth=0.5,
    )
    ax.set_yticks(y, labels)
    ax.bar_label(bars, labels=[str(counts[s]) for s in statuses], padding=3)
    ax.set_xlabel("目标数（项）" if zh else "targets")
    ax.set_xlim(0, max(max(counts.values(), default=0), 1) * 1.15)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    return _save(fig, fmt)


def _progress_chart(report: Report, fmt: ImageFormat, zh: bool) -> bytes:
    from matplotlib.figure import Figure

    items = report.progress
    fig = Figure(figsize=(6.0, 0.45 * len(items) + 1.0))
    ax = fig.subplots()
    y = list(range(len(items)))[::-1]
    shown = [max(min(i.achieved, 1.5), -0.2) for i in items]
    bars = ax.barh(
        y, shown, color=[_colour(i.status) for i in items], edgecolor="#555555", linewidth=0.5, height=0.6
    )
    # inside the bars: outside, the labels would collide with the time-elapsed ticks
    ax.bar_label(bars, labels=[f"{i.achieved:.0%}" for i in items], label_type="center", fontsize=8)
    ax.scatter([i.elapsed for i in items], y, marker="|", s=300, color="#333333", zorder=3,
               label="时间进度" if zh else "time elapsed")  # fmt: skip
    ax.axvline(1.0, color="#999999", linewidth=0.8, linestyle=":")
    ax.set_yticks(y, [i.label if zh else i.label_en for i in items])
    ax.set_xlim(min(0.0, *shown) - 0.02, max(1.2, *shown) + 0.15)
    ax.xaxis.set_major_formatter(lambda v, _pos: f"{v:.0%}")
    ax.set_xlabel("目标完成进度" if zh else "share of the target achieved")
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), frameon=False)
    return _save(fig, fmt)


def _compare_chart(report: Report, fmt: ImageFormat, zh: bool) -> bytes:
    from matplotlib.figure import Figure

    items = report.compare
    fig = Figure(figsize=(6.0, 0.55 * len(items) + 1.0))
    ax = fig.subplots()
    y = [float(v) for v in range(len(items))][::-1]
    h = 0.38
    ax.barh([v + h / 2 for v in y], [i.target for i in items], height=h, color="#BFBFBF",
            label="目标" if zh else "target")  # fmt: skip
    bars = ax.barh([v - h / 2 for v in y], [i.actual for i in items], height=h,
                   color=[_colour(i.status) for i in items], edgecolor="#555555", linewidth=0.5,
                   label="实际" if zh else "actual")  # fmt: skip
    ax.bar_label(bars, labels=[f"{i.actual:g}%" for i in items], padding=3, fontsize=8)
    ax.axvline(0, color="#666666", linewidth=0.6)
    ax.set_yticks(y, [i.label if zh else i.label_en for i in items])
    ax.xaxis.set_major_formatter(lambda v, _pos: f"{v:g}%")
    ax.legend(loc="lower right", frameon=False)
    return _save(fig, fmt)


def _series_chart(report: Report, fmt: ImageFormat, zh: bool) -> bytes:
    from matplotlib.figure import Figure

    series = report.series
    cols = min(3, len(series))
    rows = (len(series) + cols - 1) // cols
    fig = Figure(figsize=(2.3 * cols + 0.4, 2.1 * rows + 0.3), layout="constrained")
    axes = fig.subplots(rows, cols, squeeze=False)
    for k, ax in enumerate(axes.flat):
        if k >= len(series):
            ax.set_visible(False)
            continue
        s = series[k]
        years = [p[0] for p in s.points]
        values = [p[1] for p in s.points]
        ax.plot(years, values, marker="o", markersize=4, color="#2F5597", label="实际" if zh else "actual")
        ax.plot([years[-1], s.target_year], [values[-1], s.target], linestyle="--", color="#888888")
        ax.plot([s.target_year], [s.target], marker="*", markersize=10, color=_colour(s.status),
                markeredgecolor="#333333", markeredgewidth=0.5, linestyle="none",
                label="目标" if zh else "target")  # fmt: skip
        title = s.label if zh else s.label_en
        ax.set_title(f"{title}（{s.unit}）" if zh and s.unit else title, fontsize=8.5)
        lo, hi = min(years), max(s.target_year, *years)
        ax.set_xticks(list(range(lo, hi + 1)), [str(y) for y in range(lo, hi + 1)], rotation=45)
        ax.tick_params(labelsize=7.5)
        if k == 0:
            ax.legend(fontsize=7, frameon=False)
    return _save(fig, fmt)


def render_charts(report: Report, fmt: ImageFormat) -> dict[str, RenderedChart]:
    """The charts the report has data for, by key, captioned 图1, 图2 … in reading order."""
    plan: list[tuple[str, str, float]] = [("status", "目标状态分布", 6.0)]
    if report.compare:
        plan.append(("compare", "主要增长目标与实际完成对比", 6.0))
    if report.progress:
        plan.append(("progress", "规划目标完成进度与时间进度", 6.0))
    if report.series:
        plan.append(("series", "主要指标实际值与目标", 6.5))
    draw = {
        "status": _status_chart,
        "compare": _compare_chart,
        "progress": _progress_chart,
        "series": _series_chart,
    }
    out: dict[str, RenderedChart] = {}
    with _style() as zh:
        for n, (key, caption, width) in enumerate(plan, start=1):
            out[key] = RenderedChart(key, f"图{n}　{caption}", draw[key](report, fmt, zh), fmt, width)
    return out
