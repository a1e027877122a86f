"""Shared, cached resources for the Streamlit pages: the database engine, the spaCy pipeline, cluster runs.

Each is made once per server process and shared by every browser session (``st.cache_resource``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from coding.store import Store, connect, default_url
from coding.store.cluster_progress import RunOverview, run_overview

if TYPE_CHECKING:
    from coding.nlp.pipeline import LoadedPipeline
    from coding.nlp.suggest import ThemeSuggester
    from coding.nlp.suggestions import QuestionFeatures


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    return connect(url)


def get_store() -> Store:
    """The study store for ``CODING_DB_URL`` (default: the SQLite file under data/), created once per process."""
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


@st.cache_resource(show_spinner="De antwoorden worden voorbereid voor suggesties…", max_entries=8)
def _features(url: str, study: str, question: str, segments: int) -> QuestionFeatures | Exception:
    from coding.nlp.suggestions import question_features

    try:
        return question_features(_store(url), study, question)
    except Exception as error:  # kept, so that a question without features is not recomputed on every rerun
        return error


def get_features(study: str, question: str) -> QuestionFeatures:
    """The suggester's features of a question, made once per question and number of answers. Do not modify them.

    Raises the error of making them (also when it was cached: it is not retried until the answers change).
    """
    from coding.store.queue import QueueFilter, queue_count

    store = get_store()
    segments = queue_count(store, study, question, "", QueueFilter(include_nonsubstantive=True))
    found = _features(default_url(), study, question, segments)
    if isinstance(found, Exception):
        raise found
    return found


@st.cache_resource(show_spinner="Het suggestiemodel leert bij…", max_entries=8)
def _model(url: str, study: str, question: str, segments: int, trained_on: tuple[int, int]) -> ThemeSuggester:
    from coding.nlp.suggestions import train, training_labels

    features = _features(url, study, question, segments)
    if isinstance(features, Exception):
        raise features
    return train(features, training_labels(_store(url), study, question))


def get_model(study: str, question: str) -> ThemeSuggester:
    """The suggester of a question, retrained only when its codings changed (:func:`training_state`)."""
    from coding.nlp.suggestions import training_state
    from coding.store.queue import QueueFilter, queue_count

    store = get_store()
    segments = queue_count(store, study, question, "", QueueFilter(include_nonsubstantive=True))
    return _model(default_url(), study, question, segments, training_state(store, study, question))
