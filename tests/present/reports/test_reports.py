"""Evaluation reports: the DOCX and XLSX opened again and their tables read, the HTML's escaping, the CLI."""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from mubiao.errors import UsageError
from mubiao.ledger import Ledger
from mubiao.ledger.export import STATUS_COLOURS
from mubiao.present.cli import main
from mubiao.present.reports import MEDIA_TYPES, build_report, charts, report_model
from mubiao.present.reports.docx import CATEGORY_HEADERS, RISK_HEADERS, SOURCE_HEADERS, SUMMARY_HEADERS
from mubiao.present.reports.model import (
    STATUS_LABELS,
    compact_numbers,
    fmt_number,
    parse_period,
    qualitative_claim,
)
from mubiao.present.reports.xlsx import CATEGORY_COLUMNS, SOURCE_COLUMNS
from mubiao.store.overrides import set_override
from mubiao.store.records import LedgerRow, Source
from mubiao.store.store import Store

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
REGION = "澜溪区"
PLAN = "2021-2025"


@pytest.fixture(scope="module")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite store of samples/*.txt, built once (ingestion is the slow part)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('reports') / 'mubiao.db'}"
    with Store.open(url) as store:
        summary = Ledger(store).ingest(sorted(SAMPLES.glob("*.txt")), workers=1)
        assert not summary.failures
    return url


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store.open(store_url) as s:
        yield s


# --------------------------------------------------------------------------- helpers


def _cell_texts(table: Any) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def _fill(cell: Any) -> str | None:
    shd = cell._tc.tcPr.find(qn("w:shd")) if cell._tc.tcPr is not None else None
    return None if shd is None else shd.get(qn("w:fill"))


def _tables_with(doc: Any, headers: tuple[str, ...]) -> list[Any]:
    return [t for t in doc.tables if tuple(c.text for c in t.rows[0].cells) == headers]


def _numbers(text: str) -> set[int]:
    """The source numbers of a footnote mark: [1–4] or [2, 9, 10]."""
    out: set[int] = set()
    for mark in re.findall(r"\[([\d,– ]+)\]", text):
        for part in mark.split(","):
            lo, _, hi = part.strip().partition("–")
            out.update(range(int(lo), int(hi or lo) + 1))
    return out


class FakeLedger:
    """The ledger facade's one method a report needs, over hand-made rows."""

    def __init__(self, rows: list[LedgerRow]) -> None:
        self._rows = rows

    def rows(self, *, region: str | None = None, as_of: int | None = None) -> list[LedgerRow]:
        return [r for r in self._rows if r.region == region]


def _row(
    indicator: str,
    *,
    status: str = "at_risk",
    text: str = "到2025年,地区生产总值达到550亿元。",
    category: str | None = "经济",
    actual_year: int = 2024,
) -> LedgerRow:
    return LedgerRow(
        region=REGION,
        indicator_id="gdp",
        indicator=indicator,
        period=PLAN,
        target={"measure": "level", "value": 550.0, "unit": "亿元", "qualifier": "exact", "year": 2025},
        actual={"value": 497.2, "unit": "亿元", "year": actual_year, "measure": "level"},
        gap=52.8,
        required_pace=10.62,
        status=status,
        method="sdg",
        sources=[
            Source(1, "plan", (10, 30), text, "target", role="target", year=2025),
            Source(
                2, "report", (5, 20), "地区生产总值497.2亿元。", "actual", role="actual", year=actual_year
            ),
        ],
        details={
            "period": [2021, 2025],
            "latest_year": actual_year,
            "latest": 497.2,
            "baseline": 402.0,
            "achievement_share": 0.64,
            "time_share": 0.8,
        },
        category=category,
    )


# --------------------------------------------------------------------------- DOCX


def test_docx_plan_report_has_its_sections_tables_statuses_and_sources(store: Store) -> None:
    content, media_type, name = build_report(store, region=REGION, period=PLAN, fmt="docx")
    assert media_type == MEDIA_TYPES["docx"]
    assert name == "澜溪区_2021-2025_中期评估报告.docx"
    doc = Document(io.BytesIO(content))
    paragraphs = [p.text for p in doc.paragraphs]
    # the plan's own title names the report; data reach 2024, before the plan's end: 中期评估
    assert paragraphs[0].startswith("《清河市澜溪区国民经济和社会发展第十四个五年规划")
    assert paragraphs[0].endswith("实施情况中期评估报告")
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    for h in ("一、总体情况", "二、分领域评估", "三、存在风险的目标", "附：数据来源"):
        assert h in headings
    assert "（一）经济发展" in headings and "（二）科技创新" in headings
    assert any("数据截至2024年" in p for p in paragraphs)

    # the status summary: every status in Chinese, counts adding up to the total
    (summary,) = _tables_with(doc, SUMMARY_HEADERS)
    rows = _cell_texts(summary)[1:]
    assert [r[0] for r in rows[:-1]] == list(STATUS_LABELS.values())
    assert rows[-1][0] == "合计"
    assert sum(int(r[1]) for r in rows[:-1]) == int(rows[-1][1]) == 12
    assert _fill(summary.rows[3].cells[0]) == STATUS_COLOURS["at_risk"]

    # a table per category; GDP's level target with its figures, status and source numbers
    category_tables = _tables_with(doc, CATEGORY_HEADERS)
    assert len(category_tables) == 4  # 经济, 创新, 民生, 环境
    economy = category_tables[0]
    gdp = next(
        r for r in economy.rows[1:] if r.cells[0].text == "地区生产总值" and r.cells[1].text == "550亿元左右"
    )
    _indicator, _target, actual, gap, pace, status, notes = (c.text for c in gdp.cells)
    assert actual == "497.2亿元（2024年）"
    assert gap == "52.8亿元"
    assert pace.startswith("2025年需增长10.62%")
    assert status == "存在风险"
    assert _fill(gdp.cells[5]) == STATUS_COLOURS["at_risk"]
    assert _numbers(notes)
    pm25 = next(r for t in category_tables for r in t.rows if r.cells[0].text == "PM2.5平均浓度")
    assert pm25.cells[5].text == "已完成" and _fill(pm25.cells[5]) == STATUS_COLOURS["achieved"]
    assert pm25.cells[3].text == "优于目标1微克/立方米"

    # the risks: at risk or missed only, the furthest from its target first, with a reason
    (risks,) = _tables_with(doc, RISK_HEADERS)
    risk_rows = _cell_texts(risks)[1:]
    assert len(risk_rows) == 6
    assert {r[5] for r in risk_rows} == {"存在风险"}
    assert risk_rows[0][:2] == ["一般公共预算收入", "年均增长5.6%"]
    assert all(r[6] and _numbers(r[6]) for r in risk_rows)

    # every source number used in a table is listed, with document, place and quoted text
    (sources,) = _tables_with(doc, SOURCE_HEADERS)
    listed = {int(r[0].strip("[]")): r for r in _cell_texts(sources)[1:]}
    used = set().union(*(_numbers(r.cells[6].text) for t in category_tables for r in t.rows[1:]))
    assert used == set(listed)
    first = listed[min(_numbers(notes))]
    assert first[1] == "lanxi-fyp14"
    assert first[2].startswith("目标（2025年）")
    assert re.fullmatch(r"第\d+–\d+字", first[3])
    assert "550亿元" in first[4]
    # the charts: status, progress against time, yearly values
    assert len(doc.inline_shapes) == 3


def test_docx_annual_report(store: Store) -> None:
    content, _mt, name = build_report(store, region=REGION, period="2024", fmt="docx")
    assert name == "澜溪区_2024_年度跟踪报告.docx"
    doc = Document(io.BytesIO(content))
    assert doc.paragraphs[0].text == "澜溪区2024年主要目标任务完成情况年度跟踪报告"
    rows = [r for t in _tables_with(doc, CATEGORY_HEADERS) for r in _cell_texts(t)[1:]]
    by_target = {(r[0], r[1]): r for r in rows}
    assert by_target[("固定资产投资", "增长6–6.5%")][5] == "未完成"
    assert by_target[("地区生产总值", "增长6%左右")][5] == "已完成"
    assert by_target[("新建5G基站", "300个")][5] == "待数据"
    # a qualitative target shows what it asks for
    assert by_target[("居民人均可支配收入", "定性：增长与经济增长同步")][5] == "待研判"
    (risks,) = _tables_with(doc, RISK_HEADERS)
    assert [r[0] for r in _cell_texts(risks)[1:]] == ["固定资产投资", "一般公共预算收入"]


def test_kind_follows_the_period_and_the_data(store: Store) -> None:
    assert report_model(store, region=REGION, period=PLAN).kind == "midterm"
    assert report_model(store, region=REGION, period=PLAN, as_of=2023).kind == "midterm"
    assert report_model(store, region=REGION, period=PLAN, as_of=2025).kind == "final"
    assert report_model(store, region=REGION, period="2025").kind == "annual"
    explicit = report_model(store, region=REGION, period=PLAN, kind="final")
    assert explicit.kind == "final" and explicit.title.endswith("实施情况末期评估报告")
    # no period: the latest plan in the store
    assert report_model(store, region=REGION, period=None).period == PLAN
    # a short name of a stored region
    assert report_model(store, region="澜溪", period=PLAN).region == REGION
    # data of the plan's last year make it final
    final = report_model(FakeLedger([_row("地区生产总值", actual_year=2025)]), region=REGION, period=PLAN)
    assert final.kind == "final"


def test_as_of_leaves_later_results_out(store: Store) -> None:
    report = report_model(store, region=REGION, period="2024", as_of=2023)
    assert report.data_year is None or report.data_year <= 2023
    assert {r.status for r in report.rows} <= {"pending", "needs_review"}


def test_a_reviewers_override_shows_with_the_computed_status(store_url: str, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    shutil.copyfile(store_url.removeprefix("sqlite:///"), copy)
    with Store.open(f"sqlite:///{copy}") as store:
        gdp = next(
            r for r in report_model(store, region=REGION, period=PLAN).rows if r.target == "550亿元左右"
        )
        assert gdp.row.target_id is not None
        set_override(store, gdp.row.target_id, "on_track", "区统计局确认四季度数据", who="督查室")
        after = next(
            r for r in report_model(store, region=REGION, period=PLAN).rows if r.target == "550亿元左右"
        )
    assert after.status_label == "序时推进"
    assert after.reason.startswith("经人工研判认定为“序时推进”（按数据计算为“存在风险”）。")


def test_unknown_period_or_region_is_a_usage_error(store: Store) -> None:
    with pytest.raises(UsageError, match="periods with targets: 2021-2025, 2024, 2025"):
        build_report(store, region=REGION, period="2030", fmt="docx")
    with pytest.raises(UsageError, match=r"unknown region .澜湖湾区"):
        build_report(store, region="澜湖湾区", period=None, fmt="docx")
    # a real district the store holds nothing of (南昌市东湖区)
    with pytest.raises(UsageError, match="no targets of 东湖区"):
        build_report(store, region="东湖区", period=None, fmt="docx")
    with pytest.raises(UsageError, match="format"):
        build_report(store, region=REGION, period=PLAN, fmt="pdf")
    with pytest.raises(UsageError, match="kind"):
        build_report(store, region=REGION, period=PLAN, kind="quarterly")
    with pytest.raises(UsageError, match="period"):
        build_report(store, region=REGION, period="十四五")


# --------------------------------------------------------------------------- XLSX


def test_xlsx_has_summary_category_risk_and_source_sheets(store: Store) -> None:
    content, media_type, name = build_report(store, region=REGION, period=PLAN, fmt="xlsx")
    assert media_type == MEDIA_TYPES["xlsx"] and name.endswith("中期评估报告.xlsx")
    wb = load_workbook(io.BytesIO(content))
    assert wb.sheetnames == ["汇总", "经济发展", "科技创新", "民生福祉", "生态环境", "风险目标", "数据来源"]

    summary = wb["汇总"]
    assert summary.freeze_panes == "A2"
    assert [c.value for c in summary[1][:3]] == ["状态", "目标数（项）", "占比"]
    counts = {summary.cell(row=r, column=1).value: summary.cell(row=r, column=2).value for r in range(2, 8)}
    assert counts == {"已完成": 1, "序时推进": 4, "存在风险": 6, "未完成": 0, "待数据": 0, "待研判": 1}
    assert summary.cell(row=4, column=1).fill.start_color.rgb.endswith(STATUS_COLOURS["at_risk"])
    assert summary.cell(row=8, column=2).value == 12

    headers = [c[0] for c in CATEGORY_COLUMNS]
    economy = wb["经济发展"]
    assert [c.value for c in economy[1]] == headers
    assert economy.freeze_panes == "B2" and economy.auto_filter.ref
    rows = [dict(zip(headers, r, strict=True)) for r in economy.iter_rows(min_row=2, values_only=True)]
    gdp = next(r for r in rows if r["目标"] == "550亿元左右")
    assert (gdp["目标值"], gdp["单位"], gdp["实际值"], gdp["实际年份"], gdp["缺口值"]) == (
        550,
        "亿元",
        497.2,
        2024,
        52.8,
    )
    assert gdp["状态"] == "存在风险" and gdp["指标代码"] == "gdp"
    status_col = headers.index("状态") + 1
    assert economy.cell(row=2, column=status_col).fill.start_color.rgb.endswith(
        STATUS_COLOURS[_status_of(rows[0])]
    )

    risks = [
        dict(zip(headers, r, strict=True)) for r in wb["风险目标"].iter_rows(min_row=2, values_only=True)
    ]
    assert len(risks) == 6 and all(r["说明"] for r in risks)

    src = wb["数据来源"]
    assert [c.value for c in src[1]] == [c[0] for c in SOURCE_COLUMNS]
    notes = {r[0]: r for r in src.iter_rows(min_row=2, values_only=True)}
    used = set().union(*(_numbers(r["来源"]) for ws in wb.worksheets[1:5] for r in _dicts(ws, headers)))
    assert used == set(notes)
    number, document, title, uses, start, end, text = notes[min(_numbers(gdp["来源"]))]
    assert number == min(_numbers(gdp["来源"])) and uses.startswith("目标")
    assert document == "lanxi-fyp14" and "十四个五年规划" in title
    assert isinstance(start, int) and isinstance(end, int) and start < end
    assert "550亿元" in text


def _status_of(row: dict[str, Any]) -> str:
    return {v: k for k, v in STATUS_LABELS.items()}[row["状态"]]


def _dicts(ws: Any, headers: list[str]) -> list[dict[str, Any]]:
    return [dict(zip(headers, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)]


def test_xlsx_writes_a_passage_starting_with_equals_as_text() -> None:
    ledger = FakeLedger([_row("地区生产总值", text='=HYPERLINK("http://example.invalid","x")')])
    content, _mt, _name = build_report(ledger, region=REGION, period=PLAN, fmt="xlsx")
    src = load_workbook(io.BytesIO(content))["数据来源"]
    cell = next(c for c in src["G"] if isinstance(c.value, str) and "HYPERLINK" in c.value)
    assert cell.data_type == "s"


# --------------------------------------------------------------------------- HTML


def test_html_is_self_contained_and_escapes_document_text() -> None:
    hostile = "<script>alert('x')</script>地区生产总值达到550亿元"
    ledger = FakeLedger(
        [
            _row("地区生产总值<b>", text=hostile),
            _row("某指标", status="achieved", category=None),
        ]
    )
    content, media_type, _name = build_report(ledger, region=REGION, period=PLAN, fmt="html")
    page = content.decode("utf-8")
    assert media_type == "text/html; charset=utf-8"
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "地区生产总值&lt;b&gt;" in page and "<b>" not in page
    # nothing is fetched: no scripts, stylesheets or images by address, and a policy forbidding them
    assert not re.search(r"<(?:link|img|iframe|object)\b|\bsrc=", page)
    assert "Content-Security-Policy" in page
    assert page.count("<svg") >= 2  # the status chart and the progress chart, inline
    # the rows without a category are under 其他
    assert "（二）其他指标" in page
    assert 'href="#src-1"' in page and 'id="src-1"' in page


def test_html_of_the_samples(store: Store) -> None:
    content, _mt, name = build_report(store, region=REGION, period=PLAN, fmt="html")
    page = content.decode("utf-8")
    assert name.endswith(".html")
    assert "中期评估报告</h1>" in page
    for word in ("已完成", "序时推进", "存在风险", "待研判", "三、存在风险的目标", "附：数据来源"):
        assert word in page


# --------------------------------------------------------------------------- charts


def test_charts_fall_back_to_english_labels_without_a_cjk_font(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # with no CJK font, a Chinese label would make matplotlib warn (an error here) of missing glyphs
    monkeypatch.setattr(charts, "cjk_font", lambda: None)
    report = report_model(store, region=REGION, period=PLAN)
    rendered = charts.render_charts(report, "svg")
    assert set(rendered) == {"status", "progress", "series"}
    assert b"at risk" in rendered["status"].data
    content, _mt, _name = build_report(store, region=REGION, period=PLAN, fmt="docx")
    assert len(Document(io.BytesIO(content)).inline_shapes) == 3


def test_charts_use_a_cjk_font_when_one_is_installed(store: Store) -> None:
    font = charts.cjk_font()
    if font is None:
        pytest.skip("no CJK font installed (apt-get install fonts-wqy-microhei)")
    report = report_model(store, region=REGION, period="2024")
    rendered = charts.render_charts(report, "png")
    assert list(rendered) == ["status", "compare"]
    assert rendered["status"].data.startswith(b"\x89PNG")
    # the Chinese names are drawn (as paths) in the SVG; matplotlib keeps them as comments
    assert "地区生产总值" in charts.render_charts(report, "svg")["compare"].data.decode("utf-8")


# --------------------------------------------------------------------------- the model's pieces


def test_source_marks_are_compact() -> None:
    assert compact_numbers([1, 2, 3, 4]) == "1–4"
    assert compact_numbers([10, 2, 9]) == "2, 9, 10"
    assert compact_numbers([1, 2, 5, 6, 7, 9]) == "1, 2, 5–7, 9"


def test_period_parsing() -> None:
    assert parse_period("2021-2025") == (2021, 2025)
    assert parse_period("2021—2025年") == (2021, 2025)
    assert parse_period("2025") == (2025, 2025)
    with pytest.raises(UsageError):
        parse_period("2025-2021")


def test_numbers_and_qualitative_aims_as_written() -> None:
    assert fmt_number(497.2) == "497.2"
    assert fmt_number(5.8497) == "5.85"
    assert fmt_number(3600.0) == "3600"
    assert fmt_number(-3.2) == "−3.2"
    assert qualitative_claim("外贸进出口总额", "外贸进出口总额稳中提质;") == "稳中提质"
    row = "6 单位地区生产总值能耗降低 % — 完成市下达任务 — 约束性"
    assert qualitative_claim("单位地区生产总值能耗", row) == "完成市下达任务"
    assert (
        qualitative_claim("主要污染物减排任务", "完成市下达的主要污染物减排任务。")
        == "完成市下达的主要污染物减排任务"
    )


# --------------------------------------------------------------------------- CLI


def test_cli_writes_the_report(store_url: str, tmp_path: Path) -> None:
    out = tmp_path / "report.xlsx"
    args = [
        "report",
        "--db",
        store_url,
        "--region",
        REGION,
        "--year",
        "2024",
        "--format",
        "xlsx",
        "--out",
        str(out),
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.output
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "汇总" and "风险目标" in wb.sheetnames


def test_cli_default_name_and_errors(store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["report", "--db", store_url, "--region", REGION, "--kind", "final"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "澜溪区_2021-2025_末期评估报告.docx").is_file()

    both = runner.invoke(
        main, ["report", "--db", store_url, "--region", REGION, "--year", "2024", "--period", PLAN]
    )
    assert both.exit_code == 2 and "not both" in both.output
    missing = runner.invoke(main, ["report", "--db", store_url, "--region", REGION, "--year", "2030"])
    assert missing.exit_code == 1
    assert "no targets of 澜溪区 for 2030" in missing.output
