"""Tests for coding.store.imports: checked plans written in one transaction, and ingest kept out of the database."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from sqlalchemy import select

from coding.codebook import CodebookSpec, ThemeSpec
from coding.errors import ConflictError, InputError
from coding.store import Store, question_ref
from coding.store.codebooks import load_codebook
from coding.store.imports import (
    CodingRow,
    CodingsPlan,
    NewSegment,
    Problem,
    SurveyPlan,
    SurveyQuestion,
    SurveyRespondent,
    write_codings,
    write_survey,
)
from coding.store.models import Coding, Event, Respondent, Segment
from tests.ingest_helpers import count, dump

ROOT = Path(__file__).resolve().parents[1]
STUDY = "monitor"
QUESTION = "belemmeringen"


def answer(text: str, substantive: bool = True) -> NewSegment:
    """An answer as an importer hands it over (the hash is not checked by the store)."""
    return NewSegment(text, f"hash-{text}", substantive, None if substantive else "leeg", len(text.split()))


def respondent(external_id: str, row: int, text: str, *, weight: float | None = 1.0,
               doelgroep: str | None = "medewerker") -> SurveyRespondent:
    """One respondent of the survey plan."""
    return SurveyRespondent(external_id, row, weight, {"doelgroep": doelgroep}, {QUESTION: answer(text)})


def survey(*respondents: SurveyRespondent, study: str = STUDY) -> SurveyPlan:
    """A survey plan with one open question and a weight column."""
    return SurveyPlan(study=study, source="/tmp/golf.csv", file="golf.csv", questions=(SurveyQuestion(QUESTION),),
                      respondents=tuple(respondents), weight_column="weging", actor="import")


def test_ingest_does_not_touch_the_database() -> None:
    """No module of coding.ingest imports SQLAlchemy, the models, the events or the engine, or opens a transaction."""
    forbidden = ("sqlalchemy", "coding.store.models", "coding.store.events", "coding.store.db")
    for path in sorted((ROOT / "coding" / "ingest").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                names = []
            for name in names:
                assert not name.startswith(forbidden), f"{path.name} imports {name}"
            if isinstance(node, ast.Attribute):
                assert node.attr not in ("atomic", "read", "begin"), f"{path.name} uses .{node.attr}"


def test_write_survey_stores_the_plan_and_reports_it(store: Store) -> None:
    """Study, question, respondents and answers of a plan are stored, with one import event."""
    report = write_survey(store, survey(respondent("R1", 2, "Geen vertrouwen"), respondent("R2", 3, "")))
    assert (report.respondents_added, report.segments_added, report.nonsubstantive) == (2, 2, 0)
    assert (report.study, report.source, report.questions) == (STUDY, "golf.csv", [QUESTION])
    with store.read() as session:
        texts = session.scalars(select(Segment.text).order_by(Segment.id)).all()
        people = session.execute(select(Respondent.external_id, Respondent.attributes)).all()
        actions = session.scalars(select(Event.action).order_by(Event.id)).all()
    assert texts == ["Geen vertrouwen", ""]
    assert sorted(people) == [("R1", {"doelgroep": "medewerker"}), ("R2", {"doelgroep": "medewerker"})]
    assert actions == ["study.create", "question.create", "import.survey"]


def test_write_survey_refuses_a_changed_respondent_and_writes_nothing(store: Store) -> None:
    """A changed weight, attribute and answer are each reported at their row and column; a new respondent in the
    same plan is not added."""
    write_survey(store, survey(respondent("R1", 2, "Geen vertrouwen")))
    before = dump(store)
    changed = respondent("R1", 3, "Iets anders", weight=2.0, doelgroep="burger")
    with pytest.raises(ConflictError) as info:
        write_survey(store, survey(respondent("R9", 2, "Nieuw"), changed))
    assert (info.value.file, info.value.row, info.value.column) == ("/tmp/golf.csv", 3, "weging")
    assert "rij 3, kolom 'doelgroep'" in info.value.problem
    assert "rij 3, kolom 'belemmeringen'" in info.value.problem
    assert "nooit overschreven" in info.value.hint
    assert dump(store) == before


def test_write_codings_matches_rows_in_the_writing_transaction(store: Store) -> None:
    """Codes and labels are matched to the codebook and ids to answers when writing; the codings are imported."""
    write_survey(store, survey(respondent("R1", 2, "Geen vertrouwen"), respondent("R2", 3, "Niks")))
    question = question_ref(store, STUDY, QUESTION)
    load_codebook(store, question, CodebookSpec(themes=[ThemeSpec(code="vertrouwen", label="Gebrek aan vertrouwen"),
                                                        ThemeSpec(code="opvolging", label="Geen opvolging")]), "lead")
    plan = CodingsPlan(source="/tmp/c.csv", file="c.csv", id_column="id", theme_column="thema",
                       rows=(CodingRow(2, "R1", ("vertrouwen", "GEEN OPVOLGING"), "Anna"),
                             CodingRow(3, "R2", (), "Anna"), CodingRow(4, "R1", ("vertrouwen",), "Anna")),
                       problems=(), actor="Anna")
    report = write_codings(store, question, plan)
    assert (report.codings_added, report.codings_existing) == (2, 0)
    with store.read() as session:
        sources = session.scalars(select(Coding.source)).all()
    assert sources == ["imported", "imported"]
    assert write_codings(store, question, plan).codings_existing == 2


def test_write_codings_lists_the_file_problems_with_the_stored_ones(store: Store) -> None:
    """Problems the importer found in the file are reported with those found against the store, by row."""
    write_survey(store, survey(respondent("R1", 2, "Geen vertrouwen")))
    question = question_ref(store, STUDY, QUESTION)
    load_codebook(store, question, CodebookSpec(themes=[ThemeSpec(code="vertrouwen", label="Vertrouwen")]), "lead")
    before = dump(store)
    plan = CodingsPlan(source="/tmp/c.csv", file="c.csv", id_column="id", theme_column="thema",
                       rows=(CodingRow(2, "R1", ("vertrouwen",), "import"), CodingRow(5, "R7", ("vertrouwen",),
                                                                                       "import")),
                       problems=(Problem(3, "id", "de respondent-id is leeg", "Vul de id in of verwijder de rij."),),
                       actor="import")
    with pytest.raises(InputError) as info:
        write_codings(store, question, plan)
    assert (info.value.file, info.value.row, info.value.column) == ("/tmp/c.csv", 3, "id")
    assert "rij 5, kolom 'id': respondent 'R7'" in info.value.problem
    assert info.value.hint.startswith("Vul de id in")
    assert count(store, Coding) == 0
    assert dump(store) == before
