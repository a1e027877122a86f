"""Double coding: a sample of a question's answers coded independently by two or more coders, then adjudicated.

- :func:`draw_sample` draws a share or a number of the substantive answers (reproducibly, from a seed) that are in
  no earlier sample, and assigns every one of them to each of the coders.
- In **double-coding mode** a coder works blind on the answers assigned to them: :func:`blind_segment_ids` says
  which answers those are, :func:`visible_codings` leaves out the other coders' codings there, and the suggester,
  the rules and bulk actions skip every sampled answer (:func:`sampled_segment_ids`). A coder's memo on an
  assigned answer is their own (:func:`set_assignment_memo`), not the segment's shared memo.
- :func:`review_items` lists the sampled answers with each coder's themes and memo side by side;
  :func:`adjudicate` records the final themes as codings with source ``adjudicated`` by the adjudicator. The
  coders' own codings are never changed, so the agreement statistics keep their data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from coding.errors import CodingError, NotFoundError
from coding.store.codebooks import codebook_of, themes_of
from coding.store.codings import insert_codings
from coding.store.db import Store
from coding.store.events import record
from coding.store.models import (
    Coding,
    DoubleCodingAssignment,
    DoubleCodingSample,
    Question,
    Respondent,
    Segment,
    Theme,
)
from coding.store.studies import find_question, find_study

ADJUDICATED = "adjudicated"


@dataclass(frozen=True)
class Sample:
    """A drawn double-coding sample as plain data."""

    id: int
    question_id: int
    seed: int
    share: float | None
    coders: tuple[str, ...]
    segment_ids: tuple[int, ...]
    created_by: str


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
    names = tuple(dict.fromkeys(c.strip()[:100] for c in coders if c and c.strip()))
    if len(names) < 2:
        raise CodingError(
            "Voor dubbel coderen zijn minstens twee verschillende codeurs nodig.",
            hint="Geef twee of meer codeurs op, bijv. --coder anna --coder bram.",
        )
    return names


def draw_sample(
    store: Store,
    study: str,
    question: str,
    coders: Sequence[str],
    *,
    share: float | None = None,
    size: int | None = None,
    seed: int = 0,
    actor: str,
) -> Sample:
    """Draw ``share`` (0–1) or ``size`` of the question's substantive answers and assign them to every coder.

    Answers already in an earlier sample are not drawn again. The same seed on the same answers draws the same
    sample. One transaction; recorded as a ``double_coding.draw`` event.
    """
    names = _clean_coders(coders)
    if (share is None) == (size is None):
        raise CodingError("Geef óf een aandeel óf een aantal antwoorden op.", hint="Bijv. --share 0.1 of --size 50.")
    if share is not None and not 0 < share <= 1:
        raise CodingError(f"Het aandeel {share} ligt niet tussen 0 en 1.", hint="Bijv. --share 0.1 voor 10%.")
    if size is not None and size < 1:
        raise CodingError(f"Het aantal {size} is te klein.", hint="Trek minstens één antwoord.")
    with store.atomic() as session:
        q = find_question(session, find_study(session, study), question)
        taken = select(DoubleCodingAssignment.segment_id).where(DoubleCodingAssignment.question_id == q.id)
        population = session.scalars(
            select(Segment.id)
            .where(Segment.question_id == q.id, Segment.substantive, Segment.id.not_in(taken))
            .order_by(Segment.id)
        ).all()
        wanted = size if size is not None else max(1, round((share or 0) * len(population)))
        if wanted > len(population):
            raise CodingError(
                f"Er zijn maar {len(population)} inhoudelijke antwoorden die nog in geen steekproef zitten; "
                f"{wanted} gevraagd.",
                hint="Vraag een kleiner aantal of aandeel.",
            )
        rng = np.random.default_rng(seed)
        chosen = sorted(int(s) for s in rng.choice(np.asarray(population, dtype=np.int64), wanted, replace=False))
        sample = DoubleCodingSample(
            question_id=q.id, seed=seed, share=share, size=wanted, coders=list(names), created_by=actor
        )
        session.add(sample)
        session.flush()
        session.add_all(
            DoubleCodingAssignment(sample_id=sample.id, question_id=q.id, segment_id=s, coder=c)
            for s in chosen
            for c in names
        )
        record(
            session,
            actor=actor,
            action="double_coding.draw",
            entity="question",
            entity_id=q.id,
            study_id=q.study_id,
            payload={"sample_id": sample.id, "seed": seed, "share": share, "size": wanted, "coders": list(names),
                     "segment_ids": chosen},
        )
        return Sample(sample.id, q.id, seed, share, names, tuple(chosen), actor)


def samples(store: Store, study: str, question: str) -> list[Sample]:
    """The double-coding samples of a question, oldest first."""
    with store.read() as session:
        q = find_question(session, find_study(session, study), question)
        rows = session.scalars(
            select(DoubleCodingSample).where(DoubleCodingSample.question_id == q.id).order_by(DoubleCodingSample.id)
        ).all()
        result = []
        for row in rows:
            ids = session.scalars(
                select(DoubleCodingAssignment.segment_id)
                .where(DoubleCodingAssignment.sample_id == row.id)
                .distinct()
                .order_by(DoubleCodingAssignment.segment_id)
            ).all()
            result.append(Sample(row.id, q.id, row.seed, row.share, tuple(row.coders), tuple(ids), row.created_by))
        return result


def _question_id(session: Session, study: str, question: str) -> int:
    return find_question(session, find_study(session, study), question).id


def sampled_segment_ids(store: Store, study: str, question: str) -> frozenset[int]:
    """Every answer of the question in a double-coding sample: suggestions, rules and bulk actions skip them."""
    with store.read() as session:
        qid = _question_id(session, study, question)
        return frozenset(
            session.scalars(
                select(DoubleCodingAssignment.segment_id).where(DoubleCodingAssignment.question_id == qid)
            ).all()
        )


def blind_segment_ids(store: Store, study: str, question: str, coder: str) -> frozenset[int]:
    """The answers this coder double-codes: there they see neither the others' codings nor suggestions."""
    with store.read() as session:
        qid = _question_id(session, study, question)
        return frozenset(
            session.scalars(
                select(DoubleCodingAssignment.segment_id).where(
                    DoubleCodingAssignment.question_id == qid, DoubleCodingAssignment.coder == coder.strip()
                )
            ).all()
        )


