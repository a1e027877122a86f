"""Writing many rows at once in the session's transaction: COPY on PostgreSQL, the driver's executemany on SQLite.

A million answers through SQLAlchemy's ``insert`` pay its per-row parameter handling, and on PostgreSQL psycopg's
parsing of multi-row INSERT statements; COPY streams the rows instead. Both run on the session's own connection,
inside its transaction, so an import stays all or nothing.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

#: Rows per executemany call, and between two progress reports.
CHUNK = 20_000


def insert_rows(session: Session, table: Table, columns: Sequence[str], rows: Iterable[tuple[Any, ...]],
                progress: Callable[[int], None] | None = None) -> int:
    """Insert ``rows`` (tuples of Python values, in the order of ``columns``) into ``table``; the number written.

    Each value passes its column's bind processing (a JSON column is serialised as SQLAlchemy would), so what is
    stored is what ``session.execute(insert(table), …)`` stores. Column defaults are not applied: give every
    column that needs a value. ``progress(done)`` is called after every :data:`CHUNK` rows. A database error is
    raised as SQLAlchemy's :class:`~sqlalchemy.exc.DBAPIError` (the store turns it into a clear message) and the
    caller's transaction is rolled back as with any other statement.
    """
    connection = session.connection()
    dialect = connection.dialect
    if dialect.name not in ("postgresql", "sqlite"):
        return _through_sqlalchemy(session, table, columns, rows, progress)
    processed = _processed(rows, [table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
                                  for name in columns])
    raw: Any = connection.connection.driver_connection
    preparer = dialect.identifier_preparer
    names = ", ".join(preparer.quote(name) for name in columns)
    done = 0
    if dialect.name == "postgresql":
        statement = f"COPY {preparer.format_table(table)} ({names}) FROM STDIN"
        try:
            with raw.cursor() as cursor, cursor.copy(statement) as copy:
                for chunk in _chunks(processed):
                    for row in chunk:
                        copy.write_row(row)
                    done += len(chunk)
                    if progress:
                        progress(done)
        except dialect.loaded_dbapi.Error as exc:
            raise DBAPIError.instance(statement, None, exc, dialect.loaded_dbapi.Error) from None
        return done
    statement = f"INSERT INTO {preparer.format_table(table)} ({names}) VALUES ({', '.join('?' for _ in columns)})"
    cursor = raw.cursor()
    try:
        for chunk in _chunks(processed):
            cursor.executemany(statement, chunk)
            done += len(chunk)
            if progress:
                progress(done)
    except dialect.loaded_dbapi.Error as exc:
        raise DBAPIError.instance(statement, None, exc, dialect.loaded_dbapi.Error) from None
    finally:
        cursor.close()
    return done


def _processed(rows: Iterable[tuple[Any, ...]], processors: list[Any]) -> Iterator[tuple[Any, ...]]:
    if not any(processors):
        yield from rows
        return
    steps = [(i, p) for i, p in enumerate(processors) if p is not None]
    for row in rows:
        values = list(row)
        for i, process in steps:
            values[i] = process(values[i])
        yield tuple(values)


def _chunks(rows: Iterable[tuple[Any, ...]]) -> Iterator[list[tuple[Any, ...]]]:
    it = iter(rows)
    while chunk := list(itertools.islice(it, CHUNK)):
        yield chunk


def _through_sqlalchemy(session: Session, table: Table, columns: Sequence[str], rows: Iterable[tuple[Any, ...]],
                        progress: Callable[[int], None] | None) -> int:
    """Other databases: SQLAlchemy's executemany (its own bind processing)."""
    done = 0
    for chunk in _chunks(rows):
        session.execute(insert(table), [dict(zip(columns, row, strict=True)) for row in chunk])
        done += len(chunk)
        if progress:
            progress(done)
    return done
