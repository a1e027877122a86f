"""One domain error type whose message a researcher can act on.

Every error names, where it can, the file, the row and the column, and says what to do. The CLI prints
``str(error)`` and exits non-zero; the UI shows it in place. Nothing in here ever carries a traceback to the user.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class CodingError(Exception):
    """Base class: a problem the researcher can fix.

    ``problem`` says what is wrong, ``hint`` what to do about it; ``file``, ``row`` (1-based, as a spreadsheet
    shows it, header = row 1) and ``column`` locate it.
    """

    problem: str
    hint: str = ""
    file: str | None = None
    row: int | None = None
    column: str | None = None

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def location(self) -> str:
        """The 'file, row, column' part of the message, or an empty string."""
        parts = []
        if self.file:
            parts.append(f"bestand {self.file}")
        if self.row is not None:
            parts.append(f"rij {self.row}")
        if self.column:
            parts.append(f"kolom '{self.column}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.location()
        text = f"{where}: {self.problem}" if where else self.problem
        if self.hint:
            text += f"\n→ {self.hint}"
        return text


class InputError(CodingError):
    """An input file cannot be imported as it is."""


class CodebookError(CodingError):
    """A codebook is not valid (duplicate code, unknown parent, empty label, cycle, …)."""


class NotFoundError(CodingError):
    """A study, question, theme or segment that was named does not exist."""


class ConflictError(CodingError):
    """The action clashes with what is already stored (e.g. an answer that changed since the last import)."""
