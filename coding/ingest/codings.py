"""Import earlier codings: a CSV/XLSX with a respondent id and one or more themes per row.

Typical sources: a previous wave coded in Excel, or a colleague's work. Themes are matched to the question's
codebook by code or by label (case and surrounding spaces ignored); several themes in a cell are separated by
``|`` or ``;``. Unknown respondents or themes are an error that lists them, and nothing is imported.

This module reads and checks the file; :func:`coding.store.imports.write_codings` matches the rows with the stored
answers and codebook and adds the codings, in one transaction.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from coding.errors import InputError
from coding.ingest.tabular import read_table
from coding.progress import Progress, no_progress
from coding.store import QuestionRef, Store
from coding.store.access import check
from coding.store.codings import coder_name
from coding.store.imports import CodingRow, CodingsPlan, ImportReport, Problem, write_codings

_SEPARATORS = re.compile(r"[|;]")


def split_themes(cell: str) -> list[str]:
    """``'vertrouwen | opvolging'`` → ``['vertrouwen', 'opvolging']``."""
    return [part.strip() for part in _SEPARATORS.split(cell) if part.strip()]


def import_codings(
    store: Store,
    path: str | Path,
    question: QuestionRef,
    *,
    id_column: str,
    theme_column: str,
    coder: str | None = None,
    coder_column: str | None = None,
    sheet: str | None = None,
    progress: Progress = no_progress,
    wave: str | None = None,
    actor: str | None = None,
) -> ImportReport:
    """Import codings for ``question`` (source = imported); all rows or none.

    ``wave``: the wave whose answers the file codes (required in a study with several waves).

    Each row's coder is taken from ``coder_column`` when given and filled in, else ``coder`` (default 'import').
    ``actor`` is who imports (default: that coder), recorded in the history; once there are accounts a beheerder.
    """
    check(store, actor or (coder or "").strip() or "import", question.study_ref, "import.codings")
    table = read_table(path, sheet=sheet)
    table.require_columns([id_column], "respondent-id")
    table.require_columns([theme_column], "thema('s)")
    if coder_column:
        table.require_columns([coder_column], "codeur")
    default_coder = (coder or "").strip() or "import"
    rows: list[CodingRow] = []
    problems: list[Problem] = []
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
            problems.append(Problem(number, id_column, "de respondent-id is leeg",
                                    "Vul de id in of verwijder de rij."))
            continue
        if not themes and str(cell).strip():
            problems.append(Problem(number, theme_column, f"de themacel '{str(cell).strip()[:40]}' bevat alleen "
                                    "scheidingstekens, geen thema", "Vul de code of het label van een thema in, "
                                    "of maak de cel leeg als dit antwoord geen thema heeft."))
            continue
        row_coder = (str(coders[index]).strip() if coders else "") or default_coder
        rows.append(CodingRow(number, external_id, tuple(themes), coder_name(row_coder)))
    if not problems and not any(row.themes for row in rows):
        raise InputError(f"0 coderingen geïmporteerd: geen enkele rij heeft een thema in kolom '{theme_column}'.",
                         hint="Is de juiste themakolom gekozen (--theme)? Er is niets geïmporteerd.",
                         file=table.source, column=theme_column)
    plan = CodingsPlan(source=table.source, file=Path(path).name, id_column=id_column, theme_column=theme_column,
                       rows=tuple(rows), problems=tuple(problems), actor=(actor or "").strip() or default_coder)
    try:
        return write_codings(store, question, plan, progress, wave=wave)
    except InputError as error:  # all rows or none: say in so many words that nothing was imported
        raise replace(error, problem="0 coderingen geïmporteerd. " + error.problem) from None
