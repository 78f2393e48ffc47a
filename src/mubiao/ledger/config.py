"""Settings of the evaluation: tolerances of 左右 targets, the thresholds of the status methods.

Defaults and why
----------------
``growth_tolerance = 0.5`` (percentage points)
    A target written with 左右, 约 or 近 (qualifier ``about``) on a growth rate, a share or any
    other figure in ``%`` or ``个百分点`` is achieved when the result falls short of it by at most
    half a point: "地区生产总值增长5%左右" is achieved at 4.5% and above, "能耗下降3%左右"
    (value −3) at −2.5% and below.  Half a point is the rounding step of annual growth targets
    (5%, 5.5%, 6%…): a result at 4.5 rounds to the target's own precision, 4.4 does not.  Rates are
    compared in points, not relatively: 0.5 of 80% is a negligible miss, 2% of 80% (1.6 points)
    would not be.
``level_tolerance = 0.02`` (relative)
    A level target in any other unit written with 左右/约 ("地区生产总值力争达到550亿元左右") is
    achieved within 2% of it: at 539 亿元 and above.  Two percent is about the revision between the
    预计 figure of a report and the final statistical figure, so a miss within it is not a miss one
    can read off the documents.
``on_track = 0.95``
    The threshold of both progress methods, as the Open SDG platform / Eurostat and the UN
    Statistics Division use it: a target is on track when the ratio R (Eurostat) or the
    projection P (UNSD) is at least 0.95.
``at_risk_floor = 0.5``
    The lower edge of the at-risk band.  Between ``at_risk_floor`` and ``on_track`` a target is
    at risk with fair progress ("acceleration needed" in the SDG progress chart); below it the
    progress is limited, and below 0 the indicator moves away from its target.  The status is
    ``at_risk`` throughout (``missed`` is kept for targets whose year has passed), the band is
    reported as ``progress`` in the row's ``details``: ``substantial``, ``fair``, ``limited`` or
    ``deterioration``.
``max_pace = 20`` (percent per year)
    A five-year target with a single result and no baseline has no progress to measure, but the
    growth still needed can by itself say the target is out of reach: a region's budget revenue or
    output does not grow by more than a fifth a year for long, so needing more than 20% a year
    (一般公共预算收入 48亿元 in 2024 against 80亿元 in 2025: 66.7%) is ``at_risk`` rather than
    ``needs_review``.  Below the ceiling such a row stays ``needs_review``.
``method = "sdg"``
    Which status a five-year target shows: ``sdg`` (the ratio R), ``unsd`` (the projection P), or
    ``both`` (the worse of the two).  Both are always computed and shown in ``details``.

Where settings come from
------------------------
:meth:`EvalConfig.load` reads, each overriding the one before:

1. the defaults above;
2. a TOML file (``path``, else the file named by ``MUBIAO_LEDGER_CONFIG``) with these keys at the
   top level or in a ``[ledger]`` table::

       [ledger]
       growth_tolerance = 0.3
       level_tolerance = 0.01
       on_track = 0.95
       at_risk_floor = 0.5
       max_pace = 20
       method = "unsd"

3. environment variables ``MUBIAO_GROWTH_TOLERANCE``, ``MUBIAO_LEVEL_TOLERANCE``,
   ``MUBIAO_ON_TRACK``, ``MUBIAO_AT_RISK_FLOOR``, ``MUBIAO_MAX_PACE``, ``MUBIAO_METHOD``;
4. explicit overrides (the CLI's ``--tolerance``, ``--method``).

:func:`parse_tolerance` reads the CLI's ``--tolerance`` text: ``0.3`` (growth, in points),
``2%`` (level, relative), or both, ``growth=0.3,level=2%``.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Literal, cast

from mubiao.errors import UsageError

__all__ = ["METHODS", "EvalConfig", "Method", "parse_tolerance"]

Method = Literal["sdg", "unsd", "both"]
METHODS: tuple[str, ...] = ("sdg", "unsd", "both")

_ENV = {
    "growth_tolerance": "MUBIAO_GROWTH_TOLERANCE",
    "level_tolerance": "MUBIAO_LEVEL_TOLERANCE",
    "on_track": "MUBIAO_ON_TRACK",
    "at_risk_floor": "MUBIAO_AT_RISK_FLOOR",
    "max_pace": "MUBIAO_MAX_PACE",
    "method": "MUBIAO_METHOD",
}
CONFIG_ENV = "MUBIAO_LEDGER_CONFIG"


@dataclass(frozen=True)
class EvalConfig:
    """Tolerances and thresholds of :func:`mubiao.ledger.evaluate.evaluate` (see the module docstring)."""

    #: tolerance of ``about`` targets in % or 个百分点, in percentage points
    growth_tolerance: float = 0.5
    #: tolerance of other ``about`` targets, relative to the target
    level_tolerance: float = 0.02
    #: R or P at or above this: on track
    on_track: float = 0.95
    #: lower edge of the at-risk band (fair progress above it, limited below)
    at_risk_floor: float = 0.5
    #: growth still needed (% a year) beyond which a target without a measurable trend is at risk
    max_pace: float = 20.0
    #: the status shown for five-year targets
    method: Method = "sdg"

    def __post_init__(self) -> None:
        if self.growth_tolerance < 0 or self.level_tolerance < 0:
            raise UsageError("tolerances cannot be negative")
        if self.level_tolerance >= 1:
            raise UsageError(f"level tolerance {self.level_tolerance} is relative: give 0.02 for 2%")
        if not 0 < self.on_track <= 10:
            raise UsageError(f"on_track threshold {self.on_track} must be positive")
        if self.at_risk_floor > self.on_track:
            raise UsageError(f"at_risk_floor {self.at_risk_floor} is above on_track {self.on_track}")
        if self.method not in METHODS:
            raise UsageError(f"method {self.method!r} is not one of {', '.join(METHODS)}")

    @classmethod
    def load(
        cls,
        path: str | Path | None = None,
        *,
        env: Mapping[str, str] | None = None,
        **overrides: Any,
    ) -> EvalConfig:
        """Defaults, then the TOML file, then the environment, then ``overrides`` (None ones ignored)."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        file = path if path is not None else env.get(CONFIG_ENV) or None
        if file is not None:
            values.update(_read_toml(Path(file)))
        for name, var in _ENV.items():
            if env.get(var):
                values[name] = _coerce(name, env[var], var)
        values.update({k: v for k, v in overrides.items() if v is not None})
        unknown = set(values) - {f.name for f in fields(cls)}
        if unknown:
            raise UsageError(f"unknown ledger setting(s): {', '.join(sorted(unknown))}")
        return cls(**values)

    def with_(self, **changes: Any) -> EvalConfig:
        """A copy with some settings changed (None values ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _coerce(name: str, raw: Any, where: str) -> Any:
    if name == "method":
        if raw not in METHODS:
            raise UsageError(f"{where}: method {raw!r} is not one of {', '.join(METHODS)}")
        return cast(Method, raw)
    if isinstance(raw, bool):
        raise UsageError(f"{where}: {name} must be a number")
    try:
        return float(raw)
    except (TypeError, ValueError) as exc:
        raise UsageError(f"{where}: {name} must be a number, not {raw!r}") from exc


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"cannot read ledger settings: {exc.strerror or exc}", path=path) from exc
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"not a valid TOML file: {exc}", path=path) from exc
    table = data.get("ledger", data)
    if not isinstance(table, dict):
        raise UsageError("[ledger] must be a table", path=path)
    known = {f.name for f in fields(EvalConfig)}
    unknown = set(table) - known
    if unknown:
        raise UsageError(f"unknown ledger setting(s): {', '.join(sorted(unknown))}", path=path)
    return {k: _coerce(k, v, str(path)) for k, v in table.items()}


def parse_tolerance(text: str) -> dict[str, float]:
    """The settings a ``--tolerance`` text gives: ``0.3``, ``2%``, ``growth=0.3,level=2%``."""
    out: dict[str, float] = {}
    for item in (p.strip() for p in text.split(",")):
        if not item:
            continue
        key, _, raw = item.rpartition("=")
        key = key.strip().lower()
        raw = raw.strip()
        percent = raw.endswith("%")
        if key not in ("", "growth", "level"):
            raise UsageError(f"--tolerance: unknown part {key!r} (give growth=… or level=…)")
        try:
            number = float(raw.rstrip("%"))
        except ValueError as exc:
            raise UsageError(f"--tolerance: {raw!r} is not a number") from exc
        if key == "level" or (not key and percent):
            out["level_tolerance"] = number / 100 if percent else number
        else:
            out["growth_tolerance"] = number
    return out
