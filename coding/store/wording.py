"""A question's wording — the question as it was put to respondents — changed after the import."""

from __future__ import annotations

from sqlalchemy.orm import Session

from coding.errors import CodingError
from coding.store.db import Store
from coding.store.events import record
from coding.store.models import Question
from coding.store.refs import QuestionRef
from coding.store.studies import question_row, ref_of

#: Longest wording accepted (a question with its instruction fits easily; a whole questionnaire does not).
MAX_WORDING = 5_000


def replace_wording(session: Session, question: Question, wording: str, actor: str) -> bool:
    """Set the wording of a question row in the caller's transaction, with an event; False when it was the same."""
    text = wording.strip()
    if len(text) > MAX_WORDING:
        raise CodingError(f"De vraagtekst is {len(text)} tekens lang (maximaal {MAX_WORDING}).",
                          hint="Neem alleen de vraag zelf op, zonder de toelichting of de antwoordopties.")
    if text == question.wording:
        return False
    record(session, actor=actor, action="question.wording", entity="question", entity_id=question.id,
           study_id=question.study_id, payload={"before": question.wording, "after": text})
    question.wording = text
    return True


def set_wording(store: Store, question: QuestionRef, wording: str, actor: str) -> QuestionRef:
    """Change the wording of a question (one transaction, recorded in the history); returns the new reference."""
    with store.atomic() as session:
        row = question_row(session, question)
        replace_wording(session, row, wording, actor)
        return ref_of(session, row)
