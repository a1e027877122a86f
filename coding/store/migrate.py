"""Schema migrations with Alembic, run from code (``coding init`` and every ``connect``).

These work on an SQLAlchemy :class:`~sqlalchemy.Engine` (not a :class:`~coding.store.db.Store`), so that
:mod:`coding.store.db` can use them without an import cycle.

Alembic is imported only when a migration runs: a database already at :data:`HEAD` is recognised with one query,
so that a short command (``coding status``) does not pay for loading Alembic and every migration script.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")

#: The newest migration (the head of ``migrations/versions``); a test checks it against Alembic's own head.
HEAD = "0009"

#: Key of the PostgreSQL advisory lock that serialises concurrent upgrades.
UPGRADE_LOCK = 727001


def alembic_config() -> Config:
    """An Alembic configuration pointing at the package's migration scripts."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """The newest migration the code knows (read from the migration scripts)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at, or None for an empty database."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@contextmanager
def _migrating(engine: Engine) -> Iterator[Connection]:
    """A connection in one transaction for a migration.

    On SQLite, foreign keys are off meanwhile: a batch migration copies a table, drops the old one and renames the
    copy, and with foreign keys on, dropping ``respondents`` would cascade to every answer. The pragma only takes
    effect outside a transaction, so it is set on the driver connection before BEGIN and restored after COMMIT.
    """
    with engine.connect() as conn:
        sqlite = engine.dialect.name == "sqlite"
        if sqlite:
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        try:
            with conn.begin():
                yield conn
        finally:
            if sqlite:
                conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]


def at_head(engine: Engine) -> bool:
    """Whether the database's schema is at :data:`HEAD` (one query, no Alembic); False when unsure."""
    try:
        with engine.connect() as conn:
            versions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    except DBAPIError:  # no alembic_version table: an empty (or foreign) database
        return False
    return versions == [HEAD]


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Create the schema or bring it up to ``revision``; does nothing when it is already there."""
    if revision == "head" and (at_head(engine) or current_revision(engine) == head_revision()):
        return
    from alembic import command

    config = alembic_config()
    with _migrating(engine) as conn:
        if engine.dialect.name == "postgresql":
            # Two processes starting at once must not both create the tables.
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({UPGRADE_LOCK})")
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    """Take the schema back to ``revision`` (used by the migration tests)."""
    from alembic import command

    config = alembic_config()
    with _migrating(engine) as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, revision)
