"""Builders of hostile inputs, shared by the security tests and the fuzz suite.

Each builds bytes in memory; none writes a file.  Zip bombs are deflated as they are written, so a
gigabyte of declared content costs its compressed size in memory, not its size.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml"'
    ' ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"'
    ' Target="word/document.xml"/>'
    "</Relationships>"
)
DOC_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
)
DOC_TAIL = "</w:body></w:document>"


def para(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def docx_from_parts(body: Iterable[bytes | str]) -> bytes:
    """A minimal .docx whose document.xml is ``DOC_HEAD``, then ``body`` streamed, then ``DOC_TAIL``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(DOC_HEAD.encode())
            for chunk in body:
                f.write(chunk.encode() if isinstance(chunk, str) else chunk)
            f.write(DOC_TAIL.encode())
    return out.getvalue()


def docx_bomb(megabytes: int) -> bytes:
    """A .docx of about a thousandth of ``megabytes`` whose one paragraph unpacks into that many MB."""

    def body() -> Iterator[bytes]:
        yield b'<w:p><w:r><w:t xml:space="preserve">'
        chunk = b"\xe5\xa2\x9e" * (2**20 // 3)  # 增 repeated: a megabyte of one character
        for _ in range(megabytes):
            yield chunk
        yield b"</w:t></w:r></w:p>"

    return docx_from_parts(body())


def docx_many_paragraphs(n: int) -> bytes:
    """A .docx of ``n`` short paragraphs, each different, so that they do not compress away."""
    return docx_from_parts(para(f"第{i}段增长{i % 97}%。") for i in range(n))


def docx_nested_tables(depth: int, text: str = "地区生产总值增长5%") -> bytes:
    """A .docx with tables nested ``depth`` deep, ``text`` in the innermost cell."""
    return docx_from_parts(["<w:tbl><w:tr><w:tc>" * depth, para(text), "</w:tc></w:tr></w:tbl>" * depth])


def nested_html(depth: int, tag: str = "div", text: str = "地区生产总值增长5%。") -> bytes:
    if tag == "table":
        opening, closing = "<table><tr><td>", "</td></tr></table>"
    else:
        opening, closing = f"<{tag}>", f"</{tag}>"
    return f"<html><body>{opening * depth}{text}{closing * depth}</body></html>".encode()


REPORT_HEAD = "澜溪区2025年政府工作报告\n二、2025年目标任务\n"
