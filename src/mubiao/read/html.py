"""The visible text of an HTML page, with its blocks on lines and its table cells one per line."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from mubiao.read.cells import is_layout_table, render_row
from mubiao.read.limits import check_html

__all__ = ["html_text", "sniff_charset"]

# fmt: off
_SKIP = frozenset({
    "head", "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
    "select", "textarea", "button", "map", "canvas", "audio", "video",
})
_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
_CELLS = frozenset({"td", "th"})
# blocks a browser sets apart with a margin: a blank line, where other blocks get a line break
_PARAGRAPHS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote", "pre", "hr"})
# The source's own line breaks and indentation are layout, not content: browsers collapse them.
_SPACES = re.compile(r"[ \t\n\r\f\xa0]+")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
# Labels of the legacy encodings mubiao reads (UTF-8 is always tried first).  Pages that declare
# gb2312 routinely hold GBK characters, as browsers know (WHATWG maps the label to GBK), so the whole
# GB family is decoded as GB18030.
_CHARSETS = {
    **dict.fromkeys(
        ("gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "csgb2312", "chinese", "iso-ir-58"),
        "gb18030",
    ),
    **dict.fromkeys(("big5", "x-x-big5", "csbig5"), "big5"),
    "cp950": "cp950",
    "big5-hkscs": "big5hkscs",
}
# fmt: on


def sniff_charset(data: bytes) -> str | None:
    """The codec named by a ``<meta>`` charset near the top of the page, if it is one mubiao reads."""
    m = _META_CHARSET.search(data, 0, 4096)
    return _CHARSETS.get(m.group(1).decode("ascii").lower()) if m else None


def _hidden(node: LexborNode) -> bool:
    attrs = node.attrs
    if "hidden" in attrs:
        return True
    style = attrs.get("style")
    return bool(style and _HIDDEN.search(style))


class _Lines:
    """Text written as a browser's ``innerText`` lays it out: block boundaries ask for line breaks,
    and consecutive requests merge into the largest instead of adding up."""

    __slots__ = ("parts", "pending")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pending = 0

    def brk(self, lines: int) -> None:
        self.pending = max(self.pending, lines)

    def text(self, s: str) -> None:
        if self.pending:
            s = s.lstrip(" ")
            if not s:
                return
            if self.parts:
                self.parts.append("\n" * self.pending)
            self.pending = 0
        self.parts.append(s)


def _walk(root: LexborNode, out: _Lines, *, inline: bool) -> None:
    """Write the visible text under ``root``; inside a table cell (``inline``) blocks become spaces.

    The walk keeps its own stack, and tables put their cells on it rather than walking them
    themselves: pages nested thousands of elements deep, tables in tables in tables, must not hit
    Python's recursion limit.  An int on the stack is a break to ask for when an element ends, a
    string is text to write as it is (a data row).
    """
    stack: list[LexborNode | int | str] = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, int):
            out.brk(item)
            continue
        if isinstance(item, str):
            out.text(item)
            out.brk(2)
            continue
        tag = item.tag
        if tag == "-text":
            out.text(_SPACES.sub(" ", item.text_content or ""))
            continue
        if tag is None or tag in _SKIP or tag.startswith("-") or _hidden(item):
            continue
        if tag == "br":
            out.text(" " if inline else "\n")
            continue
        if tag == "table" and not inline:
            out.brk(2)
            stack.extend(reversed(_table(item)))
            continue
        if tag == "pre" and not inline:
            # preformatted text keeps its lines, which are all the structure it has
            out.brk(2)
            out.text(item.text().replace("\r\n", "\n").replace("\t", " ").strip("\n"))
            out.brk(2)
            continue
        children = list(item.iter(include_text=True))
        if tag in _BLOCK:
            if inline:
                out.text(" ")
                stack.append(0)
            else:
                lines = 2 if tag in _PARAGRAPHS else 1
                out.brk(lines)
                stack.append(lines)
        stack.extend(reversed(children))


def _rows(table: LexborNode) -> list[list[LexborNode]]:
    """The table's own rows (not those of tables nested in its cells), as lists of visible cells."""
    rows: list[list[LexborNode]] = []
    for child in table.iter():
        trs = [child] if child.tag == "tr" else [t for t in child.iter() if t.tag == "tr"]
        rows += [[c for c in tr.iter() if c.tag in _CELLS and not _hidden(c)] for tr in trs]
    return rows


def _cell_text(cell: LexborNode) -> str:
    inner = _Lines()
    _walk(cell, inner, inline=True)
    return _SPACES.sub(" ", "".join(inner.parts)).strip()


def _table(table: LexborNode) -> list[LexborNode | int | str]:
    """What a table writes, in order, for :func:`_walk` to write: its caption, then its cells as
    blocks (a layout table) or its data rows as text."""
    rows = _rows(table)
    items: list[LexborNode | int | str] = [c for c in table.iter() if c.tag == "caption"]
    # A table inside a cell makes the outer table a page layout: it holds no data.
    nested = any(c.css_first("table") is not None for row in rows for c in row)
    texts = [] if nested else [[_cell_text(c) for c in row] for row in rows]
    if nested or is_layout_table(texts, [[len(c.css("p, div, br, li")) for c in row] for row in rows]):
        for row in rows:
            for cell in row:
                items += [1, cell, 1]
    else:
        # a row of empty cells only spaces the table out
        items += [render_row(row_texts).rstrip("\n") for row_texts in texts if any(row_texts)]
    items.append(2)
    return items


_SPACE_RUN = re.compile(" {2,}")
_SPACE_AROUND_NEWLINE = re.compile(r" *\n *")
_BLANK_LINES = re.compile(r"\n{3,}")


def html_text(markup: str, path: str = "page") -> str:
    """The page's title on its own line, then the visible text of its body.

    A page with more elements than :data:`~mubiao.read.limits.MAX_HTML_ELEMENTS`, or nested deeper
    than :data:`~mubiao.read.limits.MAX_HTML_DEPTH`, is refused before it is parsed.
    """
    check_html(markup, path)
    tree = LexborHTMLParser(markup)
    out = _Lines()
    title = tree.css_first("head > title")
    if title is not None:
        out.text(_SPACES.sub(" ", title.text()).strip())
        out.brk(2)
    root = tree.body or tree.root
    if root is not None:
        _walk(root, out, inline=False)
    text = _SPACE_AROUND_NEWLINE.sub("\n", _SPACE_RUN.sub(" ", "".join(out.parts)))
    return _BLANK_LINES.sub("\n\n", text).strip(" \n")
