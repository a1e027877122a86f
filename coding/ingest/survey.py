"""Import a survey table: respondents with attributes and weight, one question per open-question column.

The whole file is checked here (columns, ids, weights, lengths), each answer is classified (substantive or not) and
hashed, and the resulting plan is written by :func:`coding.store.imports.write_survey` in one transaction: a failed
import leaves the database exactly as it was. Re-importing the same file changes nothing; a later file adds its new
respondents. Answers and attributes already stored are never overwritten — a difference is reported as a conflict.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from coding.design import DEFAULT_WAVE, MAX_WAVE_LENGTH, Routing, check_routing, check_wave, parse_asked_if
from coding.errors import InputError, ProblemList
from coding.ingest.layouts import read_export
from coding.ingest.nonsubstantive import classify_answer
from coding.ingest.tabular import Table, unlike_ids
from coding.progress import Progress, no_progress
from coding.store import Store
from coding.store.access import check
from coding.store.imports import (
    ImportReport,
    NewSegment,
    SurveyAnswers,
    SurveyPlan,
    SurveyQuestion,
    SurveyRows,
    write_survey,
)

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
    #: The column holding each row's wave (one file with several waves); see also ``import_survey(wave=…)``.
    wave_column: str | None = None

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
        if self.wave_column:
            table.require_columns([self.wave_column], "meting")
        for column in self.texts:
            if len(column) > MAX_NAME_LENGTH:
                raise InputError(f"De kolomnaam is {len(column)} tekens lang; als naam van een vraag mag die "
                                 f"maximaal {MAX_NAME_LENGTH} tekens zijn.",
                                 hint="Geef de kolom in het bestand een kortere naam en importeer opnieuw.",
                                 file=table.source, row=1, column=column)
        roles: dict[str, str] = {}
        for role, columns in (("id", [self.id]), ("open vraag", self.texts), ("kenmerk", self.attributes),
                              ("weging", [self.weight] if self.weight else []),
                              ("meting", [self.wave_column] if self.wave_column else [])):
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


#: Control characters no XML-based export (Word, Excel, REFI-QDA) can hold. Word's manual line and page breaks
#: (vertical tab, form feed; they come along when text is pasted from Word) become line breaks, the rest '�'.
_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def clean_text(text: str) -> str:
    """Strip surrounding white space and normalise line endings (and Word's manual breaks); control characters
    that no export could hold become a visible '�'. The text is otherwise kept as written."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # the same string when there is nothing to replace
    if "\x0b" in text or "\x0c" in text:
        text = text.translate(_BREAKS)
    if _CONTROL.search(text):
        text = _CONTROL.sub("\ufffd", text)
    return text.strip()


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


def _broken_rows(table: Table, ids: list[str]) -> dict[int, str]:
    """Rows whose id is unlike the id column (a line of answer text), and the row above each, where the line break
    cut the answer off: position → what is wrong."""
    unlike = unlike_ids(ids)
    broken = {i: f"de respondent-id '{ids[i].strip()[:60]}' lijkt niet op de andere id's" for i in unlike}
    for i in unlike:
        if i > 0 and i - 1 not in broken and table.row_number(i - 1) == table.row_number(i) - 1:
            broken[i - 1] = f"het antwoord loopt waarschijnlijk door in rij {table.row_number(i)}"
    return broken


def _check_rows(table: Table, mapping: SurveyMapping, wave: str, allow_ragged: bool = False) -> SurveyRows:
    """Every row checked (broken rows, waves, ids, weights, answer lengths; all problems at once) and its answers
    classified, as columns."""
    problems = ProblemList(table.source)
    seen: dict[tuple[str, str], int] = {}
    rows = SurveyRows(attributes={c: [] for c in mapping.attributes},
                      answers={c: SurveyAnswers() for c in mapping.texts})
    row_attributes = [(rows.attributes[c], attributes_column) for c, attributes_column in
                      ((c, table.frame[c].tolist()) for c in mapping.attributes)]
    row_answers = [(c, rows.answers[c]) for c in mapping.texts]
    frame = table.frame
    ids = frame[mapping.id].tolist()
    weights = frame[mapping.weight].tolist() if mapping.weight else [None] * len(frame)
    texts = {c: frame[c].tolist() for c in mapping.texts}
    waves = frame[mapping.wave_column].tolist() if mapping.wave_column else [wave] * len(frame)
    broken = _broken_rows(table, [str(value) for value in ids])
    for index, raw_id in enumerate(ids):
        number = table.row_number(index)
        external_id = str(raw_id).strip()
        row_wave = str(waves[index]).strip()
        if index in broken:
            if allow_ragged:
                table.skipped.append((number, broken[index]))
            else:
                problems.add(number, mapping.id, broken[index], "Is een antwoord met een regelovergang zonder "
                             "aanhalingstekens over twee rijen verdeeld? Exporteer opnieuw met tekst tussen "
                             "aanhalingstekens, of importeer met --allow-ragged om zulke rijen over te slaan.")
            continue
        if not row_wave or len(row_wave) > MAX_WAVE_LENGTH:
            problems.add(number, mapping.wave_column, "de meting is leeg" if not row_wave else
                         f"de meting is {len(row_wave)} tekens lang (maximaal {MAX_WAVE_LENGTH})",
                         "Vul in elke rij de meting in (bijv. het jaar).")
            continue
        if not external_id:
            problems.add(number, mapping.id, "de respondent-id is leeg", "Geef elke rij een unieke id.")
            continue
        if len(external_id) > MAX_ID_LENGTH:
            problems.add(number, mapping.id, f"de respondent-id is {len(external_id)} tekens lang (maximaal "
                         f"{MAX_ID_LENGTH})", "Is de juiste kolom als respondent-id gekozen (--id)?")
            continue
        if (row_wave, external_id) in seen:
            problems.add(number, mapping.id, f"respondent-id '{external_id}' staat ook in rij "
                         f"{seen[(row_wave, external_id)]}" + (f" (meting {row_wave})" if mapping.wave_column else ""),
                         "Elke respondent mag maar één keer per meting voorkomen; verwijder of hernummer de dubbele "
                         "rij.")
            continue
        seen[(row_wave, external_id)] = number
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
        for column, answers in row_answers:
            text = clean_text(str(texts[column][index]))
            if len(text) > MAX_TEXT_LENGTH:
                problems.add(number, column, f"het antwoord is {len(text):,} tekens lang (maximaal "
                             f"{MAX_TEXT_LENGTH:,})".replace(",", "."),
                             "Controleer de export: vaak is een scheidingsteken of aanhalingsteken verschoven.")
            answers.add(new_segment(text))
        for values, column_values in row_attributes:
            values.append(str(column_values[index]).strip() or None)
        rows.external_ids.append(external_id)
        rows.rows.append(number)
        rows.weights.append(weight)
        rows.waves.append(row_wave)
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
    allow_ragged: bool = False,
    wave: str | None = None,
    asked_if: Iterable[str] | Mapping[str, Routing] | None = None,
    replace_wave: bool = False,
) -> ImportReport:
    """Import a survey export (CSV, XLSX or SPSS .sav/.zsav) into ``study``; all or nothing.

    The study and its questions (one per text column) are created when they do not exist yet. A question's
    wording is the mapping's, else the file's (SPSS variable label, a platform's question-text row). Header rows
    of Qualtrics and SurveyMonkey exports are recognised (or counted with ``header_rows``); of an SPSS file only
    the mapped variables are read. The report lists what was taken from the file.

    ``wave`` names the wave (meting) of the whole file, ``mapping.wave_column`` takes it from a column; a named wave
    that is already in the study is refused unless ``replace_wave`` (which keeps the codings of unchanged answers).
    Without either, the file is wave "1" and adds its new respondents, as before waves existed.

    ``asked_if``: who was asked a question, as ``--asked-if`` texts (``["belemmeringen:vrij=nee"]``) or a routing
    per question name; respondents the routing did not ask get no place in any queue, count or quote.
    """
    check(store, actor, study, "import.survey")  # before reading a large file whose import would be refused
    table = read_export(path, sheet=sheet, header_rows=header_rows, columns=mapping.columns(), encoding=encoding,
                         allow_ragged=allow_ragged)
    mapping = mapping.with_response_sets(table)
    mapping.check(table)
    if wave is not None and mapping.wave_column:
        raise InputError(f"Zowel --wave {wave} als --wave-column {mapping.wave_column} is opgegeven.",
                         hint="Kies één: --wave voor een bestand met één meting, --wave-column als een kolom de "
                         "meting per rij geeft.", file=table.source, column=mapping.wave_column)
    label = check_wave(wave, file=table.source) if wave is not None else DEFAULT_WAVE
    routing = _routing(table, mapping, asked_if)
    rows = _check_rows(table, mapping, label, allow_ragged)
    warnings = _routing_warnings(table, mapping, routing, rows)
    wordings = {c: (mapping.wordings.get(c) or table.wordings.get(c, "")).strip() for c in mapping.texts}
    plan = SurveyPlan(
        study=study,
        source=table.source,
        file=Path(path).name,
        questions=tuple(SurveyQuestion(c, wordings[c], given=bool(mapping.wordings.get(c))) for c in mapping.texts),
        respondents=rows,
        weight_column=mapping.weight,
        actor=actor,
        routing=routing,
        explicit_wave=wave is not None or bool(mapping.wave_column),
        replace_wave=replace_wave,
        warnings=tuple(warnings),
        wave_column=mapping.wave_column,
    )
    report = write_survey(store, plan, progress)
    report.notes = taken_from_file(table, mapping, wordings)
    report.skipped = [f"rij {row}: {message}" for row, message in sorted(table.skipped)]
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


