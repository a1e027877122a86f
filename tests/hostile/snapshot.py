"""The whole database as plain data, to prove that a refused file changed nothing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from coding.store import Store
from coding.store.models import Base


def snapshot(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted, by table name."""
    tables: dict[str, list[tuple[Any, ...]]] = {}
    with store.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            rows = conn.execute(text(f"SELECT * FROM {table.name}")).fetchall()
            tables[table.name] = sorted((tuple(row) for row in rows), key=repr)
    return tables
