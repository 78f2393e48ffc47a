"""Spreadsheets never run document text: CSV cells and workbook cells stay text; one palette."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import openpyxl
import pytest

from mubiao.ledger.export import FORMATS, OUTPUT_FORMATS, render
from mubiao.ledger.sheets import FORMULA_STARTS, csv_cell
from mubiao.ledger.status import STATUS_COLOURS, STATUSES
from mubiao.store.records import LedgerRow, Source

WEB = Path(__file__).resolve().parents[2] / "src" / "mubiao" / "present" / "web" / "static"

HOSTILE = ["=1+2", '=HYPERLINK("http://x","y")', "+1", "-1+cmd", "@SUM(A1)", "\t=1", "\r=1"]


def _row(text: str) -> LedgerRow:
    return LedgerRow(
        region=text,
        indicator=text,
        indicator_id=None,
        period="2025",
        target={"measure": "level", "value": -3.4, "unit": text, "qualifier": "exact"},
        actual=None,
        gap=None,
        required_pace=None,
        status="pending",
        method="annual",
        sources=[Source(1, text, (0, 3), text, "target", role="target", year=2025)],
        category=text,
    )


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("text", HOSTILE)
def test_csv_cells_never_start_a_formula(text: str) -> None:
    content = render([_row(text)], "csv").decode("utf-8")
    assert content.startswith("\ufeff") and not content.startswith("\ufeff\ufeff")
    for record in csv.reader(io.StringIO(content.removeprefix("\ufeff"), newline="")):
        for cell in record:
            assert _number(cell) or not cell.startswith(FORMULA_STARTS), cell
    assert csv_cell(-3.4) == -3.4 and csv_cell(None) == ""


@pytest.mark.parametrize("text", HOSTILE)
def test_workbook_cells_hold_text_not_formulas(text: str) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(render([_row(text)], "xlsx")))
    for ws in wb.worksheets:
        for line in ws.iter_rows():
            for cell in line:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    sheet = wb.worksheets[1]
    values = [c.value for c in sheet[2]]
    assert text.replace("\r", "").replace("\t", "") in {
        str(v).replace("\r", "").replace("\t", "") for v in values
    }


def test_one_format_registry() -> None:
    assert FORMATS == ("xlsx", "csv", "json") and set(OUTPUT_FORMATS) == set(FORMATS)


def test_one_palette_for_every_face() -> None:
    js = (WEB / "format.js").read_text(encoding="utf-8")
    css = (WEB / "app.css").read_text(encoding="utf-8")
    assert set(STATUS_COLOURS) == set(STATUSES)
    for status, colour in STATUS_COLOURS.items():
        assert re.search(rf'{status}: "#{colour}"', js, re.IGNORECASE), status
        assert re.search(rf"--st-{status}: #{colour};", css, re.IGNORECASE), status
