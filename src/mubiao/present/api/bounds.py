"""The bounds of the API's numeric inputs: a number past them is a 422, never a database error.

Python's integers have no end; the store's do (SQLite and PostgreSQL ids are 64-bit, years are
32-bit columns), so an unbounded ``?year=<20 digits>`` used to reach the driver and come back as a
500.  Every integer the API takes is bounded by one of these.

A number given in a body (``POST /api/actuals``) is :data:`PlainNumber`: finite (JSON has no
infinity, but Python's parser takes ``1e999``, ``NaN`` and ``Infinity``) and of at most 15
significant digits, as many as a float keeps exactly and as the extraction itself takes.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

__all__ = ["ID_MAX", "MAX_DIGITS", "PAGE_MAX", "YEAR_MAX", "YEAR_MIN", "PlainNumber", "significant_digits"]

#: a year: wide enough for any plan, narrow enough for every column
YEAR_MIN = 1
YEAR_MAX = 9999
#: a statement's or a target's id (the store's ids are 64-bit)
ID_MAX = 2**63 - 1
#: a page number (of at most 500 rows: far past any store)
PAGE_MAX = 10**9
#: the most significant digits a number given to the API may have
MAX_DIGITS = 15


def significant_digits(x: float) -> int:
    """How many significant digits the shortest form of ``x`` has: 5.5 → 2, 1200.0 → 2."""
    mantissa = repr(float(x)).lower().split("e")[0].lstrip("-").replace(".", "")
    return max(1, len(mantissa.strip("0")))


def _plain(x: float) -> float:
    if significant_digits(x) > MAX_DIGITS:
        raise ValueError(
            f"a number of more than {MAX_DIGITS} significant digits is beyond a float's precision"
        )
    return x


#: a finite number of at most MAX_DIGITS significant digits
PlainNumber = Annotated[float, Field(allow_inf_nan=False), AfterValidator(_plain)]
