"""The final-codings rule: adjudicated themes win, otherwise the union; merges followed, retired themes dropped."""

from __future__ import annotations

import pandas as pd

from coding.work.final import final_codings, mention_matrix, resolve_merges
from tests.report_fixtures import HAND_THEMES, hand_data


def _final() -> pd.DataFrame:
    data = hand_data()
    substantive = data.segments.loc[data.segments["substantive"], "segment_id"]
    return final_codings(data.codings, data.themes, substantive)


def themes_of(final: pd.DataFrame, respondent: str) -> set[str]:
    return set(final.loc[final["respondent_id"] == respondent, "theme"])


def test_union_of_coders_without_adjudication() -> None:
    final = _final()
    assert themes_of(final, "R1") == {"a1", "b"}
    assert themes_of(final, "R3") == {"a1", "a2"}  # manual and cluster alike


def test_adjudicated_themes_replace_the_coders_themes() -> None:
    assert themes_of(_final(), "R6") == {"b"}


def test_merged_theme_counts_as_its_target_and_retired_theme_not_at_all() -> None:
    final = _final()
    assert themes_of(final, "R4") == {"b"}
    assert themes_of(final, "R5") == set()


def test_nonsubstantive_segments_do_not_count() -> None:
    assert themes_of(_final(), "R9") == set()


def test_merge_chains_are_followed_and_cycles_end() -> None:
    themes = HAND_THEMES.copy()
    themes.loc[themes["code"] == "y", "merged_into"] = "x"  # y → x → b
    assert resolve_merges(themes)["y"] == "b"
    themes.loc[themes["code"] == "x", "merged_into"] = "y"  # x ↔ y: a cycle of retired themes
    mapping = resolve_merges(themes)
    assert mapping["x"] is None and mapping["y"] is None and mapping["a"] == "a"


def test_empty_codings_give_an_empty_frame() -> None:
    data = hand_data()
    final = final_codings(data.codings.iloc[0:0], data.themes, data.segments["segment_id"])
    assert final.empty and list(final.columns) == ["segment_id", "respondent_id", "theme"]


def test_mention_matrix_is_zero_one_per_respondent() -> None:
    final = pd.DataFrame({"segment_id": [1, 2, 3], "respondent_id": ["R1", "R1", "R2"], "theme": ["a", "a", "b"]})
    matrix = mention_matrix(final, ["R1", "R2", "R3"], ["a", "b", "c"])
    assert matrix.to_dict("index") == {"R1": {"a": 1, "b": 0, "c": 0}, "R2": {"a": 0, "b": 1, "c": 0},
                                       "R3": {"a": 0, "b": 0, "c": 0}}
