"""Correcting the ledger in real Chromium: a statement corrected survives a re-extraction started
from the dashboard; a status override shows in the audit log; a document's metadata is corrected
and its versions listed; a correction undone; orphaned corrections listed, re-attached, dismissed;
English mode on every page; the API explorer with the network cut off."""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from test_dashboard import css, css_all, goto, rendered, wait

from conftest import CHROMIUM_FLAGS, TOKEN, Chromium

pytestmark = pytest.mark.browser

DOC = "lanxi-2025-work-report"
#: what must not show in English mode: the dashboard's Chinese words for statuses, kinds, states
#: and actions, and Chinese units and qualifiers written after a figure (names of places and
#: indicators, and quoted document text, stay as the documents write them)
CHINESE_WORDS = re.compile(
    r"已完成|序时推进|存在风险|未完成|待数据|待研判|实绩|已生效|待处理|已撤销|已搁置|重新提取|审计|原值|新值"
    r"|[\d.%]\s*(?:亿元|万元|万人|个百分点|平方米|公里|件|倍|家|项|个|左右|以上|以内)"
)


def _api(server: str, method: str, path: str, body: object = None) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(f"{server}/api/{path}", data=data, method=method)
    req.add_header("Authorization", f"Bearer {TOKEN.partition(':')[2]}")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read())


def _target(page: Any, server: str, indicator: str = "gdp") -> str:
    goto(page, server, f"/ledger?region=澜溪区&indicator_id={indicator}", "ledger")
    link = css_all(page, "tr[data-row] a.target-link")[0]
    return str(link.get_attribute("href")).rsplit("/", 1)[-1]


def _doc_of(server: str, statement: str) -> str:
    return str(_api(server, "GET", f"statements/{statement}")["doc"])


def test_a_correction_made_on_screen_survives_a_re_extraction_started_on_screen(
    page: Any, fix_server: str
) -> None:
    target = _target(page, fix_server)
    doc = _doc_of(fix_server, target)
    goto(page, fix_server, f"/target/{target}", "target")
    css(page, "#fix-value").send_keys("777")
    css(page, "#fix-reason").send_keys("原文为777")
    rendered(page, "target", lambda: css(page, "#correction-form button[type=submit]").click())
    goto(page, fix_server, f"/document/{doc}", "document")
    reread = css(page, "#doc-reread-form button[type=submit]")
    rendered(page, "document", reread.click)
    assert "→" in css(page, "#doc-notice").text
    versions = css_all(page, "#doc-versions tr[data-version]")
    assert len(versions) >= 2
    goto(page, fix_server, "/ledger?region=澜溪区&indicator_id=gdp", "ledger")
    cells = " ".join(td.text for td in css_all(page, "tr[data-row] .col-target"))
    assert "777" in cells
    assert not css_all(page, f"tr[data-row='{target}']")  # a new statement now carries it
    (c,) = [x for x in _api(fix_server, "GET", "corrections") if x["changes"].get("value") == 777]
    assert c["state"] == "applied" and str(c["statement_id"]) != target


def test_an_override_shows_on_the_target_page_and_in_the_audit_log(page: Any, fix_server: str) -> None:
    from selenium.webdriver.support.ui import Select

    target = _target(page, fix_server, "general_budget_revenue")
    goto(page, fix_server, f"/target/{target}", "target")
    Select(css(page, "#override-status")).select_by_value("achieved")
    css(page, "#override-reason").send_keys("财政局年报已确认")
    rendered(page, "target", lambda: css(page, "#override-form button[type=submit]").click())
    assert css(page, ".target-status .badge").get_attribute("data-status") == "achieved"
    assert "财政局年报已确认" in css(page, ".target-words").text
    rendered(page, "audit", lambda: css(page, "a[data-nav='audit']").click())
    rows = css_all(page, f"#audit-log tr[data-table='status_overrides'][data-row='{target}']")
    assert rows, "the override is not in the audit log"
    assert "财政局年报已确认" in rows[0].find_element("css selector", ".audit-new").text
    assert "tester" in rows[0].text


