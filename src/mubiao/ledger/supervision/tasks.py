"""The supervision facade (督查督办): tasks, decomposition, progress reports and their review, lights.

    >>> sup = ledger.supervision                                           # doctest: +SKIP
    >>> task = sup.add_task("稳增长", targets=[12], lead="区发改委", year=2025,
    ...                     frequency="quarterly", deadline=date(2025, 12, 31), actor=who)
    >>> sup.split(12, {"青龙镇": 300, "红梅镇": 300}, ...)                 # doctest: +SKIP

Who may do what follows :mod:`mubiao.ledger.people`: supervisors (and administrators) assign,
split and review in their regions; reporters submit for their own units; everyone reads the
tasks of the units they may read.  Every write is audited in its transaction.

An approved figure for the last period of the year (``2025-12``, ``2025-Q4``) of a whole target
(not a unit's share of a split one) becomes a ledger result, provenance ``reported``, noted
"reported by unit X, approved by Y".  The evaluation ranks reported results below every other
(:func:`mubiao.ledger.evaluate.matching.precedence`): a published figure wins, and the reported
one is kept beside it as the losing side of the conflict, so both are shown.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from mubiao.errors import AccessDeniedError, NotFoundError, UsageError
from mubiao.ledger.people import People, Principal
from mubiao.ledger.supervision import periods as P
from mubiao.ledger.supervision.lights import (
    COLOURS,
    Margins,
    Measure,
    cumulative,
    light,
    measure_of,
    seasonal_profile,
)
from mubiao.ledger.supervision.records import (
    BoardRow,
    Decomposition,
    EvidenceFile,
    ProgressInfo,
    TaskInfo,
    TaskTargetInfo,
)
from mubiao.reference.registry import Registry
from mubiao.store import LedgerRow, Store
from mubiao.store import models as m
from mubiao.store.engine import store_errors
from mubiao.store.people import Unit, User, audit_row
from mubiao.store.supervision import Evidence, MonthlyFigure, Notice, Progress, Task, TaskTarget, TaskUnit


class LedgerView(Protocol):
    """What supervision reads of the ledger (the :class:`mubiao.ledger.Ledger` it belongs to)."""

    store: Store
    people: People
    registry: Registry

    def resolve_region(self, name: str) -> str: ...

    def row(self, target_id: int, *, as_of: int | None = None) -> LedgerRow | None: ...

    def rows_of(
        self, targets: Mapping[int, str | None], *, as_of: int | None = None
    ) -> dict[int, LedgerRow]: ...


__all__ = ["MAX_EVIDENCE", "PROGRESS_STATUSES", "Supervision", "SupervisionConfig"]

PROGRESS_STATUSES: tuple[str, ...] = ("submitted", "approved", "returned")
#: the largest evidence file kept in the store
MAX_EVIDENCE = 20 * 1024 * 1024
_TEXT_MAX = 5000
#: the provenance of a ledger result a unit reported and a supervisor approved
REPORTED = "reported"


def _now() -> datetime:
    return datetime.now(UTC)


def _utc(at: datetime | None) -> datetime | None:
    return at if at is None or at.tzinfo is not None else at.replace(tzinfo=UTC)


@dataclass(frozen=True)
class SupervisionConfig:
    """How lights and reminders are judged; :meth:`from_env` reads the ``MUBIAO_SUP_*`` variables."""

    margins: Margins = field(default_factory=Margins)
    #: a period's report is due this many days after the period ends
    due_days: int = 10
    #: reminders of a report due start this many days before its due date
    remind_days: int = 3
    #: flow targets judged by a seasonal profile when earlier years' monthly figures exist
    seasonal: bool = True

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> SupervisionConfig:
        """``MUBIAO_SUP_MARGIN_SHARE`` (0.1), ``MUBIAO_SUP_MARGIN_POINTS`` (1.0),
        ``MUBIAO_SUP_MARGIN_BOUND`` (0.05), ``MUBIAO_SUP_DUE_DAYS`` (10), ``MUBIAO_SUP_REMIND_DAYS`` (3)
        and ``MUBIAO_SUP_SEASONAL`` (1); a value that is not a number is refused."""
        e = os.environ if env is None else env
        base = cls()

        def num(name: str, default: float) -> float:
            raw = e.get(f"MUBIAO_SUP_{name}", "").strip()
            try:
                value = float(raw) if raw else default
            except ValueError:
                raise UsageError(f"MUBIAO_SUP_{name} must be a number, not {raw!r}") from None
            if value < 0:
                raise UsageError(f"MUBIAO_SUP_{name} cannot be negative")
            return value

        margins = Margins(num("MARGIN_SHARE", base.margins.share), num("MARGIN_POINTS", base.margins.points),
                          num("MARGIN_BOUND", base.margins.bound))  # fmt: skip
        seasonal = e.get("MUBIAO_SUP_SEASONAL", "1").strip().lower() not in ("0", "false", "no", "off")
        return cls(
            margins, int(num("DUE_DAYS", base.due_days)), int(num("REMIND_DAYS", base.remind_days)), seasonal
        )


class Supervision:
    """Tasks, their progress and lights over a ledger (see the module docstring)."""

    def __init__(self, ledger: LedgerView, config: SupervisionConfig | None = None) -> None:
        self.ledger = ledger
        self.store = ledger.store
        self.people = ledger.people
        self.config = config or SupervisionConfig()

    # ------------------------------------------------------------------ helpers

    def _unit_id(self, s: Session, name_or_id: str | int) -> Unit:
        q = select(Unit).where(Unit.name == str(name_or_id))
        unit = s.scalars(q).first()
        if unit is None and str(name_or_id).isdigit():
            unit = s.get(Unit, int(name_or_id))
        if unit is None:
            raise NotFoundError(f"no unit {name_or_id!r} / 无此单位")
        return unit

    def _target(self, s: Session, target_id: int) -> m.Statement:
        st = s.get(m.Statement, target_id)
        if st is None or st.kind != "target":
            raise NotFoundError(f"no target {target_id} in the ledger / 台账中无此目标")
        return st

    def _may_supervise(self, actor: Principal, region: str) -> None:
        actor.require_role("admin", "supervisor")
        if not actor.may_write_region(region):
            raise AccessDeniedError(f"{region} is not one of your regions / 不在您的地区范围内")

    def _lower_is_better(self, tt: TaskTarget) -> bool:
        if tt.qualifier == "at_most":
            return True
        falls = tt.measure == "growth" and tt.value is not None and tt.value < 0
        if tt.qualifier == "at_least":
            return falls
        ind = self.ledger.registry.get(tt.indicator_id) if tt.indicator_id else None
        return ind.polarity == "lower" if ind is not None else falls

    def _kind(self, tt: TaskTarget) -> Measure:
        ind = self.ledger.registry.get(tt.indicator_id) if tt.indicator_id else None
        return measure_of(tt.measure, tt.value, tt.unit, ind.type if ind else None,
                          ind.unit_family if ind else None)  # fmt: skip

    # ------------------------------------------------------------------ tasks

    def add_task(
        self,
        title: str,
        *,
        targets: Iterable[int],
        lead: str | int,
        co: Iterable[str | int] = (),
        year: int | None = None,
        frequency: str = "quarterly",
        deadline: date | None = None,
        due_days: int | None = None,
        note: str | None = None,
        shares: Mapping[int, float] | None = None,
        actor: Principal,
    ) -> TaskInfo:
        """Give ``targets`` (ledger target ids, of one region) to the ``lead`` unit and the ``co``
        units; ``shares`` (target id → the unit's part) makes it a split (:meth:`split`)."""
        title = title.strip()
        if not title or len(title) > 255:
            raise UsageError("a task needs a title of at most 255 characters / 任务名称不能为空")
        P.periods(2000, frequency)  # checks the frequency
        ids = list(dict.fromkeys(int(t) for t in targets))
        if not ids:
            raise UsageError("a task needs at least one target / 任务须包含至少一个目标")
        days = self.config.due_days if due_days is None else due_days
        if not 0 <= days <= 60:
            raise UsageError("a report is due 0 to 60 days after its period / 报送时限须在0至60天")
        now = _now()
        with store_errors("cannot store the task", self.store.url), self.store.session() as s, s.begin():
            sts = [self._target(s, t) for t in ids]
            regions = {st.region for st in sts}
            if len(regions) != 1 or None in regions:
                raise UsageError("the targets of a task are of one region / 一项任务的目标须属同一地区")
            region = str(sts[0].region)
            self._may_supervise(actor, region)
            the_year = year or sts[0].year or sts[0].period_end or now.year
            lead_unit = self._unit_id(s, lead)
            co_units = [self._unit_id(s, c) for c in co]
            for u in (lead_unit, *co_units):
                if u.region != region:
                    raise UsageError(
                        f"unit {u.name} is in {u.region}, the targets in {region} / 单位与目标不在同一地区"
                    )
            if lead_unit.id in {u.id for u in co_units}:
                raise UsageError("the lead unit is not also a co-unit / 牵头单位不能同时为责任单位")
            task = Task(
                title=title, region=region, year=the_year, frequency=frequency,
                deadline=deadline or date(the_year, 12, 31), due_days=days, note=(note or "").strip() or None,
                created_by=actor.name, created_at=now,
            )  # fmt: skip
            s.add(task)
            s.flush()
            s.add(TaskUnit(task_id=task.id, unit_id=lead_unit.id, role="lead"))
            s.add_all(TaskUnit(task_id=task.id, unit_id=u.id, role="co") for u in dict.fromkeys(co_units))
            for st in sts:
                s.add(
                    TaskTarget(
                        task_id=task.id, target_id=st.id, region=region, indicator=st.indicator,
                        indicator_id=st.indicator_id, measure=st.measure, value=st.value, unit=st.unit,
                        qualifier=st.qualifier, text=st.text,
                        share=None if shares is None else shares.get(st.id),
                    )
                )  # fmt: skip
            audit_row(s, actor.name, now, "sup_tasks", task.id, "*", None,
                      {"title": title, "region": region, "year": the_year, "frequency": frequency,
                       "lead": lead_unit.name, "co": [u.name for u in co_units], "targets": ids,
                       "shares": dict(shares) if shares else None})  # fmt: skip
            task_id = task.id
        return self.task(task_id, actor=actor)

    def split(
        self,
        target_id: int,
        shares: Mapping[str, float],
        *,
        frequency: str = "quarterly",
        deadline: date | None = None,
        due_days: int | None = None,
        title: str | None = None,
        actor: Principal,
    ) -> tuple[list[TaskInfo], Decomposition]:
        """Split a region's target among units (任务分解): a task per unit with its share.

        The parts of a level target must add up to it; a part that does not is not refused but
        reported in the decomposition's ``warning`` — as are growth and rate targets, whose parts
        do not add (each town's 5% growth is not the district's 10%).
        """
        if not shares:
            raise UsageError("a split needs at least one unit and its share / 须指定分解单位及份额")
        with store_errors("cannot read the target", self.store.url), self.store.session() as s:
            st = self._target(s, target_id)
            name = title or f"{st.indicator}目标分解"
        made = [
            self.add_task(
                f"{name}（{unit}）",
                targets=[target_id],
                lead=unit,
                frequency=frequency,
                deadline=deadline,
                due_days=due_days,
                shares={target_id: float(share)},
                actor=actor,
            )
            for unit, share in shares.items()
        ]
        return made, self.decomposition(target_id)

    def decomposition(self, target_id: int) -> Decomposition:
        """The units' shares of a target and whether they add up to it."""
        with store_errors("cannot read the split", self.store.url), self.store.session() as s:
            st = self._target(s, target_id)
            rows = list(
                s.execute(
                    select(TaskTarget.share, TaskTarget.task_id, Unit.name)
                    .join(TaskUnit, (TaskUnit.task_id == TaskTarget.task_id) & (TaskUnit.role == "lead"))
                    .join(Unit, Unit.id == TaskUnit.unit_id)
                    .where(TaskTarget.target_id == target_id, TaskTarget.share.is_not(None))
                    .order_by(TaskTarget.id)
                )
            )
            ind = self.ledger.registry.get(st.indicator_id) if st.indicator_id else None
            kind = measure_of(st.measure, st.value, st.unit, ind.type if ind else None,
                              ind.unit_family if ind else None)  # fmt: skip
            region, indicator, measure, value, unit = (
                st.region or "",
                st.indicator,
                st.measure,
                st.value,
                st.unit,
            )
        parts = tuple((n, float(sh), t) for sh, t, n in rows if sh is not None)
        total = sum(p[1] for p in parts)
        additive = kind == "flow"
        warning: str | None = None
        if parts and not additive:
            warning = (
                f"{indicator}是{'增速' if kind == 'growth' else '比率'}目标，各单位分解值不能相加，"
                f"请逐一核对 / a {kind} target: the units' parts do not add up to the whole"
            )
        elif parts and value is not None and abs(total - value) > 1e-6 * max(1.0, abs(value)):
            warning = (
                f"各单位分解值合计{total:g}{unit or ''}，与目标{value:g}{unit or ''}不一致 / "
                f"the parts add up to {total:g}, the target is {value:g}"
            )
        return Decomposition(
            target_id, region, indicator, measure, value, unit, parts, total, additive, warning
        )

    def _task_rows(self, s: Session, ids: Iterable[int] | None = None) -> list[tuple[Task, list[TaskUnit]]]:
        q = select(Task).order_by(Task.id)
        if ids is not None:
            q = q.where(Task.id.in_(list(ids)))
        tasks = list(s.scalars(q))
        units: dict[int, list[TaskUnit]] = defaultdict(list)
        if tasks:
            for tu in s.scalars(select(TaskUnit).where(TaskUnit.task_id.in_([t.id for t in tasks]))):
                units[tu.task_id].append(tu)
        return [(t, units[t.id]) for t in tasks]

    def tasks(
        self,
        actor: Principal,
        *,
        region: str | None = None,
        unit_id: int | None = None,
        mine: bool = False,
        as_of: date | None = None,
    ) -> list[TaskInfo]:
        """The tasks ``actor`` may read (of a unit's, a region's, or of one's own units only)."""
        wanted = self.ledger.resolve_region(region) if region else None
        with store_errors("cannot read the tasks", self.store.url), self.store.session() as s:
            rows = self._task_rows(s)
            ids = [
                t.id for t, tus in rows
                if any(actor.may_read_unit(tu.unit_id) for tu in tus)
                and (wanted is None or t.region == wanted)
                and (unit_id is None or any(tu.unit_id == unit_id for tu in tus))
                and (not mine or any(tu.unit_id in actor.own_units or (
                    actor.writable_units is not None and tu.unit_id in actor.writable_units) for tu in tus))
            ]  # fmt: skip
        return self._infos(ids, as_of or date.today())

    def task(self, task_id: int, *, actor: Principal, as_of: date | None = None) -> TaskInfo:
        found = self._infos([task_id], as_of or date.today(), history=True)
        if not found or not any(actor.may_read_unit(u) for u in found[0].unit_ids):
            raise NotFoundError(f"no task {task_id} / 无此任务")
        return found[0]

    def _infos(self, ids: list[int], as_of: date, *, history: bool = False) -> list[TaskInfo]:
        if not ids:
            return []
        with store_errors("cannot read the tasks", self.store.url), self.store.session() as s:
            rows = self._task_rows(s, ids)
            names = {u.id: u.name for u in s.scalars(select(Unit))}
            tts = list(
                s.scalars(select(TaskTarget).where(TaskTarget.task_id.in_(ids)).order_by(TaskTarget.id))
            )
            progress = self._progress_rows(s, [tt.id for tt in tts])
            monthly = self._monthly(s, tts)
        by_tt: dict[int, list[ProgressInfo]] = defaultdict(list)
        for p in progress:
            by_tt[p.task_target_id].append(p)
        # the ledger's rows of every target at once (a task's page shows each one's status)
        ledger_rows = (
            self.ledger.rows_of({tt.target_id: tt.region for tt in tts if tt.target_id is not None})
            if history
            else {}
        )
        out = []
        for t, tus in rows:
            lead = next(tu.unit_id for tu in tus if tu.role == "lead")
            co = tuple(sorted((tu.unit_id for tu in tus if tu.role == "co"), key=lambda i: names.get(i, "")))
            targets = tuple(
                self._target_info(t, tt, by_tt[tt.id], monthly, as_of, ledger_rows, history=history)
                for tt in tts if tt.task_id == t.id
            )  # fmt: skip
            created = _utc(t.created_at)
            assert created is not None
            out.append(
                TaskInfo(
                    t.id,
                    t.title,
                    t.region,
                    t.year,
                    t.frequency,
                    t.deadline,
                    t.due_days,
                    t.note,
                    lead,
                    names.get(lead, ""),
                    co,
                    tuple(names.get(i, "") for i in co),
                    t.created_by,
                    created,
                    targets,
                )
            )
        return out

    def _monthly(
        self, s: Session, tts: list[TaskTarget]
    ) -> dict[tuple[str, str], dict[int, dict[int, float]]]:
        """Earlier years' cumulative monthly figures, per (region, indicator id): the imported
        series and the approved monthly reports of whole targets."""
        keys = {(tt.region, tt.indicator_id) for tt in tts if tt.indicator_id is not None}
        out: dict[tuple[str, str], dict[int, dict[int, float]]] = {}
        if not keys or not self.config.seasonal:
            return out
        regions = {k[0] for k in keys}
        imported: dict[tuple[str, str, int], dict[int, float]] = defaultdict(dict)
        for f in s.scalars(select(MonthlyFigure).where(MonthlyFigure.region.in_(regions))):
            imported[(f.region, f.indicator_id, f.year)][f.month] = f.value
        for (region, ind, year), months in imported.items():
            if (region, ind) in keys:
                out.setdefault((region, ind), {})[year] = cumulative(months)
        q = (
            select(TaskTarget.region, TaskTarget.indicator_id, Progress.period, Progress.value)
            .join(Progress, Progress.task_target_id == TaskTarget.id)
            .where(Progress.status == "approved", TaskTarget.share.is_(None), TaskTarget.measure == "level",
                   TaskTarget.region.in_(regions))
            .order_by(Progress.id)
        )  # fmt: skip
        for area, ind_id, period, value in s.execute(q):
            if ind_id is None or (area, ind_id) not in keys or value is None or "Q" in period:
                continue
            years = out.setdefault((area, ind_id), {})
            year = P.year_of(period)
            if year not in years or len(years[year]) < 12:  # an imported whole year stands
                years.setdefault(year, {})[P.end_month(period)] = value
        return out

    def _target_info(
        self,
        task: Task,
        tt: TaskTarget,
        progress: list[ProgressInfo],
        monthly: Mapping[tuple[str, str], Mapping[int, Mapping[int, float]]],
        as_of: date,
        ledger_rows: Mapping[int, LedgerRow],
        *,
        history: bool,
    ) -> TaskTargetInfo:
        kind = self._kind(tt)
        goal = tt.share if tt.share is not None else tt.value
        reported = {p.period for p in progress if p.status in ("submitted", "approved")}
        periods = P.periods(task.year, task.frequency)
        overdue: list[str] = []
        for i, period in enumerate(periods):
            due = P.due_date(period, task.due_days)
            # a later figure to date answers for the earlier periods too
            if due < as_of and not reported & set(periods[i:]):
                overdue.append(period)
        approved = [p for p in progress if p.status == "approved" and P.year_of(p.period) == task.year]
        latest = max(approved, key=lambda p: (P.end_month(p.period), p.id), default=None)
        profile = None
        if kind == "flow" and tt.indicator_id:
            earlier = {
                y: v for y, v in monthly.get((tt.region, tt.indicator_id), {}).items() if y < task.year
            }
            profile = seasonal_profile(earlier)
        due_text = P.due_date(overdue[0], task.due_days).isoformat() if overdue else None
        lit = light(
            kind, target=goal, value=latest.value if latest else None,
            month=P.end_month(latest.period) if latest else 12, lower_is_better=self._lower_is_better(tt),
            unit=tt.unit if kind != "growth" else "%", profile=profile, margins=self.config.margins,
            overdue=due_text,
        )  # fmt: skip
        ledger_status = ledger_actual = None
        if history and tt.target_id is not None:
            row = ledger_rows.get(tt.target_id)
            if row is not None:
                ledger_status = row.status
                ledger_actual = dict(row.actual) if row.actual else None
                if ledger_actual is not None:
                    ledger_actual["sources"] = [
                        {"provenance": src.provenance, "text": src.text, "role": src.role,
                         "statement_id": src.statement_id}
                        for src in row.sources if src.role in ("actual", "superseded")
                    ]  # fmt: skip
        return TaskTargetInfo(
            tt.id, tt.task_id, tt.target_id, tt.region, tt.indicator, tt.indicator_id, tt.measure, tt.value,
            tt.unit, tt.qualifier, tt.text, tt.share, kind, lit, latest.period if latest else None,
            tuple(overdue), ledger_status, ledger_actual, tuple(progress) if history else (),
        )  # fmt: skip

    # ------------------------------------------------------------------ progress

    def _progress_rows(self, s: Session, tt_ids: list[int]) -> list[ProgressInfo]:
        if not tt_ids:
            return []
        q = (
            select(Progress, TaskTarget, Unit.name, Evidence.file_name, m.Document.doc_id)
            .join(TaskTarget, TaskTarget.id == Progress.task_target_id)
            .join(Unit, Unit.id == Progress.unit_id)
            .outerjoin(Evidence, Evidence.id == Progress.evidence_id)
            .outerjoin(m.Document, m.Document.id == Progress.document_id)
            .where(Progress.task_target_id.in_(tt_ids))
            .order_by(Progress.id)
        )
        return [_progress(p, tt, unit, ev, doc) for p, tt, unit, ev, doc in s.execute(q)]

    def progress(
        self, actor: Principal, *, status: str | None = None, region: str | None = None
    ) -> list[ProgressInfo]:
        """The progress reports ``actor`` may read, newest first (the approval queue: ``submitted``)."""
        if status is not None and status not in PROGRESS_STATUSES:
            raise UsageError(f"a status is one of {', '.join(PROGRESS_STATUSES)}, not {status!r}")
        wanted = self.ledger.resolve_region(region) if region else None
        with store_errors("cannot read the reports", self.store.url), self.store.session() as s:
            q = select(TaskTarget.id)
            if wanted is not None:
                q = q.where(TaskTarget.region == wanted)
            rows = self._progress_rows(s, list(s.scalars(q)))
        return [
            p for p in reversed(rows)
            if actor.may_read_unit(p.unit_id) and (status is None or p.status == status)
        ]  # fmt: skip

    def submit(
        self,
        task_target_id: int,
        period: str,
        *,
        value: float | None,
        narrative: str,
        evidence: tuple[str, bytes] | None = None,
        doc_id: str | None = None,
        unit: str | int | None = None,
        actor: Principal,
    ) -> ProgressInfo:
        """A unit's progress on a task target for ``period``: the value to date, a narrative and
        evidence (``(file name, content)``, or a stored document's id)."""
        actor.require_role("admin", "reporter")
        narrative = narrative.strip()
        if not narrative or len(narrative) > _TEXT_MAX:
            raise UsageError(
                f"a report needs a narrative of at most {_TEXT_MAX} characters / 进展情况不能为空"
            )
        if evidence is not None and len(evidence[1]) > MAX_EVIDENCE:
            raise UsageError(f"evidence files are at most {MAX_EVIDENCE >> 20} MB / 佐证材料过大")
        now = _now()
        with store_errors("cannot store the report", self.store.url), self.store.session() as s, s.begin():
            tt = s.get(TaskTarget, task_target_id)
            task = s.get(Task, tt.task_id) if tt is not None else None
            if tt is None or task is None:
                raise NotFoundError(f"no task target {task_target_id} / 无此任务目标")
            tus = list(s.scalars(select(TaskUnit).where(TaskUnit.task_id == task.id)))
            if not any(actor.may_read_unit(tu.unit_id) for tu in tus):
                raise NotFoundError(f"no task target {task_target_id} / 无此任务目标")
            if period not in P.periods(task.year, task.frequency):
                raise UsageError(
                    f"the task reports {task.frequency} in {task.year}: not {period!r} / 报送期次不属于本任务"
                )
            if unit is not None:
                chosen = self._unit_id(s, unit)
                if chosen.id not in {tu.unit_id for tu in tus}:
                    raise UsageError(f"{chosen.name} is not a unit of this task / 该单位不承担此任务")
            else:  # the lead unit when one may write it, else one's first co-unit
                ordered = sorted(tus, key=lambda tu: tu.role != "lead")
                mine = [tu for tu in ordered if actor.may_write_unit(tu.unit_id)]
                chosen_id = mine[0].unit_id if mine else ordered[0].unit_id
                chosen = s.get(Unit, chosen_id)  # type: ignore[assignment]
            if not actor.may_write_unit(chosen.id):
                raise AccessDeniedError("this unit is not yours to report for / 无权为该单位填报")
            pending = s.scalars(
                select(Progress.id).where(Progress.task_target_id == tt.id, Progress.period == period,
                                          Progress.unit_id == chosen.id, Progress.status == "submitted")
            ).first()  # fmt: skip
            if pending is not None:
                raise UsageError(f"the report of {period} awaits review (report {pending}) / 该期报告待审核")
            doc_pk = None
            if doc_id:
                doc_pk = s.scalars(select(m.Document.id).where(m.Document.doc_id == doc_id)).first()
                if doc_pk is None:
                    raise NotFoundError(f"no document {doc_id!r} / 无此文档")
            ev = None
            if evidence is not None:
                name = (evidence[0] or "evidence").replace("/", "_").replace("\\", "_")[-255:]
                ctype = mimetypes.guess_type(name)[0] or "application/octet-stream"
                ev = Evidence(sha256=hashlib.sha256(evidence[1]).hexdigest(), file_name=name, content_type=ctype,
                              size=len(evidence[1]), data=evidence[1], who=actor.name, at=now)  # fmt: skip
                s.add(ev)
                s.flush()
            p = Progress(
                task_target_id=tt.id, unit_id=chosen.id, period=period, value=value, narrative=narrative,
                evidence_id=ev.id if ev else None, document_id=doc_pk, status="submitted", who=actor.name,
                at=now, reviewed_by=None, reviewed_at=None, review_note=None, statement_id=None,
            )  # fmt: skip
            s.add(p)
            s.flush()
            audit_row(s, actor.name, now, "sup_progress", p.id, "*", None,
                      {"task_target": tt.id, "unit": chosen.name, "period": period, "value": value,
                       "narrative": narrative, "evidence": ev.file_name if ev else None, "document": doc_id})  # fmt: skip
            return _progress(p, tt, chosen.name, ev.file_name if ev else None, doc_id)

    def review(self, progress_id: int, status: str, note: str = "", *, actor: Principal) -> ProgressInfo:
        """Approve a progress report or return it with a comment.  An approved whole-year figure
        of a whole target becomes a ledger result (see the module docstring)."""
        actor.require_role("admin", "supervisor")
        if status not in ("approved", "returned"):
            raise UsageError("a review is approved or returned / 审核结果须为通过或退回")
        note = note.strip()
        if status == "returned" and not note:
            raise UsageError("a returned report needs a comment / 退回须说明理由")
        now = _now()
        with store_errors("cannot store the review", self.store.url), self.store.session() as s, s.begin():
            p = s.get(Progress, progress_id)
            if p is None or not actor.may_read_unit(p.unit_id):
                raise NotFoundError(f"no progress report {progress_id} / 无此进度报告")
            if not actor.may_write_unit(p.unit_id):
                raise AccessDeniedError("this unit is not yours to review / 无权审核该单位")
            if p.status != "submitted":
                raise UsageError(f"report {progress_id} is {p.status} already / 该报告已审核")
            tt = s.get(TaskTarget, p.task_target_id)
            unit = s.get(Unit, p.unit_id)
            assert tt is not None and unit is not None
            audit_row(s, actor.name, now, "sup_progress", p.id, "status", p.status, status)
            p.status, p.reviewed_by, p.reviewed_at, p.review_note = status, actor.name, now, note or None
            if status == "approved" and P.is_last(p.period) and tt.share is None and p.value is not None:
                p.statement_id = self._result(s, tt, p, unit.name, actor.name, now)
            self._tell(s, p, tt, unit.name, now, note)
            ev = s.get(Evidence, p.evidence_id) if p.evidence_id else None
            doc = s.get(m.Document, p.document_id) if p.document_id else None
            return _progress(p, tt, unit.name, ev.file_name if ev else None, doc.doc_id if doc else None)

    def _tell(self, s: Session, p: Progress, tt: TaskTarget, unit: str, now: datetime, note: str) -> None:
        """An in-app notice to whoever submitted the report: returned (with the reason) or approved."""
        user = s.scalars(select(User).where(User.name == p.who)).first()
        if user is None:  # the command line or the server's token: no one to tell
            return
        day = now.date()
        key = (Notice.user_id == user.id, Notice.task_target_id == tt.id, Notice.period == p.period,
               Notice.kind == p.status, Notice.day == day)  # fmt: skip
        if s.scalars(select(Notice.id).where(*key)).first() is not None:
            return  # told today already (a unique notice per day)
        word = "已退回" if p.status == "returned" else "已审核通过"
        reason = f"：{note}" if note else ""
        text = f"【审核】{unit}{tt.indicator}{p.period}进度报告{word}{reason}"
        s.add(Notice(user_id=user.id, task_target_id=tt.id, period=p.period, kind=p.status, day=day, text=text,
                     created_at=now, emailed_at=None, read_at=None))  # fmt: skip

    def _result(self, s: Session, tt: TaskTarget, p: Progress, unit: str, who: str, now: datetime) -> int:
        """The ledger result of an approved whole-year figure (updated when approved again)."""
        year = P.year_of(p.period)
        note = f"由{unit}报送，{who}审核通过 / reported by unit {unit}, approved by {who}"
        number = f"{p.value:g}{'%' if tt.measure == 'growth' else tt.unit or ''}"
        verb = "增长" if tt.measure == "growth" else ""
        text = f"{tt.region}{year}年{tt.indicator}{verb}{number}（{unit}报送）"
        S = m.Statement
        existing = s.scalars(
            select(S).where(S.provenance == REPORTED, S.region == tt.region, S.indicator == tt.indicator,
                            S.year == year, S.measure == tt.measure)
        ).first()  # fmt: skip
        fields: dict[str, Any] = {"value": p.value, "unit": "%" if tt.measure == "growth" else tt.unit,
                                  "note": note, "text": text, "doc_id": f"unit:{unit}"[:1024]}  # fmt: skip
        if existing is not None:
            for key, new in fields.items():
                if getattr(existing, key) != new:
                    audit_row(s, who, now, "statements", existing.id, key, getattr(existing, key), new)
                    setattr(existing, key, new)
            return existing.id
        st = S(
            document_id=None, manual_import_id=None, kind="actual", indicator=tt.indicator,
            indicator_id=tt.indicator_id, measure=tt.measure, value_max=None, qualifier="exact", cumulative=False,
            year=year, region=tt.region, span_start=None, span_end=None, attribute=None, damaged=False,
            provenance=REPORTED, extra=None, published=year, period_start=None, period_end=None, doc_type=None,
            **fields,
        )  # fmt: skip
        s.add(st)
        s.flush()
        audit_row(s, who, now, "statements", st.id, "*", None,
                  {"region": tt.region, "indicator": tt.indicator, "year": year, "value": p.value,
                   "provenance": REPORTED, "note": note})  # fmt: skip
        return st.id

    def evidence(self, evidence_id: int, *, actor: Principal) -> EvidenceFile:
        """An evidence file, for those who may read the unit that gave it."""
        with store_errors("cannot read the evidence", self.store.url), self.store.session() as s:
            ev = s.get(Evidence, evidence_id)
            units = list(s.scalars(select(Progress.unit_id).where(Progress.evidence_id == evidence_id)))
            if ev is None or not any(actor.may_read_unit(u) for u in units):
                raise NotFoundError(f"no evidence {evidence_id} / 无此佐证材料")
            return EvidenceFile(ev.id, ev.file_name, ev.content_type, bytes(ev.data))

    def progress_unit(self, progress_id: int) -> int | None:
        with store_errors("cannot read the reports", self.store.url), self.store.session() as s:
            p = s.get(Progress, progress_id)
            return p.unit_id if p is not None else None

    # ------------------------------------------------------------------ monthly series

    def import_monthly(
        self, region: str, indicator: str, figures: Mapping[tuple[int, int], float], *, actor: Principal
    ) -> int:
        """An imported monthly series (当月值) of an indicator, ``(year, month) → value``, for the
        seasonal profiles of flow targets; a month given again is replaced.  How many were stored."""
        name = self.ledger.resolve_region(region)
        self._may_supervise(actor, name)
        ind = self.ledger.registry.get(indicator) or self.ledger.registry.match(indicator)
        if ind is None:
            raise UsageError(f"no indicator {indicator!r} in the registry / 指标库中无此指标")
        for _year, month in figures:
            if not 1 <= month <= 12:
                raise UsageError(f"a month is 1 to 12, not {month}")
        now = _now()
        with store_errors("cannot store the figures", self.store.url), self.store.session() as s, s.begin():
            for (year, month), value in sorted(figures.items()):
                old = s.scalars(
                    select(MonthlyFigure).where(MonthlyFigure.region == name, MonthlyFigure.indicator_id == ind.id,
                                                MonthlyFigure.year == year, MonthlyFigure.month == month)
                ).first()  # fmt: skip
                if old is None:
                    old = MonthlyFigure(region=name, indicator_id=ind.id, year=year, month=month, value=value,
                                        who=actor.name, at=now)  # fmt: skip
                    s.add(old)
                    s.flush()
                    audit_row(s, actor.name, now, "sup_monthly", old.id, "*", None,
                              {"region": name, "indicator": ind.id, "year": year, "month": month, "value": value})  # fmt: skip
                elif old.value != value:
                    audit_row(s, actor.name, now, "sup_monthly", old.id, "value", old.value, value)
                    old.value, old.who, old.at = value, actor.name, now
        return len(figures)

    def responsible_units(self, region: str | None = None) -> dict[int, str]:
        """Ledger target id → its units as a report names them: 区统计局（牵头）、区发改委; a split
        target's units with their shares."""
        with store_errors("cannot read the tasks", self.store.url), self.store.session() as s:
            q = (
                select(TaskTarget.target_id, TaskTarget.share, TaskTarget.unit, TaskUnit.role, Unit.name)
                .join(TaskUnit, TaskUnit.task_id == TaskTarget.task_id)
                .join(Unit, Unit.id == TaskUnit.unit_id)
                .where(TaskTarget.target_id.is_not(None))
                .order_by(TaskTarget.id, TaskUnit.role.desc(), Unit.name)
            )
            if region is not None:
                q = q.where(TaskTarget.region == region)
            rows = list(s.execute(q))
        names: dict[int, list[str]] = defaultdict(list)
        for target_id, share, unit, role, name in rows:
            if share is not None:
                text = f"{name}（分解{share:g}{unit or ''}）"
            else:
                text = f"{name}（牵头）" if role == "lead" else name
            if target_id is not None and text not in names[target_id]:
                names[target_id].append(text)
        return {t: "、".join(v) for t, v in names.items()}

    # ------------------------------------------------------------------ the board

    def board(
        self, actor: Principal, *, region: str | None = None, as_of: date | None = None
    ) -> list[BoardRow]:
        """Lights by unit and target (of a region), the worst first: overdue (grey), red, yellow,
        green, then those without a light."""
        rows = [
            BoardRow(t.lead_unit_id, t.lead_unit, t.id, t.title, tt, t.year)
            for t in self.tasks(actor, region=region, as_of=as_of)
            for tt in t.targets
        ]
        rows.sort(key=lambda r: (COLOURS.index(r.target.light.colour), r.unit, r.target.indicator))
        return rows


def _progress(
    p: Progress, tt: TaskTarget, unit: str, evidence: str | None, doc_id: str | None
) -> ProgressInfo:
    at = _utc(p.at)
    assert at is not None
    return ProgressInfo(
        p.id, tt.task_id, tt.id, p.unit_id, unit, tt.region, tt.indicator, p.period, p.value, p.narrative,
        p.evidence_id, evidence, doc_id, p.status, p.who, at, p.reviewed_by, _utc(p.reviewed_at), p.review_note,
        p.statement_id,
    )  # fmt: skip
