"""The head of a document as describing it needs it: front matter, and the opening lines flattened.

Scraped reports open with page chrome, YAML front matter (``title:``, ``source:``), Markdown emphasis
that wraps a subtitle over two lines (``**——2016年2月25日在西宁市第十五届**`` / ``**人民代表大会…**``)
and HTML comments holding photo captions.  :class:`Head` keeps what those say in forms that the
patterns of the other modules can read without caring about the layout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["HEAD_CHARS", "Head", "read_head"]

#: how much of a document its description reads; a subtitle or a speaker's line comes before it
HEAD_CHARS = 4000
_FRONT = re.compile(r"\A\s*-{3,}[ \t]*\n(?P<body>.*?)\n-{3,}[ \t]*(?:\n|\Z)", re.S)
_FIELD = re.compile(r"^(?P<key>[A-Za-z_]+)\s*:\s*(?P<value>.*?)\s*$", re.M)
_COMMENT = re.compile(r"<!--(?P<body>.*?)-->", re.S)
_MARKUP = re.compile(r"\*\*|__|^#{1,6}\s*|^>\s*|^[-*+]\s+|<[^>\n]{1,80}>", re.M)
_SPACE = re.compile(r"[ \t\u3000\xa0]+")
# a character every match of _MARKUP, and of _SPACE, holds
_MARKUP_CHARS = "*_#>-+<"
_SPACE_CHARS = " \t\u3000\xa0"


@dataclass(frozen=True)
class Head:
    """The opening of a document in the forms describing reads."""

    #: fields of the YAML front matter (``title``, ``source`` …), when there is one
    front: dict[str, str]
    #: the opening lines after the front matter, markup and comments removed, blank lines dropped
    lines: tuple[str, ...]
    #: the same lines joined without breaks or spaces, for patterns that a wrap may cut
    flat: str
    #: the text of HTML comments (photo captions often name the session and the speaker)
    comments: str


def read_head(text: str) -> Head:
    """The :class:`Head` of a normalised text."""
    head = text[:HEAD_CHARS]
    front: dict[str, str] = {}
    m = _FRONT.match(head)
    if m:
        front = {
            f.group("key").lower(): f.group("value").strip("'\" ") for f in _FIELD.finditer(m.group("body"))
        }
        head = head[m.end() :]
    comments = " ".join(c.group("body").strip() for c in _COMMENT.finditer(head))
    body = _COMMENT.sub("\n", head)
    lines = []
    for raw in body.splitlines():
        # most lines hold neither markup nor runs of spaces: a substitution is made only where one
        # of their characters stands
        line = _MARKUP.sub("", raw) if any(c in raw for c in _MARKUP_CHARS) else raw
        if any(c in line for c in _SPACE_CHARS):
            line = _SPACE.sub(" ", line)
        line = line.strip()
        if line:
            lines.append(line)
    flat = _SPACE.sub("", "".join(lines))
    return Head(front, tuple(lines), flat, comments)
