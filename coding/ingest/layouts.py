"""Exports of survey platforms with more than one header row: Qualtrics, SurveyMonkey, and others by count.

A table is read as usual (row 1 is the header) and then looked at here: the rows below the header that are really
header rows are taken out, so that they are never imported as respondents, and what they say is kept — the
question wording, and for SurveyMonkey the answer options that make the columns' names.

- **Qualtrics** (CSV/XLSX): row 1 variable names (``Q2_TEXT``), row 2 question texts, row 3 ``{"ImportId": …}``.
- **SurveyMonkey**: row 1 question texts (one over several option columns when the question has options), row 2
  ``Response`` / ``Open-Ended Response`` or the option; the respondent id is empty in row 2.
- Any other tool: ``header_rows=N`` — row 1 names, row 2 wording, rows 3…N skipped.

Row numbers stay those of the spreadsheet.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

from coding.errors import InputError
from coding.ingest.tabular import SAV_SUFFIXES, Table, read_sav, read_table

QUALTRICS = "Qualtrics"
SURVEYMONKEY = "SurveyMonkey"

_IMPORT_ID = re.compile(r'^\{\s*"ImportId"\s*:')
#: What SurveyMonkey writes in row 2 above a column that holds the answer itself (also its Dutch interface).
_MONKEY_RESPONSE = {"response", "open-ended response", "antwoord", "open antwoord", "open-ended antwoord"}
#: The name read_csv/read_xlsx give an empty header cell ('kolom 3').
_UNNAMED = re.compile(r"^kolom (\d+)$")
#: Longest part of a column name taken from a question text or option (the full text is the wording).
NAME_PART = 80


def read_export(
    path: str | Path,
    *,
    sheet: str | None = None,
    header_rows: int | None = None,
    columns: list[str] | None = None,
    encoding: str | None = None,
    limit: int | None = None,
) -> Table:
    """Read a survey export — CSV, XLSX or SPSS — with its platform's header rows handled.

    For SPSS only ``columns`` are read when given (and ``limit`` rows); ``encoding`` overrides the character set
    an SPSS file declares. For CSV and XLSX, ``header_rows`` says how many header rows there are; without it a
    Qualtrics or SurveyMonkey layout is recognised by itself.
    """
    path = Path(path)
    if path.suffix.lower() in SAV_SUFFIXES:
        if header_rows not in (None, 1):
            raise InputError("--header-rows geldt alleen voor CSV en XLSX; een SPSS-bestand heeft geen kopregels.",
                             hint="Laat --header-rows weg.", file=str(path))
        return read_sav(path, columns=columns, encoding=encoding, limit=limit)
    if encoding:
        raise InputError("--encoding geldt alleen voor SPSS-bestanden; de tekenset van CSV wordt herkend.",
                         hint="Laat --encoding weg.", file=str(path))
    return apply_layout(read_table(path, sheet=sheet), header_rows=header_rows)


def apply_layout(table: Table, *, header_rows: int | None = None) -> Table:
    """The table with its extra header rows taken out and their content kept (see the module docstring)."""
    if header_rows is not None:
        return _counted(table, header_rows)
    position = _import_id_row(table)
    if position is not None:
        return _qualtrics(table, position)
    if _is_surveymonkey(table):
        return _surveymonkey(table)
    return table


def _row(table: Table, position: int) -> list[str]:
    return [str(v) for v in table.frame.iloc[position].tolist()]


def _without(table: Table, count: int, wordings: dict[str, str], layout: str,
             columns: list[str] | None = None) -> Table:
    """The table without its first ``count`` data rows (header rows), with wordings, layout and names set."""
    if len(table.frame) <= count:
        raise InputError(f"Het bestand bevat alleen kopregels ({layout}) en geen respondenten.",
                         hint="Controleer of de export antwoorden bevat, of geef het juiste aantal kopregels op "
                         "met --header-rows.", file=table.source)
    skipped = [table.row_number(i) for i in range(count)]
    rows = [table.row_number(i) for i in range(count, len(table.frame))]
    frame = table.frame.iloc[count:].reset_index(drop=True)
    if columns is not None:
        frame = frame.set_axis(columns, axis=1)
    return replace(table, frame=frame, rows=rows, first_row=rows[0], skipped_rows=skipped,
                   wordings={k: v for k, v in wordings.items() if v}, layout=layout)


def _shown_rows(rows: list[int]) -> str:
    if not rows:
        return "geen"
    return f"rij {rows[0]}" if len(rows) == 1 else f"rij {rows[0]}–{rows[-1]}"


def _counted(table: Table, header_rows: int) -> Table:
    """``header_rows`` given: row 1 names, row 2 wording, the rest skipped."""
    if header_rows < 1:
        raise InputError(f"--header-rows {header_rows}: er is altijd minstens één kopregel (de kolomnamen).",
                         hint="Geef 1 of meer op.", file=table.source)
    if header_rows == 1:
        return replace(table, layout="1 kopregel (opgegeven)")
    file_rows = len(table.frame) + 1
    if header_rows > file_rows:
        raise InputError(f"--header-rows {header_rows} is meer dan het bestand rijen heeft ({file_rows}, de "
                         "kopregel meegeteld).", hint="Tel de kopregels boven de eerste respondent en geef dat "
                         "aantal op.", file=table.source)
    wordings = {c: v.strip() for c, v in zip(table.columns, _row(table, 0), strict=True)}
    layout = f"{header_rows} kopregels (opgegeven): rij 1 namen, rij 2 vraagteksten"
    result = _without(table, header_rows - 1, wordings, layout)
    return replace(result, layout=f"{layout}; niet als respondent gelezen: {_shown_rows(result.skipped_rows)}")


def _import_id_row(table: Table) -> int | None:
    """The position (among the first three data rows) of a row of Qualtrics ImportIds, if there is one."""
    for position in range(min(3, len(table.frame))):
        if any(_IMPORT_ID.match(cell.strip()) for cell in _row(table, position)):
            return position
    return None


def _qualtrics(table: Table, position: int) -> Table:
    """Qualtrics: the ImportId row (normally row 3) and the question-text row above it are header rows."""
    number = table.row_number(position)
    for column, cell in zip(table.columns, _row(table, position), strict=True):
        text = cell.strip()
        if not text:
            continue
        try:
            value = json.loads(text)
        except ValueError:
            value = None
        if not isinstance(value, dict) or "ImportId" not in value:
            raise InputError(
                f"Rij {number} lijkt de ImportId-kopregel van een Qualtrics-export, maar deze cel is geen geldige "
                f"ImportId ({text[:60]!r}).",
                hint="Is het bestand na de export bewerkt? Exporteer opnieuw uit Qualtrics (Data & Analysis → "
                f"Exporteren, CSV of Excel), of geef het aantal kopregels zelf op met --header-rows {position + 2}.",
                file=table.source, row=number, column=column)
    wordings = {c: v.strip() for c, v in zip(table.columns, _row(table, 0), strict=True)} if position else {}
    layout = (f"Qualtrics-export herkend: rij 1 namen, {'rij 2 vraagteksten, ' if position else ''}"
              f"rij {number} ImportId's")
    result = _without(table, position + 1, wordings, layout)
    return replace(result, layout=f"{layout}; niet als respondent gelezen: {_shown_rows(result.skipped_rows)}")


def _is_surveymonkey(table: Table) -> bool:
    if len(table.frame) == 0:
        return False
    cells = [cell.strip() for cell in _row(table, 0)]
    return not cells[0] and any(cell.lower() in _MONKEY_RESPONSE for cell in cells)


def _short(text: str, limit: int = NAME_PART) -> str:
    """A question text or option short enough to be part of a column name (cut at a word, with '…')."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:-") + "…"


