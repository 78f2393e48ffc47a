"""``mubiao tasks``, ``mubiao remind`` and ``mubiao bulletin``: supervision (督查督办) from the shell.

As ``mubiao units`` does, the commands act as an administrator named by ``--as`` (default
``$MUBIAO_USER``, else the login name): whoever runs them holds the store itself.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from mubiao.errors import UsageError
from mubiao.ledger import COLOUR_LABELS, FREQUENCIES, Ledger, Principal, SmtpConfig, TaskInfo
from mubiao.present.commands._db import actor, as_option, db_option, fail, open_store


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"a date is as 2025-12-31, not {value!r}") from None


def _show(task: TaskInfo) -> None:
    co = f"; co-units {', '.join(task.co_units)}" if task.co_units else ""
    click.echo(
        f"task {task.id}: {task.title} — {task.region} {task.year}, lead {task.lead_unit}{co}, "
        f"{task.frequency}, deadline {task.deadline.isoformat()}"
    )
    for t in task.targets:
        share = f" (share {t.share:g}{t.unit or ''})" if t.share is not None else ""
        click.echo(
            f"  target {t.id} [{t.target_id or '-'}] {t.indicator}{share}: "
            f"{COLOUR_LABELS[t.light.colour]} {t.light.rule}"
        )
        for h in t.history:
            note = f" — {h.review_note}" if h.review_note else ""
            click.echo(
                f"    report {h.id} {h.period} {h.value if h.value is not None else ''} {h.status} by {h.who}{note}"
            )


@click.group()
def tasks() -> None:
    """Supervision tasks (督查督办): targets given to units, their progress reports and lights."""


@tasks.command("add")
@db_option
@as_option
@click.argument("title")
@click.option(
    "--target", "targets", type=int, multiple=True, required=True, help="A ledger target id (repeat)."
)
@click.option("--lead", required=True, metavar="UNIT", help="The lead unit (牵头单位).")
@click.option("--co", "co_units", multiple=True, metavar="UNIT", help="A co-unit (责任单位; repeat).")
@click.option("--frequency", type=click.Choice(FREQUENCIES), default="quarterly", show_default=True)
@click.option("--deadline", metavar="DATE", help="The task's deadline (default: the year's end).")
@click.option("--due-days", type=int, help="A report is due this many days after its period (default 10).")
def add_task(
    db: str | None, as_user: str | None, title: str, targets: tuple[int, ...], lead: str, co_units: tuple[str, ...],
    frequency: str, deadline: str | None, due_days: int | None,
) -> None:  # fmt: skip
    """Give targets to a lead unit: mubiao tasks add 稳增长 --target 12 --lead 区发改委 --co 区统计局"""
    with open_store(db, create=True) as store:
        task = Ledger(store).supervision.add_task(
            title, targets=targets, lead=lead, co=co_units, frequency=frequency, deadline=_date(deadline),
            due_days=due_days, actor=actor(as_user),
        )  # fmt: skip
    _show(task)


@tasks.command("split")
@db_option
@as_option
@click.argument("target", type=int)
@click.option("--share", "shares", multiple=True, required=True, metavar="UNIT=VALUE",
              help="A unit and its part of the target (repeat).")  # fmt: skip
@click.option("--frequency", type=click.Choice(FREQUENCIES), default="quarterly", show_default=True)
@click.option("--deadline", metavar="DATE", help="The tasks' deadline (default: the year's end).")
def split(
    db: str | None,
    as_user: str | None,
    target: int,
    shares: tuple[str, ...],
    frequency: str,
    deadline: str | None,
) -> None:
    """Split a region's target among units: mubiao tasks split 12 --share 郑陆镇=900 --share 青龙街道=600"""
    parts: dict[str, float] = {}
    for item in shares:
        unit, sep, value = item.rpartition("=")
        try:
            parts[unit.strip()] = float(value)
        except ValueError:
            raise click.BadParameter(f"a share is UNIT=VALUE, not {item!r}") from None
        if not sep or not unit.strip():
            raise click.BadParameter(f"a share is UNIT=VALUE, not {item!r}")
    with open_store(db, create=True) as store:
        made, check = Ledger(store).supervision.split(
            target, parts, frequency=frequency, deadline=_date(deadline), actor=actor(as_user)
        )
    for task in made:
        _show(task)
    click.echo(f"parts add up to {check.total:g}{check.unit or ''} of {check.value}{check.unit or ''}")
    if check.warning:
        click.echo(f"warning: {check.warning}", err=True)


