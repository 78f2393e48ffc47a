"""An in-process client of the API: ``httpx.AsyncClient`` over ``httpx.ASGITransport``, no socket.

Each request runs on its own event loop, so the tests stay plain functions.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
TOKEN = "tester:s3cret-token"
AUTH = {"Authorization": "Bearer s3cret-token"}


class Client:
    """A synchronous face on ``httpx.AsyncClient`` over the app."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        async def send() -> httpx.Response:
            # unhandled errors come back as the 500 envelope, as a browser would see them
            transport = httpx.ASGITransport(app=self.app, raise_app_exceptions=False)
            async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as client:
                return await client.request(method, url, **kwargs)

        return asyncio.run(send())

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)

    def patch(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("PATCH", url, **kwargs)

    def delete(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("DELETE", url, **kwargs)
