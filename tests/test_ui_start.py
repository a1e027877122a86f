"""AppTest of the Start page: create a study, import through the wizard (and refuse a bad file), the overview."""

from __future__ import annotations

from pathlib import Path

from coding.store import Store, study_ref
from coding.store.segments import segments_frame
from coding.store.studies import list_questions, study_status
from coding.store.workspace import study_names
from tests.helpers import write_csv
from tests.ui_helpers import QUESTION, STUDY, page_app, small_ui_study, ui_question

pytest_plugins = ["tests.ui_fixtures"]  # ui_store, demo_store

CSV = [["resp_id", "doelgroep", "weging", "belemmeringen", "vrij_voelen"]] + [
    [f"R{i}", ["medewerker", "bestuurder"][i % 2], "1,5",
     f"Een open antwoord van respondent {i} over vertrouwen en cultuur", f"Nog een lang antwoord nummer {i} hier"]
    for i in range(1, 13)
]


def test_start_renders_without_studies_and_creates_one(ui_store: Store) -> None:
    app = page_app("start", study=None).run()
    assert not app.exception
    assert any("nog geen studies" in i.value for i in app.info)
    name_input = next(t for t in app.text_input if t.label == "Naam van de studie")
    name_input.set_value("Monitor 2025")
    next(b for b in app.button if b.label == "Studie maken").click()
    app.run()
    assert not app.exception
    assert study_names(ui_store) == ["Monitor 2025"]
    assert app.selectbox(key="studie").value == "Monitor 2025"


def test_a_study_without_questions_offers_no_question_of_another_study(ui_store: Store, tmp_path: Path) -> None:
    from coding.store.workspace import create_study

    small_ui_study(ui_store, tmp_path)
    create_study(ui_store, "nieuw", "anna")
    app = page_app("start", question=QUESTION).run()
    assert app.selectbox(key="vraag").value == QUESTION
    app.selectbox(key="studie").set_value("nieuw").run()
    assert not app.exception
    vraag = next(s for s in app.selectbox if s.label == "Vraag")
    assert vraag.value is None and vraag.disabled and vraag.options == []
    assert any("nog geen vragen" in i.value for i in app.info)


def test_import_wizard_imports_the_mapped_columns(ui_store: Store, tmp_path: Path) -> None:
    from coding.store.workspace import create_study

    create_study(ui_store, STUDY, "anna")
    app = page_app("start").run()
    assert not app.exception
    data = write_csv(tmp_path / "export.csv", CSV).read_bytes()
    app.file_uploader(key="wiz_survey_0").set_value(("export.csv", data, "text/csv"))
    app.run()
    assert not app.exception
    # the guess: id, both open questions, the attribute, the weight
    assert app.selectbox(key="wiz_id").value == "resp_id"
    assert app.multiselect(key="wiz_texts").value == ["belemmeringen", "vrij_voelen"]
    assert app.multiselect(key="wiz_attributes").value == ["doelgroep"]
    assert app.selectbox(key="wiz_weight").value == "weging"
    app.multiselect(key="wiz_texts").set_value(["belemmeringen"])
    app.run()
    app.button(key="wiz_survey_go").click()
    app.run()
    assert not app.exception, app.exception
    assert [q.name for q in list_questions(ui_store, study_ref(ui_store, STUDY))] == ["belemmeringen"]
    frame = segments_frame(ui_store, ui_question(ui_store, "belemmeringen"))
    assert len(frame) == 12
    assert app.selectbox(key="vraag").value == "belemmeringen"
    assert any("Import klaar" in t.value for t in app.toast)
    assert app.file_uploader(key="wiz_survey_1").value is None  # the upload field starts empty again


def test_import_wizard_shows_importer_errors_in_place_and_imports_nothing(ui_store: Store, tmp_path: Path) -> None:
    from coding.store.workspace import create_study

    create_study(ui_store, STUDY, "anna")
    rows = [*CSV, ["R3", "medewerker", "1", "dubbele id", "x"]]  # R3 occurs twice
    app = page_app("start").run()
    app.file_uploader(key="wiz_survey_0").set_value(("dubbel.csv", write_csv(tmp_path / "d.csv", rows).read_bytes(),
                                                   "text/csv"))
    app.run()
    app.button(key="wiz_survey_go").click()
    app.run()
    assert not app.exception
    assert [e.value for e in app.error] == ["Importeren mislukt — er is niets geïmporteerd"]
    assert any("R3" in t.value and "rij 14" in t.value for t in app.text)
    assert list_questions(ui_store, study_ref(ui_store, STUDY)) == []


def test_transcript_wizard_imports_documents(ui_store: Store) -> None:
    from coding.store.workspace import create_study

    create_study(ui_store, STUDY, "anna")
    app = page_app("start").run()
    text = "Interviewer: Wat belemmert u?\nRespondent: De cultuur hier.\nInterviewer: En verder?\nRespondent: Tijd.\n"
    app.file_uploader(key="wiz_transcripts_0").set_value([("gesprek1.txt", text.encode(), "text/plain")])
    app.run()
    assert not app.exception
    assert app.dataframe[-1].value["spreker"].tolist() == ["Interviewer", "Respondent", "Interviewer", "Respondent"]
    app.text_area(key="wiz_doc_attrs").set_value("organisatietype=Provincie")
    app.run()
    app.button(key="wiz_transcripts_go").click()
    app.run()
    assert not app.exception
    assert len(segments_frame(ui_store, ui_question(ui_store, "interviews"), substantive_only=True)) == 2


def test_overview_shows_progress_per_question_and_coder(ui_store: Store, tmp_path: Path) -> None:
    from coding.store.codings import add_coding

    themes = small_ui_study(ui_store, tmp_path)
    first = int(segments_frame(ui_store, ui_question(ui_store))["segment_id"].iloc[0])
    add_coding(ui_store, first, themes["vertrouwen"], "anna")
    app = page_app("start").run()
    assert not app.exception
    overview = app.dataframe[0].value
    assert overview["vraag"].tolist() == [QUESTION]
    assert overview["gecodeerd"].tolist() == [1] and overview["inhoudelijk"].tolist() == [4]
    per_coder = app.dataframe[1].value
    assert per_coder["codeur"].tolist() == ["anna"]
    assert study_status(ui_store, study_ref(ui_store, STUDY))["coded"].tolist() == [1]
