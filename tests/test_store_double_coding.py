"""Double coding in the store: saving a drawn sample, assignments and own memos, the adjudication write."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from coding.errors import CodingError, NotFoundError
from coding.store import Store
from coding.store.codings import add_coding
from coding.store.double_coding import (
    ASSIGNMENT_COLUMNS,
    adjudicate,
    assignment_memo,
    assignments,
    blind_segment_ids,
    sample_population,
    sampled_segment_ids,
    samples,
    save_sample,
    set_assignment_memo,
)
from coding.store.models import Coding, DoubleCodingSample, Event
from coding.store.segments import codings_frame, segments_frame
from coding.store.themes import retire_theme
from coding.vocabulary import Source
from tests.store_fixtures import small_question, small_study


def _count(store: Store, model: type, *where: object) -> int:
    with store.read() as session:
        return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)  # type: ignore[arg-type]


def test_saved_sample_assigns_every_coder_and_leaves_the_population(store: Store, tmp_path: Path) -> None:
    small_study(store, tmp_path)
    q = small_question(store)
    everything = segments_frame(store, q)
    substantive = everything.loc[everything["substantive"], "segment_id"].tolist()
    assert sample_population(store, q) == substantive
    sample = save_sample(store, q, ["anna", "bram"], [substantive[1], substantive[0]], seed=5, share=None,
                         actor="lead")
    assert sample.segment_ids == (substantive[0], substantive[1]) and sample.coders == ("anna", "bram")
    assert sample_population(store, q) == substantive[2:]
    assert sampled_segment_ids(store, q) == set(sample.segment_ids) == blind_segment_ids(store, q, " bram ")
    assert samples(store, q) == [sample]
    frame = assignments(store, q)
    assert list(frame.columns) == ASSIGNMENT_COLUMNS
    assert frame[["segment_id", "coder"]].values.tolist() == [
        [substantive[0], "anna"], [substantive[0], "bram"], [substantive[1], "anna"], [substantive[1], "bram"]
    ]
    with store.read() as session:
        event = session.scalars(select(Event).where(Event.action == "double_coding.draw")).one()
    assert event.payload == {"sample_id": sample.id, "seed": 5, "share": None, "size": 2, "coders": ["anna", "bram"],
                             "segment_ids": list(sample.segment_ids)}


def test_saving_refuses_answers_that_are_taken_or_not_substantive(sqlite_store: Store, tmp_path: Path) -> None:
    small_study(sqlite_store, tmp_path)
    q = small_question(sqlite_store)
    everything = segments_frame(sqlite_store, q)
    substantive = everything.loc[everything["substantive"], "segment_id"].tolist()
    other = everything.loc[~everything["substantive"], "segment_id"].tolist()
    save_sample(sqlite_store, q, ["anna", "bram"], substantive[:1], seed=0, share=None, actor="lead")
    for chosen in ([substantive[0], substantive[1]], [other[0]], [999_999]):
        with pytest.raises(CodingError) as error:
            save_sample(sqlite_store, q, ["anna", "bram"], chosen, seed=0, share=None, actor="lead")
        assert error.value.hint == "Trek de steekproef opnieuw."
    assert _count(sqlite_store, DoubleCodingSample) == 1  # nothing of a refused sample was written
    assert _count(sqlite_store, Event, Event.action == "double_coding.draw") == 1


def test_own_memos_are_per_coder(store: Store, tmp_path: Path) -> None:
    small_study(store, tmp_path)
    q = small_question(store)
    segment = sample_population(store, q)[0]
    save_sample(store, q, ["anna", "bram"], [segment], seed=0, share=None, actor="lead")
    assert assignment_memo(store, segment, "anna") == "" and assignment_memo(store, segment, "chef") is None
    set_assignment_memo(store, segment, " bram ", "twijfel")
    set_assignment_memo(store, segment, "bram", "twijfel")  # unchanged: no second event
    assert assignment_memo(store, segment, "bram") == "twijfel" and assignment_memo(store, segment, "anna") == ""
    assert assignments(store, q)["memo"].tolist() == ["", "twijfel"]
    assert _count(store, Event, Event.action == "double_coding.memo") == 1
    with pytest.raises(NotFoundError):
        set_assignment_memo(store, segment, "chef", "niet toegewezen")


def test_adjudication_checks_inside_its_transaction(store: Store, tmp_path: Path) -> None:
    themes = small_study(store, tmp_path)
    q = small_question(store)
    segment = sample_population(store, q)[0]
    add_coding(store, segment, themes["vertrouwen"], "anna")
    add_coding(store, segment, themes["opvolging"], "bram")
    before = codings_frame(store, q)
    with pytest.raises(CodingError) as own:
        adjudicate(store, segment, ["opvolging"], " anna ")
    assert "zelf gecodeerd" in str(own.value)
    with pytest.raises(NotFoundError):
        adjudicate(store, 999_999, ["opvolging"], "chef")
    with pytest.raises(CodingError):
        adjudicate(store, segment, ["vertrouwen"], "  ")
    retire_theme(store, q, "represailles", "lead")
    with pytest.raises(NotFoundError) as retired:
        adjudicate(store, segment, ["vertrouwen", "represailles"], "chef")
    assert "represailles" in str(retired.value)
    assert codings_frame(store, q).drop(columns="created_at").equals(before.drop(columns="created_at"))
    assert _count(store, Event, Event.action == "coding.adjudicate") == 0

    assert adjudicate(store, segment, ["opvolging", "opvolging"], "chef", note="eerste") == 1
    assert adjudicate(store, segment, ["vertrouwen", "opvolging"], "dirk", note="herzien") == 2
    with store.read() as session:
        decided = session.execute(
            select(Coding.theme_id, Coding.coder).where(Coding.source == Source.ADJUDICATED).order_by(Coding.theme_id)
        ).all()
        events = session.scalars(select(Event).where(Event.action == "coding.adjudicate").order_by(Event.id)).all()
    added = _count(store, Event, Event.action.in_(["coding.add", "coding.bulk_add"]))
    assert sorted(decided) == sorted([(themes["vertrouwen"], "dirk"), (themes["opvolging"], "dirk")])
    assert [e.payload for e in events] == [
        {"segment_id": segment, "themes": ["opvolging"], "previous": [], "previous_adjudicator": None,
         "note": "eerste"},
        {"segment_id": segment, "themes": ["vertrouwen", "opvolging"], "previous": ["opvolging"],
         "previous_adjudicator": "chef", "note": "herzien"},
    ]
    assert added == 2  # only anna's and bram's own codings: an adjudication is not an undoable coding.add
    originals = codings_frame(store, q)
    originals = originals[originals["source"] != Source.ADJUDICATED].reset_index(drop=True)
    assert originals.drop(columns="created_at").equals(before.drop(columns="created_at"))
