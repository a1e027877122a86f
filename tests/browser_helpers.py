"""Helpers of the browser tests: a real `streamlit run` server, Debian's Chromium driven by Playwright, and waiting
for the app to be idle before a key is pressed.

Uses Debian's Chromium (``/usr/bin/chromium``; ``playwright install`` cannot download browsers here). Without it the
browser tests are skipped locally and fail in CI (``CI=true``), which installs it in ``.ci/run``.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]

T = TypeVar("T")


def require_chromium() -> None:
    """Skip the test without Chromium (fail it in CI, which must run the browser tests)."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium package"
        if IN_CI:
            pytest.fail(message + " (CI must run the browser tests)")
        pytest.skip(message)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def streamlit_server(log_path: Path, env: Mapping[str, str] | None = None) -> Iterator[str]:
    """Run `streamlit run app_streamlit.py` on a free port (on the database ``CODING_DB_URL`` in ``env``, default
    this process's environment) until the block ends; yields its address. Its output goes to ``log_path``."""
    with streamlit_servers([log_path], env) as urls:
        yield urls[0]


@contextlib.contextmanager
def streamlit_servers(log_paths: Sequence[Path], env: Mapping[str, str] | None = None) -> Iterator[list[str]]:
    """Run one app server per log file, started side by side (see :func:`streamlit_server`); yields their
    addresses once all of them answer."""
    require_chromium()
    servers: list[tuple[subprocess.Popen[bytes], int, Path]] = []
    try:
        for log_path in log_paths:
            port = free_port()
            with log_path.open("w") as log:  # the child keeps its own copy of the file descriptor
                servers.append((subprocess.Popen(
                    [sys.executable, "-m", "streamlit", "run", str(ROOT / "app_streamlit.py"), "--server.headless",
                     "true", "--server.port", str(port), "--browser.gatherUsageStats", "false"],
                    cwd=ROOT, env=dict(env if env is not None else os.environ), stdout=log, stderr=subprocess.STDOUT,
                ), port, log_path))
        deadline = time.monotonic() + 60
        for server, port, log_path in servers:
            while True:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
                    break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError("streamlit did not start: " + log_path.read_text()) from None
                    time.sleep(0.3)
        yield [f"http://127.0.0.1:{port}" for _, port, _ in servers]
    finally:
        for server, _, _ in servers:
            server.terminate()
        for server, _, _ in servers:
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(10)


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """Debian's headless Chromium under Playwright, closed when the block ends."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def is_idle(page: Any) -> bool:
    """Whether the app has no run going (Streamlit shows its status widget while a run goes on)."""
    return bool(page.evaluate("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"))


def idle(page: Any, timeout: float = 30_000) -> None:
    """Wait until the app has finished its current run (Streamlit shows its status widget while running).

    On a loaded machine a key pressed mid-run can be lost in the rerun that follows, so tests press keys only on
    an idle page. If the widget never goes away within the timeout, carry on: the assertions decide.
    """
    with contextlib.suppress(Exception):  # a slow page is judged by the assertions that follow
        page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
                               timeout=timeout)


def press(page: Any, key: str) -> None:
    """Press a shortcut with the focus on the page, not in an input, once the app is idle."""
    idle(page)
    # take the focus out of any input without clicking: a click can land on a sidebar widget and move the answer
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.keyboard.press(key)


def wait_for(check: Callable[[], T], timeout: float = 15.0, every: float = 0.2) -> T:
    """Call ``check`` until it returns something true or ``timeout`` seconds have passed; its last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(every)
