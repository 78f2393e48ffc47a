"""Every API handler returns a declared model (or a file), never a bare dict."""

from __future__ import annotations

import typing

from fastapi.responses import Response
from fastapi.routing import APIRoute
from pydantic import BaseModel

from mubiao.present.api import create_app
from mubiao.present.api.app import ROUTERS
from mubiao.store import Store


def _api_routes() -> list[APIRoute]:
    """Every route of every router the app includes (``app.routes`` holds the included routers
    whole in recent FastAPI, so the routes are read from the routers themselves)."""
    return [r for module in ROUTERS for r in module.router.routes if isinstance(r, APIRoute)]


def test_every_handler_returns_a_model_or_a_file() -> None:
    with Store.open(":memory:") as store:
        create_app(store, token="", web=None)  # the app can be built with them
    routes = _api_routes()
    assert len(routes) >= 30, "the check must see the API's routes"
    loose = []
    for route in routes:
        returned = typing.get_type_hints(route.endpoint).get("return")
        inner = typing.get_args(returned)[0] if typing.get_origin(returned) is list else returned
        if not (isinstance(inner, type) and issubclass(inner, BaseModel | Response)):
            loose.append(f"{route.path}: {returned}")
    assert not loose, "\n".join(loose)
