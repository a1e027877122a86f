"""The nlp stages as scikit-learn estimators: parameters, cloning, reproducibility, and scikit-learn's own checks.

Which of scikit-learn's estimator checks run where:

- :class:`SpectralPreClusterer` and :class:`SeededLinearSVC` take numeric arrays, so they get the whole suite
  (``parametrize_with_checks``); the few checks they fail on purpose are listed with the reason (they run as xfail).
- :class:`ThemeSuggester` (``y`` is one tuple of theme codes per answer, ``seeds`` a keyword argument), the feature
  stages (``fit_transform(texts, tokens)``) and :class:`ClusterDescriber` (nothing to fit) cannot be fed the
  checks' generated data, so they get the checks that need no fitting (:data:`PARAMETER_CHECKS`); fitting is
  checked here on text (clone round trips, the same result for the same ``random_state``, ``run_params``).
"""

from __future__ import annotations

import pickle
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
import scipy.sparse as sp
import spacy
from sklearn.base import BaseEstimator, clone
from sklearn.calibration import CalibratedClassifierCV
from sklearn.exceptions import NotFittedError
from sklearn.model_selection import KFold, cross_val_predict
from sklearn.svm import LinearSVC
from sklearn.utils import estimator_checks
from sklearn.utils.estimator_checks import estimator_checks_generator

from coding.nlp.cluster import SpectralPreClusterer
from coding.nlp.describe import ClusterDescriber
from coding.nlp.features import CombinedFeatures, SentenceEmbeddingFeatures, SpacyVectorFeatures, TfidfSvdFeatures
from coding.nlp.pipeline import load_pipeline
from coding.nlp.preprocess import preprocess
from coding.nlp.suggest import (
    NB_MIN_CODED,
    TIE_BREAK,
    SeededLinearSVC,
    SuggestFeatures,
    ThemeSuggester,
    answer_tokens,
    auto_folds,
    nb_log_ratio,
    seed_texts,
)
from coding.nlp.word_vectors import WordContextVectors
from tests.fixtures.nl_answers import corpus as cluster_corpus
from tests.suggest_fixtures import CODEBOOK, THEMES, corpus

#: Checks that need no fitting: they hold for every estimator of the package.
PARAMETER_CHECKS = [
    "check_no_attributes_set_in_init",
    "check_get_params_invariance",
    "check_set_params",
    "check_parameters_default_constructible",
    "check_estimator_cloneable",
    "check_estimator_repr",
    "check_do_not_raise_errors_in_init_or_set_params",
    "check_mixin_order",
    "check_valid_tag_types",
]

NLP = spacy.blank("nl")

ESTIMATORS: dict[str, Callable[[], BaseEstimator]] = {
    "ThemeSuggester": lambda: ThemeSuggester(C=0.7, themes=THEMES, random_state=3),
    "SeededLinearSVC": lambda: SeededLinearSVC(C=0.3, seed_weight=0.2),
    "SeededLinearSVC with NB scaling": lambda: SeededLinearSVC(C=0.3, nb_columns=3),
    "SuggestFeatures": lambda: SuggestFeatures(n_components=20),
    "WordContextVectors": lambda: WordContextVectors(n_components=12, min_df=2),
    "SpectralPreClusterer": lambda: SpectralPreClusterer(k=4, random_state=2),
    "TfidfSvdFeatures": lambda: TfidfSvdFeatures(n_components=16, word_ngrams=(1, 1)),
    "SpacyVectorFeatures": lambda: SpacyVectorFeatures(NLP),
    "SentenceEmbeddingFeatures": lambda: SentenceEmbeddingFeatures("a-local-model", batch_size=8),
    "CombinedFeatures": lambda: CombinedFeatures([TfidfSvdFeatures(), SpacyVectorFeatures(NLP)], weights=[1.0, 0.5]),
    "ClusterDescriber": lambda: ClusterDescriber(n_terms=4),
}


@pytest.mark.parametrize("check", PARAMETER_CHECKS)
@pytest.mark.parametrize("name", list(ESTIMATORS))
def test_parameter_checks(name: str, check: str) -> None:
    getattr(estimator_checks, check)(name, ESTIMATORS[name]())


