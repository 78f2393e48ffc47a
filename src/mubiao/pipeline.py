"""The pipeline: read → normalise → describe → extract, as small components run in order.

Each component is a callable ``Document -> Document`` (or, last, ``Document -> list[Statement]``);
the runner names the component that failed, as spaCy's ``Language.__call__`` does.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from mubiao.document import Document
from mubiao.errors import MubiaoError, PipelineError
from mubiao.extract import extract_statements
from mubiao.extract.metadata import describe
from mubiao.normalise import normalise
from mubiao.read import load, load_text
from mubiao.statement import Statement

__all__ = ["extract", "read", "read_text"]

Component = Callable[[Document], Document]


def _run(doc: Document, components: list[tuple[str, Component]]) -> Document:
    for name, component in components:
        try:
            out = component(doc)
        except MubiaoError:
            raise
        except Exception as e:  # a bug in a component must still name the document and the step
            raise PipelineError(
                f"component {name!r} failed: {type(e).__name__}: {e}", path=doc.source or doc.id
            ) from e
        if not isinstance(out, Document):
            raise PipelineError(
                f"component {name!r} returned {type(out).__name__}, not Document", path=doc.id
            )
        doc = out
    return doc


def _prepare(doc: Document, region: str | None, year: int | None) -> Document:
    return _run(
        doc,
        [
            ("normalise", normalise),
            ("describe", lambda d: describe(d, region=region, year=year)),
        ],
    )


def read(
    path: str | os.PathLike[str],
    *,
    doc_id: str | None = None,
    region: str | None = None,
    year: int | None = None,
) -> Document:
    """Read a file (.txt, .html, .pdf, .docx) into a normalised, described :class:`Document`.

    ``region`` and ``year`` override what is detected; ``year`` is the year the document was
    delivered (a report given in January 2025 → 2025).
    """
    return _prepare(load(path, doc_id=doc_id), region, year)


def read_text(
    text: str, *, doc_id: str = "text", region: str | None = None, year: int | None = None
) -> Document:
    """Like :func:`read`, for text already in hand."""
    return _prepare(load_text(text, doc_id=doc_id), region, year)


def extract(document: Document) -> list[Statement]:
    """Every target and reported result of ``document``, in order of appearance."""
    if not document.normalised:
        document = _prepare(document, None, None)
    try:
        return extract_statements(document)
    except MubiaoError:
        raise
    except Exception as e:
        raise PipelineError(
            f"component 'extract' failed: {type(e).__name__}: {e}", path=document.source or document.id
        ) from e
