"""Double coding: a sample of a question's answers coded independently by two or more coders, then adjudicated.

- :func:`draw_sample` draws a share or a number of the substantive answers (reproducibly, from a seed) that are in
  no earlier sample, and assigns every one of them to each of the coders.
- In **double-coding mode** a coder works blind on the answers assigned to them: :func:`blind_segment_ids` says
  which answers those are, :func:`visible_codings` leaves out the other coders' codings there, and the suggester,
  the rules and bulk actions skip every sampled answer (:func:`sampled_segment_ids`). A coder's memo on an
  assigned answer is their own (:func:`set_assignment_memo`), not the segment's shared memo.
- A beheerder closes a round with :func:`close_round`; until then its coders see only their own work on its
  answers, wherever they read it (a store bound to the user: :meth:`coding.store.Store.as_user`).
- :func:`review_items` lists the double-coded answers with each coder's themes and memo side by side;
  :func:`adjudicate` records the final themes as codings with source ``adjudicated`` by the adjudicator. The
  coders' own codings are never changed, so the agreement statistics keep their data
  (:func:`original_codings`).

What is stored — samples, assignments, memos, adjudications — lives in :mod:`coding.store.double_coding`; the
functions of it that this stage offers are re-exported here, so the stage has one module to import from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from coding.errors import CodingError
from coding.store import QuestionRef, Store
from coding.store.codebooks import theme_table
from coding.store.codings import coder_name
from coding.store.double_coding import (
    Sample,
    adjudicate,
    assignment_memo,
    assignments,
    blind_segment_ids,
    close_round,
    sample_population,
    sampled_segment_ids,
    samples,
    save_sample,
    set_assignment_memo,
)
from coding.store.queue import QueueFilter, queue_page
from coding.store.segments import codings_frame
from coding.vocabulary import Source

__all__ = [
    "ReviewItem",
    "Sample",
    "adjudicate",
    "assignment_memo",
    "blind_segment_ids",
    "close_round",
    "draw_sample",
    "original_codings",
    "review_items",
    "sampled_segment_ids",
    "samples",
    "set_assignment_memo",
    "visible_codings",
]


@dataclass(frozen=True)
class ReviewItem:
    """One double-coded answer with every coder's themes (codes) and memo side by side."""

    segment_id: int
    respondent: str
    text: str
    #: The coders it was assigned to (or who coded it), in name order.
    coders: tuple[str, ...]
    #: Theme codes per coder; a coder who has not coded it yet is missing.
    themes: dict[str, tuple[str, ...]]
    memos: dict[str, str]
    segment_memo: str
    #: The adjudicated themes, or None when nobody adjudicated yet.
    adjudicated: tuple[str, ...] | None = None
    adjudicator: str | None = None
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        """Every coder has coded the answer."""
        return all(c in self.themes for c in self.coders)

    @property
    def agree(self) -> bool:
        """The coders who coded it (at least two) gave exactly the same themes."""
        sets = [frozenset(t) for t in self.themes.values()]
        return len(sets) >= 2 and all(s == sets[0] for s in sets)


def _clean_coders(coders: Sequence[str]) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(coder_name(c) for c in coders if c and c.strip()))
    if len(names) < 2:
        raise CodingError(
            "Voor dubbel coderen zijn minstens twee verschillende codeurs nodig.",
            hint="Geef twee of meer codeurs op, bijv. --coder anna --coder bram.",
        )
    return names


def draw_sample(
    store: Store,
    question: QuestionRef,
    coders: Sequence[str],
    *,
    share: float | None = None,
    size: int | None = None,
    seed: int = 0,
    actor: str,
) -> Sample:
    """Draw ``share`` (0–1) or ``size`` of the question's substantive answers and assign them to every coder.

    Answers already in an earlier sample are not drawn again. The same seed on the same answers draws the same
    sample. Stored in one transaction (:func:`coding.store.double_coding.save_sample`); recorded as a
    ``double_coding.draw`` event.
    """
    names = _clean_coders(coders)
    if (share is None) == (size is None):
        raise CodingError("Geef óf een aandeel óf een aantal antwoorden op.", hint="Bijv. --share 0.1 of --size 50.")
    if share is not None and not 0 < share <= 1:
        raise CodingError(f"Het aandeel {share} ligt niet tussen 0 en 1.", hint="Bijv. --share 0.1 voor 10%.")
    if size is not None and size < 1:
        raise CodingError(f"Het aantal {size} is te klein.", hint="Trek minstens één antwoord.")
    population = sample_population(store, question)
    wanted = size if size is not None else max(1, round((share or 0) * len(population)))
    if wanted > len(population):
        raise CodingError(
            f"Er zijn maar {len(population)} inhoudelijke antwoorden die nog in geen steekproef zitten; "
            f"{wanted} gevraagd.",
            hint="Vraag een kleiner aantal of aandeel.",
        )
    rng = np.random.default_rng(seed)
    chosen = sorted(int(s) for s in rng.choice(np.asarray(population, dtype=np.int64), wanted, replace=False))
    return save_sample(store, question, names, chosen, seed=seed, share=share, actor=actor)


