"""accounts: users with argon2 password hashes, roles per study, failed logins; closing a double-coding round

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 10:00:00

Self-contained: it creates its own tables and adds two nullable columns to ``double_coding_samples``, so it can
follow any migration that leaves that table as 0003 made it. A database without accounts works as before.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ROLES = "('lezer', 'codeur', 'beheerder')"


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("password_hash", sa.String(length=300), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("password_changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(f"role IS NULL OR role in {_ROLES}", name="ck_account_role"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "study_roles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("study_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.CheckConstraint(f"role in {_ROLES}", name="ck_study_role"),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["study_id"], ["studies.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("account_id", "study_id", name="uq_study_role"),
    )
    op.create_index(op.f("ix_study_roles_study_id"), "study_roles", ["study_id"], unique=False)
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("client", sa.String(length=100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_login_failure_name", "login_failures", ["name", "at"], unique=False)
    op.create_index("ix_login_failure_client", "login_failures", ["client", "at"], unique=False)
    # Plain ADD COLUMN (no batch "recreate": on SQLite that would drop the table and cascade to the assignments).
    op.add_column("double_coding_samples", sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("double_coding_samples", sa.Column("closed_by", sa.String(length=100), nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE double_coding_samples DROP COLUMN closed_by")
    op.execute("ALTER TABLE double_coding_samples DROP COLUMN closed_at")
    op.drop_index("ix_login_failure_client", table_name="login_failures")
    op.drop_index("ix_login_failure_name", table_name="login_failures")
    op.drop_table("login_failures")
    op.drop_index(op.f("ix_study_roles_study_id"), table_name="study_roles")
    op.drop_table("study_roles")
    op.drop_table("accounts")
