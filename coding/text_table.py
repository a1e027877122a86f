"""A plain-text table for the terminal, laid out exactly as ``pandas.DataFrame.to_string(index=False)`` does.

``coding status`` prints its tables with it, so that the command starts without importing pandas (about half of
its start-up time) and still prints what it always printed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def _decimals(value: float) -> int:
    text = repr(float(value))
    return len(text.split(".", 1)[1]) if "." in text and "e" not in text else 1


def _column(values: Sequence[Any]) -> tuple[list[str], bool]:
    """The column's cells as text, and whether it is a number column."""
    numbers = bool(values) and all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)
    if numbers and any(isinstance(v, float) for v in values):
        decimals = min(6, max(_decimals(v) for v in values))
        return [f"{float(v):.{decimals}f}" for v in values], True
    return [str(v) for v in values], numbers


def text_table(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """``rows`` under ``columns`` as right-aligned text columns, one space apart (a number column one more)."""
    lines = [[] for _ in range(len(rows) + 1)]  # type: list[list[str]]
    for index, header in enumerate(columns):
        cells, numbers = _column([row[index] for row in rows])
        width = max([len(header) + (1 if numbers else 0), *(len(cell) for cell in cells)])
        for line, cell in zip(lines, [header, *cells], strict=True):
            line.append(cell.rjust(width))
    return "\n".join(" ".join(line) for line in lines)
