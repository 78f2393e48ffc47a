"""The dashboard as a reader meets it: real app, real headless Chromium, assertions on what the page shows.

The expected figures are read from the same server's API, so the tests check that the page shows
what the ledger holds (and stay true when the extraction improves); a few facts of the samples
(澜溪区, 地区生产总值, its five-year target in lanxi-fyp14) are named outright.
"""

from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

STATUS_ZH = {
    "achieved": "已完成",
    "on_track": "序时推进",
    "at_risk": "存在风险",
    "missed": "未完成",
    "pending": "待数据",
    "needs_review": "待研判",
}

# A document to upload: 东湖区's report of the year before, with markup that must show as text.
UPLOAD_NAME = "donghu-2024-work-report.txt"
UPLOAD_TEXT = """清河市东湖区2024年政府工作报告

——2024年1月10日在东湖区第三届人民代表大会第三次会议上

各位代表：

一、2023年工作回顾

2023年，全区实现地区生产总值295.1亿元，增长6.2%；一般公共预算收入20.6亿元，增长4.5%。
网上留言板收到一条留言：<script>window.__pwned = 1</script><b>请加快建设</b>，已转交办理。

二、2024年主要预期目标

地区生产总值增长6%左右；一般公共预算收入增长4%以上；新增城镇就业0.8万人。
"""


# ------------------------------------------------------------------ helpers


def api(server: str, path: str, **params: Any) -> Any:
    query = urllib.parse.urlencode({k: v for k, v in params.items() if v is not None})
    with urllib.request.urlopen(f"{server}/api/{path}{'?' + query if query else ''}", timeout=30) as r:
        return json.load(r)


def wait(browser: Any, condition: Callable[[Any], Any], timeout: float = 20, what: str = "") -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, timeout).until(condition, message=what)


def rendered(browser: Any, page: str, action: Callable[[], None]) -> None:
    """Does action (a navigation, a filter change) and waits until page has rendered anew.

    The shell sets body[data-ready] to the page's name once it is drawn: clearing it first means
    the wait sees this render, not the previous one.
    """
    browser.execute_script("delete document.body.dataset.ready")
    action()
    wait(
        browser,
        lambda b: b.execute_script("return document.body.dataset.ready") == page,
        what=f"{page} rendered",
    )


def goto(browser: Any, server: str, route: str, page: str) -> None:
    rendered(browser, page, lambda: browser.get(f"{server}/#{route}"))


def css(browser: Any, selector: str) -> Any:
    from selenium.webdriver.common.by import By

    return browser.find_element(By.CSS_SELECTOR, selector)


def css_all(browser: Any, selector: str) -> list[Any]:
    from selenium.webdriver.common.by import By

    return browser.find_elements(By.CSS_SELECTOR, selector)


def choose(browser: Any, select_id: str, value: str, page: str) -> None:
    from selenium.webdriver.support.ui import Select

    rendered(browser, page, lambda: Select(css(browser, f"#{select_id}")).select_by_value(value))


def squeeze(s: str) -> str:
    return re.sub(r"\s+", "", s)


# ------------------------------------------------------------------ overview


def test_overview_shows_status_counts_per_region_and_the_most_behind(
    browser: Any, server: str, artifacts: Path
) -> None:
    summary = api(server, "ledger/summary")
    goto(browser, server, "/overview", "overview")

    assert browser.execute_script("return document.documentElement.lang") == "zh-CN"
    assert css(browser, "#page-title").text == "总览"
    assert css(browser, "nav.main-nav a[aria-current='page']").text == "总览"

    # the counts per region, as the ledger has them
    for region in summary["regions"]:
        row = css(browser, f"table.region-counts tr[data-region='{region['region']}']")
        cells = [td.text for td in row.find_elements("css selector", "td")]
        assert cells[0] == region["region"]
        assert cells[1:7] == [str(region["counts"].get(s, 0)) for s in STATUS_ZH]
        assert cells[7] == str(region["total"])
    headers = [th.text for th in css_all(browser, "table.region-counts th")]
    assert headers[1:7] == list(STATUS_ZH.values())

    # the status cards add up over the regions; the colours are the status colours
    cards = {c.get_attribute("data-status"): c for c in css_all(browser, "a.kpi[data-status]")}
    for status, label in STATUS_ZH.items():
        total = sum(r["counts"].get(status, 0) for r in summary["regions"])
        assert cards[status].text.split() == [str(total), label]
    missed = css(browser, "a.kpi[data-status='missed'] .dot")
    assert missed.value_of_css_property("background-color") == "rgba(198, 40, 40, 1)"

    # the stacked bar chart is drawn by ECharts, one series per status
    series = browser.execute_script(
        "const c = echarts.getInstanceByDom(document.querySelector('.chart-overview'));"
        "return c.getOption().series.map(s => [s.name, s.data]);"
    )
    assert [name for name, _ in series] == list(STATUS_ZH.values())
    assert css(browser, ".chart-overview canvas").size["width"] > 300

    # the most-behind targets, in the API's order, with their status badges
    rows = css_all(browser, "#behind ~ .table-wrap tbody tr")
    assert len(rows) == len(summary["behind"]) > 0
    for tr, expected in zip(rows, summary["behind"], strict=True):
        assert tr.get_attribute("data-status") == expected["status"]
        assert tr.find_element("css selector", ".badge").text == STATUS_ZH[expected["status"]]
        assert expected["indicator"] in tr.text

    # the artefact a reviewer looks at: the overview as a reader first sees it
    browser.save_screenshot(str(artifacts / "dashboard.png"))
    assert (artifacts / "dashboard.png").stat().st_size > 10_000


