"""The filter bar of the coding page: uncoded only, cluster, theme, attribute value, text search."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from coding.store import QuestionRef, Store, StudyRef
from coding.store.queue import QueueFilter, attribute_values
from coding.ui import cluster_runs, state
from coding.vocabulary import NONSUBSTANTIVE_CLUSTER

ANY = "(alle)"


@st.cache_data(show_spinner=False, ttl=600, max_entries=32)
def attribute_choices(url: str, study_id: int, _study: StudyRef, _store: Store) -> dict[str, list[str]]:
    """Attribute values of a study (cached by database URL and study id) for ten minutes: they only change by
    importing (the import wizard clears this cache), and reading them takes a quarter of a second on 23,604
    respondents."""
    return attribute_values(_store, _study)


def filter_bar(store: Store, question: QuestionRef, themes: pd.DataFrame) -> QueueFilter:
    """Draw the filters and return the queue filter they describe."""
    values = attribute_choices(store.url, question.study_id, question.study_ref, store)
    run = cluster_runs.latest(store, question)  # cached per run
    run_id = run.run_id if run is not None else None
    cluster_labels = run.choices() if run is not None else {}
    with st.container(horizontal=True, vertical_alignment="bottom"):
        uncoded = st.toggle("Alleen ongecodeerd", key=state.FILTER_UNCODED, value=True,
                            help="Antwoorden waaraan jij nog geen thema gaf")
        labels: dict[Any, str] = {None: ANY, **dict(zip(themes["theme_id"].astype(int), themes["label"],
                                                        strict=True))}
        theme_id = st.selectbox("Thema", list(labels), key=state.FILTER_THEME, width=220,
                                format_func=lambda t: labels.get(t, str(t)))
        cluster = None
        if cluster_labels:
            clusters: dict[Any, str] = {None: ANY, **cluster_labels}
            cluster = st.selectbox("Cluster", list(clusters), key=state.FILTER_CLUSTER, width=220,
                                   format_func=lambda c: clusters.get(c, str(c)))
        attributes: list[str | None] = [None, *values]
        attribute = st.selectbox("Kenmerk", attributes, key=state.FILTER_ATTRIBUTE, width=180,
                                 format_func=lambda a: ANY if a is None else a)
        value = None
        if attribute:
            value = st.selectbox("Waarde", values.get(attribute, []), key=state.FILTER_VALUE, width=200)
        search = st.text_input("Zoeken in tekst", key=state.FILTER_SEARCH, width=220, placeholder="woord of zin")
    return QueueFilter(
        uncoded_only=uncoded,
        cluster=(run_id, int(cluster)) if run_id is not None and cluster is not None else None,
        theme_id=theme_id,
        attribute=attribute,
        value=value,
        search=search or "",
        include_nonsubstantive=cluster == NONSUBSTANTIVE_CLUSTER,  # the 'niet inhoudelijk' cluster of a run
        wave=state.context().wave,
    )
