"""Opening the store's database: the URL, the engine, the migrations and the reference tables.

The URL is the caller's (``--db``), else ``MUBIAO_DB``, else ``sqlite:///./mubiao.db``.  A bare
file path means a SQLite file; ``postgresql://`` and ``postgres://`` mean PostgreSQL through
psycopg 3.  Every error of SQLAlchemy, the drivers or Alembic is turned into a
:class:`~mubiao.errors.StoreError` by :func:`store_errors`, with the original as ``__cause__``.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from alembic import command
from alembic.config import Config
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, Table, create_engine, event, insert, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from mubiao.errors import MubiaoError, StoreError
from mubiao.store import models as m
from mubiao.store.bulk import ensure_indexes

__all__ = ["DEFAULT_URL", "ENV_VAR", "connect", "display_url", "resolve_url", "store_errors"]

ENV_VAR = "MUBIAO_DB"
DEFAULT_URL = "sqlite:///./mubiao.db"
_MIGRATIONS = Path(__file__).with_name("migrations")


def resolve_url(db: str | os.PathLike[str] | None = None) -> str:
    """The SQLAlchemy URL of the store: ``db``, else ``$MUBIAO_DB``, else ``./mubiao.db``."""
    raw = os.fspath(db) if db is not None else None
    raw = raw or os.environ.get(ENV_VAR) or DEFAULT_URL
    raw = raw.strip()
    if "://" not in raw:
        # a bare path: a SQLite file (":memory:" is SQLite's own name for a private database)
        return "sqlite://" if raw == ":memory:" else f"sqlite:///{raw}"
    scheme, rest = raw.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return f"postgresql+psycopg://{rest}"
    return raw


#: query parameters of a database URL that carry a secret (libpq's and the drivers')
_SECRET_KEYS = frozenset({"password", "passwd", "pwd", "sslpassword", "secret", "token", "api_key", "apikey"})
_SECRET_IN_TEXT = re.compile(
    r"(?i)\b(" + "|".join(sorted(_SECRET_KEYS)) + r")(\s*=\s*)('[^']*'|\"[^\"]*\"|[^&\s;]*)"
)
_USERINFO = re.compile(r"(://[^/:@\s]*):[^@/\s]*@")


def display_url(url: str) -> str:
    """The URL without its secrets, for messages: the password after ``user:`` and those given
    as query parameters (``?password=…``) are shown as ``***``; a string that is not a URL has
    anything that looks like ``password=…`` or ``user:…@`` masked."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return _USERINFO.sub(r"\1:***@", _SECRET_IN_TEXT.sub(r"\1\2***", url))
    query = {k: ("***" if k.lower() in _SECRET_KEYS else v) for k, v in parsed.query.items()}
    shown = parsed.set(query=query).render_as_string(hide_password=True)
    return shown.replace("%2A%2A%2A", "***")


def _reason(exc: BaseException) -> str:
    """The first line of what the driver said, without SQLAlchemy's boilerplate."""
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


@contextmanager
def store_errors(what: str, url: str | None = None) -> Iterator[None]:
    """Turn database errors raised inside the block into a StoreError saying ``what`` failed."""
    try:
        yield
    except MubiaoError:
        raise
    except (SQLAlchemyError, sqlite3.Error, CommandError) as exc:
        raise StoreError(f"{what}: {_reason(exc)}", path=display_url(url) if url else None) from exc
    except UnicodeEncodeError as exc:
        where = display_url(url) if url else None
        raise StoreError(f"{what}: text the database cannot hold ({exc.reason})", path=where) from exc
    except Exception as exc:
        # psycopg raises its own errors where SQLAlchemy does not wrap them (while connecting)
        if _psycopg_error(exc):
            raise StoreError(f"{what}: {_reason(exc)}", path=display_url(url) if url else None) from exc
        raise


def _psycopg_error(exc: BaseException) -> bool:
    try:
        import psycopg
    except ImportError:
        return False
    return isinstance(exc, psycopg.Error)


def _missing_file(url: str) -> str | None:
    """The SQLite file ``url`` names when it does not exist (None for PostgreSQL, memory, URIs)."""
    parsed = make_url(url)
    db = parsed.database
    if parsed.get_backend_name() != "sqlite" or not db or db == ":memory:" or db.startswith("file:"):
        return None
    return None if Path(db).expanduser().exists() else db


