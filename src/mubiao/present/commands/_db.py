"""What the commands that use the store share: the ``--db`` and ``--as`` options, opening the store."""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import NoReturn, TypeVar

import click

from mubiao.errors import MubiaoError
from mubiao.ledger import Principal, Store

__all__ = ["actor", "as_option", "db_option", "fail", "open_store"]

F = TypeVar("F", bound=Callable[..., object])

DB_HELP = (
    "The store: a SQLite file path or sqlite:/// URL, or postgresql://user@host/db. "
    "Default: $MUBIAO_DB, else ./mubiao.db."
)


def db_option(f: F) -> F:
    return click.option("--db", metavar="URL", help=DB_HELP)(f)


def as_option(f: F) -> F:
    return click.option(
        "--as",
        "as_user",
        metavar="NAME",
        help="Who the audit rows name (default: $MUBIAO_USER, else the login name).",
    )(f)


def actor(as_user: str | None) -> Principal:
    """The person a command acts as, from ``--as``, else ``$MUBIAO_USER``, else the login name."""
    return Principal.system(as_user or os.environ.get("MUBIAO_USER") or getpass.getuser(), via="cli")


def fail(e: MubiaoError) -> NoReturn:
    click.echo(f"error: {e}", err=True)
    raise SystemExit(1)


@contextmanager
def open_store(db: str | None, *, create: bool = False) -> Iterator[Store]:
    """The open store; a MubiaoError inside the block becomes a one-line message and exit 1.

    Only the commands that write (``create=True``) make a new SQLite file: a read of a mistyped
    ``--db`` says so instead of reading an empty store.
    """
    try:
        store = Store.open(db, create=create)
    except MubiaoError as e:
        fail(e)
    try:
        with store:
            yield store
    except MubiaoError as e:
        fail(e)
