"""Coding one answer at a time: the text, the respondent's attributes, theme toggles with keyboard shortcuts.

Keys: 1–9 toggle the first nine themes, n next, p previous, s skip, q citaat (quote) on/off, u undo. Streamlit
reserves the keys C and R (clear cache, rerun), so the citaat toggle is on Q. Every button acts in a callback, so
one key press is one rerun.

An interview turn is also shown as numbered sentences: the coder picks a range of them (a slider: drag, or the
arrow keys) and a theme to code just that passage; coded passages are highlighted with their themes and can be
flagged as a quote.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pandas as pd
import streamlit as st

from coding.errors import CodingError, NotFoundError
from coding.ingest.transcripts import format_time
from coding.nlp.sentences import Sentence, sentence_span, split_sentences
from coding.store import QuestionRef, Store
from coding.store.codings import (
    add_coding,
    code_passage,
    passage_codings,
    remove_coding,
    set_memo,
    set_passage_quote,
    set_quote,
    uncode_segments,
)
from coding.store.queue import (
    QueueFilter,
    QueueItem,
    get_item,
    item_context,
    last_coded,
    next_item,
    ordered_queue,
    queue_position,
)
from coding.ui import state
from coding.ui.text import answer, md_escape
from coding.work.double_coding import assignment_memo, set_assignment_memo

#: Themes beyond the ninth get a button but no number key.
SHORTCUT_THEMES = 9
HISTORY = "code_history"
FILTER_SIGNATURE = "code_filter_signature"


class Walker:
    """Moves through the queue of one question for one coder; all methods are button callbacks."""

    def __init__(self, store: Store, question: QuestionRef, coder: str, flt: QueueFilter,
                 order: list[int] | None = None, blind: frozenset[int] = frozenset()) -> None:
        self.store, self.question, self.coder = store, question, coder
        #: Walk the answers in this order (e.g. most informative first) instead of import order.
        self.order = order
        #: Answers this coder double-codes: their memo is their own, other coders stay hidden.
        self.blind = blind
        skipped = tuple(state.per_question(state.SKIPPED, question.id) or ())
        self.filter = replace(flt, exclude=flt.exclude + skipped)
        signature = repr((flt, order is not None))
        previous = state.per_question(FILTER_SIGNATURE, question.id)
        if previous is not None and previous != signature:
            # a new filter starts at its first answer rather than keeping one it may not contain
            state.set_per_question(state.CURRENT, question.id, None)
            st.query_params.pop(state.CURRENT_PARAM, None)
        state.set_per_question(FILTER_SIGNATURE, question.id, signature)

    # -- where we are -------------------------------------------------------------------------------------------
    def current(self) -> QueueItem | None:
        """The answer shown: the one kept in the session (or the URL after a reload), else the first in the queue."""
        segment_id = state.per_question(state.CURRENT, self.question.id)
        if segment_id is None:
            segment_id = _url_segment()
        if segment_id is not None:
            try:
                item = get_item(self.store, int(segment_id), self.coder)
            except (NotFoundError, ValueError):
                item = None
            if item is not None and item.question_id == self.question.id:
                state.set_per_question(state.CURRENT, self.question.id, item.segment_id)
                return item
        item = self._after(None)
        state.set_per_question(state.CURRENT, self.question.id, item.segment_id if item else None)
        return item

    def ordered(self) -> list[int]:
        """The answers of the own order that are in the filtered queue (empty when walking in import order)."""
        if self.order is None:
            return []
        return ordered_queue(self.store, self.question, self.coder, self.filter, self.order)

    def _after(self, segment_id: int | None) -> QueueItem | None:
        """The next answer in the queue after this one (the first when None), in the walker's order."""
        if self.order is None:
            return next_item(self.store, self.question, self.coder, self.filter, after=segment_id)
        rank = {s: i for i, s in enumerate(self.order)}
        start = rank.get(segment_id, -1) if segment_id is not None else -1
        following = [s for s in self.ordered() if rank[s] > start]
        return get_item(self.store, following[0], self.coder) if following else None

    def _go(self, segment_id: int | None, *, remember: int | None = None) -> None:
        if remember is not None:
            history = st.session_state.setdefault(HISTORY, {}).setdefault(self.question.id, [])
            history.append(remember)
            del history[:-200]
        state.set_per_question(state.CURRENT, self.question.id, segment_id)
        if segment_id is None:
            st.query_params.pop(state.CURRENT_PARAM, None)
        else:
            st.query_params[state.CURRENT_PARAM] = str(segment_id)

    # -- callbacks ----------------------------------------------------------------------------------------------
    def next(self, segment_id: int) -> None:
        """Go to the next answer in the queue after this one."""
        found = self._after(segment_id)
        self._go(found.segment_id if found else None, remember=segment_id)

    def skip(self, segment_id: int) -> None:
        """Leave this answer for now: it is not offered again in this session (until 'show skipped')."""
        skipped = list(state.per_question(state.SKIPPED, self.question.id) or [])
        state.set_per_question(state.SKIPPED, self.question.id, [*skipped, segment_id])
        self.filter = replace(self.filter, exclude=(*self.filter.exclude, segment_id))
        self.next(segment_id)

    def previous(self, segment_id: int) -> None:
        """Back to the answer seen before this one in this session; after a page reload (no history in the new
        session) to the answer this coder coded last."""
        history = st.session_state.setdefault(HISTORY, {}).setdefault(self.question.id, [])
        if history:
            self._go(history.pop())
            return
        found = last_coded(self.store, self.question, self.coder, other_than=segment_id)
        if found is not None:
            self._go(found)
        else:
            state.notify("info", "Er is nog geen eerder antwoord: je hebt bij deze vraag nog niets gecodeerd.")

    def toggle(self, segment_id: int, theme_id: int, applied: bool) -> None:
        """Give the theme, or take it off when the button showed it as given."""
        try:
            if applied:
                remove_coding(self.store, segment_id, theme_id, self.coder)
            else:
                add_coding(self.store, segment_id, theme_id, self.coder)
        except CodingError as error:
            state.notify("error", str(error))

    def quote(self, segment_id: int, is_quote: bool) -> None:
        """Flip the citaat flag."""
        try:
            set_quote(self.store, segment_id, not is_quote, self.coder)
        except CodingError as error:
            state.notify("error", str(error))

    def memo(self, segment_id: int) -> None:
        """Save the memo typed for this answer."""
        text = str(st.session_state.get(f"memo_{segment_id}", ""))
        try:
            if segment_id in self.blind:
                set_assignment_memo(self.store, segment_id, self.coder, text)
            else:
                set_memo(self.store, segment_id, text, self.coder)
            state.notify("success", "Memo opgeslagen.")
        except CodingError as error:
            state.notify("error", str(error))

    def code_passage(self, segment_id: int, sentences: list[Sentence]) -> None:
        """Give the chosen sentences of the turn the chosen theme."""
        chosen = st.session_state.get(f"ps_range_{segment_id}", (1, 1))
        first, last = (chosen, chosen) if isinstance(chosen, int) else chosen
        theme_id = st.session_state.get(f"ps_theme_{segment_id}")
        try:
            if theme_id is None:
                raise CodingError("Kies eerst een thema voor de passage.")
            span = sentence_span(sentences, int(first), int(last))
            if code_passage(self.store, segment_id, int(theme_id), self.coder, span):
                state.notify("success", f"Passage (zin {first}–{last}) gecodeerd.")
            else:
                state.notify("info", "Deze passage had dit thema al.")
        except CodingError as error:
            state.notify("error", str(error))

    def passage_quote(self, segment_id: int, span: tuple[int, int], is_quote: bool) -> None:
        """Flip the citaat flag of a coded passage."""
        try:
            set_passage_quote(self.store, segment_id, span, not is_quote, self.coder)
        except CodingError as error:
            state.notify("error", str(error))

    def remove_passage(self, segment_id: int, span: tuple[int, int], theme_ids: tuple[int, ...]) -> None:
        """Take every theme off a coded passage."""
        try:
            for theme_id in theme_ids:
                uncode_segments(self.store, [segment_id], theme_id, self.coder, span=span)
        except CodingError as error:
            state.notify("error", str(error))

    def show_skipped(self) -> None:
        """Offer the skipped answers again."""
        state.set_per_question(state.SKIPPED, self.question.id, [])

    def restart(self) -> None:
        """Start again at the top of the queue."""
        self._go(None)
        st.session_state.setdefault(state.CURRENT, {}).pop(self.question.id, None)


