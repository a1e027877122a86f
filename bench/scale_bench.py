"""Scale benchmark (issue 15): a study of 100,000 / 300,000 / 1,000,000 answers on SQLite and PostgreSQL.

The study is built at run time from ../shared/data/meldingen_katwijk.csv (23,604 real reports) repeated with small
deterministic variations (``bench/scale_build.py``) in a temporary folder. Per size and database, every step runs in
its own child process (``bench/scale_child.py``), so its time and peak memory are its own:

1. import the answers with our importer — and, side by side, ``pandas.read_csv`` + ``DataFrame.to_sql``;
2. import 23,604 codings (the first reports with their category as theme) with ``import_codings``;
3. pre-cluster the question (``cluster_question``: fitted on a sample, the rest assigned in batches);
4. eight coder processes at once, each giving a theme and going to the next answer it has not coded, 50 timed
   actions each (after 5 untimed ones) flat out — and once more, 30 actions each, reading 0.5–1.5 s before each;
5. the Markdown report of the question (``export(…, "md")``);
6. ``coding status`` as a user runs it (a new process, start-up included).

Targets at 1,000,000 answers: import ≤ 120 s and ≤ 2 GB; codings ≤ 30 s; pre-clustering ≤ 600 s and ≤ 4 GB; a coding
action p95 ≤ 200 ms with 8 coders; report ≤ 60 s; status ≤ 2 s.

Settings (environment): ``CODING_BENCH_SCALE_SIZES`` (default ``100000,300000,1000000``; ``python -m bench.scale_bench
1000000`` takes sizes as arguments), ``CODING_BENCH_SCALE_DATABASES`` (default ``sqlite,postgresql``),
``CODING_BENCH_PG_URL`` (default the ``coding_bench_15b`` database on 127.0.0.1; its ``public`` and ``peer``
schemas are dropped and made anew for every size), ``CODING_BENCH_SCALE_STEPS`` (default all of :data:`STEPS`; the
study is always imported first). Results of earlier sizes and steps in bench/results/scale.json are kept, so sizes
and steps can be measured one at a time.

To re-measure the read steps on a study that is already there (``coders``, ``status``, ``report``), set
``CODING_BENCH_SCALE_DIR`` (a folder that keeps the built files and the SQLite databases ``scale-N.sqlite``) and
``CODING_BENCH_SCALE_REUSE=1``: the study is then neither reset nor imported again (it must hold the answers and the
codings of an earlier run; a PostgreSQL URL may pick a schema with ``?options=-csearch_path%3Dname``). Every step
records the machine's one-minute load average before and after it (``load``).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.common import RESULTS, machine, measure, require_meldingen, write_result
from bench.scale_build import build_codings_file, build_study_file

DEFAULT_SIZES = "100000,300000,1000000"
DEFAULT_DATABASES = "sqlite,postgresql"
DEFAULT_PG_URL = "postgresql://coding:coding@127.0.0.1:5432/coding_bench_15b"
CODINGS = 23_604
CODERS = 8
ACTIONS = 50
#: The same eight coders reading about a second before each action (a fast coder), for comparison.
PACED_ACTIONS = 30
PAUSE_S = 1.0
TARGETS = {"import_s": 120.0, "import_mb": 2048.0, "codings_s": 30.0, "cluster_s": 600.0, "cluster_mb": 4096.0,
           "action_p95_ms": 200.0, "report_s": 60.0, "status_s": 2.0}
#: The size the targets are set for.
TARGET_SIZE = 1_000_000


def sizes(argv: list[str] | None = None) -> list[int]:
    """The study sizes to measure: arguments, else ``CODING_BENCH_SCALE_SIZES``, else :data:`DEFAULT_SIZES`."""
    raw = ",".join(argv) if argv else os.environ.get("CODING_BENCH_SCALE_SIZES", DEFAULT_SIZES)
    return [int(part.replace("_", "")) for part in raw.split(",") if part.strip()]


#: Every step, in the order they run.
STEPS = ("import", "import_pandas", "codings", "cluster", "coders", "coders_paced", "report", "status")


def steps() -> set[str]:
    """The steps to measure (``CODING_BENCH_SCALE_STEPS``, default all): the others keep their earlier result."""
    raw = os.environ.get("CODING_BENCH_SCALE_STEPS", "")
    return {s.strip() for s in raw.split(",") if s.strip()} if raw.strip() else set(STEPS)


def reusing() -> bool:
    """Whether the databases already hold the study of each size (``CODING_BENCH_SCALE_REUSE=1``)."""
    return os.environ.get("CODING_BENCH_SCALE_REUSE", "") == "1"


def databases() -> dict[str, str]:
    """Database kind → how to make a URL for one size (a file name for SQLite, the server URL for PostgreSQL)."""
    wanted = os.environ.get("CODING_BENCH_SCALE_DATABASES", DEFAULT_DATABASES).split(",")
    known = {"sqlite": "sqlite", "postgresql": os.environ.get("CODING_BENCH_PG_URL", DEFAULT_PG_URL)}
    return {name.strip(): known[name.strip()] for name in wanted if name.strip()}


def reachable(url: str) -> str | None:
    """None when the PostgreSQL server at ``url`` answers, else why not (the benchmark then skips it)."""
    try:
        from sqlalchemy import create_engine, text

        from coding.store.db import normalise_url

        engine = create_engine(normalise_url(url))
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as exc:  # any failure means: not measured, and say why
        return f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
    return None


def reset_postgres(url: str) -> None:
    """Drop and recreate the benchmark database's ``public`` (ours) and ``peer`` (pandas) schemas."""
    from sqlalchemy import create_engine, text

    from coding.store.db import normalise_url

    engine = create_engine(normalise_url(url))
    with engine.begin() as conn:
        for schema in ("public", "peer"):
            conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
            conn.execute(text(f"CREATE SCHEMA {schema}"))
    engine.dispose()


