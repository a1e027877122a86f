"""Suggestions on a question in the store: training labels from the final codings, open answers, bulk accept."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from coding.errors import CodingError
from coding.nlp.suggest import SUGGESTION_COLUMNS, answer_tokens
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
    codings_needed,
    informative_order,
    not_enough_message,
    open_segment_ids,
    question_features,
    reasons,
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
    assert features.featurizer is not None and model.nb_columns == features.featurizer.sparse_width_ > 0
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


def test_bulk_preview_estimates_the_wrong_codings_with_a_wilson_interval(sqlite_store: Store, tmp_path: Path) -> None:
    from statsmodels.stats.proportion import proportion_confint

    coded_study(sqlite_store, tmp_path, n=90, coded=60)
    q = small_question(sqlite_store)
    features = question_features(sqlite_store, q)
    model = train(features, training_labels(sqlite_store, q))
    preview = bulk_preview(sqlite_store, features, model, "anna", 0.5)
    expected = model.precision_at(0.5)
    errors = round((1 - expected.precision) * expected.support)
    low, high = proportion_confint(errors, expected.support, method="wilson")
    assert preview.support == expected.support > 0 and preview.codings > 0
    assert preview.wrong == pytest.approx(preview.codings * errors / expected.support)
    assert (preview.wrong_low, preview.wrong_high) == pytest.approx((preview.codings * low, preview.codings * high))
    assert preview.wrong_low <= preview.wrong <= preview.wrong_high
    text = preview.describe()
    assert f"Codeert {preview.answers} antwoorden ({preview.codings} coderingen)" in text and "fout" in text
    # the same state gives the same preview (the page reruns), and accepting it adds exactly what it showed
    assert bulk_preview(sqlite_store, features, model, "anna", 0.5) == preview
    assert accept_suggestions(sqlite_store, features, preview, "anna") == preview.codings


def test_no_suggestions_before_30_coded_answers(sqlite_store: Store, tmp_path: Path) -> None:
    coded_study(sqlite_store, tmp_path, coded=29)
    q = small_question(sqlite_store)
    assert codings_needed(training_labels(sqlite_store, q)) == 1
    with pytest.raises(CodingError, match=r"29 van de 30 .* codeer er nog 1"):
        suggest_question(sqlite_store, q)
    assert not_enough_message(0) == ("Nog geen suggesties: 0 van de 30 gecodeerde antwoorden die nodig zijn; "
                                     "codeer er nog 30.")


def test_reasons_name_the_answers_own_words_that_count_for_the_theme(store: Store, tmp_path: Path) -> None:
    _, ids = coded_study(store, tmp_path)
    q = small_question(store)
    features = question_features(store, q)
    model = train(features, training_labels(store, q))
    found = suggestions_for(features, model, ids[40:60])
    for segment_id, best in found.items():
        why = reasons(features, model, segment_id, best[0][0])
        tokens = answer_tokens([features.texts[int(features.rows([segment_id])[0])]])[0]
        words = [set(w.split()) for w in why]
        assert len(why) <= 3 and all(w <= set(tokens.replace("_", " ").split()) for w in words)
        assert not any(a < b for a in words for b in words)  # no word named again inside a phrase
    assert any(reasons(features, model, s, b[0][0]) for s, b in found.items())
    assert reasons(features, model, ids[40], "no-such-theme") == []
