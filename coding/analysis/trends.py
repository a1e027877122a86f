"""Trend tables: a question's share per theme in each wave, tested against the previous wave in which it was asked.

Each wave's share is of that wave's own basis (computed exactly as the report's section: not-asked respondents never
count). The test is the two-proportion z-test of :func:`coding.analysis.crosstabs.two_proportion_test`
(statsmodels); with weights on the weighted shares and Kish's effective sample sizes. A wave in which the question
was not asked, or that has no coded answers yet, has no shares ("–") and is skipped as "previous wave". A wave with
answers not yet coded has preliminary shares and is not tested (nor tested against), and neither is a wave whose
basis is under ``min_base`` (its figures are shown as counts). The p of all tested cells of the table are corrected
together (``--correction``, see :func:`coding.analysis.crosstabs.corrected_p`); the ▲/▼ marks come from the
corrected p.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Protocol

import pandas as pd

from coding.analysis.bases import asked_waves, study_waves, wave_data
from coding.analysis.crosstabs import corrected_p, two_proportion_test
from coding.analysis.model import HIGHER, LOWER, TREND_COLUMNS, Basis, QuestionData, ReportOptions, Trend


class WaveFigures(Protocol):
    """What the trend needs of one wave's figures (see coding.analysis.build)."""

    basis: Basis
    final: pd.DataFrame
    counts: pd.DataFrame
    weighted: bool


def trend_waves(data: QuestionData, wave: str, options: ReportOptions) -> list[str]:
    """The waves in the trend of a report of ``wave``: all of them, or with ``options.wave`` given, that wave and
    the one before it in which the question was asked."""
    waves = study_waves(data)
    if options.wave is None:
        return waves
    before = [w for w in asked_waves(data) if waves.index(w) < waves.index(wave)]
    return ([before[-1]] if before else []) + [wave]


def question_trend(
    data: QuestionData,
    options: ReportOptions,
    counts: pd.DataFrame,
    wave: str,
    figures: Callable[[QuestionData, str], WaveFigures],
) -> Trend:
    """The trend of a question over the waves, with a row per theme of ``counts`` (the reported wave's rows)."""
    waves = trend_waves(data, wave, options)
    asked = set(asked_waves(data))
    bases: dict[str, Basis] = {}
    shares: dict[str, dict[str, tuple[int, float]]] = {}
    weighted = False
    for label in waves:
        if label not in asked:
            continue
        result = figures(wave_data(data, label), label)
        if result.final.empty:
            continue  # asked, but nothing coded yet: no shares to compare
        bases[label] = result.basis
        weighted = weighted or result.weighted
        column = "pct_weighted" if result.weighted else "pct"
        shares[label] = {
            str(code): (int(n), float(pct) / 100)
            for code, n, pct in zip(result.counts["code"], result.counts["n"], result.counts[column], strict=True)
        }
    rows = []
    reported = [w for w in waves if w in bases]
    for code in counts["code"].astype(str):
        for label in waves:
            if label not in bases:
                rows.append([code, label, 0, math.nan, None, math.nan, math.nan, math.nan, ""])
                continue
            n, share = shares[label].get(code, (0, 0.0))
            earlier = reported[: reported.index(label)]
            previous = earlier[-1] if earlier else None
            z = p = math.nan
            if previous is not None and testable(bases[label], options.min_base) and testable(bases[previous],
                                                                                            options.min_base):
                _, share_before = shares[previous].get(code, (0, 0.0))
                size, size_before = _size(bases[label], weighted), _size(bases[previous], weighted)
                z, p = two_proportion_test(share, size, share_before, size_before)
            rows.append([code, label, n, share, previous, z, p, math.nan, ""])
    cells = pd.DataFrame(rows, columns=TREND_COLUMNS)
    _mark(cells, shares, options)
    return Trend(waves=waves, asked={w: w in asked for w in waves}, bases=bases, cells=cells, weighted=weighted,
                 alpha=options.alpha, correction=options.correction, min_base=options.min_base)


def _mark(cells: pd.DataFrame, shares: dict[str, dict[str, tuple[int, float]]], options: ReportOptions) -> None:
    """The corrected p over the tested cells of the table, and ▲/▼ where it is under alpha (in place)."""
    cells["p_corrected"] = corrected_p(list(cells["p"]), options.correction)
    marks = []
    for cell in cells.itertuples(index=False):
        mark = ""
        if not math.isnan(cell.p_corrected) and cell.p_corrected < options.alpha:
            _, before = shares[str(cell.previous)].get(str(cell.code), (0, 0.0))
            mark = HIGHER if cell.share > before else LOWER
        marks.append(mark)
    cells["mark"] = marks


def preliminary(basis: Basis) -> bool:
    """Whether a wave's figures are preliminary: some answers in its basis have no theme yet (then not tested)."""
    return basis.coded < basis.n


def testable(basis: Basis, min_base: int) -> bool:
    """Whether a wave is tested (and tested against): all its answers coded and a basis of at least ``min_base``."""
    return not preliminary(basis) and basis.n >= min_base


def _size(basis: Basis, weighted: bool) -> float:
    return basis.effective_n if weighted else float(basis.n)
