"""What a question's report remembers: who was asked (the population) and the report style.

Both are set by a researcher (``coding report --question Q --population … --style …`` or the Rapport page) and
written here only: one transaction per change, with its event (``question.population``, ``question.report_style``)
in the same transaction, as every write of the store.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from coding.errors import CodingError
from coding.store.db import Store
from coding.store.events import record
from coding.store.models import Question
from coding.store.refs import QuestionRef
from coding.store.studies import question_row
from coding.vocabulary import REPORT_STYLES, QuestionKind, ReportStyle

#: Longest population accepted (a description of a group, not a paragraph).
MAX_POPULATION = 300


@dataclass(frozen=True)
class ReportSettings:
    """The report settings stored for a question (None: not set)."""

    population: str | None = None
    style: str | None = None


def report_settings(store: Store, question: QuestionRef) -> ReportSettings:
    """The population and report style stored for a question."""
    with store.read() as session:
        row = question_row(session, question)
        return ReportSettings(row.population, row.report_style)


def _population(text: str | None) -> str | None:
    cleaned = " ".join((text or "").split())
    if len(cleaned) > MAX_POPULATION:
        raise CodingError(
            f"De omschrijving van wie de vraag kreeg is {len(cleaned)} tekens lang (maximaal {MAX_POPULATION}).",
            hint="Noem alleen de groep, bijvoorbeeld 'politieke ambtsdragers' of 'raadsleden van kleine gemeenten'.",
        )
    return cleaned or None


def _style(kind: str, name: str, style: str | None) -> str | None:
    if style is None:
        return None
    if style not in REPORT_STYLES:
        raise CodingError(f"Onbekende rapportstijl '{style}'.", hint="Kies uit: " + ", ".join(REPORT_STYLES) + ".")
    if kind == QuestionKind.INTERVIEW and style != ReportStyle.QUALITATIVE:
        raise CodingError(
            f"Vraag '{name}' is een interviewvraag; interviews worden altijd kwalitatief beschreven.",
            hint=f"Laat de stijl weg of kies {ReportStyle.QUALITATIVE.value}: interviews krijgen geen percentages.",
        )
    return style


def check_report_settings(question: QuestionRef, *, population: str | None = None, style: str | None = None) -> None:
    """The checks of :func:`set_report_settings` without the database: a clear :class:`CodingError` for a population
    that is too long, an unknown style, or a style other than kwalitatief for an interview question."""
    _population(population)
    _style(question.kind, question.name, style)


def replace_report_settings(
    session: Session, question: Question, actor: str, *, population: str | None = None, style: str | None = None
) -> bool:
    """Set the population and/or style of a question row in the caller's transaction, each change with its event.

    ``None`` leaves a setting as it is; an empty (blank) population removes the stored one. Both are checked before
    anything is written. Returns whether anything changed.
    """
    new_population = _population(population)
    new_style = _style(question.kind, question.name, style)
    changed = False
    if population is not None and new_population != question.population:
        record(session, actor=actor, action="question.population", entity="question", entity_id=question.id,
               study_id=question.study_id, payload={"before": question.population, "after": new_population})
        question.population = new_population
        changed = True
    if new_style is not None and new_style != question.report_style:
        record(session, actor=actor, action="question.report_style", entity="question", entity_id=question.id,
               study_id=question.study_id, payload={"before": question.report_style, "after": new_style})
        question.report_style = new_style
        changed = True
    return changed


def set_report_settings(
    store: Store, question: QuestionRef, actor: str, *, population: str | None = None, style: str | None = None
) -> ReportSettings:
    """Remember who was asked and/or the report style of a question (one transaction, recorded in the history).

    ``None`` leaves a setting as it is; an empty population removes the stored one. A style other than kwalitatief
    for an interview question is refused, and nothing is written. Returns the settings as stored afterwards.
    """
    with store.atomic() as session:
        row = question_row(session, question)
        replace_report_settings(session, row, actor, population=population, style=style)
        return ReportSettings(row.population, row.report_style)
