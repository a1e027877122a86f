"""`coding report --style/--population/--with-interviews`: stored per question with --question, clear errors, and the
database left as it was when the report cannot be made. On SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from coding.cli import main
from coding.store import Store, question_ref, study_ref
from coding.store.events import history
from coding.store.report_settings import ReportSettings, report_settings
from tests.report_fixtures import (
    INTERVIEW_TOPIC,
    QUALITATIVE_POPULATION,
    QUALITATIVE_QUESTION,
    QUALITATIVE_STUDY,
    qualitative_study,
)

ARGS = ["report", "--study", QUALITATIVE_STUDY, "--format", "md"]


def run(url: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", url, *args], catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def url(store: Store, store_url: str, tmp_path: Path) -> str:
    qualitative_study(store, tmp_path)
    return store_url


def _settings(store: Store, question: str = QUALITATIVE_QUESTION) -> ReportSettings:
    return report_settings(store, question_ref(store, QUALITATIVE_STUDY, question))


def test_style_and_population_are_remembered_for_the_question(url: str, store: Store, tmp_path: Path) -> None:
    out = tmp_path / "a.md"
    code, output = run(url, *ARGS, "--question", QUALITATIVE_QUESTION, "-o", str(out), "--style", "kwalitatief",
                       "--population", "raadsleden en wethouders", "--actor", "anna")
    assert code == 0, output
    assert "Deze vraag is gesteld aan raadsleden en wethouders." in out.read_text(encoding="utf-8")
    assert _settings(store) == ReportSettings("raadsleden en wethouders", "kwalitatief")
    actions = {e["action"]: e["actor"] for e in reversed(history(store, study_ref(store, QUALITATIVE_STUDY)))}
    assert actions["question.population"] == "anna" and actions["question.report_style"] == "anna"
    again = tmp_path / "b.md"
    code, output = run(url, *ARGS, "--question", QUALITATIVE_QUESTION, "-o", str(again))
    assert code == 0, output
    text = again.read_text(encoding="utf-8")
    assert "Deze vraag is gesteld aan raadsleden en wethouders." in text and "| " not in text


def test_an_empty_population_goes_back_to_the_routing(url: str, store: Store, tmp_path: Path) -> None:
    out = tmp_path / "a.md"
    code, output = run(url, *ARGS, "--question", QUALITATIVE_QUESTION, "-o", str(out), "--population", "")
    assert code == 0, output
    assert "Basis: alle respondenten, exclusief 'weet niet'; n = 40." in out.read_text(encoding="utf-8")
    assert _settings(store).population is None


def test_without_a_question_the_style_is_used_but_not_stored(url: str, store: Store, tmp_path: Path) -> None:
    out = tmp_path / "studie.md"
    code, output = run(url, *ARGS, "-o", str(out), "--style", "kwalitatief", "--population", "iedereen")
    assert code == 0, output
    assert "De meest genoemde reden is" in out.read_text(encoding="utf-8")
    assert _settings(store) == ReportSettings(QUALITATIVE_POPULATION, None)


def test_tables_for_an_interview_question_are_refused_and_nothing_changes(
    url: str, store: Store, tmp_path: Path
) -> None:
    out = tmp_path / "interviews.md"
    code, output = run(url, *ARGS, "--question", INTERVIEW_TOPIC, "-o", str(out), "--style", "tabellen",
                       "--population", "griffiers")
    assert code == 1
    assert "altijd kwalitatief" in output and "Traceback" not in output
    assert not out.exists()
    assert _settings(store, INTERVIEW_TOPIC) == ReportSettings(None, None)


def test_a_report_that_cannot_be_made_stores_nothing(url: str, store: Store, tmp_path: Path) -> None:
    out = tmp_path / "a.md"
    code, output = run(url, *ARGS, "--question", QUALITATIVE_QUESTION, "-o", str(out), "--style", "kwalitatief",
                       "--wave", "2030")
    assert code == 1 and "2030" in output
    assert _settings(store) == ReportSettings(QUALITATIVE_POPULATION, None)


def test_with_interviews(url: str, tmp_path: Path) -> None:
    out = tmp_path / "samen.docx"
    code, output = run(url, "report", "--study", QUALITATIVE_STUDY, "--question", QUALITATIVE_QUESTION, "--format",
                       "docx", "-o", str(out), "--style", "kwalitatief", "--with-interviews", INTERVIEW_TOPIC)
    assert code == 0, output
    from docx import Document

    texts = [p.text for p in Document(str(out)).paragraphs]
    assert "Een aantal citaten uit de interviews:" in texts
    assert any(t.endswith("(Kleine gemeente)") for t in texts)


def test_with_interviews_of_a_survey_question_is_a_clear_error(url: str, tmp_path: Path) -> None:
    out = tmp_path / "fout.md"
    code, output = run(url, *ARGS, "--question", QUALITATIVE_QUESTION, "-o", str(out), "--with-interviews",
                       QUALITATIVE_QUESTION)
    assert code == 1
    assert "geen interviewvraag" in output and INTERVIEW_TOPIC in output and "Traceback" not in output
    assert not out.exists()


def test_help_names_the_new_options() -> None:
    output = CliRunner().invoke(main, ["report", "--help"]).output
    for option in ("--style", "--population", "--with-interviews", "kwalitatief", "tabellen"):
        assert option in output
