"""Agreement between coders: percent agreement, Cohen's κ and Krippendorff's α, per theme and overall.

The unit is a segment (an answer or passage). A coder *coded* a unit when they gave it at least one theme; the
themes they gave form their **label set** for that unit. A unit only one coder coded (the other skipped it) is
missing data: it drops out of κ and percent agreement, and Krippendorff's α ignores it as unpairable.

Per theme the value is presence / absence (did the coder give this theme?); overall it is the whole label set:

- **percent agreement** — the share of agreeing coder pairs, averaged over units (with two coders: the share of
  units on which they agree);
- **Cohen's κ** — two coders only (NaN with more): chance-corrected agreement on the units both coded;
- **Krippendorff's α (nominal)** — any number of coders and missing data, computed by the ``krippendorff``
  package;
- **Krippendorff's α (MASI)** — overall only: α over label sets with the MASI distance (Passonneau 2006), so that
  {a, b} against {a} counts as partial agreement. Computed by the ``krippendorff`` package with MASI as its
  distance function (the package takes a custom metric).

For interviews the unit stays the turn ("does the turn carry the theme?", a passage coding counts for its turn),
and a **passage-overlap** measure is reported beside it: the character-overlap F1 (Dice) of the stretches of text
the coders gave a theme — a whole-turn coding covers the whole turn — summed over the turns both coded and every
pair of coders (:data:`OVERLAP_METHOD`; ``overlap_chars`` is its n, the characters coded by the pairs together).

A statistic with nothing to vary (a theme nobody, or everybody, used) is not defined: κ and α are NaN then, as
scikit-learn's ``cohen_kappa_score`` does, while percent agreement is 1.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd

from coding.store import QuestionRef, Store
from coding.vocabulary import QuestionKind

#: A unit's label sets by coder: ``{segment_id: {coder: frozenset(theme codes)}}``.
LabelSets = Mapping[Any, Mapping[str, frozenset[str]]]

#: The row of :func:`agreement_statistics` for the whole label set.
OVERALL = "(alle thema's)"

AGREEMENT_COLUMNS = [
    "theme",
    "label",
    "units",
    "coders",
    "used",
    "percent_agreement",
    "cohen_kappa",
    "alpha_nominal",
    "alpha_masi",
]


def percent_agreement(values: Sequence[Sequence[Hashable]]) -> float:
    """The share of agreeing pairs of values, averaged over units with at least two values (NaN if none).

    ``values`` holds, per unit, the values the coders who coded it gave (missing ones left out).
    """
    shares = []
    for unit in values:
        pairs = list(combinations(unit, 2))
        if pairs:
            shares.append(sum(a == b for a, b in pairs) / len(pairs))
    return float(np.mean(shares)) if shares else float("nan")


def cohen_kappa(first: Sequence[Hashable], second: Sequence[Hashable]) -> float:
    """Cohen's κ of two coders over the same units (NaN when chance agreement is 1, e.g. one value only).

    scikit-learn's ``cohen_kappa_score`` on the values numbered in order of appearance, so that any hashable values
    (label sets too, which scikit-learn cannot sort) can be compared. With no units, or one value in all of them,
    chance agreement is 1 and κ is not defined: NaN, without the warning scikit-learn gives then.
    """
    from sklearn.metrics import cohen_kappa_score

    if len(first) != len(second):
        raise ValueError("both coders need a value for every unit")
    number = {value: i for i, value in enumerate(dict.fromkeys([*first, *second]))}
    if len(number) < 2:
        return float("nan")
    return float(cohen_kappa_score([number[v] for v in first], [number[v] for v in second]))


def masi_distance(first: frozenset[str], second: frozenset[str]) -> float:
    """MASI distance between two label sets: 1 − Jaccard × monotonicity (1 equal, 2/3 subset, 1/3 overlap, 0)."""
    union = len(first | second)
    if union == 0:
        return 0.0
    common = len(first & second)
    if first == second:
        monotonicity = 1.0
    elif common == min(len(first), len(second)):
        monotonicity = 2 / 3
    elif common > 0:
        monotonicity = 1 / 3
    else:
        monotonicity = 0.0
    return 1.0 - common / union * monotonicity


def _alpha(matrix: np.ndarray, domain_size: int, metric: Any) -> float:
    """Krippendorff's α by the package, NaN where it is not defined (one value only, or no pairable unit)."""
    import krippendorff

    present = matrix[~np.isnan(matrix)]
    if domain_size < 2 or len(np.unique(present)) < 2:
        return float("nan")
    if ((~np.isnan(matrix)).sum(axis=0) < 2).all():
        return float("nan")
    return float(
        krippendorff.alpha(
            reliability_data=matrix, value_domain=np.arange(domain_size, dtype=float), level_of_measurement=metric
        )
    )


