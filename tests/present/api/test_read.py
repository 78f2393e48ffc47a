"""The reading endpoints, on the sample store: every one answers, pages, filters and types."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from apiclient import Client

from mubiao.ledger.evaluate import STATUSES
from mubiao.ledger.ledger import Ledger
from mubiao.store.store import Store

LANXI = "澜溪区"


def test_health_names_the_version_and_the_store(client: Client) -> None:
    body = client.get("/api/health").json()
    assert body["status"] == "ok"
    assert body["version"]
    assert body["store"].startswith("sqlite:///") and body["writes"] is True


def test_openapi_schema_and_docs_are_served(client: Client) -> None:
    schema = client.get("/api/openapi.json").json()
    paths = schema["paths"]
    for path in (
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/extract",
        "/api/statements",
        "/api/statements/{statement_id}",
        "/api/actuals",
        "/api/ledger",
        "/api/ledger/summary",
        "/api/ledger/{target_id}/override",
        "/api/indicators",
        "/api/indicators/{indicator_id}/series",
        "/api/compare",
        "/api/regions",
        "/api/audit",
        "/api/export",
        "/api/report",
        "/api/health",
    ):
        assert path in paths, path
    assert "ErrorOut" in schema["components"]["schemas"]
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


def test_documents_are_listed_with_their_counts(client: Client) -> None:
    body = client.get("/api/documents").json()
    assert (body["page"], body["per_page"], body["total"]) == (1, 50, 3)
    ids = [d["doc_id"] for d in body["items"]]
    assert ids == ["lanxi-2024-work-report", "lanxi-2025-work-report", "lanxi-fyp14"]
    plan = body["items"][2]
    assert plan["doc_type"] == "five_year_plan" and plan["period"] == [2021, 2025]
    assert plan["region"] == LANXI and plan["statements"] > 0
    assert set(plan) >= {
        "title",
        "file_name",
        "format",
        "report_year",
        "review_year",
        "target_year",
        "ingested_at",
    }


def test_documents_are_paginated(client: Client) -> None:
    first = client.get("/api/documents", params={"per_page": 2}).json()
    second = client.get("/api/documents", params={"per_page": 2, "page": 2}).json()
    beyond = client.get("/api/documents", params={"per_page": 2, "page": 3}).json()
    assert [len(first["items"]), len(second["items"]), len(beyond["items"])] == [2, 1, 0]
    assert first["total"] == second["total"] == beyond["total"] == 3


def test_a_document_comes_with_its_text_and_statements(client: Client) -> None:
    body = client.get("/api/documents/lanxi-2025-work-report").json()
    assert body["statement_count"] == len(body["statements"]) > 0
    original = body["original"]
    for st in body["statements"]:
        assert st["doc"] == "lanxi-2025-work-report" and isinstance(st["id"], int)
        a, b = st["span"]
        assert 0 <= a <= b <= len(original)
    gdp = next(s for s in body["statements"] if s["indicator_id"] == "gdp" and s["kind"] == "actual")
    assert original[gdp["span"][0] : gdp["span"][1]].endswith("497.2亿元")


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"kind": "target"}, lambda s: s["kind"] == "target"),
        ({"kind": "actual", "year": 2024}, lambda s: s["kind"] == "actual" and s["year"] == 2024),
        ({"indicator_id": "gdp"}, lambda s: s["indicator_id"] == "gdp"),
        (
            {"indicator": "地区生产总值"},
            lambda s: s["indicator_id"] == "gdp" or s["indicator"] == "地区生产总值",
        ),
        ({"region": LANXI}, lambda s: s["region"] == LANXI),
        ({"doc_id": "lanxi-fyp14"}, lambda s: s["doc"] == "lanxi-fyp14"),
    ],
)
def test_statements_filter(client: Client, params: dict[str, object], check: object) -> None:
    body = client.get("/api/statements", params={**params, "per_page": 500}).json()
    assert body["items"] and len(body["items"]) == body["total"]
    assert all(check(s) for s in body["items"])  # type: ignore[operator]


def test_statements_of_nothing_are_an_empty_page(client: Client) -> None:
    body = client.get("/api/statements", params={"region": "天宁区"}).json()
    assert body == {"items": [], "page": 1, "per_page": 50, "total": 0}


def test_statements_are_paginated_in_order_of_id(client: Client) -> None:
    total = client.get("/api/statements").json()["total"]
    assert total > 100
    pages = [client.get("/api/statements", params={"page": p, "per_page": 40}).json() for p in (1, 2, 3)]
    ids = [s["id"] for page in pages for s in page["items"]]
    assert ids == sorted(ids) and len(ids) == min(total, 120) and len(set(ids)) == len(ids)
    assert all(page["total"] == total for page in pages)


def test_a_statement_has_the_record_fields(client: Client) -> None:
    first = client.get("/api/statements", params={"per_page": 1}).json()["items"][0]
    st = client.get(f"/api/statements/{first['id']}").json()
    assert st == first
    spec = {"doc", "kind", "indicator", "indicator_id", "measure", "value", "value_max", "unit", "qualifier"}
    spec |= {"cumulative", "year", "region", "span", "text", "id", "attribute", "damaged", "provenance"}
    assert spec <= set(st)


def test_ledger_rows_are_paginated_with_ids_and_overrides(client: Client) -> None:
    body = client.get("/api/ledger", params={"per_page": 5}).json()
    assert len(body["items"]) == 5 and body["total"] > 5
    row = body["items"][0]
    assert row["id"] == row["target_id"] and row["override"] is None
    assert row["status"] in STATUSES and row["sources"]


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"region": LANXI}, lambda r: r["region"] == LANXI),
        ({"indicator_id": "gdp"}, lambda r: r["indicator_id"] == "gdp"),
        ({"status": "achieved"}, lambda r: r["status"] == "achieved"),
        ({"status": "at_risk,missed"}, lambda r: r["status"] in ("at_risk", "missed")),
        ({"year": 2023}, lambda r: r["period"] == "2023" or r["period"] == "2021-2025"),
    ],
)
def test_ledger_filters(client: Client, params: dict[str, object], check: object) -> None:
    body = client.get("/api/ledger", params={**params, "per_page": 500}).json()
    assert body["items"] and body["total"] == len(body["items"])
    assert all(check(r) for r in body["items"])  # type: ignore[operator]


def test_ledger_as_of_uses_older_results_only(client: Client) -> None:
    now = client.get("/api/ledger", params={"per_page": 500}).json()["items"]
    then = client.get("/api/ledger", params={"per_page": 500, "as_of": 2022}).json()["items"]
    assert len(now) == len(then)
    assert all((r["actual"] or {}).get("year", 0) <= 2022 for r in then)


def test_ledger_refuses_an_unknown_status(client: Client) -> None:
    r = client.get("/api/ledger", params={"status": "great"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "E400"


def test_summary_counts_every_status_per_region(client: Client) -> None:
    body = client.get("/api/ledger/summary").json()
    (region,) = body["regions"]
    assert region["region"] == LANXI and set(region["counts"]) == set(STATUSES)
    total = client.get("/api/ledger", params={"region": LANXI}).json()["total"]
    assert region["total"] == sum(region["counts"].values()) == total
    behind = body["behind"]
    assert 0 < len(behind) <= 10
    lagging = [r["status"] in ("at_risk", "missed") for r in behind]
    assert lagging == sorted(lagging, reverse=True)  # at risk and missed first


def test_indicators_in_the_store_with_counts(client: Client) -> None:
    body = client.get("/api/indicators").json()
    gdp = next(i for i in body if i["id"] == "gdp")
    assert gdp["name"] == "地区生产总值" and gdp["unit"] == "亿元" and gdp["polarity"] == "higher"
    assert gdp["statements"] == client.get("/api/statements", params={"indicator_id": "gdp"}).json()["total"]
    assert [i["statements"] for i in body] == sorted((i["statements"] for i in body), reverse=True)


def test_series_has_targets_actuals_a_path_and_the_ledger(client: Client) -> None:
    body = client.get("/api/indicators/gdp/series", params={"region": LANXI}).json()
    assert body["region"] == LANXI and body["indicator"]["id"] == "gdp"
    assert any(t["period"] == "2021-2025" and t["value"] == 550 for t in body["targets"])
    assert any(a["year"] == 2024 and a["value"] == 497.2 for a in body["actuals"])
    # from the 2024 result (497.2) to the 2025 plan target (550)
    assert body["path"] == [{"year": 2024, "value": 497.2}, {"year": 2025, "value": 550.0}]
    assert body["ledger"] and all(r["indicator_id"] == "gdp" for r in body["ledger"])


def test_series_takes_the_region_with_most_statements_by_default(client: Client) -> None:
    assert client.get("/api/indicators/gdp/series").json()["region"] == LANXI


def test_series_of_an_unknown_indicator_is_404(client: Client) -> None:
    r = client.get("/api/indicators/no_such_thing/series")
    assert r.status_code == 404 and r.json()["error"]["code"] == "E304"


def test_compare_puts_regions_side_by_side(client: Client) -> None:
    body = client.get("/api/compare", params={"indicator_id": "gdp", "year": 2024}).json()
    assert body["indicator"]["id"] == "gdp" and body["year"] == 2024
    (lanxi,) = body["regions"]
    assert (lanxi["region"], lanxi["value"], lanxi["unit"], lanxi["kind"]) == (LANXI, 497.2, "亿元", "actual")
    assert client.get(f"/api/statements/{lanxi['id']}").json()["value"] == 497.2
    assert body["rollup"] == []  # 清河市 is invented: no hierarchy to roll up


def test_compare_defaults_to_the_latest_year(client: Client) -> None:
    assert client.get("/api/compare", params={"indicator_id": "gdp"}).json()["year"] == 2024


def test_compare_needs_an_indicator(client: Client) -> None:
    r = client.get("/api/compare")
    assert r.status_code == 422 and r.json()["error"]["detail"]["errors"][0]["where"] == "query.indicator_id"


def test_regions_in_the_store(client: Client) -> None:
    (lanxi,) = client.get("/api/regions").json()
    total = client.get("/api/statements", params={"region": LANXI}).json()["total"]
    # 澜溪区 is invented: its level is read from its name, its parent from its documents
    assert lanxi == {
        "name": LANXI,
        "level": "district",
        "parent": "清河市",
        "full_name": None,
        "statements": total,
    }


def test_export_csv(client: Client) -> None:
    r = client.get("/api/export", params={"format": "csv", "region": LANXI})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert (
        "filename*=UTF-8''mubiao-ledger-%E6%BE%9C%E6%BA%AA%E5%8C%BA.csv" in r.headers["content-disposition"]
    )
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert len(rows) == client.get("/api/ledger", params={"region": LANXI}).json()["total"]


def test_export_json_and_xlsx(client: Client) -> None:
    rows = json.loads(client.get("/api/export", params={"format": "json"}).content)
    assert rows and {"region", "status", "sources"} <= set(rows[0])
    xlsx = client.get("/api/export", params={"format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_export_refuses_an_unknown_format(client: Client) -> None:
    assert client.get("/api/export", params={"format": "pdf"}).json()["error"]["status"] == 422


def test_report_is_a_download_or_501(client: Client) -> None:
    r = client.get("/api/report", params={"region": LANXI, "format": "html"})
    if r.status_code == 501:  # the reports are another part of mubiao, not always installed
        assert r.json()["error"]["code"] == "E501"
    else:
        assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
        assert r.headers["content-type"].startswith("text/html")


def test_the_dashboard_is_served_at_the_root(client: Client) -> None:
    from mubiao.present.api.app import WEB

    if not (WEB / "index.html").is_file():
        pytest.skip("the dashboard is not built in this checkout")
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    # and the API still answers beside it
    assert client.get("/api/health").status_code == 200


def test_ledger_items_are_the_rows_as_dicts_with_id_and_override(client: Client, store: Store) -> None:
    rows = Ledger(store).rows()
    items = client.get("/api/ledger", params={"per_page": 500}).json()["items"]
    assert len(items) == len(rows)
    for row, item in zip(rows, items, strict=True):
        expected = json.loads(json.dumps(row.to_dict(), ensure_ascii=False))
        assert {k: v for k, v in item.items() if k not in ("id", "override")} == expected
        assert item["id"] == row.target_id and item["override"] is None


def test_compare_rolls_a_city_up_from_its_districts(client: Client, store: Store, tmp_path: Path) -> None:
    f = tmp_path / "changzhou.csv"
    f.write_text(
        "region,indicator_id,year,value,unit\n常州市,gdp,2024,10000,亿元\n天宁区,gdp,2024,1500,亿元\n钟楼区,gdp,2024,1200,亿元\n",
        encoding="utf-8",
    )
    Ledger(store).import_actuals(f, user="t")
    body = client.get("/api/compare", params={"indicator_id": "gdp", "year": 2024}).json()
    values = {r["region"]: r["value"] for r in body["regions"]}
    assert values == {"常州市": 10000, "天宁区": 1500, "钟楼区": 1200, LANXI: 497.2}
    (city,) = body["rollup"]
    assert (city["region"], city["level"], city["value"], city["unit"]) == ("常州市", "city", 10000, "亿元")
    assert sorted(city["children"]) == ["天宁区", "钟楼区"] and city["sum"] == 2700
    assert (city["min"], city["max"], city["share"]) == (1200, 1500, 0.27)


def test_compare_keeps_a_region_that_has_a_target_but_no_figure(
    client: Client, store: Store, tmp_path: Path
) -> None:
    report = tmp_path / "donghu-2025.txt"
    report.write_text(
        "清河市东湖区2025年政府工作报告\n——2025年1月9日在东湖区人民代表大会上\n二、2025年目标任务\n"
        "地区生产总值增长5%左右;一般公共预算收入增长3%。\n",
        encoding="utf-8",
    )
    Ledger(store).ingest([report], workers=1)
    r = client.get("/api/compare", params={"indicator_id": "gdp", "measure": "growth"})
    assert r.status_code == 200, r.text
    rows = {row["region"]: row for row in r.json()["regions"]}
    assert "东湖区" in rows
    donghu = rows["东湖区"]
    assert (donghu["value"], donghu["id"], donghu["doc"]) == (None, None, None)
