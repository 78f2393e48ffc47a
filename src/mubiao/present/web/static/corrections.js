// How a correction reads, on every page that lists them: "数值：550 → 560；年份：2025 → 2026", in
// the reader's language (fields, kinds, measures and units translated), and the words of its states.

import { addWords, getLang, t } from "./i18n.js";
import { unitEn } from "./format.js";

addWords(
  {
    "corrections.field.kind": "类别",
    "corrections.field.year": "年份",
    "corrections.field.period_start": "规划期起",
    "corrections.field.period_end": "规划期止",
    "corrections.field.indicator": "指标",
    "corrections.field.indicator_id": "指标编号",
    "corrections.field.value": "数值",
    "corrections.field.value_max": "上限",
    "corrections.field.unit": "单位",
    "corrections.field.measure": "口径",
    "corrections.field.region": "地区",
    "corrections.changed": "{field}：{old} → {new}",
    "corrections.excluded": "已排除（误识别）",
    "corrections.state.applied": "已生效",
    "corrections.state.orphaned": "待处理",
    "corrections.state.undone": "已撤销",
    "corrections.state.dismissed": "已搁置",
  },
  {
    "corrections.field.kind": "kind",
    "corrections.field.year": "year",
    "corrections.field.period_start": "period from",
    "corrections.field.period_end": "period to",
    "corrections.field.indicator": "indicator",
    "corrections.field.indicator_id": "indicator id",
    "corrections.field.value": "value",
    "corrections.field.value_max": "upper value",
    "corrections.field.unit": "unit",
    "corrections.field.measure": "measure",
    "corrections.field.region": "region",
    "corrections.changed": "{field}: {old} → {new}",
    "corrections.excluded": "Excluded (a false claim)",
    "corrections.state.applied": "applied",
    "corrections.state.orphaned": "to settle",
    "corrections.state.undone": "undone",
    "corrections.state.dismissed": "dismissed",
  },
);

function shown(field, value) {
  if (value === null || value === undefined || value === "") return t("common.none");
  if (field === "kind") return t(`kind.${value}`);
  if (field === "measure") return t(`measure.${value}`);
  if (field === "unit" && getLang() === "en") return unitEn(value).trim() || value;
  return String(value);
}

/** What a correction changed, in words. */
export function correctionWords(c) {
  if (c.excluded) return t("corrections.excluded");
  return Object.entries(c.changes)
    .map(([k, v]) => t("corrections.changed", { field: t(`corrections.field.${k}`), old: shown(k, c.original[k]), new: shown(k, v) }))
    .join(getLang() === "en" ? "; " : "；");
}
