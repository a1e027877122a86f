"""Pre-clustering one question's answers: parse → features → cluster → describe, each a replaceable stage.

:class:`PreClustering` works on plain lists (no database); :mod:`coding.nlp.runs` feeds it from the store and
keeps the result. Every stage is passed by keyword and defaults to the stage described in its module::

    result = PreClustering(k=None, random_state=0).run(texts, substantive=mask, themes=themes_from_codebook(spec))
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

from coding.codebook import CodebookSpec
from coding.nlp.cluster import SpectralPreClusterer
from coding.nlp.describe import ClusterDescriber, ClusterDescription, ThemeProfile
from coding.nlp.features import FeatureStage, default_features
from coding.nlp.pipeline import LoadedPipeline, PipelineInfo, load_pipeline
from coding.nlp.preprocess import preprocess
from coding.nlp.sampling import SampleInfo, assign_rest, renumber_by_size, sample_positions
from coding.vocabulary import NO_CLUSTER_LABEL, NONSUBSTANTIVE_CLUSTER, OVERIG_CLUSTER

#: ``progress(done, total)`` callback (the CLI's progress bar, the UI's st.progress).
Progress = Callable[[int, int], None]

#: Progress is reported on a scale of 100: parsing takes the first half.
_PARSE_SHARE, _FEATURES_DONE, _CLUSTER_DONE = 50, 65, 90
#: With a sample, assigning the other answers takes the part from the clustering of the sample to this.
_SAMPLED_CLUSTER_DONE, _ASSIGN_DONE = 72, 95


@dataclass
class PreClusterResult:
    """The outcome for one list of answers (plain data; positions refer to the input list)."""

    #: Per answer: cluster number ``1..k``, ``0`` = divers / overig, ``-1`` = not substantive.
    labels: np.ndarray
    #: Per answer: cosine similarity to its cluster's centre (0 for overig and non-substantive answers).
    similarity: np.ndarray
    clusters: list[ClusterDescription]
    n_clusters: int
    k_scores: dict[int, float]
    pipeline: PipelineInfo
    params: dict[str, Any]
    tokens: list[str]
    timings: dict[str, float] = field(default_factory=dict)
    themes: list[ThemeProfile] = field(default_factory=list)
    seeded: bool = False
    #: Set when the model was fitted on a sample and the other answers were assigned in batches.
    sample: SampleInfo | None = None

    @property
    def overig_share(self) -> float:
        """Share of the substantive answers in "divers / overig"."""
        substantive = int((self.labels != NONSUBSTANTIVE_CLUSTER).sum())
        return float((self.labels == OVERIG_CLUSTER).sum() / substantive) if substantive else 0.0


def themes_from_codebook(spec: CodebookSpec | None) -> list[ThemeProfile]:
    """The themes of a codebook as profiles: label + keywords, definition, include rules and each example."""
    if spec is None:
        return []
    profiles = []
    for theme in spec.themes:
        texts = [" ".join([theme.label, *theme.keywords]), theme.definition, *theme.include, *theme.examples]
        profiles.append(ThemeProfile(code=theme.code, label=theme.label, texts=[t for t in texts if t.strip()],
                                     seedable=bool(theme.keywords or theme.examples)))
    return profiles


class PreClustering:
    """The pre-clustering pipeline. Stages left as ``None`` get their defaults when :meth:`run` starts.

    ``threads`` caps BLAS/OpenMP threads while it runs: on a busy 2-core machine their spinning made the SVD and
    k-means several times slower, and a single thread also makes the result bit-for-bit reproducible.

    Large questions (more than ``sample_above`` substantive answers; ``None``: never) are fitted on a random sample of
    ``sample_size`` answers drawn from ``random_state``, and the other answers are assigned ``assign_batch_size`` at
    a time (:mod:`coding.nlp.sampling`), so memory stays bounded by the sample and one batch.
    """

    def __init__(
        self,
        *,
        k: int | None = None,
        random_state: int = 0,
        model: str | None = None,
        pipeline: LoadedPipeline | None = None,
        features: FeatureStage | None = None,
        clusterer: SpectralPreClusterer | None = None,
        describer: ClusterDescriber | None = None,
        seed_with_themes: bool = True,
        n_process: int = 1,
        batch_size: int = 512,
        threads: int | None = 1,
        sample_above: int | None = 50_000,
        sample_size: int = 30_000,
        assign_batch_size: int = 20_000,
    ) -> None:
        self.k = k
        self.random_state = random_state
        self.model = model
        self.pipeline = pipeline
        self.features = features
        self.clusterer = clusterer
        self.describer = describer
        self.seed_with_themes = seed_with_themes
        self.n_process = n_process
        self.batch_size = batch_size
        self.threads = threads
        self.sample_above = sample_above
        self.sample_size = sample_size
        self.assign_batch_size = assign_batch_size

    def run(
        self,
        texts: Sequence[str],
        *,
        substantive: Sequence[bool] | None = None,
        tokens: Sequence[str | None] | None = None,
        themes: Sequence[ThemeProfile] = (),
        progress: Progress | None = None,
    ) -> PreClusterResult:
        """Cluster ``texts``. ``substantive`` marks the answers to cluster (default: all); ``tokens`` holds already
        preprocessed answers (``None`` where missing, e.g. from the token cache); ``themes`` come from a codebook.
        """
        report = progress or (lambda _done, _total: None)
        with threadpool_limits(limits=self.threads):
            return self._run(list(texts), substantive, tokens, list(themes), report)

    def _run(self, texts: list[str], substantive: Sequence[bool] | None, tokens: Sequence[str | None] | None,
             themes: list[ThemeProfile], report: Progress) -> PreClusterResult:
        timings: dict[str, float] = {}
        start = time.perf_counter()
        pipeline = self.pipeline or load_pipeline(self.model)
        all_tokens = self._tokens(texts, tokens, pipeline, report)
        timings["parse"] = time.perf_counter() - start

        mask = np.ones(len(texts), dtype=bool) if substantive is None else np.asarray(substantive, dtype=bool)
        rows = np.flatnonzero(mask)
        sampled = self._sampled(len(rows))
        fit_rows = rows[sample_positions(len(rows), self.sample_size, self.random_state)] if sampled else rows
        sub_texts = [texts[i] for i in fit_rows]
        sub_tokens = [all_tokens[i] for i in fit_rows]
        mark = time.perf_counter()
        features = self.features or default_features(
            pipeline.nlp, has_vectors=pipeline.info.has_vectors, random_state=self.random_state
        )
        X = features.fit_transform(sub_texts, sub_tokens) if len(rows) else np.zeros((0, 1), dtype=np.float32)
        theme_vectors = self._theme_vectors(themes, pipeline, features, X.shape[1]) if themes and len(rows) else None
        timings["features"] = time.perf_counter() - mark
        report(_FEATURES_DONE, 100)

        mark = time.perf_counter()
        clusterer = self.clusterer or SpectralPreClusterer(k=self.k, random_state=self.random_state)
        seeds = None
        if self.seed_with_themes and theme_vectors is not None:
            seedable = [i for i, t in enumerate(themes) if t.seedable and np.any(theme_vectors[i])]
            seeds = theme_vectors[seedable] if seedable else None
        core = np.array([len(t.split()) >= 2 for t in sub_tokens], dtype=bool)
        clusterer.fit(X, core=core, seeds=seeds)
        timings["cluster"] = time.perf_counter() - mark
        report(_SAMPLED_CLUSTER_DONE if sampled else _CLUSTER_DONE, 100)

        mark = time.perf_counter()
        describer = self.describer or ClusterDescriber()
        descriptions = describer.describe(
            clusterer.labels_, sub_tokens, sub_texts, clusterer.similarity_, clusterer.cluster_centers_,
            themes=themes, theme_vectors=theme_vectors,
            term_counts=getattr(features, "term_counts_", None), terms=getattr(features, "terms_", None),
        )
        for description in descriptions:  # positions among the fitted answers → positions in the input
            description.representatives = [int(fit_rows[i]) for i in description.representatives]
        timings["describe"] = time.perf_counter() - mark

        labels = np.full(len(texts), NONSUBSTANTIVE_CLUSTER, dtype=np.int64)
        labels[fit_rows] = _numbered(clusterer.labels_)
        similarity = np.zeros(len(texts), dtype=np.float32)
        similarity[fit_rows] = clusterer.similarity_
        sample = None
        if sampled:
            mark = time.perf_counter()
            del X  # the sample's vectors: the clusterer keeps what it votes with
            rest = np.setdiff1d(rows, fit_rows, assume_unique=True)
            span = _ASSIGN_DONE - _SAMPLED_CLUSTER_DONE
            rest_labels, rest_similarity, n_batches = assign_rest(
                features, clusterer, texts, all_tokens, rest, batch_size=self.assign_batch_size,
                progress=lambda done, total: report(_SAMPLED_CLUSTER_DONE + span * done // max(total, 1), 100),
            )
            labels[rest], similarity[rest] = _numbered(rest_labels), rest_similarity
            labels, descriptions = renumber_by_size(labels, descriptions, len(rows))
            sample = SampleInfo(size=len(fit_rows), answers=len(rows), batch_size=self.assign_batch_size,
                                batches=n_batches)
            timings["assign"] = time.perf_counter() - mark
        timings["total"] = time.perf_counter() - start
        report(100, 100)
        params = {
            "k": self.k,
            "random_state": self.random_state,
            "features": features.run_params(),
            "clusterer": clusterer.run_params(),
            "describer": describer.run_params(),
            "seeded": seeds is not None,
            "n_process": self.n_process,
            "sample": sample.to_params() if sample else None,
        }
        return PreClusterResult(
            labels=labels,
            similarity=similarity,
            clusters=descriptions,
            n_clusters=int(clusterer.n_clusters_),
            k_scores={int(k): float(v) for k, v in clusterer.k_scores_.items()},
            pipeline=pipeline.info,
            params=params,
            tokens=all_tokens,
            timings={k: round(v, 3) for k, v in timings.items()},
            themes=themes,
            seeded=seeds is not None,
            sample=sample,
        )

    def _sampled(self, n_substantive: int) -> bool:
        """Whether a question of ``n_substantive`` answers is fitted on a sample."""
        return self.sample_above is not None and n_substantive > self.sample_above and self.sample_size < n_substantive

    def _tokens(self, texts: list[str], tokens: Sequence[str | None] | None, pipeline: LoadedPipeline,
                report: Progress) -> list[str]:
        known: list[str | None] = list(tokens) if tokens is not None else [None] * len(texts)
        missing = [i for i, t in enumerate(known) if t is None]
        if missing:
            parsed = preprocess(
                [texts[i] for i in missing],
                pipeline,
                batch_size=self.batch_size,
                n_process=self.n_process,
                progress=lambda done, total: report(int(_PARSE_SHARE * done / max(total, 1)), 100),
            )
            for i, value in zip(missing, parsed, strict=True):
                known[i] = value
        report(_PARSE_SHARE, 100)
        return [t or "" for t in known]

    def _theme_vectors(self, themes: list[ThemeProfile], pipeline: LoadedPipeline, features: FeatureStage,
                       dim: int) -> np.ndarray:
        """Each theme's place in the feature space: the mean of its texts' vectors (label+keywords, definition, …).

        Averaging the parts, instead of gluing them into one text, keeps a long definition from drowning the
        keywords.
        """
        parts = [text for theme in themes for text in theme.texts]
        owners = [i for i, theme in enumerate(themes) for _ in theme.texts]
        vectors = np.zeros((len(themes), dim), dtype=np.float32)
        if parts:
            part_vectors = features.transform(parts, preprocess(parts, pipeline))
            np.add.at(vectors, np.asarray(owners), part_vectors)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return np.asarray(vectors / np.where(norms > 0, norms, 1), dtype=np.float32)


def _numbered(labels: np.ndarray) -> np.ndarray:
    """Clusterer labels (``0..k-1``, ``-1`` = none) as run numbers (``1..k``, overig ``0``)."""
    return np.where(labels == NO_CLUSTER_LABEL, OVERIG_CLUSTER, labels + 1)
