"""Extraction: from a normalised, described document to its statements.

The text is read line by line (a line is a paragraph, a list item or a title), each line sentence by
sentence, each sentence clause by clause.  Tables are read first and their cells left alone after.
Per sentence, :mod:`context` decides target or actual; per number, :mod:`numbers` says what the
quantity is and :mod:`indicator` what it measures; clauses without numbers may still hold a
qualitative target (:mod:`qualitative`).
"""

from __future__ import annotations

import math
from bisect import bisect_left

from mubiao.document import Document
from mubiao.extract.claims import SentenceReader
from mubiao.extract.numbers import MAX_SIGNIFICANT_DIGITS, overlong_numbers
from mubiao.extract.scan import may_hold_long_run
from mubiao.extract.tables import find_tables, table_statements
from mubiao.gcpause import gc_paused
from mubiao.reference.registry import Registry
from mubiao.statement import Statement

__all__ = ["MAX_STATEMENTS_PER_SENTENCE", "extract_statements"]

#: a sentence of a real report makes a few dozen statements at most; a line of ``(增长5%`` repeated
#: would make one per repeat, each carrying the line
MAX_STATEMENTS_PER_SENTENCE = 200
#: warnings of one kind recorded on a document before they are summed up
_MAX_WARNINGS = 10


def extract_statements(doc: Document, registry: Registry | None = None) -> list[Statement]:
    with gc_paused():
        return _extract(doc, registry)


def _extract(doc: Document, registry: Registry | None) -> list[Statement]:
    tables = find_tables(doc.text)
    doc.tables = [(t.start, t.end) for t in tables]
    out: list[Statement] = []
    for t in tables:
        out.extend(table_statements(doc, t))
    out.extend(SentenceReader(doc).read())
    out.sort(key=lambda s: (s.start, s.end))
    out = _refuse_overlong(doc, out)
    out = _cap_sentences(doc, out)
    registry = registry if registry is not None else Registry.default()
    for st in out:
        found = registry.match(st.indicator)
        st.indicator_id = found.id if found else None
    return out


def _finite(st: Statement) -> bool:
    return all(v is None or math.isfinite(v) for v in (st.value, st.value_max))


def _refuse_overlong(doc: Document, statements: list[Statement]) -> list[Statement]:
    """Drop statements on numbers beyond float precision or infinite, with a warning on the document."""
    # most texts hold no run long enough: one pass of the scanner's engine says so
    spans = overlong_numbers(doc.text) if may_hold_long_run(doc.text) else []
    for a, b in spans[:_MAX_WARNINGS]:
        o, _ = doc.char_span(a, b)
        doc.warnings.append(
            f"a number of more than {MAX_SIGNIFICANT_DIGITS} significant digits ({b - a:,} characters at"
            f" offset {o}) is beyond what mubiao represents exactly: it is left out"
        )
    if len(spans) > _MAX_WARNINGS:
        doc.warnings.append(f"… and {len(spans) - _MAX_WARNINGS:,} more such numbers, left out")
    starts = [a for a, _ in spans]

    def overlaps(st: Statement) -> bool:
        k = bisect_left(starts, st.end)  # the spans that start before the claim ends
        return k > 0 and spans[k - 1][1] > st.start

    kept = [st for st in statements if _finite(st) and not (spans and overlaps(st))]
    if len(kept) < len(statements) and not spans:
        doc.warnings.append(
            f"{len(statements) - len(kept)} statements with a value that is not finite, left out"
        )
    return kept


def _cap_sentences(doc: Document, statements: list[Statement]) -> list[Statement]:
    """At most MAX_STATEMENTS_PER_SENTENCE statements of one sentence; a warning for the rest."""
    counts: dict[tuple[int, int], int] = {}
    kept: list[Statement] = []
    for st in statements:
        key = (st.text_start, st.text_end)
        n = counts[key] = counts.get(key, 0) + 1
        if n <= MAX_STATEMENTS_PER_SENTENCE:
            kept.append(st)
    over = {key: n for key, n in counts.items() if n > MAX_STATEMENTS_PER_SENTENCE}
    for a, b in list(over)[:_MAX_WARNINGS]:
        o, _ = doc.char_span(a, b)
        doc.warnings.append(
            f"the sentence at offset {o} makes more than {MAX_STATEMENTS_PER_SENTENCE} statements: the"
            f" first {MAX_STATEMENTS_PER_SENTENCE} are kept, the rest left out"
        )
    if len(over) > _MAX_WARNINGS:
        doc.warnings.append(f"… and {len(over) - _MAX_WARNINGS:,} more such sentences")
    return kept
