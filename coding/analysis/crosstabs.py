"""Crosstabs: each group's share of a theme against the rest, tested at p < 0.05 after correcting for the number of
cells tested.

The test is the two-proportion z-test with pooled variance (statsmodels' ``proportions_ztest``; its square equals
Pearson's chi-square without continuity correction on the 2x2 table). With weights, the shares are weighted and the
test uses Kish's effective sample size of the group and of the rest. Groups (or rests) under ``min_base``
respondents are marked too small and not tested. Respondents without a value for the attribute are left out.

A table tests many cells, so by chance alone some would pass p < 0.05: the p of all tested cells of one table are
corrected together (statsmodels' ``multipletests``; Benjamini–Hochberg by default, or Bonferroni, or none) and the
▲/▼ marks come from the corrected p. With two groups, "group 1 against the rest" and "group 2 against the rest" are
the same test, so it counts once.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd

from coding.analysis.counts import kish_effective_n
from coding.analysis.disclosure import OTHER_GROUP
from coding.analysis.model import CROSSTAB_COLUMNS, HIGHER, LOWER, TOO_SMALL, Crosstab, GroupInfo

#: ``--correction`` → the method name of statsmodels' ``multipletests`` (None: no correction).
CORRECTION_METHODS: dict[str, str | None] = {"none": None, "bh": "fdr_bh", "bonferroni": "bonferroni"}


def two_proportion_test(p1: float, n1: float, p2: float, n2: float) -> tuple[float, float]:
    """z and two-sided p of the difference between shares ``p1`` (of ``n1``) and ``p2`` (of ``n2``).

    ``n1`` and ``n2`` may be effective (non-integer) sample sizes. Equal shares of 0 or 1 give z = 0, p = 1.
    """
    if n1 <= 0 or n2 <= 0:
        return math.nan, math.nan
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    if pooled <= 0.0 or pooled >= 1.0:
        return 0.0, 1.0
    from statsmodels.stats.proportion import proportions_ztest

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        z, p = proportions_ztest(np.array([p1 * n1, p2 * n2]), np.array([n1, n2]))
    return float(z), float(p)


def corrected_p(pvalues: list[float], correction: str = "bh") -> list[float]:
    """The p-values corrected for testing them together (``correction``: a key of :data:`CORRECTION_METHODS`).

    NaN (a cell that was not tested) stays NaN and does not count as a test.
    """
    if correction not in CORRECTION_METHODS:
        raise ValueError(f"unknown correction {correction!r}")
    method = CORRECTION_METHODS[correction]
    values = np.asarray(pvalues, dtype=float)
    tested = ~np.isnan(values)
    if method is None or not tested.any():
        return [float(v) for v in values]
    from statsmodels.stats.multitest import multipletests

    result = values.copy()
    result[tested] = multipletests(values[tested], method=method)[1]
    return [float(v) for v in result]


def _groups(values: pd.Series) -> list[str]:
    """The groups of an attribute in a stable, readable order (numbers by value, text alphabetically; 'overig'
    last)."""
    unique = [v for v in values.dropna().unique() if str(v).strip()]
    other = [str(v) for v in unique if str(v) == OTHER_GROUP]
    unique = [v for v in unique if str(v) != OTHER_GROUP]
    numeric = pd.to_numeric(pd.Series(unique, dtype=object), errors="coerce")
    if len(unique) and numeric.notna().all():
        return [str(v) for _, v in sorted(zip(numeric, unique, strict=True))] + other
    return sorted(str(v) for v in unique) + other


def crosstab(
    nets: pd.DataFrame,
    weights: pd.Series,
    values: pd.Series,
    attribute: str,
    *,
    weighted: bool = False,
    alpha: float = 0.05,
    min_base: int = 30,
    correction: str = "bh",
) -> Crosstab:
    """Shares of every theme per group of ``attribute``, each tested against the rest of the basis.

    ``nets`` is the basis respondents x theme codes table of 0/1 (with nets), ``values`` the attribute value per
    respondent (index respondent_id), ``weights`` the weight per respondent. The marks come from the p corrected
    over the table's tested cells (``correction``, see :func:`corrected_p`).
    """
    values = values.reindex(nets.index).astype(object)
    values = values.where(values.notna() & (values.astype(str).str.strip() != ""), None)
    known = values.notna().to_numpy()
    w = weights.reindex(nets.index).fillna(1.0).to_numpy(dtype=float) if weighted else np.ones(len(nets))
    group_names = _groups(values)
    group_of = values.astype(str).to_numpy()
    infos: list[GroupInfo] = []
    rows = []
    for group in group_names:
        inside = known & (group_of == group)
        rest = known & ~inside
        n_in, n_rest = int(inside.sum()), int(rest.sum())
        eff_in = kish_effective_n(w[inside]) if weighted else float(n_in)
        eff_rest = kish_effective_n(w[rest]) if weighted else float(n_rest)
        tested = n_in >= min_base and n_rest >= min_base
        infos.append(GroupInfo(group, n_in, eff_in, tested))
        for code in nets.columns:
            hit = nets[code].to_numpy() > 0
            share = float(w[inside & hit].sum() / w[inside].sum()) if n_in else math.nan
            share_rest = float(w[rest & hit].sum() / w[rest].sum()) if n_rest else math.nan
            z = p = math.nan
            if tested:
                z, p = two_proportion_test(share, eff_in, share_rest, eff_rest)
            rows.append([code, group, n_in, share, share_rest, z, p, math.nan, TOO_SMALL if not tested else ""])
    cells = pd.DataFrame(rows, columns=CROSSTAB_COLUMNS)
    _mark(cells, alpha, correction, same_test=len(group_names) == 2)
    return Crosstab(attribute=attribute, groups=infos, cells=cells, weighted=weighted, correction=correction)


def _mark(cells: pd.DataFrame, alpha: float, correction: str, *, same_test: bool) -> None:
    """Fill ``p_corrected`` and the ▲/▼ marks of ``cells`` in place. ``same_test``: two groups, each cell's test is
    also the other group's, so the family has one test per theme."""
    keys = list(cells["code"]) if same_test else list(zip(cells["code"], cells["group"], strict=True))
    first: dict[object, float] = {}
    for key, p in zip(keys, cells["p"], strict=True):
        first.setdefault(key, float(p))
    family = list(first)
    adjusted = dict(zip(family, corrected_p([first[k] for k in family], correction), strict=True))
    cells["p_corrected"] = [adjusted[k] for k in keys]
    significant = cells["p_corrected"].notna() & (cells["p_corrected"] < alpha)
    cells.loc[significant, "mark"] = np.where(cells.loc[significant, "share"] > cells.loc[significant, "share_rest"],
                                              HIGHER, LOWER)