def _engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {url!r}") from exc
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise StoreError(
            f"unsupported database {backend!r}: mubiao stores in SQLite or PostgreSQL", path=display_url(url)
        )
    if backend == "postgresql" and parsed.get_driver_name() == "psycopg":
        try:
            import psycopg  # noqa: F401
        except ImportError as exc:
            raise StoreError(
                "PostgreSQL needs psycopg 3: pip install 'mubiao[postgres]'", path=display_url(url)
            ) from exc
    kwargs: dict[str, Any] = {}
    if backend == "sqlite":
        db = parsed.database
        if not db or db == ":memory:":
            # one connection, or each would see its own empty database
            kwargs["poolclass"] = StaticPool
            kwargs["connect_args"] = {"check_same_thread": False}
        elif not db.startswith("file:"):
            parent = Path(db).expanduser().parent
            if not parent.is_dir():
                raise StoreError(f"no such folder for the database file: {parent}", path=db)
    try:
        engine = create_engine(url, **kwargs)
    except (ArgumentError, ImportError) as exc:
        raise StoreError(f"cannot use this database URL: {exc}", path=display_url(url)) from exc
    if backend == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # foreign keys are off by default in SQLite; WAL lets readers work while ingest writes;
    # the busy timeout lets two mubiao processes share a file instead of failing at once
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _alembic_config(connection: Connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


#: the key of the PostgreSQL advisory lock migrations are run under (any constant of this project's)
_MIGRATION_LOCK = 0x6D75_6269_616F  # "mubiao"


def migrate(engine: Engine) -> None:
    """Upgrade the database to the newest schema this mubiao knows (a no-op when it is there).

    Under a lock, so that several processes opening one new store at once (the API's workers, a
    cluster's clients) migrate it once: the others wait, then find it at head.  On PostgreSQL an
    advisory lock of the transaction; on a SQLite file an exclusive lock on a file beside it.
    """
    with _sqlite_file_lock(engine), engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        command.upgrade(_alembic_config(conn), "head")


@contextmanager
def _sqlite_file_lock(engine: Engine) -> Iterator[None]:
    db = engine.url.database if engine.url.get_backend_name() == "sqlite" else None
    if not db or db == ":memory:" or db.startswith("file:"):
        yield
        return
    try:
        import fcntl
    except ImportError:  # Windows: SQLite's own locking, and a failed CREATE TABLE, are all there is
        yield
        return
    with Path(f"{db}.migrate-lock").expanduser().open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def connect(db: str | os.PathLike[str] | None = None, *, create: bool = True) -> tuple[Engine, str]:
    """An engine on the store's database, migrated to head, with its reference tables filled.

    ``create=False`` refuses a SQLite file that does not exist, rather than making an empty
    store of a mistyped name (the commands that only read).
    """
    url = resolve_url(db)
    if not create:
        try:
            missing = _missing_file(url)
        except ArgumentError as exc:
            raise StoreError(f"not a database URL: {url!r}") from exc
        if missing is not None:
            raise StoreError(
                "no store here: check --db, or create it with 'mubiao ingest' / 数据库文件不存在",
                path=missing,
            )
    engine = _engine(url)
    try:
        with store_errors("cannot open the store", url):
            try:
                migrate(engine)
            except CommandError as exc:
                if "Can't locate revision" in str(exc):
                    raise StoreError(
                        "the database was written by a newer mubiao: upgrade mubiao to use it",
                        path=display_url(url),
                    ) from exc
                raise
            ensure_indexes(engine)
            sync_reference(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine, url


# --------------------------------------------------------------------------- reference tables


def _indicator_rows() -> list[dict[str, Any]]:
    from mubiao.reference.registry import Registry

    return [
        {
            "id": ind.id,
            "name": ind.name,
            "category": ind.category,
            "unit_family": ind.unit_family,
            "unit": ind.unit,
            "polarity": ind.polarity,
            "type": ind.type,
            "binding": ind.binding,
            "aliases": json.dumps([*ind.aliases, *ind.exact_aliases], ensure_ascii=False),
        }
        for ind in Registry.default()
    ]


def _region_rows() -> list[dict[str, Any]]:
    from mubiao.reference.regions import Regions

    regions = Regions.default()
    # one row per name and parent: a unit whose code changed but not its name (三元区) is one row,
    # the current incarnation's
    rows: dict[tuple[str, str | None], dict[str, Any]] = {}
    for r in sorted(regions, key=lambda r: r.is_current):
        rows[(r.name, r.parent)] = {
            "name": r.name,
            "short": r.short,
            "level": r.level,
            "parent": r.parent,
            "full_name": regions.full_name(r) or r.name,
        }
    return list(rows.values())


def sync_reference(engine: Engine) -> None:
    """Bring the indicators and regions tables in line with the packaged registry and regions.

    Run on every open: cheap (a few thousand rows compared in memory) and it keeps the tables
    current after mubiao is upgraded.  Rows are only added or updated, never removed, so that
    statements keep the names of indicators a later registry drops.
    """
    for _attempt in range(2):
        try:
            with engine.begin() as conn:
                _sync_table(conn, m.Indicator, _indicator_rows(), ("id",))
                _sync_table(conn, m.Region, _region_rows(), ("name", "parent"))
            return
        except IntegrityError:
            # another process opened the same new store at the same moment and filled the
            # tables first: compare again against what it wrote
            continue


def _sync_table(
    conn: Connection, model: type[m.Base], rows: list[dict[str, Any]], key: tuple[str, ...]
) -> None:
    table = cast(Table, model.__table__)
    columns = list(rows[0]) if rows else []
    existing: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in conn.execute(
        select(*(table.c[c] for c in {*columns, *key, *table.primary_key.columns.keys()}))
    ):
        mapping = dict(row._mapping)
        existing[tuple(mapping[k] for k in key)] = mapping
    new = [r for r in rows if tuple(r[k] for k in key) not in existing]
    if new:
        conn.execute(insert(table), new)
    for r in rows:
        old = existing.get(tuple(r[k] for k in key))
        if old is not None and any(old[c] != r[c] for c in columns):
            where = [table.c[k] == r[k] for k in key if r[k] is not None]
            where += [table.c[k].is_(None) for k in key if r[k] is None]
            conn.execute(update(table).where(*where).values(**r))
