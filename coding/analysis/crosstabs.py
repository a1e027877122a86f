"""Crosstabs: each group's share of a theme against the rest, tested at p < 0.05.

The test is the two-proportion z-test with pooled variance (statsmodels' ``proportions_ztest``; its square equals
Pearson's chi-square without continuity correction on the 2x2 table). With weights, the shares are weighted and the
test uses Kish's effective sample size of the group and of the rest. Groups (or rests) under ``min_base``
respondents are marked too small and not tested. Respondents without a value for the attribute are left out.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd

from coding.analysis.counts import kish_effective_n
from coding.analysis.model import CROSSTAB_COLUMNS, HIGHER, LOWER, TOO_SMALL, Crosstab, GroupInfo


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


def _groups(values: pd.Series) -> list[str]:
    """The groups of an attribute in a stable, readable order (numbers by value, text alphabetically)."""
    unique = [v for v in values.dropna().unique() if str(v).strip()]
    numeric = pd.to_numeric(pd.Series(unique, dtype=object), errors="coerce")
    if len(unique) and numeric.notna().all():
        return [str(v) for _, v in sorted(zip(numeric, unique, strict=True))]
    return sorted(str(v) for v in unique)


def crosstab(
    nets: pd.DataFrame,
    weights: pd.Series,
    values: pd.Series,
    attribute: str,
    *,
    weighted: bool = False,
    alpha: float = 0.05,
    min_base: int = 30,
) -> Crosstab:
    """Shares of every theme per group of ``attribute``, each tested against the rest of the basis.

    ``nets`` is the basis respondents x theme codes table of 0/1 (with nets), ``values`` the attribute value per
    respondent (index respondent_id), ``weights`` the weight per respondent.
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
            mark = TOO_SMALL if not tested else ""
            if tested:
                z, p = two_proportion_test(share, eff_in, share_rest, eff_rest)
                if not math.isnan(p) and p < alpha:
                    mark = HIGHER if share > share_rest else LOWER
            rows.append([code, group, n_in, share, share_rest, z, p, mark])
    cells = pd.DataFrame(rows, columns=CROSSTAB_COLUMNS)
    return Crosstab(attribute=attribute, groups=infos, cells=cells, weighted=weighted)
