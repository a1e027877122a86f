"""kept logins: a login that survives a reload of the browser tab, until it is idle too long or ended

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 21:30:00

``login_tokens`` holds a SHA-256 of each random token a browser keeps in a cookie (never the token itself), with
its user, when they logged in and when the token was last used. A new table only: nothing stored changes, and the
downgrade drops it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "login_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("logged_in_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_index(op.f("ix_login_tokens_account_id"), "login_tokens", ["account_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_login_tokens_account_id"), table_name="login_tokens")
    op.drop_table("login_tokens")
