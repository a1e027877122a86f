"""Reading segments, respondents and codings out of the store as DataFrames."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select

from coding.store.blind import visible_coding_rows
from coding.store.db import Store
from coding.store.models import Codebook, Coding, Question, Respondent, Segment, Theme
from coding.store.refs import QuestionRef, StudyRef

SEGMENT_COLUMNS = [
    "segment_id",
    "respondent_id",
    "position",
    "text",
    "speaker",
    "start_char",
    "end_char",
    "start_time",
    "substantive",
    "nonsubstantive_reason",
    "word_count",
    "memo",
    "is_quote",
    "wave",
    "asked",
]
CODING_COLUMNS = [
    "respondent_id",
    "segment_id",
    "question",
    "theme",
    "theme_label",
    "coder",
    "source",
    "created_at",
    "passage_start",
    "passage_end",
    "is_quote",
    "wave",
]


def segments_frame(
    store: Store,
    question: QuestionRef,
    *,
    substantive_only: bool = False,
    wave: str | None = None,
    include_not_asked: bool = False,
) -> pd.DataFrame:
    """The segments of a question in import order; ``respondent_id`` is the id from the file, ``wave`` the
    respondent's wave. Answers of respondents the routing did not ask are left out unless ``include_not_asked``;
    ``wave`` keeps one wave only."""
    with store.read() as session:
        query = (
            select(
                Segment.id,
                Respondent.external_id,
                Segment.position,
                Segment.text,
                Segment.speaker,
                Segment.start_char,
                Segment.end_char,
                Segment.start_time,
                Segment.substantive,
                Segment.nonsubstantive_reason,
                Segment.word_count,
                Segment.memo,
                Segment.is_quote,
                Respondent.wave,
                Segment.asked,
            )
            .join(Respondent, Respondent.id == Segment.respondent_id)
            .where(Segment.question_id == question.id)
            .order_by(Segment.id)
        )
        if substantive_only:
            query = query.where(Segment.substantive)
        if not include_not_asked:
            query = query.where(Segment.asked.is_(True))
        if wave is not None:
            query = query.where(Respondent.wave == wave)
        rows = session.execute(query).all()
    return pd.DataFrame(rows, columns=SEGMENT_COLUMNS)


def respondents_frame(store: Store, study: StudyRef) -> pd.DataFrame:
    """One row per respondent or document: id, kind, weight, wave and one column per attribute (ids repeat across
    waves: a respondent is (wave, respondent_id))."""
    with store.read() as session:
        rows = session.execute(
            select(Respondent.external_id, Respondent.kind, Respondent.weight, Respondent.wave, Respondent.attributes)
            .where(Respondent.study_id == study.id)
            .order_by(Respondent.id)
        ).all()
    frame = pd.DataFrame([{**(r[4] or {}), "respondent_id": r[0], "kind": r[1], "weight": r[2], "wave": r[3]}
                          for r in rows])
    if frame.empty:
        frame = pd.DataFrame(columns=["respondent_id", "kind", "weight", "wave"])
    else:  # the fixed columns first, then the attributes in their stored order
        fixed = ["respondent_id", "kind", "weight", "wave"]
        frame = frame[fixed + [c for c in frame.columns if c not in fixed]]
    return frame


def codings_frame(store: Store, scope: StudyRef | QuestionRef, *, wave: str | None = None) -> pd.DataFrame:
    """All codings of a study, or of one question, in long format (:data:`CODING_COLUMNS`), with the respondent's
    wave; codings of answers the routing did not ask are left out, and ``wave`` keeps one wave only.

    On a store bound to a user (:meth:`Store.as_user`), the answers that user double-codes in an open round carry
    only their own codings (:mod:`coding.store.blind`) — so the review page, exports and the report built from
    this never show them another coder's work before the round is closed."""
    with store.read() as session:
        query = (
            select(
                Respondent.external_id,
                Segment.id,
                Question.name,
                Theme.code,
                Theme.label,
                Coding.coder,
                Coding.source,
                Coding.created_at,
                Coding.start_char,
                Coding.end_char,
                Coding.is_quote,
                Respondent.wave,
            )
            .select_from(Coding)
            .join(Segment, Segment.id == Coding.segment_id)
            .join(Respondent, Respondent.id == Segment.respondent_id)
            .join(Question, Question.id == Segment.question_id)
            .join(Theme, Theme.id == Coding.theme_id)
            .join(Codebook, Codebook.id == Theme.codebook_id)
            .where(Segment.asked.is_(True))
            .order_by(Question.position, Segment.id, Theme.position, Coding.coder, Coding.start_char)
        )
        if wave is not None:
            query = query.where(Respondent.wave == wave)
        if isinstance(scope, QuestionRef):
            query = query.where(Question.id == scope.id)
        else:
            query = query.where(Question.study_id == scope.id)
        if store.viewer:
            query = query.where(visible_coding_rows(store.viewer, scope.id if isinstance(scope, QuestionRef) else None))
        rows = session.execute(query).all()
    frame = pd.DataFrame(rows, columns=CODING_COLUMNS)
    # A coding of the whole segment has no passage (stored as 0, 0): shown as missing offsets.
    whole = (frame["passage_start"] == 0) & (frame["passage_end"] == 0)
    frame["passage_start"] = frame["passage_start"].astype("Int64").mask(whole)
    frame["passage_end"] = frame["passage_end"].astype("Int64").mask(whole)
    return frame
