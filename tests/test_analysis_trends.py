"""Bases and trends over waves on synthetic data: known significant and non-significant differences, the Basis
line, 'weet niet' in or out of the basis, and respondents who were not asked never counting."""

from __future__ import annotations

import math

import numpy as np
import pytest
from statsmodels.stats.proportion import proportions_ztest

from coding.analysis.build import NothingToReport, analyse_question
from coding.analysis.model import HIGHER, LOWER, ReportOptions
from coding.errors import CodingError
from coding.report import text as nl
from coding.report.trend import trend_table
from tests.wave_fixtures import wave_data_of, wave_rows

ROUTING = ("respondenten die zich niet vrij voelen", "vrij_voelen = nee")


def test_a_significant_rise_is_marked_and_a_small_difference_is_not() -> None:
    data = wave_data_of(wave_rows("2022", 100, {"a": 20, "b": 30}), wave_rows("2024", 100, {"a": 40, "b": 33}))
    report = analyse_question(data)
    trend = report.trend
    assert trend is not None and trend.waves == ["2022", "2024"]
    assert report.basis.wave == "2024" and report.basis.n == 100  # the section is of the latest wave
    rise, small = trend.cell("a", "2024"), trend.cell("b", "2024")
    _, p_rise = proportions_ztest(np.array([40, 20]), np.array([100, 100]))
    _, p_small = proportions_ztest(np.array([33, 30]), np.array([100, 100]))
    assert p_rise < 0.05 < p_small  # the data were chosen so
    assert rise["share"] == pytest.approx(0.40) and rise["p"] == pytest.approx(p_rise) and rise["mark"] == HIGHER
    assert small["p"] == pytest.approx(p_small) and small["mark"] == ""
    assert trend.cell("a", "2022")["mark"] == "" and math.isnan(trend.cell("a", "2022")["p"])  # nothing before
    table = trend_table(report)
    rows = {r[0]: r[1:] for r in table.rows}
    assert table.header == ["Thema", "2022 (n = 100)", "2024 (n = 100)"]
    assert rows["Thema A"] == ["20%", "40% ▲"] and rows["Thema B"] == ["30%", "33%"]
    assert "▲/▼ significant hoger/lager dan 2022" in table.note
    assert table.basis == "Basis: alle respondenten, exclusief 'weet niet'; 2022: n = 100, 2024: n = 100"


def test_the_z_test_by_hand_and_a_significant_fall() -> None:
    # 2022: 25 of 50 (50%); 2024: 10 of 50 (20%). Pooled 0.35, se = sqrt(0.35 * 0.65 * (1/50 + 1/50)) = 0.09539,
    # z = (0.20 - 0.50) / 0.09539 = -3.145, two-sided p = 0.00166.
    data = wave_data_of(wave_rows("2022", 50, {"a": 25}), wave_rows("2024", 50, {"a": 10}))
    cell = analyse_question(data).trend.cell("a", "2024")  # type: ignore[union-attr]
    assert cell["z"] == pytest.approx(-3.145, abs=1e-3) and cell["p"] == pytest.approx(0.00166, abs=1e-5)
    assert cell["mark"] == LOWER and cell["previous"] == "2022"


def test_a_wave_without_the_question_is_a_dash_and_is_skipped_as_previous() -> None:
    data = wave_data_of(wave_rows("2020", 100, {"a": 20}), wave_rows("2022", 80, {}, asked=False),
                        wave_rows("2024", 100, {"a": 40}))
    report = analyse_question(data)
    table = trend_table(report)
    assert table.header == ["Thema", "2020 (n = 100)", "2022", "2024 (n = 100)"]
    assert {r[0]: r[1:] for r in table.rows}["Thema A"] == ["20%", "–", "40% ▲"]
    assert report.trend is not None and report.trend.cell("a", "2024")["previous"] == "2020"
    assert "–: vraag in deze meting niet gesteld (2022)" in table.note
    assert "dan 2020" in table.note
    with pytest.raises(NothingToReport, match="in meting 2022 niet gesteld"):
        analyse_question(data, ReportOptions(wave="2022"))


