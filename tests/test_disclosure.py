"""Disclosure control: percentages only on a base of 30, no group under k on its own or named with a quote."""

from __future__ import annotations

import pandas as pd
import pytest

from coding.analysis.build import analyse_question
from coding.analysis.disclosure import (
    MIN_BASE,
    MIN_GROUP,
    OTHER_GROUP,
    attributable,
    check_options,
    group_sizes,
    merge_note,
    merge_small_groups,
    shows_percentage,
    small_groups,
)
from coding.analysis.model import ReportOptions
from coding.errors import CodingError
from tests.report_fixtures import hand_data


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


@pytest.mark.parametrize(("options", "words"), [
    ({"min_base": 0}, "De kleinste basis voor een percentage (--min-base) moet een geheel getal van minstens 1"),
    ({"min_group": 0}, "De kleinste groep (--min-group) moet een geheel getal van minstens 1"),
    ({"min_group": -3}, "niet -3"),
    ({"correction": "holm"}, "Onbekende correctie voor meervoudig toetsen: 'holm'"),
])
def test_bad_thresholds_and_corrections_are_refused_in_dutch(options: dict[str, object], words: str) -> None:
    with pytest.raises(CodingError) as caught:
        check_options(ReportOptions(**options))  # type: ignore[arg-type]
    assert words in caught.value.problem and caught.value.hint


def test_good_options_pass_and_every_analysis_checks_them() -> None:
    check_options(ReportOptions(min_base=1, min_group=1, correction="none"))
    with pytest.raises(CodingError, match="--min-group"):
        analyse_question(hand_data(), ReportOptions(min_group=0))


def test_merge_note_names_what_was_done() -> None:
    assert merge_note(("a", "b"), ("c",), 5) == (
        "Groepen met minder dan 5 respondenten: a, b samengevoegd tot 'overig'; c weggelaten.")
    assert merge_note((), (), 5) == ""
