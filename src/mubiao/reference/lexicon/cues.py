"""The words that tell a target from a result, and the words of time that open a paragraph.

A sentence's score is the sum of the weights of its cue groups (each counted at most twice):
positive for a target, negative for a result.  A group is a pattern, since some words count only
in some company (争取 is an aim, 争取资金 is not).  Every alternative opens with a literal, so that
the scanner can skip to it.
"""

from __future__ import annotations

__all__ = ["AHEAD_HEADING_WORDS", "AHEAD_OPENERS", "BACK_HEADING_WORDS", "CUES", "REVIEW_OPENERS"]

CUES: tuple[tuple[str, float], ...] = (
    # aims and what lies ahead
    (
        r"力争|确保|争取(?![^，,。；;]{0,6}(?:资金|债|指标|试点|政策|中央|国家|上级|省级|补贴|国补|项目))|努力实现|力求|"
        r"目标是|预期目标|计划(?=[完实新开建投引用到在将要\d])|拟|将要|新的一年|明年|今后|年内|期末",
        3.0,
    ),
    (r"将|要|全年|今年|推动|加快|持续|着力|全力|深化|推进|力促|打造|实施|新建|建成|培育|新增", 0.5),
    # the reach of a result (以来, 截至) outweighs the frame of a target section
    (r"以来|截至|截止|预计", -4.0),
    (r"同比|已经|已|过去|一年来|五年来|这一年|较上年|比上年", -3.0),
    (
        r"共计|累计|期间|完成了|实现了|达到了|获评|获批|获得|荣获|入选|创成|被评为|被认定为|成功|位列|居全|排名|"
        r"较“|较\"|提升至|跃升|回访|统计",
        -2.0,
    ),
    # 较 and 比 written apart, so that every alternative opens with a literal
    (
        r"较[^,，。；;]{0,10}?(?:期末|年末|同期|上年|增长)|比[^,，。；;]{0,10}?(?:期末|年末|同期|上年|增长)",
        -1.5,
    ),
)
#: a paragraph that opens with these reviews the year (or the term) before the session
REVIEW_OPENERS: tuple[str, ...] = (
    "预计全年",
    "全年预计",
    "这一年",
    "一年来",
    "过去一年",
    "五年来",
    "过去五年",
    "刚刚过去",
)
#: a paragraph that opens with these looks ahead
AHEAD_OPENERS: tuple[str, ...] = ("下一步", "今后")
#: a heading that names no time is a review or a plan by these words
BACK_HEADING_WORDS: tuple[str, ...] = (
    "回顾",
    "成就",
    "成效",
    "成绩",
    "过去",
    "一年来",
    "五年来",
    "工作总结",
    "主要做了",
    "取得",
)
AHEAD_HEADING_WORDS: tuple[str, ...] = (
    "目标",
    "任务",
    "安排",
    "展望",
    "重点工作",
    "主要预期",
    "今后",
    "思路",
    "要求",
    "部署",
    "建议",
)
