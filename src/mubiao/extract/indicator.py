"""From the words before a number to the indicator's noun phrase.

``全年实现地区生产总值`` → ``地区生产总值``; ``其中“一带一路”沿线国家占比`` → ``“一带一路”沿线国家占比``;
``较“十二五”期末提升`` → nothing (the subject is carried over from the claim before).  The words
removed are not lost: the trailing verb tells the measure (增长 → growth, 提升…个百分点 → delta) and
its sign (下降 → negative).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mubiao.patterns import Anchored, Ending
from mubiao.reference.lexicon import verbs

__all__ = ["Phrase", "borrow_suffix", "clean", "split_items", "starts_with_verb"]

# Words that open a clause but are not part of what is measured.
_LEAD = Anchored(
    re.compile(
        r"^(?:[，,、；;：:\s(（]|同口径|可比口径|按可比价格?计算|其中|同时|另外|此外|以及|并且|并|及|和|与|且|"
        r"全年预计|预计全年|预计|全年|今年|明年|年内|当年|全区|全市|全县|全省|全镇|我区|我市|我县|本区|"
        r"力争|确保|争取|努力|计划|目标是|主要预期目标是|积极|大力|着力|全力|加快|深入|进一步|"
        r"(?:[从由])?(?:到|至|截至|截止)?20\d\d年(?:底|末)?(?:的)?|(?:到|至)“?十[一二三四五六七八九]五”?期末|“?十[一二三四五六七八九]五”?(?:期间|时期)|"
        r"共计|累计|合计|总计|共|已|均|分别|完成了|实现了|完成|实现|达到|成功|全面|"
        r"同比|环比|[较比](?:上年末|上年底|上年同期|上年|去年|年初)|[较比][^，,。；;]{0,12}?(?:期末|年末|年底|同期|上年|末|20\d\d年)|"
        r"年末|年底|年初|连续\d+年|连续[一二三四五六七八九十]+年|"
        r"对|在|的)+"
    )
)
_TRAIL_VERB = Ending(
    re.compile(
        r"(?P<verb>同比)?(?:分别|均|累计|年均)?"
        r"(?P<dir>增长率|增长|增速|增幅|降幅|涨幅|上涨|增加|提高|提升|上升|下降|降低|减少|回落|缩减|下滑|净增|净减|缩小|扩大|跃升|跃居|减量|(?:增|降|升)(?=至|到))?"
        r"(?P<to>到|至)?(?:20\d\d年(?:末|底)?的?)?"
        r"(?:了|到|至|为|达到|达|是|在|超过|超|突破|约|近|接近|将近|不低于|不少于|不超过|控制在|低于|逾|迈上|迈过|跨越|保持在|稳定在|"
        r"相继|先后|分别|均|已|首次|首|再次|持续|稳定|有望|力争|确保|保持|全部|总计|合计|累计|完成|实现)*$"
    )
)
# a comparison standing between the indicator and its verb: 居民消费价格比上年上涨0.3%
_COMPARISON_INSIDE = re.compile(
    r"(?:同口径|可比口径|按可比价格?计算|同比|环比|[较比](?:上年末|上年底|上年同期|上年|去年同期|去年|年初|20\d\d年(?:末|底)?|“?十[一二三四五六七八九]五”?(?:期末|末))(?:的)?)$"
)
_FROM_YEAR = re.compile(r"[从由]20\d\d年(?:末|底)?的?$")
_TRAIL_NOISE = re.compile(
    r"(?:的|为|达|到|在|了|是|、|和|(?<!["
    + "".join(v[0] for v in verbs.VERBS_ENDING_IN_JI)
    + r"])及|与|等|从|由|较|"
    r"(?<![占之倍对])比|，|,)+$"
)
# The characters a match of _TRAIL_VERB (not empty), _TRAIL_NOISE or _COMPARISON_INSIDE can end
# with, and the newline before which $ also matches (tests/extract/test_scan.py checks them).  The
# patterns end in $ and are tried at every position of the phrase; a phrase that ends otherwise has
# nothing to trim.
_TRAIL_VERB_ENDINGS = frozenset(
    "上为了争于低保减别到加升后在均增大定小少居已幅年底成持是望末次比涨滑率现的破约继续至落计超越达过近速逾部量长降首高\n"
)
_TRAIL_NOISE_ENDINGS = frozenset(",、与为了从到及和在是比由的等较达，\n")
_COMPARISON_INSIDE_ENDINGS = frozenset("初年底径期末比的算\n")
_GROWTH = verbs.GROWTH_VERBS
_NEGATIVE = verbs.NEGATIVE_VERBS
_VERBS = verbs.ACTION_VERBS
_VERB_RE = Anchored(re.compile("^(?:" + "|".join(sorted(_VERBS, key=len, reverse=True)) + ")"))


@dataclass(init=False)
class Phrase:
    """A cleaned indicator phrase and what its removed words said."""

    text: str
    direction: str | None  # the growth verb, if any
    negative: bool
    net: bool  # 净增 / 净减: an absolute change

    # written out, not made by @dataclass: mypyc compiles this one, a generated __init__ stays interpreted
    def __init__(self, text: str, direction: str | None, negative: bool, net: bool) -> None:
        self.text = text
        self.direction = direction
        self.negative = negative
        self.net = net


def clean(window: str) -> Phrase:
    s = _drop_lead(window.strip())
    direction = None
    negative = False
    net = False
    for _ in range(3):
        if s[-1:] not in _TRAIL_VERB_ENDINGS:
            break  # _TRAIL_VERB would only match empty, at the end
        m = _TRAIL_VERB.search(s)
        if not m or m.start() == len(s):
            break
        d = m.group("dir")
        if d and m.group("to"):
            d = None  # 增加到, 提高至, 下降到: the number is the new level, not the change
        if d:
            if d in ("净增", "净减"):
                net = True
                negative = d == "净减"
            else:
                direction = d
                negative = d in _NEGATIVE
        s = _drop_tail(_TRAIL_NOISE, _TRAIL_NOISE_ENDINGS, s[: m.start()])
        s = _FROM_YEAR.sub("", s)
    s = _drop_lead(s)
    # 净增“四上”单位 — the net verb stands before the noun
    if s.startswith(("净增", "净减")):
        net = True
        negative = s.startswith("净减")
    s = _drop_tail(_COMPARISON_INSIDE, _COMPARISON_INSIDE_ENDINGS, s)
    s = _drop_tail(_TRAIL_NOISE, _TRAIL_NOISE_ENDINGS, s).strip("“”\"' ")
    if s.count("“") != s.count("”"):
        s = s.replace("“", "").replace("”", "") if s.count("“") + s.count("”") == 1 else s
    return Phrase(s, direction, negative, net)


def _drop_lead(s: str) -> str:
    """``_LEAD.sub("", s)``: the pattern is anchored at the start, and a match is cheaper than a
    substitution that tries every position after it."""
    m = _LEAD.match(s)
    return s[m.end() :] if m else s


def _drop_tail(pattern: re.Pattern[str], endings: frozenset[str], s: str) -> str:
    """``pattern.sub("", s)`` for a pattern that ends in $, whose matches end with one of ``endings``."""
    return pattern.sub("", s) if s[-1:] in endings else s


def starts_with_verb(phrase: str) -> str | None:
    m = _VERB_RE.match(phrase)
    return m.group() if m else None


_SPLIT = re.compile(r"、|和|及|以及|与")
# modifiers that stand in parallel and share the rest of the phrase: 城镇、农村居民人均可支配收入
_PARALLEL = {
    "城镇",
    "农村",
    "城市",
    "城乡",
    "进口",
    "出口",
    "省级",
    "市级",
    "区级",
    "县级",
    "国家级",
    "一般",
    "规上",
    "限上",
}


def borrow_suffix(items: list[str]) -> list[str]:
    """A short item takes the rest of the item after it: 城镇、农村居民收入 → 城镇居民收入; 大气、水环境 → 大气环境."""
    out = []
    for n, it in enumerate(items):
        if len(it) <= 2 and n + 1 < len(items) and len(items[n + 1]) > 3:
            nxt = items[n + 1]
            k = len(it) if it in _PARALLEL and nxt[: len(it)] in _PARALLEL else 1
            it = it + nxt[k:]
        out.append(it)
    return out


_LIST_OF_HEAD = re.compile(r"^(?:.*?对)?(?P<list>[^的]+?)的(?P<head>[^的、和及与]{1,8})$")


def split_items(phrase: str) -> list[str]:
    """``满意率和基本满意率`` → two items; ``对办理结果和办理态度的满意率`` → two items with the head."""
    if not _SPLIT.search(phrase):
        return [phrase] if phrase else []  # most phrases name one thing: no need to look for a head
    m = _LIST_OF_HEAD.match(phrase)
    if m and _SPLIT.search(m.group("list")):
        head = m.group("head")
        return [p + head for p in _SPLIT.split(m.group("list")) if p]
    return borrow_suffix([p for p in _SPLIT.split(phrase) if p])
