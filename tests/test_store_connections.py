"""What one coding action costs in round trips, and how pooled PostgreSQL connections are kept healthy.

On a team server every statement is a round trip, so the number per action is bounded here; the server's
parallel query is off for coding's connections (it made the other coders wait); and a pooled connection is only
checked when it sat unused for a while, yet one the server dropped in that time is replaced without an error.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import event, text

from coding.store import Store, db
from coding.store.codings import add_coding
from coding.store.queue import QueueFilter, next_item, queue_position
from coding.store.refs import QuestionRef
from coding.store.studies import study_ref
from tests.account_fixtures import fast_hashing, team_study  # noqa: F401 (fixture)
from tests.store_fixtures import small_question, small_study

#: Statements for one action — give a theme, fetch the next answer, count where it stands — measured 8 (the
#: write with its role check and event, the next answer with its codings, the position in one count).
ACTION_STATEMENTS = 8


@contextmanager
def _statements(store: Store) -> Iterator[list[str]]:
    seen: list[str] = []

    def listener(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        if statement.split(None, 1)[0].upper() not in ("BEGIN", "COMMIT", "ROLLBACK"):
            seen.append(statement)

    event.listen(store.engine, "before_cursor_execute", listener)
    try:
        yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", listener)


def _action(store: Store, question: QuestionRef, coder: str, theme: int, segment_id: int) -> int:
    flt = QueueFilter(uncoded_only=True)
    add_coding(store, segment_id, theme, coder)
    following = next_item(store, question, coder, flt, after=segment_id)
    assert following is not None
    position = queue_position(store, question, coder, flt, following.segment_id)
    assert position.included
    return following.segment_id


def _first(store: Store, coder: str) -> int:
    item = next_item(store, small_question(store), coder, QueueFilter(uncoded_only=True))
    assert item is not None
    return item.segment_id


def test_one_coding_action_takes_a_bounded_number_of_statements(store: Store, tmp_path: Path) -> None:
    themes = small_study(store, tmp_path)
    question = small_question(store)  # the page keeps the question it shows
    segment = _action(store, question, "ineke", themes["vertrouwen"], _first(store, "ineke"))
    with _statements(store) as seen:
        _action(store, question, "ineke", themes["opvolging"], segment)
    assert len(seen) <= ACTION_STATEMENTS, "\n".join(seen)


def test_with_accounts_the_role_check_adds_no_statement(store: Store, tmp_path: Path) -> None:
    themes = team_study(store, tmp_path)
    bram = store.as_user("bram")
    question = small_question(bram)
    segment = _action(bram, question, "bram", themes["vertrouwen"], _first(bram, "bram"))
    with _statements(store) as seen:
        _action(bram, question, "bram", themes["opvolging"], segment)
    assert len(seen) <= ACTION_STATEMENTS, "\n".join(seen)


@pytest.mark.postgres
def test_postgresql_connections_have_parallel_query_off(pg_store: Store) -> None:
    pg_store.dispose()  # new connections, as a freshly started server has
    with pg_store.read() as session:
        assert session.execute(text("SHOW max_parallel_workers_per_gather")).scalar() == "0"
    with pg_store.atomic() as session:
        assert session.execute(text("SHOW max_parallel_workers_per_gather")).scalar() == "0"
    with pg_store.read() as session:  # a read after a write, on the pooled connection: still set
        assert session.execute(text("SHOW max_parallel_workers_per_gather")).scalar() == "0"


@pytest.mark.postgres
def test_a_connection_in_use_is_not_pinged_but_one_idle_for_long_is(pg_store: Store, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    small_study(pg_store, tmp_path)
    pings: list[object] = []
    ping = pg_store.engine.dialect.do_ping
    monkeypatch.setattr(pg_store.engine.dialect, "do_ping", lambda conn: pings.append(conn) or ping(conn))
    study_ref(pg_store, "monitor")
    study_ref(pg_store, "monitor")
    assert pings == []  # back in use within PING_AFTER_IDLE_S: no extra round trip
    monkeypatch.setattr(db, "PING_AFTER_IDLE_S", 0.0)
    study_ref(pg_store, "monitor")
    assert len(pings) == 1


@pytest.mark.postgres
def test_a_connection_the_server_dropped_while_idle_is_replaced(pg_store: Store, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    small_study(pg_store, tmp_path)
    pg_store.dispose()
    with pg_store.read() as session:  # the one pooled connection, and its server process
        backend = session.execute(text("SELECT pg_backend_pid()")).scalar()
    other = pg_store.engine.pool.__class__(pg_store.engine.pool._creator)  # type: ignore[attr-defined]
    killer = other.connect()
    try:
        cursor = killer.cursor()
        cursor.execute(f"SELECT pg_terminate_backend({int(backend)})")
        killer.commit()
    finally:
        killer.close()
        other.dispose()
    monkeypatch.setattr(db, "PING_AFTER_IDLE_S", 0.0)  # it sat unused "long enough"
    assert study_ref(pg_store, "monitor").name == "monitor"  # no error: the dead connection was replaced
    with pg_store.read() as session:
        assert session.execute(text("SELECT pg_backend_pid()")).scalar() != backend
