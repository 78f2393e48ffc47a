"""Supervision (督查督办): ``/api/tasks``, ``/api/splits``, ``/api/progress``, ``/api/board``,
``/api/reminders``, ``/api/notices``, ``/api/calendar`` and ``/api/bulletin``.

Who may call each is declared in :mod:`.policy`; the facade (:attr:`mubiao.ledger.Ledger.supervision`)
checks the units and regions again, so that no face can forget to.
"""

from __future__ import annotations

import importlib
from dataclasses import asdict
from datetime import date
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, Response, UploadFile

from mubiao.errors import UsageError
from mubiao.ledger import MAX_EVIDENCE, BoardRow, ProgressInfo, TaskInfo, UserInfo
from mubiao.present.api.auth import Actor
from mubiao.present.api.deps import State
from mubiao.present.api.errors import ApiError
from mubiao.present.api.exports import download
from mubiao.present.api.people_schemas import UserOut
from mubiao.present.api.supervision_schemas import (
    BoardRowOut,
    DecompositionOut,
    DueOut,
    EmailIn,
    FeedOut,
    NoticeOut,
    ProgressOut,
    ReviewProgressIn,
    SplitIn,
    SplitOut,
    TaskIn,
    TaskOut,
)

router = APIRouter(tags=["supervision"])


def _task(t: TaskInfo) -> TaskOut:
    return TaskOut.model_validate(asdict(t))


def _progress(p: ProgressInfo) -> ProgressOut:
    return ProgressOut.model_validate(asdict(p))


def _user(u: UserInfo) -> UserOut:
    return UserOut.model_validate(asdict(u))


def _board(r: BoardRow) -> BoardRowOut:
    return BoardRowOut.model_validate(asdict(r))


@router.get("/tasks", response_model=list[TaskOut])
def list_tasks(
    state: State,
    who: Actor,
    region: str | None = None,
    unit_id: int | None = None,
    mine: bool = False,
    as_of: date | None = None,
) -> list[TaskOut]:
    """The tasks of the units the caller may read (``mine``: of one's own units only), each target
    with its 序时进度 light as of ``as_of`` (default today)."""
    found = state.ledger.supervision.tasks(who, region=region, unit_id=unit_id, mine=mine, as_of=as_of)
    return [_task(t) for t in found]


@router.post("/tasks", response_model=TaskOut, status_code=201)
def add_task(body: TaskIn, state: State, who: Actor) -> TaskOut:
    """Give targets of a region to a lead unit and co-units (supervisors of the region; audited)."""
    return _task(
        state.ledger.supervision.add_task(
            body.title, targets=body.targets, lead=body.lead, co=body.co, frequency=body.frequency,
            deadline=body.deadline, due_days=body.due_days, note=body.note, actor=who,
        )
    )  # fmt: skip


@router.get("/tasks/{task_id}", response_model=TaskOut)
def get_task(task_id: int, state: State, who: Actor, as_of: date | None = None) -> TaskOut:
    """A task with every report of its targets (the history) and the ledger's own status."""
    return _task(state.ledger.supervision.task(task_id, actor=who, as_of=as_of))


@router.post("/splits", response_model=SplitOut, status_code=201)
def split(body: SplitIn, state: State, who: Actor) -> SplitOut:
    """Split a region's target among units (任务分解): a task per unit; the check of the parts
    (a warning, never a refusal) in ``decomposition.warning``."""
    made, check = state.ledger.supervision.split(
        body.target_id, body.shares, frequency=body.frequency, deadline=body.deadline, actor=who
    )
    return SplitOut(
        tasks=[_task(t) for t in made], decomposition=DecompositionOut.model_validate(asdict(check))
    )


@router.get("/splits/{target_id}", response_model=DecompositionOut)
def get_split(target_id: int, state: State, who: Actor) -> DecompositionOut:
    """How a target is split among units, and whether the parts add up."""
    del who  # the guard is the point
    return DecompositionOut.model_validate(asdict(state.ledger.supervision.decomposition(target_id)))


@router.post("/task-targets/{task_target_id}/progress", response_model=ProgressOut, status_code=201)
async def submit(
    task_target_id: int,
    state: State,
    who: Actor,
    period: Annotated[str, Form(pattern=r"^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$", examples=["2025-Q1"])],
    narrative: Annotated[str, Form(min_length=1, max_length=5000)],
    value: Annotated[float | None, Form()] = None,
    doc_id: Annotated[str | None, Form()] = None,
    unit: Annotated[str | None, Form()] = None,
    evidence: Annotated[UploadFile | None, File()] = None,
) -> ProgressOut:
    """A unit's progress for a period (a multipart form): the value to date, what was done, and
    evidence (a file, or a stored document's id).  Reporters of the task's units; audited."""
    given = None
    if evidence is not None and evidence.filename:
        data = await evidence.read(MAX_EVIDENCE + 1)
        if len(data) > MAX_EVIDENCE:
            raise ApiError(413, "E413", f"evidence files are at most {MAX_EVIDENCE >> 20} MB / 佐证材料过大")
        given = (evidence.filename, data)
    return _progress(
        state.ledger.supervision.submit(
            task_target_id, period, value=value, narrative=narrative, evidence=given, doc_id=doc_id or None,
            unit=unit or None, actor=who,
        )
    )  # fmt: skip


