"""``mubiao export --out FILE``: the ledger as a workbook (one sheet per region), CSV or JSON."""

from __future__ import annotations

from pathlib import Path

import click

from mubiao.errors import MubiaoError, UsageError
from mubiao.ledger import FORMATS
from mubiao.ledger import write_export as export_rows
from mubiao.present.commands._db import fail
from mubiao.present.commands.ledger import ledger_options, load_rows


@click.command()
@ledger_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="xlsx, csv or json; by default the extension of --out.",
)
@click.option(
    "--out", required=True, type=click.Path(path_type=Path, dir_okay=False), help="The file to write."
)
def export(
    db: str | None,
    region: str | None,
    indicator: str | None,
    year: int | None,
    kind: str | None,
    category: str | None,
    level: str | None,
    statuses: tuple[str, ...],
    as_of: int | None,
    method: str | None,
    tolerance: str | None,
    config_path: Path | None,
    fmt: str | None,
    out: Path,
) -> None:
    """Write the ledger to a file: xlsx (a summary sheet and one sheet per region, statuses
    coloured, sources in a column), csv, or json (the rows of ``mubiao ledger --format json``)."""
    fmt = fmt or out.suffix.lower().lstrip(".")
    try:
        if fmt not in FORMATS:
            raise UsageError(f"cannot tell the format from {out.name!r}: give --format {'|'.join(FORMATS)}")
        rows = load_rows(
            db, method=method, tolerance=tolerance, config_path=config_path, statuses=statuses, region=region,
            indicator=indicator, year=year, kind=kind, category=category, level=level, as_of=as_of,
        )  # fmt: skip
        export_rows(rows, fmt, out)
    except MubiaoError as e:
        fail(e)
    click.echo(f"{len(rows)} ledger rows written to {out}", err=True)
