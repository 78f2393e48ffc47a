"""Which region a document is about.

Evidence, strongest first, each read from the document's head:

1. the session it was delivered at: ``在七台河市第十二届人民代表大会第一次会议上``,
   ``在自治区十三届人大一次会议上``, ``第十四届全国人民代表大会`` (→ 全国);
2. the speaker's office: ``怒江傈僳族自治州人民政府州长 李文辉``, ``上海市市长 龚正``, ``国务院总理`` (→ 全国);
3. the report's own formula: ``我代表福州市人民政府``, ``我代表国务院`` (→ 全国);
4. the title: ``七台河市政府工作报告``, ``2018年自治区政府工作报告``;
5. failing all of these, the region the text names most among those of the level the head implies
   (``市第十五届人民代表大会`` → a city).

A candidate is a name as written, possibly a short form with a generic suffix (``怒江州``).  It is
resolved against the reference data only as a whole name ending where the candidate ends, never as
a substring inside another word (``常务副市长`` names no region), and a name several units share
(``鼓楼区``) is settled by the regions around it in the text.
"""

from __future__ import annotations

import re
from collections import Counter

from mubiao.describe.head import Head
from mubiao.reference.regions import Region, Regions

__all__ = ["find_region"]

_NAME = r"[\u4e00-\u9fff]{0,24}?"
_SESSION = re.compile(
    rf"[在日](?P<r>{_NAME})(?:第)?[一二三四五六七八九十百\d]+届(?P<national>全国)?人民代表大会"
    rf"|在(?P<r2>{_NAME})[一二三四五六七八九十\d]+届人大[一二三四五六七八九十\d]+次会议"
)
_OFFICES = "省长|市长|州长|盟长|主席|专员|县长|区长|旗长"
_SPEAKER = re.compile(
    rf"(?P<r>[\u4e00-\u9fff]{{1,24}}?)(?:人民政府|行政公署|政府)?(?:代理|代)?(?:{_OFFICES})(?=[\u4e00-\u9fff·]{{1,5}}(?:$|[（(]|\d))"
)
_ON_BEHALF = re.compile(r"我代表(?P<r>[\u4e00-\u9fff]{0,24}?)(?:人民政府|政府|行政公署|国务院)")
_TITLE = re.compile(
    r"^(?:[（(][^）)]{1,12}[)）])?(?:\d{4}年)?(?P<r>[\u4e00-\u9fff]{1,24}?)(?:\d{4}年)?(?:人民政府|政府工作报告|国民经济和社会发展|统计公报)"
)
# 国家统计局 publishes the national bulletin; 国家统计局黔东南调查队 co-signs a prefecture's
_COUNTRY = re.compile(
    r"国务院总理|我代表国务院|国务院代总理|^中华人民共和国|国家统计局(?![\u4e00-\u9fff]{1,8}调查队)"
)
_NAME_LINE = re.compile(r"[\u4e00-\u9fff]{2,20}(?:省|市|州|盟|地区|县|区|旗|自治区)")
# generic names: they give the level of the region, not the region
_GENERIC = {
    "省": "province",
    "自治区": "province",
    "市": "city",
    "州": "city",
    "盟": "city",
    "地区": "city",
    "区": "district",
    "县": "county",
    "旗": "county",
}
_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "地区", "省", "市", "州", "盟", "区", "县", "旗")


def _strip(candidate: str) -> str:
    """Drop what stands before a name in a captured run: years, 在, 中共, 第…届."""
    s = re.sub(r"^(?:\d{4}年|[一二三四五六七八九〇○]{4}年)", "", candidate)
    s = re.sub(r"^(?:在|于|向|对|中共|中国共产党)", "", s)
    return s


def _resolve(regions: Regions, candidate: str, year: int | None) -> Region | list[Region] | None:
    """The region a written name stands for: one region, the several it may be, or None.

    Only suffixes of the candidate are tried (a name ends where the candidate ends), longest first.
    """
    s = _strip(candidate)
    for i in range(len(s) - 1):
        name = s[i:]
        found = regions.resolve(name, year)
        if found is not None:
            return found
        if regions.is_ambiguous(name):
            same = [r for r in regions if r.name == name and (year is None or r.valid_in(year))]
            if len(same) > 1:
                return same
        # a short form with a generic suffix: 怒江州, 黔东南州, 恩施州
        for suffix in _SUFFIXES:
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                short = name[: -len(suffix)]
                options = [r for r in regions if r.short == short or r.name.startswith(short)]
                options = [r for r in options if r.name.endswith(suffix) or _level_of(suffix) == r.level]
                if len(options) == 1:
                    return options[0]
                break
    return None


