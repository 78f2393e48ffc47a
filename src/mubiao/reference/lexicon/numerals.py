"""Chinese numerals: digits, multipliers and the scales a figure is written in."""

from __future__ import annotations

__all__ = ["DIGITS", "MULTIPLIERS", "SCALES", "YEAR_DIGITS"]

#: the digits of a quantity (两 counts as 2: 两千, 两个)
DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
#: the digits of a year written in characters (二〇二五), with the stand-ins for 〇 that OCR and
#: typists leave (○, the letter O)
YEAR_DIGITS: dict[str, int] = {
    "〇": 0, "○": 0, "零": 0, "O": 0, "o": 0, "Ｏ": 0,
    "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
MULTIPLIERS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
#: scales kept in the unit as written (1.3万人, 两千万元), longest first
SCALES: tuple[str, ...] = ("万亿", "千亿", "百亿", "亿", "千万", "百万", "十万", "万", "千")
