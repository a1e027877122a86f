"""Who may do what: the role rules, checked inside the store's one write path.

Every change the store makes is written in one transaction together with an event
(:func:`coding.store.events.record`), and every event names its actor and its study. ``record`` calls
:func:`authorize` first, so no change can skip the check: once one account exists, an actor without the role the
action needs on that study gets :class:`PermissionDenied` and the transaction — the change with it — is rolled
back. With no accounts at all nothing is checked (one person on their own machine).

The roles (:class:`coding.vocabulary.Role`) build on each other: a **lezer** sees progress and reports, a
**codeur** also codes, a **beheerder** also imports, edits the codebook, starts and closes double coding,
adjudicates and manages the study's users. A role is given on one study, or on every study (the team's first
beheerder); creating a study and adding or removing users needs a beheerder of every study.
"""

from __future__ import annotations

from sqlalchemy import null, select
from sqlalchemy.orm import Session

from coding.errors import PermissionDenied
from coding.store.db import Store
from coding.store.models import Account, Study, StudyRole
from coding.store.refs import StudyRef
from coding.vocabulary import ROLES, Role, role_rank

#: The role an action (an event's name) needs on its study; an action not listed needs a beheerder.
ACTION_ROLES: dict[str, Role] = {
    "coding.add": Role.CODER,
    "coding.remove": Role.CODER,
    "coding.bulk_add": Role.CODER,
    "coding.bulk_remove": Role.CODER,
    "memo.set": Role.CODER,
    "quote.set": Role.CODER,
    "passage_quote.set": Role.CODER,
    "undo": Role.CODER,
    "double_coding.memo": Role.CODER,
    # a pre-clustering changes nobody's codings; coders run it to see their answers grouped
    "cluster.run": Role.CODER,
}

#: Actions on the database as a whole: they need a beheerder of every study (``account.add`` and ``account.grant``
#: need one of the study they name, or of every study when they name none).
GLOBAL_ACTIONS = frozenset({"study.create", "account.remove", "account.reset_password"})

#: A user changing their own password needs no role, only to be a user.
OWN_ACTIONS = frozenset({"account.password"})

#: What an action is, for the message when it is refused (by the action's first word).
_WHAT = {
    "coding": "antwoorden coderen",
    "memo": "antwoorden coderen",
    "quote": "antwoorden coderen",
    "passage_quote": "antwoorden coderen",
    "undo": "codeeracties ongedaan maken",
    "cluster": "antwoorden clusteren",
    "import": "gegevens importeren",
    "codebook": "het codeboek wijzigen",
    "theme": "het codeboek wijzigen",
    "question": "vragen aanmaken of wijzigen",
    "study": "studies aanmaken",
    "account": "gebruikers beheren",
}
_ACTION_WHAT = {
    "double_coding.draw": "dubbel coderen starten",
    "double_coding.close": "een ronde dubbel coderen sluiten",
    "double_coding.memo": "antwoorden coderen",
    "coding.adjudicate": "over dubbel gecodeerde antwoorden beslissen",
}

#: ``session.info`` key of the cached "are there accounts" answer of one transaction.
_HAS_ACCOUNTS = "coding_has_accounts"


def required_role(action: str) -> Role:
    """The role ``action`` needs on its study."""
    return ACTION_ROLES.get(action, Role.MANAGER)


def has_accounts(session: Session) -> bool:
    """Whether the database has any account (cached for the rest of the transaction)."""
    if _HAS_ACCOUNTS not in session.info:
        session.info[_HAS_ACCOUNTS] = session.scalar(select(Account.id).limit(1)) is not None
    return bool(session.info[_HAS_ACCOUNTS])


def forget_accounts(session: Session) -> None:
    """Drop the cached answer of :func:`has_accounts` (after an account was added or removed)."""
    session.info.pop(_HAS_ACCOUNTS, None)


def role_in(session: Session, name: str, study_id: int | None) -> Role | None:
    """The role of user ``name`` in a study (the stronger of their role on every study and on this one), or on
    every study when ``study_id`` is None; None when they have none or are no user."""
    return _actor_roles(session, name.strip(), study_id)[2]


def _stronger(everywhere: str | None, here: str | None) -> Role | None:
    """The stronger of a role on every study and one on a study (None when neither is a role)."""
    best = here if role_rank(here) > role_rank(everywhere) else everywhere
    return Role(best) if best in ROLES else None


