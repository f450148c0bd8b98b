"""Initial ledger schema: runs, files, results, findings.

Revision ID: 0001
Revises:
Create Date: 2024-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("input", sa.Text(), nullable=False),
        sa.Column("out_dir", sa.Text(), nullable=True),
        sa.Column("executor", sa.String(200), nullable=False),
        sa.Column("workers", sa.Integer(), nullable=True),
        sa.Column("config_hash", sa.String(64), nullable=False),
        sa.Column("pack_hash", sa.String(64), nullable=True),
        sa.Column("config_sources", sa.Text(), nullable=False),
        sa.Column("goals", sa.Text(), nullable=True),
        sa.Column("options", sa.Text(), nullable=False),
        sa.Column("version", sa.String(40), nullable=False),
        sa.Column("resumed_from", sa.Integer(), nullable=True),
        sa.Column("file_count", sa.Integer(), nullable=False),
        sa.Column("counts", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["resumed_from"], ["runs.id"], name="fk_runs_resumed_from_runs"),
        sa.PrimaryKeyConstraint("id", name="pk_runs"),
    )
    op.create_index("ix_runs_config_hash", "runs", ["config_hash"])

    op.create_table(
        "files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("size", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], name="fk_files_run_id_runs", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_files"),
    )
    op.create_index("ix_files_run_id", "files", ["run_id"])
    op.create_index("ix_files_path", "files", ["path"])
    op.create_index("ix_files_sha256", "files", ["sha256"])

    op.create_table(
        "results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("file_id", sa.Integer(), nullable=False),
        sa.Column("config_hash", sa.String(64), nullable=False),
        sa.Column("content_sha256", sa.String(64), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("kind", sa.String(40), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("unit_code", sa.Text(), nullable=True),
        sa.Column("department", sa.Text(), nullable=True),
        sa.Column("project", sa.Text(), nullable=True),
        sa.Column("project_code", sa.Text(), nullable=True),
        sa.Column("total", sa.Float(), nullable=True),
        sa.Column("self_total", sa.Float(), nullable=True),
        sa.Column("difference", sa.Float(), nullable=True),
        sa.Column("grade", sa.String(20), nullable=True),
        sa.Column("rank", sa.Integer(), nullable=True),
        sa.Column("rank_of", sa.Integer(), nullable=True),
        sa.Column("ranking_grade", sa.String(20), nullable=True),
        sa.Column("errors", sa.Integer(), nullable=False),
        sa.Column("warnings", sa.Integer(), nullable=False),
        sa.Column("infos", sa.Integer(), nullable=False),
        sa.Column("execution_rate", sa.Float(), nullable=True),
        sa.Column("content_key", sa.String(64), nullable=True),
        sa.Column("identity_key", sa.Text(), nullable=True),
        sa.Column("goal_file", sa.Text(), nullable=True),
        sa.Column("annotated", sa.Text(), nullable=True),
        sa.Column("elapsed", sa.Float(), nullable=True),
        sa.Column("reused_from", sa.Integer(), nullable=True),
        sa.Column("score_json", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], name="fk_results_run_id_runs", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["file_id"], ["files.id"], name="fk_results_file_id_files", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["reused_from"], ["results.id"], name="fk_results_reused_from_results",
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_results"),
        sa.UniqueConstraint("file_id", name="uq_results_file_id"),
    )
    op.create_index("ix_results_run_id", "results", ["run_id"])
    op.create_index("ix_results_status", "results", ["status"])
    op.create_index("ix_results_unit", "results", ["unit"])
    op.create_index("ix_results_reuse", "results", ["config_hash", "content_sha256"])

    op.create_table(
        "findings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("result_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(10), nullable=False),
        sa.Column("severity", sa.String(10), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("location", sa.Text(), nullable=True),
        sa.Column("path", sa.Text(), nullable=True),
        sa.Column("hint", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["result_id"], ["results.id"], name="fk_findings_result_id_results",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_findings"),
    )
    op.create_index("ix_findings_result_id", "findings", ["result_id"])
    op.create_index("ix_findings_code", "findings", ["code"])


def downgrade() -> None:
    op.drop_table("findings")
    op.drop_table("results")
    op.drop_table("files")
    op.drop_table("runs")
