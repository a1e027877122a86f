"""Start page: the studies in the database and, per question, how far coding has come."""

from __future__ import annotations

import streamlit as st

from coding.store.studies import list_studies, study_status
from coding.ui.resources import get_store


def render() -> None:
    """List studies; for the chosen study show each question's answers and coding progress."""
    st.title("Studies")
    store = get_store()
    st.caption(f"Database: {store.url}")
    studies = list_studies(store)
    if studies.empty:
        st.info("Er zijn nog geen studies. Laad de demo met `coding demo` of importeer met `coding import survey`.")
        return
    st.dataframe(studies[["study", "questions", "respondents"]], hide_index=True, use_container_width=True)
    name = st.selectbox("Studie", studies["study"].tolist(), key="study")
    status = study_status(store, name)
    st.subheader("Vragen")
    for row in status.itertuples(index=False):
        st.text(
            f"{row.question} ({row.kind}) — {row.substantive} inhoudelijke antwoorden van {row.segments}; "
            f"{row.coded} gecodeerd"
        )
        st.progress(min(1.0, row.coded_pct / 100.0))
    st.dataframe(status, hide_index=True, use_container_width=True)
