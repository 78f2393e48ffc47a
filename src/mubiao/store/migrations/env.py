"""Alembic environment of the store: run by :func:`mubiao.store.store.Store.open`, never by hand.

The store passes its open connection in ``config.attributes["connection"]``, so migrations run
in the caller's transaction and on the caller's engine (SQLite or PostgreSQL alike).  Running the
``alembic`` command line against a URL (``-x url=...``) is supported for development.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from mubiao.store.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things: later migrations copy tables in batch mode
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("give the database: alembic -x url=sqlite:///mubiao.db ...")
    engine = create_engine(url)
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("the store's migrations run online only")
run()
