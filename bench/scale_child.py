"""Child process of the scale benchmark: one step on one database, prints one JSON line.

``python -m bench.scale_child STEP URL [ARGS…]`` — STEP is one of :data:`STEPS`. ``seconds`` is the step's own time
(after imports and connecting); the parent adds the wall time and this process's peak memory.
"""

from __future__ import annotations

import json
import multiprocessing
import statistics
import sys
import time
from typing import Any

from bench.common import ROOT, child_peak_mb

STUDY = "bench"
QUESTION = "text"
CODEBOOK = ROOT / "bench" / "meldingen_codebook.yaml"


def import_ours(url: str, path: str) -> dict[str, Any]:
    """Our importer: read, check, classify and store every answer in one transaction."""
    from coding.ingest.survey import SurveyMapping, import_survey
    from coding.store import connect

    store = connect(url)
    start = time.perf_counter()
    report = import_survey(store, path, STUDY, SurveyMapping(id="id", texts=[QUESTION],
                                                             attributes=["channel", "region"]))
    return {"seconds": round(time.perf_counter() - start, 2), "segments": report.segments_added}


def import_pandas(url: str, path: str) -> dict[str, Any]:
    """Peer: pandas.read_csv + DataFrame.to_sql (no checks, no transaction), into its own table (or schema)."""
    import pandas as pd
    from sqlalchemy import create_engine

    from coding.store.db import normalise_url

    engine = create_engine(normalise_url(url))
    schema = "peer" if engine.dialect.name == "postgresql" else None
    start = time.perf_counter()
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.to_sql("answers", engine, schema=schema, index=False, chunksize=2000, if_exists="replace")
    return {"seconds": round(time.perf_counter() - start, 2), "segments": len(frame)}


def codings(url: str, path: str) -> dict[str, Any]:
    """Load the benchmark codebook (not timed), then import the codings file with ``import_codings``."""
    from coding.codebook import load_codebook_file
    from coding.ingest.codings import import_codings
    from coding.store import connect, question_ref
    from coding.store.codebooks import load_codebook

    store = connect(url)
    question = question_ref(store, STUDY, QUESTION)
    load_codebook(store, question, load_codebook_file(CODEBOOK).for_question(QUESTION), "bench")
    start = time.perf_counter()
    report = import_codings(store, path, question, id_column="id", theme_column="thema", coder="import")
    return {"seconds": round(time.perf_counter() - start, 2), "codings": report.codings_added}


def cluster(url: str, path: str) -> dict[str, Any]:
    """Pre-cluster the question (k chosen by stability, seed 0), stored like ``coding cluster`` does; the NMI
    against the categories of the built file says whether the result is still worth looking at."""
    import numpy as np
    import pandas as pd
    from sklearn.metrics import normalized_mutual_info_score

    from coding.nlp.runs import cluster_question
    from coding.store import connect, question_ref

    store = connect(url)
    question = question_ref(store, STUDY, QUESTION)
    start = time.perf_counter()
    result = cluster_question(store, question, seed=0, actor="bench")
    seconds = time.perf_counter() - start
    truth = pd.read_csv(path, dtype=str, keep_default_na=False, usecols=["id", "label"]).set_index("id")["label"]
    frame = result.assignments[result.assignments["cluster"] >= 0]
    nmi = normalized_mutual_info_score(truth.loc[frame["respondent_id"]].to_numpy(), frame["cluster"].to_numpy())
    return {"seconds": round(seconds, 2), "clusters": result.n_clusters, "nmi": round(float(nmi), 4),
            "overig_pct": round(100 * result.overig_share, 2), "sample": result.params.get("sample"),
            "timings": result.params.get("timings", {}), "answers": int(np.sum(result.assignments["cluster"] >= 0))}


