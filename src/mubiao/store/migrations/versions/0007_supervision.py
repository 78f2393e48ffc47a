"""Supervision: tasks, their units and targets, progress reports, evidence, notices and monthly
figures (see mubiao.store.supervision).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# As 0003 does: the models live outside mubiao.store.models; importing them here puts their
# tables on the store's metadata whenever the migrations are loaded.
import mubiao.store.supervision  # noqa: F401

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("users", sa.Column("email", sa.String(length=255), nullable=True))
    op.create_table(
        "sup_evidence",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=128), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("who", sa.String(length=128), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sup_evidence")),
    )
    op.create_index(op.f("ix_sup_evidence_sha256"), "sup_evidence", ["sha256"], unique=False)
    op.create_table(
        "sup_monthly",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("region", sa.String(length=64), nullable=False),
        sa.Column("indicator_id", sa.String(length=64), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("who", sa.String(length=128), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sup_monthly")),
        sa.UniqueConstraint(
            "region",
            "indicator_id",
            "year",
            "month",
            name=op.f("uq_sup_monthly_region_indicator_id_year_month"),
        ),
    )
    op.create_table(
        "sup_tasks",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("title", sa.String(length=255), nullable=False),
        sa.Column("region", sa.String(length=64), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("frequency", sa.String(length=16), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("due_days", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_by", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sup_tasks")),
    )
    op.create_index(op.f("ix_sup_tasks_region"), "sup_tasks", ["region"], unique=False)
    op.create_table(
        "sup_task_units",
        sa.Column("task_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(
            ["task_id"],
            ["sup_tasks.id"],
            name=op.f("fk_sup_task_units_task_id_sup_tasks"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_sup_task_units_unit_id_units"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("task_id", "unit_id", name=op.f("pk_sup_task_units")),
    )
    op.create_index(op.f("ix_sup_task_units_unit_id"), "sup_task_units", ["unit_id"], unique=False)
    op.create_table(
        "sup_task_targets",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("task_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("target_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("region", sa.String(length=64), nullable=False),
        sa.Column("indicator", sa.String(length=255), nullable=False),
        sa.Column("indicator_id", sa.String(length=64), nullable=True),
        sa.Column("measure", sa.String(length=8), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(length=32), nullable=True),
        sa.Column("qualifier", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("share", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["target_id"],
            ["statements.id"],
            name=op.f("fk_sup_task_targets_target_id_statements"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["task_id"],
            ["sup_tasks.id"],
            name=op.f("fk_sup_task_targets_task_id_sup_tasks"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sup_task_targets")),
    )
    op.create_index(op.f("ix_sup_task_targets_target_id"), "sup_task_targets", ["target_id"], unique=False)
    op.create_index(op.f("ix_sup_task_targets_task_id"), "sup_task_targets", ["task_id"], unique=False)
    op.create_table(
        "sup_notices",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("task_target_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("period", sa.String(length=8), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("emailed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["task_target_id"],
            ["sup_task_targets.id"],
            name=op.f("fk_sup_notices_task_target_id_sup_task_targets"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_sup_notices_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sup_notices")),
        sa.UniqueConstraint(
            "user_id",
            "task_target_id",
            "period",
            "kind",
            "day",
            name=op.f("uq_sup_notices_user_id_task_target_id_period_kind_day"),
        ),
    )
    op.create_index(op.f("ix_sup_notices_user_id"), "sup_notices", ["user_id"], unique=False)
    op.create_table(
        "sup_progress",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("task_target_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=8), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("narrative", sa.Text(), nullable=False),
        sa.Column("evidence_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("document_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("who", sa.String(length=128), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reviewed_by", sa.String(length=128), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("review_note", sa.Text(), nullable=True),
        sa.Column("statement_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_sup_progress_document_id_documents"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["evidence_id"],
            ["sup_evidence.id"],
            name=op.f("fk_sup_progress_evidence_id_sup_evidence"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statements.id"],
            name=op.f("fk_sup_progress_statement_id_statements"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["task_target_id"],
            ["sup_task_targets.id"],
            name=op.f("fk_sup_progress_task_target_id_sup_task_targets"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_sup_progress_unit_id_units"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sup_progress")),
    )
    op.create_index(op.f("ix_sup_progress_task_target_id"), "sup_progress", ["task_target_id"], unique=False)
    op.create_index(op.f("ix_sup_progress_unit_id"), "sup_progress", ["unit_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_sup_progress_unit_id"), table_name="sup_progress")
    op.drop_index(op.f("ix_sup_progress_task_target_id"), table_name="sup_progress")
    op.drop_table("sup_progress")
    op.drop_index(op.f("ix_sup_notices_user_id"), table_name="sup_notices")
    op.drop_table("sup_notices")
    op.drop_index(op.f("ix_sup_task_targets_task_id"), table_name="sup_task_targets")
    op.drop_index(op.f("ix_sup_task_targets_target_id"), table_name="sup_task_targets")
    op.drop_table("sup_task_targets")
    op.drop_index(op.f("ix_sup_task_units_unit_id"), table_name="sup_task_units")
    op.drop_table("sup_task_units")
    op.drop_index(op.f("ix_sup_tasks_region"), table_name="sup_tasks")
    op.drop_table("sup_tasks")
    op.drop_table("sup_monthly")
    op.drop_index(op.f("ix_sup_evidence_sha256"), table_name="sup_evidence")
    op.drop_table("sup_evidence")
    op.drop_column("users", "email")
