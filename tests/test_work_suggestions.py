"""Suggestions on a question in the store: training labels from the final codings, open answers, bulk accept."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from coding.nlp.suggest import SUGGESTION_COLUMNS
from coding.store import Store
from coding.store.codings import add_coding
from coding.store.models import Event
from coding.store.progress import coding_state
from coding.store.segments import codings_frame
from coding.store.themes import merge_themes
from coding.vocabulary import Source
from coding.work.double_coding import adjudicate, draw_sample, sampled_segment_ids
from coding.work.suggestions import (
    accept_suggestions,
    bulk_preview,
    informative_order,
    open_segment_ids,
    question_features,
    suggest_question,
    suggestions_for,
    train,
    training_labels,
)
from tests.store_fixtures import small_question
from tests.suggest_fixtures import coded_study


def test_suggestions_never_overwrite_a_coders_coding(store: Store, tmp_path: Path) -> None:
    themes, ids = coded_study(store, tmp_path)
    q = small_question(store)
    add_coding(store, ids[45], themes["tijd"], "bram")  # bram coded an answer anna has not
    sample = draw_sample(store, q, ["anna", "bram"], size=4, seed=1, actor="lead")
    features = question_features(store, q)
    assert features.question == q
    model = train(features, training_labels(store, q))
    before = codings_frame(store, q)
    preview = bulk_preview(store, features, model, "anna", 0.0)  # p ≥ 0: every theme of every open answer
    open_ids = set(open_segment_ids(store, q, "anna"))
    assert preview.answers == len(open_ids) and not open_ids & set(ids[:40]) and not open_ids & set(sample.segment_ids)
    added = accept_suggestions(store, features, preview, "anna")
    after = codings_frame(store, q)
    new = after[after["source"] == "suggestion"]
    assert len(new) == added == preview.codings
    assert set(new["segment_id"]) == open_ids and set(new["coder"]) == {"anna"}
    kept = after[after["source"] != "suggestion"].drop(columns="created_at").reset_index(drop=True)
    assert kept.equals(before.drop(columns="created_at").reset_index(drop=True))
    assert accept_suggestions(store, features, preview, "anna") == 0  # coded now: nothing added twice


def test_accepting_records_one_bulk_add_per_theme_with_the_threshold(sqlite_store: Store, tmp_path: Path) -> None:
    themes, _ = coded_study(sqlite_store, tmp_path)
    q = small_question(sqlite_store)
    features = question_features(sqlite_store, q)
    model = train(features, training_labels(sqlite_store, q))
    preview = bulk_preview(sqlite_store, features, model, "anna", 0.5)
    first = preview.pairs[0][0]
    add_coding(sqlite_store, first, themes["tijd"], "anna")  # coded by hand since the preview
    added = accept_suggestions(sqlite_store, features, preview, " anna ")
    expected: dict[int, list[int]] = {}
    for segment_id, code in preview.pairs:
        if segment_id != first:
            expected.setdefault(themes[code], []).append(segment_id)
    with sqlite_store.read() as session:
        events = session.scalars(
            select(Event).where(Event.action == "coding.bulk_add").order_by(Event.id)
        ).all()
    assert len(events) == len(expected) > 1
    assert {e.payload["theme_id"]: sorted(e.payload["segment_ids"]) for e in events} == {
        t: sorted(s) for t, s in expected.items()
    }
    for event in events:
        assert list(event.payload) == ["theme_id", "source", "threshold", "segment_ids"]
        assert event.payload["source"] == Source.SUGGESTION and event.payload["threshold"] == 0.5
        assert event.entity == "question" and event.entity_id == q.id and event.actor == "anna"
    assert added == sum(len(s) for s in expected.values())


def test_suggest_table_order_and_blind_answers(store: Store, tmp_path: Path) -> None:
    themes, ids = coded_study(store, tmp_path)
    q = small_question(store)
    sample = draw_sample(store, q, ["anna", "bram"], size=3, seed=2, actor="lead")
    table = suggest_question(store, q)
    assert list(table.columns) == SUGGESTION_COLUMNS
    assert not set(table["segment_id"]) & set(ids[:40]) and not set(table["segment_id"]) & set(sample.segment_ids)
    assert (table["p_1"] >= table["p_2"]).all() and (table["p_2"] >= table["p_3"]).all()
    assert set(table["theme_1"]) <= set(themes)
    features = question_features(store, q)
    model = train(features, training_labels(store, q))
    hidden = sampled_segment_ids(store, q)
    chips = suggestions_for(features, model, [ids[50], *sample.segment_ids], hidden=hidden)
    assert list(chips) == [ids[50]] and len(chips[ids[50]]) == 3
    order = informative_order(store, features, model, "anna")
    assert sorted(order) == sorted(open_segment_ids(store, q, "anna"))


def test_training_labels_leave_out_rules_and_follow_adjudication(sqlite_store: Store, tmp_path: Path) -> None:
    themes, ids = coded_study(sqlite_store, tmp_path, coded=0)
    q = small_question(sqlite_store)
    add_coding(sqlite_store, ids[0], themes["tijd"], "regels", source=Source.RULE)
    add_coding(sqlite_store, ids[1], themes["tijd"], "anna")
    add_coding(sqlite_store, ids[1], themes["opvolging"], "bram")
    adjudicate(sqlite_store, ids[1], ["opvolging"], "chef")
    add_coding(sqlite_store, ids[2], themes["tijd"], "anna")
    add_coding(sqlite_store, ids[2], themes["vertrouwen"], "bram")
    labels = training_labels(sqlite_store, q)
    assert {s: set(t) for s, t in labels.items()} == {ids[1]: {"opvolging"}, ids[2]: {"tijd", "vertrouwen"}}
    assert labels[ids[2]] == ("vertrouwen", "tijd")  # codebook order


def test_training_labels_follow_merges_and_the_state_changes_with_every_coding(
    sqlite_store: Store, tmp_path: Path
) -> None:
    themes, ids = coded_study(sqlite_store, tmp_path, coded=0)
    q = small_question(sqlite_store)
    assert coding_state(sqlite_store, q) == (0, 0)
    add_coding(sqlite_store, ids[0], themes["tijd"], "anna")
    add_coding(sqlite_store, ids[0], themes["represailles"], "anna")
    state = coding_state(sqlite_store, q)
    assert state[0] == 2 and state[1] > 0
    merge_themes(sqlite_store, q, "tijd", "represailles", "lead")
    assert training_labels(sqlite_store, q) == {ids[0]: ("represailles",)}
    assert coding_state(sqlite_store, q) != state
