"""Helpers for the AppTest page tests: a page app with the coder / study / question in its URL, and a small study.

The fixtures that give each test its own database live in :mod:`tests.ui_fixtures`.
"""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from coding.ingest.survey import SurveyMapping, import_survey
from coding.store import QuestionRef, Store, question_ref
from coding.store.codebooks import load_codebook, theme_table
from tests.helpers import write_csv
from tests.store_fixtures import SPEC

STUDY = "ui-studie"
QUESTION = "belemmeringen"
DANGEROUS = "<script>alert('x')</script> **bold** [link](http://x)"

ROWS = [
    ["respondent_id", "doelgroep", "weging", QUESTION],
    ["R01", "medewerker", "1", DANGEROUS],
    ["R02", "bestuurder", "1", "Ik vertrouw mijn leidinggevende niet."],
    ["R03", "medewerker", "1", "Er gebeurt toch niks mee als je iets meldt."],
    ["R04", "bestuurder", "1", "Angst dat het tegen me gebruikt wordt."],
    ["R05", "medewerker", "1", "weet niet"],
]


def _page(name: str) -> None:
    """The script AppTest runs: the shared sidebar, then one page (as app_streamlit.py does)."""
    import importlib

    from coding.ui import sidebar

    sidebar.render()
    importlib.import_module(f"coding.ui.pages.{name}").render()


def page_app(name: str, *, coder: str | None = "anna", study: str | None = STUDY, question: str | None = None,
             timeout: float = 30) -> AppTest:
    """An AppTest of one page, with the coder / study / question given through the URL as a browser would."""
    app = AppTest.from_function(_page, args=(name,), default_timeout=timeout)
    for key, value in (("codeur", coder), ("studie", study), ("vraag", question)):
        if value is not None:
            app.query_params[key] = value
    return app


def ui_question(store: Store, question: str = QUESTION, study: str = STUDY) -> QuestionRef:
    """The reference of a question of the test study, resolved once by its names."""
    return question_ref(store, study, question)


def small_ui_study(store: Store, tmp_path: Path) -> dict[str, int]:
    """Five answers (one non-substantive, one full of Markdown and HTML) and three themes; theme ids by code."""
    import_survey(store, write_csv(tmp_path / "ui.csv", ROWS), STUDY,
                  SurveyMapping(id="respondent_id", texts=[QUESTION], attributes=["doelgroep"], weight="weging"))
    question = ui_question(store)
    load_codebook(store, question, SPEC, "lead")
    themes = theme_table(store, question)
    return dict(zip(themes["code"], themes["theme_id"].astype(int), strict=True))
