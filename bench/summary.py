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


def _ui_section(data: dict) -> list[str]:
    results, summary = data["results"], data["summary"]
    lines = ["### App (`bench/ui_bench.py`, Streamlit AppTest, server side)", "",
             "| answers in the question | action p50 ms | action p95 ms | give theme p95 | next answer p95 |",
             "|---|---|---|---|---|"]
    for size, r in results.items():
        c = r["coding"]
        lines.append(f"| {int(size):,} | {c['action']['p50_ms']} | {c['action']['p95_ms']} | {c['assign']['p95_ms']} "
                     f"| {c['next']['p95_ms']} |")
    pages = list(next(iter(results.values()))["first_render_s"])
    lines += ["", "| first render (s) | " + " | ".join(pages) + " |", "|---" * (len(pages) + 1) + "|"]
    for size, r in results.items():
        cells = ["–" if r["first_render_s"][p] is None else f"{r['first_render_s'][p]}" for p in pages]
        lines.append(f"| {int(size):,} answers | " + " | ".join(cells) + " |")
    target = summary["target"]
    lines += ["", f"Targets: p95 of one coding action (give a theme, go to the next answer) at 23,604 answers ≤ "
              f"{target['ratio']:g} × the p95 at 500 — measured {summary['ratio_p95']:g}×; first render of every "
              f"workspace page ≤ {target['first_render_s']:g} s — slowest {summary['slowest_first_render_s']:g} s "
              "(Rapport is measured for information; it has its own issue). "
              f"**{'met' if summary['met'] else 'missed'}** (measured {data['machine']['date']}, "
              f"{data['machine']['cpus']} CPUs).", ""]
    return lines


def _cluster_section(data: dict) -> list[str]:
    results, summary = data["results"], data["summary"]
    lines = ["### Pre-clustering (`bench/cluster_bench.py`, meldingen_katwijk.csv, 15 human categories)", "",
             "| tool | k | NMI | ARI | V-measure | clusters | overig % | s (end-to-end) | wall s (incl. start-up) "
             "| peak MB |", "|---|---|---|---|---|---|---|---|---|---|"]
    for key, r in results.items():
        tool, seed = key.split("/")
        k = "15" if tool.endswith("_k15") else "auto"
        lines.append(f"| {tool} ({seed}, {r['answers']:,} answers) | {k} | {r['nmi']} | {r['ari']} | "
                     f"{r['v_measure']} | {r['clusters']} | {r['overig_pct']} | {r['seconds']} | {r['wall_s']} | "
                     f"{r['peak_rss_mb']} |")
    ours, target, met = summary["ours"], summary["target"], summary["met"]

    def verdict(flag: bool | None) -> str:
        return "not measured" if flag is None else ("**met**" if flag else "**missed**")

    big = results.get("ours_100k/seed0", {})
    ratio = summary.get("time_ratio_to_bertopic")
    ks = [r["clusters"] for key, r in results.items() if key.startswith("ours/")]
    k_low, k_high = min(ks), max(ks)
    lines += [
        "",
        f"Ours over seeds 0–4 (k chosen automatically): NMI {ours['nmi']['mean']} ± {ours['nmi']['sd']}, "
        f"ARI {ours['ari']['mean']} ± {ours['ari']['sd']}, {k_low}–{k_high} clusters, overig "
        f"{ours['overig_pct']['mean']}% (non-substantive answers counted as overig), {ours['seconds']['mean']} s "
        "end-to-end. BERTopic's 'overig' is its outlier topic −1.",
        "",
        "| target | measured | |",
        "|---|---|---|",
        f"| NMI ≥ {target['nmi']} (mean of 5 seeds, sd ≤ {target['sd']}) | {ours['nmi']['mean']} ± {ours['nmi']['sd']}"
        f" | {verdict(met['nmi'])} |",
        f"| ARI ≥ {target['ari']} (sd ≤ {target['sd']}) | {ours['ari']['mean']} ± {ours['ari']['sd']} | "
        f"{verdict(met['ari'])} |",
        f"| {target['k_min']}–{target['k_max']} clusters (every seed) | {k_low}–{k_high} | "
        f"{verdict(met['clusters'])} |",
        f"| ≤ {target['overig_pct']:g}% overig | {ours['overig_pct']['mean']}% | {verdict(met['overig'])} |",
        f"| end-to-end ≤ {target['time_ratio']:g} × BERTopic's time | "
        f"{'–' if ratio is None else f'{ratio:g} ×'} | {verdict(met['time'])} |",
        f"| 100,000 answers ≤ {target['seconds_100k']:g} s and ≤ {target['peak_mb_100k']:g} MB | "
        f"{big.get('seconds', '–')} s, {big.get('peak_rss_mb', '–')} MB | {verdict(met['100k'])} |",
        "",
        f"Measured {data['machine']['date']}, {data['machine']['cpus']} CPUs (shared with other work, so wall times "
        "vary between runs; all tools ran in the same run).",
    ]
    lines += [f"Note: {note}" for note in data.get("notes", [])]
    return [*lines, ""]


