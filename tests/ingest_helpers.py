"""Helpers for the importer tests: a full dump of the store, to prove that a failed import changed nothing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import MetaData, Table, func, select

from coding.store import Store
from coding.store.models import Base

Dump = dict[str, list[tuple[Any, ...]]]


def dump(store: Store) -> Dump:
    """Every row of every table, in a fixed order: equal dumps mean an unchanged database.

    The tables are those of ``Base.metadata.sorted_tables``, plus any table the database holds whose model was
    not imported (reflected), so that a change anywhere is seen.
    """
    tables: dict[str, Table] = {t.name: t for t in Base.metadata.sorted_tables}
    reflected = MetaData()
    reflected.reflect(store.engine)
    for name, table in reflected.tables.items():
        tables.setdefault(name, table)
    result: Dump = {}
    with store.read() as session:
        for name in sorted(tables):
            table = tables[name]
            order = list(table.primary_key.columns) or list(table.columns)
            rows = session.execute(select(table).order_by(*order)).all()
            result[name] = [tuple(row) for row in rows]
    return result


def count(store: Store, model: Any) -> int:
    """How many rows a model's table holds."""
    with store.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)
