"""The latest cluster run of a question as the pages use it: cluster choices for the coding filter, members."""

from __future__ import annotations

from coding.store.cluster_progress import RunOverview, latest_run_id
from coding.store.db import Store
from coding.ui.resources import get_run


def latest(store: Store, study: str, question: str) -> RunOverview | None:
    """The question's latest cluster run (cached per run), or None when it was never clustered."""
    run_id = latest_run_id(store, study, question)
    return get_run(run_id) if run_id is not None else None


def cluster_choices(store: Store, study: str, question: str) -> tuple[int | None, dict[int, str]]:
    """``(run id, {cluster number: "label (size)"})`` of the latest run; ``(None, {})`` when there is none."""
    run = latest(store, study, question)
    if run is None:
        return None, {}
    return run.run_id, {int(row.cluster): f"{row.label} ({row.size})" for row in run.clusters.itertuples()}
