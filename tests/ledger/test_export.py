"""Exports of the ledger: the workbook's sheets, colours and columns; CSV; JSON."""

from __future__ import annotations

import csv
import io
import itertools
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from mubiao.errors import UsageError
from mubiao.ledger.evaluate import evaluate
from mubiao.ledger.export import (
    COLUMNS,
    STATUS_COLOURS,
    export,
    format_target,
    to_csv,
    to_json,
)
from mubiao.store.records import LedgerRow, StatementRecord

_ids = itertools.count(1)


def rec(
    kind: str, indicator: str, value: float | None, year: int, region: str | None = "天宁区", **kw: Any
) -> StatementRecord:
    fields: dict[str, Any] = dict(
        measure="level",
        value_max=None,
        unit="亿元",
        qualifier="exact" if value is not None else "qualitative",
        cumulative=False,
        period=None,
        doc_type=None,
        published=None,
    )
    fields.update(kw)
    return StatementRecord(
        id=next(_ids),
        doc_id=f"doc-{region}",
        kind=kind,
        indicator=indicator,
        indicator_id=None,
        value=value,
        year=year,
        region=region,
        span=(3, 9),
        text=f"{indicator}{value}",
        **fields,
    )


@pytest.fixture
def rows() -> list[LedgerRow]:
    records = [
        # 天宁区: one of each status
        rec("target", "地区生产总值", 550, 2025, period=(2021, 2025)),
        rec("actual", "地区生产总值", 402, 2020),
        rec("actual", "地区生产总值", 497.2, 2024),
        rec("target", "一般公共预算收入", 5, 2024, measure="growth", unit="%"),
        rec("actual", "一般公共预算收入", 6, 2024, measure="growth", unit="%"),
        rec("target", "城镇登记失业率", 3, 2024, unit="%", qualifier="at_most"),
        rec("actual", "城镇登记失业率", 3.4, 2024, unit="%"),
        rec("target", "社会消费品零售总额", 5, 2025, measure="growth", unit="%"),
        rec("target", "居民人均可支配收入", None, 2025, measure="growth", unit=None),
        rec("target", "PM2.5平均浓度", 30, 2025, unit="微克/立方米", period=(2021, 2025)),
        rec("actual", "PM2.5平均浓度", 35, 2020, unit="微克/立方米"),
        rec("actual", "PM2.5平均浓度", 32, 2022, unit="微克/立方米"),
        # 钟楼区 and a region nobody named
        rec("target", "地区生产总值", 5, 2024, region="钟楼区", measure="growth", unit="%"),
        rec("actual", "地区生产总值", 5.5, 2024, region="钟楼区", measure="growth", unit="%"),
        rec("target", "地区生产总值", 5, 2024, region=None, measure="growth", unit="%"),
    ]
    return evaluate(records)


def test_fixture_has_every_status(rows: list[LedgerRow]) -> None:
    assert {r.status for r in rows} == set(STATUS_COLOURS)


def test_xlsx_sheets_per_region_and_summary(rows: list[LedgerRow], tmp_path: Path) -> None:
    out = tmp_path / "ledger.xlsx"
    export(rows, "xlsx", out)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["汇总", "天宁区", "钟楼区", "未知地区"]
    summary = wb["汇总"]
    header = [c.value for c in summary[1]]
    assert header[0] == "地区 region" and header[-2:] == ["合计 total", "conflicts"]
    by_region = {
        r[0]: dict(zip(header, r, strict=True)) for r in summary.iter_rows(min_row=2, values_only=True)
    }
    assert by_region["天宁区"]["合计 total"] == 6 and by_region["天宁区"]["missed"] == 1
    assert by_region["钟楼区"]["achieved"] == 1
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"


def test_xlsx_columns_colours_and_sources(rows: list[LedgerRow], tmp_path: Path) -> None:
    out = tmp_path / "ledger.xlsx"
    export(rows, "xlsx", out)
    ws = openpyxl.load_workbook(out)["天宁区"]
    header = [c.value for c in ws[1]]
    assert header == [c[1] for c in COLUMNS]
    status_col = header.index("状态 status")
    sources_col = header.index("来源 sources")
    seen = set()
    for row in ws.iter_rows(min_row=2):
        status = row[status_col].value
        assert row[status_col].fill.start_color.rgb[-6:] == STATUS_COLOURS[status]
        seen.add(status)
        sources = row[sources_col].value
        assert sources.startswith("target doc-天宁区[3–9]")
        assert row[sources_col].alignment.wrap_text
    assert seen == set(STATUS_COLOURS)
    gdp = next(
        r
        for r in ws.iter_rows(min_row=2, values_only=True)
        if r[header.index("指标 indicator")] == "地区生产总值"
    )
    assert gdp[header.index("基期 baseline")] == 402
    assert gdp[header.index("实际 actual")] == 497.2
    assert "baseline doc-天宁区" in gdp[sources_col]


def test_sheet_names_are_made_valid_and_unique(tmp_path: Path) -> None:
    records = [
        rec("target", "地区生产总值", 5, 2024, region=r, measure="growth", unit="%")
        for r in ("天宁区/开发区", "天宁区:开发区", "汇总")
    ]
    out = tmp_path / "ledger.xlsx"
    export(evaluate(records), "xlsx", out)
    assert openpyxl.load_workbook(out).sheetnames == [
        "汇总",
        "天宁区_开发区",
        "天宁区_开发区 (2)",
        "汇总 (2)",
    ]


def test_csv_has_columns_and_details(rows: list[LedgerRow], tmp_path: Path) -> None:
    out = tmp_path / "ledger.csv"
    export(rows, "csv", out)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert list(table[0]) == [c[0] for c in COLUMNS] + ["details"]
    assert len(table) == len(rows)
    gdp = next(r for r in table if r["indicator"] == "地区生产总值" and r["period"] == "2021-2025")
    assert gdp["status"] == "at_risk" and json.loads(gdp["details"])["baseline"] == 402
    assert float(gdp["R"]) == pytest.approx(0.8435)


def test_json_is_the_ledger_json(rows: list[LedgerRow], tmp_path: Path) -> None:
    out = tmp_path / "ledger.json"
    export(rows, "json", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data == [r.to_dict() for r in rows] == json.loads(to_json(rows))


def test_to_csv_to_a_stream(rows: list[LedgerRow]) -> None:
    buf = io.StringIO()
    to_csv(rows[:1], buf)
    assert buf.getvalue().count("\n") >= 2


def test_unknown_format_and_unwritable_path(rows: list[LedgerRow], tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        export(rows, "pdf", tmp_path / "x.pdf")
    with pytest.raises(UsageError):
        export(rows, "json", tmp_path / "no" / "such" / "dir.json")


@pytest.mark.parametrize(
    ("target", "text"),
    [
        (dict(value=5, unit="%", qualifier="about", measure="growth"), "增长5%左右"),
        (dict(value=-3, unit="%", qualifier="about", measure="growth"), "下降3%左右"),
        (dict(value=-4, value_max=-3, unit="%", qualifier="range", measure="growth"), "下降3–4%"),
        (dict(value=40.0, unit="亿元", qualifier="at_least", measure="level"), "40亿元以上"),
        (dict(value=6, value_max=6.5, unit="%", qualifier="range", measure="growth"), "增长6–6.5%"),
        (
            dict(value=5.5, unit="万人", qualifier="exact", measure="level", cumulative=True),
            "5.5万人（累计）",
        ),
        (dict(value=None, unit=None, qualifier="qualitative", measure="growth"), "（定性）"),
    ],
)
def test_format_target(target: dict[str, Any], text: str) -> None:
    assert format_target(target) == text
