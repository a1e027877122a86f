"""Builders for survey-platform exports, written at test time: SPSS (.sav/.zsav), Qualtrics and SurveyMonkey.

The shapes follow what the platforms write (header rows, ImportId JSON, merged question headers); the content is
made up for the tests.
"""

from __future__ import annotations

import struct
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pyreadstat

from tests.helpers import write_csv

BELEMMERING = "Wat belemmert u om een dilemma of kwestie met collega's te bespreken?"
VERBETERING = "Wat zou volgens u de integriteit in uw organisatie verbeteren?"


def spss_frame() -> pd.DataFrame:
    """Four interviews with start/end times that have gaps, a date and a time of day, as fieldwork delivers them."""
    return pd.DataFrame({
        "respnr": [1001.0, 1002.0, 1003.0, 1004.0],
        "start": [datetime(2024, 3, 1, 9, 30), pd.NaT, datetime(2024, 3, 2, 14, 0), pd.NaT],
        "datum": [date(2024, 3, 1), None, date(2024, 3, 2), None],
        "duur": [time(0, 12, 5), None, time(0, 8, 0), None],
        "geslacht": [1.0, 2.0, 9.0, 1.0],
        "leeftijd": [34.0, 99.0, 51.0, 45.0],
        "weging": [1.25, 0.5, 1.0, 1.5],
        "belemmering": ["Ik vertrouw mijn leidinggevende niet.", "weet niet", "Er gebeurt niks mee.", ""],
        "verbetering": ["Meer openheid", "", "Een vertrouwenspersoon", "Niets"],
    })


def write_spss(path: Path, frame: pd.DataFrame | None = None, *, compress: bool = False) -> Path:
    """An SPSS file with variable labels, value labels and user-defined missing values (9 and 90–99)."""
    pyreadstat.write_sav(
        spss_frame() if frame is None else frame, str(path), compress=compress,
        column_labels={"belemmering": BELEMMERING, "verbetering": VERBETERING, "geslacht": "Geslacht",
                       "start": "Begintijd interview"},
        variable_value_labels={"geslacht": {1: "man", 2: "vrouw", 9: "geen antwoord"}},
        missing_ranges={"geslacht": [9], "leeftijd": [{"lo": 90, "hi": 99}]},
    )
    return path


def add_response_sets(path: Path, definitions: str) -> Path:
    """Add multiple response sets (SPSS record type 7, subtype 7) to a .sav file written by pyreadstat.

    pyreadstat cannot write them; the record goes right after the character-encoding record, before the end of the
    dictionary, as SPSS writes it. ``definitions`` is the record's text, e.g. ``$kanalen=D1 1 7 Kanalen k1 k2\\n``.
    """
    data = path.read_bytes()
    at = data.find(struct.pack("<iii", 7, 20, 1))
    assert at >= 0, "no character-encoding record"
    (length,) = struct.unpack_from("<i", data, at + 12)
    end = at + 16 + length
    text = definitions.encode("utf-8")
    path.write_bytes(data[:end] + struct.pack("<iiii", 7, 7, 1, len(text)) + text + data[end:])
    return path


def write_spss_with_sets(path: Path) -> Path:
    """Three respondents with a dichotomy set ($kanalen: k1, k2 counted 1) and a category set ($hulp: h1, h2)."""
    frame = pd.DataFrame({
        "respnr": [1.0, 2.0, 3.0],
        "k1": [1.0, 0.0, None],
        "k2": [1.0, 1.0, None],
        "h1": [2.0, 1.0, None],
        "h2": [3.0, None, None],
        "toelichting": ["Ik ken de vertrouwenspersoon wel.", "Het meldpunt is onbekend.", "weet niet"],
    })
    hulp = {1: "Leidinggevende", 2: "Collega", 3: "Vertrouwenspersoon"}
    pyreadstat.write_sav(frame, str(path),
                         column_labels={"k1": "Vertrouwenspersoon", "k2": "Meldpunt", "toelichting": "Toelichting"},
                         variable_value_labels={"h1": hulp, "h2": hulp, "k1": {0: "niet genoemd", 1: "genoemd"}})
    return add_response_sets(path, "$kanalen=D1 1 21 Welke kanalen kent u? k1 k2\n"
                                   "$hulp=C 21 Bij wie zoekt u hulp? h1 h2\n")


