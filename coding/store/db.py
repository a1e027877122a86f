"""Connecting to the study store: SQLite by default, PostgreSQL for teams.

``connect(url)`` gives a :class:`Store`. Every user action runs in one transaction through ``store.atomic()``.
On SQLite the file lives under ``data/`` and runs in WAL mode with foreign keys on; write transactions start with
``BEGIN IMMEDIATE`` so that concurrent writers queue on the busy timeout instead of failing on a lock upgrade.
"""

from __future__ import annotations

import copy
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, DisconnectionError
from sqlalchemy.orm import Session, sessionmaker

from coding.errors import CodingError
from coding.store.migrate import current_revision, upgrade

#: Environment variable naming the database URL.
DB_URL_ENV = "CODING_DB_URL"

#: Where the embedded database lives unless ``CODING_DB_URL`` says otherwise.
DEFAULT_SQLITE_PATH = Path("data") / "coding.sqlite"

#: Seconds a SQLite writer waits for another writer before giving up.
SQLITE_BUSY_TIMEOUT = 60

#: Seconds a pooled PostgreSQL connection may sit unused before it is checked (one ``SELECT 1``) on its next use.
PING_AFTER_IDLE_S = 10.0

#: Set on every PostgreSQL connection of coding. Parallel query lets one count over a million answers take every
#: core of the server for a moment; with several coders at work on a small server that makes all the others wait
#: (at 1,000,000 answers and 8 coders on 2 cores: p95 354 ms per coding action with it, 144 ms without). The
#: reads of ``coding status`` and the report were no slower without it.
POSTGRES_SETTINGS = {"max_parallel_workers_per_gather": "0"}

#: ``connection_record.info`` key: when the connection went back into the pool.
_IDLE_SINCE = "coding_idle_since"


def default_url() -> str:
    """The database URL: ``CODING_DB_URL`` if set, else the SQLite file ``data/coding.sqlite``."""
    url = os.environ.get(DB_URL_ENV, "").strip()
    if url:
        return url
    return f"sqlite:///{DEFAULT_SQLITE_PATH}"


def normalise_url(url: str) -> str:
    """Map ``postgresql://`` and ``postgres://`` to the psycopg 3 driver; leave other URLs alone."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _setup_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from pysqlite so that BEGIN is ours (see _on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT * 1000}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get("coding_readonly"):
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")


def _setup_postgresql(engine: Engine) -> None:
    """Check a pooled connection before use only when it sat unused for :data:`PING_AFTER_IDLE_S` (a server
    restart, a network drop): ``pool_pre_ping`` would add a round trip to every read and write of a coder at work.
    A connection that fails the check is replaced (the pool retries with a new one). Every new connection gets
    :data:`POSTGRES_SETTINGS`."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        autocommit = dbapi_connection.autocommit
        dbapi_connection.autocommit = True  # a SET outside a transaction lasts for the whole connection
        with dbapi_connection.cursor() as cursor:
            for name, value in POSTGRES_SETTINGS.items():
                cursor.execute(f"SET {name} = {value}")
        dbapi_connection.autocommit = autocommit

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_connection: Any, record: Any) -> None:
        record.info[_IDLE_SINCE] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get(_IDLE_SINCE)
        if since is None or time.monotonic() - since < PING_AFTER_IDLE_S:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as exc:
            raise DisconnectionError("verbinding verbroken terwijl ze ongebruikt was") from exc


class DatabaseProblem(CodingError):
    """The database cannot be used as it is: not a database, read-only, full, or the server is unreachable."""


#: What is wrong and what to do when the server dropped the connection (it says so in more than one way).
_CONNECTION_LOST = ("De verbinding met de PostgreSQL-server van {where} is verbroken.",
                    "Probeer het opnieuw; draait de server nog? Er is niets half opgeslagen.")

