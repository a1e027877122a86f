"""AppTest of the Coderen page: plain text, one-by-one coding with shortcuts, undo, memo, citaat, filters, the grid."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from coding.store import Store
from coding.store.queue import get_item
from coding.store.segments import codings_frame, segments_frame
from tests.ui_helpers import DANGEROUS, STUDY, page_app, small_ui_study, ui_question

pytest_plugins = ["tests.ui_fixtures"]  # ui_store, demo_store


@pytest.fixture
def themes(ui_store: Store, tmp_path: Path) -> dict[str, int]:
    return small_ui_study(ui_store, tmp_path)


def _ids(store: Store) -> list[int]:
    return segments_frame(store, ui_question(store), substantive_only=True)["segment_id"].astype(int).tolist()


def _shown(app: AppTest) -> str:
    """The caption that says which respondent is shown."""
    return next(c.value for c in app.caption if "respondent" in c.value)


def test_respondent_text_is_plain_text_never_markdown_or_html(ui_store: Store, themes: dict[str, int]) -> None:
    app = page_app("code_answers").run()
    assert not app.exception
    assert DANGEROUS in [t.value for t in app.text]  # shown verbatim by st.text
    rendered = [m.value for m in app.markdown] + [c.value for c in app.caption]
    assert not any("script" in value or "bold" in value or "http://x" in value for value in rendered)
    assert not app.get("html")
    app.segmented_control(key="code_view").set_value("Tabel").run()
    assert not app.exception
    assert app.dataframe[0].value["antwoord"].iloc[0] == DANGEROUS  # a table cell: plain text too


def test_code_an_answer_with_its_shortcut_move_on_and_undo(ui_store: Store, themes: dict[str, int]) -> None:
    first, second = _ids(ui_store)[:2]
    app = page_app("code_answers").run()
    assert "R01" in _shown(app)
    button = app.button(key=f"theme_{themes['vertrouwen']}")
    assert button.proto.shortcut == "1" and button.proto.type == "secondary"
    button.click().run()
    assert not app.exception
    question = ui_question(ui_store)
    assert codings_frame(ui_store, question)[["segment_id", "theme", "coder"]].values.tolist() == [
        [first, "vertrouwen", "anna"]]
    assert app.button(key=f"theme_{themes['vertrouwen']}").proto.type == "primary"  # shown as given
    assert app.button(key="nav_next").proto.shortcut == "n"
    app.button(key="nav_next").click().run()
    assert "R02" in _shown(app)
    app.button(key=f"theme_{themes['opvolging']}").click().run()
    app.button(key="undo").click().run()
    assert not app.exception
    assert codings_frame(ui_store, question)["segment_id"].tolist() == [first]
    assert get_item(ui_store, second, "anna").themes == ()
    # toggling a given theme takes it off again
    app.button(key="nav_prev").click().run()
    assert "R01" in _shown(app)
    app.button(key=f"theme_{themes['vertrouwen']}").click().run()
    assert codings_frame(ui_store, question).empty


def test_previous_works_after_a_page_reload(ui_store: Store, themes: dict[str, int]) -> None:
    """A reload starts a new session without history: p goes back to the answer the coder coded last."""
    first, second = _ids(ui_store)[:2]
    app = page_app("code_answers").run()
    app.button(key=f"theme_{themes['vertrouwen']}").click().run()
    app.button(key="nav_next").click().run()
    assert "R02" in _shown(app)
    reloaded = page_app("code_answers")  # a new session, on the answer the URL names
    reloaded.query_params["antwoord"] = str(second)
    reloaded.run()
    assert "R02" in _shown(reloaded)
    reloaded.button(key="nav_prev").click().run()
    assert not reloaded.exception and "R01" in _shown(reloaded)
    assert reloaded.query_params["antwoord"] in (str(first), [str(first)])
    # nothing coded yet by this coder: a clear note instead of nothing happening
    fresh = page_app("code_answers", coder="bram").run()
    fresh.button(key="nav_prev").click().run()
    assert any("nog niets gecodeerd" in m.value for m in [*fresh.info, *fresh.toast, *fresh.caption, *fresh.markdown])


def test_keys_are_bound_as_documented(ui_store: Store, themes: dict[str, int]) -> None:
    app = page_app("code_answers").run()
    shortcuts = {b.key: b.proto.shortcut for b in app.button if b.proto.shortcut}
    assert shortcuts == {
        "undo": "u", f"theme_{themes['vertrouwen']}": "1", f"theme_{themes['opvolging']}": "2",
        f"theme_{themes['represailles']}": "3", "nav_prev": "p", "nav_skip": "s", "nav_next": "n", "nav_quote": "q",
    }


def test_memo_citaat_skip_and_uncoded_filter(ui_store: Store, themes: dict[str, int]) -> None:
    ids = _ids(ui_store)
    app = page_app("code_answers").run()
    app.text_area(key=f"memo_{ids[0]}").set_value("Let op: bevat HTML")
    app.button(key="memo_save").click().run()
    app.button(key="nav_quote").click().run()
    assert not app.exception
    item = get_item(ui_store, ids[0], "anna")
    assert (item.memo, item.is_quote) == ("Let op: bevat HTML", True)
    app.button(key="nav_skip").click().run()
    assert "R02" in _shown(app) and "1 overgeslagen" in _shown(app)
    app.button(key=f"theme_{themes['represailles']}").click().run()
    app.button(key="nav_next").click().run()
    assert "R03" in _shown(app)
    app.button(key="nav_next").click().run()
    assert "R04" in _shown(app)
    app.button(key="nav_next").click().run()  # the skipped R01 and the coded R02 are not offered again
    assert "R03" in _shown(app)
    app.toggle(key="flt_uncoded").set_value(False).run()
    # a new filter starts at its first answer; the skipped one stays out until asked for
    assert "Antwoord 1 van 3" in _shown(app) and "R02" in _shown(app)


def test_search_theme_and_attribute_filters(ui_store: Store, themes: dict[str, int]) -> None:
    app = page_app("code_answers").run()
    app.text_input(key="flt_search").set_value("vertrouw").run()
    assert "R02" in _shown(app) and "van 1 " in _shown(app)
    app.text_input(key="flt_search").set_value("").run()
    app.selectbox(key="flt_attribute").set_value("doelgroep").run()
    app.selectbox(key="flt_value").set_value("bestuurder").run()
    assert not app.exception
    assert "van 2 " in _shown(app)
    app.button(key=f"theme_{themes['opvolging']}").click().run()
    app.selectbox(key="flt_attribute").set_value(None).run()
    app.toggle(key="flt_uncoded").set_value(False).run()
    app.selectbox(key="flt_theme").set_value(themes["opvolging"]).run()
    assert "van 1 " in _shown(app)


def test_grid_bulk_assign_remove_and_assign_all(ui_store: Store, themes: dict[str, int]) -> None:
    ids = _ids(ui_store)
    app = page_app("code_answers").run()
    app.segmented_control(key="code_view").set_value("Tabel").run()
    app.toggle(key="flt_uncoded").set_value(False).run()
    assert app.dataframe[0].value["id"].tolist() == ids
    app.session_state["grid_selection_0"] = {"selection": {"rows": [0, 2], "columns": [], "cells": []}}
    app.run()
    app.selectbox(key="grid_bulk_theme").set_value(themes["represailles"]).run()
    app.button(key="bulk_assign").click().run()
    assert not app.exception
    question = ui_question(ui_store)
    codings = codings_frame(ui_store, question)
    assert sorted(codings["segment_id"].tolist()) == [ids[0], ids[2]]
    assert set(codings["source"]) == {"manual"}
    table = app.dataframe[0].value
    assert table["thema's"].tolist()[0] == "Angst voor represailles"
    # the selection starts empty after an action
    assert app.button(key="bulk_assign").disabled
    app.session_state["grid_selection_1"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    app.run()
    app.button(key="bulk_remove").click().run()
    assert codings_frame(ui_store, question)["segment_id"].tolist() == [ids[2]]
    app.text_input(key="flt_search").set_value("e").run()
    app.button(key="bulk_assign_all").click().run()
    assert not app.exception
    assert sorted(codings_frame(ui_store, question)["segment_id"].tolist()) == sorted(ids)


def test_grid_pages_through_a_question(ui_store: Store, tmp_path: Path) -> None:
    from coding.ingest.survey import SurveyMapping, import_survey
    from coding.store.themes import add_theme
    from tests.helpers import write_csv

    rows = [["id", "antwoord"]] + [[f"R{i:03d}", f"antwoord nummer {i}"] for i in range(60)]
    import_survey(ui_store, write_csv(tmp_path / "veel.csv", rows), STUDY, SurveyMapping(id="id", texts=["antwoord"]))
    add_theme(ui_store, ui_question(ui_store, "antwoord"), "a", "Thema A", "lead")
    app = page_app("code_answers", question="antwoord").run()
    app.segmented_control(key="code_view").set_value("Tabel").run()
    app.selectbox(key="grid_size").set_value(25).run()
    assert len(app.dataframe[0].value) == 25
    app.session_state["grid_page"] = 3
    app.run()
    assert not app.exception
    assert app.dataframe[0].value["respondent"].tolist() == [f"R{i:03d}" for i in range(50, 60)]


def test_two_coders_on_the_same_answer_do_not_overwrite_each_other(ui_store: Store, themes: dict[str, int]) -> None:
    first = _ids(ui_store)[0]
    anna, bert = page_app("code_answers", coder="anna").run(), page_app("code_answers", coder="bert").run()
    anna.button(key=f"theme_{themes['vertrouwen']}").click()
    bert.button(key=f"theme_{themes['opvolging']}").click()
    anna.run()
    bert.run()
    bert.button(key=f"theme_{themes['vertrouwen']}").click().run()
    codings = codings_frame(ui_store, ui_question(ui_store))
    assert sorted(codings[codings["segment_id"] == first][["coder", "theme"]].values.tolist()) == [
        ["anna", "vertrouwen"], ["bert", "opvolging"], ["bert", "vertrouwen"]]
    anna.run()  # anna sees her own coding only, and that bert coded it too
    assert anna.button(key=f"theme_{themes['opvolging']}").proto.type == "secondary"
    assert "ook gecodeerd door bert" in _shown(anna)
