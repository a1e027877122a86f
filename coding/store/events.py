"""The append-only event table: every change is recorded with who, when and what.

:func:`record` is the one write path's gate: it checks that the actor may do the action on the study
(:func:`coding.store.access.authorize`) before the event is written, in the same transaction as the change.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.store.access import authorize
from coding.store.db import Store
from coding.store.models import Event
from coding.store.refs import StudyRef

#: Actions that ``undo_last`` can reverse.
UNDOABLE_ACTIONS = (
    "coding.add",
    "coding.remove",
    "coding.bulk_add",
    "coding.bulk_remove",
    "memo.set",
    "quote.set",
    "passage_quote.set",
)


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None = None,
    study_id: int | None = None,
    payload: dict[str, Any] | None = None,
    undoes_event_id: int | None = None,
) -> Event:
    """Append one event in the caller's transaction (so the event and the change commit together).

    Raises :class:`coding.errors.PermissionDenied` when the actor may not do ``action`` on the study (once the
    database has accounts); the caller's transaction, and so the change, is then rolled back.
    """
    authorize(session, actor, study_id, action)
    event = Event(
        actor=actor,
        action=action,
        entity=entity,
        entity_id=entity_id,
        study_id=study_id,
        payload=payload or {},
        undoes_event_id=undoes_event_id,
    )
    session.add(event)
    session.flush()
    return event


def last_undoable(session: Session, actor: str, study_id: int | None = None) -> Event | None:
    """The actor's most recent undoable event that has not been undone yet."""
    undone = select(Event.undoes_event_id).where(Event.undoes_event_id.is_not(None))
    query = (
        select(Event)
        .where(Event.actor == actor, Event.action.in_(UNDOABLE_ACTIONS), Event.id.not_in(undone))
        .order_by(Event.id.desc())
        .limit(1)
    )
    if study_id is not None:
        query = query.where(Event.study_id == study_id)
    return session.scalars(query).first()


def history(store: Store, study: StudyRef, limit: int = 100) -> list[dict[str, Any]]:
    """The latest events of a study as plain dicts, newest first."""
    with store.read() as session:
        rows = session.scalars(select(Event).where(Event.study_id == study.id).order_by(Event.id.desc()).limit(limit))
        return [
            {
                "id": e.id,
                "at": e.at,
                "actor": e.actor,
                "action": e.action,
                "entity": e.entity,
                "entity_id": e.entity_id,
                "payload": e.payload,
                "undoes_event_id": e.undoes_event_id,
            }
            for e in rows
        ]
