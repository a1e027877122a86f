"""Studies and questions: find, create, list, and the per-question status overview."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from coding.errors import CodingError, NotFoundError
from coding.store.db import Store
from coding.store.events import record
from coding.store.models import Coding, Question, Respondent, Segment, Study

#: Longest study or question name the schema stores.
NAME_LIMIT = 200


@dataclass(frozen=True)
class QuestionRef:
    """A question as plain data."""

    id: int
    study_id: int
    name: str
    wording: str
    kind: str


def find_study(session: Session, name: str) -> Study:
    """The study called ``name``; :class:`NotFoundError` listing the existing studies otherwise."""
    study = session.scalars(select(Study).where(Study.name == name)).first()
    if study is None:
        names = session.scalars(select(Study.name).order_by(Study.name)).all()
        known = ", ".join(names) if names else "er zijn nog geen studies"
        raise NotFoundError(
            f"Studie '{name}' bestaat niet ({known}).",
            hint="Controleer de naam, of importeer eerst gegevens in deze studie.",
        )
    return study


def get_or_create_study(session: Session, name: str, actor: str, description: str = "") -> Study:
    """The study called ``name``, created (and recorded as an event) when it does not exist yet."""
    name = name.strip()
    if not name:
        raise NotFoundError("De naam van de studie is leeg.", hint="Geef een studienaam op met --study.")
    if len(name) > NAME_LIMIT:
        raise CodingError(
            f"De naam van de studie is {len(name)} tekens lang (maximaal {NAME_LIMIT}).",
            hint="Kies een kortere studienaam.",
        )
    study = session.scalars(select(Study).where(Study.name == name)).first()
    if study is None:
        study = Study(name=name, description=description)
        session.add(study)
        session.flush()
        record(
            session,
            actor=actor,
            action="study.create",
            entity="study",
            entity_id=study.id,
            study_id=study.id,
            payload={"name": name},
        )
    return study


def find_question(session: Session, study: Study, name: str) -> Question:
    """The question of ``study`` addressed by its name (the text column, or the transcript topic)."""
    question = session.scalars(select(Question).where(Question.study_id == study.id, Question.name == name)).first()
    if question is None:
        names = session.scalars(
            select(Question.name).where(Question.study_id == study.id).order_by(Question.position)
        ).all()
        known = ", ".join(names) if names else "de studie heeft nog geen vragen"
        raise NotFoundError(
            f"Vraag '{name}' bestaat niet in studie '{study.name}' ({known}).",
            hint="Een vraag heet naar de tekstkolom van de import, of naar de naam bij het importeren van "
            "transcripten.",
        )
    return question


def get_or_create_question(
    session: Session, study: Study, name: str, actor: str, *, kind: str = "survey", wording: str = ""
) -> Question:
    """The question called ``name``, created when missing; a given wording fills an empty one."""
    if not name.strip() or len(name) > NAME_LIMIT:
        raise CodingError(
            f"De naam van de vraag moet 1 tot {NAME_LIMIT} tekens lang zijn (nu {len(name)}).",
            hint="Kies een kortere naam voor de vraag of het interviewonderwerp.",
        )
    question = session.scalars(select(Question).where(Question.study_id == study.id, Question.name == name)).first()
    if question is None:
        position = session.scalar(select(func.count()).select_from(Question).where(Question.study_id == study.id)) or 0
        question = Question(study_id=study.id, name=name, kind=kind, wording=wording, position=position)
        session.add(question)
        session.flush()
        record(
            session,
            actor=actor,
            action="question.create",
            entity="question",
            entity_id=question.id,
            study_id=study.id,
            payload={"name": name, "kind": kind, "wording": wording},
        )
    elif wording and not question.wording:
        question.wording = wording
    return question


def set_question_wording(store: Store, study: str, question: str, wording: str, actor: str) -> None:
    """Set the wording of a question as it was put to respondents."""
    with store.atomic() as session:
        q = find_question(session, find_study(session, study), question)
        old = q.wording
        q.wording = wording
        record(
            session,
            actor=actor,
            action="question.wording",
            entity="question",
            entity_id=q.id,
            study_id=q.study_id,
            payload={"old": old, "new": wording},
        )


def question_ref(question: Question) -> QuestionRef:
    """Plain data for a question row."""
    return QuestionRef(question.id, question.study_id, question.name, question.wording, question.kind)


def list_studies(store: Store) -> pd.DataFrame:
    """All studies with their number of questions and respondents."""
    with store.read() as session:
        questions = select(Question.study_id, func.count(Question.id).label("n")).group_by(Question.study_id).subquery()
        respondents = (
            select(Respondent.study_id, func.count(Respondent.id).label("n")).group_by(Respondent.study_id).subquery()
        )
        rows = session.execute(
            select(
                Study.name,
                Study.description,
                func.coalesce(questions.c.n, 0),
                func.coalesce(respondents.c.n, 0),
                Study.created_at,
            )
            .outerjoin(questions, questions.c.study_id == Study.id)
            .outerjoin(respondents, respondents.c.study_id == Study.id)
            .order_by(Study.name)
        ).all()
    return pd.DataFrame(rows, columns=["study", "description", "questions", "respondents", "created_at"])


def list_questions(store: Store, study: str) -> list[QuestionRef]:
    """The questions of a study in import order."""
    with store.read() as session:
        s = find_study(session, study)
        rows = session.scalars(
            select(Question).where(Question.study_id == s.id).order_by(Question.position, Question.id)
        ).all()
        return [question_ref(q) for q in rows]


STATUS_COLUMNS = ["question", "kind", "segments", "substantive", "coded", "coded_pct", "coders"]


def study_status(store: Store, study: str) -> pd.DataFrame:
    """Per question: segments, substantive answers, coded substantive answers (share) and the coders."""
    with store.read() as session:
        s = find_study(session, study)
        questions = session.scalars(
            select(Question).where(Question.study_id == s.id).order_by(Question.position, Question.id)
        ).all()
        rows = []
        for q in questions:
            segments, substantive = session.execute(
                select(func.count(Segment.id), func.count(Segment.id).filter(Segment.substantive)).where(
                    Segment.question_id == q.id
                )
            ).one()
            coded = (
                session.scalar(
                    select(func.count(distinct(Coding.segment_id)))
                    .join(Segment, Segment.id == Coding.segment_id)
                    .where(Segment.question_id == q.id, Segment.substantive)
                )
                or 0
            )
            coders = session.scalars(
                select(Coding.coder)
                .join(Segment, Segment.id == Coding.segment_id)
                .where(Segment.question_id == q.id)
                .distinct()
                .order_by(Coding.coder)
            ).all()
            pct = round(100.0 * coded / substantive, 1) if substantive else 0.0
            rows.append([q.name, q.kind, segments, substantive, coded, pct, ", ".join(coders)])
    return pd.DataFrame(rows, columns=STATUS_COLUMNS)