def _suggest_section(data: dict) -> list[str]:
    curves, timing, targets, met = data["curves"], data["timing"], data["targets"], data["met"]
    names = {"ours_random": "ours, random order", "ours_informative": "ours, most informative first",
             "ours_random_no_codebook": "ours, random, without codebook keywords",
             "peer_tfidf_lr_random": "peer: TF-IDF words + LogisticRegression, random"}
    points = data["checkpoints"]
    lines = ["### Suggestions (`bench/suggest_bench.py`, meldingen_katwijk.csv, simulated coder, "
             f"{data['held_out']:,} held-out answers)", "",
             "| order / tool | " + " | ".join(f"top-1 @{n:,}" for n in points) + " | "
             + " | ".join(f"coverage@90 @{n:,}" for n in points) + " |",
             "|---|" + "---|" * (2 * len(points))]
    for key, rows in curves.items():
        lines.append(f"| {names.get(key, key)} | " + " | ".join(str(r["top1"]) for r in rows) + " | "
                     + " | ".join(str(r["coverage90"]) for r in rows) + " |")
    cv = {r["coded"]: r for r in curves["ours_random"]}
    lines += ["", "Bulk action check (ours, random): the threshold our cross-validation picks for 90% precision, and "
              "what it gives on the held-out answers: " + "; ".join(
                  f"@{n:,}: t={cv[n]['cv_threshold']}, coverage {cv[n]['cv_coverage']}, precision "
                  f"{cv[n]['cv_precision']}" for n in points) + ".", ""]

    def verdict(flag: bool) -> str:
        return "**met**" if flag else "**missed**"

    if "ece" in curves["ours_random"][0]:
        lines += ["Calibration of the top theme's p (expected calibration error, 15 equal-width bins, "
                  f"{data['held_out']:,} held-out answers): "
                  + "; ".join(f"{names.get(k, k)}: " + ", ".join(f"@{r['coded']:,} {r['ece']} (mean p {r['mean_p']}, "
                                                                 f"top-1 {r['top1']})" for r in rows)
                              for k, rows in curves.items() if rows and "ece" in rows[0]) + ".", ""]
    for n, cal in data.get("calibration", {}).items():
        draws = ", ".join(str(e) for e in cal["ece_other_draws"])
        lines += [f"Reliability after {int(n):,} random coded answers: ECE {cal['ece']} (one-vs-rest calibration "
                  f"alone, without the second level for the top theme: {cal['ece_per_theme_only']}; "
                  f"{len(cal['ece_other_draws'])} other random sets of {int(n):,}: {draws}).", "",
                  "| top-1 p | answers | mean p | share right |", "|---|---|---|---|"]
        lines += [f"| {row['bin']} | {row['n']} | {row['mean_p']} | {row['right']} |" for row in cal["reliability"]]
        lines.append("")

    r, i = ({row["coded"]: row for row in curves[k]} for k in ("ours_random", "ours_informative"))
    lines += ["| target | random | most informative | |", "|---|---|---|---|",
              f"| top-1 ≥ {targets['top1_200']} at 200 | {r[200]['top1']} | {i[200]['top1']} | "
              f"{verdict(met['ours_random']['top1_200'])} / {verdict(met['ours_informative']['top1_200'])} |",
              f"| top-1 ≥ {targets['top1_1000']} at 1,000 | {r[1000]['top1']} | {i[1000]['top1']} | "
              f"{verdict(met['ours_random']['top1_1000'])} / {verdict(met['ours_informative']['top1_1000'])} |",
              f"| coverage@90 ≥ {targets['coverage90_1000']} at 1,000 | {r[1000]['coverage90']} | "
              f"{i[1000]['coverage90']} | {verdict(met['ours_random']['coverage90_1000'])} / "
              f"{verdict(met['ours_informative']['coverage90_1000'])} |",
              *([f"| ECE ≤ {targets['ece_200']} at 200 | {r[200]['ece']} | {i[200]['ece']} | "
                 f"{verdict(met['ours_random']['ece_200'])} / {verdict(met['ours_informative']['ece_200'])} |",
                 f"| ECE ≤ {targets['ece_1000']} at 1,000 | {r[1000]['ece']} | {i[1000]['ece']} | "
                 f"{verdict(met['ours_random']['ece_1000'])} / {verdict(met['ours_informative']['ece_1000'])} |"]
                if "ece_200" in targets else []),
              f"| retrain ≤ {targets['retrain_5000_s']:g} s for 5,000 coded | {timing['retrain_5000_s']} s "
              f"(CPU {timing['retrain_5000_cpu_s']} s) | | {verdict(met['retrain_5000_s'])} |", "",
              f"Features for all {timing['answers']:,} answers (once per question): {timing['prepare_s']} s. "
              f"Measured {data['machine']['date']}, {data['machine']['cpus']} CPUs.", ""]
    return lines


