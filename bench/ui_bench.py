"""UI benchmark: server-side time of a coding action and of each page's first render, with Streamlit's AppTest.

Two studies, each in its own SQLite file, imported with the project's importer at run time: the 23,604 real
answers of ../shared/data/meldingen_katwijk.csv, and its first 500 answers. Both get the same codebook of twelve
generic themes and a stored cluster run (k = 15). A *coding action* is what a coder does per answer in the
one-by-one view: give a theme (key 1) and move to the next answer (key n) — two reruns of the page, timed together.
Target (issue 4): p95 of 50 actions at 23,604 answers ≤ 1.5 × the p95 at 500, and the first render of every page
≤ 2 s. The two studies' actions alternate, so that both see the same load on a shared machine.

Run: ``python -m bench ui`` (or ``make bench``). Writes bench/results/ui.json.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import pandas as pd

from bench.common import require_meldingen, write_result

ACTIONS = 50
WARMUP = 5
TARGET_RATIO = 1.5
TARGET_FIRST_RENDER_S = 2.0
STUDY = "bench"
QUESTION = "text"
THEMES = 12
#: Each study is pre-clustered once (k fixed, so building the study does not search for k): the Clusters page and
#: the cluster filter of the coding page then have a stored run to read.
CLUSTERS = 15
#: Pages measured for their first render: (module, label). Pages that are missing (not built yet) are skipped.
PAGES = [("start", "Start"), ("codebook", "Codeboek"), ("clusters", "Clusters"), ("code_answers", "Coderen"),
         ("progress", "Voortgang"), ("report", "Rapport")]
#: The pages of the coding workspace (issue 4) that the 2 s target applies to; the report page has its own issue
#: and is measured for information.
TARGET_PAGES = ("Start", "Codeboek", "Clusters", "Coderen", "Voortgang")


def _page(name: str) -> None:
    """The script AppTest runs: the sidebar, then one page — what app_streamlit.py does for that page."""
    import importlib

    from coding.ui import sidebar

    sidebar.render()
    importlib.import_module(f"coding.ui.pages.{name}").render()


def build_study(source: Path, rows: int | None, folder: Path) -> str:
    """A SQLite database holding ``rows`` answers of the real file (all when None), a 12-theme codebook and a
    cluster run."""
    from coding.codebook import CodebookSpec, ThemeSpec
    from coding.ingest.survey import SurveyMapping, import_survey
    from coding.nlp.runs import cluster_question
    from coding.store import connect, question_ref
    from coding.store.codebooks import load_codebook

    path = source
    if rows is not None:
        path = folder / f"first_{rows}.csv"
        pd.read_csv(source, dtype=str, keep_default_na=False).head(rows).to_csv(path, index=False)
    name = f"ui_{rows or 'all'}.sqlite"
    url = f"sqlite:///{folder / name}"
    store = connect(url)
    import_survey(store, path, STUDY, SurveyMapping(id="id", texts=[QUESTION], attributes=["channel", "region"]))
    spec = CodebookSpec(themes=[ThemeSpec(code=f"thema{i}", label=f"Thema {i}") for i in range(1, THEMES + 1)])
    question = question_ref(store, STUDY, QUESTION)
    load_codebook(store, question, spec, "bench")
    cluster_question(store, question, k=CLUSTERS, seed=0, actor="bench")
    store.dispose()
    return url


def _app(name: str, url: str) -> Any:
    from streamlit.testing.v1 import AppTest

    os.environ["CODING_DB_URL"] = url
    app = AppTest.from_function(_page, args=(name,), default_timeout=120)
    app.query_params.update({"codeur": "bench", "studie": STUDY, "vraag": QUESTION})
    return app


def first_renders(url: str) -> dict[str, float | None]:
    """Seconds of the first run of a fresh session of each page (the engine is created by the first page; the
    cached cluster run is dropped before each page, so every page pays for reading it if it needs it)."""
    import importlib.util

    from coding.ui import resources

    out: dict[str, float | None] = {}
    for name, label in PAGES:
        if importlib.util.find_spec(f"coding.ui.pages.{name}") is None:
            out[label] = None
            continue
        resources._run.clear()
        app = _app(name, url)
        start = time.perf_counter()
        app.run()
        out[label] = round(time.perf_counter() - start, 3)
        if app.exception:
            raise SystemExit(f"page {name} failed: {app.exception[0].value}")
    return out


class _Coder:
    """One AppTest session on the coding page of one database, coding answer after answer."""

    def __init__(self, url: str) -> None:
        from coding.store import connect, question_ref
        from coding.store.codebooks import theme_table

        store = connect(url)
        self.theme = int(theme_table(store, question_ref(store, STUDY, QUESTION))["theme_id"].iloc[0])
        store.dispose()
        self.url = url
        self.app = _app("code_answers", url)
        self.app.run()
        self.assign: list[float] = []
        self.next: list[float] = []
        self.total: list[float] = []

    def action(self, *, timed: bool) -> None:
        """Give theme 1 to the answer shown and move to the next one: two reruns."""
        os.environ["CODING_DB_URL"] = self.url
        start = time.perf_counter()
        self.app.button(key=f"theme_{self.theme}").click().run()
        middle = time.perf_counter()
        self.app.button(key="nav_next").click().run()
        end = time.perf_counter()
        if self.app.exception:
            raise SystemExit(f"coding action failed: {self.app.exception[0].value}")
        if timed:
            self.assign.append(middle - start)
            self.next.append(end - middle)
            self.total.append(end - start)

    def result(self) -> dict[str, Any]:
        return {"actions": len(self.total), "assign": _stats(self.assign), "next": _stats(self.next),
                "action": _stats(self.total)}


def coding_actions(urls: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Time ACTIONS coding actions per study after WARMUP untimed ones, alternating between the studies so that
    both see the same load on the (shared) machine."""
    coders = {size: _Coder(url) for size, url in urls.items()}
    for number in range(WARMUP + ACTIONS):
        for coder in coders.values():
            coder.action(timed=number >= WARMUP)
    return {size: coder.result() for size, coder in coders.items()}


def _stats(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50_ms": round(statistics.median(ordered) * 1000, 1), "p95_ms": round(p95 * 1000, 1),
            "max_ms": round(ordered[-1] * 1000, 1)}


def run() -> dict[str, Any]:
    """Build both studies, measure, write bench/results/ui.json."""
    source = require_meldingen()
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        urls = {"500": build_study(source, 500, folder), "23604": build_study(source, None, folder)}
        first_renders(urls["500"])  # warm-up: imports and caches of the process, not of any page
        for size, url in urls.items():
            results[size] = {"first_render_s": first_renders(url)}
        for size, coding in coding_actions(urls).items():
            results[size]["coding"] = coding
            print(f"ui {size:>6} answers: {results[size]}", flush=True)
    small = results["500"]["coding"]["action"]["p95_ms"]
    large = results["23604"]["coding"]["action"]["p95_ms"]
    renders = [s for page, s in results["23604"]["first_render_s"].items() if s is not None and page in TARGET_PAGES]
    summary = {
        "target": {"ratio": TARGET_RATIO, "first_render_s": TARGET_FIRST_RENDER_S},
        "ratio_p95": round(large / small, 2),
        "slowest_first_render_s": max(renders),
        "met": large <= TARGET_RATIO * small and max(renders) <= TARGET_FIRST_RENDER_S,
    }
    write_result("ui", {"results": results, "summary": summary})
    return {"results": results, "summary": summary}


if __name__ == "__main__":
    run()
