"""The sidebar every page shares: who codes, which study, which wave, which question — bound to the URL.

On a database with accounts it first asks for a login (:mod:`coding.ui.login`), shows only the studies the user
has a role in, and has "Uitloggen" instead of the coder field.

It is drawn by ``app_streamlit.py`` before the page runs, so its widgets belong to the main script: their values
stay in the URL across page switches and reloads (``bind="query-params"``).
"""

from __future__ import annotations

import streamlit as st

from coding.errors import CodingError
from coding.store import Store
from coding.store.refs import QuestionRef, StudyRef
from coding.store.studies import list_questions, study_ref
from coding.store.waves import list_waves
from coding.store.workspace import study_names
from coding.ui import login, state
from coding.ui.resources import get_store
from coding.ui.text import md_escape, show_error
from coding.vocabulary import QuestionKind


def render() -> state.Context:
    """Draw the coder / study / question pickers and return what is chosen, resolved once for the whole run (the
    URL keeps the names; the pages get the references)."""
    try:
        if login.required():  # a database with accounts: nothing about a study before a login
            login.show_form()
            st.stop()
        store = get_store()
    except CodingError as error:  # not a database, read-only, server down: say what to do, not a traceback
        show_error(error, "De database is niet te gebruiken")
        st.stop()
    state.apply_pending()
    with st.sidebar:
        if state.logged_in_user():
            login.user_box()  # the coder is who logged in: no name to type
        else:
            st.text_input(
                "Codeur",
                key=state.CODER,
                bind="query-params",
                placeholder="Je naam, bijv. anna",
                help="Elke codering wordt op deze naam vastgelegd. Twee codeurs coderen onafhankelijk van elkaar.",
                max_chars=100,
            )
        names = study_names(store)
        if st.session_state.get(state.STUDY) not in names:
            st.session_state.pop(state.STUDY, None)
        chosen_study = st.selectbox(
            "Studie",
            names,
            index=0 if len(names) == 1 else None,  # the only study is the one to open
            key=state.STUDY,
            bind="query-params",
            placeholder="Kies een studie" if names else "Nog geen studies",
        )
        study: StudyRef | None = None
        question: QuestionRef | None = None
        wave: str | None = None
        if chosen_study:
            study = study_ref(store, chosen_study)
            wave = _wave(store, study)
            questions = {q.name: q for q in list_questions(store, study)}
            if st.session_state.get(state.QUESTION) not in questions:
                st.session_state.pop(state.QUESTION, None)
            if questions:
                chosen = st.selectbox(
                    "Vraag",
                    list(questions),
                    index=0,
                    key=state.QUESTION,
                    bind="query-params",  # the URL holds the option as shown, so options are shown as they are
                )
                question = questions.get(chosen) if chosen else None
            else:  # a widget of its own: the bound one kept showing the previous study's question in the browser
                st.selectbox("Vraag", [], index=None, disabled=True, placeholder="Nog geen vragen — importeer gegevens")
            if question is not None:
                kind = "interview" if question.kind == QuestionKind.INTERVIEW else "open vraag"
                wording = question.wording.replace("\n", " ")[:300]
                st.caption(md_escape(f"{kind}: {wording}" if wording else kind))
        st.caption("Database: " + md_escape(store.url))
    context = state.Context(state.coder(), study, question, wave)
    st.session_state[state.CONTEXT] = context
    return context


def _wave(store: Store, study: StudyRef) -> str | None:
    """The wave picker, shown only for a study with more than one wave (default: the latest); queue, clusters and
    progress then work within it."""
    waves = list_waves(store, study)
    if len(waves) < 2:
        st.session_state.pop(state.WAVE, None)
        return None
    if st.session_state.get(state.WAVE) not in waves:
        st.session_state[state.WAVE] = waves[-1]
    chosen = st.selectbox("Meting", waves, key=state.WAVE, bind="query-params",
                          help="Wachtrij, clusters en voortgang gaan over deze meting; suggesties leren van de "
                          "coderingen van alle metingen.")
    return str(chosen) if chosen else waves[-1]
