"""AppTest of the Voortgang page: coded share per question and coder, theme counts as chart and table."""

from __future__ import annotations

from pathlib import Path

from coding.store import Store
from coding.store.codings import add_coding, code_segments
from coding.store.segments import segments_frame
from tests.ui_helpers import QUESTION, page_app, small_ui_study, ui_question

pytest_plugins = ["tests.ui_fixtures"]  # ui_store, demo_store


def test_progress_page_before_and_after_coding(ui_store: Store, tmp_path: Path) -> None:
    themes = small_ui_study(ui_store, tmp_path)
    app = page_app("progress", coder=None).run()
    assert not app.exception
    assert any("nog niets gecodeerd" in c.value for c in app.caption)
    ids = segments_frame(ui_store, ui_question(ui_store), substantive_only=True)["segment_id"].tolist()
    code_segments(ui_store, ids[:2], themes["vertrouwen"], "anna")
    add_coding(ui_store, ids[0], themes["opvolging"], "bert")
    app.run()
    assert not app.exception
    per_question, per_coder, per_theme = (d.value for d in app.dataframe)
    assert per_question[["vraag", "gecodeerd", "gecodeerd %"]].values.tolist() == [[QUESTION, 2, 50.0]]
    assert per_coder[["codeur", "gecodeerd"]].values.tolist() == [["anna", 2], ["bert", 1]]
    assert per_theme.set_index("code")["antwoorden"].to_dict() == {"vertrouwen": 2, "opvolging": 1, "represailles": 0}
    assert app.get("vega_lite_chart")  # the bar chart of theme counts
    app.selectbox(key="progress_coder").set_value("bert").run()
    assert app.dataframe[2].value.set_index("code")["antwoorden"].to_dict() == {
        "vertrouwen": 0, "opvolging": 1, "represailles": 0}


def test_progress_page_without_study_asks_for_one(ui_store: Store) -> None:
    app = page_app("progress", study=None).run()
    assert not app.exception
    assert any("Kies eerst" in i.value for i in app.info)
