"""``/api/statements/{id}/corrections`` and ``/api/corrections``: audited, shown, kept."""

from __future__ import annotations

import json

from apiclient import AUTH, SAMPLES, Client
from sqlalchemy import update

from mubiao.ledger import Ledger
from mubiao.store import models as m
from mubiao.store.corrections import Correction
from mubiao.store.store import Store


def _target(client: Client) -> dict[str, object]:
    row = client.get("/api/ledger", params={"indicator_id": "gdp", "per_page": 1}).json()["items"][0]
    assert isinstance(row, dict)
    return row


def test_every_correction_write_leaves_audit_rows_with_old_and_new(client: Client, store: Store) -> None:
    target = int(_target(client)["id"])  # type: ignore[call-overload]
    before = client.get(f"/api/statements/{target}").json()
    r = client.post(
        f"/api/statements/{target}/corrections",
        headers=AUTH,
        json={"value": 999.5, "year": 2030, "kind": "target", "reason": "原文有误"},
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["statement"]["value"] == 999.5 and body["statement"]["year"] == 2030
    assert body["correction"]["who"] == "tester" and body["correction"]["state"] == "applied"
    rows = {a.field: a for a in store.audit() if a.table == "corrections"}
    assert set(rows) == {"value", "year", "kind"}
    assert json.loads(rows["value"].old or "null") == before["value"]
    assert json.loads(rows["value"].new or "null") == 999.5
    assert json.loads(rows["year"].old or "null") == before["year"]
    assert all(a.who == "tester" and a.at is not None for a in rows.values())
    # the ledger shows the corrected value, the audit endpoint the change
    row = next(
        x for x in client.get("/api/ledger", params={"per_page": 500}).json()["items"] if x["id"] == target
    )
    assert row["target"]["value"] == 999.5
    listed = client.get("/api/corrections", headers=AUTH).json()
    assert [c["statement_id"] for c in listed] == [target]


def test_an_exclusion_is_audited_and_the_claim_leaves_the_ledger(client: Client, store: Store) -> None:
    target = int(_target(client)["id"])  # type: ignore[call-overload]
    r = client.post(
        f"/api/statements/{target}/corrections", headers=AUTH, json={"exclude": True, "reason": "误识别"}
    )
    assert r.status_code == 201, r.text
    assert r.json()["statement"] is None and r.json()["correction"]["excluded"] is True
    assert client.get(f"/api/statements/{target}").status_code == 404
    (entry,) = [a for a in store.audit() if a.table == "corrections"]
    assert (entry.field, entry.old, entry.new) == ("excluded", "false", "true")


def test_a_wrong_correction_is_refused_and_not_audited(client: Client, store: Store) -> None:
    target = int(_target(client)["id"])  # type: ignore[call-overload]
    for body in ({"value": 1}, {"kind": "plan", "reason": "r"}, {"reason": "nothing to change"}):
        r = client.post(f"/api/statements/{target}/corrections", headers=AUTH, json=body)
        assert r.status_code in (400, 422), (body, r.text)
    assert client.post("/api/statements/99999999/corrections", headers=AUTH,
                       json={"value": 1, "reason": "r"}).status_code == 404  # fmt: skip
    assert store.audit() == []


def _extract_again(store: Store) -> None:
    # a newer extractor: every sample document is extracted again, its statements replaced
    with store.session() as s, s.begin():
        s.execute(update(m.Document).values(extractor_version="0.0.1"))
    Ledger(store).ingest(sorted(SAMPLES.glob("*.txt")), workers=1)


def test_a_correction_survives_re_extraction(client: Client, store: Store) -> None:
    target = int(_target(client)["id"])  # type: ignore[call-overload]
    r = client.post(f"/api/statements/{target}/corrections", headers=AUTH, json={"value": 777, "reason": "r"})
    assert r.status_code == 201
    _extract_again(store)
    (c,) = client.get("/api/corrections", headers=AUTH).json()
    assert c["state"] == "applied" and c["statement_id"] != target
    moved = client.get(f"/api/statements/{c['statement_id']}").json()
    assert moved["value"] == 777 and moved["span"] == c["span"]
    assert any(x["id"] == c["statement_id"] and x["target"]["value"] == 777
               for x in client.get("/api/ledger", params={"per_page": 500}).json()["items"])  # fmt: skip


def test_an_orphaned_correction_is_listed(client: Client, store: Store) -> None:
    target = int(_target(client)["id"])  # type: ignore[call-overload]
    r = client.post(f"/api/statements/{target}/corrections", headers=AUTH, json={"value": 777, "reason": "r"})
    assert r.status_code == 201
    # the text the correction was made on is no longer in the document (as in a new edition)
    with store.session() as s, s.begin():
        s.execute(update(Correction).values(span_start=10**7, span_end=10**7 + 5))
    _extract_again(store)
    (orphan,) = client.get("/api/corrections", headers=AUTH, params={"status": "orphaned"}).json()
    assert orphan["statement_id"] is None and orphan["changes"] == {"value": 777.0} and orphan["text"]
    assert client.get("/api/corrections", headers=AUTH, params={"status": "applied"}).json() == []


def test_one_target_row_reads_as_in_the_ledger(client: Client) -> None:
    row = _target(client)
    assert client.get(f"/api/targets/{row['id']}").json() == row
    assert client.get("/api/targets/99999999").status_code == 404
