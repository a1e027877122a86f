"""Users: argon2 hashing, password rules, adding, roles, listing, passwords, removing — and no secret in events."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from coding.errors import CodingError, ConflictError, PermissionDenied
from coding.store import Store
from coding.store.access import accounts_exist, study_role
from coding.store.accounts import (
    add_user,
    check_password,
    get_user,
    grant,
    hash_password,
    list_users,
    remove_user,
    set_password,
    verify_password,
)
from coding.store.login import log_in
from coding.store.models import Account, Event
from coding.store.studies import study_ref
from coding.store.workspace import create_study
from coding.vocabulary import Role
from tests.account_fixtures import PASSWORD, fast_hashing, team_study  # noqa: F401 - autouse fixture


def test_hashes_are_argon2id_salted_and_verify() -> None:
    first, second = hash_password(PASSWORD), hash_password(PASSWORD)
    assert first.startswith("$argon2id$") and PASSWORD not in first
    assert first != second  # a new salt every time
    assert verify_password(first, PASSWORD) and verify_password(second, PASSWORD)
    assert not verify_password(first, PASSWORD + "x")
    assert not verify_password("geen hash", PASSWORD)


def test_a_real_strength_hash_verifies_too(monkeypatch: pytest.MonkeyPatch) -> None:
    from argon2 import PasswordHasher

    from coding.store import accounts

    monkeypatch.setattr(accounts, "HASHER", PasswordHasher())
    stored = hash_password("een lang wachtwoord")
    assert "m=65536" in stored  # argon2-cffi's default RFC 9106 parameters, stored in the hash
    assert verify_password(stored, "een lang wachtwoord")


@pytest.mark.parametrize(
    ("name", "password", "message"),
    [
        ("anna", "kort", "te kort (4 tekens); er zijn er minstens 10 nodig"),
        ("anna", "123456789", "te kort (9 tekens)"),
        ("annadevries", "annadevries", "niet gelijk zijn aan de gebruikersnaam"),
        ("annadevries", "AnnaDeVries", "niet gelijk zijn aan de gebruikersnaam"),
    ],
)
def test_passwords_that_are_refused(name: str, password: str, message: str) -> None:
    with pytest.raises(CodingError, match=message.replace("(", r"\(").replace(")", r"\)")):
        check_password(name, password)


def test_a_refused_password_adds_no_user(store: Store) -> None:
    with pytest.raises(CodingError, match="te kort"):
        add_user(store, "anna", "kort", "beheerder", actor="anna")
    with pytest.raises(CodingError, match="gelijk zijn aan de gebruikersnaam"):
        add_user(store, "annadevries", "annadevries", "beheerder", actor="annadevries")
    assert not accounts_exist(store)


def test_names_and_roles_are_checked(store: Store) -> None:
    with pytest.raises(CodingError, match="kan geen gebruikersnaam zijn"):
        add_user(store, "anna de vries", PASSWORD, "beheerder", actor="x")
    with pytest.raises(CodingError, match="Onbekende rol 'baas'"):
        add_user(store, "anna", PASSWORD, "baas", actor="anna")


def test_the_first_user_must_be_beheerder_of_every_study(store: Store) -> None:
    create_study(store, "monitor", "lead")
    with pytest.raises(CodingError, match="De eerste gebruiker moet beheerder van alle studies zijn"):
        add_user(store, "bram", PASSWORD, "codeur", ["monitor"], actor="bram")
    with pytest.raises(CodingError, match="De eerste gebruiker"):
        add_user(store, "mira", PASSWORD, "beheerder", ["monitor"], actor="mira")
    add_user(store, "anna", PASSWORD, "beheerder", actor="anna")
    assert accounts_exist(store)
    with pytest.raises(ConflictError, match="bestaat al"):
        add_user(store, "anna", PASSWORD, "beheerder", actor="anna")


def test_who_may_add_users(store: Store, tmp_path: Path) -> None:
    team_study(store, tmp_path)
    # a study's beheerder adds users to their own study, not to every study or another one
    add_user(store, "nina", PASSWORD, "codeur", ["monitor"], actor="mira")
    assert study_role(store, "nina", study_ref(store, "monitor")) == Role.CODER
    with pytest.raises(PermissionDenied, match="rol beheerder nodig"):
        add_user(store, "piet", PASSWORD, "codeur", ["pilot"], actor="mira")
    with pytest.raises(PermissionDenied, match="op alle studies nodig"):
        add_user(store, "piet", PASSWORD, "beheerder", actor="mira")
    with pytest.raises(PermissionDenied):
        add_user(store, "piet", PASSWORD, "codeur", ["monitor"], actor="bram")
    # nobody adds themselves (the check sees the roles from before the change)
    with pytest.raises(PermissionDenied, match="geen gebruiker"):
        add_user(store, "piet", PASSWORD, "beheerder", ["monitor"], actor="piet")
    assert "piet" not in {u.name for u in list_users(store)}


def test_grant_changes_and_takes_away_roles(store: Store, tmp_path: Path) -> None:
    team_study(store, tmp_path)
    monitor, pilot = study_ref(store, "monitor"), study_ref(store, "pilot")
    assert grant(store, "otto", "lezer", monitor, actor="mira").study_roles == {"monitor": "lezer", "pilot": "codeur"}
    assert grant(store, "otto", "geen", monitor, actor="mira").study_roles == {"pilot": "codeur"}
    with pytest.raises(PermissionDenied):
        grant(store, "otto", "beheerder", pilot, actor="mira")  # mira manages monitor only
    with pytest.raises(PermissionDenied):
        grant(store, "bram", "beheerder", monitor, actor="bram")  # nobody raises themselves
    assert grant(store, "mira", "beheerder", None, actor="anna").role == "beheerder"
    assert grant(store, "anna", "geen", None, actor="mira").role is None
    with pytest.raises(ConflictError, match="laatste beheerder van alle studies"):
        grant(store, "mira", "codeur", None, actor="mira")


def test_list_users_shows_roles_per_study_and_last_login(store: Store, tmp_path: Path) -> None:
    team_study(store, tmp_path)
    log_in(store, "bram", PASSWORD, client="test")
    users = {u.name: u for u in list_users(store)}
    assert set(users) == {"anna", "bram", "carla", "lena", "mira", "otto"}
    assert users["anna"].describe_roles() == "alle studies: beheerder"
    assert users["bram"].describe_roles() == "monitor: codeur"
    assert users["bram"].last_login_at is not None and users["carla"].last_login_at is None
    # a study's beheerder sees the users of their study with those roles only; a codeur sees nobody
    assert {u.name for u in list_users(store.as_user("mira"))} == {"bram", "carla", "lena", "mira"}
    assert {u.name for u in list_users(store.as_user("anna"))} == set(users)
    with pytest.raises(PermissionDenied, match="rol beheerder nodig"):
        list_users(store.as_user("bram"))


def test_passwords_are_changed_by_their_owner_or_a_beheerder_of_every_study(store: Store, tmp_path: Path) -> None:
    team_study(store, tmp_path)
    set_password(store, "bram", "een nieuw wachtwoord", actor="bram")
    log_in(store, "bram", "een nieuw wachtwoord", client="test")
    with pytest.raises(PermissionDenied):
        set_password(store, "carla", "overgenomen wachtwoord", actor="bram")
    with pytest.raises(PermissionDenied):
        set_password(store, "carla", "overgenomen wachtwoord", actor="mira")
    set_password(store, "carla", "door anna gezet", actor="anna")
    log_in(store, "carla", "door anna gezet", client="test")
    with pytest.raises(CodingError, match="te kort"):
        set_password(store, "carla", "kort", actor="carla")


def test_removing_users(store: Store, tmp_path: Path) -> None:
    team_study(store, tmp_path)
    with pytest.raises(PermissionDenied):
        remove_user(store, "otto", actor="mira")
    remove_user(store, "otto", actor="anna")
    assert "otto" not in {u.name for u in list_users(store)}
    with pytest.raises(CodingError, match="bestaat niet"):
        get_user(store, "otto")
    with pytest.raises(ConflictError, match="laatste beheerder van alle studies"):
        remove_user(store, "anna", actor="anna")


def test_nothing_secret_in_the_event_log(store: Store, tmp_path: Path) -> None:
    team_study(store, tmp_path)
    set_password(store, "bram", "tweede geheim wachtwoord", actor="bram")
    set_password(store, "carla", "derde geheim wachtwoord", actor="anna")
    grant(store, "lena", "codeur", study_ref(store, "monitor"), actor="mira")
    remove_user(store, "otto", actor="anna")
    with pytest.raises(Exception):  # noqa: B017 - a wrong password, whatever it says
        log_in(store, "bram", "fout wachtwoord dat geheim is", client="test")
    with store.read() as session:
        hashes = [h for h in session.scalars(select(Account.password_hash))]
        events = session.scalars(select(Event).where(Event.action.like("account.%"))).all()
        every_event = json.dumps([[e.actor, e.action, e.entity, e.payload] for e in session.scalars(select(Event))],
                                 ensure_ascii=False, default=str)
    assert {e.action for e in events} >= {"account.add", "account.password", "account.reset_password",
                                          "account.grant", "account.remove"}
    for secret in [PASSWORD, "tweede geheim wachtwoord", "derde geheim wachtwoord", "fout wachtwoord", "$argon2",
                   *hashes]:
        assert secret not in every_event