def expected_failures(estimator: BaseEstimator) -> dict[str, str]:
    """The checks an estimator fails on purpose, and why."""
    if isinstance(estimator, SpectralPreClusterer):
        why = "too few answers for the clusters asked is a CodingError with a Dutch hint for the coder"
        return {"check_estimators_empty_data_messages": why, "check_fit2d_1sample": why}
    if isinstance(estimator, SeededLinearSVC):
        labels = "one theme: y is True/False (or 1/0); other labels would silently mean something else"
        unchecked = "inputs are never validated: it is fitted dozens of times per retraining on rows we built"
        return {
            **dict.fromkeys(["check_classifiers_classes", "check_classifier_data_not_an_array",
                             "check_estimators_dtypes", "check_classifiers_regression_target",
                             "check_supervised_y_2d", "check_requires_y_none", "check_sample_weights_not_an_array",
                             "check_sample_weights_pandas_series", "check_sample_weights_not_overwritten",
                             "check_sample_weights_shape", "check_fit2d_1feature",
                             "check_classifier_not_supporting_multiclass"], labels),
            **dict.fromkeys(["check_complex_data", "check_estimators_empty_data_messages",
                             "check_estimators_nan_inf", "check_fit2d_predict1d"], unchecked),
            **dict.fromkeys(["check_sample_weight_equivalence_on_dense_data",
                             "check_sample_weight_equivalence_on_sparse_data"],
                            "liblinear with tol=1e-2 stops before weights and repeated rows agree to 1e-7"),
        }
    return {}


def _scikit_learn_checks() -> list[Any]:
    """scikit-learn's checks for the two estimators, as pytest parameters, without the array-API checks: those test
    support for CuPy/PyTorch arrays, which neither estimator claims, and they would only be skipped (CI counts a
    skip as a failure)."""
    params = []
    for estimator in (SpectralPreClusterer(k=3), SeededLinearSVC(), SeededLinearSVC(nb_columns=2)):
        for item in estimator_checks_generator(
            estimator, expected_failed_checks=expected_failures(estimator), mark="xfail"
        ):
            # an expected failure comes as a pytest.param with an xfail mark, the others as (estimator, check)
            (est, check), marks = (item.values, item.marks) if hasattr(item, "values") else (item, ())
            name = _check_name(check)
            if "array_api" in name:
                continue
            params.append(pytest.param(est, check, marks=marks, id=f"{est!r}-{name}"))
    return params


def _check_name(check: Any) -> str:
    while hasattr(check, "func"):
        check = check.func
    return str(getattr(check, "__name__", check))


