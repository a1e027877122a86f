"""Most informative first: uncertain answers and clusters nobody coded go first; clusters take turns."""

from __future__ import annotations

import numpy as np

from coding.nlp.active import centrality, most_informative_order, quick_clusters, uncertainty


def test_uncertainty_is_high_when_the_two_best_themes_are_close() -> None:
    proba = np.array([[0.9, 0.05, 0.0], [0.5, 0.45, 0.1], [0.3, 0.3, 0.3]])
    assert uncertainty(proba).round(2).tolist() == [0.15, 0.95, 1.0]
    assert uncertainty(np.array([[0.5], [1.0]])).tolist() == [1.0, 0.0]


def test_uncertain_answers_in_uncoded_clusters_come_first() -> None:
    proba = np.array([[0.95, 0.0], [0.5, 0.5], [0.6, 0.4], [0.5, 0.5], [0.99, 0.0]])
    clusters = np.array([0, 0, 1, 1, 2])
    order = most_informative_order(proba, clusters, coded_clusters=[0, 0, 0, 0])
    # cluster 1 (nothing coded) with its most uncertain answer first; cluster 0 is well covered already
    assert order[0] == 3
    assert sorted(order.tolist()) == [0, 1, 2, 3, 4]
    assert most_informative_order(proba, clusters, [0, 0, 0, 0], limit=2).tolist() == order[:2].tolist()


def test_batches_span_clusters_and_the_cold_start_takes_central_answers() -> None:
    rng = np.random.default_rng(0)
    centres = np.eye(4)
    points = np.vstack([c + 0.05 * rng.standard_normal((30, 4)) for c in centres])
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    clusters = quick_clusters(points, k=4, random_state=0)
    assert len(set(clusters.tolist())) == 4
    similarity = centrality(points, clusters)
    first = most_informative_order(None, clusters, similarity=similarity, limit=4)
    assert len({int(clusters[i]) for i in first}) == 4  # one answer of every cluster
    for i in first:  # and the most central one of it
        members = np.flatnonzero(clusters == clusters[i])
        assert similarity[i] == similarity[members].max()
    again = most_informative_order(None, clusters, similarity=similarity, limit=4)
    assert again.tolist() == first.tolist()
