"""Shared fixtures: a store on SQLite and on a real PostgreSQL server, and the CI rule that a skip is a failure.

PostgreSQL tests need ``CODING_TEST_PG_URL`` (``.ci/run`` starts a server and sets it). Locally they are skipped
without it; in CI (``CI=true``) a skipped test fails the run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from coding.store import Store, connect
from coding.store.models import Base

PG_URL_ENV = "CODING_TEST_PG_URL"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
ROOT = Path(__file__).resolve().parents[1]


def pg_url() -> str:
    """The test PostgreSQL URL; skips (fails in CI) when it is not set."""
    url = os.environ.get(PG_URL_ENV, "")
    if not url:
        message = f"{PG_URL_ENV} is not set: no PostgreSQL server to test against"
        if IN_CI:
            pytest.fail(message + " (CI must run the PostgreSQL tests)")
        pytest.skip(message)
    return url


@pytest.fixture(scope="session")
def pg_store_session() -> Iterator[Store]:
    """One store on a fresh schema of the test PostgreSQL database for the whole run."""
    url = pg_url()
    bootstrap = connect(url, migrate=False)
    with bootstrap.engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    bootstrap.dispose()
    store = connect(url)
    yield store
    store.dispose()


def _truncate(store: Store) -> None:
    tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
    with store.engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    """A store on a fresh SQLite file."""
    store = connect(f"sqlite:///{tmp_path / 'coding.sqlite'}")
    yield store
    store.dispose()


@pytest.fixture
def pg_store(pg_store_session: Store) -> Iterator[Store]:
    """The PostgreSQL store, emptied before the test."""
    _truncate(pg_store_session)
    yield pg_store_session


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """The same test on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        yield request.getfixturevalue("sqlite_store")
    else:
        yield request.getfixturevalue("pg_store")


@pytest.fixture
def store_url(store: Store, tmp_path: Path) -> str:
    """The URL of ``store`` with its password, for tests that start other processes."""
    return store.engine.url.render_as_string(hide_password=False)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, exitstatus: int) -> None:
    skipped = terminalreporter.stats.get("skipped", [])
    if IN_CI and skipped:
        terminalreporter.write_line(f"CI: {len(skipped)} test(s) skipped — a skipped test fails CI.", red=True)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if IN_CI and skipped and exitstatus == 0:
        session.exitstatus = 1
