"""``mubiao correct ID`` and ``mubiao corrections``: change or exclude an extracted statement by
hand, audited, and list the corrections (see :mod:`mubiao.store.corrections`)."""

from __future__ import annotations

import getpass
import json
import os
from typing import Any

import click

from mubiao.errors import MubiaoError
from mubiao.ledger import Ledger
from mubiao.present.commands._db import db_option, fail, open_store


@click.command()
@click.argument("statement_id", type=int)
@db_option
@click.option("--kind", type=click.Choice(["target", "actual"]), help="A target or a result.")
@click.option("--year", type=int, help="The year the statement is about.")
@click.option("--period", metavar="START-END", help="A plan's period, e.g. 2021-2025.")
@click.option("--indicator", help="The indicator: a registry id or a phrase.")
@click.option("--value", type=float, help="The figure.")
@click.option("--unit", help="The unit of the figure (亿元, %, 个 …).")
@click.option("--measure", type=click.Choice(["level", "growth", "delta"]), help="What the figure measures.")
@click.option("--region", help="The region: a full name, short form or code.")
@click.option(
    "--exclude", is_flag=True, help="A false claim: remove it from the ledger (kept as a correction)."
)
@click.option("--reason", required=True, help="Why: kept with the correction and in the audit table.")
@click.option(
    "--user", help="Who is correcting, for the audit table (default: $MUBIAO_USER, else the login name)."
)
def correct(
    statement_id: int,
    db: str | None,
    reason: str,
    user: str | None,
    exclude: bool,
    **fields: Any,
) -> None:
    """Correct what the extraction made of statement STATEMENT_ID (see ``mubiao show``), or
    --exclude it; every change is audited and follows the claim when its document is extracted again."""
    changes = {k: v for k, v in fields.items() if v is not None}
    who = user or os.environ.get("MUBIAO_USER") or getpass.getuser()
    with open_store(db) as store:
        try:
            c = Ledger(store).correct(statement_id, changes, who=who, reason=reason, exclude=exclude)
        except MubiaoError as e:
            fail(e)
    what = (
        "excluded"
        if c.excluded
        else ", ".join(f"{k} {c.original.get(k)!r} → {v!r}" for k, v in c.changes.items())
    )
    click.echo(f"correction #{c.id} of statement {statement_id} by {c.who}: {what}")


@click.command()
@db_option
@click.option("--orphaned", is_flag=True, help="Only those no statement of the current extraction matches.")
@click.option("--doc", "doc_id", help="Only those of this document (a deleted one's too).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def corrections(db: str | None, orphaned: bool, doc_id: str | None, fmt: str) -> None:
    """List the corrections made by hand, oldest first, with the state of each (applied, orphaned,
    undone or dismissed)."""
    with open_store(db) as store:
        found = Ledger(store).corrections(state="orphaned" if orphaned else None, doc_id=doc_id)
    if fmt == "json":
        click.echo(json.dumps([c.to_dict() for c in found], ensure_ascii=False, indent=2))
        return
    for c in found:
        what = "excluded" if c.excluded else json.dumps(c.changes, ensure_ascii=False)
        statement = c.statement_id if c.statement_id is not None else "-"
        click.echo(f"#{c.id}\t{c.state}\t{c.doc_id}\t{statement}\t{what}\t{c.who}\t{c.reason}")
