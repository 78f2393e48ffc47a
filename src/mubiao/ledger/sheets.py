"""Text into spreadsheets, safely: document text stays text, never a live formula.

A spreadsheet program runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some,
a tab or a carriage return) as a formula: text read from a document or typed into an upload must
not.  Every CSV cell goes through :func:`csv_cell` and every workbook cell through :func:`put`;
the ledger export and the reports share them.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["FORMULA_STARTS", "csv_cell", "put"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: characters a workbook cannot hold (XML 1.0 forbids them)
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def csv_cell(value: object) -> object:
    """The value for a CSV cell: text that a spreadsheet would run as a formula gets a leading
    apostrophe (shown as text by Excel and LibreOffice), line ends are LF; numbers are unchanged."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_STARTS):
        value = "'" + value
    # a bare CR is no line end to the CSV writer (its lines end in LF) and would go unquoted
    return value.replace("\r\n", "\n").replace("\r", "\n")


def put(ws: Any, row: int, column: int, value: object) -> Any:
    """Write ``value`` to a cell of an openpyxl sheet; text is stored as a string, never a formula."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = _ILLEGAL.sub("", value)
        cell.data_type = "s"
    else:
        cell.value = value
    return cell
