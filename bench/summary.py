"""Render bench/results/*.json as the results section of bench/README.md."""

from __future__ import annotations

import json
from pathlib import Path

from bench.common import RESULTS, ROOT

README = ROOT / "bench" / "README.md"
BEGIN, END = "<!-- results:begin -->", "<!-- results:end -->"


def _import_section(data: dict) -> list[str]:
    lines = ["### Import (`bench/import_bench.py`)", "",
             "| file | tool | import s | wall s (incl. start-up) | peak MB | segments |", "|---|---|---|---|---|---|"]
    for key, r in data["results"].items():
        file, tool = key.split("/")
        lines.append(f"| {file} | {tool} | {r['seconds']} | {r['wall_s']} | {r['peak_rss_mb']} | {r['segments']} |")
    target = data["summary"]["target"]
    lines += ["", f"Target: 100,000 answers in ≤ {target['seconds']:g} s and ≤ {target['peak_mb']:g} MB — "
              f"**{'met' if data['summary']['met'] else 'missed'}** (measured {data['machine']['date']}, "
              f"{data['machine']['cpus']} CPUs).", ""]
    return lines


SECTIONS = {"import": _import_section}


def write_summary() -> None:
    """Replace the generated part of bench/README.md with tables from the JSON results."""
    lines: list[str] = []
    for name, render in SECTIONS.items():
        path: Path = RESULTS / f"{name}.json"
        if path.exists():
            lines += render(json.loads(path.read_text()))
    text = README.read_text() if README.exists() else f"# Benchmarks\n\n{BEGIN}\n{END}\n"
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    README.write_text(head + BEGIN + "\n" + "\n".join(lines) + "\n" + END + tail)
