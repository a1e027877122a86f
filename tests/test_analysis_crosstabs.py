"""Crosstabs: each group against the rest, tested like scipy and statsmodels do; small groups not tested."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency
from statsmodels.stats.proportion import proportions_ztest

from coding.analysis.build import analyse_question
from coding.analysis.crosstabs import corrected_p, crosstab, two_proportion_test
from coding.analysis.model import HIGHER, LOWER, TOO_SMALL, ReportOptions
from tests.report_fixtures import hand_data


def _frame(groups: dict[str, tuple[int, int]]) -> tuple[pd.DataFrame, pd.Series]:
    """Respondents per group (size, mentioning) → a one-theme net matrix and the group per respondent."""
    ids, values, hits = [], [], []
    for group, (size, mentioning) in groups.items():
        for i in range(size):
            ids.append(f"{group}{i}")
            values.append(group)
            hits.append(int(i < mentioning))
    index = pd.Index(ids, name="respondent_id")
    return pd.DataFrame({"t": hits}, index=index), pd.Series(values, index=index)


def test_unweighted_test_equals_chi_square_and_statsmodels() -> None:
    nets, values = _frame({"g1": (60, 30), "g2": (40, 8)})
    table = crosstab(nets, pd.Series(1.0, index=nets.index), values, "groep")
    cell = table.cell("t", "g1")
    chi2, p_chi2, _, _ = chi2_contingency(np.array([[30, 30], [8, 32]]), correction=False)
    z_ref, p_ref = proportions_ztest([30, 8], [60, 40])
    assert cell.z == pytest.approx(z_ref) and cell.p == pytest.approx(p_ref)
    assert cell.z**2 == pytest.approx(chi2) and cell.p == pytest.approx(p_chi2)
    assert cell.mark == HIGHER and table.cell("t", "g2").mark == LOWER
    assert cell.share == pytest.approx(0.5) and cell.share_rest == pytest.approx(0.2)


def test_not_significant_is_not_marked() -> None:
    nets, values = _frame({"g1": (50, 20), "g2": (50, 17)})
    table = crosstab(nets, pd.Series(1.0, index=nets.index), values, "groep")
    assert table.cell("t", "g1").mark == "" and table.cell("t", "g1").p > 0.05


def test_weighted_test_uses_weighted_shares_and_effective_n() -> None:
    nets, values = _frame({"g1": (40, 20), "g2": (60, 15)})
    weights = pd.Series(np.where(np.arange(100) % 2 == 0, 2.0, 0.5), index=nets.index)
    table = crosstab(nets, weights, values, "groep", weighted=True)
    w, hit, inside = weights.to_numpy(), nets["t"].to_numpy() > 0, values.to_numpy() == "g1"

    def share(mask: np.ndarray) -> float:
        return float(w[mask & hit].sum() / w[mask].sum())

    def kish(mask: np.ndarray) -> float:
        return float(w[mask].sum() ** 2 / (w[mask] ** 2).sum())

    p1, p2, n1, n2 = share(inside), share(~inside), kish(inside), kish(~inside)
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    cell = table.cell("t", "g1")
    assert cell.share == pytest.approx(p1) and cell.z == pytest.approx(z)
    assert cell.p == pytest.approx(math.erfc(abs(z) / math.sqrt(2)))
    assert table.groups[0].effective_n == pytest.approx(n1) and table.weighted


def test_groups_under_thirty_are_marked_too_small_and_not_tested() -> None:
    nets, values = _frame({"groot": (80, 40), "klein": (20, 19)})
    table = crosstab(nets, pd.Series(1.0, index=nets.index), values, "groep")
    assert table.cell("t", "klein").mark == TOO_SMALL and math.isnan(table.cell("t", "klein").p)
    # the rest of 'groot' is the small group, so 'groot' is not tested either
    assert table.cell("t", "groot").mark == TOO_SMALL
    assert [g.tested for g in table.groups] == [False, False]


def test_respondents_without_a_value_are_left_out() -> None:
    nets, values = _frame({"g1": (40, 20), "g2": (40, 10)})
    values.iloc[:5] = None
    table = crosstab(nets, pd.Series(1.0, index=nets.index), values, "groep")
    assert [g.n for g in table.groups] == [35, 40]


def test_equal_shares_of_zero_give_no_test_result() -> None:
    assert two_proportion_test(0.0, 40, 0.0, 60) == (0.0, 1.0)
    assert math.isnan(two_proportion_test(0.5, 0, 0.2, 10)[1])


def test_numeric_groups_are_ordered_by_value() -> None:
    nets, values = _frame({"10": (30, 1), "2": (30, 2), "1": (30, 3)})
    table = crosstab(nets, pd.Series(1.0, index=nets.index), values, "klasse")
    assert [g.name for g in table.groups] == ["1", "2", "10"]


def test_crosstab_in_a_question_report_and_unknown_attribute() -> None:
    from coding.errors import CodingError

    report = analyse_question(hand_data(), ReportOptions(by=("doelgroep",), min_base=1, min_group=1))
    table = report.crosstabs[0]
    assert table.attribute == "doelgroep" and {g.name for g in table.groups} == {"medewerker", "bestuurder"}
    assert set(table.cells["code"]) == set(report.counts["code"])
    with pytest.raises(CodingError, match="Kenmerk 'functie' bestaat niet"):
        analyse_question(hand_data(), ReportOptions(by=("functie",)))


def test_corrected_p_by_hand() -> None:
    # four tests: BH multiplies the i-th smallest p by 4/i and keeps the order (step-up); Bonferroni by 4 (max 1)
    p = [0.01, 0.02, 0.03, 0.5, math.nan]
    assert corrected_p(p, "none")[:4] == p[:4]
    assert corrected_p(p, "bh")[:4] == pytest.approx([0.04, 0.04, 0.04, 0.5])
    assert corrected_p(p, "bonferroni")[:4] == pytest.approx([0.04, 0.08, 0.12, 1.0])
    assert all(math.isnan(c[4]) for c in (corrected_p(p, m) for m in ("none", "bh", "bonferroni")))


def _table(themes: dict[str, dict[str, tuple[int, int]]]) -> tuple[pd.DataFrame, pd.Series]:
    """theme → group → (size, mentioning); the same group sizes for every theme."""
    first = next(iter(themes.values()))
    ids = [f"{group}-{i}" for group, (size, _) in first.items() for i in range(size)]
    index = pd.Index(ids, name="respondent_id")
    values = pd.Series([i.split("-")[0] for i in ids], index=index)
    nets = pd.DataFrame({code: [int(int(i.split("-")[1]) < groups[g][1]) for i, g in zip(ids, values, strict=True)]
                         for code, groups in themes.items()}, index=index)
    return nets, values


#: Three groups of 60, 50 and 40 and four themes with differences from clear to borderline.
CONSTRUCTED = {
    "t1": {"g1": (60, 36), "g2": (50, 15), "g3": (40, 12)},
    "t2": {"g1": (60, 18), "g2": (50, 24), "g3": (40, 9)},
    "t3": {"g1": (60, 12), "g2": (50, 9), "g3": (40, 16)},
    "t4": {"g1": (60, 20), "g2": (50, 17), "g3": (40, 13)},
}


def test_marks_follow_the_corrected_p_as_statsmodels_computes_it() -> None:
    from statsmodels.stats.multitest import multipletests

    nets, values = _table(CONSTRUCTED)
    # the raw p of every cell, computed here from the counts: the group against the other two
    raw, expected_share = {}, {}
    for code, groups in CONSTRUCTED.items():
        for group, (size, hits) in groups.items():
            rest_size = sum(s for g, (s, _) in groups.items() if g != group)
            rest_hits = sum(h for g, (_, h) in groups.items() if g != group)
            raw[(code, group)] = proportions_ztest([hits, rest_hits], [size, rest_size])[1]
            expected_share[(code, group)] = hits / size > rest_hits / rest_size
    keys = list(raw)
    marks = {}
    for correction, method in (("none", None), ("bh", "fdr_bh"), ("bonferroni", "bonferroni")):
        table = crosstab(nets, pd.Series(1.0, index=nets.index), values, "groep", correction=correction)
        assert table.correction == correction
        pvalues = np.array([raw[k] for k in keys])
        adjusted = pvalues if method is None else multipletests(pvalues, method=method)[1]
        for key, p, p_adj in zip(keys, pvalues, adjusted, strict=True):
            cell = table.cell(*key)
            assert cell.p == pytest.approx(p) and cell.p_corrected == pytest.approx(p_adj)  # raw p kept
            assert cell.mark == ("" if p_adj >= 0.05 else HIGHER if expected_share[key] else LOWER)
        marks[correction] = {k for k in keys if table.cell(*k).mark}
    # the table was built so that the three corrections mark different cells, each a subset of the one before
    assert marks["bonferroni"] < marks["bh"] < marks["none"]


def test_two_groups_are_one_test_per_theme() -> None:
    from statsmodels.stats.multitest import multipletests

    nets, values = _table({"t1": {"g1": (60, 30), "g2": (40, 10)}, "t2": {"g1": (60, 20), "g2": (40, 8)},
                           "t3": {"g1": (60, 12), "g2": (40, 4)}})
    table = crosstab(nets, pd.Series(1.0, index=nets.index), values, "groep", correction="bonferroni")
    raw = [table.cell(code, "g1").p for code in ("t1", "t2", "t3")]
    expected = multipletests(raw, method="bonferroni")[1]  # three tests, not six
    for code, p_adj in zip(("t1", "t2", "t3"), expected, strict=True):
        assert table.cell(code, "g1").p_corrected == pytest.approx(p_adj)
        assert table.cell(code, "g2").p_corrected == pytest.approx(p_adj)


def test_overig_is_the_last_group() -> None:
    nets, values = _frame({"overig": (30, 3), "a": (30, 2), "z": (30, 1)})
    table = crosstab(nets, pd.Series(1.0, index=nets.index), values, "groep")
    assert [g.name for g in table.groups] == ["a", "z", "overig"]


def test_small_groups_are_merged_before_the_crosstab() -> None:
    data = hand_data()
    data.respondents["functie"] = ["medewerker"] * 6 + ["griffier", "directeur", "wethouder", "burgemeester"]
    report = analyse_question(data, ReportOptions(by=("functie",), min_base=1))
    table = report.crosstabs[0]
    # basis R1–R8: medewerker R1–R6, griffier R7, directeur R8; two under k = 5, together still under 5: left out
    assert [g.name for g in table.groups] == ["medewerker"] and table.dropped == ("directeur", "griffier")
    report = analyse_question(data, ReportOptions(by=("functie",), min_base=1, min_group=2))
    assert [(g.name, g.n) for g in report.crosstabs[0].groups] == [("medewerker", 6), ("overig", 2)]
    assert report.crosstabs[0].merged == ("directeur", "griffier")
