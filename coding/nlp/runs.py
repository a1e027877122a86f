"""Cluster runs: cluster a question, keep the run, read it back (the API of the CLI and the UI).

A run keeps its settings, the pipeline, the seed, the time and every answer's cluster, so a coder sees the same
groups tomorrow; the preprocessed tokens are cached by text hash, so clustering again does not parse again.
The database work is :mod:`coding.store.cluster_runs`; this module clusters and turns stored runs into results.
Everything returned is plain data (dataclasses and DataFrames), never ORM objects.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TextIO

import pandas as pd

from coding.errors import NotFoundError
from coding.nlp.describe import NONSUBSTANTIVE_LABEL
from coding.nlp.pipeline import PipelineInfo, load_pipeline
from coding.nlp.precluster import PreClustering, PreClusterResult, Progress, themes_from_codebook
from coding.nlp.preprocess import cache_key
from coding.output import write_csv
from coding.store import QuestionRef, Store
from coding.store.access import check
from coding.store.cluster_runs import (
    Assignment,
    ClusterRecord,
    RunRecord,
    answers_to_cluster,
    cache_tokens,
    cached_tokens,
    latest_run_id,
    sample_caption,
    save_run,
    stored_run,
)
from coding.store.waves import resolve_wave
from coding.vocabulary import NONSUBSTANTIVE_CLUSTER, OVERIG_CLUSTER

#: Columns of the cluster CSV (``coding cluster -o``) and of :attr:`ClusterRunResult.assignments` (first six).
CSV_COLUMNS = ["respondent_id", "segment_id", "cluster", "cluster_label", "proposed_theme", "theme_score"]
ASSIGNMENT_COLUMNS = [*CSV_COLUMNS, "similarity", "text"]
CLUSTER_COLUMNS = [
    "cluster", "label", "size", "share", "terms", "representatives", "representative_ids",
    "proposed_theme", "theme_label", "theme_score",
]  # fmt: skip


@dataclass
class ClusterRunResult:
    """A stored cluster run as plain data."""

    run_id: int
    study: str
    question: str
    created_at: datetime
    actor: str
    pipeline: PipelineInfo
    seed: int
    k_requested: int | None
    n_clusters: int
    k_scores: dict[int, float]
    params: dict[str, Any]
    seconds: float
    seeded: bool
    codebook_version: int | None
    #: One row per cluster (:data:`CLUSTER_COLUMNS`), the clusters 1..k by size, then 0 (overig) and -1.
    clusters: pd.DataFrame
    #: One row per segment of the question (:data:`ASSIGNMENT_COLUMNS`), in segment order.
    assignments: pd.DataFrame
    #: Clusters × theme codes: cosine similarity of each cluster to each theme (empty without a codebook).
    theme_similarity: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def overig_share(self) -> float:
        """Share of the substantive answers in "divers / overig"."""
        substantive = self.assignments[self.assignments["cluster"] != NONSUBSTANTIVE_CLUSTER]
        return float((substantive["cluster"] == OVERIG_CLUSTER).mean()) if len(substantive) else 0.0

    def summary(self) -> str:
        """A short Dutch summary for the CLI and the UI."""
        substantive = int((self.assignments["cluster"] != NONSUBSTANTIVE_CLUSTER).sum())
        how = f"k={self.k_requested} gevraagd" if self.k_requested else "k gekozen op stabiliteit"
        text = (
            f"Run {self.run_id}: {substantive} inhoudelijke antwoorden in {self.n_clusters} clusters ({how}, "
            f"seed {self.seed}); divers/overig {100 * self.overig_share:.1f}%; {self.seconds:.1f} s."
        )
        if self.seeded:
            text += " Thema's uit het codeboek dienden als startpunten."
        if self.params.get("sample"):
            text += " " + sample_caption(self.params["sample"])
        return text

    def write_csv(self, file: TextIO) -> None:
        """Write the assignments as CSV (:data:`CSV_COLUMNS`) to an open text file."""
        write_clusters_csv(self, file)


def write_clusters_csv(result: ClusterRunResult, file: TextIO) -> None:
    """Write ``respondent_id, segment_id, cluster, cluster_label, proposed_theme, theme_score`` to ``file``."""
    write_csv(file, result.assignments[CSV_COLUMNS])  # neutralised: labels and themes come from answers


def cluster_question(
    store: Store,
    q: QuestionRef,
    *,
    k: int | None = None,
    seed: int = 0,
    model: str | None = None,
    n_process: int = 1,
    use_codebook: bool = True,
    actor: str = "cluster",
    progress: Progress | None = None,
    wave: str | None = None,
) -> ClusterRunResult:
    """Pre-cluster the answers to a question (of one ``wave`` when given), store the run and return it.

    ``k`` fixes the number of clusters (default: chosen within :func:`~coding.nlp.cluster.default_k_range`);
    ``seed`` makes it reproducible; ``model`` names the spaCy pipeline (default ``CODING_SPACY_MODEL`` or
    ``nl_core_news_sm``, else the blank fallback). With a codebook, clusters get theme proposals, and themes with
    keywords or examples seed the clustering.
    """
    start = time.perf_counter()
    check(store, actor, q.study_ref, "cluster.run")  # before minutes of work that would be refused at the end
    if wave is not None:
        resolve_wave(store, q.study_ref, wave)  # an unknown wave is an error naming the study's waves
    answers = answers_to_cluster(store, q, use_codebook=use_codebook, wave=wave)
    if not answers.segment_ids:
        raise NotFoundError(
            f"Vraag '{q.name}' heeft nog geen antwoorden om te clusteren.",
            hint="Importeer eerst antwoorden met `coding import survey` of `coding import transcripts`.",
        )
    pipeline = load_pipeline(model)
    key = cache_key(pipeline.info)
    cached = cached_tokens(store, q, key)
    known: list[str | None] = [cached.get(h) for h in answers.text_hashes]

    outcome = PreClustering(k=k, random_state=seed, pipeline=pipeline, n_process=n_process).run(
        answers.texts,
        substantive=answers.substantive,
        tokens=known,
        themes=themes_from_codebook(answers.codebook),
        progress=progress,
    )
    fresh = {h: outcome.tokens[i] for i, h in enumerate(answers.text_hashes) if known[i] is None}
    cache_tokens(store, key, fresh)
    seconds = time.perf_counter() - start
    run = _run_record(answers.segment_ids, outcome, k=k, seed=seed, actor=actor,
                      codebook_version=answers.codebook_version, seconds=seconds)
    if wave is not None:
        run.params["wave"] = wave
    return load_run(store, save_run(store, q, run))


def latest_run(store: Store, q: QuestionRef, *, wave: str | None = None) -> ClusterRunResult | None:
    """The most recent cluster run of a question (of one ``wave`` when given), or None when it was never
    clustered."""
    run_id = latest_run_id(store, q, wave=wave)
    return load_run(store, run_id) if run_id is not None else None


def load_run(store: Store, run_id: int) -> ClusterRunResult:
    """A stored run by id, with its clusters and every answer's assignment."""
    run = stored_run(store, run_id)
    frame = run.assignments
    texts = dict(zip(frame["segment_id"], frame["text"], strict=True))
    theme_labels: dict[str, str] = dict(run.params.get("themes", {}))
    cluster_rows = [
        [c.number, c.label, c.size, c.share, list(c.terms), [texts.get(i, "") for i in c.representatives],
         list(c.representatives), c.proposed_theme, theme_labels.get(c.proposed_theme or ""), c.theme_score]
        for c in run.clusters
    ]
    similarity = {c.number: dict(c.theme_scores) for c in run.clusters if c.theme_scores}
    by_number = {c.number: c for c in run.clusters}
    frame = frame.copy()
    frame["cluster_label"] = [by_number[c].label if c in by_number else "" for c in frame["cluster"]]
    frame["proposed_theme"] = [by_number[c].proposed_theme if c in by_number else None for c in frame["cluster"]]
    frame["theme_score"] = [by_number[c].theme_score if c in by_number else None for c in frame["cluster"]]
    return ClusterRunResult(
        run_id=run.run_id,
        study=run.question.study,
        question=run.question.name,
        created_at=run.created_at,
        actor=run.actor,
        pipeline=PipelineInfo.from_dict(run.pipeline_info),
        seed=run.seed,
        k_requested=run.k_requested,
        n_clusters=run.n_clusters,
        k_scores=run.k_scores,
        params=run.params,
        seconds=run.seconds,
        seeded=run.seeded,
        codebook_version=run.codebook_version,
        clusters=pd.DataFrame(cluster_rows, columns=CLUSTER_COLUMNS),
        assignments=frame[ASSIGNMENT_COLUMNS],
        theme_similarity=pd.DataFrame.from_dict(similarity, orient="index") if similarity else pd.DataFrame(),
    )


