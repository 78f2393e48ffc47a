"""``mubiao ingest PATH...``: extract documents and keep them, with their statements, in the store."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from mubiao.ledger import IngestProgress, IngestSummary, Ledger
from mubiao.present.commands._db import db_option, open_store


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option("--workers", type=click.IntRange(min=1), help="Extraction processes (default: one per core).")
@click.option(
    "--region",
    help="The region every document of the batch is about (a name, short form or code), over what they say.",
)
@click.option(
    "--year",
    type=click.IntRange(1949, 2100),
    help="The session year of every document of the batch (a report of January 2025 → 2025), over what they say.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where to extract: local worker processes, or a Dask cluster (PostgreSQL stores only; "
    "pip install 'mubiao[cluster]').",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="The Dask scheduler's address, with --engine dask (tcp://host:8786).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def ingest(
    paths: tuple[Path, ...],
    db: str | None,
    workers: int | None,
    region: str | None,
    year: int | None,
    engine: str,
    scheduler: str | None,
    quiet: bool,
) -> None:
    """Extract the documents at PATHS (files, or folders searched recursively) into the store.

    A document already stored is skipped unless mubiao's extractor has changed since, in which
    case its statements are replaced.  The same text in two formats (X.txt beside X.docx) is one
    document with two files; two different files of one name in two folders take their folder's
    name too (2024 → bulletin-national-2024).  A document that fails is reported and leaves the store as
    it was; the others go on, and the exit status is 1.

    With --engine dask the files are read here and extracted on the Dask cluster at --scheduler
    (its workers need mubiao installed, not the files); the results are written here, into
    PostgreSQL.
    """
    err = Console(stderr=True)
    # refreshed by hand, one document at a time: a refresh thread would make forking the
    # extraction workers unsafe
    progress = Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[file]}", style="dim"),
        console=err,
        auto_refresh=False,
        disable=quiet,
    )
    task = progress.add_task("ingesting", total=None, file="")

    def on_progress(event: IngestProgress) -> None:
        if event.status == "started":
            progress.update(task, total=event.total)
        else:
            name = Path(event.path).name if event.path else ""
            progress.update(task, completed=event.done, file=name)
            if event.status == "failed":
                progress.console.print(
                    f"[red]failed[/red] {event.path}: {event.reason}", markup=True, highlight=False
                )
        progress.refresh()

    with open_store(db, create=True) as store, progress:
        summary = Ledger(store).ingest(
            paths,
            progress=on_progress,
            workers=workers,
            region=region,
            year=year,
            engine=engine,
            scheduler=scheduler,
        )
    click.echo(_summary(summary))
    if summary.failed:
        raise SystemExit(1)


def _summary(s: IngestSummary) -> str:
    docs = "document" if s.documents == 1 else "documents"
    rate = (
        f", {s.documents_per_second:,.1f} documents/s, {s.chars_per_second:,.0f} characters/s"
        if s.extracted
        else ""
    )
    return (
        f"{s.documents} {docs}: {s.new} new, {s.updated} updated, {s.unchanged} unchanged, "
        f"{s.same_text} other formats, {s.failed} failed; "
        f"{s.statements:,} statements written; {s.chars:,} characters in {s.seconds:.1f} s{rate}"
    )
