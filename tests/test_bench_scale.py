"""The scale benchmark's study builder and its README table, on a small file made here (never the real data)."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from bench.scale_bench import TARGETS, sizes, verdicts
from bench.scale_build import build_codings_file, build_study_file
from bench.summary import _scale_section


def _source(tmp_path: Path) -> Path:
    path = tmp_path / "bron.csv"
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["id", "text", "label", "channel", "region", "created"])
        for i in range(7):
            writer.writerow([i, f"De lantaarnpaal in straat {i} brandt al weken niet meer", "Straatverlichting",
                             "website" if i % 2 else "telephone", "Katwijk" if i < 4 else "Rijnsburg", "2025-01-01"])
    return path


def test_the_built_study_has_n_unique_rows_varied_and_the_same_from_the_same_seed(tmp_path: Path) -> None:
    source = _source(tmp_path)
    built = pd.read_csv(build_study_file(source, 30, tmp_path / "a.csv"), dtype=str, keep_default_na=False)
    again = pd.read_csv(build_study_file(source, 30, tmp_path / "b.csv"), dtype=str, keep_default_na=False)
    assert len(built) == 30 and built["id"].is_unique
    assert built.equals(again)
    original = pd.read_csv(source, dtype=str, keep_default_na=False)
    assert built["text"].head(7).tolist() == original["text"].tolist()  # copy 0 is the real file
    assert built["text"].nunique() > 20  # the copies differ from the originals and from each other
    codings = pd.read_csv(build_codings_file(tmp_path / "a.csv", 10, tmp_path / "c.csv"), dtype=str)
    assert codings.columns.tolist() == ["id", "thema"] and codings["id"].tolist() == built["id"].head(10).tolist()


def test_sizes_come_from_arguments_or_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert sizes(["1_000_000"]) == [1_000_000]
    assert sizes(["100000,300000"]) == [100_000, 300_000]
    monkeypatch.setenv("CODING_BENCH_SCALE_SIZES", "200000")
    assert sizes() == [200_000]


def _measured(seconds: float) -> dict:
    coders = {"action": {"p50_ms": 30.0, "p95_ms": 70.0}, "assign": {"p95_ms": 60.0}, "next": {"p95_ms": 10.0},
              "position": {"p50_ms": 900.0, "p95_ms": 1200.0}}
    return {"answers": 1_000_000, "measured": "2026-12-03T08:26:03+00:00",
            "import": {"seconds": seconds, "peak_rss_mb": 2500.0},
            "import_pandas": {"seconds": 16.0, "peak_rss_mb": 1000.0}, "codings": {"seconds": 9.0},
            "cluster": {"seconds": 200.0, "peak_rss_mb": 2000.0, "clusters": 17, "nmi": 0.31,
                        "sample": {"size": 30000}},
            "coders": coders, "report": {"seconds": 40.0}, "status": {"wall_s": 2.5, "cpu_s": 2.4}}


def test_the_readme_table_shows_every_step_and_says_which_targets_are_missed() -> None:
    result = _measured(238.0)
    result["met"] = verdicts(result)
    assert result["met"]["import"] is False and result["met"]["cluster"] is True
    lines = _scale_section({"results": {"sqlite/1000000": result}, "targets": TARGETS, "target_size": 1_000_000})
    text = "\n".join(lines)
    assert "| import (ours: checks, one transaction) | ≤ 120 s, ≤ 2 GB | 238.0 s, 2500 MB |" in text
    assert "sample 30,000" in text and "2.5 s (CPU 2.4 s)" in text
    assert "SQLite at 1,000,000: import **missed**" in text and "cluster **met**" in text
