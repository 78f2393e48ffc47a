"""Pinyin glosses that scraping leaves after characters: 區(qū), 發(fā), 經(jīng)."""

from __future__ import annotations

import re

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# A gloss always carries a tone mark; that keeps enumerations such as (a) or (ng) untouched.
GLOSS = re.compile(rf"\((?=[a-zü]*[{_TONED}])[a-zü{_TONED}]{{1,7}}\)")


def gloss_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in GLOSS.finditer(text)]
