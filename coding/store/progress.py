"""How far coding has come: the coded share of each question per coder, and a question's coding state.

The per-theme counts of the Voortgang page are built on the final codings, so they live in the coding stage
(:func:`coding.work.progress.theme_progress`).
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import distinct, func, select

from coding.store.db import Store
from coding.store.models import Coding, Question, Respondent, Segment
from coding.store.refs import QuestionRef, StudyRef

CODER_COLUMNS = ["question", "coder", "coded", "substantive", "coded_pct", "codings", "last_coded_at"]


def coder_progress(store: Store, study: StudyRef, *, wave: str | None = None) -> pd.DataFrame:
    """Per question and coder: substantive answers coded by that coder, their share, codings and last coding time.

    Only answers of respondents who were asked count; ``wave`` keeps one wave."""
    scope = [Segment.asked.is_(True)]
    if wave is not None:
        scope.append(Segment.respondent_id.in_(select(Respondent.id).where(Respondent.wave == wave)))
    with store.read() as session:
        questions = session.execute(
            select(Question.id, Question.name)
            .where(Question.study_id == study.id)
            .order_by(Question.position, Question.id)
        ).all()
        substantive = dict(
            session.execute(
                select(Segment.question_id, func.count(Segment.id))
                .join(Question, Question.id == Segment.question_id)
                .where(Question.study_id == study.id, Segment.substantive, *scope)
                .group_by(Segment.question_id)
            ).all()
        )
        rows = session.execute(
            select(
                Segment.question_id,
                Coding.coder,
                func.count(distinct(Coding.segment_id)),
                func.count(Coding.id),
                func.max(Coding.created_at),
            )
            .join(Segment, Segment.id == Coding.segment_id)
            .join(Question, Question.id == Segment.question_id)
            .where(Question.study_id == study.id, Segment.substantive, *scope)
            .group_by(Segment.question_id, Coding.coder)
        ).all()
    names = dict(questions)
    order = {qid: i for i, (qid, _) in enumerate(questions)}
    out = []
    for question_id, coder, coded, codings, last in sorted(rows, key=lambda r: (order.get(r[0], 0), r[1])):
        base = substantive.get(question_id, 0)
        pct = round(100.0 * coded / base, 1) if base else 0.0
        out.append([names[question_id], coder, coded, base, pct, codings, last])
    return pd.DataFrame(out, columns=CODER_COLUMNS)


def coding_state(store: Store, question: QuestionRef) -> tuple[int, int]:
    """(number of codings, newest coding id) of the question: it changes whenever a coding is added or removed, so
    work that depends on the codings (retraining the suggester) is redone only then."""
    with store.read() as session:
        count, newest = session.execute(
            select(func.count(Coding.id), func.max(Coding.id))
            .join(Segment, Segment.id == Coding.segment_id)
            .where(Segment.question_id == question.id)
        ).one()
    return int(count or 0), int(newest or 0)
