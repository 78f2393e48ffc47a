"""The relations of the genre between figures and between a figure and its indicator.

Each rule is a small function over a sentence's text and its
:class:`~mubiao.extract.numbers.Mention` events:

* :func:`baseline` — 从A提高到B: A is where the change started (a result), B the claim; 较“十三五”末的A;
* :func:`governed_by_milestone` — 跨越7万亿、8万亿: the verb of the first figure governs the list;
* :func:`urban_and_rural` — 城乡居民收入分别达到A、B: urban first, then rural;
* :func:`attribute_of` — 签约项目116个，涉及总投资120亿元: the amount is the counted thing's;
* :func:`with_scale_unit` — units by noun class: 新增就业1.3万 → 万人, 地区生产总值5万亿 → 万亿元;
* :func:`share_of` — a share written before its noun: 六成以上的进出口总额, 七成规上工业企业实施数字化转型.
"""

from __future__ import annotations

import dataclasses
import re

from mubiao.extract.nonclaims import POST_STOP
from mubiao.extract.numbers import Mention
from mubiao.patterns import Anchored
from mubiao.reference.lexicon import units, verbs
from mubiao.reference.periods import PLAN_PERIODS

__all__ = [
    "BENEFIT_ACTION",
    "BENEFIT_MAX",
    "FROM_TAIL",
    "attribute_of",
    "bare_scale_unit",
    "baseline",
    "governed_by_milestone",
    "list_continues",
    "share_of",
    "urban_and_rural",
    "with_scale_unit",
]

# 从A提高到B: what stands before A, and between A and B
_FROM_BEFORE = re.compile(
    r"[从由](?:(?P<year>(?:19|20)\d\d)年(?:末|底)?|“?(?P<plan>十[一二三四五六七八九]五)”?(?:期末|末)?)?的?$"
)
_COMPARED_BEFORE = re.compile(
    r"[较比](?:(?P<year>(?:19|20)\d\d)年(?:末|底)?|“?(?P<plan>十[一二三四五六七八九]五)”?(?:期末|末))的$"
)
#: the 从 (and its year) left before B once A is taken out: not a time of B's
FROM_TAIL = re.compile(r"[从由](?:(?:19|20)\d\d年(?:末|底)?|“?十[一二三四五六七八九]五”?(?:期末|末)?)?的?$")
_TO_BETWEEN = re.compile(
    r"(?:[^，,。；;、\d]{0,6}?)(?:提高|增加|增长|提升|上升|扩大|下降|降低|减少|缩小|缩减|压减|跃升|增|降|升|扩)?(?:到|至)了?"
    r"(?:(?:19|20)\d\d年(?:末|底)?的?)?"
)
_LIST_GAP = re.compile(r"^\s*(?:、|和|及|与|以及|,|，)?\s*$")
_MILESTONE_VERB = re.compile("|".join(verbs.MILESTONE_VERBS))
# a list of milestones runs on 、 and 和, not over a comma: 增长超50%，七成…
_MILESTONE_GAP = re.compile(r"^\s*(?:、|和|及|与|以及)?\s*$")
_ATTRIBUTE = Anchored(
    re.compile(
        r"^(?:涉及|计划|合计|总计)?((?:计划)?总投资(?:额)?|投资额|总金额|总面积|建筑面积|占地面积|总规模|总数|总量|完成投资|实现产值)$"
    )
)
_NEW_STOCK = re.compile(r"^(?:新增|新认定|新建|累计新增)")
_MONEY_NOUN = re.compile("|".join(units.MONEY_NOUNS))
_AMOUNT_NOUN = re.compile("|".join(units.AMOUNT_NOUNS))
_PEOPLE_NOUN = re.compile("|".join(units.PEOPLE_NOUNS))
_ACTION_WORDS = (*verbs.ACTION_VERBS, *verbs.COUNTING_VERBS, *verbs.BENEFIT_VERBS)
#: where an action begins after the ones it was done by or for (为6107名困难家庭高校新生|发放资助金,
#: 七成规上工业企业|实施数字化转型): plain words, longest first (in the order of the lexicon between equals, so
#: that the pattern, and its entry in the cache of compiled patterns, is the same in every process)
BENEFIT_ACTION = re.compile("|".join(sorted(dict.fromkeys(_ACTION_WORDS), key=len, reverse=True)))
#: the longest of them: a search for one that must start near a figure need not read further
BENEFIT_MAX = max(map(len, _ACTION_WORDS))
# one item of a list of shares: 六成以上的进出口总额、近七成的税收总额
_SHARE_ITEM = re.compile(r"[^、，,。；;\d]{1,30}?(?=[和及与]?(?:[、，,。；;\d]|$))")
# what a figure followed by 的 is not the share of: a rate, a growth, an aim
_NOT_A_SHARE = re.compile(r"增长|增速|增幅|年均|率|比例|比重|幅度|目标|水平|情况|速度|标准")
_TRAILING_STOPS = re.compile(r"[，,。；;]+$")


