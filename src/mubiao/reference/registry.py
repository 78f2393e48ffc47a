"""The indicator registry: canonical indicators and the phrases that name them.

An extracted statement names its indicator as written (``全年实现地区生产总值``, ``GDP``,
``限上社零总额``); the registry maps that phrase to a canonical :class:`Indicator` whose ``id``
(``gdp``, ``retail_sales_above_quota``) is the record's ``indicator_id``::

    >>> reg = Registry.default()
    >>> reg.match("全年实现地区生产总值").id
    'gdp'
    >>> reg.match("服务业增加值占GDP比重").id
    'services_share'
    >>> reg.match("收到提案") is None
    True

Fields of an indicator
----------------------
``id``
    snake_case English, unique.
``name``
    the canonical Chinese name; it is also an alias.
``aliases``
    other phrasings, variants and abbreviations.  No two indicators may share an alias once
    both are normalised (see *Matching*).
``exact_aliases``
    optional: aliases that name the indicator only as the whole phrase, never inside a longer
    one (经济总量 is GDP, but 海洋经济总量 is not).
``category``
    one of :data:`CATEGORIES`: 经济 (output, fiscal, investment, consumption, industry, markets),
    创新 (R&D, patents, innovative firms, talent), 开放 (trade, foreign investment),
    民生 (jobs, income, prices of living, education, health, care, housing, social security),
    社会 (population, culture, sport, civic life), 环境 (energy, emissions, air, water, land,
    greening), 安全 (grain and farmland, work safety, public and food safety),
    治理 (administration, business environment, grid management).
``unit_family``
    one of :data:`UNIT_FAMILIES`: the kind of quantity the number usually is.  Intensities take
    the family of their numerator (能耗 per GDP is ``energy``, 排放 per GDP is ``mass``); counts
    per population or per output without such a family are ``ratio``; indices and qualitative
    aims are ``other``.
``unit``
    the unit usually written (``亿元``, ``%``, ``家``, ``微克/立方米``), or null.
``polarity``
    ``higher`` or ``lower``: which direction is better (失业率, 能耗, PM2.5, 排放, 事故 are lower).
``type``
    ``level`` (an amount or magnitude), ``rate`` (a percentage or a ratio: families ``percent`` and
    ``ratio``) or ``count`` (things or people: families ``count``, ``people``; 优良天数 too).
``binding``
    optional: true where a five-year plan usually lists the indicator as 约束性, false for 预期性,
    absent when it varies.

File format (packaged and user files)
-------------------------------------
JSON (``.json``) or TOML (``.toml``), one object with a list ``indicators``::

    {"indicators": [
      {"id": "pm25", "aliases": ["细颗粒物年均值"]},
      {"id": "night_economy_sales", "name": "夜间经济销售额", "aliases": ["夜经济销售额"],
       "category": "经济", "unit_family": "money", "unit": "亿元",
       "polarity": "higher", "type": "level"}
    ]}

or in TOML ``[[indicators]]`` tables with the same keys.  :meth:`Registry.load` reads the
packaged file first, then each user file in order: an entry whose ``id`` is already known adds its
``aliases`` and ``exact_aliases`` to that indicator and replaces any other field it gives; an
entry with a new ``id`` adds an indicator and must give every field but ``aliases``,
``exact_aliases`` and ``binding``.  An alias that normalises to another indicator's alias is an
error (:class:`~mubiao.errors.UsageError`).

Matching
--------
:meth:`Registry.match` normalises a phrase (NFKC, so full-width forms fold; ASCII upper-cased;
bracketed notes such as ``（五年累计）`` dropped; quotes, punctuation and spaces dropped;
地区生产总值/国内生产总值/生产总值 → GDP, 规模以上 → 规上, 限额以上 → 限上, 比例/比率 → 比重,
利用外资 → 使用外资, R&D → 研发), strips leading scope words (全年, 全区, 预计, 完成, 实现,
2024年, a count such as 19个 …) and trailing measure words (增速, 年均增长, 增幅, 下降, 降低,
提升 … — they change the measure, not the indicator), then looks the result up:

1. exact: the normalised phrase is a normalised alias;
2. containment: the longest alias (three characters or more) inside the phrase, provided that
   what stands *before* it holds no word that narrows or changes the indicator (人均, 每, 单位,
   限上, 规上, 农村, 城镇, 省级, 国家, 工业, 产业, 经济, 占, 比重, 率, a digit, a threshold such
   as 亿元/以上 …) and what stands *after* it is only a harmless tail (数, 数量, 人数, 总额,
   金额, 总量, 规模, 值, 入库 …).  A head noun after the alias (规上企业 + 产值) or a share
   (工业总产值 + 比重) therefore never matches the plain amount.

Results are memoised per phrase.
"""

from __future__ import annotations

