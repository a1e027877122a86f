"""The login of the app on a database with accounts: the form, the check on every run, and logging out.

With no accounts the app works as it always did and none of this shows. Once one account exists, nothing about
the studies is drawn before a login: :func:`required` says so on every run (expired or ended sessions included),
and the app then shows only :func:`show_form`. Checking the password, throttling and expiry are the library's
(:mod:`coding.store.login`); this module only draws.

A reload (or a new tab) keeps the login: the browser holds a random token in a cookie (``coding_login``; for this
site only, sent to no other, gone when the browser closes) and the next session takes the login back with it. The
cookie is written by a small script in an invisible frame, because Streamlit itself only reads cookies.
"""

from __future__ import annotations

import json
from datetime import datetime

import streamlit as st
import streamlit.components.v1 as components

from coding.errors import CodingError
from coding.store import Store
from coding.store.access import accounts_exist
from coding.store.login import (
    TOUCH_EVERY,
    LoginSession,
    end_login,
    keep_login,
    log_in,
    resume_login,
    still_valid,
    touch_login,
)
from coding.ui import state
from coding.ui.resources import get_shared_store

#: Shown once on the login form after a session ended by itself.
_EXPIRED = "_login_expired"
#: The browser's cookie that keeps the login over a reload.
COOKIE = "coding_login"
#: This session's kept-login token, and when its use was last recorded.
_TOKEN = "_login_token"
_TOUCHED = "_login_touched"
#: Set once this session wrote the cookie (only then is there one to remove).
_COOKIE_WRITTEN = "_login_cookie_written"


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
        if current is None and st.session_state.get(_TOKEN) is None:
            current = _resumed(store)
        valid = still_valid(store, current, token=st.session_state.get(_TOKEN) or None)
    except CodingError as error:  # e.g. a CODING_SESSION_IDLE_MINUTES that is no number
        st.error(str(error))
        return True
    if valid is None:
        if current is not None:
            st.session_state[_EXPIRED] = True
        st.session_state.pop(state.LOGIN, None)
        _forget_token(store)
        _cookie("")
        return True
    st.session_state[state.LOGIN] = valid
    _record_use(store, valid.last_seen)
    _cookie(str(st.session_state.get(_TOKEN) or ""))
    return False


def _resumed(store: Store) -> LoginSession | None:
    """The login this browser kept (its cookie) — once per session, the first time the session has none."""
    token = str(st.context.cookies.get(COOKIE) or "")
    login = resume_login(store, token) if token else None
    st.session_state[_TOKEN] = token if login is not None else ""
    if login is not None:
        st.session_state[_TOUCHED] = login.last_seen
    return login


def _record_use(store: Store, now: datetime) -> None:
    """Keep the kept login's last use up to date (every few minutes, not on every click)."""
    token = st.session_state.get(_TOKEN)
    touched = st.session_state.get(_TOUCHED)
    if token and (touched is None or now - touched >= TOUCH_EVERY):
        touch_login(store, token, now=now)
        st.session_state[_TOUCHED] = now


def _forget_token(store: Store) -> None:
    end_login(store, st.session_state.get(_TOKEN) or None)
    st.session_state[_TOKEN] = ""
    st.session_state.pop(_TOUCHED, None)


def _cookie(token: str) -> None:
    """Write (or, with no token, remove) the browser's cookie, from an invisible frame of this site. The frame is
    the same on every run, so it is drawn once and not again until the token changes."""
    if not token and not st.session_state.get(_COOKIE_WRITTEN):
        return  # nothing was ever written in this session: nothing to remove
    st.session_state[_COOKIE_WRITTEN] = True
    value = f"{COOKIE}={token}; Path=/; SameSite=Strict" + ("" if token else "; Max-Age=0")
    components.html("<script>window.parent.document.cookie = " + json.dumps(value)
                    + " + (window.parent.location.protocol === 'https:' ? '; Secure' : '');</script>", height=0)


def _submit() -> None:
    """Form callback: log in with what was typed, or keep the error for the form."""
    name = str(st.session_state.get("login_name") or "")
    password = str(st.session_state.get("login_password") or "")
    st.session_state["login_password"] = ""  # the password never stays in the session
    store = get_shared_store()
    try:
        login = log_in(store, name, password, client=client())
        st.session_state[_TOKEN] = keep_login(store, login)
    except CodingError as error:
        st.session_state["_login_error"] = error.problem
        return
    st.session_state[state.LOGIN] = login
    st.session_state[_TOUCHED] = login.last_seen
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
    """Button callback: end this browser session's login and the one its browser kept (the next run shows the
    form, and so does a reload)."""
    _forget_token(get_shared_store())
    st.session_state.pop(state.LOGIN, None)
    st.session_state.pop(state.CONTEXT, None)


def user_box() -> None:
    """In the sidebar: who is logged in, and "Uitloggen"."""
    user = state.logged_in_user()
    if user:
        st.caption("Ingelogd als")
        st.text(user)
        st.button("Uitloggen", key="logout", icon=":material/logout:", on_click=log_out)
