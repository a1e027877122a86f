"""Voortgang: coded share per question and per coder, and how often each theme was given."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from coding.store import QuestionRef, Store
from coding.store.progress import coder_progress
from coding.store.studies import STATUS_LABELS, study_status
from coding.ui import state
from coding.ui.next_step import next_step
from coding.ui.resources import get_store
from coding.ui.text import md_escape
from coding.work.progress import theme_progress

ALL = "(alle codeurs)"


def render() -> None:
    """The progress page."""
    st.title("Voortgang")
    context = state.require(study=True)
    assert context.study is not None
    store = get_store()
    status = study_status(store, context.study, wave=context.wave)
    if context.wave is not None:
        st.caption(f"Meting {context.wave} (kies een andere links in de zijbalk).")
    if status.empty:
        st.info("Deze studie heeft nog geen vragen. Importeer ze op de pagina Start.")
        return
    st.info(next_step(store, status, context.question), icon=":material/arrow_forward:")
    st.subheader("Per vraag")
    st.dataframe(
        status[["question", "substantive", "coded", "coded_pct", "coders"]].rename(columns=STATUS_LABELS),
        hide_index=True, width="stretch",
        column_config={"gecodeerd %": st.column_config.ProgressColumn("gecodeerd %", min_value=0, max_value=100,
                                                                       format="%.1f%%")},
    )
    per_coder = coder_progress(store, context.study, wave=context.wave)
    st.subheader("Per codeur")
    if per_coder.empty:
        st.caption("Er is nog niets gecodeerd. Codeer antwoorden op de pagina Coderen.")
    else:
        st.dataframe(
            per_coder.rename(columns=STATUS_LABELS),
            hide_index=True, width="stretch",
            column_config={"gecodeerd %": st.column_config.ProgressColumn("gecodeerd %", min_value=0, max_value=100,
                                                                           format="%.1f%%")},
        )
    if context.question is None:
        return
    _themes(store, context.question, sorted(set(per_coder["coder"])) if len(per_coder) else [])


def _chart(counts: pd.DataFrame) -> alt.Chart:
    """Horizontal bars, most-given theme on top, labels in full."""
    data = pd.DataFrame({"thema": counts["label"], "antwoorden": counts["segments"], "procent": counts["pct"]})
    return (
        alt.Chart(data, height=alt.Step(26))
        .mark_bar()
        .encode(
            x=alt.X("antwoorden:Q", title="antwoorden met dit thema", axis=alt.Axis(tickMinStep=1, format="d")),
            y=alt.Y("thema:N", sort="-x", title=None, axis=alt.Axis(labelLimit=420)),
            tooltip=["thema", "antwoorden", alt.Tooltip("procent:Q", title="% van inhoudelijk")],
        )
    )


def _themes(store: Store, question: QuestionRef, coders: list[str]) -> None:
    st.subheader("Thema's: " + md_escape(question.name))
    coder = st.selectbox("Codeur", [ALL, *coders], key="progress_coder", width=260)
    counts = theme_progress(store, question, coder=None if coder == ALL else coder)
    if counts.empty:
        st.caption("Deze vraag heeft nog geen codeboek. Maak thema's op de pagina Codeboek.")
        return
    if counts["segments"].sum() == 0:
        st.caption("Nog geen antwoorden gecodeerd bij deze vraag. Codeer ze op de pagina Coderen.")
    else:
        st.altair_chart(_chart(counts), width="stretch")
    st.dataframe(
        counts[["label", "code", "segments", "pct", "codings", "retired"]].rename(columns={
            "label": "thema", "segments": "antwoorden", "pct": "% van inhoudelijk", "codings": "coderingen",
            "retired": "teruggetrokken"}),
        hide_index=True, width="stretch",
    )
