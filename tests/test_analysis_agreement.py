"""Agreement statistics against the references: scikit-learn's cohen_kappa_score, the krippendorff package, nltk."""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score

from coding.analysis.agreement import (
    OVERALL,
    agreement_statistics,
    agreement_table,
    alpha_masi,
    alpha_nominal,
    cohen_kappa,
    label_sets_from_codings,
    masi_distance,
    percent_agreement,
)
from coding.store import Store, question_ref
from coding.store.codings import add_coding
from coding.work.double_coding import adjudicate, draw_sample
from tests.store_fixtures import QUESTION, STUDY, small_study

THEMES = ["a", "b", "c", "d"]


def sets(*pairs: tuple[str, str]) -> dict[int, dict[str, frozenset[str]]]:
    """Units from (coder-1 labels, coder-2 labels) strings, e.g. ("ab", "a"); "-" = coder skipped the unit."""
    units: dict[int, dict[str, frozenset[str]]] = {}
    for i, (first, second) in enumerate(pairs):
        units[i] = {}
        if first != "-":
            units[i]["anna"] = frozenset(first)
        if second != "-":
            units[i]["bram"] = frozenset(second)
    return units


def sk_kappa(a: list[object], b: list[object]) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(cohen_kappa_score(a, b))


def same(x: float, y: float) -> bool:
    return (math.isnan(x) and math.isnan(y)) or math.isclose(x, y, abs_tol=1e-9)


EXAMPLE = sets(("a", "a"), ("ab", "a"), ("b", "b"), ("c", "b"), ("a", "a"), ("bc", "bc"), ("d", "a"), ("a", "ab"))


def test_kappa_per_theme_and_overall_equal_scikit_learn() -> None:
    table = agreement_statistics(EXAMPLE, THEMES).set_index("theme")
    for theme in THEMES:
        first = [theme in u["anna"] for u in EXAMPLE.values()]
        second = [theme in u["bram"] for u in EXAMPLE.values()]
        assert same(table.loc[theme, "cohen_kappa"], sk_kappa(first, second))
        assert table.loc[theme, "percent_agreement"] == pytest.approx(np.mean(np.equal(first, second)))
    whole_1 = ["".join(sorted(u["anna"])) for u in EXAMPLE.values()]
    whole_2 = ["".join(sorted(u["bram"])) for u in EXAMPLE.values()]
    assert table.loc[OVERALL, "cohen_kappa"] == pytest.approx(sk_kappa(whole_1, whole_2))
    assert table.loc[OVERALL, "percent_agreement"] == pytest.approx(4 / 8)
    assert (table["units"] == 8).all()
    assert table.loc["a", "used"] == 9


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), min_size=1, max_size=40))
def test_kappa_equals_scikit_learn_on_random_data(pairs: list[tuple[int, int]]) -> None:
    first, second = [p[0] for p in pairs], [p[1] for p in pairs]
    assert same(cohen_kappa(first, second), sk_kappa(first, second))


def test_kappa_of_label_sets_and_its_edge_cases() -> None:
    """Label sets (which scikit-learn cannot sort) give scikit-learn's κ; undefined κ is NaN without a warning."""
    first = [frozenset("a"), frozenset("ab"), frozenset(), frozenset("b"), frozenset("ab")]
    second = [frozenset("a"), frozenset("a"), frozenset(), frozenset("b"), frozenset("ab")]
    as_text = [["".join(sorted(s)) for s in coder] for coder in (first, second)]
    assert cohen_kappa(first, second) == pytest.approx(sk_kappa(*as_text))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert math.isnan(cohen_kappa([], []))
        assert math.isnan(cohen_kappa(["x"] * 4, ["x"] * 4))  # chance agreement is 1
        assert cohen_kappa(["x", "x"], ["y", "y"]) == 0.0  # two values, never agreeing, no chance agreement
    with pytest.raises(ValueError, match="every unit"):
        cohen_kappa(["x"], ["x", "y"])


def test_alpha_nominal_equals_krippendorff_package_per_theme() -> None:
    units = sets(("a", "a"), ("ab", "a"), ("b", "-"), ("c", "b"), ("-", "a"), ("bc", "bc"), ("d", "a"), ("a", "ab"))
    table = agreement_statistics(units, THEMES).set_index("theme")
    for theme in ("a", "b", "c"):
        matrix = [
            [float(theme in u[c]) if c in u else np.nan for u in units.values()] for c in ("anna", "bram")
        ]
        expected = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
        assert table.loc[theme, "alpha_nominal"] == pytest.approx(expected)
    # κ and percent agreement only use the units both coded (the skipped ones drop out)
    assert table.loc[OVERALL, "units"] == 6


def test_alpha_nominal_on_krippendorffs_published_example() -> None:
    # Krippendorff's example (3 coders, missing values), α nominal = 0.691 (also the package's doctest).
    raw = [
        [None, None, None, None, None, 3, 4, 1, 2, 1, 1, 3, 3, None, 3],
        [1, None, 2, 1, 3, 3, 4, 3, None, None, None, None, None, None, None],
        [None, None, 2, 1, 3, 4, 4, None, 2, 1, 1, 3, 3, None, 4],
    ]
    units = {
        j: {f"c{i}": frozenset({str(row[j])}) for i, row in enumerate(raw) if row[j] is not None} for j in range(15)
    }
    assert alpha_nominal(units) == pytest.approx(0.691358, abs=1e-6)


