"""Writing many rows at once (COPY on PostgreSQL, executemany on SQLite): same rows, chunks, all or nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import JSON, Column, Integer, MetaData, String, Table, event, select
from sqlalchemy.exc import DBAPIError

from coding.store import Store, bulk, connect
from coding.store.bulk import insert_rows


def _probe() -> Table:
    return Table("bulk_probe", MetaData(), Column("id", Integer, primary_key=True), Column("name", String(40)),
                 Column("attributes", JSON), prefixes=["TEMPORARY"])


def test_rows_in_several_chunks_are_stored_as_given_with_progress(store: Store,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk, "CHUNK", 7)
    table = _probe()
    rows = [(i, f"naam {i}\t'\"\\", {"regio": "Noord" if i % 2 else None, "n": i}) for i in range(1, 31)]
    seen: list[int] = []
    statements: list[str] = []
    with store.atomic() as session:
        table.metadata.create_all(session.connection())
        listener = lambda *args: statements.append(str(args[2]))  # noqa: E731
        event.listen(store.engine, "before_cursor_execute", listener)
        try:
            written = insert_rows(session, table, ["id", "name", "attributes"], iter(rows), seen.append)
        finally:
            event.remove(store.engine, "before_cursor_execute", listener)
        stored = session.execute(select(table).order_by(table.c.id)).all()
        table.drop(session.connection())
    assert written == 30 and seen == [7, 14, 21, 28, 30]
    assert [tuple(row) for row in stored] == rows  # tabs, quotes, backslashes and JSON survive COPY
    assert statements == []  # not through SQLAlchemy's insert: COPY (PostgreSQL) or the driver's executemany


def test_a_failing_later_chunk_leaves_nothing_behind(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk, "CHUNK", 5)
    table = Table("bulk_probe_kept", MetaData(), Column("id", Integer, primary_key=True), Column("name", String(40)))
    table.metadata.create_all(store.engine)
    try:
        rows = [(i, "x") for i in range(1, 13)] + [(3, "twice")]  # the duplicate is in the third chunk
        with pytest.raises(DBAPIError), store.atomic() as session:
            insert_rows(session, table, ["id", "name"], rows)
        with store.read() as session:
            assert session.execute(select(table)).all() == []
    finally:
        table.drop(store.engine)


def test_coding_status_does_not_load_pandas(tmp_path: Path) -> None:
    """A short command must start fast: the status path imports neither pandas nor scikit-learn nor spaCy."""
    url = f"sqlite:///{tmp_path / 'status.sqlite'}"
    connect(url).dispose()
    script = ("import sys\nfrom coding.cli import main\nsys.argv = ['coding', 'status']\n"
              "try:\n    main()\nexcept SystemExit:\n    pass\n"
              "print('LOADED', sorted(m for m in ('pandas', 'sklearn', 'spacy') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          env={**__import__("os").environ, "CODING_DB_URL": url})
    assert "LOADED []" in done.stdout, (done.stdout, done.stderr)
