"""The dashboard in a real headless Chromium, against the real app over a store of the samples.

The app (``create_app``) runs under uvicorn in a background thread on 127.0.0.1, on a port the
operating system picks; Selenium drives Debian's ``chromium`` through Debian's ``chromedriver``
(given by path, so Selenium Manager never looks for or downloads a browser).  Without Chromium
the tests skip, except under ``CI=true``, where a missing browser is a broken set-up and fails.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from mubiao.ledger import Ledger
from mubiao.store.store import Store

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
TOKEN = "tester:s3cret-token"

CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1000",
    "--lang=zh-CN",
)


def _unavailable(reason: str) -> None:
    """Skip, or fail under CI where the browser is part of the set-up (.ci/run installs it)."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests cannot run under CI: {reason}", pytrace=False)
    pytest.skip(reason)


def _find(env: str, *names: str) -> str | None:
    given = os.environ.get(env)
    if given:
        return given if Path(given).is_file() else None
    for name in names:
        path = Path(name) if name.startswith("/") else None
        if path is not None and path.is_file():
            return str(path)
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass(frozen=True)
class Chromium:
    binary: str
    driver: str


@pytest.fixture(scope="session")
def chromium() -> Chromium:
    binary = _find("MUBIAO_CHROMIUM", "/usr/bin/chromium", "chromium")
    driver = _find("MUBIAO_CHROMEDRIVER", "/usr/bin/chromedriver", "chromedriver")
    if binary is None:
        _unavailable("Chromium is not installed (apt-get install chromium chromium-driver)")
    if driver is None:
        _unavailable("chromedriver is not installed (apt-get install chromium-driver)")
    try:
        import selenium  # noqa: F401
    except ImportError:
        _unavailable("selenium is not installed (pip install -e '.[dev]')")
    assert binary is not None and driver is not None
    return Chromium(binary, driver)


# A second district of the samples' fictional 清河市, so that a comparison has regions to compare.
DONGHU_2025 = """清河市东湖区2025年政府工作报告

——2025年1月9日在东湖区第三届人民代表大会第四次会议上

各位代表：

一、2024年工作回顾

2024年，全区实现地区生产总值312.6亿元，增长5.9%；一般公共预算收入21.4亿元，增长3.8%。

二、2025年主要预期目标

地区生产总值增长6%左右；一般公共预算收入增长4%以上；新增城镇就业0.8万人。
"""


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store of samples/*.txt (澜溪区: two work reports and a five-year plan) and 东湖区's report."""
    folder = tmp_path_factory.mktemp("dashboard-store")
    donghu = folder / "donghu-2025-work-report.txt"
    donghu.write_text(DONGHU_2025, encoding="utf-8")
    with Store.open(folder / "mubiao.db") as store:
        summary = Ledger(store).ingest([*sorted(SAMPLES.glob("*.txt")), donghu], workers=1)
    assert summary.failed == 0 and summary.new >= 4
    return folder / "mubiao.db"


class _Server:
    """uvicorn in a thread, on a socket bound here (so the port is known and never raced for)."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        # h11 and no websockets: the plainest stack, nothing optional imported (warnings are errors here)
        config = uvicorn.Config(app, log_level="warning", lifespan="on", http="h11", ws="none")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the dashboard's server did not start")
            time.sleep(0.05)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()


@pytest.fixture(scope="session")
def server(sample_db: Path, tmp_path_factory: pytest.TempPathFactory, chromium: Chromium) -> Iterator[str]:
    """The real app (API and dashboard) over a copy of the sample store; its base URL."""
    from mubiao.present.api import create_app

    db = tmp_path_factory.mktemp("dashboard-live") / "mubiao.db"
    shutil.copyfile(sample_db, db)
    store = Store.open(db)
    try:
        with _Server(create_app(store, token=TOKEN)) as url:
            yield url
    finally:
        store.close()


@pytest.fixture(scope="session")
def driver(chromium: Chromium, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless Chromium for the session, with a fresh profile."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")  # belt and braces: Selenium Manager stays offline
    options = webdriver.ChromeOptions()
    options.binary_location = chromium.binary
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(service=Service(executable_path=chromium.driver), options=options)
    drv.set_page_load_timeout(30)
    try:
        yield drv
    finally:
        drv.quit()


@pytest.fixture
def browser(driver: Any, server: str) -> Iterator[Any]:
    """The session's browser, back on the dashboard in Chinese with nothing remembered."""
    driver.get(f"{server}/")
    driver.execute_script("localStorage.clear(); sessionStorage.clear();")
    driver.get_log("browser")  # drop what earlier tests left in the console log
    yield driver
    # a page that threw is a failure even when what it showed looked right; a refused write
    # (401/403) is the server answering as it should, and the page shows its message
    errors = [
        e
        for e in driver.get_log("browser")
        if e["level"] == "SEVERE" and not re.search(r"status of 40[13]|favicon", e["message"])
    ]
    assert not errors, f"errors in the browser console: {errors}"


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="module")
def fix_server(
    sample_db: Path, tmp_path_factory: pytest.TempPathFactory, chromium: Chromium
) -> Iterator[str]:
    """The real app over a copy of the sample store of the test module's own: its tests write."""
    from mubiao.present.api import create_app

    db = tmp_path_factory.mktemp("writable-live") / "mubiao.db"
    shutil.copyfile(sample_db, db)
    store = Store.open(db)
    try:
        with _Server(create_app(store, token=TOKEN)) as url:
            yield url
    finally:
        store.close()


@pytest.fixture
def page(driver: Any, fix_server: str) -> Iterator[Any]:
    """The dashboard of ``fix_server``, logged in with the server's token as an administrator; the
    test fails on any error in the browser's console."""
    driver.get(f"{fix_server}/")
    driver.execute_script("localStorage.clear(); sessionStorage.clear();")
    # logged in with the server's token, as an administrator
    session = {"token": TOKEN.partition(":")[2], "user": {"name": "tester", "role": "admin"}}
    driver.execute_script("sessionStorage.setItem('mubiao.session', arguments[0])", json.dumps(session))
    driver.get_log("browser")
    yield driver
    errors = [
        e
        for e in driver.get_log("browser")
        if e["level"] == "SEVERE" and "status of 40" not in e["message"] and "favicon" not in e["message"]
    ]
    assert not errors, f"errors in the browser console: {errors}"
