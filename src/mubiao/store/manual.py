"""Results entered by hand: ``mubiao import-actuals FILE.csv|FILE.xlsx``.

A file holds one result per row, under a header row naming its columns (English or Chinese):

==================  ===================================  =========================================
column              also                                 meaning
==================  ===================================  =========================================
``region``          地区, 区域                           the region (天宁区, 常州市天宁区, 天宁)
``indicator``       指标, 指标名称                       the indicator as named (一般公共预算收入)
``indicator_id``    指标代码                             or its registry id (general_budget_revenue)
``year``            年份, 年度                           the year the result belongs to
``value``           数值, 完成值, 实际值                 the number (``5%`` sets the unit too)
``unit``            单位                                 optional: ``%`` for growth, else the
                                                         registry's usual unit of the indicator
``measure``         口径                                 optional: level, growth, delta; by default
                                                         level, or growth for a percentage of an
                                                         amount (地区生产总值, 5.6%)
``note``            source, 备注, 来源                   optional: where the figure comes from
==================  ===================================  =========================================

Every row is checked before anything is written; a file with any invalid row is refused whole,
with every problem named by file and row.  A valid file is written in one transaction: a result
already entered by hand for the same region, indicator, year and measure is updated, otherwise
one is added; each change is recorded in the audit table with who made it (``user``, else
``MUBIAO_USER``, else the login name) and when.  Results extracted from documents are never
touched: manual results stand beside them with provenance ``manual``.
"""

from __future__ import annotations

import csv
import getpass
import hashlib
import json
import os
import re
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from mubiao.errors import (
    CorruptFileError,
    EncodingError,
    ReadError,
    StoreError,
    UnsupportedFormatError,
    UsageError,
)
from mubiao.reference.resolve import resolve_region
from mubiao.store import models as m
from mubiao.store.engine import store_errors
from mubiao.store.records import StatementRecord
from mubiao.store.writes import fit

if TYPE_CHECKING:
    from mubiao.reference.regions import Regions
    from mubiao.reference.registry import Indicator, Registry
    from mubiao.store.store import Store

__all__ = [
    "ImportSummary",
    "ManualRow",
    "add_result",
    "current_user",
    "import_file",
    "read_row",
    "read_rows",
    "upsert",
]

T = TypeVar("T")

_COLUMNS: dict[str, tuple[str, ...]] = {
    "region": ("region", "地区", "区域", "行政区", "行政区划"),
    "indicator": ("indicator", "指标", "指标名称"),
    "indicator_id": ("indicator_id", "indicatorid", "指标代码", "指标id"),
    "year": ("year", "年份", "年度", "年"),
    "value": ("value", "数值", "值", "完成值", "实际值"),
    "unit": ("unit", "单位"),
    "measure": ("measure", "口径", "类型"),
    "note": ("note", "notes", "source", "备注", "来源", "出处", "说明"),
}
_HEADER = {alias: name for name, aliases in _COLUMNS.items() for alias in aliases}
_MEASURES = {
    "level": "level", "总量": "level", "水平": "level", "绝对值": "level",
    "growth": "growth", "增速": "growth", "增长": "growth", "增长率": "growth", "增幅": "growth",
    "delta": "delta", "增量": "delta", "增加": "delta", "变化": "delta",
}  # fmt: skip
_YEAR = re.compile(r"((?:19|20|21)\d\d)(?:年(?:度)?)?")
_MAX_ERRORS_SHOWN = 20
#: the fields of a manual statement that an update may change, each audited
_AUDITED = ("value", "unit", "indicator", "note", "doc_id")


@dataclass(frozen=True)
class ManualRow:
    """One valid row of a manual file."""

    line: int
    region: str
    indicator: str
    indicator_id: str
    year: int
    value: float
    unit: str | None
    measure: str
    note: str | None

    @property
    def key(self) -> tuple[str, str, int, str]:
        return (self.region, self.indicator_id, self.year, self.measure)


@dataclass(frozen=True)
class ImportSummary:
    file: str
    who: str
    import_id: int
    added: int
    updated: int
    unchanged: int

    @property
    def rows(self) -> int:
        return self.added + self.updated + self.unchanged


# --------------------------------------------------------------------------- reading