def visible_codings(store: Store, study: str, question: str, coder: str) -> pd.DataFrame:
    """The question's codings as ``coder`` may see them: on their double-coding answers only their own."""
    from coding.store.segments import codings_frame

    frame = codings_frame(store, study, question)
    blind = blind_segment_ids(store, study, question, coder)
    hidden = frame["segment_id"].isin(blind) & (frame["coder"] != coder.strip())
    return frame[~hidden].reset_index(drop=True)


def assignment_memo(store: Store, segment_id: int, coder: str) -> str | None:
    """The coder's own memo on an answer they double-code; None when the answer is not assigned to them."""
    with store.read() as session:
        row = session.scalars(
            select(DoubleCodingAssignment).where(
                DoubleCodingAssignment.segment_id == segment_id, DoubleCodingAssignment.coder == coder.strip()
            )
        ).first()
        return None if row is None else (row.memo or "")


def set_assignment_memo(store: Store, segment_id: int, coder: str, memo: str) -> None:
    """Set the coder's own memo on an answer they double-code (recorded as an event)."""
    coder = coder.strip()
    with store.atomic() as session:
        row = session.scalars(
            select(DoubleCodingAssignment).where(
                DoubleCodingAssignment.segment_id == segment_id, DoubleCodingAssignment.coder == coder
            )
        ).first()
        if row is None:
            raise NotFoundError(f"Antwoord {segment_id} is niet aan codeur '{coder}' toegewezen om dubbel te coderen.")
        if row.memo == memo:
            return
        old, row.memo = row.memo, memo
        study_id = session.scalar(select(Question.study_id).where(Question.id == row.question_id))
        record(session, actor=coder, action="double_coding.memo", entity="segment", entity_id=segment_id,
               study_id=study_id, payload={"segment_id": segment_id, "old": old, "new": memo})


