"""`coding import survey` with platform exports: --wording (repeatable), --header-rows, --encoding, the summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from coding.store import connect, question_ref
from tests.ingest_helpers import dump
from tests.platform_files import (
    BELEMMERING,
    QUALTRICS_ROWS,
    with_unknown_encoding,
    write_rows,
    write_spss,
)
from tests.test_cli import run


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A fresh SQLite database for the command line."""
    return f"sqlite:///{tmp_path / 'platforms.sqlite'}"


def test_spss_import_with_repeated_wording_option(db: str, tmp_path: Path) -> None:
    path = write_spss(tmp_path / "e.sav")
    code, out = run(db, "import", "survey", str(path), "--study", "s", "--id", "respnr", "--text", "belemmering",
                    "--text", "verbetering", "--wording", "verbetering=Wat kan beter?",
                    "--wording", "belemmering=Wat houdt u tegen?")
    assert code == 0, out
    assert "Vraagtekst verbetering (opgegeven): “Wat kan beter?”" in out
    store = connect(db)
    assert question_ref(store, "s", "belemmering").wording == "Wat houdt u tegen?"
    assert question_ref(store, "s", "verbetering").wording == "Wat kan beter?"
    store.dispose()


def test_qualtrics_import_says_what_it_detected(db: str, tmp_path: Path) -> None:
    path = write_rows(tmp_path / "q.csv", QUALTRICS_ROWS)
    code, out = run(db, "import", "survey", str(path), "--study", "s", "--id", "ResponseId", "--text", "Q2_TEXT")
    assert code == 0, out
    assert "3 nieuwe respondenten" in out and "Qualtrics-export herkend" in out
    assert f"Vraagtekst Q2_TEXT (uit het bestand): “{BELEMMERING}”" in out


@pytest.mark.parametrize("extra,words", [
    (["--header-rows", "12"], "--header-rows 12 is meer dan het bestand rijen heeft"),
    (["--wording", "Q9=Bestaat niet?"], "'Q9'"),
    (["--wording", "zonder-isteken"], "KOLOM=Vraagtekst"),
])
def test_bad_options_fail_cleanly_and_change_nothing(db: str, tmp_path: Path, extra: list[str], words: str) -> None:
    path = write_rows(tmp_path / "q.csv", QUALTRICS_ROWS)
    assert run(db, "import", "survey", str(path), "--study", "s", "--id", "ResponseId", "--text", "Q2_TEXT")[0] == 0
    store = connect(db)
    before = dump(store)
    code, out = run(db, "import", "survey", str(path), "--study", "t", "--id", "ResponseId", "--text", "Q2_TEXT",
                    *extra)
    assert code == 1 and words in out and "Traceback" not in out
    assert dump(store) == before
    store.dispose()


def test_unknown_spss_encoding_suggests_the_option_that_fixes_it(db: str, tmp_path: Path) -> None:
    path = with_unknown_encoding(write_spss(tmp_path / "oud.sav"))
    args = ["import", "survey", str(path), "--study", "s", "--id", "respnr", "--text", "belemmering"]
    code, out = run(db, *args)
    assert code == 1 and "XYZ-9" in out and "--encoding" in out
    code, out = run(db, *args, "--encoding", "UTF-8")
    assert code == 0, out
    assert "4 nieuwe respondenten" in out