def visible_codings(store: Store, question: QuestionRef, coder: str) -> pd.DataFrame:
    """The question's codings as ``coder`` may see them: on their double-coding answers only their own."""
    frame = codings_frame(store, question)
    blind = blind_segment_ids(store, question, coder)
    hidden = frame["segment_id"].isin(blind) & (frame["coder"] != coder.strip())
    return frame[~hidden].reset_index(drop=True)


def _units(assigned: pd.DataFrame, codings: pd.DataFrame) -> dict[int, tuple[str, ...]]:
    """The double-coded answers and their coders: the samples, or else answers two or more coders coded."""
    units: dict[int, list[str]] = {}
    for segment_id, coder in zip(assigned["segment_id"], assigned["coder"], strict=True):
        units.setdefault(int(segment_id), []).append(str(coder))
    if not units and not codings.empty:
        originals = codings[codings["source"] != Source.ADJUDICATED]
        for segment_id, coders in originals.groupby("segment_id")["coder"]:
            names = sorted(set(coders))
            if len(names) >= 2:
                units[int(segment_id)] = names
    return {s: tuple(c) for s, c in units.items()}


def original_codings(store: Store, question: QuestionRef) -> tuple[pd.DataFrame, list[int]]:
    """The coders' own codings of the double-coded answers (no adjudications), and those answers' ids.

    Columns ``segment_id``, ``coder``, ``theme`` and the passage offsets (``passage_start``/``passage_end``, NA
    for a whole answer); on sampled answers only the coders they were assigned to count.
    """
    codings = codings_frame(store, question)
    units = _units(assignments(store, question), codings)
    originals = codings[codings["source"] != Source.ADJUDICATED]
    keep = np.array(
        [s in units and c in units[s] for s, c in zip(originals["segment_id"], originals["coder"], strict=True)],
        dtype=bool,
    )
    columns = ["segment_id", "coder", "theme", "passage_start", "passage_end"]
    return originals[keep][columns].reset_index(drop=True), list(units)


def review_items(store: Store, question: QuestionRef, *, disagreements_only: bool = True) -> list[ReviewItem]:
    """The double-coded answers with each coder's themes and memo; by default only those the coders disagree on.

    A disagreement is an answer that at least two coders coded with different themes; already adjudicated ones
    stay in the list (with their decision) so a decision can be revisited.
    """
    codings = codings_frame(store, question)
    assigned = assignments(store, question)
    units = _units(assigned, codings)
    if not units:
        return []
    # only the double-coded answers, through the queue (texts of every answer of a question are not needed)
    shown = QueueFilter(segment_ids=tuple(units), include_nonsubstantive=True)
    segments = {i.segment_id: i for i in queue_page(store, question, "", shown, limit=len(units)).items}
    memos = {(int(s), str(c)): str(m or "") for s, c, m in assigned.itertuples(index=False)}
    themes = theme_table(store, question, include_retired=True)
    labels = dict(zip(themes["code"], themes["label"], strict=True))
    by_segment = {int(s): g for s, g in codings.groupby("segment_id")} if not codings.empty else {}
    items = []
    for segment_id, coders in sorted(units.items()):
        rows = by_segment.get(segment_id, pd.DataFrame(columns=codings.columns))
        own = rows[rows["source"] != Source.ADJUDICATED]
        given = {str(c): tuple(g["theme"]) for c, g in own.groupby("coder") if c in coders}
        final = rows[rows["source"] == Source.ADJUDICATED]
        segment = segments[segment_id]
        item = ReviewItem(
            segment_id=segment_id,
            respondent=segment.respondent,
            text=segment.text,
            coders=coders,
            themes=given,
            memos={c: memos.get((segment_id, c), "") for c in coders},
            segment_memo=segment.memo,
            adjudicated=tuple(final["theme"]) if len(final) else None,
            adjudicator=str(final["coder"].iloc[0]) if len(final) else None,
            labels=labels,
        )
        if not disagreements_only or (len(item.themes) >= 2 and not item.agree):
            items.append(item)
    return items
