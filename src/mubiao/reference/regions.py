"""Regions: the hierarchy 全国 › 省 › 市 › 区/县 of all China, its changes, and finding regions in texts.

The packaged data (``mubiao/reference/data/regions.json``, built by ``scripts/refresh_regions.py``
from yearly 民政部 code tables, see ``data/SOURCES.md``) holds 全国, the 34 provincial-level
divisions, the 333 prefecture-level units and the ~2,850 county-level units of the latest table,
plus every earlier name and code since 2015 (沙县 before it became 沙县区)::

    >>> regions = Regions.default()
    >>> regions.resolve("常州市天宁区").code
    '320402'
    >>> [r.name for r in regions.path(regions.resolve("天宁"))]
    ['全国', '江苏省', '常州市', '天宁区']
    >>> regions.resolve("鼓楼区") is None        # 南京, 徐州, 福州 and 开封 each have one
    True
    >>> regions.resolve("南京市鼓楼区").parent
    '南京市'
    >>> regions.resolve("洪泽", 2015).name, regions.resolve("洪泽").name
    ('洪泽县', '洪泽区')
    >>> regions.current(regions.by_code("371200")).name    # 莱芜市 merged into 济南市 (2019)
    '济南市'

A region has a ``name`` (the full official name, 天宁区), a ``short`` form used in running text
(天宁; by rule: the name without its level suffix, and without the ethnic names of 自治区/州/县/旗
— 广西壮族自治区 → 广西, 恩施土家族苗族自治州 → 恩施 —; null where it would be a single
character, as for 沛县), a ``level`` (``country``, ``province`` — municipalities, autonomous
regions and the special administrative regions too —, ``city`` for prefecture-level units,
自治州, 地区 and 盟 included, ``district`` for 区, ``county`` for 县, 旗, 林区, 特区 and
county-level cities such as 溧阳市), the ``parent``'s name and code, its 6-digit ``code``, an
``id`` shared by the incarnations of one unit (the code of the first), ``valid_from`` and
``valid_to`` (the years the name and code were in force, at least part of the year; None is
open) and, for a unit merged or abolished, the codes of its ``successors``.  ``aliases`` are
further names (中国 for 全国).

Data files (packaged and user, see :meth:`Regions.load`) are JSON objects with a list
``regions`` of such records; a user file may only add regions, whose parents must exist.

Resolution
----------
:meth:`Regions.resolve` reads a name as a chain of region names or short forms, each inside the
one before (江苏省常州市天宁区, 常州天宁, 天宁区, 天宁).  The incarnations of one unit count as
one: with a year, the one in force that year; without, the current one.  A form shared by
several units resolves only when one of them is a province (河南 is 河南省, not 青海's
河南蒙古族自治县; 河北 not 天津's 河北区) or contains all the others (淮安 is 淮安市, which
contains 淮安区; 恩施 is the 自治州, which contains 恩施市); otherwise (鼓楼区, 甘南) it is
ambiguous (:meth:`Regions.is_ambiguous`) and resolves to None unless an enclosing region is given
first (南京市鼓楼区).  :meth:`Regions.by_code`, :meth:`Regions.history`, :meth:`Regions.names`,
:meth:`Regions.successor` and :meth:`Regions.current` follow a unit through its changes.

Regions that are not in the data still occur in documents: :meth:`Regions.from_text_name` builds
an ad-hoc region (without parent) from a name with a recognisable suffix, guessing the level from
it: 省, 自治区, 特别行政区 → province; 市, 州, 盟, 地区 → city (a county-level 市 cannot be told
apart by its name and is guessed ``city`` too); 区 → district; 县, 旗 → county.  Its short form
is the name without that suffix (and, for 自治区/州/县/旗, without the ethnic names, as in the
data), None when under two characters.

Mentions
--------
:meth:`Regions.find_in_text` counts the mentions of regions in a text, scanning leftmost-longest
over full names, short forms and chains (常州市天宁区 counts once, for 天宁区 only), historic
names included.  Generic mentions (全区, 全市, 我区, 本市) name no region and are not counted;
全国 is never counted (中国式现代化 is not a statement about the country's region).  A short
form standing alone counts only when

* it is not ambiguous (鼓楼, 朝阳, 城关 and 新华 are shared by unrelated units),
* it has two characters or more (short forms never have fewer), and
* it is not an ordinary word: ``data/region_words.txt`` lists the short forms of districts and
  counties that the national corpus uses without their unit, city or province in most documents
  where they occur (合作, 新建, 资源, 东海; derived by rule, see ``data/SOURCES.md``),

and it is not followed by 路, 街, 巷, 桥 or 道 (河北路 and 天宁路 are streets).  Full names and
chains always count (东海县, 连云港东海), except the two-character names of districts (东区, 城区,
矿区: 华东区域 is no mention of 攀枝花's 东区), which count only in chains (攀枝花东区).  The scan is one pass of an Aho-Corasick automaton
(a few milliseconds for 50,000 characters), built on the first call.  The text is expected in
Simplified script, as the normaliser leaves it.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast

import ahocorasick

from mubiao.cache import cached, file_stamp
from mubiao.errors import UsageError
from mubiao.gcpause import gc_paused

__all__ = ["LEVELS", "Level", "Region", "Regions"]

Level = Literal["country", "province", "city", "district", "county"]
LEVELS: tuple[str, ...] = ("country", "province", "city", "district", "county")

_PACKAGED = "regions.json"
#: the packaged data, beside this module (the package holds compiled modules: it is never imported
#: from a zip, where importlib.resources would be needed, and whose import costs every start)
_DATA = Path(__file__).resolve().parent / "data"
_WORDS = "region_words.txt"
_CODE = re.compile(r"\d{6}")
_FIELDS = frozenset(
    {
        "name",
        "short",
        "level",
        "parent",
        "aliases",
        "code",
        "parent_code",
        "id",
        "valid_from",
        "valid_to",
        "successors",
    }
)
_STREET_SUFFIXES = frozenset("路街巷桥道")
_CJK_NAME = re.compile(r"[\u3400-\u9fff]{2,}")
#: suffixes of official names, longest first, with the level a name ending so is guessed to have
_SUFFIX_LEVELS: tuple[tuple[str, Level], ...] = (
    ("特别行政区", "province"),
    ("维吾尔自治区", "province"),
    ("壮族自治区", "province"),
    ("回族自治区", "province"),
    ("自治区", "province"),
    ("自治州", "city"),
    ("自治县", "county"),
    ("自治旗", "county"),
    ("地区", "city"),
    ("省", "province"),
    ("市", "city"),
    ("州", "city"),
    ("盟", "city"),
    ("区", "district"),
    ("县", "county"),
    ("旗", "county"),
)


@dataclass(frozen=True)
class Region:
    """One administrative region: one name and code of a unit, valid from one year to another."""

    name: str
    short: str | None
    level: Level
    parent: str | None
    aliases: tuple[str, ...] = ()
    #: the 6-digit 行政区划代码 (None for 全国 and for regions of user files without one)
    code: str | None = None
    #: links the names and codes of one unit across years: the code of its first incarnation
    id: str | None = None
    #: the first and last years the name and code were in force, at least part of the year
    #: (None: open, i.e. before the first table or still current)
    valid_from: int | None = None
    valid_to: int | None = None
    #: the parent's code (the parent's name is ambiguous for a few historic units)
    parent_code: str | None = None
    #: the codes of the units an abolished or merged unit went into
    successors: tuple[str, ...] = ()

    def __hash__(self) -> int:  # equal regions have equal names and codes: a cheaper hash
        return hash((self.name, self.code, self.valid_from))

    @property
    def is_current(self) -> bool:
        """Whether the name and code are still in force (in the latest table)."""
        return self.valid_to is None

    def valid_in(self, year: int) -> bool:
        """Whether the name and code were in force (at least part of) ``year``."""
        return (self.valid_from is None or self.valid_from <= year) and (
            self.valid_to is None or year <= self.valid_to
        )

    @property
    def forms(self) -> tuple[str, ...]:
        """The name, the short form (if any) and the aliases."""
        return tuple(dict.fromkeys(f for f in (self.name, self.short, *self.aliases) if f))


def _norm(text: str) -> str:
    return re.sub(r"[\s()（）\[\]【】·•]", "", unicodedata.normalize("NFKC", text))


def _short_of(name: str) -> str | None:
    if name.endswith(("自治区", "自治州", "自治县", "自治旗")):
        # the packaged data's rule: without the ethnic names too (延边朝鲜族自治州 → 延边)
        from mubiao.reference.region_tables import short_name  # building only: the cache has them

        return short_name(name, _ethnic_groups())
    for suffix, _level in _SUFFIX_LEVELS:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


def _read_entries(data: Any, where: str | Path) -> list[Region]:
    entries = data.get("regions") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise UsageError('a region file holds an object with a list "regions"', path=where)
    out: list[Region] = []
    for n, e in enumerate(entries, 1):
        if not isinstance(e, dict):
            raise UsageError(f"region #{n} is not an object", path=where)
        name, short, level, parent = e.get("name"), e.get("short"), e.get("level"), e.get("parent")
        aliases = e.get("aliases", [])
        if not isinstance(name, str) or not name:
            raise UsageError(f"region #{n}: name must be a non-empty string", path=where)
        if level not in LEVELS:
            raise UsageError(
                f"region {name!r}: level {level!r} is not one of {', '.join(LEVELS)}", path=where
            )
        if short is not None and not (isinstance(short, str) and short):
            raise UsageError(f"region {name!r}: short must be a non-empty string or null", path=where)
        if parent is not None and not isinstance(parent, str):
            raise UsageError(f"region {name!r}: parent must be a name or null", path=where)
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
            raise UsageError(f"region {name!r}: aliases must be a list of names", path=where)
        unknown = set(e) - _FIELDS
        if unknown:
            raise UsageError(f"region {name!r}: unknown field(s) {', '.join(sorted(unknown))}", path=where)
        code, parent_code, rid = e.get("code"), e.get("parent_code"), e.get("id")
        for field, value in (("code", code), ("parent_code", parent_code), ("id", rid)):
            if value is not None and not (isinstance(value, str) and _CODE.fullmatch(value)):
                raise UsageError(f"region {name!r}: {field} must be a 6-digit string or null", path=where)
        years = e.get("valid_from"), e.get("valid_to")
        if not all(y is None or (isinstance(y, int) and not isinstance(y, bool)) for y in years):
            raise UsageError(f"region {name!r}: valid_from and valid_to must be years or null", path=where)
        successors = e.get("successors", [])
        if not isinstance(successors, list) or not all(isinstance(c, str) for c in successors):
            raise UsageError(f"region {name!r}: successors must be a list of codes", path=where)
        out.append(
            Region(
                name,
                short,
                cast(Level, level),
                parent,
                tuple(aliases),
                code=code,
                id=rid if rid is not None else code,
                valid_from=years[0],
                valid_to=years[1],
                parent_code=parent_code,
                successors=tuple(successors),
            )
        )
    return out


class Regions:
    """A region hierarchy with lookup by name and code, resolution of names and mentions in text.

    ``words`` are short forms that are ordinary words (东海, 合作): they still resolve, but
    :meth:`find_in_text` does not count them alone.
    """

    def __init__(self, regions: Iterable[Region], *, words: Iterable[str] = ()) -> None:
        self._all: tuple[Region, ...] = tuple(dict.fromkeys(regions))
        self._words = frozenset(words)
        self._by_name: dict[str, list[Region]] = {}
        self._by_code: dict[str, list[Region]] = {}
        self._by_id: dict[str, list[Region]] = {}
        for r in self._all:
            self._by_name.setdefault(r.name, []).append(r)
            if r.code is not None:
                self._by_code.setdefault(r.code, []).append(r)
            if r.id is not None:
                self._by_id.setdefault(r.id, []).append(r)
        for group in (*self._by_code.values(), *self._by_id.values()):
            group.sort(key=_chronological)
        self._parent: dict[Region, Region | None] = {}
        self._children: dict[Region, list[Region]] = {r: [] for r in self._all}
        for r in self._all:
            if r.parent is None:
                self._parent[r] = None
                continue
            parents = self._parents_of(r)
            if len(parents) != 1:
                what = "unknown" if not parents else "ambiguous"
                raise UsageError(f"region {r.name!r}: parent {r.parent!r} is {what}")
            self._parent[r] = parents[0]
            self._children[parents[0]].append(r)
        self._path: dict[Region, tuple[Region, ...]] = {}
        for r in self._all:
            chain = [r]
            while (up := self._parent[chain[-1]]) is not None:
                if up in chain:
                    raise UsageError(f"region {r.name!r}: its parents form a cycle")
                chain.append(up)
            self._path[r] = tuple(reversed(chain))
        # single forms (for resolve) and chained forms (for find_in_text)
        self._forms: dict[str, list[Region]] = {}
        for r in self._all:
            for f in r.forms:
                self._forms.setdefault(_norm(f), []).append(r)
        self._form_lengths = _lengths(self._forms)
        self._ambiguous = frozenset(
            f for f, found in self._forms.items() if self._choose(found, None) is None
        )
        self._automaton_built: _Automaton | None = None  # built on the first find_in_text

    # construction ----------------------------------------------------------------------

    @classmethod
    def default(cls) -> Regions:
        """The packaged regions, loaded once."""
        return _default()

    @classmethod
    def load(cls, *paths: str | Path) -> Regions:
        """The packaged regions plus the regions of user files (JSON, same format)."""
        regions = _packaged()
        for p in paths:
            path = Path(p)
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except OSError as exc:
                raise UsageError(f"cannot read region file: {exc.strerror or exc}", path=path) from exc
            except ValueError as exc:
                raise UsageError(f"not a valid region file: {exc}", path=path) from exc
            regions.extend(_read_entries(data, path))
        return cls(regions, words=_packaged_words())

    @staticmethod
    def from_text_name(name: str) -> Region | None:
        """An ad-hoc region (no parent) for a name not in the data, its level guessed from its suffix.

        None when the name is not two or more Chinese characters ending in a known suffix.
        """
        name = _norm(name)
        if not _CJK_NAME.fullmatch(name):
            return None
        for suffix, level in _SUFFIX_LEVELS:
            if name.endswith(suffix) and len(name) > len(suffix):
                return Region(name, _short_of(name), level, None)
        return None

    # lookup ------------------------------------------------------------------------------

    def __iter__(self) -> Iterator[Region]:
        return iter(self._all)

    def __len__(self) -> int:
        return len(self._all)

    def current_regions(self) -> list[Region]:
        """The regions whose names and codes are in force (no historic incarnations)."""
        return [r for r in self._all if r.is_current]

    def get(self, name: str) -> Region | None:
        """The region of this full name; None when unknown or when several units bear it.

        Several incarnations of one unit (a code changed, the name kept) count as one: the
        current one, else the latest.
        """
        return self._choose(self._by_name.get(name, []), None, prefer_current=False)

    def by_code(self, code: str) -> Region | None:
        """The region of a 6-digit code: its current name, or the last name it had."""
        found = self._by_code.get(code)
        return found[-1] if found else None

    def history(self, region: Region) -> list[Region]:
        """Every incarnation of the region's unit (names and codes over the years), oldest first."""
        if region.id is None:
            return [region]
        return list(self._by_id.get(region.id, [region]))

    def names(self, region: Region) -> list[str]:
        """Every name the region's unit has borne, oldest first (沙县, 沙县区)."""
        return list(dict.fromkeys(r.name for r in self.history(region)))

    def successor(self, region: Region) -> Region | None:
        """The next incarnation of the unit (renamed, recoded, 撤县设区 …), or the unit it merged into.

        None for a current region and for one abolished without a single successor.
        """
        if region.is_current:
            return None
        later = self.history(region)
        index = later.index(region) if region in later else len(later)
        if index + 1 < len(later):
            return later[index + 1]
        if len(region.successors) == 1:
            return self.by_code(region.successors[0])
        return None

    def current(self, region: Region) -> Region | None:
        """The region's unit as it is now: itself when current, else its last successor."""
        seen: set[Region] = set()
        r: Region | None = region
        while r is not None and not r.is_current and r not in seen:
            seen.add(r)
            r = self.successor(r)
        return r if r is not None and r.is_current else None

    def is_ambiguous(self, form: str) -> bool:
        """Whether a name or short form is shared by several units, none containing the others (鼓楼)."""
        return _norm(form) in self._ambiguous

    def is_word(self, form: str) -> bool:
        """Whether a short form is an ordinary word, not counted alone in texts (东海, 合作)."""
        return form in self._words

    def resolve(self, name_or_short: str, year: int | None = None) -> Region | None:
        """The region a name, a short form or a chain of them (江苏省常州市天宁区) denotes.

        With a ``year``, a name borne by several incarnations or units resolves to the one in
        force that year; without, to the current one.
        """
        return self._resolve(_norm(name_or_short), year)

    def resolve_or_guess(self, name: str) -> Region | None:
        """:meth:`resolve`, else :meth:`from_text_name` for a name the data does not know.

        A known but ambiguous name (鼓楼区) stays None: guessing would hide the ambiguity.
        """
        found = self.resolve(name)
        if found is not None or _norm(name) in self._forms:
            return found
        return self.from_text_name(name)

    def path(self, region: Region) -> tuple[Region, ...]:
        """The chain from the root to ``region``, root first (全国 › 江苏省 › 常州市 › 天宁区)."""
        known = self._path.get(region)
        if known is not None:
            return known
        # an ad-hoc region: climb from its parent if the parent is known
        parent = self.get(region.parent) if region.parent else None
        return (*self.path(parent), region) if parent is not None else (region,)

    def full_name(self, region: Region) -> str:
        """The names of the path without the country: 江苏省常州市天宁区."""
        return "".join(r.name for r in self.path(region) if r.level != "country")

    def parent(self, region: Region) -> Region | None:
        return self._parent.get(region)

    def children(self, name: str | Region) -> list[Region]:
        """The current regions directly under ``name`` (a region or anything :meth:`resolve` accepts)."""
        region = name if isinstance(name, Region) else self.resolve(name)
        if region is None:
            return []
        return [r for r in self._children.get(region, []) if r.is_current]

    def find_in_text(self, text: str) -> list[tuple[Region, int]]:
        """The regions mentioned in ``text`` with their counts, most mentioned first.

        Between equal counts the more specific region comes first.
        """
        counts = Counter(region for _form, region in self.mentions_in(text))
        return sorted(counts.items(), key=lambda kv: (-kv[1], -len(self.path(kv[0])), kv[0].name))

    def mentions_in(self, text: str) -> Iterator[tuple[str, Region]]:
        """Each mention in ``text``, in order, as the form found and the region it names."""
        return self._automaton.mentions(text)

    # internals ---------------------------------------------------------------------------

    @property
    def _automaton(self) -> _Automaton:
        if self._automaton_built is None:
            with gc_paused():
                self._automaton_built = self._build_automaton()
        return self._automaton_built

    def _build_automaton(self) -> _Automaton:
        """The forms that count as mentions in texts: names, short forms and chains of them."""
        mentions: dict[str, tuple[Region, bool]] = {}
        chained: dict[str, list[Region]] = {}
        ends_short: set[str] = set()
        alone_short: set[str] = set()
        # the chains that end in each region, from any ancestor (the country left out) down: its
        # parent's, each followed by one of its forms, then its forms alone; built once a region
        ending: dict[int, list[str]] = {}

        def ending_in(a: Region | None) -> list[str]:
            if a is None or a.level == "country":
                return []
            found = ending.get(id(a))
            if found is None:
                forms = (a.name, a.short) if a.short else (a.name,)
                found = ending[id(a)] = [p + f for p in (*ending_in(self._parent[a]), "") for f in forms]
            return found

        for r in self._all:
            if r.level == "country":
                continue
            name, short = r.name, r.short
            for p in (*ending_in(self._parent[r]), ""):
                chained.setdefault(p + name, []).append(r)
                if short:
                    form = p + short
                    chained.setdefault(form, []).append(r)
                    if short != name:
                        ends_short.add(form)
                        if not p:
                            alone_short.add(short)
        for form, found in chained.items():
            if form in alone_short and form in self._words and form not in self._by_name:
                continue  # an ordinary word (东海, 合作) alone is not a mention
            if len(form) == 2 and form[1] == "区" and form in self._by_name:
                continue  # 东区, 西区, 城区, 矿区 alone are positions (华东区域), not regions
            picked = found[0] if len(found) == 1 else self._choose(list(dict.fromkeys(found)), None)
            if picked is not None:
                mentions[form] = (picked, form in ends_short and not form.endswith(picked.name))
        return _Automaton(mentions)

    def _parents_of(self, r: Region) -> list[Region]:
        if r.parent_code is not None:
            by_code = self._by_code.get(r.parent_code, [])
            named = [p for p in by_code if p.name == r.parent]
            if named:
                return named[-1:]
            if by_code:
                return by_code[-1:]
        found = self._by_name.get(r.parent or "", [])
        if len(found) > 1:
            current = [p for p in found if p.is_current]
            found = current or found
            ids = {p.id for p in found}
            if len(ids) == 1 and None not in ids:
                return found[-1:]
        return found

    def _choose(self, found: list[Region], year: int | None, *, prefer_current: bool = True) -> Region | None:
        """One region among regions bearing one form: by year, one per unit, then by containment."""
        if not found:
            return None
        if len(found) == 1:
            return found[0]
        if year is not None:
            found = [r for r in found if r.valid_in(year)] or found
        elif prefer_current:
            found = [r for r in found if r.is_current] or found
        # one per unit: the incarnation in force that year, else the current, else the latest
        units: dict[object, Region] = {}
        for r in sorted(found, key=_chronological):
            key: object = r.id if r.id is not None else r
            best = units.get(key)
            if best is None or not (year is not None and best.valid_in(year) and not r.valid_in(year)):
                units[key] = r
        provinces = [r for r in units.values() if r.level == "province"]
        if len(provinces) == 1:
            return provinces[0]  # 河北, 河南, 海南 name the province, not 天津's 河北区
        return _pick(dict.fromkeys(units.values()), self._path)

    def _resolve(self, s: str, year: int | None) -> Region | None:
        if not s:
            return None
        context: Region | None = None
        pos = 0
        while pos < len(s):
            for length in self._form_lengths.get(s[pos], ()):
                found = self._forms.get(s[pos : pos + length])
                if not found:
                    continue
                inside = [
                    r for r in found if r != context and (context is None or _within(context, r, self._path))
                ]
                if inside:
                    picked = self._choose(inside, year)
                    if picked is None:
                        return None
                    context, pos = picked, pos + length
                    break
            else:
                return None
        return context


