"""Coding actions — add or remove a theme on segments, memo, citaat flag, undo — each one transaction + event.

:func:`add_codings` is the one way codings are added: coding by hand, a whole cluster, accepted suggestions, rules
and imported codings all go through it, so the checks (the answers belong to the question, the themes are active
themes of its codebook), the skipping of what is already there and the events are written once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from coding.errors import CodingError, NotFoundError
from coding.store.blind import blind_segments
from coding.store.db import Store
from coding.store.events import last_undoable, record
from coding.store.models import Codebook, Coding, DoubleCodingAssignment, Question, Segment, Theme, utcnow
from coding.store.refs import QuestionRef
from coding.vocabulary import CODING_SOURCES, Source

#: Rows per INSERT statement in bulk coding, and ids per IN (…) when checking.
CHUNK = 500


@dataclass(frozen=True)
class NewCoding:
    """A coding to add: this coder gives this segment (or a passage of it) this theme.

    ``start``/``end`` are a passage's character offsets in the document (a survey answer: in its text); both 0
    (the default) means the whole segment. A passage that covers the whole segment is stored as the whole segment.
    """

    segment_id: int
    theme_id: int
    coder: str
    start: int = 0
    end: int = 0
    #: When the coding was made, for codings imported with their own time (default: now).
    created_at: datetime | None = None

    @property
    def is_passage(self) -> bool:
        """True for a passage, False for the whole segment."""
        return (self.start, self.end) != (0, 0)


#: The columns that make a coding unique (the offsets are 0, 0 for a whole segment, never NULL).
CODING_KEY = ["segment_id", "theme_id", "coder", "start_char", "end_char"]


def insert_codings(session: Session, rows: list[dict[str, Any]]) -> list[tuple[int, int, int, int]]:
    """Insert coding rows as they are, skipping ones that exist; returns (segment_id, theme_id, start, end) of the
    rows added (start = end = 0 for a whole segment).

    The raw INSERT under :func:`add_codings`; used directly only where stored codings are put back as they were
    (undo, a merge moving codings with their coder, source and time).
    """
    insert = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    rows = [{"start_char": 0, "end_char": 0, "is_quote": False, **row} for row in rows]
    if not rows:
        return []
    # One statement with the rows as parameters ("insertmanyvalues"): compiled once, where .values(rows) compiled
    # a statement per chunk that grew with the chunk — most of the time of importing 23,604 codings.
    statement = (
        insert(Coding)
        .on_conflict_do_nothing(index_elements=CODING_KEY)
        .returning(Coding.segment_id, Coding.theme_id, Coding.start_char, Coding.end_char)
    )
    return [(s, t, a, b) for s, t, a, b in session.execute(statement, rows).all()]


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start : start + CHUNK])


def _check_themes(session: Session, question_id: int, theme_ids: Iterable[int]) -> None:
    """Every theme exists, belongs to the question's codebook and is in use."""
    for theme_id in set(theme_ids):
        row = session.execute(
            select(Theme.retired, Codebook.question_id, Theme.code)
            .join(Codebook, Codebook.id == Theme.codebook_id)
            .where(Theme.id == theme_id)
        ).first()
        if row is None:
            raise NotFoundError(f"Thema {theme_id} bestaat niet.")
        retired, theme_question, code = row
        if theme_question != question_id:
            raise CodingError(f"Thema '{code}' hoort bij het codeboek van een andere vraag.")
        if retired:
            raise CodingError(f"Thema '{code}' is niet meer in gebruik.", hint="Kies een actief thema.")


def _segments_question(session: Session, segment_ids: Sequence[int]) -> tuple[int, int]:
    """The (question id, study id) the segments belong to; an error when some are gone or they span questions."""
    if not segment_ids:
        raise CodingError("Er zijn geen antwoorden gekozen.", hint="Kies minstens één antwoord.")
    unique = sorted(set(segment_ids))
    found: set[tuple[int, int]] = set()
    count = 0
    for chunk in _chunks(unique):
        # one statement: the questions of the segments found, and how many were found (every segment has a question)
        for q, s, n in session.execute(
            select(Segment.question_id, Question.study_id, func.count())
            .join(Question, Question.id == Segment.question_id)
            .where(Segment.id.in_(chunk))
            .group_by(Segment.question_id, Question.study_id)
        ).all():
            found.add((int(q), int(s)))
            count += int(n)
    if count != len(unique):
        raise NotFoundError(f"{len(unique) - count} van de gekozen antwoorden bestaan niet meer.")
    if len(found) != 1:
        raise CodingError(
            "De gekozen antwoorden horen bij verschillende vragen.", hint="Codeer de antwoorden per vraag."
        )
    return found.pop()