def _coder(url: str, number: int, actions: int, warmup: int, spread: int, barrier: Any, out: Any,
           pause: float = 0.0) -> None:
    """One coder: give a theme to the answer shown, go to the next answer not yet coded by them; time both, and
    the "answer 12 of 340" count the coding page shows above the answer. With ``pause``, the coder reads for
    0.5–1.5 × ``pause`` seconds (seeded) before each action, as a person does; without, they code flat out."""
    import random

    reading = random.Random(number)
    from coding.store import connect, question_ref
    from coding.store.codebooks import theme_table
    from coding.store.codings import add_coding
    from coding.store.queue import QueueFilter, next_item, queue_position

    store = connect(url, migrate=False)
    question = question_ref(store, STUDY, QUESTION)
    themes = theme_table(store, question)["theme_id"].tolist()
    coder = f"codeur{number}"
    queue = QueueFilter(uncoded_only=True)
    first = next_item(store, question, coder, queue)
    assert first is not None
    item = next_item(store, question, coder, queue, after=first.segment_id + number * spread) or first
    barrier.wait()
    times: dict[str, list[float]] = {"action": [], "assign": [], "next": [], "position": []}
    for i in range(warmup + actions):
        if pause:
            time.sleep(reading.uniform(0.5 * pause, 1.5 * pause))
        start = time.perf_counter()
        add_coding(store, item.segment_id, int(themes[(number + i) % len(themes)]), coder)
        middle = time.perf_counter()
        following = next_item(store, question, coder, queue, after=item.segment_id)
        end = time.perf_counter()
        assert following is not None
        queue_position(store, question, coder, queue, following.segment_id)
        shown = time.perf_counter()
        if i >= warmup:
            times["action"].append(end - start)
            times["assign"].append(middle - start)
            times["next"].append(end - middle)
            times["position"].append(shown - end)
        item = following
    out.put(times)
    store.dispose()


def coders(url: str, n_coders: str, actions: str, pause: str = "0") -> dict[str, Any]:
    """``n_coders`` processes coding at the same time on the same database, ``actions`` timed actions each,
    reading about ``pause`` seconds before each action (0: flat out)."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(int(n_coders))
    out = context.Queue()
    workers = [context.Process(target=_coder, args=(url, i, int(actions), 5, 2000, barrier, out, float(pause)))
               for i in range(int(n_coders))]
    start = time.perf_counter()
    for worker in workers:
        worker.start()
    collected: dict[str, list[float]] = {"action": [], "assign": [], "next": [], "position": []}
    for _ in workers:
        for key, values in out.get(timeout=1800).items():
            collected[key] += values
    for worker in workers:
        worker.join()
        if worker.exitcode != 0:
            raise SystemExit(f"a coder process failed (exit code {worker.exitcode})")
    return {"seconds": round(time.perf_counter() - start, 2), "coders": int(n_coders), "pause_s": float(pause),
            "actions": len(collected["action"]), **{key: _stats(v) for key, v in collected.items()}}


def _stats(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50_ms": round(statistics.median(ordered) * 1000, 1), "p95_ms": round(p95 * 1000, 1),
            "max_ms": round(ordered[-1] * 1000, 1)}


def report(url: str) -> dict[str, Any]:
    """The Markdown report of the question (``coding report --format md``)."""
    from coding.report.export import export
    from coding.store import connect, question_ref, study_ref

    store = connect(url)
    study, question = study_ref(store, STUDY), question_ref(store, STUDY, QUESTION)
    start = time.perf_counter()
    exported = export(store, study, "md", question=question)
    return {"seconds": round(time.perf_counter() - start, 2), "bytes": len(exported.content)}


STEPS = {"import_ours": import_ours, "import_pandas": import_pandas, "codings": codings, "cluster": cluster,
         "coders": coders, "report": report}


if __name__ == "__main__":
    step, *args = sys.argv[1:]
    result = STEPS[step](*args)
    print(json.dumps({**result, "peak_rss_mb": child_peak_mb()}, ensure_ascii=False))
