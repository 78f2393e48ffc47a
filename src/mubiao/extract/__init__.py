"""Extraction: from a normalised, described document to its statements.

The text is read line by line (a line is a paragraph, a list item or a title), each line sentence by
sentence, each sentence clause by clause.  Tables are read first and their cells left alone after.
Per sentence, :mod:`context` decides target or actual; per number, :mod:`numbers` says what the
quantity is and :mod:`indicator` what it measures; clauses without numbers may still hold a
qualitative target (:mod:`qualitative`).
"""

from __future__ import annotations

from mubiao.document import Document
from mubiao.extract.claims import SentenceReader
from mubiao.extract.tables import find_tables, table_statements
from mubiao.reference.registry import Registry
from mubiao.statement import Statement

__all__ = ["extract_statements"]


def extract_statements(doc: Document, registry: Registry | None = None) -> list[Statement]:
    tables = find_tables(doc.text)
    doc.tables = [(t.start, t.end) for t in tables]
    out: list[Statement] = []
    for t in tables:
        out.extend(table_statements(doc, t))
    out.extend(SentenceReader(doc).read())
    out.sort(key=lambda s: (s.start, s.end))
    registry = registry if registry is not None else Registry.default()
    for st in out:
        found = registry.match(st.indicator)
        st.indicator_id = found.id if found else None
    return out
