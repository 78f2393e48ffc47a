"""Large texts compressed with lz4 on PostgreSQL (documents' originals, superseded versions, kept
evaluated rows and views).

The server compresses every text of more than 2 KB as it is stored; with its default (pglz) that
is most of the server's CPU in a bulk load of documents (51 KB of original text each on average),
on the cores the extraction shares.  lz4 does the same in a fraction of the time.  Values already
stored keep their compression; SQLite stores texts as they are and is left alone.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (
    ("documents", "original"),
    ("document_versions", "meta"),
    ("document_versions", "statements"),
    ("evaluated_rows", "rows"),
    ("kept_views", "value"),
)


def _set(method: str) -> None:
    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        return
    if (
        method == "lz4"
        and not conn.exec_driver_sql(
            "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)"
        ).first()
    ):
        return  # a server built without lz4 keeps pglz
    for table, column in COLUMNS:
        op.execute(f'ALTER TABLE {table} ALTER COLUMN "{column}" SET COMPRESSION {method}')


def upgrade() -> None:
    _set("lz4")


def downgrade() -> None:
    _set("pglz")
