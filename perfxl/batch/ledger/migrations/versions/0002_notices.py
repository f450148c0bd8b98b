"""Document numbers; rectification notices, their problems and every status change (留痕).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_numbers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(100), nullable=False),
        sa.Column("prefix", sa.String(60), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("project", sa.Text(), nullable=True),
        sa.Column("source_file", sa.Text(), nullable=True),
        sa.Column("issued", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_document_numbers"),
        sa.UniqueConstraint("number", name="uq_document_numbers_number"),
        sa.UniqueConstraint("prefix", "year", "seq", name="uq_document_numbers_prefix_year_seq"),
    )

    op.create_table(
        "notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(100), nullable=False),
        sa.Column("prefix", sa.String(60), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("unit_code", sa.Text(), nullable=True),
        sa.Column("department", sa.Text(), nullable=True),
        sa.Column("project", sa.Text(), nullable=True),
        sa.Column("kind", sa.String(40), nullable=True),
        sa.Column("form_year", sa.Integer(), nullable=True),
        sa.Column("source_file", sa.Text(), nullable=True),
        sa.Column("source_sha256", sa.String(64), nullable=True),
        sa.Column("result_id", sa.Integer(), nullable=True),
        sa.Column("issued", sa.Date(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["result_id"], ["results.id"], name="fk_notices_result_id_results",
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_notices"),
        sa.UniqueConstraint("number", name="uq_notices_number"),
        sa.UniqueConstraint("prefix", "year", "seq", name="uq_notices_prefix_year_seq"),
    )
    op.create_index("ix_notices_unit", "notices", ["unit"])
    op.create_index("ix_notices_deadline", "notices", ["deadline"])
    op.create_index("ix_notices_status", "notices", ["status"])

    op.create_table(
        "notice_problems",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notice_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(20), nullable=False),
        sa.Column("severity", sa.String(10), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("location", sa.Text(), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("measures", sa.Text(), nullable=True),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("owner", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["notice_id"], ["notices.id"], name="fk_notice_problems_notice_id_notices",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_notice_problems"),
        sa.UniqueConstraint("notice_id", "seq", name="uq_notice_problems_notice_id_seq"),
    )
    op.create_index("ix_notice_problems_notice_id", "notice_problems", ["notice_id"])

    op.create_table(
        "notice_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notice_id", sa.Integer(), nullable=False),
        sa.Column("problem_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("event", sa.String(20), nullable=False),
        sa.Column("old_status", sa.String(20), nullable=True),
        sa.Column("new_status", sa.String(20), nullable=True),
        sa.Column("source_file", sa.Text(), nullable=True),
        sa.Column("source_sha256", sa.String(64), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["notice_id"], ["notices.id"], name="fk_notice_events_notice_id_notices",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["problem_id"], ["notice_problems.id"],
                                name="fk_notice_events_problem_id_notice_problems", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_notice_events"),
    )
    op.create_index("ix_notice_events_notice_id", "notice_events", ["notice_id"])
    op.create_index("ix_notice_events_source_sha256", "notice_events", ["source_sha256"])


def downgrade() -> None:
    op.drop_table("notice_events")
    op.drop_table("notice_problems")
    op.drop_table("notices")
    op.drop_table("document_numbers")
