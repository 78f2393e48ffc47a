"""When a document was delivered, and which session year that makes.

A work report states its delivery date beside its session: ``——2024年3月5日在第十四届全国人民代表大会
第二次会议上``, ``（2016年1月8日）`` under the subtitle, ``二〇二一年二月五日在怒江傈僳族自治州…``, or in
the front matter's title ``七台河市政府工作报告（2022年1月12日 李兵）``.  A bulletin dates itself under the
bureau's name.  Sessions held in November or December open the year after: their targets belong to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from mubiao.describe.head import Head
from mubiao.reference.lexicon import numerals

__all__ = ["Delivery", "delivery", "parse_year", "session_year_of"]

_CN = numerals.YEAR_DIGITS
_CN_YEAR = "[〇○零OoＯ一二三四五六七八九]{4}"
_CN_SMALL = "[一二三四五六七八九十]{1,3}"
_DATE = re.compile(
    rf"(?P<y>(?:19|20)\d\d|{_CN_YEAR})年(?P<m>1[0-2]|0?[1-9]|{_CN_SMALL})月(?P<d>3[01]|[12]\d|0?[1-9]|{_CN_SMALL})日"
)
#: every year of _DATE is written in this many characters
_YEAR_CHARS = 4
# a date beside the session it was delivered at: before (…日在…会议上) or after (…会议上（…日）)
_SESSION = re.compile(r"人民代表大会|人代会|人大|代表大会|会议")
#: the session a report is delivered at, however it is written
SESSION_NEAR = 40


@dataclass(frozen=True)
class Delivery:
    """A delivery date and how sure it is (``session``: stated beside the session)."""

    date: date
    beside_session: bool


def _small(s: str) -> int | None:
    """1-2 digit numbers in Arabic or Chinese numerals: 12, 十二, 二十五."""
    if s.isdigit():
        return int(s)
    if s == "十":
        return 10
    if "十" in s:
        tens, _, ones = s.partition("十")
        t = _CN.get(tens, 0) if tens else 1
        o = _CN.get(ones, 0) if ones else 0
        return t * 10 + o
    return _CN.get(s)


def parse_year(s: str) -> int | None:
    """2025 → 2025, 二〇二五 → 2025."""
    if s.isdigit():
        return int(s)
    digits = [_CN.get(c) for c in s]
    if any(d is None for d in digits):
        return None
    return int("".join(str(d) for d in digits))


def _date_matches(text: str) -> list[re.Match[str]]:
    """``_DATE.finditer(text)``.  A year is four characters before its 年: the pattern is tried only
    there, not at every position (it opens with an alternation the engine cannot skip ahead by)."""
    out: list[re.Match[str]] = []
    pos = 0
    at = text.find("年", _YEAR_CHARS)
    while at >= 0:
        start = at - _YEAR_CHARS
        if start >= pos and (m := _DATE.match(text, start)) is not None:
            out.append(m)
            pos = m.end()
        at = text.find("年", at + 1)
    return out


def _dates(text: str) -> list[tuple[int, int, date]]:
    out = []
    for m in _date_matches(text):
        y, mo, d = parse_year(m.group("y")), _small(m.group("m")), _small(m.group("d"))
        if y is None or mo is None or d is None or not 1990 <= y <= 2100:
            continue
        try:
            out.append((m.start(), m.end(), date(y, mo, d)))
        except ValueError:
            continue
    return out


def delivery(head: Head) -> Delivery | None:
    """The date the document was delivered, from the strongest evidence in its head."""
    title = head.front.get("title", "")
    for text in (head.flat, title):
        for a, b, d in _dates(text):
            near = text[max(0, a - SESSION_NEAR) : b + SESSION_NEAR]
            if _SESSION.search(near):
                return Delivery(d, True)
    # a date alone on an early line (a bulletin under the bureau's name, a report's date line)
    for line in head.lines[:12]:
        found = _dates(line)
        if found and len(line) <= found[0][1] - found[0][0] + 4:
            return Delivery(found[0][2], False)
    m = _dates(title)
    if m:
        return Delivery(m[0][2], False)
    return None


def session_year_of(delivered: date) -> int:
    """Sessions of November and December open the year after (the 2025 session of 2024-12-27)."""
    return delivered.year + 1 if delivered.month >= 11 else delivered.year
