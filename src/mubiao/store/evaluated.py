"""Evaluated ledger rows kept in the store: a region's rows survive a restart of the process.

Evaluating every region of a store of a million statements takes about forty seconds; a server
that starts (or a second worker process of it) answers the overview from these rows instead.
Each entry is the rows of one region at one ``as_of`` (the cut-off year of results, 0 for none),
with the *stamp* of the store it was computed from: the ledger's generation, as JSON
(:class:`mubiao.ledger.Generation`).  The ledger keeps an entry while the regions changed since
its stamp do not include its own, and replaces it when they do, so a write stales only the
regions it touched.  The rows are JSON (never pickle: a store is data, not code), turned back
into :class:`~mubiao.store.records.LedgerRow` exactly; a test checks the round trip.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import DateTime, Engine, Integer, String, Table, Text, delete, select, tuple_
from sqlalchemy.orm import Mapped, mapped_column

from mubiao.store import models as m
from mubiao.store.records import LedgerRow, Source

__all__ = [
    "Entry",
    "EvaluatedRows",
    "KeptView",
    "clear",
    "load",
    "load_view",
    "rows_from_json",
    "rows_to_json",
    "save",
    "save_view",
]

TABLE = "evaluated_rows"
VIEWS_TABLE = "kept_views"
#: how a region or an as_of of None is keyed (no region is named "", no year is 0)
_NO_REGION = ""
_NO_AS_OF = 0


class EvaluatedRows(m.Base):
    """The evaluated rows of one region at one cut-off year (see the module docstring)."""

    __tablename__ = TABLE

    region: Mapped[str] = mapped_column(String(64), primary_key=True)
    as_of: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: the ledger's generation the rows were computed at, as JSON
    stamp: Mapped[str] = mapped_column(Text)
    rows: Mapped[str] = mapped_column(Text)
    evaluated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


_T = cast(Table, EvaluatedRows.__table__)


@dataclass(frozen=True)
class Entry:
    region: str | None
    as_of: int | None
    stamp: str
    #: the rows as kept, decoded by :attr:`rows` only for an entry still right (most of the cost)
    text: str = field(repr=False)

    @property
    def rows(self) -> list[LedgerRow]:
        return rows_from_json(self.text)


def _key(region: str | None, as_of: int | None) -> tuple[str, int]:
    return (region if region is not None else _NO_REGION, as_of if as_of is not None else _NO_AS_OF)


# ------------------------------------------------------------------------------- JSON

_FLOAT = "__float__"


def _plain(value: Any) -> Any:
    """JSON-safe, tuples and non-finite floats tagged so that they come back as they were."""
    if isinstance(value, float) and not math.isfinite(value):
        return {_FLOAT: repr(value)}
    if isinstance(value, tuple):
        return {"__tuple__": [_plain(v) for v in value]}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _tagged(d: dict[str, Any]) -> Any:
    # json's object_hook: called from the decoder for each object, inner ones first
    if len(d) == 1:
        if _FLOAT in d:
            return float(d[_FLOAT])
        if "__tuple__" in d:
            return tuple(d["__tuple__"])
    return d


def rows_to_json(rows: Iterable[LedgerRow]) -> str:
    out = []
    for r in rows:
        d = dict(r.__dict__)
        d["sources"] = [[s.statement_id, s.document, s.span, s.text, s.kind, s.provenance, s.role, s.year]
                        for s in r.sources]  # fmt: skip
        out.append(_plain(d))
    return json.dumps(out, ensure_ascii=False, allow_nan=False)


def rows_from_json(text: str) -> list[LedgerRow]:
    rows = []
    for d in json.loads(text, object_hook=_tagged):
        d["sources"] = [
            Source(s[0], s[1], tuple(s[2]) if s[2] is not None else None, *s[3:]) for s in d["sources"]
        ]
        rows.append(LedgerRow(**d))
    return rows


# ------------------------------------------------------------------------------- reading and writing


def load(engine: Engine, as_of: int | None, regions: Iterable[str | None] | None = None) -> list[Entry]:
    """The entries kept for ``as_of`` (of ``regions`` only, when given)."""
    q = select(_T.c.region, _T.c.stamp, _T.c.rows).where(_T.c.as_of == _key(None, as_of)[1])
    if regions is not None:
        wanted = [_key(r, None)[0] for r in regions]
        if not wanted:
            return []
        q = q.where(_T.c.region.in_(wanted))
    with engine.connect() as conn:
        return [Entry(region or None, as_of, stamp, rows) for region, stamp, rows in conn.execute(q)]


def stamps(engine: Engine, as_of: int | None) -> dict[str | None, str]:
    """The stamp of each region kept for ``as_of``, without reading the rows."""
    q = select(_T.c.region, _T.c.stamp).where(_T.c.as_of == _key(None, as_of)[1])
    with engine.connect() as conn:
        return {region or None: stamp for region, stamp in conn.execute(q)}


def save(
    engine: Engine, entries: Mapping[tuple[str | None, int | None], list[LedgerRow]], stamp: str
) -> None:
    """Keep ``entries`` (by region and as_of) computed at ``stamp``, replacing what was kept."""
    if not entries:
        return
    now = datetime.now(UTC)
    values = [
        {"region": k[0], "as_of": k[1], "stamp": stamp, "rows": rows_to_json(rows), "evaluated_at": now}
        for k, rows in ((_key(*key), rows) for key, rows in entries.items())
    ]
    keys = [(v["region"], v["as_of"]) for v in values]
    with engine.begin() as conn:
        for i in range(0, len(keys), 400):
            conn.execute(delete(_T).where(tuple_(_T.c.region, _T.c.as_of).in_(keys[i : i + 400])))
        conn.execute(_T.insert(), values)


def restamp(engine: Engine, keys: Iterable[tuple[str | None, int | None]], stamp: str) -> None:
    """Mark entries as still right at ``stamp`` (their regions did not change)."""
    wanted = [_key(*k) for k in keys]
    with engine.begin() as conn:
        for i in range(0, len(wanted), 400):
            chunk = wanted[i : i + 400]
            conn.execute(_T.update().where(tuple_(_T.c.region, _T.c.as_of).in_(chunk)).values(stamp=stamp))


class KeptView(m.Base):
    """A view computed from the whole ledger (the overview's summary), kept with its stamp."""

    __tablename__ = VIEWS_TABLE

    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    stamp: Mapped[str] = mapped_column(Text)
    value: Mapped[str] = mapped_column(Text)
    kept_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


_V = cast(Table, KeptView.__table__)


def load_view(engine: Engine, key: str) -> tuple[str, str] | None:
    """(stamp, value) of the view kept under ``key``."""
    with engine.connect() as conn:
        found = conn.execute(select(_V.c.stamp, _V.c.value).where(_V.c.key == key)).first()
    return (found[0], found[1]) if found is not None else None


def save_view(engine: Engine, key: str, stamp: str, value: str) -> None:
    with engine.begin() as conn:
        conn.execute(delete(_V).where(_V.c.key == key))
        conn.execute(_V.insert(), {"key": key, "stamp": stamp, "value": value, "kept_at": datetime.now(UTC)})


def clear(engine: Engine, regions: Iterable[str | None] | None = None) -> None:
    """Forget the entries of ``regions`` (of every region when None)."""
    with engine.begin() as conn:
        if regions is None:
            conn.execute(delete(_T))
            return
        wanted = [_key(r, None)[0] for r in regions]
        for i in range(0, len(wanted), 400):
            conn.execute(delete(_T).where(_T.c.region.in_(wanted[i : i + 400])))
