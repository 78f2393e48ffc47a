"""Indicator tables of five-year plans (指标体系), as they survive text extraction.

Extraction flattens a table into a stream of cells, one per line (often tab-indented), or keeps each
row on one line with tabs or ``|`` between cells.  A table is recognised by its header (序号 / 指标
名称 / 单位 / 属性 / 目标 …); rows are then read by their anchors: the running row number, and the
attribute cell (预期性 / 约束性).  A row name broken over two cells is joined; a category label
standing between rows (经济强, 百姓富) is skipped.  Values are read as printed: a bare number is
``exact``; [3.5] or 〔3.5〕 (a five-year total in national tables) is cumulative; ``>``/``≥`` and
``<``/``≤`` are bounds; text such as 完成市下达任务 is a qualitative target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mubiao.document import Document
from mubiao.statement import Kind, Measure, Qualifier, Statement

__all__ = ["Row", "Table", "find_tables", "table_statements"]

_HEADER_WORDS = ("序号", "指标", "单位", "属性", "类别")
_HEADER_START = re.compile(r"序号|类别|指标名称")
_VALUE_HEADER = re.compile(r"20\d\d|目标|基期|年均|累计")
_UNIT_IN_NAME = re.compile(r"[（(]([^()（）]{1,10})[)）]$")
_ATTRIBUTES = ("预期性", "约束性")
_NUMBER = re.compile(
    r"^\s*([<>≤≥＜＞]|不低于|不高于|不超过|低于|高于)?\s*[\[〔【(（]?\s*(-?\d+(?:\.\d+)?)\s*[\]〕】)）]?\s*\*?\s*"
    r"(左右|以上|以内|以下)?\s*$"
)
_RANGE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[-~～—至]\s*(\d+(?:\.\d+)?)\s*$")
_SEQ = re.compile(r"^\d{1,3}$")


@dataclass
class Cell:
    text: str
    start: int
    end: int


@dataclass
class Row:
    seq: int
    name: str
    unit: str | None
    attribute: str | None
    values: list[Cell]
    start: int
    end: int
    cumulative: bool = False


@dataclass
class Table:
    start: int
    end: int
    value_columns: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)

    @property
    def target_column(self) -> int:
        """Index among the value columns that holds the target (the last year-like or 目标 column)."""
        for i in range(len(self.value_columns) - 1, -1, -1):
            if re.search(r"目标|规划|预期", self.value_columns[i]):
                return i
        for i in range(len(self.value_columns) - 1, -1, -1):
            if re.search(r"20\d\d", self.value_columns[i]) and not re.search(
                r"基期|现状|基数|实际", self.value_columns[i]
            ):
                return i
        return len(self.value_columns) - 1


def _cells(text: str, start: int, end: int) -> list[Cell]:
    out: list[Cell] = []
    pos = start
    for line in text[start:end].split("\n"):
        parts = re.split(r"\t|\|", line) if ("|" in line or line.strip("\t").count("\t") >= 1) else [line]
        p = pos
        for part in parts:
            s = part.strip()
            if s and not re.fullmatch(r"[-:| ]{3,}", s):
                off = text.find(s, p, pos + len(line))
                out.append(Cell(s, off, off + len(s)))
            p += len(part) + 1
        pos += len(line) + 1
    return out


def _is_value(s: str) -> bool:
    if s in ("—", "-", "－", "/", "——", "…"):
        return True
    return bool(_NUMBER.match(s) or _RANGE.match(s)) or bool(
        re.search(r"完成|下达|任务|保持|稳定|提高|提升|下降|达到|持续|逐步|同步|以上|以内|左右", s)
        and len(s) <= 16
    )


def find_tables(text: str) -> list[Table]:
    tables: list[Table] = []
    for m in _HEADER_START.finditer(text):
        if tables and m.start() < tables[-1].end:
            continue
        head = text[m.start() : m.start() + 160]
        if "指标" not in head or sum(w in head for w in _HEADER_WORDS) < 2 or not _VALUE_HEADER.search(head):
            continue
        table = _parse(text, m.start())
        if table and len(table.rows) >= 2:
            tables.append(table)
    return tables


def _header_roles(header: list[str]) -> list[str]:
    """Column titles in order, with broken titles (2025年 / 预期目标) joined and labels dropped."""
    cols: list[str] = []
    for h in header:
        if h in ("序号", "单位", "属性") or h.startswith("指标"):
            cols.append(h)
        elif cols and re.fullmatch(r"20\d\d年?", cols[-1]) and not re.search(r"20\d\d|年均|累计", h):
            cols[-1] += h
        elif re.search(r"20\d\d|目标|基期|现状|年均|累计|预期|增长|增速", h):
            cols.append(h)
        # anything else (a category column title such as 类别, or a category label) carries no value
    return cols


def _parse(text: str, start: int) -> Table | None:
    limit = min(len(text), start + 60_000)
    cells = _cells(text, start, limit)
    i = 0
    header: list[str] = []
    while i < len(cells) and cells[i].text != "1":
        header.append(cells[i].text)
        i += 1
        if len(header) > 20:
            return None
    if i >= len(cells):
        return None
    cols = _header_roles(header)
    value_cols = [c for c in cols if c not in ("序号", "单位", "属性") and not c.startswith("指标")]
    if not value_cols:
        return None
    has_unit = "单位" in cols
    has_attr = "属性" in cols
    attr_first = has_attr and cols.index("属性") < cols.index(value_cols[0])
    n = len(value_cols)
    table = Table(start=start, end=start, value_columns=value_cols)
    expected = 1
    j = i
    while j < len(cells) and cells[j].text == str(expected):
        k = j + 1
        if has_attr:
            attr = next(
                (x for x in range(k + 2, min(k + 10, len(cells))) if cells[x].text in _ATTRIBUTES), None
            )
            if attr is None:
                break
            row_end = attr + 1 + n if attr_first else attr + 1
        else:
            row_end = k
            while row_end < len(cells) and cells[row_end].text != str(expected + 1) and row_end - k <= 12:
                row_end += 1
            if row_end - 1 > k and not _is_value(cells[row_end - 1].text):
                row_end -= 1  # a category label for the next row
        row = _row(expected, cells[j], cells[k:row_end], n, has_attr, attr_first, has_unit)
        if row is None:
            break
        table.rows.append(row)
        table.end = row.end
        expected += 1
        # skip a category label (经济强, 百姓富) standing before the next row number
        j = row_end
        while j < len(cells) and j - row_end < 2 and cells[j].text != str(expected):
            j += 1
    return table


def _row(
    seq: int,
    seq_cell: Cell,
    cells: list[Cell],
    n: int,
    has_attr: bool,
    attr_first: bool,
    has_unit: bool = True,
) -> Row | None:
    """Cut a row's cells into name, unit, values and attribute, from the right, by the header's order."""
    u = 1 if has_unit else 0
    if len(cells) < n + u + (1 if has_attr else 0) + 1:
        return None
    attr_cell: Cell | None = None
    if has_attr and attr_first:
        attr_cell, values, rest = cells[-n - 1], cells[-n:], cells[: -n - 1]
    elif has_attr:
        attr_cell, values, rest = cells[-1], cells[-n - 1 : -1], cells[: -n - 1]
    else:
        values, rest = cells[-n:], cells[:-n]
    unit_cell = rest[-1] if has_unit else None
    name_cells = rest[:-1] if has_unit else rest
    if not name_cells:
        return None
    name = "".join(c.text for c in name_cells)
    cumulative = bool(re.search(r"累计", name))
    name = re.sub(
        r"[（(](?:五年|“十[一二三四五六七八九]五”|十[一二三四五六七八九]五)?累计[）)]", "", name
    ).strip()
    if unit_cell is not None:
        unit_text: str | None = unit_cell.text
    elif m := _UNIT_IN_NAME.search(name):
        # national tables put the unit in the name: 常住人口城镇化率（%）
        unit_text, name = m.group(1), name[: m.start()].strip()
    else:
        unit_text = None
    unit = None if unit_text in (None, "-", "—", "－", "/", "无", "——") else unit_text
    attribute = attr_cell.text if attr_cell is not None else None
    return Row(seq, name, unit, attribute, values, seq_cell.start, max(c.end for c in cells), cumulative)


_GROWTH_NAME = re.compile(r"(?:年均|年平均|累计)?(?:增速|增长率|增长|增幅)(?:率)?$")
_DECREASE_NAME = re.compile(r"(?:累计)?(?:降低|下降|减少)(?:率|幅度)?$")
_Q_PREFIX: dict[str, Qualifier] = {
    "<": "at_most",
    "＜": "at_most",
    "≤": "at_most",
    "不高于": "at_most",
    "不超过": "at_most",
    "低于": "at_most",
    ">": "at_least",
    "＞": "at_least",
    "≥": "at_least",
    "不低于": "at_least",
    "高于": "at_least",
}
_Q_SUFFIX: dict[str, Qualifier] = {"左右": "about", "以上": "at_least", "以内": "at_most", "以下": "at_most"}


def _column_kind(label: str, target_year: int | None) -> tuple[str, int | None] | None:
    """What a value column holds: ("target"|"baseline"|"growth", year)."""
    years = [int(y) for y in re.findall(r"20\d\d", label)]
    if re.search(r"年均|增长|增速", label) and not re.search(r"基期|现状", label):
        return "growth", target_year
    if re.search(r"基期|现状|基数|实际|完成", label) or (years and target_year and years[-1] < target_year):
        return "baseline", years[-1] if years else None
    if re.search(r"目标|规划|预期", label) or years:
        return "target", years[-1] if years else target_year
    return None


def _parse_value(text: str) -> tuple[float | None, float | None, Qualifier, bool]:
    """(value, value_max, qualifier, bracketed) of a cell; value None for text such as 完成市下达任务."""
    q: Qualifier
    if m := _NUMBER.match(text):
        q = "exact"
        if m.group(1):
            q = _Q_PREFIX.get(m.group(1), "exact")
        if m.group(3):
            q = _Q_SUFFIX[m.group(3)]
        return float(m.group(2)), None, q, bool(re.match(r"^\s*[\[〔【]", text))
    if r := _RANGE.match(text):
        return float(r.group(1)), float(r.group(2)), "range", False
    return None, None, "qualitative", False


def table_statements(doc: Document, table: Table) -> list[Statement]:
    """One target per row from the target column, plus the base-year result and the average growth
    where the table gives them."""
    meta = doc.meta
    end_year = meta.period[1] if meta.period else meta.target_year
    target_col = table.target_column
    out: list[Statement] = []
    for row in table.rows:
        name = row.name
        measure: Measure = "level"
        negative = False
        if _GROWTH_NAME.search(name):
            measure = "growth"
            name = _GROWTH_NAME.sub("", name)
        elif _DECREASE_NAME.search(name) and row.unit in ("%", None):
            measure = "growth"
            negative = True
            name = _DECREASE_NAME.sub("", name)
        for n, cell in enumerate(row.values):
            if n >= len(table.value_columns) or cell.text in ("—", "-", "－", "/", "——", "…"):
                continue
            col = _column_kind(table.value_columns[n], end_year)
            if col is None:
                continue
            role, year = col
            if role == "target" and n != target_col:
                continue
            value, value_max, qualifier, bracketed = _parse_value(cell.text)
            kind: Kind = "target"
            ms, unit, cumulative = measure, row.unit, row.cumulative or bracketed
            if role == "baseline":
                if value is None:
                    continue
                kind = "actual"
            elif role == "growth":
                target_cell = row.values[target_col].text if target_col < len(row.values) else "—"
                if value is None or (
                    measure == "growth" and target_cell not in ("—", "-", "－", "/", "——", "")
                ):
                    continue
                if measure == "growth":
                    # 单位GDP能源消耗降低 | — | 〔13.5〕: the period's change is the target itself
                    unit = row.unit or "%"
                # [0.7] under 年均/累计 of a share is a change in percentage points over the period
                elif bracketed and row.unit == "%":
                    ms, unit = "delta", "个百分点"
                else:
                    ms, unit = "growth", "%"
                cumulative = bracketed
            if value is None:
                unit = None
                if ms != "growth":
                    ms = "growth" if re.search(r"增长|提升|提高", cell.text) else "level"
            elif negative and ms == "growth":
                value = -value
            if kind == "target" and year is None:
                year = end_year
            out.append(
                _row_statement(
                    doc,
                    row,
                    table,
                    n,
                    name,
                    ms,
                    value,
                    value_max,
                    unit,
                    qualifier,
                    year,
                    cumulative,
                    kind=kind,
                )
            )
    return out


def _row_statement(
    doc: Document,
    row: Row,
    table: Table,
    n: int,
    name: str,
    measure: Measure,
    value: float | None,
    value_max: float | None,
    unit: str | None,
    qualifier: Qualifier,
    year: int | None,
    cumulative: bool,
    *,
    kind: Kind = "target",
) -> Statement:
    """The statement of one value cell of a row; its span is the whole row."""
    return Statement(
        doc=doc,
        kind=kind,
        indicator=name,
        measure=measure,
        value=value,
        value_max=value_max,
        unit=unit,
        qualifier=qualifier,
        year=year,
        start=row.start,
        end=row.end,
        text_start=row.start,
        text_end=row.end,
        cumulative=cumulative,
        region=doc.meta.region,
        attribute=row.attribute if kind == "target" else None,
        damaged=doc.is_damaged(row.start, row.end),
        extra={"source": "table", "column": table.value_columns[n]},
    )
