"""Editing a question's wording (the question as it was put to respondents) in the app."""

from __future__ import annotations

import streamlit as st

from coding.errors import CodingError
from coding.store import QuestionRef, Store
from coding.store.wording import set_wording
from coding.ui import state


def wording_editor(store: Store, question: QuestionRef, coder: str) -> None:
    """An expander with the question's wording, to correct or fill in; saved with the coder's name in the history."""
    title = "Vraagtekst" if question.wording else "Vraagtekst (nog leeg)"
    with st.expander(title, icon=":material/help:"):
        st.caption("Zo is de vraag gesteld. Het rapport noemt de vraag zo, en bij het coderen staat deze tekst "
                   "boven het antwoord.")
        key = f"wording_{question.id}"
        text = st.text_area("Vraagtekst", value=question.wording, key=key, label_visibility="collapsed",
                            placeholder="Bijv. Wat belemmert u om een dilemma of kwestie te bespreken?")
        if st.button("Vraagtekst opslaan", key=f"{key}_save", disabled=text.strip() == question.wording):
            try:
                set_wording(store, question, text, coder)
            except CodingError as error:
                st.error(str(error))
                return
            state.notify("success", "Vraagtekst opgeslagen.")
            st.rerun()
