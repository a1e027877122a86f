"""Users of a shared database: add, list, change a password, remove, give a role — each one transaction and event.

Passwords are hashed with argon2id (argon2-cffi); only the hash is stored, and neither the password nor the hash
is ever put in an event, a message or a log. A password must be at least :data:`MIN_PASSWORD_LENGTH` characters and
differ from the user name.

The first user must be a beheerder of every study (otherwise nobody could manage the others). After that the role
rules of :mod:`coding.store.access` apply to these actions too: a beheerder of every study adds users with a role
on every study, removes users and sets other users' passwords; a beheerder of a study gives roles in that study
(also to a new user); everyone may change their own password.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from coding.errors import CodingError, ConflictError, NotFoundError, PermissionDenied
from coding.store.access import forget_accounts, has_accounts, role_in
from coding.store.db import Store
from coding.store.events import record
from coding.store.models import Account, LoginToken, Study, StudyRole, utcnow
from coding.store.refs import StudyRef
from coding.vocabulary import ROLES, Role, role_rank

#: The password hasher (argon2id with argon2-cffi's default, RFC 9106 low-memory parameters). Every hash stores its
#: own parameters, so a stronger hasher here still verifies older hashes.
HASHER = PasswordHasher()

#: Shortest password accepted.
MIN_PASSWORD_LENGTH = 10

#: A user name: letters, digits and . _ - @ (it appears in the history as the coder name and on the command line).
_NAME = re.compile(r"[\w.@-]{1,100}")

#: What ``coding users grant --role`` takes to take a role away.
NO_ROLE = "geen"


@dataclass(frozen=True)
class User:
    """A user as plain data: name, role on every study (or None), role per study name, last login."""

    name: str
    role: str | None
    study_roles: dict[str, str] = field(default_factory=dict)
    last_login_at: datetime | None = None
    created_at: datetime | None = None

    def describe_roles(self) -> str:
        """The roles in words, e.g. ``alle studies: beheerder`` or ``monitor: codeur, pilot: lezer``."""
        parts = [f"alle studies: {self.role}"] if self.role else []
        parts += [f"{study}: {role}" for study, role in sorted(self.study_roles.items())]
        return ", ".join(parts) or "(geen rol)"


def check_name(name: str) -> str:
    """A user name as stored (stripped); an error naming what is allowed otherwise."""
    name = (name or "").strip()
    if not _NAME.fullmatch(name):
        raise CodingError(
            f"'{name}' kan geen gebruikersnaam zijn.",
            hint="Gebruik 1 tot 100 letters, cijfers en . _ - @ (geen spaties), bijv. anna of a.devries.",
        )
    return name


def check_password(name: str, password: str) -> None:
    """Refuse a password that is too short or equal to the user name (with a message saying what to choose)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise CodingError(
            f"Het wachtwoord is te kort ({len(password)} tekens); er zijn er minstens {MIN_PASSWORD_LENGTH} nodig.",
            hint="Kies een langer wachtwoord, bijv. een zin van een paar woorden.",
        )
    if password.strip().lower() == name.strip().lower():
        raise CodingError("Het wachtwoord mag niet gelijk zijn aan de gebruikersnaam.",
                          hint="Kies een wachtwoord dat niemand uit je naam kan raden.")


