"""Logging in: right and wrong passwords, throttling per user and per client, idle expiry — with a fake clock."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from coding.errors import CodingError
from coding.store import Store
from coding.store.accounts import remove_user, set_password
from coding.store.login import (
    DEFAULT_IDLE,
    LOCK_SECONDS,
    MAX_FAILURES,
    LoginRefused,
    expired,
    idle_timeout,
    log_in,
    still_valid,
)
from coding.store.models import utcnow
from tests.account_fixtures import PASSWORD, fast_hashing, team_study  # noqa: F401 - autouse fixture


class Clock:
    """A fake clock that starts now and moves only when told."""

    def __init__(self) -> None:
        self.now = utcnow()

    def tick(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def test_right_and_wrong_passwords(store: Store, tmp_path: Path) -> None:
    team_study(store, tmp_path)
    clock = Clock()
    login = log_in(store, "bram", PASSWORD, client="10.0.0.1", now=clock.now)
    assert login.user == "bram" and login.logged_in_at == clock.now == login.last_seen
    with pytest.raises(LoginRefused) as wrong:
        log_in(store, "bram", "niet het wachtwoord", client="10.0.0.1", now=clock.now)
    with pytest.raises(LoginRefused) as unknown:
        log_in(store, "niemand", PASSWORD, client="10.0.0.1", now=clock.now)
    # the same message: it does not tell whether the name exists
    assert str(wrong.value) == str(unknown.value)
    assert "Onbekende gebruikersnaam of verkeerd wachtwoord" in str(wrong.value)
    with pytest.raises(LoginRefused):
        log_in(store, "", "", client="10.0.0.1", now=clock.now)


def test_five_failures_lock_the_user_for_a_minute(store: Store, tmp_path: Path) -> None:
    team_study(store, tmp_path)
    clock = Clock()
    for attempt in range(MAX_FAILURES):
        with pytest.raises(LoginRefused, match="verkeerd wachtwoord"):
            log_in(store, "bram", f"fout {attempt}", client=f"10.0.0.{attempt}", now=clock.now)
        clock.tick(seconds=1)
    # now even the right password is refused, from any client, without looking at it
    with pytest.raises(LoginRefused, match=r"Te veel mislukte pogingen.*over 59 seconden"):
        log_in(store, "bram", PASSWORD, client="192.168.1.1", now=clock.now)
    log_in(store, "carla", PASSWORD, client="192.168.1.1", now=clock.now)  # another user is not locked
    clock.tick(seconds=LOCK_SECONDS - 5)
    with pytest.raises(LoginRefused, match="over 4 seconden"):
        log_in(store, "bram", PASSWORD, client="192.168.1.1", now=clock.now)
    clock.tick(seconds=5)
    login = log_in(store, "bram", PASSWORD, client="192.168.1.1", now=clock.now)
    assert login.user == "bram"
    # a success clears the failures: one more wrong try does not lock again
    with pytest.raises(LoginRefused, match="verkeerd wachtwoord"):
        log_in(store, "bram", "fout", client="192.168.1.1", now=clock.now)
    log_in(store, "bram", PASSWORD, client="192.168.1.1", now=clock.now)


def test_after_a_lock_one_more_failure_locks_again(store: Store, tmp_path: Path) -> None:
    team_study(store, tmp_path)
    clock = Clock()
    for _ in range(MAX_FAILURES):
        with pytest.raises(LoginRefused):
            log_in(store, "bram", "fout", client="a", now=clock.now)
    clock.tick(seconds=LOCK_SECONDS + 1)
    with pytest.raises(LoginRefused, match="verkeerd wachtwoord"):
        log_in(store, "bram", "nog steeds fout", client="a", now=clock.now)
    with pytest.raises(LoginRefused, match="Te veel"):
        log_in(store, "bram", PASSWORD, client="a", now=clock.now)


def test_failures_far_apart_do_not_lock(store: Store, tmp_path: Path) -> None:
    team_study(store, tmp_path)
    clock = Clock()
    for _ in range(MAX_FAILURES):
        with pytest.raises(LoginRefused, match="verkeerd wachtwoord"):
            log_in(store, "bram", "fout", client="a", now=clock.now)
        clock.tick(minutes=5)
    log_in(store, "bram", PASSWORD, client="a", now=clock.now)


def test_five_failures_from_one_client_lock_that_client(store: Store, tmp_path: Path) -> None:
    team_study(store, tmp_path)
    clock = Clock()
    for name in ["anna", "bram", "carla", "lena", "mira"]:  # one guess per user, all from one address
        with pytest.raises(LoginRefused):
            log_in(store, name, "raden", client="10.6.6.6", now=clock.now)
    with pytest.raises(LoginRefused, match="Te veel"):
        log_in(store, "otto", PASSWORD, client="10.6.6.6", now=clock.now)
    log_in(store, "otto", PASSWORD, client="10.0.0.7", now=clock.now)  # from elsewhere otto gets in
    clock.tick(seconds=LOCK_SECONDS + 1)
    log_in(store, "otto", PASSWORD, client="10.6.6.6", now=clock.now)


def test_sessions_expire_after_idle_time(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    team_study(store, tmp_path)
    clock = Clock()
    login = log_in(store, "bram", PASSWORD, client="a", now=clock.now)
    assert idle_timeout() == DEFAULT_IDLE == timedelta(hours=8)
    clock.tick(hours=7, minutes=59)
    refreshed = still_valid(store, login, now=clock.now)
    assert refreshed is not None and refreshed.last_seen == clock.now  # activity moves the idle clock
    clock.tick(hours=7, minutes=59)
    again = still_valid(store, refreshed, now=clock.now)
    assert again is not None
    clock.tick(hours=8, seconds=1)
    assert expired(again, clock.now) and still_valid(store, again, now=clock.now) is None
    # configurable
    monkeypatch.setenv("CODING_SESSION_IDLE_MINUTES", "30")
    assert idle_timeout() == timedelta(minutes=30)
    fresh = log_in(store, "bram", PASSWORD, client="a", now=clock.now)
    clock.tick(minutes=31)
    assert still_valid(store, fresh, now=clock.now) is None
    monkeypatch.setenv("CODING_SESSION_IDLE_MINUTES", "acht uur")
    with pytest.raises(CodingError, match="geen aantal minuten"):
        idle_timeout()


def test_a_new_password_or_removal_ends_the_session(store: Store, tmp_path: Path) -> None:
    team_study(store, tmp_path)
    bram = log_in(store, "bram", PASSWORD, client="a")
    otto = log_in(store, "otto", PASSWORD, client="a")
    assert still_valid(store, bram) is not None
    set_password(store, "bram", "een ander wachtwoord", actor="anna")
    assert still_valid(store, bram) is None
    assert still_valid(store, log_in(store, "bram", "een ander wachtwoord", client="a")) is not None
    remove_user(store, "otto", actor="anna")
    assert still_valid(store, otto) is None
    assert still_valid(store, None) is None
