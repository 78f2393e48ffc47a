"""A document corrected, read again, deleted; corrections undone, re-attached, dismissed — over the
API, each write audited with its old and new values."""

from __future__ import annotations

import json
from pathlib import Path

from apiclient import AUTH, SAMPLES, Client

from mubiao.store.store import AuditEntry, Store

DOC = "lanxi-2025-work-report"


def _gdp_target(client: Client) -> int:
    doc = client.get(f"/api/documents/{DOC}").json()
    return int(
        next(s["id"] for s in doc["statements"] if s["kind"] == "target" and s["indicator"] == "地区生产总值")
    )


def _new(store: Store, seen: int) -> list[AuditEntry]:
    return [a for a in store.audit() if a.id > seen]


def _last(store: Store) -> int:
    return max((a.id for a in store.audit()), default=0)


def test_correcting_a_documents_metadata_re_extracts_it_and_keeps_the_corrections(
    client: Client, store: Store
) -> None:
    target = _gdp_target(client)
    fixed = client.post(
        f"/api/statements/{target}/corrections", headers=AUTH, json={"value": 600, "reason": "原文"}
    )
    assert fixed.status_code == 201, fixed.text
    before = client.get(f"/api/documents/{DOC}").json()
    r = client.patch(
        f"/api/documents/{DOC}",
        headers=AUTH,
        json={"region": "天宁区", "title": "天宁区政府工作报告", "reason": "识别错误"},
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["corrected"] == {"region": "天宁区", "title": "天宁区政府工作报告"} and body["version"] == 1
    doc = client.get(f"/api/documents/{DOC}").json()
    assert (doc["region"], doc["title"], doc["version"]) == ("天宁区", "天宁区政府工作报告", 2)
    assert doc["corrected"] == body["corrected"]
    (c,) = client.get("/api/corrections", headers=AUTH).json()
    assert c["state"] == "applied" and c["statement_id"] != target
    assert client.get(f"/api/statements/{c['statement_id']}").json()["value"] == 600
    audit = {a.field: a for a in store.audit() if a.table == "documents"}
    assert (json.loads(audit["region"].old or "null"), json.loads(audit["region"].new or "null")) == (
        before["region"],
        "天宁区",
    )
    assert audit["title"].who == "tester"
    rows = client.get("/api/ledger", params={"region": "天宁区", "per_page": 500}).json()["items"]
    assert any(x["id"] == c["statement_id"] and x["target"]["value"] == 600 for x in rows)


def test_a_wrong_metadata_correction_is_refused_and_not_audited(client: Client, store: Store) -> None:
    for body in (
        {"doc_type": "poem", "reason": "r"},
        {"year": 2025},
        {"year": 1800, "reason": "r"},
        {"reason": "r"},
    ):
        r = client.patch(f"/api/documents/{DOC}", headers=AUTH, json=body)
        assert r.status_code in (400, 422), (body, r.text)
    assert (
        client.patch("/api/documents/nothing", headers=AUTH, json={"year": 2025, "reason": "r"}).status_code
        == 404
    )
    assert client.patch(f"/api/documents/{DOC}", json={"year": 2025, "reason": "r"}).status_code == 401
    assert store.audit() == []


def test_reading_again_keeps_the_old_version(client: Client, store: Store) -> None:
    old = {s["id"] for s in client.get(f"/api/documents/{DOC}").json()["statements"]}
    r = client.post(f"/api/documents/{DOC}/reread", headers=AUTH, json={"reason": "提取程序升级"})
    assert r.status_code == 200, r.text
    assert r.json()["before"] == r.json()["after"] == len(old)
    versions = client.get(f"/api/documents/{DOC}/versions", headers=AUTH).json()
    assert [(v["version"], v["why"], v["current"]) for v in versions] == [
        (1, "reread", False),
        (2, None, True),
    ]
    assert {s["id"] for s in versions[0]["statements"]} == old
    assert not old & {s["id"] for s in versions[1]["statements"]}
    audit = {a.field: (a.old, a.new) for a in store.audit() if a.table == "documents"}
    assert audit["version"] == ("1", "2") and audit["reason"] == (None, '"提取程序升级"')


def test_deleting_a_document_lists_its_corrections_as_orphans(client: Client, store: Store) -> None:
    target = _gdp_target(client)
    client.post(f"/api/statements/{target}/corrections", headers=AUTH, json={"value": 600, "reason": "原文"})
    assert client.delete(f"/api/documents/{DOC}", headers=AUTH).status_code == 422  # needs a reason
    r = client.delete(f"/api/documents/{DOC}", headers=AUTH, params={"reason": "重复"})
    assert r.status_code == 200, r.text
    assert r.json()["statements"] > 0 and len(r.json()["orphaned"]) == 1
    assert client.get(f"/api/documents/{DOC}").status_code == 404
    (orphan,) = client.get("/api/corrections", headers=AUTH, params={"status": "orphaned"}).json()
    assert orphan["doc_id"] == DOC and orphan["changes"] == {"value": 600.0} and orphan["text"]
    (kept,) = client.get(f"/api/documents/{DOC}/versions", headers=AUTH).json()
    assert kept["why"] == "deleted" and kept["statements"]
    (gone,) = [a for a in store.audit() if a.table == "documents" and a.field == "*"]
    assert json.loads(gone.old or "{}")["doc_id"] == DOC and gone.new is None


def test_an_orphan_is_reattached_by_hand_or_dismissed(client: Client, store: Store, tmp_path: Path) -> None:
    target = _gdp_target(client)
    made = client.post(
        f"/api/statements/{target}/corrections", headers=AUTH, json={"value": 600, "reason": "原文"}
    )
    cid = made.json()["correction"]["id"]
    client.delete(f"/api/documents/{DOC}", headers=AUTH, params={"reason": "删错了"})
    upload = {"file": (f"{DOC}.txt", (SAMPLES / f"{DOC}.txt").read_bytes())}
    assert client.post("/api/documents", headers=AUTH, files=upload).status_code == 201
    new_doc = next(d for d in client.get("/api/documents").json()["items"] if d["doc_id"].startswith(DOC))
    again = client.get(f"/api/documents/{new_doc['doc_id']}").json()
    chosen = next(
        s["id"] for s in again["statements"] if s["kind"] == "target" and s["indicator"] == "地区生产总值"
    )
    r = client.post(f"/api/corrections/{cid}/reattach", headers=AUTH, json={"statement_id": chosen})
    assert r.status_code == 200, r.text
    assert r.json()["correction"]["state"] == "applied" and r.json()["statement"]["value"] == 600
    assert client.get("/api/corrections", headers=AUTH, params={"status": "orphaned"}).json() == []
    # undone: the figure as extracted again
    r = client.post(f"/api/corrections/{cid}/undo", headers=AUTH, json={"reason": "改回"})
    assert r.status_code == 200 and r.json()["correction"]["state"] == "undone"
    assert client.get(f"/api/statements/{chosen}").json()["value"] != 600
    assert (
        client.post(f"/api/corrections/{cid}/undo", headers=AUTH, json={"reason": "again"}).status_code == 400
    )
    assert (
        client.post(f"/api/corrections/{cid}/dismiss", headers=AUTH, json={"reason": "x"}).status_code == 400
    )
    assert (
        client.post("/api/corrections/999999/dismiss", headers=AUTH, json={"reason": "x"}).status_code == 404
    )


def test_every_write_leaves_an_audit_row_with_old_and_new_values(client: Client, store: Store) -> None:
    """Each write of the API, one after the other: each leaves audit rows naming who, with the old or
    the new value (a row added has no old value, one removed no new)."""
    target = _gdp_target(client)
    upload = {"file": ("extra.txt", "某区2025年政府工作报告\n2025年地区生产总值增长6%左右。\n".encode())}
    writes = [
        ("POST", "/api/documents", {"files": upload}),
        (
            "POST",
            "/api/actuals",
            {"json": {"region": "澜溪区", "indicator_id": "gdp", "year": 2025, "value": 1.0}},
        ),
        ("POST", f"/api/ledger/{target}/override", {"json": {"status": "missed", "reason": "测试"}}),
        ("DELETE", f"/api/ledger/{target}/override", {}),
        ("POST", f"/api/statements/{target}/corrections", {"json": {"value": 600, "reason": "原文"}}),
        ("PATCH", f"/api/documents/{DOC}", {"json": {"year": 2025, "reason": "年份"}}),
        ("POST", f"/api/documents/{DOC}/reread", {"json": {"reason": "升级"}}),
        ("DELETE", "/api/documents/lanxi-fyp14", {"params": {"reason": "重复"}}),
    ]
    for method, path, kwargs in writes:
        seen = _last(store)
        r = client.request(method, path, headers=AUTH, **kwargs)
        assert r.status_code < 300, (path, r.text)
        rows = _new(store, seen)
        assert rows, f"{method} {path} left no audit row"
        assert all(a.who == "tester" and a.at is not None for a in rows), (path, rows)
        assert any(a.old is not None or a.new is not None for a in rows), (path, rows)
    (c,) = client.get("/api/corrections", headers=AUTH).json()
    seen = _last(store)
    assert (
        client.post(f"/api/corrections/{c['id']}/undo", headers=AUTH, json={"reason": "改回"}).status_code
        == 200
    )
    undo = {a.field: (json.loads(a.old or "null"), json.loads(a.new or "null")) for a in _new(store, seen)}
    assert undo["value"] == (600.0, c["original"]["value"]) and undo["state"] == ("applied", "undone")