def _chronological(r: Region) -> tuple[int, int]:
    return (r.valid_from or 0, r.valid_to or 9999)


def _within(context: Region, r: Region, paths: dict[Region, tuple[Region, ...]]) -> bool:
    """Whether ``r`` lies in ``context`` or in another incarnation of its unit."""
    path = paths[r]
    if context in path:
        return True
    return context.id is not None and any(a.id == context.id for a in path[:-1])


def _lengths(forms: Iterable[str]) -> dict[str, tuple[int, ...]]:
    by_first: dict[str, set[int]] = {}
    for f in forms:
        by_first.setdefault(f[0], set()).add(len(f))
    return {ch: tuple(sorted(ls, reverse=True)) for ch, ls in by_first.items()}


def _bytes(text: str) -> str:
    """The UTF-8 bytes of ``text`` as a string of code points below 256.

    The automaton runs over these: with Chinese keys its nodes near the root would have
    thousands of children, searched one by one; over bytes they have at most 256, and
    matching is five times faster.  UTF-8 being self-synchronising, a key's bytes only match
    at character boundaries.
    """
    return text.encode("utf-8").decode("latin-1")


_STREET_BYTES = frozenset(_bytes(ch) for ch in _STREET_SUFFIXES)


class _Automaton:
    """An Aho-Corasick automaton of the mention forms: leftmost-longest matches in one pass."""

    def __init__(self, mentions: dict[str, tuple[Region, bool]]) -> None:
        # the automaton holds the index of each form's entry, not the entry: an automaton of ints
        # unpickles (from the cache) in a third of the time of one of Python objects; the entries
        # are three lists, not a tuple each (40,000 objects fewer to unpickle)
        self._automaton: Any = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        self._forms: list[str] = []
        self._regions: list[Region] = []
        keys = _bytes("\n".join(mentions)).split("\n")  # one conversion for all the forms
        for k, (key, (form, (region, _))) in enumerate(zip(keys, mentions.items(), strict=True)):
            self._automaton.add_word(key, k)
            self._forms.append(form)
            self._regions.append(region)
        #: whether each form is short (may be a street's name: 中山 of 中山路)
        self._short = bytes(short for _, short in mentions.values())
        self._ready = bool(mentions)
        if self._ready:
            self._automaton.make_automaton()

    def mentions(self, text: str) -> Iterator[tuple[str, Region]]:
        if not (self._ready and text):
            return
        data = _bytes(text)
        forms, regions, short = self._forms, self._regions, self._short
        for end, k in self._automaton.iter_long(data):
            if not (short[k] and data[end + 1 : end + 4] in _STREET_BYTES):
                yield forms[k], regions[k]


