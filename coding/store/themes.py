"""Editing a question's codebook theme by theme: add, edit, move, merge, retire, restore.

Each function is one user action: one transaction that changes the themes, stores a new codebook version (a
snapshot, through :func:`coding.store.codebooks.snapshot`) and appends an event. Themes are never deleted: a retired
theme keeps its codings and history, a merged theme is retired with ``merged_into_id`` pointing at the theme that
took over its codings. Themes are addressed by their code, as in the YAML files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from pydantic import ValidationError
from sqlalchemy import delete, distinct, func, select
from sqlalchemy.orm import Session

from coding.codebook import ThemeSpec
from coding.errors import CodebookError, NotFoundError
from coding.store.blind import visible_coding_rows
from coding.store.codebooks import codebook_of, read_themes, require_codebook, snapshot, theme_by_code
from coding.store.codings import insert_codings
from coding.store.db import Store
from coding.store.events import record
from coding.store.models import Codebook, Coding, Question, Segment, Theme
from coding.store.refs import QuestionRef
from coding.store.studies import question_row
from coding.vocabulary import is_closing_theme

#: Columns of :func:`theme_tree`.
TREE_COLUMNS = [
    "theme_id",
    "code",
    "label",
    "parent",
    "depth",
    "definition",
    "include",
    "exclude",
    "keywords",
    "examples",
    "retired",
    "merged_into",
    "segments",
]

#: Fields of a theme that :func:`edit_theme` may change (lists are the include/exclude/keywords/examples).
EDITABLE_FIELDS = ("label", "definition", "include", "exclude", "keywords", "examples")


@dataclass(frozen=True)
class MergeResult:
    """What a merge did: codings moved to the target, and ones the target already had (not doubled)."""

    source: str
    target: str
    moved: int
    already_present: int
    version: int


def _codebook(session: Session, question: Question) -> Codebook:
    return require_codebook(session, question, "Voeg eerst een thema toe of laad een codeboek (YAML).")


def _theme(session: Session, codebook: Codebook, code: str, *, active: bool = True) -> Theme:
    theme = theme_by_code(session, codebook, code)
    if theme is None:
        raise NotFoundError(f"Thema '{code}' bestaat niet in dit codeboek.", hint="Controleer de code van het thema.")
    if active and theme.retired:
        raise CodebookError(
            f"Thema '{code}' is niet meer in gebruik.", hint="Zet het eerst terug, of kies een actief thema."
        )
    return theme


def _validated(code: str, label: str, **fields: Any) -> ThemeSpec:
    """A theme checked by the same rules as a YAML codebook (code characters, label length, …)."""
    try:
        return ThemeSpec(code=code, label=label, **fields)
    except ValidationError as exc:
        problems = "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in exc.errors())
        raise CodebookError(f"Thema '{code}' is niet geldig: {problems}.") from None


def _clean_list(values: Sequence[str]) -> list[str]:
    return [v.strip() for v in values if v and v.strip()]


def _ancestors(session: Session, theme: Theme) -> list[int]:
    """Ids of the theme's parents, nearest first."""
    found: list[int] = []
    current = theme.parent_id
    while current is not None and current not in found:
        found.append(current)
        parent = session.get(Theme, current)
        current = parent.parent_id if parent is not None else None
    return found


def _subthemes(session: Session, theme: Theme) -> list[Theme]:
    """The themes directly under ``theme`` (active or retired)."""
    return list(session.scalars(select(Theme).where(Theme.parent_id == theme.id)))


def _finish(
    session: Session,
    question: Question,
    codebook: Codebook,
    actor: str,
    action: str,
    theme: Theme,
    note: str,
    payload: dict[str, Any],
) -> int:
    version = snapshot(session, question, codebook, actor, note)
    record(
        session,
        actor=actor,
        action=action,
        entity="theme",
        entity_id=theme.id,
        study_id=question.study_id,
        payload={"question": question.name, "code": theme.code, "version": version, **payload},
    )
    return version


def add_theme(
    store: Store,
    question: QuestionRef,
    code: str,
    label: str,
    actor: str,
    *,
    parent: str | None = None,
    definition: str = "",
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    keywords: Sequence[str] = (),
    examples: Sequence[str] = (),
) -> int:
    """Add a theme to a question's codebook (created when the question has none); returns the new theme's id."""
    spec = _validated(
        code.strip(),
        label,
        parent=parent,
        definition=definition.strip(),
        include=_clean_list(include),
        exclude=_clean_list(exclude),
        keywords=_clean_list(keywords),
        examples=_clean_list(examples),
    )
    with store.atomic() as session:
        q = question_row(session, question)
        codebook = codebook_of(session, q)
        if codebook is None:
            codebook = Codebook(question_id=q.id, name=q.name)
            session.add(codebook)
            session.flush()
        clash = theme_by_code(session, codebook, spec.code)
        if clash is not None:
            state = " (niet meer in gebruik)" if clash.retired else ""
            raise CodebookError(
                f"Er is al een thema met code '{spec.code}'{state}.",
                hint="Kies een andere code; een teruggetrokken thema kun je terugzetten.",
            )
        parent_id = _theme(session, codebook, spec.parent).id if spec.parent else None
        position = _new_position(session, codebook, spec.code, spec.label)
        theme = Theme(
            codebook_id=codebook.id,
            code=spec.code,
            label=spec.label,
            parent_id=parent_id,
            definition=spec.definition,
            include=spec.include,
            exclude=spec.exclude,
            keywords=spec.keywords,
            examples=spec.examples,
            position=position,
        )
        session.add(theme)
        session.flush()
        _finish(session, q, codebook, actor, "theme.add", theme, f"thema '{spec.code}' toegevoegd",
                {"label": spec.label, "parent": spec.parent})
        return theme.id


