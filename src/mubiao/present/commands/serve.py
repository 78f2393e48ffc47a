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
@click.option(
    "--allowed-host",
    "allowed_host",
    multiple=True,
    metavar="NAME",
    help="A Host name the server answers to besides localhost, 127.0.0.1, ::1 and the --host address "
    "(repeatable; '*.example.org' for subdomains, '*' for any). Also $MUBIAO_ALLOWED_HOSTS, comma-separated.",
)
@click.option(
    "--max-upload-mb",
    type=click.FloatRange(0.001, 1024),
    metavar="MB",
    help="The largest upload taken, in MB (default 50, or $MUBIAO_MAX_UPLOAD_MB); bigger bodies are "
    "refused with 413 before they are stored.",
)
@click.option(
    "--extract-timeout",
    type=click.FloatRange(0.1, 3600),
    metavar="SECONDS",
    help="How long POST /api/extract may read and extract one document (default 30, or "
    "$MUBIAO_EXTRACT_TIMEOUT).",
)
def serve(
    db: str | None,
    host: str,
    port: int,
    token: str | None,
    private: bool,
    allowed_host: tuple[str, ...],
    max_upload_mb: float | None,
    extract_timeout: float | None,
) -> None:
    """Serve the dashboard at / and the REST API at /api (its documentation at /api/docs)."""
    import dataclasses

    import uvicorn

    from mubiao.present.api import create_app
    from mubiao.present.api.app import STALE_READS_ENV, TOKEN_ENV
    from mubiao.present.api.security import Limits

    try:
        store = Store.open(db)
    except MubiaoError as e:
        fail(e)
    limits = Limits.from_env()
    if max_upload_mb is not None:
        limits = dataclasses.replace(limits, upload_bytes=int(max_upload_mb * 1024 * 1024))
    if extract_timeout is not None:
        limits = dataclasses.replace(limits, extract_seconds=extract_timeout)
    # the address the server binds is a name it is reached by; 0.0.0.0 and :: are no one's name
    hosts = [*allowed_host, *([] if host in ("0.0.0.0", "::", "") else [host])]
    try:
        app = create_app(
            store,
            token=token,
            warm=True,
            evaluate_apart=True,
            # a dashboard answers what the ledger held seconds before a write while the write's
            # refresh runs (an uploader's own regions are evaluated before its answer);
            # MUBIAO_STALE_READS=0 makes every reader wait for the refresh instead
            stale_reads=os.environ.get(STALE_READS_ENV, "1").strip().lower()
            not in ("0", "false", "no", "off"),
            public_read=False if private else None,
            limits=limits,
            allowed_hosts=hosts,
        )
    except MubiaoError as e:
        store.close()
        fail(e)
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
    if host in ("0.0.0.0", "::") and not allowed_host:
        click.echo(
            "listening on every interface: requests are answered only for localhost and the names "
            "given with --allowed-host (or $MUBIAO_ALLOWED_HOSTS)",
            err=True,
        )
    try:
        uvicorn.run(app, host=host, port=port, log_level="info")
    finally:
        store.close()
