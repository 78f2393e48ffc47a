"""An index for one region's statements of a year (region, year, kind).

Without it, ``statements(region=…, year=…)`` reads every statement of the region through the
(region, indicator_id, year) index and filters the year row by row.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_statements_region_year_kind", "statements", ["region", "year", "kind"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_statements_region_year_kind", table_name="statements")