def _level_of(suffix: str) -> str | None:
    return _GENERIC.get(suffix)


def _candidates(head: Head) -> tuple[list[str], str | None, bool]:
    """Names of the region in order of strength, the level that generic names give, and 全国."""
    text = head.flat
    names: list[str] = []
    level: str | None = None
    national = bool(_COUNTRY.search(text[:2500]) or _COUNTRY.search(head.comments))
    # the session named at the start of a line (a dispatch's headline: 常州市天宁区第十七届人民代表大会
    # 第四次会议开幕), after 在 or a date anywhere, or in a caption
    sources = ["在" + line for line in head.lines[:12]] + [text, head.comments]
    for source in sources:
        if "届" not in source:
            continue  # both forms of a session name one (第十五届, 十五届人大): the pattern tries every 在 and 日
        for m in _SESSION.finditer(source):
            if m.groupdict().get("national"):
                national = True
            r = m.group("r") if m.group("r") is not None else m.group("r2")
            if r:
                names.append(r)
    for line in head.lines[:20]:
        speaker = _SPEAKER.match(line.replace(" ", ""))
        if speaker and len(line) <= 40:
            names.append(speaker.group("r"))
    names.extend(m.group("r") for m in _ON_BEHALF.finditer(text[:3000]))
    for t in (head.front.get("title", ""), *head.lines[:5]):
        titled = _TITLE.match(t.replace(" ", ""))
        if titled:
            names.append(titled.group("r"))
    # a region's name alone on an opening line, above the title (黔东南苗族侗族自治州 / 2016年…统计公报)
    names.extend(line for line in head.lines[:3] if _NAME_LINE.fullmatch(line.replace(" ", "")))
    for n in names:
        g = _strip(n)
        if g in _GENERIC and level is None:
            level = _GENERIC[g]
    return [n for n in names if _strip(n) not in _GENERIC and _strip(n)], level, national


_PART = re.compile(r"[\u4e00-\u9fff]+?(?:特别行政区|自治区|自治州|自治县|省|市|州|盟|区|县|旗)")
_GENERIC_MENTION = re.compile(r"[全我本](省|市|区|县|旗|州)")
_MENTION_LEVEL = {
    "省": "province",
    "市": "city",
    "州": "city",
    "区": "district",
    "县": "county",
    "旗": "county",
}


def find_region(
    head: Head, text: str, regions: Regions, year: int | None = None
) -> tuple[Region, tuple[str, ...]] | None:
    """The region the document is about with the names of its path, or None when nothing names it.

    A region the reference data does not know, named by the session or the speaker, is returned as
    an ad-hoc region with the parents its name states (清河市澜溪区 → 清河市 › 澜溪区).
    """
    found = _known(head, text, regions, year)
    if found is not None:
        return found, tuple(r.name for r in regions.path(found) if r.level != "country") or (found.name,)
    names, _level, _national = _candidates(head)
    for n in names:
        parts = _PART.findall(_strip(n))
        if parts and (guess := Regions.from_text_name(parts[-1])) is not None:
            return guess, tuple(parts)
    return None


def _known(head: Head, text: str, regions: Regions, year: int | None) -> Region | None:
    names, level, national = _candidates(head)
    ambiguous: list[Region] = []
    for n in names:
        found = _resolve(regions, n, year)
        if isinstance(found, Region):
            return found
        if found:
            ambiguous = ambiguous or found
    if national:
        return regions.resolve("全国", year)
    mentioned = regions.find_in_text(text[:50_000])
    if ambiguous:
        counts = Counter({r: c for r, c in mentioned})

        # a shared name (鼓楼区) belongs to the unit whose parents the text names most
        def weight(r: Region) -> int:
            return sum(counts.get(a, 0) for a in regions.path(r)[:-1])

        best = max(ambiguous, key=weight)
        if weight(best) > 0 and sum(weight(r) == weight(best) for r in ambiguous) == 1:
            return best
    generic = {_MENTION_LEVEL[m] for m in _GENERIC_MENTION.findall(text[:50_000])}
    for region, count in mentioned:
        if region.level == "country" or count < 2:
            continue
        if level is None and region.level in generic and region.level != "county":
            return region
        # a short form alone is trusted at the level the head announces (我代表省人民政府 … 河南);
        # elsewhere 合作, 资源 and 港口 are words before they are places
        if region.level == level or (region.name in text and (level is None or level == "city")):
            return region
    return None
