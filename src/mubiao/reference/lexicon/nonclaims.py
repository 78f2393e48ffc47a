"""Numbers that are not quantities, by the words beside them."""

from __future__ import annotations

__all__ = [
    "COUNTED_MILESTONES",
    "FIGURES_OF_SPEECH",
    "NOT_AFTER_TIMES",
    "ORDINAL_AFTER",
    "RANK_PLACES",
    "STREAK_UNITS",
]

#: a Chinese-numeral count followed by these is a figure of speech (三大攻坚战, 六个方面, 四个走在前)
FIGURES_OF_SPEECH: tuple[str, ...] = (
    "方面", "班子", "规定", "原则", "要求", "意识", "自信", "维护", "大", "批", "系列", "方向", "领域", "环节", "阶段",
    "层次", "维度", "中心", "重点", "结合", "统筹", "融合", "之", "位",
)  # fmt: skip
#: N次 followed by these is a session, not a count of times (二十届三中全会, 第五次党代会)
NOT_AFTER_TIMES: tuple[str, ...] = ("会议", "全会", "会", "产业", "党代会", "代表大会")
#: a number followed by these is an ordinal or a name (1号线, 5A级, 第二代, 第三届, 70周年)
ORDINAL_AFTER: tuple[str, ...] = ("号", "级", "代", "届", "周年")
#: 连续N… followed by these is a streak (连续16个季度), not a quantity
STREAK_UNITS: tuple[str, ...] = ("月", "季度", "年", "届", "次", "天")
#: where a rank places a region (全国前十, 首位)
RANK_PLACES: tuple[str, ...] = (
    "前列",
    "前茅",
    "首位",
    "第[一二三四五六七八九十\\d]+位?",
    "前[一二三四五六七八九十\\d]+(?:强|位|名)?",
    "十强",
    "百强",
)
#: N个 followed by these counts the milestones just listed (跨越7万亿、8万亿两个台阶): no quantity
COUNTED_MILESTONES: tuple[str, ...] = ("台阶", "大关")
