"""Import a survey table: respondents with attributes and weight, one question per open-question column.

The whole file is checked here (columns, ids, weights, lengths), each answer is classified (substantive or not) and
hashed, and the resulting plan is written by :func:`coding.store.imports.write_survey` in one transaction: a failed
import leaves the database exactly as it was. Re-importing the same file changes nothing; a later file adds its new
respondents. Answers and attributes already stored are never overwritten — a difference is reported as a conflict.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field, replace
from pathlib import Path

from coding.errors import InputError, ProblemList
from coding.ingest.layouts import read_export
from coding.ingest.nonsubstantive import classify_answer
from coding.ingest.tabular import Table
from coding.progress import Progress, no_progress
from coding.store import Store
from coding.store.imports import ImportReport, NewSegment, SurveyPlan, SurveyQuestion, SurveyRespondent, write_survey

#: Longest answer accepted; longer cells are almost always a broken export (a whole file in one cell).
MAX_TEXT_LENGTH = 20_000

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
    #: Optional question wording per text column; it wins over the wording the file gives.
    wordings: dict[str, str] = field(default_factory=dict)

    def columns(self) -> list[str]:
        """Every mapped column (a multiple response set by its name)."""
        return [self.id, *self.texts, *self.attributes, *([self.weight] if self.weight else [])]

    def with_response_sets(self, table: Table) -> SurveyMapping:
        """The mapping with each multiple response set among the attributes replaced by its option columns."""
        attributes: list[str] = []
        for column in self.attributes:
            response_set = table.response_sets.get(column.removeprefix("$"))
            if response_set is not None and column not in table.frame.columns:
                attributes += response_set.options
            else:
                attributes.append(column)
        return replace(self, attributes=list(dict.fromkeys(attributes)))

    def check(self, table: Table) -> None:
        """Every mapped column exists, no column plays two roles, and every wording belongs to an open question."""
        if not self.texts:
            raise InputError("Er is geen kolom met open antwoorden gekozen.",
                             hint="Geef minstens één --text KOLOM op.", file=table.source)
        for column in self.wordings:
            if column not in self.texts:
                raise InputError(f"Er is een vraagtekst opgegeven voor '{column}', maar dat is geen open vraag van "
                                 "deze import.", hint="Open vragen: " + ", ".join(self.texts) + ". Geef --wording "
                                 "KOLOM=TEKST op voor een kolom die ook bij --text staat.", file=table.source,
                                 column=column)
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


def parse_wordings(items: list[str]) -> dict[str, str]:
    """``KOLOM=Vraagtekst`` items (``--wording``, repeatable) as a dict; an item without '=' is an error."""
    wordings: dict[str, str] = {}
    for item in items:
        column, sep, wording = item.partition("=")
        if not sep or not column.strip() or not wording.strip():
            raise InputError(f"--wording '{item}' is niet in de vorm KOLOM=Vraagtekst.",
                             hint='Bijvoorbeeld: --wording "Q2_TEXT=Wat belemmert u om een dilemma te bespreken?"')
        wordings[column.strip()] = wording.strip()
    return wordings


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


def new_segment(text: str) -> NewSegment:
    """An answer as it will be stored: classified (substantive or not), hashed and counted."""
    substantive, reason = classify_answer(text)
    return NewSegment(text, text_hash(text), substantive, reason, len(text.split()))


def _check_rows(table: Table, mapping: SurveyMapping) -> list[SurveyRespondent]:
    problems = ProblemList(table.source)
    seen: dict[str, int] = {}
    rows: list[SurveyRespondent] = []
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
            answers[column] = new_segment(text)
        attrs = {c: (str(attributes[c][index]).strip() or None) for c in mapping.attributes}
        rows.append(SurveyRespondent(external_id, number, weight, attrs, answers))
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
    header_rows: int | None = None,
    encoding: str | None = None,
    progress: Progress = no_progress,
) -> ImportReport:
    """Import a survey export (CSV, XLSX or SPSS .sav/.zsav) into ``study``; all or nothing.

    The study and its questions (one per text column) are created when they do not exist yet. A question's
    wording is the mapping's, else the file's (SPSS variable label, a platform's question-text row). Header rows
    of Qualtrics and SurveyMonkey exports are recognised (or counted with ``header_rows``); of an SPSS file only
    the mapped variables are read. The report lists what was taken from the file.
    """
    table = read_export(path, sheet=sheet, header_rows=header_rows, columns=mapping.columns(), encoding=encoding)
    mapping = mapping.with_response_sets(table)
    mapping.check(table)
    rows = _check_rows(table, mapping)
    wordings = {c: (mapping.wordings.get(c) or table.wordings.get(c, "")).strip() for c in mapping.texts}
    plan = SurveyPlan(
        study=study,
        source=table.source,
        file=Path(path).name,
        questions=tuple(SurveyQuestion(c, wordings[c], given=bool(mapping.wordings.get(c))) for c in mapping.texts),
        respondents=tuple(rows),
        weight_column=mapping.weight,
        actor=actor,
    )
    report = write_survey(store, plan, progress)
    report.notes = taken_from_file(table, mapping, wordings)
    return report


def taken_from_file(table: Table, mapping: SurveyMapping, wordings: dict[str, str]) -> list[str]:
    """What an import took from the file besides the answers, in words: layout, wordings, response sets."""
    notes = [f"Indeling: {table.layout}."] if table.layout else []
    for column in mapping.texts:
        if wordings[column]:
            origin = "opgegeven" if mapping.wordings.get(column) else "uit het bestand"
            named = "" if wordings[column] == column else f" {column}"  # SurveyMonkey: the name is the text
            notes.append(f"Vraagtekst{named} ({origin}): “{wordings[column]}”")
    for response_set in table.response_sets.values():
        used = [c for c in response_set.options if c in mapping.attributes]
        if used:
            notes.append(f"Meervoudige antwoordset {response_set.name} (“{response_set.label}”): {len(used)} "
                         "kenmerken (ja/nee): " + ", ".join(used))
    return notes
