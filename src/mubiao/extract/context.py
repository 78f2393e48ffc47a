"""Whether a sentence looks back (an actual) or ahead (a target), and which year it speaks of.

Three layers of evidence, weakest first: the section the sentence stands in (2024年工作回顾 vs
2025年目标任务, 成就 vs 主要目标), the paragraph's opening (预计全年, 这一年, 2024年, 新的一年), and the
sentence's own words (力争, 确保, 到2025年 vs 同比, 已, 以来, 截至, 获评).  A sentence without any
evidence of its own takes the kind of the sentence before it in the same paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mubiao.document import DocumentMeta

__all__ = [
    "Context",
    "find_cues",
    "heading_prior",
    "heading_year",
    "is_heading",
    "sentence_score",
    "year_for",
]

_HEADING = re.compile(
    r"^\s*(?:#{1,6}\s*|第[一二三四五六七八九十百]+[章节篇部分]|[一二三四五六七八九十]+[、.]|"
    r"[(（][一二三四五六七八九十]+[)）]|\d{1,2}[、.．](?!\d))"
)
_LOOK_BACK = re.compile(
    r"回顾|成就|成效|取得|过去|一年来|五年来|这一年|工作总结|十[一二三]五[”\"]?(?:时期|期间)|主要做了"
)
_LOOK_AHEAD = re.compile(
    r"目标|任务|安排|展望|指标体系|重点工作|主要预期|今后|新的一年|明年|今年|十[四五六]五[”\"]?(?:时期|期间)?|远景|思路|要求"
)

# sentence cues: (pattern, weight); positive → target, negative → actual
_CUES: list[tuple[re.Pattern[str], float]] = [
    (
        re.compile(
            r"力争|确保|争取|努力实现|力求|目标是|预期目标|计划|拟|将要|新的一年|明年|今后|年内|到20\d\d年|至20\d\d年|期末"
        ),
        3.0,
    ),
    (
        re.compile(r"将|要|全年|今年|推动|加快|持续|着力|全力|深化|推进|力促|打造|实施|新建|建成|培育|新增"),
        0.5,
    ),
    (re.compile(r"预计|同比|已经|已|以来|截至|截止|过去|一年来|五年来|这一年|较上年|比上年"), -3.0),
    (
        re.compile(
            r"共计|累计|期间|完成了|实现了|达到了|获评|获批|获得|荣获|入选|创成|被评为|被认定为|成功|位列|居全|排名|较“|较\"|提升至|跃升|回访|统计"
        ),
        -2.0,
    ),
    (re.compile(r"[较比][^,，。；;]{0,10}?(?:期末|年末|同期|上年|增长)"), -1.5),
]


@dataclass
class Context:
    """The running state of a document being read, section by section."""

    meta: DocumentMeta
    section_prior: float = 0.0
    paragraph_prior: float = 0.0
    last_kind: str | None = None
    #: the year a target section speaks of (“十四五”时期主要目标 → 2025), if its title says
    section_year: int | None = None


def is_heading(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > 40:
        return False
    if s[-1] in "。；;，," or re.search(r"[，,]", s):
        return False
    return bool(_HEADING.match(s)) or (len(s) <= 30 and not re.search(r"\d", s[:2]))


def heading_prior(line: str, meta: DocumentMeta) -> float | None:
    """The kind a section title announces: negative for a review, positive for targets, None if silent."""
    s = line.strip()
    years = [int(y) for y in re.findall(r"(?<!\d)(20\d\d)(?!\d)", s)]
    back = bool(_LOOK_BACK.search(s))
    ahead = bool(_LOOK_AHEAD.search(s))
    if years and meta.target_year:
        if max(years) >= meta.target_year and not back:
            return 2.5
        if max(years) < meta.target_year and not ahead:
            return -2.5
    if back and not ahead:
        return -2.5
    if ahead and not back:
        return 2.5
    if re.match(r"\s*(?:#{1,2}\s|第[一二三四五六七八九十百]+[章篇部分])", s):
        return 0.0  # a new article or chapter that does not say what it is about: start afresh
    return None


_SECTION_PLAN = re.compile(r"十([一二三四五六七八九])五")


def heading_year(line: str, meta: DocumentMeta) -> int | None:
    """The target year a section title names: a plan period's end, or a year of the targets."""
    if _LOOK_BACK.search(line):
        return None
    plan = _SECTION_PLAN.search(line)
    if plan and _LOOK_AHEAD.search(line):
        return 1985 + 5 * (_CN[plan.group(1)] + 10 - 6)
    years = [int(y) for y in re.findall(r"(?<!\d)(20\d\d)(?!\d)", line)]
    if years and meta.target_year and max(years) >= meta.target_year:
        return max(years)
    return None


