"""``mubiao extract FILE...``: print the statements of documents as JSON lines, CSV or a table."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from pathlib import Path

import click
import orjson

from mubiao.errors import MubiaoError
from mubiao.pipeline import extract as extract_statements
from mubiao.pipeline import read
from mubiao.statement import RECORD_FIELDS, Statement
from mubiao.timelimit import time_limit

FIELDS = list(RECORD_FIELDS)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "table", "csv"]),
    default="table",
    show_default=True,
    help="jsonl: the statement records of the spec; table: for people; csv: for spreadsheets.",
)
@click.option("--region", help="The region the documents are about (overrides detection), e.g. 天宁区.")
@click.option(
    "--year", type=int, help="The year the documents were delivered (a report of January 2025 → 2025)."
)
@click.option("--kind", type=click.Choice(["target", "actual"]), help="Only targets or only actuals.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    metavar="SECONDS",
    help="The most time to spend reading and extracting one document; a document over it fails alone.",
)
def extract(
    files: tuple[Path, ...],
    fmt: str,
    region: str | None,
    year: int | None,
    kind: str | None,
    timeout: float | None,
) -> None:
    """Extract every target and reported result from FILES (.txt, .html, .pdf, .docx).

    A file that cannot be read is reported on stderr with its reason and the others go on; the
    exit status is 1 if any file failed.
    """
    try:
        failed = _run(_expand(files), fmt, region, year, kind, timeout)
    except BrokenPipeError:
        # the reader of the output went away (``| head``): stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(1) from None
    if failed:
        raise SystemExit(1)


def _run(
    paths: list[Path], fmt: str, region: str | None, year: int | None, kind: str | None, timeout: float | None
) -> int:
    """Extract and print each of ``paths``; the number that failed."""
    failed = 0
    if fmt == "csv":
        csv.writer(sys.stdout).writerow(FIELDS)
    rows: list[Statement] = []
    for path in paths:
        try:
            with time_limit(timeout, str(path)):
                doc = read(path, region=region, year=year)
                statements = extract_statements(doc)
            if kind:
                statements = [s for s in statements if s.kind == kind]
            out = _render(statements, fmt)
        except MubiaoError as e:
            failed += 1
            click.echo(f"error: {e}", err=True)
            continue
        except Exception as e:  # a bug must not end the batch: it is this file's failure, named
            failed += 1
            click.echo(f"error: {path}: cannot be extracted: {type(e).__name__}: {e} [E200]", err=True)
            continue
        for warning in doc.warnings:
            click.echo(f"warning: {path}: {warning}", err=True)
        if fmt == "table":
            rows.extend(statements)
        elif isinstance(out, bytes):
            _write_bytes(out)
        else:
            sys.stdout.write(out)
    if fmt == "table":
        _table(rows)
    return failed


def _write_bytes(out: bytes) -> None:
    """UTF-8 ``out`` to standard output, past its text layer where it has one (no decode, no encode)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None or (sys.stdout.encoding or "").lower().replace("-", "") != "utf8":
        sys.stdout.write(out.decode())
        return
    sys.stdout.flush()
    buffer.write(out)


def _render(statements: list[Statement], fmt: str) -> str | bytes:
    """The statements as JSON lines (UTF-8) or CSV rows (nothing for a table, printed at the end)."""
    if fmt == "jsonl":
        # orjson: a tenth of json.dumps's time; values are finite by then (extraction refuses others)
        dumps, newline = orjson.dumps, orjson.OPT_APPEND_NEWLINE
        return b"".join(dumps(st.to_dict(), option=newline) for st in statements)
    if fmt != "csv":
        return ""
    buf = io.StringIO()
    writer = csv.writer(buf)
    for st in statements:
        d = st.to_dict()
        writer.writerow(
            [json.dumps(d[f], ensure_ascii=False) if isinstance(d[f], list) else d[f] for f in FIELDS]
        )
    return buf.getvalue()


def _expand(files: tuple[Path, ...]) -> list[Path]:
    out: list[Path] = []
    for f in files:
        if f.is_dir():
            out.extend(sorted(p for p in f.rglob("*") if p.is_file() and not p.name.startswith(".")))
        else:
            out.append(f)
    return out


_SIGN = {"about": "≈", "at_least": "≥", "at_most": "≤", "range": "", "exact": "", "qualitative": ""}


def _table(rows: list[Statement]) -> None:
    from rich.console import Console
    from rich.table import Table

    many = len({st.doc.id for st in rows}) > 1
    table = Table(show_lines=False, box=None, header_style="bold")
    if many:
        table.add_column("doc", overflow="ellipsis", max_width=14, no_wrap=True)
    table.add_column("kind")
    table.add_column("year")
    table.add_column("indicator", overflow="fold")
    table.add_column("measure")
    table.add_column("value", justify="right", no_wrap=True)
    table.add_column("as published", overflow="ellipsis", no_wrap=True, max_width=28)
    for st in rows:
        if st.value is None:
            value = "(qualitative)"
        else:
            d = st.to_dict()
            value = f"{_SIGN[st.qualifier]}{d['value']}"
            if d["value_max"] is not None:
                value += f"–{d['value_max']}"
            value += st.unit or ""
        cells = [
            st.kind,
            str(st.year or ""),
            st.indicator,
            st.measure,
            value,
            " ".join(st.source_text.split()),
        ]
        table.add_row(*([st.doc.id] if many else []), *cells)
    Console().print(table)
