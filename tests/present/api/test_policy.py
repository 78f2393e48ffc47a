"""The permission matrix: every route of the API × every role × its own unit or another's.

The routes are read from the app's OpenAPI schema (what the server publishes), each must have a
declared policy (:mod:`mubiao.present.api.policy`) and a request here; each request is sent as
each role (and as nobody), on the caller's own unit or region and on another's, and the answer
must be refused (401 or 403) exactly when the policy says so.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from apiclient import Client
from peoplefix import PASSWORD, USERS, World, copy_store, key_of, populate

from mubiao.ledger import Ledger, Store
from mubiao.present.api import create_app
from mubiao.present.api.policy import OPEN_PAGES, POLICIES

_n = itertools.count()
UPLOAD = {"files": {"file": ("new.txt", "2025年地区生产总值增长5%左右。".encode())}}

#: one request per route: (world, own) → (path, keyword arguments of the request)
Request = Callable[[World, bool], tuple[str, dict[str, Any]]]


def _same(path: str, **kwargs: Any) -> Request:
    return lambda w, own: (path, kwargs)


REQUESTS: dict[str, Request] = {
    "GET /api/health": _same("/api/health"),
    "GET /api/statuses": _same("/api/statuses"),
    "GET /api/audit": _same("/api/audit"),
    "GET /api/documents": _same("/api/documents"),
    "GET /api/documents/{doc_id}": _same("/api/documents/lanxi-2025-work-report"),
    "POST /api/extract": _same("/api/extract", **UPLOAD),
    "GET /api/statements": _same("/api/statements"),
    "GET /api/statements/{statement_id}": lambda w, own: (f"/api/statements/{w.target_a}", {}),
    "GET /api/ledger": _same("/api/ledger"),
    "GET /api/ledger/summary": _same("/api/ledger/summary"),
    "GET /api/targets/{target_id}": lambda w, own: (f"/api/targets/{w.target_a}", {}),
    "GET /api/indicators": _same("/api/indicators"),
    "GET /api/indicators/{indicator_id}/series": _same("/api/indicators/gdp/series"),
    "GET /api/regions": _same("/api/regions"),
    "GET /api/compare": _same("/api/compare", params={"indicator_id": "gdp"}),
    "GET /api/export": _same("/api/export", params={"region": "澜溪区", "format": "json"}),
    # an unknown region: past the guard, answered 400 at once instead of building a report
    "GET /api/report": _same("/api/report", params={"region": "无此区"}),
    "POST /api/documents": _same("/api/documents", **UPLOAD),
    "POST /api/actuals": lambda w, own: (
        "/api/actuals",
        {
            "json": {
                "region": "澜溪区" if own else "天宁区",
                "indicator_id": "gdp",
                "year": 2025,
                "value": 1.0,
            }
        },
    ),
    "POST /api/ledger/{target_id}/override": lambda w, own: (
        f"/api/ledger/{w.target_a if own else w.target_b}/override",
        {"json": {"status": "missed", "reason": "测试"}},
    ),
    # no override to remove: an allowed caller gets 404, a refused one 401/403
    "DELETE /api/ledger/{target_id}/override": lambda w, own: (
        f"/api/ledger/{w.target_a if own else w.target_b}/override",
        {},
    ),
    "POST /api/statements/{statement_id}/corrections": lambda w, own: (
        f"/api/statements/{w.target_a if own else w.target_b}/corrections",
        {"json": {"value": 1.0, "reason": "测试"}},
    ),
    "GET /api/corrections": _same("/api/corrections"),
    # the first allowed caller undoes it; the next are told it is undone already (400)
    "POST /api/corrections/{correction_id}/undo": lambda w, own: (
        f"/api/corrections/{w.correction_a if own else w.correction_b}/undo",
        {"json": {"reason": "测试"}},
    ),
    # applied, not orphaned: an allowed caller is told so (400)
    "POST /api/corrections/{correction_id}/reattach": lambda w, own: (
        f"/api/corrections/{w.correction_a if own else w.correction_b}/reattach",
        {"json": {"statement_id": w.target_a if own else w.target_b}},
    ),
    "POST /api/corrections/{correction_id}/dismiss": lambda w, own: (
        f"/api/corrections/{w.correction_a if own else w.correction_b}/dismiss",
        {"json": {"reason": "测试"}},
    ),
    "PATCH /api/documents/{doc_id}": lambda w, own: (
        f"/api/documents/{'lanxi-2025-work-report' if own else 'tianning-2025'}",
        {"json": {"title": "更正的标题", "reason": "测试"}},
    ),
    "POST /api/documents/{doc_id}/reread": lambda w, own: (
        f"/api/documents/{'lanxi-2025-work-report' if own else 'tianning-2025'}/reread",
        {"json": {"reason": "测试"}},
    ),
    # without its reason: past the guard an allowed caller is answered 422, and nothing is deleted
    "DELETE /api/documents/{doc_id}": lambda w, own: (
        f"/api/documents/{'lanxi-2025-work-report' if own else 'tianning-2025'}",
        {},
    ),
    "GET /api/documents/{doc_id}/versions": _same("/api/documents/lanxi-2025-work-report/versions"),
    "POST /api/auth/token": _same("/api/auth/token", data={"username": "view", "password": PASSWORD}),
    "POST /api/auth/logout": _same("/api/auth/logout"),
    "GET /api/auth/me": _same("/api/auth/me"),
    "GET /api/units": _same("/api/units"),
    "POST /api/units": lambda w, own: (
        "/api/units",
        {"json": {"name": f"单位{next(_n)}", "region": "澜溪区"}},
    ),
    "GET /api/users": _same("/api/users"),
    "POST /api/users": lambda w, own: (
        "/api/users",
        {"json": {"name": f"u{next(_n)}", "role": "viewer", "password": PASSWORD, "units": ["区统计局"]}},
    ),
    "POST /api/users/{name}/password": _same("/api/users/other/password", json={"password": PASSWORD}),
    "POST /api/users/{name}/active": _same("/api/users/other/active", json={"active": True}),
    "GET /api/keys": _same("/api/keys"),
    "POST /api/keys": _same("/api/keys", json={"label": "脚本"}),
    # the route's own answer for a key not one's own is 404, as for a key that does not exist
    "DELETE /api/keys/{key_id}": _same("/api/keys/999999"),
    "GET /api/reports": _same("/api/reports"),
    "GET /api/units/{unit_id}/reports": lambda w, own: (
        f"/api/units/{w.unit_a if own else w.unit_b}/reports",
        {},
    ),
    "POST /api/units/{unit_id}/reports": lambda w, own: (
        f"/api/units/{w.unit_a if own else w.unit_b}/reports",
        {"json": {"text": "完成"}},
    ),
    "POST /api/reports/{report_id}/review": lambda w, own: (
        f"/api/reports/{w.report_a if own else w.report_b}/review",
        {"json": {"status": "approved"}},
    ),
    # supervision: a task of the caller's own region, or of another's
    "GET /api/tasks": _same("/api/tasks"),
    "POST /api/tasks": lambda w, own: (
        "/api/tasks",
        {"json": {"title": "任务", "targets": [w.target_a], "lead": "区统计局"}},
    ),
    "GET /api/tasks/{task_id}": lambda w, own: (f"/api/tasks/{w.task_a if own else w.task_b}", {}),
    "POST /api/splits": lambda w, own: (
        "/api/splits",
        {"json": {"target_id": w.target_a, "shares": {"区统计局": 1}}},
    ),
    "GET /api/splits/{target_id}": lambda w, own: (f"/api/splits/{w.target_a}", {}),
    "POST /api/task-targets/{task_target_id}/progress": lambda w, own: (
        f"/api/task-targets/{w.task_target_a}/progress",
        {"data": {"period": "2025-Q2", "narrative": "完成", "value": "2"}},
    ),
    "GET /api/progress": _same("/api/progress"),
    "POST /api/progress/{progress_id}/review": lambda w, own: (
        f"/api/progress/{w.progress_a if own else w.progress_b}/review",
        {"json": {"status": "returned", "note": "请补充"}},
    ),
    "GET /api/evidence/{evidence_id}": lambda w, own: (f"/api/evidence/{w.evidence_a}", {}),
    "GET /api/board": _same("/api/board"),
    "GET /api/reminders": _same("/api/reminders"),
    "GET /api/notices": _same("/api/notices"),
    # no such notice: an allowed caller gets 404
    "POST /api/notices/{notice_id}/read": _same("/api/notices/999999/read"),
    "POST /api/auth/email": _same("/api/auth/email", json={"email": "me@example.org"}),
    "POST /api/calendar": _same("/api/calendar"),
    "GET /api/calendar/{secret}": _same("/api/calendar/mbf_nothing"),
    "GET /api/bulletin": _same("/api/bulletin", params={"region": "无此区"}),
}


@pytest.fixture(scope="module")
def people_db(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, World]:
    folder = tmp_path_factory.mktemp("people")
    db = copy_store(sample_db, folder)
    return db, populate(db, folder)


def _routes() -> set[str]:
    with Store.open(":memory:") as store:
        schema = create_app(store, token="", web=None).openapi()
    return {f"{method.upper()} {path}" for path, ops in schema["paths"].items() for method in ops}


ROUTES = sorted(_routes())


def test_every_route_has_a_policy_and_a_request_here() -> None:
    assert ROUTES, "no routes found in the schema"
    assert set(ROUTES) - set(POLICIES) == set(), "routes without a policy"
    assert set(POLICIES) - set(ROUTES) == set(), "policies of routes that do not exist"
    assert set(ROUTES) - set(REQUESTS) == set(), "routes the matrix does not call"
    assert not OPEN_PAGES & set(ROUTES)


def test_the_server_refuses_to_start_with_a_route_without_a_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    from mubiao.present.api import policy

    monkeypatch.delitem(policy.POLICIES, "GET /api/ledger")
    with Store.open(":memory:") as store, pytest.raises(RuntimeError, match="declares no policy"):
        create_app(store, token="", web=None)


@pytest.mark.parametrize("route", ROUTES)
def test_the_matrix(route: str, people_db: tuple[Path, World], tmp_path: Path) -> None:
    db, world = people_db
    method, _, _path = route.partition(" ")
    policy = POLICIES[route]
    with Store.open(copy_store(db, tmp_path)) as store:
        client = Client(create_app(store, token="", web=None))
        wrong = []
        for role in (None, *USERS):
            for own in (False, True):
                path, kwargs = REQUESTS[route](world, own)
                headers = {"Authorization": f"Bearer {key_of(store, USERS[role])}"} if role else {}
                r = client.request(method, path, headers=headers, **kwargs)
                refused = r.status_code in (401, 403)
                if refused != (not policy.allows(role, own=own)):
                    wrong.append(
                        f"{role or 'anonymous'} {'own' if own else 'other'}: {r.status_code} {r.text[:200]}"
                    )
                assert r.status_code < 500, r.text
        assert not wrong, f"{route} ({policy}):\n" + "\n".join(wrong)


@pytest.mark.parametrize("route", [r for r in ROUTES if POLICIES[r].access == "public"])
def test_a_private_server_needs_a_login_to_read(
    route: str, people_db: tuple[Path, World], tmp_path: Path
) -> None:
    db, world = people_db
    method, _, _path = route.partition(" ")
    path, kwargs = REQUESTS[route](world, True)
    with Store.open(copy_store(db, tmp_path)) as store:
        client = Client(create_app(store, token="", web=None, public_read=False))
        assert client.request(method, path, **kwargs).status_code == 401
        viewer = {"Authorization": f"Bearer {key_of(store, 'view')}"}
        assert client.request(method, path, headers=viewer, **kwargs).status_code not in (401, 403)


def test_a_supervisor_cannot_move_a_statement_out_of_its_regions(
    people_db: tuple[Path, World], tmp_path: Path
) -> None:
    db, w = people_db
    with Store.open(copy_store(db, tmp_path)) as store:
        client = Client(create_app(store, token="", web=None))
        sup = {"Authorization": f"Bearer {key_of(store, USERS['supervisor'])}"}
        path = f"/api/statements/{w.target_a}/corrections"
        before = Ledger(store).corrections()
        moved = client.post(path, headers=sup, json={"region": "天宁区", "reason": "另一区"})
        assert moved.status_code == 403, moved.text
        assert Ledger(store).corrections() == before
        kept = client.post(path, headers=sup, json={"value": 1.0, "reason": "本区"})
        assert kept.status_code == 201, kept.text