def _pick(candidates: dict[Region, None], paths: dict[Region, tuple[Region, ...]]) -> Region | None:
    """The one candidate, or the candidate that contains all the others; else None."""
    regions = list(candidates)
    if len(regions) == 1:
        return regions[0]
    for r in regions:
        if all(r is o or r in paths[o] for o in regions):
            return r
    return None


def _data_text(name: str) -> str:
    return (_DATA / name).read_text(encoding="utf-8")


def _packaged() -> list[Region]:
    return _read_entries(json.loads(_data_text(_PACKAGED)), _PACKAGED)


@functools.cache
def _ethnic_groups() -> tuple[str, ...]:
    """The ethnic group names the packaged data's short forms were made without."""
    groups = json.loads(_data_text(_PACKAGED)).get("ethnic_groups", [])
    return tuple(g for g in groups if isinstance(g, str))


def _packaged_words() -> list[str]:
    """The short forms that are ordinary words: one a line, ``#`` starts a comment."""
    try:
        text = _data_text(_WORDS)
    except FileNotFoundError:
        return []
    return [w for line in text.splitlines() if (w := line.split("#", 1)[0].strip())]


@functools.cache
def _default() -> Regions:
    with gc_paused():
        return cached("regions", _default_sources(), _build_default, Regions)


def _build_default() -> Regions:
    regions = Regions(_packaged(), words=_packaged_words())
    regions.mentions_in("")  # the automaton too: the cache keeps it built
    return regions


def _default_sources() -> list[bytes]:
    """Everything the default regions are built from, for the key of their cache entry."""
    data = _DATA
    # region_tables is found, not imported: a process that loads the cache never needs it
    tables = importlib.util.find_spec("mubiao.reference.region_tables")
    # the data, the code that builds them, and the library the automaton pickles through
    files = [data.joinpath(_PACKAGED), data.joinpath(_WORDS), __file__, tables and tables.origin]
    parts = [file_stamp(f) for f in files]
    parts.append(file_stamp(ahocorasick.__file__))
    return parts
