"""Small reads about the state of a question's coding, for callers that redo work only when it changed."""

from __future__ import annotations

from sqlalchemy import func, select

from coding.store.db import Store
from coding.store.models import Coding, Segment
from coding.store.refs import QuestionRef


def coding_state(store: Store, question: QuestionRef) -> tuple[int, int]:
    """(number of codings, newest coding id) of the question: it changes whenever a coding is added or removed."""
    with store.read() as session:
        count, newest = session.execute(
            select(func.count(Coding.id), func.max(Coding.id))
            .join(Segment, Segment.id == Coding.segment_id)
            .where(Segment.question_id == question.id)
        ).one()
    return int(count or 0), int(newest or 0)