def _codings(session: Session, question_id: int) -> pd.DataFrame:
    rows = session.execute(
        select(Coding.segment_id, Coding.coder, Theme.code, Coding.source)
        .join(Segment, Segment.id == Coding.segment_id)
        .join(Theme, Theme.id == Coding.theme_id)
        .where(Segment.question_id == question_id)
        .order_by(Coding.segment_id, Theme.position)
    ).all()
    return pd.DataFrame(rows, columns=["segment_id", "coder", "theme", "source"])


def _units(session: Session, question_id: int, codings: pd.DataFrame) -> dict[int, tuple[str, ...]]:
    """The double-coded answers and their coders: the samples, or else answers two or more coders coded."""
    assigned = session.execute(
        select(DoubleCodingAssignment.segment_id, DoubleCodingAssignment.coder)
        .where(DoubleCodingAssignment.question_id == question_id)
        .order_by(DoubleCodingAssignment.segment_id, DoubleCodingAssignment.coder)
    ).all()
    units: dict[int, list[str]] = {}
    for segment_id, coder in assigned:
        units.setdefault(segment_id, []).append(coder)
    if not units and not codings.empty:
        originals = codings[codings["source"] != ADJUDICATED]
        for segment_id, coders in originals.groupby("segment_id")["coder"]:
            names = sorted(set(coders))
            if len(names) >= 2:
                units[int(segment_id)] = names
    return {s: tuple(c) for s, c in units.items()}


def original_codings(store: Store, study: str, question: str) -> tuple[pd.DataFrame, list[int]]:
    """The coders' own codings of the double-coded answers (no adjudications), and those answers' ids.

    Columns ``segment_id``, ``coder``, ``theme``; on sampled answers only the coders they were assigned to count.
    """
    with store.read() as session:
        qid = _question_id(session, study, question)
        codings = _codings(session, qid)
        units = _units(session, qid, codings)
    originals = codings[codings["source"] != ADJUDICATED]
    keep = np.array(
        [s in units and c in units[s] for s, c in zip(originals["segment_id"], originals["coder"], strict=True)],
        dtype=bool,
    )
    return originals[keep][["segment_id", "coder", "theme"]].reset_index(drop=True), list(units)


def review_items(store: Store, study: str, question: str, *, disagreements_only: bool = True) -> list[ReviewItem]:
    """The double-coded answers with each coder's themes and memo; by default only those the coders disagree on.

    A disagreement is an answer that at least two coders coded with different themes; already adjudicated ones
    stay in the list (with their decision) so a decision can be revisited.
    """
    with store.read() as session:
        qid = _question_id(session, study, question)
        codings = _codings(session, qid)
        units = _units(session, qid, codings)
        if not units:
            return []
        segments = {
            r.id: r
            for r in session.execute(
                select(Segment.id, Segment.text, Segment.memo, Respondent.external_id)
                .join(Respondent, Respondent.id == Segment.respondent_id)
                .where(Segment.id.in_(list(units)))
            ).all()
        }
        memos = {
            (s, c): m
            for s, c, m in session.execute(
                select(
                    DoubleCodingAssignment.segment_id, DoubleCodingAssignment.coder, DoubleCodingAssignment.memo
                ).where(DoubleCodingAssignment.question_id == qid)
            ).all()
        }
        codebook = session.scalars(select(Question).where(Question.id == qid)).one()
        book = codebook_of(session, codebook)
        labels = {t.code: t.label for t in themes_of(session, book, include_retired=True)} if book else {}
    by_segment = {int(s): g for s, g in codings.groupby("segment_id")} if not codings.empty else {}
    items = []
    for segment_id, coders in sorted(units.items()):
        rows = by_segment.get(segment_id, pd.DataFrame(columns=codings.columns))
        own = rows[rows["source"] != ADJUDICATED]
        themes = {c: tuple(g["theme"]) for c, g in own.groupby("coder") if c in coders}
        final = rows[rows["source"] == ADJUDICATED]
        segment = segments[segment_id]
        item = ReviewItem(
            segment_id=segment_id,
            respondent=segment.external_id,
            text=segment.text,
            coders=coders,
            themes=themes,
            memos={c: memos.get((segment_id, c), "") for c in coders},
            segment_memo=segment.memo,
            adjudicated=tuple(final["theme"]) if len(final) else None,
            adjudicator=str(final["coder"].iloc[0]) if len(final) else None,
            labels=labels,
        )
        if not disagreements_only or (len(item.themes) >= 2 and not item.agree):
            items.append(item)
    return items


