"""Tests for coding.ingest.codings: earlier codings matched to the codebook, all rows or none."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from coding.codebook import CodebookSpec, ThemeSpec
from coding.errors import InputError, NotFoundError
from coding.ingest.codings import import_codings, split_themes
from coding.ingest.survey import SurveyMapping, import_survey
from coding.ingest.transcripts import import_transcripts
from coding.store import QuestionRef, Store, question_ref
from coding.store.codebooks import load_codebook
from coding.store.models import Coding, Event, Respondent, Segment, Theme
from tests.helpers import SURVEY_ROWS, write_csv
from tests.ingest_helpers import count, dump

STUDY = "monitor"
QUESTION = "belemmeringen"
SPEC = CodebookSpec(
    question=QUESTION,
    themes=[
        ThemeSpec(code="vertrouwen", label="Gebrek aan vertrouwen"),
        ThemeSpec(code="opvolging", label="Geen opvolging"),
        ThemeSpec(code="represailles", label="Angst voor represailles"),
        ThemeSpec(code="represailles.raad", label="Gebruikt in de raad", parent="represailles"),
    ],
)

Coded = set[tuple[str, str, str, str]]


def ref(store: Store, question: str = QUESTION) -> QuestionRef:
    """The question of the study, resolved once by name."""
    return question_ref(store, STUDY, question)


@pytest.fixture
def study(store: Store, tmp_path: Path) -> Store:
    """The small survey (R1–R5) with a codebook on 'belemmeringen'."""
    import_survey(store, write_csv(tmp_path / "enquete.csv", SURVEY_ROWS), STUDY,
                  SurveyMapping(id="respondent_id", texts=[QUESTION, "doelgroep"]))
    load_codebook(store, ref(store), SPEC, "lead")
    return store


def codings(store: Store) -> Coded:
    """(respondent, theme code, coder, source) of every stored coding."""
    with store.read() as session:
        rows = session.execute(
            select(Respondent.external_id, Theme.code, Coding.coder, Coding.source)
            .join(Segment, Segment.id == Coding.segment_id)
            .join(Respondent, Respondent.id == Segment.respondent_id)
            .join(Theme, Theme.id == Coding.theme_id)
        ).all()
    return {(r[0], r[1], r[2], r[3]) for r in rows}


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    """A one-sheet workbook."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


@pytest.mark.parametrize(("cell", "parts"), [
    ("vertrouwen | opvolging", ["vertrouwen", "opvolging"]),
    ("vertrouwen;opvolging;", ["vertrouwen", "opvolging"]),
    (" Geen opvolging |; represailles ", ["Geen opvolging", "represailles"]),
    ("", []),
    ("  ", []),
])
def test_split_themes(cell: str, parts: list[str]) -> None:
    """Themes in one cell are split on '|' and ';' and stripped; empty parts are dropped."""
    assert split_themes(cell) == parts


# --- successful imports -------------------------------------------------------------------------------------


def test_csv_by_code_with_pipes(study: Store, tmp_path: Path) -> None:
    """Codes separated by '|' become imported codings by the default coder 'import'."""
    rows = [["respondent_id", "themas"], ["R1", "vertrouwen | opvolging"], ["R2", "opvolging"], ["R3", ""]]
    path = write_csv(tmp_path / "coderingen.csv", rows, delimiter=",")
    report = import_codings(study, path, ref(study), id_column="respondent_id", theme_column="themas")
    assert (report.codings_added, report.codings_existing) == (3, 0)
    assert "3 nieuwe coderingen" in report.summary()
    assert codings(study) == {("R1", "vertrouwen", "import", "imported"),
                              ("R1", "opvolging", "import", "imported"),
                              ("R2", "opvolging", "import", "imported")}
    with study.read() as session:
        event = session.scalars(select(Event).where(Event.action == "import.codings")).one()
        coding_events = session.scalars(select(Event.action).where(Event.action.like("coding.%"))).all()
    assert event.payload["codings_added"] == 3
    assert coding_events == []  # one import event, not one per theme