def _coded_by(session: Session, segment_ids: Sequence[int], coders: set[str]) -> set[tuple[int, str]]:
    """(segment, coder) pairs among ``segment_ids`` × ``coders`` where the coder has coded the segment."""
    taken: set[tuple[int, str]] = set()
    for chunk in _chunks(segment_ids):
        taken.update(
            (int(s), str(c))
            for s, c in session.execute(
                select(Coding.segment_id, Coding.coder)
                .where(Coding.segment_id.in_(chunk), Coding.coder.in_(coders))
                .distinct()
            ).all()
        )
    return taken


def _checked_spans(session: Session, codings: list[NewCoding]) -> list[NewCoding]:
    """The codings with every passage checked against its segment; a passage covering the whole segment becomes
    a coding of the whole segment."""
    passages = sorted({c.segment_id for c in codings if c.is_passage})
    if not passages:
        return codings
    bounds: dict[int, tuple[int, int]] = {}
    for chunk in _chunks(passages):
        for segment_id, start, end, length in session.execute(
            select(Segment.id, Segment.start_char, Segment.end_char, func.length(Segment.text))
            .where(Segment.id.in_(chunk))
        ).all():
            bounds[int(segment_id)] = (0, int(length)) if start is None or end is None else (int(start), int(end))
    result = []
    for c in codings:
        if c.is_passage:
            low, high = bounds[c.segment_id]
            if not low <= c.start < c.end <= high:
                raise CodingError(
                    f"De passage {c.start}–{c.end} ligt niet binnen het segment ({low}–{high}).",
                    hint="Kies zinnen of tekens van dit segment.",
                )
            if (c.start, c.end) == (low, high):
                c = replace(c, start=0, end=0)
        result.append(c)
    return result


def _sampled(session: Session, question_id: int) -> set[int]:
    return set(
        session.scalars(
            select(DoubleCodingAssignment.segment_id).where(DoubleCodingAssignment.question_id == question_id)
        ).all()
    )


def add_codings(
    session: Session,
    codings: Sequence[NewCoding],
    source: Source,
    *,
    question_id: int | None = None,
    leave_coded: bool = False,
    leave_sampled: bool = False,
    action: str | None = "coding.bulk_add",
    payload: dict[str, Any] | None = None,
) -> list[NewCoding]:
    """Add codings in the caller's transaction — the one write path for new codings; returns the ones added.

    Checks that every segment exists and all belong to one question (``question_id`` when given), and that every
    theme is an active theme of that question's codebook. Codings that exist are skipped (never doubled, never
    overwritten). ``leave_coded`` skips answers the coder has already coded (a suggestion or a rule never adds to
    a coder's own coding of an answer); ``leave_sampled`` skips answers in a double-coding sample (those are coded
    blind). Unless ``action`` is None, one event per (coder, theme) lists the segments added (with ``payload``), so
    each can be undone: on the segment for ``coding.add``, else on the question.
    """
    if source not in CODING_SOURCES:
        raise CodingError(f"Onbekende bron '{source}'.", hint="Kies uit: " + ", ".join(CODING_SOURCES))
    wanted = list(dict.fromkeys(NewCoding(int(c.segment_id), int(c.theme_id), coder_name(c.coder), int(c.start),
                                          int(c.end), c.created_at) for c in codings))
    if not wanted:
        return []
    found_question, study_id = _segments_question(session, [c.segment_id for c in wanted])
    wanted = list(dict.fromkeys(_checked_spans(session, wanted)))
    if question_id is not None and found_question != question_id:
        raise CodingError("De gekozen antwoorden horen bij een andere vraag.", hint="Codeer de antwoorden per vraag.")
    _check_themes(session, found_question, {c.theme_id for c in wanted})
    if leave_coded:
        taken = _coded_by(session, sorted({c.segment_id for c in wanted}), {c.coder for c in wanted})
        wanted = [c for c in wanted if (c.segment_id, c.coder) not in taken]
    if leave_sampled:
        sampled = _sampled(session, found_question)
        wanted = [c for c in wanted if c.segment_id not in sampled]
    added: list[NewCoding] = []
    for coder, group in _grouped(wanted, lambda c: c.coder).items():
        rows = [{"segment_id": c.segment_id, "theme_id": c.theme_id, "coder": coder, "source": str(source),
                 "start_char": c.start, "end_char": c.end, "created_at": c.created_at or utcnow()} for c in group]
        added.extend(NewCoding(s, t, coder, a, b) for s, t, a, b in insert_codings(session, rows))
    if action is not None:
        single = action == "coding.add"
        for (coder, theme_id), group in _grouped(added, lambda c: (c.coder, c.theme_id)).items():
            record(
                session,
                actor=coder,
                action=action,
                entity="segment" if single else "question",
                entity_id=group[0].segment_id if single else found_question,
                study_id=study_id,
                payload={"theme_id": theme_id, "source": str(source), **(payload or {}),
                         "segment_ids": [c.segment_id for c in group],
                         # passages only: their offsets, so that undo removes exactly these codings
                         **({"spans": [[c.start, c.end] for c in group]} if any(c.is_passage for c in group)
                            else {})},
            )
    return added


