"""Logging in: checking a password, throttling repeated failures, and sessions that expire after idle time.

The app (and the CLI) only call these; the rules live here so they can be tested with a fake clock (every function
takes ``now``).

- :func:`log_in` checks a user name and password. A wrong name and a wrong password give the same message. After
  :data:`MAX_FAILURES` failures in a row for one user name — or from one client — within :data:`FAILURE_WINDOW`,
  every try is refused for :data:`LOCK_SECONDS` seconds without looking at the password (and one more failure after
  that locks again). Failures are kept in the database, so two app servers share them; a successful login clears
  the user's.
- A :class:`LoginSession` expires after :func:`idle_timeout` without activity (default 8 hours;
  ``CODING_SESSION_IDLE_MINUTES``), and when the user is removed or gets a new password (:func:`still_valid`).
- A login can be kept by the browser (:func:`keep_login` gives a random token for a cookie; :func:`resume_login`
  takes it back after a reload). Only a SHA-256 of the token is stored, and a kept login ends by the same rules.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from functools import cache

from sqlalchemy import delete, exists, select, true, update

from coding.errors import CodingError
from coding.store.accounts import hash_password, verify_password
from coding.store.db import Store
from coding.store.models import Account, LoginFailure, LoginToken, utcnow

#: Failed tries (per user name, and per client) before logging in is locked for a while.
MAX_FAILURES = 5
#: How long a lock lasts after the last failed try.
LOCK_SECONDS = 60
#: Failures further apart than this do not add up to a lock.
FAILURE_WINDOW = timedelta(minutes=15)
#: Failures older than this are removed.
FAILURE_KEPT = timedelta(days=1)

#: Environment variable: minutes of inactivity after which a session ends.
IDLE_ENV = "CODING_SESSION_IDLE_MINUTES"
DEFAULT_IDLE = timedelta(hours=8)

#: A kept login's last use is written at most this often while its user works (not on every click), so after a
#: reload the idle time can count from up to this much earlier.
TOUCH_EVERY = timedelta(minutes=5)

#: Longest user name or client address kept with a failure.
_KEY_LIMIT = 100


class LoginRefused(CodingError):
    """The login did not succeed: a wrong name or password, or too many failed tries."""


@dataclass(frozen=True)
class LoginSession:
    """A logged-in user in one browser session: who, since when, and when they were last active."""

    user: str
    logged_in_at: datetime
    last_seen: datetime


def _aware(moment: datetime) -> datetime:
    """SQLite gives stored times back without a time zone; they are UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def idle_timeout() -> timedelta:
    """How long a session may be idle: ``CODING_SESSION_IDLE_MINUTES`` (minutes), default 8 hours."""
    raw = os.environ.get(IDLE_ENV, "").strip()
    if not raw:
        return DEFAULT_IDLE
    try:
        minutes = float(raw.replace(",", "."))
    except ValueError:
        minutes = 0
    if minutes <= 0:
        raise CodingError(f"{IDLE_ENV}='{raw}' is geen aantal minuten.",
                          hint=f"Zet {IDLE_ENV} op een positief getal, bijv. 480 voor 8 uur, of laat het weg.")
    return timedelta(minutes=minutes)


@cache
def _dummy_hash() -> str:
    # An unknown user name costs as much time as a wrong password, so timing does not tell which names exist.
    return hash_password("geen-gebruiker-met-deze-naam")


def _locked_until(store: Store, name: str, client: str, now: datetime) -> datetime | None:
    """When logging in as ``name`` from ``client`` is possible again, or None when it is not locked."""
    latest: datetime | None = None
    with store.read() as session:
        for column, key in ((LoginFailure.name, name), (LoginFailure.client, client)):
            times = [_aware(t) for t in session.scalars(
                select(LoginFailure.at).where(column == key).order_by(LoginFailure.at.desc()).limit(MAX_FAILURES)
            )]
            if len(times) == MAX_FAILURES and times[0] - times[-1] <= FAILURE_WINDOW:
                until = times[0] + timedelta(seconds=LOCK_SECONDS)
                if until > now and (latest is None or until > latest):
                    latest = until
    return latest


