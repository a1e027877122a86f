"""report settings per question: who was asked (population) and the remembered report style

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-10 10:00:00

Both columns are NULL until a researcher sets them: no population means the routing (or "respondenten") is used,
no style means ``tabellen`` for a survey question (interviews are always ``kwalitatief``). The style's values are
checked by the store's one write path (:mod:`coding.store.report_settings`), not by a CHECK constraint, so that on
SQLite the columns are added in place instead of rebuilding ``questions`` (which every table below refers to).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("questions", sa.Column("population", sa.Text(), nullable=True))
    op.add_column("questions", sa.Column("report_style", sa.String(length=20), nullable=True))


def downgrade() -> None:
    # Plain ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35), as in 0005: a batch "recreate" of questions would drop the
    # table, and with foreign keys on that deletes every segment and coding below it.
    op.execute("ALTER TABLE questions DROP COLUMN report_style")
    op.execute("ALTER TABLE questions DROP COLUMN population")
