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
@click.option(
    "--private",
    is_flag=True,
    help="Reading the ledger and documents needs a login too (default: $MUBIAO_PUBLIC_READ, else public).",
)
def serve(db: str | None, host: str, port: int, token: str | None, private: bool) -> None:
    """Serve the dashboard at / and the REST API at /api (its documentation at /api/docs)."""
    import uvicorn

    from mubiao.present.api import create_app
    from mubiao.present.api.app import TOKEN_ENV

    try:
        store = Store.open(db)
    except MubiaoError as e:
        fail(e)
    app = create_app(store, token=token, warm=True, public_read=False if private else None)
    shown = f"[{host}]" if ":" in host else host
    click.echo(
        f"serving {display_url(store.url)} at http://{shown}:{port}/  (API: http://{shown}:{port}/api/docs)"
    )
    if not (token or os.environ.get(TOKEN_ENV)) and not app.state.mubiao.ledger.people.has_users():
        click.echo(
            f"read-only: no token given (--token or ${TOKEN_ENV}) and no users (mubiao users add), "
            "so writes are refused",
            err=True,
        )
    try:
        uvicorn.run(app, host=host, port=port, log_level="info")
    finally:
        store.close()
