"""AppTest of the import wizard with platform exports: detected layout, SPSS variable list, wording fields."""

from __future__ import annotations

from pathlib import Path

from coding.store import Store, question_ref
from coding.store.segments import segments_frame
from coding.store.workspace import create_study
from tests.platform_files import BELEMMERING, QUALTRICS_ROWS, write_rows, write_spss
from tests.ui_helpers import STUDY, page_app, small_ui_study, ui_question

pytest_plugins = ["tests.ui_fixtures"]  # ui_store


def test_wizard_recognises_qualtrics_and_imports_the_edited_wording(ui_store: Store, tmp_path: Path) -> None:
    create_study(ui_store, STUDY, "anna")
    app = page_app("start").run()
    data = write_rows(tmp_path / "q.csv", QUALTRICS_ROWS).read_bytes()
    app.file_uploader(key="wiz_survey_0").set_value(("qualtrics.csv", data, "text/csv"))
    app.run()
    assert not app.exception, app.exception
    assert any("Qualtrics-export herkend" in i.value for i in app.info)
    app.selectbox(key="wiz_id").set_value("ResponseId")
    app.multiselect(key="wiz_texts").set_value(["Q2_TEXT", "Q3_TEXT"])
    app.multiselect(key="wiz_attributes").set_value([])
    app.run()
    assert app.text_input(key="wiz_wording_0_Q2_TEXT").value == BELEMMERING
    app.text_input(key="wiz_wording_1_Q3_TEXT").set_value("Wat kan er beter?")
    app.run()
    app.button(key="wiz_survey_go").click()
    app.run()
    assert not app.exception, app.exception
    assert question_ref(ui_store, STUDY, "Q2_TEXT").wording == BELEMMERING
    assert question_ref(ui_store, STUDY, "Q3_TEXT").wording == "Wat kan er beter?"
    assert len(segments_frame(ui_store, question_ref(ui_store, STUDY, "Q2_TEXT"))) == 3  # no header rows


def test_wizard_lists_spss_variables_with_labels_and_imports_the_label_as_wording(ui_store: Store,
                                                                                 tmp_path: Path) -> None:
    create_study(ui_store, STUDY, "anna")
    app = page_app("start").run()
    data = write_spss(tmp_path / "e.sav").read_bytes()
    app.file_uploader(key="wiz_survey_0").set_value(("enquete.sav", data, "application/octet-stream"))
    app.run()
    assert not app.exception, app.exception
    assert any(e.label.startswith("Variabelen in het bestand (9") for e in app.expander)
    app.selectbox(key="wiz_id").set_value("respnr")
    app.multiselect(key="wiz_texts").set_value(["belemmering"])
    app.multiselect(key="wiz_attributes").set_value(["geslacht"])
    app.run()
    assert app.text_input(key="wiz_wording_0_belemmering").value == BELEMMERING
    app.button(key="wiz_survey_go").click()
    app.run()
    assert not app.exception, app.exception
    ref = question_ref(ui_store, STUDY, "belemmering")
    assert ref.wording == BELEMMERING
    assert len(segments_frame(ui_store, ref)) == 4


def test_wording_is_edited_on_the_codebook_page_and_shown_above_the_answer(ui_store: Store, tmp_path: Path) -> None:
    """The Codeboek page edits the wording (escaped, it is file text); the Coderen page shows it above the answer."""
    small_ui_study(ui_store, tmp_path)
    app = page_app("codebook").run()
    assert not app.exception, app.exception
    assert any(e.label == "Vraagtekst (nog leeg)" for e in app.expander)
    app.text_area(key=f"wording_{ui_question(ui_store).id}").set_value("Wat belemmert u *echt*?")
    app.run()
    next(b for b in app.button if b.label == "Vraagtekst opslaan").click()
    app.run()
    assert not app.exception, app.exception
    assert ui_question(ui_store).wording == "Wat belemmert u *echt*?"
    app = page_app("code_answers").run()
    assert not app.exception, app.exception
    assert r"**Wat belemmert u \*echt\*?**" in [m.value for m in app.markdown]
