"""Importing survey-platform exports into the store (SQLite and PostgreSQL): SPSS, Qualtrics, SurveyMonkey.

Each file is built in the test. What the file says a question asks is stored as the question's wording and shows
in the reports; header rows are never respondents; bad input names file, row and column and changes nothing.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from sqlalchemy import select

from coding.codebook import CodebookSpec, ThemeSpec
from coding.demo import DEMO_STUDY, WORDINGS, load_demo
from coding.errors import CodingError, InputError
from coding.ingest.survey import SurveyMapping, import_survey, parse_wordings
from coding.report.export import export
from coding.store import Store, question_ref, study_ref
from coding.store.codebooks import load_codebook, theme_table
from coding.store.codings import code_segments
from coding.store.models import Event, Question, Respondent
from coding.store.segments import segments_frame
from coding.store.wording import set_wording
from tests.ingest_helpers import dump
from tests.platform_files import (
    BELEMMERING,
    QUALTRICS_ROWS,
    SURVEYMONKEY_ROWS,
    VERBETERING,
    with_unknown_encoding,
    write_rows,
    write_spss,
    write_spss_with_sets,
)

STUDY = "monitor"


def wordings(store: Store, study: str = STUDY) -> dict[str, str]:
    with store.read() as session:
        return dict(session.execute(select(Question.name, Question.wording)).all())


def attributes(store: Store) -> dict[str, dict[str, str | None]]:
    with store.read() as session:
        return {r.external_id: dict(r.attributes or {}) for r in session.scalars(select(Respondent))}


def spss_mapping(**extra: object) -> SurveyMapping:
    return SurveyMapping(id="respnr", texts=["belemmering", "verbetering"], attributes=["geslacht"],
                         weight="weging", **extra)  # type: ignore[arg-type]


@pytest.mark.parametrize("name,compress", [("e.sav", False), ("e.zsav", True)])
def test_spss_with_missing_dates_imports_with_labels_as_wording(store: Store, tmp_path: Path, name: str,
                                                                compress: bool) -> None:
    """The .sav/.zsav with gaps in its date/time columns imports (they are not even read); variable labels become
    the wording, value labels the attribute values, user-missing values empty."""
    report = import_survey(store, write_spss(tmp_path / name, compress=compress), STUDY, spss_mapping())
    assert report.respondents_added == 4
    assert wordings(store) == {"belemmering": BELEMMERING, "verbetering": VERBETERING}
    assert {k: v["geslacht"] for k, v in attributes(store).items()} == {
        "1001": "man", "1002": "vrouw", "1003": None, "1004": "man"}
    summary = report.summary()
    assert f"Vraagtekst belemmering (uit het bestand): “{BELEMMERING}”" in summary


def test_spss_dates_can_be_imported_as_attributes(store: Store, tmp_path: Path) -> None:
    """A start time with gaps is an attribute like any other: the gaps are empty."""
    mapping = SurveyMapping(id="respnr", texts=["belemmering"], attributes=["start"])
    import_survey(store, write_spss(tmp_path / "e.sav"), STUDY, mapping)
    assert {k: v["start"] for k, v in attributes(store).items()} == {
        "1001": "2024-03-01 09:30:00", "1002": None, "1003": "2024-03-02 14:00:00", "1004": None}


def test_wording_given_wins_over_the_file(store: Store, tmp_path: Path) -> None:
    """--wording "belemmering=…" is stored instead of the variable label, and said so in the summary."""
    mapping = spss_mapping(wordings=parse_wordings(["belemmering=Wat houdt u tegen?"]))
    report = import_survey(store, write_spss(tmp_path / "e.sav"), STUDY, mapping)
    assert wordings(store)["belemmering"] == "Wat houdt u tegen?"
    assert "Vraagtekst belemmering (opgegeven): “Wat houdt u tegen?”" in report.summary()


def test_response_set_as_attribute_gives_one_attribute_per_option(store: Store, tmp_path: Path) -> None:
    """--attr kanalen (a multiple response set) stores 'kanalen: Vertrouwenspersoon' etc. as 'ja'/'nee'."""
    mapping = SurveyMapping(id="respnr", texts=["toelichting"], attributes=["kanalen", "$hulp"])
    report = import_survey(store, write_spss_with_sets(tmp_path / "sets.sav"), STUDY, mapping)
    stored = attributes(store)
    assert stored["1"] == {"kanalen: Vertrouwenspersoon": "ja", "kanalen: Meldpunt": "ja",
                           "hulp: Leidinggevende": "nee", "hulp: Collega": "ja", "hulp: Vertrouwenspersoon": "ja"}
    assert stored["3"]["kanalen: Meldpunt"] is None
    assert "Meervoudige antwoordset kanalen (“Welke kanalen kent u?”): 2 kenmerken" in report.summary()


@pytest.mark.parametrize("name", ["qualtrics.csv", "qualtrics.xlsx"])
def test_qualtrics_export_imports_without_flags(store: Store, tmp_path: Path, name: str) -> None:
    """Three respondents (not five): the question-text and ImportId rows are header rows; their text is the wording."""
    mapping = SurveyMapping(id="ResponseId", texts=["Q2_TEXT", "Q3_TEXT"], attributes=["Q1"])
    report = import_survey(store, write_rows(tmp_path / name, QUALTRICS_ROWS), STUDY, mapping)
    assert report.respondents_added == 3
    assert set(attributes(store)) == {"R_1a", "R_2b", "R_3c"}
    assert wordings(store) == {"Q2_TEXT": BELEMMERING, "Q3_TEXT": VERBETERING}
    summary = report.summary()
    assert "Indeling: Qualtrics-export herkend" in summary and "niet als respondent gelezen: rij 2–3" in summary


@pytest.mark.parametrize("name", ["monkey.csv", "monkey.xlsx"])
def test_surveymonkey_export_imports_without_flags(store: Store, tmp_path: Path, name: str) -> None:
    """The 'Open-Ended Response' row is a header row (no empty-id error); the options become readable attributes."""
    other = "Welke kanalen kent u? – Anders (graag specificeren)"
    mapping = SurveyMapping(id="Respondent ID", texts=[BELEMMERING, other],
                            attributes=["Welke kanalen kent u? – Meldpunt", "Wat is uw functie?"])
    report = import_survey(store, write_rows(tmp_path / name, SURVEYMONKEY_ROWS), STUDY, mapping)
    assert report.respondents_added == 3
    stored = attributes(store)
    assert stored["114000002"] == {"Welke kanalen kent u? – Meldpunt": "Meldpunt", "Wat is uw functie?":
                                   "leidinggevende"}
    assert wordings(store) == {BELEMMERING: BELEMMERING, other: other}
    assert "SurveyMonkey-export herkend" in report.summary()
    assert f"Vraagtekst (uit het bestand): “{other}”" in report.summary().splitlines()


def test_header_rows_option_imports_other_tools(store: Store, tmp_path: Path) -> None:
    rows = [["id", "open"], ["Respondentnummer", "Wat vindt u?"], ["(filter: allen)", "(filter: allen)"],
            ["1", "Goed geregeld"], ["2", "Slecht geregeld"]]
    report = import_survey(store, write_rows(tmp_path / "tool.csv", rows), STUDY,
                           SurveyMapping(id="id", texts=["open"]), header_rows=3)
    assert report.respondents_added == 2 and wordings(store) == {"open": "Wat vindt u?"}
    assert "niet als respondent gelezen: rij 2–3" in report.summary()


def _bad_wording(tmp_path: Path) -> tuple[Path, SurveyMapping, dict[str, object]]:
    mapping = spss_mapping(wordings={"bestaat_niet": "Een vraag die er niet is?"})
    return write_spss(tmp_path / "e.sav"), mapping, {}


def _bad_qualtrics(tmp_path: Path) -> tuple[Path, SurveyMapping, dict[str, object]]:
    rows = [list(r) for r in QUALTRICS_ROWS]
    rows[2][6] = "ImportId QID3"
    mapping = SurveyMapping(id="ResponseId", texts=["Q2_TEXT"])
    return write_rows(tmp_path / "q.csv", rows), mapping, {}


def _too_many_header_rows(tmp_path: Path) -> tuple[Path, SurveyMapping, dict[str, object]]:
    return write_rows(tmp_path / "q.csv", QUALTRICS_ROWS), SurveyMapping(id="ResponseId", texts=["Q2_TEXT"]), \
        {"header_rows": 40}


def _unknown_encoding(tmp_path: Path) -> tuple[Path, SurveyMapping, dict[str, object]]:
    return with_unknown_encoding(write_spss(tmp_path / "e.sav")), spss_mapping(), {}


@pytest.mark.parametrize("case,row,column,words", [
    (_bad_wording, None, "bestaat_niet", "geen open vraag"),
    (_bad_qualtrics, 3, "Q3_TEXT", "ImportId"),
    (_too_many_header_rows, None, None, "--header-rows 40"),
    (_unknown_encoding, None, None, "XYZ-9"),
])
def test_bad_platform_input_is_located_and_changes_nothing(store: Store, tmp_path: Path, case: object,
                                                           row: int | None, column: str | None,
                                                           words: str) -> None:
    import_survey(store, write_rows(tmp_path / "eerder.csv", QUALTRICS_ROWS), "eerder",
                  SurveyMapping(id="ResponseId", texts=["Q2_TEXT"]))
    before = dump(store)
    path, mapping, options = case(tmp_path)  # type: ignore[operator]
    with pytest.raises(InputError) as info:
        import_survey(store, path, STUDY, mapping, **options)  # type: ignore[arg-type]
    assert words in info.value.problem
    assert (info.value.file, info.value.row, info.value.column) == (str(path), row, column)
    assert info.value.hint
    assert dump(store) == before


def _code_everything(store: Store, study: str, question: str) -> None:
    ref = question_ref(store, study, question)
    load_codebook(store, ref, CodebookSpec(question=question, themes=[ThemeSpec(code="vertrouwen",
                                                                                label="Vertrouwen")]), "lead")
    theme_id = int(theme_table(store, ref)["theme_id"].iloc[0])
    segments = segments_frame(store, ref, substantive_only=True)
    code_segments(store, [int(s) for s in segments["segment_id"]], theme_id, "anna")


def _report_texts(store: Store, study: str) -> tuple[str, str]:
    markdown = export(store, study_ref(store, study), "md").content.decode("utf-8")
    document = docx.Document(io.BytesIO(export(store, study_ref(store, study), "docx").content))
    return markdown, "\n".join(p.text for p in document.paragraphs)


@pytest.mark.parametrize("source", ["spss", "qualtrics"])
def test_wording_from_the_file_shows_in_markdown_and_word(store: Store, tmp_path: Path, source: str) -> None:
    """The question's wording introduces its section in both reports; the short name stays the heading."""
    if source == "spss":
        import_survey(store, write_spss(tmp_path / "e.sav"), STUDY, spss_mapping())
        question = "belemmering"
    else:
        import_survey(store, write_rows(tmp_path / "q.csv", QUALTRICS_ROWS), STUDY,
                      SurveyMapping(id="ResponseId", texts=["Q2_TEXT"]))
        question = "Q2_TEXT"
    _code_everything(store, STUDY, question)
    markdown, word = _report_texts(store, STUDY)
    assert f"Vraag: “{BELEMMERING}”" in markdown.replace("\\'", "'")
    assert f"Vraag: “{BELEMMERING}”" in word