def _reliability_matrix(label_sets: LabelSets, value: Any) -> tuple[np.ndarray, list[Any]]:
    """A coders × units matrix of value indices (NaN = missing) and the values in index order."""
    label_sets = _pairable(label_sets)  # a unit one coder coded carries no information on agreement
    coders = sorted({c for unit in label_sets.values() for c in unit})
    units = list(label_sets)
    domain: dict[Any, int] = {}
    matrix = np.full((len(coders), len(units)), np.nan)
    for j, unit in enumerate(units):
        for i, coder in enumerate(coders):
            if coder in label_sets[unit]:
                v = value(label_sets[unit][coder])
                matrix[i, j] = domain.setdefault(v, len(domain))
    return matrix, list(domain)


def alpha_nominal(label_sets: LabelSets, value: Any = frozenset) -> float:
    """Krippendorff's α (nominal) of ``value(label set)`` — by default the whole set as one category."""
    matrix, domain = _reliability_matrix(label_sets, value)
    return _alpha(matrix, len(domain), "nominal")


def alpha_masi(label_sets: LabelSets) -> float:
    """Krippendorff's α over whole label sets with the MASI distance."""
    matrix, domain = _reliability_matrix(label_sets, frozenset)
    distances = np.array([[masi_distance(a, b) for b in domain] for a in domain])

    def metric(v1: Any, v2: Any, i1: Any, i2: Any, n_v: Any, dtype: Any = np.float64) -> Any:
        return distances[i1, i2].astype(dtype)

    return _alpha(matrix, len(domain), metric)


def _pairable(label_sets: LabelSets) -> dict[Any, Mapping[str, frozenset[str]]]:
    return {unit: coders for unit, coders in label_sets.items() if len(coders) >= 2}


def _statistics(label_sets: LabelSets, value: Any) -> dict[str, float]:
    pairable = _pairable(label_sets)
    coders = sorted({c for unit in pairable.values() for c in unit})
    per_unit = [[value(s) for s in unit.values()] for unit in pairable.values()]
    kappa = float("nan")
    if len(coders) == 2:
        both = [u for u in pairable.values() if all(c in u for c in coders)]
        kappa = cohen_kappa([value(u[coders[0]]) for u in both], [value(u[coders[1]]) for u in both])
    return {
        "percent_agreement": percent_agreement(per_unit),
        "cohen_kappa": kappa,
        "alpha_nominal": alpha_nominal(label_sets, value),
    }


def agreement_statistics(
    label_sets: LabelSets, themes: Sequence[str], labels: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """Agreement per theme (presence / absence) and overall (whole label sets), one row each.

    ``units`` counts the units coded by at least two coders, ``coders`` the coders among them and ``used`` how
    often coders gave the theme on those units. The overall row comes first and alone has ``alpha_masi``.
    """
    labels = labels or {}
    pairable = _pairable(label_sets)
    coders = len({c for unit in pairable.values() for c in unit})
    rows = [
        {
            "theme": OVERALL,
            "label": "Hele codering (alle thema's samen)",
            "units": len(pairable),
            "coders": coders,
            "used": sum(len(s) for unit in pairable.values() for s in unit.values()),
            **_statistics(label_sets, frozenset),
            "alpha_masi": alpha_masi(label_sets),
        }
    ]
    for theme in themes:
        rows.append(
            {
                "theme": theme,
                "label": labels.get(theme, theme),
                "units": len(pairable),
                "coders": coders,
                "used": sum(theme in s for unit in pairable.values() for s in unit.values()),
                **_statistics(label_sets, lambda s, t=theme: t in s),
                "alpha_masi": float("nan"),
            }
        )
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)


#: How the passage-overlap column is computed (shown with it).
OVERLAP_METHOD = "tekenoverlap-F1 (Dice): 2·|A∩B| / (|A|+|B|) over de tekens per thema, per paar codeurs en beurt"