def test_csv_by_label_with_semicolons_and_a_given_coder(study: Store, tmp_path: Path) -> None:
    """Labels (any case, extra spaces) separated by ';' match their themes; --coder names the coder."""
    path = write_csv(tmp_path / "c.csv", [["id", "thema"], ["R1", "gebrek aan VERTROUWEN ;  Geen opvolging"],
                                          ["R5", "Gebruikt in de raad"]])
    import_codings(study, path, ref(study), id_column="id", theme_column="thema", coder=" Anna ")
    assert codings(study) == {("R1", "vertrouwen", "Anna", "imported"),
                              ("R1", "opvolging", "Anna", "imported"),
                              ("R5", "represailles.raad", "Anna", "imported")}


def test_xlsx_with_coder_column(study: Store, tmp_path: Path) -> None:
    """An XLSX with a coder column: each row's coder is used, an empty cell falls back to --coder."""
    path = write_xlsx(tmp_path / "c.xlsx", [["id", "themas", "codeur"],
                                           ["R1", "vertrouwen|represailles", "Bram"],
                                           ["R2", "Geen opvolging", None],
                                           ["R1", "vertrouwen", "Citlali"]])
    report = import_codings(study, path, ref(study), id_column="id", theme_column="themas",
                            coder="Anna", coder_column="codeur")
    assert report.codings_added == 4
    assert codings(study) == {("R1", "vertrouwen", "Bram", "imported"),
                              ("R1", "represailles", "Bram", "imported"),
                              ("R2", "opvolging", "Anna", "imported"),
                              ("R1", "vertrouwen", "Citlali", "imported")}


def test_xlsx_numeric_ids_match_csv_ids(store: Store, tmp_path: Path) -> None:
    """Ids stored from a CSV ('1001') match numeric ids in a coding XLSX (1001 and 1001.0)."""
    import_survey(store, write_csv(tmp_path / "e.csv", [["id", "q"], ["1001", "a"], ["1002", "b"]]), STUDY,
                  SurveyMapping(id="id", texts=["q"]))
    load_codebook(store, ref(store, "q"), CodebookSpec(themes=[ThemeSpec(code="t1", label="Thema 1")]), "lead")
    path = write_xlsx(tmp_path / "c.xlsx", [["id", "thema"], [1001, "t1"], [1002.0, "Thema 1"]])
    assert import_codings(store, path, ref(store, "q"), id_column="id", theme_column="thema").codings_added == 2


def test_duplicate_rows_in_the_file_count_once(study: Store, tmp_path: Path) -> None:
    """The same respondent and theme twice in a file (as code and as label) is one coding."""
    rows = [["id", "thema"], ["R1", "vertrouwen"], ["R1", "Gebrek aan vertrouwen"]]
    path = write_csv(tmp_path / "c.csv", rows)
    report = import_codings(study, path, ref(study), id_column="id", theme_column="thema")
    assert report.codings_added == 1
    assert count(study, Coding) == 1


def test_rows_without_id_and_themes_are_skipped(study: Store, tmp_path: Path) -> None:
    """Entirely empty rows in the middle of the file are ignored."""
    path = write_csv(tmp_path / "c.csv", [["id", "thema", "opmerking"], ["R1", "vertrouwen", ""],
                                          ["", "", "losse notitie"], ["R2", "opvolging", ""]])
    report = import_codings(study, path, ref(study), id_column="id", theme_column="thema")
    assert report.codings_added == 2


def test_reimport_adds_nothing(study: Store, tmp_path: Path) -> None:
    """Importing the same codings again changes no table and reports them as existing."""
    rows = [["id", "thema"], ["R1", "vertrouwen|opvolging"], ["R2", "opvolging"]]
    path = write_csv(tmp_path / "c.csv", rows)
    import_codings(study, path, ref(study), id_column="id", theme_column="thema")
    before = dump(study)
    report = import_codings(study, path, ref(study), id_column="id", theme_column="thema")
    assert (report.codings_added, report.codings_existing) == (0, 3)
    assert dump(study) == before