def _surveymonkey(table: Table) -> Table:
    """SurveyMonkey: row 1 question texts (merged over option columns), row 2 'Response' or the option."""
    names: list[str] = []
    wordings: dict[str, str] = {}
    question = ""
    for index, (header, below) in enumerate(zip(table.columns, _row(table, 0), strict=True), start=1):
        unnamed = bool(_UNNAMED.match(header)) and header == f"kolom {index}"
        if not unnamed:
            question = " ".join(header.split())
        option = " ".join(below.split())
        if option.lower() in _MONKEY_RESPONSE or not option:
            name, wording = (header if unnamed else _short(question)), ("" if unnamed else question)
        elif question:
            name, wording = f"{_short(question)} – {_short(option)}", f"{question} – {option}"
        else:
            name, wording = _short(option), option
        name = _unique(name, names)
        names.append(name)
        if wording:
            wordings[name] = wording
    layout = "SurveyMonkey-export herkend: rij 1 vraagteksten, rij 2 antwoordopties"
    result = _without(table, 1, wordings, layout, columns=names)
    return replace(result, layout=f"{layout}; niet als respondent gelezen: {_shown_rows(result.skipped_rows)}")


def _unique(name: str, taken: list[str]) -> str:
    if name not in taken:
        return name
    number = 2
    while f"{name} ({number})" in taken:
        number += 1
    return f"{name} ({number})"
