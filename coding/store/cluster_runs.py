"""Cluster runs in the store: a question's answers to cluster, the token cache, saving and reading a run, and the
cheap views the pages use (latest run, overview with its cluster choices, progress per cluster).

All database work of cluster runs lives here; :mod:`coding.nlp.runs` does the clustering and hands a run over as a
:class:`RunRecord`. Everything going in or out is plain data (dataclasses, DataFrames, refs), never ORM rows.
:func:`stored_run` reads every answer's cluster and text (for ``coding cluster`` and the CSV); the pages only need
the clusters and a few representative answers, so :func:`run_overview` reads just that: cheap enough for every
rerun of a page, and no spaCy import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from sqlalchemy import distinct, func, insert, select
from sqlalchemy.orm import Session

from coding.codebook import CodebookSpec
from coding.errors import NotFoundError
from coding.store.codebooks import codebook_of, spec_from_rows, themes_of
from coding.store.db import Store
from coding.store.events import record
from coding.store.models import (
    Cluster,
    ClusterAssignment,
    ClusterRun,
    Coding,
    Question,
    Respondent,
    Segment,
    TokenCache,
)
from coding.store.refs import QuestionRef
from coding.store.studies import question_row, ref_of
from coding.vocabulary import OVERIG_CLUSTER

PROGRESS_COLUMNS = ["cluster", "answers", "coded", "coded_pct"]
#: Columns of :attr:`RunOverview.clusters`.
OVERVIEW_COLUMNS = ["cluster", "label", "size", "share", "terms", "proposed_theme", "theme_label", "theme_score",
                    "representatives"]
#: Columns of :attr:`StoredRun.assignments`.
STORED_ASSIGNMENT_COLUMNS = ["respondent_id", "segment_id", "cluster", "similarity", "text"]

#: Rows per INSERT statement when storing tokens and assignments.
_CHUNK = 5000
#: Longest cluster label the schema stores.
_LABEL_LIMIT = 300


# --- plain data -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswersToCluster:
    """A question's answers as the clusterer needs them (in segment order), with its codebook."""

    segment_ids: list[int]
    texts: list[str]
    text_hashes: list[str]
    substantive: list[bool]
    #: The question's active themes; None without a codebook, without themes, or when not asked for.
    codebook: CodebookSpec | None = None
    #: The codebook's version (also when it has no themes); None without a codebook or when not asked for.
    codebook_version: int | None = None


@dataclass(frozen=True)
class ClusterRecord:
    """One cluster of a run as stored. ``representatives`` are segment ids, closest to the centre first."""

    number: int
    label: str
    size: int
    share: float
    terms: list[str] = field(default_factory=list)
    representatives: list[int] = field(default_factory=list)
    proposed_theme: str | None = None
    theme_score: float | None = None
    theme_scores: dict[str, float] = field(default_factory=dict)


class Assignment(NamedTuple):
    """One answer's cluster in a run, and its similarity to the cluster's centre."""

    segment_id: int
    cluster: int
    similarity: float


@dataclass(frozen=True)
class RunRecord:
    """A finished cluster run, ready to store with :func:`save_run`."""

    actor: str
    #: The pipeline's key (name@version) and its full description.
    pipeline: str
    pipeline_info: dict[str, Any]
    #: Settings, stages and timings (tuples, numpy numbers and NaN are made fit for JSON on saving).
    params: dict[str, Any]
    seed: int
    k_requested: int | None
    n_clusters: int
    #: The k-selection criterion's score per tried k (NaN where it has none).
    k_scores: dict[int, float]
    #: Substantive answers, and those of them in "divers / overig".
    n_answers: int
    n_overig: int
    seeded: bool
    codebook_version: int | None
    seconds: float
    clusters: list[ClusterRecord]
    assignments: list[Assignment]


@dataclass(frozen=True)
class StoredRun:
    """A stored run with every answer's cluster, as plain data."""

    run_id: int
    question: QuestionRef
    created_at: datetime
    actor: str
    pipeline_info: dict[str, Any]
    params: dict[str, Any]
    seed: int
    k_requested: int | None
    n_clusters: int
    #: Per tried k its score (NaN where none was stored).
    k_scores: dict[int, float]
    seeded: bool
    codebook_version: int | None
    seconds: float
    #: In display order (:func:`display_order`).
    clusters: list[ClusterRecord]
    #: :data:`STORED_ASSIGNMENT_COLUMNS`, one row per answer of the run, in segment order.
    assignments: pd.DataFrame


