"""What a person types for a region or an indicator, resolved to what the store holds.

One set of rules for every face (the CLI, the REST API, the dashboard, the reports):

* a region is found by its full name (天宁区), its short form (天宁), a chain (常州市天宁区), or
  its 6-digit code (320402) once the regions data carries codes (:func:`_by_code`, the one place
  codes are looked up); a region the reference data does not know is found among the store's own
  regions by its name or the name without its suffix (澜溪 for 澜溪区);
* an indicator is found by its registry id (gdp), a phrase the registry matches (地区生产总值),
  or a phrase stored statements use as written;
* anything else is refused with a :class:`~mubiao.errors.UsageError` that names the closest
  candidates (``difflib`` over names, short forms and aliases): "did you mean 天宁区?".
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from pypinyin import lazy_pinyin

from mubiao.errors import UsageError
from mubiao.reference.regions import Region, Regions
from mubiao.reference.registry import Indicator, Registry, normalise_phrase

__all__ = ["did_you_mean", "resolve_indicator", "resolve_region"]

_CODE = re.compile(r"\d{6}(?:\d{6})?")
#: suffixes a stored region's name may end with; the rest is its short form
_SUFFIXES = (
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "新区",
    "地区",
    "省",
    "市",
    "区",
    "县",
    "旗",
    "盟",
    "州",
)


def did_you_mean(wanted: str, candidates: Iterable[str], *, n: int = 3, preferred: Iterable[str] = ()) -> str:
    """``"; did you mean A, B?"`` for the candidates closest to ``wanted``, or ``""``.

    ``preferred`` candidates (the regions a store holds) come first among those equally close:
    with every county of China to choose from, 天凝区 is as close to 天河区 as to 天宁区, and the
    user means the one in the ledger.
    """
    pool = sorted(set(candidates) | set(preferred))
    first = set(preferred)
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(wanted)
    scored = []
    sound = lazy_pinyin(wanted)
    for c in pool:
        matcher.set_seq1(c)
        if (
            matcher.real_quick_ratio() >= 0.5
            and matcher.quick_ratio() >= 0.5
            and (r := matcher.ratio()) >= 0.5
        ):
            # as close as it reads or as close as it sounds (澜西区 is 澜溪区 spoken), whichever is closer
            heard = difflib.SequenceMatcher(None, sound, lazy_pinyin(c)).ratio()
            scored.append((-max(r, heard), -_homophones(wanted, c), c not in first, c))
    close = [c for *_, c in sorted(scored)[:n]]
    return f"; did you mean {', '.join(close)}? / 是否要找：{'、'.join(close)}" if close else ""


def _homophones(a: str, b: str) -> int:
    """How many of the characters in which ``a`` and ``b`` differ sound alike (凝 and 宁: níng).

    Chinese is typed by its sound, so a misspelt name most often swaps a character for a homophone.
    """
    if len(a) != len(b):
        return 0
    differ = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if not differ:
        return 0
    xs = lazy_pinyin("".join(x for x, _ in differ))
    ys = lazy_pinyin("".join(y for _, y in differ))
    return sum(x == y for x, y in zip(xs, ys, strict=False))


def _by_code(regions: Regions, code: str) -> Region | None:
    """The region of an administrative code (320402, or its 12-digit statistical form): the single
    place codes are looked up; a former code leads to the unit that holds it now."""
    found = regions.by_code(code[:6])
    if found is None:
        return None
    return regions.current(found) or found


def _short(name: str) -> str:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def resolve_region(wanted: str, stored: Iterable[str], regions: Regions) -> str:
    """The region name ``wanted`` denotes: a stored name, else the reference data's full name.

    A known region without statements resolves to its name (its ledger is empty, not an error);
    a name neither the store nor the reference data knows raises a UsageError with suggestions.
    """
    text = wanted.strip()
    names = set(stored)
    if text in names:
        return text
    if not text:
        raise UsageError("the region is empty")
    if _CODE.fullmatch(text):
        found = _by_code(regions, text)
        if found is None:
            raise UsageError(f"no region has the code {text} / 没有这个行政区划代码")
        return found.name
    found = regions.resolve(text)
    if found is not None:
        # a former name leads to the unit's ledger, kept under the name it bears now
        return (regions.current(found) or found).name
    # a region the reference data lacks, known to the store by its name (澜溪区 for 澜溪)
    matches = sorted({n for n in names if _short(n) == _short(text) or n.endswith(text)})
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise UsageError(f"region {text!r} is ambiguous: {', '.join(matches)} / 地区名称不唯一")
    forms = [form for r in regions for form in r.forms]
    raise UsageError(f"unknown region {text!r} / 未知地区{did_you_mean(text, forms, preferred=names)}")


def resolve_indicator(wanted: str, registry: Registry, phrases: Iterable[str] = ()) -> Indicator | str:
    """The registry indicator ``wanted`` names (an id or a matched phrase), else the phrase itself
    when stored statements use it (``phrases``); a UsageError with suggestions otherwise."""
    text = wanted.strip()
    if not text:
        raise UsageError("the indicator is empty")
    found = registry.get(text) or registry.match(text)
    if found is not None:
        return found
    key = normalise_phrase(text)
    stored = list(phrases)
    if any(normalise_phrase(p) == key for p in stored):
        return text
    candidates = [*stored, *(name for ind in registry for name in (ind.id, *ind.names))]
    raise UsageError(f"unknown indicator {text!r} / 未知指标{did_you_mean(text, candidates)}")
