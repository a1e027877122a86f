"""A question's codebook in the store: load from a spec, read back, versions as snapshots."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.codebook import CodebookSpec, ThemeSpec, spec_to_dict
from coding.errors import NotFoundError
from coding.store.db import Store
from coding.store.events import record
from coding.store.models import Codebook, CodebookVersion, Question, Theme, utcnow
from coding.store.studies import find_question, find_study

THEME_COLUMNS = [
    "theme_id",
    "code",
    "label",
    "parent",
    "definition",
    "keywords",
    "examples",
    "retired",
    "position",
    "merged_into",
]


def codebook_of(session: Session, question: Question) -> Codebook | None:
    """The codebook row of a question, if one was loaded."""
    return session.scalars(select(Codebook).where(Codebook.question_id == question.id)).first()


def themes_of(session: Session, codebook: Codebook, *, include_retired: bool = False) -> list[Theme]:
    """The themes of a codebook in their order."""
    query = select(Theme).where(Theme.codebook_id == codebook.id)
    if not include_retired:
        query = query.where(Theme.retired.is_(False))
    return list(session.scalars(query.order_by(Theme.position, Theme.id)))


def spec_from_rows(question: Question, codebook: Codebook, themes: list[Theme]) -> CodebookSpec:
    """Plain codebook data from stored rows (active themes only)."""
    by_id = {t.id: t.code for t in themes}
    return CodebookSpec(
        question=question.name,
        wording=question.wording,
        name=codebook.name,
        themes=[
            ThemeSpec(
                code=t.code,
                label=t.label,
                parent=by_id.get(t.parent_id) if t.parent_id else None,
                definition=t.definition,
                include=list(t.include),
                exclude=list(t.exclude),
                keywords=list(t.keywords),
                examples=list(t.examples),
            )
            for t in themes
        ],
    )


def snapshot(session: Session, question: Question, codebook: Codebook, actor: str, note: str) -> int:
    """Bump the codebook's version and keep a snapshot of it; returns the new version number."""
    session.flush()
    codebook.version += 1
    codebook.updated_at = utcnow()
    spec = spec_from_rows(question, codebook, themes_of(session, codebook))
    session.add(
        CodebookVersion(
            codebook_id=codebook.id,
            version=codebook.version,
            snapshot=spec_to_dict(spec),
            author=actor,
            note=note,
        )
    )
    session.flush()
    return codebook.version


def apply_codebook(session: Session, question: Question, spec: CodebookSpec, actor: str, note: str = "geladen") -> int:
    """Make the stored codebook of ``question`` match ``spec`` in the caller's transaction.

    Themes are matched by code: existing ones are updated, new ones added, and ones missing from the spec are
    retired (never deleted, so their codings and history stay). Returns the new version number.
    """
    codebook = codebook_of(session, question)
    if codebook is not None:
        current = spec_from_rows(question, codebook, themes_of(session, codebook))
        if current.themes == spec.themes and (not spec.name or spec.name == codebook.name):
            return codebook.version  # loading the same codebook again changes nothing
    if codebook is None:
        codebook = Codebook(question_id=question.id, name=spec.name)
        session.add(codebook)
        session.flush()
    elif spec.name:
        codebook.name = spec.name
    if spec.wording and not question.wording:
        question.wording = spec.wording
    existing = {t.code: t for t in themes_of(session, codebook, include_retired=True)}
    for position, theme_spec in enumerate(spec.themes):
        theme = existing.get(theme_spec.code)
        if theme is None:
            theme = Theme(codebook_id=codebook.id, code=theme_spec.code)
            session.add(theme)
            existing[theme.code] = theme
        theme.label = theme_spec.label
        theme.definition = theme_spec.definition
        theme.include = list(theme_spec.include)
        theme.exclude = list(theme_spec.exclude)
        theme.keywords = list(theme_spec.keywords)
        theme.examples = list(theme_spec.examples)
        theme.position = position
        theme.retired = False
        theme.merged_into_id = None
    session.flush()
    wanted = {t.code for t in spec.themes}
    for code, theme in existing.items():
        if code not in wanted:
            theme.retired = True
    parents = {t.code: t.parent for t in spec.themes}
    for code, theme in existing.items():
        parent = parents.get(code)
        theme.parent_id = existing[parent].id if parent else None
    version = snapshot(session, question, codebook, actor, note)
    record(
        session,
        actor=actor,
        action="codebook.load",
        entity="codebook",
        entity_id=codebook.id,
        study_id=question.study_id,
        payload={"question": question.name, "version": version, "themes": [t.code for t in spec.themes]},
    )
    return version


def load_codebook(store: Store, study: str, question: str, spec: CodebookSpec, actor: str) -> int:
    """Load ``spec`` as the codebook of a question (one transaction); returns the new version number."""
    with store.atomic() as session:
        q = find_question(session, find_study(session, study), question)
        return apply_codebook(session, q, spec, actor)


def get_codebook(store: Store, study: str, question: str) -> CodebookSpec:
    """The current codebook of a question; :class:`NotFoundError` when none was loaded."""
    with store.read() as session:
        q = find_question(session, find_study(session, study), question)
        codebook = codebook_of(session, q)
        if codebook is None:
            raise NotFoundError(
                f"Vraag '{question}' heeft nog geen codeboek.",
                hint=f"Laad er een met: coding codebook load FILE --study {study} --question {question}",
            )
        return spec_from_rows(q, codebook, themes_of(session, codebook))


def theme_table(store: Store, study: str, question: str, *, include_retired: bool = False) -> pd.DataFrame:
    """The themes of a question's codebook as a table (empty when no codebook is loaded).

    ``parent`` and ``merged_into`` are theme codes (or None); ``position`` is the codebook order.
    """
    with store.read() as session:
        q = find_question(session, find_study(session, study), question)
        codebook = codebook_of(session, q)
        themes = themes_of(session, codebook, include_retired=include_retired) if codebook else []
        codes = {t.id: t.code for t in themes}
        rows = [
            [
                t.id,
                t.code,
                t.label,
                codes.get(t.parent_id) if t.parent_id else None,
                t.definition,
                list(t.keywords),
                list(t.examples),
                bool(t.retired),
                t.position,
                codes.get(t.merged_into_id) if t.merged_into_id else None,
            ]
            for t in themes
        ]
    return pd.DataFrame(rows, columns=THEME_COLUMNS)


def codebook_versions(store: Store, study: str, question: str) -> pd.DataFrame:
    """Every stored version of a question's codebook: number, time, author, note."""
    with store.read() as session:
        q = find_question(session, find_study(session, study), question)
        codebook = codebook_of(session, q)
        if codebook is None:
            return pd.DataFrame(columns=["version", "created_at", "author", "note"])
        rows = session.execute(
            select(
                CodebookVersion.version,
                CodebookVersion.created_at,
                CodebookVersion.author,
                CodebookVersion.note,
            )
            .where(CodebookVersion.codebook_id == codebook.id)
            .order_by(CodebookVersion.version)
        ).all()
    return pd.DataFrame(rows, columns=["version", "created_at", "author", "note"])