def test_masi_distance_by_hand_and_against_nltk() -> None:
    from nltk.metrics.distance import masi_distance as nltk_masi

    assert masi_distance(frozenset("ab"), frozenset("ab")) == 0
    assert masi_distance(frozenset("ab"), frozenset("a")) == pytest.approx(1 - 1 / 2 * 2 / 3)
    assert masi_distance(frozenset("ab"), frozenset("bc")) == pytest.approx(1 - 1 / 3 * 1 / 3)
    assert masi_distance(frozenset("a"), frozenset("b")) == 1
    for x in ("a", "ab", "abc", "bd", "d"):
        for y in ("a", "ab", "abc", "bd", "d"):
            assert masi_distance(frozenset(x), frozenset(y)) == pytest.approx(nltk_masi(set(x), set(y)))


def test_alpha_masi_by_hand() -> None:
    # Two coders, three units: {a}/{a}, {a,b}/{a}, {b}/{c}. Pairable values n = 6.
    units = sets(("a", "a"), ("ab", "a"), ("b", "c"))
    d_sub = 1 - 1 / 2 * 2 / 3  # {a,b} vs {a}
    d_ab_b = d_sub  # {a,b} vs {b}
    observed = (2 * d_sub + 2 * 1.0) / 6  # unit 2 and unit 3, each pair counted both ways, / n
    # values: {a} x3, {a,b} x1, {b} x1, {c} x1; expected = sum over ordered pairs of different values / (n (n-1))
    counts = {"a": 3, "ab": 1, "b": 1, "c": 1}
    dist = {
        ("a", "ab"): d_sub, ("a", "b"): 1.0, ("a", "c"): 1.0, ("ab", "b"): d_ab_b, ("ab", "c"): 1.0, ("b", "c"): 1.0,
    }
    expected = sum(2 * counts[x] * counts[y] * d for (x, y), d in dist.items()) / (6 * 5)
    assert alpha_masi(units) == pytest.approx(1 - observed / expected)


def test_alpha_masi_equals_nltk_annotation_task() -> None:
    from nltk.metrics.agreement import AnnotationTask
    from nltk.metrics.distance import masi_distance as nltk_masi

    triples = [(c, str(u), labels) for u, coders in EXAMPLE.items() for c, labels in coders.items()]
    expected = AnnotationTask(data=triples, distance=nltk_masi).alpha()
    assert alpha_masi(EXAMPLE) == pytest.approx(expected)
    # and nominal α over whole label sets equals nltk's with the binary distance
    assert alpha_nominal(EXAMPLE) == pytest.approx(AnnotationTask(data=triples).alpha())


def test_edge_cases_perfect_agreement_unused_theme_and_a_skipping_coder() -> None:
    perfect = sets(("a", "a"), ("b", "b"), ("ab", "ab"))
    table = agreement_statistics(perfect, THEMES).set_index("theme")
    assert table.loc[OVERALL, ["percent_agreement", "cohen_kappa", "alpha_nominal", "alpha_masi"]].tolist() == [
        1.0, 1.0, 1.0, 1.0
    ]
    # a theme nobody used: agreement is 1, κ and α are not defined (scikit-learn gives NaN, krippendorff refuses)
    assert table.loc["d", "percent_agreement"] == 1.0
    assert math.isnan(table.loc["d", "cohen_kappa"]) and math.isnan(sk_kappa([False] * 3, [False] * 3))
    assert math.isnan(table.loc["d", "alpha_nominal"])
    with pytest.raises(ValueError):
        krippendorff.alpha(reliability_data=[[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]], level_of_measurement="nominal")
    assert table.loc["d", "used"] == 0
    # a coder who skipped everything: no unit is pairable
    skipped = sets(("a", "-"), ("b", "-"))
    row = agreement_statistics(skipped, THEMES).set_index("theme").loc[OVERALL]
    assert row["units"] == 0 and math.isnan(row["percent_agreement"]) and math.isnan(row["alpha_masi"])


def test_percent_agreement_with_three_coders_averages_pairs() -> None:
    assert percent_agreement([["x", "x", "y"], ["x", "x", "x"]]) == pytest.approx((1 / 3 + 1) / 2)
    three = {0: {"a": frozenset("x"), "b": frozenset("x"), "c": frozenset("y")}}
    assert math.isnan(agreement_statistics(three, ["x"]).iloc[0]["cohen_kappa"])  # κ is for two coders


def test_label_sets_from_codings_keep_listed_units_nobody_coded() -> None:
    import pandas as pd

    codings = pd.DataFrame({"segment_id": [1, 1, 2], "coder": ["anna", "anna", "bram"], "theme": ["a", "b", "a"]})
    assert label_sets_from_codings(codings, [1, 3]) == {1: {"anna": frozenset("ab")}, 3: {}}


def test_agreement_table_from_the_store_ignores_adjudications(store: Store, tmp_path: Path) -> None:
    themes = small_study(store, tmp_path)
    question = question_ref(store, STUDY, QUESTION)
    sample = draw_sample(store, question, ["anna", "bram"], size=3, seed=1, actor="lead")
    first, second, third = sample.segment_ids
    add_coding(store, first, themes["vertrouwen"], "anna")
    add_coding(store, first, themes["vertrouwen"], "bram")
    add_coding(store, second, themes["opvolging"], "anna")
    add_coding(store, second, themes["vertrouwen"], "bram")
    add_coding(store, third, themes["opvolging"], "anna")  # bram skipped it
    before = agreement_table(store, question)
    adjudicate(store, second, ["opvolging"], "chef")
    after = agreement_table(store, question)
    assert before.equals(after)
    overall = after.set_index("theme").loc[OVERALL]
    assert overall["units"] == 2 and overall["percent_agreement"] == 0.5
    assert list(after["theme"]) == [OVERALL, "vertrouwen", "opvolging", "represailles"]
