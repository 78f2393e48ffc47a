"""One test per hole found in a survey of the server, as an attacker and a careless user would see it.

Each was written before its fix and failed then: an open, unbounded ``POST /api/extract``, bodies
stored whole before any check, no security headers and any Host accepted, 500s for 20-digit
integers and 300-character file names, a health check that did not look at the store and showed
its password, and results of infinity entered by hand.
"""

from __future__ import annotations

import asyncio
import shutil
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.exc import OperationalError

from mubiao.ledger import Ledger, display_url
from mubiao.present.api import create_app
from mubiao.store.store import Store

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
TOKEN = "tester:s3cret-token"
AUTH = {"Authorization": "Bearer s3cret-token"}
BIG = "1" * 20


def _send(app: FastAPI, method: str, url: str, *, host: str = "localhost", **kwargs: Any) -> httpx.Response:
    async def send() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url=f"http://{host}") as client:
            return await client.request(method, url, **kwargs)

    return asyncio.run(send())


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("store")
    with Store.open(folder / "mubiao.db") as store:
        Ledger(store).ingest(sorted(SAMPLES.glob("*.txt")), workers=1)
    return folder / "mubiao.db"


@pytest.fixture
def store(sample_db: Path, tmp_path: Path) -> Iterator[Store]:
    db = tmp_path / "mubiao.db"
    shutil.copyfile(sample_db, db)
    s = Store.open(db)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def app(store: Store, monkeypatch: pytest.MonkeyPatch) -> FastAPI:
    monkeypatch.delenv("MUBIAO_TOKEN", raising=False)
    return create_app(store, token=TOKEN)


