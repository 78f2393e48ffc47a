"""An index on documents.ingested_at.

The ledger reads the newest ingestion before every answer (``Ledger.generation``); without the
index that is a scan of the documents table, texts and all: 6.5 ms on a store of 2,000
documents, twice a request.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_documents_ingested_at", "documents", ["ingested_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_documents_ingested_at", table_name="documents")
