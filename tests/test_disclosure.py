"""Disclosure control: percentages only on a base of 30, no group under k on its own or named with a quote."""

from __future__ import annotations

import pandas as pd

from coding.analysis.disclosure import (
    MIN_BASE,
    MIN_GROUP,
    OTHER_GROUP,
    attributable,
    group_sizes,
    merge_small_groups,
    shows_percentage,
    small_groups,
)


def test_a_percentage_needs_a_base_of_thirty() -> None:
    assert MIN_BASE == 30
    assert not shows_percentage(29) and shows_percentage(30)
    assert shows_percentage(12, min_base=10)


def test_small_groups_are_merged_into_overig() -> None:
    values = pd.Series(["groot"] * 10 + ["klein"] * 3 + ["mini"] * 2 + [None])
    assert small_groups(values) == {"klein", "mini"}
    result = merge_small_groups(values)
    assert result.values.value_counts().to_dict() == {"groot": 10, OTHER_GROUP: 5}
    assert result.values.isna().sum() == 1
    assert result.merged == ("klein", "mini") and result.dropped == ()
    assert "klein, mini samengevoegd tot 'overig'" in result.note(MIN_GROUP)


def test_small_groups_too_small_together_are_left_out() -> None:
    values = pd.Series(["groot"] * 10 + ["klein"] * 2 + ["mini"] * 1)
    result = merge_small_groups(values)
    assert result.values.value_counts().to_dict() == {"groot": 10}
    assert result.dropped == ("klein", "mini") and "weggelaten" in result.note(MIN_GROUP)


def test_nothing_to_merge_leaves_the_values_alone() -> None:
    values = pd.Series(["a"] * 5 + ["b"] * 5)
    result = merge_small_groups(values)
    assert result.values.equals(values) and result.note(MIN_GROUP) == ""


def test_a_quote_names_a_group_only_when_it_has_k_respondents() -> None:
    sizes = group_sizes(pd.Series(["Kleine gemeente"] * 5 + ["Provincie"] * 4))
    assert attributable("Kleine gemeente", sizes)
    assert not attributable("Provincie", sizes)
    assert not attributable(None, sizes) and not attributable("Onbekend", sizes)