def test_one_wave_with_the_previous_wave_as_a_column() -> None:
    data = wave_data_of(wave_rows("2018", 100, {"a": 50}), wave_rows("2022", 100, {"a": 20}),
                        wave_rows("2024", 60, {"a": 30}))
    report = analyse_question(data, ReportOptions(wave="2022"))
    assert report.basis.wave == "2022" and report.basis.n == 100
    assert report.trend is not None and report.trend.waves == ["2018", "2022"]
    assert report.trend.cell("a", "2022")["mark"] == LOWER
    with pytest.raises(CodingError, match="Meting '2030' bestaat niet"):
        analyse_question(data, ReportOptions(wave="2030"))


def test_weighted_trend_tests_on_the_effective_n() -> None:
    weights_2022 = [2.0 if i % 2 else 0.5 for i in range(100)]
    weights_2024 = [1.0] * 100
    data = wave_data_of(wave_rows("2022", 100, {"a": 30}, weight=weights_2022),
                        wave_rows("2024", 100, {"a": 45}, weight=weights_2024), weights=True)
    report = analyse_question(data, ReportOptions(weighted=True))
    trend = report.trend
    assert trend is not None and trend.weighted
    w = np.array(weights_2022)
    share_2022 = w[:30].sum() / w.sum()
    n_eff_2022 = w.sum() ** 2 / (w**2).sum()
    assert trend.bases["2022"].effective_n == pytest.approx(n_eff_2022)
    _, p = proportions_ztest(np.array([0.45 * 100, share_2022 * n_eff_2022]), np.array([100, n_eff_2022]))
    cell = trend.cell("a", "2024")
    assert cell["p"] == pytest.approx(p) and trend.cell("a", "2022")["share"] == pytest.approx(share_2022)
    assert "2022: n = 100 (effectieve n = " in trend_table(report).basis
    assert "met gewogen aandelen en de effectieve steekproefomvang" in trend_table(report).note


def test_not_asked_respondents_change_no_count() -> None:
    plain = wave_data_of(wave_rows("2022", 40, {"a": 10}), wave_rows("2024", 40, {"a": 20, "b": 5}))
    routed = wave_data_of(wave_rows("2022", 40, {"a": 10}, not_asked=7),
                          wave_rows("2024", 40, {"a": 20, "b": 5}, not_asked=9))
    expected, actual = analyse_question(plain), analyse_question(routed)
    assert actual.basis == expected.basis
    assert actual.counts.equals(expected.counts)
    assert actual.trend is not None and expected.trend is not None
    assert actual.trend.cells.equals(expected.trend.cells)
    not_asked = set(routed.segments.loc[~routed.segments["asked"], "segment_id"])
    quoted = {q.segment_id for quotes in actual.candidates.values() for q in quotes}
    assert not_asked and not quoted & not_asked
    assert not set(actual.matrix.index) - set(expected.matrix.index)


def test_basis_line_names_the_routing_in_words_and_as_a_condition() -> None:
    data = wave_data_of(wave_rows("2022", 30, {"a": 10}), wave_rows("2024", 55, {"a": 20}, dont_know=4),
                        routing={"2024": ROUTING})
    report = analyse_question(data)
    assert nl.section_basis(report) == (
        "Basis: respondenten die zich niet vrij voelen (vrij_voelen = nee), meting 2024, exclusief 'weet niet'; n = 55"
    )
    assert nl.counts_table(report).basis == nl.section_basis(report)
    # the routing differs per wave, so the trend's Basis line names each wave's
    assert trend_table(report).basis == (
        "Basis: 2022: alle respondenten, exclusief 'weet niet', n = 30; 2024: respondenten die zich niet vrij voelen "
        "(vrij_voelen = nee), exclusief 'weet niet', n = 55"
    )


def test_inclusive_base_counts_dont_know_answers_but_never_empty_cells() -> None:
    data = wave_data_of(wave_rows("2024", 50, {"a": 20}, dont_know=10, empty=6, not_asked=3))
    exclusive = analyse_question(data)
    inclusive = analyse_question(data, ReportOptions(base="inclusief"))
    assert exclusive.basis.n == 50 and inclusive.basis.n == 60
    assert exclusive.trend is None  # one wave: no trend
    rows = inclusive.counts.set_index("code")
    assert rows.loc["a", "n"] == 20 and rows.loc["a", "pct"] == pytest.approx(100 * 20 / 60)
    assert rows.loc["geen_inhoudelijk_antwoord", "n"] == 10 and inclusive.counts["code"].iloc[-1] == (
        "geen_inhoudelijk_antwoord")
    assert "geen_inhoudelijk_antwoord" not in set(exclusive.counts["code"])
    # one wave only: the wave is not named
    assert nl.section_basis(inclusive) == "Basis: alle respondenten, inclusief 'weet niet'; n = 60"
    with pytest.raises(CodingError, match="Onbekende basis"):
        analyse_question(data, ReportOptions(base="soms"))