def test_a_code_wins_over_an_equal_label(store: Store, tmp_path: Path) -> None:
    """When one theme's label equals another's code, the name means the code."""
    import_survey(store, write_csv(tmp_path / "e.csv", [["id", "q"], ["1", "a"]]), STUDY,
                  SurveyMapping(id="id", texts=["q"]))
    load_codebook(store, ref(store, "q"), CodebookSpec(themes=[ThemeSpec(code="cultuur", label="Sfeer"),
                                                         ThemeSpec(code="sfeer", label="Cultuur")]), "lead")
    import_codings(store, write_csv(tmp_path / "c.csv", [["id", "t"], ["1", "cultuur"]]), ref(store, "q"),
                   id_column="id", theme_column="t")
    assert {code for _, code, _, _ in codings(store)} == {"cultuur"}


# --- refused imports ----------------------------------------------------------------------------------------


def test_unknown_themes_are_all_listed_and_nothing_is_imported(study: Store, tmp_path: Path) -> None:
    """Every unknown theme is named (with its first row); the good rows are not imported either."""
    rows = [["id", "thema"], ["R1", "vertrouwen"], ["R2", "werkdruk | opvolging"], ["R3", "privacy"],
            ["R4", "politiek;Privacy"]]
    path = write_csv(tmp_path / "c.csv", rows)
    before = dump(study)
    with pytest.raises(InputError) as info:
        import_codings(study, path, ref(study), id_column="id", theme_column="thema")
    error = info.value
    assert (error.file, error.row, error.column) == (str(path), 3, "thema")
    for name in ("werkdruk", "privacy", "politiek"):
        assert f"'{name}'" in error.problem
    assert "'Privacy'" not in error.problem  # matching ignores case, so each unknown theme is listed once
    assert "Onbekende thema's: politiek, privacy, werkdruk." in error.hint
    assert "niets geïmporteerd" in error.hint
    assert dump(study) == before


def test_unknown_respondent_is_an_error_naming_the_row(study: Store, tmp_path: Path) -> None:
    """A respondent without an answer to the question is refused at its row; nothing is imported."""
    path = write_csv(tmp_path / "c.csv", [["id", "thema"], ["R1", "vertrouwen"], ["R99", "opvolging"]])
    before = dump(study)
    with pytest.raises(InputError) as info:
        import_codings(study, path, ref(study), id_column="id", theme_column="thema")
    assert (info.value.file, info.value.row, info.value.column) == (str(path), 3, "id")
    assert "R99" in info.value.problem
    assert dump(study) == before


def test_problems_in_the_file_and_against_the_store_are_listed_in_row_order(study: Store, tmp_path: Path) -> None:
    """An empty id (found in the file) and an unknown respondent (found in the store) are listed by row."""
    rows = [["id", "thema"], ["R1", "vertrouwen"], ["R98", "opvolging"], ["", "opvolging"], ["R99", "opvolging"]]
    path = write_csv(tmp_path / "c.csv", rows)
    before = dump(study)
    with pytest.raises(InputError) as info:
        import_codings(study, path, ref(study), id_column="id", theme_column="thema")
    assert (info.value.row, info.value.column) == (3, "id")
    assert "R98" in info.value.problem
    assert info.value.problem.splitlines()[1:] == [
        "En 2 andere probleem/problemen:",
        "  rij 4, kolom 'id': de respondent-id is leeg",
        "  rij 5, kolom 'id': respondent 'R99' heeft geen antwoord op vraag 'belemmeringen' in studie 'monitor'",
    ]
    assert dump(study) == before


def test_empty_id_with_themes_is_an_error(study: Store, tmp_path: Path) -> None:
    """A row with themes but no id is refused at its row."""
    path = write_csv(tmp_path / "c.csv", [["id", "thema"], ["R1", "vertrouwen"], [" ", "opvolging"]])
    with pytest.raises(InputError) as info:
        import_codings(study, path, ref(study), id_column="id", theme_column="thema")
    assert (info.value.row, info.value.column) == (3, "id")
    assert count(study, Coding) == 0


