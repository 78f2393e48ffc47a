"""Aims without a number (保持稳定增长, 动态清零, 完成市下达任务) and the openings of target lists.

Aims are pattern fragments: some take an object in the middle (与经济增长同步).
"""

from __future__ import annotations

__all__ = ["EFFORT_OPENERS", "GROWTH_AIMS", "LEVEL_AIMS", "LIST_AIMS", "TARGET_LIST_OPENINGS"]

#: aims of direction: the target is a growth
GROWTH_AIMS: tuple[str, ...] = (
    "保持稳定增长", "保持稳步增长", "保持较快增长", "保持平稳增长", "稳定增长", "稳步增长", "持续增长", "平稳增长",
    "较快增长", "同步增长", "同向增长", "基本同步", "(?:增速)?与[^，,。；;]{1,12}?(?:同步|同向|相协调|相适应)(?:增长)?",
    "持续提升", "不断提升", "稳步提升", "持续提高", "不断提高", "稳步提高", "持续改善", "不断改善", "稳中有升",
    "稳中有增", "只增不减",
)  # fmt: skip
#: aims of state or of a task: the target is a level
LEVEL_AIMS: tuple[str, ...] = (
    "稳中提质", "稳中向好", "平稳向好", "持续向好", "总体平稳", "保持稳定", "基本稳定", "动态清零", "保持在合理区间",
    "控制在(?:省|市|区|上级)?下达的?(?:目标|指标|计划)?(?:范围)?(?:以内|之内|内)",
    "完成(?:国家|省|市|区|县|上级)?下达(?:的)?(?:目标|年度)?(?:任务|指标|目标)",
)  # fmt: skip
#: the aims of a clause of a main-target list (高于全省平均, 与经济增长同步, 达到国家要求)
LIST_AIMS: tuple[str, ...] = (
    "高于", "低于", "不低于", "快于", "好于", "优于", "与(?=[^，,]{1,12}(?:同步|协调|相适应|衔接))", "和(?=[^，,]{1,12}同步)",
    "促稳提质", "稳(?=[量规中定步])", "提质", "保持", "达到", "完成", "实现", "持续", "基本", "控制在", "稳定在",
    "只增不减", "同步",
)  # fmt: skip
#: where a work report's main-target list opens (主要预期目标是：)
TARGET_LIST_OPENINGS: tuple[str, ...] = ("主要(?:预期)?目标(?:建议)?(?:是|为)", "预期目标(?:是|为)")
#: verbs of effort that open a task, not a subject (加快建设…, 推进…)
EFFORT_OPENERS: tuple[str, ...] = (
    "加快", "加强", "推进", "推动", "深化", "实施", "开展", "打造", "建设", "完善", "健全", "提升", "提高", "强化",
    "优化", "促进", "落实", "坚持", "深入", "全面", "持续", "不断", "着力", "大力", "积极", "扎实",
)  # fmt: skip
