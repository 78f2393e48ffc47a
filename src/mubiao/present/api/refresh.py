"""What a write starts: the ledger's evaluation of what it changed, and the dashboard's views
built on it, in the background (:meth:`mubiao.ledger.Ledger.refresh_in_background`), so that
readers do not pay for writers in their requests."""

from __future__ import annotations

from mubiao.present.api.catalog import regions
from mubiao.present.api.deps import ApiState
from mubiao.present.api.ledger import summary

__all__ = ["after_write"]


def after_write(state: ApiState) -> None:
    """Start the refresh after a write (a no-op when the server was made without it)."""
    if state.refresh:
        state.ledger.refresh_in_background(lambda: summary(state, None), lambda: regions(state))
