"""Waves (metingen) of a study and the routing of its questions: who was asked, per question and wave.

A respondent belongs to one wave (``Respondent.wave``); a question's routing in a wave says which of that wave's
respondents got the question, and ``Segment.asked`` holds the outcome for each answer, so that every query can leave
the not-asked answers out with one condition.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from coding.design import Routing, check_routing, sorted_waves
from coding.errors import InputError
from coding.store.db import Store
from coding.store.events import record
from coding.store.models import Coding, Question, QuestionRouting, Respondent, Segment
from coding.store.refs import QuestionRef, StudyRef
from coding.store.studies import coders_by_question, status_row, study_answers

if TYPE_CHECKING:  # pandas is imported where a table is made: `coding status` starts without it
    import pandas as pd


@dataclass
class RoutingReport:
    """What a routing did to a question's answers in one wave."""

    question: str
    wave: str
    asked: int = 0
    not_asked: int = 0
    #: Not-asked respondents whose cell was not empty (the routing says they never saw the question).
    not_asked_with_text: int = 0
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """A short Dutch summary."""
        return (f"vraag '{self.question}', meting {self.wave}: {self.asked} gevraagd, {self.not_asked} niet "
                "gevraagd")


def list_waves(store: Store, study: StudyRef) -> list[str]:
    """The waves of a study in natural order (oldest first); empty for a study without respondents."""
    with store.read() as session:
        return waves_of(session, study.id)


def waves_of(session: Session, study_id: int) -> list[str]:
    """The waves of a study in natural order, in the caller's session.

    The lowest and the highest wave are looked up on the respondents' (study, wave, id) index first: when they are
    the same — a study of one wave — the respondents are not read one by one."""
    of_study = Respondent.study_id == study_id
    low, high = session.execute(select(
        select(func.min(Respondent.wave)).where(of_study).scalar_subquery(),
        select(func.max(Respondent.wave)).where(of_study).scalar_subquery(),
    )).one()
    if low is None:
        return []
    if low == high:
        return [low]
    return sorted_waves(session.scalars(select(Respondent.wave).where(of_study).distinct()))


def question_routing(store: Store, question: QuestionRef) -> dict[str, Routing]:
    """The routing of a question per wave label; a wave in which everyone was asked is absent."""
    with store.read() as session:
        rows = session.execute(
            select(QuestionRouting.wave, QuestionRouting.conditions, QuestionRouting.description)
            .where(QuestionRouting.question_id == question.id)
        ).all()
    return {wave: Routing.from_json(conditions, description) for wave, conditions, description in rows
            if conditions}


def attribute_values_in_wave(session: Session, study_id: int, wave: str) -> dict[str, set[str]]:
    """Every attribute of the wave's respondents with the values that occur (for checking a routing)."""
    values: dict[str, set[str]] = {}
    for (attributes,) in session.execute(select(Respondent.attributes).where(
            Respondent.study_id == study_id, Respondent.wave == wave)):
        for key, value in (attributes or {}).items():
            values.setdefault(key, set()).add("" if value is None else str(value))
    return values


def apply_routing(session: Session, question_id: int, study_id: int, wave: str, routing: Routing | None,
                  report: RoutingReport) -> None:
    """Store a question's routing in one wave and set ``Segment.asked`` of its answers, in the caller's
    transaction. ``None`` (or no conditions): everyone in the wave was asked."""
    stored = session.scalars(select(QuestionRouting).where(
        QuestionRouting.question_id == question_id, QuestionRouting.wave == wave)).first()
    if routing is None or not routing.conditions:
        if stored is not None:
            session.delete(stored)
    elif stored is None:
        session.add(QuestionRouting(question_id=question_id, wave=wave, conditions=routing.to_json(),
                                    description=routing.description))
    else:
        stored.conditions = routing.to_json()
        stored.description = routing.description
    rows = session.execute(
        select(Segment.id, Segment.text, Respondent.attributes)
        .join(Respondent, Respondent.id == Segment.respondent_id)
        .where(Segment.question_id == question_id, Respondent.study_id == study_id, Respondent.wave == wave)
    ).all()
    asked = [sid for sid, _, attributes in rows if routing is None or routing.asks(attributes or {})]
    not_asked = [(sid, text) for sid, text, attributes in rows
                 if routing is not None and not routing.asks(attributes or {})]
    for ids, value in ((asked, True), ([sid for sid, _ in not_asked], False)):
        for start in range(0, len(ids), 2_000):
            session.execute(update(Segment).where(Segment.id.in_(ids[start:start + 2_000])).values(asked=value))
    report.asked = len(asked)
    report.not_asked = len(not_asked)
    report.not_asked_with_text = sum(bool(text.strip()) for _, text in not_asked)