@pytest.mark.parametrize(("estimator", "check"), _scikit_learn_checks())
def test_scikit_learn_checks(estimator: BaseEstimator, check: Callable[[BaseEstimator], None]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # liblinear's convergence warnings on the checks' random data
        check(estimator)


# --- the suggester ------------------------------------------------------------------------------------------------

SEEDS = seed_texts({t.code: (t.keywords, t.examples) for t in CODEBOOK.themes})


@pytest.fixture(scope="module")
def learning_data() -> tuple[sp.csr_matrix, list[tuple[str, ...]], tuple[sp.csr_matrix, list[tuple[str, ...]]]]:
    rows = corpus(700, seed=5, noise=0.1)
    texts = [t for t, _ in rows]
    features = SuggestFeatures(n_components=30)
    X = features.fit_transform(texts, answer_tokens(texts))
    return X, [labels for _, labels in rows], (features.transform(SEEDS[0], answer_tokens(SEEDS[0])), SEEDS[1])


def test_a_clone_is_unfitted_and_fits_to_the_same_model(learning_data: tuple) -> None:
    X, labels, seeds = learning_data
    model = ThemeSuggester(C=0.7, cv=4, themes=THEMES, random_state=5).fit(X[:400], labels[:400], seeds=seeds)
    copy = clone(model)
    assert copy.get_params() == model.get_params() and not hasattr(copy, "classes_")
    with pytest.raises(NotFittedError):
        copy.predict_proba(X[:3])
    copy.fit(X[:400], labels[:400], seeds=seeds)
    assert np.array_equal(copy.predict_proba(X[400:]), model.predict_proba(X[400:]))
    assert np.array_equal(copy.oof_proba_, model.oof_proba_)
    restored = pickle.loads(pickle.dumps(model))
    assert np.array_equal(restored.predict_proba(X[400:]), model.predict_proba(X[400:]))
    # another random_state gives other folds, so other out-of-fold probabilities
    other = clone(model).set_params(random_state=6).fit(X[:400], labels[:400], seeds=seeds)
    assert other.random_state == 6 and not np.array_equal(other.oof_proba_, model.oof_proba_)


@pytest.mark.parametrize("n", [500, 2000])
def test_it_is_composed_of_calibrated_classifiers(learning_data: tuple, n: int) -> None:
    """Below AUTO_CV_TWO_FOLDS one refitted SVM per theme (ensemble=False), from it on the calibrated fold models."""
    X, labels, seeds = learning_data
    rows = np.arange(n) % X.shape[0]  # 2,000 rows: the 700 answers repeated, which is all the code path needs
    model: Any = ThemeSuggester(themes=THEMES).fit(X[rows], [labels[i] for i in rows], seeds=seeds)
    assert all(isinstance(e, CalibratedClassifierCV) for e in model.estimators_)
    assert [e.ensemble for e in model.estimators_] == [n >= 2000] * len(THEMES)
    assert [len(e.calibrated_classifiers_) for e in model.estimators_] == [2 if n >= 2000 else 1] * len(THEMES)
    assert set(model.calibration_) <= {"sigmoid", "isotonic"} and "isotonic" in model.calibration_
    # decision_function is the mean of the SVMs inside the calibrated classifiers
    first = model.estimators_[0].calibrated_classifiers_
    mean = np.mean([pair.estimator.decision_function(X[:50]) for pair in first], axis=0)
    assert np.allclose(model.decision_function(X[:50])[:, 0], mean)
    # theme_proba is each theme's calibrated classifier (isotonic ones with their ties broken by the score)
    proba = model.theme_proba(X[:80])
    for j, estimator in enumerate(model.estimators_):
        tolerance = TIE_BREAK / 2 if model.calibration_[j] == "isotonic" else 1e-12
        assert np.allclose(proba[:, j], estimator.predict_proba(X[:80])[:, 1], rtol=0, atol=tolerance)
    # the out-of-fold rows are the coded answers only: seeds are never in a test fold
    assert model.oof_proba_.shape == (n, len(THEMES)) and model.y_.shape == (n, len(THEMES))
    assert np.array_equal(model.y_, [[c in labels[i] for c in THEMES] for i in rows])


@pytest.mark.parametrize("n,folds", [(12, 3), (20, 10), (200, 10), (999, 10), (1000, 3), (2000, 2)])
def test_few_coded_answers_are_cross_validated_in_more_folds(learning_data: tuple, n: int, folds: int) -> None:
    """Below 1,000 coded answers the calibration's out-of-fold models learn from 90% of them, not two thirds."""
    X, labels, seeds = learning_data
    rows = np.arange(n) % X.shape[0]
    model: Any = ThemeSuggester(themes=THEMES).fit(X[rows], [labels[i] for i in rows], seeds=seeds)
    assert auto_folds(n) == folds and model.folds_ == folds and model.cross_validated_


def test_sigmoid_calibration_is_platts_with_his_smoothed_targets(learning_data: tuple) -> None:
    """The calibrator scikit-learn fits is the minimum of Platt's loss: its gradient vanishes on the OOF scores."""
    X, labels, seeds = learning_data
    model: Any = ThemeSuggester(themes=THEMES, calibration="sigmoid").fit(X[:600], labels[:600], seeds=seeds)
    assert model.calibration_ == ["sigmoid"] * len(THEMES)
    j = 1
    truth = model.y_[:, j]
    svm = clone(model.estimators_[j].estimator)
    folds = list(KFold(auto_folds(600), shuffle=True, random_state=0).split(np.zeros(600)))
    scores = cross_val_predict(svm, X[:600], truth, cv=folds, method="decision_function")
    positives, negatives = truth.sum(), (~truth).sum()
    target = np.where(truth, (positives + 1) / (positives + 2), 1 / (negatives + 2))
    p = model.oof_theme_proba_[:, j]
    assert abs(float((p - target).sum())) < 1e-2 and abs(float((p - target) @ scores)) < 1e-2
    calibrator = model.estimators_[j].calibrated_classifiers_[0].calibrators[0]
    assert np.allclose(calibrator.predict(scores), p)


def test_themes_that_every_or_no_coded_answer_has_get_a_constant_probability(learning_data: tuple) -> None:
    X, labels, seeds = learning_data
    picked = [i for i, t in enumerate(labels) if "tijd" not in t][:60]
    everyone = [(*labels[i], "overig") for i in picked]
    model = ThemeSuggester(themes=[*THEMES, "overig"]).fit(X[picked], everyone, seeds=seeds)
    assert model.calibration_[THEMES.index("tijd")] == "constant" and model.calibration_[-1] == "constant"
    proba = model.predict_proba(X[600:620])
    assert np.allclose(proba[:, THEMES.index("tijd")], 1 / 62) and np.allclose(proba[:, -1], 61 / 62)
    assert model.estimators_[-1] is None and model.decision_function(X[:2]).shape == (2, 5)
    nothing = ThemeSuggester(themes=THEMES).fit(X[:0], [], seeds=seeds)  # nothing coded yet
    assert not nothing.cross_validated_ and np.all(nothing.predict_proba(X[:4]) == 0.5)
    assert nothing.precision_at(0.5).coverage == 0.0


def test_score_is_subset_accuracy(learning_data: tuple) -> None:
    X, labels, _ = learning_data
    model = ThemeSuggester(themes=THEMES).fit(X[:500], labels[:500])
    predicted = model.predict(X[500:])
    exact = np.mean([set(p) == set(t) for p, t in zip(predicted, labels[500:], strict=True)])
    assert model.score(X[500:], labels[500:]) == pytest.approx(exact) and 0 < exact < 1


def test_seeded_svm_trains_on_its_seeds_in_every_fit() -> None:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 5))
    y = X[:, 0] > 0
    seed_X, seed_y = np.eye(5)[[1, 1]], np.array([True, True])
    plain = SeededLinearSVC().fit(X, y)
    seeded = SeededLinearSVC(seed_X=seed_X, seed_y=seed_y, seed_weight=5.0).fit(X, y)
    assert seeded.coef_[0, 1] > plain.coef_[0, 1] + 0.1
    one_class = SeededLinearSVC().fit(X, np.zeros(40, dtype=bool))  # a fold without the theme
    assert np.all(one_class.decision_function(X) == -1.0) and list(one_class.classes_) == [False, True]
    assert np.all(SeededLinearSVC(seed_X=seed_X, seed_y=seed_y).fit(X[:0], y[:0]).decision_function(X) == 1.0)
    with pytest.raises(ValueError, match="one theme"):
        SeededLinearSVC().fit(X, rng.integers(0, 3, 40))