#: (words in the driver's message, what is wrong, what to do); ``{where}`` is the database without password.
_PROBLEMS = (
    ("file is not a database", "{where} is geen database van coding (geen SQLite-bestand).",
     "Wijs CODING_DB_URL (of --db) naar een .sqlite-bestand van coding, of naar een nieuw bestand: dat wordt "
     "aangemaakt."),
    ("file is encrypted", "{where} is geen database van coding (geen SQLite-bestand).",
     "Wijs CODING_DB_URL (of --db) naar een .sqlite-bestand van coding, of naar een nieuw bestand."),
    ("readonly database", "De database {where} is alleen-lezen; er is niets opgeslagen.",
     "Geef schrijfrechten op het bestand én de map erboven (SQLite schrijft er -wal- en -shm-bestanden naast), "
     "of kopieer de database naar een map waarin je mag schrijven."),
    ("read-only transaction", "De database {where} is alleen-lezen voor deze gebruiker; er is niets opgeslagen.",
     "Gebruik in CODING_DB_URL een PostgreSQL-gebruiker met schrijfrechten (of vraag die aan de beheerder)."),
    ("unable to open database file", "De database {where} kan niet worden geopend of aangemaakt.",
     "Bestaat de map, en mag je erin schrijven? Kies anders een ander pad in CODING_DB_URL (of --db)."),
    ("database or disk is full", "De schijf (of de ruimte voor de database {where}) is vol; er is niets opgeslagen.",
     "Maak ruimte vrij en probeer het opnieuw: de onderbroken actie is helemaal teruggedraaid."),
    ("disk i/o error", "Schrijven naar de database {where} mislukte (schijf vol of niet bereikbaar); er is niets "
     "opgeslagen.", "Controleer de vrije ruimte en of de schijf of netwerkmap bereikbaar is, en probeer opnieuw."),
    ("database is locked", "De database {where} wordt al te lang door een ander proces vastgehouden.",
     "Wacht tot de andere import of sessie klaar is, of sluit die, en probeer het opnieuw."),
    ("password authentication failed", "PostgreSQL weigert de gebruiker of het wachtwoord voor {where}.",
     "Controleer gebruiker en wachtwoord in CODING_DB_URL (postgresql://gebruiker:wachtwoord@host/database)."),
    ("does not exist", "De PostgreSQL-database of -gebruiker in {where} bestaat niet.",
     "Maak de database aan (createdb NAAM) of controleer de naam in CODING_DB_URL."),
    ("connection refused", "De PostgreSQL-server van {where} is niet bereikbaar (verbinding geweigerd).",
     "Start de server, of controleer host en poort in CODING_DB_URL."),
    ("could not translate host name", "De server van {where} is onbekend (hostnaam niet gevonden).",
     "Controleer de hostnaam in CODING_DB_URL en de netwerkverbinding."),
    ("timeout", "De PostgreSQL-server van {where} antwoordt niet (time-out).",
     "Controleer of de server draait en bereikbaar is (netwerk, VPN, firewall), en probeer het opnieuw."),
    ("server closed the connection", *_CONNECTION_LOST),
    ("terminating connection", *_CONNECTION_LOST),
    ("no space left on device", "De schijf van de PostgreSQL-server van {where} is vol; er is niets opgeslagen.",
     "Laat de beheerder ruimte vrijmaken en probeer het opnieuw."),
    ("could not connect", "De PostgreSQL-server van {where} is niet bereikbaar.",
     "Start de server, of controleer host, poort en database in CODING_DB_URL."),
    ("connection failed", "De PostgreSQL-server van {where} is niet bereikbaar.",
     "Start de server, of controleer host, poort en database in CODING_DB_URL."),
)


def database_problem(exc: BaseException, where: str) -> DatabaseProblem | None:
    """The researcher's message for a driver error that is about the database itself (None for anything else)."""
    message = str(getattr(exc, "orig", None) or exc).lower()
    if isinstance(exc, OSError) and exc.errno == 28:  # ENOSPC
        message = "database or disk is full"
    for words, problem, hint in _PROBLEMS:
        if words in message:
            return DatabaseProblem(problem.format(where=where), hint=hint)
    return None


