"""Issue 13 in the app: the sidebar's Meting choice scopes the pages; the import wizard proposes the wave column
and takes routing."""

from __future__ import annotations

from pathlib import Path

from coding.ingest.survey import SurveyMapping, import_survey
from coding.store import Store, study_ref
from coding.store.segments import segments_frame
from coding.store.waves import list_waves, question_routing
from tests.helpers import write_csv
from tests.ui_helpers import QUESTION, STUDY, page_app, small_ui_study, ui_question

pytest_plugins = ["tests.ui_fixtures"]  # ui_store

HEADER = ["respondent_id", "vrij", QUESTION]


def _two_waves(store: Store, tmp_path: Path) -> None:
    mapping = SurveyMapping(id="respondent_id", texts=[QUESTION], attributes=["vrij"])
    rows_2022 = [HEADER, ["R1", "nee", "Geen vertrouwen in de leiding"], ["R2", "nee", "Niets gebeurt ermee"],
                 ["R3", "ja", "Toch ingevuld"]]
    rows_2024 = [HEADER, ["R1", "nee", "Angst voor gevolgen"]]
    for wave, rows in (("2022", rows_2022), ("2024", rows_2024)):
        import_survey(store, write_csv(tmp_path / f"{wave}.csv", rows), STUDY, mapping, wave=wave,
                      asked_if=[f"{QUESTION}:vrij=nee"])


def test_the_sidebar_offers_the_waves_latest_first_and_the_progress_page_follows(ui_store: Store,
                                                                                 tmp_path: Path) -> None:
    _two_waves(ui_store, tmp_path)
    app = page_app("progress").run()
    assert not app.exception
    assert app.selectbox(key="meting").options == ["2022", "2024"]
    assert app.selectbox(key="meting").value == "2024"
    assert app.dataframe[0].value["inhoudelijk"].tolist() == [1]
    app.selectbox(key="meting").set_value("2022").run()
    assert not app.exception
    assert app.dataframe[0].value["inhoudelijk"].tolist() == [2]  # R3 was not asked
    assert any("Meting 2022" in c.value for c in app.caption)


def test_one_wave_shows_no_wave_choice(ui_store: Store, tmp_path: Path) -> None:
    small_ui_study(ui_store, tmp_path)
    app = page_app("progress").run()
    assert not app.exception
    assert not [s for s in app.selectbox if s.key == "meting"]


def test_the_coding_page_queue_is_the_chosen_wave(ui_store: Store, tmp_path: Path) -> None:
    from coding.store.codebooks import load_codebook
    from tests.store_fixtures import SPEC

    _two_waves(ui_store, tmp_path)
    load_codebook(ui_store, ui_question(ui_store), SPEC, "lead")
    app = page_app("code_answers", question=QUESTION).run()
    assert not app.exception
    assert app.text[0].value == "Angst voor gevolgen"  # the only 2024 answer
    assert "Geen vertrouwen in de leiding" not in [t.value for t in app.text]
    app.selectbox(key="meting").set_value("2022").run()
    assert not app.exception
    assert app.text[0].value == "Geen vertrouwen in de leiding"  # R1 of 2022


def test_the_import_wizard_proposes_the_wave_column_and_takes_routing(ui_store: Store, tmp_path: Path) -> None:
    from coding.store.workspace import create_study

    create_study(ui_store, STUDY, "anna")
    rows = [["resp_id", "jaar", "vrij", QUESTION], ["1", "2022", "nee", "Geen vertrouwen in de leiding hier"],
            ["1", "2024", "ja", "Een antwoord dat niet telt"], ["2", "2024", "nee", "Er wordt niets mee gedaan"]]
    app = page_app("start").run()
    app.file_uploader(key="wiz_survey_0").set_value(("export.csv", write_csv(tmp_path / "e.csv", rows).read_bytes(),
                                                     "text/csv"))
    app.run()
    assert not app.exception
    assert app.selectbox(key="wiz_wave_column").value == "jaar"
    app.multiselect(key="wiz_texts").set_value([QUESTION]).run()
    app.multiselect(key="wiz_attributes").set_value(["vrij"]).run()
    app.text_area(key="wiz_routing").set_value(f"{QUESTION}:vrij=nee").run()
    app.button(key="wiz_survey_go").click().run()
    assert not app.exception, app.exception
    assert list_waves(ui_store, study_ref(ui_store, STUDY)) == ["2022", "2024"]
    question = ui_question(ui_store)
    assert sorted(segments_frame(ui_store, question)["text"]) == ["Er wordt niets mee gedaan",
                                                                  "Geen vertrouwen in de leiding hier"]
    assert set(question_routing(ui_store, question)) == {"2022", "2024"}
