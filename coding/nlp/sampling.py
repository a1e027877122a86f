"""Pre-clustering a large question: fit on a random sample, assign the other answers in batches.

Above :attr:`~coding.nlp.precluster.PreClustering.sample_above` substantive answers, the feature stage (vocabulary,
IDF weights, SVD) and the clusterer are fitted on a random sample of ``sample_size`` answers, drawn from the seed,
so the same seed gives the same sample and the same clusters. The other answers are then turned into vectors and
given the cluster their most similar sampled answers vote for, ``batch_size`` answers at a time: only one batch's
term counts and vectors are in memory at once, so a million answers need about what the sample and one batch need.
A sample of 30,000 holds every theme a coder would want to see as a group (see :mod:`coding.nlp.cluster`); what is
rarer than that is, at any size, too small to be a cluster of its own.

Clusters are then renumbered by their size over all answers (cluster 1 is the biggest), and their sizes and shares
count every answer; labels, terms and typical answers come from the sample.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from coding.nlp.describe import OVERIG_LABEL, ClusterDescription
from coding.vocabulary import OVERIG_CLUSTER

#: ``progress(done, total)`` callback over the batches.
BatchProgress = Callable[[int, int], None]


class _Transforms(Protocol):
    def transform(self, texts: Sequence[str], tokens: Sequence[str]) -> np.ndarray: ...


class _Assigns(Protocol):
    def assign(self, X: np.ndarray, *, core: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]: ...


@dataclass(frozen=True)
class SampleInfo:
    """How a run was fitted on a sample: its size, the answers clustered, and the batches the rest went in."""

    size: int
    answers: int
    batch_size: int
    batches: int

    def to_params(self) -> dict[str, int]:
        """As stored with the run (``params["sample"]``)."""
        return {"size": self.size, "answers": self.answers, "batch_size": self.batch_size, "batches": self.batches}


def sample_positions(n: int, size: int, seed: int) -> np.ndarray:
    """``size`` of the positions ``0 .. n-1``, drawn at random from ``seed``, in increasing order."""
    if size >= n:
        return np.arange(n)
    return np.sort(np.random.RandomState(seed).choice(n, size, replace=False))


def batches(rows: np.ndarray, batch_size: int) -> Iterator[np.ndarray]:
    """``rows`` in consecutive pieces of at most ``batch_size``."""
    step = max(1, int(batch_size))
    for start in range(0, len(rows), step):
        yield rows[start : start + step]


def assign_rest(features: _Transforms, clusterer: _Assigns, texts: Sequence[str], tokens: Sequence[str],
                rows: np.ndarray, *, batch_size: int,
                progress: BatchProgress | None = None) -> tuple[np.ndarray, np.ndarray, int]:
    """Clusters (``-1`` = overig) and similarities for the answers at ``rows``, one batch at a time; also the number
    of batches."""
    labels = np.full(len(rows), -1, dtype=np.int64)
    similarity = np.zeros(len(rows), dtype=np.float32)
    total = -(-len(rows) // max(1, batch_size))
    done = 0
    for number, batch in enumerate(batches(rows, batch_size)):
        batch_tokens = [tokens[i] for i in batch]
        X = features.transform([texts[i] for i in batch], batch_tokens)
        core = np.array([len(t.split()) >= 2 for t in batch_tokens], dtype=bool)
        batch_labels, batch_similarity = clusterer.assign(X, core=core)
        labels[done : done + len(batch)] = batch_labels
        similarity[done : done + len(batch)] = batch_similarity
        done += len(batch)
        if progress is not None:
            progress(number + 1, total)
    return labels, similarity, total


def renumber_by_size(labels: np.ndarray, descriptions: list[ClusterDescription],
                     n_substantive: int) -> tuple[np.ndarray, list[ClusterDescription]]:
    """Clusters ``1..k`` renumbered from large to small over all answers (ties by the old number), with sizes and
    shares counted over all of them; overig (``0``) and non-substantive (``-1``) keep their numbers."""
    numbered = [d for d in descriptions if d.cluster > OVERIG_CLUSTER]
    k = max((d.cluster for d in numbered), default=0)
    sizes = np.bincount(labels[labels > OVERIG_CLUSTER], minlength=k + 1)
    order = sorted((d.cluster for d in numbered), key=lambda c: (-sizes[c], c))
    new_of_old = np.arange(k + 1)
    new_of_old[order] = np.arange(1, len(order) + 1)
    relabelled = np.where(labels > OVERIG_CLUSTER, new_of_old[np.clip(labels, 0, k)], labels)

    def share(size: int) -> float:
        return round(size / n_substantive, 4) if n_substantive else 0.0

    out = []
    for d in numbered:
        size = int(sizes[d.cluster])
        d.cluster, d.size, d.share = int(new_of_old[d.cluster]), size, share(size)
        out.append(d)
    out.sort(key=lambda d: d.cluster)
    overig = int((relabelled == OVERIG_CLUSTER).sum())
    if overig:
        kept = [d for d in descriptions if d.cluster == OVERIG_CLUSTER]
        representatives = kept[0].representatives if kept else \
            [int(i) for i in np.flatnonzero(relabelled == OVERIG_CLUSTER)[:5]]
        out.append(ClusterDescription(cluster=OVERIG_CLUSTER, label=OVERIG_LABEL, size=overig, share=share(overig),
                                      representatives=representatives))
    return relabelled, out
