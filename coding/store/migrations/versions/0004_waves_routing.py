"""waves and routing: Respondent.wave, Segment.asked, question_routings

Existing studies become one wave named "1" in which everyone was asked.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 20:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("respondents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("wave", sa.String(length=50), nullable=False, server_default="1"))
        batch_op.drop_constraint("uq_respondent_external_id", type_="unique")
        batch_op.create_unique_constraint("uq_respondent_wave_external_id", ["study_id", "wave", "external_id"])
    with op.batch_alter_table("segments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("asked", sa.Boolean(), nullable=False, server_default=sa.true()))
    op.create_table(
        "question_routings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("wave", sa.String(length=50), nullable=False),
        sa.Column("conditions", sa.JSON(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["question_id"], ["questions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("question_id", "wave", name="uq_question_routing"),
    )
    with op.batch_alter_table("question_routings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_question_routings_question_id"), ["question_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("question_routings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_question_routings_question_id"))
    op.drop_table("question_routings")
    with op.batch_alter_table("segments", schema=None) as batch_op:
        batch_op.drop_column("asked")
    with op.batch_alter_table("respondents", schema=None) as batch_op:
        batch_op.drop_constraint("uq_respondent_wave_external_id", type_="unique")
        batch_op.create_unique_constraint("uq_respondent_external_id", ["study_id", "external_id"])
        batch_op.drop_column("wave")
