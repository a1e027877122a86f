"""Cluster runs in the store: cluster a question, keep the run, read it back (the API of the CLI and the UI).

A run keeps its settings, the pipeline, the seed, the time and every answer's cluster, so a coder sees the same
groups tomorrow; the preprocessed tokens are cached by text hash, so clustering again does not parse again.
Everything returned is plain data (dataclasses and DataFrames), never ORM objects.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TextIO

import numpy as np
import pandas as pd
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from coding.codebook import CodebookSpec
from coding.errors import NotFoundError
from coding.nlp.describe import NONSUBSTANTIVE_CLUSTER, NONSUBSTANTIVE_LABEL, OVERIG_CLUSTER
from coding.nlp.pipeline import PipelineInfo, load_pipeline
from coding.nlp.precluster import PreClustering, PreClusterResult, Progress, themes_from_codebook
from coding.nlp.preprocess import cache_key
from coding.store.codebooks import codebook_of, spec_from_rows, themes_of
from coding.store.db import Store
from coding.store.events import record
from coding.store.models import (
    Cluster,
    ClusterAssignment,
    ClusterRun,
    Question,
    Respondent,
    Segment,
    Study,
    TokenCache,
)
from coding.store.studies import find_question, find_study

#: Columns of the cluster CSV (``coding cluster -o``) and of :attr:`ClusterRunResult.assignments` (first six).
CSV_COLUMNS = ["respondent_id", "segment_id", "cluster", "cluster_label", "proposed_theme", "theme_score"]
ASSIGNMENT_COLUMNS = [*CSV_COLUMNS, "similarity", "text"]
CLUSTER_COLUMNS = [
    "cluster", "label", "size", "share", "terms", "representatives", "representative_ids",
    "proposed_theme", "theme_label", "theme_score",
]  # fmt: skip

#: Rows per INSERT statement when storing tokens and assignments.
_CHUNK = 5000


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
        return text

    def write_csv(self, file: TextIO) -> None:
        """Write the assignments as CSV (:data:`CSV_COLUMNS`) to an open text file."""
        write_clusters_csv(self, file)


def write_clusters_csv(result: ClusterRunResult, file: TextIO) -> None:
    """Write ``respondent_id, segment_id, cluster, cluster_label, proposed_theme, theme_score`` to ``file``."""
    result.assignments[CSV_COLUMNS].to_csv(file, index=False, lineterminator="\n")


def cluster_question(
    store: Store,
    study: str,
    question: str,
    *,
    k: int | None = None,
    seed: int = 0,
    model: str | None = None,
    n_process: int = 1,
    use_codebook: bool = True,
    actor: str = "cluster",
    progress: Progress | None = None,
) -> ClusterRunResult:
    """Pre-cluster the answers to a question, store the run and return it.

    ``k`` fixes the number of clusters (default: chosen within :func:`~coding.nlp.cluster.default_k_range`);
    ``seed`` makes it reproducible; ``model`` names the spaCy pipeline (default ``CODING_SPACY_MODEL`` or
    ``nl_core_news_sm``, else the blank fallback). With a codebook, clusters get theme proposals, and themes with
    keywords or examples seed the clustering.
    """
    start = time.perf_counter()
    with store.read() as session:
        q = find_question(session, find_study(session, study), question)
        question_id, study_id = q.id, q.study_id
        spec, codebook_version = _codebook(session, q) if use_codebook else (None, None)
        rows = session.execute(
            select(Segment.id, Segment.text, Segment.text_hash, Segment.substantive)
            .where(Segment.question_id == q.id)
            .order_by(Segment.id)
        ).all()
    if not rows:
        raise NotFoundError(
            f"Vraag '{question}' heeft nog geen antwoorden om te clusteren.",
            hint="Importeer eerst antwoorden met `coding import survey` of `coding import transcripts`.",
        )
    segment_ids = [r[0] for r in rows]
    texts = [r[1] for r in rows]
    hashes = [r[2] for r in rows]
    pipeline = load_pipeline(model)
    key = cache_key(pipeline.info)
    cached = _cached_tokens(store, question_id, key)
    known: list[str | None] = [cached.get(h) for h in hashes]

    outcome = PreClustering(k=k, random_state=seed, pipeline=pipeline, n_process=n_process).run(
        texts,
        substantive=[bool(r[3]) for r in rows],
        tokens=known,
        themes=themes_from_codebook(spec),
        progress=progress,
    )
    fresh = {h: outcome.tokens[i] for i, h in enumerate(hashes) if known[i] is None}
    _cache_tokens(store, key, fresh)
    seconds = time.perf_counter() - start
    run_id = _save_run(store, study_id, question_id, segment_ids, outcome, k=k, seed=seed, actor=actor,
                       codebook_version=codebook_version, seconds=seconds, question=question)
    return load_run(store, run_id)


def latest_run(store: Store, study: str, question: str) -> ClusterRunResult | None:
    """The most recent cluster run of a question, or None when it was never clustered."""
    run_id = latest_run_id(store, study, question)
    return load_run(store, run_id) if run_id is not None else None


def latest_run_id(store: Store, study: str, question: str) -> int | None:
    """The id of the question's most recent cluster run, or None."""
    with store.read() as session:
        q = find_question(session, find_study(session, study), question)
        return session.scalar(
            select(ClusterRun.id).where(ClusterRun.question_id == q.id).order_by(ClusterRun.id.desc()).limit(1)
        )


