"""Coding progress per coder and theme counts, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from coding.store import Store
from coding.store.codings import add_coding, code_segments
from coding.store.progress import coder_progress, theme_counts
from coding.store.segments import segments_frame
from coding.store.themes import retire_theme
from tests.store_fixtures import QUESTION, STUDY, small_study


def test_coder_progress_counts_substantive_answers_per_coder(store: Store, tmp_path: Path) -> None:
    themes = small_study(store, tmp_path)
    ids = segments_frame(store, STUDY, QUESTION, substantive_only=True)["segment_id"].tolist()
    assert len(ids) == 3
    code_segments(store, ids[:2], themes["vertrouwen"], "anna")
    add_coding(store, ids[0], themes["opvolging"], "anna")
    add_coding(store, ids[2], themes["opvolging"], "bert")
    frame = coder_progress(store, STUDY)
    assert frame[["question", "coder", "coded", "substantive", "coded_pct", "codings"]].values.tolist() == [
        [QUESTION, "anna", 2, 3, 66.7, 3],
        [QUESTION, "bert", 1, 3, 33.3, 1],
    ]
    assert frame["last_coded_at"].notna().all()


def test_theme_counts_by_anyone_or_one_coder_and_retired_with_codings(store: Store, tmp_path: Path) -> None:
    themes = small_study(store, tmp_path)
    ids = segments_frame(store, STUDY, QUESTION, substantive_only=True)["segment_id"].tolist()
    code_segments(store, ids, themes["vertrouwen"], "anna")
    add_coding(store, ids[0], themes["vertrouwen"], "bert")
    add_coding(store, ids[1], themes["represailles"], "bert")
    counts = theme_counts(store, STUDY, QUESTION).set_index("code")
    assert counts.loc["vertrouwen", ["segments", "pct", "codings"]].tolist() == [3, 100.0, 4]
    assert counts.loc["opvolging", "segments"] == 0
    bert = theme_counts(store, STUDY, QUESTION, coder="bert").set_index("code")
    assert bert.loc["vertrouwen", "segments"] == 1
    retire_theme(store, STUDY, QUESTION, "opvolging", "lead")
    retire_theme(store, STUDY, QUESTION, "represailles", "lead")
    after = theme_counts(store, STUDY, QUESTION)
    assert after["code"].tolist() == ["vertrouwen", "represailles"]
    assert after["retired"].tolist() == [False, True]