# ------------------------------------------------------------------ ledger


def test_ledger_filters_by_status_indicator_and_region(browser: Any, server: str) -> None:
    goto(browser, server, "/ledger", "ledger")
    everything = api(server, "ledger", per_page=100)
    assert css(browser, "#ledger-count").text == f"共 {everything['total']} 项目标"
    assert len(css_all(browser, "table.data tbody tr")) == min(everything["total"], 100)

    choose(browser, "f-status", "at_risk", "ledger")
    assert "status=at_risk" in browser.current_url
    at_risk = api(server, "ledger", status="at_risk", per_page=100)
    rows = css_all(browser, "table.data tbody tr")
    assert len(rows) == at_risk["total"] > 0
    assert {r.get_attribute("data-status") for r in rows} == {"at_risk"}
    badge = rows[0].find_element("css selector", ".badge")
    assert badge.text == "存在风险"
    assert badge.value_of_css_property("background-color") == "rgba(240, 162, 2, 1)"  # amber

    choose(browser, "f-indicator", "gdp", "ledger")
    both = api(server, "ledger", status="at_risk", indicator_id="gdp", per_page=100)
    rows = css_all(browser, "table.data tbody tr")
    assert len(rows) == both["total"] > 0
    for tr, expected in zip(rows, both["items"], strict=True):
        cells = tr.find_elements("css selector", "td")
        assert cells[1].text == "地区生产总值"
        # gap and required pace as a reader writes them: 尚差 …, 年均 …%
        gap = tr.find_element("css selector", ".col-gap").text
        assert gap.startswith("尚差 ") if expected["gap"] > 0 else gap.startswith("超额 ")
        if expected["required_pace"] is not None:
            assert re.fullmatch(r"年均 [\d.]+%", tr.find_element("css selector", ".col-pace").text)

    # one region only, and the filter is part of the address
    choose(browser, "f-status", "", "ledger")
    choose(browser, "f-region", "澜溪区", "ledger")
    assert {td.text for td in css_all(browser, "table.data tbody td:first-child")} == {"澜溪区"}
    assert "region=%E6%BE%9C%E6%BA%AA%E5%8C%BA" in browser.current_url  # the filter is in the link

    rendered(browser, "ledger", lambda: css(browser, "#f-reset").click())
    assert css(browser, "#ledger-count").text == f"共 {everything['total']} 项目标"


def test_a_number_in_the_ledger_opens_the_document_at_its_claim(browser: Any, server: str) -> None:
    rows = api(server, "ledger", region="澜溪区", indicator_id="gdp", per_page=100)["items"]
    plan = next(r for r in rows if r["period"] == "2021-2025" and r["target"]["measure"] == "level")
    sid, doc = plan["target"]["statement_id"], plan["target"]["document"]
    assert doc == "lanxi-fyp14"

    goto(browser, server, "/ledger?region=澜溪区&indicator_id=gdp", "ledger")
    link = css(browser, f"tr[data-row='{plan['id']}'] .col-target a.figure")
    assert link.text == "550亿元左右"
    rendered(browser, "document", link.click)

    assert browser.current_url.endswith(f"#/document/{doc}?statement={sid}")
    assert css(browser, "#page-title").text == api(server, f"documents/{doc}")["title"]

    # the claim is highlighted and emphasised, and it is the claim's own text
    statement = api(server, f"statements/{sid}")
    original = api(server, f"documents/{doc}")["original"]
    start, end = statement["span"]
    focused = css_all(browser, "#doc-text mark.claim.focus")
    assert focused
    assert squeeze("".join(m.text for m in focused)) == squeeze(original[start:end])
    assert "550" in squeeze(original[start:end])

    # scrolled into view inside the text's box
    visible = browser.execute_script(
        "const box = document.getElementById('doc-text').getBoundingClientRect();"
        "const m = document.querySelector('#doc-text mark.claim.focus').getBoundingClientRect();"
        "return m.top >= box.top && m.bottom <= box.bottom && m.top >= 0 && m.bottom <= innerHeight;"
    )
    assert visible

    # the details panel tells the claim's fields
    details = css(browser, "#claim-details").text
    assert "550亿元左右" in details and "地区生产总值" in details and "2021—2025年" in details

    # every statement of the document is highlighted, and clicking another selects it
    doc_statements = api(server, f"documents/{doc}")["statements"]
    marked = browser.execute_script(
        "return [...new Set([...document.querySelectorAll('#doc-text mark.claim')]"
        ".flatMap(m => m.dataset.statements.split(' ')))];"
    )
    assert set(marked) == {str(s["id"]) for s in doc_statements if s["span"]}
    other = next(s for s in doc_statements if s["kind"] == "actual" and s["span"])
    css(browser, f"#doc-text mark[data-statements~='{other['id']}']").click()
    assert browser.current_url.endswith(f"statement={other['id']}")
    assert "实绩" in css(browser, "#claim-details").text


