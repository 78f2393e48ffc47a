"""``mubiao report``: a plan's mid-term or final evaluation, or a year's follow-up, as DOCX, HTML or XLSX."""

from __future__ import annotations

from pathlib import Path

import click

from mubiao.errors import UsageError
from mubiao.present.commands._db import db_option, fail, open_store
from mubiao.present.reports import FORMATS, KINDS, build_report


@click.command()
@click.option(
    "--region", required=True, help="The region evaluated (天宁区; a short form such as 天宁 is resolved)."
)
@click.option(
    "--period", metavar="START-END", help="A plan period, 2021-2025 (default: the latest plan in the store)."
)
@click.option(
    "--year", type=int, help="One year: the follow-up of that year's targets (instead of --period)."
)
@click.option(
    "--kind",
    type=click.Choice(KINDS),
    default="auto",
    show_default=True,
    help="midterm (中期评估), final (末期评估), annual (年度跟踪); auto: by the period and the data.",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="docx", show_default=True)
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The file written (default: a name made of region, period and kind, in the current folder).",
)
@db_option
@click.option("--as-of", "as_of", type=int, metavar="YEAR", help="Evaluate with the results up to YEAR only.")
def report(
    region: str,
    period: str | None,
    year: int | None,
    kind: str,
    fmt: str,
    out: Path | None,
    db: str | None,
    as_of: int | None,
) -> None:
    """Write the evaluation report of REGION: status summary, a table per category, charts,
    the targets at risk with their gap and required pace, and the source of every figure."""
    if period is not None and year is not None:
        raise click.UsageError("give --period or --year, not both")
    with open_store(db) as store:
        content, _media_type, name = build_report(
            store,
            region=region,
            period=str(year) if year is not None else period,
            kind=kind,
            fmt=fmt,
            as_of=as_of,
        )
    path = out or Path(name)
    try:
        path.write_bytes(content)
    except OSError as e:
        fail(UsageError(f"cannot write the report: {e.strerror or e}", path=path))
    click.echo(f"wrote {path} ({len(content):,} bytes)")
