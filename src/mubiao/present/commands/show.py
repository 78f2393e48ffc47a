"""``mubiao show ID``: a statement (or a ledger target) with the passage it was read from."""

from __future__ import annotations

import click
from rich.console import Console
from rich.text import Text

from mubiao.ledger import Ledger, StatementRecord
from mubiao.present.commands._db import db_option, open_store

_MARK_STYLE = "bold black on yellow"


@click.command()
@click.argument("statement_id", metavar="ID", type=int)
@db_option
@click.option(
    "--context",
    "context",
    type=click.IntRange(min=0),
    default=160,
    show_default=True,
    help="Characters of the document shown on each side of the claim.",
)
def show(statement_id: int, db: str | None, context: int) -> None:
    """Print statement (or target) ID, its fields and the source passage with the claim marked.

    The claim is highlighted on a terminal and written between [[ and ]] otherwise.
    """
    with open_store(db) as store:
        ledger = Ledger(store)
        rec = ledger.statement(statement_id)
        original = ledger.document(rec.doc_id).original if rec.provenance != "manual" else None
    console = Console(highlight=False)
    for name, value in _fields(rec):
        console.print(Text.assemble((f"{name:>10}  ", "dim"), value), soft_wrap=True)
    console.print()
    if original is None or rec.span is None:
        console.print(Text(rec.text), soft_wrap=True)
        return
    console.print(passage(original, rec.span, context, styled=console.is_terminal), soft_wrap=True)


def _fields(r: StatementRecord) -> list[tuple[str, str]]:
    value = "" if r.value is None else f"{r.value:g}"
    if r.value_max is not None:
        value += f"–{r.value_max:g}"
    source = r.doc_id if r.span is None else f"{r.doc_id} [{r.span[0]}:{r.span[1]}]"
    rows = [
        ("id", str(r.id)),
        ("kind", r.kind),
        ("indicator", r.indicator + (f" ({r.indicator_id})" if r.indicator_id else " (unmatched)")),
        ("value", f"{value}{r.unit or ''} {r.measure} {r.qualifier}".strip()),
        ("year", "" if r.year is None else str(r.year) + (" cumulative" if r.cumulative else "")),
        ("region", r.region or ""),
        ("source", source),
        ("provenance", r.provenance + (f", published {r.published}" if r.published else "")),
    ]
    if r.period:
        rows.append(("period", f"{r.period[0]}-{r.period[1]}"))
    if r.attribute:
        rows.append(("attribute", r.attribute))
    if r.damaged:
        rows.append(("damaged", "yes: the text around the claim is garbled"))
    return rows


def passage(original: str, span: tuple[int, int], context: int, *, styled: bool) -> Text:
    """The claim with up to ``context`` characters either side, cut at line breaks where there are some."""
    a, b = max(0, min(span[0], len(original))), max(0, min(span[1], len(original)))
    start, end = max(0, a - context), min(len(original), b + context)
    nl = original.rfind("\n", start, a)
    start = nl + 1 if nl >= 0 else start
    nl = original.find("\n", b, end)
    end = nl if nl >= 0 else end
    before, claim, after = original[start:a], original[a:b], original[b:end]
    text = Text("…" if start > 0 and original[start - 1] != "\n" else "")
    text.append(before)
    if styled:
        text.append(claim, style=_MARK_STYLE)
    else:
        text.append(f"[[{claim}]]")
    text.append(after)
    if end < len(original) and original[end] != "\n":
        text.append("…")
    return text
