"""People in the dashboard, in real Chromium: an administrator sets up units and users, and each
user logs in and sees what the role allows (Chinese first, as the dashboard is)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_dashboard import css, css_all, goto, rendered, wait

from conftest import _Server
from mubiao.ledger import Ledger, Principal, Store

pytestmark = pytest.mark.browser

ADMIN_PASSWORD = "admin-pass-1"
PASSWORD = "user-pass-123"


@pytest.fixture(scope="module")
def people_server(
    sample_db: Path, tmp_path_factory: pytest.TempPathFactory, chromium: object
) -> Iterator[str]:
    """The real app over a copy of the sample store with one administrator and nothing else."""
    from mubiao.present.api import create_app

    db = tmp_path_factory.mktemp("people-live") / "mubiao.db"
    shutil.copyfile(sample_db, db)
    store = Store.open(db)
    Ledger(store).people.add_user(
        "admin", role="admin", password=ADMIN_PASSWORD, actor=Principal.system("test")
    )
    try:
        with _Server(create_app(store, token="")) as url:
            yield url
    finally:
        store.close()


@pytest.fixture
def page(driver: Any, people_server: str) -> Iterator[Any]:
    driver.get(f"{people_server}/")
    driver.execute_script("localStorage.clear(); sessionStorage.clear();")
    driver.get_log("browser")
    yield driver
    errors = [
        e
        for e in driver.get_log("browser")
        if e["level"] == "SEVERE" and "status of 40" not in e["message"] and "favicon" not in e["message"]
    ]
    assert not errors, f"errors in the browser console: {errors}"


def _login(browser: Any, server: str, name: str, password: str, lands_on: str) -> None:
    goto(browser, server, "/login", "login")
    css(browser, "#login-name").send_keys(name)
    css(browser, "#login-password").send_keys(password)
    rendered(browser, lands_on, css(browser, "#login-submit").click)


def _logout(browser: Any) -> None:
    rendered(
        browser, browser.execute_script("return document.body.dataset.ready"), css(browser, "#logout").click
    )
    assert css_all(browser, "#login-link")


def _nav(browser: Any) -> list[str]:
    return [a.get_attribute("data-nav") for a in css_all(browser, ".main-nav a")]


def _add_unit(
    browser: Any, name: str, *, region: str = "", parent: str = "", kind: str = "department"
) -> None:
    from selenium.webdriver.support.ui import Select

    css(browser, "#unit-name").send_keys(name)
    Select(css(browser, "#unit-kind")).select_by_value(kind)
    if region:
        css(browser, "#unit-region").send_keys(region)
    if parent:
        Select(css(browser, "#unit-parent")).select_by_value(parent)
    css(browser, "#unit-add").click()
    wait(browser, lambda b: name in b.find_element("css selector", "#units-table").text, what=f"unit {name}")


def _add_user(browser: Any, name: str, role: str, units: list[str]) -> None:
    from selenium.webdriver.support.ui import Select

    css(browser, "#user-name").send_keys(name)
    Select(css(browser, "#user-role")).select_by_value(role)
    css(browser, "#user-password").send_keys(PASSWORD)
    for unit in units:
        Select(css(browser, "#user-units")).select_by_value(unit)
    css(browser, "#user-add").click()
    wait(browser, lambda b: name in b.find_element("css selector", "#users-table").text, what=f"user {name}")


def _reports_text(browser: Any) -> str:
    return str(css(browser, "#reports").text)


def test_an_administrator_sets_up_units_and_users_and_each_sees_what_the_role_allows(
    page: Any, people_server: str, artifacts: Path
) -> None:
    browser, server = page, people_server
    # nobody logged in: the public pages and a log-in link, nothing of supervision
    goto(browser, server, "/overview", "overview")
    assert "reports" not in _nav(browser) and css(browser, "#login-link").text == "登录"

    # the administrator creates units (a department, a 街道 under it, one of another region) and users
    _login(browser, server, "admin", ADMIN_PASSWORD, "admin")
    assert css(browser, "#account-name").text == "admin（管理员）"
    assert {"reports", "admin"} <= set(_nav(browser))
    _add_unit(browser, "区统计局", region="澜溪区")
    _add_unit(browser, "青龙街道", parent="区统计局", kind="street")
    _add_unit(browser, "东湖区统计局", region="东湖")
    rows = css(browser, "#units-table").text
    assert "青龙街道 街道 澜溪区 区统计局" in rows and "东湖区统计局 部门 东湖区" in rows
    # a misspelt region is refused with the server's did-you-mean
    css(browser, "#unit-name").send_keys("错误单位")
    css(browser, "#unit-region").send_keys("澜西区")
    css(browser, "#unit-add").click()
    message = wait(browser, lambda b: b.find_elements("css selector", "#unit-message .error-message"))[0]
    assert "澜溪区" in message.text
    _add_user(browser, "li", "reporter", ["区统计局"])
    _add_user(browser, "zhao", "supervisor", ["区统计局"])
    _add_user(browser, "wang", "viewer", ["东湖区统计局"])
    assert "li li 填报 区统计局 启用" in css(browser, "#users-table").text
    browser.save_screenshot(str(artifacts / "people-admin.png"))
    _logout(browser)

    # the reporter reports for its own units only, and cannot administer
    _login(browser, server, "li", PASSWORD, "reports")
    assert "reports" in _nav(browser) and "admin" not in _nav(browser)
    options = [o.text for o in css_all(browser, "#report-unit option")]
    assert options == ["区统计局", "青龙街道"]
    css(browser, "#report-text").send_keys("一季度固定资产投资完成进度35%")
    css(browser, "#report-submit").click()
    wait(browser, lambda b: "一季度固定资产投资" in _reports_text(b), what="the report")
    assert "待审核" in _reports_text(browser)
    assert not css_all(browser, "#reports .approve")
    goto(browser, server, "/admin", "admin")
    assert css_all(browser, ".error-box") and not css_all(browser, "#users-table")
    _logout(browser)

    # the supervisor sees its region's report and approves it
    _login(browser, server, "zhao", PASSWORD, "reports")
    assert not css_all(browser, "#report-form")
    assert "一季度固定资产投资" in _reports_text(browser)
    css(browser, "#reports .approve").click()
    wait(browser, lambda b: "已通过" in _reports_text(b), what="the approval")
    _logout(browser)

    # the viewer of another region's unit sees none of it, and has nothing to write with
    _login(browser, server, "wang", PASSWORD, "reports")
    assert css(browser, "#account-name").text == "wang（查看）"
    assert not css_all(browser, "#report-form")
    assert "暂无报告" in _reports_text(browser)
    browser.save_screenshot(str(artifacts / "people-viewer.png"))
    _logout(browser)


def test_a_private_server_sends_readers_to_log_in(
    driver: Any, sample_db: Path, tmp_path: Path, chromium: object
) -> None:
    from mubiao.present.api import create_app

    db = tmp_path / "private.db"
    shutil.copyfile(sample_db, db)
    with Store.open(db) as store:
        Ledger(store).people.add_unit("区统计局", region="澜溪区", actor=Principal.system("test"))
        Ledger(store).people.add_user("wang", role="viewer", password=PASSWORD, units=["区统计局"],
                                      actor=Principal.system("test"))  # fmt: skip
        with _Server(create_app(store, token="", public_read=False)) as server:
            driver.get(f"{server}/")
            driver.execute_script("localStorage.clear(); sessionStorage.clear();")
            goto(driver, server, "/overview", "overview")
            assert "需要登录" in css(driver, ".error-message").text
            rendered(driver, "login", css(driver, "#login-hint").click)
            css(driver, "#login-name").send_keys("wang")
            css(driver, "#login-password").send_keys(PASSWORD)
            rendered(driver, "reports", css(driver, "#login-submit").click)
            goto(driver, server, "/overview", "overview")
            assert not css_all(driver, ".error-box")
            assert "澜溪区" in css(driver, "#view").text
            # the session ends on the server (the user is disabled): the dashboard forgets it
            Ledger(store).people.set_active("wang", False, actor=Principal.system("test"))
            driver.get(f"{server}/#/reports")
            driver.refresh()  # a new page load: the kept session is checked with the server
            wait(
                driver, lambda b: b.find_elements("css selector", "#login-link"), what="the login link again"
            )
            assert driver.execute_script("return sessionStorage.getItem('mubiao.session')") is None
            driver.get_log("browser")


def test_a_wrong_password_shows_the_servers_message(page: Any, people_server: str) -> None:
    goto(page, people_server, "/login", "login")
    css(page, "#login-name").send_keys("admin")
    css(page, "#login-password").send_keys("not the password")
    css(page, "#login-submit").click()
    message = wait(page, lambda b: b.find_elements("css selector", "#login-message .error-message"))[0]
    assert "用户名或密码错误" in message.text
    assert page.execute_script("return sessionStorage.getItem('mubiao.session')") is None
