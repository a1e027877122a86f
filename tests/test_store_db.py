"""Connecting, SQLite settings, and Alembic migrations that match the models on both databases."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from coding.store import Store, connect
from coding.store.db import default_url, normalise_url
from coding.store.migrate import current_revision, downgrade, head_revision, upgrade
from coding.store.models import Base


def test_default_url_is_sqlite_under_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CODING_DB_URL", raising=False)
    assert default_url() == "sqlite:///data/coding.sqlite"
    monkeypatch.setenv("CODING_DB_URL", "postgresql://u:p@localhost/db")
    assert default_url() == "postgresql://u:p@localhost/db"


def test_postgres_urls_use_psycopg3() -> None:
    assert normalise_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"
    assert normalise_url("postgres://u@h/d") == "postgresql+psycopg://u@h/d"
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    store = connect(f"sqlite:///{tmp_path / 'sub' / 'db.sqlite'}")
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    assert (tmp_path / "sub" / "db.sqlite").exists()


def test_schema_is_at_head_and_matches_the_models(store: Store) -> None:
    assert current_revision(store.engine) == head_revision()
    assert store.schema_revision() == head_revision()
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == [], f"models and migrations differ: {diff}"


def test_downgrade_to_base_and_upgrade_again(tmp_path: Path) -> None:
    store = connect(f"sqlite:///{tmp_path / 'm.sqlite'}")
    downgrade(store.engine, "base")
    assert not inspect(store.engine).has_table("studies")
    upgrade(store.engine)
    assert store.is_initialised()
    upgrade(store.engine)  # a second upgrade is a no-op
    assert current_revision(store.engine) == head_revision()


@pytest.mark.parametrize("study,question", [("s" * 201, "q"), ("s", "q" * 201), ("s", "  ")])
def test_overlong_or_empty_names_are_refused_before_the_database(store: Store, study: str, question: str) -> None:
    from coding.errors import CodingError
    from coding.store.studies import get_or_create_question, get_or_create_study

    with pytest.raises(CodingError), store.atomic() as session:
        get_or_create_question(session, get_or_create_study(session, study, "t"), question, "t")


def test_a_database_made_at_0003_migrates_to_one_wave_in_which_everyone_was_asked(store: Store) -> None:
    """Issue 13: existing studies become wave "1", every answer asked; the same id may then recur in a new wave."""
    from sqlalchemy import text

    downgrade(store.engine, "0003")
    assert current_revision(store.engine) == "0003"
    with store.engine.begin() as conn:
        conn.execute(text("INSERT INTO studies (id, name, description, created_at) "
                          "VALUES (1, 'oud', '', CURRENT_TIMESTAMP)"))
        conn.execute(text("INSERT INTO questions (id, study_id, name, wording, kind, position, created_at) "
                          "VALUES (1, 1, 'vraag', '', 'survey', 0, CURRENT_TIMESTAMP)"))
        conn.execute(text("INSERT INTO respondents (id, study_id, external_id, kind, weight, attributes, created_at) "
                          "VALUES (1, 1, 'R1', 'respondent', NULL, '{}', CURRENT_TIMESTAMP)"))
        conn.execute(text("INSERT INTO segments (id, question_id, respondent_id, document_id, position, text, "
                          "text_hash, speaker, start_char, end_char, substantive, nonsubstantive_reason, word_count, "
                          "memo, is_quote) VALUES (1, 1, 1, NULL, 0, 'te duur', 'h', NULL, NULL, NULL, TRUE, NULL, 2, "
                          "'', FALSE)"))
    upgrade(store.engine)
    assert current_revision(store.engine) == head_revision()
    with store.engine.begin() as conn:
        assert conn.execute(text("SELECT wave FROM respondents")).scalars().all() == ["1"]
        assert conn.execute(text("SELECT asked FROM segments")).scalars().all() == [True]
        conn.execute(text("INSERT INTO respondents (id, study_id, external_id, wave, kind, weight, attributes, "
                          "created_at) VALUES (2, 1, 'R1', '2024', 'respondent', NULL, '{}', CURRENT_TIMESTAMP)"))
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    if store.engine.dialect.name == "postgresql":  # the explicit ids above must not collide with later inserts
        with store.engine.begin() as conn:
            for table in ("studies", "questions", "respondents", "segments"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 10)"))


def test_the_head_the_code_checks_is_alembics_head(store: Store) -> None:
    """``at_head`` answers with one query against ``HEAD``: it must be the newest migration script."""
    from coding.store.migrate import HEAD, at_head

    assert head_revision() == HEAD
    assert at_head(store.engine)


def test_an_older_schema_is_not_taken_for_the_head(tmp_path: Path) -> None:
    from coding.store.migrate import at_head

    store = connect(f"sqlite:///{tmp_path / 'old.sqlite'}")
    downgrade(store.engine, "0007")
    assert not at_head(store.engine)
    assert "ix_segment_queue" not in {ix["name"] for ix in inspect(store.engine).get_indexes("segments")}
    upgrade(store.engine)
    assert at_head(store.engine)
    assert "ix_segment_queue" in {ix["name"] for ix in inspect(store.engine).get_indexes("segments")}
    assert "ix_coding_coder" in {ix["name"] for ix in inspect(store.engine).get_indexes("codings")}


def test_an_empty_database_is_not_at_head(tmp_path: Path) -> None:
    from sqlalchemy import create_engine

    from coding.store.migrate import at_head

    assert not at_head(create_engine(f"sqlite:///{tmp_path / 'empty.sqlite'}"))
