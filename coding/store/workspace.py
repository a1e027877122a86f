"""Small study-level actions of the workspace: the names of the studies, and creating an empty study."""

from __future__ import annotations

from sqlalchemy import select

from coding.errors import ConflictError
from coding.store.access import visible_study_ids
from coding.store.db import Store
from coding.store.models import Study
from coding.store.refs import StudyRef
from coding.store.studies import get_or_create_study


def study_names(store: Store, actor: str | None = None) -> list[str]:
    """The names of the studies, sorted (one cheap query, for pickers shown on every page): all of them, or — given
    an ``actor``, or on a store bound to a user — once there are accounts, those the user has a role in."""
    with store.read() as session:
        visible = visible_study_ids(session, actor or store.viewer)
        query = select(Study.name).order_by(Study.name)
        if visible is not None:
            query = query.where(Study.id.in_(visible))
        return list(session.scalars(query))


def create_study(store: Store, name: str, actor: str, description: str = "") -> StudyRef:
    """Create an empty study (one transaction and an event); :class:`ConflictError` when the name is taken."""
    name = name.strip()
    with store.atomic() as session:
        if session.scalars(select(Study.id).where(Study.name == name)).first() is not None:
            raise ConflictError(f"Er is al een studie met de naam '{name}'.", hint="Open die studie, of kies een "
                                "andere naam.")
        study = get_or_create_study(session, name, actor, description)
        return StudyRef(study.id, study.name)