def test_question_without_codebook_is_a_clear_error(study: Store, tmp_path: Path) -> None:
    """Codings for a question that has no codebook yet: the error says to load one first; nothing changes."""
    path = write_csv(tmp_path / "c.csv", [["id", "thema"], ["R1", "vertrouwen"]])
    before = dump(study)
    with pytest.raises(InputError) as info:
        import_codings(study, path, ref(study, "doelgroep"), id_column="id", theme_column="thema")
    assert "geen codeboek" in info.value.problem
    assert "codebook load" in info.value.hint
    assert info.value.file == str(path)
    assert dump(study) == before


@pytest.mark.parametrize(("kwargs", "column"), [
    ({"id_column": "respnr", "theme_column": "thema"}, "respnr"),
    ({"id_column": "id", "theme_column": "themas"}, "themas"),
    ({"id_column": "id", "theme_column": "thema", "coder_column": "codeur"}, "codeur"),
])
def test_missing_columns_are_named(study: Store, tmp_path: Path, kwargs: dict[str, str], column: str) -> None:
    """A column named in the call but absent from the file is an error naming it."""
    path = write_csv(tmp_path / "c.csv", [["id", "thema"], ["R1", "vertrouwen"]])
    with pytest.raises(InputError) as info:
        import_codings(study, path, ref(study), **kwargs)  # type: ignore[arg-type]
    assert (info.value.file, info.value.column) == (str(path), column)


def test_unknown_study_or_question_is_not_found(study: Store, tmp_path: Path) -> None:
    """A study or question that does not exist gives NotFoundError listing what does."""
    path = write_csv(tmp_path / "c.csv", [["id", "thema"], ["R1", "vertrouwen"]])
    with pytest.raises(NotFoundError, match="monitor"):
        import_codings(study, path, question_ref(study, "andere studie", QUESTION), id_column="id",
                       theme_column="thema")
    with pytest.raises(NotFoundError, match=QUESTION):
        import_codings(study, path, question_ref(study, STUDY, "helpt"), id_column="id", theme_column="thema")


def test_retired_theme_is_unknown(study: Store, tmp_path: Path) -> None:
    """A theme that is no longer in the codebook cannot receive imported codings."""
    load_codebook(study, ref(study), CodebookSpec(themes=SPEC.themes[:2]), "lead")
    path = write_csv(tmp_path / "c.csv", [["id", "thema"], ["R1", "represailles"]])
    with pytest.raises(InputError, match="'represailles' staat niet in het codeboek"):
        import_codings(study, path, ref(study), id_column="id", theme_column="thema")


def test_transcript_with_several_passages_is_refused(store: Store, tmp_path: Path) -> None:
    """A transcript (several segments) cannot be coded by id; the error says to code it in the app."""
    transcript = tmp_path / "wethouder.txt"
    transcript.write_text("I: Vraag?\nR: Antwoord.\n", encoding="utf-8")
    import_transcripts(store, [transcript], STUDY, QUESTION)
    load_codebook(store, ref(store), SPEC, "lead")
    path = write_csv(tmp_path / "c.csv", [["id", "thema"], ["wethouder", "vertrouwen"]])
    with pytest.raises(InputError) as info:
        import_codings(store, path, ref(store), id_column="id", theme_column="thema")
    assert (info.value.row, info.value.column) == (2, "id")
    assert "transcript" in info.value.problem
    assert count(store, Coding) == 0


def test_broken_coding_file_is_an_input_error(study: Store, tmp_path: Path) -> None:
    """A damaged XLSX of codings is refused before anything is looked up."""
    path = tmp_path / "c.xlsx"
    path.write_bytes(b"PK\x03\x04kapot")
    before = dump(study)
    with pytest.raises(InputError, match="beschadigd"):
        import_codings(study, path, ref(study), id_column="id", theme_column="thema")
    assert dump(study) == before