def test_a_wave_still_being_coded_is_shown_but_not_tested() -> None:
    data = wave_data_of(wave_rows("2022", 100, {"a": 20}), wave_rows("2024", 100, {"a": 40}, uncoded=30))
    report = analyse_question(data)
    assert report.trend is not None and report.trend.cell("a", "2024")["mark"] == ""
    table = trend_table(report)
    assert "Voorlopig, nog niet alle antwoorden gecodeerd (niet getoetst): 2024." in table.note
    assert "▲/▼" not in table.note


def test_the_tests_of_a_trend_table_are_corrected_together() -> None:
    from statsmodels.stats.multitest import multipletests

    mentions_2022, mentions_2024 = {"a": 20, "b": 30}, {"a": 34, "b": 33}
    data = wave_data_of(wave_rows("2022", 100, mentions_2022), wave_rows("2024", 100, mentions_2024))
    # the raw p of the three rows (a, b, overig) of 2024 against 2022, from the counts
    overig = (100 - max(mentions_2022.values()), 100 - max(mentions_2024.values()))
    raw = [proportions_ztest(np.array([mentions_2024[c], mentions_2022[c]]), np.array([100, 100]))[1]
           for c in ("a", "b")]
    raw.append(proportions_ztest(np.array([overig[1], overig[0]]), np.array([100, 100]))[1])
    assert raw[0] < 0.05  # a: 20% → 34% is significant on its own …
    for correction, method in (("none", None), ("bh", "fdr_bh"), ("bonferroni", "bonferroni")):
        report = analyse_question(data, ReportOptions(correction=correction))
        assert report.trend is not None and report.trend.correction == correction
        expected = raw if method is None else multipletests(raw, method=method)[1]
        for code, p, p_adj in zip(("a", "b", "overig"), raw, expected, strict=True):
            cell = report.trend.cell(code, "2024")
            assert cell["p"] == pytest.approx(p) and cell["p_corrected"] == pytest.approx(p_adj)
            assert (cell["mark"] != "") == (p_adj < 0.05)
        assert math.isnan(report.trend.cell("a", "2022")["p_corrected"])
    # … but not after correcting for the three tests of the table
    assert analyse_question(data, ReportOptions(correction="none")).trend.cell("a", "2024")["mark"] == HIGHER  # type: ignore[union-attr]
    bh = analyse_question(data)
    assert bh.trend is not None and bh.trend.cell("a", "2024")["mark"] == ""
    assert "na Benjamini–Hochberg-correctie voor het aantal toetsen in de tabel" in trend_table(bh).note
    bonferroni = trend_table(analyse_question(data, ReportOptions(correction="bonferroni")))
    assert "na Bonferroni-correctie" in bonferroni.note


def test_a_wave_under_the_minimum_base_shows_counts_and_is_not_tested() -> None:
    data = wave_data_of(wave_rows("2022", 20, {"a": 2}), wave_rows("2024", 100, {"a": 60}))
    report = analyse_question(data)
    assert report.trend is not None and report.trend.cell("a", "2024")["mark"] == ""  # 10% → 60%, yet untested
    assert math.isnan(report.trend.cell("a", "2024")["p"])
    table = trend_table(report)
    rows = {r[0]: r[1:] for r in table.rows}
    assert rows["Thema A"] == ["(2 van 20)", "60%"]
    assert "basis kleiner dan 30, aantallen in plaats van percentages (niet getoetst): 2022." in table.note
    assert not any(cell.endswith("%") for cell in table.rows[0][1:2])
    report = analyse_question(data, ReportOptions(min_base=20))
    assert report.trend is not None and report.trend.cell("a", "2024")["mark"] == HIGHER
    assert {r[0]: r[1:] for r in trend_table(report).rows}["Thema A"] == ["10%", "60% ▲"]
