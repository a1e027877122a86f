"""Import benchmark: the 23,604 real answers and a 100,000-row file built from them at run time.

Target (issue 2): 100,000 answers in ≤ 30 s and ≤ 1 GB peak memory on the 2-core machine. Peer in the same run:
``pandas.read_csv`` + ``DataFrame.to_sql`` (no validation, no transaction guarantees) as the hand-made baseline.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

from bench.common import measure, require_meldingen, write_result

TARGET_SECONDS = 30.0
TARGET_MB = 1024.0


def build_100k(source: Path, target: Path) -> Path:
    """100,000 rows from the real file, with new unique ids (written to a temporary folder, never committed)."""
    frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    repeats = -(-100_000 // len(frame))
    big = pd.concat([frame] * repeats, ignore_index=True).iloc[:100_000].copy()
    big["id"] = [f"B{i:06d}" for i in range(len(big))]
    big.to_csv(target, index=False)
    return target


def run() -> dict[str, Any]:
    """Measure both files with our importer and with the pandas baseline, each in a fresh child process."""
    source = require_meldingen()
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        files = {"meldingen_23604": source, "built_100000": build_100k(source, Path(tmp) / "big.csv")}
        for name, path in files.items():
            for tool in ("ours", "pandas_to_sql"):
                url = f"sqlite:///{Path(tmp) / f'{name}-{tool}.sqlite'}"
                results[f"{name}/{tool}"] = measure([sys.executable, "-m", "bench.import_child", tool, str(path), url])
                print(f"import {name:16} {tool:14} {results[f'{name}/{tool}']}", flush=True)
    big = results["built_100000/ours"]
    summary = {
        "target": {"seconds": TARGET_SECONDS, "peak_mb": TARGET_MB},
        "met": big["seconds"] <= TARGET_SECONDS and big["peak_rss_mb"] <= TARGET_MB,
    }
    write_result("import", {"results": results, "summary": summary})
    return {"results": results, "summary": summary}
