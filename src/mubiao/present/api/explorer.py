"""``/api/docs``: the OpenAPI explorer (Swagger UI) served from the package, so it works offline.

FastAPI's own page loads Swagger UI from a CDN and starts it with an inline script; this one loads
the copy in ``web/static/vendor/swagger-ui`` and starts it from ``web/static/explorer.js``.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

__all__ = ["PAGE", "available", "install"]

PAGE = "/api/docs"
_HTML = Path("static") / "explorer.html"


def available(web: Path | None) -> bool:
    """Whether the dashboard's files hold the explorer (else FastAPI's own page is kept)."""
    return web is not None and (web / _HTML).is_file() and (web / "index.html").is_file()


def install(app: FastAPI, web: Path) -> None:
    """Serve the explorer's page at ``/api/docs``; its files come with the dashboard's at ``/static``."""
    html = (web / _HTML).read_text(encoding="utf-8")

    async def explorer() -> HTMLResponse:
        return HTMLResponse(html)

    app.add_api_route(PAGE, explorer, methods=["GET"], include_in_schema=False)