def _grouped(codings: Iterable[NewCoding], key: Any) -> dict[Any, list[NewCoding]]:
    groups: dict[Any, list[NewCoding]] = defaultdict(list)
    for c in codings:
        groups[key(c)].append(c)
    return dict(groups)


def code_segments(
    store: Store, segment_ids: Sequence[int], theme_id: int, coder: str, source: Source = Source.MANUAL
) -> int:
    """Give one theme to one or many segments of a question in one action; returns how many were new.

    Codings the coder already made are left as they are (never doubled, never overwritten).
    """
    coder = coder_name(coder)
    with store.atomic() as session:
        if not segment_ids:
            _segments_question(session, segment_ids)  # raises: nothing chosen
        action = "coding.add" if len(set(segment_ids)) == 1 else "coding.bulk_add"
        return len(add_codings(session, [NewCoding(s, theme_id, coder) for s in segment_ids], source, action=action))


def code_open_answers(
    store: Store,
    question: QuestionRef,
    pairs: Sequence[tuple[int, int]],
    coder: str,
    source: Source,
    *,
    payload: dict[str, Any] | None = None,
) -> int:
    """Give (segment, theme) pairs to the answers the coder has not coded yet and that are in no double-coding
    sample, in one transaction (accepted suggestions, rules); returns how many codings were added.

    What the coder coded since the pairs were chosen is checked inside the transaction that writes, so nothing a
    coder did is ever added to or changed. One ``coding.bulk_add`` event per theme (each can be undone).
    """
    coder = coder_name(coder)
    if not pairs:
        return 0
    with store.atomic() as session:
        added = add_codings(session, [NewCoding(s, t, coder) for s, t in pairs], source, question_id=question.id,
                            leave_coded=True, leave_sampled=True, payload=payload)
        return len(added)


def code_passage(
    store: Store, segment_id: int, theme_id: int, coder: str, span: tuple[int, int], source: Source = Source.MANUAL
) -> bool:
    """Give a passage of a segment (``span``: start and end offsets in the document) a theme; False when this
    coder had already given it. A span covering the whole segment codes the whole segment."""
    coder = coder_name(coder)
    start, end = span
    with store.atomic() as session:
        added = add_codings(session, [NewCoding(segment_id, theme_id, coder, int(start), int(end))], source,
                            action="coding.add")
        return bool(added)


@dataclass(frozen=True)
class PassageCoding:
    """A coded passage of a segment: its offsets and text, the themes the coder gave it, and the quote flag."""

    segment_id: int
    start: int
    end: int
    text: str
    coder: str
    themes: tuple[int, ...]
    labels: tuple[str, ...]
    is_quote: bool