def cluster_choices(store: Store, study: str, question: str) -> dict[int, str]:
    """Cluster number → "label (size)" of the latest run, for a filter in the UI; empty when never clustered."""
    run_id = latest_run_id(store, study, question)
    if run_id is None:
        return {}
    with store.read() as session:
        found = session.execute(
            select(Cluster.number, Cluster.label, Cluster.size).where(Cluster.run_id == run_id)
        ).all()
    ordered = sorted(found, key=lambda row: (row[0] <= 0, abs(row[0])))
    return {number: f"{label} ({size})" for number, label, size in ordered}


def cluster_members(store: Store, study: str, question: str, cluster: int) -> list[int]:
    """Segment ids in one cluster of the latest run, closest to the cluster's centre first."""
    run_id = latest_run_id(store, study, question)
    if run_id is None:
        return []
    with store.read() as session:
        return list(session.scalars(
            select(ClusterAssignment.segment_id)
            .where(ClusterAssignment.run_id == run_id, ClusterAssignment.cluster == cluster)
            .order_by(ClusterAssignment.similarity.desc(), ClusterAssignment.segment_id)
        ))


def list_runs(store: Store, study: str, question: str) -> pd.DataFrame:
    """Every cluster run of a question, newest first: id, time, actor, pipeline, seed, k, overig, seconds."""
    columns = ["run_id", "created_at", "actor", "pipeline", "seed", "k_requested", "n_clusters", "n_answers",
               "n_overig", "seeded", "seconds"]
    with store.read() as session:
        q = find_question(session, find_study(session, study), question)
        found = session.execute(
            select(ClusterRun.id, ClusterRun.created_at, ClusterRun.actor, ClusterRun.pipeline, ClusterRun.seed,
                   ClusterRun.k_requested, ClusterRun.n_clusters, ClusterRun.n_answers, ClusterRun.n_overig,
                   ClusterRun.seeded, ClusterRun.seconds)
            .where(ClusterRun.question_id == q.id)
            .order_by(ClusterRun.id.desc())
        ).all()
    return pd.DataFrame(found, columns=columns)


def load_run(store: Store, run_id: int) -> ClusterRunResult:
    """A stored run by id, with its clusters and every answer's assignment."""
    with store.read() as session:
        run = session.get(ClusterRun, run_id)
        if run is None:
            raise NotFoundError(f"Clusterrun {run_id} bestaat niet.", hint="Bekijk de runs van een vraag in de app.")
        q = session.get(Question, run.question_id)
        assert q is not None  # the foreign key guarantees it
        s = session.get(Study, q.study_id)
        assert s is not None
        clusters = session.scalars(select(Cluster).where(Cluster.run_id == run_id)).all()
        assigned = session.execute(
            select(Respondent.external_id, Segment.id, ClusterAssignment.cluster, ClusterAssignment.similarity,
                   Segment.text)
            .join(Segment, Segment.id == ClusterAssignment.segment_id)
            .join(Respondent, Respondent.id == Segment.respondent_id)
            .where(ClusterAssignment.run_id == run_id)
            .order_by(Segment.id)
        ).all()
        texts = {seg_id: text for _, seg_id, _, _, text in assigned}
        theme_labels: dict[str, str] = dict(run.params.get("themes", {}))
        order = sorted(clusters, key=lambda c: (c.number <= 0, abs(c.number)))
        cluster_rows = [
            [c.number, c.label, c.size, c.share, list(c.terms), [texts.get(i, "") for i in c.representatives],
             list(c.representatives), c.proposed_theme, theme_labels.get(c.proposed_theme or ""), c.theme_score]
            for c in order
        ]
        similarity = {c.number: dict(c.theme_scores) for c in order if c.theme_scores}
        result = ClusterRunResult(
            run_id=run.id,
            study=s.name,
            question=q.name,
            created_at=run.created_at,
            actor=run.actor,
            pipeline=PipelineInfo.from_dict(run.pipeline_info),
            seed=run.seed,
            k_requested=run.k_requested,
            n_clusters=run.n_clusters,
            k_scores={int(k): float("nan") if v is None else float(v) for k, v in run.k_scores.items()},
            params=dict(run.params),
            seconds=run.seconds,
            seeded=run.seeded,
            codebook_version=run.codebook_version,
            clusters=pd.DataFrame(cluster_rows, columns=CLUSTER_COLUMNS),
            assignments=pd.DataFrame(),
            theme_similarity=pd.DataFrame.from_dict(similarity, orient="index") if similarity else pd.DataFrame(),
        )
    by_number = {c.number: c for c in clusters}
    frame = pd.DataFrame(assigned, columns=["respondent_id", "segment_id", "cluster", "similarity", "text"])
    frame["cluster_label"] = [by_number[c].label if c in by_number else "" for c in frame["cluster"]]
    frame["proposed_theme"] = [by_number[c].proposed_theme if c in by_number else None for c in frame["cluster"]]
    frame["theme_score"] = [by_number[c].theme_score if c in by_number else None for c in frame["cluster"]]
    result.assignments = frame[ASSIGNMENT_COLUMNS]
    return result


