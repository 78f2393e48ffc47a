"""Named periods of Chinese planning: the five-year plans (十三五 → 2016–2020) and their vision years.

From the sixth plan on, the Nth plan runs from 1981 + 5(N − 6) to 1985 + 5(N − 6): 十四五 is 2021–2025,
十五五 2026–2030.  Names are written with Chinese numerals (十四五, 第十四个五年规划) or, in some
scraped texts, with Arabic ones (14五 does not occur; "十4五" does not either), so only the Chinese form
is read.
"""

from __future__ import annotations

import re

__all__ = ["CN_DIGITS", "PLAN_NAME", "PLAN_PERIODS", "plan_by_number", "plan_years"]

CN_DIGITS: dict[str, int] = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def plan_by_number(n: int) -> tuple[int, int]:
    """The years of the Nth five-year plan (N ≥ 6)."""
    return 1981 + 5 * (n - 6), 1985 + 5 * (n - 6)


#: 十一五 … 十九五 → their years
PLAN_PERIODS: dict[str, tuple[int, int]] = {f"十{d}五": plan_by_number(10 + n) for d, n in CN_DIGITS.items()}
#: a plan's name in running text, with or without quotation marks: “十四五”, 十四五
PLAN_NAME = re.compile(r"十([一二三四五六七八九])五")


def plan_years(name: str) -> tuple[int, int] | None:
    """十四五 → (2021, 2025); None for anything else."""
    return PLAN_PERIODS.get(name)
