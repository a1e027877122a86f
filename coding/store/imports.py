"""Writing checked imports into the store: a survey, transcripts or earlier codings, each in one transaction.

The importers in :mod:`coding.ingest` read and check a file and hand over a plan of plain data (the dataclasses
below). Each ``write_*`` function compares the plan with what is stored, reports every clash with the file, row and
column it came from, and writes only when there is none: a failed import leaves the database exactly as it was.
Re-importing the same file changes nothing; answers, attributes and codings already stored are never overwritten.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, delete, func, select, update
from sqlalchemy.orm import Session

from coding.codebook import CodebookSpec
from coding.design import DEFAULT_WAVE, Routing, sorted_waves
from coding.errors import ConflictError, InputError, ProblemList
from coding.progress import Progress, no_progress
from coding.store.bulk import insert_rows
from coding.store.codebooks import apply_codebook, codebook_of, themes_of
from coding.store.codings import NewCoding, add_codings
from coding.store.db import Store
from coding.store.events import record
from coding.store.models import Codebook, Document, Question, QuestionRouting, Respondent, Segment, utcnow
from coding.store.refs import QuestionRef
from coding.store.studies import get_or_create_question, get_or_create_study, question_row
from coding.store.waves import RoutingReport, apply_routing, waves_of
from coding.store.wording import replace_wording
from coding.vocabulary import QuestionKind, RespondentKind, Source

#: Rows per INSERT statement.
BATCH = 2_000

#: The tables written in bulk: Core inserts skip the ORM's per-row bookkeeping (a third of a large import's time).
_RESPONDENTS = cast(Table, Respondent.__table__)
_SEGMENTS = cast(Table, Segment.__table__)


@dataclass
class ImportReport:
    """Counts of what an import added, and what it found already present."""

    study: str
    source: str
    questions: list[str] = field(default_factory=list)
    respondents_added: int = 0
    respondents_existing: int = 0
    segments_added: int = 0
    segments_unchanged: int = 0
    nonsubstantive: int = 0
    codings_added: int = 0
    codings_existing: int = 0
    #: Transcripts: the speakers found, and those taken as interviewer (context).
    speakers: list[str] = field(default_factory=list)
    interviewers: list[str] = field(default_factory=list)
    #: REFI-QDA imports: coded selections that no turn covers, or whose code is not in the codebook.
    selections_outside: int = 0
    #: What the importer took from the file besides the data (layout, wordings), one line each.
    notes: list[str] = field(default_factory=list)
    #: Broken rows left out on request (``--allow-ragged``), each 'rij N: what is wrong'.
    skipped: list[str] = field(default_factory=list)
    #: The waves the file held, in natural order.
    waves: list[str] = field(default_factory=list)
    #: Answers the routing says were not asked, and warnings (routing values that never occur, not-asked
    #: respondents with a non-empty cell).
    not_asked: int = 0
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """A short Dutch summary for the CLI and the UI."""
        parts = [f"{self.source} → studie '{self.study}'"]
        if self.waves and self.waves != [DEFAULT_WAVE]:
            parts.append(("meting " if len(self.waves) == 1 else "metingen ") + ", ".join(self.waves))
        if self.questions:
            parts.append("vragen: " + ", ".join(self.questions))
        if self.respondents_added or self.respondents_existing:
            parts.append(f"{self.respondents_added} nieuwe respondenten/documenten"
                         f" ({self.respondents_existing} bestonden al)")
        if self.segments_added or self.segments_unchanged:
            parts.append(f"{self.segments_added} nieuwe segmenten ({self.segments_unchanged} ongewijzigd), "
                         f"waarvan {self.nonsubstantive} niet-inhoudelijk")
        if self.codings_added or self.codings_existing:
            parts.append(f"{self.codings_added} nieuwe coderingen ({self.codings_existing} bestonden al)")
        if self.speakers:
            parts.append("sprekers: " + ", ".join(self.speakers))
            parts.append("als interviewer (context): " + (", ".join(self.interviewers) or "niemand"))
        if self.selections_outside:
            parts.append(f"{self.selections_outside} gecodeerde selecties vielen buiten elke beurt of hadden een "
                         "onbekende code (niet geïmporteerd)")
        if self.not_asked:
            parts.append(f"{self.not_asked} antwoorden niet gevraagd (routing)")
        text = "\n".join(["; ".join(parts), *self.notes])
        text += "".join(f"\nLet op: {w}" for w in self.warnings)
        if self.skipped:
            text += (f"\n{len(self.skipped)} kapotte rij(en) overgeslagen, niet geïmporteerd:\n  "
                     + "\n  ".join(self.skipped))
        return text


# --- plans: what a checked file asks to store ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NewSegment:
    """One answer, or one passage of a transcript, as it will be stored."""

    text: str
    text_hash: str
    substantive: bool
    #: Why it is not substantive ('leeg', 'weet niet', 'interviewer', …); None when it is.
    reason: str | None
    word_count: int
    #: Transcripts only: the speaker and the character offsets into the document text.
    speaker: str | None = None
    start: int | None = None
    end: int | None = None
    #: Transcripts with timestamps: when the turn starts (seconds).
    start_time: float | None = None


@dataclass(frozen=True, slots=True)
class SurveyRespondent:
    """One row of a survey file: the respondent, their attributes and weight, and an answer per question."""

    external_id: str
    #: The row number as the researcher's spreadsheet shows it.
    row: int
    weight: float | None
    attributes: Mapping[str, str | None]
    #: Question name → answer.
    answers: Mapping[str, NewSegment]
    #: The wave (meting) of this row.
    wave: str = DEFAULT_WAVE


@dataclass(frozen=True, slots=True)
class SurveyAnswers:
    """The answers to one question, a list per field with one entry per row of :class:`SurveyRows`."""

    texts: list[str] = field(default_factory=list)
    hashes: list[str] = field(default_factory=list)
    substantive: list[bool] = field(default_factory=list)
    #: Why each answer is not substantive; None when it is.
    reasons: list[str | None] = field(default_factory=list)
    word_counts: list[int] = field(default_factory=list)

    def add(self, answer: NewSegment) -> None:
        """Append one answer."""
        self.texts.append(answer.text)
        self.hashes.append(answer.text_hash)
        self.substantive.append(answer.substantive)
        self.reasons.append(answer.reason)
        self.word_counts.append(answer.word_count)

    def segment(self, index: int) -> NewSegment:
        """The answer of row ``index``."""
        return NewSegment(self.texts[index], self.hashes[index], self.substantive[index], self.reasons[index],
                          self.word_counts[index])


@dataclass(frozen=True, slots=True)
class SurveyRows:
    """The checked rows of a survey file as columns, in file order: a list per field instead of an object per row
    (a million answers as :class:`SurveyRespondent` objects took 2.5 kB each). Every row has every attribute and
    an answer to every question."""

    external_ids: list[str] = field(default_factory=list)
    #: The row number as the researcher's spreadsheet shows it.
    rows: list[int] = field(default_factory=list)
    weights: list[float | None] = field(default_factory=list)
    waves: list[str] = field(default_factory=list)
    #: Attribute name → its value in each row.
    attributes: dict[str, list[str | None]] = field(default_factory=dict)
    #: Question name → its answers.
    answers: dict[str, SurveyAnswers] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.external_ids)

    def add(self, row: SurveyRespondent) -> None:
        """Append one row (its attributes and questions must be those of the rows before it)."""
        if not self.external_ids:
            for name in row.attributes:
                self.attributes.setdefault(name, [])
            for name in row.answers:
                self.answers.setdefault(name, SurveyAnswers())
        self.external_ids.append(row.external_id)
        self.rows.append(row.row)
        self.weights.append(row.weight)
        self.waves.append(row.wave)
        for name, values in self.attributes.items():
            values.append(row.attributes.get(name))
        for name, answers in self.answers.items():
            answers.add(row.answers[name])

    def respondent(self, index: int) -> SurveyRespondent:
        """Row ``index`` as one object (for the few rows compared with what is stored)."""
        return SurveyRespondent(
            self.external_ids[index], self.rows[index], self.weights[index],
            {name: values[index] for name, values in self.attributes.items()},
            {name: answers.segment(index) for name, answers in self.answers.items()}, self.waves[index])

    @classmethod
    def of(cls, respondents: SurveyRows | tuple[SurveyRespondent, ...]) -> SurveyRows:
        """``respondents`` as columns (returned as is when they are)."""
        if isinstance(respondents, SurveyRows):
            return respondents
        rows = cls()
        for row in respondents:
            rows.add(row)
        return rows


@dataclass(frozen=True)
class SurveyQuestion:
    """An open question of a survey file (its column) and, optionally, its wording."""

    name: str
    wording: str = ""
    #: The researcher gave this wording (it replaces a stored one); otherwise it only fills an empty wording.
    given: bool = False


@dataclass(frozen=True)
class SurveyPlan:
    """A checked survey file: its questions and respondents, ready to be compared with the store and written."""

    study: str
    #: The file as the researcher named it (for messages) and its file name (for the report and the history).
    source: str
    file: str
    questions: tuple[SurveyQuestion, ...]
    #: The rows: as columns (what the importer gives), or one object per row.
    respondents: SurveyRows | tuple[SurveyRespondent, ...]
    #: The weight column, when one was mapped (a stored weight is then compared with the file's).
    weight_column: str | None
    actor: str
    #: Routing per question name (applies in every wave of the file); a question without one keeps the routing
    #: stored for the wave, if any.
    routing: Mapping[str, Routing] = field(default_factory=dict)
    #: The wave was named (``--wave`` / ``--wave-column``): a wave already in the study is then refused unless
    #: ``replace_wave``, which replaces the wave's respondents and answers, keeping codings of unchanged answers.
    explicit_wave: bool = False
    replace_wave: bool = False
    #: Warnings found while checking the file (added to the report).
    warnings: tuple[str, ...] = ()
    #: The wave column, for messages.
    wave_column: str | None = None


@dataclass(frozen=True)
class TranscriptFile:
    """One checked transcript: the document text and its passages."""

    source: str
    filename: str
    #: The name of the interviewee's respondent (the file name without its extension).
    external_id: str
    text: str
    sha256: str
    passages: tuple[NewSegment, ...]
    #: This file's own document attributes (from an attributes file), next to the plan's shared ones.
    attributes: Mapping[str, str] = field(default_factory=dict)
    #: Pseudonymised speakers: pseudonym → real name (kept with the document, never exported).
    pseudonyms: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class TranscriptPlan:
    """Checked transcripts for one interview topic, with the attributes of their interviewees."""

    study: str
    question: str
    wording: str
    attributes: Mapping[str, str]
    files: tuple[TranscriptFile, ...]
    actor: str
    #: The wave of the interviews; None: the study's latest wave (or "1" in a new study).
    wave: str | None = None


@dataclass(frozen=True, slots=True)
class CodingRow:
    """One row of a codings file: a respondent id, the themes (codes or labels) and the coder."""

    row: int
    external_id: str
    themes: tuple[str, ...]
    coder: str


@dataclass(frozen=True, slots=True)
class Problem:
    """A problem the importer found in the file itself, located at its row and column."""

    row: int
    column: str | None
    message: str
    hint: str = ""


@dataclass(frozen=True)
class CodingsPlan:
    """A checked codings file, to be matched with the question's answers and codebook when it is written."""

    source: str
    file: str
    id_column: str
    theme_column: str
    rows: tuple[CodingRow, ...]
    #: Problems found in the file (empty ids); listed in row order with the ones found against the store.
    problems: tuple[Problem, ...]
    #: The default coder, who is also recorded as the importer.
    actor: str


