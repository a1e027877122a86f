"""The latest cluster run of a question as the pages show it: its overview, read once per run (cached)."""

from __future__ import annotations

from coding.store import QuestionRef, Store
from coding.store.cluster_runs import RunOverview, latest_run_id
from coding.ui import state
from coding.ui.resources import get_run


def latest(store: Store, question: QuestionRef) -> RunOverview | None:
    """The question's latest cluster run (of the sidebar's wave; cached per run), or None when it was never
    clustered."""
    run_id = latest_run_id(store, question, wave=state.context().wave)
    return get_run(run_id) if run_id is not None else None