def _codebook(session: Session, question: Question) -> tuple[CodebookSpec | None, int | None]:
    codebook = codebook_of(session, question)
    if codebook is None:
        return None, None
    themes = themes_of(session, codebook)
    return (spec_from_rows(question, codebook, themes) if themes else None), codebook.version


def _cached_tokens(store: Store, question_id: int, key: str) -> dict[str, str]:
    """Cached token strings (by text hash) for the answers of a question under pipeline ``key``."""
    with store.read() as session:
        found = session.execute(
            select(TokenCache.text_hash, TokenCache.tokens)
            .join(Segment, Segment.text_hash == TokenCache.text_hash)
            .where(Segment.question_id == question_id, TokenCache.pipeline == key)
        ).all()
    return {h: t for h, t in found}


def _cache_tokens(store: Store, key: str, tokens: dict[str, str]) -> None:
    """Add newly parsed answers to the token cache; rows another coder added meanwhile are left alone."""
    if not tokens:
        return
    from sqlalchemy.dialects import postgresql, sqlite

    statement: Any = (postgresql.insert if store.dialect == "postgresql" else sqlite.insert)(TokenCache)
    statement = statement.on_conflict_do_nothing()
    rows = [{"text_hash": h, "pipeline": key, "tokens": t} for h, t in tokens.items()]
    with store.atomic() as session:
        for i in range(0, len(rows), _CHUNK):
            session.execute(statement, rows[i : i + _CHUNK])


def _save_run(store: Store, study_id: int, question_id: int, segment_ids: list[int], outcome: PreClusterResult,
              *, k: int | None, seed: int, actor: str, codebook_version: int | None, seconds: float,
              question: str) -> int:
    """Store the run, its clusters and every segment's assignment in one transaction; returns the run id."""
    labels = outcome.labels
    n_substantive = int((labels != NONSUBSTANTIVE_CLUSTER).sum())
    params = {**outcome.params, "themes": {t.code: t.label for t in outcome.themes}, "timings": outcome.timings}
    with store.atomic() as session:
        run = ClusterRun(
            question_id=question_id,
            actor=actor,
            pipeline=outcome.pipeline.key,
            pipeline_info=outcome.pipeline.to_dict(),
            params=_jsonable(params),
            seed=seed,
            k_requested=k,
            n_clusters=outcome.n_clusters,
            k_scores={str(key): (None if np.isnan(v) else round(v, 4)) for key, v in outcome.k_scores.items()},
            n_answers=n_substantive,
            n_overig=int((labels == OVERIG_CLUSTER).sum()),
            seeded=outcome.seeded,
            codebook_version=codebook_version,
            seconds=round(seconds, 3),
        )
        session.add(run)
        session.flush()
        for d in outcome.clusters:
            session.add(Cluster(
                run_id=run.id, number=d.cluster, label=d.label[:300], size=d.size, share=d.share, terms=d.terms,
                representatives=[segment_ids[i] for i in d.representatives], proposed_theme=d.proposed_theme,
                theme_score=d.theme_score, theme_scores=d.theme_scores,
            ))
        nonsubstantive = int((labels == NONSUBSTANTIVE_CLUSTER).sum())
        if nonsubstantive:
            session.add(Cluster(run_id=run.id, number=NONSUBSTANTIVE_CLUSTER, label=NONSUBSTANTIVE_LABEL,
                                size=nonsubstantive, share=round(nonsubstantive / len(labels), 4), terms=[],
                                representatives=[], theme_scores={}))
        session.flush()
        rows = [
            {"run_id": run.id, "segment_id": seg, "cluster": int(c), "similarity": round(float(s), 4)}
            for seg, c, s in zip(segment_ids, labels, outcome.similarity, strict=True)
        ]
        for i in range(0, len(rows), _CHUNK):
            session.execute(insert(ClusterAssignment), rows[i : i + _CHUNK])
        record(
            session,
            actor=actor,
            action="cluster.run",
            entity="cluster_run",
            entity_id=run.id,
            study_id=study_id,
            payload={"question": question, "k": outcome.n_clusters, "k_requested": k, "seed": seed,
                     "pipeline": outcome.pipeline.key},
        )
        return run.id


def _jsonable(value: Any) -> Any:
    """Tuples, numpy numbers and NaN made fit for a JSON column."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating | float):
        return None if np.isnan(value) else float(value)
    return value