def _raw_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    """(row number as a spreadsheet shows it, cells) of the file's first sheet."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        yield from _csv_rows(path)
    elif suffix in (".xlsx", ".xlsm"):
        yield from _xlsx_rows(path)
    else:
        raise UnsupportedFormatError(
            f"unsupported file type {suffix or '(none)'!r}: results are imported from .csv or .xlsx",
            path=path,
        )


def _csv_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ReadError(f"cannot read the file: {e.strerror or e}", path=path) from e
    # Excel on a Chinese Windows saves CSV in GBK; everything else writes UTF-8, with or without BOM
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise EncodingError("the CSV is neither UTF-8 nor GB18030", path=path)
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    yield from enumerate(csv.reader(text.splitlines(), dialect), 1)


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    import openpyxl  # type: ignore[import-untyped]
    from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it ignores; they do not touch the values
            warnings.simplefilter("ignore", UserWarning)
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except OSError as e:
        raise ReadError(f"cannot read the file: {e.strerror or e}", path=path) from e
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise CorruptFileError(f"not a readable .xlsx workbook: {e}", path=path) from e
    try:
        sheet = wb.worksheets[0]
        for n, row in enumerate(sheet.iter_rows(values_only=True), 1):
            yield n, list(row)
    finally:
        wb.close()


def _text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def read_rows(path: str | os.PathLike[str], *, stored: Iterable[str] = ()) -> list[ManualRow]:
    """The valid rows of a manual file; a UsageError naming every invalid row otherwise.

    A region is one the reference data knows (by name, short form or code) or one the store's
    statements already name (``stored``); a misspelt one is refused with a did-you-mean, never
    added as a new region."""
    from mubiao.reference.regions import Regions
    from mubiao.reference.registry import Registry

    p = Path(path)
    if not p.is_file():
        raise ReadError("no such file", path=p)
    rows = _raw_rows(p)
    header: dict[str, int] | None = None
    errors: list[str] = []
    out: list[ManualRow] = []
    seen: dict[tuple[str, str, int, str], int] = {}
    registry, regions = Registry.default(), Regions.default()
    names = list(stored)
    for line, cells in rows:
        if not any(_text(c) for c in cells):
            continue
        if header is None:
            header = _read_header(cells, p)
            continue
        values = {name: (cells[i] if i < len(cells) else None) for name, i in header.items()}
        try:
            row = read_row(line, values, registry, regions, stored=names)
        except ValueError as e:
            errors.append(f"row {line}: {e}")
            continue
        if row.key in seen:
            errors.append(
                f"row {line}: the same result as row {seen[row.key]} (region, indicator, year, measure)"
            )
            continue
        seen[row.key] = line
        out.append(row)
    if header is None:
        raise UsageError("the file has no header row and no results", path=p)
    if errors:
        shown = "\n  ".join(errors[:_MAX_ERRORS_SHOWN])
        more = f"\n  … and {len(errors) - _MAX_ERRORS_SHOWN} more" if len(errors) > _MAX_ERRORS_SHOWN else ""
        what = "1 row is" if len(errors) == 1 else f"{len(errors)} rows are"
        raise UsageError(f"{what} invalid, nothing was imported:\n  {shown}{more}", path=p)
    return out


def _read_header(cells: list[Any], path: Path) -> dict[str, int]:
    header: dict[str, int] = {}
    for i, cell in enumerate(cells):
        name = _HEADER.get(_text(cell).lower().replace(" ", "").replace("-", "_"))
        if name is not None:
            if name in header:
                raise UsageError(
                    f"two columns hold {name!r}: columns {header[name] + 1} and {i + 1}", path=path
                )
            header[name] = i
    missing = [c for c in ("region", "year", "value") if c not in header]
    if "indicator" not in header and "indicator_id" not in header:
        missing.append("indicator (or indicator_id)")
    if missing:
        found = ", ".join(_text(c) for c in cells if _text(c)) or "nothing"
        raise UsageError(f"the header row lacks {', '.join(missing)} (it has: {found})", path=path)
    return header


def read_row(
    line: int, v: dict[str, Any], registry: Registry, regions: Regions, *, stored: Iterable[str] = ()
) -> ManualRow:
    """One result checked (``v``: the row's values by column name); a ValueError naming its problems."""
    problems: list[str] = []

    def check(parse: Callable[[], T], fallback: T) -> T:
        try:
            return parse()
        except ValueError as e:
            problems.append(str(e))
            return fallback

    region = check(lambda: _region(_text(v.get("region")), regions, stored), "")
    no_indicator: tuple[str, Indicator | None] = ("", None)
    indicator, ind = check(
        lambda: _indicator(_text(v.get("indicator")), _text(v.get("indicator_id")), registry), no_indicator
    )
    year = check(lambda: _year(v.get("year")), 0)
    measure_text = _text(v.get("measure"))
    measure = check(lambda: _measure(measure_text), "level")
    value, percent = check(lambda: _value(v.get("value")), (0.0, False))
    unit = _text(v.get("unit")) or ("%" if percent or measure == "growth" else (ind.unit if ind else None))
    if not measure_text and unit == "%" and ind is not None and ind.unit_family != "percent":
        # a percentage of an amount (GDP 5.6%) can only be its growth
        measure = "growth"
    if unit is not None and len(unit) > 32:
        problems.append(f"unit {unit[:40]!r}… is longer than 32 characters")
    if percent and unit != "%":
        problems.append(f"the value is a percentage but the unit is {unit!r}")
    if problems or ind is None:
        raise ValueError("; ".join(problems))
    note = _text(v.get("note")) or None
    return ManualRow(line, region, indicator, ind.id, year, value, unit or None, measure, note)


def _measure(text: str) -> str:
    measure = _MEASURES.get(text.lower() or "level")
    if measure is None:
        raise ValueError(f"measure {text!r} is not level, growth or delta")
    return measure


def _region(name: str, regions: Regions, stored: Iterable[str]) -> str:
    if not name:
        raise ValueError("the region is empty")
    if regions.resolve(name) is None and any(r.name == name for r in regions):
        raise ValueError(f"region {name!r} is ambiguous: name the region it lies in too (南京市鼓楼区)")
    try:
        return resolve_region(name, stored, regions)
    except UsageError as e:
        raise ValueError(e.message) from e


def _indicator(name: str, indicator_id: str, registry: Registry) -> tuple[str, Indicator]:
    if indicator_id:
        ind = registry.get(indicator_id)
        if ind is None:
            raise ValueError(f"indicator_id {indicator_id!r} is not in the indicator registry")
        if name:
            matched = registry.match(name)
            if matched is not None and matched.id != ind.id:
                raise ValueError(f"indicator {name!r} is {matched.id!r}, not {indicator_id!r}")
        return name or ind.name, ind
    if not name:
        raise ValueError("the indicator is empty")
    found = registry.match(name)
    if found is None:
        raise ValueError(f"indicator {name!r} matches no indicator of the registry: give its indicator_id")
    return name, found


def _year(cell: Any) -> int:
    if isinstance(cell, datetime | date):
        return cell.year
    text = _text(cell)
    match = _YEAR.fullmatch(text)
    if match is None:
        raise ValueError(f"year {text!r} is not a year" if text else "the year is empty")
    return int(match.group(1))


def _value(cell: Any) -> tuple[float, bool]:
    if isinstance(cell, bool):
        raise ValueError(f"value {cell!r} is not a number")
    if isinstance(cell, int | float):
        return float(cell), False
    text = _text(cell).replace(",", "").replace("，", "").replace(" ", "")
    percent = text.endswith(("%", "％"))
    if percent:
        text = text[:-1]
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"value {_text(cell)!r} is not a number" if text else "the value is empty") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"value {_text(cell)!r} is not a finite number")
    return value, percent