# --- surveys ------------------------------------------------------------------------------------------------


_CONFLICT_HINT = (
    "Gegevens van respondenten die al in de studie staan worden nooit overschreven. Importeer een gecorrigeerd "
    "bestand in een nieuwe studie, of laat deze respondenten weg uit het bestand."
)


def _shown(value: Any) -> str:
    """An attribute value in a message: quoted, or '(leeg)'."""
    return "(leeg)" if value is None or value == "" else f"'{value}'"


def write_survey(store: Store, plan: SurveyPlan, progress: Progress = no_progress) -> ImportReport:
    """Write a checked survey in one transaction: the study and questions (created when new), new respondents and
    their answers; attributes and a weight that stored respondents lack are filled in.

    A stored answer, attribute or weight that differs from the file is a :class:`ConflictError` listing every
    difference by row and column, and nothing is written. The rows are written in bulk (COPY on PostgreSQL, see
    :mod:`coding.store.bulk`) within the same transaction.
    """
    rows = SurveyRows.of(plan.respondents)
    count = len(rows)
    names = [q.name for q in plan.questions]
    total = count * 2
    progress(0, total)
    file_waves = sorted_waves(rows.waves)
    report = ImportReport(study=plan.study, source=plan.file, questions=list(names), waves=file_waves,
                          warnings=list(plan.warnings))
    problems = ProblemList(plan.source, error=ConflictError)
    with store.atomic() as session:
        study = get_or_create_study(session, plan.study, plan.actor)
        question_ids = {
            q.name: get_or_create_question(session, study, q.name, plan.actor, wording=q.wording).id
            for q in plan.questions
        }
        stored_waves = waves_of(session, study.id)
        _check_waves(plan, file_waves, stored_waves)
        replaced = [w for w in file_waves if w in stored_waves] if plan.replace_wave else []
        if replaced:
            _clear_replaced(session, plan, rows, study.id, replaced, question_ids)
        for q in plan.questions:
            if q.given and q.wording:
                made = session.get(Question, question_ids[q.name])
                assert made is not None  # made or found just above
                replace_wording(session, made, q.wording, plan.actor)
        existing = {
            (r.wave, r.external_id): r for r in session.execute(
                select(Respondent.id, Respondent.external_id, Respondent.wave, Respondent.weight,
                       Respondent.attributes)
                .where(Respondent.study_id == study.id, Respondent.wave.in_(file_waves))
            ).all()
        }
        # The stored respondent of each row (None: new); not built at all for a first import.
        stored_at = [existing.get(key) for key in zip(rows.waves, rows.external_ids, strict=True)] if existing \
            else None
        new_positions: Sequence[int] = range(count)
        if stored_at is not None:
            new_positions = [i for i, old in enumerate(stored_at) if old is None]
            for i, old in enumerate(stored_at):
                if old is not None:
                    report.respondents_existing += 1
                    if rows.waves[i] not in replaced:
                        _compare_respondent(problems, plan, rows.respondent(i), old)
        # Per question, the rows whose answer is added; a stored answer must equal the file's.
        new_answers: dict[str, Sequence[int]] = {}
        for name, question_id in question_ids.items():
            new_answers[name] = range(count)
            if stored_at is None:
                continue
            stored = dict(session.execute(
                select(Segment.respondent_id, Segment.text).where(Segment.question_id == question_id,
                                                                  Segment.position == 0)
            ).all())
            answers, added = rows.answers[name], []
            for i, old in enumerate(stored_at):
                if old is not None and old.id in stored:
                    if stored[old.id] == answers.texts[i]:
                        report.segments_unchanged += 1
                    else:
                        problems.add(rows.rows[i], name, f"het antwoord van respondent '{rows.external_ids[i]}' "
                                     "verschilt van het eerder geïmporteerde antwoord", _CONFLICT_HINT)
                    continue
                added.append(i)
            new_answers[name] = added
        problems.raise_if_any()  # rolls the transaction back: nothing was changed

        before = session.scalar(select(func.max(Respondent.id))) or 0
        report.respondents_added = _insert_respondents(session, study.id, rows, new_positions,
                                                       lambda done: progress(done, total))
        respondent_ids = _respondent_ids(session, study.id, rows, new_positions, stored_at, file_waves, before)
        if stored_at is not None:
            _fill_missing_attributes(session, plan, rows, stored_at, replaced)
        done = count
        for name, question_id in question_ids.items():
            positions, answers = new_answers[name], rows.answers[name]
            written = insert_rows(
                session, _SEGMENTS, _SEGMENT_COLUMNS,
                ((question_id, respondent_ids[i], None, 0, answers.texts[i], answers.hashes[i],
                  answers.substantive[i], answers.reasons[i], answers.word_counts[i], "", False, True)
                 for i in positions),
                _advance(progress, total, done, max(1, len(names))))
            done += written // max(1, len(names))
            report.segments_added += written
            report.nonsubstantive += sum(1 for i in positions if not answers.substantive[i])
        _route(session, plan, study.id, question_ids, file_waves, report)
        if report.respondents_added or report.segments_added or replaced or plan.routing:
            record(session, actor=plan.actor, action="import.survey", entity="study", entity_id=study.id,
                   study_id=study.id, payload={
                       "file": plan.file, "respondents_added": report.respondents_added,
                       "segments_added": report.segments_added, "questions": list(names), "waves": file_waves,
                       "replaced_waves": replaced,
                       "routing": {q: r.to_json() for q, r in plan.routing.items()}})
    progress(total, total)
    return report


