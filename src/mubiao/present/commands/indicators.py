"""``mubiao indicators``: the indicators of the store, and the phrases no indicator matches."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from mubiao.ledger import Ledger
from mubiao.present.commands._db import db_option, open_store


@click.group()
def indicators() -> None:
    """Indicators named by the statements in the store."""


@indicators.command("unmatched")
@db_option
@click.option("--limit", type=click.IntRange(min=1), help="Only the most frequent phrases.")
@click.option("--tsv", is_flag=True, help="Tab-separated count and phrase, for scripts.")
def unmatched(db: str | None, limit: int | None, tsv: bool) -> None:
    """Indicator phrases of stored statements that map to no registry indicator, with counts."""
    with open_store(db) as store:
        rows = Ledger(store).unmatched_indicators()
    rows = rows[:limit] if limit else rows
    if tsv:
        for phrase, n in rows:
            click.echo(f"{n}\t{phrase}")
        return
    if not rows:
        click.echo("every indicator phrase in the store maps to an indicator")
        return
    table = Table("count", "phrase")
    for phrase, n in rows:
        table.add_row(str(n), phrase)
    Console().print(table)


@indicators.command("list")
@db_option
@click.option("--tsv", is_flag=True, help="Tab-separated id, name, category and count, for scripts.")
def list_(db: str | None, tsv: bool) -> None:
    """The registry indicators that stored statements name, most used first."""
    with open_store(db) as store:
        rows = Ledger(store).indicators_in_store()
    if tsv:
        for r in rows:
            click.echo(f"{r.id}\t{r.name or ''}\t{r.category or ''}\t{r.statements}")
        return
    table = Table("id", "name", "category", "statements")
    for r in rows:
        table.add_row(r.id, r.name or "?", r.category or "", str(r.statements))
    Console().print(table)
