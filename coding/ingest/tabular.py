"""Survey tables — CSV, XLSX and SPSS .sav — read into a DataFrame of strings with spreadsheet row numbers."""

from __future__ import annotations

import csv
import io
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from coding.errors import InputError, ProblemList
from coding.ingest.reading import check_package, decode_lines, read_bytes, sniff_delimiter

#: File endings each reader accepts.
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
SAV_SUFFIXES = (".sav", ".zsav")


@dataclass(frozen=True)
class ResponseSet:
    """An SPSS multiple response set: its label and the attribute columns made from it (one per option)."""

    name: str
    label: str
    #: True for a dichotomy set (one variable per option), False for a category set (one variable per mention).
    dichotomy: bool
    variables: tuple[str, ...]
    #: Attribute column name → option label.
    options: dict[str, str]


@dataclass
class Table:
    """A survey table: every cell a string ('' when empty), and how to turn an index into a spreadsheet row."""

    frame: pd.DataFrame
    source: str
    #: Row number of the first data row as the user sees it (2 under a header row; 1 for SPSS cases).
    first_row: int = 2
    value_labels: dict[str, dict[Any, str]] = field(default_factory=dict)
    #: Row number of each data row, when empty rows were left out (so the numbers are not consecutive).
    rows: list[int] | None = None
    #: What the file says a column asks (SPSS variable label, a platform's question-text row), by column.
    wordings: dict[str, str] = field(default_factory=dict)
    #: The export layout that was recognised, in words ('' for a plain table with one header row).
    layout: str = ""
    #: Row numbers of header rows below the first that were not read as respondents.
    skipped_rows: list[int] = field(default_factory=list)
    #: Multiple response sets (SPSS): set name → the attribute columns made from it, one per option.
    response_sets: dict[str, ResponseSet] = field(default_factory=dict)
    #: Every column name of the file, when only some columns were read (for the hint of a missing column).
    all_columns: list[str] | None = None
    #: Rows left out because they are broken (``allow_ragged``): row number and what is wrong, to report.
    skipped: list[tuple[int, str]] = field(default_factory=list)

    def row_number(self, index: int) -> int:
        """The row number the user sees for the data row at position ``index``."""
        if self.rows is not None:
            return self.rows[index]
        return self.first_row + index

    @property
    def columns(self) -> list[str]:
        """Column names in file order."""
        return [str(c) for c in self.frame.columns]

    def require_columns(self, columns: list[str], what: str) -> None:
        """Raise a clear error when a mapped column is not in the file."""
        for column in columns:
            if column not in self.frame.columns:
                raise InputError(
                    f"De kolom '{column}' ({what}) staat niet in het bestand.",
                    hint="Beschikbare kolommen: " + ", ".join(self.all_columns or self.columns),
                    file=self.source,
                    column=column,
                )


