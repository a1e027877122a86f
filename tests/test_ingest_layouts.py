"""Tests for coding.ingest.layouts: Qualtrics and SurveyMonkey header rows, and --header-rows for other tools."""

from __future__ import annotations

from pathlib import Path

import pytest

from coding.errors import InputError
from coding.ingest.layouts import read_export
from tests.helpers import SURVEY_ROWS, write_csv
from tests.platform_files import (
    BELEMMERING,
    QUALTRICS_ROWS,
    SURVEYMONKEY_ROWS,
    VERBETERING,
    write_rows,
    write_spss,
    write_surveymonkey_xlsx,
)


def numbers(table: object) -> list[int]:
    return [table.row_number(i) for i in range(len(table.frame))]  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["qualtrics.csv", "qualtrics.xlsx"])
def test_qualtrics_header_rows_are_recognised_and_kept_as_wording(tmp_path: Path, name: str) -> None:
    """Rows 2 (question texts) and 3 (ImportIds) are not respondents; row 2 is the wording; rows keep their number."""
    table = read_export(write_rows(tmp_path / name, QUALTRICS_ROWS))
    assert table.columns == QUALTRICS_ROWS[0]
    assert table.frame["ResponseId"].tolist() == ["R_1a", "R_2b", "R_3c"]
    assert numbers(table) == [4, 5, 6]
    assert table.wordings["Q2_TEXT"] == BELEMMERING
    assert table.wordings["Q3_TEXT"] == VERBETERING
    assert table.skipped_rows == [2, 3]
    assert "Qualtrics" in table.layout and "rij 2–3" in table.layout


def test_qualtrics_without_question_text_row(tmp_path: Path) -> None:
    """An export with the ImportId row right under the names has no wording but still skips that row."""
    rows = [QUALTRICS_ROWS[0], QUALTRICS_ROWS[2], *QUALTRICS_ROWS[3:]]
    table = read_export(write_rows(tmp_path / "q.csv", rows))
    assert table.frame["ResponseId"].tolist() == ["R_1a", "R_2b", "R_3c"]
    assert table.wordings == {} and table.skipped_rows == [2]


def test_malformed_qualtrics_row_is_located(tmp_path: Path) -> None:
    """A cut-off ImportId (the file was edited by hand) is an error naming row 3 and the column."""
    rows = [list(r) for r in QUALTRICS_ROWS]
    rows[2][5] = '{"ImportId":"QID2_TEXT"'
    path = write_rows(tmp_path / "q.csv", rows)
    with pytest.raises(InputError) as info:
        read_export(path)
    assert (info.value.row, info.value.column, info.value.file) == (3, "Q2_TEXT", str(path))
    assert "Qualtrics" in info.value.problem and "--header-rows 3" in info.value.hint


@pytest.mark.parametrize("name", ["monkey.csv", "monkey.xlsx"])
def test_surveymonkey_two_header_rows_and_merged_question_headers(tmp_path: Path, name: str) -> None:
    """Row 2 is not a respondent; columns under a merged question get unique names 'question – option'."""
    path = write_rows(tmp_path / name, SURVEYMONKEY_ROWS) if name.endswith("csv") else \
        write_surveymonkey_xlsx(tmp_path / name)
    table = read_export(path)
    assert table.columns == [
        "Respondent ID", "Collector ID", "Start Date", BELEMMERING,
        "Welke kanalen kent u? – Vertrouwenspersoon", "Welke kanalen kent u? – Meldpunt",
        "Welke kanalen kent u? – Anders (graag specificeren)", "Wat is uw functie?",
    ]
    assert table.frame["Respondent ID"].tolist() == ["114000001", "114000002", "114000003"]
    assert numbers(table) == [3, 4, 5]
    assert table.wordings[BELEMMERING] == BELEMMERING
    assert table.wordings["Welke kanalen kent u? – Anders (graag specificeren)"] == \
        "Welke kanalen kent u? – Anders (graag specificeren)"
    assert table.skipped_rows == [2] and "SurveyMonkey" in table.layout


def test_surveymonkey_long_question_texts_make_short_unique_names(tmp_path: Path) -> None:
    """A question text longer than a name may be is cut at a word; the full text stays the wording."""
    long_text = "Als u terugdenkt aan de afgelopen twaalf maanden, " * 4 + "wat belemmerde u?"
    rows = [["Respondent ID", long_text, long_text + " En nu?"], ["", "Open-Ended Response", "Open-Ended Response"],
            ["1", "antwoord een", "antwoord twee"]]
    table = read_export(write_rows(tmp_path / "m.csv", rows))
    first, second = table.columns[1:]
    assert len(first) <= 81 and first.endswith("…") and second == first + " (2)"
    assert table.wordings[first] == " ".join(long_text.split())


def test_plain_table_is_left_as_it_is(tmp_path: Path) -> None:
    """One header row: nothing detected, nothing skipped."""
    table = read_export(write_csv(tmp_path / "e.csv", SURVEY_ROWS))
    assert table.layout == "" and table.skipped_rows == [] and len(table.frame) == 5


@pytest.mark.parametrize("name", ["tool.csv", "tool.xlsx"])
def test_header_rows_option_for_other_tools(tmp_path: Path, name: str) -> None:
    """--header-rows 4: row 1 names, row 2 wording, rows 3–4 skipped; respondents from row 5."""
    rows = [["id", "open"], ["Respondentnummer", "Wat vindt u?"], ["Base: all", "Base: all"], ["num", "text"],
            ["1", "Goed"], ["2", "Slecht"]]
    table = read_export(write_rows(tmp_path / name, rows), header_rows=4)
    assert table.frame.to_dict("records") == [{"id": "1", "open": "Goed"}, {"id": "2", "open": "Slecht"}]
    assert numbers(table) == [5, 6]
    assert table.wordings == {"id": "Respondentnummer", "open": "Wat vindt u?"}
    assert table.skipped_rows == [2, 3, 4]


def test_header_rows_one_turns_detection_off(tmp_path: Path) -> None:
    """--header-rows 1 reads a Qualtrics-like file as a plain table (the escape when detection is wrong)."""
    table = read_export(write_rows(tmp_path / "q.csv", QUALTRICS_ROWS), header_rows=1)
    assert len(table.frame) == 5 and table.skipped_rows == []


@pytest.mark.parametrize("count,words", [(9, "meer dan het bestand rijen heeft (6"), (6, "alleen kopregels"),
                                         (0, "minstens één kopregel")])
def test_header_rows_that_do_not_fit_the_file(tmp_path: Path, count: int, words: str) -> None:
    """More header rows than the file has, all rows header rows, or zero: a clear error."""
    path = write_rows(tmp_path / "q.csv", QUALTRICS_ROWS)
    with pytest.raises(InputError) as info:
        read_export(path, header_rows=count)
    assert words in info.value.problem and info.value.file == str(path)


def test_header_rows_and_encoding_are_refused_where_they_do_not_apply(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="alleen voor CSV en XLSX"):
        read_export(write_spss(tmp_path / "e.sav"), header_rows=2)
    with pytest.raises(InputError, match="alleen voor SPSS"):
        read_export(write_csv(tmp_path / "e.csv", SURVEY_ROWS), encoding="latin1")
