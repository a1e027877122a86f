"""Codeboek: the themes of a question as a tree; add, edit, move, merge, retire and restore; YAML in and out."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from coding.codebook import CodebookFile, CodebookSpec, dump_codebook, load_codebook_file
from coding.errors import CodingError, NotFoundError
from coding.store import QuestionRef, Store
from coding.store.codebooks import codebook_versions, get_codebook, load_codebook, themes_not_in_file
from coding.store.themes import (
    add_theme,
    edit_theme,
    merge_themes,
    move_theme,
    restore_theme,
    retire_theme,
    theme_tree,
)
from coding.ui import state
from coding.ui.resources import get_store
from coding.ui.text import md_escape, show_error, show_notices
from coding.ui.uploads import save_upload
from coding.ui.wording import wording_editor

INDENT = "\u2003"  # an em space per level keeps the tree readable in a table cell


def render() -> None:
    """The codebook page."""
    st.title("Codeboek")
    show_notices()
    context = state.require(coder=True, question=True)
    assert context.study is not None and context.question is not None
    store = get_store()
    question = context.question
    tree = theme_tree(store, question, include_retired=True)
    active = tree[~tree["retired"]]
    st.caption(f"Vraag: {md_escape(question.name)} — {len(active)} thema's")
    editor = state.allowed("theme.add")
    if editor:
        wording_editor(store, question, context.coder)
    if active.empty:
        st.info("Deze vraag heeft nog geen thema's. Voeg er hieronder een toe of laad een codeboek (YAML)." if editor
                else "Deze vraag heeft nog geen thema's.")
    else:
        st.dataframe(_tree_table(active), hide_index=True, width="stretch",
                     height=min(600, 38 + 35 * len(active)))
    act = _Action(store, question, context.coder)
    tabs: list[tuple[str, Callable[[], None]]] = [
        ("Thema bewerken", lambda: _edit(act, active)),
        ("Nieuw thema", lambda: _new(act, active)),
        ("Samenvoegen", lambda: _merge(act, active)),
        ("Teruggetrokken", lambda: _retired(act, tree[tree["retired"]])),
        ("YAML en versies", lambda: _yaml(act)),
    ]
    if not editor:  # a codeur or lezer sees the codebook and its versions, and can save it as YAML
        state.manager_only("het codeboek wijzigen")
        _yaml(act)
        return
    if active.empty:  # a new codebook starts with a first theme or a file: those tabs first, editing has nothing
        first = ("Nieuw thema", "YAML en versies")
        tabs = [t for t in tabs if t[0] in first] + [t for t in tabs if t[0] not in first]
    for tab, show in zip(st.tabs([label for label, _ in tabs]), [show for _, show in tabs], strict=True):
        with tab:
            show()


class _Action:
    """Runs one library call for the page and turns its outcome into a notice (or an error in place)."""

    def __init__(self, store: Store, question: QuestionRef, coder: str) -> None:
        self.store, self.question, self.coder = store, question, coder

    def __call__(self, message: str, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            result = function(self.store, self.question, *args, **kwargs)
        except CodingError as error:
            show_error(error)
            return None
        state.notify("success", message)
        st.rerun()
        return result


def _tree_table(active: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "thema": [INDENT * d + ("└ " if d else "") + label for d, label in zip(active["depth"], active["label"],
                                                                              strict=True)],
        "code": active["code"],
        "antwoorden": active["segments"],
        "definitie": active["definition"],
        "trefwoorden": [", ".join(k) for k in active["keywords"]],
    })


def _label(active: pd.DataFrame) -> Callable[[str], str]:
    labels = dict(zip(active["code"], active["label"], strict=True))
    return lambda code: f"{labels.get(code, '')} ({code})"


def _lines(values: list[str]) -> str:
    return "\n".join(values)


def _split(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _edit(act: _Action, active: pd.DataFrame) -> None:
    if active.empty:
        st.caption("Nog geen thema's om te bewerken: voeg er een toe bij 'Nieuw thema' of laad een YAML-bestand.")
        return
    codes = active["code"].tolist()
    code = st.selectbox("Thema", codes, format_func=_label(active), key=state.THEME_PICK)
    row = active[active["code"] == code].iloc[0]
    with st.form(f"edit_{code}"):
        label = st.text_input("Label", value=row["label"], max_chars=300)
        definition = st.text_area("Definitie", value=row["definition"])
        left, right = st.columns(2)
        include = left.text_area("Wel coderen als … (één per regel)", value=_lines(row["include"]))
        exclude = right.text_area("Niet coderen als … (één per regel)", value=_lines(row["exclude"]))
        keywords = left.text_area("Trefwoorden (één per regel)", value=_lines(row["keywords"]))
        examples = right.text_area("Voorbeelden (één per regel)", value=_lines(row["examples"]))
        if st.form_submit_button("Wijzigingen opslaan", type="primary"):
            act(f"Thema '{code}' opgeslagen.", edit_theme, code, act.coder, label=label, definition=definition,
                include=_split(include), exclude=_split(exclude), keywords=_split(keywords),
                examples=_split(examples))
    move_col, retire_col = st.columns(2)
    with move_col:
        parents: list[str | None] = [None, *[c for c in codes if c != code]]
        current = row["parent"] if row["parent"] in parents else None
        parent = st.selectbox("Valt onder", parents, index=parents.index(current), key=f"move_{code}",
                              format_func=lambda c: "(hoogste niveau)" if c is None else _label(active)(c))
        if st.button("Verplaatsen", key=f"move_go_{code}", disabled=parent == current):
            act(f"Thema '{code}' verplaatst.", move_theme, code, parent, act.coder)
    with retire_col:
        st.caption("Terugtrekken: het thema wordt niet meer aangeboden; coderingen en geschiedenis blijven.")
        if st.button("Thema terugtrekken", key=f"retire_{code}", icon=":material/archive:"):
            act(f"Thema '{code}' teruggetrokken.", retire_theme, code, act.coder)


def _new(act: _Action, active: pd.DataFrame) -> None:
    with st.form("new_theme", clear_on_submit=True):
        left, right = st.columns(2)
        code = left.text_input("Code", placeholder="bijv. werkdruk", help="Letters, cijfers, _ . - (geen spaties)")
        label = right.text_input("Label", placeholder="bijv. Werkdruk en tijdgebrek", max_chars=300)
        parents: list[str | None] = [None, *active["code"].tolist()]
        parent = st.selectbox("Valt onder", parents, format_func=lambda c: "(hoogste niveau)" if c is None
                              else _label(active)(c))
        definition = st.text_area("Definitie")
        keywords = st.text_area("Trefwoorden (één per regel)")
        if st.form_submit_button("Thema toevoegen", type="primary"):
            act(f"Thema '{code.strip()}' toegevoegd.", add_theme, code, label, act.coder, parent=parent,
                definition=definition, keywords=_split(keywords))


def _merge(act: _Action, active: pd.DataFrame) -> None:
    if len(active) < 2:
        st.caption("Samenvoegen kan vanaf twee thema's.")
        return
    st.caption("De coderingen van het eerste thema gaan over naar het tweede; het eerste wordt teruggetrokken. "
               "Een antwoord dat beide thema's had, houdt er één. De geschiedenis blijft bewaard.")
    codes = active["code"].tolist()
    left, right = st.columns(2)
    source = left.selectbox("Samenvoegen", codes, format_func=_label(active), key="merge_source")
    target = right.selectbox("met (blijft bestaan)", [c for c in codes if c != source], format_func=_label(active),
                             key="merge_target")
    if st.button("Samenvoegen", type="primary", key="merge_go", icon=":material/merge:"):
        act(f"'{source}' samengevoegd met '{target}'.", merge_themes, source, target, act.coder)


def _retired(act: _Action, retired: pd.DataFrame) -> None:
    if retired.empty:
        st.caption("Er zijn geen teruggetrokken thema's.")
        return
    st.dataframe(pd.DataFrame({
        "thema": retired["label"], "code": retired["code"], "antwoorden": retired["segments"],
        "samengevoegd met": retired["merged_into"].fillna(""),
    }), hide_index=True, width="stretch")
    code = st.selectbox("Terugzetten", retired["code"].tolist(), format_func=_label(retired), key="restore_pick")
    if st.button("Thema terugzetten", key="restore_go", icon=":material/unarchive:"):
        act(f"Thema '{code}' teruggezet.", restore_theme, code, act.coder)


def _yaml(act: _Action) -> None:
    try:
        spec = get_codebook(act.store, act.question)
    except NotFoundError:
        spec = None
    if spec is not None:
        st.download_button("Codeboek opslaan als YAML", dump_codebook(CodebookFile(codebooks=[spec])),
                           file_name=f"{act.question.name}.yaml", mime="application/x-yaml", icon=":material/download:")
    if state.allowed("codebook.load"):
        _load_yaml(act, spec)
    versions = codebook_versions(act.store, act.question)
    if not versions.empty:
        st.caption("Versies van dit codeboek:")
        st.dataframe(versions.rename(columns={"version": "versie", "created_at": "tijd", "author": "door",
                                              "note": "wijziging"}).iloc[::-1], hide_index=True, width="stretch")


def _load_yaml(act: _Action, spec: CodebookSpec | None) -> None:
    upload = st.file_uploader("Codeboek laden (YAML)", type=["yaml", "yml"], key="cb_upload",
                              help="Thema's die het vorige bestand had en dit niet, worden teruggetrokken (niet "
                                   "verwijderd); thema's die je hier zelf toevoegde blijven staan.")
    if upload is not None:
        try:
            book = load_codebook_file(save_upload(upload))
            wording = "" if spec is None else spec.wording
            chosen = book.for_question(act.question.name, wording)
        except CodingError as error:
            show_error(error, "Dit codeboek kan niet worden geladen")
        else:
            st.caption(f"{len(chosen.themes)} thema's voor deze vraag in {md_escape(upload.name)}.")
            if st.button("Dit codeboek laden", type="primary", key="cb_load_go"):
                try:
                    version = load_codebook(act.store, act.question, chosen, act.coder)
                except CodingError as error:
                    show_error(error)
                else:
                    kept = themes_not_in_file(act.store, act.question, chosen)
                    note = f" Behouden, niet in het bestand: {', '.join(kept)}." if kept else ""
                    state.notify("success", f"Codeboek geladen (versie {version}).{note}")
                    st.rerun()
