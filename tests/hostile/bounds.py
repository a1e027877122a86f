"""Running a hostile file through the tool in a child process that may use at most 1 GB and 30 seconds.

The child sets ``resource.RLIMIT_AS`` on itself before it imports anything of ours, so a reader that tries to
allocate a grid or unpack a bomb fails in the child (MemoryError) instead of taking the machine down, and the
parent kills it at the time limit. The child prints one JSON line: what happened and its peak RSS.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT

#: The issue's bounds for any single hostile file.
MAX_RSS_MB = 1024
MAX_SECONDS = 30

_CHILD = """
import json, resource, sys, time
limit = {limit}
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
started = time.monotonic()
outcome = {{"error": None, "type": None, "result": None}}
try:
{body}
except MemoryError:
    outcome["type"] = "MemoryError"
except Exception as exc:
    outcome["type"] = type(exc).__name__
    outcome["error"] = str(exc)
outcome["seconds"] = time.monotonic() - started
outcome["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(outcome))
"""


@dataclass
class Bounded:
    """What the child reported: the exception type and message (if any), its result, seconds and peak RSS."""

    type: str | None
    error: str | None
    result: object
    seconds: float
    rss_mb: float


def run_bounded(body: str, *, memory_mb: int = 2 * MAX_RSS_MB, seconds: int = MAX_SECONDS) -> Bounded:
    """Run ``body`` (Python, may set ``outcome["result"]``) in a child with an address-space limit.

    The address-space limit is twice the RSS bound, because virtual memory (thread stacks, mapped libraries) runs
    ahead of resident memory; the peak RSS itself is returned and checked against :data:`MAX_RSS_MB` by the tests.
    """
    code = _CHILD.format(limit=memory_mb * 1024 * 1024, body=textwrap.indent(textwrap.dedent(body), "    "))
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    started = time.monotonic()
    try:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=seconds + 15,
                              cwd=ROOT, env=env, check=False)
    except subprocess.TimeoutExpired as exc:
        raise AssertionError(f"took longer than {seconds} s (killed)") from exc
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, f"child failed (rc {done.returncode}): {done.stderr[-2000:]}"
    report = json.loads(lines[-1])
    assert time.monotonic() - started < seconds + 15
    return Bounded(report["type"], report["error"], report["result"], report["seconds"], report["rss_mb"])


def assert_refused_within_bounds(outcome: Bounded, *words: str) -> None:
    """The child refused with an InputError containing ``words``, within the time and memory bounds."""
    assert outcome.type == "InputError", (outcome.type, outcome.error)
    assert outcome.error is not None
    for word in words:
        assert word in outcome.error, (word, outcome.error)
    assert outcome.seconds <= MAX_SECONDS, outcome.seconds
    assert outcome.rss_mb <= MAX_RSS_MB, outcome.rss_mb


def quoted(path: Path) -> str:
    """``path`` as a Python literal for the child's code."""
    return repr(str(path))