def baseline(text: str, mentions: list[Mention], i: int, s: int) -> int | bool | None:
    """For the A of 从A提高到B (or the base of 较…的A): the year stated beside it (从2020年的A), None
    if none; False if mention ``i`` of the sentence starting at ``s`` is no such baseline."""
    m = mentions[i]
    lead = text[max(s, m.start - 14) : m.start]
    if not ("从" in lead or "由" in lead or "较" in lead or "比" in lead):
        return False
    compared = _COMPARED_BEFORE.search(text, max(s, m.start - 14), m.start)
    if compared is not None:
        # 较“十三五”末的9323.1亿元: the base of a comparison, a result of the year it names
        return (
            int(compared.group("year")) if compared.group("year") else PLAN_PERIODS[compared.group("plan")][1]
        )
    if i + 1 >= len(mentions):
        return False
    head = _FROM_BEFORE.search(text, max(s, m.start - 14), m.start)
    if head is None or not _TO_BETWEEN.fullmatch(text, m.end, mentions[i + 1].start):
        return False
    if head.group("year"):
        return int(head.group("year"))
    if head.group("plan"):
        return PLAN_PERIODS[head.group("plan")][1]
    return None


def governed_by_milestone(text: str, mentions: list[Mention], i: int, s: int) -> bool:
    """Whether figure ``i`` continues a list of milestones opened by a verb (跨越7万亿、8万亿、9万亿):
    the verb's at-least covers every figure of the list after the first."""
    if mentions[i].qualifier != "exact":
        return False
    j = i
    while j > 0 and _MILESTONE_GAP.match(text[mentions[j - 1].end : mentions[j].start]):
        j -= 1
        first = mentions[j]
        if first.qualifier == "at_least":
            return bool(_MILESTONE_VERB.search(text, max(s, first.start - 2), first.num_start + 1))
        if first.qualifier != "exact":
            return False
    return False


def list_continues(text: str, a: int, b: int) -> bool:
    """Whether ``text[a:b]``, the words between two figures, only joins them (、, 和, 及…)."""
    return bool(_LIST_GAP.match(text[a:b]))


def urban_and_rural(indicator: str, figures: int, items: list[str]) -> list[str]:
    """城乡居民人均可支配收入 with two figures after 分别: the urban and the rural indicator."""
    if figures == 2 and len(items) == 1 and "城乡" in indicator:
        return [indicator.replace("城乡", "城镇", 1), indicator.replace("城乡", "农村", 1)]
    return items


def attribute_of(indicator: str, last_subject: str) -> str | None:
    """An attribute standing alone (总投资, 总数) as the attribute of what was just counted:
    签约项目116个，涉及总投资120亿元 → 签约项目总投资; 新增高新技术企业92家，总数突破500家 → 高新技术企业总数
    (the stock of the thing, not of the flow).  None when ``indicator`` is no such attribute."""
    am = _ATTRIBUTE.match(indicator)
    if am is None or not last_subject:
        return None
    base = last_subject
    if am.group(1).startswith("总数"):
        base = _NEW_STOCK.sub("", base)
    return base + am.group(1)


def with_scale_unit(m: Mention, indicator: str) -> Mention:
    """A figure written with a bare scale (5万亿, 71.3万) with the unit its indicator implies."""
    if m.unit not in ("万", "亿", "万亿"):
        return m
    return dataclasses.replace(m, unit=m.unit + bare_scale_unit(indicator))


def bare_scale_unit(indicator: str) -> str:
    """元, 人次 or 人, by what the indicator names; nothing when it names none of them."""
    if indicator.endswith("人次"):
        return "人次"
    if _MONEY_NOUN.search(indicator):
        return "元"
    if _PEOPLE_NOUN.search(indicator):
        return "人"
    return "元" if _AMOUNT_NOUN.search(indicator) else ""


def share_of(subject: str, window: str, post: str, m: Mention) -> tuple[str | None, int]:
    """The indicator of a share written before its noun, and how much of ``post`` (the clause after
    the figure) it used: 贡献六成以上的进出口总额 → 贡献的进出口总额占比; 七成规上工业企业实施数字化转型 →
    实施数字化转型的规上工业企业占比.  ``subject`` holds the shares (民营经济贡献), ``window`` is the
    text before the figure.  (None, 0) when the figure is no such share."""
    if m.unit != "%" or "占" in window or not post:
        return None, 0
    if post[0] == "的":
        item = _SHARE_ITEM.match(post, 1)
        if item is None:
            return None, 0
        body = _TRAILING_STOPS.sub("", item.group())
        if not body or _NOT_A_SHARE.match(body) or _NOT_A_SHARE.search(body[:8]):
            return None, 0  # 8%的年均增长目标, 5%的比例, 69.6%的常住人口城镇化率: no share
        act = BENEFIT_ACTION.search(body, 1, 15)
        # 72%的村庄开展生活垃圾分类: the share of the villages that do it
        share = f"{body[act.start() :]}的{body[: act.start()]}" if act else body
        return (f"{subject}的{share}占比" if subject else f"{share}占比"), 1 + len(item.group())
    if not (m.chinese and "\u4e00" <= post[0] <= "\u9fff") or post[0] in POST_STOP:
        return None, 0
    act = BENEFIT_ACTION.search(post, 2, 14)
    if act is None:
        return None, 0
    done = _TRAILING_STOPS.sub("", post[act.start() :])
    return f"{subject}{done}的{post[: act.start()]}占比", len(post)
