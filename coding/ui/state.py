"""Session-state keys of the workspace, and the context every page works in (coder, study, question).

The coder, study and question are chosen in the sidebar and bound to the URL (``?codeur=…&studie=…&vraag=…``), so
they survive a page reload and every page of the browser session sees them. On a database with accounts the coder
is the logged-in user (:data:`LOGIN`) and there is no coder field. Everything else a page keeps between
reruns lives under one of the keys below.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from coding.store.refs import QuestionRef, StudyRef
from coding.vocabulary import Role, role_rank

# Sidebar widgets (bound to the URL query string under the same names).
CODER = "codeur"
STUDY = "studie"
QUESTION = "vraag"
#: The wave (meting) worked on; only shown for a study with more than one.
WAVE = "meting"

#: The :class:`Context` the sidebar resolved on this run.
CONTEXT = "_context"
#: The :class:`coding.store.login.LoginSession` of the logged-in user (only on a database with accounts).
LOGIN = "_login"
#: A study to select on the next run (set by "create study"; applied before the sidebar widget exists).
PENDING_STUDY = "_pending_study"
#: A question to select on the next run (set after an import created it).
PENDING_QUESTION = "_pending_question"
#: Messages to show once on the next run: list of (kind, text), kind in success/info/warning/error.
NOTICES = "_notices"

# Coding view.
#: Per question id: the segment id shown in the one-by-one view.
CURRENT = "code_current"
#: URL parameter with the segment shown, so a reload opens the same answer.
CURRENT_PARAM = "antwoord"
#: Per question id: segment ids skipped in this session.
SKIPPED = "code_skipped"
VIEW = "code_view"
FILTER_UNCODED = "flt_uncoded"
FILTER_THEME = "flt_theme"
FILTER_ATTRIBUTE = "flt_attribute"
FILTER_VALUE = "flt_value"
FILTER_SEARCH = "flt_search"
FILTER_CLUSTER = "flt_cluster"
GRID_PAGE = "grid_page"
GRID_ORDER = "grid_order"
GRID_SIZE = "grid_size"
#: Bumped after a bulk action so the table's row selection starts empty.
GRID_GENERATION = "grid_generation"
BULK_THEME = "grid_bulk_theme"

# Codebook page.
THEME_PICK = "cb_theme"

# Clusters page.
#: Bumped after an assignment so the ticked answers start empty.
CLUSTER_GENERATION = "cl_generation"
#: Bumped after an import so the upload fields start empty.
UPLOAD_GENERATION = "upload_generation"


@dataclass(frozen=True)
class Context:
    """What the user works on: their coder name, the study and the question (each may still be missing).

    The sidebar resolves the study and question once per run; pages pass these references on.
    """

    coder: str
    study: StudyRef | None
    question: QuestionRef | None
    #: The wave chosen in the sidebar (default the latest); None for a study with one wave (nothing to scope).
    wave: str | None = None


def context() -> Context:
    """The context the sidebar resolved on this run (empty before the sidebar ran)."""
    found = st.session_state.get(CONTEXT)
    return found if isinstance(found, Context) else Context(coder(), None, None)


def require(*, coder: bool = False, study: bool = True, question: bool = False, role: Role | None = None) -> Context:
    """The context, or a hint about what to choose first and a stop of the page.

    ``role``: on a database with accounts, the role the logged-in user needs in the study to use the page (the
    library refuses their actions anyway; this says so before they try)."""
    found = context()
    if coder and not found.coder:
        st.info("Vul eerst links in de zijbalk je naam in als codeur.", icon=":material/person:")
        st.stop()
    if (study or question) and found.study is None:
        st.info("Kies eerst links een studie (of maak er een op de startpagina).", icon=":material/folder_open:")
        st.stop()
    if question and found.question is None:
        st.info("Deze studie heeft nog geen vragen: importeer eerst gegevens op de startpagina.",
                icon=":material/upload_file:")
        st.stop()
    user = logged_in_user()
    if role is not None and user and found.study is not None:
        from coding.store.access import study_role
        from coding.ui.resources import get_shared_store

        have = study_role(get_shared_store(), user, found.study)
        if role_rank(have) < role_rank(role):
            st.info(f"Voor deze pagina is de rol {role} in deze studie nodig; jij bent {have or 'geen rol'}. "
                    "Vraag een beheerder van de studie om die rol.", icon=":material/lock:")
            st.stop()
    return found


def allowed(action: str) -> bool:
    """Whether the logged-in user may do ``action`` (an event name, e.g. ``"theme.add"``) in the chosen study:
    always without accounts. Pages use it to leave out the controls of a higher role; the library refuses the
    action itself anyway."""
    user = logged_in_user()
    if not user:
        return True
    from coding.store.access import may
    from coding.ui.resources import get_shared_store

    return may(get_shared_store(), user, context().study, action)


def manager_only(what: str) -> None:
    """The note shown where a beheerder's controls are left out (``what``: "het codeboek wijzigen", …)."""
    st.caption(f"Alleen een beheerder van deze studie kan {what}.")


def coder() -> str:
    """Who codes: the logged-in user once the database has accounts, else the name typed in the sidebar
    (stripped; empty when none)."""
    return logged_in_user() or str(st.session_state.get(CODER) or "").strip()


def logged_in_user() -> str | None:
    """The name of the logged-in user of this browser session, or None."""
    login = st.session_state.get(LOGIN)
    user = getattr(login, "user", None)
    return str(user) if user else None


def get(key: str, default: Any = None) -> Any:
    """A session value, or ``default``."""
    return st.session_state.get(key, default)


def per_question(key: str, question_id: int) -> Any:
    """The value kept under ``key`` for one question (e.g. the current answer)."""
    return st.session_state.setdefault(key, {}).get(question_id)


def set_per_question(key: str, question_id: int, value: Any) -> None:
    """Keep ``value`` under ``key`` for one question."""
    st.session_state.setdefault(key, {})[question_id] = value


def notify(kind: str, text: str) -> None:
    """Queue a message to show at the top of the next run (used by button callbacks)."""
    st.session_state.setdefault(NOTICES, []).append((kind, text))


def open_study(name: str, question: str | None = None) -> None:
    """Select a study (and a question) in the sidebar on the next run."""
    st.session_state[PENDING_STUDY] = name
    if question is not None:
        st.session_state[PENDING_QUESTION] = question


def apply_pending() -> None:
    """Move pending selections into the sidebar's widget state; call before the sidebar widgets are created."""
    if PENDING_STUDY in st.session_state:
        st.session_state[STUDY] = st.session_state.pop(PENDING_STUDY)
    if PENDING_QUESTION in st.session_state:
        st.session_state[QUESTION] = st.session_state.pop(PENDING_QUESTION)
