"""Beoordelen: double coding — the disagreements side by side, adjudication, agreement, and drawing a sample.

Every action is one library call (:mod:`coding.work.double_coding`, :mod:`coding.analysis.agreement`); the page
only shows and asks. Respondent text and memos are shown as plain text.
"""

from __future__ import annotations

import streamlit as st

from coding.analysis.agreement import OVERLAP_METHOD, agreement_sheet, agreement_table
from coding.errors import CodingError
from coding.store import QuestionRef, Store
from coding.store.codebooks import theme_table
from coding.store.segments import codings_frame
from coding.ui import state
from coding.ui.resources import get_store
from coding.ui.text import answer, md_escape, show_error, show_notices
from coding.vocabulary import Source
from coding.work.double_coding import ReviewItem, adjudicate, close_round, draw_sample, review_items, samples

#: Session keys of this page.
SHOW_ALL = "rv_show_all"
PICK = "rv_pick"


def render() -> None:
    """The review page."""
    st.title("Beoordelen")
    show_notices()
    context = state.require(coder=True, question=True)
    assert context.study is not None and context.question is not None
    store = get_store()
    question = context.question
    differences, agreement, sample = st.tabs(["Verschillen", "Overeenstemming", "Dubbel coderen"])
    with differences:
        _differences(store, question, context.coder)
    with agreement:
        _agreement(store, question)
    with sample:
        _sample(store, question, context.coder)


def _adjudicate(store: Store, segment_id: int, codes: list[str], adjudicator: str) -> None:
    try:
        count = adjudicate(store, segment_id, codes, adjudicator)
    except CodingError as error:
        state.notify("error", str(error))
        return
    state.notify("success", f"Eindcodering opgeslagen ({count} thema's).")


def _differences(store: Store, question: QuestionRef, coder: str) -> None:
    show_all = st.toggle("Ook antwoorden waarover de codeurs het eens zijn", key=SHOW_ALL)
    items = review_items(store, question, disagreements_only=not show_all)
    if not items:
        st.info("Geen verschillen om te beoordelen." if samples(store, question) else
                "Er is nog geen steekproef voor dubbel coderen. Trek er een op het tabblad 'Dubbel coderen'.")
        return
    open_count = sum(1 for i in items if i.adjudicated is None)
    st.caption(f"{len(items)} antwoorden, waarvan {open_count} nog zonder eindcodering.")
    by_id = {i.segment_id: i for i in items}
    picked = st.selectbox(
        "Antwoord",
        list(by_id),
        key=PICK,
        format_func=lambda s: f"{by_id[s].respondent} — " + ("beslist" if by_id[s].adjudicated else "open"),
    )
    _item(store, by_id[picked], coder, theme_table(store, question)["code"].tolist())


def _item(store: Store, item: ReviewItem, coder: str, active: list[str]) -> None:
    answer(item.text)
    if item.segment_memo:
        st.caption("Memo bij het antwoord:")
        st.text(item.segment_memo)
    label = lambda code: f"{item.labels.get(code, code)} ({code})"  # noqa: E731
    columns = st.columns(len(item.coders))
    own = coder in item.coders
    judge = state.allowed("coding.adjudicate")
    for column, name in zip(columns, item.coders, strict=True):
        with column.container(border=True):
            st.markdown(f"**{md_escape(name)}**")
            themes = item.themes.get(name)
            st.text("\n".join(label(c) for c in themes) if themes else "(nog niet gecodeerd)")
            if item.memos.get(name):
                st.caption("Memo:")
                st.text(item.memos[name])
            if not judge:
                continue
            st.button(
                f"Neem over van {md_escape(name)}",
                key=f"rv_take_{item.segment_id}_{name}",
                disabled=own or not themes,
                on_click=_adjudicate,
                args=(store, item.segment_id, list(themes or ()), coder),
            )
    if item.adjudicated is not None:
        st.success("Eindcodering door " + md_escape(item.adjudicator or "") + ": "
                   + md_escape(", ".join(label(c) for c in item.adjudicated)))
    if not judge:
        state.manager_only("de eindcodering kiezen")
        return
    if own:
        st.warning("Je hebt dit antwoord zelf gecodeerd; laat een andere codeur de eindcodering kiezen.")
        return
    codes = active
    default = [c for c in item.adjudicated or [] if c in codes]
    with st.form(f"rv_form_{item.segment_id}"):
        chosen = st.multiselect("Eindcodering (zelf kiezen of aanpassen)", codes, default=default, format_func=label,
                                key=f"rv_themes_{item.segment_id}")
        if st.form_submit_button("Eindcodering opslaan", type="primary", key=f"rv_save_{item.segment_id}"):
            _adjudicate(store, item.segment_id, list(chosen), coder)
            st.rerun()


