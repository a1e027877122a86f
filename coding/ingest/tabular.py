"""Survey tables — CSV, XLSX and SPSS .sav — read into a DataFrame of strings with spreadsheet row numbers."""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from coding.errors import InputError
from coding.ingest.reading import OLE_MAGIC, decode_text, read_bytes, sniff_delimiter

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


def read_table(path: str | Path, *, sheet: str | None = None) -> Table:
    """Read a survey table by its file ending: CSV (``; , tab``), XLSX, or SPSS ``.sav``."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        return read_xlsx(path, sheet=sheet)
    if suffix in SAV_SUFFIXES:
        return read_sav(path)
    if suffix in CSV_SUFFIXES or suffix == "":
        return read_csv(path)
    if suffix == ".xls":
        raise InputError("Het oude Excel-formaat .xls wordt niet ondersteund.",
                         hint="Sla het bestand in Excel op als .xlsx of als CSV.", file=str(path))
    raise InputError(f"Onbekend bestandstype '{suffix}'.",
                     hint="Gebruik CSV, XLSX of SPSS (.sav).", file=str(path))


def read_csv(path: Path) -> Table:
    """Read a CSV export; delimiter and encoding (UTF-8, UTF-8 BOM, UTF-16, cp1252) are detected.

    The header is read as an ordinary row (``header=None``): with ``header=0`` pandas silently turns the first
    column into the index when the first data row has one field more than the header, shifting every value one
    column to the left. Blank lines are kept while reading so that row numbers match what Excel shows, and
    dropped afterwards together with rows whose cells are all empty.
    """
    source = str(path)
    data = read_bytes(path)
    delimiter = sniff_delimiter(data)
    text = decode_text(data, source, delimiter).replace("\r\n", "\n").replace("\r", "\n")
    skipped = len(text) - len(text.lstrip("\n"))  # blank lines above the header
    text = text[skipped:]
    try:
        raw = pd.read_csv(io.StringIO(text), sep=delimiter, header=None, dtype=str, keep_default_na=False,
                          na_filter=False, skip_blank_lines=False, engine="c", quotechar='"')
    except pd.errors.ParserError as exc:
        match = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
        if match:
            expected, line, saw = (int(g) for g in match.groups())
            raise InputError(
                f"Deze rij heeft {saw} velden, de kopregel {expected}.",
                hint=f"Staat er een scheidingsteken ('{_show(delimiter)}') in een tekst zonder aanhalingstekens? "
                "Exporteer opnieuw met tekst tussen aanhalingstekens.",
                file=source, row=line + skipped,
            ) from None
        match = re.search(r"EOF inside string starting at row (\d+)", str(exc))
        if match:
            raise InputError(
                "Een aanhalingsteken (\") in deze rij wordt nergens gesloten; de rest van het bestand is daardoor "
                "één tekst.",
                hint="Controleer de aanhalingstekens in deze rij, of exporteer opnieuw.",
                file=source, row=int(match.group(1)) + 1 + skipped,
            ) from None
        raise InputError(f"Het CSV-bestand is niet te lezen: {exc}", file=source) from None
    except pd.errors.EmptyDataError:
        raise InputError("Het bestand bevat geen kopregel.", file=source) from None
    names = _name_empty([str(c).strip() for c in raw.iloc[0].tolist()])
    _check_header(names, source)
    frame = raw.iloc[1:].set_axis(names, axis=1)
    return _finish(frame, source, rows=[int(i) + 1 + skipped for i in frame.index])


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


def read_xlsx(path: Path, *, sheet: str | None = None) -> Table:
    """Read the first (or the named) sheet of an XLSX workbook; the first row is the header."""
    import openpyxl

    source = str(path)
    data = read_bytes(path)
    if data.startswith(OLE_MAGIC):
        raise InputError(
            "Dit Excel-bestand is met een wachtwoord beveiligd (of is een oud .xls-bestand).",
            hint="Open het in Excel, verwijder het wachtwoord en sla het op als .xlsx.",
            file=source,
        )
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
        rows = worksheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None or all(v is None for v in header):
            raise InputError(f"Werkblad '{worksheet.title}' is leeg.", hint="Zet de kolomnamen in rij 1.",
                             file=source)
        names = _name_empty([_cell(v).strip() for v in header])
        _check_header(names, source)
        width = len(names)
        records = []
        for values in rows:
            cells = [_cell(v) for v in values[:width]]
            cells += [""] * (width - len(cells))
            records.append(cells)
    except InputError:
        raise
    except Exception as exc:  # broken XML inside the package raises SyntaxError subclasses, among others
        raise InputError(f"Het Excel-bestand is beschadigd ({type(exc).__name__}).",
                         hint="Open het in Excel en sla het opnieuw op als .xlsx.", file=source) from None
    finally:
        workbook.close()
    frame = pd.DataFrame(records, columns=names, dtype=object)
    return _finish(frame, source, rows=[index + 2 for index in range(len(records))])


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
