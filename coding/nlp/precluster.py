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
from coding.vocabulary import NO_CLUSTER_LABEL, NONSUBSTANTIVE_CLUSTER, OVERIG_CLUSTER

#: ``progress(done, total)`` callback (the CLI's progress bar, the UI's st.progress).
Progress = Callable[[int, int], None]

#: Progress is reported on a scale of 100: parsing takes the first half.
_PARSE_SHARE, _FEATURES_DONE, _CLUSTER_DONE = 50, 65, 90


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
        sub_texts = [texts[i] for i in rows]
        sub_tokens = [all_tokens[i] for i in rows]
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
        report(_CLUSTER_DONE, 100)

        mark = time.perf_counter()
        describer = self.describer or ClusterDescriber()
        descriptions = describer.describe(
            clusterer.labels_, sub_tokens, sub_texts, clusterer.similarity_, clusterer.cluster_centers_,
            themes=themes, theme_vectors=theme_vectors,
            term_counts=getattr(features, "term_counts_", None), terms=getattr(features, "terms_", None),
        )
        for description in descriptions:  # positions among the substantive answers → positions in the input
            description.representatives = [int(rows[i]) for i in description.representatives]
        timings["describe"] = time.perf_counter() - mark
        timings["total"] = time.perf_counter() - start
        report(100, 100)

        labels = np.full(len(texts), NONSUBSTANTIVE_CLUSTER, dtype=np.int64)
        labels[rows] = np.where(clusterer.labels_ == NO_CLUSTER_LABEL, OVERIG_CLUSTER, clusterer.labels_ + 1)
        similarity = np.zeros(len(texts), dtype=np.float32)
        similarity[rows] = clusterer.similarity_
        params = {
            "k": self.k,
            "random_state": self.random_state,
            "features": features.run_params(),
            "clusterer": clusterer.run_params(),
            "describer": describer.run_params(),
            "seeded": seeds is not None,
            "n_process": self.n_process,
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
        )

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
