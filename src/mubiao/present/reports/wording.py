"""Figures, gaps, paces and reasons as the report writes them, in Chinese.

A ledger row's target, result, gap to the target and required pace become the text of a table
cell (``年均增长6.5%``, ``超出0.3个百分点``, ``2025年需增长7.2%``); :func:`reason_of` says why the
row has its status, from the evaluation's ``details``; :func:`qualitative_claim` finds what a
qualitative target aims at.  Numbers are written with at most two decimals and a true minus.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from mubiao.ledger import LedgerRow, format_target
from mubiao.present.reports.labels import STATUS_LABELS

__all__ = ["clean_text", "fmt_number", "qualitative_claim"]

_PROGRESS_LABELS = {
    "substantial": "进展良好",
    "fair": "进展一般，需加快推进",
    "limited": "进展有限",
    "deterioration": "与目标反向变化",
}
_PERCENTISH = ("%", "个百分点")


# --------------------------------------------------------------------------- numbers as written

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACE = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """A quoted passage on one line: a table row's tabs and line breaks become single spaces.

    Control characters go too: XML (DOCX, XLSX) cannot hold them.
    """
    return _SPACE.sub(" ", _CONTROL.sub(" ", text)).strip()


def fmt_number(v: float, digits: int = 2) -> str:
    """``497.2``, ``5.85``, ``3600``: at most ``digits`` decimals, no trailing zeros, a true minus."""
    if not math.isfinite(v):
        return "—"
    text = f"{round(v, digits):.{digits}f}".rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace("-", "−")


def _abs_number(v: float, digits: int = 2) -> str:
    return fmt_number(abs(v), digits)


def is_plan(row: LedgerRow) -> bool:
    return "-" in row.period


def _gap_unit(row: LedgerRow) -> str:
    t = row.target
    unit = t.get("unit") or ""
    if t.get("measure") == "growth" or unit in _PERCENTISH:
        return "个百分点"
    return unit


def target_text(row: LedgerRow, claims: Mapping[int, str]) -> str:
    t = row.target
    if t.get("value") is None:
        sid = t.get("statement_id")
        said = claims.get(sid) if isinstance(sid, int) else None
        return f"定性：{said}" if said else "定性目标"
    if t.get("measure") == "delta":
        v = float(t["value"])
        return ("提高" if v >= 0 else "降低") + f"{_abs_number(v)}{t.get('unit') or ''}"
    text = format_target(t)
    if is_plan(row) and t.get("measure") == "growth" and not t.get("cumulative"):
        text = "年均" + text
    return text


def actual_text(row: LedgerRow) -> str:
    a = row.actual
    if not a or a.get("value") is None:
        return "—"
    v = float(a["value"])
    unit = a.get("unit") or ""
    years = a.get("years")
    when = f"{a['year']}年" if a.get("year") is not None else ""
    if a.get("cumulative") and years:
        lo, hi = min(years), max(years)
        span = f"{lo}—{hi}年" if lo != hi else f"{lo}年"
        return f"累计{fmt_number(v)}{unit}（{span}）"
    if a.get("measure") == "growth":
        word = "增长" if v >= 0 else "下降"
        if is_plan(row) and row.target.get("measure") == "growth" and a.get("derived"):
            word = "年均" + word
        return f"{word}{_abs_number(v)}{unit}（{when}）" if when else f"{word}{_abs_number(v)}{unit}"
    if a.get("derived") and row.method == "per_year":
        return f"年均{fmt_number(v)}{unit}（截至{when}）"
    return f"{fmt_number(v)}{unit}（{when}）" if when else f"{fmt_number(v)}{unit}"


def gap_text(row: LedgerRow) -> str:
    if row.gap is None:
        return "—"
    unit = _gap_unit(row)
    if row.gap <= 0:
        if abs(row.gap) < 1e-9:
            return "0"
        better = "优于目标" if row.details.get("polarity") == "lower" else "超出"
        return f"{better}{_abs_number(row.gap)}{unit}"
    suffix = "/年" if row.method == "per_year" else ""
    return f"{fmt_number(row.gap)}{unit}{suffix}"


def pace_text(row: LedgerRow) -> str:
    if row.required_pace is None or row.status == "achieved":
        return "—"
    p = float(row.required_pace)
    d = row.details
    if row.method in ("cumulative", "per_year"):
        unit = str(d.get("required_pace_unit") or row.target.get("unit") or "").removesuffix("/年")
        return f"每年需{fmt_number(p)}{unit}"
    t = row.target
    unit = t.get("unit") or ""
    if t.get("measure") in ("level", "delta") and (unit in _PERCENTISH) and "linear_pace_required" in d:
        # a share moves by points a year; its relative growth means little to a reader
        lin = float(d["linear_pace_required"])
        period = d.get("period") or []
        latest = d.get("latest_year")
        lead = (
            f"{period[1]}年需"
            if len(period) == 2 and latest is not None and int(period[1]) - int(latest) == 1
            else "年均"
        )
        return lead + ("提高" if lin >= 0 else "降低") + f"{_abs_number(lin)}个百分点"
    period = d.get("period") or []
    latest = d.get("latest_year")
    last_year = len(period) == 2 and latest is not None and int(period[1]) - int(latest) == 1
    # with one year left the pace is that year's, not an average
    lead = f"{period[1]}年需" if last_year else "年均"
    text = lead + ("增长" if p >= 0 else "下降") + f"{_abs_number(p)}%"
    if t.get("measure") == "level" and "linear_pace_required" in d and unit:
        lin = float(d["linear_pace_required"])
        text += f"（{'需' if last_year else '年均'}{'增加' if lin >= 0 else '减少'}{_abs_number(lin)}{unit}）"
    return text


def relative_gap_of(row: LedgerRow) -> float | None:
    if row.gap is None:
        return None
    t = row.target
    d = row.details
    ref: Any = t.get("value")
    if t.get("measure") == "delta" and d.get("target_level") is not None:
        ref = d["target_level"]
    elif row.method == "per_year" and t.get("value") is not None:
        ref = t["value"]
    if ref is None or abs(float(ref)) < 1e-9:
        return None
    return float(row.gap) / abs(float(ref))


_COUNT_UNITS = frozenset("家个所件项人户座台辆套处条")


def _digits(v: float, unit: str) -> int:
    """Decimals worth showing for a projection: none for counts, one for hundreds and up."""
    if unit in _COUNT_UNITS:
        return 0
    return 1 if abs(v) >= 100 else 2


def pct(v: Any) -> str:
    return f"{float(v):.0%}"


def reason_of(row: LedgerRow, target: str) -> str:
    """Why the row has its status, from its ``details``: what a reader needs to act on it."""
    computed = row.details.get("computed_status")
    why = _computed_reason(row, target)
    if computed and computed != row.status:
        # a reviewer overrode the computed status: say so, and keep what the figures say
        label = STATUS_LABELS.get(str(computed), str(computed))
        return (
            f"经人工研判认定为“{STATUS_LABELS.get(row.status, row.status)}”（按数据计算为“{label}”）。" + why
        )
    return why


def _computed_reason(row: LedgerRow, target: str) -> str:
    d = row.details
    t = row.target
    unit = t.get("unit") or ""
    parts: list[str] = []
    if row.status == "pending":
        return "尚无实际数据，待统计数据发布后评估。"
    if row.status == "needs_review":
        if d.get("evidence"):
            return "定性目标，已有相关实际数据作为佐证，需结合部门报告研判。"
        if t.get("value") is None:
            return "定性目标，尚无佐证数据，需结合部门报告研判。"
        return "现有数据不足以判断进度，需人工研判。"
    if row.method == "annual":
        a = row.actual or {}
        if a.get("value") is not None:
            parts.append(
                f"{a.get('year') or t.get('year')}年实际{actual_text(row).split('（')[0]}，目标{target}"
            )
        if row.gap is not None and row.gap > 0:
            parts.append(f"差距{gap_text(row)}")
        if d.get("derived"):
            parts.append("增速由相邻年份总量推算")
        return "；".join(parts) + "。"
    if row.method in ("cumulative", "per_year"):
        if d.get("sum") is not None:
            known = d.get("years_known") or {}
            years = sorted(int(y) for y in known) if known else []
            span = f"{years[0]}—{years[-1]}年" if len(years) > 1 else (f"{years[0]}年" if years else "")
            total = d.get("total_target", t.get("value"))
            share = f"，完成目标的{pct(d['sum'] / total)}" if total else ""
            parts.append(f"{span}累计完成{fmt_number(d['sum'])}{unit}{share}")
        missing = [int(y) for y in d.get("years_missing") or []]
        future = [int(y) for y in d.get("years_open") or [] if int(y) not in missing]
        if missing:
            parts.append(f"{'、'.join(str(y) for y in missing)}年数据缺失，未计入累计")
        if d.get("per_open_year_needed") is not None and (future or missing):
            n = len(future) + len(missing)
            parts.append(f"剩余{n}个年度每年需完成{fmt_number(d['per_open_year_needed'])}{unit}")
    elif t.get("measure") == "growth":
        if d.get("achieved_rate") is not None:
            parts.append(
                f"规划期以来年均增长{fmt_number(d['achieved_rate'])}%，低于目标{fmt_number(d['target_rate'])}%"
                if row.gap is not None and row.gap > 0
                else f"规划期以来年均增长{fmt_number(d['achieved_rate'])}%"
            )
        if d.get("years_missing"):
            parts.append(f"{'、'.join(str(y) for y in d['years_missing'])}年增速数据缺失，按已有年份平均")
        if row.required_pace is not None and row.status != "achieved":
            pace = pace_text(row)
            parts.append("实现目标" + ("剩余年份需" + pace if pace.startswith("年均") else f"，{pace}"))
    else:
        if unit == "个百分点":
            unit = "%"  # a delta target moves a share: its levels are in %
        if d.get("latest") is not None:
            parts.append(f"{d.get('latest_year')}年为{fmt_number(d['latest'])}{unit}")
        if d.get("achievement_share") is not None and d.get("time_share") is not None:
            done, elapsed = float(d["achievement_share"]), float(d["time_share"])
            word = "快于" if done >= elapsed else "慢于"
            parts.append(f"目标完成进度{pct(done)}，{word}时间进度{pct(elapsed)}")
        proj = (d.get("unsd") or {}).get("projected")
        if proj is not None and row.status in ("at_risk", "on_track"):
            end = (d.get("period") or [None, t.get("year")])[1]
            parts.append(
                f"按现有增速推算{end}年约为{fmt_number(float(proj), _digits(float(proj), unit))}{unit}"
            )
        if row.status == "missed":
            parts.append("规划期末未达到目标")
    progress = d.get("progress")
    if progress in _PROGRESS_LABELS and row.status in ("at_risk", "on_track"):
        parts.append(_PROGRESS_LABELS[progress])
    if row.conflict:
        parts.append("不同文件所载数字不一致，已采用较新的数字")
    return "；".join(p for p in parts if p) + "。" if parts else ""


_ENUM = re.compile(r"^\s*\d+\s*")
_ATTRIBUTES = ("预期性", "约束性")


def qualitative_claim(indicator: str, text: str) -> str | None:
    """What a qualitative target says beyond its indicator: 稳中提质, 完成市下达任务.

    The text is the statement's sentence or table row; the indicator's words and a table's
    number, unit and attribute cells are dropped.
    """
    text = text.strip().rstrip("。；;，,")
    rest = text.split(indicator, 1)[1] if indicator and indicator in text else text
    if not rest.strip("。；;，, "):
        rest = text  # 完成市下达的主要污染物减排任务: the aim is the whole sentence
    tokens = [tok for tok in re.split(r"[\s—]+", _ENUM.sub("", rest)) if tok]
    kept = [tok for tok in tokens if re.search(r"[\u4e00-\u9fff]", tok) and tok not in _ATTRIBUTES]
    # a table row leaves 降低 (the measure's column) beside 完成市下达任务: the longest cell is the aim
    said = max(kept, key=len, default="").strip("，,；;。")
    return said or None
