"""The names an evaluation report gives things, in Chinese: statuses, kinds, categories, roles, plans.

The statuses are written as the supervision offices write them (已完成, 序时推进, 存在风险, 未完成,
待数据, 待研判); English names serve only the charts drawn without a CJK font.
"""

from __future__ import annotations

from mubiao.ledger import STATUS_LABELS, STATUS_LABELS_EN

__all__ = [
    "CATEGORY_TITLES",
    "KINDS",
    "KIND_LABELS",
    "OTHER",
    "ROLE_LABELS",
    "STATUS_LABELS",
    "STATUS_LABELS_EN",
    "plan_name",
]

KINDS: tuple[str, ...] = ("auto", "midterm", "final", "annual")
KIND_LABELS: dict[str, str] = {"midterm": "中期评估", "final": "末期评估", "annual": "年度跟踪"}
OTHER = "其他"
#: section headings of the categories, as the chapters of a plan name them
CATEGORY_TITLES: dict[str, str] = {
    "经济": "经济发展",
    "创新": "科技创新",
    "开放": "对外开放",
    "民生": "民生福祉",
    "社会": "社会事业",
    "环境": "生态环境",
    "安全": "安全保障",
    "治理": "治理能力",
    OTHER: "其他指标",
}
ROLE_LABELS: dict[str, str] = {
    "target": "目标",
    "baseline": "基期值",
    "actual": "实际值",
    "evidence": "佐证",
    "superseded": "被替代值",
}
#: the plans people name by their number (“十四五”), not by their years
_PLAN_NAMES = {(2016, 2020): "“十三五”", (2021, 2025): "“十四五”", (2026, 2030): "“十五五”"}


def plan_name(start: int, end: int) -> str:
    return f"{_PLAN_NAMES[(start, end)]}规划" if (start, end) in _PLAN_NAMES else f"{start}—{end}年规划"
