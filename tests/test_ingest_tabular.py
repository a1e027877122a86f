"""Tests for coding.ingest.tabular: CSV, XLSX and SPSS tables as strings with spreadsheet row numbers."""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pyreadstat
import pytest

from coding.errors import InputError
from coding.ingest.reading import OLE_MAGIC
from coding.ingest.tabular import Table, read_table
from tests.helpers import SURVEY_ROWS, write_csv


def write_xlsx(path: Path, rows: list[list[Any]], *, title: str = "Blad1", extra: dict[str, list[list[Any]]]
               | None = None) -> Path:
    """An XLSX workbook made with openpyxl: ``rows`` on the first sheet, ``extra`` sheets after it."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for name, sheet_rows in (extra or {}).items():
        other = workbook.create_sheet(name)
        for row in sheet_rows:
            other.append(row)
    workbook.save(path)
    return path


def rewrite_zip(source: Path, target: Path, change: dict[str, bytes | None]) -> Path:
    """Copy a zip package, replacing (bytes) or leaving out (None) the named members."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            if name in change:
                content = change[name]
                if content is not None:
                    new.writestr(name, content)
            else:
                new.writestr(name, old.read(name))
    return target


def records(table: Table) -> list[dict[str, str]]:
    """The table's rows as dicts."""
    return table.frame.to_dict("records")


def row_numbers(table: Table) -> list[int]:
    """The spreadsheet row number of every data row."""
    return [table.row_number(i) for i in range(len(table.frame))]


# --- CSV ----------------------------------------------------------------------------------------------------


def test_csv_survey_is_read_as_strings_with_row_numbers(tmp_path: Path) -> None:
    """Every cell is a string ('' when empty, numbers as written), and data rows start at row 2."""
    table = read_table(write_csv(tmp_path / "enquete.csv", SURVEY_ROWS))
    assert table.columns == SURVEY_ROWS[0]
    assert len(table.frame) == 5
    assert table.frame["weging"].tolist() == ["1.2", "0.8", "1.0", "1.5", "0.5"]
    assert table.frame.loc[3, "belemmeringen"] == ""
    assert all(isinstance(v, str) for v in table.frame.to_numpy().ravel())
    assert row_numbers(table) == [2, 3, 4, 5, 6]


def test_csv_keeps_leading_zeros_and_na_like_words(tmp_path: Path) -> None:
    """Ids like '007' and answers like 'NA', 'nan', 'null' stay text; nothing becomes NaN."""
    path = write_csv(tmp_path / "e.csv", [["id", "tekst"], ["007", "NA"], ["008", "nan"], ["009", "null"]])
    table = read_table(path)
    assert table.frame["id"].tolist() == ["007", "008", "009"]
    assert table.frame["tekst"].tolist() == ["NA", "nan", "null"]


def test_csv_header_names_are_stripped(tmp_path: Path) -> None:
    """Spaces around column names (common in hand-made exports) are removed."""
    path = tmp_path / "e.csv"
    path.write_text(" id ; tekst \n1;a\n", encoding="utf-8")
    assert read_table(path).columns == ["id", "tekst"]


def test_empty_header_cells_get_a_name_by_position(tmp_path: Path) -> None:
    """Empty header cells (e.g. a delimiter ending every line) become 'kolom N', so names stay unique."""
    path = tmp_path / "e.csv"
    path.write_text("id;;tekst;;\n1;x;a;;\n", encoding="utf-8")
    table = read_table(path)
    assert table.columns == ["id", "kolom 2", "tekst", "kolom 4", "kolom 5"]
    assert table.frame.loc[0, "tekst"] == "a"
    xlsx = write_xlsx(tmp_path / "e.xlsx", [["id", None, "tekst"], [1, "x", "a"]])
    assert read_table(xlsx).columns == ["id", "kolom 2", "tekst"]


def test_csv_multiline_answer_is_one_row(tmp_path: Path) -> None:
    """An answer with line breaks inside quotes is one cell, and the row numbers after it are not shifted."""
    path = write_csv(tmp_path / "e.csv", [["id", "tekst"], ["1", "eerste regel\ntweede regel"], ["2", "x"]])
    table = read_table(path)
    assert table.frame["tekst"].tolist() == ["eerste regel\ntweede regel", "x"]
    assert row_numbers(table) == [2, 3]


def test_csv_blank_and_empty_rows_are_skipped_but_row_numbers_stay_as_in_excel(tmp_path: Path) -> None:
    """Blank lines and rows of empty cells (';;') are left out; later rows keep the number Excel shows."""
    path = tmp_path / "e.csv"
    path.write_text("id;tekst\n1;a\n\n;\n2;b\n;\n\n", encoding="utf-8")
    table = read_table(path)
    assert records(table) == [{"id": "1", "tekst": "a"}, {"id": "2", "tekst": "b"}]
    assert row_numbers(table) == [2, 5]


