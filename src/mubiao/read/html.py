"""The visible text of an HTML page, with its blocks on lines and its table cells one per line."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from mubiao.read.cells import is_layout_row, render_row

__all__ = ["html_text", "sniff_charset"]

_SKIP = frozenset(
    {"head", "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
     "select", "textarea", "button", "map", "canvas", "audio", "video", "-comment", "!doctype"}
)
_BLOCK = frozenset(
    {"address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
     "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
     "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p",
     "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}
)
_CELLS = frozenset({"td", "th"})
# The source's own line breaks and indentation are layout, not content: browsers collapse them.
_SPACES = re.compile(r"[ \t\n\r\f\xa0]+")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
# Labels for the encodings mubiao reads; pages that declare gb2312 routinely hold GBK characters,
# as browsers know (WHATWG maps the label to GBK), so the whole GB family decodes as GB18030.
_CHARSETS = {
    "utf-8": "utf-8", "utf8": "utf-8", "unicode-1-1-utf-8": "utf-8",
    "gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
    "euc-cn": "gb18030", "csgb2312": "gb18030", "chinese": "gb18030", "iso-ir-58": "gb18030",
    "big5": "big5", "x-x-big5": "big5", "csbig5": "big5", "cp950": "cp950", "big5-hkscs": "big5hkscs",
}


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


def _text_of(root: LexborNode, out: list[str], *, inline: bool) -> None:
    """Append the visible text under ``root``; blocks become line breaks (spaces when ``inline``).

    The walk keeps its own stack: pages nested thousands of elements deep must not hit Python's
    recursion limit.
    """
    brk = " " if inline else "\n"
    stack: list[LexborNode | str] = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        tag = item.tag
        if tag == "-text":
            out.append(_SPACES.sub(" ", item.text_content or ""))
            continue
        if tag in _SKIP or tag is None or tag.startswith("-") or _hidden(item):
            continue
        if tag == "br":
            out.append(brk)
            continue
        if tag == "tr" and not inline:
            _row(item, out)
            continue
        children = list(item.iter(include_text=True))
        if tag in _BLOCK:
            out.append(brk)
            stack.append(brk)
        stack.extend(reversed(children))


def _row(tr: LexborNode, out: list[str]) -> None:
    cells = [c for c in tr.iter() if c.tag in _CELLS and not _hidden(c)]
    texts: list[str] = []
    for cell in cells:
        if cell.css_first("table") is not None:
            # A table inside a cell: the outer table lays the page out, it holds no data.
            texts = []
            break
        parts: list[str] = []
        _text_of(cell, parts, inline=True)
        texts.append(_SPACES.sub(" ", "".join(parts)).strip())
    if texts and not is_layout_row(texts, [len(c.css("p, div, br, li")) for c in cells]):
        out.append(render_row(texts))
        return
    for cell in cells:
        _text_of(cell, out, inline=False)


_SPACE_RUN = re.compile(" {2,}")
_SPACE_AROUND_NEWLINE = re.compile(r" *\n *")
_BLANK_LINES = re.compile(r"\n{3,}")


def html_text(markup: str) -> str:
    """The page's title on its own line, then the visible text of its body."""
    tree = LexborHTMLParser(markup)
    out: list[str] = []
    title = tree.css_first("head > title") or tree.css_first("title")
    if title is not None:
        out += [_SPACES.sub(" ", title.text()).strip(), "\n\n"]
    root = tree.body or tree.root
    if root is not None:
        _text_of(root, out, inline=False)
    text = _SPACE_AROUND_NEWLINE.sub("\n", _SPACE_RUN.sub(" ", "".join(out)))
    return _BLANK_LINES.sub("\n\n", text).strip(" \n")
