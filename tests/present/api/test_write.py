"""The writing endpoints: refused without the token, audited with it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from apiclient import AUTH, SAMPLES, Client

from mubiao.store.store import Store

LANXI = "澜溪区"
ACTUAL = {
    "region": LANXI,
    "indicator_id": "gdp",
    "year": 2025,
    "value": 530.5,
    "unit": "亿元",
    "note": "统计公报",
}


def _target_id(client: Client) -> int:
    row = client.get("/api/ledger", params={"indicator_id": "gdp", "per_page": 1}).json()["items"][0]
    return int(row["id"])


def _writes(client: Client) -> list[tuple[str, str, dict[str, Any]]]:
    """Every write of the API, as (method, path, request arguments)."""
    target = _target_id(client)
    upload = {"files": {"file": ("new.txt", "2025年地区生产总值增长5%左右。".encode())}}
    return [
        ("POST", "/api/documents", upload),
        ("POST", "/api/actuals", {"json": ACTUAL}),
        ("POST", f"/api/ledger/{target}/override", {"json": {"status": "missed", "reason": "known"}}),
        ("DELETE", f"/api/ledger/{target}/override", {}),
        ("POST", f"/api/statements/{target}/corrections", {"json": {"value": 1, "reason": "r"}}),
        ("GET", "/api/audit", {}),
    ]


def test_writes_without_a_token_are_refused_with_401(client: Client, store: Store) -> None:
    for method, path, kwargs in _writes(client):
        r = client.request(method, path, **kwargs)
        assert r.status_code == 401, (method, path)
        assert r.json()["error"]["code"] == "E401"
    assert store.audit() == []
    assert len(store.documents()) == 3


@pytest.mark.parametrize(
    "headers",
    [
        {"Authorization": "Bearer wrong"},
        {"X-Mubiao-Token": "wrong"},
        {"Authorization": "Bearer tester:s3cret-token"},
    ],
)
def test_writes_with_a_wrong_token_are_refused_with_403(
    client: Client, store: Store, headers: dict[str, str]
) -> None:
    for method, path, kwargs in _writes(client):
        r = client.request(method, path, headers=headers, **kwargs)
        assert r.status_code == 403, (method, path)
        assert r.json()["error"]["code"] == "E403"
    assert store.audit() == []


def test_a_server_without_a_token_refuses_every_write(read_only: Client, store: Store) -> None:
    assert read_only.get("/api/health").json()["writes"] is False
    for method, path, kwargs in _writes(read_only):
        r = read_only.request(method, path, headers=AUTH, **kwargs)
        assert r.status_code == 403
        assert "no token" in r.json()["error"]["message"]
    assert store.audit() == []


def test_the_token_may_come_from_the_environment(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from mubiao.present.api import create_app

    monkeypatch.setenv("MUBIAO_TOKEN", "from-env")
    client = Client(create_app(store))
    assert client.get("/api/audit", headers={"Authorization": "Bearer from-env"}).status_code == 200
    assert client.get("/api/audit", headers=AUTH).status_code == 403


def test_upload_stores_a_document(client: Client, tmp_path: Path) -> None:
    text = "清河市澜溪区2026年政府工作报告\n2026年主要预期目标：地区生产总值增长5.5%左右，一般公共预算收入增长4%以上。"
    r = client.post("/api/documents", headers=AUTH, files={"file": ("lanxi-2026.txt", text.encode())})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["status"] == "new" and body["document"]["doc_id"] == "lanxi-2026"
    assert body["document"]["file_name"] == "lanxi-2026.txt"
    assert body["statements"] and all(s["doc"] == "lanxi-2026" for s in body["statements"])
    assert client.get("/api/documents").json()["total"] == 4
    # the same bytes again: nothing to do
    again = client.post("/api/documents", headers=AUTH, files={"file": ("lanxi-2026.txt", text.encode())})
    assert again.json()["status"] == "unchanged"
    # another file of the same name is a document of its own: it never silently replaces one
    edited = text.replace("5.5%", "6%")
    newer = client.post("/api/documents", headers=AUTH, files={"file": ("lanxi-2026.txt", edited.encode())})
    assert newer.json()["status"] == "new"
    assert newer.json()["document"]["doc_id"] != "lanxi-2026"
    assert client.get("/api/documents").json()["total"] == 5


def test_a_sample_uploaded_again_is_unchanged(client: Client) -> None:
    data = (SAMPLES / "lanxi-fyp14.txt").read_bytes()
    body = client.post("/api/documents", headers=AUTH, files={"file": ("lanxi-fyp14.txt", data)}).json()
    assert body["status"] == "unchanged" and body["document"]["doc_id"] == "lanxi-fyp14"
    assert len(body["statements"]) == body["document"]["statements"]


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.txt", b"", "E102"),
        ("binary.txt", bytes(range(256)) * 40, "E103"),
        ("slides.pptx", b"PK\x03\x04 not really", "E101"),
        ("broken.docx", b"PK\x03\x04 not a zip at all", "E107"),
    ],
)
def test_a_bad_upload_is_an_envelope_error_naming_the_file(
    client: Client, store: Store, name: str, data: bytes, code: str
) -> None:
    r = client.post("/api/documents", headers=AUTH, files={"file": (name, data)})
    assert r.status_code == 400, r.text
    error = r.json()["error"]
    assert error["code"] == code and error["message"].startswith(f"{name}: ")
    assert error["detail"] == {"file": name}
    assert "/tmp" not in error["message"] and "mubiao-upload" not in error["message"]
    assert len(store.documents()) == 3


def test_upload_needs_a_file(client: Client) -> None:
    r = client.post("/api/documents", headers=AUTH)
    assert r.status_code == 422 and r.json()["error"]["code"] == "E422"


def test_extract_previews_without_storing(client: Client, store: Store) -> None:
    data = (SAMPLES / "lanxi-2025-work-report.txt").read_bytes()
    r = client.post("/api/extract", files={"file": ("preview-2025.txt", data)}, headers=AUTH)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["document"]["doc_id"] == "preview-2025" and body["document"]["region"] == LANXI
    assert body["document"]["doc_type"] == "work_report" and body["document"]["report_year"] == 2025
    assert body["original"] == data.decode("utf-8")
    gdp = next(s for s in body["statements"] if s["indicator_id"] == "gdp" and s["kind"] == "actual")
    assert gdp["id"] is None and body["original"][gdp["span"][0] : gdp["span"][1]].endswith("497.2亿元")
    assert len(store.documents()) == 3 and store.audit() == []


def test_extract_of_a_bad_file_names_it(client: Client) -> None:
    r = client.post("/api/extract", files={"file": ("nothing.txt", b"")}, headers=AUTH)
    assert r.status_code == 400 and r.json()["error"]["message"].startswith("nothing.txt: ")


def test_a_manual_result_is_stored_and_audited(client: Client, store: Store) -> None:
    r = client.post("/api/actuals", headers=AUTH, json=ACTUAL)
    assert r.status_code == 201, r.text
    st = r.json()
    assert (st["provenance"], st["kind"], st["indicator_id"], st["year"], st["value"]) == (
        "manual",
        "actual",
        "gdp",
        2025,
        530.5,
    )
    assert client.get(f"/api/statements/{st['id']}").json() == st
    (entry,) = store.audit()
    assert (entry.who, entry.table, entry.row_id, entry.field) == ("tester", "statements", st["id"], "*")
    # the same result with another value changes it, audited again
    changed = client.post("/api/actuals", headers=AUTH, json={**ACTUAL, "value": 531}).json()
    assert changed["id"] == st["id"] and changed["value"] == 531
    assert next((a.field, a.old, a.new) for a in store.audit()) == ("value", "530.5", "531")


def test_a_manual_result_is_judged_in_the_ledger(client: Client) -> None:
    client.post("/api/actuals", headers=AUTH, json={**ACTUAL, "value": 560})
    rows = client.get("/api/ledger", params={"indicator_id": "gdp", "per_page": 500}).json()["items"]
    plan = next(r for r in rows if r["period"] == "2021-2025" and r["target"]["measure"] == "level")
    assert plan["actual"]["value"] == 560 and plan["status"] == "achieved"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({**ACTUAL, "region": "Atlantis"}, 400),
        ({**ACTUAL, "indicator_id": "no_such_indicator"}, 400),
        ({k: v for k, v in ACTUAL.items() if k != "year"}, 422),
        ({**ACTUAL, "value": "much"}, 422),
        ({**ACTUAL, "measure": "total"}, 422),
    ],
)
def test_an_invalid_manual_result_is_refused(
    client: Client, store: Store, body: dict[str, Any], status: int
) -> None:
    r = client.post("/api/actuals", headers=AUTH, json=body)
    assert r.status_code == status, r.text
    assert r.json()["error"]["status"] == status
    assert store.audit() == []


def test_a_status_override_is_shown_audited_and_removed(client: Client, store: Store) -> None:
    target = _target_id(client)
    before = next(
        r for r in client.get("/api/ledger", params={"per_page": 500}).json()["items"] if r["id"] == target
    )
    r = client.post(
        f"/api/ledger/{target}/override", headers=AUTH, json={"status": "missed", "reason": "统计局更正"}
    )
    assert r.status_code == 200, r.text
    row = r.json()
    assert row["id"] == target and row["status"] == "missed"
    assert row["override"]["status"] == "missed" and row["override"]["reason"] == "统计局更正"
    assert row["override"]["who"] == "tester" and row["override"]["when"]
    assert row["details"]["computed_status"] == before["status"]
    # the ledger and its summary show it
    listed = client.get("/api/ledger", params={"status": "missed", "per_page": 500}).json()["items"]
    assert any(r["id"] == target and r["override"] for r in listed)
    (entry,) = store.audit()
    assert (entry.who, entry.table, entry.row_id, entry.field) == ("tester", "status_overrides", target, "*")
    # removed: the computed status again, audited
    gone = client.delete(f"/api/ledger/{target}/override", headers=AUTH)
    assert (
        gone.status_code == 200
        and gone.json()["status"] == before["status"]
        and gone.json()["override"] is None
    )
    assert next(a.old is not None and a.new is None for a in store.audit())
    assert client.delete(f"/api/ledger/{target}/override", headers=AUTH).status_code == 404


def test_an_override_changes_the_summary(client: Client) -> None:
    before = client.get("/api/ledger/summary").json()["regions"][0]["counts"]
    target = _target_id(client)
    status = client.get("/api/ledger", params={"indicator_id": "gdp", "per_page": 1}).json()["items"][0][
        "status"
    ]
    new = "needs_review" if status != "needs_review" else "missed"
    client.post(f"/api/ledger/{target}/override", headers=AUTH, json={"status": new, "reason": "check"})
    after = client.get("/api/ledger/summary").json()["regions"][0]["counts"]
    assert after[new] == before[new] + 1 and after[status] == before[status] - 1


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"status": "missed", "reason": ""}, 422),
        ({"status": "missed", "reason": "   "}, 400),
        ({"status": "missed"}, 422),
        ({"status": "great", "reason": "x"}, 422),
    ],
)
def test_an_override_needs_a_status_and_a_reason(
    client: Client, store: Store, body: dict[str, Any], status: int
) -> None:
    r = client.post(f"/api/ledger/{_target_id(client)}/override", headers=AUTH, json=body)
    assert r.status_code == status, r.text
    assert store.audit() == []


def test_an_override_of_no_target_is_404(client: Client) -> None:
    r = client.post("/api/ledger/999999/override", headers=AUTH, json={"status": "missed", "reason": "x"})
    assert r.status_code == 404 and r.json()["error"]["code"] == "E304"


def test_audit_lists_every_write_newest_first(client: Client) -> None:
    target = _target_id(client)
    client.post("/api/actuals", headers=AUTH, json=ACTUAL)
    client.post(f"/api/ledger/{target}/override", headers=AUTH, json={"status": "missed", "reason": "x"})
    entries = client.get("/api/audit", headers=AUTH).json()
    assert [e["table"] for e in entries] == ["status_overrides", "statements"]
    assert all(e["who"] == "tester" for e in entries)
    assert len(client.get("/api/audit", headers=AUTH, params={"limit": 1}).json()) == 1