# ------------------------------------------------------------------ indicator and comparison


def test_indicator_chart_shows_targets_results_and_the_path_still_needed(browser: Any, server: str) -> None:
    series = api(server, "indicators/gdp/series", region="澜溪区")
    assert series["path"], "the samples have a five-year GDP target with a path to it"

    goto(browser, server, "/indicators", "indicators")
    rendered(browser, "indicator", css(browser, "a[data-indicator='gdp']").click)
    assert browser.current_url.endswith("#/indicator/gdp")
    assert css(browser, "#page-title").text == "地区生产总值 · 澜溪区"

    option = browser.execute_script(
        "const c = echarts.getInstanceByDom(document.getElementById('indicator-chart'));"
        "const o = c.getOption();"
        "return {x: o.xAxis[0].data, series: o.series.map(s => ({name: s.name, type: s.type, data: s.data,"
        " dashed: (s.lineStyle || {}).type === 'dashed'}))};"
    )
    names = [s["name"] for s in option["series"]]
    assert any(n.startswith("实际") for n in names)
    assert any(n.startswith("目标") for n in names)
    path = next(s for s in option["series"] if s["name"] == "尚需路径")
    assert path["dashed"]
    assert path["data"] == [[str(p["year"]), p["value"]] for p in series["path"]]
    assert path["data"][-1] == ["2025", 550]  # it ends on the plan's target
    assert option["x"][0] <= "2020" and option["x"][-1] == "2025"

    # the same figures as a table, each linked to its sentence
    figures = css_all(browser, "section table.compact tbody tr")
    assert len(figures) == len(series["targets"]) + len(series["actuals"])
    # and the ledger rows of the indicator below, with their status colours
    assert len(css_all(browser, ".table-wrap table.data tbody tr[data-status]")) == len(series["ledger"])


def test_comparison_charts_one_indicator_across_regions(browser: Any, server: str) -> None:
    data = api(server, "compare", indicator_id="gdp", year=2024)
    figures = {r["region"]: r["value"] for r in data["regions"] if r["value"] is not None}
    assert {"澜溪区", "东湖区"} <= set(figures)

    goto(browser, server, "/indicators", "indicators")
    rendered(browser, "compare", css(browser, "nav.main-nav a[data-nav='compare']").click)
    choose(browser, "c-indicator", "gdp", "compare")
    choose(browser, "c-year", "2024", "compare")
    assert browser.current_url.endswith("#/compare?indicator=gdp&year=2024")
    assert css(browser, ".page-compare h2").text == "地区生产总值（2024年）"

    bars = browser.execute_script(
        "const c = echarts.getInstanceByDom(document.getElementById('compare-chart'));"
        "const o = c.getOption(); return {regions: o.yAxis[0].data, values: o.series[0].data.map(d => d.value)};"
    )
    # one bar per region, the largest first, each the figure the API holds
    assert dict(zip(bars["regions"], bars["values"], strict=True)) == figures
    assert bars["values"] == sorted(bars["values"], reverse=True)
    table = css(browser, "table.compare-table").text
    assert "497.2亿元" in table and "312.6亿元" in table


# ------------------------------------------------------------------ upload


