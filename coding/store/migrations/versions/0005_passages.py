"""passages: codings of a passage (start/end offsets in the document), turn start times, speaker pseudonyms

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 20:00:00

A coding of the whole segment keeps ``start_char = end_char = 0`` (an empty span, which no passage can be); a
passage coding has its own offsets into the document. The offsets are NOT NULL so that the unique key
(segment, theme, coder, start, end) really keeps duplicates out (NULLs are distinct in UNIQUE constraints).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("codings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("start_char", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("end_char", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("is_quote", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.drop_constraint("uq_coding", type_="unique")
        batch_op.create_unique_constraint("uq_coding", ["segment_id", "theme_id", "coder", "start_char", "end_char"])
        batch_op.create_check_constraint(
            "ck_coding_span", "(start_char = 0 AND end_char = 0) OR (start_char >= 0 AND end_char > start_char)"
        )
    with op.batch_alter_table("segments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("start_time", sa.Float(), nullable=True))
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pseudonyms", sa.JSON(), nullable=True))


def downgrade() -> None:
    # Plain ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35): a batch "recreate" of segments or documents would drop the
    # table, and with foreign keys on that deletes every segment and coding below it.
    op.execute("ALTER TABLE documents DROP COLUMN pseudonyms")
    op.execute("ALTER TABLE segments DROP COLUMN start_time")
    op.execute("DELETE FROM codings WHERE NOT (start_char = 0 AND end_char = 0)")
    with op.batch_alter_table("codings", schema=None) as batch_op:
        batch_op.drop_constraint("ck_coding_span", type_="check")
        batch_op.drop_constraint("uq_coding", type_="unique")
        batch_op.create_unique_constraint("uq_coding", ["segment_id", "theme_id", "coder"])
        batch_op.drop_column("is_quote")
        batch_op.drop_column("end_char")
        batch_op.drop_column("start_char")