def _url_segment() -> str | None:
    value = st.query_params.get(state.CURRENT_PARAM)
    return value if value and value.isdigit() else None


def render(store: Store, question: QuestionRef, coder: str, flt: QueueFilter,
           themes: pd.DataFrame, *, order: list[int] | None = None, blind: frozenset[int] = frozenset(),
           extra: Callable[[QueueItem], None] | None = None) -> None:
    """Draw the one-by-one view; ``order`` walks the answers in that order, ``blind`` are the answers this coder
    double-codes (others' coders and the segment memo hidden), ``extra`` draws more below the theme buttons."""
    walker = Walker(store, question, coder, flt, order, blind)
    item = walker.current()
    skipped = state.per_question(state.SKIPPED, question.id) or []
    if item is None:
        st.success("Klaar: er zijn geen antwoorden meer in deze selectie.", icon=":material/task_alt:")
        with st.container(horizontal=True):
            st.button("Opnieuw vanaf het begin", on_click=walker.restart, key="nav_restart")
            if skipped:
                st.button(f"Overgeslagen antwoorden tonen ({len(skipped)})", on_click=walker.show_skipped,
                          key="nav_show_skipped")
        return
    st.query_params[state.CURRENT_PARAM] = str(item.segment_id)
    # "Antwoord x van y" counts the whole selection: it is filled in last, so that the answer and its buttons are
    # on screen first (on a million answers with a team at work the count can take half a second).
    header = st.empty()
    text_col, side_col = st.columns([3, 1])
    with text_col:
        if question.wording:  # the question as it was put, right above the answer to it
            st.markdown(f"**{md_escape(question.wording)}**")
        _text(store, item)
    with side_col:
        _attributes(item)
    _theme_buttons(walker, item, themes)
    if item.speaker is not None and item.substantive:
        _passages(walker, item, themes)
    if extra is not None:
        extra(item)
    _navigation(walker, item)
    _memo(walker, item)
    with header:
        _header(walker, item, len(skipped))