def test_upload_previews_the_extraction_then_stores_the_document(
    browser: Any, server: str, tmp_path: Path
) -> None:
    path = tmp_path / UPLOAD_NAME
    path.write_text(UPLOAD_TEXT, encoding="utf-8")

    goto(browser, server, "/upload", "upload")
    css(browser, "#upload-file").send_keys(str(path))
    css(browser, "#preview-token").send_keys("s3cret-token")  # a preview needs the token too
    css(browser, "#upload-preview").click()
    count = wait(browser, lambda b: b.find_elements("css selector", "#preview-count"), what="the preview")[0]
    n = int(re.search(r"\d+", count.text).group())
    assert n >= 5  # GDP and revenue, results and targets, and new jobs
    assert len(css_all(browser, ".preview-table tbody tr")) == n
    assert "东湖区" in css(browser, ".meta-bar").text

    # the document's markup is shown as text, never run or rendered
    text = css(browser, "#doc-text").text
    assert "<script>window.__pwned = 1</script><b>请加快建设</b>" in text
    assert (
        browser.execute_script("return document.querySelectorAll('#doc-text script, #doc-text b').length")
        == 0
    )
    assert browser.execute_script("return window.__pwned === undefined")
    assert css_all(browser, "#doc-text mark.claim-target") and css_all(browser, "#doc-text mark.claim-actual")

    # nothing is stored by the preview
    assert "donghu-2024-work-report" not in {d["doc_id"] for d in api(server, "documents")["items"]}

    # the token given for the preview is the store form's already
    assert css(browser, "#upload-token").get_attribute("value") == "s3cret-token"
    css(browser, "#upload-store").click()
    stored = wait(
        browser, lambda b: b.find_elements("css selector", "#upload-stored"), what="the store answer"
    )[0]
    assert "新文件" in stored.text
    assert browser.execute_script("return sessionStorage.getItem('mubiao.token')") == "s3cret-token"
    assert "donghu-2024-work-report" in {d["doc_id"] for d in api(server, "documents")["items"]}

    rendered(browser, "document", css(browser, "#upload-open").click)
    assert css(browser, "#page-title").text == "清河市东湖区2024年政府工作报告"
    assert "<script>window.__pwned = 1</script>" in css(browser, "#doc-text").text
    assert browser.execute_script("return window.__pwned === undefined")


def test_storing_with_a_wrong_token_shows_the_servers_message(
    browser: Any, server: str, tmp_path: Path
) -> None:
    path = tmp_path / "lanxi-copy.txt"
    path.write_text(UPLOAD_TEXT.replace("东湖区", "澜溪区"), encoding="utf-8")
    goto(browser, server, "/upload", "upload")
    css(browser, "#upload-file").send_keys(str(path))
    css(browser, "#preview-token").send_keys("s3cret-token")  # a preview needs the token too
    css(browser, "#upload-preview").click()
    wait(browser, lambda b: b.find_elements("css selector", "#upload-token"), what="the preview")
    css(browser, "#upload-token").send_keys("not-the-token")
    css(browser, "#upload-store").click()
    message = wait(
        browser, lambda b: b.find_elements("css selector", ".store-form .error-message"), what="the error"
    )[0]
    assert "令牌不正确" in message.text  # the API's own words, not a bare status code


# ------------------------------------------------------------------ language, offline


def test_english_switch_is_remembered(browser: Any, server: str) -> None:
    goto(browser, server, "/ledger?status=missed", "ledger")
    assert css(browser, "#lang-switch").text == "English"
    rendered(browser, "ledger", css(browser, "#lang-switch").click)
    assert browser.execute_script("return document.documentElement.lang") == "en"
    assert [a.text for a in css_all(browser, "nav.main-nav a")][:2] == ["Overview", "Ledger"]
    assert {b.text for b in css_all(browser, "table.data .badge")} == {"Missed"}

    rendered(browser, "ledger", browser.refresh)
    assert css(browser, "#page-title").text == "Ledger"
    rendered(browser, "ledger", css(browser, "#lang-switch").click)
    assert css(browser, "#page-title").text == "目标台账"


def test_the_dashboard_loads_nothing_from_outside(browser: Any, server: str) -> None:
    goto(browser, server, "/indicator/gdp?region=澜溪区", "indicator")
    resources = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert resources
    assert all(r.startswith(server) for r in resources), resources
    assert any(r.endswith("/static/vendor/echarts.min.js") for r in resources)


def test_the_status_chips_count_every_page_in_the_served_palette(browser: Any, server: str) -> None:
    goto(browser, server, "/ledger", "ledger")
    counts = api(server, "ledger", per_page=1)["counts"]
    chips = [c.text for c in css_all(browser, ".chips .chip")]
    assert chips == [f"{STATUS_ZH[s]} {n}" for s, n in counts.items() if n]
    served = {s["status"]: s["colour"].lower() for s in api(server, "statuses")}
    css_var = browser.execute_script(
        "return getComputedStyle(document.documentElement).getPropertyValue('--st-at_risk').trim()"
    )
    assert css_var.lower() == served["at_risk"]
