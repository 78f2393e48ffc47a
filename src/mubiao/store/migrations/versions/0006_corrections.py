"""Corrections: a person's changes to extracted statements (see mubiao.store.corrections).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# As 0003 does: the model lives in mubiao.store.corrections; importing it here puts its table on
# the store's metadata whenever the migrations are loaded.
import mubiao.store.corrections  # noqa: F401

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", _ID, nullable=False),
        sa.Column("document_id", _ID, nullable=True),
        sa.Column("doc_id", sa.String(length=255), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=True),
        sa.Column("span_end", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("statement_id", _ID, nullable=True),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("original", sa.Text(), nullable=False),
        sa.Column("excluded", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("who", sa.String(length=128), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_corrections_document_id_documents"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statements.id"],
            name=op.f("fk_corrections_statement_id_statements"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corrections")),
    )
    op.create_index(op.f("ix_corrections_document_id"), "corrections", ["document_id"])
    op.create_index(op.f("ix_corrections_statement_id"), "corrections", ["statement_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_corrections_statement_id"), table_name="corrections")
    op.drop_index(op.f("ix_corrections_document_id"), table_name="corrections")
    op.drop_table("corrections")