def _agreement(store: Store, question: QuestionRef) -> None:
    table = agreement_table(store, question)
    units = int(table["units"].iloc[0]) if len(table) else 0
    if not units:
        st.info("Nog geen antwoord dat door twee codeurs is gecodeerd.")
        return
    shown = agreement_sheet(table).drop(columns=["thema", "codeurs"]).rename(columns={"label": "thema"})
    st.dataframe(shown, hide_index=True, width="stretch")
    st.caption("Per thema: wel of niet gegeven per antwoord; bovenste rij: de hele codering. Leeg = niet te "
               "berekenen (bijv. een thema dat niemand gebruikte). De eindcoderingen tellen hier niet mee.")
    if "overlap_f1" in table.columns:
        st.caption(md_escape("Interviews: eenheden zijn beurten (heeft de beurt het thema). Passage-overlap: "
                             + OVERLAP_METHOD + "; n = de tekens die de paren samen codeerden."))


def _close(store: Store, question: QuestionRef, actor: str) -> None:
    """Button callback: close the open double-coding rounds (a beheerder's action)."""
    try:
        closed = close_round(store, question, actor)
    except CodingError as error:
        state.notify("error", str(error))
        return
    state.notify("success", f"{closed} ronde(s) gesloten: de codeurs zien nu elkaars coderingen.")


def _sample(store: Store, question: QuestionRef, coder: str) -> None:
    existing = samples(store, question)
    for sample in existing:
        st.caption(f"Steekproef {sample.id}: {len(sample.segment_ids)} antwoorden voor "
                   f"{md_escape(', '.join(sample.coders))} (seed {sample.seed}, door {md_escape(sample.created_by)}; "
                   + ("gesloten" if sample.closed else "open: de codeurs coderen blind") + ").")
    if not state.allowed("double_coding.draw"):
        state.manager_only("een steekproef trekken of een ronde sluiten")
        return
    if any(not sample.closed for sample in existing):
        st.button("Ronde sluiten", key="rv_close", icon=":material/lock_open:", on_click=_close,
                  args=(store, question, coder),
                  help="Daarna zien de codeurs van de ronde elkaars coderingen en memo's (alleen een beheerder).")
    known = sorted(_coders(store, question))
    with st.form("rv_sample"):
        names = st.text_input("Codeurs (gescheiden door komma's)", value=", ".join(known), key="rv_names")
        how = st.radio("Hoeveel", ["Aandeel", "Aantal"], horizontal=True, key="rv_how")
        share = st.number_input("Aandeel (0–1)", min_value=0.01, max_value=1.0, value=0.1, step=0.05, key="rv_share")
        size = st.number_input("Aantal antwoorden", min_value=1, value=50, step=10, key="rv_size")
        seed = st.number_input("Seed", min_value=0, value=0, step=1, key="rv_seed")
        if st.form_submit_button("Steekproef trekken", key="rv_draw"):
            try:
                drawn = draw_sample(
                    store, question, [n for n in names.split(",") if n.strip()],
                    share=float(share) if how == "Aandeel" else None,
                    size=int(size) if how == "Aantal" else None, seed=int(seed), actor=coder,
                )
            except CodingError as error:
                show_error(error)
                return
            state.notify("success", f"{len(drawn.segment_ids)} antwoorden toegewezen aan {', '.join(drawn.coders)}.")
            st.rerun()


def _coders(store: Store, question: QuestionRef) -> set[str]:
    codings = codings_frame(store, question)
    return set(codings.loc[codings["source"] != Source.ADJUDICATED, "coder"])
