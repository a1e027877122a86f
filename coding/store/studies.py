"""Studies and questions: find, create, list, and the per-question status overview."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, distinct, func, select, true
from sqlalchemy.orm import Session

from coding.errors import CodingError, NotFoundError, PermissionDenied
from coding.store.access import visible_study_ids
from coding.store.db import Store
from coding.store.events import record
from coding.store.models import Coding, Question, Respondent, Segment, Study
from coding.store.refs import QuestionRef, StudyRef
from coding.vocabulary import QuestionKind

if TYPE_CHECKING:  # pandas is imported where a table is made: `coding status` starts without it
    import pandas as pd

#: Longest study or question name the schema stores.
NAME_LIMIT = 200


def find_study(session: Session, name: str, viewer: str | None = None) -> Study:
    """The study called ``name``; :class:`NotFoundError` listing the existing studies otherwise.

    With a ``viewer``, once there are accounts, only the studies they have a role in count: another study is
    :class:`PermissionDenied`, with a message that does not tell whether it exists."""
    visible = visible_study_ids(session, viewer)
    study = session.scalars(select(Study).where(Study.name == name)).first()
    if visible is not None and (study is None or study.id not in visible):
        names = session.scalars(select(Study.name).where(Study.id.in_(visible)).order_by(Study.name)).all()
        raise PermissionDenied(
            f"Studie '{name}' bestaat niet, of '{viewer}' heeft er geen rol in "
            f"({'jouw studies: ' + ', '.join(names) if names else 'je hebt nog in geen enkele studie een rol'}).",
            hint="Vraag een beheerder van de studie om een rol: coding users grant …",
        )
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
    session: Session, study: Study, name: str, actor: str, *, kind: str = QuestionKind.SURVEY, wording: str = ""
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


def question_row(session: Session, question: QuestionRef) -> Question:
    """The row of a referenced question, in the caller's transaction."""
    row = session.get(Question, question.id)
    if row is None:
        raise NotFoundError(f"Vraag '{question.name}' bestaat niet meer in studie '{question.study}'.")
    return row


def ref_of(session: Session, question: Question) -> QuestionRef:
    """Plain data for a question row."""
    study = session.get(Study, question.study_id)
    assert study is not None  # the foreign key guarantees it
    return QuestionRef(question.id, question.study_id, study.name, question.name, question.wording, question.kind)


def study_ref(store: Store, name: str) -> StudyRef:
    """The study called ``name``; :class:`NotFoundError` listing the existing studies otherwise (on a store bound
    to a user: :class:`PermissionDenied` for a study they have no role in)."""
    with store.read() as session:
        study = find_study(session, name, store.viewer)
        return StudyRef(study.id, study.name)


def question_ref(store: Store, study: str, question: str) -> QuestionRef:
    """The question called ``question`` of the study called ``study``; :class:`NotFoundError` (listing what there
    is) otherwise (on a store bound to a user: :class:`PermissionDenied` for a study they have no role in)."""
    with store.read() as session:
        return ref_of(session, find_question(session, find_study(session, study, store.viewer), question))


def list_studies(store: Store, actor: str | None = None) -> pd.DataFrame:
    """The studies with their number of questions and respondents: all of them, or — given an ``actor``, or on a
    store bound to a user — once there are accounts, only those the user has a role in."""
    with store.read() as session:
        visible = visible_study_ids(session, actor or store.viewer)
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
            .where(Study.id.in_(visible) if visible is not None else true())
            .order_by(Study.name)
        ).all()
    import pandas as pd

    return pd.DataFrame(rows, columns=["study", "description", "questions", "respondents", "created_at"])


def study_names(store: Store, actor: str | None = None) -> list[str]:
    """The names of the studies :func:`list_studies` lists, without counting their questions and respondents."""
    with store.read() as session:
        visible = visible_study_ids(session, actor or store.viewer)
        return list(session.scalars(
            select(Study.name).where(Study.id.in_(visible) if visible is not None else true()).order_by(Study.name)
        ))