def test_a_documents_metadata_corrected_on_screen_keeps_its_corrections(page: Any, fix_server: str) -> None:
    goto(page, fix_server, "/document/lanxi-fyp14", "document")
    before = len(css_all(page, "#doc-versions tr[data-version]"))
    css(page, "#doc-title").send_keys("澜溪区十四五规划（更正）")
    css(page, "#doc-year").send_keys("2021")
    css(page, "#doc-meta-reason").send_keys("标题识别错误")
    rendered(page, "document", lambda: css(page, "#doc-meta-form button[type=submit]").click())
    assert css(page, "#page-title").text == "澜溪区十四五规划（更正）"
    assert "澜溪区十四五规划（更正）" in css(page, "#doc-corrected").text
    assert len(css_all(page, "#doc-versions tr[data-version]")) == before + 1
    audit = [
        a
        for a in _api(fix_server, "GET", "audit?limit=50")
        if a["table"] == "documents" and a["field"] == "title"
    ]
    assert audit and json.loads(audit[0]["new"]) == "澜溪区十四五规划（更正）" and audit[0]["old"]


def test_undo_a_correction_on_screen(page: Any, fix_server: str) -> None:
    target = _target(page, fix_server, "registered_unemployment_rate")
    value = _api(fix_server, "GET", f"statements/{target}")["value"]
    goto(page, fix_server, f"/target/{target}", "target")
    css(page, "#fix-value").send_keys("9.9")
    css(page, "#fix-reason").send_keys("试改")
    rendered(page, "target", lambda: css(page, "#correction-form button[type=submit]").click())
    (item,) = css_all(page, ".target-history li[data-state='applied']")
    cid = item.get_attribute("data-correction")
    css(page, f"#undo-reason-{cid}").send_keys("改错了")
    rendered(page, "target", lambda: css(page, f"#undo-{cid}").click())
    assert css(page, f".target-history li[data-correction='{cid}']").get_attribute("data-state") == "undone"
    assert _api(fix_server, "GET", f"statements/{target}")["value"] == value


def test_orphaned_corrections_are_listed_reattached_and_dismissed(page: Any, fix_server: str) -> None:
    # two corrections of the 2024 report, whose document is then deleted on screen
    doc = "lanxi-2024-work-report"
    statements = [
        s for s in _api(fix_server, "GET", f"documents/{doc}")["statements"] if s["kind"] == "target"
    ]
    first, second = statements[0], statements[1]
    _api(fix_server, "POST", f"statements/{first['id']}/corrections", {"value": 11, "reason": "一"})
    _api(fix_server, "POST", f"statements/{second['id']}/corrections", {"value": 22, "reason": "二"})
    goto(page, fix_server, f"/document/{doc}", "document")
    css(page, "#doc-delete-reason").send_keys("重复的文件")
    css(page, "#doc-delete-confirm").click()
    rendered(page, "documents", lambda: css(page, "#doc-delete-form button[type=submit]").click())
    rendered(page, "corrections", lambda: css(page, "a[data-nav='corrections']").click())
    items = {li.get_attribute("data-correction"): li for li in css_all(page, "li.orphan")}
    assert len(items) >= 2
    texts = " ".join(li.text for li in items.values())
    assert first["text"][:10] in texts and "重复" not in texts  # what they were, not why the document went
    ids = sorted(items, key=int)[-2:]
    # one set aside
    css(page, f"#dismiss-reason-{ids[1]}").send_keys("文件已作废")
    rendered(page, "corrections", lambda: css(page, f"#dismiss-{ids[1]}").click())
    assert ids[1] not in {li.get_attribute("data-correction") for li in css_all(page, "li.orphan")}
    # the other applied by hand to a statement of another document
    taken = {c["statement_id"] for c in _api(fix_server, "GET", "corrections") if c["state"] == "applied"}
    other = next(
        s
        for s in _api(fix_server, "GET", "documents/lanxi-fyp14")["statements"]
        if s["kind"] == "target" and s["id"] not in taken
    )
    css(page, f"#attach-id-{ids[0]}").send_keys(str(other["id"]))
    rendered(page, "corrections", lambda: css(page, f"#attach-{ids[0]}").click())
    assert ids[0] not in {li.get_attribute("data-correction") for li in css_all(page, "li.orphan")}
    assert _api(fix_server, "GET", f"statements/{other['id']}")["value"] == 11
    states = {str(c["id"]): c["state"] for c in _api(fix_server, "GET", "corrections")}
    assert (states[ids[0]], states[ids[1]]) == ("applied", "dismissed")


