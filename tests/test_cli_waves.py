"""Issue 13 on the command line: --wave, --wave-column, --replace-wave, --asked-if, coding question routing,
coding status per meting, and clear refusals."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from coding.cli import main
from coding.store import connect, question_ref
from coding.store.segments import codings_frame, segments_frame
from tests.helpers import write_csv

HEADER = ["id", "vrij", "belemmeringen"]
ROWS_2022 = [HEADER, ["R1", "nee", "Geen vertrouwen"], ["R2", "ja", "staat er toch"], ["R3", "nee", "weet niet"]]
ROWS_2024 = [HEADER, ["R1", "nee", "Niets mee gedaan"], ["R2", "ja", ""]]
CODEBOOK = "codebooks:\n  - question: belemmeringen\n    themes:\n      - code: vertrouwen\n        label: Vertrouwen\n"


def run(db: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", db, *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def survey(db: str, path: Path, *extra: str) -> tuple[int, str]:
    return run(db, "import", "survey", str(path), "--study", "s", "--id", "id", "--text", "belemmeringen",
               "--attr", "vrij", *extra)


def test_two_waves_with_routing_then_status_codings_and_routing_afterwards(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.sqlite'}"
    first, second = write_csv(tmp_path / "m2022.csv", ROWS_2022), write_csv(tmp_path / "m2024.csv", ROWS_2024)
    code, out = survey(db, first, "--wave", "2022", "--asked-if", "belemmeringen:vrij=nee")
    assert code == 0, out
    assert "meting 2022" in out and "1 antwoorden niet gevraagd" in out and "Let op:" in out
    code, out = survey(db, second, "--wave", "2024", "--asked-if", "belemmeringen:vrij=nee")
    assert code == 0, out
    code, out = survey(db, second, "--wave", "2024")
    assert code == 1 and "Meting 2024 staat al in studie 's'" in out and "--replace-wave" in out
    code, out = survey(db, second, "--wave", "2024", "--replace-wave")
    assert code == 0, out

    code, out = run(db, "status", "--study", "s")
    assert code == 0 and "Per meting:" in out and "niet gevraagd" in out
    lines = [line.split() for line in out.splitlines() if line.strip().startswith(("2022", "2024"))]
    assert lines == [["2022", "belemmeringen", "2", "1", "0", "1", "0"],
                     ["2024", "belemmeringen", "1", "1", "0", "0", "0"]]

    book = tmp_path / "cb.yaml"
    book.write_text(CODEBOOK, encoding="utf-8")
    assert run(db, "codebook", "load", str(book), "--study", "s", "--question", "belemmeringen")[0] == 0
    codings = write_csv(tmp_path / "c.csv", [["id", "thema"], ["R1", "vertrouwen"]])
    args = ["import", "codings", str(codings), "--study", "s", "--question", "belemmeringen", "--id", "id",
            "--theme", "thema", "--coder", "anna"]
    code, out = run(db, *args)
    assert code == 1 and "2 metingen (2022, 2024)" in out and "--wave 2024" in out
    code, out = run(db, *args, "--wave", "2022")
    assert code == 0 and "1 nieuwe coderingen" in out, out
    refused = write_csv(tmp_path / "r.csv", [["id", "thema"], ["R2", "vertrouwen"]])
    code, out = run(db, "import", "codings", str(refused), *args[3:], "--wave", "2022")
    assert code == 1 and "'R2' (rij 2)" in out and "routing" in out

    code, out = run(db, "question", "routing", "--study", "s", "--question", "belemmeringen", "--wave", "2024",
                    "--asked-if", "vrij!=nee", "--description", "wie zich vrij voelt")
    assert code == 0 and "1 gevraagd, 1 niet gevraagd" in out, out
    store = connect(db)
    question = question_ref(store, "s", "belemmeringen")
    answers = segments_frame(store, question, wave="2024")
    assert list(answers["respondent_id"]) == ["R2"]
    assert list(codings_frame(store, question)["wave"]) == ["2022"]
    code, out = run(db, "question", "routing", "--study", "s", "--question", "belemmeringen",
                    "--asked-if", "vrij=nee")
    assert code == 1 and "2 metingen" in out


def test_a_wave_column_and_the_bad_routing_messages(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.sqlite'}"
    rows = [["id", "jaar", "vrij", "belemmeringen"], ["R1", "2016", "nee", "a"], ["R1", "2018", "nee", "b"],
            ["R2", "2018", "", "c"]]
    path = write_csv(tmp_path / "alles.csv", rows)
    code, out = survey(db, path, "--wave-column", "onbekend")
    assert code == 1 and "onbekend" in out
    code, out = survey(db, path, "--wave-column", "jaar", "--asked-if", "belemmeringen:leeftijd=jong")
    assert code == 1 and "alles.csv" in out and "kolom 'leeftijd'" in out and "niet in het bestand" in out
    code, out = survey(db, path, "--wave-column", "jaar", "--asked-if", "andere_vraag:vrij=nee")
    assert code == 1 and "vraag 'andere_vraag'" in out
    code, out = survey(db, path, "--wave-column", "jaar", "--asked-if", "belemmeringen:vrij=misschien")
    assert code == 0 and "'misschien'" in out and "wel: 'nee'" in out, out
    assert "metingen 2016, 2018" in out
    code, out = run(db, "status", "--study", "s")
    assert "2016" in out and "2018" in out
