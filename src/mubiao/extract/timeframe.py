"""The time model: what span of time a heading, a paragraph or a clause speaks of, and so whether
its figures are results or targets.

Every time expression is resolved against the document's own dates (:class:`DocumentMeta`): the
session year S (the year the targets of a work report are for) and the delivery year R (S, or
S − 1 for a session held in December).  Relative words resolve against the delivery: 今年 is R,
明年 R + 1, 去年 and 上年 R − 1; 过去一年, 一年来 and 这一年 are the reviewed year S − 1; 这五年 and
过去五年 the five years to S − 1; 十四五 is 2021–2025 whatever document names it.

A text is a *review* when everything it names ended before S, and a *plan* when everything it
names starts at S or later — the same words (“十四五”时期) are a review in a report of 2026 and a
plan in a report of 2021.  Only where a text names both, or names no time at all, do words such as
回顾 or 目标 decide.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

from mubiao.document import DocumentMeta
from mubiao.extract import openers
from mubiao.extract.numbers import parse_chinese_number
from mubiao.reference.lexicon import cues, numerals
from mubiao.reference.periods import PLAN_PERIODS

__all__ = ["Frame", "TimeRef", "frame_of", "session_year", "sub_annual", "time_refs"]

FrameKind = Literal["actual", "target"]


@dataclass(frozen=True)
class TimeRef:
    """One time expression: the years it covers and where it stands in the text."""

    first: int
    last: int
    start: int
    end: int
    #: ``to`` for 到/至 X年 (an aim's horizon), ``since`` for X年以来 and 截至 (a result's reach)
    role: Literal["", "to", "since"] = ""
    #: a single year named by a calendar word or number (2026年, 今年), not a span
    single: bool = True


@dataclass(frozen=True)
class Frame:
    """What a stretch of text speaks of: results or targets, and of which year."""

    kind: FrameKind | None
    year: int | None


_CN_YEAR_DIGITS = {c: str(d) for c, d in numerals.YEAR_DIGITS.items()}
_TIME = re.compile(
    r"(?P<to>到|至|截至|截止)?"
    r"(?:(?P<y1>(?<![\d.])(?:19[89]\d|20\d\d))\s*(?:[-—–~～至到]\s*(?P<y2>(?:19[89]\d|20\d\d)))?\s*年"
    r"|(?P<cny>[〇○零一二三四五六七八九]{4})年"
    r"|(?P<bare>(?<![\d.])20[0-4]\d)(?=[\u4e00-\u9fff])(?![万亿千百个家项件人户元名次条座所台辆吨亩米余多])"
    r"|(?P<plan>十[一二三四五六七八九]五)"
    r"|(?P<rel>今年|明年|去年|上年|前年|新的一年|过去一年|过去的一年|一年来|这一年|刚刚过去的一年|本年度|上一年"
    r"|过去五年|五年来|这五年|本届政府|今后五年|未来五年|今后5年|未来5年))"
    r"(?P<since>以来|来)?(?P<end_of>末|底|期末)?"
)
# Where a match of _TIME may start, which opens with an optional word: one class of its first
# characters, so that the engine skips to them fast, then what must follow each.  Most of these
# characters (一, 上, 十, 这, 到…) open no time: trying _TIME at each of them cost ten tries a match.
# tests/extract/test_openers.py holds the two to the same matches.
_TIME_OPENERS = re.compile(
    r"[12○〇零一二三四五六七八九十今明去上前新过这刚本未到至截]"
    r"(?:(?<=[到至])(?=[12○〇零一二三四五六七八九十今明去上前新过这刚本未])"
    r"|(?<=截)(?=[至止])"
    r"|(?<=1)(?=9[89]\d)"
    r"|(?<=2)(?=0\d\d)"
    r"|(?<=[○〇零一二三四五六七八九])(?=[○〇零一二三四五六七八九]{3}年)"
    r"|(?<=[一五])(?=年来)"
    r"|(?<=十)(?=[一二三四五六七八九]五)"
    r"|(?<=[今明去上前])(?=年)"
    r"|(?<=上)(?=一年)"
    r"|(?<=新)(?=的一年)"
    r"|(?<=过)(?=去)"
    r"|(?<=这)(?=[一五]年)"
    r"|(?<=刚)(?=刚过去)"
    r"|(?<=本)(?=年度|届政府)"
    r"|(?<=[今未])(?=[后来][五5]年))"
)
_BACK = re.compile("|".join(cues.BACK_HEADING_WORDS))
_AHEAD = re.compile("|".join(cues.AHEAD_HEADING_WORDS))


def session_year(meta: DocumentMeta) -> int | None:
    """The year a document's own targets are for: S."""
    if meta.doc_type == "five_year_plan" and meta.period:
        return meta.period[0]
    if meta.doc_type == "statistical_bulletin" and meta.review_year is not None:
        return meta.review_year + 1
    return meta.target_year or meta.session_year


def _delivery_year(meta: DocumentMeta, s: int) -> int:
    return meta.report_year if meta.report_year is not None else s


def time_refs(text: str, meta: DocumentMeta, *, bare_years: bool = False) -> list[TimeRef]:
    """Every time expression of ``text`` with the years it covers.

    ``bare_years`` also reads a year written without 年 before a word (数说2024武进…), as headlines
    write it; in running text such a number is more often a count.
    """
    s = session_year(meta)
    if s is None or not (bare_years or "年" in text or "五" in text or "本届" in text):
        return []
    return list(_refs(text, s, _delivery_year(meta, s), bare_years))


