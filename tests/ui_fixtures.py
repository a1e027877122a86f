"""Fixtures of the UI tests (loaded with ``pytest_plugins``): a database per test behind ``CODING_DB_URL``.

Each test gets its own SQLite file, so the cached engine (``st.cache_resource``, keyed by URL) is its own too.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from coding.store import Store, connect


@pytest.fixture
def ui_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """An empty store that the app will open (through ``CODING_DB_URL``)."""
    url = f"sqlite:///{tmp_path / 'ui.sqlite'}"
    monkeypatch.setenv("CODING_DB_URL", url)
    store = connect(url)
    yield store
    store.dispose()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file holding the demo study, loaded once per test session."""
    from coding.demo import load_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    store = connect(f"sqlite:///{path}")
    load_demo(store)
    store.dispose()  # the last connection to close checkpoints the WAL into the file
    return path


@pytest.fixture
def demo_store(demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """A private copy of the demo database, opened by the app through ``CODING_DB_URL``."""
    target = tmp_path / "demo.sqlite"
    for suffix in ("", "-wal", "-shm"):
        source = Path(str(demo_template) + suffix)
        if source.exists():
            shutil.copy(source, Path(str(target) + suffix))
    url = f"sqlite:///{target}"
    monkeypatch.setenv("CODING_DB_URL", url)
    store = connect(url)
    yield store
    store.dispose()
