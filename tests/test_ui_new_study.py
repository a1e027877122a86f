"""A brand-new study from a file of the researcher's own (no codebook, nothing coded): every page renders and says
what to do next."""

from __future__ import annotations

from pathlib import Path

import pytest

from coding.ingest.survey import SurveyMapping, import_survey
from coding.store import Store
from coding.store.codebooks import theme_table
from tests.helpers import write_csv
from tests.ui_helpers import page_app, ui_question

pytest_plugins = ["tests.ui_fixtures"]  # ui_store

STUDY = "eigen studie"
QUESTION = "waarom_niet"
ROWS = [
    ["nr", "afdeling", QUESTION],
    ["1", "HR", "Ik weet niet bij wie ik terecht kan."],
    ["2", "ICT", "Geen tijd om het te bespreken."],
    ["3", "HR", "weet niet"],
]

#: Per page, a next step the page must offer (a text it shows) when the question has no codebook and no codings.
NEXT_STEPS = {
    "start": "Enquête (CSV, XLSX, SPSS)",
    "codebook": "Voeg er hieronder een toe",
    "clusters": "Clusteren",
    "code_answers": "Maak ze op de pagina Codeboek",
    "progress": "pagina Codeboek",
    "report": "pagina Codeboek",
    "review": "Trek er een",
}


def _new_study(store: Store, tmp_path: Path) -> None:
    import_survey(store, write_csv(tmp_path / "eigen.csv", ROWS), STUDY,
                  SurveyMapping(id="nr", texts=[QUESTION], attributes=["afdeling"]))


def _texts(app) -> str:  # type: ignore[no-untyped-def]
    kinds = ("info", "caption", "markdown", "text", "warning", "success")
    parts = [e.value for kind in kinds for e in getattr(app, kind)]
    parts += [b.label for b in app.button] + [t.label for t in app.tabs]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("page", list(NEXT_STEPS))
def test_every_page_of_a_new_study_offers_a_next_step(ui_store: Store, tmp_path: Path, page: str) -> None:
    _new_study(ui_store, tmp_path)
    app = page_app(page, study=STUDY, question=QUESTION).run()
    assert not app.exception, app.exception
    assert NEXT_STEPS[page] in _texts(app)


def test_the_first_theme_of_a_new_question_is_added_on_the_codebook_page(ui_store: Store, tmp_path: Path) -> None:
    _new_study(ui_store, tmp_path)
    app = page_app("codebook", study=STUDY, question=QUESTION).run()
    next(t for t in app.text_input if t.label == "Code").set_value("aanspreekpunt")
    [t for t in app.text_input if t.label == "Label"][-1].set_value("Geen aanspreekpunt")
    next(b for b in app.button if b.label == "Thema toevoegen").click()
    app.run()
    assert not app.exception
    assert theme_table(ui_store, ui_question(ui_store, QUESTION, STUDY))["code"].tolist() == ["aanspreekpunt"]
