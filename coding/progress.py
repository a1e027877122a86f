"""Progress callbacks for long actions (imports, clustering): ``progress(done, total)``."""

from __future__ import annotations

from collections.abc import Callable

#: ``progress(done, total)`` — called during long imports (CLI progress bar, st.progress).
Progress = Callable[[int, int], None]


def no_progress(_done: int, _total: int) -> None:
    """The default progress callback: does nothing."""