def _pii_section(data: dict) -> list[str]:
    results, targets, met = data["results"], data["targets"], data["met"]
    first = next(iter(results.values()))
    lines = [f"### Personal data in quotes (`bench/pii_bench.py`, {first['sentences']} Dutch sentences written for the "
             f"tests, {first['pieces']} pieces, {first['clean_sentences']} that must stay unchanged)", "",
             "| tool | recall | false masking (words) | clean sentences changed | ms / sentence | load s | peak MB |",
             "|---|---|---|---|---|---|---|"]
    for tool, r in results.items():
        lines.append(f"| {tool} | {r['recall']} | {100 * r['false_masking']:.1f}% | {r['clean_changed']} of "
                     f"{r['clean_sentences']} | {r['ms_per_sentence']} | {r['load_s']} | {r['peak_rss_mb']} |")
    lines += ["", f"Targets (ours): recall ≥ {targets['recall']} — **{'met' if met['recall'] else 'missed'}**; false "
              f"masking ≤ {100 * targets['false_masking']:g}% — **{'met' if met['false_masking'] else 'missed'}** "
              f"(measured {data['machine']['date']})."]
    for tool, r in results.items():
        if r["missed"]:
            lines.append(f"{tool} missed: " + "; ".join(f"`{m.split(' ← ')[0]}`" for m in r["missed"]) + ".")
    lines += [f"Note: {note}" for note in data.get("notes", [])]
    return [*lines, ""]


def _scale_cells(r: dict, step: str) -> str:
    """One step of one measured size as a table cell."""
    if step == "import":
        return f"{r['import']['seconds']} s, {r['import']['peak_rss_mb']:.0f} MB"
    if step == "import_pandas":
        return f"{r['import_pandas']['seconds']} s, {r['import_pandas']['peak_rss_mb']:.0f} MB"
    if step == "codings":
        return f"{r['codings']['seconds']} s"
    if step == "cluster":
        c = r["cluster"]
        sample = f", sample {c['sample']['size']:,}" if c.get("sample") else ""
        return f"{c['seconds']} s, {c['peak_rss_mb']:.0f} MB (k={c['clusters']}, NMI {c['nmi']}{sample})"
    if step == "action":
        return f"{r['coders']['action']['p50_ms']} / {r['coders']['action']['p95_ms']} ms"
    if step == "paced":
        if "coders_paced" not in r:
            return "–"
        return f"{r['coders_paced']['action']['p50_ms']} / {r['coders_paced']['action']['p95_ms']} ms"
    if step == "parts":
        c = r["coders"]
        return f"{c['assign']['p95_ms']} / {c['next']['p95_ms']} ms"
    if step == "position":
        return f"{r['coders']['position']['p50_ms']} / {r['coders']['position']['p95_ms']} ms"
    if step == "report":
        return f"{r['report']['seconds']} s"
    cpu = f" (CPU {r['status']['cpu_s']} s)" if "cpu_s" in r["status"] else ""
    return f"{r['status']['wall_s']} s{cpu}"


