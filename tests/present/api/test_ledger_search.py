"""The ledger's search and order (``q``, ``sort``): the rows, and the downloads, hold them."""

from __future__ import annotations

import json

import pytest
from apiclient import Client


def _rows(client: Client, **params: object) -> list[dict[str, object]]:
    items = client.get("/api/ledger", params={"per_page": 500, **params}).json()["items"]
    assert isinstance(items, list)
    return items


def test_search_keeps_the_rows_whose_words_match(client: Client) -> None:
    everything = _rows(client)
    found = _rows(client, q="生产总值")
    assert 0 < len(found) < len(everything)
    # the indicator's name, or the sentence the target was read from
    assert all("生产总值" in json.dumps(r, ensure_ascii=False) for r in found)
    assert {r["id"] for r in everything if "生产总值" in str(r["indicator"])} <= {r["id"] for r in found}
    assert _rows(client, q="生产总值 澜溪") == [r for r in found if "澜溪" in str(r["region"])]
    assert _rows(client, q="没有这个指标") == []


@pytest.mark.parametrize("key", ["gap", "-gap", "indicator", "status"])
def test_sort_orders_the_rows_and_the_export(client: Client, key: str) -> None:
    rows = _rows(client, sort=key)
    field = key.lstrip("-")
    values = [r[field] for r in rows if r[field] is not None]
    if field == "status":
        order = client.get("/api/statuses").json()
        names = (
            [s["status"] if isinstance(s, dict) else s for s in order] if isinstance(order, list) else None
        )
        assert names is None or [names.index(v) for v in values] == sorted(names.index(v) for v in values)
    else:
        assert values == sorted(values, reverse=key.startswith("-"))  # type: ignore[type-var]
    exported = json.loads(client.get("/api/export", params={"format": "json", "sort": key}).content)
    exported = exported["rows"] if isinstance(exported, dict) else exported
    assert [r["target_id"] for r in exported] == [r["id"] for r in rows]


def test_a_wrong_sort_is_refused(client: Client) -> None:
    r = client.get("/api/ledger", params={"sort": "colour"})
    assert r.status_code == 400 and "sort must be one of" in r.text