def test_demo_wording_shows_in_markdown_and_word(sqlite_store: Store) -> None:
    load_demo(sqlite_store)
    for question in WORDINGS:
        _code_everything_existing(sqlite_store, question)
    markdown, word = _report_texts(sqlite_store, DEMO_STUDY)
    for wording in WORDINGS.values():
        assert f"Vraag: “{wording}”" in markdown.replace("\\", "")
        assert f"Vraag: “{wording}”" in word


def _code_everything_existing(store: Store, question: str) -> None:
    ref = question_ref(store, DEMO_STUDY, question)
    theme_id = int(theme_table(store, ref)["theme_id"].iloc[0])
    segments = segments_frame(store, ref, substantive_only=True)
    code_segments(store, [int(s) for s in segments["segment_id"]], theme_id, "anna")


def test_wording_given_at_a_later_import_replaces_the_stored_one(store: Store, tmp_path: Path) -> None:
    """The file's wording only fills an empty one; a wording the researcher gives replaces it (with an event)."""
    path = write_spss(tmp_path / "e.sav")
    import_survey(store, path, STUDY, spss_mapping(wordings={"belemmering": "Eerste versie?"}))
    import_survey(store, path, STUDY, spss_mapping())
    assert wordings(store)["belemmering"] == "Eerste versie?"
    import_survey(store, path, STUDY, spss_mapping(wordings={"belemmering": "Tweede versie?"}))
    assert wordings(store)["belemmering"] == "Tweede versie?"
    with store.read() as session:
        changes = session.scalars(select(Event.payload).where(Event.action == "question.wording")).all()
    assert [c["after"] for c in changes] == ["Tweede versie?"]


def test_wording_can_be_changed_after_the_import(store: Store, tmp_path: Path) -> None:
    import_survey(store, write_spss(tmp_path / "e.sav"), STUDY, spss_mapping())
    ref = set_wording(store, question_ref(store, STUDY, "belemmering"), "  Wat houdt u tegen?  ", "anna")
    assert ref.wording == "Wat houdt u tegen?" == wordings(store)["belemmering"]
    assert set_wording(store, ref, "Wat houdt u tegen?", "anna") == ref
    with pytest.raises(CodingError, match="maximaal"):
        set_wording(store, ref, "x" * 6000, "anna")
    assert wordings(store)["belemmering"] == "Wat houdt u tegen?"
