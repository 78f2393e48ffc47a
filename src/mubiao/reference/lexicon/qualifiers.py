"""The words around a figure that qualify it: 约 (about), 超过 (at least), 控制在…以内 (at most)."""

from __future__ import annotations

from typing import Literal

__all__ = ["AFTER", "BEFORE", "BEFORE_DOUBLING", "Bound"]

#: what a qualifier word says of a figure
Bound = Literal["about", "at_least", "at_most"]

#: words standing before a figure, by the qualifier they give; the longest match wins (不少于 is
#: at least although it ends in 少于)
BEFORE: dict[Bound, tuple[str, ...]] = {
    "at_most": ("不超过", "不高于", "控制在", "低于", "少于"),
    "at_least": ("不低于", "不少于", "至少", "超过", "突破", "迈上", "迈过", "跨越", "逾", "超", "多于"),
    "about": ("大约", "将近", "接近", "约", "近"),
}
#: words standing after a figure (or a milestone: 迈上千亿台阶), in the order they are tried
AFTER: dict[str, Bound] = {
    "左右": "about",
    "上下": "about",
    "以上": "at_least",
    "及以上": "at_least",
    "以内": "at_most",
    "以下": "at_most",
    "之内": "at_most",
    "台阶": "at_least",
}
#: the words that make 翻一番 approximate (接近翻一番) rather than at least a doubling
BEFORE_DOUBLING: tuple[str, ...] = ("接近", "近", "将近", "约")
