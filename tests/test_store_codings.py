"""Coding actions on SQLite and PostgreSQL: add, bulk, remove, memo, citaat, undo, history."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from coding.errors import CodingError
from coding.store import Store, question_ref, study_ref
from coding.store.codings import (
    add_coding,
    code_segments,
    remove_coding,
    set_memo,
    set_quote,
    uncode_segments,
    undo_last,
)
from coding.store.events import history
from coding.store.models import Event
from coding.store.segments import codings_frame, segments_frame
from coding.store.studies import study_status
from tests.store_fixtures import QUESTION, STUDY, small_study


def _segment_ids(store: Store) -> list[int]:
    q = question_ref(store, STUDY, QUESTION)
    return segments_frame(store, q)["segment_id"].tolist()


def test_add_coding_records_coder_source_and_event(store: Store, tmp_path: Path) -> None:
    themes = small_study(store, tmp_path)
    q = question_ref(store, STUDY, QUESTION)
    first = _segment_ids(store)[0]
    assert add_coding(store, first, themes["vertrouwen"], "anna") is True
    assert add_coding(store, first, themes["vertrouwen"], "anna") is False  # never doubled
    codings = codings_frame(store, q)
    assert codings[["respondent_id", "theme", "coder", "source"]].values.tolist() == [
        ["R1", "vertrouwen", "anna", "manual"]
    ]
    with store.read() as session:
        events = session.scalars(select(Event.action).where(Event.actor == "anna")).all()
    assert events == ["coding.add"]


def test_two_coders_keep_their_own_codings(store: Store, tmp_path: Path) -> None:
    themes = small_study(store, tmp_path)
    q = question_ref(store, STUDY, QUESTION)
    first = _segment_ids(store)[0]
    add_coding(store, first, themes["vertrouwen"], "anna")
    add_coding(store, first, themes["vertrouwen"], "bram")
    remove_coding(store, first, themes["vertrouwen"], "bram")
    assert codings_frame(store, q)["coder"].tolist() == ["anna"]


def test_bulk_coding_is_one_action_and_one_undo(store: Store, tmp_path: Path) -> None:
    themes = small_study(store, tmp_path)
    q = question_ref(store, STUDY, QUESTION)
    ids = _segment_ids(store)
    add_coding(store, ids[0], themes["opvolging"], "anna")
    assert code_segments(store, ids, themes["opvolging"], "anna", source="cluster") == len(ids) - 1
    assert len(codings_frame(store, q)) == len(ids)
    assert undo_last(store, "anna") is not None
    # only the bulk action is reversed; the earlier single coding stays
    remaining = codings_frame(store, q)
    assert remaining["segment_id"].tolist() == [ids[0]]
    assert remaining["source"].tolist() == ["manual"]


def test_undo_goes_back_step_by_step_and_keeps_history(store: Store, tmp_path: Path) -> None:
    themes = small_study(store, tmp_path)
    q = question_ref(store, STUDY, QUESTION)
    first = _segment_ids(store)[0]
    add_coding(store, first, themes["vertrouwen"], "anna")
    set_memo(store, first, "twijfel: ook cultuur?", "anna")
    set_quote(store, first, True, "anna")
    remove_coding(store, first, themes["vertrouwen"], "anna")
    assert codings_frame(store, q).empty
    undo_last(store, "anna")  # the removal
    assert codings_frame(store, q)["theme"].tolist() == ["vertrouwen"]
    undo_last(store, "anna")  # the citaat flag
    undo_last(store, "anna")  # the memo
    segment = segments_frame(store, q).iloc[0]
    assert (segment["memo"], bool(segment["is_quote"])) == ("", False)
    undo_last(store, "anna")  # the first coding
    assert codings_frame(store, q).empty
    assert undo_last(store, "anna") is None
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Event).where(Event.action == "undo")) == 4
        study_id = session.scalar(select(Event.study_id).where(Event.action == "undo").limit(1))
    study = study_ref(store, STUDY)
    assert study.id == study_id
    events = history(store, study)
    assert [e["action"] for e in events[:4]] == ["undo"] * 4


def test_undo_only_touches_the_actor_s_own_actions(store: Store, tmp_path: Path) -> None:
    themes = small_study(store, tmp_path)
    q = question_ref(store, STUDY, QUESTION)
    ids = _segment_ids(store)
    add_coding(store, ids[0], themes["vertrouwen"], "anna")
    add_coding(store, ids[1], themes["opvolging"], "bram")
    undo_last(store, "anna")
    assert codings_frame(store, q)["coder"].tolist() == ["bram"]


def test_bulk_uncode(store: Store, tmp_path: Path) -> None:
    themes = small_study(store, tmp_path)
    q = question_ref(store, STUDY, QUESTION)
    ids = _segment_ids(store)
    code_segments(store, ids, themes["vertrouwen"], "anna")
    assert uncode_segments(store, ids[:3], themes["vertrouwen"], "anna") == 3
    undo_last(store, "anna")
    assert len(codings_frame(store, q)) == len(ids)


def test_theme_of_another_question_or_unknown_source_is_refused(store: Store, tmp_path: Path) -> None:
    themes = small_study(store, tmp_path)
    q = question_ref(store, STUDY, QUESTION)
    first = _segment_ids(store)[0]
    with pytest.raises(CodingError):
        add_coding(store, first, themes["vertrouwen"], "anna", source="magic")
    with pytest.raises(CodingError):
        add_coding(store, first, 99_999, "anna")
    with pytest.raises(CodingError):
        add_coding(store, first, themes["vertrouwen"], "  ")
    assert codings_frame(store, q).empty


def test_status_counts_substantive_and_coded(store: Store, tmp_path: Path) -> None:
    themes = small_study(store, tmp_path)
    q = question_ref(store, STUDY, QUESTION)
    substantive = segments_frame(store, q, substantive_only=True)["segment_id"].tolist()
    add_coding(store, substantive[0], themes["vertrouwen"], "anna")
    add_coding(store, substantive[1], themes["opvolging"], "bram")
    status = study_status(store, study_ref(store, STUDY)).iloc[0]
    assert (status["segments"], status["substantive"], status["coded"]) == (5, 3, 2)
    assert status["coders"] == "anna, bram"
    assert status["coded_pct"] == pytest.approx(66.7)
