"""What an import did, as plain data with a one-paragraph Dutch summary."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from coding.errors import CodingError, InputError

#: ``progress(done, total)`` — called during long imports (CLI progress bar, st.progress).
Progress = Callable[[int, int], None]


def no_progress(_done: int, _total: int) -> None:
    """The default progress callback: does nothing."""


@dataclass
class ImportReport:
    """Counts of what an import added, and what it found already present."""

    study: str
    source: str
    questions: list[str] = field(default_factory=list)
    respondents_added: int = 0
    respondents_existing: int = 0
    segments_added: int = 0
    segments_unchanged: int = 0
    nonsubstantive: int = 0
    codings_added: int = 0
    codings_existing: int = 0

    def summary(self) -> str:
        """A short Dutch summary for the CLI and the UI."""
        parts = [f"{self.source} → studie '{self.study}'"]
        if self.questions:
            parts.append("vragen: " + ", ".join(self.questions))
        if self.respondents_added or self.respondents_existing:
            parts.append(f"{self.respondents_added} nieuwe respondenten/documenten"
                         f" ({self.respondents_existing} bestonden al)")
        if self.segments_added or self.segments_unchanged:
            parts.append(f"{self.segments_added} nieuwe segmenten ({self.segments_unchanged} ongewijzigd), "
                         f"waarvan {self.nonsubstantive} niet-inhoudelijk")
        if self.codings_added or self.codings_existing:
            parts.append(f"{self.codings_added} nieuwe coderingen ({self.codings_existing} bestonden al)")
        return "; ".join(parts)


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
