"""Suggestions on the Coderen page: chips per answer, most-informative ordering, accept-in-bulk, keyword rules.

Drawing only: every figure comes from :mod:`coding.work.suggestions` and :mod:`coding.work.rules`; the features and
the model are cached in :mod:`coding.ui.resources`. No suggestions on answers a coder double-codes (they code those
blind).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import streamlit as st

from coding.errors import CodingError
from coding.store import QuestionRef, Store
from coding.store.codings import add_coding
from coding.store.queue import QueueFilter, QueueItem, queue_count
from coding.ui import state
from coding.ui.resources import get_features, get_model
from coding.ui.text import md_escape
from coding.vocabulary import Source
from coding.work.double_coding import sampled_segment_ids

if TYPE_CHECKING:  # scikit-learn is imported when suggestions are first drawn, not when the app starts
    from coding.nlp.suggest import ThemeSuggester
    from coding.work.suggestions import BulkPreview, QuestionFeatures

PLAIN = "Gewone volgorde"
INFORMATIVE = "Meest leerzaam eerst"
#: Session keys: the ordering choice, the informative order per question, the bulk threshold.
ORDERING = "sg_ordering"
ORDER_IDS = "sg_order_ids"
THRESHOLD = "sg_threshold"
RULE_PRECISION = "sg_rule_precision"
#: Session keys of the switches: suggestions on/off, the bulk preview and the rule table (computed only when on).
ENABLED = "sg_enabled"
BULK_ON = "sg_bulk_on"
RULES_ON = "sg_rules_on"
#: Above this many answers suggestions start switched off: building the features takes a while the first time.
LARGE_QUESTION = 3_000
#: How many answers the informative order holds (it is recomputed with "Volgorde vernieuwen").
ORDER_LIMIT = 500


@dataclass
class Suggester:
    """The features and model of one question, for one coder."""

    store: Store
    question: QuestionRef
    coder: str
    features: QuestionFeatures
    model: ThemeSuggester

    @property
    def ready(self) -> bool:
        """Whether enough answers are coded to show the model's suggestions."""
        from coding.work.suggestions import MIN_CODED

        return self.coded >= MIN_CODED

    @property
    def coded(self) -> int:
        """How many coded answers the model learned from."""
        return int(getattr(self.model, "n_coded_", 0))

    # -- chips --------------------------------------------------------------------------------------------------
    def accept(self, segment_id: int, theme_id: int) -> None:
        """Button callback: take a suggested theme (source ``suggestion``)."""
        try:
            add_coding(self.store, segment_id, theme_id, self.coder, source=Source.SUGGESTION)
        except CodingError as error:
            state.notify("error", str(error))

    def chips(self, item: QueueItem, blind: frozenset[int]) -> None:
        """The suggested themes of the answer shown, as buttons with their probability."""
        if item.segment_id in blind or not item.substantive:
            return
        from coding.work.suggestions import not_enough_message, reasons, suggestions_for

        if not self.ready:
            st.caption(not_enough_message(self.coded))
            return
        hidden = sampled_segment_ids(self.store, self.question)
        found = suggestions_for(self.features, self.model, [item.segment_id], hidden=hidden).get(item.segment_id, [])
        found = [(c, p) for c, p in found if c in self.features.theme_ids
                 and self.features.theme_ids[c] not in item.themes]
        if not found:
            return
        st.caption("Suggesties — klik om over te nemen")
        why = reasons(self.features, self.model, item.segment_id, found[0][0])
        if why:  # the answer's own words: shown as plain text, never as Markdown
            label = self.features.labels.get(found[0][0], found[0][0])
            st.text(f"Waarom {label}: {', '.join(why)}")
        with st.container(horizontal=True, gap="small"):
            for code, p in found:
                theme_id = self.features.theme_ids[code]
                st.button(md_escape(f"✓ {self.features.labels.get(code, code)} · {p:.2f}"),
                          key=f"suggest_{item.segment_id}_{theme_id}", type="tertiary",
                          help="Voorgesteld door het model op grond van de antwoorden die al gecodeerd zijn",
                          on_click=self.accept, args=(item.segment_id, theme_id))

    # -- ordering -----------------------------------------------------------------------------------------------
    def order(self, question_id: int) -> list[int]:
        """The informative order of the coder's open answers, kept for the session until refreshed."""
        from coding.work.suggestions import informative_order

        kept = state.per_question(ORDER_IDS, question_id)
        if kept is None:
            model = self.model if self.ready else None
            kept = informative_order(self.store, self.features, model, self.coder, limit=ORDER_LIMIT)
            state.set_per_question(ORDER_IDS, question_id, kept)
        return list(kept)

    # -- bulk ---------------------------------------------------------------------------------------------------
    def bulk(self) -> None:
        """Accept every suggestion with p ≥ t: a threshold, what it would do, then a confirm button."""
        from coding.work.suggestions import bulk_preview, not_enough_message

        if not self.ready:
            st.caption(not_enough_message(self.coded))
            return
        threshold = st.slider("Drempel (p ≥ t)", 0.5, 0.99, 0.9, 0.01, key=THRESHOLD)
        preview = bulk_preview(self.store, self.features, self.model, self.coder, threshold)
        st.caption(preview.describe())
        # the button carries this very preview: what is accepted on click is what the caption shows
        st.button(f"Accepteer {preview.codings} suggesties", key="sg_bulk_accept", type="primary",
                  disabled=not preview.codings, on_click=self._accept_bulk, args=(preview,))

    def _accept_bulk(self, preview: BulkPreview) -> None:
        from coding.work.suggestions import accept_suggestions

        try:
            added = accept_suggestions(self.store, self.features, preview, self.coder)
        except CodingError as error:
            state.notify("error", str(error))
            return
        state.notify("success", f"{added} suggesties overgenomen (ongedaan maken: knop 'Ongedaan maken').")


