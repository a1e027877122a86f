"""AppTest of the Rapport page's style choice and population field: both remembered per question in the store;
a kwalitatief section in words; interviews never in numbers."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from coding.store import Store, question_ref
from coding.store.report_settings import ReportSettings, report_settings, set_report_settings
from tests.report_fixtures import (
    INTERVIEW_TOPIC,
    QUALITATIVE_POPULATION,
    QUALITATIVE_QUESTION,
    QUALITATIVE_STUDY,
    qualitative_study,
)
from tests.ui_helpers import page_app

pytest_plugins = ["tests.ui_fixtures"]  # ui_store

STYLE = "rp_style"
POPULATION = "rp_population"


def _app(question: str = QUALITATIVE_QUESTION) -> AppTest:
    return page_app("report", study=QUALITATIVE_STUDY, question=question, timeout=90)


def _settings(store: Store, question: str = QUALITATIVE_QUESTION) -> ReportSettings:
    return report_settings(store, question_ref(store, QUALITATIVE_STUDY, question))


def test_the_style_is_chosen_per_question_and_remembered(ui_store: Store, tmp_path: Path) -> None:
    qualitative_study(ui_store, tmp_path)
    survey = question_ref(ui_store, QUALITATIVE_STUDY, QUALITATIVE_QUESTION)
    app = _app().run()
    assert not app.exception, app.exception
    style = app.radio(key=f"{STYLE}_{survey.id}")
    assert style.value == "tabellen"
    assert any(list(f.value.columns)[:3] == ["Thema", "Aantal", "%"] for f in app.dataframe)
    style.set_value("kwalitatief").run()
    assert not app.exception, app.exception
    assert _settings(ui_store).style == "kwalitatief"
    history = [e for e in ui_store_history(ui_store) if e["action"] == "question.report_style"]
    assert history and history[0]["actor"] == "anna"
    paragraph = next(t.value for t in app.text if t.value.startswith("Deze vraag is gesteld aan"))
    assert "De meest genoemde reden is gebrek aan vertrouwen en openheid." in paragraph
    assert any(t.value.startswith("Voetnoot: Uitkomsten uit een open vraag") for t in app.text)
    preview = next(c.value for c in app.code)
    assert "Een aantal citaten ter illustratie:" in preview and "| " not in preview
    fresh = _app().run()  # another session: the style comes from the store
    assert fresh.radio(key=f"{STYLE}_{survey.id}").value == "kwalitatief"


def test_the_population_is_stored_per_question(ui_store: Store, tmp_path: Path) -> None:
    qualitative_study(ui_store, tmp_path)
    survey = question_ref(ui_store, QUALITATIVE_STUDY, QUALITATIVE_QUESTION)
    set_report_settings(ui_store, survey, "lead", style="kwalitatief")
    app = _app().run()
    field = app.text_input(key=f"{POPULATION}_{survey.id}")
    assert field.value == QUALITATIVE_POPULATION
    field.set_value("raadsleden van kleine gemeenten").run()
    assert not app.exception, app.exception
    assert _settings(ui_store).population == "raadsleden van kleine gemeenten"
    assert any("Deze vraag is gesteld aan raadsleden van kleine gemeenten." in t.value for t in app.text)
    assert any(t.value.endswith("naar alle raadsleden van kleine gemeenten.") for t in app.text)
    app.text_input(key=f"{POPULATION}_{survey.id}").set_value("").run()
    assert _settings(ui_store).population is None
    assert any("Deze vraag is gesteld aan alle respondenten." in t.value for t in app.text)
    assert _app().run().text_input(key=f"{POPULATION}_{survey.id}").value == ""


def test_an_interview_question_has_no_style_choice_and_no_numbers(ui_store: Store, tmp_path: Path) -> None:
    qualitative_study(ui_store, tmp_path)
    app = _app(INTERVIEW_TOPIC).run()
    assert not app.exception, app.exception
    assert not [r for r in app.radio if r.key and r.key.startswith(STYLE)]
    assert any("altijd kwalitatief" in c.value for c in app.caption)
    assert any(t.value.startswith("In de interviews komt") for t in app.text)
    assert not app.get("image")  # no chart
    tables = [f.value for f in app.dataframe]
    assert not any("%" in str(c) or "Aantal" in str(c) for frame in tables for c in frame.columns)
    assert "%" not in next(c.value for c in app.code)


def ui_store_history(store: Store) -> list[dict[str, object]]:
    from coding.store import study_ref
    from coding.store.events import history

    return history(store, study_ref(store, QUALITATIVE_STUDY))
