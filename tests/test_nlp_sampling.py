"""Pre-clustering a large question: fitted on a sample, the rest assigned in batches (tiny thresholds, small data)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from sklearn.metrics import normalized_mutual_info_score

from coding.nlp.features import TfidfSvdFeatures
from coding.nlp.precluster import PreClustering
from coding.nlp.runs import _run_record
from coding.nlp.sampling import batches, renumber_by_size, sample_positions
from coding.store import Store
from coding.store.cluster_runs import run_overview, save_run
from coding.vocabulary import NONSUBSTANTIVE_CLUSTER, OVERIG_CLUSTER
from tests.fixtures.nl_answers import NONSUBSTANTIVE, ONE_WORD, corpus
from tests.test_nlp_runs import import_answers

SAMPLE = 60
BATCH = 16


class CountingFeatures(TfidfSvdFeatures):
    """The default feature stage, counting how many answers each call gets (its parameters are the default's)."""

    calls: list[tuple[str, int]]

    def fit_transform(self, texts: Sequence[str], tokens: Sequence[str]) -> np.ndarray:
        self.calls = [("fit", len(tokens))]
        return super().fit_transform(texts, tokens)

    def transform(self, texts: Sequence[str], tokens: Sequence[str]) -> np.ndarray:
        self.calls.append(("transform", len(tokens)))
        return super().transform(texts, tokens)


def answers() -> tuple[list[str], list[bool], list[str]]:
    """The test corpus twice (the second time slightly changed), with one-word and non-substantive answers."""
    pairs = corpus()
    texts = [t for t, _ in pairs] + [t.replace(",", "") + " echt" for t, _ in pairs] + ONE_WORD + NONSUBSTANTIVE
    topics = [topic for _, topic in pairs] * 2
    substantive = [True] * (2 * len(pairs) + len(ONE_WORD)) + [False] * len(NONSUBSTANTIVE)
    return texts, substantive, topics


def sampled(seed: int = 0, **kwargs: Any) -> PreClustering:
    return PreClustering(k=5, random_state=seed, model="blank", sample_above=SAMPLE, sample_size=SAMPLE,
                         assign_batch_size=BATCH, **kwargs)


def test_above_the_threshold_it_fits_on_a_sample_and_gives_every_answer_a_cluster() -> None:
    texts, substantive, topics = answers()
    result = sampled().run(texts, substantive=substantive)
    n_substantive = sum(substantive)
    assert result.sample is not None
    assert result.sample.size == SAMPLE and result.sample.answers == n_substantive
    assert result.params["sample"] == result.sample.to_params()
    labels = result.labels
    assert (labels[np.asarray(substantive)] >= OVERIG_CLUSTER).all()
    assert (labels[~np.asarray(substantive)] == NONSUBSTANTIVE_CLUSTER).all()
    assert (labels[np.asarray(substantive)] > OVERIG_CLUSTER).mean() > 0.9  # nearly all in a real cluster
    # an answer and its slightly changed copy land in the same cluster, mostly one of them outside the sample;
    # and the clusters still follow the topics (a sample of 60 is small: the full fit reaches about 0.53)
    half = len(topics) // 2
    assert (labels[:half] == labels[half : 2 * half]).mean() >= 0.9
    assert normalized_mutual_info_score(topics, labels[: len(topics)]) >= 0.3
    # sizes and shares count every answer, cluster 1 is the biggest
    sizes = {d.cluster: d.size for d in result.clusters}
    assert sum(sizes.values()) == n_substantive
    for number, size in sizes.items():
        assert size == int((labels == number).sum())
    numbered = [sizes[c] for c in sorted(sizes) if c > OVERIG_CLUSTER]
    assert numbered == sorted(numbered, reverse=True)
    assert all(0 <= i < len(texts) and substantive[i] for d in result.clusters for i in d.representatives)


def test_the_same_seed_gives_the_same_result_and_another_seed_another_sample() -> None:
    texts, substantive, _ = answers()
    first, second = sampled(3).run(texts, substantive=substantive), sampled(3).run(texts, substantive=substantive)
    assert np.array_equal(first.labels, second.labels)
    assert np.array_equal(first.similarity, second.similarity)
    assert [d.label for d in first.clusters] == [d.label for d in second.clusters]
    n = sum(substantive)
    assert np.array_equal(sample_positions(n, SAMPLE, 3), sample_positions(n, SAMPLE, 3))
    assert not np.array_equal(sample_positions(n, SAMPLE, 3), sample_positions(n, SAMPLE, 4))


def test_the_rest_goes_in_batches_so_memory_is_bounded_by_the_batch_size() -> None:
    texts, substantive, _ = answers()
    features = CountingFeatures()
    result = sampled(features=features).run(texts, substantive=substantive)
    rest = sum(substantive) - SAMPLE
    assert features.calls[0] == ("fit", SAMPLE)  # the model only ever sees the sample at once
    answer_calls = [n for kind, n in features.calls[1:] if kind == "transform"]
    assert result.sample is not None and result.sample.batches == -(-rest // BATCH)
    # the last calls are the batches (before them, the codebook's themes, if any)
    assert answer_calls[-result.sample.batches :] == [BATCH] * (rest // BATCH) + ([rest % BATCH] if rest % BATCH
                                                                                   else [])
    assert max(answer_calls) <= BATCH


def test_below_the_threshold_every_answer_is_fitted() -> None:
    texts, substantive, _ = answers()
    features = CountingFeatures()
    result = PreClustering(k=5, model="blank", features=features, sample_above=len(texts)).run(
        texts, substantive=substantive)
    assert result.sample is None and result.params["sample"] is None
    assert features.calls == [("fit", sum(substantive))]
    unsampled = PreClustering(k=5, model="blank", sample_above=None).run(texts, substantive=substantive)
    assert unsampled.sample is None


def test_batches_cover_every_row_once() -> None:
    rows = np.arange(3, 40)
    pieces = list(batches(rows, 10))
    assert [len(p) for p in pieces] == [10, 10, 10, 7]
    assert np.array_equal(np.concatenate(pieces), rows)


def test_renumbering_puts_the_biggest_cluster_first() -> None:
    from coding.nlp.describe import ClusterDescription

    labels = np.array([1, 2, 2, 2, 0, -1, 1, 2])
    descriptions = [ClusterDescription(cluster=1, label="a", size=2, share=0.5),
                    ClusterDescription(cluster=2, label="b", size=1, share=0.25)]
    relabelled, out = renumber_by_size(labels, descriptions, n_substantive=7)
    assert relabelled.tolist() == [2, 1, 1, 1, 0, -1, 2, 1]
    assert [(d.cluster, d.label, d.size) for d in out] == [(1, "b", 4), (2, "a", 2), (0, "divers / overig", 1)]
    assert out[0].share == round(4 / 7, 4)


def test_the_run_says_it_was_fitted_on_a_sample(sqlite_store: Store, tmp_path: Path) -> None:
    question = import_answers(sqlite_store, tmp_path)
    texts, substantive, _ = answers()
    outcome = sampled().run(texts, substantive=substantive)
    segment_ids = list(range(1, len(texts) + 1))  # any ids: only the summary is read back
    record = _run_record(segment_ids, outcome, k=5, seed=0, actor="test", codebook_version=None, seconds=1.0)
    record = _with_segments(sqlite_store, record)
    overview = run_overview(sqlite_store, save_run(sqlite_store, question, record))
    assert overview.sample == outcome.params["sample"]
    assert f"Gefit op een steekproef van {SAMPLE} van de {sum(substantive)} antwoorden" in overview.summary()
    assert f"in {outcome.params['sample']['batches']} delen" in overview.summary()


def _with_segments(store: Store, record: Any) -> Any:
    """The record with assignments on real segments of the store (the summary does not depend on them)."""
    from dataclasses import replace

    from coding.store.cluster_runs import answers_to_cluster
    from coding.store.studies import question_ref

    ids = answers_to_cluster(store, question_ref(store, "monitor", "belemmeringen")).segment_ids
    assignments = [a._replace(segment_id=ids[i % len(ids)]) for i, a in enumerate(record.assignments[: len(ids)])]
    clusters = [replace(c, representatives=[ids[0]]) for c in record.clusters]
    return replace(record, assignments=assignments, clusters=clusters)


@pytest.mark.parametrize("size", [0, 5])
def test_sample_positions_are_sorted_and_distinct(size: int) -> None:
    picked = sample_positions(20, size, 1)
    assert len(picked) == size and len(set(picked.tolist())) == size
    assert picked.tolist() == sorted(picked.tolist())


def test_assign_votes_with_a_bounded_seeded_reference() -> None:
    from coding.nlp.cluster import SpectralPreClusterer
    from coding.nlp.pipeline import load_pipeline
    from coding.nlp.preprocess import preprocess

    texts, _, topics = answers()
    tokens = preprocess(texts, load_pipeline("blank"))
    features = TfidfSvdFeatures()
    X = features.fit_transform(texts[:100], tokens[:100])
    clusterer = SpectralPreClusterer(k=5, reference_size=30, random_state=2).fit(X)
    again = SpectralPreClusterer(k=5, reference_size=30, random_state=2).fit(X)
    assert len(clusterer.reference_X_) == 30 and np.array_equal(clusterer.reference_X_, again.reference_X_)
    assert len(SpectralPreClusterer(k=5).fit(X).reference_X_) == int((SpectralPreClusterer(k=5).fit(X).labels_
                                                                        >= 0).sum())
    labels, similarity = clusterer.assign(features.transform(texts[100:200], tokens[100:200]))
    assert (labels >= 0).mean() > 0.9 and (similarity[labels >= 0] > 0).all()
    assert normalized_mutual_info_score(topics[100:200], labels) >= 0.3


def test_transform_counts_character_ngrams_like_scikit_learn() -> None:
    from coding.nlp.pipeline import load_pipeline
    from coding.nlp.preprocess import preprocess

    texts, _, _ = answers()
    tokens = preprocess(texts, load_pipeline("blank"))
    features = TfidfSvdFeatures()
    features.fit_transform(texts[:100], tokens[:100])
    docs = [*tokens[100:], "", "onbekendwoord vertrouwen"]
    fast, slow = features._char_counts(docs), features.char_vectorizer_.transform(docs)
    assert fast.shape == slow.shape and abs(fast - slow).max() == 0
    assert features._char_counts(["", " "]).shape == (2, slow.shape[1])
