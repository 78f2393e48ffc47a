"""The one error envelope of the API, and the handlers that put every error in it.

Every error answer, whatever raised it, has the same body::

    {"error": {"code": "E304", "status": 404, "message": "…", "detail": {...} or null}}

``code`` is the :class:`~mubiao.errors.MubiaoError` code where mubiao raised the error (E1xx a
document could not be read, E3xx the store, E4xx the request); the API's own codes are:

=====  ======  ==============================================================================
code   status  meaning
=====  ======  ==============================================================================
E401   401     a write without a token (``Authorization: Bearer …``)
E403   403     a wrong, expired or revoked token; a role or units that do not allow the request;
               or writes are disabled (no token and no users on the server)
E404   404     no such page or route (a missing document or statement is E304)
E405   405     the route does not take this method
E413   413     the request body (an upload) is larger than the server takes, or a preview's answer would be
E429   429     too many failed logins: ``Retry-After`` says when to try again
E503   503     the store is unreachable or refused (``/api/health`` checks it); no more is said
E422   422     the request's parameters or body do not validate (``detail.errors`` lists them)
E501   501     the server has no such feature installed (reports)
E500   500     a bug: the message says no more, the server's log has the traceback
=====  ======  ==============================================================================
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from mubiao.errors import (
    AccessDeniedError,
    MubiaoError,
    NotAuthenticatedError,
    NotFoundError,
    PipelineError,
    StoreError,
    TooManyAttemptsError,
)

__all__ = ["ApiError", "envelope", "install"]

log = logging.getLogger("mubiao.api")


class ApiError(Exception):
    """An error of the API itself (authentication, unknown route …), with its code and status."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        detail: dict[str, Any] | None = None,
        *,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.detail = detail
        self.headers = headers


def envelope(status: int, code: str, message: str, detail: dict[str, Any] | None = None) -> JSONResponse:
    body = {"error": {"code": code, "status": status, "message": message, "detail": detail}}
    return JSONResponse(jsonable_encoder(body), status_code=status)


def _status_of(exc: MubiaoError) -> int:
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, NotAuthenticatedError | AccessDeniedError | TooManyAttemptsError):
        # E401, E403, E429: the code is the status
        return int(exc.code[1:])
    if isinstance(exc, PipelineError):
        return 500
    if isinstance(exc, StoreError):
        # the database failed or refused: not the caller's doing
        return 503
    # ReadError (the uploaded file), UsageError (the request) and anything else the user can fix
    return 400


def _mubiao(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, MubiaoError)
    status = _status_of(exc)
    if status >= 500:
        log.error("%s", exc, exc_info=exc)
    if isinstance(exc, TooManyAttemptsError):
        response = envelope(status, exc.code, exc.message, {"retry_after": exc.retry_after})
        response.headers["Retry-After"] = str(exc.retry_after)
        return response
    if status == 503:
        # what the driver said names the database's host and port: the server's log has it
        return envelope(
            status,
            exc.code,
            f"the store is unreachable or refused the request / 数据库暂时无法使用 [{exc.code}]",
        )
    if isinstance(exc, StoreError) or not exc.path:
        # a store's path is a URL or a file on the server: the server's business, not the caller's
        return envelope(status, exc.code, f"{exc.message} [{exc.code}]")
    # the file the caller sent, named as the caller named it
    return envelope(status, exc.code, str(exc), {"file": exc.path})


def _api(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    response = envelope(exc.status, exc.code, exc.message, exc.detail)
    if exc.headers:
        response.headers.update(exc.headers)
    return response


_HTTP_MESSAGES = {
    404: "not found / 未找到",
    405: "method not allowed / 不支持该请求方法",
}


def _http(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    message = exc.detail if isinstance(exc.detail, str) else "error"
    # Starlette's own 404 and 405 say only "Not Found": say it in both languages
    if message in ("Not Found", "Method Not Allowed"):
        message = _HTTP_MESSAGES[exc.status_code]
    response = envelope(exc.status_code, f"E{exc.status_code}", message)
    if exc.headers:
        response.headers.update(exc.headers)
    return response


def _validation(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {
            "where": ".".join(str(p) for p in e.get("loc", ())),
            "message": e.get("msg", ""),
            "type": e.get("type"),
        }
        for e in exc.errors()
    ]
    first = errors[0] if errors else {"where": "", "message": "invalid request"}
    message = f"invalid request / 请求参数有误: {first['where']}: {first['message']}"
    return envelope(422, "E422", message, {"errors": errors})


def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
    log.error("unexpected error in the API", exc_info=exc)
    return envelope(500, "E500", "internal error / 服务器内部错误: see the server's log")


def install(app: FastAPI) -> None:
    """Register the handlers that answer every error with the envelope."""
    app.add_exception_handler(MubiaoError, _mubiao)
    app.add_exception_handler(ApiError, _api)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(Exception, _unexpected)
