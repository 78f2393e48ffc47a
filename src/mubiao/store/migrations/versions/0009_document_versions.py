"""Document versions and corrections of a document's metadata (see mubiao.store.documents).

* ``document_versions``: each extraction of a document that a re-read, a metadata correction, a
  new edition or a deletion superseded, with the statements it had;
* ``documents.meta_overrides``: the metadata a person set (region, year, type, title), read again
  on every re-extraction;
* ``corrections.removed_row``: the statement an exclusion removed, so that undoing it puts it back.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "document_versions",
        sa.Column("id", _ID, nullable=False),
        sa.Column("document_id", _ID, nullable=True),
        sa.Column("doc_id", sa.String(length=255), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("extractor_version", sa.String(length=64), nullable=False),
        sa.Column("extracted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("superseded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("why", sa.String(length=16), nullable=False),
        sa.Column("who", sa.String(length=128), nullable=False),
        sa.Column("meta", sa.Text(), nullable=False),
        sa.Column("statements", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_document_versions_document_id_documents"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_versions")),
    )
    op.create_index(op.f("ix_document_versions_document_id"), "document_versions", ["document_id"])
    op.create_index(op.f("ix_document_versions_doc_id"), "document_versions", ["doc_id"])
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("meta_overrides", sa.Text(), nullable=True))
    with op.batch_alter_table("corrections") as batch:
        batch.add_column(sa.Column("removed_row", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("corrections") as batch:
        batch.drop_column("removed_row")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("meta_overrides")
    op.drop_index(op.f("ix_document_versions_doc_id"), table_name="document_versions")
    op.drop_index(op.f("ix_document_versions_document_id"), table_name="document_versions")
    op.drop_table("document_versions")