def hash_password(password: str) -> str:
    """The argon2id hash of a password (with its salt and parameters in it)."""
    return HASHER.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Whether ``password`` matches the stored hash."""
    try:
        return HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _role(role: str) -> Role:
    if role not in ROLES:
        raise CodingError(f"Onbekende rol '{role}'.", hint="Kies uit: " + ", ".join(ROLES) + ".")
    return Role(role)


def _study(session: Session, name: str) -> Study:
    study = session.scalars(select(Study).where(Study.name == name)).first()
    if study is None:
        raise NotFoundError(f"Studie '{name}' bestaat niet.", hint="Controleer de naam (coding status).")
    return study


def _account(session: Session, name: str) -> Account:
    account = session.scalars(select(Account).where(Account.name == name.strip())).first()
    if account is None:
        raise NotFoundError(f"Gebruiker '{name}' bestaat niet.", hint="Bekijk de gebruikers met coding users list.")
    return account


def _managers_of_all(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(Account).where(Account.role == Role.MANAGER)) or 0)


def _set_study_role(session: Session, account: Account, study: Study, role: Role | None) -> None:
    row = session.scalars(
        select(StudyRole).where(StudyRole.account_id == account.id, StudyRole.study_id == study.id)
    ).first()
    if role is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(StudyRole(account_id=account.id, study_id=study.id, role=role.value))
    else:
        row.role = role.value
    session.flush()


def add_user(
    store: Store, name: str, password: str, role: str, studies: Sequence[str] = (), *, actor: str
) -> User:
    """Add a user with ``role`` on the named studies (on every study when none are named); one transaction.

    The first user of a database must be a beheerder of every study. Adding a user with a role on every study
    needs a beheerder of every study; with a role on named studies, a beheerder of each of them.
    """
    name = check_name(name)
    wanted = _role(role)
    check_password(name, password)
    names = list(dict.fromkeys(s.strip() for s in studies if s.strip()))
    with store.atomic() as session:
        first = not has_accounts(session)
        if first and (wanted != Role.MANAGER or names):
            raise CodingError(
                "De eerste gebruiker moet beheerder van alle studies zijn (anders kan niemand de anderen beheren).",
                hint=f"coding users add {name} --role beheerder --password-stdin",
            )
        if session.scalar(select(Account.id).where(Account.name == name)) is not None:
            raise ConflictError(f"Gebruiker '{name}' bestaat al.",
                                hint=f"Geef een rol met coding users grant {name} --study … --role …")
        rows = [_study(session, s) for s in names]
        scopes: list[int | None] = [s.id for s in rows] or [None]
        for study_id in scopes:
            record(session, actor=name if first else actor, action="account.add", entity="account",
                   study_id=study_id, payload={"name": name, "role": wanted.value})
        account = Account(name=name, password_hash=hash_password(password), role=None if rows else wanted.value)
        session.add(account)
        session.flush()
        for study in rows:
            _set_study_role(session, account, study, wanted)
        forget_accounts(session)
        return User(name, account.role, {s.name: wanted.value for s in rows}, None, account.created_at)


def grant(store: Store, name: str, role: str, study: StudyRef | None = None, *, actor: str) -> User:
    """Give user ``name`` the role ``role`` in ``study`` (on every study when None), replacing the role they had
    there; ``role`` :data:`NO_ROLE` takes it away. Needs a beheerder of that study (of every study when None)."""
    taken = role == NO_ROLE
    wanted = None if taken else _role(role)
    with store.atomic() as session:
        account = _account(session, name)
        record(session, actor=actor, action="account.grant", entity="account", entity_id=account.id,
               study_id=study.id if study is not None else None,
               payload={"name": account.name, "role": wanted.value if wanted else NO_ROLE})
        if study is None:
            if account.role == Role.MANAGER and wanted != Role.MANAGER and _managers_of_all(session) == 1:
                raise ConflictError(f"'{account.name}' is de laatste beheerder van alle studies.",
                                    hint="Maak eerst iemand anders beheerder van alle studies.")
            account.role = wanted.value if wanted else None
            session.flush()
        else:
            _set_study_role(session, account, _study(session, study.name), wanted)
    return get_user(store, account.name)


def set_password(store: Store, name: str, password: str, *, actor: str) -> None:
    """Set the password of user ``name`` (their own, or by a beheerder of every study); ends their sessions."""
    check_password(name, password)
    with store.atomic() as session:
        account = _account(session, name)
        own = actor.strip() == account.name
        record(session, actor=actor, action="account.password" if own else "account.reset_password",
               entity="account", entity_id=account.id, payload={"name": account.name})
        account.password_hash = hash_password(password)
        account.password_changed_at = utcnow()
        session.execute(delete(LoginToken).where(LoginToken.account_id == account.id))  # kept logins end too


def remove_user(store: Store, name: str, *, actor: str) -> None:
    """Remove user ``name`` and their roles (their codings and history stay, under their name). Needs a beheerder of
    every study; the last one cannot be removed."""
    with store.atomic() as session:
        account = _account(session, name)
        if account.role == Role.MANAGER and _managers_of_all(session) == 1:
            raise ConflictError(f"'{account.name}' is de laatste beheerder van alle studies en kan niet weg.",
                                hint="Maak eerst iemand anders beheerder van alle studies.")
        record(session, actor=actor, action="account.remove", entity="account", entity_id=account.id,
               payload={"name": account.name})
        session.execute(delete(StudyRole).where(StudyRole.account_id == account.id))
        session.execute(delete(LoginToken).where(LoginToken.account_id == account.id))  # kept logins end
        session.delete(account)
        session.flush()
        forget_accounts(session)


def _users(session: Session) -> list[User]:
    studies = dict(session.execute(select(Study.id, Study.name)).all())
    roles: dict[int, dict[str, str]] = {}
    for account_id, study_id, role in session.execute(select(StudyRole.account_id, StudyRole.study_id,
                                                             StudyRole.role)):
        roles.setdefault(account_id, {})[studies[study_id]] = role
    return [User(a.name, a.role, roles.get(a.id, {}), a.last_login_at, a.created_at)
            for a in session.scalars(select(Account).order_by(Account.name))]


def get_user(store: Store, name: str) -> User:
    """One user by name; :class:`NotFoundError` when there is none."""
    with store.read() as session:
        _account(session, name)
        return next(u for u in _users(session) if u.name == name.strip())


def list_users(store: Store) -> list[User]:
    """Every user with their roles and last login, by name.

    On a store bound to a user (:meth:`Store.as_user`) that user must be a beheerder: of every study to see
    everyone, else they see the users of the studies they manage, with only those roles.
    """
    with store.read() as session:
        users = _users(session)
        viewer = store.viewer
        if viewer is None or not has_accounts(session):
            return users
        if role_in(session, viewer, None) == Role.MANAGER:
            return users
        managed = {s.name for s in session.scalars(select(Study))
                   if role_rank(role_in(session, viewer, s.id)) >= role_rank(Role.MANAGER)}
    if not managed:
        raise PermissionDenied(f"'{viewer}' mag de gebruikers niet zien: daarvoor is de rol beheerder nodig.",
                               hint="Vraag een beheerder van de studie.")
    shown = []
    for user in users:
        mine = {s: r for s, r in user.study_roles.items() if s in managed}
        if mine:
            shown.append(User(user.name, None, mine, user.last_login_at, user.created_at))
    return shown