def adjudicate(store: Store, segment_id: int, theme_codes: Sequence[str], adjudicator: str, note: str = "") -> int:
    """Record the final themes of a double-coded answer as ``adjudicated`` codings by ``adjudicator``.

    A later decision replaces an earlier one; the coders' own codings stay untouched (the agreement statistics
    use them). Returns the number of final themes. Recorded as a ``coding.adjudicate`` event with the old and new
    decision.
    """
    adjudicator = adjudicator.strip()[:100]
    if not adjudicator:
        raise CodingError("Er is geen naam van de beslisser opgegeven.", hint="Vul eerst je naam in als codeur.")
    codes = list(dict.fromkeys(theme_codes))
    if not codes:
        raise CodingError("Kies minstens één thema als eindcodering.", hint="Neem de codering van een codeur over "
                          "of kies de thema's zelf.")
    with store.atomic() as session:
        segment = session.get(Segment, segment_id)
        if segment is None:
            raise NotFoundError(f"Antwoord {segment_id} bestaat niet.")
        question = session.get(Question, segment.question_id)
        assert question is not None
        book = codebook_of(session, question)
        themes = {t.code: t for t in themes_of(session, book)} if book else {}
        unknown = [c for c in codes if c not in themes]
        if unknown:
            raise NotFoundError(
                "Onbekende of teruggetrokken thema's: " + ", ".join(unknown) + ".",
                hint="Kies thema's uit het huidige codeboek van de vraag.",
            )
        own = session.scalar(
            select(func.count())
            .select_from(Coding)
            .where(Coding.segment_id == segment_id, Coding.coder == adjudicator, Coding.source != ADJUDICATED)
        )
        if own:
            raise CodingError(
                f"'{adjudicator}' heeft dit antwoord zelf gecodeerd en kan er dus niet over beslissen.",
                hint="Laat een andere codeur (een derde) de eindcodering kiezen.",
            )
        previous = session.execute(
            select(Theme.code, Coding.coder)
            .join(Theme, Theme.id == Coding.theme_id)
            .where(Coding.segment_id == segment_id, Coding.source == ADJUDICATED)
        ).all()
        session.execute(delete(Coding).where(Coding.segment_id == segment_id, Coding.source == ADJUDICATED))
        insert_codings(
            session,
            [{"segment_id": segment_id, "theme_id": themes[c].id, "coder": adjudicator, "source": ADJUDICATED}
             for c in codes],
        )
        record(
            session,
            actor=adjudicator,
            action="coding.adjudicate",
            entity="segment",
            entity_id=segment_id,
            study_id=question.study_id,
            payload={"segment_id": segment_id, "themes": codes, "previous": [c for c, _ in previous],
                     "previous_adjudicator": previous[0][1] if previous else None, "note": note},
        )
        return len(codes)
