"""Coding progress per coder, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from coding.store import Store, study_ref
from coding.store.codings import add_coding, code_segments
from coding.store.progress import coder_progress
from coding.store.segments import segments_frame
from tests.store_fixtures import QUESTION, STUDY, small_question, small_study


def test_coder_progress_counts_substantive_answers_per_coder(store: Store, tmp_path: Path) -> None:
    themes = small_study(store, tmp_path)
    ids = segments_frame(store, small_question(store), substantive_only=True)["segment_id"].tolist()
    assert len(ids) == 3
    code_segments(store, ids[:2], themes["vertrouwen"], "anna")
    add_coding(store, ids[0], themes["opvolging"], "anna")
    add_coding(store, ids[2], themes["opvolging"], "bert")
    frame = coder_progress(store, study_ref(store, STUDY))
    assert frame[["question", "coder", "coded", "substantive", "coded_pct", "codings"]].values.tolist() == [
        [QUESTION, "anna", 2, 3, 66.7, 3],
        [QUESTION, "bert", 1, 3, 33.3, 1],
    ]
    assert frame["last_coded_at"].notna().all()