def passage_codings(store: Store, segment_id: int, coder: str | None = None) -> list[PassageCoding]:
    """The coded passages of a segment (of one coder, or of all), in text order; whole-segment codings left out.

    On a store bound to a user who double-codes the segment in an open round, only that user's passages."""
    with store.read() as session:
        if store.viewer and session.scalar(blind_segments(store.viewer, segment_ids=[segment_id]).limit(1)):
            coder = store.viewer
        segment = session.get(Segment, segment_id)
        if segment is None:
            raise NotFoundError(f"Segment {segment_id} bestaat niet.")
        base = segment.start_char or 0
        text = segment.text
        query = (
            select(Coding.start_char, Coding.end_char, Coding.coder, Coding.theme_id, Theme.label, Coding.is_quote)
            .join(Theme, Theme.id == Coding.theme_id)
            .where(Coding.segment_id == segment_id, ~((Coding.start_char == 0) & (Coding.end_char == 0)))
            .order_by(Coding.start_char, Coding.end_char, Coding.coder, Theme.position)
        )
        if coder is not None:
            query = query.where(Coding.coder == coder_name(coder))
        rows = session.execute(query).all()
    grouped: dict[tuple[int, int, str], list[Any]] = {}
    for row in rows:
        grouped.setdefault((row.start_char, row.end_char, row.coder), []).append(row)
    return [
        PassageCoding(segment_id, start, end, text[start - base : end - base], who,
                      tuple(r.theme_id for r in group), tuple(r.label for r in group), any(r.is_quote for r in group))
        for (start, end, who), group in grouped.items()
    ]


def add_coding(store: Store, segment_id: int, theme_id: int, coder: str, source: Source = Source.MANUAL) -> bool:
    """Give a segment a theme; False when this coder had already given it."""
    return code_segments(store, [segment_id], theme_id, coder, source) == 1


def uncode_segments(
    store: Store, segment_ids: Sequence[int], theme_id: int, coder: str, *, span: tuple[int, int] = (0, 0)
) -> int:
    """Remove the coder's coding with ``theme_id`` from the segments (of the whole segment, or of the passage
    ``span``); returns how many were removed."""
    coder = coder_name(coder)
    start, end = span
    with store.atomic() as session:
        _, study_id = _segments_question(session, segment_ids)
        which = (Coding.segment_id.in_(set(segment_ids)), Coding.theme_id == theme_id, Coding.coder == coder,
                 Coding.start_char == start, Coding.end_char == end)
        existing = session.execute(
            select(Coding.segment_id, Coding.source, Coding.created_at, Coding.start_char, Coding.end_char,
                   Coding.is_quote).where(*which)
        ).all()
        if not existing:
            return 0
        session.execute(delete(Coding).where(*which))
        single = len(segment_ids) == 1
        record(
            session,
            actor=coder,
            action="coding.remove" if single else "coding.bulk_remove",
            entity="segment" if single else "question",
            entity_id=existing[0].segment_id if single else None,
            study_id=study_id,
            payload={
                "theme_id": theme_id,
                "removed": [
                    {"segment_id": e.segment_id, "source": e.source, "created_at": e.created_at.isoformat(),
                     "start_char": e.start_char, "end_char": e.end_char, "is_quote": e.is_quote}
                    for e in existing
                ],
            },
        )
        return len(existing)


def remove_coding(store: Store, segment_id: int, theme_id: int, coder: str) -> bool:
    """Take a theme off a segment (this coder's coding only); False when there was none."""
    return uncode_segments(store, [segment_id], theme_id, coder) == 1


def set_memo(store: Store, segment_id: int, memo: str, actor: str) -> None:
    """Set the memo of a segment (recorded with the previous text, so it can be undone)."""
    _set_segment_field(store, segment_id, "memo", memo, actor, "memo.set")


def set_quote(store: Store, segment_id: int, is_quote: bool, actor: str) -> None:
    """Flag or unflag a segment as citaat (quote-worthy)."""
    _set_segment_field(store, segment_id, "is_quote", bool(is_quote), actor, "quote.set")


