"""Document identity: a document's text hash, and the files it was read from.

The same report as ``X.txt`` beside ``X.docx`` is one document with two files (the same hash of
its normalised text without whitespace), not two documents refused by id.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("text_sha256", sa.String(length=64), nullable=True))
        batch.create_index("ix_documents_text_sha256", ["text_sha256"], unique=False)
    op.create_table(
        "document_files",
        sa.Column("id", BigId, nullable=False),
        sa.Column("document_id", BigId, nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=1024), nullable=False),
        sa.Column("path", sa.String(length=2048), nullable=False),
        sa.Column("format", sa.String(length=16), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_document_files_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_files")),
        sa.UniqueConstraint("sha256", name=op.f("uq_document_files_sha256")),
    )
    op.create_index("ix_document_files_document_id", "document_files", ["document_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_document_files_document_id", table_name="document_files")
    op.drop_table("document_files")
    with op.batch_alter_table("documents") as batch:
        batch.drop_index("ix_documents_text_sha256")
        batch.drop_column("text_sha256")
