"""Status overrides: the status a person gave a target, with the reason (see mubiao.store.overrides).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# The model lives in mubiao.store.overrides, outside mubiao.store.models.  Importing it here puts
# its table on the store's metadata whenever the migrations are loaded (every Store.open), so that
# the metadata and the migrated schema always agree (tests/ledger/test_store.py compares them).
import mubiao.store.overrides  # noqa: F401

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "status_overrides",
        sa.Column("target_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("who", sa.String(length=128), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["target_id"],
            ["statements.id"],
            name=op.f("fk_status_overrides_target_id_statements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("target_id", name=op.f("pk_status_overrides")),
    )


def downgrade() -> None:
    op.drop_table("status_overrides")
