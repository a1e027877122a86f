"""Double coding in the coding stage: drawing and assigning a sample, blind coding, review and adjudication."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from coding.errors import CodingError, NotFoundError
from coding.store import Store
from coding.store.codebooks import theme_table
from coding.store.codings import add_coding
from coding.store.models import Event
from coding.store.segments import codings_frame, segments_frame
from coding.vocabulary import Source
from coding.work.double_coding import (
    adjudicate,
    blind_segment_ids,
    draw_sample,
    original_codings,
    review_items,
    sampled_segment_ids,
    samples,
    set_assignment_memo,
    visible_codings,
)
from coding.work.final import final_codings
from tests.store_fixtures import small_question, small_study
from tests.suggest_fixtures import survey_rows

ROWS = survey_rows(40)[0]


def test_draw_is_reproducible_and_assigns_every_coder(store: Store, tmp_path: Path) -> None:
    small_study(store, tmp_path, ROWS)
    q = small_question(store)
    substantive = set(segments_frame(store, q, substantive_only=True)["segment_id"])
    first = draw_sample(store, q, ["anna", " bram ", "anna"], share=0.25, seed=7, actor="lead")
    assert first.coders == ("anna", "bram")
    assert len(first.segment_ids) == round(0.25 * len(substantive))
    assert set(first.segment_ids) <= substantive
    assert blind_segment_ids(store, q, "anna") == set(first.segment_ids)
    assert blind_segment_ids(store, q, "chef") == frozenset()
    second = draw_sample(store, q, ["anna", "chef"], size=5, seed=7, actor="lead")
    assert not set(second.segment_ids) & set(first.segment_ids)  # never drawn twice
    assert sampled_segment_ids(store, q) == set(first.segment_ids) | set(second.segment_ids)
    assert [s.id for s in samples(store, q)] == [first.id, second.id]
    with store.read() as session:
        events = session.scalars(select(Event).where(Event.action == "double_coding.draw")).all()
    assert len(events) == 2 and events[0].payload["segment_ids"] == list(first.segment_ids)


def test_same_seed_draws_the_same_sample(tmp_path: Path, sqlite_store: Store) -> None:
    from coding.store import connect

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    small_study(sqlite_store, tmp_path / "a", ROWS)
    other = connect(f"sqlite:///{tmp_path / 'b.sqlite'}")
    small_study(other, tmp_path / "b", ROWS)
    one = draw_sample(sqlite_store, small_question(sqlite_store), ["anna", "bram"], size=6, seed=3, actor="lead")
    two = draw_sample(other, small_question(other), ["anna", "bram"], size=6, seed=3, actor="lead")
    assert one.segment_ids == two.segment_ids
    other.dispose()


@pytest.mark.parametrize(
    ("coders", "kwargs"),
    [
        (["anna"], {"size": 2}),
        (["anna", "bram"], {}),
        (["anna", "bram"], {"share": 1.5}),
        (["anna", "bram"], {"size": 10_000}),
    ],
)
def test_impossible_samples_are_refused_in_dutch(
    sqlite_store: Store, tmp_path: Path, coders: list[str], kwargs: dict[str, float]
) -> None:
    small_study(sqlite_store, tmp_path)
    q = small_question(sqlite_store)
    with pytest.raises(CodingError) as error:
        draw_sample(sqlite_store, q, coders, actor="lead", **kwargs)  # type: ignore[arg-type]
    assert error.value.hint


def test_double_coding_hides_the_other_coders_work(store: Store, tmp_path: Path) -> None:
    themes = small_study(store, tmp_path)
    q = small_question(store)
    sample = draw_sample(store, q, ["anna", "bram"], size=2, seed=0, actor="lead")
    inside = sample.segment_ids[0]
    outside = next(
        s for s in segments_frame(store, q, substantive_only=True)["segment_id"]
        if s not in sample.segment_ids
    )
    add_coding(store, inside, themes["vertrouwen"], "anna")
    add_coding(store, outside, themes["opvolging"], "anna")
    seen_by_bram = visible_codings(store, q, "bram")
    assert inside not in set(seen_by_bram["segment_id"])  # anna's coding of a sampled answer is hidden
    assert outside in set(seen_by_bram["segment_id"])  # elsewhere bram sees it
    assert inside in set(visible_codings(store, q, "anna")["segment_id"])  # own work stays visible
    assert inside in set(visible_codings(store, q, "chef")["segment_id"])  # not in the sample: sees all


def test_own_memos_review_and_adjudication_keep_the_originals(store: Store, tmp_path: Path) -> None:
    themes = small_study(store, tmp_path)
    q = small_question(store)
    sample = draw_sample(store, q, ["anna", "bram"], size=3, seed=0, actor="lead")
    same, differ, half = sample.segment_ids
    for coder in ("anna", "bram"):
        add_coding(store, same, themes["vertrouwen"], coder)
    add_coding(store, differ, themes["vertrouwen"], "anna")
    add_coding(store, differ, themes["opvolging"], "anna")
    add_coding(store, differ, themes["opvolging"], "bram")
    add_coding(store, half, themes["represailles"], "anna")
    set_assignment_memo(store, differ, "bram", "twijfel: gaat het om vertrouwen?")
    with pytest.raises(NotFoundError):
        set_assignment_memo(store, differ, "chef", "niet toegewezen")

    items = review_items(store, q)
    assert [i.segment_id for i in items] == [differ]
    item = items[0]
    assert item.themes == {"anna": ("vertrouwen", "opvolging"), "bram": ("opvolging",)}
    assert item.memos == {"anna": "", "bram": "twijfel: gaat het om vertrouwen?"}
    assert item.adjudicated is None and item.complete and not item.agree
    everything = review_items(store, q, disagreements_only=False)
    assert [i.segment_id for i in everything] == [same, differ, half]
    assert not everything[2].complete

    before = codings_frame(store, q)
    with pytest.raises(CodingError):
        adjudicate(store, differ, ["opvolging"], "anna")  # a coder does not settle their own disagreement
    with pytest.raises(CodingError):
        adjudicate(store, differ, [], "chef")
    with pytest.raises(NotFoundError):
        adjudicate(store, differ, ["bestaat_niet"], "chef")
    assert adjudicate(store, differ, ["vertrouwen"], "chef") == 1
    assert adjudicate(store, differ, ["opvolging", "vertrouwen"], "chef") == 2  # a later decision replaces it
    after = codings_frame(store, q)
    originals = after[after["source"] != Source.ADJUDICATED].reset_index(drop=True)
    assert originals.drop(columns="created_at").equals(before.drop(columns="created_at"))
    decided = after[after["source"] == Source.ADJUDICATED]
    assert sorted(decided["theme"]) == ["opvolging", "vertrouwen"] and set(decided["coder"]) == {"chef"}
    assert review_items(store, q)[0].adjudicated == ("vertrouwen", "opvolging")

    substantive = segments_frame(store, q)["segment_id"]
    final = final_codings(after, theme_table(store, q, include_retired=True), substantive)
    assert sorted(final[final["segment_id"] == differ]["theme"]) == ["opvolging", "vertrouwen"]
    codings, units = original_codings(store, q)
    assert sorted(units) == sorted(sample.segment_ids) and "chef" not in set(codings["coder"])
    with store.read() as session:
        events = session.scalars(select(Event).where(Event.action == "coding.adjudicate").order_by(Event.id)).all()
    assert [e.payload["previous"] for e in events] == [[], ["vertrouwen"]]


def test_without_samples_answers_two_coders_coded_are_the_units(sqlite_store: Store, tmp_path: Path) -> None:
    themes = small_study(sqlite_store, tmp_path)
    q = small_question(sqlite_store)
    ids = segments_frame(sqlite_store, q, substantive_only=True)["segment_id"].tolist()
    add_coding(sqlite_store, ids[0], themes["vertrouwen"], "anna")
    add_coding(sqlite_store, ids[0], themes["opvolging"], "bram")
    add_coding(sqlite_store, ids[1], themes["opvolging"], "bram")
    assert original_codings(sqlite_store, q)[1] == [ids[0]]
    assert [i.segment_id for i in review_items(sqlite_store, q)] == [ids[0]]
