"""The bounds of the API's integer inputs: a number past them is a 422, never a database error.

Python's integers have no end; the store's do (SQLite and PostgreSQL ids are 64-bit, years are
32-bit columns), so an unbounded ``?year=<20 digits>`` used to reach the driver and come back as a
500.  Every integer the API takes is bounded by one of these.
"""

from __future__ import annotations

__all__ = ["ID_MAX", "PAGE_MAX", "YEAR_MAX", "YEAR_MIN"]

#: a year: wide enough for any plan, narrow enough for every column
YEAR_MIN = 1
YEAR_MAX = 9999
#: a statement's or a target's id (the store's ids are 64-bit)
ID_MAX = 2**63 - 1
#: a page number (of at most 500 rows: far past any store)
PAGE_MAX = 10**9
