"""Every CSV and XLSX the tool writes is formula-neutral, through one writer (:mod:`coding.output`): ids, answers,
labels and column names that start with = + - @ tab or CR come out prefixed with ' — in `coding cluster -o`,
`coding suggest -o` and every report spreadsheet (codings CSV, matrix CSV, XLSX). The Streamlit pages never
render data as HTML.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from coding.cli import main
from coding.output import FORMULA_STARTS, write_csv, xlsx_row
from coding.report.export import export
from coding.store import Store, connect
from coding.store.codebooks import load_codebook, theme_table
from coding.store.codings import add_coding
from coding.store.segments import segments_frame
from coding.store.studies import study_ref
from tests.conftest import ROOT
from tests.store_fixtures import small_question, small_study
from tests.suggest_fixtures import CODEBOOK, survey_rows

HOSTILE = ['=HYPERLINK("http://evil.example","klik") ', "+31 6 1234", "-2+3", "@SUM(A1:A2)", "\tverborgen",
           "\r=1+1"]


def _hostile_study(store: Store, tmp_path: Path) -> None:
    """60 answers whose ids start with '=', some answers starting with a formula; 40 coded by anna."""
    rows, truth = survey_rows(60, seed=4)
    for index, row in enumerate(rows[1:]):
        row[0] = "=" + row[0]
        if index < len(HOSTILE):
            row[4] = HOSTILE[index] + row[4]
    small_study(store, tmp_path, rows)
    question = small_question(store)
    load_codebook(store, question, CODEBOOK, "lead")
    table = theme_table(store, question)
    themes = {str(c): int(i) for c, i in zip(table["code"], table["theme_id"], strict=True)}
    segments = segments_frame(store, question, substantive_only=True)
    for segment_id, respondent in zip(segments["segment_id"][:40], segments["respondent_id"][:40], strict=True):
        for code in truth[str(respondent).lstrip("=")]:
            add_coding(store, int(segment_id), themes[code], "anna")


def _assert_neutral_csv(text: str, delimiter: str) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter))
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), cell
    return rows


def test_the_writer_prefixes_every_formula_start() -> None:
    out = io.StringIO()
    write_csv(out, pd.DataFrame({"=kolom": HOSTILE, "getal": range(len(HOSTILE))}))
    rows = _assert_neutral_csv(out.getvalue(), ",")
    assert rows[0] == ["'=kolom", "getal"]
    assert [r[0] for r in rows[1:]] == ["'" + h.replace("\r", "\n") for h in HOSTILE]  # a bare CR split the row
    assert xlsx_row(["=1+1", 5, "a\x0bb", None]) == ["'=1+1", 5, "a\ufffdb", None]


def test_report_spreadsheets_are_formula_neutral(tmp_path: Path) -> None:
    store = connect(f"sqlite:///{tmp_path / 'db.sqlite'}")
    _hostile_study(store, tmp_path)
    study = study_ref(store, "monitor")
    codings = _assert_neutral_csv(export(store, study, "csv").content.decode("utf-8"), ";")
    assert any(row[0].startswith("'=R0") for row in codings[1:])
    matrix = _assert_neutral_csv(export(store, study, "matrix").content.decode("utf-8"), ",")
    assert any(row[0].startswith("'=R0") for row in matrix[1:])
    workbook = openpyxl.load_workbook(io.BytesIO(export(store, study, "xlsx").content))
    seen = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(FORMULA_STARTS), (sheet.title, cell.coordinate)
                    seen += cell.value.startswith("'=")
    assert seen > 40  # ids in the codings sheet, and answers that started with '='
    store.dispose()


def test_cluster_and_suggest_csv_are_formula_neutral(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    store = connect(url)
    _hostile_study(store, tmp_path)
    store.dispose()
    clusters, suggestions = tmp_path / "clusters.csv", tmp_path / "voorstellen.csv"
    for args, output in ((["cluster", "--k", "4"], clusters), (["suggest"], suggestions)):
        result = CliRunner().invoke(main, ["--db", url, *args, "--study", "monitor", "--question", "belemmeringen",
                                           "-o", str(output)])
        assert result.exit_code == 0, result.output
        rows = _assert_neutral_csv(output.read_text(encoding="utf-8-sig"), ",")
        assert sum(row[0].startswith("'=R0") for row in rows[1:]) == len(rows) - 1 > 0


@pytest.mark.parametrize("page", sorted((ROOT / "coding" / "ui").rglob("*.py")), ids=lambda p: p.name)
def test_no_page_renders_html_or_writes_unescaped_markdown(page: Path) -> None:
    """Respondent text reaches the screen through st.text, tables or the one escape; never as HTML."""
    source = page.read_text(encoding="utf-8")
    assert "unsafe_allow_html" not in source
    assert "st.html(" not in source and "st.write(" not in source


def test_control_characters_in_answers_do_not_break_the_word_and_excel_exports(tmp_path: Path) -> None:
    """Text pasted from Word carries vertical tabs (manual line breaks); XML cannot hold them, and the .docx and
    .xlsx exports used to stop with a ValueError. They are line breaks on import; other controls a visible '�'."""
    store = connect(f"sqlite:///{tmp_path / 'db.sqlite'}")
    rows, _ = survey_rows(60, seed=4)
    rows[1][4] = "Eerste regel\x0btweede regel\x01 einde"
    small_study(store, tmp_path, rows)
    question = small_question(store)
    load_codebook(store, question, CODEBOOK, "lead")
    segments = segments_frame(store, question, substantive_only=True)
    theme = int(theme_table(store, question)["theme_id"].iloc[0])
    for segment_id in segments["segment_id"][:10]:
        add_coding(store, int(segment_id), theme, "anna")
    stored = segments.set_index("respondent_id").loc["R001", "text"]
    assert stored == "Eerste regel\ntweede regel\ufffd einde"
    study = study_ref(store, "monitor")
    for fmt in ("docx", "xlsx", "qdpx"):
        assert export(store, study, fmt).content
    store.dispose()