import functools
import json
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal, cast

import ahocorasick

from mubiao.errors import UsageError
from mubiao.reference.phrases import MIN_CONTAINED, contained_alias, normalise_phrase

__all__ = [
    "CATEGORIES",
    "POLARITIES",
    "TYPES",
    "UNIT_FAMILIES",
    "Indicator",
    "Registry",
    "normalise_phrase",
    "unmatched",
]

Category = Literal["经济", "创新", "开放", "民生", "社会", "环境", "安全", "治理"]
# fmt: off
UnitFamily = Literal[
    "money", "percent", "count", "people", "area", "length", "mass", "energy",
    "concentration", "ratio", "time", "other",
]
# fmt: on
Polarity = Literal["higher", "lower"]
IndicatorType = Literal["level", "rate", "count"]


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


CATEGORIES: tuple[str, ...] = ("经济", "创新", "开放", "民生", "社会", "环境", "安全", "治理")
UNIT_FAMILIES: tuple[str, ...] = _words(
    """
    money percent count people area length mass
    energy concentration ratio time other
    """
)
POLARITIES: tuple[str, ...] = ("higher", "lower")
TYPES: tuple[str, ...] = ("level", "rate", "count")

_REQUIRED = ("name", "category", "unit_family", "unit", "polarity", "type")
_KNOWN_KEYS = frozenset(("id", "aliases", "exact_aliases", "binding", *_REQUIRED))
_PACKAGED = "indicators.json"
#: the packaged data, beside this module (see regions.py)
_DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Indicator:
    """A canonical indicator of the registry."""

    id: str
    name: str
    aliases: tuple[str, ...]
    category: Category
    unit_family: UnitFamily
    unit: str | None
    polarity: Polarity
    type: IndicatorType
    binding: bool | None = None
    exact_aliases: tuple[str, ...] = ()

    @property
    def attribute(self) -> str | None:
        """The five-year-plan attribute as written: 约束性, 预期性, or None when unknown."""
        if self.binding is None:
            return None
        return "约束性" if self.binding else "预期性"

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name, the aliases and the exact-only aliases."""
        return (self.name, *self.aliases, *self.exact_aliases)


# --------------------------------------------------------------------------- loading


def _read_file(path: Path) -> list[dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read indicator file: {exc.strerror or exc}", path=path) from exc
    try:
        data: Any = tomllib.loads(text) if path.suffix.lower() == ".toml" else json.loads(text)
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"not a valid indicator file: {exc}", path=path) from exc
    return _entries(data, path)


def _entries(data: Any, where: str | Path) -> list[dict[str, Any]]:
    entries = data.get("indicators") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise UsageError('an indicator file holds an object with a list "indicators"', path=where)
    return cast(list[dict[str, Any]], entries)


def _str_tuple(value: Any, what: str, where: str | Path) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise UsageError(f"{what}: aliases must be a list of non-empty strings", path=where)
    return tuple(v.strip() for v in value)


def _check_fields(fields: Mapping[str, Any], what: str, where: str | Path) -> None:
    unknown = set(fields) - _KNOWN_KEYS
    if unknown:
        raise UsageError(f"{what}: unknown field(s) {', '.join(sorted(unknown))}", path=where)
    checks: tuple[tuple[str, tuple[str, ...]], ...] = (
        ("category", CATEGORIES),
        ("unit_family", UNIT_FAMILIES),
        ("polarity", POLARITIES),
        ("type", TYPES),
    )
    for key, allowed in checks:
        if key in fields and fields[key] not in allowed:
            raise UsageError(f"{what}: {key} {fields[key]!r} is not one of {', '.join(allowed)}", path=where)
    if "name" in fields and not (isinstance(fields["name"], str) and fields["name"].strip()):
        raise UsageError(f"{what}: name must be a non-empty string", path=where)
    if "unit" in fields and fields["unit"] is not None and not isinstance(fields["unit"], str):
        raise UsageError(f"{what}: unit must be a string or null", path=where)
    if "binding" in fields and fields["binding"] is not None and not isinstance(fields["binding"], bool):
        raise UsageError(f"{what}: binding must be true, false or null", path=where)


def _apply(indicators: dict[str, Indicator], entries: list[dict[str, Any]], where: str | Path) -> None:
    for n, entry in enumerate(entries, 1):
        ind_id = entry.get("id")
        if not isinstance(ind_id, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", ind_id):
            raise UsageError(f"indicator #{n}: id must be snake_case ASCII, got {ind_id!r}", path=where)
        what = f"indicator {ind_id!r}"
        _check_fields(entry, what, where)
        aliases = _str_tuple(entry.get("aliases", []), what, where)
        exact = _str_tuple(entry.get("exact_aliases", []), what, where)
        fields = {k: v for k, v in entry.items() if k not in ("id", "aliases", "exact_aliases")}
        if "name" in fields:
            fields["name"] = fields["name"].strip()
        old = indicators.get(ind_id)
        if old is None:
            missing = [k for k in _REQUIRED if k not in fields]
            if missing:
                raise UsageError(f"{what}: a new indicator needs {', '.join(missing)}", path=where)
            indicators[ind_id] = Indicator(
                id=ind_id, aliases=_dedupe(aliases), exact_aliases=_dedupe(exact), **fields
            )
        else:
            indicators[ind_id] = replace(
                old,
                aliases=_dedupe((*old.aliases, *aliases)),
                exact_aliases=_dedupe((*old.exact_aliases, *exact)),
                **fields,
            )


def _dedupe(aliases: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(aliases))


# --------------------------------------------------------------------------- the registry


class Registry:
    """The canonical indicators, looked up by id or matched from a phrase."""

    def __init__(self, indicators: Iterable[Indicator]) -> None:
        self._by_id: dict[str, Indicator] = {}
        for ind in indicators:
            if ind.id in self._by_id:
                raise UsageError(f"indicator id {ind.id!r} given twice")
            self._by_id[ind.id] = ind
        self._exact: dict[str, Indicator] = {}
        contained: set[str] = set()
        for ind in self._by_id.values():
            for alias in ind.names:
                key = normalise_phrase(alias)
                if not key:
                    raise UsageError(f"indicator {ind.id!r}: alias {alias!r} normalises to nothing")
                other = self._exact.setdefault(key, ind)
                if other is not ind:
                    raise UsageError(
                        f"alias {alias!r} of {ind.id!r} is also an alias of {other.id!r} (key {key!r})"
                    )
                if len(key) >= MIN_CONTAINED and alias not in ind.exact_aliases:
                    contained.add(key)
        # the aliases that may match inside a longer phrase, each stored with its length: one pass of
        # the automaton finds every one a phrase holds (a lookup per position and length cost twice that)
        self._contained: Any = None
        if contained:
            self._contained = ahocorasick.Automaton(ahocorasick.STORE_INTS)
            for key in sorted(contained):
                self._contained.add_word(key, len(key))
            self._contained.make_automaton()
        self._match_raw = functools.lru_cache(maxsize=1 << 16)(self._match_uncached)
        self._match_key = functools.lru_cache(maxsize=1 << 16)(self._lookup)

    # construction ----------------------------------------------------------------------

    @classmethod
    def default(cls) -> Registry:
        """The packaged registry, loaded once."""
        return _default()

    @classmethod
    def load(cls, *paths: str | Path) -> Registry:
        """The packaged indicators extended by user files (see the module docstring)."""
        indicators: dict[str, Indicator] = {}
        _apply(indicators, _packaged_entries(), _PACKAGED)
        for p in paths:
            path = Path(p)
            _apply(indicators, _read_file(path), path)
        return cls(indicators.values())

    @classmethod
    def from_entries(cls, entries: list[dict[str, Any]]) -> Registry:
        """A registry of these entries only (same shape as in a file), without the packaged ones."""
        indicators: dict[str, Indicator] = {}
        _apply(indicators, entries, "<entries>")
        return cls(indicators.values())

    # lookup ------------------------------------------------------------------------------

    def get(self, indicator_id: str) -> Indicator | None:
        return self._by_id.get(indicator_id)

    def __iter__(self) -> Iterator[Indicator]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, indicator_id: object) -> bool:
        return indicator_id in self._by_id

    def match(self, phrase: str) -> Indicator | None:
        """The canonical indicator an extracted phrase names, or None."""
        return self._match_raw(phrase)

    def _match_uncached(self, phrase: str) -> Indicator | None:
        key = normalise_phrase(phrase)
        return self._match_key(key) if key else None

    def _lookup(self, key: str) -> Indicator | None:
        found = self._exact.get(key)
        if found is not None:
            return found
        if self._contained is None:
            return None
        alias = contained_alias(key, self._contained)
        return self._exact[alias] if alias is not None else None

    def unmatched(self, phrases: Iterable[str]) -> list[tuple[str, int]]:
        """The phrases that match no indicator, with their counts, most frequent first."""
        counts = Counter(p.strip() for p in phrases if p.strip() and self.match(p.strip()) is None)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _packaged_entries() -> list[dict[str, Any]]:
    text = (_DATA / _PACKAGED).read_text(encoding="utf-8")
    return _entries(json.loads(text), _PACKAGED)


@functools.cache
def _default() -> Registry:
    return Registry.load()


def unmatched(phrases: Iterable[str], registry: Registry | None = None) -> list[tuple[str, int]]:
    """:meth:`Registry.unmatched` of the default registry (or of ``registry``)."""
    return (registry or Registry.default()).unmatched(phrases)
