"""Cluster runs as the coding workspace shows them: the latest run of a question, its clusters, progress per cluster.

The runs themselves are made and read in full by :mod:`coding.nlp.runs` (``load_run`` reads every answer's cluster
and text). The pages only need the clusters and a few representative answers, so these queries read just that:
cheap enough for every rerun of a page, and no spaCy import.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from sqlalchemy import distinct, func, select

from coding.errors import NotFoundError
from coding.store.db import Store
from coding.store.models import Cluster, ClusterAssignment, ClusterRun, Coding, Segment
from coding.store.studies import find_question, find_study

PROGRESS_COLUMNS = ["cluster", "answers", "coded", "coded_pct"]
CLUSTER_COLUMNS = ["cluster", "label", "size", "share", "terms", "proposed_theme", "theme_label", "theme_score",
                   "representatives"]


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
    #: :data:`CLUSTER_COLUMNS`: clusters 1..k by size, then 0 (divers / overig) and -1 (niet inhoudelijk);
    #: ``representatives`` holds the texts of the answers closest to the cluster's centre.
    clusters: pd.DataFrame

    def summary(self) -> str:
        """One Dutch sentence about the run."""
        how = f"k={self.k_requested} gevraagd" if self.k_requested else "k gekozen op stabiliteit"
        overig = 100.0 * self.n_overig / self.n_answers if self.n_answers else 0.0
        text = (f"Run {self.run_id}: {self.n_answers} inhoudelijke antwoorden in {self.n_clusters} clusters ({how}, "
                f"seed {self.seed}); divers/overig {overig:.1f}%; {self.seconds:.1f} s; pijplijn {self.pipeline}.")
        return text + (" Thema's uit het codeboek dienden als startpunten." if self.seeded else "")


def run_overview(store: Store, run_id: int, *, representatives: int = 3) -> RunOverview:
    """The run's settings and clusters, with the texts of up to ``representatives`` typical answers per cluster."""
    with store.read() as session:
        run = session.get(ClusterRun, run_id)
        if run is None:
            raise NotFoundError(f"Clusterrun {run_id} bestaat niet.")
        clusters = sorted(session.scalars(select(Cluster).where(Cluster.run_id == run_id)),
                          key=lambda c: (c.number <= 0, abs(c.number)))
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
                           pd.DataFrame(rows, columns=CLUSTER_COLUMNS))


def latest_run_id(store: Store, study: str, question: str) -> int | None:
    """The id of the question's most recent cluster run, or None when it was never clustered."""
    with store.read() as session:
        q = find_question(session, find_study(session, study), question)
        found = session.scalar(
            select(ClusterRun.id).where(ClusterRun.question_id == q.id).order_by(ClusterRun.id.desc()).limit(1)
        )
    return int(found) if found is not None else None


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