def _actor_roles(session: Session, actor: str, study_id: int | None) -> tuple[bool, bool, Role | None]:
    """Whether the database has accounts, whether ``actor`` is one, and their role in the study (on every study
    when ``study_id`` is None) — in one statement, since every change asks it."""
    account = select(Account.id).where(Account.name == actor)
    study_role = (select(StudyRole.role).join(Account, Account.id == StudyRole.account_id)
                  .where(Account.name == actor, StudyRole.study_id == study_id))
    any_account, actor_id, everywhere, here = session.execute(select(
        select(Account.id).limit(1).scalar_subquery(),
        account.scalar_subquery(),
        select(Account.role).where(Account.name == actor).scalar_subquery(),
        study_role.scalar_subquery() if study_id is not None else null(),
    )).one()
    session.info[_HAS_ACCOUNTS] = any_account is not None
    return any_account is not None, actor_id is not None, _stronger(everywhere, here)


def _what(action: str) -> str:
    return _ACTION_WHAT.get(action) or _WHAT.get(action.split(".", 1)[0], "dit doen")


def authorize(session: Session, actor: str, study_id: int | None, action: str) -> None:
    """Refuse ``action`` by ``actor`` on a study with :class:`PermissionDenied` unless the actor may do it.

    Nothing is checked while the database has no accounts. A store bound to a user (:meth:`Store.as_user`) only
    acts in that user's name.
    """
    actor = actor.strip()
    viewer = session.info.get("viewer")
    if viewer and actor != viewer:
        raise PermissionDenied(
            f"'{viewer}' kan niet op naam van '{actor}' handelen.",
            hint="Elke actie staat op naam van wie ingelogd is.",
        )
    if session.info.get(_HAS_ACCOUNTS) is False:
        return
    needed = required_role(action)
    scope = None if action in GLOBAL_ACTIONS else study_id
    accounts, exists, role = _actor_roles(session, actor, scope)
    if not accounts:
        return
    if not exists:
        raise PermissionDenied(
            f"'{actor}' is geen gebruiker van deze database; nu er gebruikers zijn, staat elke actie op naam van een "
            "gebruiker.",
            hint="Log in met je gebruikersnaam (in de CLI: --user NAAM). Een beheerder maakt gebruikers aan met "
            "coding users add.",
        )
    if action in OWN_ACTIONS:
        return
    if role_rank(role) >= role_rank(needed):
        return
    if scope is None:
        raise PermissionDenied(
            f"'{actor}' mag geen {_what(action)}: daarvoor is de rol {needed} op alle studies nodig "
            f"(jouw rol daar: {role or 'geen'}).",
            hint=f"Vraag een beheerder van alle studies: coding users grant {actor} --role {needed}",
        )
    study = session.get(Study, scope)
    name = study.name if study is not None else str(scope)
    raise PermissionDenied(
        f"'{actor}' mag in studie '{name}' geen {_what(action)}: daarvoor is de rol {needed} nodig "
        f"(jouw rol: {role or 'geen'}).",
        hint=f"Vraag een beheerder van de studie: coding users grant {actor} --study '{name}' --role {needed}",
    )


def check(store: Store, actor: str, study: StudyRef | str | None, action: str) -> None:
    """:func:`authorize` up front, before long work whose result would be refused at the end (an import, a
    pre-clustering); the write itself checks again. A study named by a name that does not exist yet is checked as
    creating it (an import into a new study)."""
    with store.read() as session:
        session.info["viewer"] = store.viewer
        study_id = study.id if isinstance(study, StudyRef) else None
        if isinstance(study, str):
            study_id = session.scalar(select(Study.id).where(Study.name == study.strip()))
            if study_id is None:
                action = "study.create"
        authorize(session, actor, study_id, action)


def may(store: Store, actor: str, study: StudyRef | None, action: str) -> bool:
    """Whether ``actor`` may do ``action`` in a study (for showing or hiding a button; the write checks anyway)."""
    try:
        check(store, actor, study, action)
    except PermissionDenied:
        return False
    return True


def accounts_exist(store: Store) -> bool:
    """Whether the database has any account: then every action needs a user with a role, and the app a login."""
    with store.read() as session:
        return has_accounts(session)


def study_role(store: Store, name: str, study: StudyRef) -> Role | None:
    """The role of user ``name`` in ``study`` (None when they have none, or when there are no accounts)."""
    with store.read() as session:
        return role_in(session, name, study.id)


def visible_study_ids(session: Session, viewer: str | None) -> set[int] | None:
    """The ids of the studies ``viewer`` has a role in; None when they see every study (no accounts, no viewer,
    or a role on every study)."""
    if viewer is None or not has_accounts(session):
        return None
    account = session.execute(select(Account.id, Account.role).where(Account.name == viewer.strip())).first()
    if account is None:
        return set()
    if account.role in ROLES:
        return None
    return set(session.scalars(select(StudyRole.study_id).where(StudyRole.account_id == account.id)))