def _error(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    error: dict[str, Any] = response.json()["error"]
    assert error["status"] == status
    return error


def _sample() -> tuple[str, bytes, str]:
    path = SAMPLES / "lanxi-2025-work-report.txt"
    return (path.name, path.read_bytes(), "text/plain")


# --------------------------------------------------------------------------- /api/extract


def test_extract_needs_the_write_token(app: FastAPI) -> None:
    _error(_send(app, "POST", "/api/extract", files={"file": _sample()}), 401)
    ok = _send(app, "POST", "/api/extract", files={"file": _sample()}, headers=AUTH)
    assert ok.status_code == 200, ok.text
    assert ok.json()["statements"]


def test_extract_of_a_slow_document_is_cut_off(store: Store) -> None:
    from mubiao.present.api.security import Limits

    app = create_app(store, token=TOKEN, limits=Limits(extract_seconds=1.0))
    # 3.7 MB of 90,000 claims: about 5 s of reading and extracting without the limit
    text = "".join(
        f"第{i}项：全年地区生产总值增长{i % 9}.{i % 7}%，一般公共预算收入达到{i}亿元，城镇新增就业{i % 13}万人。\n"
        for i in range(30_000)
    )
    slow = ("slow.txt", text.encode(), "text/plain")
    # a first preview starts the worker processes: what is timed is the limit, not their start
    assert _send(app, "POST", "/api/extract", files={"file": _sample()}, headers=AUTH).status_code == 200
    started = time.perf_counter()
    error = _error(_send(app, "POST", "/api/extract", files={"file": slow}, headers=AUTH), 422)
    assert time.perf_counter() - started < 4.5
    assert error["code"] == "E201" and "longer than" in error["message"]


def test_extract_output_is_capped(store: Store) -> None:
    from mubiao.present.api.security import Limits

    app = create_app(store, token=TOKEN, limits=Limits(preview_chars=2_000))
    error = _error(_send(app, "POST", "/api/extract", files={"file": _sample()}, headers=AUTH), 413)
    assert error["code"] == "E413"


def test_extract_memory_is_bounded(store: Store) -> None:
    from mubiao.present.api.security import Limits

    # a worker bounded to 250 MB of address space (about 110 MB are Python and mubiao) cannot read this
    app = create_app(store, token=TOKEN, limits=Limits(extract_memory=250 * 1024 * 1024))
    text = "".join(
        f"第{i}项：全年地区生产总值增长{i % 9}.{i % 7}%，一般公共预算收入达到{i}亿元，城镇新增就业{i % 13}万人。\n"
        for i in range(30_000)
    )
    error = _error(
        _send(app, "POST", "/api/extract", files={"file": ("big.txt", text.encode())}, headers=AUTH), 400
    )
    assert error["code"] == "E108" and "memory" in error["message"]


# --------------------------------------------------------------------------- request bodies


def test_an_upload_over_the_limit_is_413_before_it_is_stored(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mubiao.present.api.security import Limits

    def never(*args: object, **kwargs: object) -> str:
        raise AssertionError("the upload reached the disk")

    app = create_app(store, token=TOKEN, limits=Limits(upload_bytes=10_000))
    monkeypatch.setattr("mubiao.present.api.uploads.tempfile.mkdtemp", never)
    big = ("big.txt", b"x" * 200_000, "text/plain")
    for route in ("/api/documents", "/api/extract"):
        assert _error(_send(app, "POST", route, files={"file": big}, headers=AUTH), 413)["code"] == "E413"


def test_a_streamed_body_without_a_length_is_counted(store: Store) -> None:
    from mubiao.present.api.security import Limits

    app = create_app(store, token=TOKEN, limits=Limits(json_bytes=1_000))
    sent = 0

    async def chunks() -> AsyncIterator[bytes]:
        nonlocal sent
        yield b'{"region": "'
        for _ in range(1_000):
            sent += 100
            yield b"x" * 100

    response = _send(
        app, "POST", "/api/actuals", content=chunks(), headers={**AUTH, "Content-Type": "application/json"}
    )
    assert _error(response, 413)["code"] == "E413"


def test_a_json_body_over_the_limit_is_413(app: FastAPI) -> None:
    body = {"region": "兰溪市", "indicator": "x" * 2_000_000, "year": 2024, "value": 1}
    assert _error(_send(app, "POST", "/api/actuals", json=body, headers=AUTH), 413)["code"] == "E413"


# --------------------------------------------------------------------------- headers and hosts


@pytest.mark.parametrize("path", ["/api/health", "/", "/api/no-such-route"])
def test_every_response_carries_the_security_headers(app: FastAPI, path: str) -> None:
    headers = _send(app, "GET", path).headers
    csp = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert "'unsafe-inline'" not in csp.split("script-src", 1)[1].split(";")[0]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"


def test_a_500_carries_the_security_headers(app: FastAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    def bug(*args: object, **kwargs: object) -> object:
        raise RuntimeError("a bug")

    monkeypatch.setattr(Store, "documents_page", bug)
    response = _send(app, "GET", "/api/documents")
    assert response.status_code == 500
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


def test_the_dashboard_has_no_inline_script() -> None:
    from mubiao.present.api.app import WEB

    html = (WEB / "index.html").read_text(encoding="utf-8")
    for tag in html.split("<script")[1:]:
        assert "src=" in tag.split(">", 1)[0]
    assert "<style" not in html and " on" not in html.split("<body", 1)[1].split("<script", 1)[0].lower()


def test_an_unknown_host_is_refused(app: FastAPI) -> None:
    refused = _send(app, "GET", "/api/health", host="evil.example")
    assert _error(refused, 400)["code"] == "E400" and refused.headers["x-frame-options"] == "DENY"
    for host in ("localhost", "127.0.0.1:8000", "[::1]:8000"):
        assert _send(app, "GET", "/api/health", host=host).status_code == 200, host


def test_allowed_hosts_are_configurable(store: Store) -> None:
    app = create_app(store, allowed_hosts=["mubiao.example"])
    assert _send(app, "GET", "/api/health", host="mubiao.example").status_code == 200
    assert _send(app, "GET", "/api/health", host="evil.example").status_code == 400


def test_a_bad_host_pattern_is_a_usage_error(store: Store) -> None:
    from mubiao.errors import UsageError

    with pytest.raises(UsageError, match="wildcard"):
        create_app(store, allowed_hosts=["mubiao*.example"])


# --------------------------------------------------------------------------- parameters and names


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("GET", f"/api/statements?year={BIG}"),
        ("GET", f"/api/statements/{BIG}"),
        ("GET", f"/api/documents?page={BIG}"),
        ("GET", f"/api/statements?page={BIG}"),
        ("GET", f"/api/ledger?year={BIG}"),
        ("GET", f"/api/ledger?as_of={BIG}"),
        ("GET", f"/api/ledger/summary?as_of={BIG}"),
        ("GET", f"/api/compare?indicator_id=gdp&year={BIG}"),
        ("GET", f"/api/export?as_of={BIG}"),
        ("DELETE", f"/api/ledger/{BIG}/override"),
        ("GET", "/api/statements?year=-" + BIG),
    ],
)
def test_a_20_digit_integer_is_422_not_500(app: FastAPI, method: str, url: str) -> None:
    assert _error(_send(app, method, url, headers=AUTH), 422)["code"] == "E422"


@pytest.mark.parametrize("route", ["/api/documents", "/api/extract"])
def test_a_300_character_file_name_is_not_a_500(app: FastAPI, route: str) -> None:
    name = "兰溪市" * 100 + ".txt"
    body = (SAMPLES / "lanxi-2025-work-report.txt").read_bytes()
    response = _send(app, "POST", route, files={"file": (name, body, "text/plain")}, headers=AUTH)
    assert response.status_code < 500, response.text


# --------------------------------------------------------------------------- health and the store's secrets


def test_health_is_503_when_the_store_is_gone(
    app: FastAPI, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def gone(*args: object, **kwargs: object) -> object:
        raise OperationalError(
            "SELECT 1", {}, Exception('connection to server at "10.9.8.7", port 5433 failed: refused')
        )

    monkeypatch.setattr(store.engine, "connect", gone)
    error = _error(_send(app, "GET", "/api/health"), 503)
    assert "10.9.8.7" not in str(error) and "5433" not in str(error)


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://alice:hunter2@db.internal:5432/mubiao",
        "postgresql+psycopg://alice@db.internal/mubiao?password=hunter2",
        pytest.param(
            "postgresql+psycopg://db.internal/mubiao?sslmode=require&password=hunter2&user=alice", marks=()
        ),
        "postgresql://alice:hunter2@db.internal/mubiao",
        "postgresql+psycopg:///mubiao?host=/run/pg&password=hunter2",
        "not a url but password=hunter2",
    ],
)
def test_a_database_password_is_masked_in_every_form(url: str) -> None:
    assert "hunter2" not in display_url(url)