def test_nb_log_ratio_weighs_a_column_by_how_much_more_often_the_theme_has_it() -> None:
    X = sp.csr_matrix(np.array([
        [1.0, 0.0, 0.5, -0.3],  # columns: only in the theme, only outside it, in both, a dense column
        [0.2, 0.0, 0.4, 0.9],
        [0.0, 1.0, 0.3, 0.1],
        [0.0, 0.7, 0.9, -0.5],
    ]))
    truth = np.array([True, True, False, False])
    scale = nb_log_ratio(X, truth, np.ones(4), columns=3, alpha=1.0)
    # α = 1: p = (3, 1, 3), q = (1, 3, 3), each divided by its sum 7
    assert scale == pytest.approx([np.log(3), -np.log(3), 0.0, 1.0])
    weighted = nb_log_ratio(X, truth, np.array([1.0, 1.0, 4.0, 1.0]), columns=3, alpha=1.0)  # a heavy row outside
    assert nb_log_ratio(X, truth, np.ones(4), columns=3)[0] == pytest.approx(np.log(5))  # default α = 0.5
    assert weighted[1] < scale[1] and weighted[3] == 1.0


def test_nb_scaling_is_folded_into_the_svm_weights() -> None:
    rng = np.random.default_rng(1)
    X = sp.csr_matrix(rng.random((60, 6)) * (rng.random((60, 6)) < 0.4))
    y = np.asarray(X[:, 0].todense()).ravel() + rng.normal(0, 0.1, 60) > 0.2
    model = SeededLinearSVC(nb_columns=4).fit(X, y)
    scale = nb_log_ratio(X, y, np.ones(60), 4)
    svm = LinearSVC(C=0.5, tol=1e-2, random_state=0).fit(X @ sp.diags(scale), y)
    assert model.decision_function(X) == pytest.approx(svm.decision_function(X @ sp.diags(scale)))
    assert not np.allclose(model.coef_, SeededLinearSVC().fit(X, y).coef_)  # the scale changes the fit


def test_the_suggester_scales_by_naive_bayes_from_a_thousand_coded_answers(learning_data: tuple) -> None:
    X, labels, seeds = learning_data
    X = sp.vstack([X, X], format="csr")  # 1,400 rows: the fixture's 700 twice
    labels = labels + labels
    width = 100  # leading columns of the fixture's n-gram block
    for n, scaled in ((NB_MIN_CODED - 1, False), (NB_MIN_CODED, True)):
        plain = ThemeSuggester(themes=THEMES).fit(X[:n], labels[:n], seeds=seeds)
        model = ThemeSuggester(themes=THEMES, nb_columns=width).fit(X[:n], labels[:n], seeds=seeds)
        assert model.nb_scaled_ is scaled and not plain.nb_scaled_
        assert np.array_equal(model.coef_, plain.coef_) is not scaled


