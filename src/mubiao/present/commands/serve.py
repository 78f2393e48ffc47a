"""``mubiao serve``: the REST API and the dashboard, on one address."""

from __future__ import annotations

import os

import click

from mubiao.errors import MubiaoError
from mubiao.ledger import Store, display_url
from mubiao.present.commands._db import db_option, fail


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="The port.")
@click.option(
    "--token",
    metavar="TOKEN",
    help="What writes (uploads, manual results, status overrides) must present as "
    "'Authorization: Bearer TOKEN'; 'name:TOKEN' names the writer in the audit table. "
    "Default: $MUBIAO_TOKEN; without one the store is read-only.",
)
def serve(db: str | None, host: str, port: int, token: str | None) -> None:
    """Serve the dashboard at / and the REST API at /api (its documentation at /api/docs)."""
    import uvicorn

    from mubiao.present.api import create_app
    from mubiao.present.api.app import TOKEN_ENV

    try:
        store = Store.open(db)
    except MubiaoError as e:
        fail(e)
    app = create_app(store, token=token, warm=True)
    shown = f"[{host}]" if ":" in host else host
    click.echo(
        f"serving {display_url(store.url)} at http://{shown}:{port}/  (API: http://{shown}:{port}/api/docs)"
    )
    if not (token or os.environ.get(TOKEN_ENV)):
        click.echo(f"read-only: no token given (--token or ${TOKEN_ENV}), so writes are refused", err=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="info")
    finally:
        store.close()
