"""The suggester learns from coded answers, its probabilities are calibrated, and it never overrides a coder."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from coding.nlp.suggest import SUGGESTION_COLUMNS, SuggestFeatures, ThemeSuggester, answer_tokens, seed_texts
from coding.nlp.suggestions import (
    accept_suggestions,
    bulk_preview,
    informative_order,
    open_segment_ids,
    question_features,
    suggest_question,
    suggestions_for,
    train,
    training_labels,
)
from coding.store import Store
from coding.store.codebooks import load_codebook
from coding.store.codings import add_coding
from coding.store.double_coding import adjudicate, draw_sample, sampled_segment_ids
from coding.store.segments import codings_frame, segments_frame
from tests.store_fixtures import QUESTION, STUDY, small_study
from tests.suggest_fixtures import CODEBOOK, THEMES, corpus, survey_rows

SEEDS = seed_texts({t.code: (t.keywords, t.examples) for t in CODEBOOK.themes})


@pytest.fixture(scope="module")
def learning_data() -> tuple[object, list[tuple[str, ...]], object]:
    """1,400 written answers as features (fitted on all texts, as the tool does), their themes, and seed rows."""
    rows = corpus(1400, seed=11, noise=0.12)
    texts = [t for t, _ in rows]
    features = SuggestFeatures(n_components=40)
    X = features.fit_transform(texts, answer_tokens(texts))
    seeds = (features.transform(SEEDS[0], answer_tokens(SEEDS[0])), SEEDS[1])
    return X, [labels for _, labels in rows], seeds


def top1_accuracy(model: ThemeSuggester, X: object, truth: list[tuple[str, ...]]) -> float:
    proba = model.predict_proba(X)
    best = np.asarray(model.classes_)[proba.argmax(axis=1)]
    return float(np.mean([b in t for b, t in zip(best, truth, strict=True)]))


def test_accuracy_rises_well_above_chance_as_coded_answers_grow(learning_data: tuple) -> None:
    X, labels, _ = learning_data
    test = slice(1000, 1400)
    scores = []
    for n in (20, 60, 200, 1000):
        model = ThemeSuggester(themes=THEMES).fit(X[:n], labels[:n])
        scores.append(top1_accuracy(model, X[test], labels[test]))
    chance = max(np.mean([THEMES[i] in t for t in labels[test]]) for i in range(len(THEMES)))
    assert scores[-1] >= 0.8 > chance + 0.4, scores
    assert scores[1] > chance + 0.25, scores
    assert scores[0] < scores[1] < scores[-1], scores


def test_codebook_keywords_and_examples_help_before_much_is_coded(learning_data: tuple) -> None:
    X, labels, seeds = learning_data
    test = slice(1000, 1400)
    without = ThemeSuggester(themes=THEMES).fit(X[:8], labels[:8])
    with_seeds = ThemeSuggester(themes=THEMES).fit(X[:8], labels[:8], seeds=seeds)
    assert top1_accuracy(with_seeds, X[test], labels[test]) > top1_accuracy(without, X[test], labels[test])


def test_probabilities_are_calibrated(learning_data: tuple) -> None:
    """Reliability on 400 held-out answers × 4 themes = 1,600 (answer, theme) probabilities in 10 bins.

    The tolerance: 12% of the fixture's answers carry a wrong theme on purpose, so the best possible probabilities
    are well below 1 for many answers. With ~1,600 pairs the sampling error of a bin with 100 pairs is about
    √(0.25/100) = 0.05 at worst; the expected calibration error (bin-size-weighted mean gap) of a calibrated model
    stays well below that, so 0.05 is a fair bar; an uncalibrated SVM score squashed through a sigmoid is off by
    far more (checked below). (Platt's sigmoid alone measured 0.056 here: it cannot level off at the ~0.88 that
    the noisy labels allow, which is why themes with enough examples get isotonic calibration.)
    """
    X, labels, _ = learning_data
    model = ThemeSuggester(themes=THEMES).fit(X[:1000], labels[:1000])
    proba = model.predict_proba(X[1000:1400]).ravel()
    truth = np.array([[c in t for c in THEMES] for t in labels[1000:1400]]).ravel()

    def ece(p: np.ndarray) -> float:
        bins = np.minimum((p * 10).astype(int), 9)
        return float(sum(abs(p[bins == b].mean() - truth[bins == b].mean()) * (bins == b).mean()
                         for b in range(10) if (bins == b).any()))

    assert ece(proba) <= 0.05
    raw = 1 / (1 + np.exp(-model.decision_function(X[1000:1400]).ravel()))
    assert ece(raw) > ece(proba) + 0.05
    # the cross-validated precision a coder is shown matches what accepting at that threshold gives on new answers
    expected = model.precision_at(0.8)
    chosen = proba >= 0.8
    assert abs(expected.precision - truth[chosen].mean()) <= 0.05
    assert expected.support > 100 and 0 < expected.coverage <= 1


def test_estimator_rules(learning_data: tuple) -> None:
    X, labels, seeds = learning_data
    model = ThemeSuggester(C=0.7, cv=4, seed_weight=0.3, themes=THEMES, random_state=5)
    assert model.get_params() == {"C": 0.7, "cv": 4, "tol": 0.01, "seed_weight": 0.3, "calibration": "auto",
                                  "refit": None, "themes": THEMES, "random_state": 5}
    assert model.fit(X[:300], labels[:300], seeds=seeds) is model
    learned = [a for a in vars(model) if a not in model.get_params()]
    assert learned and all(a.endswith("_") for a in learned)
    again = ThemeSuggester(C=0.7, cv=4, seed_weight=0.3, themes=THEMES, random_state=5).fit(
        X[:300], labels[:300], seeds=seeds
    )
    assert np.array_equal(model.predict_proba(X[300:350]), again.predict_proba(X[300:350]))
    assert list(model.classes_) == THEMES and model.precision_table().shape[0] == 6


def test_few_coded_answers_and_an_unused_theme(learning_data: tuple) -> None:
    X, labels, _ = learning_data
    picked = [i for i, t in enumerate(labels[:200]) if "tijd" not in t][:3]
    model = ThemeSuggester(themes=THEMES).fit(X[picked], [labels[i] for i in picked])
    assert not model.cross_validated_
    proba = model.predict_proba(X[300:320])
    assert proba.shape == (20, 4) and ((proba >= 0) & (proba <= 1)).all()
    assert proba[:, THEMES.index("tijd")].max() < 0.5  # nobody used it yet


# --- in the store ---------------------------------------------------------------------------------------------


def coded_study(store: Store, tmp_path: Path, n: int = 60, coded: int = 40) -> tuple[dict[str, int], list[int]]:
    """The written corpus as a survey; ``anna`` coded the first ``coded`` answers with their themes."""
    rows, truth = survey_rows(n, seed=4)
    small_study(store, tmp_path, rows)
    load_codebook(store, STUDY, QUESTION, CODEBOOK, "lead")
    themes = {t.code: i for t, i in zip(CODEBOOK.themes, range(len(CODEBOOK.themes)), strict=True)}
    from coding.store.codebooks import theme_table

    table = theme_table(store, STUDY, QUESTION)
    themes = dict(zip(table["code"], table["theme_id"], strict=True))
    segments = segments_frame(store, STUDY, QUESTION, substantive_only=True)
    ids = segments["segment_id"].tolist()
    for segment_id, respondent in zip(ids[:coded], segments["respondent_id"][:coded], strict=True):
        for code in truth[respondent]:
            add_coding(store, segment_id, themes[code], "anna")
    return themes, ids


def test_suggestions_never_overwrite_a_coders_coding(store: Store, tmp_path: Path) -> None:
    themes, ids = coded_study(store, tmp_path)
    add_coding(store, ids[45], themes["tijd"], "bram")  # bram coded an answer anna has not
    sample = draw_sample(store, STUDY, QUESTION, ["anna", "bram"], size=4, seed=1, actor="lead")
    features = question_features(store, STUDY, QUESTION)
    model = train(features, training_labels(store, STUDY, QUESTION))
    before = codings_frame(store, STUDY, QUESTION)
    preview = bulk_preview(store, features, model, "anna", 0.0)  # p ≥ 0: every theme of every open answer
    open_ids = set(open_segment_ids(store, STUDY, QUESTION, "anna"))
    assert preview.answers == len(open_ids) and not open_ids & set(ids[:40]) and not open_ids & set(sample.segment_ids)
    added = accept_suggestions(store, features, preview, "anna")
    after = codings_frame(store, STUDY, QUESTION)
    new = after[after["source"] == "suggestion"]
    assert len(new) == added == preview.codings
    assert set(new["segment_id"]) == open_ids and set(new["coder"]) == {"anna"}
    kept = after[after["source"] != "suggestion"].drop(columns="created_at").reset_index(drop=True)
    assert kept.equals(before.drop(columns="created_at").reset_index(drop=True))
    assert accept_suggestions(store, features, preview, "anna") == 0  # coded now: nothing added twice


def test_suggest_table_order_and_blind_answers(store: Store, tmp_path: Path) -> None:
    themes, ids = coded_study(store, tmp_path)
    sample = draw_sample(store, STUDY, QUESTION, ["anna", "bram"], size=3, seed=2, actor="lead")
    table = suggest_question(store, STUDY, QUESTION)
    assert list(table.columns) == SUGGESTION_COLUMNS
    assert not set(table["segment_id"]) & set(ids[:40]) and not set(table["segment_id"]) & set(sample.segment_ids)
    assert (table["p_1"] >= table["p_2"]).all() and (table["p_2"] >= table["p_3"]).all()
    assert set(table["theme_1"]) <= set(themes)
    features = question_features(store, STUDY, QUESTION)
    model = train(features, training_labels(store, STUDY, QUESTION))
    hidden = sampled_segment_ids(store, STUDY, QUESTION)
    chips = suggestions_for(features, model, [ids[50], *sample.segment_ids], hidden=hidden)
    assert list(chips) == [ids[50]] and len(chips[ids[50]]) == 3
    order = informative_order(store, features, model, "anna")
    assert sorted(order) == sorted(open_segment_ids(store, STUDY, QUESTION, "anna"))


def test_training_labels_leave_out_rules_and_follow_adjudication(sqlite_store: Store, tmp_path: Path) -> None:
    themes, ids = coded_study(sqlite_store, tmp_path, coded=0)
    add_coding(sqlite_store, ids[0], themes["tijd"], "regels", source="rule")
    add_coding(sqlite_store, ids[1], themes["tijd"], "anna")
    add_coding(sqlite_store, ids[1], themes["opvolging"], "bram")
    adjudicate(sqlite_store, ids[1], ["opvolging"], "chef")
    add_coding(sqlite_store, ids[2], themes["tijd"], "anna")
    add_coding(sqlite_store, ids[2], themes["vertrouwen"], "bram")
    labels = training_labels(sqlite_store, STUDY, QUESTION)
    assert {s: set(t) for s, t in labels.items()} == {ids[1]: {"opvolging"}, ids[2]: {"tijd", "vertrouwen"}}
