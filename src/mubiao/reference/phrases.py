"""Indicator phrases to lookup keys, and the aliases a key holds: the registry's hot path.

An extracted phrase is normalised into a key (:func:`normalise_phrase`), looked up whole, and else
searched for a known alias inside it (:func:`contained_alias`).  Every statement of every document
goes through here, so the module is compiled with the rest of extraction (setup.py); the registry's
public classes stay in :mod:`mubiao.reference.registry`.  *Matching* in that module's docstring says
what the rules mean.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

from mubiao.patterns import Anchored, Ending

__all__ = ["MIN_CONTAINED", "contained_alias", "normalise_phrase"]

#: shortest alias (in normalised characters) that may match inside a longer phrase
MIN_CONTAINED = 3


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_BRACKETED = re.compile(r"[(\[【〔][^()\[\]【】〔〕]*[)\]】〕]")
_OPENING_BRACKETS = "([【〔"
_NOT_KEPT = re.compile(r"[^\w.]|_|(?<!\d)\.|\.(?!\d)")
_KEPT = re.compile(r"[^\W_]")
_SUBSTITUTIONS: tuple[tuple[str, str], ...] = (
    ("地区生产总值", "GDP"),
    ("国内生产总值", "GDP"),
    ("生产总值", "GDP"),
    ("规模以上", "规上"),
    ("限额以上", "限上"),
    ("比例", "比重"),
    ("比率", "比重"),
    ("利用外资", "使用外资"),
    ("研究与试验发展", "研发"),
)
# whether any substitution applies: one search, where most keys need none
_SUBSTITUTED = re.compile("|".join(old for old, _ in _SUBSTITUTIONS))
_LEADING: tuple[str, ...] = _words(
    """
    预计全年 十四五期间 十四五末 十三五期间 五年累计 预计 全年 全区 全市 全县 全省
    全国 全镇 我区 我市 我县 我省 本区 本市 今年 当年 年内 全面 完成 实现 达到
    确保 力争 累计 其中 每年 年均
    """
)
#: a leading year, or a leading count that is only the base of a rate (19个国省断面优Ⅲ类占比)
_LEADING_RE = Anchored(
    re.compile(
        r"^(?:(?:19|20)\d\d年(?:度|末|底)?|\d+个|" + "|".join(sorted(_LEADING, key=len, reverse=True)) + ")"
    )
)
_TRAILING: tuple[str, ...] = _words(
    """
    年均增长率 年均增速 年均增幅 年均增长 比上年增长 同比增长 同比下降 增长幅度
    增长率 增速 增幅 涨幅 增长 增加 下降幅度 下降率 降低率 降幅 下降 降低 减少
    提高 提升 改善 预期目标 目标值 目标 五年累计 累计
    """
)
_TRAILING_RE = Ending(re.compile("(?:" + "|".join(sorted(_TRAILING, key=len, reverse=True)) + ")$"))

#: words that, standing before a contained alias, narrow or change what it measures
_LEFT_GUARDS: tuple[str, ...] = _words(
    """
    限上 规上 规模 人均 户均 亩均 每 万人 千人 百人 单位 万元 亿元 以上 以下
    超 农村 农民 城镇 城乡 省级 市级 区级 县级 国家 国省 省市 工业 制造业
    服务业 农业 建筑业 产业 行业 经济 企业 产品 民间 民营 外资 外商 国有 跨境
    出口 进口 一般贸易 非 占 比重 率 潜在 现代 先进 新兴 高新 生产性 生活性
    """
)
_LEFT_GUARD_RE = re.compile(r"\d|" + "|".join(sorted(_LEFT_GUARDS, key=len, reverse=True)))
#: tails that may follow a contained alias without changing the indicator
_RIGHT_TAILS: tuple[str, ...] = _words(
    """
    数 数量 个数 家数 人数 户数 总数 总量 总额 额 金额 规模 水平 值 总值
    完成额 完成值 完成数 完成量 量 新增 入库 情况 人员
    """
)
_RIGHT_TAIL_RE = re.compile("(?:" + "|".join(sorted(_RIGHT_TAILS, key=len, reverse=True)) + ")*")


def _strip(key: str) -> str:
    while True:
        m = _LEADING_RE.match(key)
        if m is None or m.end() == len(key):
            break
        key = key[m.end() :]
    while True:
        m = _TRAILING_RE.search(key)
        if m is None or m.start() == 0:
            break
        key = key[: m.start()]
    return key


@functools.lru_cache(maxsize=65_536)
def normalise_phrase(phrase: str) -> str:
    """The key an indicator phrase is looked up by (see *Matching* in the module docstring)."""
    s = unicodedata.normalize("NFKC", phrase).upper()
    unbracketed = _BRACKETED.sub("", s) if any(c in s for c in _OPENING_BRACKETS) else s
    # whether anything of it would be kept: a word character but _ (a point is kept only between
    # digits, which are kept themselves)
    if unbracketed.isalnum() or _KEPT.search(unbracketed):
        s = unbracketed
    s = s.replace("R&D", "研发")
    # str.isalnum is re's \w without _: a key of word characters alone (most) has nothing to drop
    if not s.isalnum():
        s = _NOT_KEPT.sub("", s)
    if _SUBSTITUTED.search(s):
        for old, new in _SUBSTITUTIONS:
            if old in s:
                s = s.replace(old, new)
    return _strip(s)


def contained_alias(key: str, aliases: Any) -> str | None:
    """The alias of ``aliases`` that ``key`` holds and that names what it measures, or None.

    ``aliases`` is an Aho-Corasick automaton (pyahocorasick, ``STORE_INTS``) of the aliases that may
    match inside a longer phrase, each stored with its length."""
    candidates = [(length, end - length + 1) for end, length in aliases.iter(key)]
    # longest first; between equals, the rightmost (the head of a Chinese noun phrase)
    candidates.sort(reverse=True)
    for length, i in candidates:
        if _LEFT_GUARD_RE.search(key, 0, i) is None and _RIGHT_TAIL_RE.fullmatch(key, i + length):
            return key[i : i + length]
    return None
