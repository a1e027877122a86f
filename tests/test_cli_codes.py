"""`coding report --format sav` and the codes sheet of `--format xlsx` from the command line: the file, what was
left out, and a clear message (no file, no traceback) when nothing is coded."""

from __future__ import annotations

import io
from pathlib import Path

import pyreadstat
from click.testing import CliRunner
from openpyxl import load_workbook

from coding.cli import main
from coding.store import Store
from tests.codes_fixtures import Q1, Q2, STUDY, handoff_study
from tests.report_fixtures import coded_small_study
from tests.store_fixtures import QUESTION, small_study


def run(url: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", url, *args], catch_exceptions=False)
    return result.exit_code, result.output


def test_sav_of_a_study_with_waves(store: Store, store_url: str, tmp_path: Path) -> None:
    handoff_study(store, tmp_path)
    out = tmp_path / "codes.sav"
    code, output = run(store_url, "report", "--study", STUDY, "--format", "sav", "-o", str(out))
    assert code == 0, output
    assert f"Geschreven: {out} ({Q1}, {Q2})" in output
    frame, meta = pyreadstat.read_sav(str(out))
    assert len(frame) == 20 and list(frame.columns[:3]) == ["respondent_id", "meting", "weging"]
    assert meta.column_names_to_labels["belemmeringen_vertrouwen"] == f"{Q1}: Gebrek aan vertrouwen en openheid"
    code, output = run(store_url, "report", "--study", STUDY, "--format", "sav", "-o", str(out), "--wave", "2024")
    assert code == 0, output
    assert set(pyreadstat.read_sav(str(out))[0]["meting"]) == {2024.0}


def test_sav_and_xlsx_of_the_small_study(store: Store, store_url: str, tmp_path: Path) -> None:
    coded_small_study(store, tmp_path)
    out = tmp_path / "codes.sav"
    code, output = run(store_url, "report", "--study", "monitor", "--question", QUESTION, "--format", "sav", "-o",
                       str(out))
    assert code == 0, output
    frame, meta = pyreadstat.read_sav(str(out))
    assert "meting" not in frame.columns  # imported without waves
    assert meta.file_label == "coding: studie monitor; codeboek belemmeringen v1"
    # R5: anna 'represailles', bram 'vertrouwen' (imported): the union counts
    values = frame.set_index("respondent_id")["belemmeringen_vertrouwen"]
    assert values[["R1", "R2", "R5"]].tolist() == [1.0, 0.0, 1.0]
    assert values[["R3", "R4"]].isna().all()  # 'weet niet' and empty: system-missing
    xlsx = tmp_path / "tabellen.xlsx"
    code, output = run(store_url, "report", "--study", "monitor", "--format", "xlsx", "-o", str(xlsx))
    assert code == 0, output
    sheet = load_workbook(io.BytesIO(xlsx.read_bytes()))["codes"]
    assert [c.value for c in sheet[1]] == list(frame.columns)


def test_nothing_coded_gives_a_message_and_no_file(store: Store, store_url: str, tmp_path: Path) -> None:
    small_study(store, tmp_path)
    out = tmp_path / "codes.sav"
    code, output = run(store_url, "report", "--study", "monitor", "--format", "sav", "-o", str(out))
    assert code == 1
    assert "Studie 'monitor' heeft nog geen gecodeerde antwoorden" in output and "Codeer eerst" in output
    assert "Traceback" not in output and not out.exists()
    code, output = run(store_url, "report", "--study", "monitor", "--question", QUESTION, "--format", "sav", "-o",
                       str(out))
    assert code == 1 and f"Vraag '{QUESTION}' heeft nog geen gecodeerde antwoorden" in output
    assert not out.exists()


def test_the_help_names_the_sav_format(store_url: str) -> None:
    code, output = run(store_url, "report", "--help")
    assert code == 0 and "sav" in output and "SPSS-bestand" in output
