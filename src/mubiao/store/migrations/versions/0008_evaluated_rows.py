"""Evaluated ledger rows and the views built on them, kept across restarts (see mubiao.store.evaluated).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# As 0003 does: the model lives in mubiao.store.evaluated; importing it here puts its table on
# the store's metadata whenever the migrations are loaded.
import mubiao.store.evaluated  # noqa: F401

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "evaluated_rows",
        sa.Column("region", sa.String(length=64), nullable=False),
        sa.Column("as_of", sa.Integer(), nullable=False),
        sa.Column("stamp", sa.Text(), nullable=False),
        sa.Column("rows", sa.Text(), nullable=False),
        sa.Column("evaluated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("region", "as_of", name=op.f("pk_evaluated_rows")),
    )

    op.create_table(
        "kept_views",
        sa.Column("key", sa.String(length=128), nullable=False),
        sa.Column("stamp", sa.Text(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("kept_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_kept_views")),
    )


def downgrade() -> None:
    op.drop_table("kept_views")
    op.drop_table("evaluated_rows")
