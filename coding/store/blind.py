"""Blind double coding in the read functions: what a coder in an open round may not see.

While a double-coding round (a sample) is open, a coder assigned to an answer of it sees only their own codings and
memo on that answer — in the queue, on the review page, in exports and in the report of the question. A beheerder
closes the round (:func:`coding.store.double_coding.close_round`); from then on everyone sees everything.

The read functions apply this for the *viewer*: the user a store is bound to (:meth:`Store.as_user`), or the coder
whose queue is read. With no viewer (one person on their own machine, or the system itself) nothing is hidden.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, or_, select, true

from coding.store.models import Coding, DoubleCodingAssignment, DoubleCodingSample


def blind_segments(
    viewer: str, question_id: int | None = None, segment_ids: Sequence[int] | None = None
) -> Select[Any]:
    """``SELECT segment_id`` of the answers ``viewer`` double-codes in a round that is still open (of one question,
    or among ``segment_ids``, when given)."""
    query = (
        select(DoubleCodingAssignment.segment_id)
        .join(DoubleCodingSample, DoubleCodingSample.id == DoubleCodingAssignment.sample_id)
        .where(DoubleCodingAssignment.coder == viewer.strip(), DoubleCodingSample.closed_at.is_(None))
    )
    if question_id is not None:
        query = query.where(DoubleCodingAssignment.question_id == question_id)
    if segment_ids is not None:
        query = query.where(DoubleCodingAssignment.segment_id.in_(list(segment_ids)))
    return query


def visible_coding_rows(viewer: str | None, question_id: int | None = None) -> ColumnElement[bool]:
    """The condition on ``Coding`` rows that ``viewer`` may see (every row when there is no viewer): their own, and
    everyone's on answers they do not double-code in an open round. Counts built on it (themes' answer counts) tell
    a blind coder nothing about the other coder's choices either."""
    if not viewer:
        return true()
    return or_(Coding.coder == viewer.strip(), Coding.segment_id.not_in(blind_segments(viewer, question_id)))
