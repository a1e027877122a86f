"""Trend tables: a question's share per theme in each wave, tested against the previous wave in which it was asked.

Each wave's share is of that wave's own basis (computed exactly as the report's section: not-asked respondents never
count). The test is the two-proportion z-test of :func:`coding.analysis.crosstabs.two_proportion_test`
(statsmodels); with weights on the weighted shares and Kish's effective sample sizes. A wave in which the question
was not asked, or that has no coded answers yet, has no shares ("–") and is skipped as "previous wave". A wave with
answers not yet coded has preliminary shares and is not tested (nor tested against).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Protocol

import pandas as pd

from coding.analysis.bases import asked_waves, study_waves, wave_data
from coding.analysis.crosstabs import two_proportion_test
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
                rows.append([code, label, 0, math.nan, None, math.nan, math.nan, ""])
                continue
            n, share = shares[label].get(code, (0, 0.0))
            earlier = reported[: reported.index(label)]
            previous = earlier[-1] if earlier else None
            z = p = math.nan
            mark = ""
            if previous is not None and not preliminary(bases[label]) and not preliminary(bases[previous]):
                _, share_before = shares[previous].get(code, (0, 0.0))
                size, size_before = _size(bases[label], weighted), _size(bases[previous], weighted)
                z, p = two_proportion_test(share, size, share_before, size_before)
                if not math.isnan(p) and p < options.alpha:
                    mark = HIGHER if share > share_before else LOWER
            rows.append([code, label, n, share, previous, z, p, mark])
    cells = pd.DataFrame(rows, columns=TREND_COLUMNS)
    return Trend(waves=waves, asked={w: w in asked for w in waves}, bases=bases, cells=cells, weighted=weighted,
                 alpha=options.alpha)


def preliminary(basis: Basis) -> bool:
    """Whether a wave's figures are preliminary: some answers in its basis have no theme yet (then not tested)."""
    return basis.coded < basis.n


def _size(basis: Basis, weighted: bool) -> float:
    return basis.effective_n if weighted else float(basis.n)