def paragraph_prior(paragraph: str, meta: DocumentMeta) -> float:
    """What the opening words of a paragraph say of the time it speaks of."""
    head = paragraph.lstrip()[:24]
    if re.match(r"(?:预计全年|全年预计|这一年|一年来|过去一年|五年来|过去五年|刚刚过去)", head):
        return -2.5
    m = re.match(r"(?:[^，,。]{0,6}?)(20\d\d)年(?!\d{1,2}月)", head)
    if m and meta.target_year:
        y = int(m.group(1))
        if y < meta.target_year:
            return -2.5
        return 2.5
    if re.match(r"(?:新的一年|今年|明年|下一步|今后)", head):
        return 2.5 if not (head.startswith("今年") and meta.review_year == meta.report_year) else -2.0
    return 0.0


_CUE_RE = re.compile("|".join(f"(?P<c{i}>{p.pattern})" for i, (p, _) in enumerate(_CUES)))
_CUE_WEIGHTS = [w for _, w in _CUES]
_SENTENCE_YEAR = re.compile(r"(20\d\d)年(?!\d{1,2}月\d)")
_EARLIER_PLAN = re.compile(r"十[一二三]五")


def find_cues(text: str) -> tuple[list[int], list[int]]:
    """Positions and cue groups of every cue word in ``text``, for :func:`sentence_score`."""
    positions: list[int] = []
    groups: list[int] = []
    for m in _CUE_RE.finditer(text):
        positions.append(m.start())
        groups.append(int(m.lastgroup[1:]))  # type: ignore[index]
    return positions, groups


def sentence_score(sentence: str, meta: DocumentMeta, cue_groups: list[int] | None = None) -> float:
    """The sentence's own evidence, positive for a target.

    ``cue_groups`` are the cue groups found in the sentence by :func:`find_cues` over the whole
    document (one scan instead of one per sentence); without them the sentence is scanned itself.
    """
    if cue_groups is None:
        cue_groups = [int(m.lastgroup[1:]) for m in _CUE_RE.finditer(sentence)]  # type: ignore[index]
    if not cue_groups and "年" not in sentence and "五" not in sentence:
        return 0.0
    counts = [0] * len(_CUES)
    for g in cue_groups:
        counts[g] += 1
    score = sum(w * min(n, 2) for w, n in zip(_CUE_WEIGHTS, counts, strict=True))
    if meta.target_year and "年" in sentence:
        for y in _SENTENCE_YEAR.findall(sentence):
            yi = int(y)
            if yi < meta.target_year:
                score -= 3.0
            elif yi >= meta.target_year:
                score += 1.0
    if meta.period and meta.period[0] >= 2021 and _EARLIER_PLAN.search(sentence):
        score -= 2.0
    return score


_YEAR_IN = re.compile(r"(20\d\d)年(?!\d{1,2}月\d{1,2}日)")
_TO_YEAR = re.compile(r"(?:到|至|在)(20\d\d)年")
_NEXT_FIVE = re.compile(r"今后五年|未来五年|今后5年|未来5年")
_PLAN_NAME = re.compile(r"十([一二三四五六七八九])五")
_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_DATE_NO_YEAR = re.compile(r"(?<![年\d])\d{1,2}月\d{1,2}日")


def year_for(
    kind: str, before: str, meta: DocumentMeta, sentence: str = "", section_year: int | None = None
) -> int | None:
    """The year a claim is about, from the text of its sentence up to the claim (and, for a target,
    the rest of the sentence: 年均增长5.5%左右,到2029年突破2800亿元)."""
    if kind == "target":
        m = _TO_YEAR.findall(before) or _TO_YEAR.findall(sentence)
        if m:
            return int(m[-1] if _TO_YEAR.findall(before) else m[0])
        if section_year is not None:
            return section_year
        if meta.doc_type == "five_year_plan" and meta.period:
            return meta.period[1]
        if _NEXT_FIVE.search(before) and meta.report_year:
            return meta.report_year + 4
        return meta.target_year
    years = [int(y) for y in _YEAR_IN.findall(before)]
    years = [y for y in years if meta.target_year is None or y <= meta.target_year]
    if years:
        return years[-1]
    plan = _PLAN_NAME.findall(before)
    if plan:
        n = _CN[plan[-1]]
        return 1985 + 5 * (n + 10 - 6)
    if meta.doc_type == "five_year_plan" and meta.period:
        return meta.period[0] - 1
    if _DATE_NO_YEAR.search(before) and meta.report_year:
        return meta.report_year
    return meta.review_year