def log_in(store: Store, name: str, password: str, *, client: str = "", now: datetime | None = None) -> LoginSession:
    """Check ``name`` and ``password``; a :class:`LoginSession` when they match, else :class:`LoginRefused`.

    ``client`` says where the try comes from (the browser's address), for throttling per client.
    """
    now = now or utcnow()
    name = (name or "").strip()[:_KEY_LIMIT]
    client = (client or "onbekend")[:_KEY_LIMIT]
    until = _locked_until(store, name, client, now)
    if until is not None:
        seconds = max(1, int((until - now).total_seconds() + 0.999))
        raise LoginRefused(f"Te veel mislukte pogingen om in te loggen. Probeer het over {seconds} seconden opnieuw.",
                           hint="Weet je je wachtwoord niet meer? Vraag een beheerder om een nieuw.")
    with store.atomic() as session:
        account = session.scalars(select(Account).where(Account.name == name)).first() if name else None
        ok = verify_password(account.password_hash if account is not None else _dummy_hash(), password or "")
        if account is not None and ok:
            account.last_login_at = now
            session.execute(delete(LoginFailure).where(LoginFailure.name == name))
        else:
            session.add(LoginFailure(name=name, client=client, at=now))
            session.execute(delete(LoginFailure).where(LoginFailure.at < now - FAILURE_KEPT))
    if account is None or not ok:
        raise LoginRefused("Onbekende gebruikersnaam of verkeerd wachtwoord.",
                           hint="Controleer je gebruikersnaam en wachtwoord (let op hoofdletters).")
    return LoginSession(name, now, now)


def expired(login: LoginSession, now: datetime, idle: timedelta | None = None) -> bool:
    """Whether the session has been idle longer than ``idle`` (default :func:`idle_timeout`)."""
    return now - login.last_seen > (idle if idle is not None else idle_timeout())


def still_valid(store: Store, login: LoginSession | None, *, token: str | None = None, now: datetime | None = None,
                idle: timedelta | None = None) -> LoginSession | None:
    """The session with ``last_seen`` moved to now, or None when it has expired, the user no longer exists or
    their password was changed since they logged in — or, for a login kept under ``token``, when that was ended
    (logged out in another tab of the same browser)."""
    if login is None:
        return None
    now = now or utcnow()
    if expired(login, now, idle):
        return None
    changed_at = select(Account.password_changed_at).where(Account.name == login.user).scalar_subquery()
    kept = exists().where(LoginToken.token_hash == _token_hash(token)) if token else true()
    with store.read() as session:  # one statement per run of a page
        changed, still_kept = session.execute(select(changed_at, kept)).one()
    if changed is None or _aware(changed) > login.logged_in_at or not still_kept:
        return None
    return replace(login, last_seen=now)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def keep_login(store: Store, login: LoginSession, *, idle: timedelta | None = None) -> str:
    """A new random token under which ``login`` is kept, for the browser to send back after a reload.

    Only its SHA-256 is stored; kept logins that have been idle too long are removed at the same time.
    """
    token = secrets.token_urlsafe(32)
    limit = idle if idle is not None else idle_timeout()
    with store.atomic() as session:
        account_id = session.scalar(select(Account.id).where(Account.name == login.user))
        if account_id is None:
            raise LoginRefused("Deze gebruiker bestaat niet (meer).", hint="Log opnieuw in.")
        session.add(LoginToken(token_hash=_token_hash(token), account_id=account_id,
                               logged_in_at=login.logged_in_at, last_seen=login.last_seen))
        session.execute(delete(LoginToken).where(LoginToken.last_seen < login.last_seen - limit))
    return token


def resume_login(store: Store, token: str | None, *, now: datetime | None = None,
                 idle: timedelta | None = None) -> LoginSession | None:
    """The login kept under ``token`` (see :func:`keep_login`), or None when there is none or it has ended —
    idle longer than :func:`idle_timeout`, a new password since, the user removed. An ended one is removed."""
    if not token:
        return None
    now = now or utcnow()
    limit = idle if idle is not None else idle_timeout()
    with store.atomic() as session:
        row = session.execute(
            select(LoginToken, Account.name, Account.password_changed_at)
            .join(Account, Account.id == LoginToken.account_id)
            .where(LoginToken.token_hash == _token_hash(token))
        ).first()
        if row is None:
            return None
        kept, name, changed = row
        logged_in_at = _aware(kept.logged_in_at)
        if now - _aware(kept.last_seen) > limit or _aware(changed) > logged_in_at:
            session.delete(kept)
            return None
        kept.last_seen = now
    return LoginSession(name, logged_in_at, now)


def touch_login(store: Store, token: str, *, now: datetime | None = None) -> None:
    """Record that the login kept under ``token`` is in use (call it every :data:`TOUCH_EVERY` or so)."""
    with store.atomic() as session:
        session.execute(update(LoginToken).where(LoginToken.token_hash == _token_hash(token))
                        .values(last_seen=now or utcnow()))


def end_login(store: Store, token: str | None) -> None:
    """End the login kept under ``token`` ("Uitloggen"): a reload then asks for the login again."""
    if token:
        with store.atomic() as session:
            session.execute(delete(LoginToken).where(LoginToken.token_hash == _token_hash(token)))
