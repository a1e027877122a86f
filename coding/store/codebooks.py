"""A question's codebook in the store: load from a spec, read back, versions as snapshots."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.codebook import CodebookSpec, ThemeSpec, spec_to_dict
from coding.errors import NotFoundError
from coding.store.db import Store
from coding.store.events import record
from coding.store.models import Codebook, CodebookVersion, Event, Question, Theme, utcnow
from coding.store.refs import QuestionRef
from coding.store.studies import question_row
from coding.vocabulary import is_closing_theme

#: Columns of :func:`theme_table`, the one reader of a question's themes.
THEME_COLUMNS = [
    "theme_id",
    "code",
    "label",
    "parent",
    "definition",
    "include",
    "exclude",
    "keywords",
    "examples",
    "retired",
    "position",
    "merged_into",
]


def codebook_of(session: Session, question: Question | QuestionRef) -> Codebook | None:
    """The codebook row of a question (row or reference), if one was loaded."""
    return session.scalars(select(Codebook).where(Codebook.question_id == question.id)).first()


def require_codebook(session: Session, question: Question | QuestionRef, hint: str) -> Codebook:
    """The codebook row of a question; :class:`NotFoundError` (with ``hint``) when none was loaded."""
    codebook = codebook_of(session, question)
    if codebook is None:
        raise NotFoundError(f"Vraag '{question.name}' heeft nog geen codeboek.", hint=hint)
    return codebook


def theme_by_code(session: Session, codebook: Codebook, code: str) -> Theme | None:
    """The theme (active or retired) of a codebook with this code, if there is one."""
    return session.scalars(select(Theme).where(Theme.codebook_id == codebook.id, Theme.code == code)).first()


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

    Themes are matched by code: existing ones are updated and new ones added. A theme missing from the spec is
    retired (never deleted, so its codings and history stay) when the previously loaded file had it — the file
    dropped it; a theme added since (in the UI or with ``coding theme add``) is kept, before the spec's closing
    themes ("Overig", …): loading the same file again merges (:func:`themes_not_in_file` names the kept ones).
    Returns the new version number.
    """
    codebook = codebook_of(session, question)
    if codebook is not None:
        current = spec_from_rows(question, codebook, themes_of(session, codebook))
        wanted, loaded = {t.code for t in spec.themes}, _last_loaded_codes(session, codebook)
        extra = [t.code for t in current.themes if t.code not in wanted]
        same = [t for t in current.themes if t.code in wanted] == spec.themes and not set(extra) & loaded
        if same and (not spec.name or spec.name == codebook.name):
            return codebook.version  # loading the same codebook again changes nothing (themes added since stay)
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
    loaded = _last_loaded_codes(session, codebook)
    kept = [t for code, t in existing.items() if code not in wanted and not t.retired and code not in loaded]
    for code, theme in existing.items():
        if code not in wanted and theme not in kept:
            theme.retired = True
    _place_kept(spec, existing, kept)
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


def _last_loaded_codes(session: Session, codebook: Codebook) -> set[str]:
    """The theme codes of the codebook file loaded last (empty when none was: every theme was added by hand)."""
    payload = session.scalar(
        select(Event.payload).where(Event.action == "codebook.load", Event.entity == "codebook",
                                    Event.entity_id == codebook.id).order_by(Event.id.desc()).limit(1)
    )
    return set(payload.get("themes", [])) if payload else set()


def _place_kept(spec: CodebookSpec, existing: dict[str, Theme], kept: list[Theme]) -> None:
    """Themes kept from the UI go after the file's themes, but before the file's closing ones ("Overig", …)."""
    if not kept:
        return
    codes = [t.code for t in spec.themes]
    split = len(codes)
    while split and is_closing_theme(codes[split - 1], spec.themes[split - 1].label):
        split -= 1
    order = [existing[c] for c in codes[:split]] + sorted(kept, key=lambda t: (t.position, t.id)) + [
        existing[c] for c in codes[split:]]
    for position, theme in enumerate(order):
        theme.position = position


def themes_not_in_file(store: Store, question: QuestionRef, spec: CodebookSpec) -> list[str]:
    """Active themes of a question that ``spec`` does not have (kept when it was loaded), in codebook order."""
    wanted = {t.code for t in spec.themes}
    return [str(c) for c in theme_table(store, question)["code"] if c not in wanted]


def load_codebook(store: Store, question: QuestionRef, spec: CodebookSpec, actor: str) -> int:
    """Load ``spec`` as the codebook of a question (one transaction); returns the new version number."""
    with store.atomic() as session:
        return apply_codebook(session, question_row(session, question), spec, actor)


def get_codebook(store: Store, question: QuestionRef) -> CodebookSpec:
    """The current codebook of a question; :class:`NotFoundError` when none was loaded."""
    with store.read() as session:
        q = question_row(session, question)
        hint = f"Laad er een met: coding codebook load FILE --study {question.study} --question {question.name}"
        codebook = require_codebook(session, q, hint)
        return spec_from_rows(q, codebook, themes_of(session, codebook))


def read_themes(session: Session, question: Question | QuestionRef, *, include_retired: bool = False) -> pd.DataFrame:
    """:func:`theme_table` in the caller's transaction (for store functions that read more beside it)."""
    codebook = codebook_of(session, question)
    themes = themes_of(session, codebook, include_retired=True) if codebook else []
    codes = {t.id: t.code for t in themes}
    rows = [
        [
            t.id,
            t.code,
            t.label,
            codes.get(t.parent_id) if t.parent_id else None,
            t.definition,
            list(t.include),
            list(t.exclude),
            list(t.keywords),
            list(t.examples),
            bool(t.retired),
            t.position,
            codes.get(t.merged_into_id) if t.merged_into_id else None,
        ]
        for t in themes
        if include_retired or not t.retired
    ]
    # bool also when empty: ``frame[~frame["retired"]]`` on an empty object column would select columns, not rows
    frame = pd.DataFrame(rows, columns=THEME_COLUMNS).astype({"retired": bool})
    for column in ("parent", "merged_into"):  # keep None (pandas would turn a column of None/str into NaN)
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


def theme_table(store: Store, question: QuestionRef, *, include_retired: bool = False) -> pd.DataFrame:
    """The themes of a question's codebook as a table, in codebook order (empty when no codebook is loaded).

    The one reader of a question's themes (:data:`THEME_COLUMNS`): ``parent`` and ``merged_into`` are theme codes
    (or None, never NaN); ``position`` is the codebook order. With ``include_retired`` retired and merged themes
    are included.
    """
    with store.read() as session:
        return read_themes(session, question, include_retired=include_retired)


def codebook_versions(store: Store, question: QuestionRef) -> pd.DataFrame:
    """Every stored version of a question's codebook: number, time, author, note."""
    with store.read() as session:
        codebook = codebook_of(session, question)
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
