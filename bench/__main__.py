"""`make bench`: run every benchmark, write bench/results/*.json and refresh the table in bench/README.md."""

from __future__ import annotations

import sys

from bench import cluster_bench, import_bench, pii_bench, scale_bench, suggest_bench, ui_bench
from bench.summary import write_summary

BENCHMARKS = {"import": import_bench.run, "ui": ui_bench.run, "cluster": cluster_bench.run,
              "suggest": suggest_bench.run, "pii": pii_bench.run, "scale": scale_bench.run}


def main(names: list[str]) -> None:
    for name in names or list(BENCHMARKS):
        BENCHMARKS[name]()
    write_summary()


if __name__ == "__main__":
    main(sys.argv[1:])
