"""Import a survey table: respondents with attributes and weight, one question per open-question column.

The whole file is checked before anything is written, and written in one transaction: a failed import leaves the
database exactly as it was. Re-importing the same file changes nothing; a later file adds its new respondents.
Answers and attributes already stored are never overwritten — a difference is reported as a conflict.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from coding.errors import ConflictError, InputError
from coding.ingest.nonsubstantive import classify_answer
from coding.ingest.report import ImportReport, ProblemList, Progress, no_progress
from coding.ingest.tabular import Table, read_table
from coding.store.db import Store
from coding.store.events import record
from coding.store.models import Respondent, Segment
from coding.store.studies import get_or_create_question, get_or_create_study

#: Longest answer accepted; longer cells are almost always a broken export (a whole file in one cell).
MAX_TEXT_LENGTH = 20_000

#: Rows per INSERT statement.
BATCH = 2_000

#: Longest respondent id and question (column) name the store holds; PostgreSQL refuses longer ones.
MAX_ID_LENGTH = 200
MAX_NAME_LENGTH = 200


@dataclass
class SurveyMapping:
    """Which column is what: the respondent id, the open questions, the attributes and the survey weight."""

    id: str
    texts: list[str]
    attributes: list[str] = field(default_factory=list)
    weight: str | None = None
    #: Optional question wording per text column.
    wordings: dict[str, str] = field(default_factory=dict)

    def check(self, table: Table) -> None:
        """Every mapped column exists, and no column plays two roles."""
        if not self.texts:
            raise InputError("Er is geen kolom met open antwoorden gekozen.",
                             hint="Geef minstens één --text KOLOM op.", file=table.source)
        table.require_columns([self.id], "respondent-id")
        table.require_columns(self.texts, "open vraag")
        table.require_columns(self.attributes, "kenmerk")
        if self.weight:
            table.require_columns([self.weight], "weging")
        for column in self.texts:
            if len(column) > MAX_NAME_LENGTH:
                raise InputError(f"De kolomnaam is {len(column)} tekens lang; als naam van een vraag mag die "
                                 f"maximaal {MAX_NAME_LENGTH} tekens zijn.",
                                 hint="Geef de kolom in het bestand een kortere naam en importeer opnieuw.",
                                 file=table.source, row=1, column=column)
        roles: dict[str, str] = {}
        for role, columns in (("id", [self.id]), ("open vraag", self.texts), ("kenmerk", self.attributes),
                              ("weging", [self.weight] if self.weight else [])):
            for column in columns:
                if column in roles:
                    raise InputError(f"De kolom '{column}' is zowel {roles[column]} als {role}.",
                                     hint="Geef elke kolom één rol.", file=table.source, column=column)
                roles[column] = role


def text_hash(text: str) -> str:
    """A stable hash of an answer's text (the NLP cache key)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def clean_text(text: str) -> str:
    """Strip surrounding white space and normalise line endings; the text is otherwise kept as written."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def parse_weight(raw: str) -> float:
    """A survey weight as written by SPSS or Dutch Excel ('1.25' or '1,25'); ValueError when not a number."""
    value = float(raw.strip().replace(",", ".")) if "," in raw and "." not in raw else float(raw.strip())
    if math.isnan(value) or math.isinf(value):
        raise ValueError(raw)
    return value


@dataclass
class _Row:
    external_id: str
    row: int
    weight: float | None
    attributes: dict[str, Any]
    answers: dict[str, str]


def _check_rows(table: Table, mapping: SurveyMapping) -> list[_Row]:
    problems = ProblemList(table.source)
    seen: dict[str, int] = {}
    rows: list[_Row] = []
    frame = table.frame
    ids = frame[mapping.id].tolist()
    weights = frame[mapping.weight].tolist() if mapping.weight else [None] * len(frame)
    texts = {c: frame[c].tolist() for c in mapping.texts}
    attributes = {c: frame[c].tolist() for c in mapping.attributes}
    for index, raw_id in enumerate(ids):
        number = table.row_number(index)
        external_id = str(raw_id).strip()
        if not external_id:
            problems.add(number, mapping.id, "de respondent-id is leeg", "Geef elke rij een unieke id.")
            continue
        if len(external_id) > MAX_ID_LENGTH:
            problems.add(number, mapping.id, f"de respondent-id is {len(external_id)} tekens lang (maximaal "
                         f"{MAX_ID_LENGTH})", "Is de juiste kolom als respondent-id gekozen (--id)?")
            continue
        if external_id in seen:
            problems.add(number, mapping.id, f"respondent-id '{external_id}' staat ook in rij {seen[external_id]}",
                         "Elke respondent mag maar één keer voorkomen; verwijder of hernummer de dubbele rij.")
            continue
        seen[external_id] = number
        weight: float | None = None
        if mapping.weight:
            raw_weight = str(weights[index]).strip()
            try:
                weight = parse_weight(raw_weight)
            except ValueError:
                problems.add(number, mapping.weight,
                             f"de weging '{raw_weight}' is geen getal" if raw_weight else "de weging is leeg",
                             "Vul een getal ≥ 0 in (bijv. 1.25), of importeer zonder --weight.")
                continue
            if weight < 0:
                problems.add(number, mapping.weight, f"de weging {raw_weight} is negatief",
                             "Een weging moet 0 of groter zijn.")
                continue
        answers = {}
        for column in mapping.texts:
            text = clean_text(str(texts[column][index]))
            if len(text) > MAX_TEXT_LENGTH:
                problems.add(number, column, f"het antwoord is {len(text):,} tekens lang (maximaal "
                             f"{MAX_TEXT_LENGTH:,})".replace(",", "."),
                             "Controleer de export: vaak is een scheidingsteken of aanhalingsteken verschoven.")
            answers[column] = text
        attrs = {c: (str(attributes[c][index]).strip() or None) for c in mapping.attributes}
        rows.append(_Row(external_id, number, weight, attrs, answers))
    problems.raise_if_any()
    return rows


def import_survey(
    store: Store,
    path: str | Path,
    study: str,
    mapping: SurveyMapping,
    *,
    actor: str = "import",
    sheet: str | None = None,
    progress: Progress = no_progress,
) -> ImportReport:
    """Import a survey export (CSV, XLSX or SPSS .sav) into ``study``; all or nothing."""
    table = read_table(path, sheet=sheet)
    mapping.check(table)
    rows = _check_rows(table, mapping)
    total = len(rows) * 2
    progress(0, total)
    report = ImportReport(study=study, source=Path(path).name, questions=list(mapping.texts))
    problems = ProblemList(table.source, error=ConflictError)
    with store.atomic() as session:
        study_row = get_or_create_study(session, study, actor)
        questions = {
            column: get_or_create_question(session, study_row, column, actor,
                                           wording=mapping.wordings.get(column, ""))
            for column in mapping.texts
        }
        existing = {
            r.external_id: r for r in session.execute(
                select(Respondent.id, Respondent.external_id, Respondent.kind, Respondent.weight,
                       Respondent.attributes).where(Respondent.study_id == study_row.id)
            ).all()
        }
        respondent_ids: dict[str, int] = {}
        new_rows: list[dict[str, Any]] = []
        for row in rows:
            old = existing.get(row.external_id)
            if old is None:
                new_rows.append({"study_id": study_row.id, "external_id": row.external_id, "kind": "respondent",
                                 "weight": row.weight, "attributes": {k: v for k, v in row.attributes.items()}})
                continue
            respondent_ids[row.external_id] = old.id
            report.respondents_existing += 1
            if mapping.weight and old.weight is not None and not math.isclose(old.weight, row.weight or 0.0):
                problems.add(row.row, mapping.weight, f"respondent '{row.external_id}' had eerder weging "
                             f"{old.weight:g}, nu {row.weight:g}", _CONFLICT_HINT)
            for key, value in row.attributes.items():
                before = (old.attributes or {}).get(key)
                if key in (old.attributes or {}) and before != value:
                    problems.add(row.row, key, f"respondent '{row.external_id}' had eerder {_shown(before)}, "
                                 f"nu {_shown(value)}", _CONFLICT_HINT)
        for start in range(0, len(new_rows), BATCH):
            chunk = new_rows[start : start + BATCH]
            result = session.execute(
                insert(Respondent).returning(Respondent.id, Respondent.external_id, sort_by_parameter_order=True),
                chunk,
            )
            respondent_ids.update({external_id: rid for rid, external_id in result.all()})
            progress(start + len(chunk), total)
        report.respondents_added = len(new_rows)
        _fill_missing_attributes(session, rows, existing, mapping)

        segment_rows: list[dict[str, Any]] = []
        for column, question in questions.items():
            stored = dict(session.execute(
                select(Segment.respondent_id, Segment.text).where(Segment.question_id == question.id,
                                                                  Segment.position == 0)
            ).all())
            for row in rows:
                rid = respondent_ids[row.external_id]
                text = row.answers[column]
                if rid in stored:
                    if stored[rid] == text:
                        report.segments_unchanged += 1
                    else:
                        problems.add(row.row, column, f"het antwoord van respondent '{row.external_id}' verschilt "
                                     "van het eerder geïmporteerde antwoord", _CONFLICT_HINT)
                    continue
                substantive, reason = classify_answer(text)
                report.nonsubstantive += not substantive
                segment_rows.append({
                    "question_id": question.id, "respondent_id": rid, "document_id": None, "position": 0,
                    "text": text, "text_hash": text_hash(text), "substantive": substantive,
                    "nonsubstantive_reason": reason, "word_count": len(text.split()), "memo": "",
                    "is_quote": False,
                })
        problems.raise_if_any()  # rolls the transaction back: nothing was changed
        for start in range(0, len(segment_rows), BATCH):
            session.execute(insert(Segment), segment_rows[start : start + BATCH])
            progress(len(rows) + min(len(rows), (start + BATCH) // max(1, len(mapping.texts))), total)
        report.segments_added = len(segment_rows)
        if report.respondents_added or report.segments_added:
            record(session, actor=actor, action="import.survey", entity="study", entity_id=study_row.id,
                   study_id=study_row.id, payload={
                       "file": Path(path).name, "respondents_added": report.respondents_added,
                       "segments_added": report.segments_added, "questions": list(mapping.texts)})
    progress(total, total)
    return report


def _shown(value: Any) -> str:
    """An attribute value in a message: quoted, or '(leeg)'."""
    return "(leeg)" if value is None or value == "" else f"'{value}'"


_CONFLICT_HINT = (
    "Gegevens van respondenten die al in de studie staan worden nooit overschreven. Importeer een gecorrigeerd "
    "bestand in een nieuwe studie, of laat deze respondenten weg uit het bestand."
)


def _fill_missing_attributes(session: Any, rows: list[_Row], existing: dict[str, Any],
                             mapping: SurveyMapping) -> None:
    """Attributes that an earlier file lacked are added to existing respondents (nothing is overwritten)."""
    for row in rows:
        old = existing.get(row.external_id)
        if old is None:
            continue
        known = old.attributes or {}
        missing = {k: v for k, v in row.attributes.items() if k not in known}
        needs_weight = mapping.weight and old.weight is None
        if missing or needs_weight:
            respondent = session.get(Respondent, old.id)
            respondent.attributes = {**known, **missing}
            if needs_weight:
                respondent.weight = row.weight
