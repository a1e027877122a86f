"""Word vectors learned from a question's own answers (PPMI of words in the same answer, reduced with SVD)."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.base import clone
from sklearn.feature_extraction.text import CountVectorizer

from coding.nlp.suggest import SuggestFeatures, ThemeSuggester, answer_tokens
from coding.nlp.word_vectors import WordContextVectors, ppmi
from tests.suggest_fixtures import THEMES, corpus


def test_ppmi_by_hand() -> None:
    # three answers over the words a, b, c: a+b, a+b, a+c
    counts = sp.csr_matrix(np.array([[1, 1, 0], [2, 1, 0], [1, 0, 1]]))
    weights = ppmi(counts, context_smoothing=1.0).toarray()
    # pairs: #(a,b) = 2, #(a,c) = 1; per word #a = 3, #b = 2, #c = 1 (sum 6)
    # PMI(a,b) = log(2 / (3 · 2/6)) = log 2; PMI(a,c) = log(1 / (3 · 1/6)) = log 2; PMI(b,a) = log(2 / (2 · 3/6))
    assert weights[0, 1] == pytest.approx(np.log(2)) and weights[0, 2] == pytest.approx(np.log(2))
    assert weights[1, 0] == pytest.approx(np.log(2)) and weights[2, 0] == pytest.approx(np.log(6 / 3))
    assert weights[1, 2] == 0 and np.all(np.diag(weights) == 0)  # b and c never meet; a word is not its own context
    # the context counts to the power 0.75: a rare context is less surprising, so its PMI is lower
    smoothed = ppmi(counts).toarray()
    assert smoothed[0, 2] < weights[0, 2]


def test_words_that_keep_the_same_company_get_close_vectors() -> None:
    """'lantaarnpaal' and 'straatlamp' never share an answer, but both come with 'kapot' and 'avond'."""
    rng = np.random.default_rng(0)
    docs = []
    for _ in range(300):
        light = rng.choice(["lantaarnpaal", "straatlamp"])
        waste = rng.choice(["container", "vuilniszak"])
        docs.append(f"{light} kapot avond {rng.choice(['straat', 'donker'])}")
        docs.append(f"{waste} vol stank {rng.choice(['straat', 'meeuw'])}")
    stage = WordContextVectors(n_components=8, random_state=0)
    stage.fit_transform(docs, docs)
    vocabulary = stage.vectorizer_.vocabulary_
    vector = {w: stage.vectors_[vocabulary[w]] for w in ("lantaarnpaal", "straatlamp", "container", "vuilniszak")}
    assert vector["lantaarnpaal"] @ vector["straatlamp"] > 0.9
    assert vector["container"] @ vector["vuilniszak"] > 0.9
    assert vector["lantaarnpaal"] @ vector["container"] < 0.5
    # an answer is the weighted sum of its words' vectors: one word alone points where that word points
    rows = stage.transform(["straatlamp", "vuilniszak", "onbekend woord"], ["straatlamp", "vuilniszak", "onbekend"])
    assert rows[0] @ rows[1] < 0.5 and rows[0] @ stage.transform([""], ["lantaarnpaal"])[0] > 0.9
    assert np.all(rows[2] == 0)  # a word the question never used counts for nothing


def test_rows_are_unit_length_deterministic_and_padded_for_tiny_questions() -> None:
    texts = [t for t, _ in corpus(300, seed=2)]
    tokens = answer_tokens(texts)
    stage = WordContextVectors(n_components=20, random_state=3)
    rows = stage.fit_transform(texts, tokens)
    assert rows.shape == (300, 20) and np.allclose(np.linalg.norm(rows, axis=1)[rows.any(axis=1)], 1.0)
    assert np.array_equal(clone(stage).fit_transform(texts, tokens), rows)
    assert np.allclose(stage.transform(texts[:5], tokens[:5]), rows[:5])
    tiny = WordContextVectors(n_components=20).fit_transform(["een", "twee drie"], ["een", "twee drie"])
    assert tiny.shape == (2, 20) and np.isfinite(tiny).all()
    nothing = WordContextVectors(n_components=5)
    assert nothing.fit_transform(["", ""], ["", ""]).shape == (2, 5)
    assert nothing.transform(["x"], ["x"]).shape == (1, 5)
    assert stage.run_params() == {"stage": "word_context", "n_components": 20, "min_df": 3, "context_smoothing": 0.75,
                                  "n_iter": 4, "random_state": 3}


def test_the_suggester_learns_more_from_few_codings_with_word_vectors() -> None:
    """The fixture's answers share words within a theme; with 60 coded answers the word vectors, learned from all
    1,200 answers, carry what the coded ones say to answers that use the theme's other words."""
    rows = corpus(1200, seed=7, noise=0.1)
    texts = [t for t, _ in rows]
    labels = [labels for _, labels in rows]
    tokens = answer_tokens(texts)
    scores = {}
    for width in (0, 40):
        features = SuggestFeatures(n_components=20, word_vectors=width, random_state=0)
        X = features.fit_transform(texts, tokens)
        assert X.shape[1] == features.sparse_width_ + 20 + width
        model = ThemeSuggester(themes=THEMES).fit(X[:60], labels[:60])
        best = np.asarray(model.classes_)[model.predict_proba(X[200:]).argmax(axis=1)]
        scores[width] = np.mean([b in t for b, t in zip(best, labels[200:], strict=True)])
    assert scores[40] > scores[0], scores


def test_count_vectorizer_and_ppmi_agree_on_the_words() -> None:
    docs = ["a b", "b c", "a c d"]
    stage = WordContextVectors(n_components=2, min_df=1).fit(docs, docs)
    assert stage.vectors_.shape == (len(CountVectorizer(token_pattern=r"\S+").fit(docs).vocabulary_), 2)


def test_the_word_vector_block_splits_into_one_share_per_word() -> None:
    texts = [t for t, _ in corpus(300, seed=4)]
    tokens = answer_tokens(texts)
    features = SuggestFeatures(n_components=10, word_vectors=16, random_state=0)
    X = features.fit_transform(texts, tokens)
    start = features.sparse_width_ + 10
    coef = np.random.default_rng(1).normal(size=X.shape[1])
    for i in range(5):
        shares = features.word_vector_weights(tokens[i], coef)
        block = float(np.asarray(X[i, start:].todense()).ravel() @ coef[start:])
        assert sum(shares.values()) == pytest.approx(block) and set(shares) <= set(tokens[i].split())
    without = SuggestFeatures(n_components=10, word_vectors=0).fit(texts, tokens)
    assert without.word_vector_weights(tokens[0], coef) == {}