@functools.lru_cache(maxsize=8192)
def _refs(text: str, s: int, r: int, bare_years: bool) -> tuple[TimeRef, ...]:
    # the same stretch of a sentence is read for each figure in it: remembered, not re-scanned
    out: list[TimeRef] = []
    for m in openers.finditer(_TIME, _TIME_OPENERS, text):
        role: Literal["", "to", "since"] = ""
        single = True
        if m.group("y1"):
            first = int(m.group("y1"))
            last = int(m.group("y2")) if m.group("y2") else first
            single = not m.group("y2")
        elif m.group("bare"):
            if not bare_years:
                continue
            first = last = int(m.group("bare"))
        elif m.group("cny"):
            first = last = int("".join(_CN_YEAR_DIGITS[c] for c in m.group("cny")))
        elif m.group("plan"):
            first, last = PLAN_PERIODS[m.group("plan")]
            single = False
            if m.group("end_of"):
                first = last
        else:
            rel = m.group("rel")
            if rel in ("今年", "本年度"):
                first = last = r
            elif rel == "明年":
                first = last = r + 1
            elif rel in ("去年", "上年", "上一年"):
                first = last = r - 1
            elif rel == "前年":
                first = last = r - 2
            elif rel == "新的一年":
                first = last = s
            elif rel in ("过去五年", "五年来", "这五年", "本届政府"):
                first, last, single = s - 5, s - 1, False
            elif rel in ("今后五年", "未来五年", "今后5年", "未来5年"):
                first, last, single = s, s + 4, False
            else:  # 过去一年, 一年来, 这一年
                first = last = s - 1
        to = m.group("to")
        if to in ("到", "至"):
            role = "to"
        elif to in ("截至", "截止") or m.group("since"):
            role = "since"
            if m.group("since"):
                last, single = max(last, s - 1), False
        if not 1949 <= first <= 2100:
            continue
        out.append(TimeRef(first, last, m.start(), m.end(), role, single))
    return tuple(out)


def frame_of(text: str, meta: DocumentMeta, *, words: bool = True, heading: bool = False) -> Frame | None:
    """The frame ``text`` sets: a review when all it names ended before S, a plan when all of it
    starts at S or later; the words 回顾 / 目标 decide a mixed or silent text when ``words``."""
    s = session_year(meta)
    if s is None:
        return None
    refs = time_refs(text, meta, bare_years=heading)
    past = [t for t in refs if t.last < s and t.role != "to"]
    future = [t for t in refs if t.first >= s or (t.role == "to" and t.last >= s)]
    back = bool(_BACK.search(text)) if words else False
    ahead = bool(_AHEAD.search(text)) if words else False
    if past and not future:
        return Frame("actual", max(t.last for t in past))
    if future and not past:
        return Frame("target", _target_year(future))
    if past and future:
        if back and not ahead:
            return Frame("actual", max(t.last for t in past))
        if ahead and not back:
            return Frame("target", _target_year(future))
        return Frame(None, None)
    if back and not ahead:
        return Frame("actual", None)
    if ahead and not back:
        return Frame("target", None)
    return None


def _target_year(refs: list[TimeRef]) -> int:
    singles = [t.first for t in refs if t.single and t.role != "to"]
    if singles:
        return min(singles)
    return max(t.last for t in refs)


# a part of the year a figure may be of: 一季度, 上半年, 前三季度, 1—11月, 前10个月
_SUB_ANNUAL = re.compile(
    r"(?:第)?(?P<q>[一二三四1-4])季度|前(?P<qs>[二两三2-3])(?:个)?季度|(?P<h>上|下)半年"
    r"|(?P<m1>1[0-2]|[1-9])\s*[-—–~至到]\s*(?P<m2>1[0-2]|[1-9])\s*月|前(?P<mn>1[01]|[1-9]|[一二三四五六七八九十]{1,2})个月"
)

# a word every match of _SUB_ANNUAL holds
_SUB_ANNUAL_HINTS = ("季", "半年", "月")


def _small_number(s: str) -> int:
    """3 → 3, 三 → 3, 十一 → 11."""
    return int(s) if s.isdigit() else int(parse_chinese_number(s) or 0)


def sub_annual(text: str, a: int, b: int, indicator: str) -> tuple[str, str] | None:
    """The part of the year named just before a claim, as a code (Q1, H1, Q1-Q3, M01-M11), and the
    indicator without it; None for a claim about a whole year."""
    if all(text.find(w, a, b) < 0 for w in _SUB_ANNUAL_HINTS):
        return None  # most claims: _SUB_ANNUAL opens with an optional word and cannot skip ahead
    found = list(_SUB_ANNUAL.finditer(text, a, b))
    m = found[-1] if found else None  # the nearest before the claim
    if m is None or "全年" in text[m.end() : b]:
        return None  # 一季度增长5%，全年增长6%: the year's figure after the quarter's
    if m.group("q"):
        code = f"Q{_small_number(m.group('q'))}"
    elif m.group("qs"):
        code = f"Q1-Q{_small_number(m.group('qs'))}"
    elif m.group("h"):
        code = "H1" if m.group("h") == "上" else "H2"
    elif m.group("m1"):
        code = f"M{int(m.group('m1')):02d}-M{int(m.group('m2')):02d}"
    else:
        code = f"M01-M{_small_number(m.group('mn')):02d}"
    words = m.group()
    if indicator.startswith(words):
        indicator = indicator[len(words) :].lstrip("，,、 ") or indicator
    return code, indicator