@dataclass(frozen=True)
class RunOverview:
    """A stored cluster run without its per-answer rows: settings, outcome and one row per cluster."""

    run_id: int
    created_at: datetime
    actor: str
    pipeline: str
    seed: int
    k_requested: int | None
    n_clusters: int
    n_answers: int
    n_overig: int
    seeded: bool
    seconds: float
    #: :data:`OVERVIEW_COLUMNS`: clusters 1..k by size, then 0 (divers / overig) and -1 (niet inhoudelijk);
    #: ``representatives`` holds the texts of the answers closest to the cluster's centre.
    clusters: pd.DataFrame
    #: How the run was fitted on a sample (size, answers, batch_size, batches); None when fitted on every answer.
    sample: dict[str, Any] | None = None

    def summary(self) -> str:
        """One Dutch sentence about the run."""
        how = f"k={self.k_requested} gevraagd" if self.k_requested else "k gekozen op stabiliteit"
        overig = 100.0 * self.n_overig / self.n_answers if self.n_answers else 0.0
        text = (f"Run {self.run_id}: {self.n_answers} inhoudelijke antwoorden in {self.n_clusters} clusters ({how}, "
                f"seed {self.seed}); divers/overig {overig:.1f}%; {self.seconds:.1f} s; pijplijn {self.pipeline}.")
        text += " Thema's uit het codeboek dienden als startpunten." if self.seeded else ""
        return text + (" " + sample_caption(self.sample) if self.sample else "")

    def choices(self) -> dict[int, str]:
        """Cluster number → "label (size)" in display order, for a filter on the clusters of this run."""
        return {int(row.cluster): f"{row.label} ({row.size})" for row in self.clusters.itertuples()}


def sample_caption(sample: dict[str, Any] | None) -> str:
    """One Dutch sentence for a run fitted on a sample (``params["sample"]``, see :mod:`coding.nlp.sampling`);
    empty for a run fitted on every answer."""
    if not sample:
        return ""
    size, answers = f"{int(sample['size']):,}".replace(",", "."), f"{int(sample['answers']):,}".replace(",", ".")
    return (f"Gefit op een steekproef van {size} van de {answers} antwoorden; de andere zijn in "
            f"{int(sample['batches'])} delen aan het meest gelijkende cluster toegewezen.")


def display_order(number: int) -> tuple[bool, int]:
    """Sort key of cluster numbers as a coder sees them: 1..k, then divers / overig, then niet inhoudelijk."""
    return number <= OVERIG_CLUSTER, abs(number)


# --- making a run -----------------------------------------------------------------------------------------------


def answers_to_cluster(store: Store, question: QuestionRef, *, use_codebook: bool = True,
                       wave: str | None = None) -> AnswersToCluster:
    """Every asked answer of a question (ids, texts, text hashes, substantive) in segment order — of one wave when
    ``wave`` is given — and with ``use_codebook`` its codebook and version. Answers of respondents the routing did
    not ask are never clustered."""
    with store.read() as session:
        q = question_row(session, question)
        spec, version = _codebook(session, q) if use_codebook else (None, None)
        query = (
            select(Segment.id, Segment.text, Segment.text_hash, Segment.substantive)
            .where(Segment.question_id == q.id, Segment.asked.is_(True))
            .order_by(Segment.id)
        )
        if wave is not None:
            query = query.where(Segment.respondent_id.in_(select(Respondent.id).where(Respondent.wave == wave)))
        rows = session.execute(query).all()
    return AnswersToCluster(
        segment_ids=[r[0] for r in rows],
        texts=[r[1] for r in rows],
        text_hashes=[r[2] for r in rows],
        substantive=[bool(r[3]) for r in rows],
        codebook=spec,
        codebook_version=version,
    )


def cached_tokens(store: Store, question: QuestionRef, pipeline: str) -> dict[str, str]:
    """Cached token strings (by text hash) for the answers of a question under the pipeline key ``pipeline``."""
    with store.read() as session:
        found = session.execute(
            select(TokenCache.text_hash, TokenCache.tokens)
            .join(Segment, Segment.text_hash == TokenCache.text_hash)
            .where(Segment.question_id == question.id, TokenCache.pipeline == pipeline)
        ).all()
    return {h: t for h, t in found}