def _header(walker: Walker, item: QueueItem, skipped: int) -> None:
    if walker.order is not None:
        ordered = walker.ordered()
        if item.segment_id in ordered:
            where = f"Antwoord {ordered.index(item.segment_id) + 1} van {len(ordered)} (meest leerzaam eerst)"
        else:
            where = f"{len(ordered)} antwoorden over (meest leerzaam eerst)"
    else:
        position = queue_position(walker.store, walker.question, walker.coder, walker.filter, item.segment_id)
        if position.included:
            where = f"Antwoord {position.before + 1} van {position.total} in deze selectie"
        else:
            where = f"{position.total} antwoorden over in deze selectie"
    parts = [where, f"respondent {item.respondent}"]
    if item.segment_id in walker.blind:
        parts.append("dubbel coderen: je codeert blind")
    others = [] if item.segment_id in walker.blind else [c for c in item.coders if c != walker.coder]
    if others:
        parts.append("ook gecodeerd door " + ", ".join(others))
    if skipped:
        parts.append(f"{skipped} overgeslagen")
    st.caption(md_escape(" · ".join(parts)))


def _text(store: Store, item: QueueItem) -> None:
    context = item_context(store, item.segment_id) if item.speaker is not None else []
    before = [(s, t) for p, s, t in context if p < item.position]
    after = [(s, t) for p, s, t in context if p > item.position]
    for speaker, text in before:
        st.text(f"{speaker or ''}: {text}", width="stretch")
    if item.speaker:
        when = format_time(item.start_time)
        st.caption(md_escape(item.speaker + (f" · {when}" if when else "")))
    answer(item.text)
    for speaker, text in after:
        st.text(f"{speaker or ''}: {text}", width="stretch")


def _attributes(item: QueueItem) -> None:
    lines = [f"{k}: {'' if v is None else v}" for k, v in item.attributes.items()]
    if item.weight is not None:
        lines.append(f"weging: {item.weight:g}")
    if lines:
        with st.container(border=True):
            st.text("\n".join(lines), width="stretch")


