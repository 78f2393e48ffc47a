"""Every error, whatever raised it, is answered with the one envelope."""

from __future__ import annotations

import pytest
from apiclient import Client

from mubiao.errors import StoreError
from mubiao.store.store import Store


def _envelope(r: object, status: int, code: str) -> dict[str, object]:
    import httpx

    assert isinstance(r, httpx.Response)
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/json"
    body = r.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"code", "status", "message", "detail"}
    assert (error["status"], error["code"]) == (status, code)
    assert isinstance(error["message"], str) and error["message"]
    return dict(error)


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("/api/no-such-endpoint", "E404"),
        ("/api/documents/no-such-document", "E304"),
        ("/api/statements/987654", "E304"),
        ("/api/indicators/no_such_indicator/series", "E304"),
    ],
)
def test_not_found(client: Client, path: str, code: str) -> None:
    _envelope(client.get(path), 404, code)


@pytest.mark.parametrize(
    "path",
    [
        "/api/documents?page=0",
        "/api/documents?per_page=501",
        "/api/statements?year=last",
        "/api/statements/abc",
        "/api/ledger?as_of=soon",
        "/api/export?format=pdf",
    ],
)
def test_invalid_parameters_are_422_with_every_error(client: Client, path: str) -> None:
    error = _envelope(client.get(path), 422, "E422")
    detail = error["detail"]
    assert (
        isinstance(detail, dict)
        and detail["errors"]
        and {"where", "message", "type"} <= set(detail["errors"][0])
    )


def test_invalid_json_body_is_422(client: Client) -> None:
    from apiclient import AUTH

    r = client.post(
        "/api/actuals", headers={**AUTH, "Content-Type": "application/json"}, content=b"{not json"
    )
    _envelope(r, 422, "E422")


def test_a_bad_request_is_400_with_the_mubiao_code(client: Client) -> None:
    error = _envelope(client.get("/api/ledger", params={"status": "excellent"}), 400, "E400")
    assert "excellent" in str(error["message"])


def test_a_method_not_allowed_is_405(client: Client) -> None:
    _envelope(client.request("PUT", "/api/documents"), 405, "E405")


def test_missing_and_wrong_tokens(client: Client) -> None:
    _envelope(client.get("/api/audit"), 401, "E401")
    _envelope(client.get("/api/audit", headers={"Authorization": "Bearer nope"}), 403, "E403")
    _envelope(client.get("/api/audit", headers={"Authorization": "Basic dGVzdGVyOnMzY3JldA=="}), 401, "E401")


def test_a_bug_is_a_500_envelope_that_tells_nothing(
    client: Client, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(self: Store, **kwargs: object) -> list[object]:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(Store, "documents_page", broken)
    error = _envelope(client.get("/api/documents"), 500, "E500")
    assert "secret" not in str(error["message"])
    assert "secret internals" in caplog.text  # but the server's log has it


def test_a_store_failure_is_503_without_the_store_url(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(self: Store, doc_id: str) -> object:
        raise StoreError(
            "cannot read the document: database is locked", path="sqlite:////srv/private/mubiao.db"
        )

    monkeypatch.setattr(Store, "document", failing)
    error = _envelope(client.get("/api/documents/lanxi-fyp14"), 503, "E300")
    assert "/srv/private" not in str(error["message"]) and error["detail"] is None


def test_the_report_route_answers_501_when_reports_are_missing(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "mubiao.present.reports", None)  # an import of it now fails
    _envelope(client.get("/api/report", params={"region": "澜溪区"}), 501, "E501")


def test_every_error_status_is_in_the_openapi_schema(client: Client) -> None:
    schema = client.get("/api/openapi.json").json()
    responses = schema["paths"]["/api/ledger"]["get"]["responses"]
    for status in ("400", "401", "403", "404", "422", "500"):
        ref = responses[status]["content"]["application/json"]["schema"]["$ref"]
        assert ref.endswith("/ErrorOut")
