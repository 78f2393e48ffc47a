"""Results entered by hand: CSV and XLSX, validation naming file and row, upserts with audit rows."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from mubiao.errors import CorruptFileError, ReadError, UnsupportedFormatError, UsageError
from mubiao.ledger import Ledger
from mubiao.store.manual import current_user, read_rows
from mubiao.store.store import Store

CSV = """region,indicator,year,value,unit,note
天宁区,一般公共预算收入,2024,48.2,亿元,2024年天宁区统计公报
常州市天宁区,地区生产总值,2024,1620,,
天宁,GDP,2024,5.6%,,统计公报
"""


def write(tmp_path: Path, name: str, content: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode(encoding))
    return path


def test_csv_import(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MUBIAO_USER", "alice")
    summary = Ledger(store).import_actuals(write(tmp_path, "bulletin.csv", CSV))
    assert (summary.added, summary.updated, summary.unchanged, summary.who) == (3, 0, 0, "alice")
    rows = store.statements(region="天宁区")
    assert len(rows) == 3
    assert {r.provenance for r in rows} == {"manual"} and {r.kind for r in rows} == {"actual"}
    assert {r.doc_id for r in rows} == {"bulletin.csv"} and all(r.span is None for r in rows)
    by = {(r.indicator_id, r.measure): r for r in rows}
    revenue = by[("general_budget_revenue", "level")]
    assert (revenue.value, revenue.unit, revenue.year, revenue.qualifier) == (48.2, "亿元", 2024, "exact")
    assert "统计公报" in revenue.text and "一般公共预算收入" in revenue.text
    assert by[("gdp", "level")].unit == "亿元"  # the registry's usual unit when none is given
    growth = by[("gdp", "growth")]  # a percentage of an amount, with no measure given: its growth
    assert (growth.value, growth.unit) == (5.6, "%")
    audit = store.audit()
    assert len(audit) == 3 and {a.who for a in audit} == {"alice"}
    assert all(a.field == "*" and a.old is None and a.new and a.table == "statements" for a in audit)
    assert {a.row_id for a in audit} == {r.id for r in rows}
    assert all(a.at.tzinfo is not None for a in audit)


def test_the_csv_header_names_the_measure(store: Store, tmp_path: Path) -> None:
    path = write(
        tmp_path, "g.csv", "region,indicator,year,value,measure\n天宁区,地区生产总值,2024,5.6,growth\n"
    )
    Ledger(store).import_actuals(path, user="bob")
    (r,) = store.statements()
    assert (r.measure, r.value, r.unit) == ("growth", 5.6, "%")


def test_reimport_updates_with_audit(store: Store, tmp_path: Path) -> None:
    first = write(tmp_path, "v1.csv", CSV)
    Ledger(store).import_actuals(first, user="alice")
    ids = {r.id for r in store.statements()}
    again = Ledger(store).import_actuals(first, user="alice")
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
    assert len(store.audit()) == 3

    second = write(tmp_path, "v2.csv", CSV.replace("48.2", "48.5"))
    summary = Ledger(store).import_actuals(second, user="bob")
    assert (summary.added, summary.updated, summary.unchanged) == (0, 3, 0)  # the file name changed for all
    assert {r.id for r in store.statements()} == ids
    revenue = store.statements(indicator_id="general_budget_revenue")[0]
    assert (revenue.value, revenue.doc_id) == (48.5, "v2.csv")
    changes = [a for a in store.audit() if a.who == "bob"]
    assert {(a.field, a.old, a.new) for a in changes if a.row_id == revenue.id} == {
        ("value", "48.2", "48.5"),
        ("doc_id", "v1.csv", "v2.csv"),
    }
    assert store.audit(limit=1)[0].who == "bob"  # newest first


def test_xlsx_with_chinese_headers(store: Store, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["地区", "指标", "年份", "数值", "单位", "口径", "备注"])
    ws.append(["梁溪区", "城镇新增就业", 2024, 1.25, "万人", "总量", "人社局"])
    ws.append([None, None, None, None, None, None, None])
    ws.append(["梁溪区", "一般公共预算收入", "2024年", "3.1", "%", "增速", None])
    path = tmp_path / "results.xlsx"
    wb.save(path)
    summary = Ledger(store).import_actuals(path, user="carol")
    assert summary.added == 2
    rows = {r.measure: r for r in store.statements(region="梁溪区")}
    assert (rows["level"].indicator_id, rows["level"].value, rows["level"].unit) == (
        "urban_new_jobs",
        1.25,
        "万人",
    )
    assert (rows["growth"].indicator_id, rows["growth"].value) == ("general_budget_revenue", 3.1)


def test_gbk_csv(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "excel.csv", "地区,指标代码,年份,数值\r\n天宁区,gdp,2023,1500\r\n", encoding="gbk")
    assert Ledger(store).import_actuals(path, user="d").added == 1
    assert store.statements()[0].indicator == "地区生产总值"


def test_invalid_rows_are_named_and_nothing_is_written(store: Store, tmp_path: Path) -> None:
    bad = write(
        tmp_path,
        "bad.csv",
        "region,indicator,year,value,measure\n"
        "天宁区,地区生产总值,2024,1500,level\n"
        "火星区区区x,地区生产总值,2024,1,level\n"
        "天宁区,萤火虫驿站,24,abc,level\n"
        "天宁区,地区生产总值,2024,5,speed\n"
        "天宁区,GDP,2024,1501,level\n",
    )
    with pytest.raises(UsageError) as err:
        Ledger(store).import_actuals(bad, user="eve")
    message = str(err.value)
    assert message.startswith(f"{bad}: 4 rows are invalid, nothing was imported")
    assert "row 3: unknown region '火星区区区x'" in message
    assert "row 4: indicator '萤火虫驿站' matches no indicator" in message
    assert "year '24' is not a year" in message and "value 'abc' is not a number" in message
    assert "row 5: measure 'speed'" in message
    assert "row 6: the same result as row 2" in message
    assert store.statements() == [] and store.audit() == []


def test_ambiguous_and_qualified_regions(tmp_path: Path) -> None:
    path = write(
        tmp_path, "r.csv", "region,indicator,year,value\n鼓楼区,GDP,2024,1\n南京市鼓楼区,GDP,2024,2\n"
    )
    with pytest.raises(UsageError, match="row 2: region '鼓楼区' is ambiguous") as err:
        read_rows(path)
    assert "row 3" not in str(err.value)


def test_indicator_id_must_be_known_and_agree(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "i.csv",
        "region,indicator,indicator_id,year,value\n天宁区,,no_such_id,2024,1\n天宁区,地区生产总值,tax_revenue,2024,1\n",
    )
    with pytest.raises(UsageError) as err:
        read_rows(path)
    assert "row 2: indicator_id 'no_such_id' is not in the indicator registry" in str(err.value)
    assert "row 3: indicator '地区生产总值' is 'gdp', not 'tax_revenue'" in str(err.value)


def test_header_problems(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="lacks year, indicator"):
        read_rows(write(tmp_path, "h.csv", "region,value,comment\n天宁区,1,x\n"))
    with pytest.raises(UsageError, match="no header row"):
        read_rows(write(tmp_path, "empty.csv", "\n\n"))
    with pytest.raises(UsageError, match="two columns hold 'year'"):
        read_rows(write(tmp_path, "d.csv", "region,indicator,year,年份,value\n"))


def test_unreadable_files(store: Store, tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormatError, match=r"\.ods"):
        Ledger(store).import_actuals(write(tmp_path, "a.ods", "x"))
    with pytest.raises(CorruptFileError, match=r"not a readable \.xlsx"):
        Ledger(store).import_actuals(write(tmp_path, "b.xlsx", "not a zip"))
    with pytest.raises(ReadError, match="no such file"):
        Ledger(store).import_actuals(tmp_path / "missing.csv")


def test_manual_results_survive_reingestion(store: Store, samples: Path, tmp_path: Path) -> None:
    Ledger(store).ingest([samples], workers=1)
    Ledger(store).import_actuals(
        write(tmp_path, "m.csv", "region,indicator,year,value\n澜溪区,GDP,2024,498\n"), user="f"
    )
    from sqlalchemy import update

    from mubiao.store import models as m

    with store.session() as s, s.begin():
        s.execute(update(m.Document).values(extractor_version="old"))
    Ledger(store).ingest([samples], workers=1)
    manual = [r for r in store.statements(region="澜溪区", indicator_id="gdp") if r.provenance == "manual"]
    assert [(r.value, r.year, r.doc_id) for r in manual] == [(498.0, 2024, "m.csv")]


def test_current_user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MUBIAO_USER", "env-user")
    assert current_user("given") == "given"
    assert current_user() == "env-user"
    monkeypatch.delenv("MUBIAO_USER")
    assert current_user()


def test_a_misspelt_region_is_refused_not_created(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "typo.csv", "region,indicator,year,value\n天凝区,地区生产总值,2024,550\n")
    with pytest.raises(UsageError, match="did you mean 天宁区"):
        Ledger(store).import_actuals(path)
    assert store.regions() == []
