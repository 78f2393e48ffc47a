"""Characters that are not there: format characters and other default-ignorables.

Zero-width spaces and joiners, byte-order marks inside the text, soft hyphens, bidirectional marks,
word joiners, variation selectors, tag characters (Unicode category Cf and the
Default_Ignorable_Code_Point property) are invisible when the text is shown, and copy-pasted or
web-scraped reports are full of them.  Left in place they split what a reader sees as one number
(``5\\u200b.5%`` would read as 5%) or one word, so they are deleted, through the offset map: the
spans of what is found still point into the original, invisible characters and all.
"""

from __future__ import annotations

import re

__all__ = ["INVISIBLE", "invisible_spans"]

# Category Cf of Unicode 15 (tests check it covers the running Python's Unicode database), and the
# other default-ignorable code points: combining grapheme joiner, Hangul fillers, Khmer inherent
# vowels, Mongolian variation selectors, variation selectors and the tag/ignorable plane block.
INVISIBLE = re.compile(
    "["
    "\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e0fff"
    "]+"
)


def invisible_spans(text: str, within: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """The runs of invisible characters in ``text``, to delete.

    ``within``, if given, are runs of ``text`` that hold every invisible character of it (its runs
    outside GB2312, which has none of them): only they are searched, not the whole text through the
    large class.
    """
    if within is None:
        return [m.span() for m in INVISIBLE.finditer(text)]
    return [m.span() for a, b in within for m in INVISIBLE.finditer(text, a, b)]
