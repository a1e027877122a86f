"""pre-clustering: token cache, cluster runs, clusters and assignments

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 04:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "nlp_token_cache",
        sa.Column("text_hash", sa.String(length=64), nullable=False),
        sa.Column("pipeline", sa.String(length=200), nullable=False),
        sa.Column("tokens", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("text_hash", "pipeline"),
    )
    op.create_table(
        "cluster_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("pipeline", sa.String(length=200), nullable=False),
        sa.Column("pipeline_info", sa.JSON(), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("k_requested", sa.Integer(), nullable=True),
        sa.Column("n_clusters", sa.Integer(), nullable=False),
        sa.Column("k_scores", sa.JSON(), nullable=False),
        sa.Column("n_answers", sa.Integer(), nullable=False),
        sa.Column("n_overig", sa.Integer(), nullable=False),
        sa.Column("seeded", sa.Boolean(), nullable=False),
        sa.Column("codebook_version", sa.Integer(), nullable=True),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["question_id"], ["questions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("cluster_runs", schema=None) as batch_op:
        batch_op.create_index("ix_cluster_run_question", ["question_id", "id"], unique=False)

    op.create_table(
        "clusters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("share", sa.Float(), nullable=False),
        sa.Column("terms", sa.JSON(), nullable=False),
        sa.Column("representatives", sa.JSON(), nullable=False),
        sa.Column("proposed_theme", sa.String(length=100), nullable=True),
        sa.Column("theme_score", sa.Float(), nullable=True),
        sa.Column("theme_scores", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["cluster_runs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("run_id", "number", name="uq_cluster_number"),
    )
    with op.batch_alter_table("clusters", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_clusters_run_id"), ["run_id"], unique=False)

    op.create_table(
        "cluster_assignments",
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("cluster", sa.Integer(), nullable=False),
        sa.Column("similarity", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["cluster_runs.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["segment_id"], ["segments.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("run_id", "segment_id"),
    )
    with op.batch_alter_table("cluster_assignments", schema=None) as batch_op:
        batch_op.create_index("ix_cluster_assignment_segment", ["segment_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("cluster_assignments", schema=None) as batch_op:
        batch_op.drop_index("ix_cluster_assignment_segment")
    op.drop_table("cluster_assignments")
    with op.batch_alter_table("clusters", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_clusters_run_id"))
    op.drop_table("clusters")
    with op.batch_alter_table("cluster_runs", schema=None) as batch_op:
        batch_op.drop_index("ix_cluster_run_question")
    op.drop_table("cluster_runs")
    op.drop_table("nlp_token_cache")
