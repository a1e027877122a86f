"""The `coding` command: every subcommand calls the library, prints a summary, and fails without a traceback."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from coding.cli import main
from coding.store import connect, question_ref
from coding.store.segments import codings_frame
from tests.helpers import SURVEY_ROWS, write_csv

CODEBOOK = """\
codebooks:
  - question: belemmeringen
    themes:
      - code: vertrouwen
        label: Gebrek aan vertrouwen
      - code: opvolging
        label: Geen opvolging
"""


def run(db: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", db, *args], catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.sqlite'}"


def _all_commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in group.commands.items():
        found.append((prefix + name, command))
        if isinstance(command, click.Group):
            found += _all_commands(command, prefix + name + " ")
    return found


@pytest.mark.parametrize("name,command", _all_commands(main))
def test_every_command_has_help_text(name: str, command: click.Command) -> None:
    assert command.help and command.help.strip(), f"`coding {name}` has no help text"


def test_survey_codebook_codings_status_round_trip(db: str, tmp_path: Path) -> None:
    survey = write_csv(tmp_path / "enquete.csv", SURVEY_ROWS)
    code, out = run(db, "init")
    assert code == 0 and "Database klaar" in out
    code, out = run(
        db,
        "import",
        "survey",
        str(survey),
        "--study",
        "s",
        "--id",
        "respondent_id",
        "--text",
        "belemmeringen",
        "--attr",
        "doelgroep",
        "--weight",
        "weging",
    )
    assert code == 0, out
    assert "5 nieuwe respondenten" in out
    book = tmp_path / "codeboek.yaml"
    book.write_text(CODEBOOK, encoding="utf-8")
    code, out = run(db, "codebook", "validate", str(book))
    assert code == 0 and "geldig" in out
    code, out = run(db, "codebook", "load", str(book), "--study", "s", "--question", "belemmeringen")
    assert code == 0 and "2 thema's" in out
    codings = write_csv(
        tmp_path / "codes.csv", [["id", "thema"], ["R1", "vertrouwen|opvolging"], ["R2", "Geen opvolging"]]
    )
    code, out = run(
        db,
        "import",
        "codings",
        str(codings),
        "--study",
        "s",
        "--question",
        "belemmeringen",
        "--id",
        "id",
        "--theme",
        "thema",
        "--coder",
        "anna",
    )
    assert code == 0 and "3 nieuwe coderingen" in out, out
    code, out = run(db, "status", "--study", "s")
    assert code == 0
    assert "belemmeringen" in out and "anna" in out
    header = out.splitlines()[1].split()
    assert header[:5] == ["vraag", "soort", "antwoorden", "inhoudelijk", "gecodeerd"], out  # Dutch, as the app
    store = connect(db)
    frame = codings_frame(store, question_ref(store, "s", "belemmeringen"))
    assert sorted(frame["theme"]) == ["opvolging", "opvolging", "vertrouwen"]
    code, out = run(db, "codebook", "export", "--study", "s", "--question", "belemmeringen")
    assert code == 0 and "code: vertrouwen" in out


def test_a_codebook_goes_out_as_yaml_or_qdc_and_a_qdc_comes_back_in(db: str, tmp_path: Path) -> None:
    run(db, "import", "survey", str(write_csv(tmp_path / "enquete.csv", SURVEY_ROWS)), "--study", "s", "--id",
        "respondent_id", "--text", "belemmeringen")
    book = tmp_path / "codeboek.yaml"
    book.write_text(CODEBOOK, encoding="utf-8")
    assert run(db, "codebook", "load", str(book), "--study", "s", "--question", "belemmeringen")[0] == 0
    out_yaml, out_qdc = tmp_path / "uit.yaml", tmp_path / "uit.qdc"
    code, out = run(db, "codebook", "export", "--study", "s", "--question", "belemmeringen", "-o", str(out_yaml))
    assert code == 0 and "code: vertrouwen" in out_yaml.read_text(encoding="utf-8")
    code, out = run(db, "report", "--study", "s", "--question", "belemmeringen", "--format", "qdc", "-o",
                    str(out_qdc))
    assert code == 0, out
    # the .qdc (as NVivo, ATLAS.ti or MAXQDA would hand it over) loads into another question as the same themes
    run(db, "import", "survey", str(write_csv(tmp_path / "golf2.csv", SURVEY_ROWS)), "--study", "t", "--id",
        "respondent_id", "--text", "belemmeringen")
    code, out = run(db, "codebook", "load", str(out_qdc), "--study", "t", "--question", "belemmeringen")
    assert code == 0 and "2 thema's" in out, out
    code, exported = run(db, "codebook", "export", "--study", "t", "--question", "belemmeringen")
    assert "label: Gebrek aan vertrouwen" in exported and "label: Geen opvolging" in exported
    broken = tmp_path / "kapot.qdc"
    broken.write_bytes(b"<CodeBook")
    code, out = run(db, "codebook", "load", str(broken), "--study", "t", "--question", "belemmeringen")
    assert code == 1 and "kapot.qdc" in out and "Traceback" not in out


def test_transcripts_command(db: str, tmp_path: Path) -> None:
    transcript = tmp_path / "gesprek.txt"
    transcript.write_text(
        "Interviewer: Wat houdt u tegen?\nRespondent: Ik weet niet bij wie ik terecht kan.\n", encoding="utf-8"
    )
    code, out = run(
        db,
        "import",
        "transcripts",
        str(transcript),
        "--study",
        "s",
        "--question",
        "interviews",
        "--attr",
        "organisatietype=provincie",
    )
    assert code == 0, out
    assert "2 nieuwe segmenten" in out


@pytest.mark.parametrize(
    "args,expected",
    [
        (["import", "survey", "missing.csv", "--study", "s", "--id", "id", "--text", "q"], "bestaat niet"),
        (["status", "--study", "onbekend"], "Studie 'onbekend' bestaat niet"),
        (
            ["import", "transcripts", "x.txt", "--study", "s", "--question", "q", "--attr", "zonder-is"],
            "sleutel=waarde",
        ),
    ],
)
def test_errors_exit_1_with_a_message_and_no_traceback(db: str, args: list[str], expected: str) -> None:
    result = CliRunner().invoke(main, ["--db", db, *args])
    assert result.exit_code == 1
    assert expected in result.output
    assert "Traceback" not in result.output


def test_bad_survey_file_names_row_and_column(db: str, tmp_path: Path) -> None:
    bad = write_csv(tmp_path / "bad.csv", [["id", "q", "w"], ["1", "tekst", "1"], ["2", "tekst", "veel"]])
    result = CliRunner().invoke(
        main, ["--db", db, "import", "survey", str(bad), "--study", "s", "--id", "id", "--text", "q", "--weight", "w"]
    )
    assert result.exit_code == 1
    assert "bad.csv" in result.output and "rij 3" in result.output and "kolom 'w'" in result.output
    assert "Traceback" not in result.output


def test_demo_loads_the_fictional_study_twice_without_change(db: str) -> None:
    for wave in ("2022", "2024"):
        if not (Path(__file__).resolve().parents[1] / "data" / "demo" / f"meting_{wave}.csv").exists():
            pytest.fail(f"data/demo/meting_{wave}.csv is missing: the demo study is part of the repository")
    code, out = run(db, "demo")
    assert code == 0, out
    assert "Demo-studie klaar" in out and "meting 2022" in out and "meting 2024" in out
    code, first = run(db, "status")
    code, out = run(db, "demo")
    assert code == 0 and "bestaat al" in out
    code, again = run(db, "status")
    assert again == first  # nothing changed
    assert "belemmeringen" in again and "vrij_voelen" in again and "interviews" in again