def _routing(table: Table, mapping: SurveyMapping,
             asked_if: Iterable[str] | Mapping[str, Routing] | None) -> dict[str, Routing]:
    """The routing per question, each naming a question and attribute columns of the mapping."""
    if asked_if is None:
        return {}
    routing = dict(asked_if) if isinstance(asked_if, Mapping) else parse_asked_if(asked_if)
    for question, rule in routing.items():
        if question not in mapping.texts:
            raise InputError(f"De routing (--asked-if) noemt vraag '{question}', maar die wordt niet geïmporteerd.",
                             hint="Open vragen in deze import: " + ", ".join(mapping.texts) + ". Schrijf "
                             "--asked-if \"VRAAG:KOLOM=WAARDE\" met een van deze vragen.", file=table.source)
        for condition in rule.conditions:
            if condition.column not in mapping.attributes:
                in_file = condition.column in table.frame.columns
                raise InputError(
                    f"De routing van vraag '{question}' noemt kolom '{condition.column}', maar "
                    + ("die is niet als kenmerk gekozen." if in_file else "die staat niet in het bestand."),
                    hint=(f"Voeg --attr {condition.column} toe." if in_file else
                          "Kenmerken in deze import: " + (", ".join(mapping.attributes) or "(geen)") + "."),
                    file=table.source, column=condition.column)
    return routing


def _routing_warnings(table: Table, mapping: SurveyMapping, routing: Mapping[str, Routing],
                      rows: SurveyRows) -> list[str]:
    """Routing values that never occur in the file (listing those that do)."""
    if not routing:
        return []
    values = {c: {value or "" for value in rows.attributes[c]} for c in mapping.attributes}
    warnings: list[str] = []
    for question, rule in routing.items():
        warnings += check_routing(rule, question, values, file=table.source)
    return warnings