def list_questions(store: Store, study: StudyRef) -> list[QuestionRef]:
    """The questions of a study in import order."""
    with store.read() as session:
        rows = session.scalars(
            select(Question).where(Question.study_id == study.id).order_by(Question.position, Question.id)
        ).all()
        return [QuestionRef(q.id, q.study_id, study.name, q.name, q.wording, q.kind) for q in rows]


STATUS_COLUMNS = ["question", "kind", "segments", "substantive", "coded", "coded_pct", "coders"]

#: The Dutch column names the app and ``coding status`` show for the progress tables (:func:`study_status`,
#: :func:`coding.store.waves.wave_status` and :func:`coding.store.progress.coder_progress`).
STATUS_LABELS = {"question": "vraag", "kind": "soort", "segments": "antwoorden", "substantive": "inhoudelijk",
                 "coded": "gecodeerd", "coded_pct": "gecodeerd %", "coders": "codeurs", "coder": "codeur",
                 "codings": "coderingen", "last_coded_at": "laatst gecodeerd", "wave": "meting"}


def study_status(store: Store, study: StudyRef, *, wave: str | None = None) -> pd.DataFrame:
    """Per question: segments, substantive answers, coded substantive answers (share) and the coders.

    Answers of respondents the routing did not ask are left out; ``wave`` keeps one wave."""
    import pandas as pd

    return pd.DataFrame(status_rows(store, study, wave=wave), columns=STATUS_COLUMNS)


def status_rows(store: Store, study: StudyRef, *, wave: str | None = None) -> list[list[Any]]:
    """The rows of :func:`study_status` (in :data:`STATUS_COLUMNS` order) as plain lists, without pandas.

    Three grouped queries for the whole study, whatever its number of questions."""
    scope = study_answers(study)
    if wave is not None:
        scope.append(Segment.respondent_id.in_(select(Respondent.id).where(Respondent.wave == wave)))
    with store.read() as session:
        questions = session.execute(
            select(Question.id, Question.name, Question.kind).where(Question.study_id == study.id)
            .order_by(Question.position, Question.id)
        ).all()
        counts = {qid: (int(n), int(m)) for qid, n, m in session.execute(
            select(Segment.question_id, func.count(Segment.id), func.count(Segment.id).filter(Segment.substantive))
            .where(*scope).group_by(Segment.question_id)
        )}
        coded = {qid: int(n) for qid, n in session.execute(
            select(Segment.question_id, func.count(distinct(Coding.segment_id)))
            .join(Segment, Segment.id == Coding.segment_id)
            .where(Segment.substantive, *scope).group_by(Segment.question_id)
        )}
        coders = coders_by_question(session, scope)
    return [status_row(name, kind, *counts.get(qid, (0, 0)), coded.get(qid, 0), coders.get(qid, []))
            for qid, name, kind in questions]


def study_answers(study: StudyRef) -> list[ColumnElement[bool]]:
    """The conditions for the answers of ``study`` that the routing asked (the answers its status counts)."""
    return [Segment.question_id.in_(select(Question.id).where(Question.study_id == study.id)),
            Segment.asked.is_(True)]


def coders_by_question(session: Session, scope: list[ColumnElement[bool]]) -> dict[int, list[str]]:
    """Per question id, the coders (by name) who coded answers within ``scope``."""
    coders: dict[int, list[str]] = {}
    for qid, coder in session.execute(
        select(Segment.question_id, Coding.coder).join(Segment, Segment.id == Coding.segment_id)
        .where(*scope).distinct().order_by(Segment.question_id, Coding.coder)
    ):
        coders.setdefault(qid, []).append(coder)
    return coders


def status_row(name: str, kind: str, segments: int, substantive: int, coded: int, coders: list[str]) -> list[Any]:
    """One row of :func:`study_status` (in :data:`STATUS_COLUMNS` order), with the coded share worked out."""
    pct = round(100.0 * coded / substantive, 1) if substantive else 0.0
    return [name, kind, segments, substantive, coded, pct, ", ".join(coders)]