#: The columns a survey answer is written with (the others are empty for survey answers).
_SEGMENT_COLUMNS = ("question_id", "respondent_id", "document_id", "position", "text", "text_hash", "substantive",
                    "nonsubstantive_reason", "word_count", "memo", "is_quote", "asked")
_RESPONDENT_COLUMNS = ("study_id", "external_id", "wave", "kind", "weight", "attributes", "created_at")


def _advance(progress: Progress, total: int, start: int, per: int) -> Callable[[int], None]:
    """Progress while a question's answers are written: each question is a ``per``-th of the second half."""
    return lambda added: progress(min(total, start + added // per), total)


def _insert_respondents(session: Session, study_id: int, rows: SurveyRows, positions: Sequence[int],
                        progress: Callable[[int], None]) -> int:
    """Write the new respondents (rows at ``positions``); the number written."""
    kind, now = RespondentKind.RESPONDENT.value, utcnow()
    attributes = list(rows.attributes.items())
    return insert_rows(session, _RESPONDENTS, _RESPONDENT_COLUMNS, (
        (study_id, rows.external_ids[i], rows.waves[i], kind, rows.weights[i],
         {name: values[i] for name, values in attributes}, now) for i in positions), progress)


def _respondent_ids(session: Session, study_id: int, rows: SurveyRows, new_positions: Sequence[int],
                    stored_at: list[Any] | None, waves: list[str], before: int) -> list[int]:
    """The respondent id of every row, the new ones (written after id ``before``) read back (no RETURNING: on
    SQLite that writes one row per statement)."""
    ids = [0] * len(rows) if stored_at is None else [0 if old is None else old.id for old in stored_at]
    if not new_positions:
        return ids
    found = session.execute(
        select(Respondent.id, Respondent.wave, Respondent.external_id)
        .where(Respondent.study_id == study_id, Respondent.wave.in_(waves), Respondent.id > before)
        .order_by(Respondent.id)
    )
    # Written in row order, so read back in id order they line up with the new rows; should they not (ids given
    # out of order), look each one up.
    in_order = True
    wanted = iter(new_positions)
    for rid, wave, external_id in found:
        i = next(wanted, None)
        if i is None or rows.external_ids[i] != external_id or rows.waves[i] != wave:
            in_order = False
            break
        ids[i] = rid
    if in_order and next(wanted, None) is None:
        return ids
    by_key = {(wave, external_id): rid for rid, wave, external_id in session.execute(
        select(Respondent.id, Respondent.wave, Respondent.external_id)
        .where(Respondent.study_id == study_id, Respondent.wave.in_(waves)))}
    return [by_key[key] for key in zip(rows.waves, rows.external_ids, strict=True)]


def _check_waves(plan: SurveyPlan, file_waves: list[str], stored_waves: list[str]) -> None:
    """A named wave already in the study is refused (unless replaced); a label that differs from a stored one only
    by case or spaces collides with it."""
    if not plan.explicit_wave and any(w != DEFAULT_WAVE for w in stored_waves):
        raise InputError(f"Studie '{plan.study}' heeft metingen ({', '.join(stored_waves)}); zeg van welke meting dit "
                         "bestand is.", hint="Geef --wave LABEL (bijv. --wave " + stored_waves[-1] + ") of "
                         "--wave-column KOLOM.", file=plan.source)
    folded = {" ".join(w.lower().split()): w for w in stored_waves}
    for wave in file_waves:
        twin = folded.get(" ".join(wave.lower().split()))
        if twin is not None and twin != wave:
            raise InputError(f"Meting '{wave}' botst met meting '{twin}' die al in studie '{plan.study}' staat "
                             "(ze verschillen alleen in hoofdletters of spaties).",
                             hint=f"Gebruik hetzelfde label als eerder ('{twin}'), of een duidelijk ander label.",
                             file=plan.source, column=plan.wave_column)
    present = [w for w in file_waves if w in stored_waves]
    if plan.explicit_wave and present and not plan.replace_wave:
        raise InputError(f"Meting {', '.join(present)} staat al in studie '{plan.study}'.",
                         hint="Kies een nieuw label met --wave, of vervang de meting met --replace-wave (coderingen "
                         "van ongewijzigde antwoorden blijven staan). Metingen in de studie: "
                         + ", ".join(stored_waves) + ".", file=plan.source, column=plan.wave_column)


def _clear_replaced(session: Session, plan: SurveyPlan, rows: SurveyRows, study_id: int, waves: list[str],
                    question_ids: Mapping[str, int]) -> None:
    """Make room for the file's version of ``waves``: respondents not in the file are removed, and answers whose
    text changed are removed with their codings; unchanged answers (same text hash) keep theirs. The file's
    attributes and weights replace the stored ones."""
    by_key = {key: i for i, key in enumerate(zip(rows.waves, rows.external_ids, strict=True))}
    stored = session.execute(
        select(Respondent.id, Respondent.wave, Respondent.external_id)
        .where(Respondent.study_id == study_id, Respondent.wave.in_(waves))
    ).all()
    gone = [rid for rid, wave, external_id in stored if (wave, external_id) not in by_key]
    kept = {rid: by_key[(wave, external_id)] for rid, wave, external_id in stored if (wave, external_id) in by_key}
    names = {qid: name for name, qid in question_ids.items()}
    changed: list[int] = []
    for sid, rid, qid, hash_ in session.execute(
        select(Segment.id, Segment.respondent_id, Segment.question_id, Segment.text_hash)
        .where(Segment.respondent_id.in_(list(kept)), Segment.question_id.in_(list(names)))
    ).all():
        answers = rows.answers.get(names[qid])
        if answers is None or answers.hashes[kept[rid]] != hash_:
            changed.append(sid)
    for start in range(0, len(changed), BATCH):
        session.execute(delete(Segment).where(Segment.id.in_(changed[start : start + BATCH])))
    for start in range(0, len(gone), BATCH):
        session.execute(delete(Respondent).where(Respondent.id.in_(gone[start : start + BATCH])))
    for rid, i in kept.items():
        session.execute(update(Respondent).where(Respondent.id == rid).values(
            attributes={name: values[i] for name, values in rows.attributes.items()},
            **({"weight": rows.weights[i]} if plan.weight_column else {})))


def _route(session: Session, plan: SurveyPlan, study_id: int, question_ids: Mapping[str, int], waves: list[str],
           report: ImportReport) -> None:
    """Apply the file's routing (or the routing stored for the wave) to the questions' answers in each wave."""
    for name, question_id in question_ids.items():
        for wave in waves:
            routing = plan.routing.get(name)
            if routing is None:
                stored = session.scalars(select(QuestionRouting).where(
                    QuestionRouting.question_id == question_id, QuestionRouting.wave == wave)).first()
                if stored is None:
                    continue
                routing = Routing.from_json(stored.conditions, stored.description)
            routed = RoutingReport(name, wave)
            apply_routing(session, question_id, study_id, wave, routing, routed)
            report.not_asked += routed.not_asked
            if routed.not_asked_with_text:
                report.warnings.append(
                    f"vraag '{name}'" + (f", meting {wave}" if len(waves) > 1 or plan.explicit_wave else "")
                    + f": {routed.not_asked_with_text} respondent(en) die volgens de routing niet gevraagd zijn, "
                    "hebben toch een antwoord; dat telt nergens mee")


def _compare_respondent(problems: ProblemList, plan: SurveyPlan, row: SurveyRespondent, old: Any) -> None:
    """Note every weight and attribute of a stored respondent that the file gives differently."""
    if plan.weight_column and old.weight is not None and not math.isclose(old.weight, row.weight or 0.0):
        problems.add(row.row, plan.weight_column, f"respondent '{row.external_id}' had eerder weging "
                     f"{old.weight:g}, nu {row.weight:g}", _CONFLICT_HINT)
    stored = old.attributes or {}
    for key, value in row.attributes.items():
        before = stored.get(key)
        if key in stored and before != value:
            problems.add(row.row, key, f"respondent '{row.external_id}' had eerder {_shown(before)}, "
                         f"nu {_shown(value)}", _CONFLICT_HINT)


def _fill_missing_attributes(session: Session, plan: SurveyPlan, rows: SurveyRows, stored_at: list[Any],
                             replaced: list[str]) -> None:
    """Attributes that an earlier file lacked are added to existing respondents (nothing is overwritten)."""
    for i, old in enumerate(stored_at):
        if old is None or rows.waves[i] in replaced:
            continue
        known = old.attributes or {}
        missing = {k: values[i] for k, values in rows.attributes.items() if k not in known}
        needs_weight = bool(plan.weight_column) and old.weight is None
        if missing or needs_weight:
            respondent = session.get(Respondent, old.id)
            assert respondent is not None  # read in this transaction
            respondent.attributes = {**known, **missing}
            if needs_weight:
                respondent.weight = rows.weights[i]


# --- transcripts --------------------------------------------------------------------------------------------


def write_transcripts(store: Store, plan: TranscriptPlan, progress: Progress = no_progress) -> ImportReport:
    """Write checked transcripts as documents of an interview topic in one transaction; all files or none.

    Each file's interviewee is a respondent of kind ``document`` (created when new). A transcript already stored
    under the same name is left alone when its text is the same, and a :class:`ConflictError` when it is not.
    """
    report = ImportReport(study=plan.study, source=", ".join(f.filename for f in plan.files),
                          questions=[plan.question])
    with store.atomic() as session:
        _write_transcripts(session, plan, report, progress)
    return report


def _write_transcripts(session: Session, plan: TranscriptPlan, report: ImportReport, progress: Progress) -> Question:
    """The work of :func:`write_transcripts` in the caller's transaction; returns the question written to. The
    documents go to ``plan.wave`` (default: the study's latest wave), named in ``report.waves``."""
    files = plan.files
    study = get_or_create_study(session, plan.study, plan.actor)
    question = get_or_create_question(session, study, plan.question, plan.actor,
                                      kind=QuestionKind.INTERVIEW.value, wording=plan.wording)
    wave = plan.wave or (waves_of(session, study.id) or [DEFAULT_WAVE])[-1]
    report.waves = [wave]
    for number, file in enumerate(files, start=1):
        respondent = session.scalars(select(Respondent).where(
            Respondent.study_id == study.id, Respondent.wave == wave,
            Respondent.external_id == file.external_id)).first()
        if respondent is None:
            respondent = Respondent(study_id=study.id, external_id=file.external_id, wave=wave,
                                    kind=RespondentKind.DOCUMENT.value,
                                    attributes={"bestand": file.filename, **plan.attributes,
                                                **file.attributes})
            session.add(respondent)
            session.flush()
            report.respondents_added += 1
        else:
            report.respondents_existing += 1
            if respondent.kind != RespondentKind.DOCUMENT:
                raise ConflictError(f"De naam '{file.external_id}' is al een respondent van de enquête.",
                                    hint="Geef het transcript een andere bestandsnaam.", file=file.source)
        document = session.scalars(select(Document).where(
            Document.question_id == question.id, Document.respondent_id == respondent.id)).first()
        if document is not None:
            if document.sha256 != file.sha256:
                raise ConflictError(
                    "Er is al een ander transcript met deze naam geïmporteerd bij deze vraag.",
                    hint="Coderingen worden nooit overschreven; geef de nieuwe versie een andere bestandsnaam.",
                    file=file.source)
            report.segments_unchanged += len(file.passages)
            continue
        document = Document(study_id=study.id, question_id=question.id, respondent_id=respondent.id,
                            filename=file.filename, text=file.text, sha256=file.sha256,
                            pseudonyms=dict(file.pseudonyms) or None)
        session.add(document)
        session.flush()
        for position, p in enumerate(file.passages):
            session.add(Segment(
                question_id=question.id, respondent_id=respondent.id, document_id=document.id,
                position=position, text=p.text, text_hash=p.text_hash, speaker=p.speaker,
                start_char=p.start, end_char=p.end, start_time=p.start_time, substantive=p.substantive,
                nonsubstantive_reason=p.reason, word_count=p.word_count, memo="", is_quote=False))
            report.nonsubstantive += not p.substantive
        report.segments_added += len(file.passages)
        progress(len(files) + number, len(files) * 2)
    if report.segments_added:
        record(session, actor=plan.actor, action="import.transcripts", entity="question",
               entity_id=question.id, study_id=study.id,
               payload={"files": [f.filename for f in files], "segments_added": report.segments_added})
    return question


@dataclass(frozen=True, slots=True)
class ProjectCoding:
    """A coding of an imported project: the turn (document's respondent, position), theme code, coder, passage."""

    external_id: str
    position: int
    theme: str
    coder: str
    start: int
    end: int
    created_at: datetime | None = None


@dataclass(frozen=True)
class ProjectPlan:
    """A checked REFI-QDA project: its sources as transcripts, its codes as the codebook, its coded selections."""

    transcripts: TranscriptPlan
    codebook: CodebookSpec
    codings: tuple[ProjectCoding, ...]
    file: str


def write_project(store: Store, plan: ProjectPlan, progress: Progress = no_progress) -> ImportReport:
    """Write an imported project in one transaction — documents and turns, the codebook, the codings (source
    ``imported``, each by its own coder) — all or nothing."""
    transcripts = plan.transcripts
    report = ImportReport(study=transcripts.study, source=plan.file, questions=[transcripts.question])
    with store.atomic() as session:
        question = _write_transcripts(session, transcripts, report, progress)
        apply_codebook(session, question, plan.codebook, transcripts.actor, note=f"geïmporteerd uit {plan.file}")
        codebook = codebook_of(session, question)
        assert codebook is not None  # just applied
        themes = {theme.code: theme.id for theme in themes_of(session, codebook)}
        segments = {(external_id, position): segment_id for segment_id, external_id, position in session.execute(
            select(Segment.id, Respondent.external_id, Segment.position)
            .join(Respondent, Respondent.id == Segment.respondent_id)
            .where(Segment.question_id == question.id, Respondent.wave == report.waves[0]))}
        wanted = [NewCoding(segments[(c.external_id, c.position)], themes[c.theme], c.coder, c.start, c.end,
                            c.created_at) for c in plan.codings]
        added = add_codings(session, wanted, Source.IMPORTED, question_id=question.id, action=None)
        report.codings_added = len(added)
        report.codings_existing = len(set(wanted)) - len(added)
        record(session, actor=transcripts.actor, action="import.qdpx", entity="question", entity_id=question.id,
               study_id=question.study_id, payload={"file": plan.file, "codings_added": len(added)})
    return report


# --- codings ------------------------------------------------------------------------------------------------


def write_codings(
    store: Store, question: QuestionRef, plan: CodingsPlan, progress: Progress = no_progress, *,
    wave: str | None = None,
) -> ImportReport:
    """Match a checked codings file with the question's answers and codebook and add the codings (source
    ``imported``) in one transaction; all rows or none.

    Respondents are matched by id (each must have exactly one answer to the question), themes by code or label
    (case and surrounding spaces ignored; a code wins over an equal label). Every unknown respondent or theme is
    listed in one :class:`InputError`, and nothing is written. Codings already stored are counted, not doubled.

    The rows are matched within ``wave``; in a study with several waves it must be given (ids repeat across
    waves). Codings for respondents the routing did not ask are refused, listing the first of them.
    """
    report = ImportReport(study=question.study, source=plan.file, questions=[question.name])
    problems = ProblemList(plan.source)
    with store.atomic() as session:
        waves = waves_of(session, question.study_id)
        if wave is None and len(waves) > 1:
            raise InputError(f"Studie '{question.study}' heeft {len(waves)} metingen ({', '.join(waves)}); de "
                             "respondent-id's komen in elke meting terug.",
                             hint=f"Zeg welke meting het bestand codeert, bijv. --wave {waves[-1]}.",
                             file=plan.source)
        if wave is not None and wave not in waves:
            raise InputError(f"Studie '{question.study}' heeft geen meting '{wave}'.",
                             hint="Metingen: " + (", ".join(waves) or "(geen)") + ".", file=plan.source)
        report.waves = [wave] if wave is not None else waves
        codebook = codebook_of(session, question_row(session, question))
        if codebook is None:
            raise InputError(f"Vraag '{question.name}' heeft nog geen codeboek; thema's kunnen niet gekoppeld "
                             "worden.", hint=f"Laad eerst een codeboek: coding codebook load FILE --study "
                             f"{question.study} --question {question.name}", file=plan.source)
        themes = _theme_lookup(session, codebook)
        segments, transcripts, not_asked = _answers_by_respondent(session, question.id, wave)
        located = list(plan.problems)
        refused = [row for row in plan.rows if row.external_id in not_asked]
        if refused:
            shown = ", ".join(f"'{r.external_id}' (rij {r.row})" for r in refused[:10])
            raise InputError(f"{len(refused)} rij(en) coderen respondenten die vraag '{question.name}' volgens de "
                             f"routing niet kregen: {shown}" + (", …" if len(refused) > 10 else "") + ".",
                             hint="Laat deze rijen weg, of pas de routing aan met coding question routing.",
                             file=plan.source, column=plan.id_column, row=refused[0].row)
        wanted: list[NewCoding] = []
        #: Each unknown theme once (matching ignores case), as first written, with the first row it is on.
        unknown_themes: dict[str, tuple[str, int]] = {}
        for row in plan.rows:
            if row.external_id in transcripts:
                located.append(Problem(row.row, plan.id_column,
                                       f"'{row.external_id}' is een transcript met meerdere passages",
                                       "Codeer transcripten in de app; deze import is voor enquête-antwoorden."))
                continue
            segment_id = segments.get(row.external_id)
            if segment_id is None:
                located.append(Problem(row.row, plan.id_column, f"respondent '{row.external_id}' heeft geen "
                                       f"antwoord op vraag '{question.name}' in studie '{question.study}'",
                                       "Controleer de id's, of importeer eerst de antwoorden van deze "
                                       "respondenten."))
                continue
            for theme in row.themes:
                theme_id = themes.get(theme.lower())
                if theme_id is None:
                    unknown_themes.setdefault(theme.lower(), (theme, row.row))
                    continue
                wanted.append(NewCoding(segment_id, theme_id, row.coder))
        for problem in sorted(located, key=lambda p: p.row):
            problems.add(problem.row, problem.column, problem.message, problem.hint)
        names = sorted((theme for theme, _ in unknown_themes.values()), key=str.lower)
        for theme, number in unknown_themes.values():
            problems.add(number, plan.theme_column, f"thema '{theme}' staat niet in het codeboek",
                         "Gebruik de code of het label uit het codeboek, of voeg het thema eerst toe aan het "
                         "codeboek. Onbekende thema's: " + ", ".join(names) + ".")
        problems.raise_if_any()
        unique = list(dict.fromkeys(wanted))
        progress(0, len(unique))
        added = add_codings(session, unique, Source.IMPORTED, question_id=question.id, action=None)
        progress(len(unique), len(unique))
        report.codings_added = len(added)
        report.codings_existing = len(unique) - len(added)
        if added:
            record(session, actor=plan.actor, action="import.codings", entity="question",
                   entity_id=question.id, study_id=question.study_id,
                   payload={"file": plan.file, "codings_added": len(added)})
    return report


def _theme_lookup(session: Session, codebook: Codebook) -> dict[str, int]:
    """Theme id by lower-cased label and code of the codebook's active themes; a code wins over an equal label."""
    lookup: dict[str, int] = {}
    active = themes_of(session, codebook)
    for theme in active:
        lookup[theme.label.strip().lower()] = theme.id
    for theme in active:
        lookup[theme.code.strip().lower()] = theme.id
    return lookup


def _answers_by_respondent(session: Session, question_id: int,
                           wave: str | None) -> tuple[dict[str, int], set[str], set[str]]:
    """The segment id of each respondent with one asked segment for the question (in ``wave``, when given), the
    ids of those with several (transcripts), and those of the respondents the routing did not ask."""
    scope = [Segment.question_id == question_id] + ([Respondent.wave == wave] if wave is not None else [])
    single = dict(session.execute(
        select(Respondent.external_id, func.min(Segment.id))
        .join(Segment, Segment.respondent_id == Respondent.id)
        .where(*scope, Segment.asked.is_(True))
        .group_by(Respondent.external_id)
        .having(func.count(Segment.id) == 1)
    ).all())
    several = set(session.scalars(
        select(Respondent.external_id).join(Segment, Segment.respondent_id == Respondent.id)
        .where(*scope, Segment.asked.is_(True))
        .group_by(Respondent.external_id).having(func.count(Segment.id) > 1)
    ))
    not_asked = set(session.scalars(
        select(Respondent.external_id).join(Segment, Segment.respondent_id == Respondent.id)
        .where(*scope, Segment.asked.is_(False))
    ))
    return single, several, not_asked
