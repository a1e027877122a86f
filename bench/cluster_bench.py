"""Clustering benchmark (issue 3): our pre-clustering against LDA, NMF, KMeans and BERTopic on real Dutch reports.

Data: ../shared/data/meldingen_katwijk.csv — 23,604 citizen reports, each with one of 15 categories assigned by a
municipal employee. The categories are used only to score (NMI, ARI, V-measure); nothing is tuned on them.
Every tool runs in its own child process (``bench/cluster_child.py``), so time and peak memory are its own.

- ours: ``PreClustering`` with the blank Dutch pipeline, k chosen automatically, seeds 0–4; also k = 15 (seed 0).
- peers with k = 15: sklearn LDA on counts, NMF on TF-IDF, KMeans on TF-IDF (Dutch stop words, min_df 2).
- BERTopic with its defaults, given our TF-IDF+SVD vectors as embeddings (no transformer can be downloaded here);
  and once more with ``nr_topics=15``. Needs the ``bertopic`` package (``make bench`` installs it in .venv-bench);
  skipped with a note when it is missing or when ``CODING_BENCH_SKIP_BERTOPIC=1``.
- 100,000 answers built at run time from the same file: the reports plus copies with one word dropped at random,
  so that nearly every text is distinct (identical copies would let parsing and the token cache take a shortcut).

Targets: NMI ≥ 0.33 and ARI ≥ 0.12 (mean over 5 seeds, sd ≤ 0.02), 15–25 clusters, ≤ 10% overig; end-to-end time
≤ 1/5 of BERTopic's in the same run; 100,000 answers in ≤ 180 s and ≤ 2 GB peak.
"""

from __future__ import annotations

import importlib.util
import os
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from bench.common import measure, require_meldingen, write_result

SEEDS = (0, 1, 2, 3, 4)
TARGET = {"nmi": 0.33, "ari": 0.12, "sd": 0.02, "k_min": 15, "k_max": 25, "overig_pct": 10.0,
          "time_ratio": 0.2, "seconds_100k": 180.0, "peak_mb_100k": 2048.0}


def build_100k(source: Path, target: Path, n: int = 100_000, seed: int = 0) -> Path:
    """``n`` answers: the originals, then copies of them with one word dropped at random (labels kept)."""
    frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    rng = np.random.default_rng(seed)
    parts = [frame]
    while sum(len(p) for p in parts) < n:
        copy = frame.copy()
        texts = []
        for text in copy["text"]:
            words = text.split()
            if len(words) >= 3:
                del words[int(rng.integers(len(words)))]
            texts.append(" ".join(words))
        copy["text"] = texts
        parts.append(copy)
    big = pd.concat(parts, ignore_index=True).iloc[:n].copy()
    big["id"] = [f"B{i:06d}" for i in range(len(big))]
    big.to_csv(target, index=False)
    return target


def _child(tool: str, path: Path, seed: int, k: int | None) -> dict[str, Any]:
    argv = [sys.executable, "-m", "bench.cluster_child", tool, str(path), str(seed), str(k or "auto")]
    result = measure(argv)
    print(f"cluster {tool:9} seed={seed} k={k or 'auto':4} {_short(result)}", flush=True)
    return result


def _short(result: dict[str, Any]) -> str:
    keys = ("seconds", "wall_s", "peak_rss_mb", "nmi", "ari", "clusters", "overig_pct")
    return " ".join(f"{key}={result.get(key)}" for key in keys)


def _has_bertopic() -> bool:
    return os.environ.get("CODING_BENCH_SKIP_BERTOPIC", "") != "1" and importlib.util.find_spec("bertopic") is not None


def run() -> dict[str, Any]:
    """Run every tool, write bench/results/cluster.json and return its content."""
    source = require_meldingen()
    results: dict[str, Any] = {}
    for seed in SEEDS:
        results[f"ours/seed{seed}"] = _child("ours", source, seed, None)
    results["ours_k15/seed0"] = _child("ours", source, 0, 15)
    for tool in ("lda", "nmf", "kmeans"):
        results[f"{tool}_k15/seed0"] = _child(tool, source, 0, 15)
    notes = []
    if _has_bertopic():
        results["bertopic/seed0"] = _child("bertopic", source, 0, None)
        results["bertopic_k15/seed0"] = _child("bertopic", source, 0, 15)
    else:
        notes.append("BERTopic not measured: package missing (run `make bench`, which installs it in .venv-bench) "
                     "or CODING_BENCH_SKIP_BERTOPIC=1.")
    with tempfile.TemporaryDirectory() as tmp:
        big = build_100k(source, Path(tmp) / "big.csv")
        results["ours_100k/seed0"] = _child("ours", big, 0, None)
    summary = summarise(results)
    data = {"results": results, "summary": summary, "notes": notes}
    write_result("cluster", data)
    return data


def summarise(results: dict[str, Any]) -> dict[str, Any]:
    """Means and sds over our seeds, and each target met or not."""
    ours = [r for key, r in results.items() if key.startswith("ours/")]

    def stats(name: str) -> dict[str, float]:
        values = [r[name] for r in ours]
        return {"mean": round(statistics.fmean(values), 4),
                "sd": round(statistics.stdev(values), 4) if len(values) > 1 else 0.0}

    agg = {name: stats(name) for name in ("nmi", "ari", "v_measure", "clusters", "overig_pct", "seconds",
                                          "wall_s", "peak_rss_mb")}
    met: dict[str, bool | None] = {
        "nmi": agg["nmi"]["mean"] >= TARGET["nmi"] and agg["nmi"]["sd"] <= TARGET["sd"],
        "ari": agg["ari"]["mean"] >= TARGET["ari"] and agg["ari"]["sd"] <= TARGET["sd"],
        "clusters": all(TARGET["k_min"] <= r["clusters"] <= TARGET["k_max"] for r in ours),
        "overig": all(r["overig_pct"] <= TARGET["overig_pct"] for r in ours),
    }
    bertopic = results.get("bertopic/seed0")
    met["time"] = (agg["seconds"]["mean"] <= TARGET["time_ratio"] * bertopic["seconds"]) if bertopic else None
    big = results.get("ours_100k/seed0")
    met["100k"] = (big["seconds"] <= TARGET["seconds_100k"] and big["peak_rss_mb"] <= TARGET["peak_mb_100k"]
                   ) if big else None
    ratio = round(agg["seconds"]["mean"] / bertopic["seconds"], 3) if bertopic else None
    return {"ours": agg, "time_ratio_to_bertopic": ratio, "target": TARGET, "met": met}