def cache_tokens(store: Store, pipeline: str, tokens: dict[str, str]) -> None:
    """Add newly parsed answers (token string by text hash) to the token cache; rows another coder added meanwhile
    are left alone."""
    if not tokens:
        return
    from sqlalchemy.dialects import postgresql, sqlite

    statement: Any = (postgresql.insert if store.dialect == "postgresql" else sqlite.insert)(TokenCache)
    statement = statement.on_conflict_do_nothing()
    rows = [{"text_hash": h, "pipeline": pipeline, "tokens": t} for h, t in tokens.items()]
    with store.atomic() as session:
        for i in range(0, len(rows), _CHUNK):
            session.execute(statement, rows[i : i + _CHUNK])


def save_run(store: Store, question: QuestionRef, run: RunRecord) -> int:
    """Store a run, its clusters and every answer's assignment, and record a ``cluster.run`` event, in one
    transaction; returns the run id."""
    with store.atomic() as session:
        row = ClusterRun(
            question_id=question.id,
            actor=run.actor,
            pipeline=run.pipeline,
            pipeline_info=run.pipeline_info,
            params=_jsonable(run.params),
            seed=run.seed,
            k_requested=run.k_requested,
            n_clusters=run.n_clusters,
            k_scores={str(k): (None if np.isnan(v) else v) for k, v in run.k_scores.items()},
            n_answers=run.n_answers,
            n_overig=run.n_overig,
            seeded=run.seeded,
            codebook_version=run.codebook_version,
            seconds=run.seconds,
        )
        session.add(row)
        session.flush()
        for c in run.clusters:
            session.add(Cluster(
                run_id=row.id, number=c.number, label=c.label[:_LABEL_LIMIT], size=c.size, share=c.share,
                terms=c.terms, representatives=c.representatives, proposed_theme=c.proposed_theme,
                theme_score=c.theme_score, theme_scores=c.theme_scores,
            ))
        session.flush()
        rows = [
            {"run_id": row.id, "segment_id": a.segment_id, "cluster": a.cluster, "similarity": a.similarity}
            for a in run.assignments
        ]
        for i in range(0, len(rows), _CHUNK):
            session.execute(insert(ClusterAssignment), rows[i : i + _CHUNK])
        record(
            session,
            actor=run.actor,
            action="cluster.run",
            entity="cluster_run",
            entity_id=row.id,
            study_id=question.study_id,
            payload={"question": question.name, "k": run.n_clusters, "k_requested": run.k_requested,
                     "seed": run.seed, "pipeline": run.pipeline},
        )
        return row.id


# --- reading runs -----------------------------------------------------------------------------------------------


def stored_run(store: Store, run_id: int) -> StoredRun:
    """A stored run by id, with its clusters and every answer's assignment and text."""
    with store.read() as session:
        run = _run_row(session, run_id, hint="Bekijk de runs van een vraag in de app.")
        q = session.get(Question, run.question_id)
        assert q is not None  # the foreign key guarantees it
        clusters = sorted(session.scalars(select(Cluster).where(Cluster.run_id == run_id)),
                          key=lambda c: display_order(c.number))
        assigned = session.execute(
            select(Respondent.external_id, Segment.id, ClusterAssignment.cluster, ClusterAssignment.similarity,
                   Segment.text)
            .join(Segment, Segment.id == ClusterAssignment.segment_id)
            .join(Respondent, Respondent.id == Segment.respondent_id)
            .where(ClusterAssignment.run_id == run_id)
            .order_by(Segment.id)
        ).all()
        return StoredRun(
            run_id=run.id,
            question=ref_of(session, q),
            created_at=run.created_at,
            actor=run.actor,
            pipeline_info=dict(run.pipeline_info),
            params=dict(run.params),
            seed=run.seed,
            k_requested=run.k_requested,
            n_clusters=run.n_clusters,
            k_scores={int(k): float("nan") if v is None else float(v) for k, v in run.k_scores.items()},
            seeded=run.seeded,
            codebook_version=run.codebook_version,
            seconds=run.seconds,
            clusters=[_cluster_record(c) for c in clusters],
            assignments=pd.DataFrame(assigned, columns=STORED_ASSIGNMENT_COLUMNS),
        )


