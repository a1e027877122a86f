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


class ProblemList:
    """Collects problems found while checking a file, then raises one error that lists them (first one located)."""

    MAX_LISTED = 10

    def __init__(self, source: str, error: type[CodingError] = InputError) -> None:
        self.source = source
        #: The error class raised: InputError for a bad file, ConflictError for a clash with stored data.
        self.error = error
        self.items: list[tuple[int | None, str | None, str]] = []
        self.hint = ""

    def add(self, row: int | None, column: str | None, message: str, hint: str = "") -> None:
        """Note a problem at a row and column."""
        self.items.append((row, column, message))
        if hint and not self.hint:
            self.hint = hint

    def raise_if_any(self) -> None:
        """Raise an :class:`InputError` (or ``error``) for the first problem, listing up to ten more."""
        if not self.items:
            return
        row, column, message = self.items[0]
        if len(self.items) > 1:
            others = self.items[1 : self.MAX_LISTED + 1]
            lines = [f"  rij {r}, kolom '{c}': {m}" if c else f"  rij {r}: {m}" for r, c, m in others]
            more = len(self.items) - 1 - len(others)
            message += f"\nEn {len(self.items) - 1} andere probleem/problemen:\n" + "\n".join(lines)
            if more:
                message += f"\n  … en nog {more}"
        raise self.error(message, hint=self.hint + "\nEr is niets geïmporteerd.", file=self.source,
                         row=row, column=column)


class PermissionDenied(CodingError):
    """The user has no role on the study that allows the action (or is not a user of this database at all)."""
