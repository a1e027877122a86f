"""Blind double coding in the library's read functions: until a beheerder closes the round, a coder of it cannot
read the other coder's codings of the same answers — not in the queue, on the review page, in an export or in the
report of the question. Tests call the library directly, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from coding.analysis.build import build_report
from coding.report.export import export
from coding.store import Store
from coding.store.codings import add_coding, code_passage, passage_codings
from coding.store.queue import QueueFilter, get_item, next_item, queue_page
from coding.store.segments import codings_frame
from coding.store.studies import study_ref
from coding.work.double_coding import (
    assignments,
    blind_segment_ids,
    close_round,
    draw_sample,
    review_items,
    samples,
    set_assignment_memo,
    visible_codings,
)
from tests.account_fixtures import fast_hashing, team_study  # noqa: F401 - autouse fixture
from tests.store_fixtures import STUDY, small_question


def double_coded(store: Store, tmp_path: Path) -> int:
    """The team's study with one answer double-coded by bram (vertrouwen) and carla (opvolging and a passage),
    each with their own memo; returns the answer's segment id."""
    themes = team_study(store, tmp_path)
    q = small_question(store)
    (segment,) = draw_sample(store, q, ["bram", "carla"], size=1, seed=0, actor="mira").segment_ids
    add_coding(store, segment, themes["vertrouwen"], "bram")
    add_coding(store, segment, themes["opvolging"], "carla")
    code_passage(store, segment, themes["represailles"], "carla", (0, 8))
    set_assignment_memo(store, segment, "bram", "bram twijfelt")
    set_assignment_memo(store, segment, "carla", "carla is zeker")
    return segment


def coders_of(coders: pd.Series) -> set[str]:
    return {str(c) for c in coders}


def test_a_coder_in_an_open_round_sees_only_their_own_work(store: Store, tmp_path: Path) -> None:
    segment = double_coded(store, tmp_path)
    q = small_question(store)
    as_bram = store.as_user("bram")
    # codings (what review, exports and the report are built from)
    mine = codings_frame(as_bram, q)
    assert coders_of(mine.loc[mine["segment_id"] == segment, "coder"]) == {"bram"}
    assert coders_of(codings_frame(as_bram, q.study_ref)["coder"]) == {"bram"}
    assert coders_of(visible_codings(store, q, "bram")["coder"]) == {"bram"}
    # the queue: neither carla's name nor a shared memo, in every way an item is read
    for item in [get_item(store, segment, "bram"), get_item(as_bram, segment, "bram"),
                 next_item(store, q, "bram", QueueFilter(segment_ids=(segment,))),
                 *queue_page(as_bram, q, "bram", QueueFilter(segment_ids=(segment,))).items]:
        assert item is not None and item.coders == ("bram",)
    assert passage_codings(as_bram, segment) == []
    # the review page: only bram's themes and memo
    (item,) = review_items(as_bram, q, disagreements_only=False)
    assert item.themes == {"bram": ("vertrouwen",)} and item.memos == {"bram": "bram twijfelt", "carla": ""}
    memos = assignments(as_bram, q)
    assert dict(zip(memos["coder"], memos["memo"], strict=True)) == {"bram": "bram twijfelt", "carla": ""}
    # exports and the report of the question
    study = study_ref(store, STUDY)
    csv = export(as_bram, study, "csv", question=q).content.decode("utf-8-sig")
    assert "bram" in csv and "carla" not in csv
    markdown = export(as_bram, study, "md", question=q).content.decode("utf-8")
    assert "| Gebrek aan vertrouwen | 1 |" in markdown and "| Geen opvolging | 0 |" in markdown  # counts: n < 30
    report = build_report(as_bram, study, q)
    assert set(report.questions[0].final["theme"]) == {"vertrouwen"}


def test_others_see_everything_and_the_beheerder_closes_the_round(store: Store, tmp_path: Path) -> None:
    segment = double_coded(store, tmp_path)
    q = small_question(store)
    study = study_ref(store, STUDY)
    for viewer in ("mira", "anna", "lena"):  # not coders of the round: the beheerder adjudicates from this
        view = store.as_user(viewer)
        assert coders_of(codings_frame(view, q)["coder"]) == {"bram", "carla"}
        (item,) = review_items(view, q, disagreements_only=False)
        assert item.themes == {"bram": ("vertrouwen",), "carla": ("opvolging", "represailles")}
        assert "carla" in export(view, study, "csv", question=q).content.decode("utf-8-sig")
        assert "| Geen opvolging | 1 |" in export(view, study, "md", question=q).content.decode("utf-8")
    as_carla = store.as_user("carla")
    assert coders_of(codings_frame(as_carla, q)["coder"]) == {"carla"}
    assert blind_segment_ids(store, q, "carla") == {segment}
    assert not samples(store, q)[0].closed

    assert close_round(store, q, "mira") == 1
    assert samples(store, q)[0].closed
    as_bram = store.as_user("bram")
    assert blind_segment_ids(store, q, "bram") == frozenset()
    assert coders_of(codings_frame(as_bram, q)["coder"]) == {"bram", "carla"}
    assert get_item(as_bram, segment, "bram").coders == ("bram", "carla")
    assert [p.coder for p in passage_codings(as_bram, segment)] == ["carla"]
    (item,) = review_items(as_bram, q, disagreements_only=False)
    assert item.memos == {"bram": "bram twijfelt", "carla": "carla is zeker"}
    assert "carla" in export(as_bram, study, "csv", question=q).content.decode("utf-8-sig")


def test_a_new_round_is_blind_again(store: Store, tmp_path: Path) -> None:
    double_coded(store, tmp_path)
    q = small_question(store)
    close_round(store, q, "mira")
    second = draw_sample(store, q, ["bram", "carla"], size=1, seed=3, actor="mira")
    new = second.segment_ids[0]
    add_coding(store, new, _theme_id(store, "opvolging"), "carla")
    assert blind_segment_ids(store, q, "bram") == {new}
    seen = codings_frame(store.as_user("bram"), q)
    assert "carla" not in set(seen.loc[seen["segment_id"] == new, "coder"])
    assert "carla" in set(seen["coder"])  # the closed round's codings stay visible


def _theme_id(store: Store, code: str) -> int:
    from coding.store.codebooks import theme_table

    themes = theme_table(store, small_question(store))
    return int(themes.loc[themes["code"] == code, "theme_id"].iloc[0])


def test_the_theme_counts_do_not_show_the_other_coders_choice_in_an_open_round(store: Store, tmp_path: Path) -> None:
    from coding.store.themes import theme_tree

    double_coded(store, tmp_path)
    q = small_question(store)

    def counts(viewer: Store) -> dict[str, int]:
        tree = theme_tree(viewer, q)
        return {str(c): int(n) for c, n in zip(tree["code"], tree["segments"], strict=True) if n}

    assert counts(store.as_user("bram")) == {"vertrouwen": 1}  # not carla's opvolging or represailles
    assert counts(store.as_user("carla")) == {"opvolging": 1, "represailles": 1}
    assert counts(store) == counts(store.as_user("mira")) == {"vertrouwen": 1, "opvolging": 1, "represailles": 1}
    close_round(store, q, "mira")
    assert counts(store.as_user("bram")) == counts(store)
