"""The REST API (FastAPI) over the store and the ledger; see :mod:`mubiao.present.api.app`."""

from mubiao.present.api.app import create_app

__all__ = ["create_app"]
