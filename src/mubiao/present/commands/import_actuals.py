"""``mubiao import-actuals FILE``: add results entered by hand (CSV or XLSX) to the store."""

from __future__ import annotations

from pathlib import Path

import click

from mubiao.ledger import Ledger
from mubiao.present.commands._db import db_option, open_store


@click.command("import-actuals")
@click.argument("file", type=click.Path(path_type=Path))
@db_option
@click.option(
    "--user", help="Who is importing, for the audit table (default: $MUBIAO_USER, else the login name)."
)
def import_actuals(file: Path, db: str | None, user: str | None) -> None:
    """Add results from FILE (.csv or .xlsx) with provenance "manual".

    Columns: region, indicator (or indicator_id), year, value, and optionally unit, measure
    (level, growth or delta; default level) and note.  Chinese headers (地区, 指标, 年份, 数值,
    单位, 口径, 备注) work too.  A file with any invalid row is refused whole; every change is
    recorded in the audit table.
    """
    with open_store(db, create=True) as store:
        s = Ledger(store).import_actuals(file, user=user)
    click.echo(
        f"{file.name}: {s.added} added, {s.updated} updated, {s.unchanged} unchanged "
        f"(import #{s.import_id} by {s.who})"
    )