def _new_position(session: Session, codebook: Codebook, code: str, label: str) -> int:
    """Where a new theme goes: at the end, but before the closing themes ("Overig", "Geen inhoudelijk antwoord")
    that end the list; those move one place down."""
    themes = list(session.scalars(
        select(Theme).where(Theme.codebook_id == codebook.id).order_by(Theme.position, Theme.id)))
    end = (themes[-1].position + 1) if themes else 0
    if is_closing_theme(code, label):
        return end
    closing = [t for t in reversed(themes) if not t.retired]
    tail: list[Theme] = []
    for theme in closing:
        if not is_closing_theme(theme.code, theme.label):
            break
        tail.append(theme)
    if not tail:
        return end
    first = min(t.position for t in tail)
    for theme in themes:
        if theme.position >= first:
            theme.position += 1
    return first


def edit_theme(store: Store, question: QuestionRef, code: str, actor: str, **changes: Any) -> int:
    """Change a theme's label, definition, include, exclude, keywords or examples; returns the codebook version.

    Only the fields given change. Changing nothing changes nothing (no new version, no event).
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise CodebookError(f"Onbekend veld: {', '.join(sorted(unknown))}.", hint="Te wijzigen: " +
                            ", ".join(EDITABLE_FIELDS))
    with store.atomic() as session:
        q = question_row(session, question)
        codebook = _codebook(session, q)
        theme = _theme(session, codebook, code)
        current = {field: getattr(theme, field) for field in EDITABLE_FIELDS}
        wanted = dict(current)
        for field, value in changes.items():
            if value is None:
                continue
            wanted[field] = value.strip() if isinstance(value, str) else _clean_list(value)
        spec = _validated(theme.code, wanted["label"], **{k: v for k, v in wanted.items() if k != "label"})
        wanted["label"] = spec.label
        changed = {field: {"old": current[field], "new": wanted[field]}
                   for field in EDITABLE_FIELDS if _comparable(current[field]) != _comparable(wanted[field])}
        if not changed:
            return codebook.version
        for field in changed:
            setattr(theme, field, wanted[field])
        action = "theme.rename" if set(changed) == {"label"} else "theme.edit"
        return _finish(session, q, codebook, actor, action, theme,
                       f"thema '{code}' gewijzigd ({', '.join(changed)})", {"changes": changed})


def _comparable(value: Any) -> Any:
    """A field value in a comparable form (JSON lists may come back as tuples or lists)."""
    return list(value) if isinstance(value, list | tuple) else value


def move_theme(store: Store, question: QuestionRef, code: str, parent: str | None, actor: str) -> int:
    """Put a theme under another parent (``None``: at the top); refuses a move that would make a cycle."""
    with store.atomic() as session:
        q = question_row(session, question)
        codebook = _codebook(session, q)
        theme = _theme(session, codebook, code)
        new_parent = _theme(session, codebook, parent) if parent else None
        if new_parent is not None and (new_parent.id == theme.id or theme.id in _ancestors(session, new_parent)):
            raise CodebookError(
                f"Thema '{code}' kan niet onder '{parent}' staan: dat is het thema zelf of een subthema ervan.",
                hint="Kies een parent buiten deze tak.",
            )
        old_parent = session.get(Theme, theme.parent_id) if theme.parent_id else None
        if (old_parent.id if old_parent else None) == (new_parent.id if new_parent else None):
            return codebook.version
        theme.parent_id = new_parent.id if new_parent else None
        return _finish(session, q, codebook, actor, "theme.move", theme,
                       f"thema '{code}' verplaatst naar {parent or 'het hoogste niveau'}",
                       {"old_parent": old_parent.code if old_parent else None, "new_parent": parent})


def merge_themes(store: Store, question: QuestionRef, source: str, target: str, actor: str) -> MergeResult:
    """Merge theme ``source`` into ``target``: its codings move along, the source is retired.

    A segment a coder had already given ``target`` keeps that one coding (never doubled). The moved codings keep
    their coder, source and time; the event lists them all, so the history of every coding stays traceable.
    Subthemes of ``source`` move under ``target``.
    """
    if source == target:
        raise CodebookError("Een thema kan niet met zichzelf worden samengevoegd.", hint="Kies twee verschillende.")
    with store.atomic() as session:
        q = question_row(session, question)
        codebook = _codebook(session, q)
        src = _theme(session, codebook, source)
        dst = _theme(session, codebook, target)
        if src.id in _ancestors(session, dst):
            dst.parent_id = src.parent_id  # the target leaves the branch that is being folded into it
        for child in _subthemes(session, src):
            if child.id != dst.id:
                child.parent_id = dst.id
        codings = session.execute(
            select(Coding.segment_id, Coding.coder, Coding.source, Coding.created_at, Coding.start_char,
                   Coding.end_char, Coding.is_quote).where(Coding.theme_id == src.id)
        ).all()
        rows = [{"segment_id": c.segment_id, "theme_id": dst.id, "coder": c.coder, "source": c.source,
                 "created_at": c.created_at, "start_char": c.start_char, "end_char": c.end_char,
                 "is_quote": c.is_quote} for c in codings]
        added = insert_codings(session, rows) if rows else []
        session.execute(delete(Coding).where(Coding.theme_id == src.id))
        src.retired = True
        src.merged_into_id = dst.id
        version = _finish(
            session, q, codebook, actor, "theme.merge", src, f"thema '{source}' samengevoegd met '{target}'",
            {
                "target": target,
                "target_id": dst.id,
                "moved": [[c.segment_id, c.coder, c.source, c.created_at.isoformat()] for c in codings],
                "already_present": len(codings) - len(added),
            },
        )
        return MergeResult(source, target, len(added), len(codings) - len(added), version)


def retire_theme(store: Store, question: QuestionRef, code: str, actor: str) -> int:
    """Take a theme out of use: it is no longer offered, but its codings and history stay.

    Its subthemes move up to its parent. Returns the codebook version.
    """
    with store.atomic() as session:
        q = question_row(session, question)
        codebook = _codebook(session, q)
        theme = _theme(session, codebook, code)
        children = _subthemes(session, theme)
        for child in children:
            child.parent_id = theme.parent_id
        theme.retired = True
        return _finish(session, q, codebook, actor, "theme.retire", theme, f"thema '{code}' teruggetrokken",
                       {"children_moved_up": [c.code for c in children]})


def restore_theme(store: Store, question: QuestionRef, code: str, actor: str) -> int:
    """Put a retired theme back into use (at the top level when its parent is retired); returns the version."""
    with store.atomic() as session:
        q = question_row(session, question)
        codebook = _codebook(session, q)
        theme = _theme(session, codebook, code, active=False)
        if not theme.retired:
            return codebook.version
        parent = session.get(Theme, theme.parent_id) if theme.parent_id else None
        if parent is not None and parent.retired:
            theme.parent_id = None
        merged_into = theme.merged_into_id
        theme.retired = False
        theme.merged_into_id = None
        return _finish(session, q, codebook, actor, "theme.restore", theme, f"thema '{code}' teruggezet",
                       {"was_merged_into_id": merged_into})


def theme_tree(
    store: Store, question: QuestionRef, *, include_retired: bool = False, counts: bool = True
) -> pd.DataFrame:
    """The themes of a question as a tree, depth first: ``depth`` 0 at the top, ``segments`` = answers coded.

    ``counts=False`` skips counting the coded answers (``segments`` is 0): cheaper on every rerun of the coding view.

    Retired themes (when included) come after the active tree, each with the theme it was merged into, if any.
    Built from :func:`coding.store.codebooks.theme_table`'s reading, in the same transaction as the counts.
    """
    with store.read() as session:
        themes = read_themes(session, question, include_retired=True).to_dict("records")
        coded = dict(
            session.execute(
                select(Coding.theme_id, func.count(distinct(Coding.segment_id)))
                .join(Segment, Segment.id == Coding.segment_id)
                .where(Segment.question_id == question.id, visible_coding_rows(store.viewer, question.id))
                .group_by(Coding.theme_id)
            ).all()
        ) if counts and themes else {}
    by_code = {t["code"]: t for t in themes}
    children: dict[str | None, list[dict[str, Any]]] = {}
    for t in themes:
        if not t["retired"]:
            parent = t["parent"] if t["parent"] in by_code and not by_code[t["parent"]]["retired"] else None
            children.setdefault(parent, []).append(t)
    ordered: list[tuple[dict[str, Any], int]] = []

    def walk(parent: str | None, depth: int) -> None:
        for child in children.get(parent, []):
            ordered.append((child, depth))
            walk(child["code"], depth + 1)

    walk(None, 0)
    if include_retired:
        ordered += [(t, 0) for t in themes if t["retired"]]
    rows = [
        [t["theme_id"], t["code"], t["label"], t["parent"], depth, t["definition"], t["include"], t["exclude"],
         t["keywords"], t["examples"], t["retired"], t["merged_into"], int(coded.get(t["theme_id"], 0))]
        for t, depth in ordered
    ]
    frame = pd.DataFrame(rows, columns=TREE_COLUMNS).astype({"retired": bool})  # bool also when empty
    for column in ("parent", "merged_into"):  # keep None (pandas would turn a column of None/str into NaN)
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame
