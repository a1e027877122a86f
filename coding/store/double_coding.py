"""Double coding in the store: samples and their assignments, the coders' own memos, and adjudication.

The store keeps what was drawn and decided; drawing the sample, the review items and the agreement units are the
coding stage's work (:mod:`coding.work.double_coding`).

- :func:`sample_population` — the substantive answers in no sample yet, from which a sample is drawn;
  :func:`save_sample` stores a drawn sample with an assignment of every answer to every coder, in one transaction
  that checks the answers are still free.
- :func:`samples`, :func:`sampled_segment_ids` (suggestions, rules and bulk actions skip these),
  :func:`blind_segment_ids` (the answers a coder codes blind) and :func:`assignments` read them back.
- A coder's memo on an assigned answer is their own (:func:`set_assignment_memo`), not the segment's shared memo.
- :func:`adjudicate` records the final themes as codings with source ``adjudicated`` by the adjudicator. The
  coders' own codings are never changed, so the agreement statistics keep their data.
- :func:`close_round` ends the blindness: while a round is open its coders see only their own work on its answers
  (:mod:`coding.store.blind`), afterwards everyone's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import Select, delete, func, select, update

from coding.errors import CodingError, NotFoundError
from coding.store.access import has_accounts, role_in
from coding.store.blind import blind_segments
from coding.store.codebooks import codebook_of, themes_of
from coding.store.codings import CHUNK, NewCoding, add_codings, coder_name
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
    utcnow,
)
from coding.store.refs import QuestionRef
from coding.vocabulary import Role, Source, role_rank

#: Columns of :func:`assignments`.
ASSIGNMENT_COLUMNS = ["segment_id", "coder", "memo"]


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
    #: Whether a beheerder closed the round (then its coders see each other's codings).
    closed: bool = False


def _taken(question_id: int) -> Select[Any]:
    """The ids of the question's answers in a sample."""
    return select(DoubleCodingAssignment.segment_id).where(DoubleCodingAssignment.question_id == question_id)


def sample_population(store: Store, question: QuestionRef, *, wave: str | None = None) -> list[int]:
    """The substantive, asked answers of the question (of one ``wave`` when given) that are in no double-coding
    sample yet, by id."""
    query = (select(Segment.id)
             .where(Segment.question_id == question.id, Segment.substantive, Segment.asked.is_(True),
                    Segment.id.not_in(_taken(question.id)))
             .order_by(Segment.id))
    if wave is not None:
        query = query.where(Segment.respondent_id.in_(select(Respondent.id).where(Respondent.wave == wave)))
    with store.read() as session:
        return [int(s) for s in session.scalars(query).all()]


def save_sample(
    store: Store,
    question: QuestionRef,
    coders: Sequence[str],
    segment_ids: Sequence[int],
    *,
    seed: int,
    share: float | None,
    actor: str,
) -> Sample:
    """Store a drawn sample and assign each of its answers to every coder; one ``double_coding.draw`` event.

    One transaction, which checks that every answer is a substantive answer of the question in no earlier sample
    (another sample may have been drawn since the population was read).
    """
    chosen = sorted({int(s) for s in segment_ids})
    names = list(coders)
    with store.atomic() as session:
        free: set[int] = set()
        for start in range(0, len(chosen), CHUNK):
            free.update(
                session.scalars(
                    select(Segment.id).where(
                        Segment.id.in_(chosen[start : start + CHUNK]),
                        Segment.question_id == question.id,
                        Segment.substantive,
                        Segment.asked.is_(True),
                        Segment.id.not_in(_taken(question.id)),
                    )
                ).all()
            )
        if has_accounts(session):
            no_coders = [c for c in names if role_rank(role_in(session, c, question.study_id)) < role_rank(Role.CODER)]
            if no_coders:
                raise CodingError(
                    "Dubbel coderen kan alleen door gebruikers met de rol codeur in de studie; niet: "
                    + ", ".join(no_coders) + ".",
                    hint=f"Geef ze die rol: coding users grant NAAM --study '{question.study}' --role codeur",
                )
        if len(free) != len(chosen):
            raise CodingError(
                f"{len(chosen) - len(free)} van de getrokken antwoorden zitten intussen al in een steekproef of "
                f"horen niet (meer) bij '{question.name}'.",
                hint="Trek de steekproef opnieuw.",
            )
        sample = DoubleCodingSample(
            question_id=question.id, seed=seed, share=share, size=len(chosen), coders=names, created_by=actor
        )
        session.add(sample)
        session.flush()
        session.add_all(
            DoubleCodingAssignment(sample_id=sample.id, question_id=question.id, segment_id=s, coder=c)
            for s in chosen
            for c in names
        )
        record(
            session,
            actor=actor,
            action="double_coding.draw",
            entity="question",
            entity_id=question.id,
            study_id=question.study_id,
            payload={"sample_id": sample.id, "seed": seed, "share": share, "size": len(chosen), "coders": names,
                     "segment_ids": chosen},
        )
        return Sample(sample.id, question.id, seed, share, tuple(names), tuple(chosen), actor)


def samples(store: Store, question: QuestionRef) -> list[Sample]:
    """The double-coding samples of a question, oldest first."""
    with store.read() as session:
        rows = session.scalars(
            select(DoubleCodingSample)
            .where(DoubleCodingSample.question_id == question.id)
            .order_by(DoubleCodingSample.id)
        ).all()
        result = []
        for row in rows:
            ids = session.scalars(
                select(DoubleCodingAssignment.segment_id)
                .where(DoubleCodingAssignment.sample_id == row.id)
                .distinct()
                .order_by(DoubleCodingAssignment.segment_id)
            ).all()
            result.append(
                Sample(row.id, question.id, row.seed, row.share, tuple(row.coders), tuple(ids), row.created_by,
                       closed=row.closed_at is not None)
            )
        return result


def sampled_segment_ids(store: Store, question: QuestionRef) -> frozenset[int]:
    """Every answer of the question in a double-coding sample: suggestions, rules and bulk actions skip them."""
    with store.read() as session:
        return frozenset(session.scalars(_taken(question.id)).all())


def blind_segment_ids(store: Store, question: QuestionRef, coder: str) -> frozenset[int]:
    """The answers this coder double-codes in a round that is still open: there they see neither the others'
    codings nor suggestions."""
    with store.read() as session:
        return frozenset(session.scalars(blind_segments(coder, question.id)).all())


def assignments(store: Store, question: QuestionRef) -> pd.DataFrame:
    """Every (answer, coder) assignment of the question's samples with the coder's own memo
    (:data:`ASSIGNMENT_COLUMNS`), by answer and coder.

    On a store bound to a user (:meth:`Store.as_user`) the other coders' memos on the answers that user codes blind
    in an open round are empty."""
    with store.read() as session:
        rows = [(int(s), str(c), m) for s, c, m in session.execute(
            select(DoubleCodingAssignment.segment_id, DoubleCodingAssignment.coder, DoubleCodingAssignment.memo)
            .where(DoubleCodingAssignment.question_id == question.id)
            .order_by(DoubleCodingAssignment.segment_id, DoubleCodingAssignment.coder)
        ).all()]
        viewer = store.viewer
        blind = set(session.scalars(blind_segments(viewer, question.id))) if viewer else set()
    if blind:
        rows = [(s, c, m if c == viewer or s not in blind else "") for s, c, m in rows]
    return pd.DataFrame(rows, columns=ASSIGNMENT_COLUMNS)


def close_round(store: Store, question: QuestionRef, actor: str) -> int:
    """Close every open double-coding round of the question (a beheerder's action): from then on its coders see
    each other's codings and memos. Returns how many rounds were closed (0 when none was open)."""
    with store.atomic() as session:
        open_ids = list(session.scalars(
            select(DoubleCodingSample.id).where(DoubleCodingSample.question_id == question.id,
                                                DoubleCodingSample.closed_at.is_(None))
        ))
        if not open_ids:
            return 0
        record(session, actor=actor, action="double_coding.close", entity="question", entity_id=question.id,
               study_id=question.study_id, payload={"sample_ids": open_ids})
        session.execute(update(DoubleCodingSample).where(DoubleCodingSample.id.in_(open_ids))
                        .values(closed_at=utcnow(), closed_by=actor.strip()))
        return len(open_ids)


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


def adjudicate(store: Store, segment_id: int, theme_codes: Sequence[str], adjudicator: str, note: str = "") -> int:
    """Record the final themes of a double-coded answer as ``adjudicated`` codings by ``adjudicator``.

    One transaction, which checks that the themes are active themes of the question's codebook and that the
    adjudicator did not code the answer themselves. A later decision replaces an earlier one; the coders' own
    codings stay untouched (the agreement statistics use them). Returns the number of final themes. Recorded as a
    ``coding.adjudicate`` event with the old and new decision.
    """
    adjudicator = coder_name(adjudicator, problem="Er is geen naam van de beslisser opgegeven.",
                             hint="Vul eerst je naam in als codeur.")
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
            .where(Coding.segment_id == segment_id, Coding.coder == adjudicator, Coding.source != Source.ADJUDICATED)
        )
        if own:
            raise CodingError(
                f"'{adjudicator}' heeft dit antwoord zelf gecodeerd en kan er dus niet over beslissen.",
                hint="Laat een andere codeur (een derde) de eindcodering kiezen.",
            )
        previous = session.execute(
            select(Theme.code, Coding.coder)
            .join(Theme, Theme.id == Coding.theme_id)
            .where(Coding.segment_id == segment_id, Coding.source == Source.ADJUDICATED)
        ).all()
        session.execute(
            delete(Coding).where(Coding.segment_id == segment_id, Coding.source == Source.ADJUDICATED)
        )
        add_codings(
            session,
            [NewCoding(segment_id, themes[c].id, adjudicator) for c in codes],
            Source.ADJUDICATED,
            question_id=question.id,
            action=None,
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