def set_routing(store: Store, question: QuestionRef, wave: str | None, routing: Routing | None, *,
                actor: str = "cli") -> RoutingReport:
    """Set who was asked ``question`` in ``wave`` (the only wave when None) and recompute which answers were
    asked, in one transaction; records an event. ``routing=None`` means everyone was asked.

    Refused (nothing changed): an unknown wave, a column that is no attribute, and coded answers that the routing
    would make not-asked. Values that never occur are returned as warnings.
    """
    with store.atomic() as session:
        waves = waves_of(session, question.study_id)
        wave = _one_wave(waves, wave, question.study)
        values = attribute_values_in_wave(session, question.study_id, wave)
        report = RoutingReport(question.name, wave)
        if routing is not None:
            report.warnings = check_routing(routing, question.name, values)
        apply_routing(session, question.id, question.study_id, wave, routing, report)
        coded = session.execute(
            select(Respondent.external_id).join(Segment, Segment.respondent_id == Respondent.id)
            .join(Coding, Coding.segment_id == Segment.id)
            .where(Segment.question_id == question.id, Respondent.wave == wave, Segment.asked.is_(False))
            .distinct().order_by(Respondent.external_id).limit(11)
        ).scalars().all()
        if coded:
            shown = ", ".join(coded[:10]) + (", …" if len(coded) > 10 else "")
            raise InputError(f"Met deze routing zouden gecodeerde antwoorden van vraag '{question.name}' (meting "
                             f"{wave}) niet gevraagd zijn: respondenten {shown}.",
                             hint="Controleer de routing, of verwijder eerst de coderingen van deze antwoorden.")
        record(session, actor=actor, action="question.routing", entity="question", entity_id=question.id,
               study_id=question.study_id, payload={
                   "wave": wave, "conditions": routing.to_json() if routing else [],
                   "description": routing.description if routing else "", "asked": report.asked,
                   "not_asked": report.not_asked})
    return report


def _one_wave(waves: list[str], wave: str | None, study: str) -> str:
    """The wave asked for, checked against the study's waves; without one, the only wave."""
    shown = ", ".join(waves) or "(geen)"
    if wave is None:
        if len(waves) == 1:
            return waves[0]
        raise InputError(f"Studie '{study}' heeft {len(waves)} metingen ({shown}); zeg welke.",
                         hint="Geef --wave MEETING, bijv. --wave " + (waves[-1] if waves else "2024") + ".")
    if wave not in waves:
        raise InputError(f"Studie '{study}' heeft geen meting '{wave}'.", hint=f"Metingen: {shown}.")
    return wave


def resolve_wave(store: Store, study: StudyRef, wave: str | None) -> str:
    """The wave asked for, checked; without one, the only wave of the study (an error naming the waves when there
    are several)."""
    return _one_wave(list_waves(store, study), wave, study.name)


STATUS_COLUMNS = ["wave", "question", "gevraagd", "niet gevraagd", "leeg", "niet-inhoudelijk", "gecodeerd"]


def wave_status(store: Store, study: StudyRef) -> pd.DataFrame:
    """Per wave and question: answers asked, not asked, empty, non-substantive (other than empty) and coded.

    'gevraagd' counts the asked respondents (empty answers included); the other columns count asked answers only.
    """
    import pandas as pd

    return pd.DataFrame(wave_status_rows(store, study), columns=STATUS_COLUMNS)


