"""Small immutable references to a study and a question: resolved once from their names, then passed on.

Every function of the store API takes a :class:`StudyRef` or a :class:`QuestionRef` rather than names, so a page or
a command looks a question up once (:func:`coding.store.studies.question_ref`) and every later call goes straight to
its id. They are plain data: safe to keep in a UI session or hand to another stage.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StudyRef:
    """A study: its id and name."""

    id: int
    name: str


@dataclass(frozen=True)
class QuestionRef:
    """A question of a study: ids, names, the wording put to respondents and its kind (survey or interview)."""

    id: int
    study_id: int
    #: The name of the study (for messages and hints).
    study: str
    name: str
    wording: str
    kind: str

    @property
    def study_ref(self) -> StudyRef:
        """The study this question belongs to."""
        return StudyRef(self.study_id, self.study)
