"""The part of a year a statement's figure is of (2025-Q1, 2025-H1), kept out of annual evaluation.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("statements") as batch:
        batch.add_column(sa.Column("sub_period", sa.String(16), nullable=True))
    # statements extracted before: the period was kept in their extra fields only
    conn = op.get_bind()
    rows = conn.execute(
        sa.text("SELECT id, extra FROM statements WHERE extra LIKE :p"), {"p": '%"period"%'}
    ).fetchall()
    for id_, extra in rows:
        try:
            period = json.loads(extra).get("period")
        except (ValueError, AttributeError):
            continue
        if isinstance(period, str) and period:
            conn.execute(
                sa.text("UPDATE statements SET sub_period = :p WHERE id = :id"), {"p": period[:16], "id": id_}
            )


def downgrade() -> None:
    with op.batch_alter_table("statements") as batch:
        batch.drop_column("sub_period")
