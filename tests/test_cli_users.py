"""`coding users …` and `--user` / CODING_PASSWORD on a shared database, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import select

from coding.cli import main
from coding.store import Store, question_ref
from coding.store.models import Account, Event
from coding.store.segments import codings_frame
from tests.account_fixtures import PASSWORD, fast_hashing, team_study  # noqa: F401 - autouse fixture
from tests.helpers import SURVEY_ROWS, write_csv
from tests.store_fixtures import QUESTION, STUDY


def run(url: str, *args: str, input: str | None = None, password: str | None = None) -> Result:
    env = {"CODING_PASSWORD": password} if password is not None else {}
    return CliRunner().invoke(main, ["--db", url, *args], input=input, env=env)


@pytest.fixture(autouse=True)
def no_user_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CODING_USER", raising=False)
    monkeypatch.delenv("CODING_PASSWORD", raising=False)


def test_first_user_then_a_team(store: Store, store_url: str) -> None:
    result = run(store_url, "users", "list")
    assert result.exit_code == 0 and "nog geen gebruikers" in result.output
    result = run(store_url, "users", "add", "anna", "--role", "codeur", "--password-stdin", input=PASSWORD + "\n")
    assert result.exit_code == 1 and "De eerste gebruiker moet beheerder van alle studies zijn" in result.output
    result = run(store_url, "users", "add", "anna", "--role", "beheerder", "--password-stdin", input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert "Gebruiker 'anna' toegevoegd: alle studies: beheerder." in result.output
    # from now on, who adds a user must log in: the new password on stdin, their own in CODING_PASSWORD
    result = run(store_url, "users", "add", "bram", "--role", "lezer", "--password-stdin", input=PASSWORD + "\n")
    assert result.exit_code == 1 and "--user NAAM" in result.output
    result = run(store_url, "users", "add", "bram", "--role", "lezer", "--password-stdin", "--user", "anna",
                 input="nog een wachtwoord\n", password=PASSWORD)
    assert result.exit_code == 0, result.output
    # or typed at the prompt (hidden), after the new password's line
    result = run(store_url, "users", "add", "carla", "--role", "lezer", "--password-stdin", "--user", "anna",
                 input=f"derde wachtwoord\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output
    listed = run(store_url, "users", "list", "--user", "anna", password=PASSWORD)
    assert listed.exit_code == 0
    lines = listed.output.splitlines()
    assert lines[0].startswith("anna") and "alle studies: beheerder" in lines[0] and "laatste login: 20" in lines[0]
    assert "bram" in lines[1] and "laatste login: nog nooit" in lines[1]


@pytest.mark.parametrize(
    ("password", "message"),
    [("kort", "te kort (4 tekens)"), ("anna", "te kort"), ("annaannaanna", None)],
)
def test_password_rules_on_the_command_line(store_url: str, password: str, message: str | None) -> None:
    result = run(store_url, "users", "add", "annaannaanna", "--role", "beheerder", "--password-stdin",
                 input=password + "\n")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert (message or "gelijk zijn aan de gebruikersnaam") in result.output


def test_passwords_come_from_stdin_only(store_url: str) -> None:
    result = run(store_url, "users", "add", "anna", "--role", "beheerder", input=PASSWORD + "\n")
    assert result.exit_code == 2 and "--password-stdin" in result.output


def test_commands_that_change_a_study_need_the_user_and_their_password(
    store: Store, store_url: str, tmp_path: Path
) -> None:
    team_study(store, tmp_path)
    survey = write_csv(tmp_path / "meer.csv", [*SURVEY_ROWS, ["R7", "medewerker", "gemeente", "1", "Nieuw antwoord"]])
    args = ["import", "survey", str(survey), "--study", STUDY, "--id", "respondent_id", "--text", QUESTION,
            "--attr", "doelgroep", "--attr", "bestuurslaag", "--weight", "weging"]
    result = run(store_url, *args)
    assert result.exit_code == 1 and "Deze database heeft gebruikers" in result.output
    result = run(store_url, *args, "--user", "anna", password="fout wachtwoord")
    assert result.exit_code == 1 and "verkeerd wachtwoord" in result.output
    result = run(store_url, *args, "--user", "bram", password=PASSWORD)  # a codeur may not import
    assert result.exit_code == 1 and "rol beheerder nodig" in result.output
    result = run(store_url, *args, "--user", "mira", "--actor", "iemand anders", password=PASSWORD)
    assert result.exit_code == 0, result.output
    with store.read() as session:
        actor = session.scalar(select(Event.actor).where(Event.action == "import.survey").order_by(Event.id.desc()))
    assert actor == "mira"  # the logged-in user, whatever --actor says


def test_reading_commands_show_only_the_users_studies(store: Store, store_url: str, tmp_path: Path) -> None:
    team_study(store, tmp_path)
    result = run(store_url, "status", "--user", "otto", input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert "Studie: pilot" in result.output and "monitor" not in result.output
    result = run(store_url, "status", "--study", STUDY, "--user", "otto", password=PASSWORD)
    assert result.exit_code == 1 and "geen rol in" in result.output
    result = run(store_url, "status", "--user", "lena", password=PASSWORD)
    assert "Studie: monitor" in result.output and "pilot" not in result.output


def test_double_coding_and_closing_the_round(store: Store, store_url: str, tmp_path: Path) -> None:
    themes = team_study(store, tmp_path)
    base = ["--study", STUDY, "--question", QUESTION]
    result = run(store_url, "double-code", *base, "--coder", "bram", "--coder", "carla", "--size", "1",
                 "--user", "bram", password=PASSWORD)
    assert result.exit_code == 1 and "dubbel coderen starten" in result.output
    result = run(store_url, "double-code", *base, "--coder", "bram", "--coder", "carla", "--size", "1",
                 "--user", "mira", password=PASSWORD)
    assert result.exit_code == 0, result.output
    q = question_ref(store, STUDY, QUESTION)
    from coding.store.codings import add_coding
    from coding.work.double_coding import samples

    (segment,) = samples(store, q)[0].segment_ids
    add_coding(store, segment, themes["vertrouwen"], "bram")
    add_coding(store, segment, themes["opvolging"], "carla")
    out = tmp_path / "bram.csv"
    result = run(store_url, "report", "--study", STUDY, "--question", QUESTION, "--format", "csv", "-o", str(out),
                 "--user", "bram", password=PASSWORD)
    assert result.exit_code == 0, result.output
    assert "carla" not in out.read_text(encoding="utf-8-sig")  # blind until the round is closed
    assert run(store_url, "close-round", *base, "--user", "carla", password=PASSWORD).exit_code == 1
    result = run(store_url, "close-round", *base, "--user", "mira", password=PASSWORD)
    assert result.exit_code == 0 and "1 ronde(s) dubbel coderen gesloten" in result.output
    run(store_url, "report", "--study", STUDY, "--question", QUESTION, "--format", "csv", "-o", str(out),
        "--user", "bram", password=PASSWORD)
    assert "carla" in out.read_text(encoding="utf-8-sig")
    assert set(codings_frame(store, q)["coder"]) == {"bram", "carla"}


def test_grant_passwd_and_remove(store: Store, store_url: str, tmp_path: Path) -> None:
    team_study(store, tmp_path)
    result = run(store_url, "users", "grant", "otto", "--study", STUDY, "--role", "codeur", "--user", "mira",
                 password=PASSWORD)
    assert result.exit_code == 0 and "'otto': monitor: codeur, pilot: codeur." in result.output
    result = run(store_url, "users", "grant", "otto", "--role", "beheerder", "--user", "mira", password=PASSWORD)
    assert result.exit_code == 1 and "op alle studies nodig" in result.output
    # your own password: the new one on stdin, the current one asked
    result = run(store_url, "users", "passwd", "bram", "--password-stdin", input=f"bram nieuw wachtwoord\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert run(store_url, "status", "--user", "bram", password=PASSWORD).exit_code == 1
    assert run(store_url, "status", "--user", "bram", password="bram nieuw wachtwoord").exit_code == 0
    result = run(store_url, "users", "passwd", "carla", "--password-stdin", "--user", "bram",
                 input="overgenomen wachtwoord\n", password="bram nieuw wachtwoord")
    assert result.exit_code == 1 and "gebruikers beheren" in result.output
    assert run(store_url, "users", "remove", "otto", "--user", "mira", password=PASSWORD).exit_code == 1
    result = run(store_url, "users", "remove", "otto", "--user", "anna", password=PASSWORD)
    assert result.exit_code == 0 and "'otto' verwijderd" in result.output
    with store.read() as session:
        assert "otto" not in set(session.scalars(select(Account.name)))
        payloads = str([(e.actor, e.payload) for e in session.scalars(select(Event))])
    for secret in (PASSWORD, "bram nieuw wachtwoord", "overgenomen wachtwoord", "$argon2"):
        assert secret not in payloads
