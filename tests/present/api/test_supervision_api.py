"""Supervision through the API: a reporter's own tasks, progress with evidence, review, the board,
notices, the calendar feed and the bulletin."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from apiclient import TOKEN, Client
from peoplefix import World, copy_store, key_of, populate

from mubiao.ledger import Ledger, Store
from mubiao.present.api import create_app


@pytest.fixture(scope="module")
def people_db(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, World]:
    folder = tmp_path_factory.mktemp("people")
    db = copy_store(sample_db, folder)
    return db, populate(db, folder)


@pytest.fixture
def pstore(people_db: tuple[Path, World], tmp_path: Path) -> Iterator[Store]:
    with Store.open(copy_store(people_db[0], tmp_path)) as s:
        yield s


@pytest.fixture
def api(pstore: Store, monkeypatch: pytest.MonkeyPatch) -> Client:
    monkeypatch.delenv("MUBIAO_TOKEN", raising=False)
    return Client(create_app(pstore, token=TOKEN, web=None))


def _as(store: Store, user: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key_of(store, user)}"}


def test_a_reporter_sees_only_the_tasks_of_its_units(
    api: Client, pstore: Store, people_db: tuple[Path, World]
) -> None:
    w = people_db[1]
    mine = api.get("/api/tasks", params={"mine": "true"}, headers=_as(pstore, "rep")).json()
    assert [t["id"] for t in mine] == [w.task_a]
    assert [t["id"] for t in api.get("/api/tasks", headers=_as(pstore, "other")).json()] == [w.task_b]
    assert api.get(f"/api/tasks/{w.task_b}", headers=_as(pstore, "rep")).status_code == 404
    # the light and its rule come with each target
    target = mine[0]["targets"][0]
    assert target["light"]["colour"] in ("green", "yellow", "red", "grey", "none") and target["light"]["rule"]


def test_progress_with_evidence_returned_then_approved(
    api: Client, pstore: Store, people_db: tuple[Path, World]
) -> None:
    w = people_db[1]
    rep, sup = _as(pstore, "rep"), _as(pstore, "sup")
    form = {"period": "2025-Q4", "narrative": "全年完成", "value": "7"}
    r = api.post(f"/api/task-targets/{w.task_target_a}/progress", data=form,
                 files={"evidence": ("证明.pdf", b"%PDF-1.4 test", "application/pdf")}, headers=rep)  # fmt: skip
    assert r.status_code == 201, r.text
    first = r.json()
    assert first["evidence_name"] == "证明.pdf" and first["status"] == "submitted"
    got = api.get(f"/api/evidence/{first['evidence_id']}", headers=sup)
    assert got.status_code == 200 and got.content == b"%PDF-1.4 test"
    assert api.get(f"/api/evidence/{first['evidence_id']}", headers=_as(pstore, "other")).status_code == 404
    queue = api.get("/api/progress", params={"status": "submitted"}, headers=sup).json()
    assert first["id"] in [p["id"] for p in queue]
    r = api.post(
        f"/api/progress/{first['id']}/review", json={"status": "returned", "note": "请补充"}, headers=sup
    )
    assert r.status_code == 200 and r.json()["review_note"] == "请补充"
    second = api.post(f"/api/task-targets/{w.task_target_a}/progress", data=form, headers=rep).json()
    r = api.post(f"/api/progress/{second['id']}/review", json={"status": "approved"}, headers=sup)
    assert r.status_code == 200 and r.json()["statement_id"] is not None
    task = api.get(f"/api/tasks/{w.task_a}", headers=rep).json()
    assert [h["status"] for h in task["targets"][0]["history"]] == ["submitted", "returned", "approved"]
    assert task["targets"][0]["ledger_actual"] is not None
    audit = api.get("/api/audit", headers=sup).json()
    assert any(a["table"] == "sup_progress" for a in audit)


def test_the_board_the_reminders_and_the_bulletin(api: Client, pstore: Store) -> None:
    sup = _as(pstore, "sup")
    board = api.get("/api/board", params={"as_of": "2025-07-15"}, headers=sup).json()
    assert board and all(r["unit"] == "区统计局" for r in board)  # not unit B of another region
    assert board[0]["target"]["light"]["colour"] == "grey"
    due = api.get("/api/reminders", params={"as_of": "2025-07-15"}, headers=sup).json()
    assert {(d["kind"], d["period"]) for d in due} == {("overdue", "2025-Q2")}
    page = api.get(
        "/api/bulletin", params={"region": "澜溪区", "format": "html", "as_of": "2025-07-15"}, headers=sup
    )
    assert page.status_code == 200 and "督查通报" in page.text and "区统计局" in page.text
    docx = api.get("/api/bulletin", params={"region": "澜溪区", "format": "docx"}, headers=sup)
    assert docx.status_code == 200 and docx.content[:2] == b"PK"


def test_notices_and_the_calendar_feed(api: Client, pstore: Store) -> None:
    Ledger(pstore).reminders.remind(__import__("datetime").date(2025, 7, 15))
    rep = _as(pstore, "rep")
    notices = api.get("/api/notices", headers=rep).json()
    assert notices and notices[0]["kind"] == "overdue"
    assert api.post(f"/api/notices/{notices[0]['id']}/read", headers=rep).status_code == 204
    assert api.get("/api/notices", params={"unread": "true"}, headers=rep).json() == []
    assert api.post("/api/auth/email", json={"email": "rep@example.org"}, headers=rep).status_code == 200
    assert api.post("/api/auth/email", json={"email": "not an address"}, headers=rep).status_code == 400
    feed = api.post("/api/calendar", headers=rep).json()["path"]
    cal = api.get(feed)
    assert cal.status_code == 200 and cal.headers["content-type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in cal.text and "SUMMARY:【报送】稳增长 2025-Q1" in cal.text
    assert api.get("/api/calendar/mbf_wrong").status_code == 404
