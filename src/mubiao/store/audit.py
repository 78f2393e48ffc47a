"""Audit rows of the people's writes: who changed what, when, from which value to which."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy.orm import Session

from mubiao.store import models as m

__all__ = ["add_audit"]


def _json(value: object) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str)


def add_audit(
    s: Session, table: str, who: str, at: datetime, row_id: int, field: str, old: object, new: object
) -> None:
    """An audit row in ``s``'s transaction; the old and new values as JSON."""
    s.add(
        m.Audit(
            who=who,
            at=at,
            table_name=table,
            row_id=row_id,
            field=field,
            old=_json(old),
            new=_json(new),
            manual_import_id=None,
        )
    )