def _theme_buttons(walker: Walker, item: QueueItem, themes: pd.DataFrame) -> None:
    st.caption("Thema's — toets 1–9 zet een thema aan of uit")
    with st.container(horizontal=True, gap="small"):
        for number, row in enumerate(themes.itertuples(index=False), start=1):
            applied = row.theme_id in item.themes
            prefix = "↳ " if row.depth else ""
            st.button(
                md_escape(prefix + row.label),
                key=f"theme_{row.theme_id}",
                type="primary" if applied else "secondary",
                icon=":material/check:" if applied else None,
                shortcut=str(number) if number <= SHORTCUT_THEMES else None,
                help=md_escape(row.definition) if row.definition else None,
                on_click=walker.toggle,
                args=(item.segment_id, int(row.theme_id), applied),
            )


def _passages(walker: Walker, item: QueueItem, themes: pd.DataFrame) -> None:
    """The turn as numbered sentences, coded passages highlighted; pick sentences and a theme to code a passage."""
    sentences = split_sentences(item.text, item.start_char or 0)
    if not sentences:
        return
    coded = passage_codings(walker.store, item.segment_id, walker.coder)
    labels = dict(zip(themes["theme_id"].astype(int), themes["label"].astype(str), strict=True))
    with st.expander(f"Passage coderen ({len(coded)} gecodeerd)", expanded=True):
        for sentence in sentences:
            own = [label for p in coded if p.start < sentence.end and sentence.start < p.end for label in p.labels]
            line = md_escape(f"{sentence.number}. {sentence.text}")
            if own:
                st.markdown(f":orange-background[{line}] " + md_escape("[" + ", ".join(dict.fromkeys(own)) + "]"))
            else:
                st.markdown(line)
        numbers = [s.number for s in sentences]
        with st.container(horizontal=True, vertical_alignment="bottom"):
            if len(numbers) > 1:
                st.select_slider("Zinnen (sleep, of pijltjestoetsen)", options=numbers, value=(1, 1),
                                 key=f"ps_range_{item.segment_id}")
            st.selectbox("Thema voor de passage", options=list(labels), format_func=lambda t: labels[t],
                         index=None, placeholder="Kies een thema", key=f"ps_theme_{item.segment_id}")
            st.button("Passage coderen", key="ps_code", icon=":material/format_quote:",
                      on_click=walker.code_passage, args=(item.segment_id, sentences))
        for number, passage in enumerate(coded):
            span = (passage.start, passage.end)
            with st.container(border=True):
                st.text(passage.text, width="stretch")
                with st.container(horizontal=True, vertical_alignment="center"):
                    st.caption(md_escape(", ".join(passage.labels)))
                    st.button("Citaat", key=f"ps_quote_{number}",
                              icon=":material/star:" if passage.is_quote else ":material/star_border:",
                              type="primary" if passage.is_quote else "tertiary",
                              on_click=walker.passage_quote, args=(item.segment_id, span, passage.is_quote))
                    st.button("Verwijderen", key=f"ps_remove_{number}", icon=":material/delete:", type="tertiary",
                              on_click=walker.remove_passage, args=(item.segment_id, span, passage.themes))


def _navigation(walker: Walker, item: QueueItem) -> None:
    with st.container(horizontal=True, gap="small"):
        st.button("Vorige", key="nav_prev", icon=":material/arrow_back:", shortcut="p",
                  on_click=walker.previous, args=(item.segment_id,))
        st.button("Overslaan", key="nav_skip", icon=":material/redo:", shortcut="s",
                  on_click=walker.skip, args=(item.segment_id,))
        st.button("Volgende", key="nav_next", icon=":material/arrow_forward:", shortcut="n", type="primary",
                  on_click=walker.next, args=(item.segment_id,))
        st.button("Citaat", key="nav_quote", shortcut="q",
                  icon=":material/star:" if item.is_quote else ":material/star_border:",
                  type="primary" if item.is_quote else "tertiary",
                  help="Markeer dit antwoord als citeerbaar (toets q)",
                  on_click=walker.quote, args=(item.segment_id, item.is_quote))


def _memo(walker: Walker, item: QueueItem) -> None:
    key = f"memo_{item.segment_id}"
    memo = item.memo
    if item.segment_id in walker.blind:
        memo = assignment_memo(walker.store, item.segment_id, walker.coder) or ""
    with st.expander("Memo" + (" (1)" if memo else ""), expanded=bool(memo)):
        st.text_area("Memo bij dit antwoord", value=memo, key=key, label_visibility="collapsed",
                     placeholder="Notitie voor jezelf of het team")
        st.button("Memo opslaan", key="memo_save", on_click=walker.memo, args=(item.segment_id,))
