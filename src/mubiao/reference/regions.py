"""Regions: the hierarchy 全国 › 省 › 市 › 区/县, and finding regions in names and texts.

The packaged data (``mubiao/reference/data/regions.json``) holds 全国, the 34 provincial-level divisions,
the 13 prefecture-level cities of 江苏省 and all their districts, counties and county-level
cities::

    >>> regions = Regions.default()
    >>> regions.resolve("常州市天宁区").name
    '天宁区'
    >>> [r.name for r in regions.path(regions.resolve("天宁"))]
    ['全国', '江苏省', '常州市', '天宁区']
    >>> regions.resolve("鼓楼区") is None        # 南京市 and 徐州市 both have one
    True
    >>> regions.resolve("南京市鼓楼区").parent
    '南京市'

A region has a ``name`` (the full official name, 天宁区), a ``short`` form used in running text
(天宁; null where the short form is an everyday word, such as 东海 or 滨湖, or would be a single
character, as for 沛县), a ``level`` (``country``, ``province`` — municipalities and autonomous
regions too —, ``city`` for prefecture-level cities, ``district`` for 区, ``county`` for 县 and
county-level cities such as 溧阳市) and the ``parent``'s name.  ``aliases`` are further names
(中国 for 全国).

Data files (packaged and user, see :meth:`Regions.load`) are JSON objects with a list
``regions`` of such records; a user file may only add regions, whose parents must exist.

Resolution
----------
:meth:`Regions.resolve` reads a name as a chain of region names or short forms, each inside the
one before (江苏省常州市天宁区, 常州天宁, 天宁区, 天宁).  A form shared by several regions resolves
only when one of them contains all the others (淮安 is 淮安市, which contains 淮安区); otherwise
(鼓楼区) it resolves to None unless an enclosing region is given first (南京市鼓楼区).

Regions that are not in the data still occur in documents: :meth:`Regions.from_text_name` builds
an ad-hoc region (without parent) from a name with a recognisable suffix, guessing the level from
it: 省, 自治区, 特别行政区 → province; 市, 州, 盟, 地区 → city (a county-level 市 cannot be told
apart by its name and is guessed ``city`` too); 区 → district; 县, 旗 → county.

Mentions
--------
:meth:`Regions.find_in_text` counts the mentions of regions in a text, scanning leftmost-longest
over full names, short forms and chains (常州市天宁区 counts once, for 天宁区 only).  Generic
mentions (全区, 全市, 我区, 本市) name no region and are not counted; 全国 is never counted (中国式
现代化 is not a statement about the country's region); a short form shared by unrelated regions
(鼓楼) is not counted, nor is a short form followed by 路, 街, 巷, 桥 or 道 (河北路 and 天宁路 are
streets).  The text is expected in Simplified script, as the normaliser leaves it.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal, cast

from mubiao.errors import UsageError

__all__ = ["LEVELS", "Level", "Region", "Regions"]

Level = Literal["country", "province", "city", "district", "county"]
LEVELS: tuple[str, ...] = ("country", "province", "city", "district", "county")

_PACKAGED = "regions.json"
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
    """One administrative region."""

    name: str
    short: str | None
    level: Level
    parent: str | None
    aliases: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        """The name, the short form (if any) and the aliases."""
        return tuple(dict.fromkeys(f for f in (self.name, self.short, *self.aliases) if f))


def _norm(text: str) -> str:
    return re.sub(r"[\s()（）\[\]【】·•]", "", unicodedata.normalize("NFKC", text))


def _short_of(name: str) -> str | None:
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
        unknown = set(e) - {"name", "short", "level", "parent", "aliases"}
        if unknown:
            raise UsageError(f"region {name!r}: unknown field(s) {', '.join(sorted(unknown))}", path=where)
        out.append(Region(name, short, cast(Level, level), parent, tuple(aliases)))
    return out


class Regions:
    """A region hierarchy with lookup by name, resolution of names and mentions in text."""

    def __init__(self, regions: Iterable[Region]) -> None:
        self._all: tuple[Region, ...] = tuple(dict.fromkeys(regions))
        self._by_name: dict[str, list[Region]] = {}
        for r in self._all:
            self._by_name.setdefault(r.name, []).append(r)
        self._parent: dict[Region, Region | None] = {}
        self._children: dict[Region, list[Region]] = {r: [] for r in self._all}
        for r in self._all:
            if r.parent is None:
                self._parent[r] = None
                continue
            parents = self._by_name.get(r.parent, [])
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
        self._mentions: dict[str, tuple[Region, bool]] = {}
        chained: dict[str, list[Region]] = {}
        ends_short: set[str] = set()
        for r in self._all:
            if r.level == "country":
                continue
            ancestors = [a for a in self._path[r][:-1] if a.level != "country"]
            own = [f for f in (r.name, r.short) if f]
            for start in range(len(ancestors) + 1):
                prefixes = [""]
                for a in ancestors[start:]:
                    prefixes = [p + f for p in prefixes for f in (a.name, a.short) if f]
                for p in prefixes:
                    for f in own:
                        chained.setdefault(p + f, []).append(r)
                        if f != r.name:
                            ends_short.add(p + f)
        for form, regions in chained.items():
            picked = _pick(dict.fromkeys(regions), self._path)
            if picked is not None:
                self._mentions[form] = (picked, form in ends_short and not form.endswith(picked.name))
        self._mention_lengths = _lengths(self._mentions)
        self._mention_starts = re.compile(
            "[" + "".join(sorted({re.escape(ch) for ch in self._mention_lengths})) + "]"
        )

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
        return cls(regions)

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

    def get(self, name: str) -> Region | None:
        """The region of this full name; None when unknown or when several regions bear it."""
        found = self._by_name.get(name, [])
        return found[0] if len(found) == 1 else None

    def resolve(self, name_or_short: str) -> Region | None:
        """The region a name, a short form or a chain of them (江苏省常州市天宁区) denotes."""
        return self._resolve(_norm(name_or_short))

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
        """The regions directly under ``name`` (a region or anything :meth:`resolve` accepts)."""
        region = name if isinstance(name, Region) else self.resolve(name)
        if region is None:
            return []
        return list(self._children.get(region, []))

    def find_in_text(self, text: str) -> list[tuple[Region, int]]:
        """The regions mentioned in ``text`` with their counts, most mentioned first.

        Between equal counts the more specific region comes first.
        """
        counts: Counter[Region] = Counter()
        mentions, lengths = self._mentions, self._mention_lengths
        pos, n = 0, len(text)
        while pos < n:
            m = self._mention_starts.search(text, pos)
            if m is None:
                break
            i = m.start()
            for length in lengths[text[i]]:
                found = mentions.get(text[i : i + length])
                if found is not None:
                    region, short = found
                    if not (short and text[i + length : i + length + 1] in _STREET_SUFFIXES):
                        counts[region] += 1
                    pos = i + length
                    break
            else:
                pos = i + 1
        return sorted(counts.items(), key=lambda kv: (-kv[1], -len(self.path(kv[0])), kv[0].name))

    # internals ---------------------------------------------------------------------------

    def _resolve(self, s: str) -> Region | None:
        if not s:
            return None
        context: Region | None = None
        pos = 0
        while pos < len(s):
            for length in self._form_lengths.get(s[pos], ()):
                found = self._forms.get(s[pos : pos + length])
                if not found:
                    continue
                inside = [r for r in found if r != context and (context is None or context in self._path[r])]
                if inside:
                    picked = _pick(dict.fromkeys(inside), self._path)
                    if picked is None:
                        return None
                    context, pos = picked, pos + length
                    break
            else:
                return None
        return context


def _lengths(forms: Iterable[str]) -> dict[str, tuple[int, ...]]:
    by_first: dict[str, set[int]] = {}
    for f in forms:
        by_first.setdefault(f[0], set()).add(len(f))
    return {ch: tuple(sorted(ls, reverse=True)) for ch, ls in by_first.items()}


def _pick(candidates: dict[Region, None], paths: dict[Region, tuple[Region, ...]]) -> Region | None:
    """The one candidate, or the candidate that contains all the others; else None."""
    regions = list(candidates)
    if len(regions) == 1:
        return regions[0]
    for r in regions:
        if all(r is o or r in paths[o] for o in regions):
            return r
    return None


def _packaged() -> list[Region]:
    text = (
        resources.files("mubiao.reference").joinpath("data").joinpath(_PACKAGED).read_text(encoding="utf-8")
    )
    return _read_entries(json.loads(text), _PACKAGED)


@functools.cache
def _default() -> Regions:
    return Regions(_packaged())
