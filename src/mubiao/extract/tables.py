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
from mubiao.statement import Statement

__all__ = ["Row", "Table", "find_tables", "table_statements"]

_HEADER_WORDS = ("序号", "指标", "单位", "属性")
_ATTRIBUTES = ("预期性", "约束性")
_NUMBER = re.compile(r"^\s*([<>≤≥＜＞]|不低于|不高于|不超过|低于|高于)?\s*[\[〔【(（]?\s*(-?\d+(?:\.\d+)?)\s*[\]〕】)）]?\s*(左右|以上|以内|以下)?\s*$")
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
            if re.search(r"20\d\d", self.value_columns[i]) and not re.search(r"基期|现状|基数|实际", self.value_columns[i]):
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
    return bool(_NUMBER.match(s) or _RANGE.match(s)) or bool(
        re.search(r"完成|下达|任务|保持|稳定|提高|提升|下降|达到|持续|逐步|同步|以上|以内|左右", s) and len(s) <= 16
    )


def find_tables(text: str) -> list[Table]:
    tables: list[Table] = []
    for m in re.finditer(r"序号", text):
        if tables and m.start() < tables[-1].end:
            continue
        head = text[m.start() : m.start() + 200]
        if sum(w in head for w in _HEADER_WORDS) < 3:
            continue
        table = _parse(text, m.start())
        if table and len(table.rows) >= 2:
            tables.append(table)
    return tables


def _parse(text: str, start: int) -> Table | None:
    limit = min(len(text), start + 60_000)
    cells = _cells(text, start, limit)
    # header: cells up to the first row number "1"
    i = 0
    header: list[str] = []
    while i < len(cells) and cells[i].text != "1":
        header.append(cells[i].text)
        i += 1
        if len(header) > 20:
            return None
    if i >= len(cells):
        return None
    # header cells after 属性 or 单位 that are not fixed columns are value columns; a header word
    # broken over lines (2025年 / 预期目标) is joined
    cols: list[str] = []
    for h in header:
        if h in ("序号", "单位", "属性") or h.startswith("指标"):
            cols.append(h)
        elif cols and re.fullmatch(r"20\d\d年?", cols[-1]) and not re.search(r"20\d\d", h):
            cols[-1] += h
        elif re.search(r"20\d\d|目标|基期|现状|年均|累计|预期", h):
            cols.append(h)
        # anything else (a category column title such as 类别) carries no value
    value_cols = [c for c in cols if c not in ("序号", "单位", "属性") and not c.startswith("指标")]
    if not value_cols:
        return None
    attr_before_values = "属性" in cols and cols.index("属性") < cols.index(value_cols[0])
    table = Table(start=start, end=start, value_columns=value_cols)
    expected = 1
    j = i
    while j < len(cells) and cells[j].text == str(expected):
        k = j + 1
        if attr_before_values:
            # seq, name (maybe broken over cells), unit, attribute, values: the attribute anchors it
            attr = next((n for n in range(k, min(k + 8, len(cells))) if cells[n].text in _ATTRIBUTES), None)
            if attr is None:
                break
            k = attr + 1 + len(value_cols)
            row_cells = cells[j + 1 : k]
            # a category label (经济强, 百姓富) may stand before the next row number
            while k < len(cells) and cells[k].text != str(expected + 1) and not _SEQ.match(cells[k].text) and k - (attr + len(value_cols)) <= 2:
                k += 1
        else:
            row_cells = []
            while k < len(cells) and cells[k].text != str(expected + 1) and len(row_cells) <= 12:
                row_cells.append(cells[k])
                k += 1
        row = _row(expected, cells[j], row_cells, len(value_cols), attr_before_values)
        if row is None:
            break
        table.rows.append(row)
        table.end = row.end
        expected += 1
        j = k
    return table