def latest_run_id(store: Store, question: QuestionRef, *, wave: str | None = None) -> int | None:
    """The id of the question's most recent cluster run, or None when it was never clustered. With ``wave``: the
    most recent run of that wave (a run's wave is in its params; a run over all waves has none)."""
    with store.read() as session:
        if wave is None:
            found = session.scalar(select(ClusterRun.id).where(ClusterRun.question_id == question.id)
                                   .order_by(ClusterRun.id.desc()).limit(1))
            return int(found) if found is not None else None
        for run_id, params in session.execute(select(ClusterRun.id, ClusterRun.params)
                                              .where(ClusterRun.question_id == question.id)
                                              .order_by(ClusterRun.id.desc())):
            if (params or {}).get("wave") == wave:
                return int(run_id)
    return None


def run_overview(store: Store, run_id: int, *, representatives: int = 3) -> RunOverview:
    """The run's settings and clusters, with the texts of up to ``representatives`` typical answers per cluster."""
    with store.read() as session:
        run = _run_row(session, run_id)
        clusters = sorted(session.scalars(select(Cluster).where(Cluster.run_id == run_id)),
                          key=lambda c: display_order(c.number))
        wanted = {i for c in clusters for i in list(c.representatives)[:representatives]}
        texts = dict(session.execute(select(Segment.id, Segment.text).where(Segment.id.in_(wanted))).all()) \
            if wanted else {}
        theme_labels = dict((run.params or {}).get("themes", {}))
        rows = [
            [c.number, c.label, c.size, c.share, list(c.terms), c.proposed_theme,
             theme_labels.get(c.proposed_theme or ""), c.theme_score,
             [texts[i] for i in list(c.representatives)[:representatives] if i in texts]]
            for c in clusters
        ]
        return RunOverview(run.id, run.created_at, run.actor, run.pipeline, run.seed, run.k_requested,
                           run.n_clusters, run.n_answers, run.n_overig, run.seeded, run.seconds,
                           pd.DataFrame(rows, columns=OVERVIEW_COLUMNS), (run.params or {}).get("sample"))


def cluster_progress(store: Store, run_id: int, *, coder: str | None = None) -> pd.DataFrame:
    """Per cluster of a run: its answers, how many have a coding (by anyone, or by ``coder``), and the share."""
    coded = select(Coding.segment_id).where(Coding.segment_id == ClusterAssignment.segment_id)
    if coder is not None:
        coded = coded.where(Coding.coder == coder)
    with store.read() as session:
        rows = session.execute(
            select(
                ClusterAssignment.cluster,
                func.count(ClusterAssignment.segment_id),
                func.count(distinct(ClusterAssignment.segment_id)).filter(coded.exists()),
            )
            .where(ClusterAssignment.run_id == run_id)
            .group_by(ClusterAssignment.cluster)
            .order_by(ClusterAssignment.cluster)
        ).all()
    return pd.DataFrame(
        [[int(c), int(n), int(k), round(100.0 * k / n, 1) if n else 0.0] for c, n, k in rows],
        columns=PROGRESS_COLUMNS,
    )


# --- helpers ----------------------------------------------------------------------------------------------------


def _run_row(session: Session, run_id: int, *, hint: str = "") -> ClusterRun:
    run = session.get(ClusterRun, run_id)
    if run is None:
        raise NotFoundError(f"Clusterrun {run_id} bestaat niet.", hint=hint)
    return run


def _cluster_record(c: Cluster) -> ClusterRecord:
    return ClusterRecord(
        number=c.number, label=c.label, size=c.size, share=c.share, terms=list(c.terms),
        representatives=list(c.representatives), proposed_theme=c.proposed_theme, theme_score=c.theme_score,
        theme_scores=dict(c.theme_scores or {}),
    )


def _codebook(session: Session, question: Question) -> tuple[CodebookSpec | None, int | None]:
    codebook = codebook_of(session, question)
    if codebook is None:
        return None, None
    themes = themes_of(session, codebook)
    return (spec_from_rows(question, codebook, themes) if themes else None), codebook.version


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

