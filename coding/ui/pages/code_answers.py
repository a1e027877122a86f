"""Coderen: code the answers of a question one at a time (with keyboard shortcuts) or in a table (bulk).

With suggestion chips, a most-informative-first order, accepting suggestions in bulk and keyword rules
(:mod:`coding.ui.suggest_panel`); answers the coder double-codes are coded blind.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from coding.errors import CodingError
from coding.store import Store
from coding.store.codings import undo_last
from coding.store.themes import theme_tree
from coding.ui import grid, single, state, suggest_panel
from coding.ui.filters import filter_bar
from coding.ui.resources import get_store
from coding.ui.text import md_escape, show_notices
from coding.vocabulary import Role
from coding.work.double_coding import blind_segment_ids

DOUBLE = "code_double_only"
ONE_BY_ONE = "Eén voor één"
TABLE = "Tabel"


def _undo(store: Store, coder: str, study_id: int) -> None:
    """Button callback: undo this coder's last coding action in this study."""
    try:
        done = undo_last(store, coder, study_id)
    except CodingError as error:
        state.notify("error", str(error))
        return
    state.notify("success" if done else "info", f"Ongedaan gemaakt: {done}." if done else "Niets om ongedaan te maken.")


def render() -> None:
    """The coding page."""
    context = state.require(coder=True, question=True, role=Role.CODER)
    assert context.study is not None and context.question is not None
    store = get_store()
    question = context.question
    with st.container(horizontal=True, vertical_alignment="center"):
        st.title("Coderen", width="stretch")
        view = st.segmented_control("Weergave", [ONE_BY_ONE, TABLE], default=ONE_BY_ONE, key=state.VIEW,
                                    label_visibility="collapsed")
        st.button("Ongedaan maken", key="undo", shortcut="u", icon=":material/undo:",
                  help="Maak je laatste codeeractie in deze studie ongedaan (toets u)",
                  on_click=_undo, args=(store, context.coder, question.study_id))
    show_notices()
    themes = theme_tree(store, question, counts=False)
    themes = themes[~themes["retired"]]
    if themes.empty:
        st.info("Deze vraag heeft nog geen thema's. Maak ze op de pagina Codeboek.", icon=":material/account_tree:")
        return
    st.caption(md_escape(f"{question.name}: {question.wording}" if question.wording else question.name))
    flt = filter_bar(store, question, themes)
    blind = blind_segment_ids(store, question, context.coder)
    with st.container(horizontal=True, vertical_alignment="center"):
        enabled = st.toggle("Suggesties", key=suggest_panel.ENABLED,
                            value=suggest_panel.on_by_default(store, question),
                            help="Thema's voorstellen met een model dat leert van de gecodeerde antwoorden. Bij grote "
                                 "vragen staat dit standaard uit: de eerste keer kost het rekenwerk (±20 s per "
                                 "20.000 antwoorden).")
        suggester = suggest_panel.load(store, question, context.coder) if enabled else None
        ordering = st.segmented_control(
            "Volgorde", [suggest_panel.PLAIN, suggest_panel.INFORMATIVE], default=suggest_panel.PLAIN,
            key=suggest_panel.ORDERING, disabled=suggester is None or view == TABLE,
            help="Meest leerzaam eerst: de antwoorden waarvan het suggestiemodel het meest leert (onzeker, of uit "
                 "een soort antwoorden die nog niemand codeerde)")
        if ordering == suggest_panel.INFORMATIVE:
            st.button("Volgorde vernieuwen", key="sg_order_refresh", icon=":material/refresh:",
                      on_click=state.set_per_question, args=(suggest_panel.ORDER_IDS, question.id, None))
        double = False
        if blind:
            double = st.toggle(f"Alleen mijn dubbel te coderen antwoorden ({len(blind)})", key=DOUBLE,
                               help="Deze antwoorden codeer je blind: zonder de coderingen van anderen en zonder "
                                    "suggesties")
    if double:
        flt = replace(flt, segment_ids=tuple(sorted(blind)))
    if suggester is not None:
        with st.expander("Suggesties in één keer accepteren"):
            if st.toggle("Bereken wat dit zou doen", key=suggest_panel.BULK_ON):
                suggester.bulk()
    if view == TABLE:
        grid.render(store, question, context.coder, flt, themes, blind)
    else:
        order = suggester.order(question.id) if suggester is not None and ordering == suggest_panel.INFORMATIVE \
            else None
        extra = (lambda item: suggester.chips(item, blind)) if suggester is not None else None
        single.render(store, question, context.coder, flt, themes, order=order, blind=blind, extra=extra)
    with st.expander("Regels uit trefwoorden"):
        if st.toggle("Toon de regels met hun precisie", key=suggest_panel.RULES_ON):
            suggest_panel.rules(store, question, context.coder)
