"""What a document is: its type, its region and the years it reviews and targets.

Detected from the normalised text, from the strongest evidence down:

* the date line of a report (——2025年1月4日在区第十七届人民代表大会第四次会议上);
* section titles (2024年工作回顾, 2025年目标任务, 2024年…主要预期目标);
* a five-year plan's period (“十四五” … 规划 / 指标体系 → 2021–2025, reviewing 十三五 → 2020);
* otherwise the year mentioned most, read as the year under review when the text looks ahead
  to 明年, and as the target year of a report delivered early in the year otherwise.

Region: the full forms (江苏省常州市天宁区) are preferred; the most mentioned district, county or city
wins, and its parents are kept where the text states them.
"""

from __future__ import annotations

import re
from collections import Counter

from mubiao.document import DocType, Document
from mubiao.reference.regions import Region, Regions

__all__ = ["PLAN_PERIODS", "describe", "plan_period"]

# 十一五 … 十六五: the Nth plan runs from 1951 + 5(N-1) … (the 1st plan began in 1953, but from the
# 6th on the periods align to 1981 + 5(N-6)).
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
PLAN_PERIODS: dict[str, tuple[int, int]] = {
    f"十{d}五": (1981 + 5 * (10 + n - 6), 1985 + 5 * (10 + n - 6)) for d, n in _CN_DIGITS.items()
}

_YEAR = r"(20[0-4]\d|19[89]\d)"
_DATE_LINE = re.compile(_YEAR + r"年(\d{1,2})月(\d{1,2})日[^\n。]{0,30}?(?:人民代表大会|人代会|会议)")
_REVIEW_TITLE = re.compile(
    r"(?:刚刚过去的|回顾)?" + _YEAR + r"年(?:工作)?(?:回顾|总结)|刚刚过去的" + _YEAR + "年"
)
_TARGET_TITLE = re.compile(
    _YEAR + r"年(?:全[区市县省州旗]|我[区市县省])?(?:经济社会发展的?)?(?:主要)?(?:预期)?目标(?:任务)?"
    r"|" + _YEAR + r"年(?:政府)?(?:工作|重点工作)(?:安排|任务|的总体要求)"
)
_ANY_YEAR = re.compile(_YEAR + r"年(?!\d{1,2}月\d)")
_PLAN = re.compile(r"[“\"]?(十[一二三四五六七八九]五)[”\"]?")
_REGION = re.compile(
    r"((?:[\u4e00-\u9fff]{2}省)?(?:[\u4e00-\u9fff]{2}市)?[\u4e00-\u9fff]{2,3}?(?:区|县|市|旗))$"
)
_REGION_END = re.compile(r"[区县市旗]")
_PARTS = re.compile(r"[\u4e00-\u9fff]+?(?:省|市|区|县|旗)")
# a word before a name that the name-shaped pattern swallows: 在某某县, 向全区
_LEADING_WORD = re.compile(r"^[日月年号]?[在于向对从由和与及是把将]")


def _parts(name: str) -> list[str]:
    parts = _PARTS.findall(name)
    if parts and len(parts[0]) >= 4:
        parts[0] = _LEADING_WORD.sub("", parts[0])
    return parts


_REGION_STOP = re.compile(
    r"^(?:全|我|本|该|各|城|市|辖|社|小|园|开发|示范|先行|集聚|功能|核心|新城|老城|城区|景区|街区|校区|"
    r"自贸|保税|高新|产业|试验|改革|实验|商|库|山|半|地|郊|片|老|新)"
)
_REGION_SUFFIX_BAD = re.compile(
    r"(?:园区|社区|小区|景区|街区|片区|城区|校区|功能区|示范区|先行区|集聚区|开发区|高新区|新区|实验区|试验区|样板区|百强区|百强县|强区|强县|强市|之区|市场|城市|都市|超市|上市|全市|本市|门市|夜市|股市|楼市|车市)$"
)


