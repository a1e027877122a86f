"""A small study in the store, built through the public importers (shared by store tests)."""

from __future__ import annotations

from pathlib import Path

from coding.codebook import CodebookSpec, ThemeSpec
from coding.ingest.survey import SurveyMapping, import_survey
from coding.store import Store
from coding.store.codebooks import load_codebook, theme_table
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
    load_codebook(store, STUDY, QUESTION, SPEC, "lead")
    themes = theme_table(store, STUDY, QUESTION)
    return dict(zip(themes["code"], themes["theme_id"], strict=True))
