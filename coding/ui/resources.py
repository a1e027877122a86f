"""Shared, cached resources for the Streamlit pages: the database engine, the spaCy pipeline, cluster runs.

Each is made once per server process and shared by every browser session (``st.cache_resource``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from coding.store import QuestionRef, Store, connect, default_url
from coding.store.cluster_runs import RunOverview, run_overview

if TYPE_CHECKING:
    from coding.nlp.pipeline import LoadedPipeline
    from coding.nlp.suggest import ThemeSuggester
    from coding.work.suggestions import QuestionFeatures


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    return connect(url)


def get_store() -> Store:
    """The study store for ``CODING_DB_URL`` (default: the SQLite file under data/), created once per process —
    bound to the logged-in user when there is one (:meth:`Store.as_user`: they see only their studies, work blind
    in an open double-coding round, and every change is in their name)."""
    from coding.ui.state import logged_in_user

    store = _store(default_url())
    user = logged_in_user()
    return store.as_user(user) if user else store


def get_shared_store() -> Store:
    """The study store itself, bound to nobody (for logging in)."""
    return _store(default_url())


@st.cache_resource(show_spinner="De Nederlandse taalpijplijn (spaCy) wordt geladen…")
def get_pipeline(model: str | None = None) -> LoadedPipeline:
    """The spaCy pipeline for pre-clustering, loaded once per process (``CODING_SPACY_MODEL``, else the fallback)."""
    from coding.nlp.pipeline import load_pipeline

    return load_pipeline(model)


@st.cache_resource(show_spinner=False, max_entries=16)
def _run(url: str, run_id: int) -> RunOverview:
    return run_overview(_store(url), run_id)


def get_run(run_id: int) -> RunOverview:
    """A stored cluster run's overview, read once per process (runs never change once stored). Do not modify it."""
    return _run(default_url(), run_id)


def _segments(store: Store, question: QuestionRef) -> int:
    """How many answers the question has (every answer, substantive or not): part of the cache keys below."""
    from coding.store.queue import QueueFilter, queue_count

    return queue_count(store, question, "", QueueFilter(include_nonsubstantive=True))


# The caches are keyed by the database URL and the question id; the reference itself (``_question``) is not hashed.
@st.cache_resource(show_spinner="De antwoorden worden voorbereid voor suggesties…", max_entries=8)
def _features(url: str, question_id: int, segments: int, _question: QuestionRef) -> QuestionFeatures | Exception:
    from coding.work.suggestions import question_features

    try:
        return question_features(_store(url), _question)
    except Exception as error:  # kept, so that a question without features is not recomputed on every rerun
        return error


def get_features(question: QuestionRef) -> QuestionFeatures:
    """The suggester's features of a question, made once per question and number of answers. Do not modify them.

    Raises the error of making them (also when it was cached: it is not retried until the answers change).
    """
    found = _features(default_url(), question.id, _segments(get_store(), question), question)
    if isinstance(found, Exception):
        raise found
    return found


@st.cache_resource(show_spinner="Het suggestiemodel leert bij…", max_entries=8)
def _model(url: str, question_id: int, segments: int, trained_on: tuple[int, int],
           _question: QuestionRef) -> ThemeSuggester:
    from coding.work.suggestions import train, training_labels

    features = _features(url, question_id, segments, _question)
    if isinstance(features, Exception):
        raise features
    return train(features, training_labels(_store(url), _question))


def get_model(question: QuestionRef) -> ThemeSuggester:
    """The suggester of a question, retrained only when its codings changed
    (:func:`coding.store.progress.coding_state`)."""
    from coding.store.progress import coding_state

    store = get_store()
    return _model(default_url(), question.id, _segments(store, question), coding_state(store, question), question)
