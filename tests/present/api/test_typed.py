"""Every API handler returns a declared model (or a file), never a bare dict."""

from __future__ import annotations

import typing

from fastapi.responses import Response
from fastapi.routing import APIRoute
from pydantic import BaseModel

from mubiao.present.api import create_app
from mubiao.store import Store


def test_every_handler_returns_a_model_or_a_file() -> None:
    with Store.open(":memory:") as store:
        app = create_app(store, token="", web=None)
    loose = []
    for route in app.routes:
        if not isinstance(route, APIRoute):
            continue
        returned = typing.get_type_hints(route.endpoint).get("return")
        inner = typing.get_args(returned)[0] if typing.get_origin(returned) is list else returned
        if not (isinstance(inner, type) and issubclass(inner, BaseModel | Response)):
            loose.append(f"{route.path}: {returned}")
    assert not loose, "\n".join(loose)