def test_a_result_entered_on_the_target_page_is_judged_and_audited(page: Any, fix_server: str) -> None:
    target = _target(page, fix_server, "high_tech_enterprises")
    goto(page, fix_server, f"/target/{target}", "target")
    year = css(page, "#result-year")
    year.clear()
    year.send_keys("2025")
    css(page, "#result-value").send_keys("612")
    css(page, "#result-note").send_keys("统计公报")
    rendered(page, "target", lambda: css(page, "#result-form button[type=submit]").click())
    assert "612" in css(page, ".target-status").text
    row = _api(fix_server, "GET", f"targets/{target}")
    assert (row["actual"]["value"], row["actual"]["year"]) == (612, 2025)
    assert any(x["provenance"] == "manual" and x["role"] == "actual" for x in row["sources"])
    entries = [a for a in _api(fix_server, "GET", "audit?limit=20") if a["table"] == "statements"]
    assert entries and json.loads(entries[0]["new"])["value"] == 612 and entries[0]["who"] == "tester"


def _untranslated(page: Any) -> list[str]:
    """The Chinese words of the dashboard's vocabulary still on the page, quoted document text aside."""
    text = page.execute_script(
        """const v = document.getElementById('view').cloneNode(true);
        v.querySelectorAll('[lang="zh-CN"], blockquote, .doc-text, select').forEach((e) => e.remove());
        return document.getElementById('topbar').innerText + '\\n' + v.innerText;"""
    )
    return [m.group(0) for m in CHINESE_WORDS.finditer(text)]


@pytest.mark.parametrize(
    ("route", "name"),
    [
        ("/overview", "overview"),
        ("/ledger?region=澜溪区", "ledger"),
        ("/indicator/gdp?region=澜溪区", "indicator"),
        ("/compare?indicator=gdp", "compare"),
        ("/documents", "documents"),
        (f"/document/{DOC}", "document"),
        ("/corrections", "corrections"),
        ("/audit", "audit"),
        ("/upload", "upload"),
        ("/reports", "reports"),
    ],
)
def test_english_mode_leaves_no_status_or_unit_in_chinese(
    page: Any, fix_server: str, route: str, name: str
) -> None:
    page.execute_script("localStorage.setItem('mubiao.lang', 'en')")
    goto(page, fix_server, route, name)
    assert _untranslated(page) == [], route
    page.execute_script("localStorage.removeItem('mubiao.lang')")


def test_the_language_switch_turns_the_statuses_into_english(page: Any, fix_server: str) -> None:
    goto(page, fix_server, "/ledger?region=澜溪区", "ledger")
    assert _untranslated(page)  # Chinese first: the check finds the words it looks for
    css(page, "#lang-switch").click()
    wait(
        page, lambda b: b.execute_script("return localStorage.getItem('mubiao.lang')") == "en", what="English"
    )
    wait(
        page,
        lambda b: (
            css(b, "#lang-switch").text == "中文"
            and b.execute_script("return document.body.dataset.ready") == "ledger"
        ),
        what="the page drawn in English",
    )
    assert _untranslated(page) == []
    page.execute_script("localStorage.removeItem('mubiao.lang')")


def test_english_mode_on_a_target_page(page: Any, fix_server: str) -> None:
    target = _target(page, fix_server)
    page.execute_script("localStorage.setItem('mubiao.lang', 'en')")
    goto(page, fix_server, f"/target/{target}", "target")
    assert _untranslated(page) == []
    assert re.search(r"[A-Za-z]", css(page, ".target-status .badge").text)
    page.execute_script("localStorage.removeItem('mubiao.lang')")


def test_the_api_explorer_works_with_the_network_cut_off(
    chromium: Chromium, fix_server: str, tmp_path: Path
) -> None:
    """A browser of its own whose every request but those to this machine goes nowhere: the
    explorer still lists the routes, because everything it needs is served from the package."""
    from selenium import webdriver
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium.binary
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path / 'profile'}")
    # every name resolves to nothing, and every connection but to 127.0.0.1 goes to a closed port
    options.add_argument("--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1")
    options.add_argument("--proxy-server=http://127.0.0.1:9")
    options.add_argument("--proxy-bypass-list=127.0.0.1")
    drv = webdriver.Chrome(service=Service(executable_path=chromium.driver), options=options)
    try:
        drv.set_page_load_timeout(30)
        try:  # the network is cut off indeed: a page from outside does not load
            drv.get("https://cdn.jsdelivr.net/npm/swagger-ui-dist/swagger-ui.css")
            assert "swagger-ui" not in drv.page_source
        except WebDriverException as e:
            assert "ERR_" in str(e)
        drv.get(f"{fix_server}/api/docs")
        wait(drv, lambda b: css_all(b, "#swagger-ui .opblock"), what="the explorer lists the routes offline")
        paths = " ".join(e.text for e in css_all(drv, "#swagger-ui .opblock-summary-path"))
        assert "/api/documents/{doc_id}/reread" in paths and "/api/corrections/{correction_id}/undo" in paths
    finally:
        drv.quit()
