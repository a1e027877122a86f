"""Shared benchmark plumbing: where the real data lives, running a measured child process, writing results."""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
SHARED_DATA = Path(os.environ.get("CODING_SHARED_DATA", ROOT.parent / "shared" / "data"))
MELDINGEN = SHARED_DATA / "meldingen_katwijk.csv"


def require_meldingen() -> Path:
    """The real benchmark file, or a clear exit when ../shared/data is absent."""
    if not MELDINGEN.exists():
        raise SystemExit(f"Benchmark data not found at {MELDINGEN}; benchmarks read it from ../shared/data.")
    return MELDINGEN


def measure(argv: list[str], *, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``argv`` as a child process; wall time (s), CPU time (s), its peak RSS (MB) and its JSON stdout line."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before, cpu_before = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, env={**os.environ, **(env or {})}, check=False)
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_kb = usage.ru_maxrss
    if done.returncode != 0:
        raise SystemExit(f"benchmark child failed: {' '.join(argv)}\n{done.stderr[-3000:]}")
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    result: dict[str, Any] = json.loads(lines[-1]) if lines else {}
    # ru_maxrss of RUSAGE_CHILDREN is the largest child so far; children run one at a time and grow, so we
    # report the child's own figure when it sent one.
    result.setdefault("peak_rss_mb", round(max(peak_kb, before) / 1024, 1))
    result["wall_s"] = round(seconds, 2)
    # CPU seconds of the child (and its own children): on a shared machine, wall time far above it means waiting.
    result["cpu_s"] = round(usage.ru_utime + usage.ru_stime - cpu_before, 2)
    return result


def child_peak_mb() -> float:
    """Peak resident memory of the current process in MB (Linux reports kB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    return {"python": sys.version.split()[0], "platform": platform.platform(), "cpus": os.cpu_count(),
            "date": datetime.now(UTC).isoformat(timespec="seconds")}


def write_result(name: str, data: dict[str, Any]) -> Path:
    """Write ``bench/results/NAME.json``."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps({"machine": machine(), **data}, indent=2, ensure_ascii=False) + "\n")
    return path
