"""Files that used to import wrongly without a word: each is now refused (or, when asked, imported minus the
broken rows, which are listed), and a refused file leaves the database exactly as it was (SQLite and PostgreSQL).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from coding.cli import main
from coding.errors import InputError
from coding.ingest.codings import import_codings
from coding.ingest.survey import SurveyMapping, import_survey
from coding.store import Store
from coding.store.segments import segments_frame
from coding.store.studies import question_ref
from tests.hostile.snapshot import snapshot
from tests.store_fixtures import STUDY, small_question, small_study

MAPPING = SurveyMapping(id="respondent_id", texts=["belemmeringen"], attributes=["doelgroep"])


def _broken_line_csv(path: Path) -> Path:
    """R2's answer has a line break without quotes: the rest of it lands on a line of its own."""
    path.write_text(
        "respondent_id;doelgroep;belemmeringen\n"
        "R10;medewerker;Ik durf het niet te melden\n"
        "R11;medewerker;Eerst dacht ik dat het goed ging\n"
        "maar toen werd het erger;\n"
        "R12;raadslid;Geen vertrouwen in de griffie\n",
        encoding="utf-8",
    )
    return path


def test_unquoted_line_break_is_refused_with_its_rows_and_nothing_is_stored(store: Store, tmp_path: Path) -> None:
    small_study(store, tmp_path)
    before = snapshot(store)
    with pytest.raises(InputError) as info:
        import_survey(store, _broken_line_csv(tmp_path / "kapot.csv"), STUDY, MAPPING)
    assert info.value.row == 3
    assert "loopt waarschijnlijk door in rij 4" in info.value.problem
    assert "rij 4: Deze rij heeft 2 velden, de kopregel 3" in info.value.problem
    assert "--allow-ragged" in info.value.hint
    assert snapshot(store) == before


def test_line_break_before_a_delimiter_gives_a_bogus_id_that_is_refused(store: Store, tmp_path: Path) -> None:
    """The continuation line has the right number of fields; its 'id' is answer text, unlike the id column, and
    the answer above it is cut off: both rows are named."""
    small_study(store, tmp_path)
    before = snapshot(store)
    path = tmp_path / "kapot.csv"
    path.write_text(
        "respondent_id;doelgroep;belemmeringen\n"
        "R10;medewerker;Ik durf het niet\n"
        "R11;medewerker;Eerst ging het goed\n"
        "maar toen werd het erger;want niemand luisterde; echt niemand\n"
        "R12;raadslid;Geen vertrouwen\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        import_survey(store, path, STUDY, MAPPING)
    message = str(info.value)
    assert info.value.row == 3 and "loopt waarschijnlijk door in rij 4" in message
    assert "rij 4" in message and "lijkt niet op de andere id's" in message
    assert snapshot(store) == before


def test_allow_ragged_imports_the_good_rows_and_lists_the_broken_ones(store: Store, store_url: str,
                                                                     tmp_path: Path) -> None:
    path = _broken_line_csv(tmp_path / "kapot.csv")
    result = CliRunner().invoke(main, ["--db", store_url, "import", "survey", str(path), "--study", STUDY,
                                       "--id", "respondent_id", "--text", "belemmeringen", "--attr", "doelgroep",
                                       "--allow-ragged"])
    assert result.exit_code == 0, result.output
    assert "2 kapotte rij(en) overgeslagen" in result.output
    assert "rij 3: het antwoord loopt waarschijnlijk door in rij 4" in result.output
    assert "rij 4: Deze rij heeft 2 velden" in result.output
    texts = segments_frame(store, question_ref(store, STUDY, "belemmeringen"))["text"].tolist()
    assert sorted(texts) == ["Geen vertrouwen in de griffie", "Ik durf het niet te melden"]  # R11 not cut in half
    assert not any("erger" in t or "Eerst" in t for t in texts)


def _formula_workbook(path: Path) -> Path:
    """openpyxl writes formulas without a cached result — as many generated exports do."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Antwoorden"
    sheet.append(["respondent_id", "doelgroep", "belemmeringen"])
    sheet.append(["R10", "medewerker", "Ik durf het niet te melden"])
    sheet.append(["R11", "medewerker", '=CONCAT("Geen ", "vertrouwen")'])
    sheet.append(["R12", "raadslid", "=B3"])
    workbook.save(path)
    return path


def test_xlsx_formula_without_a_stored_result_is_refused_naming_sheet_and_cells(store: Store,
                                                                              tmp_path: Path) -> None:
    small_study(store, tmp_path)
    before = snapshot(store)
    with pytest.raises(InputError) as info:
        import_survey(store, _formula_workbook(tmp_path / "formules.xlsx"), STUDY, MAPPING)
    assert "Werkblad 'Antwoorden'" in info.value.problem
    assert "2 cel(len) met een formule zonder opgeslagen uitkomst (C3, C4)" in info.value.problem
    assert "plak ze als waarden" in info.value.hint
    assert snapshot(store) == before


def test_xlsx_value_outside_the_named_columns_is_refused_not_dropped(store: Store, tmp_path: Path) -> None:
    small_study(store, tmp_path)
    before = snapshot(store)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["respondent_id", "doelgroep", "belemmeringen"])
    sheet.append(["R10", "medewerker", "Ik durf het niet"])
    sheet["E2"] = "toelichting die anders wegvalt"
    path = tmp_path / "extra.xlsx"
    workbook.save(path)
    with pytest.raises(InputError) as info:
        import_survey(store, path, STUDY, MAPPING)
    assert "kolom zonder kolomnaam" in info.value.problem and "E2" in info.value.problem
    assert snapshot(store) == before


@pytest.mark.parametrize("cell", ["|||", ";;", " | ; "])
def test_codings_cell_of_only_separators_is_reported_per_row(store: Store, tmp_path: Path, cell: str) -> None:
    small_study(store, tmp_path)
    before = snapshot(store)
    path = tmp_path / "coderingen.csv"
    path.write_text(f"id,thema\nR1,vertrouwen\nR2,\"{cell}\"\nR5,opvolging\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        import_codings(store, path, small_question(store), id_column="id", theme_column="thema")
    assert info.value.row == 3
    assert info.value.column == "thema"
    assert "alleen scheidingstekens" in info.value.problem
    assert info.value.problem.startswith("0 coderingen geïmporteerd")
    assert snapshot(store) == before


def test_codings_unknown_themes_are_reported_per_row(store: Store, tmp_path: Path) -> None:
    small_study(store, tmp_path)
    before = snapshot(store)
    path = tmp_path / "coderingen.csv"
    path.write_text("id;thema\nR1;vertrouwen|bestaat niet\nR2;ook onbekend\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        import_codings(store, path, small_question(store), id_column="id", theme_column="thema")
    message = str(info.value)
    assert "rij 2" in message and "'bestaat niet'" in message
    assert "rij 3" in message and "'ook onbekend'" in message
    assert snapshot(store) == before


def test_codings_file_without_any_theme_says_0_imported_and_exits_non_zero(store: Store, store_url: str,
                                                                          tmp_path: Path) -> None:
    small_study(store, tmp_path)
    before = snapshot(store)
    path = tmp_path / "coderingen.csv"
    path.write_text("id;thema;opmerking\nR1;;vertrouwen\nR2;;opvolging\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--db", store_url, "import", "codings", str(path), "--study", STUDY,
                                       "--question", "belemmeringen", "--id", "id", "--theme", "thema"])
    assert result.exit_code != 0
    assert "0 coderingen geïmporteerd" in result.output
    assert "Traceback" not in result.output
    assert snapshot(store) == before