# --------------------------------------------------------------------------- writing


def current_user(user: str | None = None) -> str:
    """Who is making a change: ``user``, else ``MUBIAO_USER``, else the login name."""
    if user:
        return user
    if os.environ.get("MUBIAO_USER"):
        return os.environ["MUBIAO_USER"]
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in a bare container
        return "unknown"


def _sentence(row: ManualRow) -> str:
    number = f"{row.value:g}{row.unit or ''}"
    verb = {"level": "", "growth": "增长" if row.value >= 0 else "下降", "delta": "增加"}[row.measure]
    if row.measure == "growth":
        number = f"{abs(row.value):g}{row.unit or ''}"
    note = f"（{row.note}）" if row.note else ""
    return f"{row.region}{row.year}年{row.indicator}{verb}{number}{note}"


def _fmt(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float):
        return f"{value:g}" if abs(value) < 1e15 else repr(value)
    return str(value)


def import_file(store: Store, path: str | os.PathLike[str], *, user: str | None = None) -> ImportSummary:
    """Validate ``path`` whole, then add or update its results in one transaction, with audit rows."""
    p = Path(path)
    rows = read_rows(p, stored=[name for name, _n in store.regions()])
    who = current_user(user)
    digest = hashlib.sha256(p.read_bytes()).hexdigest()
    now = datetime.now(UTC)
    with store_errors("cannot import the results", store.url), store.session() as s, s.begin():
        imp = m.ManualImport(file_name=str(p), sha256=digest, who=who, imported_at=now, rows=len(rows))
        s.add(imp)
        s.flush()
        added, updated, unchanged = upsert(s, rows, imp, p.name, now)
        return ImportSummary(str(p), who, imp.id, added, updated, unchanged)