@contextmanager
def _translated(where: str) -> Iterator[None]:
    """Database problems raised inside become :class:`DatabaseProblem`; every other error passes unchanged."""
    try:
        yield
    except (DBAPIError, OSError) as exc:
        problem = database_problem(exc, where)
        if problem is None:
            raise
        raise problem from None


class Store:
    """A connection to one study database. Cheap to share; make one per process (the UI caches it)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        #: The user this store reads and writes for (:meth:`as_user`); None: nobody in particular.
        self.viewer: str | None = None
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        reading: dict[str, Any] = {"coding_readonly": True}
        if engine.dialect.name == "postgresql":
            # Under READ COMMITTED every statement sees its own snapshot, in a transaction or not; without one a
            # read saves the BEGIN and the COMMIT — two round trips on each of the reads a coding action makes.
            reading["isolation_level"] = "AUTOCOMMIT"
        self._read_sessions = sessionmaker(engine.execution_options(**reading), expire_on_commit=False)

    def as_user(self, name: str) -> Store:
        """This store as one user sees and changes it (same engine, nothing new opened).

        Its read functions leave out what the user may not see (the studies without a role for them once accounts
        exist, the other coders' work in an open double-coding round), and every change through it must be made by
        that user: an action in someone else's name is refused (:class:`coding.errors.PermissionDenied`).
        """
        view = copy.copy(self)
        view.viewer = name.strip() or None
        return view

    @property
    def dialect(self) -> str:
        """``'sqlite'`` or ``'postgresql'``."""
        return self.engine.dialect.name

    @property
    def url(self) -> str:
        """The database URL with any password hidden."""
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def atomic(self) -> Iterator[Session]:
        """One transaction for one user action: committed on success, rolled back on any error.

        A full disk, a read-only file or a lost server is raised as :class:`DatabaseProblem` (after the rollback).
        """
        with _translated(self.url), self._sessions() as session, session.begin():
            session.info["viewer"] = self.viewer  # checked with every event (coding.store.access.authorize)
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session that does not take the SQLite write lock."""
        with _translated(self.url), self._read_sessions() as session, session.begin():
            yield session

    def is_initialised(self) -> bool:
        """True when the schema has been created (the ``studies`` table exists)."""
        return inspect(self.engine).has_table("studies")

    def schema_revision(self) -> str | None:
        """The migration the database schema is at (None for an empty database)."""
        return current_revision(self.engine)

    def dispose(self) -> None:
        """Close all pooled connections."""
        self.engine.dispose()


def connect(url: str | None = None, *, migrate: bool = True) -> Store:
    """Open the study store at ``url`` (default: :func:`default_url`) and bring its schema up to date.

    A SQLite file's folder is created when missing. A PostgreSQL URL needs the ``postgres`` extra
    (``pip install 'coding[postgres]'``).
    """
    raw = url or default_url()
    url_obj = make_url(normalise_url(raw))
    kwargs: dict[str, Any] = {}
    where = url_obj.render_as_string(hide_password=True)
    if url_obj.get_backend_name() == "sqlite":
        database = url_obj.database
        if database and database != ":memory:" and not database.startswith("file:"):
            try:
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseProblem(f"De map voor de database {where} kan niet worden aangemaakt "
                                      f"({exc.strerror or exc}).",
                                      hint="Kies in CODING_DB_URL (of --db) een pad in een map waarin je mag "
                                      "schrijven.") from None
        kwargs["connect_args"] = {"timeout": SQLITE_BUSY_TIMEOUT, "check_same_thread": False}
    try:
        engine = create_engine(url_obj, **kwargs)
    except ModuleNotFoundError as exc:  # the PostgreSQL driver is an optional extra
        raise CodingError(
            f"De databasedriver voor {url_obj.get_backend_name()} ontbreekt ({exc.name}).",
            hint="Installeer de extra: pip install 'coding[postgres]'",
        ) from None
    if engine.dialect.name == "sqlite":
        _setup_sqlite(engine)
    elif engine.dialect.name == "postgresql":
        _setup_postgresql(engine)
    store = Store(engine)
    if migrate:
        with _translated(where):
            upgrade(engine)
    return store
