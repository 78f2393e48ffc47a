"""The page of a target and the corrections, in real Chromium: a supervisor corrects a statement
and sees it in the ledger, overrides a status with a reason and sees it on the target's page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_dashboard import css, css_all, goto, rendered, wait

from mubiao.ledger import Ledger, Store

pytestmark = pytest.mark.browser


def _gdp_target(page: Any, server: str) -> str:
    goto(page, server, "/ledger?region=澜溪区&indicator_id=gdp", "ledger")
    link = css_all(page, "tr[data-row] a.target-link")[0]
    return str(link.get_attribute("href")).rsplit("/", 1)[-1]


def test_the_target_page_says_why_and_links_its_sources(page: Any, fix_server: str) -> None:
    target = _gdp_target(page, fix_server)
    rendered(page, "target", lambda: css(page, f"a.target-link[href$='/{target}']").click())
    assert css(page, ".target-status .badge").text
    details = {el.get_attribute("data-detail") for el in css_all(page, ".target-numbers [data-detail]")}
    assert details & {"baseline", "latest", "R", "P", "required_pace"}
    assert css_all(page, ".target-sources a.figure[href*='#/document/']")


def test_override_a_status_with_a_reason_and_see_it_on_the_target_page(page: Any, fix_server: str) -> None:
    target = _gdp_target(page, fix_server)
    goto(page, fix_server, f"/target/{target}", "target")
    from selenium.webdriver.support.ui import Select

    Select(css(page, "#override-status")).select_by_value("missed")
    css(page, "#override-reason").send_keys("统计局更正数据")
    rendered(page, "target", lambda: css(page, "#override-form button[type=submit]").click())
    assert css(page, ".target-status .badge").get_attribute("data-status") == "missed"
    assert "统计局更正数据" in css(page, ".target-words").text


def test_correct_a_statement_and_see_it_in_the_ledger(page: Any, fix_server: str) -> None:
    target = _gdp_target(page, fix_server)
    goto(page, fix_server, f"/target/{target}", "target")
    css(page, "#fix-value").send_keys("888")
    css(page, "#fix-reason").send_keys("原文为888亿元")
    rendered(page, "target", lambda: css(page, "#correction-form button[type=submit]").click())
    wait(page, lambda b: css_all(b, ".target-history li[data-correction]"), what="the correction listed")
    assert "原文为888亿元" in css(page, ".target-history").text
    goto(page, fix_server, "/ledger?region=澜溪区&indicator_id=gdp", "ledger")
    cell = css(page, f"tr[data-row='{target}'] .col-target").text
    assert "888" in cell


def test_the_store_records_who_corrected(fix_server: str, sample_db: Path) -> None:
    # the sample store itself is untouched: each server writes a copy of its own
    with Store.open(sample_db) as store:
        assert Ledger(store).corrections() == []


def test_export_the_filtered_rows_and_count_them(page: Any, fix_server: str) -> None:
    import urllib.request

    goto(page, fix_server, "/ledger?region=澜溪区&status=at_risk", "ledger")
    shown = len(css_all(page, "tr[data-row]"))
    assert shown > 0
    link = next(a for a in css_all(page, "a[download]") if "format=json" in str(a.get_attribute("href")))
    with urllib.request.urlopen(str(link.get_attribute("href"))) as r:
        rows = json.loads(r.read())
    rows = rows["rows"] if isinstance(rows, dict) else rows
    assert len(rows) == shown
    assert {r["status"] for r in rows} == {"at_risk"}


def test_the_overview_report_asks_for_a_region(page: Any, fix_server: str) -> None:
    from selenium.webdriver.support.ui import Select

    goto(page, fix_server, "/overview", "overview")
    css(page, "#overview-report").click()
    assert css(page, "#overview-report-message").text  # asked, not a silent 422
    Select(css(page, "#overview-report-region")).select_by_value("澜溪区")
    href = str(css(page, "#overview-report").get_attribute("href"))
    assert "region=" in href and "format=docx" in href


def test_search_and_sort_hold_in_the_url_and_the_export(page: Any, fix_server: str) -> None:
    import urllib.request

    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    goto(page, fix_server, "/ledger", "ledger")
    rendered(page, "ledger", lambda: css(page, "#f-search").send_keys("生产总值", Keys.ENTER))
    assert "q=" in page.current_url
    shown = [tr.get_attribute("data-row") for tr in css_all(page, "tr[data-row]")]
    rendered(page, "ledger", lambda: Select(css(page, "#f-sort")).select_by_value("-gap"))
    assert "sort=-gap" in page.current_url and css(page, "#f-search").get_attribute("value") == "生产总值"
    ordered = [tr.get_attribute("data-row") for tr in css_all(page, "tr[data-row]")]
    assert sorted(ordered) == sorted(shown) and len(ordered) > 0
    link = next(a for a in css_all(page, "a[download]") if "format=json" in str(a.get_attribute("href")))
    with urllib.request.urlopen(str(link.get_attribute("href"))) as r:
        rows = json.loads(r.read())
    rows = rows["rows"] if isinstance(rows, dict) else rows
    assert [str(x["target_id"]) for x in rows] == ordered


def test_english_mode_translates_units_and_statuses(page: Any, fix_server: str) -> None:
    page.execute_script("localStorage.setItem('mubiao.lang', 'en')")
    goto(page, fix_server, "/ledger?region=澜溪区", "ledger")
    targets = " ".join(td.text for td in css_all(page, "td.col-target"))
    statuses = " ".join(td.text for td in css_all(page, "td.col-status"))
    assert "yuan" in targets and "亿元" not in targets
    assert statuses and not any("\u4e00" <= ch <= "\u9fff" for ch in statuses)
    page.execute_script("localStorage.removeItem('mubiao.lang')")


def test_the_api_explorer_is_served_from_the_package(page: Any, fix_server: str) -> None:
    page.get(f"{fix_server}/api/docs")
    wait(page, lambda b: css_all(b, "#swagger-ui .opblock"), what="the explorer lists the routes")
    resources = page.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert all(r.startswith(fix_server) for r in resources), resources
    assert "<script>" not in page.page_source.split("<body", 1)[0]  # no inline start-up script
