// How figures are written: the way the documents write them.
//
// A planner reads "550亿元左右" and "增长6%", not "5.5e10 CNY": values keep the unit the document
// gave (亿元, 万人, 家), growth reads 增长/下降, years read 2025年 in Chinese.  Numbers get at most
// the decimals they need (4.2499 → 4.25) and thousands separators only in English.

import { getLang, t } from "./i18n.js";
import { MAGNITUDES_EN, PER_EN, UNIT_WORDS_EN, UNITS_EN } from "./units.js";

export const STATUSES = ["achieved", "on_track", "at_risk", "missed", "pending", "needs_review"];

// The status colours, shared by the CSS (.st-*) and the charts.  The server's palette
// (/api/statuses, the one the CLI, the spreadsheets and the reports use) replaces these at start-up;
// they are the same colours, so a page drawn before it arrives looks the same.
export const STATUS_COLORS = {
  achieved: "#2e7d32",
  on_track: "#8bc34a",
  at_risk: "#f0a202",
  missed: "#c62828",
  pending: "#9e9e9e",
  needs_review: "#1e88e5",
};

/** Take the server's palette: the chart colours here and the CSS variables of the .st-* classes. */
export function applyPalette(statuses) {
  for (const { status, colour } of statuses || []) {
    if (!(status in STATUS_COLORS) || !/^#[0-9a-f]{6}$/i.test(colour)) continue;
    STATUS_COLORS[status] = colour;
    document.documentElement.style.setProperty(`--st-${status}`, colour);
  }
}

export function statusLabel(status) {
  return t(`status.${status}`);
}

/** A number with at most `digits` decimals, trailing zeros dropped. */
export function fmtNumber(value, digits = 2) {
  if (value === null || value === undefined || Number.isNaN(value)) return t("common.none");
  const locale = getLang() === "en" ? "en-US" : "zh-CN";
  return new Intl.NumberFormat(locale, {
    maximumFractionDigits: digits,
    useGrouping: getLang() === "en", // Chinese documents write 3600个, not 3,600个
  }).format(value);
}

export function fmtYear(year) {
  if (year === null || year === undefined || year === "") return t("common.none");
  return t("fmt.year", { y: year });
}

/** "2021-2025" → "2021—2025年"; "2025" → "2025年". */
export function fmtPeriod(period) {
  if (!period) return t("common.none");
  const p = Array.isArray(period) ? period : String(period).split("-");
  if (p.length === 2) return getLang() === "en" ? `${p[0]}–${p[1]}` : `${p[0]}—${p[1]}年`;
  return fmtYear(p[0]);
}

function unitText(unit) {
  if (!unit) return "";
  if (getLang() !== "en") return unit;
  return unitEn(unit);
}

/** A unit in English (see units.js), with its leading space: " × 10k firms", " yuan per person". */
export function unitEn(unit) {
  if (unit in UNITS_EN) return UNITS_EN[unit];
  if (/^[A-Za-z%]/.test(unit)) return unit === "%" ? "%" : ` ${unit}`;
  const slash = unit.indexOf("/");
  if (slash > 0) {
    const per = unit.slice(slash + 1);
    const perWords = PER_EN[per] || `per ${unitEn(per).trim()}`;
    return `${unitEn(unit.slice(0, slash))} ${perWords}`;
  }
  if (unit in UNIT_WORDS_EN) return UNIT_WORDS_EN[unit] ? ` ${UNIT_WORDS_EN[unit]}` : "";
  for (const [prefix, factor] of MAGNITUDES_EN) {
    const rest = unit.slice(prefix.length);
    if (unit.startsWith(prefix) && rest in UNIT_WORDS_EN) {
      return ` × ${factor}${UNIT_WORDS_EN[rest] ? ` ${UNIT_WORDS_EN[rest]}` : ""}`;
    }
  }
  return unit;
}

/**
 * A statement's or target's figure: {value, value_max, unit, measure, qualifier}.
 * level 550 亿元 about → "550亿元左右"; growth 6 % → "增长6%"; growth −2.5 % → "下降2.5%";
 * range 5–6 % → "增长5—6%"; qualitative → the qualifier's word.
 */
export function fmtValue(fig) {
  if (!fig) return t("common.none");
  const { value, value_max: valueMax, unit, measure, qualifier } = fig;
  if (value === null || value === undefined) {
    return qualifier === "qualitative" ? t("qualifier.qualitative") : t("common.none");
  }
  const u = unitText(unit);
  const negative = (measure === "growth" || measure === "delta") && value < 0;
  const abs = (v) => (negative ? Math.abs(v) : v);
  let body = fmtNumber(abs(value));
  if (valueMax !== null && valueMax !== undefined && valueMax !== value) {
    body += `${getLang() === "en" ? "–" : "—"}${fmtNumber(abs(valueMax))}`;
  }
  body += u;
  if (measure === "growth") body = t(negative ? "fmt.decline" : "fmt.growth", { v: body });
  else if (measure === "delta") body = t(value < 0 ? "fmt.lower" : "fmt.raise", { v: body.replace(/^-/, "") });
  const q = qualifier && qualifier !== "exact" && qualifier !== "range" ? t(`qualifier.${qualifier}`) : "";
  if (!q || q === `qualifier.${qualifier}`) return body;
  return getLang() === "en" ? `${q} ${body}` : `${body}${q}`;
}

/** The unit a gap is counted in: percentage points for rates, else the target's unit. */
function gapUnit(row) {
  const unit = row.target?.unit;
  if (row.target?.measure === "growth" || unit === "%") return t("fmt.pp");
  return unitText(unit);
}

/** Gap: positive is still to do ("尚差 52.8亿元"), negative is beyond the target ("超出 0.2个百分点"). */
export function fmtGap(row) {
  const gap = row.gap;
  if (gap === null || gap === undefined) return t("common.none");
  if (Math.abs(gap) < 1e-9) return t("fmt.met");
  const v = `${fmtNumber(Math.abs(gap))}${gapUnit(row)}`;
  return t(gap > 0 ? "fmt.short" : "fmt.over", { v });
}

/**
 * Required pace: a yearly growth rate in % (level and growth targets), or an amount per open year
 * in the target's unit (five-year totals; the evaluation then names the unit in details).
 */
export function fmtPace(row) {
  const pace = row.required_pace;
  if (pace === null || pace === undefined) return t("common.none");
  const unit = row.details?.required_pace_unit;
  if (unit) return `${fmtNumber(pace)}${unitText(unit)}`;
  return t("fmt.per_year", { v: `${fmtNumber(pace)}%` });
}

export function fmtDateTime(iso) {
  if (!iso) return t("common.none");
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toLocaleString(getLang() === "en" ? "en-GB" : "zh-CN", { dateStyle: "medium", timeStyle: "short" });
}

export function docTypeLabel(type) {
  const key = `doctype.${type}`;
  const s = t(key);
  return s === key ? type || t("common.none") : s;
}
