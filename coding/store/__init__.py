"""The study store: ``connect(url)``, references to studies and questions, and a small API over SQLAlchemy."""

from coding.store.db import Store, connect, default_url
from coding.store.refs import QuestionRef, StudyRef
from coding.store.studies import question_ref, study_ref

__all__ = [
    "QuestionRef",
    "Store",
    "StudyRef",
    "connect",
    "default_url",
    "question_ref",
    "study_ref",
]
