"""A small study in the store, built through the public importers (shared by store tests)."""

from __future__ import annotations

from pathlib import Path

from coding.codebook import CodebookSpec, ThemeSpec
from coding.ingest.survey import SurveyMapping, import_survey
from coding.store import Store
from coding.store.codebooks import load_codebook, theme_table
from coding.store.refs import QuestionRef
from coding.store.studies import question_ref
from tests.helpers import SURVEY_ROWS, write_csv

STUDY = "monitor"
QUESTION = "belemmeringen"

SPEC = CodebookSpec(
    question=QUESTION,
    themes=[
        ThemeSpec(code="vertrouwen", label="Gebrek aan vertrouwen", keywords=["vertrouwen"]),
        ThemeSpec(code="opvolging", label="Geen opvolging"),
        ThemeSpec(code="represailles", label="Angst voor represailles"),
    ],
)


def small_study(store: Store, tmp_path: Path, rows: list[list[str]] | None = None) -> dict[str, int]:
    """Import the small survey and load the codebook; returns theme ids by code."""
    path = write_csv(tmp_path / "enquete.csv", rows or SURVEY_ROWS)
    import_survey(
        store,
        path,
        STUDY,
        SurveyMapping(id="respondent_id", texts=[QUESTION], attributes=["doelgroep", "bestuurslaag"], weight="weging"),
    )
    question = small_question(store)
    load_codebook(store, question, SPEC, "lead")
    themes = theme_table(store, question)
    return dict(zip(themes["code"], themes["theme_id"], strict=True))


def small_question(store: Store) -> QuestionRef:
    """The reference of the small study's question (after :func:`small_study`)."""
    return question_ref(store, STUDY, QUESTION)
