"""`coding report`: every format from the command line; clear errors and no file when there is nothing to report."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook

from coding.cli import main
from coding.store import Store
from tests.report_fixtures import coded_small_study
from tests.store_fixtures import QUESTION, STUDY, small_study


def run(url: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", url, *args], catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def coded(store: Store, store_url: str, tmp_path: Path) -> str:
    coded_small_study(store, tmp_path)
    return store_url


def test_markdown_section_with_options(coded: str, tmp_path: Path) -> None:
    out = tmp_path / "rapport.md"
    code, output = run(coded, "report", "--study", STUDY, "--question", QUESTION, "--format", "md", "-o", str(out),
                       "--weighted", "--by", "doelgroep", "--quotes", "2", "--population", "alle medewerkers",
                       "--min-base", "1")  # three respondents: percentages only with a lower --min-base
    assert code == 0, output
    assert f"Geschreven: {out}" in output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("## Belemmeringen")
    assert "Basis: alle medewerkers, exclusief 'weet niet'; n = 3 (effectieve n = 3)." in text
    assert "% gewogen" in text and "naar doelgroep" in text


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "csv", "matrix", "qdpx", "qdc"])
def test_every_format(coded: str, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"uitvoer.{fmt}"
    code, output = run(coded, "report", "--study", STUDY, "--question", QUESTION, "--format", fmt, "-o", str(out))
    assert code == 0, output
    data = out.read_bytes()
    if fmt == "docx":
        assert Document(io.BytesIO(data)).paragraphs[0].text == "Belemmeringen"
    elif fmt == "xlsx":
        assert "Coderingen" in load_workbook(io.BytesIO(data)).sheetnames
    elif fmt == "csv":
        assert data.decode("utf-8-sig").splitlines()[0] == "respondent;segment;vraag;thema;codeur;bron"
    elif fmt == "matrix":
        assert data.decode().splitlines()[0] == "respondent_id,weight,vertrouwen,opvolging,represailles"
    elif fmt == "qdpx":
        assert "project.qde" in zipfile.ZipFile(io.BytesIO(data)).namelist()
    else:
        assert b"urn:QDA-XML:codebook:1.0" in data


def test_whole_study_report(coded: str, tmp_path: Path) -> None:
    out = tmp_path / "studie.md"
    code, output = run(coded, "report", "--study", STUDY, "--format", "md", "-o", str(out))
    assert code == 0, output
    assert out.read_text(encoding="utf-8").startswith(f"# {STUDY}\n")


def test_nothing_coded_gives_a_message_and_no_file(store: Store, store_url: str, tmp_path: Path) -> None:
    small_study(store, tmp_path)
    out = tmp_path / "leeg.md"
    code, output = run(store_url, "report", "--study", STUDY, "--question", QUESTION, "--format", "md", "-o",
                       str(out))
    assert code == 1
    assert "nog geen gecodeerde antwoorden" in output and "Traceback" not in output
    assert not out.exists()


def test_unknown_attribute_and_question_are_clear_errors(coded: str, tmp_path: Path) -> None:
    out = tmp_path / "x.md"
    code, output = run(coded, "report", "--study", STUDY, "--format", "md", "-o", str(out), "--by", "functie")
    assert code == 1 and "Kenmerk 'functie' bestaat niet" in output and "doelgroep" in output
    code, output = run(coded, "report", "--study", STUDY, "--question", "onbekend", "--format", "md", "-o", str(out))
    assert code == 1 and "Vraag 'onbekend' bestaat niet" in output
    assert not out.exists()


def test_qdc_needs_a_question(coded: str, tmp_path: Path) -> None:
    code, output = run(coded, "report", "--study", STUDY, "--format", "qdc", "-o", str(tmp_path / "c.qdc"))
    assert code == 1 and "--question" in output


def test_base_inclusief_puts_dont_know_in_the_base_but_not_empty_answers(coded: str, tmp_path: Path) -> None:
    out = tmp_path / "rapport.md"
    code, output = run(coded, "report", "--study", STUDY, "--question", QUESTION, "--format", "md", "-o", str(out),
                       "--base", "inclusief")
    assert code == 0, output
    text = out.read_text(encoding="utf-8")
    # R1, R2, R5 answered, R3 said 'weet niet' (in), R4 left it empty (never in a basis)
    assert "Basis: alle respondenten, inclusief 'weet niet'; n = 4." in text
    assert "| Geen inhoudelijk antwoord (weet niet, geen, …) | 1 |" in text  # a basis of 4: a count, no %
    code, output = run(coded, "report", "--study", STUDY, "--question", QUESTION, "--format", "md", "-o", str(out))
    assert "Basis: alle respondenten, exclusief 'weet niet'; n = 3." in out.read_text(encoding="utf-8")


def test_unknown_wave_is_a_clear_error(coded: str, tmp_path: Path) -> None:
    out = tmp_path / "rapport.md"
    result = CliRunner().invoke(main, ["--db", coded, "report", "--study", STUDY, "--question", QUESTION, "--format",
                                       "md", "-o", str(out), "--wave", "2030"])
    assert result.exit_code != 0 and "Meting '2030' bestaat niet" in result.output
    assert "Traceback" not in result.output and not out.exists()


def test_disclosure_and_correction_options(coded: str, tmp_path: Path) -> None:
    out = tmp_path / "rapport.md"
    code, output = run(coded, "report", "--study", STUDY, "--question", QUESTION, "--format", "md", "-o", str(out),
                       "--by", "doelgroep")
    assert code == 0, output
    text = out.read_text(encoding="utf-8")
    # three respondents: counts, no percentages; every group under 5: no column of its own
    assert "| Gebrek aan vertrouwen | 2 |" in text and "%" not in text.split("**Tabel 1.1 ")[1].split("**Tabel 1.2 ")[0]
    assert "Groepen met minder dan 5 respondenten:" in text
    code, output = run(coded, "report", "--study", STUDY, "--question", QUESTION, "--format", "md", "-o", str(out),
                       "--by", "doelgroep", "--min-base", "1", "--min-group", "1", "--correction", "bonferroni")
    assert code == 0, output
    text = out.read_text(encoding="utf-8")
    assert "| Gebrek aan vertrouwen | 2 | 67% |" in text and "medewerker (n = " in text
    assert "na Bonferroni-correctie" in text and "Groepen met minder dan" not in text


@pytest.mark.parametrize(("option", "value", "words"), [
    ("--min-base", "0", "De kleinste basis voor een percentage (--min-base) moet een geheel getal van minstens 1"),
    ("--min-group", "-1", "De kleinste groep (--min-group) moet een geheel getal van minstens 1"),
    ("--correction", "holm", "Onbekende correctie voor meervoudig toetsen: 'holm'"),
])
def test_bad_disclosure_options_are_clear_errors(coded: str, tmp_path: Path, option: str, value: str,
                                                 words: str) -> None:
    for fmt in ("md", "qdc"):
        out = tmp_path / f"x.{fmt}"
        code, output = run(coded, "report", "--study", STUDY, "--question", QUESTION, "--format", fmt, "-o",
                           str(out), option, value)
        assert code == 1 and words in output and "Traceback" not in output
        assert "none, bh, bonferroni" in output or option != "--correction"
        assert not out.exists()
