"""Figures that carry no claim of their own: thresholds in names, the bases of shares, ranks.

Each rule is a function over a sentence's text and its :class:`~mubiao.extract.numbers.Mention`
events.  The numbers themselves that are not quantities at all (ordinals, streaks, figures of
speech, digits in names) never become mentions: :mod:`numbers` drops them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from mubiao.extract.numbers import COUNT_UNITS, Mention
from mubiao.reference.lexicon import nonclaims, units, verbs

__all__ = [
    "COUNTING_VERB",
    "POST_STOP",
    "drop_ranks",
    "names_a_threshold",
    "qualifying_figures",
    "ranks_a_field",
]

_COUNT = set(COUNT_UNITS) | {f"万{u}" for u in COUNT_UNITS}
_THRESHOLD_UNITS = re.compile("|".join(units.THRESHOLD_UNITS))
_RATE_WORD = re.compile(r"率|占比|比例|比重")
_GAP_BREAK = re.compile(r"[、,，;；和及与]")
_GAP_CHANGE = re.compile(r"增长|下降|占|同比")
_SHARE_OF = re.compile(r"[^，,。；;、]*占[^，,。；;、]*的?$")
# a rank standing in a list of figures (达到5.53万亿元、稳居全国前十强、增长4.8%): never an indicator
_RANK_PHRASE = re.compile(
    "(?:" + "|".join(verbs.RANK_VERBS) + r")(?:全国|全省|全市|全球|世界|中部|西部|东部|[^，,。；;、]{0,6}?)"
    "(?:" + "|".join(nonclaims.RANK_PLACES) + r")[、，,]?"
)
_RANK_BASE = re.compile(r"[^，,。；;\d]{0,12}?中?(?:排名|排位|位列|位居|居第|排第)")
# a verb that counts what follows it: 培育建设50个智慧农业样板基地, 突出抓好1530个重点项目
COUNTING_VERB = re.compile("(?:" + "|".join(verbs.COUNTING_VERBS) + ")$")
POST_STOP = set("同占居位增下较比为的是和及与、,，;；。:：(（)）%左以约近超达其并全") | {"\n", "\t", " "}
_NOT_A_NAME = re.compile(
    r"(?:同比|增长|下降|比|较|占|的|新?(?:台阶|起点|大关|关口|高点)|[一两二三四五六七八九十]+个(?:台阶|大关)|提高|提升|增加|增至|降至|降低|减少|"
    r"扩大|缩小|跃升|达到|突破|超过)"
)


def qualifying_figures(
    text: str, mentions: list[Mention], clause_of: Callable[[int], tuple[int, int]]
) -> set[int]:
    """The indexes of the figures that only qualify the figure after them: a threshold in a name
    before a count (10亿元以上重大项目10个), the base of a rate (19个断面…占比89.5%), whose share a
    share is (14个重点产业产值占农林牧渔业总产值的80%)."""
    skip: set[int] = set()
    for i in range(len(mentions) - 1):
        m1, m2 = mentions[i], mentions[i + 1]
        if clause_of(m2.num_start) != clause_of(m1.num_start):
            continue
        gap = text[m1.end : m2.start]
        if _GAP_BREAK.search(gap) or len(gap) > 14:
            continue
        if (
            m2.unit in _COUNT and m1.unit and _THRESHOLD_UNITS.search(m1.unit) and not _GAP_CHANGE.search(gap)
        ) or (m1.unit in _COUNT and m2.is_rate and _RATE_WORD.search(gap)):
            skip.add(i)
    for i in range(len(mentions) - 1):
        m1, m2 = mentions[i], mentions[i + 1]
        gap = text[m1.end : m2.start]
        if m1.unit in _COUNT and m2.is_rate and len(gap) <= 24 and _SHARE_OF.match(gap):
            skip.add(i)
    return skip


def names_a_threshold(m: Mention, window: str, post: str) -> bool:
    """Whether the figure ``m`` is a threshold inside the name that follows it (30亿元以上项目再突破,
    超500万元村, 3岁以下婴幼儿), given the words before it (``window``) and after it in its clause."""
    return bool(
        post
        and "\u4e00" <= post[0] <= "\u9fff"
        and post[0] not in POST_STOP
        and (
            m.unit == ""
            or (m.unit and "元" in m.unit and m.qualifier != "about")
            or (m.unit == "岁" and m.qualifier in ("at_most", "at_least"))
        )
        and not _NOT_A_NAME.match(post)
        and not (m.unit and "元" in m.unit and COUNTING_VERB.search(window.rstrip()))
    )


def ranks_a_field(post: str) -> bool:
    """Whether the figure before ``post`` counts the field of a rank (在全国168个重点城市排名提升40位)."""
    return bool(_RANK_BASE.match(post))


def drop_ranks(window: str) -> str:
    """The words before a figure without the ranks standing among them (稳居全国前十强、)."""
    if "居" in window or "位列" in window or "保持" in window:
        return _RANK_PHRASE.sub("", window)
    return window