def on_by_default(store: Store, question: QuestionRef) -> bool:
    """Suggestions start switched on for questions of up to :data:`LARGE_QUESTION` answers."""
    return queue_count(store, question, "", QueueFilter(include_nonsubstantive=True)) <= LARGE_QUESTION


def load(store: Store, question: QuestionRef, coder: str) -> Suggester | None:
    """The question's suggester, or None (with a short note) when it has nothing to learn from."""
    try:
        features = get_features(question)
        model = get_model(question)
    except CodingError as error:
        st.caption(md_escape(f"Geen suggesties: {error.problem}"))
        return None
    except Exception as error:  # suggestions are optional: the page must stay usable without them
        st.caption(md_escape(f"Suggesties zijn niet beschikbaar ({type(error).__name__}: {error})."))
        return None
    return Suggester(store, question, coder, features, model)


def rules(store: Store, question: QuestionRef, coder: str) -> None:
    """The keyword rules of the codebook with their precision on coded answers, and applying the trusted ones."""
    from coding.work.rules import rule_report

    try:
        report = rule_report(store, question)
    except CodingError as error:
        st.caption(md_escape(str(error)))
        return
    if report.empty:
        st.caption("Het codeboek heeft geen trefwoorden, dus ook geen regels.")
        return
    st.dataframe(report, hide_index=True, width="stretch")
    minimum = st.slider("Minimale precisie van een regel", 0.5, 1.0, 0.8, 0.05, key=RULE_PRECISION)
    st.button("Regels toepassen op mijn ongecodeerde antwoorden", key="sg_rules_apply",
              on_click=_apply_rules, args=(store, question, coder, minimum))


def _apply_rules(store: Store, question: QuestionRef, coder: str, minimum: float) -> None:
    from coding.work.rules import apply_rules

    try:
        added = apply_rules(store, question, coder, min_precision=minimum)
    except CodingError as error:
        state.notify("error", str(error))
        return
    state.notify("success" if added else "info", f"{added} coderingen toegevoegd door regels.")
