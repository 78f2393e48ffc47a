"""Describe: what a document is, where it is from and when it was delivered.

Runs after normalisation and before extraction, and fills :class:`~mubiao.document.DocumentMeta`:

* ``doc_type`` and ``title`` (:mod:`.kinds`);
* ``delivered`` and the years (:mod:`.dates`): a work report of a session held in year Y reviews
  Y − 1 and sets the targets of Y; a plan sets the targets of its period; a statistical bulletin
  reports the year in its title;
* ``region``, ``region_code`` and ``region_path`` (:mod:`.region`), resolved against the reference
  data the caller gives, as the unit's official name in the session year.

Nothing here reads the file's name or folder: documents are often filed under names that say
something else, and a detection that leaned on them would fail on every renamed copy.
"""

from __future__ import annotations

import re
from collections import Counter

from mubiao.describe.dates import delivery, parse_year, session_year_of
from mubiao.describe.head import Head, read_head
from mubiao.describe.kinds import doc_type, title
from mubiao.describe.region import find_region
from mubiao.document import DocType, Document, DocumentMeta
from mubiao.reference.periods import PLAN_NAME, PLAN_PERIODS, plan_by_number
from mubiao.reference.regions import Regions

__all__ = ["describe", "plan_period"]

_YEAR = r"((?:19|20)\d\d)"
_REVIEW_HEADING = re.compile(
    r"^\W{0,4}(?:[一二三四五六七八九十]+[、.．]\s*)?(?:过去[一二三四五]年(?:和|及|暨))?"
    + _YEAR
    + r"年(?:[和及暨、][^，。\n]{0,20}?)?(?:政府)?(?:工作|发展)?(?:简要)?(?:回顾|总结)",
    re.M,
)
_TARGET_HEADING = re.compile(
    _YEAR
    + r"年(?:全[区市县省州旗]|我[区市县省])?(?:经济社会发展)?(?:的)?(?:主要)?(?:预期)?(?:目标|工作安排|重点工作|总体要求)"
)
_ANY_YEAR = re.compile(_YEAR + r"年(?!\d{1,2}月\d)")
_NTH_PLAN = re.compile(r"第([一二三四五六七八九十]+)个五年规划")
_CN_SMALL = {"十": 10, "十一": 11, "十二": 12, "十三": 13, "十四": 14, "十五": 15, "十六": 16, "十七": 17}


def plan_period(text: str) -> tuple[int, int] | None:
    """The period of the five-year plan named most in ``text`` (“十四五” → 2021–2025).

    A plan reviews the period before it and names it often; its own period is the latest one
    named repeatedly.
    """
    names = Counter(f"十{m.group(1)}五" for m in PLAN_NAME.finditer(text))
    if not names:
        return None
    top = max(names.values())
    periods = [PLAN_PERIODS[n] for n, c in names.items() if c >= max(2, top // 4)]
    return max(periods) if periods else PLAN_PERIODS[names.most_common(1)[0][0]]


def _plan_of_title(head: Head) -> tuple[int, int] | None:
    for t in (head.front.get("title", ""), *head.lines[:8]):
        m = _NTH_PLAN.search(t)
        if m and m.group(1) in _CN_SMALL:
            return plan_by_number(_CN_SMALL[m.group(1)])
        p = PLAN_NAME.search(t)
        if p and "规划" in t:
            return PLAN_PERIODS[f"十{p.group(1)}五"]
    return None


def _title_year(head: Head) -> int | None:
    for t in (head.front.get("title", ""), *head.lines[:5]):
        if not re.search(r"报告|公报|规划|纲要", t) or len(t) > 80:
            continue
        m = re.search(_YEAR + r"年", t)
        if m:
            return int(m.group(1))
        m = re.search(r"([〇○零一二三四五六七八九]{4})年", t)
        if m:
            return parse_year(m.group(1))
    return None


def _session_year(head: Head, text: str) -> tuple[int | None, int | None]:
    """(report year, session year) of a work report."""
    d = delivery(head)
    if d is not None:
        return d.date.year, session_year_of(d.date)
    body = text[:60_000]
    if m := _REVIEW_HEADING.search(body):
        y = int(m.group(1)) + 1
        return y, y
    if m := _TARGET_HEADING.search(body):
        y = int(m.group(1))
        return y, y
    if (titled := _title_year(head)) is not None:
        return titled, titled
    years = Counter(int(y) for y in _ANY_YEAR.findall(body))
    if not years:
        return None, None
    top = years.most_common(1)[0][0]
    if "明年" in body:
        # a text that speaks of next year was written late in the year it reviews
        return top, top + 1
    target = top + 1 if "新的一年" in body else top
    return target, target


def describe(
    doc: Document,
    regions: Regions | None = None,
    *,
    region: str | None = None,
    year: int | None = None,
    kind: DocType | None = None,
    title_: str | None = None,
) -> Document:
    """Fill ``doc.meta``.  ``region``, ``year`` (the session year: a report given in January
    2025, or in December 2024 for the 2025 session → 2025), ``kind`` (the document type) and
    ``title_`` override what is detected: a person's correction of a document's metadata."""
    regions = regions if regions is not None else Regions.default()
    text = doc.text or doc.original
    head = read_head(text)
    meta = DocumentMeta()
    # the type first: the years and the plan period are read as the type says
    meta.doc_type = kind if kind is not None else doc_type(head, text)
    meta.title = title_ if title_ is not None else title(head)
    d = delivery(head)
    meta.delivered = d.date if d else None

    if meta.doc_type == "five_year_plan":
        meta.period = _plan_of_title(head) or plan_period(text)
        if meta.period:
            meta.report_year = meta.session_year = meta.period[0]
            meta.review_year, meta.target_year = meta.period[0] - 1, meta.period[1]
    elif meta.doc_type == "statistical_bulletin":
        y = _title_year(head)
        if y is None and d is not None:
            y = d.date.year - 1
        meta.review_year = y
        meta.report_year = d.date.year if d else (y + 1 if y else None)
    else:
        meta.report_year, meta.session_year = _session_year(head, text)
        if meta.session_year is not None:
            meta.target_year, meta.review_year = meta.session_year, meta.session_year - 1
    if year is not None:
        meta.report_year = meta.session_year = year
        if meta.doc_type == "five_year_plan":
            meta.period = meta.period or (year, year + 4)
        elif meta.doc_type == "statistical_bulletin":
            meta.review_year = year
        else:
            meta.target_year, meta.review_year = year, year - 1

    if region is not None:
        given = regions.resolve(region, meta.session_year or meta.report_year)
        meta.region, meta.region_path = region, (region,)
        if given is not None:
            meta.region = given.name
            meta.region_code = given.code
            meta.region_path = tuple(r.name for r in regions.path(given) if r.level != "country")
    elif (found := find_region(head, text, regions, meta.session_year or meta.report_year)) is not None:
        meta.region = found[0].name
        meta.region_code = found[0].code
        meta.region_path = found[1]
    doc.meta = meta
    return doc
