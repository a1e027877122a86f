"""double coding: samples of answers assigned to two or more coders

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 04:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "double_coding_samples",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("share", sa.Float(), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("coders", sa.JSON(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["question_id"], ["questions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("double_coding_samples", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_double_coding_samples_question_id"), ["question_id"], unique=False)

    op.create_table(
        "double_coding_assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sample_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("coder", sa.String(length=100), nullable=False),
        sa.Column("memo", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["question_id"], ["questions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["sample_id"], ["double_coding_samples.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["segment_id"], ["segments.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("segment_id", "coder", name="uq_double_coding_assignment"),
    )
    with op.batch_alter_table("double_coding_assignments", schema=None) as batch_op:
        batch_op.create_index("ix_double_coding_question_coder", ["question_id", "coder"], unique=False)
        batch_op.create_index(batch_op.f("ix_double_coding_assignments_sample_id"), ["sample_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("double_coding_assignments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_double_coding_assignments_sample_id"))
        batch_op.drop_index("ix_double_coding_question_coder")
    op.drop_table("double_coding_assignments")
    with op.batch_alter_table("double_coding_samples", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_double_coding_samples_question_id"))
    op.drop_table("double_coding_samples")
