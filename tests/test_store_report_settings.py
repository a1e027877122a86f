"""The report settings stored per question (population, style): one write path with events, checked before writing.

On SQLite and PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coding.errors import CodingError
from coding.ingest.transcripts import import_transcripts
from coding.store import Store, question_ref, study_ref
from coding.store.events import history
from coding.store.report_settings import MAX_POPULATION, ReportSettings, report_settings, set_report_settings
from tests.store_fixtures import STUDY, small_question, small_study


def _events(store: Store, action: str) -> list[dict[str, object]]:
    return [e for e in history(store, study_ref(store, STUDY)) if e["action"] == action]


def test_nothing_is_stored_until_a_researcher_sets_it(store: Store, tmp_path: Path) -> None:
    small_study(store, tmp_path)
    assert report_settings(store, small_question(store)) == ReportSettings(None, None)


def test_population_and_style_are_stored_with_their_events(store: Store, tmp_path: Path) -> None:
    small_study(store, tmp_path)
    question = small_question(store)
    stored = set_report_settings(store, question, "anna", population="  politieke   ambtsdragers ",
                                 style="kwalitatief")
    assert stored == ReportSettings("politieke ambtsdragers", "kwalitatief")
    assert report_settings(store, question) == stored
    (population,) = _events(store, "question.population")
    assert population["actor"] == "anna"
    assert population["payload"] == {"before": None, "after": "politieke ambtsdragers"}
    (style,) = _events(store, "question.report_style")
    assert style["payload"] == {"before": None, "after": "kwalitatief"}


def test_none_leaves_a_setting_and_the_same_value_writes_no_event(store: Store, tmp_path: Path) -> None:
    small_study(store, tmp_path)
    question = small_question(store)
    set_report_settings(store, question, "anna", population="raadsleden", style="kwalitatief")
    assert set_report_settings(store, question, "bram", style="tabellen") == ReportSettings("raadsleden", "tabellen")
    set_report_settings(store, question, "bram", population="raadsleden")
    assert len(_events(store, "question.population")) == 1
    assert len(_events(store, "question.report_style")) == 2


def test_an_empty_population_removes_the_stored_one(store: Store, tmp_path: Path) -> None:
    small_study(store, tmp_path)
    question = small_question(store)
    set_report_settings(store, question, "anna", population="raadsleden")
    assert set_report_settings(store, question, "anna", population="  ").population is None
    assert _events(store, "question.population")[0]["payload"] == {"before": "raadsleden", "after": None}


@pytest.mark.parametrize(
    ("population", "style", "message"),
    [("raadsleden", "grafieken", "Onbekende rapportstijl 'grafieken'"),
     ("x" * (MAX_POPULATION + 1), "kwalitatief", f"maximaal {MAX_POPULATION}")],
)
def test_bad_settings_are_refused_and_nothing_is_written(
    store: Store, tmp_path: Path, population: str, style: str, message: str
) -> None:
    small_study(store, tmp_path)
    question = small_question(store)
    with pytest.raises(CodingError) as info:
        set_report_settings(store, question, "anna", population=population, style=style)
    assert message in str(info.value)
    assert report_settings(store, question) == ReportSettings(None, None)
    assert not _events(store, "question.population") and not _events(store, "question.report_style")


def test_an_interview_question_is_always_qualitative(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "gemeente.txt"
    path.write_text("Interviewer: Wat helpt?\nRespondent: Een vertrouwenspersoon helpt.\n", encoding="utf-8")
    import_transcripts(store, [path], STUDY, "interviews")
    interviews = question_ref(store, STUDY, "interviews")
    with pytest.raises(CodingError) as info:
        set_report_settings(store, interviews, "anna", population="wethouders", style="tabellen")
    assert "altijd kwalitatief" in info.value.problem and "kwalitatief" in info.value.hint
    assert report_settings(store, interviews) == ReportSettings(None, None)
    assert set_report_settings(store, interviews, "anna", style="kwalitatief").style == "kwalitatief"


def test_0006_adds_the_settings_to_existing_questions_and_goes_back_without_losing_answers(
    store: Store, tmp_path: Path
) -> None:
    from coding.store.migrate import current_revision, downgrade, head_revision, upgrade
    from coding.store.segments import segments_frame

    small_study(store, tmp_path)
    question = small_question(store)
    set_report_settings(store, question, "anna", population="raadsleden", style="kwalitatief")
    answers = len(segments_frame(store, question))
    downgrade(store.engine, "0005")
    assert current_revision(store.engine) == "0005"
    upgrade(store.engine)
    assert current_revision(store.engine) == head_revision()
    assert report_settings(store, question) == ReportSettings(None, None)
    assert len(segments_frame(store, question)) == answers
