"""The pipeline: read → normalise → describe → extract, as small components run in order.

Each component is a callable ``Document -> Document`` (or, last, ``Document -> list[Statement]``);
the runner names the component that failed, as spaCy's ``Language.__call__`` does.  The reference
data the components need — the regions of China and the indicator registry — is given to a
:class:`Pipeline` when it is made, so a user's own tables reach every stage::

    >>> from mubiao.reference import Regions, Registry
    >>> nlp = Pipeline(regions=Regions.default(), registry=Registry.default())
    >>> doc = nlp.read_text("2025年1月在某市人民代表大会上。今年地区生产总值增长5%左右。")
    >>> [s.value for s in nlp.extract(doc)]
    [5.0]
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable

from mubiao.describe import describe
from mubiao.document import DocType, Document
from mubiao.errors import MubiaoError, PipelineError
from mubiao.extract import extract_statements
from mubiao.normalise import normalise
from mubiao.read import load, load_text
from mubiao.reference.regions import Regions
from mubiao.reference.registry import Registry
from mubiao.statement import Statement

__all__ = ["Pipeline", "extract", "read", "read_text"]

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


class Pipeline:
    """The stages with their reference data: regions for describing, the registry for extracting."""

    def __init__(self, *, regions: Regions | None = None, registry: Registry | None = None) -> None:
        self.regions = regions if regions is not None else Regions.default()
        self.registry = registry if registry is not None else Registry.default()

    def prepare(
        self,
        doc: Document,
        *,
        region: str | None = None,
        year: int | None = None,
        kind: DocType | None = None,
        title: str | None = None,
    ) -> Document:
        """Normalise and describe ``doc``; ``region``, ``year``, ``kind`` (the document type) and
        ``title`` override what is detected."""
        return _run(
            doc,
            [
                ("normalise", normalise),
                (
                    "describe",
                    lambda d: describe(d, self.regions, region=region, year=year, kind=kind, title_=title),
                ),
            ],
        )

    def read(
        self,
        path: str | os.PathLike[str],
        *,
        doc_id: str | None = None,
        region: str | None = None,
        year: int | None = None,
    ) -> Document:
        """Read a file (.txt, .html, .pdf, .docx) into a normalised, described :class:`Document`."""
        return self.prepare(load(path, doc_id=doc_id), region=region, year=year)

    def read_text(
        self,
        text: str,
        *,
        doc_id: str = "text",
        region: str | None = None,
        year: int | None = None,
        kind: DocType | None = None,
        title: str | None = None,
    ) -> Document:
        """Like :meth:`read`, for text already in hand (a stored document's original, read again)."""
        return self.prepare(load_text(text, doc_id=doc_id), region=region, year=year, kind=kind, title=title)

    def extract(self, document: Document) -> list[Statement]:
        """Every target and reported result of ``document``, in order of appearance."""
        if not document.normalised:
            document = self.prepare(document)
        try:
            return extract_statements(document, self.registry)
        except MubiaoError:
            raise
        except Exception as e:
            raise PipelineError(
                f"component 'extract' failed: {type(e).__name__}: {e}", path=document.source or document.id
            ) from e


@functools.cache
def _default() -> Pipeline:
    return Pipeline()


def read(
    path: str | os.PathLike[str],
    *,
    doc_id: str | None = None,
    region: str | None = None,
    year: int | None = None,
) -> Document:
    """Read a file with the packaged reference data; see :meth:`Pipeline.read`.

    ``region`` and ``year`` override what is detected; ``year`` is the session year (a report
    given in January 2025, or in December 2024 for the 2025 session → 2025).
    """
    return _default().read(path, doc_id=doc_id, region=region, year=year)


def read_text(
    text: str,
    *,
    doc_id: str = "text",
    region: str | None = None,
    year: int | None = None,
    kind: DocType | None = None,
    title: str | None = None,
) -> Document:
    """Like :func:`read`, for text already in hand; ``kind`` (the document type) and ``title``
    override what is detected too."""
    return _default().read_text(text, doc_id=doc_id, region=region, year=year, kind=kind, title=title)


def extract(document: Document) -> list[Statement]:
    """Every target and reported result of ``document``, in order of appearance."""
    return _default().extract(document)