@router.get("/progress", response_model=list[ProgressOut])
def list_progress(
    state: State,
    who: Actor,
    status: Annotated[str | None, Query(pattern="^(submitted|approved|returned)$")] = None,
    region: str | None = None,
) -> list[ProgressOut]:
    """The progress reports of the units the caller may read, newest first; ``status=submitted`` is
    the approval queue."""
    return [_progress(p) for p in state.ledger.supervision.progress(who, status=status, region=region)]


@router.post("/progress/{progress_id}/review", response_model=ProgressOut)
def review(progress_id: int, body: ReviewProgressIn, state: State, who: Actor) -> ProgressOut:
    """Approve a progress report or return it with a comment (supervisors of the unit's region;
    audited).  An approved whole-year figure becomes a ledger result."""
    return _progress(state.ledger.supervision.review(progress_id, body.status, body.note, actor=who))


@router.get("/evidence/{evidence_id}", response_class=Response)
def evidence(evidence_id: int, state: State, who: Actor) -> Response:
    """An evidence file, for those who may read the unit that gave it."""
    found = state.ledger.supervision.evidence(evidence_id, actor=who)
    return download(found.data, found.content_type, found.file_name)


@router.get("/board", response_model=list[BoardRowOut])
def board(
    state: State, who: Actor, region: str | None = None, as_of: date | None = None
) -> list[BoardRowOut]:
    """The supervision board: lights by unit and target, overdue first, then red, yellow, green."""
    return [_board(r) for r in state.ledger.supervision.board(who, region=region, as_of=as_of)]


@router.get("/reminders", response_model=list[DueOut])
def due(state: State, who: Actor, as_of: date | None = None) -> list[DueOut]:
    """Reports due soon and overdue, per unit and the reporters who owe them (of one's units)."""
    return [DueOut.model_validate(asdict(d)) for d in state.ledger.reminders.due(as_of, actor=who)]


@router.get("/notices", response_model=list[NoticeOut])
def notices(state: State, who: Actor, unread: bool = False) -> list[NoticeOut]:
    """One's own notices (催办), newest first."""
    return [NoticeOut.model_validate(asdict(n)) for n in state.ledger.reminders.notices(who, unread=unread)]


@router.post("/notices/{notice_id}/read", status_code=204, response_class=Response)
def read_notice(notice_id: int, state: State, who: Actor) -> Response:
    state.ledger.reminders.mark_read(notice_id, actor=who)
    return Response(status_code=204)


@router.post("/auth/email", response_model=UserOut)
def set_email(body: EmailIn, state: State, who: Actor) -> UserOut:
    """Where one's reminders are e-mailed (none: in-app notices only)."""
    if who.user_id is None:
        raise UsageError("the server's token is no user: it has no e-mail / 服务器令牌不是用户")
    return _user(state.ledger.people.set_email(who.name, body.email, actor=who))


@router.post("/calendar", response_model=FeedOut, status_code=201)
def new_feed(state: State, who: Actor) -> FeedOut:
    """A new secret address of one's iCalendar feed of deadlines (the former one stops working)."""
    return FeedOut(path=f"/api/calendar/{state.ledger.reminders.feed_secret(who)}")


@router.get(
    "/calendar/{secret}", response_class=Response, responses={200: {"content": {"text/calendar": {}}}}
)
def calendar(secret: str, request: Request, state: State) -> Response:
    """The iCalendar feed of a user's deadlines; the secret in the address is the credential."""
    who = state.ledger.reminders.feed_user(secret)
    if who is None:
        raise ApiError(404, "E404", "no such calendar / 无此日历")
    text = state.ledger.reminders.calendar(who, host=request.url.hostname or "mubiao")
    return Response(text.encode("utf-8"), media_type="text/calendar; charset=utf-8")


@router.get("/bulletin", response_class=Response)
def bulletin(
    state: State,
    who: Actor,
    region: str,
    format: Annotated[str, Query(pattern="^(docx|html)$")] = "html",
    as_of: date | None = None,
) -> Response:
    """The supervision bulletin (督查通报) of a region as DOCX or HTML: each unit's targets with
    their progress and light, the overdue reports, the targets at risk, the units ranked."""
    try:
        build_bulletin = importlib.import_module("mubiao.present.reports.bulletin").build_bulletin
    except (ImportError, AttributeError) as e:
        raise ApiError(501, "E501", "reports are not available on this server / 报告功能未安装") from e
    content, media_type, name = build_bulletin(
        state.ledger, region=region, fmt=format, as_of=as_of, actor=who
    )
    return download(content, media_type, name)
