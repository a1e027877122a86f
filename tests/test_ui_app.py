"""AppTest of app_streamlit.py itself: it routes to the Start page and draws the shared sidebar."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from coding.store import Store
from tests.ui_helpers import STUDY, small_ui_study

pytest_plugins = ["tests.ui_fixtures"]  # ui_store, demo_store

ROOT = Path(__file__).resolve().parents[1]


def test_app_opens_on_the_start_page_with_the_sidebar(ui_store: Store, tmp_path: Path) -> None:
    small_ui_study(ui_store, tmp_path)
    app = AppTest.from_file(str(ROOT / "app_streamlit.py"), default_timeout=30)
    app.query_params["studie"] = STUDY
    app.run()
    assert not app.exception
    assert [t.value for t in app.title] == ["Start"]
    assert app.selectbox(key="studie").value == STUDY
    assert app.selectbox(key="vraag").value == "belemmeringen"
    assert app.text_input(key="codeur").value == ""