def test_csv_blank_lines_above_header_are_counted(tmp_path: Path) -> None:
    """Blank lines before the header do not break the header, and still count as rows."""
    path = tmp_path / "e.csv"
    path.write_text("\n\nid;tekst\n1;a\n", encoding="utf-8")
    table = read_table(path)
    assert table.columns == ["id", "tekst"]
    assert row_numbers(table) == [4]


def test_csv_row_with_fewer_fields_is_refused_or_left_out_with_allow_ragged(tmp_path: Path) -> None:
    """A row with fewer fields than the header (what an unquoted line break leaves) is refused with its row;
    with ``allow_ragged`` it is left out and listed, never padded into a bogus respondent."""
    path = tmp_path / "e.csv"
    path.write_text("id;tekst;regio\n1;a\n2;b;zuid\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_table(path)
    assert info.value.row == 2
    assert "2 velden, de kopregel 3" in info.value.problem
    assert "--allow-ragged" in info.value.hint
    table = read_table(path, allow_ragged=True)
    assert records(table) == [{"id": "2", "tekst": "b", "regio": "zuid"}]
    assert table.skipped == [(2, "Deze rij heeft 2 velden, de kopregel 3.")]


@pytest.mark.parametrize("bad_row", [2, 3, 4])
def test_csv_row_with_too_many_fields_is_an_error_naming_the_row(tmp_path: Path, bad_row: int) -> None:
    """A row with more fields than the header (an unquoted delimiter in an answer) is an error at that row.

    Pins a fix: with the bad row first, pandas used to take the first column as index and shift every value
    one column to the left without any error.
    """
    lines = ["id;tekst", "1;goed", "2;prima", "3;ok"]
    lines[bad_row - 1] = f"{bad_row - 1};ja; maar niet altijd"
    path = tmp_path / "e.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_table(path)
    assert (info.value.file, info.value.row) == (str(path), bad_row)
    assert "3 velden" in info.value.problem
    assert "kopregel 2" in info.value.problem
    assert "aanhalingstekens" in info.value.hint


def test_csv_every_row_with_one_field_too_many_is_an_error(tmp_path: Path) -> None:
    """Rows that all have a field more than the header are refused, not read with shifted columns."""
    path = tmp_path / "e.csv"
    path.write_text("id;tekst\n1;a;x\n2;b;y\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_table(path)
    assert info.value.row == 2


def test_csv_too_many_fields_after_multiline_answer_names_the_excel_row(tmp_path: Path) -> None:
    """The row named for a ragged row counts a multi-line answer as one row."""
    path = tmp_path / "e.csv"
    path.write_text('id;tekst\n1;"a\nb\nc"\n2;x;y\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_table(path)
    assert info.value.row == 3


def test_csv_unclosed_quote_is_a_dutch_error_naming_the_row(tmp_path: Path) -> None:
    """A quote that is never closed swallows the rest of the file: the error says so and names its row."""
    path = tmp_path / "e.csv"
    path.write_text('id;tekst\n1;a\n2;"dit loopt door\n3;b\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_table(path)
    assert info.value.row == 3
    assert "aanhalingsteken" in info.value.problem


def test_csv_duplicate_column_names_are_an_error(tmp_path: Path) -> None:
    """Two columns with the same name (after stripping) are refused, naming the column in row 1."""
    path = tmp_path / "e.csv"
    path.write_text("id;tekst;tekst \n1;a;b\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_table(path)
    assert (info.value.file, info.value.row, info.value.column) == (str(path), 1, "tekst")
    assert "twee keer" in info.value.problem


@pytest.mark.parametrize("content", ["id;tekst\n", "id;tekst\n;\n\n", "id;tekst"])
def test_csv_header_only_is_an_error(tmp_path: Path, content: str) -> None:
    """A file with a header but no data rows is an error that names the file."""
    path = tmp_path / "e.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_table(path)
    assert info.value.file == str(path)
    assert "alleen een kopregel" in info.value.problem


def test_txt_and_tsv_are_read_as_csv(tmp_path: Path) -> None:
    """.tsv and .txt exports are read like CSV with the delimiter detected."""
    (tmp_path / "e.tsv").write_text("id\ttekst\n1\ta\n", encoding="utf-8")
    (tmp_path / "e.txt").write_text("id,tekst\n1,a\n", encoding="utf-8")
    assert records(read_table(tmp_path / "e.tsv")) == [{"id": "1", "tekst": "a"}]
    assert records(read_table(tmp_path / "e.txt")) == [{"id": "1", "tekst": "a"}]


@pytest.mark.parametrize(("name", "words"), [("e.xls", ".xls"), ("e.pdf", "Onbekend bestandstype")])
def test_unsupported_file_types_are_errors(tmp_path: Path, name: str, words: str) -> None:
    """.xls and unknown endings get an error saying which formats work."""
    path = tmp_path / name
    path.write_bytes(b"x")
    with pytest.raises(InputError, match=re.escape(words)) as info:
        read_table(path)
    assert info.value.file == str(path)


# --- XLSX ---------------------------------------------------------------------------------------------------


def test_xlsx_values_become_the_text_a_researcher_expects(tmp_path: Path) -> None:
    """Numbers, floats, booleans, dates and empty cells turn into readable strings."""
    path = write_xlsx(tmp_path / "e.xlsx", [
        ["id", "tekst", "weging", "akkoord", "datum", "tijd"],
        [1001, "Ik vind het lastig", 1.25, True, date(2024, 3, 1), datetime(2024, 3, 1, 9, 30)],
        [1002.0, None, 1.0, False, datetime(2024, 3, 2), None],
    ])
    table = read_table(path)
    assert records(table) == [
        {"id": "1001", "tekst": "Ik vind het lastig", "weging": "1.25", "akkoord": "ja",
         "datum": "2024-03-01", "tijd": "2024-03-01 09:30:00"},
        {"id": "1002", "tekst": "", "weging": "1", "akkoord": "nee", "datum": "2024-03-02", "tijd": ""},
    ]
    assert row_numbers(table) == [2, 3]


def test_xlsx_empty_rows_are_skipped_and_row_numbers_kept(tmp_path: Path) -> None:
    """Empty rows in and below the data are left out; the others keep their Excel row numbers."""
    path = write_xlsx(tmp_path / "e.xlsx", [["id", "tekst"], [1, "a"], [None, None], [2, "b"], [], [None]])
    table = read_table(path)
    assert records(table) == [{"id": "1", "tekst": "a"}, {"id": "2", "tekst": "b"}]
    assert row_numbers(table) == [2, 4]


def test_xlsx_named_sheet_and_missing_sheet(tmp_path: Path) -> None:
    """--sheet picks a worksheet; a sheet that does not exist is an error listing the sheets."""
    path = write_xlsx(tmp_path / "e.xlsx", [["x"], ["1"]], title="Toelichting",
                      extra={"Data": [["id", "tekst"], [1, "a"]]})
    assert records(read_table(path, sheet="Data")) == [{"id": "1", "tekst": "a"}]
    assert read_table(path).columns == ["x"]
    with pytest.raises(InputError) as info:
        read_table(path, sheet="Resultaten")
    assert "Resultaten" in info.value.problem
    assert "Toelichting, Data" in info.value.hint


def test_xlsx_header_only_is_an_error(tmp_path: Path) -> None:
    """A sheet with only column names is an error naming the file."""
    path = write_xlsx(tmp_path / "e.xlsx", [["id", "tekst"]])
    with pytest.raises(InputError) as info:
        read_table(path)
    assert info.value.file == str(path)
    assert "alleen een kopregel" in info.value.problem


def test_xlsx_empty_sheet_is_an_error(tmp_path: Path) -> None:
    """A workbook whose first sheet is empty says so."""
    path = write_xlsx(tmp_path / "e.xlsx", [])
    with pytest.raises(InputError, match="leeg") as info:
        read_table(path)
    assert info.value.file == str(path)


def test_xlsx_duplicate_column_names_are_an_error(tmp_path: Path) -> None:
    """Duplicate header cells in a sheet are refused like in CSV."""
    path = write_xlsx(tmp_path / "e.xlsx", [["id", "tekst", "id"], [1, "a", 2]])
    with pytest.raises(InputError) as info:
        read_table(path)
    assert (info.value.row, info.value.column) == (1, "id")


def test_xlsx_without_sheets_is_an_error(tmp_path: Path) -> None:
    """A workbook whose workbook.xml lists no sheets gets the 'geen werkbladen' message."""
    good = write_xlsx(tmp_path / "good.xlsx", [["id"], [1]])
    with zipfile.ZipFile(good) as package:
        workbook_xml = package.read("xl/workbook.xml")
    empty = re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", workbook_xml)
    assert empty != workbook_xml
    path = rewrite_zip(good, tmp_path / "geen-bladen.xlsx", {"xl/workbook.xml": empty})
    with pytest.raises(InputError) as info:
        read_table(path)
    assert info.value.file == str(path)
    assert "geen werkbladen" in info.value.problem


@pytest.mark.parametrize("member", ["xl/workbook.xml", "xl/worksheets/sheet1.xml", "[Content_Types].xml"])
def test_xlsx_with_broken_parts_is_a_clear_error(tmp_path: Path, member: str) -> None:
    """Broken XML or a missing part inside the package is a 'beschadigd' error, never a raw traceback.

    Pins a fix: broken XML raised xml.etree's ParseError / lxml's XMLSyntaxError straight to the user.
    """
    good = write_xlsx(tmp_path / "good.xlsx", [["id", "tekst"], [1, "a"]])
    for label, content in (("kapot", b"<worksheet><sheetData><row"), ("weg", None)):
        path = rewrite_zip(good, tmp_path / f"{label}.xlsx", {member: content})
        with pytest.raises(InputError) as info:
            read_table(path)
        assert info.value.file == str(path)
        assert "beschadigd" in info.value.problem or "geen werkbladen" in info.value.problem
        assert "Excel" in info.value.problem


def test_corrupt_xlsx_random_bytes_is_an_error(tmp_path: Path) -> None:
    """Random bytes named .xlsx are a damaged-file error that says to re-save in Excel."""
    path = tmp_path / "kapot.xlsx"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(InputError) as info:
        read_table(path)
    assert info.value.file == str(path)
    assert "beschadigd" in info.value.problem
    assert "opnieuw op als .xlsx" in info.value.hint


def test_password_protected_xlsx_is_an_error(tmp_path: Path) -> None:
    """An encrypted workbook (an OLE container) gets the password message, not a damaged-file one."""
    path = tmp_path / "geheim.xlsx"
    path.write_bytes(OLE_MAGIC + bytes(512))
    with pytest.raises(InputError) as info:
        read_table(path)
    assert info.value.file == str(path)
    assert "wachtwoord" in info.value.problem
    assert "verwijder het wachtwoord" in info.value.hint


def test_empty_xlsx_file_is_an_error(tmp_path: Path) -> None:
    """A zero-byte .xlsx is reported as an empty file."""
    path = tmp_path / "leeg.xlsx"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="leeg"):
        read_table(path)


# --- SPSS ---------------------------------------------------------------------------------------------------


def write_sav(path: Path, frame: pd.DataFrame, labels: dict[str, dict[float, str]] | None = None) -> Path:
    """An SPSS file written with pyreadstat."""
    pyreadstat.write_sav(frame, str(path), variable_value_labels=labels or {})
    return path


def test_sav_value_labels_and_numeric_ids(tmp_path: Path) -> None:
    """Value labels become the values ('man'/'vrouw'), numeric ids 1001.0 become '1001', missing is ''."""
    frame = pd.DataFrame({
        "respnr": [1001.0, 1002.0, 1003.0],
        "geslacht": [1.0, 2.0, None],
        "weging": [1.25, 0.5, 1.0],
        "antwoord": ["Ik vertrouw niemand", "weet niet", ""],
    })
    path = write_sav(tmp_path / "e.sav", frame, {"geslacht": {1: "man", 2: "vrouw"}})
    table = read_table(path)
    assert table.columns == ["respnr", "geslacht", "weging", "antwoord"]
    assert records(table) == [
        {"respnr": "1001", "geslacht": "man", "weging": "1.25", "antwoord": "Ik vertrouw niemand"},
        {"respnr": "1002", "geslacht": "vrouw", "weging": "0.5", "antwoord": "weet niet"},
        {"respnr": "1003", "geslacht": "", "weging": "1", "antwoord": ""},
    ]
    assert table.value_labels == {"geslacht": {1.0: "man", 2.0: "vrouw"}}
    assert row_numbers(table) == [1, 2, 3]


def test_sav_unreadable_is_an_error(tmp_path: Path) -> None:
    """Garbage bytes named .sav are an error naming the file and suggesting a re-save or CSV export."""
    path = tmp_path / "kapot.sav"
    path.write_bytes(b"dit is geen spss-bestand" * 50)
    with pytest.raises(InputError) as info:
        read_table(path)
    assert info.value.file == str(path)
    assert "SPSS" in info.value.problem
    assert "CSV" in info.value.hint


def test_sav_missing_file_is_an_error(tmp_path: Path) -> None:
    """A .sav path that does not exist is reported before pyreadstat sees it."""
    with pytest.raises(InputError, match="bestaat niet"):
        read_table(tmp_path / "weg.sav")


def test_formats_agree_on_ids_and_weights(tmp_path: Path) -> None:
    """The same survey as CSV, XLSX and SAV yields the same id and weight strings (so re-imports match)."""
    csv_table = read_table(write_csv(tmp_path / "e.csv", [["id", "weging"], ["1001", "1.5"], ["1002", "2"]]))
    xlsx_table = read_table(write_xlsx(tmp_path / "e.xlsx", [["id", "weging"], [1001, 1.5], [1002.0, 2.0]]))
    sav_table = read_table(write_sav(tmp_path / "e.sav", pd.DataFrame({"id": [1001.0, 1002.0],
                                                                      "weging": [1.5, 2.0]})))
    assert records(csv_table) == records(xlsx_table) == records(sav_table)

