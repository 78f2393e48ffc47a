"""How table rows become text, for every format that has tables.

The extractor reads indicator tables flattened one cell per line, so a data row is written as its
cells, each on its own line after a tab, and a blank line after the row.  Nothing else in a read
document begins a line with a tab: readers turn tabs inside text into spaces.

Many pages (and some Word files) use a table to lay the whole page out; flattening such a "cell"
onto one line would glue a report's paragraphs together.  A row is taken for layout, and its cells
read as ordinary blocks, when a cell holds more text or more paragraphs than a data cell does.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["is_layout_row", "render_row"]

#: longer than any indicator or value cell, shorter than a paragraph of a report
MAX_CELL_CHARS = 200
#: a data cell may wrap its text in a few paragraphs (Word does); a laid-out page has many
MAX_CELL_BLOCKS = 4


def is_layout_row(texts: Sequence[str], blocks: Sequence[int]) -> bool:
    """Whether a row lays out a page: ``texts`` are its cells' texts, ``blocks`` their paragraph counts."""
    return any(len(t) > MAX_CELL_CHARS for t in texts) or any(b > MAX_CELL_BLOCKS for b in blocks)


def render_row(texts: Sequence[str]) -> str:
    """A data row as text; a row whose cells are all empty (a spacer) gives nothing."""
    if not any(texts):
        return ""
    return "\n" + "".join(f"\t{t}\n" for t in texts) + "\n"
