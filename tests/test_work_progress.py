"""Per-theme progress counts on the final codings, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from coding.codebook import CodebookSpec, ThemeSpec
from coding.ingest.survey import SurveyMapping, import_survey
from coding.store import Store, question_ref
from coding.store.codebooks import load_codebook
from coding.store.codings import add_coding, code_segments
from coding.store.segments import segments_frame
from coding.store.themes import merge_themes, retire_theme
from coding.work.double_coding import adjudicate
from coding.work.progress import THEME_COUNT_COLUMNS, theme_progress
from tests.helpers import SURVEY_ROWS, write_csv
from tests.store_fixtures import QUESTION, small_question, small_study


def test_theme_counts_by_anyone_or_one_coder_and_retired_with_codings(store: Store, tmp_path: Path) -> None:
    themes = small_study(store, tmp_path)
    q = small_question(store)
    ids = segments_frame(store, q, substantive_only=True)["segment_id"].tolist()
    code_segments(store, ids, themes["vertrouwen"], "anna")
    add_coding(store, ids[0], themes["vertrouwen"], "bert")
    add_coding(store, ids[1], themes["represailles"], "bert")
    counts = theme_progress(store, q).set_index("code")
    assert list(theme_progress(store, q).columns) == THEME_COUNT_COLUMNS
    assert counts.loc["vertrouwen", ["segments", "pct", "codings"]].tolist() == [3, 100.0, 4]
    assert counts.loc["opvolging", "segments"] == 0
    bert = theme_progress(store, q, coder="bert").set_index("code")
    assert bert.loc["vertrouwen", "segments"] == 1
    retire_theme(store, q, "opvolging", "lead")
    retire_theme(store, q, "represailles", "lead")
    after = theme_progress(store, q)
    assert after["code"].tolist() == ["vertrouwen", "represailles"]
    assert after["retired"].tolist() == [False, True]
    assert after.set_index("code").loc["represailles", ["segments", "codings"]].tolist() == [0, 1]  # no longer counts


def test_adjudicated_themes_and_merges_count_as_in_the_report(sqlite_store: Store, tmp_path: Path) -> None:
    themes = small_study(sqlite_store, tmp_path)
    q = small_question(sqlite_store)
    ids = segments_frame(sqlite_store, q, substantive_only=True)["segment_id"].tolist()
    add_coding(sqlite_store, ids[0], themes["vertrouwen"], "anna")
    add_coding(sqlite_store, ids[0], themes["opvolging"], "bert")
    adjudicate(sqlite_store, ids[0], ["opvolging"], "chef")
    add_coding(sqlite_store, ids[1], themes["represailles"], "anna")
    counts = theme_progress(sqlite_store, q).set_index("code")
    assert counts["segments"].to_dict() == {"vertrouwen": 0, "opvolging": 1, "represailles": 1}
    assert counts["codings"].to_dict() == {"vertrouwen": 1, "opvolging": 2, "represailles": 1}
    assert theme_progress(sqlite_store, q, coder="anna").set_index("code")["segments"].to_dict() == {
        "vertrouwen": 1, "opvolging": 0, "represailles": 1
    }
    merge_themes(sqlite_store, q, "represailles", "vertrouwen", "lead")
    merged = theme_progress(sqlite_store, q).set_index("code")
    assert merged["segments"].to_dict() == {"vertrouwen": 1, "opvolging": 1}
    assert merged.loc["vertrouwen", "pct"] == round(100 / 3, 1)


def test_a_question_without_codebook_gives_an_empty_table(sqlite_store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "ander.csv", SURVEY_ROWS)
    import_survey(sqlite_store, path, "ander", SurveyMapping(id="respondent_id", texts=[QUESTION]))
    counts = theme_progress(sqlite_store, question_ref(sqlite_store, "ander", QUESTION))
    assert counts.empty and list(counts.columns) == THEME_COUNT_COLUMNS
    q = question_ref(sqlite_store, "ander", QUESTION)
    load_codebook(sqlite_store, q, CodebookSpec(question=QUESTION, themes=[ThemeSpec(code="a", label="A")]), "lead")
    assert theme_progress(sqlite_store, q)[["code", "segments", "pct", "codings"]].values.tolist() == [["a", 0, 0.0, 0]]
