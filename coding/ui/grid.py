"""Coding in a table: one page of answers with their themes; select rows and give or take a theme in one action."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from coding.errors import CodingError
from coding.store import QuestionRef, Store
from coding.store.codings import code_segments, uncode_segments
from coding.store.queue import ORDERS, QueueFilter, QueuePage, queue_ids, queue_page
from coding.ui import state
from coding.ui.text import md_escape

ORDER_LABELS = {"import": "importvolgorde", "respondent": "respondent", "longest": "langste eerst",
                "shortest": "kortste eerst"}
PAGE_SIZES = (25, 50, 100, 200)


def page_frame(page: QueuePage, labels: dict[int, str], blind: frozenset[int] = frozenset()) -> pd.DataFrame:
    """The rows of a queue page as the table shows them (answer text stays plain text in its cell); on ``blind``
    answers (the coder double-codes them) no other coder is shown."""
    rows = []
    for item in page.items:
        rows.append({
            "id": item.segment_id,
            "respondent": item.respondent,
            "antwoord": item.text,
            "thema's": "; ".join(labels.get(t, str(t)) for t in item.themes),
            "codeurs": "(dubbel coderen)" if item.segment_id in blind else ", ".join(item.coders),
            "citaat": item.is_quote,
            "memo": item.memo,
            **{k: "" if v is None else str(v) for k, v in item.attributes.items()},
        })
    columns = ["id", "respondent", "antwoord", "thema's", "codeurs", "citaat", "memo"]
    return pd.DataFrame(rows) if rows else pd.DataFrame(columns=columns)


class Bulk:
    """Bulk actions of the table (button callbacks): each is one transaction in the store."""

    def __init__(self, store: Store, question: QuestionRef, coder: str, flt: QueueFilter) -> None:
        self.store, self.question, self.coder, self.filter = store, question, coder, flt

    def _done(self) -> None:
        st.session_state[state.GRID_GENERATION] = st.session_state.get(state.GRID_GENERATION, 0) + 1

    def assign(self, segment_ids: list[int], theme_id: int, label: str) -> None:
        """Give a theme to the chosen answers."""
        try:
            added = code_segments(self.store, segment_ids, theme_id, self.coder)
        except CodingError as error:
            state.notify("error", str(error))
            return
        state.notify("success", f"'{label}' gegeven aan {added} antwoord(en) "
                     f"({len(segment_ids) - added} hadden het al).")
        self._done()

    def assign_all(self, theme_id: int, label: str) -> None:
        """Give a theme to every answer that matches the current filter."""
        ids = queue_ids(self.store, self.question, self.coder, self.filter)
        if ids:
            self.assign(ids, theme_id, label)

    def remove(self, segment_ids: list[int], theme_id: int, label: str) -> None:
        """Take a theme off the chosen answers (this coder's codings only)."""
        try:
            removed = uncode_segments(self.store, segment_ids, theme_id, self.coder)
        except CodingError as error:
            state.notify("error", str(error))
            return
        state.notify("success", f"'{label}' weggehaald bij {removed} antwoord(en).")
        self._done()


def render(store: Store, question: QuestionRef, coder: str, flt: QueueFilter,
           themes: pd.DataFrame, blind: frozenset[int] = frozenset()) -> None:
    """Draw the table view with paging and the bulk bar."""
    with st.container(horizontal=True, vertical_alignment="bottom"):
        order = str(st.selectbox("Volgorde", list(ORDERS), format_func=lambda o: ORDER_LABELS.get(o, o),
                                 key=state.GRID_ORDER, width=200))
        size = int(st.selectbox("Per pagina", PAGE_SIZES, index=1, key=state.GRID_SIZE, width=120) or PAGE_SIZES[1])
    number = int(st.session_state.get(state.GRID_PAGE, 1) or 1)
    page = queue_page(store, question, coder, flt, offset=(number - 1) * size, limit=size, order=order)
    if number > page.pages:
        number = page.pages
        st.session_state[state.GRID_PAGE] = number
        page = queue_page(store, question, coder, flt, offset=(number - 1) * size, limit=size, order=order)
    labels = dict(zip(themes["theme_id"].astype(int), themes["label"], strict=True))
    frame = page_frame(page, labels, blind)
    bulk_area = st.container()  # drawn above the table, filled once the table has said which rows are ticked
    generation = st.session_state.get(state.GRID_GENERATION, 0)
    event = st.dataframe(
        frame,
        key=f"grid_selection_{generation}",
        on_select="rerun",
        selection_mode="multi-row",
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * max(1, len(frame)), 700),
        column_config={
            "id": st.column_config.NumberColumn("id", width="small", format="%d"),
            "antwoord": st.column_config.TextColumn("antwoord", width="large"),
            "thema's": st.column_config.TextColumn("thema's", width="medium"),
            "citaat": st.column_config.CheckboxColumn("citaat", width="small"),
        },
    )
    rows = list(event.selection.rows) if event is not None else []
    chosen = [int(frame.iloc[i]["id"]) for i in rows if i < len(frame)]
    start = page.offset + 1 if page.total else 0
    st.caption(f"{start}–{page.offset + len(page.items)} van {page.total} antwoorden · {len(chosen)} gekozen")
    if page.pages > 1:
        st.pagination(page.pages, key=state.GRID_PAGE, max_visible_pages=9)
    with bulk_area:
        _bulk_bar(Bulk(store, question, coder, flt), chosen, page.total, themes)


def _bulk_bar(bulk: Bulk, chosen: list[int], total: int, themes: pd.DataFrame) -> None:
    ids = themes["theme_id"].astype(int).tolist()
    labels = dict(zip(ids, themes["label"], strict=True))
    with st.container(horizontal=True, vertical_alignment="bottom"):
        theme_id = st.selectbox("Thema", ids, format_func=lambda t: labels[t], key=state.BULK_THEME, width=320)
        label = labels.get(theme_id, "")
        st.button(f"Geven aan {len(chosen)} gekozen", key="bulk_assign", type="primary", disabled=not chosen,
                  icon=":material/label:", on_click=bulk.assign, args=(chosen, theme_id, label))
        st.button(f"Weghalen bij {len(chosen)} gekozen", key="bulk_remove", disabled=not chosen,
                  icon=":material/label_off:", on_click=bulk.remove, args=(chosen, theme_id, label))
        with st.popover(f"Geven aan alle {total} in dit filter", disabled=not total, icon=":material/done_all:"):
            st.caption(md_escape(f"'{label}' wordt gegeven aan alle {total} antwoorden die nu aan het filter "
                                 "voldoen (ook op andere pagina's). Ongedaan maken kan met 'Ongedaan maken'."))
            st.button("Ja, allemaal", key="bulk_assign_all", type="primary", on_click=bulk.assign_all,
                      args=(theme_id, label))
