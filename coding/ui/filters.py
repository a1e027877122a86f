"""The filter bar of the coding page: uncoded only, cluster, theme, attribute value, text search."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from coding.store.db import Store
from coding.store.queue import QueueFilter, attribute_values
from coding.ui import cluster_runs, state

ANY = "(alle)"


@st.cache_data(show_spinner=False, ttl=600, max_entries=32)
def attribute_choices(url: str, study: str, _store: Store) -> dict[str, list[str]]:
    """Attribute values of a study, cached for ten minutes: they only change by importing (the import wizard clears
    this cache), and reading them takes a quarter of a second on 23,604 respondents."""
    return attribute_values(_store, study)


def filter_bar(store: Store, study: str, question: str, question_id: int, themes: pd.DataFrame) -> QueueFilter:
    """Draw the filters and return the queue filter they describe."""
    values = attribute_choices(store.url, study, store)
    run_id, cluster_labels = cluster_runs.cluster_choices(store, study, question)
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
        include_nonsubstantive=cluster == -1,  # the 'niet inhoudelijk' cluster of a run
    )
