"""People through the API: logins, scopes, sessions and keys that end, throttling, the audit."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from apiclient import AUTH, TOKEN, Client
from peoplefix import PASSWORD, World, copy_store, key_of, populate
from sqlalchemy import update

from mubiao.ledger import Store
from mubiao.present.api import create_app
from mubiao.store.people import Credential


@pytest.fixture(scope="module")
def people_db(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, World]:
    folder = tmp_path_factory.mktemp("people")
    db = copy_store(sample_db, folder)
    return db, populate(db, folder)


@pytest.fixture
def world(people_db: tuple[Path, World]) -> World:
    return people_db[1]


@pytest.fixture
def pstore(people_db: tuple[Path, World], tmp_path: Path) -> Iterator[Store]:
    with Store.open(copy_store(people_db[0], tmp_path)) as s:
        yield s


@pytest.fixture
def api(pstore: Store, monkeypatch: pytest.MonkeyPatch) -> Client:
    monkeypatch.delenv("MUBIAO_TOKEN", raising=False)
    return Client(create_app(pstore, token=TOKEN, web=None))


def _login(api: Client, name: str, password: str = PASSWORD) -> dict[str, str]:
    r = api.post("/api/auth/token", data={"username": name, "password": password})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["token_type"] == "bearer"
    return {"Authorization": f"Bearer {body['access_token']}"}


def test_a_login_gives_a_session_that_names_the_user(api: Client) -> None:
    r = api.post("/api/auth/token", data={"username": "rep", "password": PASSWORD})
    assert r.status_code == 200
    me = r.json()["user"]
    assert (me["name"], me["role"], [u["name"] for u in me["units"]], me["regions"]) == (
        "rep", "reporter", ["区统计局"], ["澜溪区"],
    )  # fmt: skip
    assert (
        api.get("/api/auth/me", headers={"Authorization": f"Bearer {r.json()['access_token']}"}).json()[
            "name"
        ]
        == "rep"
    )


def test_a_wrong_password_is_401_and_says_nothing_of_which_part_was_wrong(api: Client) -> None:
    for name in ("rep", "nobody"):
        r = api.post("/api/auth/token", data={"username": name, "password": "wrong password"})
        assert r.status_code == 401
        assert r.json()["error"]["code"] == "E401"
        assert "用户名或密码错误" in r.json()["error"]["message"]


def test_throttling_stops_a_password_guessing_loop(api: Client) -> None:
    codes = [
        api.post("/api/auth/token", data={"username": "sup", "password": f"guess-{i:04d}"}).status_code
        for i in range(12)
    ]
    assert codes[:5] == [401] * 5
    assert set(codes[5:]) == {429}
    # the right password is refused too while the name is locked, and says when to come back
    r = api.post("/api/auth/token", data={"username": "sup", "password": PASSWORD})
    assert r.status_code == 429
    assert int(r.headers["Retry-After"]) > 0
    assert r.json()["error"]["code"] == "E429"
    # another user is not locked out by it
    assert api.post("/api/auth/token", data={"username": "rep", "password": PASSWORD}).status_code == 200


def test_a_reporter_of_unit_a_cannot_read_or_write_unit_b(api: Client, world: World) -> None:
    rep = _login(api, "rep")
    assert api.get(f"/api/units/{world.unit_a}/reports", headers=rep).status_code == 200
    assert api.get(f"/api/units/{world.unit_b}/reports", headers=rep).status_code == 403
    assert api.post(f"/api/units/{world.unit_b}/reports", headers=rep, json={"text": "x"}).status_code == 403
    assert (
        api.post(f"/api/units/{world.unit_a}/reports", headers=rep, json={"text": "按期推进"}).status_code
        == 201
    )
    # the lists hold only what is the reporter's to read
    assert {r["unit"] for r in api.get("/api/reports", headers=rep).json()} == {"区统计局"}
    assert [u["name"] for u in api.get("/api/units", headers=rep).json()] == ["区统计局"]
    # a result in another region's ledger is refused; in its own, taken and audited with its name
    actual = {"indicator_id": "gdp", "year": 2025, "value": 530.5, "unit": "亿元"}
    assert api.post("/api/actuals", headers=rep, json={**actual, "region": "天宁区"}).status_code == 403
    assert api.post("/api/actuals", headers=rep, json={**actual, "region": "澜溪区"}).status_code == 201
    audit = api.get("/api/audit", headers=AUTH).json()
    assert audit[0]["who"] == "rep"


def test_a_viewer_cannot_write(api: Client, world: World) -> None:
    view = _login(api, "view")
    assert api.get(f"/api/units/{world.unit_a}/reports", headers=view).status_code == 200
    assert api.post(f"/api/units/{world.unit_a}/reports", headers=view, json={"text": "x"}).status_code == 403
    r = api.post(
        "/api/actuals",
        headers=view,
        json={"region": "澜溪区", "indicator_id": "gdp", "year": 2025, "value": 1},
    )
    assert r.status_code == 403
    assert (
        api.post(
            f"/api/reports/{world.report_a}/review", headers=view, json={"status": "approved"}
        ).status_code
        == 403
    )


def test_a_supervisor_sees_its_region_and_reviews_its_units(api: Client, world: World) -> None:
    sup = _login(api, "sup")
    assert {r["unit"] for r in api.get("/api/reports", headers=sup).json()} == {"区统计局"}
    r = api.post(
        f"/api/reports/{world.report_a}/review", headers=sup, json={"status": "returned", "note": "补充数据"}
    )
    assert r.status_code == 200
    assert (r.json()["status"], r.json()["reviewed_by"]) == ("returned", "sup")
    assert (
        api.post(
            f"/api/reports/{world.report_b}/review", headers=sup, json={"status": "approved"}
        ).status_code
        == 403
    )


def test_logout_ends_the_session(api: Client) -> None:
    rep = _login(api, "rep")
    assert api.post("/api/auth/logout", headers=rep).status_code == 204
    r = api.get("/api/auth/me", headers=rep)
    assert r.status_code == 403
    assert "expired or revoked" in r.json()["error"]["message"]


def test_an_expired_session_is_refused(api: Client, pstore: Store) -> None:
    rep = _login(api, "rep")
    with pstore.session() as s, s.begin():
        s.execute(update(Credential).values(expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    assert api.get("/api/auth/me", headers=rep).status_code == 403


def test_a_revoked_key_is_refused(api: Client) -> None:
    admin = _login(api, "admin")
    made = api.post("/api/keys", headers=admin, json={"label": "月度导入", "user": "rep"}).json()
    key = {"Authorization": f"Bearer {made['key']}"}
    assert api.get("/api/auth/me", headers=key).json()["via"] == "key"
    # the key's own user sees it without its secret; only its id and label
    listed = api.get("/api/keys", headers=key).json()
    assert [k["label"] for k in listed] == ["月度导入"] and "key" not in listed[0]
    assert api.delete(f"/api/keys/{made['id']}", headers=admin).status_code == 204
    assert api.get("/api/auth/me", headers=key).status_code == 403


def test_a_disabled_user_and_a_reset_password(api: Client, pstore: Store) -> None:
    admin = _login(api, "admin")
    key = {"Authorization": f"Bearer {key_of(pstore, 'rep')}"}
    session = _login(api, "rep")
    r = api.post("/api/users/rep/password", headers=admin, json={"password": "a new password"})
    assert r.status_code == 204
    assert api.get("/api/auth/me", headers=session).status_code == 403  # its sessions ended
    assert api.get("/api/auth/me", headers=key).status_code == 200  # its keys did not
    assert api.post("/api/auth/token", data={"username": "rep", "password": PASSWORD}).status_code == 401
    _login(api, "rep", "a new password")
    assert api.post("/api/users/rep/active", headers=admin, json={"active": False}).json()["active"] is False
    assert api.get("/api/auth/me", headers=key).status_code == 403
    assert (
        api.post("/api/auth/token", data={"username": "rep", "password": "a new password"}).status_code == 401
    )


def test_administration_is_audited_with_the_user(api: Client) -> None:
    admin = _login(api, "admin")
    r = api.post(
        "/api/units", headers=admin, json={"name": "红梅街道", "kind": "street", "parent": "天宁区统计局"}
    )
    assert r.status_code == 201
    assert (r.json()["region"], r.json()["parent"]) == ("天宁区", "天宁区统计局")
    r = api.post(
        "/api/users", headers=admin,
        json={"name": "hm", "role": "reporter", "password": PASSWORD, "units": ["红梅街道"]},
    )  # fmt: skip
    assert r.status_code == 201
    audit = api.get("/api/audit", headers=admin).json()
    assert [(a["who"], a["table"]) for a in audit[:2]] == [("admin", "users"), ("admin", "units")]
    assert all(PASSWORD not in (a["new"] or "") for a in audit)


def test_an_upload_is_audited_with_the_user(api: Client) -> None:
    sup = _login(api, "sup")
    text = "清河市澜溪区2026年政府工作报告\n2026年主要预期目标：地区生产总值增长5.5%左右。"
    r = api.post("/api/documents", headers=sup, files={"file": ("lanxi-2026.txt", text.encode())})
    assert r.status_code == 201, r.text
    latest = api.get("/api/audit", headers=sup).json()[0]
    assert (latest["who"], latest["table"]) == ("sup", "documents")
    assert "lanxi-2026" in latest["new"]


def test_a_unit_needs_a_known_region(api: Client) -> None:
    admin = _login(api, "admin")
    r = api.post("/api/units", headers=admin, json={"name": "X局", "region": "天凝区"})
    assert r.status_code == 400
    assert "天宁区" in r.json()["error"]["message"]


def test_the_servers_token_is_an_administrators_key(api: Client) -> None:
    me = api.get("/api/auth/me", headers=AUTH).json()
    assert (me["name"], me["role"], me["via"]) == ("tester", "admin", "token")
