"""Broken files and unusable databases give a message that says what to do — never a traceback, a bare
'(KeyError)' or "meld het als bug" — exit code 1, and the database exactly as it was.
"""

from __future__ import annotations

import os
import sys
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner, Result
from streamlit.testing.v1 import AppTest

from coding.cli import main
from coding.errors import CodingError, InputError
from coding.ingest.reading import OLE_MAGIC
from coding.ingest.survey import SurveyMapping, import_survey
from coding.ingest.transcripts import import_transcripts
from coding.store import Store, connect
from tests.helpers import write_csv
from tests.hostile.bounds import run_bounded
from tests.hostile.snapshot import snapshot
from tests.store_fixtures import STUDY, small_study

MAPPING = SurveyMapping(id="id", texts=["tekst"])


def _cli(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env=env)


def _no_crash(result: Result) -> None:
    assert result.exit_code == 1, result.output
    assert "meld het als bug" not in result.output and "Traceback" not in result.output
    assert "Onverwachte fout" not in result.output


def _docx_without_document(path: Path) -> Path:
    good = path.with_name("goed.docx")
    document = docx.Document()
    document.add_paragraph("Respondent: ja")
    document.save(str(good))
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as out:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                out.writestr(info, source.read(info))
    return path


def test_docx_without_its_document_part_is_a_message(store: Store, store_url: str, tmp_path: Path) -> None:
    small_study(store, tmp_path)
    before = snapshot(store)
    path = _docx_without_document(tmp_path / "leeg.docx")
    with pytest.raises(InputError) as info:
        import_transcripts(store, [path], STUDY, "interview")
    assert "word/document.xml ontbreekt" in info.value.problem and info.value.file == str(path)
    assert "opnieuw op als .docx" in info.value.hint
    _no_crash(_cli("--db", store_url, "import", "transcripts", str(path), "--study", STUDY, "--question", "x"))
    assert snapshot(store) == before


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_password_protected_office_file_is_a_message(store: Store, tmp_path: Path, suffix: str) -> None:
    """Office encrypts a file with a password into an OLE container (what Excel and Word write)."""
    small_study(store, tmp_path)
    before = snapshot(store)
    path = tmp_path / f"geheim{suffix}"
    path.write_bytes(OLE_MAGIC + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 2048)
    with pytest.raises(InputError) as info:
        if suffix == ".xlsx":
            import_survey(store, path, STUDY, MAPPING)
        else:
            import_transcripts(store, [path], STUDY, "interview")
    assert "wachtwoord" in info.value.problem and "verwijder het wachtwoord" in info.value.hint
    assert snapshot(store) == before


def test_sav_with_a_wrong_header_is_a_message(store: Store, store_url: str, tmp_path: Path) -> None:
    small_study(store, tmp_path)
    before = snapshot(store)
    path = tmp_path / "kapot.sav"
    path.write_bytes(b"$FL2@(#) niet echt SPSS" + bytes(range(256)) * 4)
    with pytest.raises(InputError) as info:
        import_survey(store, path, STUDY, MAPPING)
    assert "SPSS-bestand is niet te lezen" in info.value.problem and info.value.file == str(path)
    _no_crash(_cli("--db", store_url, "import", "survey", str(path), "--study", STUDY, "--id", "id", "--text", "t"))
    assert snapshot(store) == before


def test_database_url_pointing_to_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notities.sqlite"
    path.write_bytes(b"Dit zijn mijn notities, geen database.\n" * 200)
    before = path.read_bytes()
    result = _cli("status", env={"CODING_DB_URL": f"sqlite:///{path}"})
    _no_crash(result)
    assert "geen database van coding" in result.output and "CODING_DB_URL" in result.output
    assert path.read_bytes() == before


def test_read_only_sqlite_database_is_a_message_and_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "alleen-lezen.sqlite"
    writable = connect(f"sqlite:///{path}")
    small_study(writable, tmp_path)
    before = snapshot(writable)
    survey = write_csv(tmp_path / "nieuw.csv", [["id", "tekst"], ["N1", "een nieuw antwoord"]])
    result = _cli("--db", f"sqlite:///file:{path}?mode=ro&uri=true", "import", "survey", str(survey),
                  "--study", STUDY, "--id", "id", "--text", "tekst")
    _no_crash(result)
    assert "alleen-lezen" in result.output and "schrijfrechten" in result.output
    assert snapshot(writable) == before
    writable.dispose()


