"""AppTest of the Codeboek page: the tree, add, edit, move, merge (codings move along), retire, restore, YAML."""

from __future__ import annotations

from pathlib import Path

from coding.ingest.survey import SurveyMapping, import_survey
from coding.store import Store
from coding.store.codebooks import codebook_versions, get_codebook, theme_table
from coding.store.codings import add_coding
from coding.store.segments import codings_frame, segments_frame
from coding.store.themes import retire_theme
from tests.helpers import write_csv
from tests.ui_helpers import QUESTION, ROWS, STUDY, page_app, small_ui_study, ui_question

pytest_plugins = ["tests.ui_fixtures"]  # ui_store, demo_store


def _button(app, label: str):  # type: ignore[no-untyped-def]
    return next(b for b in app.button if b.label == label)


def test_codebook_page_shows_tree_and_asks_for_coder(ui_store: Store, tmp_path: Path) -> None:
    small_ui_study(ui_store, tmp_path)
    app = page_app("codebook", coder=None).run()
    assert not app.exception
    assert any("naam" in i.value for i in app.info)
    app = page_app("codebook").run()
    assert not app.exception
    tree = app.dataframe[0].value
    assert tree["code"].tolist() == ["vertrouwen", "opvolging", "represailles"]


def test_a_question_without_themes_opens_on_new_theme(ui_store: Store, tmp_path: Path) -> None:
    import_survey(ui_store, write_csv(tmp_path / "leeg.csv", ROWS), STUDY,
                  SurveyMapping(id="respondent_id", texts=[QUESTION], attributes=["doelgroep"], weight="weging"))
    app = page_app("codebook").run()
    assert not app.exception
    assert [t.label for t in app.tabs][:2] == ["Nieuw thema", "YAML en versies"]
    assert any("Nieuw thema" in c.value for c in app.caption)
    next(t for t in app.text_input if t.label == "Code").set_value("werkdruk")
    next(t for t in app.text_input if t.label == "Label").set_value("Werkdruk")
    _button(app, "Thema toevoegen").click()
    app.run()
    assert not app.exception
    assert theme_table(ui_store, ui_question(ui_store))["code"].tolist() == ["werkdruk"]
    assert next(t.label for t in app.tabs) == "Thema bewerken"


def test_add_and_edit_a_theme(ui_store: Store, tmp_path: Path) -> None:
    small_ui_study(ui_store, tmp_path)
    question = ui_question(ui_store)
    app = page_app("codebook").run()
    next(t for t in app.text_input if t.label == "Code").set_value("werkdruk")
    # two forms have a 'Label': the edit form's comes first, the new-theme form's last
    [t for t in app.text_input if t.label == "Label"][-1].set_value("Werkdruk en tijdgebrek")
    _button(app, "Thema toevoegen").click()
    app.run()
    assert not app.exception
    assert theme_table(ui_store, question)["code"].tolist()[-1] == "werkdruk"
    assert get_codebook(ui_store, question).theme("werkdruk").label == "Werkdruk en tijdgebrek"
    # edit the first theme's label and keywords
    app.selectbox(key="cb_theme").set_value("opvolging")
    app.run()
    next(t for t in app.text_input if t.label == "Label").set_value("Er gebeurt niets mee")
    next(t for t in app.text_area if t.label.startswith("Trefwoorden")).set_value("opvolging\nniks mee")
    _button(app, "Wijzigingen opslaan").click()
    app.run()
    assert not app.exception
    spec = get_codebook(ui_store, question).theme("opvolging")
    assert (spec.label, spec.keywords) == ("Er gebeurt niets mee", ["opvolging", "niks mee"])
    assert codebook_versions(ui_store, question)["version"].tolist() == [1, 2, 3]


def test_bad_theme_code_is_shown_in_place(ui_store: Store, tmp_path: Path) -> None:
    small_ui_study(ui_store, tmp_path)
    question = ui_question(ui_store)
    app = page_app("codebook").run()
    next(t for t in app.text_input if t.label == "Code").set_value("met spatie")
    [t for t in app.text_input if t.label == "Label"][-1].set_value("Iets")
    _button(app, "Thema toevoegen").click()
    app.run()
    assert not app.exception
    assert app.error and any("spaties" in t.value for t in app.text)
    assert len(theme_table(ui_store, question)) == 3


def test_merge_moves_codings_and_move_and_retire(ui_store: Store, tmp_path: Path) -> None:
    themes = small_ui_study(ui_store, tmp_path)
    question = ui_question(ui_store)
    ids = segments_frame(ui_store, question, substantive_only=True)["segment_id"].tolist()
    add_coding(ui_store, ids[0], themes["opvolging"], "anna")
    add_coding(ui_store, ids[1], themes["opvolging"], "bert")
    app = page_app("codebook").run()
    app.selectbox(key="merge_source").set_value("opvolging")
    app.run()
    app.selectbox(key="merge_target").set_value("vertrouwen")
    app.button(key="merge_go").click()
    app.run()
    assert not app.exception
    codings = codings_frame(ui_store, question)
    assert codings["theme"].tolist() == ["vertrouwen", "vertrouwen"]
    assert "opvolging" not in theme_table(ui_store, question)["code"].tolist()
    # the merged theme is listed as retired, merged into vertrouwen
    retired = [d.value for d in app.dataframe if "samengevoegd met" in d.value.columns]
    assert retired and retired[0]["samengevoegd met"].tolist() == ["vertrouwen"]
    # move represailles under vertrouwen
    app.selectbox(key="cb_theme").set_value("represailles")
    app.run()
    app.selectbox(key="move_represailles").set_value("vertrouwen")
    app.run()
    app.button(key="move_go_represailles").click()
    app.run()
    assert get_codebook(ui_store, question).theme("represailles").parent == "vertrouwen"
    assert app.dataframe[0].value["thema"].tolist()[1].strip().startswith("└")
    # retire and restore
    app.button(key="retire_represailles").click()
    app.run()
    assert theme_table(ui_store, question)["code"].tolist() == ["vertrouwen"]
    app.selectbox(key="restore_pick").set_value("represailles")
    app.button(key="restore_go").click()
    app.run()
    assert not app.exception
    assert theme_table(ui_store, question)["code"].tolist() == ["vertrouwen", "represailles"]


def test_yaml_save_and_load(ui_store: Store, tmp_path: Path) -> None:
    small_ui_study(ui_store, tmp_path)
    question = ui_question(ui_store)
    retire_theme(ui_store, question, "represailles", "anna")
    app = page_app("codebook").run()
    yaml_text = (
        "themes:\n"
        "  - code: vertrouwen\n    label: Gebrek aan vertrouwen\n"
        "  - code: cultuur\n    label: Cultuur\n    keywords: [sfeer]\n"
    )
    app.file_uploader(key="cb_upload").set_value(("boek.yaml", yaml_text.encode(), "application/x-yaml"))
    app.run()
    assert not app.exception
    app.button(key="cb_load_go").click()
    app.run()
    assert not app.exception
    assert theme_table(ui_store, question)["code"].tolist() == ["vertrouwen", "cultuur"]
    broken = "themes:\n  - code: a\n    label: A\n    parent: onbekend\n"
    app.file_uploader(key="cb_upload").set_value(("kapot.yaml", broken.encode(), "application/x-yaml"))
    app.run()
    assert not app.exception
    assert any("onbekende parent" in t.value for t in app.text)
