"""XLSX, the long CSV and the 0/1 matrix: contents, and formula injection neutralised."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from coding.analysis.build import analyse_question
from coding.analysis.model import ReportData, ReportOptions
from coding.report.spreadsheet import (
    long_codings,
    neutralise,
    theme_matrix,
    variable_name,
    write_codings_csv,
    write_matrix_csv,
    write_xlsx,
)
from tests.report_fixtures import hand_data

INJECTIONS = ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tverborgen", "\rregel"]


def _report(**options: object) -> ReportData:
    section = analyse_question(hand_data(), ReportOptions(**options))  # type: ignore[arg-type]
    return ReportData("hand", "", section.options, [section], single=True)


def _injected() -> ReportData:
    """The hand study with formulas as respondent ids, answers and coder names."""
    data = hand_data()
    data.segments.loc[data.segments["respondent_id"] == "R1", "text"] = "=HYPERLINK(\"http://x\",\"klik\") of niet?"
    data.codings.loc[data.codings["respondent_id"] == "R1", "coder"] = "@SUM(A1)"
    rename = {"R7": "-2+3", "R6": "+1+1"}
    for frame in (data.segments, data.codings, data.respondents):
        frame["respondent_id"] = frame["respondent_id"].replace(rename)
    section = analyse_question(data, ReportOptions(quotes=5, by=("doelgroep",), min_base=1, min_group=1))
    return ReportData("hand", "", section.options, [section], single=True)


@pytest.mark.parametrize("value", INJECTIONS)
def test_neutralise_prefixes_formula_starts(value: str) -> None:
    assert neutralise(value) == "'" + value


def test_neutralise_leaves_other_values() -> None:
    assert neutralise("Gewoon een antwoord") == "Gewoon een antwoord"
    assert neutralise(-3) == -3 and neutralise(None) is None


def test_long_csv_has_every_coding_and_no_formulas() -> None:
    buffer = io.StringIO()
    write_codings_csv(_injected(), buffer)
    text = buffer.getvalue()
    assert text.startswith("\ufeffrespondent;segment;vraag;thema;codeur;bron\r\n")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == 1 + len(hand_data().codings)
    cells = [cell for row in rows for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
    assert "'@SUM(A1)" in cells and "'-2+3" in cells and "'+1+1" in cells


def test_long_codings_frame() -> None:
    frame = long_codings(_report())
    assert list(frame.columns) == ["respondent", "segment", "vraag", "thema", "codeur", "bron"]
    assert set(frame["bron"]) == {"manual", "cluster", "adjudicated"}


def test_matrix_is_zero_one_with_nets_and_weights() -> None:
    frame = theme_matrix(_report())
    assert list(frame.columns) == ["respondent_id", "weight", "a", "a1", "a2", "b", "overig"]
    row = frame.set_index("respondent_id").loc["R3"]
    assert (row["a"], row["a1"], row["a2"], row["b"]) == (1, 1, 1, 0)  # 'a' is the net of its subthemes
    assert frame.set_index("respondent_id").loc["R4", "b"] == 1  # merged theme x counts as b
    buffer = io.StringIO()
    write_matrix_csv(_report(), buffer)
    read = pd.read_csv(io.StringIO(buffer.getvalue()))
    assert len(read) == 8 and read["weight"].sum() == pytest.approx(10.0)


def test_matrix_of_several_questions_leaves_respondents_outside_a_basis_empty() -> None:
    first = analyse_question(hand_data())
    other = hand_data()
    other.name = "tweede"
    other.segments = other.segments[other.segments["respondent_id"].isin(["R1", "R2"])]
    second = analyse_question(other)
    frame = theme_matrix(ReportData("hand", "", first.options, [first, second]))
    assert "vraag_a1" in frame.columns and "tweede_a1" in frame.columns
    assert pd.isna(frame.set_index("respondent_id").loc["R3", "tweede_a1"])


def test_variable_names_suit_spss_and_r() -> None:
    taken: set[str] = set()
    assert variable_name("vrij_voelen_relatie collega's", taken) == "vrij_voelen_relatie_collega_s"
    assert variable_name("1e thema", taken) == "v_1e_thema"
    assert variable_name("één", taken) == "een"
    assert variable_name("een", taken) == "een_2"


def test_xlsx_has_a_sheet_per_table_and_neutralised_cells() -> None:
    buffer = io.BytesIO()
    write_xlsx(_injected(), buffer)
    buffer.seek(0)
    workbook = load_workbook(buffer)
    assert workbook.sheetnames == ["vraag aantallen", "vraag doelgroep", "Citaten", "Coderingen"]
    counts = [row for row in workbook["vraag aantallen"].iter_rows(values_only=True)]
    assert counts[0][:5] == ("thema", "label", "netto", "aantal", "aandeel")
    assert counts[1][:5] == ("a", "Thema A", "ja", 3, 0.375)
    crosstab = list(workbook["vraag doelgroep"].iter_rows(values_only=True))
    assert "bestuurder significantie" in crosstab[0]
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r")), cell.value
    codings = list(workbook["Coderingen"].iter_rows(values_only=True))
    assert codings[0] == ("respondent", "segment", "vraag", "thema", "label", "codeur", "bron", "tijd", "tekst")
    assert any(row[8] == "'=HYPERLINK(\"http://x\",\"klik\") of niet?" for row in codings)
    assert any("[telefoonnummer]" in str(row[8]) for row in codings)  # texts are masked


def test_xlsx_quotes_sheet_lists_masked_personal_data() -> None:
    buffer = io.BytesIO()
    write_xlsx(_report(quotes=5), buffer)
    buffer.seek(0)
    quotes = list(load_workbook(buffer)["Citaten"].iter_rows(values_only=True))
    assert quotes[0][4] == "citaat"
    assert any(row[9] == "telefoonnummer" for row in quotes[1:])