def plan_period(text: str) -> tuple[int, int] | None:
    """The period of the five-year plan named most in ``text`` (“十四五” → 2021–2025)."""
    names = Counter(m.group(1) for m in _PLAN.finditer(text))
    if not names:
        return None
    # a plan reviews the previous period and names it often; its own period is the latest one named
    # repeatedly
    top = max(names.values())
    periods = [PLAN_PERIODS[n] for n, c in names.items() if n in PLAN_PERIODS and c >= max(2, top // 4)]
    return max(periods) if periods else PLAN_PERIODS.get(names.most_common(1)[0][0])


def _doc_type(text: str, head: str) -> DocType:
    top = head[:400]
    if re.search(r"本报讯|记者", top):
        return "session_news"
    if "政府工作报告" in top or re.search(r"各位代表", top):
        return "work_report"
    if re.search(r"规划纲要|五年规划", top) or (
        re.search(r"第[一二三四五六七八九十]+章", head) and "指标体系" in text and _PLAN.search(text[:5000])
    ):
        return "five_year_plan"
    if re.search(r"统计公报|国民经济和社会发展统计", top):
        return "statistical_bulletin"
    if re.search(r"本报讯|记者|报道|闭幕|开幕|召开", head):
        return "session_news"
    if re.search(r"政府工作报告", head):
        return "work_report"
    return "other"


def _region(text: str) -> tuple[str | None, tuple[str, ...]]:
    """The region a document is about: named in full in its title, or else the one it names most."""
    regions = Regions.default()
    head = text[:600]
    for suffix in _REGION_END.finditer(head):
        m = _REGION.search(head, max(0, suffix.start() - 9), suffix.end())
        if m and "市" in m.group(1)[:-1] + "省" and not _bad_region(m.group(1)):
            full = m.group(1)
            known = regions.resolve(full)
            if known is not None:
                return known.name, _path(regions, known)
            return _ad_hoc(full)
    found = regions.find_in_text(text[:50_000])
    if found:
        region = found[0][0]
        return region.name, _path(regions, region)
    return _guess(text)


def _path(regions: Regions, region: Region) -> tuple[str, ...]:
    return tuple(r.name for r in regions.path(region) if r.level != "country")


def _bad_region(name: str) -> bool:
    leaf = _parts(name)[-1] if _parts(name) else name
    return bool(_REGION_STOP.match(leaf) or _REGION_SUFFIX_BAD.search(leaf) or len(leaf) < 2)


def _ad_hoc(full: str) -> tuple[str | None, tuple[str, ...]]:
    parts = tuple(_parts(full))
    return (parts[-1], parts) if parts else (None, ())


def _guess(text: str) -> tuple[str | None, tuple[str, ...]]:
    """For regions the data does not know: the most named 'X区/县/市', full forms weighing more."""
    counts: Counter[str] = Counter()
    parents: dict[str, tuple[str, ...]] = {}
    head = text[:30_000]
    for suffix in _REGION_END.finditer(head):
        m = _REGION.search(head, max(0, suffix.start() - 9), suffix.end())
        if not m or _bad_region(m.group(1)):
            continue
        parts = tuple(_parts(m.group(1)))
        if not parts:
            continue
        counts[parts[-1]] += 1
        if len(parts) > 1 and len(parts) > len(parents.get(parts[-1], ())):
            parents[parts[-1]] = parts[:-1]
    if not counts:
        return None, ()
    best = max(counts, key=lambda r: (counts[r] + 5 * (r in parents), len(parents.get(r, ()))))
    return best, (*parents.get(best, ()), best)


def describe(doc: Document, *, region: str | None = None, year: int | None = None) -> Document:
    """Fill ``doc.meta``; ``region`` and ``year`` (the year the document was delivered) override."""
    text = doc.text or doc.original
    head = text[:3000]
    meta = doc.meta
    meta.doc_type = _doc_type(text, head)
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    meta.title = first[:80] or None

    review: int | None = None
    target: int | None = None
    report: int | None = None
    if meta.doc_type == "five_year_plan":
        meta.period = plan_period(text)
        if meta.period:
            target = meta.period[1]
            review = meta.period[0] - 1
            report = meta.period[0]
    if target is None:
        if m := _DATE_LINE.search(text[:20000]):
            report = int(m.group(1))
            month = int(m.group(2))
            target, review = (report, report - 1) if month <= 6 else (report + 1, report)
        else:
            t = _TARGET_TITLE.search(text)
            r = _REVIEW_TITLE.search(text)
            if t:
                target = int(next(g for g in t.groups() if g))
            if r:
                review = int(next(g for g in r.groups() if g))
            if target is None and review is not None:
                target = review + 1
            if review is None and target is not None:
                review = target - 1
            if target is None:
                years = Counter(int(y) for y in _ANY_YEAR.findall(text))
                if years:
                    top = years.most_common(1)[0][0]
                    looks_ahead = "明年" in text or "新的一年" in text
                    review, target = (top, top + 1) if looks_ahead else (top - 1, top)
            report = target
    if year is not None:
        report = year
        if meta.doc_type == "five_year_plan":
            meta.period = meta.period or (year, year + 4)
        else:
            target, review = year, year - 1
    meta.report_year, meta.review_year, meta.target_year = report, review, target

    if region is not None:
        meta.region, meta.region_path = region, (region,)
    else:
        meta.region, meta.region_path = _region(text)
    return doc
