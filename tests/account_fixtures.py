"""A small study with a team of users (shared by the accounts, roles, blind-coding, CLI and login tests).

The team: **anna** is beheerder of every study (the first user), **bram** and **carla** are codeur in *monitor*,
**lena** is lezer there, **mira** is beheerder of *monitor* only, and **otto** is codeur in another study (*pilot*)
and has no role in *monitor*.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST

from coding.store import Store
from coding.store import accounts as account_store
from coding.store.accounts import add_user
from coding.store.workspace import create_study
from tests.store_fixtures import small_study

#: Every test user's password (long enough, not the user name).
PASSWORD = "correct paard batterij"
TEAM = ("anna", "bram", "carla", "lena", "mira", "otto")


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2's cheapest parameters: the tests hash many passwords (a real hash takes a quarter second)."""
    monkeypatch.setattr(account_store, "HASHER", PasswordHasher.from_parameters(CHEAPEST))


def team_study(store: Store, tmp_path: Path) -> dict[str, int]:
    """The small study *monitor* (imported before there were users), a study *pilot*, and the team; returns the
    theme ids of *monitor*'s question by code."""
    themes = small_study(store, tmp_path)
    create_study(store, "pilot", "lead")
    add_user(store, "anna", PASSWORD, "beheerder", actor="anna")
    for name, role, study in [("bram", "codeur", "monitor"), ("carla", "codeur", "monitor"),
                              ("lena", "lezer", "monitor"), ("mira", "beheerder", "monitor"),
                              ("otto", "codeur", "pilot")]:
        add_user(store, name, PASSWORD, role, [study], actor="anna")
    return themes