@tasks.command("list")
@db_option
@click.option("--region", help="The tasks of a region only.")
@click.option("--unit", "unit_name", metavar="UNIT", help="The tasks of a unit only.")
@click.option("--as-of", "as_of", metavar="DATE", help="Judge the lights on this day (default: today).")
def list_tasks(db: str | None, region: str | None, unit_name: str | None, as_of: str | None) -> None:
    """The tasks, each target with its light."""
    with open_store(db) as store:
        ledger = Ledger(store)
        unit_id = ledger.people.unit(unit_name).id if unit_name else None
        found = ledger.supervision.tasks(
            Principal.system(), region=region, unit_id=unit_id, as_of=_date(as_of)
        )
    table = Table("task", "target", "region", "lead unit", "indicator", "goal", "light", "period", "overdue")
    for t in found:
        for tt in t.targets:
            goal = f"{tt.goal:g}{tt.unit or ''}" if tt.goal is not None else ""
            table.add_row(str(t.id), str(tt.id), t.region, t.lead_unit, tt.indicator, goal,
                          COLOUR_LABELS[tt.light.colour], tt.period or "", " ".join(tt.overdue))  # fmt: skip
    Console().print(table)


@tasks.command("show")
@db_option
@click.argument("task_id", type=int)
@click.option("--as-of", "as_of", metavar="DATE", help="Judge the lights on this day (default: today).")
def show_task(db: str | None, task_id: int, as_of: str | None) -> None:
    """A task, its targets' lights with their rule, and every report."""
    with open_store(db) as store:
        _show(Ledger(store).supervision.task(task_id, actor=Principal.system(), as_of=_date(as_of)))


@tasks.command("report")
@db_option
@as_option
@click.argument("task_target", type=int)
@click.argument("period")
@click.option(
    "--value", type=float, help="The value to date (cumulative; year-to-date growth; the current rate)."
)
@click.option("--text", "narrative", required=True, help="What was done (进展情况).")
@click.option(
    "--evidence", type=click.Path(path_type=Path, dir_okay=False, exists=True), help="A file as evidence."
)
@click.option("--document", "doc_id", metavar="DOC_ID", help="A stored document as evidence.")
@click.option("--unit", "unit_name", metavar="UNIT", help="The unit reporting (default: the lead unit).")
def report_progress(
    db: str | None, as_user: str | None, task_target: int, period: str, value: float | None, narrative: str,
    evidence: Path | None, doc_id: str | None, unit_name: str | None,
) -> None:  # fmt: skip
    """Report progress on a task target for a period: mubiao tasks report 3 2025-Q1 --value 380 --text …"""
    given = (evidence.name, evidence.read_bytes()) if evidence is not None else None
    with open_store(db, create=True) as store:
        p = Ledger(store).supervision.submit(
            task_target, period, value=value, narrative=narrative, evidence=given, doc_id=doc_id, unit=unit_name,
            actor=actor(as_user),
        )  # fmt: skip
    click.echo(f"report {p.id}: {p.unit} {p.indicator} {p.period} submitted")


@tasks.command("review")
@db_option
@as_option
@click.argument("report_id", type=int)
@click.option("--approve", "decision", flag_value="approved", help="Approve the report.")
@click.option("--return", "decision", flag_value="returned", help="Return it (needs --comment).")
@click.option("--comment", default="", help="Why it is returned, or a note to the approval.")
def review(db: str | None, as_user: str | None, report_id: int, decision: str | None, comment: str) -> None:
    """Approve a progress report or return it with a comment."""
    if decision is None:
        raise click.UsageError("give --approve or --return")
    with open_store(db, create=True) as store:
        p = Ledger(store).supervision.review(report_id, decision, comment, actor=actor(as_user))
    result = f"; ledger result {p.statement_id}" if p.statement_id else ""
    click.echo(f"report {p.id}: {p.status}{result}")


