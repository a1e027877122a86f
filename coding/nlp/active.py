"""Most informative first: the order in which coding answers teaches the suggester the most (active learning).

An answer is worth coding when the suggester is **unsure** about it (its two most likely themes are close) and
when it comes from a **cluster not yet coded** (a kind of answer the coders have not seen, so the suggester
cannot know it yet). Representative answers (close to their cluster's centre) go before odd ones, so a coder is
not sent to the outliers first. Within a batch the clusters take turns: the score of a cluster drops with every
answer taken from it, so one batch spans many kinds of answers.

Before anything is coded (no suggester yet) every answer is equally uncertain, and the order becomes: the most
central answer of each cluster in turn, largest clusters first.

The clusters come from the question's latest pre-clustering run when there is one, or from a quick k-means on the
suggester's features (:func:`quick_clusters`).
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

import numpy as np


def uncertainty(proba: np.ndarray) -> np.ndarray:
    """1 − (p₁ − p₂): 1 when the two most likely themes are equally likely, 0 when one is certain and the rest 0."""
    if proba.shape[1] == 0:
        return np.ones(proba.shape[0])
    if proba.shape[1] == 1:
        return 1 - np.abs(2 * proba[:, 0] - 1)
    top = -np.sort(-proba, axis=1)[:, :2]
    return np.clip(1 - (top[:, 0] - top[:, 1]), 0.0, 1.0)


def quick_clusters(features: np.ndarray, *, k: int | None = None, random_state: int = 0) -> np.ndarray:
    """Cluster rows with mini-batch k-means (k ≈ √(n/2), 2–50); returns a cluster number per row."""
    from sklearn.cluster import MiniBatchKMeans

    n = features.shape[0]
    if n < 4:
        return np.zeros(n, dtype=int)
    k = k or int(np.clip(round(np.sqrt(n / 2)), 2, 50))
    model = MiniBatchKMeans(n_clusters=min(k, n), random_state=random_state, n_init=3, batch_size=2048)
    return np.asarray(model.fit_predict(features), dtype=int)


def centrality(features: np.ndarray, clusters: np.ndarray) -> np.ndarray:
    """Cosine similarity of each row to its cluster's mean (rows are expected to be L2-normalised)."""
    result = np.zeros(features.shape[0])
    for c in np.unique(clusters):
        members = clusters == c
        centre = features[members].mean(axis=0)
        norm = np.linalg.norm(centre)
        result[members] = features[members] @ (centre / norm) if norm else 0.0
    return result


def most_informative_order(
    proba: np.ndarray | None,
    clusters: Sequence[int] | np.ndarray,
    coded_clusters: Sequence[int] | np.ndarray = (),
    *,
    similarity: np.ndarray | None = None,
    novelty_weight: float = 1.0,
    density_weight: float = 0.5,
    limit: int | None = None,
) -> np.ndarray:
    """Indices of the uncoded answers (rows of ``proba`` / ``clusters``), most informative first.

    ``proba`` are the suggester's calibrated probabilities for the uncoded answers (None before any coding),
    ``clusters`` their cluster numbers, ``coded_clusters`` the cluster of every coded answer, ``similarity``
    each uncoded answer's closeness to its cluster centre (0–1). The score of an answer is
    ``uncertainty × (1 − density_weight + density_weight × similarity) + novelty_weight / √(1 + coded in cluster)``,
    taken greedily so that every pick lowers its cluster's novelty. Deterministic; ties go to the lower index.
    """
    clusters = np.asarray(clusters)
    n = len(clusters)
    limit = n if limit is None else min(limit, n)
    base = uncertainty(proba) if proba is not None else np.ones(n)
    if similarity is not None:
        base = base * (1 - density_weight + density_weight * np.clip(similarity, 0, 1))
    if proba is None:
        # nothing learned yet: clusters take turns from the largest, so the first batch spans all kinds
        sizes = {c: int(s) for c, s in zip(*np.unique(clusters, return_counts=True), strict=True)}
        base = base + 1e-6 * np.array([sizes[c] for c in clusters]) / max(n, 1)
    coded = {int(c): int(s) for c, s in zip(*np.unique(np.asarray(coded_clusters), return_counts=True), strict=True)}
    queues: dict[int, list[tuple[float, int]]] = {}
    for i in np.lexsort((np.arange(n), -base)):
        queues.setdefault(int(clusters[i]), []).append((float(base[i]), int(i)))
    # a heap of the best remaining answer per cluster, keyed by its score with the cluster's current novelty
    heap = [(-(q[0][0] + novelty_weight / np.sqrt(1 + coded.get(c, 0))), q[0][1], c) for c, q in queues.items()]
    heapq.heapify(heap)
    position = dict.fromkeys(queues, 0)
    order: list[int] = []
    while heap and len(order) < limit:
        _, index, c = heapq.heappop(heap)
        order.append(index)
        coded[c] = coded.get(c, 0) + 1
        position[c] += 1
        if position[c] < len(queues[c]):
            score, nxt = queues[c][position[c]]
            heapq.heappush(heap, (-(score + novelty_weight / np.sqrt(1 + coded[c])), nxt, c))
    return np.array(order, dtype=int)