def wave_status_rows(store: Store, study: StudyRef) -> list[list[Any]]:
    """The rows of :func:`wave_status` (in :data:`STATUS_COLUMNS` order) as plain lists, without pandas."""
    with store.read() as session:
        waves = waves_of(session, study.id)
        questions, counts, coded = _counts(session, study.id, waves)
    return _wave_rows(waves, questions, counts, coded)


def status_overview(store: Store, study: StudyRef) -> tuple[list[list[Any]], list[list[Any]]]:
    """What ``coding status`` prints: the rows of :func:`coding.store.studies.status_rows` and of
    :func:`wave_status_rows`, from one pass over the study's answers instead of one for each."""
    with store.read() as session:
        waves = waves_of(session, study.id)
        questions, counts, coded = _counts(session, study.id, waves)
        coders = coders_by_question(session, study_answers(study))
    per_question = []
    for qid, name, kind in questions:
        here = [counts[(qid, wave)] for wave in waves if (qid, wave) in counts]
        per_question.append(status_row(name, kind, sum(c[0] for c in here), sum(c[4] for c in here),
                                       sum(coded.get((qid, wave), 0) for wave in waves), coders.get(qid, [])))
    return per_question, _wave_rows(waves, questions, counts, coded)


def _counts(session: Session, study_id: int, waves: list[str]) -> tuple[
        list[Any], dict[tuple[int, str], tuple[int, ...]], dict[tuple[int, str], int]]:
    """The study's questions (id, name, kind); per (question, wave) the answers asked, not asked, empty,
    non-substantive other than empty, and substantive asked; and per (question, wave) the coded substantive ones.

    In a study of one wave every answer is of that wave, so the answers are counted per question without joining
    their respondents (the join is most of the time at a million answers)."""
    questions = session.execute(select(Question.id, Question.name, Question.kind).where(Question.study_id == study_id)
                                .order_by(Question.position, Question.id)).all()
    wave_of: Any = Respondent.wave if len(waves) > 1 else None
    keys = [Segment.question_id] if wave_of is None else [Segment.question_id, wave_of]
    asked = Segment.asked.is_(True)
    counts = select(*keys,
                    func.count(Segment.id).filter(asked),
                    func.count(Segment.id).filter(Segment.asked.is_(False)),
                    func.count(Segment.id).filter(asked, Segment.nonsubstantive_reason == "leeg"),
                    func.count(Segment.id).filter(asked, Segment.substantive.is_(False),
                                                  Segment.nonsubstantive_reason != "leeg"),
                    func.count(Segment.id).filter(asked, Segment.substantive.is_(True)))
    coded = select(*keys, func.count(func.distinct(Segment.id))).join(Coding, Coding.segment_id == Segment.id)
    if wave_of is not None:
        counts = counts.join(Respondent, Respondent.id == Segment.respondent_id)
        coded = coded.join(Respondent, Respondent.id == Segment.respondent_id)
    counted = session.execute(
        counts.join(Question, Question.id == Segment.question_id).where(Question.study_id == study_id)
        .group_by(*keys)
    ).all()
    coded_rows = session.execute(
        coded.join(Question, Question.id == Segment.question_id)
        .where(Question.study_id == study_id, asked, Segment.substantive.is_(True))
        .group_by(*keys)
    ).all()
    width = len(keys)
    only = waves[0] if waves else ""

    def key_of(row: Any) -> tuple[int, str]:
        return (row[0], row[1]) if width == 2 else (row[0], only)

    return (list(questions), {key_of(row): tuple(int(n) for n in row[width:]) for row in counted},
            {key_of(row): int(row[width]) for row in coded_rows})


def _wave_rows(waves: list[str], questions: list[Any], counts: dict[tuple[int, str], tuple[int, ...]],
               coded: dict[tuple[int, str], int]) -> list[list[Any]]:
    rows = []
    for wave in waves:
        for qid, name, _kind in questions:
            if (qid, wave) not in counts:
                continue
            asked, not_asked, empty, nonsubstantive, _substantive = counts[(qid, wave)]
            rows.append([wave, name, asked, not_asked, empty, nonsubstantive, coded.get((qid, wave), 0)])
    return rows