# --- feature stages, clustering, describing -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def answers() -> tuple[list[str], list[str]]:
    texts = [t for t, _ in cluster_corpus()]
    return texts, preprocess(texts, load_pipeline("blank"))


def test_feature_stages_give_the_same_rows_for_the_same_random_state(answers: tuple[list[str], list[str]]) -> None:
    texts, tokens = answers
    stage = TfidfSvdFeatures(n_components=20, random_state=4)
    first = stage.fit_transform(texts, tokens)
    again = clone(stage).fit_transform(texts, tokens)
    assert np.array_equal(first, again)
    assert np.allclose(stage.transform(texts[:5], tokens[:5]), first[:5], atol=1e-6)
    suggest = SuggestFeatures(n_components=20, random_state=4)
    rows = suggest.fit_transform(texts, tokens)
    assert (clone(suggest).fit_transform(texts, tokens) != rows).nnz == 0
    refitted = clone(suggest).fit(texts, tokens).transform(texts, tokens)
    assert np.allclose(refitted.toarray(), rows.toarray(), atol=1e-6)
    words = WordContextVectors(n_components=20, random_state=4)
    assert np.array_equal(words.fit_transform(texts, tokens), clone(words).fit_transform(texts, tokens))
    combined = CombinedFeatures([TfidfSvdFeatures(n_components=10), TfidfSvdFeatures(n_components=20)])
    assert np.array_equal(combined.fit_transform(texts, tokens), clone(combined).fit_transform(texts, tokens))


def test_run_params_keep_the_stored_description(answers: tuple[list[str], list[str]]) -> None:
    """What a cluster run stores about its stages is what the hand-written get_params gave before, in that order."""
    tfidf = {"stage": "tfidf_svd", "n_components": 64, "word_ngrams": [1, 2], "char_ngrams": [3, 4],
             "char_weight": 1.0, "min_df": 2, "char_min_df": 3, "n_iter": 2, "random_state": 0}
    assert TfidfSvdFeatures().run_params() == tfidf
    assert TfidfSvdFeatures().get_params()["word_ngrams"] == (1, 2) and "stage" not in TfidfSvdFeatures().get_params()
    spacy_stage = {"stage": "spacy_vectors", "width": int(NLP.vocab.vectors.shape[1])}
    assert SpacyVectorFeatures(NLP).run_params() == spacy_stage
    assert SentenceEmbeddingFeatures("m").run_params() == {"stage": "sentence_embeddings", "model": "m"}
    combined = CombinedFeatures((TfidfSvdFeatures(), SpacyVectorFeatures(NLP)), weights=(1.0, 0.5))
    assert combined.run_params() == {"stage": "combined", "weights": [1.0, 0.5], "stages": [tfidf, spacy_stage]}
    assert CombinedFeatures([TfidfSvdFeatures()]).run_params()["weights"] == [1.0]
    old_clusterer = {"k": 5, "k_min": None, "k_max": None, "n_neighbors": 15, "n_init": 10, "stability_runs": 4,
                     "stability_sample": 4000, "min_similarity": 0.05, "max_graph_size": 30_000, "search_threads": 2,
                     "reference_size": 10_000, "random_state": 0}  # reference_size: issue 15 (assign)
    old_describer = {"n_terms": 10, "n_representatives": 5, "label_terms": 3, "min_theme_score": 0.1}
    for stage, old in ((SpectralPreClusterer(k=5), old_clusterer), (ClusterDescriber(), old_describer)):
        assert stage.get_params() == old  # the same values; get_params sorts the names, run_params keeps their order
        assert list(stage.run_params().items()) == list(old.items())


def test_the_clusterer_clones_to_the_same_labels(answers: tuple[list[str], list[str]]) -> None:
    texts, tokens = answers
    X = TfidfSvdFeatures().fit_transform(texts, tokens)
    model = SpectralPreClusterer(k_min=3, k_max=6, random_state=1)
    labels = model.fit_predict(X)
    copy: Any = clone(model)
    assert not hasattr(copy, "labels_") and np.array_equal(copy.fit_predict(X), labels)
    assert copy.k_scores_ == model.k_scores_ and copy.n_features_in_ == X.shape[1]
    assert not np.array_equal(clone(model).set_params(k=2).fit_predict(X), labels)
