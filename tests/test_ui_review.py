"""AppTest of the Beoordelen page: disagreements side by side, adjudication into the store, agreement, sampling."""

from __future__ import annotations

from pathlib import Path

from coding.store import Store
from coding.store.codings import add_coding
from coding.store.segments import codings_frame
from coding.work.double_coding import draw_sample, samples, set_assignment_memo
from tests.ui_helpers import DANGEROUS, QUESTION, page_app, small_ui_study, ui_question

pytest_plugins = ["tests.ui_fixtures"]  # ui_store


def _disagreement(store: Store, tmp_path: Path) -> tuple[int, dict[str, int]]:
    themes = small_ui_study(store, tmp_path)
    sample = draw_sample(store, ui_question(store), ["anna", "bram"], size=4, seed=0, actor="lead")
    for segment_id in sample.segment_ids:
        add_coding(store, segment_id, themes["vertrouwen"], "anna")
        add_coding(store, segment_id, themes["vertrouwen"], "bram")
    differ = sample.segment_ids[0]  # R01, the answer full of Markdown and HTML
    add_coding(store, differ, themes["opvolging"], "bram")
    set_assignment_memo(store, differ, "bram", "**memo** van bram")
    return differ, themes


def test_adjudication_changes_the_store_and_keeps_the_originals(ui_store: Store, tmp_path: Path) -> None:
    differ, _ = _disagreement(ui_store, tmp_path)
    app = page_app("review", coder="chef", question=QUESTION).run()
    assert not app.exception
    assert app.selectbox(key="rv_pick").value == differ
    texts = [t.value for t in app.text]
    assert DANGEROUS in texts  # the answer as plain text
    assert "**memo** van bram" in texts
    assert any("Geen opvolging (opvolging)" in t for t in texts)
    question = ui_question(ui_store)
    before = codings_frame(ui_store, question)
    app.button(key=f"rv_take_{differ}_bram").click().run()
    assert not app.exception
    after = codings_frame(ui_store, question)
    final = after[after["source"] == "adjudicated"]
    assert sorted(final["theme"]) == ["opvolging", "vertrouwen"] and set(final["coder"]) == {"chef"}
    assert len(after) - len(final) == len(before)  # the coders' own codings stay
    assert any("Eindcodering door chef" in s.value for s in app.success)
    # edit the decision in the form
    app.multiselect(key=f"rv_themes_{differ}").set_value(["opvolging"])
    app.button(key=f"rv_save_{differ}").click().run()
    final = codings_frame(ui_store, question).query("source == 'adjudicated'")
    assert final["theme"].tolist() == ["opvolging"]


def test_a_coder_cannot_settle_their_own_disagreement(ui_store: Store, tmp_path: Path) -> None:
    differ, _ = _disagreement(ui_store, tmp_path)
    app = page_app("review", coder="anna", question=QUESTION).run()
    assert not app.exception
    assert any("zelf gecodeerd" in w.value for w in app.warning)
    assert app.button(key=f"rv_take_{differ}_bram").disabled


def test_agreement_tab_and_drawing_a_sample(ui_store: Store, tmp_path: Path) -> None:
    _disagreement(ui_store, tmp_path)
    app = page_app("review", coder="chef", question=QUESTION).run()
    table = app.dataframe[0].value
    assert table["thema"].iloc[0].startswith("Hele codering") and table["eenheden"].iloc[0] == 4
    assert table["% overeenstemming"].iloc[0] == 75.0


def test_empty_question_offers_to_draw_a_sample(ui_store: Store, tmp_path: Path) -> None:
    small_ui_study(ui_store, tmp_path)
    app = page_app("review", coder="chef", question=QUESTION).run()
    assert not app.exception
    assert any("nog geen steekproef" in i.value for i in app.info)
    app.text_input(key="rv_names").set_value("anna, bram")
    app.radio(key="rv_how").set_value("Aantal")
    app.number_input(key="rv_size").set_value(2)
    app.button(key="rv_draw").click().run()
    assert not app.exception and not app.error
    drawn = samples(ui_store, ui_question(ui_store))
    assert len(drawn) == 1 and drawn[0].coders == ("anna", "bram") and len(drawn[0].segment_ids) == 2
