"""The numbered source notes of a report: every passage a figure rests on, numbered in order of first use.

Each table cell points to its notes by number (``[1–4]``), so that a reader can find the passage
a figure was read from: its document, its place there and its text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from mubiao.ledger import Source
from mubiao.present.reports.labels import ROLE_LABELS
from mubiao.present.reports.wording import clean_text

__all__ = ["SourceNote", "compact_numbers"]


@dataclass(frozen=True)
class SourceNote:
    """A numbered passage the report rests on: one or more statements read from one place."""

    number: int
    statement_ids: tuple[int, ...]
    document: str
    document_title: str | None
    #: what the passage gives the report: (role, year) — a plan's table row is target and baseline
    uses: tuple[tuple[str, int | None], ...]
    span: tuple[int, int] | None
    text: str
    provenance: str

    @property
    def uses_label(self) -> str:
        """``目标（2025年）、基期值（2020年）``."""
        return "、".join(
            ROLE_LABELS.get(role, role or "—") + (f"（{year}年）" if year is not None else "")
            for role, year in self.uses
        )

    @property
    def where(self) -> str:
        """The passage's place in its document, as a reader can find it again."""
        if self.provenance == "manual":
            return "人工录入"
        if self.span is None:
            return "—"
        return f"第{self.span[0]}–{self.span[1]}字"


def compact_numbers(numbers: Iterable[int]) -> str:
    """``1, 2, 3, 4, 9`` → ``1–4, 9``: runs of three or more as a range."""
    ordered = sorted(set(numbers))
    parts: list[str] = []
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"{ordered[i]}–{ordered[j]}")
        else:
            parts.extend(str(n) for n in ordered[i : j + 1])
        i = j + 1
    return ", ".join(parts)


class Notes:
    """Source notes numbered in order of first use, one per passage (document, span and text)."""

    def __init__(self, titles: Mapping[str, str | None]) -> None:
        self._titles = titles
        self._notes: dict[tuple[Any, ...], SourceNote] = {}

    def numbers(self, sources: Iterable[Source]) -> tuple[int, ...]:
        out: list[int] = []
        for s in sources:
            key: tuple[Any, ...] = (s.document, s.span, s.text) if s.span else ("statement", s.statement_id)
            use = (s.role or s.kind, s.year)
            note = self._notes.get(key)
            if note is None:
                note = SourceNote(
                    number=len(self._notes) + 1,
                    statement_ids=(s.statement_id,),
                    document=s.document,
                    document_title=self._titles.get(s.document),
                    uses=(use,),
                    span=s.span,
                    text=clean_text(s.text),
                    provenance=s.provenance,
                )
            else:
                if s.statement_id not in note.statement_ids:
                    note = replace(note, statement_ids=(*note.statement_ids, s.statement_id))
                if use not in note.uses:
                    note = replace(note, uses=(*note.uses, use))
            self._notes[key] = note
            if note.number not in out:
                out.append(note.number)
        return tuple(out)

    def all(self) -> tuple[SourceNote, ...]:
        return tuple(sorted(self._notes.values(), key=lambda n: n.number))
