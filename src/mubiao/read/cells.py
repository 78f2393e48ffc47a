"""How table rows become text, for every format that has tables.

The extractor reads indicator tables flattened one cell per line, so a data row is written as its
cells, each on its own line after a tab, and a blank line after the row.  Nothing else in a read
document begins a line with a tab: readers turn tabs inside text into spaces.

Many pages (and some Word files) use a table to lay the whole page out; flattening such a "cell"
onto one line would glue a report's paragraphs together.  A table is taken for layout, and its cells
read as ordinary blocks, when a cell holds more text or more paragraphs than a data cell does.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["is_layout_table", "render_row"]

#: longer than any indicator or value cell, shorter than a paragraph of a report
MAX_CELL_CHARS = 200
#: a data cell may wrap its text in a few paragraphs (Word does); a laid-out page has many
MAX_CELL_BLOCKS = 4


def is_layout_table(texts: Sequence[Sequence[str]], blocks: Sequence[Sequence[int]]) -> bool:
    """Whether a table lays out a page: ``texts`` are its rows' cell texts, ``blocks`` the number of
    paragraphs in each cell."""
    return any(len(t) > MAX_CELL_CHARS for row in texts for t in row) or any(
        n > MAX_CELL_BLOCKS for row in blocks for n in row
    )


def render_row(texts: Sequence[str]) -> str:
    """A data row's lines, each ending in a newline; the caller puts a blank line after the row."""
    return "".join(f"\t{t}\n" for t in texts)