def upsert(
    s: Session, rows: list[ManualRow], imp: m.ManualImport, file_name: str, now: datetime
) -> tuple[int, int, int]:
    """Add or update manual results in ``s``'s transaction, with their audit rows; (added,
    updated, unchanged)."""
    S = m.Statement
    added = updated = unchanged = 0
    audits: list[dict[str, Any]] = []

    def audit(row_id: int, field: str, old: str | None, new: str | None) -> None:
        audits.append(
            {"who": imp.who, "at": now, "table_name": "statements", "row_id": row_id, "field": field,
             "old": old, "new": new, "manual_import_id": imp.id}
        )  # fmt: skip

    for row in rows:
        existing = s.scalars(
            select(S).where(
                S.provenance == "manual",
                S.kind == "actual",
                S.region == row.region,
                S.indicator_id == row.indicator_id,
                S.year == row.year,
                S.measure == row.measure,
            )
        ).first()
        fields = {
            "value": row.value,
            "unit": row.unit,
            "indicator": fit(S, "indicator", row.indicator),
            "note": row.note,
            "doc_id": fit(S, "doc_id", file_name),
        }
        if existing is None:
            st = m.Statement(
                document_id=None, manual_import_id=imp.id, kind="actual", indicator_id=row.indicator_id,
                measure=row.measure, value_max=None, qualifier="exact", cumulative=False, year=row.year,
                region=row.region, span_start=None, span_end=None, text=_sentence(row), attribute=None,
                damaged=False, provenance="manual", extra=None, published=now.year, period_start=None,
                period_end=None, doc_type=None, **fields,
            )  # fmt: skip
            s.add(st)
            s.flush()
            added += 1
            audit(st.id, "*", None, json.dumps(_as_json(st), ensure_ascii=False))
            continue
        changed = [f for f in _AUDITED if getattr(existing, f) != fields[f]]
        if not changed:
            unchanged += 1
            continue
        for f in changed:
            audit(existing.id, f, _fmt(getattr(existing, f)), _fmt(fields[f]))
            setattr(existing, f, fields[f])
        existing.text = _sentence(row)
        existing.manual_import_id = imp.id
        existing.published = now.year
        updated += 1
    if audits:
        s.execute(insert(m.Audit), audits)
    return added, updated, unchanged


def _as_json(st: m.Statement) -> dict[str, Any]:
    keys = ("region", "indicator", "indicator_id", "year", "measure", "value", "unit", "note", "doc_id")
    return {k: getattr(st, k) for k in keys}


#: the doc_id of results entered one by one (through the API); a file's name for imported results
ENTERED = "api"


def add_result(
    store: Store, values: dict[str, Any], *, who: str, registry: Registry, regions: Regions
) -> StatementRecord:
    """Add (or change) one result entered by hand, checked as a row of an imported file is; the
    stored statement."""
    try:
        row = read_row(1, values, registry, regions, stored=[name for name, _n in store.regions()])
    except ValueError as e:
        raise UsageError(str(e)) from e
    now = datetime.now(UTC)
    digest = hashlib.sha256(json.dumps(values, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    with store_errors("cannot store the result", store.url), store.session() as s, s.begin():
        imp = m.ManualImport(file_name=ENTERED, sha256=digest, who=who, imported_at=now, rows=1)
        s.add(imp)
        s.flush()
        upsert(s, [row], imp, ENTERED, now)
    stored = [
        r
        for r in store.statements(
            region=row.region, indicator_id=row.indicator_id, year=row.year, kind="actual"
        )
        if r.provenance == "manual" and r.measure == row.measure
    ]
    if not stored:  # upsert wrote it in the transaction just committed
        raise StoreError("the result was written but cannot be read back")
    return stored[-1]