def with_unknown_encoding(path: Path) -> Path:
    """The .sav file with a character set no iconv knows (code page 12345, name 'XYZ-9')."""
    data = bytearray(path.read_bytes())
    at = data.find(struct.pack("<iiii", 7, 3, 4, 8))
    data[at + 16 + 28 : at + 16 + 32] = struct.pack("<i", 12345)
    path.write_bytes(bytes(data).replace(b"UTF-8", b"XYZ-9", 1))
    return path


QUALTRICS_ROWS: list[list[str]] = [
    ["StartDate", "EndDate", "Status", "ResponseId", "Q1", "Q2_TEXT", "Q3_TEXT"],
    ["Start Date", "End Date", "Response Type", "Response ID", "Wat is uw functie?", BELEMMERING, VERBETERING],
    ['{"ImportId":"startDate","timeZone":"Europe/Amsterdam"}', '{"ImportId":"endDate","timeZone":"Europe/Amsterdam"}',
     '{"ImportId":"status"}', '{"ImportId":"_recordId"}', '{"ImportId":"QID1"}', '{"ImportId":"QID2_TEXT"}',
     '{"ImportId":"QID3_TEXT"}'],
    ["2024-03-01 09:30:00", "2024-03-01 09:41:12", "IP Address", "R_1a", "medewerker",
     "Ik vertrouw mijn leidinggevende niet.", "Meer openheid"],
    ["2024-03-01 10:02:00", "", "IP Address", "R_2b", "leidinggevende", "weet niet", ""],
    ["2024-03-02 14:00:00", "2024-03-02 14:08:00", "IP Address", "R_3c", "medewerker",
     "Er gebeurt niks mee als je iets meldt.", "Een vertrouwenspersoon"],
]

#: SurveyMonkey: question text over its option columns (the cells to its right are empty), "Response" in row 2.
SURVEYMONKEY_ROWS: list[list[str]] = [
    ["Respondent ID", "Collector ID", "Start Date", BELEMMERING, "Welke kanalen kent u?", "", "",
     "Wat is uw functie?"],
    ["", "", "", "Open-Ended Response", "Vertrouwenspersoon", "Meldpunt", "Anders (graag specificeren)",
     "Response"],
    ["114000001", "4321", "03/01/2024", "Ik vertrouw mijn leidinggevende niet.", "Vertrouwenspersoon", "",
     "de ombudsman", "medewerker"],
    ["114000002", "4321", "03/01/2024", "weet niet", "", "Meldpunt", "", "leidinggevende"],
    ["114000003", "4321", "03/02/2024", "Er gebeurt niks mee als je iets meldt.", "Vertrouwenspersoon",
     "Meldpunt", "", "medewerker"],
]


def write_rows(path: Path, rows: list[list[Any]]) -> Path:
    """The rows as CSV (by the platforms' own comma) or as XLSX, by the file ending."""
    if path.suffix == ".xlsx":
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        assert sheet is not None
        for row in rows:
            sheet.append([None if cell == "" else cell for cell in row])
        workbook.save(path)
        return path
    return write_csv(path, rows, delimiter=",")


def write_surveymonkey_xlsx(path: Path) -> Path:
    """The SurveyMonkey export as XLSX, with the question header merged over its option columns as SurveyMonkey
    does."""
    write_rows(path, SURVEYMONKEY_ROWS)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    assert sheet is not None
    sheet.merge_cells("E1:G1")
    workbook.save(path)
    return path
