"""Import earlier codings: a CSV/XLSX with a respondent id and one or more themes per row.

Typical sources: a previous wave coded in Excel, or a colleague's work. Themes are matched to the question's
codebook by code or by label (case and surrounding spaces ignored); several themes in a cell are separated by
``|`` or ``;``. Unknown respondents or themes are an error that lists them, and nothing is imported.
"""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import func, select

from coding.errors import InputError
from coding.ingest.report import ImportReport, ProblemList, Progress, no_progress
from coding.ingest.tabular import read_table
from coding.store.codebooks import codebook_of, themes_of
from coding.store.codings import insert_codings
from coding.store.db import Store
from coding.store.events import record
from coding.store.models import Respondent, Segment
from coding.store.studies import find_question, find_study

_SEPARATORS = re.compile(r"[|;]")


def split_themes(cell: str) -> list[str]:
    """``'vertrouwen | opvolging'`` → ``['vertrouwen', 'opvolging']``."""
    return [part.strip() for part in _SEPARATORS.split(cell) if part.strip()]


def import_codings(
    store: Store,
    path: str | Path,
    study: str,
    question: str,
    *,
    id_column: str,
    theme_column: str,
    coder: str | None = None,
    coder_column: str | None = None,
    sheet: str | None = None,
    progress: Progress = no_progress,
) -> ImportReport:
    """Import codings for ``question`` (source = imported); all rows or none."""
    table = read_table(path, sheet=sheet)
    table.require_columns([id_column], "respondent-id")
    table.require_columns([theme_column], "thema('s)")
    if coder_column:
        table.require_columns([coder_column], "codeur")
    default_coder = (coder or "").strip() or "import"
    report = ImportReport(study=study, source=Path(path).name, questions=[question])
    problems = ProblemList(table.source)
    with store.atomic() as session:
        study_row = find_study(session, study)
        question_row = find_question(session, study_row, question)
        codebook = codebook_of(session, question_row)
        if codebook is None:
            raise InputError(f"Vraag '{question}' heeft nog geen codeboek; thema's kunnen niet gekoppeld worden.",
                             hint=f"Laad eerst een codeboek: coding codebook load FILE --study {study} "
                             f"--question {question}", file=table.source)
        lookup: dict[str, int] = {}
        active = themes_of(session, codebook)
        for row in active:
            lookup[row.label.strip().lower()] = row.id
        for row in active:
            lookup[row.code.strip().lower()] = row.id  # a code wins over an equal label
        segments = dict(session.execute(
            select(Respondent.external_id, func.min(Segment.id))
            .join(Segment, Segment.respondent_id == Respondent.id)
            .where(Segment.question_id == question_row.id)
            .group_by(Respondent.external_id)
            .having(func.count(Segment.id) == 1)
        ).all())
        multi = set(session.scalars(
            select(Respondent.external_id).join(Segment, Segment.respondent_id == Respondent.id)
            .where(Segment.question_id == question_row.id)
            .group_by(Respondent.external_id).having(func.count(Segment.id) > 1)
        ))
        rows = []
        #: Each unknown theme once (matching ignores case), as first written, with the first row it is on.
        unknown_themes: dict[str, tuple[str, int]] = {}
        frame = table.frame
        coders = frame[coder_column].tolist() if coder_column else None
        for index, (raw_id, cell) in enumerate(zip(frame[id_column].tolist(), frame[theme_column].tolist(),
                                                   strict=True)):
            number = table.row_number(index)
            external_id = str(raw_id).strip()
            themes = split_themes(str(cell))
            if not external_id and not themes:
                continue
            if not external_id:
                problems.add(number, id_column, "de respondent-id is leeg", "Vul de id in of verwijder de rij.")
                continue
            if external_id in multi:
                problems.add(number, id_column, f"'{external_id}' is een transcript met meerdere passages",
                             "Codeer transcripten in de app; deze import is voor enquête-antwoorden.")
                continue
            segment_id = segments.get(external_id)
            if segment_id is None:
                problems.add(number, id_column, f"respondent '{external_id}' heeft geen antwoord op vraag "
                             f"'{question}' in studie '{study}'",
                             "Controleer de id's, of importeer eerst de antwoorden van deze respondenten.")
                continue
            row_coder = (str(coders[index]).strip() if coders else "") or default_coder
            for theme in themes:
                theme_id = lookup.get(theme.lower())
                if theme_id is None:
                    unknown_themes.setdefault(theme.lower(), (theme, number))
                    continue
                rows.append({"segment_id": segment_id, "theme_id": theme_id, "coder": row_coder[:100],
                             "source": "imported"})
        names = sorted((theme for theme, _ in unknown_themes.values()), key=str.lower)
        for theme, number in unknown_themes.values():
            problems.add(number, theme_column, f"thema '{theme}' staat niet in het codeboek",
                         "Gebruik de code of het label uit het codeboek, of voeg het thema eerst toe aan het "
                         "codeboek. Onbekende thema's: " + ", ".join(names) + ".")
        problems.raise_if_any()
        unique = list({(r["segment_id"], r["theme_id"], r["coder"]): r for r in rows}.values())
        progress(0, len(unique))
        added = insert_codings(session, unique)
        progress(len(unique), len(unique))
        report.codings_added = len(added)
        report.codings_existing = len(unique) - len(added)
        if added:
            record(session, actor=default_coder, action="import.codings", entity="question",
                   entity_id=question_row.id, study_id=study_row.id,
                   payload={"file": Path(path).name, "codings_added": len(added)})
    return report