_SCALE_ROWS = [
    ("import", "import (ours: checks, one transaction)", "≤ 120 s, ≤ 2 GB"),
    ("import_pandas", "peer: pandas read_csv + to_sql", "–"),
    ("codings", "import 23,604 codings", "≤ 30 s"),
    ("cluster", "pre-clustering (end-to-end, stored)", "≤ 600 s, ≤ 4 GB"),
    ("action", "coding action p50 / p95 (8 coders)", "p95 ≤ 200 ms"),
    ("parts", "… give a theme p95 / next answer p95", "–"),
    ("paced", "coding action p50 / p95, 8 coders reading ~1 s between actions", "–"),
    ("position", "'antwoord 12 van 340' count p50 / p95", "–"),
    ("report", "Markdown report of the question", "≤ 60 s"),
    ("status", "`coding status` (new process)", "≤ 2 s"),
]
_SCALE_VERDICT = {"import": "import", "codings": "codings", "cluster": "cluster", "action": "action",
                  "report": "report", "status": "status"}


def _scale_section(data: dict) -> list[str]:
    results, target_size = data["results"], data["target_size"]
    keys = sorted(results, key=lambda k: (k.split("/")[0] != "sqlite", int(k.split("/")[1])))
    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    heads = [f"{names.get(k.split('/')[0], k)} {int(k.split('/')[1]):,}" for k in keys]
    lines = ["### One million answers (`bench/scale_bench.py`, the Katwijk reports repeated with variations)", "",
             "| step | target at 1,000,000 | " + " | ".join(heads) + " |", "|---|---|" + "---|" * len(keys)]
    for step, label, target in _SCALE_ROWS:
        lines.append(f"| {label} | {target} | " + " | ".join(_scale_cells(results[k], step) for k in keys) + " |")
    lines.append("| measured | | " + " | ".join(results[k]["measured"][:16].replace("T", " ") for k in keys) + " |")
    lines += ["", "Cost per 1,000 answers as the study grows (seconds of the step / thousands of answers):", "",
              "| step | " + " | ".join(heads) + " |", "|---|" + "---|" * len(keys)]
    for step, label in (("import", "import"), ("cluster", "pre-clustering"), ("report", "report"),
                        ("status", "status")):
        cells = []
        for k in keys:
            r = results[k]
            seconds = r["status"]["wall_s"] if step == "status" else r[step]["seconds"]
            cells.append(f"{1000 * seconds / r['answers']:.3f}")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    verdicts = []
    for kind in ("sqlite", "postgresql"):
        measured = sorted((int(k.split("/")[1]) for k in results if k.startswith(kind + "/")), reverse=True)
        if not measured:
            continue
        size = measured[0]
        met = results[f"{kind}/{size}"]["met"]
        at = "at 1,000,000" if size == target_size else f"at {size:,} only (1,000,000 not measured)"
        verdicts.append(f"{names[kind]} {at}: " + ", ".join(
            f"{step} **{'met' if met[key] else 'missed'}**" for step, key in _SCALE_VERDICT.items()))
    lines += ["", "Targets — " + "; ".join(verdicts) + ".", ""]
    return lines


SECTIONS = {"import": _import_section, "ui": _ui_section, "cluster": _cluster_section, "suggest": _suggest_section,
            "pii": _pii_section, "scale": _scale_section}


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
