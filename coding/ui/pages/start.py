"""Start / Studie: create or open a study, import data into it, and see per question how far coding has come."""

from __future__ import annotations

import streamlit as st

from coding.errors import CodingError
from coding.store import Store, StudyRef
from coding.store.progress import coder_progress
from coding.store.studies import STATUS_LABELS, list_studies, study_status
from coding.store.workspace import create_study
from coding.ui import state
from coding.ui.import_wizard import survey_wizard, transcript_wizard
from coding.ui.next_step import next_step
from coding.ui.resources import get_store
from coding.ui.text import md_escape, show_error, show_notices
from coding.vocabulary import QuestionKind


def render() -> None:
    """The start page."""
    st.title("Start")
    show_notices()
    store = get_store()
    context = state.context()
    if not context.coder:
        st.info("Vul links in de zijbalk je naam in als codeur: elke codering wordt op die naam vastgelegd.",
                icon=":material/person:")
    if state.allowed("study.create"):
        _new_study(store, context.coder)
    if context.study is None:
        studies = list_studies(store)
        if studies.empty:
            st.info("Er zijn nog geen studies. Maak hierboven een studie, of laad de demo met `coding demo`."
                    if state.allowed("study.create") else
                    "Je hebt nog geen rol in een studie. Vraag een beheerder om je toe te voegen.")
        else:
            st.subheader("Studies")
            st.caption("Kies links een studie om die te openen.")
            st.dataframe(
                studies[["study", "questions", "respondents"]].rename(
                    columns={"study": "studie", "questions": "vragen", "respondents": "respondenten"}
                ),
                hide_index=True,
                width="stretch",
            )
        return
    st.header(md_escape(context.study.name))
    _overview(store, context.study)
    _import(store, context.study, context.coder)


def _new_study(store: Store, coder: str) -> None:
    with st.expander("Nieuwe studie maken", icon=":material/add:"):
        with st.form("new_study", clear_on_submit=True, border=False):
            name = st.text_input("Naam van de studie", max_chars=200)
            description = st.text_input("Omschrijving (optioneel)")
            submitted = st.form_submit_button("Studie maken", type="primary")
        if submitted:
            try:
                created = create_study(store, name, coder or "onbekend", description)
            except CodingError as error:
                show_error(error)
                return
            state.notify("success", f"Studie '{created.name}' gemaakt. Importeer nu de gegevens.")
            state.open_study(created.name)
            st.rerun()


def _overview(store: Store, study: StudyRef) -> None:
    status = study_status(store, study)
    if status.empty:
        st.info("Deze studie heeft nog geen vragen. Importeer hieronder een enquête-export of transcripten.")
        return
    st.info(next_step(store, status, state.context().question), icon=":material/arrow_forward:")
    st.subheader("Voortgang per vraag")
    table = status.rename(columns=STATUS_LABELS)
    kinds = {QuestionKind.SURVEY: "enquête", QuestionKind.INTERVIEW: "interview"}
    table["soort"] = table["soort"].map(kinds).fillna(table["soort"])
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            "gecodeerd %": st.column_config.ProgressColumn(
                "gecodeerd %", min_value=0, max_value=100, format="%.1f%%",
                help="Inhoudelijke antwoorden met minstens één thema (van welke codeur ook)",
            ),
        },
    )
    per_coder = coder_progress(store, study)
    if not per_coder.empty:
        st.caption("Per codeur (inhoudelijke antwoorden die deze codeur heeft gecodeerd):")
        st.dataframe(per_coder.rename(columns=STATUS_LABELS), hide_index=True, width="stretch", column_config={
            "gecodeerd %": st.column_config.ProgressColumn("gecodeerd %", min_value=0, max_value=100, format="%.1f%%"),
        })


def _import(store: Store, study: StudyRef, coder: str) -> None:
    st.subheader("Gegevens importeren")
    if not coder:
        st.caption("Vul eerst je naam in als codeur; de import wordt op je naam vastgelegd.")
        return
    if not state.allowed("import.survey"):
        state.manager_only("gegevens importeren")
        return
    survey, transcripts = st.tabs(["Enquête (CSV, XLSX, SPSS)", "Interviews (.docx, .txt)"])
    with survey:
        survey_wizard(store, study, coder)
    with transcripts:
        transcript_wizard(store, study, coder)
