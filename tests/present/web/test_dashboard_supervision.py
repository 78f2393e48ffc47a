"""Supervision (督查督办) end to end in real Chromium: a supervisor assigns targets and splits one
between two towns; a reporter sees only its tasks and reports with an evidence file; the supervisor
returns the report once and approves it the second time; the light and the ledger change; an
overdue report is e-mailed to a local SMTP server; the bulletin lists it."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from test_dashboard import css, css_all, goto, rendered, wait

from conftest import _Server
from mailfix import Inbox
from mubiao.ledger import Ledger, Principal, Store
from mubiao.ledger.supervision.remind import SmtpConfig

pytestmark = pytest.mark.browser

PASSWORD = "user-pass-123"
ROOT = Principal.system("test")
#: the samples' 2025 targets of 澜溪区: 地区生产总值增长5.5%左右 and 城镇新增就业1.2万人
GDP_GROWTH, NEW_JOBS = 70, 76


@pytest.fixture(scope="module")
def world(
    sample_db: Path, tmp_path_factory: pytest.TempPathFactory, chromium: object
) -> Iterator[tuple[str, Store]]:
    """The real app over a copy of the samples with units and users, and the store it serves."""
    from mubiao.present.api import create_app

    db = tmp_path_factory.mktemp("supervision-live") / "mubiao.db"
    shutil.copyfile(sample_db, db)
    store = Store.open(db)
    ledger = Ledger(store)
    rows = {r.target_id: r for r in ledger.rows(region="澜溪区")}
    assert rows[GDP_GROWTH].indicator_id == "gdp" and rows[NEW_JOBS].indicator_id == "urban_new_jobs"
    p = ledger.people
    for name, kind in (
        ("区统计局", "department"),
        ("区发改委", "department"),
        ("青龙镇", "town"),
        ("红梅镇", "town"),
    ):
        p.add_unit(name, region="澜溪区", kind=kind, actor=ROOT)
    p.add_user("zhao", role="supervisor", password=PASSWORD, units=["区发改委"], actor=ROOT)
    p.add_user("li", role="reporter", password=PASSWORD, units=["区统计局"], actor=ROOT)
    p.add_user("qing", role="reporter", password=PASSWORD, units=["青龙镇"], actor=ROOT)
    p.set_email("qing", "qing@example.org", actor=ROOT)
    try:
        with _Server(create_app(store, token="")) as url:
            yield url, store
    finally:
        store.close()


@pytest.fixture
def page(driver: Any, world: tuple[str, Store]) -> Iterator[Any]:
    driver.get(f"{world[0]}/")
    driver.execute_script("localStorage.clear(); sessionStorage.clear();")
    driver.get_log("browser")
    yield driver
    errors = [
        e
        for e in driver.get_log("browser")
        if e["level"] == "SEVERE" and "status of 40" not in e["message"] and "favicon" not in e["message"]
    ]
    assert not errors, f"errors in the browser console: {errors}"


def _login(browser: Any, server: str, name: str) -> None:
    browser.execute_script("sessionStorage.clear();")
    goto(browser, server, "/login", "login")
    css(browser, "#login-name").send_keys(name)
    css(browser, "#login-password").send_keys(PASSWORD)
    rendered(browser, "reports", css(browser, "#login-submit").click)


def visit(browser: Any, server: str, route: str, page: str) -> None:
    """goto, or a reload when the browser is there already (the same address is no navigation)."""
    if unquote(browser.current_url).endswith(f"#{route}"):
        rendered(browser, page, browser.refresh)
    else:
        goto(browser, server, route, page)


def _board(browser: Any, server: str) -> dict[tuple[str, str], str]:
    """(unit, indicator) → light of each row of the board, in its order."""
    visit(browser, server, "/board?region=澜溪区", "board")
    return {
        (tr.get_attribute("data-unit"), tr.get_attribute("data-indicator")): tr.get_attribute("data-light")
        for tr in css_all(browser, "#board-table tbody tr")
    }


def _select(browser: Any, select_id: str, *values: str) -> None:
    from selenium.webdriver.support.ui import Select

    sel = Select(css(browser, f"#{select_id}"))
    for v in values:
        sel.select_by_value(v)


def _task_target(store: Store, unit: str, target_id: int) -> int:
    for task in Ledger(store).supervision.tasks(ROOT):
        for tt in task.targets:
            if task.lead_unit == unit and tt.target_id == target_id:
                return tt.id
    raise AssertionError(f"no task target of {unit} for {target_id}")


def _report(browser: Any, tt: int, period: str, value: str, text: str, evidence: Path | None = None) -> None:
    form = f"#p-{tt}-form"
    _select(browser, f"p-{tt}-period", period)
    css(browser, f"#p-{tt}-value").send_keys(value)
    css(browser, f"#p-{tt}-narrative").send_keys(text)
    if evidence is not None:
        css(browser, f"#p-{tt}-evidence").send_keys(str(evidence))
    before = len(css_all(browser, f'.sup-history[data-target="{tt}"] li'))
    css(browser, f"{form} .sup-submit").click()
    wait(browser, lambda b: len(b.find_elements("css selector", f'.sup-history[data-target="{tt}"] li')) > before,
         what="the report in the history")  # fmt: skip


def _review(browser: Any, server: str, action: str, comment: str = "") -> None:
    visit(browser, server, "/queue", "queue")
    assert len(css_all(browser, "#queue-table tbody tr")) == 1
    if comment:
        css(browser, "#queue-table .review-comment").send_keys(comment)
    css(browser, f"#queue-table button.{action}").click()
    wait(browser, lambda b: b.find_elements("css selector", "#queue .empty"), what="the queue emptied")


def test_supervision_end_to_end(
    page: Any, world: tuple[str, Store], tmp_path: Path, smtp_server: Inbox, artifacts: Path
) -> None:
    started = time.monotonic()
    browser, (server, store) = page, world

    # the supervisor assigns two targets to 区统计局 and splits 城镇新增就业 between two towns
    _login(browser, server, "zhao")
    assert {"board", "queue"} <= {a.get_attribute("data-nav") for a in css_all(browser, ".main-nav a")}
    goto(browser, server, "/board?region=澜溪区", "board")
    css(browser, "#assign-title").send_keys("稳增长保就业")
    _select(browser, "assign-targets", str(GDP_GROWTH), str(NEW_JOBS))
    _select(browser, "assign-lead", "区统计局")
    _select(browser, "assign-co", "区发改委")
    css(browser, "#assign-submit").click()
    wait(
        browser, lambda b: len(b.find_elements("css selector", "#board-table tbody tr")) == 2, what="two rows"
    )
    _select(browser, "split-target", str(NEW_JOBS))
    css(browser, "#split-shares").send_keys("青龙镇=0.7\n红梅镇=0.5")
    css(browser, "#split-submit").click()
    result = wait(browser, lambda b: b.find_elements("css selector", "#split-result"), what="the split")[0]
    assert result.text == "已保存。"  # 0.7 + 0.5 = 1.2: no warning
    lights = _board(browser, server)
    assert set(lights) == {("区统计局", "地区生产总值"), ("区统计局", "城镇新增就业"), ("青龙镇", "城镇新增就业"),
                           ("红梅镇", "城镇新增就业")}  # fmt: skip
    # 2025's reports are all past due by now: every light is grey
    assert set(lights.values()) == {"grey"}

    # the reporter of 区统计局 sees its own task only, and reports the year with an evidence file
    _login(browser, server, "li")
    visit(browser, server, "/my-tasks", "my-tasks")
    cards = css_all(browser, ".sup-task")
    assert (
        len(cards) == 1 and "稳增长保就业" in cards[0].text and "青龙镇" not in css(browser, "#my-tasks").text
    )
    tt = _task_target(store, "区统计局", NEW_JOBS)
    evidence = tmp_path / "就业台账.csv"
    evidence.write_text("月份,新增就业（万人）\n12,1.3\n", encoding="utf-8")
    _report(browser, tt, "2025-Q4", "1.3", "全年新增城镇就业1.3万人", evidence)
    assert "待审核" in css(browser, f'.sup-history[data-target="{tt}"]').text

    # returned once, with a reason
    _login(browser, server, "zhao")
    goto(browser, server, "/queue", "queue")
    assert "就业台账.csv" in css(browser, "#queue-table").text
    _review(browser, server, "return", "请附人社部门统计数据")
    _login(browser, server, "li")
    visit(browser, server, "/my-tasks", "my-tasks")
    history = css(browser, f'.sup-history[data-target="{tt}"]').text
    assert "已退回" in history and "请附人社部门统计数据" in history
    assert "进度报告已退回：请附人社部门统计数据" in css(browser, "#notices").text  # the in-app notice
    _report(browser, tt, "2025-Q4", "1.25", "全年新增城镇就业1.25万人（人社局口径）")

    # approved the second time: the light turns green and the ledger has the result
    _login(browser, server, "zhao")
    _review(browser, server, "approve")
    lights = _board(browser, server)
    assert lights[("区统计局", "城镇新增就业")] == "green"
    assert lights[("区统计局", "地区生产总值")] == "grey" and lights[("青龙镇", "城镇新增就业")] == "grey"
    order = [tr.get_attribute("data-light") for tr in css_all(browser, "#board-table tbody tr")]
    assert order[-1] == "green"  # the overdue first
    browser.save_screenshot(str(artifacts / "supervision-board.png"))
    # a unit's page: its tasks and their reports
    link = next(a for a in css_all(browser, "#board-table a") if a.text == "青龙镇")
    rendered(browser, "unit", link.click)
    assert css(browser, "#page-title").text == "青龙镇（澜溪区）"
    assert [c.get_attribute("data-light") for c in css_all(browser, ".sup-target")] == ["grey"]
    row = Ledger(store).row(NEW_JOBS)
    assert (
        row is not None
        and row.status == "achieved"
        and row.actual is not None
        and row.actual["value"] == 1.25
    )
    assert any(s.provenance == "reported" and s.role == "actual" for s in row.sources)
    _login(browser, server, "li")
    visit(browser, server, "/my-tasks", "my-tasks")
    card = css(browser, f'.sup-target[data-target="{tt}"]')
    assert card.get_attribute("data-light") == "green" and "台账状态：已完成" in card.text
    assert "台账实际值：1.25万人（单位报送）" in card.text
    # the statistical bulletin publishes another figure: it wins, and both are shown
    bulletin = tmp_path / "lanxi-2025-bulletin.txt"
    bulletin.write_text(
        "清河市澜溪区2025年国民经济和社会发展统计公报\n2025年全区城镇新增就业1.3万人。\n", encoding="utf-8"
    )
    assert Ledger(store).ingest([bulletin], workers=1).failed == 0
    visit(browser, server, "/my-tasks", "my-tasks")
    card = css(browser, f'.sup-target[data-target="{tt}"] .sup-ledger')
    assert "台账实际值：1.3万人（公开文件）" in card.text
    assert "另有数据（未采用）（单位报送）" in card.text and "1.25万人" in card.text

    # the daily reminder: the town's overdue report is e-mailed to its reporter
    summary = Ledger(store).reminders.remind(mailer=SmtpConfig(smtp_server.host, smtp_server.port))
    assert summary.emails >= 1 and summary.failed == 0
    mails = smtp_server.to("qing@example.org")
    assert mails and "青龙镇" in str(mails[0]["Subject"]) and "已逾期" in str(mails[0]["Subject"])

    # the bulletin lists the overdue town
    _login(browser, server, "zhao")
    goto(browser, server, "/board?region=澜溪区", "board")
    assert css(browser, "#bulletin-html").text == "HTML"
    html = browser.execute_async_script(
        """const done = arguments[arguments.length - 1];
        const token = JSON.parse(sessionStorage.getItem("mubiao.session")).token;
        fetch("api/bulletin?region=" + encodeURIComponent("澜溪区") + "&format=html",
              {headers: {Authorization: "Bearer " + token}}).then((r) => r.text()).then(done);"""
    )
    overdue = html.split("三、逾期未报情况")[1].split("四、")[0]
    assert "青龙镇" in overdue and "红梅镇" in overdue
    # 区统计局 still owes its 地区生产总值 reports; its 城镇新增就业 is answered for the year
    assert "<td>区统计局</td><td>稳增长保就业</td><td>地区生产总值</td>" in overdue
    assert "<td>区统计局</td><td>稳增长保就业</td><td>城镇新增就业</td>" not in overdue
    assert "五、单位排名" in html
    assert time.monotonic() - started < 120
