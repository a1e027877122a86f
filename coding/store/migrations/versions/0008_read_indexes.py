"""indexes for the reads of a large question: status counts, the coding queue's "answer x of y", a coder's codings

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 15:00:00

``ix_segment_queue`` (question, asked, substantive, id) lets the counts of ``coding status`` and the coding queue
read the index alone instead of every answer's row; ``ix_coding_coder`` (coder, segment) finds one coder's codings
without reading all codings. Only indexes: nothing stored changes, and the downgrade drops them.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_segment_queue", "segments", ["question_id", "asked", "substantive", "id"], unique=False)
    op.create_index("ix_coding_coder", "codings", ["coder", "segment_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_coding_coder", table_name="codings")
    op.drop_index("ix_segment_queue", table_name="segments")
