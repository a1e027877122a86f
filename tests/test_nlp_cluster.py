"""The pre-clusterer: estimator rules, reproducibility, every answer assigned, k chosen in range, clear errors."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import normalized_mutual_info_score

from coding.errors import CodingError
from coding.nlp.cluster import SpectralPreClusterer, default_k_range
from coding.nlp.features import TfidfSvdFeatures
from coding.nlp.pipeline import load_pipeline
from coding.nlp.precluster import PreClustering
from coding.nlp.preprocess import preprocess
from coding.vocabulary import NO_CLUSTER_LABEL, NONSUBSTANTIVE_CLUSTER, OVERIG_CLUSTER
from tests.fixtures.nl_answers import NONSUBSTANTIVE, ONE_WORD, corpus


@pytest.fixture(scope="module")
def answers() -> tuple[list[str], list[str], list[str]]:
    texts = [t for t, _ in corpus()]
    topics = [topic for _, topic in corpus()]
    return texts, preprocess(texts, load_pipeline("blank")), topics


@pytest.fixture(scope="module")
def vectors(answers: tuple[list[str], list[str], list[str]]) -> np.ndarray:
    texts, tokens, _ = answers
    return TfidfSvdFeatures().fit_transform(texts, tokens)


def test_default_k_range() -> None:
    assert default_k_range(23_604) == (15, 25)
    assert default_k_range(500) == (15, 25)
    assert default_k_range(100) == (3, 5)
    assert default_k_range(30) == (2, 2)
    assert default_k_range(2) == (2, 2)


def test_it_follows_the_estimator_rules(vectors: np.ndarray) -> None:
    estimator = SpectralPreClusterer(k=5, random_state=3)
    assert estimator.get_params()["k"] == 5 and not hasattr(estimator, "labels_")
    assert estimator.fit(vectors) is estimator
    assert estimator.labels_.shape == (len(vectors),)
    assert estimator.n_clusters_ == 5
    assert estimator.cluster_centers_.shape == (5, vectors.shape[1])
    predicted = SpectralPreClusterer(k=5).fit_predict(vectors)
    assert np.array_equal(predicted, SpectralPreClusterer(k=5).fit(vectors).labels_)


def test_the_same_seed_gives_the_same_clusters(vectors: np.ndarray) -> None:
    first = SpectralPreClusterer(random_state=7).fit(vectors)
    second = SpectralPreClusterer(random_state=7).fit(vectors)
    assert np.array_equal(first.labels_, second.labels_)
    assert first.k_scores_ == second.k_scores_


def test_clusters_follow_the_topics(answers: tuple[list[str], list[str], list[str]], vectors: np.ndarray) -> None:
    labels = SpectralPreClusterer(k=5, random_state=0).fit(vectors).labels_
    assert normalized_mutual_info_score(answers[2], labels) >= 0.4


def test_k_is_chosen_within_the_range_by_stability(vectors: np.ndarray) -> None:
    estimator = SpectralPreClusterer(k_min=3, k_max=7).fit(vectors)
    assert set(estimator.k_scores_) == {3, 4, 5, 6, 7}
    assert estimator.n_clusters_ == max(estimator.k_scores_, key=lambda k: (round(estimator.k_scores_[k], 3), -k))
    assert all(-1.0 <= s <= 1.0 for s in estimator.k_scores_.values())


def test_every_answer_with_words_gets_a_cluster_and_clusters_are_numbered_by_size(vectors: np.ndarray) -> None:
    estimator = SpectralPreClusterer(k=4).fit(vectors)
    assert (estimator.labels_ != NO_CLUSTER_LABEL).all()
    sizes = np.bincount(estimator.labels_)
    assert list(sizes) == sorted(sizes, reverse=True)


def test_answers_without_words_go_to_overig(vectors: np.ndarray) -> None:
    padded = np.vstack([vectors, np.zeros((3, vectors.shape[1]), dtype=np.float32)])
    estimator = SpectralPreClusterer(k=4).fit(padded)
    assert (estimator.labels_[-3:] == NO_CLUSTER_LABEL).all()
    assert (estimator.labels_[:-3] != NO_CLUSTER_LABEL).all()
    assert (estimator.similarity_[-3:] == 0).all()


def test_one_word_answers_join_clusters_instead_of_forming_their_own() -> None:
    texts = [t for t, _ in corpus()] + ["Werkdruk"] * 15 + ["Vertrouwenspersoon"] * 15
    result = PreClustering(k=5, model="blank").run(texts)
    one_word = result.labels[-30:]
    assert (one_word > 0).all()  # in a real cluster, not overig
    for cluster in set(one_word):
        members = np.flatnonzero(result.labels == cluster)
        assert (members < len(texts) - 30).any(), "a cluster made of one-word answers only"


def test_fewer_answers_than_clusters_gives_a_clear_message() -> None:
    with pytest.raises(CodingError, match="minder dan de gevraagde 10 clusters") as caught:
        PreClustering(k=10, model="blank").run(
            ["Geen tijd door werkdruk", "Geen vertrouwen in de leiding", "weet niet"], substantive=[True, True, False]
        )
    assert "--k" in str(caught.value)


def test_no_substantive_answers_gives_a_clear_message() -> None:
    with pytest.raises(CodingError, match="inhoudelijke antwoorden"):
        PreClustering(model="blank").run(["weet niet", ""], substantive=[False, False])


def test_awkward_answers_do_not_crash() -> None:
    texts = [t for t, _ in corpus()]
    awkward = ["", "😀🙈", "Werkdruk", " ".join(["Meldingen worden nooit echt opgevolgd door de leiding."] * 600)]
    result = PreClustering(model="blank").run(texts + awkward + NONSUBSTANTIVE + ONE_WORD,
                                              substantive=[True] * (len(texts) + 4) + [False] * len(NONSUBSTANTIVE)
                                              + [True] * len(ONE_WORD))
    n = len(texts)
    assert result.labels[n] == OVERIG_CLUSTER and result.labels[n + 1] == OVERIG_CLUSTER
    assert result.labels[n + 2] > 0 and result.labels[n + 3] > 0
    assert (result.labels[n + 4 : n + 4 + len(NONSUBSTANTIVE)] == NONSUBSTANTIVE_CLUSTER).all()
    assert result.overig_share <= 0.10


def test_seeds_line_clusters_up_with_themes(answers: tuple[list[str], list[str], list[str]]) -> None:
    texts, tokens, topics = answers
    features = TfidfSvdFeatures()
    X = features.fit_transform(texts, tokens)
    names = sorted(set(topics))
    seeds = np.vstack([X[[i for i, t in enumerate(topics) if t == name][:3]].mean(axis=0) for name in names])
    estimator = SpectralPreClusterer(k_min=2, k_max=6).fit(X, seeds=seeds)
    assert estimator.n_clusters_ >= len(names)  # one cluster per seeded theme at least
    assert normalized_mutual_info_score(topics, estimator.labels_) >= 0.4


def test_identical_answers_always_share_a_cluster() -> None:
    texts = [t for t, _ in corpus()] + ["Geen tijd voor overleg door de werkdruk"] * 40
    for seed in (0, 1, 2):
        labels = PreClustering(k=5, random_state=seed, model="blank").run(texts).labels
        assert len(set(labels[-40:])) == 1


def test_asking_more_clusters_than_distinct_answers_is_a_clear_message() -> None:
    with pytest.raises(CodingError, match="2 verschillende inhoudelijke antwoorden"):
        PreClustering(k=3, model="blank").run(["Geen tijd voor overleg"] * 30 + ["Roddelen op de afdeling"] * 2)
    result = PreClustering(model="blank").run(["Geen tijd voor overleg"] * 30)
    assert result.n_clusters == 1 and (result.labels == 1).all()


def test_a_large_question_is_clustered_on_a_sample_and_the_rest_votes(vectors: np.ndarray) -> None:
    estimator = SpectralPreClusterer(k=5, max_graph_size=60, random_state=0).fit(vectors)
    assert (estimator.labels_ != NO_CLUSTER_LABEL).all()
    full = SpectralPreClusterer(k=5, random_state=0).fit(vectors)
    assert normalized_mutual_info_score(full.labels_, estimator.labels_) >= 0.5