@tasks.command("queue")
@db_option
@click.option("--region", help="The reports of a region only.")
def queue(db: str | None, region: str | None) -> None:
    """The progress reports awaiting review (the approval queue)."""
    with open_store(db) as store:
        found = Ledger(store).supervision.progress(Principal.system(), status="submitted", region=region)
    table = Table("report", "unit", "indicator", "period", "value", "by", "at")
    for p in found:
        table.add_row(str(p.id), p.unit, p.indicator, p.period, "" if p.value is None else f"{p.value:g}", p.who,
                      p.at.strftime("%Y-%m-%d %H:%M"))  # fmt: skip
    Console().print(table)


@tasks.command("monthly")
@db_option
@as_option
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--region", required=True, help="The region of the series.")
@click.option("--indicator", required=True, help="The indicator (id or name).")
def monthly(db: str | None, as_user: str | None, file: Path, region: str, indicator: str) -> None:
    """Import a monthly series (当月值) for seasonal 序时进度: a CSV of year,month,value."""
    figures: dict[tuple[int, int], float] = {}
    try:
        with file.open(encoding="utf-8-sig", newline="") as f:
            for i, row in enumerate(csv.reader(f), 1):
                if not row or (i == 1 and not row[0].strip().isdigit()):
                    continue  # a header
                try:
                    figures[(int(row[0]), int(row[1]))] = float(row[2])
                except (ValueError, IndexError):
                    fail(UsageError(f"{file} row {i}: expected year,month,value, not {','.join(row)!r}"))
    except (OSError, UnicodeDecodeError) as e:
        fail(UsageError(f"cannot read {file}: {e}"))
    with open_store(db, create=True) as store:
        n = Ledger(store).supervision.import_monthly(region, indicator, figures, actor=actor(as_user))
    click.echo(f"stored {n} monthly figures")


@click.command()
@db_option
@click.option("--date", "day", metavar="DATE", help="The day of the run (default: today).")
@click.option("--smtp-config", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="A TOML file with an [smtp] table (default: the MUBIAO_SMTP_* variables).")  # fmt: skip
@click.option("--base-url", metavar="URL", help="The dashboard's address, linked from the e-mails.")
@click.option("--dry-run", is_flag=True, help="List what is due and overdue; give no notice, send nothing.")
def remind(
    db: str | None, day: str | None, smtp_config: Path | None, base_url: str | None, dry_run: bool
) -> None:
    """Remind the units of reports due and overdue (a daily cron job; a second run the same day
    sends nothing again)."""
    with open_store(db, create=not dry_run) as store:
        ledger = Ledger(store)
        if dry_run:
            for d in ledger.reminders.due(_date(day)):
                click.echo(f"{d.kind}\t{d.due.isoformat()}\t{d.unit}\t{d.task}\t{d.indicator}\t{d.period}\t"
                           f"{','.join(d.users)}")  # fmt: skip
            return
        mailer = SmtpConfig.from_file(smtp_config) if smtp_config else SmtpConfig.from_env()
        done = ledger.reminders.remind(_date(day), mailer=mailer, base_url=base_url)
    click.echo(
        f"{done.due} due, {done.overdue} overdue; {done.notices} notices, {done.emails} e-mails sent"
        + (f", {done.failed} not sent" if done.failed else "")
        + ("" if mailer else " (no SMTP server configured: in-app notices only)")
    )
    for error in done.errors:
        click.echo(f"error: {error}", err=True)
    if done.failed:
        raise SystemExit(1)


@click.command()
@db_option
@click.option("--region", required=True, help="The region of the bulletin (天宁区; short forms resolved).")
@click.option("--format", "fmt", type=click.Choice(("docx", "html")), default="docx", show_default=True)
@click.option("--date", "day", metavar="DATE", help="The day the bulletin speaks of (default: today).")
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The file written (default: a name of region and date).",
)
def bulletin(db: str | None, region: str, fmt: str, day: str | None, out: Path | None) -> None:
    """Write the supervision bulletin (督查通报) of REGION: each unit's progress and lights, the
    overdue reports, the targets at risk, the units ranked."""
    from mubiao.present.reports.bulletin import build_bulletin

    with open_store(db) as store:
        content, _media, name = build_bulletin(Ledger(store), region=region, fmt=fmt, as_of=_date(day))
    path = out or Path(name)
    try:
        path.write_bytes(content)
    except OSError as e:
        fail(UsageError(f"cannot write the bulletin: {e.strerror or e}", path=path))
    click.echo(f"wrote {path} ({len(content):,} bytes)")
