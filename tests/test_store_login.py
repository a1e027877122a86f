"""Logging in: right and wrong passwords, throttling per user and per client, idle expiry — with a fake clock."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from coding.errors import CodingError
from coding.store import Store
from coding.store.accounts import remove_user, set_password
from coding.store.login import (
    DEFAULT_IDLE,
    LOCK_SECONDS,
    MAX_FAILURES,
    LoginRefused,
    end_login,
    expired,
    idle_timeout,
    keep_login,
    log_in,
    resume_login,
    still_valid,
    touch_login,
)
from coding.store.models import LoginToken, utcnow
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


def _kept_tokens(store: Store) -> list[str]:
    with store.read() as session:
        return list(session.scalars(select(LoginToken.token_hash)))


def test_a_kept_login_comes_back_after_a_reload_until_it_is_idle_too_long(store: Store, tmp_path: Path) -> None:
    team_study(store, tmp_path)
    clock = Clock()
    login = log_in(store, "bram", PASSWORD, now=clock.now)
    token = keep_login(store, login, idle=timedelta(hours=8))
    assert token not in "".join(_kept_tokens(store)) and len(_kept_tokens(store)) == 1  # only a hash is stored
    clock.tick(hours=7)
    resumed = resume_login(store, token, now=clock.now, idle=timedelta(hours=8))
    assert resumed is not None and resumed.user == "bram"
    assert resumed.logged_in_at == login.logged_in_at and resumed.last_seen == clock.now
    clock.tick(hours=7)  # 14 hours after logging in, but used 7 hours ago: still valid
    assert resume_login(store, token, now=clock.now, idle=timedelta(hours=8)) is not None
    clock.tick(hours=8, seconds=1)
    assert resume_login(store, token, now=clock.now, idle=timedelta(hours=8)) is None
    assert _kept_tokens(store) == []  # the ended login is removed
    assert resume_login(store, "een-token-dat-niet-bestaat", now=clock.now) is None
    assert resume_login(store, "", now=clock.now) is None


def test_touching_a_kept_login_keeps_it_alive(store: Store, tmp_path: Path) -> None:
    team_study(store, tmp_path)
    clock = Clock()
    token = keep_login(store, log_in(store, "carla", PASSWORD, now=clock.now), idle=timedelta(hours=1))
    for _ in range(5):  # five hours of work, the use recorded every 50 minutes
        clock.tick(minutes=50)
        touch_login(store, token, now=clock.now)
    clock.tick(minutes=59)
    assert resume_login(store, token, now=clock.now, idle=timedelta(hours=1)) is not None


def test_a_kept_login_ends_with_logging_out_a_new_password_or_removal(store: Store, tmp_path: Path) -> None:
    team_study(store, tmp_path)
    logged_out = keep_login(store, log_in(store, "bram", PASSWORD))
    end_login(store, logged_out)
    assert resume_login(store, logged_out) is None

    new_password = keep_login(store, log_in(store, "bram", PASSWORD))
    other = keep_login(store, log_in(store, "carla", PASSWORD))
    set_password(store, "bram", "een heel ander wachtwoord", actor="anna")
    assert resume_login(store, new_password) is None
    assert resume_login(store, other) is not None  # another user's login is not touched

    removed = keep_login(store, log_in(store, "carla", PASSWORD))
    remove_user(store, "carla", actor="anna")
    assert resume_login(store, removed) is None and resume_login(store, other) is None
    assert _kept_tokens(store) == []


def test_two_logins_of_one_user_are_kept_apart(store: Store, tmp_path: Path) -> None:
    team_study(store, tmp_path)
    laptop = keep_login(store, log_in(store, "lena", PASSWORD))
    desktop = keep_login(store, log_in(store, "lena", PASSWORD))
    assert laptop != desktop
    end_login(store, laptop)
    assert resume_login(store, laptop) is None and resume_login(store, desktop) is not None


def test_logging_out_in_one_tab_ends_the_login_in_the_others(store: Store, tmp_path: Path) -> None:
    team_study(store, tmp_path)
    login = log_in(store, "bram", PASSWORD)
    token = keep_login(store, login)
    other_tab = resume_login(store, token)
    assert still_valid(store, other_tab, token=token) is not None
    end_login(store, token)  # "Uitloggen" in the first tab
    assert still_valid(store, other_tab, token=token) is None
    assert still_valid(store, login) is not None  # a login that was never kept is not affected