def set_passage_quote(store: Store, segment_id: int, span: tuple[int, int], is_quote: bool, actor: str) -> int:
    """Flag or unflag the actor's coded passage ``span`` of a segment as a quote; returns how many codings
    (one per theme) carry the flag. An error when the actor has not coded that passage."""
    actor = coder_name(actor)
    start, end = span
    with store.atomic() as session:
        _, study_id = _segments_question(session, [segment_id])
        which = (Coding.segment_id == segment_id, Coding.coder == actor, Coding.start_char == start,
                 Coding.end_char == end)
        flags = list(session.scalars(select(Coding.is_quote).where(*which)))
        if not flags:
            raise CodingError("Deze passage is nog niet gecodeerd.", hint="Geef de passage eerst een thema.")
        old = any(flags)
        if old != bool(is_quote):
            session.execute(update(Coding).where(*which).values(is_quote=bool(is_quote)))
            record(session, actor=actor, action="passage_quote.set", entity="segment", entity_id=segment_id,
                   study_id=study_id, payload={"segment_id": segment_id, "start": start, "end": end, "old": old,
                                               "new": bool(is_quote)})
        return len(flags)


def _set_segment_field(store: Store, segment_id: int, field: str, value: Any, actor: str, action: str) -> None:
    actor = coder_name(actor)
    with store.atomic() as session:
        _, study_id = _segments_question(session, [segment_id])
        segment = session.get(Segment, segment_id)
        assert segment is not None
        old = getattr(segment, field)
        if old == value:
            return
        setattr(segment, field, value)
        record(
            session,
            actor=actor,
            action=action,
            entity="segment",
            entity_id=segment_id,
            study_id=study_id,
            payload={"segment_id": segment_id, "old": old, "new": value},
        )


def undo_last(store: Store, actor: str, study_id: int | None = None) -> str | None:
    """Reverse the actor's most recent coding action not yet undone; returns what was undone, or None.

    The reversed event stays in the history; an ``undo`` event pointing at it is added.
    """
    actor = coder_name(actor)
    with store.atomic() as session:
        event = last_undoable(session, actor, study_id)
        if event is None:
            return None
        payload = event.payload
        if event.action in ("coding.add", "coding.bulk_add"):
            spans = payload.get("spans") or [[0, 0]] * len(payload["segment_ids"])
            for segment_id, (start, end) in zip(payload["segment_ids"], spans, strict=True):
                session.execute(
                    delete(Coding).where(
                        Coding.segment_id == segment_id,
                        Coding.theme_id == payload["theme_id"],
                        Coding.coder == actor,
                        Coding.start_char == start,
                        Coding.end_char == end,
                    )
                )
            description = f"thema verwijderd van {len(payload['segment_ids'])} antwoord(en)"
        elif event.action in ("coding.remove", "coding.bulk_remove"):
            rows = [
                {
                    "segment_id": r["segment_id"],
                    "theme_id": payload["theme_id"],
                    "coder": actor,
                    "source": r["source"],
                    "start_char": r.get("start_char", 0),
                    "end_char": r.get("end_char", 0),
                    "is_quote": bool(r.get("is_quote", False)),
                }
                for r in payload["removed"]
            ]
            insert_codings(session, rows)
            description = f"thema teruggezet op {len(rows)} antwoord(en)"
        else:
            segment = session.get(Segment, payload["segment_id"])
            if segment is None:
                description = "antwoord bestaat niet meer"
            elif event.action == "passage_quote.set":
                session.execute(update(Coding).where(
                    Coding.segment_id == payload["segment_id"], Coding.coder == actor,
                    Coding.start_char == payload["start"], Coding.end_char == payload["end"],
                ).values(is_quote=bool(payload["old"])))
                description = "citaat-markering van de passage teruggezet"
            elif event.action == "memo.set":
                segment.memo = payload["old"]
                description = "memo teruggezet"
            else:
                segment.is_quote = bool(payload["old"])
                description = "citaat-markering teruggezet"
        record(
            session,
            actor=actor,
            action="undo",
            entity=event.entity,
            entity_id=event.entity_id,
            study_id=event.study_id,
            payload={"undone_action": event.action},
            undoes_event_id=event.id,
        )
        return description


#: Longest coder name the store keeps (longer names are cut).
CODER_NAME_LIMIT = 100


def coder_name(
    name: str, *, problem: str = "Er is geen codeur opgegeven.", hint: str = "Kies eerst je naam als codeur."
) -> str:
    """A coder's name as stored: stripped and at most :data:`CODER_NAME_LIMIT` characters; an error when empty."""
    name = (name or "").strip()
    if not name:
        raise CodingError(problem, hint=hint)
    return name[:CODER_NAME_LIMIT]