def test_health_masks_a_password_in_the_query(
    app: FastAPI, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "url", f"{store.url}?password=hunter2")
    response = _send(app, "GET", "/api/health")
    assert response.status_code == 200 and "hunter2" not in response.text


def test_a_503_does_not_name_the_store_host(
    app: FastAPI, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mubiao.errors import StoreError

    def unreachable(*args: object, **kwargs: object) -> object:
        raise StoreError(
            'cannot read the documents: connection to server at "10.9.8.7", port 5433 failed',
            path="postgresql+psycopg://alice@10.9.8.7:5433/mubiao",
        )

    monkeypatch.setattr(Store, "documents_page", unreachable)
    error = _error(_send(app, "GET", "/api/documents"), 503)
    assert "10.9.8.7" not in str(error) and "5433" not in str(error)
    assert "unreachable" in error["message"] or "unavailable" in error["message"]


# --------------------------------------------------------------------------- numbers entered by hand


@pytest.mark.parametrize(
    "value", ["1e999", "-1e999", "NaN", "Infinity", "12345678901234567", "0.1234567890123456"]
)
def test_a_result_that_is_not_a_plain_number_is_422(app: FastAPI, value: str) -> None:
    body = (
        f'{{"region": "兰溪市", "indicator_id": "gdp", "year": 2025, "value": {value}, "measure": "growth"}}'
    )
    response = _send(
        app,
        "POST",
        "/api/actuals",
        content=body.encode(),
        headers={**AUTH, "Content-Type": "application/json"},
    )
    assert _error(response, 422)["code"] == "E422"


def test_fifteen_significant_digits_are_still_a_result(app: FastAPI) -> None:
    body = {"region": "兰溪市", "indicator_id": "gdp", "year": 2025, "value": 5.12345678901234}
    body["measure"] = "growth"
    response = _send(app, "POST", "/api/actuals", json=body, headers=AUTH)
    assert response.status_code == 201, response.text


def test_a_password_in_mubiao_db_is_masked_in_the_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from mubiao.present.cli import main

    monkeypatch.setenv(
        "MUBIAO_DB", "postgresql+psycopg://alice@127.0.0.1:1/mubiao?password=hunter2&connect_timeout=2"
    )
    result = CliRunner().invoke(main, ["ledger"])
    assert result.exit_code != 0 and "127.0.0.1" in result.output
    assert "hunter2" not in result.output


def test_an_anonymous_upload_is_refused_before_its_body_is_read(app: FastAPI) -> None:
    # the body stream fails if anything reads it: a 401 must come from the headers alone
    import asyncio

    from starlette.types import Message

    async def call() -> list[Message]:
        sent: list[Message] = []

        async def receive() -> Message:
            raise AssertionError("the body of an anonymous write was read")

        async def send(message: Message) -> None:
            sent.append(message)

        scope = {
            "type": "http",
            "method": "POST",
            "path": "/api/documents",
            "raw_path": b"/api/documents",
            "query_string": b"",
            "headers": [
                (b"host", b"localhost"),
                (b"content-type", b"multipart/form-data; boundary=x"),
                (b"content-length", b"1000000"),
            ],
            "server": ("localhost", 80),
            "scheme": "http",
            "http_version": "1.1",
            "root_path": "",
        }
        await app(scope, receive, send)
        return sent

    sent = asyncio.run(call())
    assert sent[0]["type"] == "http.response.start" and sent[0]["status"] == 401
