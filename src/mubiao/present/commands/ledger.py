"""``mubiao ledger``: every target of the store set against its results, as a table, JSON or CSV.

The options that choose and judge the rows (``--region``, ``--indicator``, ``--year``,
``--status``, ``--as-of``, ``--method``, ``--tolerance``, ``--config``) are shared with
``mubiao export`` through :func:`ledger_options` and :func:`load_rows`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from mubiao.errors import MubiaoError
from mubiao.ledger import (
    CATEGORIES,
    LEVELS,
    METHODS,
    STATUS_COLOURS,
    STATUSES,
    TARGET_KINDS,
    EvalConfig,
    Ledger,
    LedgerQuery,
    LedgerRow,
    format_target,
    parse_tolerance,
    to_csv,
    to_json,
)
from mubiao.present.commands._db import db_option, fail, open_store

__all__ = ["ledger", "ledger_options", "load_rows"]

F = TypeVar("F", bound=Callable[..., Any])

#: the one palette of every face, bold where the status needs a look
STATUS_STYLES = {s: f"{'bold ' if s in ('missed', 'at_risk') else ''}#{c}" for s, c in STATUS_COLOURS.items()}


def ledger_options(f: F) -> F:
    """The options choosing and judging ledger rows, shared by ``ledger`` and ``export``."""
    options = [
        db_option,
        click.option("--region", help="Only this region: a name (天宁区), a short form (天宁) or a code."),
        click.option(
            "--indicator", help="Only this indicator: a registry id (gdp) or a phrase (地区生产总值)."
        ),
        click.option("--year", type=int, help="Only targets of this year and plans whose period covers it."),
        click.option(
            "--kind", type=click.Choice(TARGET_KINDS), help="Only a year's targets (annual) or plans' (plan)."
        ),
        click.option("--category", type=click.Choice(CATEGORIES), help="Only indicators of this category."),
        click.option("--level", type=click.Choice(LEVELS), help="Only regions of this level."),
        click.option(
            "--status",
            "statuses",
            multiple=True,
            type=click.Choice(STATUSES),
            help="Only rows with this status (repeat for several).",
        ),
        click.option(
            "--as-of", "as_of", type=int, metavar="YEAR", help="Judge with the results up to YEAR only."
        ),
        click.option(
            "--method",
            type=click.Choice(METHODS),
            help="Status of five-year targets: sdg (Eurostat ratio R), unsd (projection P), both (the worse). "
            "Default: sdg, or the settings file.",
        ),
        click.option(
            "--tolerance",
            metavar="SPEC",
            help="Tolerance of 左右 targets: 0.5 (growth, points), 2% (levels, relative), or growth=0.5,level=2%.",
        ),
        click.option(
            "--config",
            "config_path",
            type=click.Path(path_type=Path, dir_okay=False),
            help="A TOML file of ledger settings (default: $MUBIAO_LEDGER_CONFIG).",
        ),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def load_rows(
    db: str | None,
    *,
    method: str | None,
    tolerance: str | None,
    config_path: Path | None,
    statuses: tuple[str, ...] = (),
    **filters: Any,
) -> list[LedgerRow]:
    """The ledger rows the options ask for (``filters``: the fields of :class:`LedgerQuery`); a
    MubiaoError becomes a one-line message and exit 1."""
    try:
        overrides: dict[str, Any] = parse_tolerance(tolerance) if tolerance else {}
        config = EvalConfig.load(config_path, method=method, **overrides)
    except MubiaoError as e:
        fail(e)
    with open_store(db) as store:
        # through the Ledger, as the API and the dashboard: the same region and indicator rules,
        # the same status overrides
        try:
            query = LedgerQuery.of(status=statuses or None, **filters)
            return Ledger(store, config=config).rows(query)
        except MubiaoError as e:
            fail(e)


@click.command()
@ledger_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="table: for people; json: the ledger rows with their sources; csv: for spreadsheets.",
)
def ledger(
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
    fmt: str,
) -> None:
    """Every target in the store set against the results that answer it.

    Each row shows the target, the latest result, the gap (positive: still to do), the growth
    per year still needed and a status: achieved, on_track, at_risk, missed, pending (no result
    yet) or needs_review (qualitative, or progress cannot be judged).  JSON rows carry the inputs
    of the status in "details" and every statement used in "sources".
    """
    rows = load_rows(
        db, method=method, tolerance=tolerance, config_path=config_path, statuses=statuses, region=region,
        indicator=indicator, year=year, kind=kind, category=category, level=level, as_of=as_of,
    )  # fmt: skip
    if fmt == "json":
        sys.stdout.write(to_json(rows) + "\n")
    elif fmt == "csv":
        to_csv(rows, sys.stdout)
    else:
        _table(rows)


def _fmt(v: Any, unit: str | None = None) -> str:
    if v is None:
        return ""
    if not isinstance(v, float):
        return f"{v}{unit or ''}"
    # two decimals are enough to read; the JSON keeps the full figures
    return f"{v:.2f}".rstrip("0").rstrip(".") + (unit or "")


def _table(rows: list[LedgerRow]) -> None:
    console = Console()
    if not rows:
        console.print("no targets match")
        return
    table = Table(show_lines=False)
    for col in ("region", "indicator", "period", "target", "baseline", "actual", "gap", "pace %/yr", "status",
                "R", "P", "sources"):  # fmt: skip
        table.add_column(col, overflow="fold")
    for r in rows:
        a = r.actual or {}
        actual = _fmt(a.get("value"), a.get("unit")) + (f" ({a['year']})" if a.get("year") else "")
        status = Text(r.status, style=STATUS_STYLES.get(r.status, ""))
        if r.conflict:
            status.append(" ⚠", style="bold yellow")
        d = r.details
        table.add_row(
            r.region or "",
            r.indicator,
            r.period,
            format_target(r.target),
            _fmt(d.get("baseline")),
            actual,
            _fmt(r.gap),
            _fmt(r.required_pace)
            if r.method not in ("cumulative", "per_year")
            else _fmt(r.required_pace, "/yr"),
            status,
            _fmt((d.get("sdg") or {}).get("R")),
            _fmt((d.get("unsd") or {}).get("P")),
            ", ".join(sorted({s.document for s in r.sources})),
        )
    console.print(table)
    conflicts = sum(r.conflict for r in rows)
    note = f"; ⚠ {conflicts} with conflicting results (see --format json)" if conflicts else ""
    console.print(f"{len(rows)} targets{note}", style="dim")
