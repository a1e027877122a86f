"""Clusters: pre-cluster a question's answers, see the clusters, open one and give a theme to it in one action."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from coding.errors import CodingError
from coding.store import QuestionRef, Store
from coding.store.cluster_runs import RunOverview, cluster_progress
from coding.store.codings import code_segments
from coding.store.queue import QueueFilter, queue_ids, queue_page
from coding.store.themes import theme_tree
from coding.ui import cluster_runs, state
from coding.ui.resources import get_pipeline, get_store
from coding.ui.text import md_escape, show_error, show_notices
from coding.vocabulary import Role, Source

#: Answers of an opened cluster shown per page.
PAGE_SIZE = 100
CLUSTER_TABLE = "cl_table"
ANSWER_PAGE = "cl_answer_page"


def render() -> None:
    """The clusters page."""
    st.title("Clusters")
    show_notices()
    context = state.require(coder=True, question=True, role=Role.CODER)
    assert context.study is not None and context.question is not None
    store = get_store()
    question = context.question
    _run_form(store, question, context.coder)
    run = cluster_runs.latest(store, question)
    if run is None:
        st.info("Deze vraag is nog niet geclusterd. Kies hierboven het aantal clusters (of laat het automatisch) en "
                "klik op Clusteren.", icon=":material/bubble_chart:")
        return
    st.caption(md_escape(run.summary()))
    themes = theme_tree(store, question, counts=False)
    themes = themes[~themes["retired"]]
    table = _cluster_table(store, run, context.coder)
    event = st.dataframe(
        table,
        key=f"{CLUSTER_TABLE}_{run.run_id}",
        on_select="rerun",
        selection_mode="single-row",
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(table), 520),
        column_config={
            "nr": st.column_config.NumberColumn("nr", width="small", format="%d"),
            "cluster": st.column_config.TextColumn("cluster", width="medium"),
            "voorgesteld thema": st.column_config.TextColumn("voorgesteld thema", width="medium"),
            "kenmerkende woorden": st.column_config.TextColumn("kenmerkende woorden", width="medium"),
            "score": st.column_config.NumberColumn("score", format="%.2f", help="Gelijkenis met het thema (0–1)"),
            "jij gecodeerd %": st.column_config.ProgressColumn("jij gecodeerd %", min_value=0, max_value=100,
                                                                format="%.0f%%"),
            "iedereen %": st.column_config.ProgressColumn("iedereen %", min_value=0, max_value=100, format="%.0f%%"),
        },
    )
    rows = list(event.selection.rows) if event is not None else []
    if not rows:
        st.caption("Klik een cluster in de tabel aan om de antwoorden te zien en het cluster te coderen.")
        return
    number = int(table.iloc[rows[0]]["nr"])
    _open_cluster(store, question, context.coder, run, number, themes)


def _run_form(store: Store, question: QuestionRef, coder: str) -> None:
    with st.expander("Clusteren", icon=":material/bubble_chart:",
                     expanded=cluster_runs.latest(store, question) is None):
        with st.form("cluster_run", border=False):
            left, middle, right = st.columns(3)
            k = left.number_input("Aantal clusters (0 = automatisch)", min_value=0, max_value=60, value=0, step=1)
            seed = middle.number_input("Seed (zelfde seed = zelfde uitkomst)", min_value=0, value=0, step=1)
            use_codebook = right.checkbox("Thema's van het codeboek als startpunt", value=True)
            submitted = st.form_submit_button("Clusteren", type="primary", icon=":material/play_arrow:")
        if submitted:
            _cluster(store, question, coder, int(k) or None, int(seed), use_codebook)


def _cluster(store: Store, question: QuestionRef, coder: str, k: int | None, seed: int, use_codebook: bool) -> None:
    from coding.nlp.runs import cluster_question

    pipeline = get_pipeline()
    if pipeline.info.note:
        st.caption(md_escape(pipeline.info.note))
    bar = st.progress(0.0, text="Clusteren…")

    def progress(done: int, total: int) -> None:
        bar.progress(min(1.0, done / total) if total else 0.0, text=f"Clusteren… {done}/{total}")

    try:
        result = cluster_question(store, question, k=k, seed=seed, use_codebook=use_codebook, actor=coder,
                                  progress=progress, wave=state.context().wave)
    except CodingError as error:
        bar.empty()
        show_error(error, "Clusteren mislukt")
        return
    state.notify("success", result.summary())
    st.rerun()


def _cluster_table(store: Store, run: RunOverview, coder: str) -> pd.DataFrame:
    mine = cluster_progress(store, run.run_id, coder=coder).set_index("cluster")["coded_pct"]
    everyone = cluster_progress(store, run.run_id).set_index("cluster")["coded_pct"]
    clusters = run.clusters
    return pd.DataFrame({
        "nr": clusters["cluster"].astype(int),
        "cluster": clusters["label"],
        "antwoorden": clusters["size"].astype(int),
        "jij gecodeerd %": [float(mine.get(c, 0.0)) for c in clusters["cluster"]],
        "voorgesteld thema": clusters["theme_label"].fillna(clusters["proposed_theme"]).fillna(""),
        "score": clusters["theme_score"],
        "kenmerkende woorden": [", ".join(terms[:6]) for terms in clusters["terms"]],
        "iedereen %": [float(everyone.get(c, 0.0)) for c in clusters["cluster"]],
    })


class _Assign:
    """Button callbacks: give a theme to a whole cluster or to the ticked answers (source = cluster)."""

    def __init__(self, store: Store, question: QuestionRef, coder: str, run_id: int, number: int) -> None:
        self.store, self.question, self.coder = store, question, coder
        self.filter = QueueFilter(cluster=(run_id, number), include_nonsubstantive=True, wave=state.context().wave)

    def give(self, segment_ids: list[int] | None, theme_id: int, label: str) -> None:
        ids = segment_ids if segment_ids is not None else queue_ids(self.store, self.question, self.coder, self.filter)
        try:
            added = code_segments(self.store, ids, theme_id, self.coder, source=Source.CLUSTER)
        except CodingError as error:
            state.notify("error", str(error))
            return
        state.notify("success", f"'{label}' gegeven aan {added} antwoord(en) ({len(ids) - added} hadden het al).")
        st.session_state[state.CLUSTER_GENERATION] = st.session_state.get(state.CLUSTER_GENERATION, 0) + 1


def _open_cluster(store: Store, question: QuestionRef, coder: str, run: RunOverview, number: int,
                  themes: pd.DataFrame) -> None:
    row = run.clusters[run.clusters["cluster"] == number].iloc[0]
    st.subheader(md_escape(f"Cluster {number}: {row['label']}"))
    representatives = [t for t in row["representatives"] if t]
    if representatives:
        st.caption("Typische antwoorden (dichtst bij het midden van het cluster):")
        for text in representatives[:3]:
            st.text("• " + text, width="stretch")
    assign = _Assign(store, question, coder, run.run_id, number)
    bar = st.container()
    number_of_pages = max(1, -(-int(row["size"]) // PAGE_SIZE))
    page_key = f"{ANSWER_PAGE}_{run.run_id}_{number}"
    current = min(int(st.session_state.get(page_key, 1) or 1), number_of_pages)
    page = queue_page(store, question, coder, assign.filter, offset=(current - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    labels = dict(zip(themes["theme_id"].astype(int), themes["label"], strict=True))
    frame = pd.DataFrame([
        {"id": i.segment_id, "respondent": i.respondent, "antwoord": i.text,
         "jouw thema's": "; ".join(labels.get(t, str(t)) for t in i.themes), "codeurs": ", ".join(i.coders)}
        for i in page.items
    ], columns=["id", "respondent", "antwoord", "jouw thema's", "codeurs"])
    generation = st.session_state.get(state.CLUSTER_GENERATION, 0)
    event = st.dataframe(
        frame, key=f"cl_answers_{run.run_id}_{number}_{generation}", on_select="rerun", selection_mode="multi-row",
        hide_index=True, width="stretch", height=min(38 + 35 * max(1, len(frame)), 600),
        column_config={"antwoord": st.column_config.TextColumn("antwoord", width="large")},
    )
    ticked = [int(frame.iloc[i]["id"]) for i in (event.selection.rows if event is not None else []) if i < len(frame)]
    if number_of_pages > 1:
        st.pagination(number_of_pages, key=page_key, max_visible_pages=7)
    with bar:
        _assign_bar(assign, themes, row, ticked, page.total)


def _assign_bar(assign: _Assign, themes: pd.DataFrame, row: pd.Series, ticked: list[int], total: int) -> None:
    if themes.empty:
        st.info("Deze vraag heeft nog geen thema's: maak ze op de pagina Codeboek.")
        return
    ids = themes["theme_id"].astype(int).tolist()
    labels = dict(zip(ids, themes["label"], strict=True))
    codes = dict(zip(themes["code"], ids, strict=True))
    proposed = codes.get(row["proposed_theme"]) if row["proposed_theme"] else None
    with st.container(horizontal=True, vertical_alignment="bottom"):
        theme_id = st.selectbox("Thema", ids, index=ids.index(proposed) if proposed in ids else 0,
                                format_func=lambda t: labels[t], key=f"cl_theme_{row['cluster']}", width=320)
        label = labels.get(theme_id, "")
        st.button(f"Geven aan het hele cluster ({total})", key="cl_assign_all", type="primary",
                  icon=":material/done_all:", on_click=assign.give, args=(None, theme_id, label))
        st.button(f"Geven aan {len(ticked)} aangevinkte", key="cl_assign_ticked", disabled=not ticked,
                  icon=":material/label:", on_click=assign.give, args=(ticked, theme_id, label))
