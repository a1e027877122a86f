"""How far coding has come: coded share per question and per coder, and how often each theme was given."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import distinct, func, select

from coding.store.codebooks import codebook_of
from coding.store.db import Store
from coding.store.models import Coding, Question, Segment, Theme
from coding.store.studies import find_question, find_study

CODER_COLUMNS = ["question", "coder", "coded", "substantive", "coded_pct", "codings", "last_coded_at"]
THEME_COUNT_COLUMNS = ["theme_id", "code", "label", "parent", "segments", "pct", "codings", "retired"]


def coder_progress(store: Store, study: str) -> pd.DataFrame:
    """Per question and coder: substantive answers coded by that coder, their share, codings and last coding time."""
    with store.read() as session:
        s = find_study(session, study)
        questions = session.execute(
            select(Question.id, Question.name).where(Question.study_id == s.id).order_by(Question.position, Question.id)
        ).all()
        substantive = dict(
            session.execute(
                select(Segment.question_id, func.count(Segment.id))
                .join(Question, Question.id == Segment.question_id)
                .where(Question.study_id == s.id, Segment.substantive)
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
            .where(Question.study_id == s.id, Segment.substantive)
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


def theme_counts(store: Store, study: str, question: str, *, coder: str | None = None) -> pd.DataFrame:
    """Per theme of a question: substantive answers given the theme (by anyone, or by ``coder``), their share of
    all substantive answers, and the number of codings. Retired themes appear only while they still have codings.
    """
    with store.read() as session:
        q = find_question(session, find_study(session, study), question)
        codebook = codebook_of(session, q)
        if codebook is None:
            return pd.DataFrame(columns=THEME_COUNT_COLUMNS)
        base = session.scalar(
            select(func.count(Segment.id)).where(Segment.question_id == q.id, Segment.substantive)
        ) or 0
        query = (
            select(Coding.theme_id, func.count(distinct(Coding.segment_id)), func.count(Coding.id))
            .join(Segment, Segment.id == Coding.segment_id)
            .where(Segment.question_id == q.id, Segment.substantive)
            .group_by(Coding.theme_id)
        )
        if coder is not None:
            query = query.where(Coding.coder == coder)
        counts = {theme_id: (segments, codings) for theme_id, segments, codings in session.execute(query)}
        themes = session.execute(
            select(Theme.id, Theme.code, Theme.label, Theme.parent_id, Theme.retired)
            .where(Theme.codebook_id == codebook.id)
            .order_by(Theme.position, Theme.id)
        ).all()
    codes = {t.id: t.code for t in themes}
    rows = []
    for theme_id, code, label, parent_id, retired in themes:
        segments, codings = counts.get(theme_id, (0, 0))
        if retired and not codings:
            continue
        pct = round(100.0 * segments / base, 1) if base else 0.0
        rows.append([theme_id, code, label, codes.get(parent_id) if parent_id else None, segments, pct, codings,
                     retired])
    return pd.DataFrame(rows, columns=THEME_COUNT_COLUMNS)
