"""Report tables have no "None" or "nan" in empty cells; a group of one is no column, a small group shows a count,
not "(100%)"."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from coding.analysis.model import ReportOptions
from coding.ingest.survey import SurveyMapping, import_survey
from coding.report.export import export
from coding.store import Store, question_ref, study_ref
from coding.store.codebooks import load_codebook, theme_table
from coding.store.codings import add_coding
from coding.store.segments import segments_frame
from tests.helpers import write_csv
from tests.store_fixtures import SPEC

TEXTS = ["Ik vertrouw mijn collega's echt niet meer.", "Er gebeurt toch niks mee, nooit.",
         "Bang voor de gevolgen voor mijn baan.", "Geen vertrouwen meer in de leiding."]


@pytest.fixture
def report_store(sqlite_store: Store, tmp_path: Path) -> Store:
    """24 coded answers; one 'bestuurder' (a group of one) and respondents without a region."""
    rows = [["respondent_id", "doelgroep", "regio", "weging", "belemmeringen"]]
    for i in range(24):
        rows.append([f"R{i}", "bestuurder" if i == 0 else ["medewerker", "manager"][i % 2],
                     "" if i % 5 == 0 else "Noord", "0,5" if i % 7 == 0 else "1,5", f"{TEXTS[i % 4]} ({i})"])
    import_survey(sqlite_store, write_csv(tmp_path / "s.csv", rows), "S",
                  SurveyMapping(id="respondent_id", texts=["belemmeringen"], attributes=["doelgroep", "regio"],
                                weight="weging"))
    question = question_ref(sqlite_store, "S", "belemmeringen")
    load_codebook(sqlite_store, question, SPEC, "lead")
    themes = theme_table(sqlite_store, question)["theme_id"].astype(int).tolist()
    for k, segment_id in enumerate(segments_frame(sqlite_store, question)["segment_id"]):
        add_coding(sqlite_store, int(segment_id), themes[k % 3], "anna")
    return sqlite_store


@pytest.mark.parametrize("weighted", [False, True])
def test_no_none_or_nan_and_counts_for_a_group_of_one(report_store: Store, weighted: bool) -> None:
    options = ReportOptions(by=("doelgroep", "regio"), weighted=weighted)
    markdown = export(report_store, study_ref(report_store, "S"), "md", options=options).content.decode()
    document = docx.Document(io.BytesIO(export(report_store, study_ref(report_store, "S"), "docx",
                                               options=options).content))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    for text in (markdown, "\n".join(cells), "\n".join(p.text for p in document.paragraphs)):
        assert "None" not in text and "nan" not in text.replace("nanc", "")
        assert "(100%)" not in text and "(0%)" not in text
    # a group of one is never a column of its own (k = 5): left out, and the Basis line says so
    assert "bestuurder (n = " not in markdown and not any(c.startswith("bestuurder") for c in cells)
    assert "Groepen met minder dan 5 respondenten: bestuurder weggelaten." in markdown
    # groups of under 30 show counts: "(4 van 12)"
    assert "manager (n = 12)" in markdown and "(4 van 12)" in markdown and "(4 van 12)" in cells
