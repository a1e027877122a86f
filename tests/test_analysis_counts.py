"""Counts: the basis, shares per theme and per net, weighted shares and Kish's effective n — by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from coding.analysis.build import NothingToReport, analyse_question, build_question_report
from coding.analysis.counts import kish_effective_n, respondent_weights
from coding.analysis.model import ReportOptions
from coding.store import Store, question_ref
from tests.report_fixtures import coded_small_study, hand_data
from tests.store_fixtures import QUESTION, STUDY, small_study


def _row(counts: pd.DataFrame, code: str) -> pd.Series:
    return counts[counts["code"] == code].iloc[0]


def test_basis_leaves_out_nonsubstantive_and_geen_inhoudelijk_antwoord() -> None:
    report = analyse_question(hand_data())
    # R1–R8 answered substantively; R9 did not; R10 was coded 'geen inhoudelijk antwoord'
    assert report.basis.n == 8
    assert report.basis.coded == 6  # R5 (only a retired theme) and R8 have no final theme
    assert list(report.matrix.index) == [f"R{i}" for i in range(1, 9)]


def test_counts_shares_and_nets_unweighted() -> None:
    counts = analyse_question(hand_data()).counts
    expected = {"a": (3, 37.5), "a1": (2, 25.0), "a2": (2, 25.0), "b": (3, 37.5), "overig": (1, 12.5)}
    assert {c: (int(_row(counts, c).n), float(_row(counts, c).pct)) for c in expected} == expected
    assert bool(_row(counts, "a").is_net) and not bool(_row(counts, "a1").is_net)
    assert "geen_inhoudelijk_antwoord" not in set(counts["code"]) and "x" not in set(counts["code"])


def test_report_order_frequency_then_codebook_with_children_under_parent_and_overig_last() -> None:
    counts = analyse_question(hand_data()).counts
    assert list(counts["code"]) == ["a", "a1", "a2", "b", "overig"]
    assert list(counts["depth"]) == [0, 1, 1, 0, 0]


def test_weighted_shares_and_effective_n() -> None:
    report = analyse_question(hand_data(), ReportOptions(weighted=True))
    counts = report.counts
    # weights R1..R8: 2, 1, 0.5, 1.5, 1, 1, 2, 1 → total 10
    assert report.basis.weighted_n == pytest.approx(10.0)
    assert report.basis.effective_n == pytest.approx(100 / 14.5)  # (Σw)² / Σw²
    expected = {"a": 35.0, "a1": 25.0, "a2": 15.0, "b": 45.0, "overig": 20.0}
    assert {c: float(_row(counts, c).pct_weighted) for c in expected} == pytest.approx(expected)
    assert float(_row(counts, "b").n_weighted) == pytest.approx(4.5)
    assert list(counts["code"])[:1] == ["b"]  # ordered by the weighted frequency when weighted
    assert report.weighted


def test_kish_effective_n() -> None:
    assert kish_effective_n([1, 1, 1, 1]) == 4
    assert kish_effective_n([2, 1, 1]) == pytest.approx(16 / 6)
    assert kish_effective_n([]) == 0


def test_missing_weights_count_as_one() -> None:
    frame = pd.DataFrame({"respondent_id": ["R1", "R2"], "weight": [2.0, None]})
    assert respondent_weights(frame, ["R1", "R2", "R3"]).tolist() == [2.0, 1.0, 1.0]


def test_interview_question_is_never_weighted() -> None:
    report = analyse_question(hand_data(kind="interview"), ReportOptions(weighted=True))
    assert not report.weighted


def test_nothing_coded_is_a_clear_error(store: Store, tmp_path: Path) -> None:
    small_study(store, tmp_path)
    with pytest.raises(NothingToReport, match="nog geen gecodeerde antwoorden"):
        build_question_report(store, question_ref(store, STUDY, QUESTION))


def test_counts_from_the_store(store: Store, tmp_path: Path) -> None:
    coded_small_study(store, tmp_path)
    report = build_question_report(store, question_ref(store, STUDY, QUESTION), ReportOptions(weighted=True))
    assert report.basis.n == 3  # R3 'weet niet' and R4 empty are not substantive
    vertrouwen = _row(report.counts, "vertrouwen")
    assert int(vertrouwen.n) == 2 and float(vertrouwen.pct) == pytest.approx(200 / 3)
    assert float(vertrouwen.pct_weighted) == pytest.approx(100 * (1.2 + 0.5) / 2.5)
    assert int(_row(report.counts, "represailles").n) == 1