def load() -> float:
    """The machine's load average over the last minute (the 2 CPUs are shared: above 2, steps wait)."""
    return round(os.getloadavg()[0], 2)


def _step(name: str, url: str, *args: str) -> dict[str, Any]:
    before = load()
    result = measure([sys.executable, "-m", "bench.scale_child", name, url, *args])
    result["load"] = [before, load()]
    print(f"scale {name:13} {json.dumps({k: v for k, v in result.items() if k != 'timings'})}", flush=True)
    return result


def measure_size(kind: str, where: str, n: int, folder: Path, study: Path, codings: Path) -> dict[str, Any]:
    """Every step on one database kind for a study of ``n`` answers."""
    reuse = reusing()
    if kind == "sqlite":
        url, peer_url = f"sqlite:///{folder / f'scale-{n}.sqlite'}", f"sqlite:///{folder / f'peer-{n}.sqlite'}"
    else:
        if not reuse:
            reset_postgres(where)
        url = peer_url = where
    wanted = steps()
    out: dict[str, Any] = {"answers": n}
    if not reuse:
        out["import"] = _step("import_ours", url, str(study))  # always: the other steps need the study
    if "import_pandas" in wanted:
        out["import_pandas"] = _step("import_pandas", peer_url, str(study))
    # The codings step loads the codebook, which also seeds the clustering.
    if not reuse and wanted & {"codings", "cluster", "coders", "coders_paced", "report", "status"}:
        out["codings"] = _step("codings", url, str(codings))
    if "cluster" in wanted:
        out["cluster"] = _step("cluster", url, str(study))
    if "coders" in wanted:
        out["coders"] = _step("coders", url, str(CODERS), str(ACTIONS))
    if "coders_paced" in wanted:
        out["coders_paced"] = _step("coders", url, str(CODERS), str(PACED_ACTIONS), str(PAUSE_S))
    if "report" in wanted:
        out["report"] = _step("report", url)
    if "status" in wanted:
        before = load()
        out["status"] = measure([sys.executable, "-m", "coding", "status", "--study", "bench"],
                                env={"CODING_DB_URL": url})
        out["status"]["load"] = [before, load()]
        print(f"scale status        {out['status']}", flush=True)
    out = {key: value for key, value in out.items() if key == "answers" or key in wanted}
    out["measured"] = machine()["date"]
    if kind == "sqlite" and not os.environ.get("CODING_BENCH_SCALE_DIR"):
        for name in (f"scale-{n}.sqlite", f"peer-{n}.sqlite"):
            for suffix in ("", "-wal", "-shm"):
                (folder / (name + suffix)).unlink(missing_ok=True)
    return out


def verdicts(r: dict[str, Any]) -> dict[str, bool]:
    """Each target met or not for one measured size."""
    return {
        "import": r["import"]["seconds"] <= TARGETS["import_s"] and r["import"]["peak_rss_mb"] <= TARGETS["import_mb"],
        "codings": r["codings"]["seconds"] <= TARGETS["codings_s"],
        "cluster": r["cluster"]["seconds"] <= TARGETS["cluster_s"]
        and r["cluster"]["peak_rss_mb"] <= TARGETS["cluster_mb"],
        "action": r["coders"]["action"]["p95_ms"] <= TARGETS["action_p95_ms"],
        "report": r["report"]["seconds"] <= TARGETS["report_s"],
        "status": r["status"]["wall_s"] <= TARGETS["status_s"],
    }


def run(argv: list[str] | None = None) -> dict[str, Any]:
    """Measure every size on every database kind; merge into bench/results/scale.json and return it."""
    source = require_meldingen()
    path = RESULTS / "scale.json"
    results: dict[str, Any] = json.loads(path.read_text())["results"] if path.exists() else {}
    kept = os.environ.get("CODING_BENCH_SCALE_DIR", "")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(kept or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for n in sizes(argv):
            study, codings = folder / f"study-{n}.csv", folder / f"codings-{n}.csv"
            if not (kept and study.exists() and codings.exists()):
                build_study_file(source, n, study)
                build_codings_file(study, min(CODINGS, n), codings)
            for kind, where in databases().items():
                problem = reachable(where) if kind == "postgresql" else None
                if problem:
                    print(f"scale: PostgreSQL not measured ({problem}); set CODING_BENCH_PG_URL", flush=True)
                    continue
                print(f"scale: {n:,} answers on {kind}", flush=True)
                measured = {**results.get(f"{kind}/{n}", {}), **measure_size(kind, where, n, folder, study, codings)}
                if all(step in measured for step in STEPS if step != "coders_paced"):
                    measured["met"] = verdicts(measured)
                results[f"{kind}/{n}"] = measured
                write_result("scale", {"results": results, "targets": TARGETS, "target_size": TARGET_SIZE})
            if not kept:
                study.unlink()
    data = {"results": results, "targets": TARGETS, "target_size": TARGET_SIZE}
    write_result("scale", data)
    return data


if __name__ == "__main__":
    run(sys.argv[1:])
    from bench.summary import write_summary

    write_summary()