def read_table(path: str | Path, *, sheet: str | None = None, allow_ragged: bool = False) -> Table:
    """Read a survey table by its file ending: CSV (``; , tab``), XLSX, or SPSS ``.sav``.

    ``allow_ragged``: CSV rows with the wrong number of fields are left out and listed instead of refused.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        return read_xlsx(path, sheet=sheet)
    if suffix in SAV_SUFFIXES:
        return read_sav(path)
    if suffix in CSV_SUFFIXES or suffix == "":
        return read_csv(path, allow_ragged=allow_ragged)
    if suffix == ".xls":
        raise InputError("Het oude Excel-formaat .xls wordt niet ondersteund.",
                         hint="Sla het bestand in Excel op als .xlsx of als CSV.", file=str(path))
    raise InputError(f"Onbekend bestandstype '{suffix}'.",
                     hint="Gebruik CSV, XLSX of SPSS (.sav).", file=str(path))


def read_csv(path: Path, *, allow_ragged: bool = False) -> Table:
    """Read a CSV export; delimiter and encoding (UTF-8, UTF-8 BOM, UTF-16, cp1252) are detected.

    Every row must have as many fields as the header. A row with fewer is what an unquoted line break inside an
    answer leaves behind (the answer cut in two, the rest a bogus respondent); one with more is an unquoted
    delimiter. Both are refused with their row numbers, or, with ``allow_ragged``, left out and listed in
    :attr:`Table.skipped` — never imported. Trailing empty fields beyond the header are ignored (nothing is lost).
    Blank lines count as rows, so that row numbers match what Excel shows, and are left out together with rows
    whose cells are all empty. A quote that is never closed, a field over :data:`MAX_FIELD_CHARS` characters and a
    closing quote followed by more text are errors naming the row.
    """
    source = str(path)
    data = read_bytes(path)
    delimiter = sniff_delimiter(data)
    lines = decode_lines(data, source, delimiter)
    skipped = 0  # blank lines above the header
    header = next(lines, "")
    while header == "\n":
        skipped += 1
        header = next(lines, "")
    records = _csv_records(itertools.chain([header], lines) if header else iter(()), delimiter, source,
                           first=skipped + 1)
    del data, lines
    if not records:
        raise InputError("Het bestand bevat geen kopregel.", file=source)
    names = _name_empty([field.strip() for field in records[0][1]])
    _check_header(names, source)
    width = len(names)
    data_records = []
    for number, fields in records[1:]:
        if not any(field.strip() for field in fields):
            continue
        while len(fields) > width and not fields[-1].strip():
            fields = fields[:-1]
        data_records.append((number, fields))
    del records
    # A short row whose first field is unlike the first column is the rest of the answer above it (a line break
    # in the last column); a short row that starts like the others is the first half (the rest follows).
    continuation = {data_records[i][0] for i in unlike_ids([fields[0] for _, fields in data_records])}
    rows: list[list[str]] = []
    numbers: list[int] = []
    broken: list[tuple[int, str, str]] = []
    for number, fields in data_records:
        if len(fields) == width:
            rows.append(fields)
            numbers.append(number)
            continue
        too_many = len(fields) > width
        broken.append((number, f"Deze rij heeft {len(fields)} velden, de kopregel {width}.",
                       _ragged_hint(too_many, delimiter)))
        if not too_many and number in continuation and numbers and numbers[-1] == number - 1:
            # The row above is where the line break was: its last answer is cut off. Never import it half.
            numbers.pop()
            rows.pop()
            broken.append((number - 1, f"het antwoord loopt waarschijnlijk door in rij {number}",
                           _ragged_hint(False, delimiter)))
    ragged = ProblemList(source)
    for number, message, hint in sorted(broken):
        ragged.add(number, None, message, hint)
    table_skipped = [(number, message) for number, message, _ in sorted(broken)]
    if ragged.items and not allow_ragged:
        ragged.raise_if_any()
    frame = pd.DataFrame(rows, columns=names, dtype=object) if rows else pd.DataFrame(columns=names, dtype=object)
    del rows, data_records  # the frame holds the fields now
    table = _finish(frame, source, rows=numbers)
    table.skipped = table_skipped
    return table


#: Longest CSV field read (characters). Longer is a broken export (a quote that swallowed the file) or an attack.
MAX_FIELD_CHARS = 131_072


def _csv_records(lines: Iterable[str], delimiter: str, source: str, first: int) -> list[tuple[int, list[str]]]:
    """The records of the ``lines`` with the row number of each (``first`` for the first); CSV errors name the row."""
    csv.field_size_limit(MAX_FIELD_CHARS)
    reader = csv.reader(lines, delimiter=delimiter, quotechar='"', strict=True)
    records: list[tuple[int, list[str]]] = []
    try:
        for fields in reader:
            records.append((first + len(records), fields))
    except csv.Error as exc:
        row = first + len(records)
        message = str(exc)
        if "field larger than field limit" in message:
            raise InputError(f"Een veld in deze rij is langer dan {MAX_FIELD_CHARS:,} tekens.".replace(",", "."),
                             hint="Vaak is een aanhalingsteken niet gesloten, zodat de rest van het bestand één "
                             "veld wordt. Controleer de export.", file=source, row=row) from None
        if "unexpected end of data" in message:
            raise InputError(
                "Een aanhalingsteken (\") in deze rij wordt nergens gesloten; de rest van het bestand is daardoor "
                "één tekst.",
                hint="Controleer de aanhalingstekens in deze rij, of exporteer opnieuw.", file=source, row=row,
            ) from None
        if "expected after" in message:
            raise InputError(
                f"In deze rij volgt na een afsluitend aanhalingsteken nog tekst in hetzelfde veld (geen "
                f"'{_show(delimiter)}').",
                hint="Een aanhalingsteken binnen een tekst moet verdubbeld worden (\"\"). Exporteer opnieuw met "
                "tekst tussen aanhalingstekens.", file=source, row=row) from None
        raise InputError(f"Het CSV-bestand is niet te lezen: {message}", file=source, row=row) from None
    return records


def _ragged_hint(too_many: bool, delimiter: str) -> str:
    if too_many:
        return (f"Staat er een scheidingsteken ('{_show(delimiter)}') in een tekst zonder aanhalingstekens? "
                "Exporteer opnieuw met tekst tussen aanhalingstekens.")
    return ("Staat er een regelovergang in een antwoord zonder aanhalingstekens? Dan is het antwoord over twee "
            "rijen verdeeld. Exporteer opnieuw met tekst tussen aanhalingstekens, of importeer met --allow-ragged: "
            "dan worden zulke rijen overgeslagen en gemeld.")


def _id_shape(value: str) -> str:
    """``'R0012'`` → ``'a9'``, ``'1001'`` → ``'9'``, ``'tweede regel van 2'`` → ``'a a a 9'``."""
    return re.sub(r"\d+", "9", re.sub(r"[^\W\d_]+", "a", value.strip()))


def unlike_ids(ids: list[str]) -> list[int]:
    """Positions of ids that do not look like the rest of the id column (a line of answer text, usually).

    Ids nearly always share one shape (digits, or letters then digits). An id is unlike when most of the
    ids (60%) have one shape without white space and this one has another shape with white space, or when 90% of at
    least ten ids share a shape and this one has another.
    """
    shapes = [_id_shape(value) for value in ids]
    filled = [shape for shape in shapes if shape]
    if not filled:
        return []
    common, count = Counter(filled).most_common(1)[0]
    share = count / len(filled)
    odd = []
    for index, shape in enumerate(shapes):
        if not shape or shape == common:
            continue
        if (share >= 0.6 and " " not in common and " " in shape) or (len(filled) >= 10 and share >= 0.9):
            odd.append(index)
    return odd


def _show(delimiter: str) -> str:
    return "tab" if delimiter == "\t" else delimiter


def _name_empty(names: list[str]) -> list[str]:
    """Header cells left empty get a name by position ('kolom 3'), so that every column can be addressed."""
    return [name or f"kolom {index}" for index, name in enumerate(names, start=1)]


def _check_header(names: list[str], source: str) -> None:
    seen: set[str] = set()
    for raw in names:
        name = str(raw).strip()
        if name and name in seen:
            raise InputError(f"De kolomnaam '{name}' komt twee keer voor in de kopregel.",
                             hint="Geef elke kolom een eigen naam.", file=source, row=1, column=name)
        seen.add(name)


#: Cells listed by name in an error before the rest is only counted.
_LISTED_CELLS = 10


def read_xlsx(path: Path, *, sheet: str | None = None) -> Table:
    """Read the first (or the named) sheet of an XLSX workbook; the first row is the header.

    The package is checked first (:func:`~coding.ingest.reading.check_package`: zip bombs, encryption, a missing
    workbook). The sheet is then streamed cell by cell as stored, never by its declared dimension: one cell at
    XFD1048576 costs one cell, not a grid of 17 billion. Refused, naming the cells: a formula without a stored
    result (Excel would show a value, we would read an empty answer) and a value in a column without a header.
    """
    import openpyxl

    source = str(path)
    data = read_bytes(path)
    check_package(data, source, "xlsx")
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # BadZipFile, KeyError, lxml's XMLSyntaxError, … for a damaged package
        raise InputError(f"Het Excel-bestand is beschadigd of geen echt .xlsx-bestand ({type(exc).__name__}).",
                         hint="Open het in Excel en sla het opnieuw op als .xlsx.", file=source) from None
    try:
        if not workbook.sheetnames:
            raise InputError("Het Excel-bestand heeft geen werkbladen.", file=source)
        if sheet is not None and sheet not in workbook.sheetnames:
            raise InputError(f"Werkblad '{sheet}' bestaat niet.",
                             hint="Werkbladen: " + ", ".join(workbook.sheetnames), file=source)
        worksheet = workbook[sheet] if sheet else workbook[workbook.sheetnames[0]]
        names, records, numbers = _sheet_records(worksheet, source)
    except InputError:
        raise
    except Exception as exc:  # broken XML inside the package raises SyntaxError subclasses, among others
        raise InputError(f"Het Excel-bestand is beschadigd ({type(exc).__name__}).",
                         hint="Open het in Excel en sla het opnieuw op als .xlsx.", file=source) from None
    finally:
        workbook.close()
    frame = pd.DataFrame(records, columns=names, dtype=object)
    if not records:
        frame = pd.DataFrame(columns=names, dtype=object)
    return _finish(frame, source, rows=numbers)


def _sheet_records(worksheet: Any, source: str) -> tuple[list[str], list[list[str]], list[int]]:
    """The header names, the non-empty data rows (as text) and their row numbers of a read-only worksheet.

    Uses openpyxl's own sheet parser on the sheet's XML stream (the read-only worksheet pads every row to the
    declared dimension, which is what a far-away cell abuses).
    """
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    uncached: list[str] = []

    class CellReader(WorkSheetParser):
        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell: dict[str, Any] = super().parse_cell(element)
            if cell["value"] is None and element.find(FORMULA_TAG) is not None:
                uncached.append(element.get("r") or f"{get_column_letter(cell['column'])}{cell['row']}")
            return cell

    workbook = worksheet.parent
    names: list[str] = []
    records: list[list[str]] = []
    numbers: list[int] = []
    outside: list[str] = []
    width = 0
    with worksheet._get_source() as stream:
        parser = CellReader(stream, worksheet._shared_strings, data_only=True, epoch=workbook.epoch,
                            date_formats=workbook._date_formats, timedelta_formats=workbook._timedelta_formats)
        for number, cells in parser.parse():
            if not names:
                header = {c["column"]: _cell(c["value"]).strip() for c in cells} if number == 1 else {}
                filled = [column for column, name in header.items() if name]
                if not filled:
                    raise InputError(f"Werkblad '{worksheet.title}' is leeg.", hint="Zet de kolomnamen in rij 1.",
                                     file=source)
                width = max(filled)
                names = _name_empty([header.get(column, "") for column in range(1, width + 1)])
                _check_header(names, source)
                uncached.clear()  # a formula in the header is its name's problem, not a lost answer
                continue
            values = [""] * width
            for c in cells:
                text = _cell(c["value"])
                if not text:
                    continue
                if c["column"] > width:
                    outside.append(f"{get_column_letter(c['column'])}{number}")
                    continue
                values[c["column"] - 1] = text
            if any(v.strip() for v in values):
                records.append(values)
                numbers.append(number)
    if not names:
        raise InputError(f"Werkblad '{worksheet.title}' is leeg.", hint="Zet de kolomnamen in rij 1.", file=source)
    if uncached:
        raise InputError(
            f"Werkblad '{worksheet.title}': {len(uncached)} cel(len) met een formule zonder opgeslagen uitkomst "
            f"({_cells(uncached)}); die zouden als leeg antwoord worden ingelezen.",
            hint="Open het bestand in Excel en sla het op (dan rekent Excel de formules uit), of kopieer de "
            "kolommen en plak ze als waarden. Er is niets geïmporteerd.", file=source)
    if outside:
        raise InputError(
            f"Werkblad '{worksheet.title}': {len(outside)} cel(len) met een waarde in een kolom zonder kolomnaam in "
            f"rij 1 ({_cells(outside)}).",
            hint="Geef die kolom een naam in rij 1, of verwijder de cellen. Er is niets geïmporteerd.", file=source)
    return names, records, numbers


def _cells(references: list[str]) -> str:
    listed = ", ".join(references[:_LISTED_CELLS])
    return listed + (f" en nog {len(references) - _LISTED_CELLS}" if len(references) > _LISTED_CELLS else "")


def _cell(value: Any) -> str:
    """A spreadsheet or SPSS value as the text a researcher expects (1001.0 → '1001')."""
    if value is None or value is pd.NaT:  # NaT is a datetime whose .time() raises
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ") if value.time() != datetime.min.time() else value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def read_sav(path: Path, *, columns: list[str] | None = None, encoding: str | None = None,
             limit: int | None = None) -> Table:
    """Read an SPSS ``.sav``/``.zsav`` file (see :func:`coding.ingest.spss.read_spss`): value labels become the
    readable attribute values, variable labels the question wording; only ``columns`` are read when given."""
    from coding.ingest.spss import read_spss

    return read_spss(path, columns=columns, encoding=encoding, limit=limit)


def _finish(frame: pd.DataFrame, source: str, first_row: int = 2, rows: list[int] | None = None) -> Table:
    """Check the table has columns and data; rows whose cells are all empty are left out.

    ``rows`` gives the row number of each row of ``frame`` (default: consecutive from ``first_row``).
    """
    if frame.shape[1] == 0:
        raise InputError("Het bestand bevat geen kolommen.", file=source)
    numbers = rows if rows is not None else [first_row + index for index in range(len(frame))]
    if len(frame):
        filled = frame.astype(str).apply(lambda column: column.str.strip() != "").any(axis=1).tolist()
        numbers = [number for number, keep in zip(numbers, filled, strict=True) if keep]
        frame = frame[filled]
    if len(frame) == 0:
        raise InputError("Het bestand bevat alleen een kopregel en geen rijen.",
                         hint="Controleer of de export gegevens bevat.", file=source)
    frame = frame.reset_index(drop=True)
    return Table(frame=frame, source=source, first_row=numbers[0], rows=numbers)