def _row(seq: int, seq_cell: Cell, cells: list[Cell], n_values: int, attr_before_values: bool) -> Row | None:
    attr_idx = next((n for n, c in enumerate(cells) if c.text in _ATTRIBUTES), None)
    if attr_idx is not None and attr_before_values:
        values = cells[attr_idx + 1 : attr_idx + 1 + n_values]
        unit_idx = attr_idx - 1
        name_cells = cells[:unit_idx]
    else:
        # values are the cells after the unit; locate the first value-looking cell after the name
        first_val = next((n for n in range(1, len(cells)) if _is_value(cells[n].text)), None)
        if first_val is None:
            return None
        unit_idx = first_val - 1
        name_cells = cells[:unit_idx]
        values = [c for c in cells[first_val : first_val + n_values + (1 if attr_idx is not None else 0)] if c.text not in _ATTRIBUTES]
    if not name_cells or unit_idx < 0 or not values:
        return None
    unit_text = cells[unit_idx].text
    if _is_value(unit_text) and not re.search(r"[%/元人个家件亩米次批]", unit_text):
        return None
    name = "".join(c.text for c in name_cells)
    cumulative = bool(re.search(r"[（(]?(?:五年)?累计[）)]?", name))
    name = re.sub(r"[（(](?:五年|“十四五”|十四五)?累计[）)]", "", name).strip()
    unit = None if unit_text in ("-", "—", "－", "/", "无") else unit_text
    attribute = cells[attr_idx].text if attr_idx is not None else None
    end_cell = values[-1] if values else cells[-1]
    return Row(seq, name, unit, attribute, values, seq_cell.start, end_cell.end, cumulative)


_GROWTH_NAME = re.compile(r"(?:年均|年平均|累计)?(?:增速|增长率|增长|增幅)(?:率)?$")
_DECREASE_NAME = re.compile(r"(?:累计)?(?:降低|下降|减少)(?:率|幅度)?$")
_Q_PREFIX = {"<": "at_most", "＜": "at_most", "≤": "at_most", "不高于": "at_most", "不超过": "at_most",
             "低于": "at_most", ">": "at_least", "＞": "at_least", "≥": "at_least", "不低于": "at_least", "高于": "at_least"}
_Q_SUFFIX = {"左右": "about", "以上": "at_least", "以内": "at_most", "以下": "at_most"}


def table_statements(doc: Document, table: Table) -> list[Statement]:
    """One target per row: the value of the table's target column."""
    meta = doc.meta
    year = meta.period[1] if meta.period else meta.target_year
    col = table.target_column
    out: list[Statement] = []
    for row in table.rows:
        if col >= len(row.values):
            continue
        cell = row.values[col]
        name = row.name
        measure = "level"
        negative = False
        if _GROWTH_NAME.search(name):
            measure = "growth"
            name = _GROWTH_NAME.sub("", name)
        elif _DECREASE_NAME.search(name) and row.unit in ("%", None):
            measure = "growth"
            negative = True
            name = _DECREASE_NAME.sub("", name)
        value: float | None = None
        value_max: float | None = None
        qualifier = "exact"
        unit = row.unit
        cumulative = row.cumulative or bool(re.match(r"^\s*[\[〔【]", cell.text))
        if m := _NUMBER.match(cell.text):
            value = float(m.group(2))
            if m.group(1):
                qualifier = _Q_PREFIX.get(m.group(1), "exact")
            if m.group(3):
                qualifier = _Q_SUFFIX[m.group(3)]
            if negative:
                value = -value
        elif r := _RANGE.match(cell.text):
            value, value_max, qualifier = float(r.group(1)), float(r.group(2)), "range"
        else:
            qualifier = "qualitative"
            unit = None
            measure = "level" if not re.search(r"增长|提升|提高", cell.text) else "growth"
        out.append(
            Statement(
                doc=doc,
                kind="target",
                indicator=name,
                measure=measure,  # type: ignore[arg-type]
                value=value,
                value_max=value_max,
                unit=unit,
                qualifier=qualifier,  # type: ignore[arg-type]
                year=year,
                start=row.start,
                end=row.end,
                text_start=row.start,
                text_end=row.end,
                cumulative=cumulative,
                region=meta.region,
                attribute=row.attribute,
                damaged=doc.is_damaged(row.start, row.end),
                extra={"source": "table"},
            )
        )
    return out
