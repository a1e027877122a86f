"""The login of the app on a database with accounts: the form, the check on every run, and logging out.

With no accounts the app works as it always did and none of this shows. Once one account exists, nothing about
the studies is drawn before a login: :func:`required` says so on every run (expired or ended sessions included),
and the app then shows only :func:`show_form`. Checking the password, throttling and expiry are the library's
(:mod:`coding.store.login`); this module only draws.
"""

from __future__ import annotations

import streamlit as st

from coding.errors import CodingError
from coding.store.access import accounts_exist
from coding.store.login import log_in, still_valid
from coding.ui import state
from coding.ui.resources import get_shared_store

#: Shown once on the login form after a session ended by itself.
_EXPIRED = "_login_expired"


def client() -> str:
    """Where this browser session comes from, for throttling per client: the first address a reverse proxy puts in
    ``X-Forwarded-For``, else the address of the connection."""
    forwarded = str(st.context.headers.get("X-Forwarded-For") or "").split(",")[0].strip()
    return forwarded or str(st.context.ip_address or "onbekend")


def required() -> bool:
    """Whether this run must show the login form: the database has accounts and this session has no valid login
    (never logged in, idle too long, logged out, removed, or a new password since)."""
    try:
        store = get_shared_store()
        has_accounts = accounts_exist(store)
    except CodingError:  # the database cannot be used: the sidebar says what to do, and shows nothing else
        return False
    if not has_accounts:
        st.session_state.pop(state.LOGIN, None)
        return False
    current = st.session_state.get(state.LOGIN)
    try:
        valid = still_valid(store, current)
    except CodingError as error:  # e.g. a CODING_SESSION_IDLE_MINUTES that is no number
        st.error(str(error))
        return True
    if valid is None:
        if current is not None:
            st.session_state[_EXPIRED] = True
        st.session_state.pop(state.LOGIN, None)
        return True
    st.session_state[state.LOGIN] = valid
    return False


def _submit() -> None:
    """Form callback: log in with what was typed, or keep the error for the form."""
    name = str(st.session_state.get("login_name") or "")
    password = str(st.session_state.get("login_password") or "")
    st.session_state["login_password"] = ""  # the password never stays in the session
    try:
        st.session_state[state.LOGIN] = log_in(get_shared_store(), name, password, client=client())
    except CodingError as error:
        st.session_state["_login_error"] = error.problem
        return
    st.session_state.pop(_EXPIRED, None)
    st.session_state.pop("_login_error", None)


def show_form() -> None:
    """The login form: "Gebruikersnaam", "Wachtwoord", "Inloggen" — and, after a failed try, only its error."""
    st.title("Inloggen")
    if st.session_state.pop(_EXPIRED, False):
        st.info("Je sessie is verlopen of beëindigd. Log opnieuw in.", icon=":material/schedule:")
    error = st.session_state.pop("_login_error", None)
    if error:
        st.error(error, icon=":material/lock:")
    with st.form("login", enter_to_submit=True):
        st.text_input("Gebruikersnaam", key="login_name", max_chars=100, autocomplete="username")
        st.text_input("Wachtwoord", key="login_password", type="password", autocomplete="current-password")
        st.form_submit_button("Inloggen", type="primary", on_click=_submit)


def log_out() -> None:
    """Button callback: end this browser session's login (the next run shows the form)."""
    st.session_state.pop(state.LOGIN, None)
    st.session_state.pop(state.CONTEXT, None)


def user_box() -> None:
    """In the sidebar: who is logged in, and "Uitloggen"."""
    user = state.logged_in_user()
    if user:
        st.caption("Ingelogd als")
        st.text(user)
        st.button("Uitloggen", key="logout", icon=":material/logout:", on_click=log_out)