@pytest.mark.postgres
def test_read_only_postgresql_user_is_a_message_and_unchanged(pg_store: Store, tmp_path: Path) -> None:
    small_study(pg_store, tmp_path)
    before = snapshot(pg_store)
    url = pg_store.engine.url.render_as_string(hide_password=False)
    read_only = url + "?options=-c%20default_transaction_read_only%3Don"
    survey = write_csv(tmp_path / "nieuw.csv", [["id", "tekst"], ["N1", "een nieuw antwoord"]])
    result = _cli("--db", read_only, "import", "survey", str(survey), "--study", STUDY, "--id", "id",
                  "--text", "tekst")
    _no_crash(result)
    assert "alleen-lezen" in result.output
    assert snapshot(pg_store) == before


def test_full_disk_is_a_message_and_the_import_is_rolled_back(tmp_path: Path) -> None:
    """The child may write files of at most a little more than the database already is (RLIMIT_FSIZE)."""
    path = tmp_path / "vol.sqlite"
    store = connect(f"sqlite:///{path}")
    small_study(store, tmp_path)
    store.dispose()
    big = write_csv(tmp_path / "groot.csv", [["id", "tekst"]] + [[f"N{i}", f"antwoord nummer {i} " * 20]
                                                                     for i in range(3000)])
    before = snapshot(connect(f"sqlite:///{path}"))
    limit = os.path.getsize(path) + 64 * 1024
    outcome = run_bounded(f"""
        import resource, signal
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
        from click.testing import CliRunner
        from coding.cli import main
        result = CliRunner().invoke(main, ["--db", "sqlite:///{path}", "import", "survey", "{big}",
                                           "--study", "{STUDY}", "--id", "id", "--text", "tekst"])
        outcome["result"] = [result.exit_code, result.output]
    """)
    assert outcome.type is None, outcome.error
    code, output = outcome.result  # type: ignore[misc]
    assert code == 1, output
    assert "meld het als bug" not in output and "er is niets opgeslagen" in output
    assert snapshot(connect(f"sqlite:///{path}")) == before


def test_postgresql_down_is_a_message() -> None:
    result = _cli("--db", "postgresql://coding:coding@127.0.0.1:1/coding", "status")
    _no_crash(result)
    assert "niet bereikbaar" in result.output and "Start de server" in result.output


def test_the_app_says_what_to_do_when_the_database_is_unusable(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "notities.sqlite"
    path.write_bytes(b"geen database\n" * 500)
    monkeypatch.setenv("CODING_DB_URL", f"sqlite:///{path}")
    # AppTest leaves its script as sys.modules["__main__"]; later spawned processes (multiprocessing) would run it.
    monkeypatch.setitem(sys.modules, "__main__", sys.modules["__main__"])

    def page() -> None:
        from coding.ui import sidebar

        sidebar.render()

    app = AppTest.from_function(page, default_timeout=30).run()
    assert not app.exception
    assert any("niet te gebruiken" in e.value for e in app.error)
    assert any("geen database van coding" in t.value for t in app.text)


def test_database_problem_is_a_coding_error() -> None:
    from coding.store.db import DatabaseProblem

    assert issubclass(DatabaseProblem, CodingError)


def test_xlsx_workbook_part_missing_is_a_message(store: Store, tmp_path: Path) -> None:
    small_study(store, tmp_path)
    before = snapshot(store)
    good = tmp_path / "goed.xlsx"
    openpyxl.Workbook().save(good)
    path = tmp_path / "kapot.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as out:
        for info in source.infolist():
            if info.filename != "xl/workbook.xml":
                out.writestr(info, source.read(info))
    with pytest.raises(InputError, match=r"xl/workbook\.xml ontbreekt"):
        import_survey(store, path, STUDY, MAPPING)
    assert snapshot(store) == before