def passage_overlap(
    codings: pd.DataFrame, bounds: Mapping[Any, tuple[int, int]], themes: Sequence[str]
) -> pd.DataFrame:
    """Character-overlap F1 per theme and overall (:data:`OVERALL`) on the turns at least two coders coded.

    ``codings`` has ``segment_id``, ``coder``, ``theme``, ``passage_start``/``passage_end`` (NA: the whole turn);
    ``bounds`` gives each turn's (start, end). Returns columns ``theme``, ``overlap_f1``, ``overlap_chars``
    (|A|+|B| summed: the n behind the value; F1 is NaN when nobody gave the theme).
    """
    chars: dict[tuple[Any, str, str], set[int]] = {}
    coders: dict[Any, set[str]] = {}
    for row in codings.itertuples(index=False):
        coders.setdefault(row.segment_id, set()).add(row.coder)
        start, end = bounds.get(row.segment_id, (0, 0))
        if not pd.isna(row.passage_start) and not pd.isna(row.passage_end):
            start, end = int(row.passage_start), int(row.passage_end)
        chars.setdefault((row.segment_id, row.coder, row.theme), set()).update(range(start, end))
    totals = {theme: [0, 0] for theme in [OVERALL, *themes]}
    for segment, who in coders.items():
        for a, b in combinations(sorted(who), 2):
            for theme in themes:
                first, second = chars.get((segment, a, theme), set()), chars.get((segment, b, theme), set())
                for key in (theme, OVERALL):
                    totals[key][0] += len(first & second)
                    totals[key][1] += len(first) + len(second)
    return pd.DataFrame(
        [{"theme": theme, "overlap_f1": 2 * both / size if size else float("nan"), "overlap_chars": size}
         for theme, (both, size) in totals.items()]
    )


def label_sets_from_codings(
    codings: pd.DataFrame, units: Iterable[Any] | None = None
) -> dict[Any, dict[str, frozenset[str]]]:
    """Label sets per unit and coder from long codings (columns ``segment_id``, ``coder``, ``theme``).

    ``units`` (optional) limits the result to these segments; a listed segment nobody coded is kept, empty.
    """
    result: dict[Any, dict[str, frozenset[str]]] = {u: {} for u in units} if units is not None else {}
    grouped = codings.groupby(["segment_id", "coder"])["theme"].agg(frozenset) if not codings.empty else {}
    for (segment, coder), themes in dict(grouped).items():
        if units is None or segment in result:
            result.setdefault(segment, {})[coder] = themes
    return result


def agreement_table(store: Store, question: QuestionRef) -> pd.DataFrame:
    """The agreement table of a question (see :func:`agreement_statistics`) from its double-coded answers.

    The units are the answers of the question's double-coding samples, or — when none was drawn — every answer
    that at least two coders coded. Adjudicated codings are left out: they settle disagreements, they are not a
    coder's independent judgement.
    """
    from coding.store.codebooks import theme_table
    from coding.work.double_coding import original_codings

    codings, units = original_codings(store, question)
    themes = theme_table(store, question)
    labels = dict(zip(themes["code"], themes["label"], strict=True))
    table = agreement_statistics(label_sets_from_codings(codings, units), themes["code"].tolist(), labels)
    if question.kind == QuestionKind.INTERVIEW:
        from coding.store.segments import segments_frame

        segments = segments_frame(store, question)
        bounds = {int(s.segment_id): (int(s.start_char), int(s.end_char))
                  for s in segments.dropna(subset=["start_char", "end_char"]).itertuples(index=False)}
        double = codings[codings["segment_id"].isin(set(units))]
        overlap = passage_overlap(double, bounds, themes["code"].tolist())
        table = table.merge(overlap, on="theme", how="left")
    return table


#: Dutch column names of :func:`agreement_sheet` (for the report's agreement sheet and the Beoordelen page).
SHEET_COLUMNS = {
    "theme": "thema",
    "label": "label",
    "units": "eenheden",
    "coders": "codeurs",
    "used": "gebruikt",
    "percent_agreement": "% overeenstemming",
    "cohen_kappa": "Cohen's κ",
    "alpha_nominal": "α nominaal",
    "alpha_masi": "α MASI",
    "overlap_f1": "passage-overlap F1",
    "overlap_chars": "tekens (n overlap)",
}


def agreement_sheet(table: pd.DataFrame) -> pd.DataFrame:
    """The agreement table with Dutch column names, agreement in % and the coefficients to 3 decimals.

    Not-defined values stay NaN (an empty cell in a spreadsheet).
    """
    shown = table.rename(columns=SHEET_COLUMNS).copy()
    shown["% overeenstemming"] = (100 * table["percent_agreement"]).round(1)
    for column in ("Cohen's κ", "α nominaal", "α MASI", "passage-overlap F1"):
        if column in shown.columns:
            shown[column] = shown[column].astype(float).round(3)
    return shown


def format_agreement(table: pd.DataFrame) -> str:
    """The agreement table as aligned text for the terminal (NaN shown as '–')."""
    if table.empty:
        return "Geen dubbel gecodeerde antwoorden."
    shown = agreement_sheet(table).drop(columns=["label"]).astype(object)
    shown = shown.where(shown.notna(), "–")
    note = "" if int(table["units"].iloc[0]) else "\nNog geen antwoord dat door twee codeurs is gecodeerd."
    if "overlap_f1" in table.columns:
        note += ("\nPer beurt: heeft de beurt het thema (eenheden = beurten). Passage-overlap: " + OVERLAP_METHOD
                 + ".")
    return shown.to_string(index=False) + note