def _run_record(segment_ids: list[int], outcome: PreClusterResult, *, k: int | None, seed: int, actor: str,
                codebook_version: int | None, seconds: float) -> RunRecord:
    """The outcome of the clusterer as the store keeps it: cluster positions → segment ids, rounded numbers, and
    a "niet inhoudelijk" cluster for the non-substantive answers."""
    labels = outcome.labels
    clusters = [
        ClusterRecord(
            number=d.cluster, label=d.label, size=d.size, share=d.share, terms=d.terms,
            representatives=[segment_ids[i] for i in d.representatives], proposed_theme=d.proposed_theme,
            theme_score=d.theme_score, theme_scores=d.theme_scores,
        )
        for d in outcome.clusters
    ]
    nonsubstantive = int((labels == NONSUBSTANTIVE_CLUSTER).sum())
    if nonsubstantive:
        clusters.append(ClusterRecord(number=NONSUBSTANTIVE_CLUSTER, label=NONSUBSTANTIVE_LABEL, size=nonsubstantive,
                                      share=round(nonsubstantive / len(labels), 4)))
    params: dict[str, Any] = {**outcome.params, "themes": {t.code: t.label for t in outcome.themes},
                              "timings": outcome.timings}
    return RunRecord(
        actor=actor,
        pipeline=outcome.pipeline.key,
        pipeline_info=outcome.pipeline.to_dict(),
        params=params,
        seed=seed,
        k_requested=k,
        n_clusters=outcome.n_clusters,
        k_scores={key: round(v, 4) for key, v in outcome.k_scores.items()},
        n_answers=int((labels != NONSUBSTANTIVE_CLUSTER).sum()),
        n_overig=int((labels == OVERIG_CLUSTER).sum()),
        seeded=outcome.seeded,
        codebook_version=codebook_version,
        seconds=round(seconds, 3),
        clusters=clusters,
        assignments=[
            Assignment(seg, int(c), round(float(s), 4))
            for seg, c, s in zip(segment_ids, labels, outcome.similarity, strict=True)
        ],
    )
