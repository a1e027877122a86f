"""Coding actions — add or remove a theme on segments, memo, citaat flag, undo — each one transaction + event."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from coding.errors import CodingError, NotFoundError
from coding.store.db import Store
from coding.store.events import last_undoable, record
from coding.store.models import CODING_SOURCES, Codebook, Coding, Question, Segment, Theme

#: Rows per INSERT statement in bulk coding.
CHUNK = 500


def insert_codings(session: Session, rows: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Insert codings, skipping ones that exist; returns (segment_id, theme_id) of the rows really added."""
    insert = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    added: list[tuple[int, int]] = []
    for start in range(0, len(rows), CHUNK):
        statement = (
            insert(Coding)
            .values(rows[start : start + CHUNK])
            .on_conflict_do_nothing(index_elements=["segment_id", "theme_id", "coder"])
            .returning(Coding.segment_id, Coding.theme_id)
        )
        added.extend((s, t) for s, t in session.execute(statement).all())
    return added


def _check(session: Session, segment_ids: Sequence[int], theme_ids: Iterable[int]) -> int:
    """Verify that segments exist, share one question, and that the themes are active themes of it.

    Returns the study id (for the event).
    """
    if not segment_ids:
        raise CodingError("Er zijn geen antwoorden gekozen.", hint="Kies minstens één antwoord.")
    unique_segments = set(segment_ids)
    found = session.execute(
        select(Segment.question_id, Question.study_id)
        .join(Question, Question.id == Segment.question_id)
        .where(Segment.id.in_(unique_segments))
        .distinct()
    ).all()
    count = session.scalar(select(func.count()).select_from(Segment).where(Segment.id.in_(unique_segments)))
    if count != len(unique_segments):
        raise NotFoundError(f"{len(unique_segments) - (count or 0)} van de gekozen antwoorden bestaan niet meer.")
    if len(found) != 1:
        raise CodingError(
            "De gekozen antwoorden horen bij verschillende vragen.", hint="Codeer de antwoorden per vraag."
        )
    question_id, study_id = found[0]
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
    return int(study_id)


def _check_source(source: str) -> None:
    if source not in CODING_SOURCES:
        raise CodingError(f"Onbekende bron '{source}'.", hint="Kies uit: " + ", ".join(CODING_SOURCES))


def code_segments(store: Store, segment_ids: Sequence[int], theme_id: int, coder: str, source: str = "manual") -> int:
    """Give one theme to one or many segments of a question in one action; returns how many were new.

    Codings the coder already made are left as they are (never doubled, never overwritten).
    """
    _check_source(source)
    coder = _coder(coder)
    with store.atomic() as session:
        study_id = _check(session, segment_ids, [theme_id])
        rows = [
            {"segment_id": s, "theme_id": theme_id, "coder": coder, "source": source}
            for s in dict.fromkeys(segment_ids)
        ]
        added = insert_codings(session, rows)
        if added:
            single = len(rows) == 1
            record(
                session,
                actor=coder,
                action="coding.add" if single else "coding.bulk_add",
                entity="segment" if single else "question",
                entity_id=added[0][0] if single else None,
                study_id=study_id,
                payload={"theme_id": theme_id, "source": source, "segment_ids": [s for s, _ in added]},
            )
        return len(added)


def add_coding(store: Store, segment_id: int, theme_id: int, coder: str, source: str = "manual") -> bool:
    """Give a segment a theme; False when this coder had already given it."""
    return code_segments(store, [segment_id], theme_id, coder, source) == 1


def uncode_segments(store: Store, segment_ids: Sequence[int], theme_id: int, coder: str) -> int:
    """Remove the coder's coding with ``theme_id`` from the segments; returns how many were removed."""
    coder = _coder(coder)
    with store.atomic() as session:
        study_id = _check(session, segment_ids, [])
        existing = session.execute(
            select(Coding.segment_id, Coding.source, Coding.created_at).where(
                Coding.segment_id.in_(set(segment_ids)), Coding.theme_id == theme_id, Coding.coder == coder
            )
        ).all()
        if not existing:
            return 0
        session.execute(
            delete(Coding).where(
                Coding.segment_id.in_([e.segment_id for e in existing]),
                Coding.theme_id == theme_id,
                Coding.coder == coder,
            )
        )
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
                    {"segment_id": e.segment_id, "source": e.source, "created_at": e.created_at.isoformat()}
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


def _set_segment_field(store: Store, segment_id: int, field: str, value: Any, actor: str, action: str) -> None:
    actor = _coder(actor)
    with store.atomic() as session:
        study_id = _check(session, [segment_id], [])
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
    actor = _coder(actor)
    with store.atomic() as session:
        event = last_undoable(session, actor, study_id)
        if event is None:
            return None
        payload = event.payload
        if event.action in ("coding.add", "coding.bulk_add"):
            session.execute(
                delete(Coding).where(
                    Coding.segment_id.in_(payload["segment_ids"]),
                    Coding.theme_id == payload["theme_id"],
                    Coding.coder == actor,
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
                }
                for r in payload["removed"]
            ]
            insert_codings(session, rows)
            description = f"thema teruggezet op {len(rows)} antwoord(en)"
        else:
            segment = session.get(Segment, payload["segment_id"])
            if segment is None:
                description = "antwoord bestaat niet meer"
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


def _coder(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise CodingError("Er is geen codeur opgegeven.", hint="Kies eerst je naam als codeur.")
    return name[:100]
