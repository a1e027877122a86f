"""Counts per question: how many respondents mention each theme, unweighted and weighted, with nets.

Shares are of the basis (respondents with a substantive answer). One respondent can mention several themes, so the
shares need not add up to 100%. A parent theme gets a *net*: the respondents who mention it or any theme below it.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from coding.analysis.model import COUNT_COLUMNS

#: Codes (or labels, lower case) of catch-all themes, listed last whatever their frequency.
LAST_THEMES = frozenset({"overig", "overige", "anders", "other", "rest"})


def kish_effective_n(weights: Iterable[float]) -> float:
    """Kish's effective sample size: (Σw)² / Σw² (0 for no weights)."""
    values = np.asarray(list(weights), dtype=float)
    squares = float((values**2).sum())
    return float(values.sum() ** 2 / squares) if squares > 0 else 0.0


def respondent_weights(respondents: pd.DataFrame, ids: Iterable[str]) -> pd.Series:
    """The survey weight of each respondent in ``ids`` (1.0 where the study has none)."""
    ids = list(ids)
    if "weight" not in respondents.columns or respondents.empty:
        return pd.Series(1.0, index=pd.Index(ids, dtype=object), dtype=float)
    weights = pd.to_numeric(respondents.set_index("respondent_id")["weight"], errors="coerce")
    weights = weights[~weights.index.duplicated()]
    return weights.reindex(ids).fillna(1.0).astype(float)


def _children(themes: pd.DataFrame) -> dict[str | None, list[str]]:
    codes = set(themes["code"])
    tree: dict[str | None, list[str]] = {}
    for code, parent in zip(themes["code"], themes["parent"], strict=True):
        tree.setdefault(parent if parent in codes else None, []).append(code)
    return tree


def _descendants(tree: dict[str | None, list[str]], code: str) -> list[str]:
    found: list[str] = []
    stack = list(tree.get(code, []))
    while stack:
        child = stack.pop()
        if child not in found:
            found.append(child)
            stack.extend(tree.get(child, []))
    return found


def net_matrix(matrix: pd.DataFrame, themes: pd.DataFrame) -> pd.DataFrame:
    """Per theme code: 1 when the respondent mentions the theme or any theme below it (a net for parents)."""
    tree = _children(themes)
    columns = {}
    for code in themes["code"]:
        present = [c for c in [code, *_descendants(tree, code)] if c in matrix.columns]
        columns[code] = matrix[present].max(axis=1) if present and len(matrix) else pd.Series(0, index=matrix.index)
    return pd.DataFrame(columns, index=matrix.index, columns=list(themes["code"])).fillna(0).astype(int)


def theme_counts(
    matrix: pd.DataFrame, weights: pd.Series, themes: pd.DataFrame, *, order_weighted: bool = False
) -> pd.DataFrame:
    """Per theme (and per net): respondents mentioning it, their share, and the weighted figures.

    ``matrix`` is the basis respondents x theme codes table of 0/1, ``weights`` the weight per respondent,
    ``themes`` the active themes (code, label, parent, position). Rows come in report order: siblings by frequency
    (catch-all themes such as 'Overig' last; by weighted frequency when ``order_weighted``), each parent followed
    by its subthemes.
    """
    tree = _children(themes)
    labels = dict(zip(themes["code"], themes["label"], strict=True))
    positions = dict(zip(themes["code"], themes["position"], strict=True))
    parents = dict(zip(themes["code"], themes["parent"], strict=True))
    w = weights.reindex(matrix.index).fillna(1.0).to_numpy(dtype=float)
    total_n = len(matrix)
    total_w = float(w.sum())
    nets = net_matrix(matrix, themes)
    stats: dict[str, tuple[int, float]] = {}
    for code in themes["code"]:
        hit = nets[code].to_numpy() > 0
        stats[code] = (int(hit.sum()), float(w[hit].sum()))

    def order(codes: list[str]) -> list[str]:
        return sorted(
            codes,
            key=lambda c: (
                c.lower() in LAST_THEMES or str(labels[c]).lower() in LAST_THEMES,
                -stats[c][1] if order_weighted else -stats[c][0],
                positions[c],
            ),
        )

    rows = []

    def walk(parent: str | None, depth: int) -> None:
        for code in order(tree.get(parent, [])):
            n, n_w = stats[code]
            rows.append([
                code,
                labels[code],
                parents[code],
                depth,
                bool(tree.get(code)),
                n,
                100.0 * n / total_n if total_n else 0.0,
                n_w,
                100.0 * n_w / total_w if total_w else 0.0,
            ])
            walk(code, depth + 1)

    walk(None, 0)
    frame = pd.DataFrame(rows, columns=COUNT_COLUMNS)
    frame["parent"] = frame["parent"].astype(object).where(frame["parent"].notna(), None)
    return frame
