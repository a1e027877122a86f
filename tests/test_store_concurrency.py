"""Many writers at once, and a process killed mid-import — on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coding.store import Store, connect, question_ref
from coding.store.codings import add_coding
from coding.store.models import Coding, Respondent, Segment, Study
from coding.store.segments import segments_frame
from tests.helpers import write_csv
from tests.store_fixtures import QUESTION, STUDY, small_study

WORKERS = 8
CODINGS_PER_WORKER = 500
ROOT = Path(__file__).resolve().parents[1]


def _code_many(url: str, coder: str, segment_ids: list[int], theme_ids: list[int]) -> int:
    """Worker: record 500 codings, one transaction each, as one coder."""
    store = connect(url, migrate=False)
    done = 0
    for i in range(CODINGS_PER_WORKER):
        segment = segment_ids[i % len(segment_ids)]
        theme = theme_ids[(i // len(segment_ids)) % len(theme_ids)]
        done += add_coding(store, segment, theme, coder)
    store.dispose()
    return done


@pytest.mark.slow
def test_eight_processes_record_4000_codings_none_lost_or_doubled(store: Store, store_url: str, tmp_path: Path) -> None:
    rows = [["respondent_id", "doelgroep", "bestuurslaag", "weging", QUESTION]]
    rows += [[f"R{i}", "medewerker", "gemeente", "1", f"antwoord nummer {i} over vertrouwen"] for i in range(250)]
    themes = small_study(store, tmp_path, rows)
    q = question_ref(store, STUDY, QUESTION)
    segment_ids = segments_frame(store, q)["segment_id"].tolist()
    theme_ids = sorted(themes.values())
    context = multiprocessing.get_context("spawn")
    with context.Pool(WORKERS) as pool:
        results = pool.starmap(_code_many, [(store_url, f"codeur{n}", segment_ids, theme_ids) for n in range(WORKERS)])
    assert results == [CODINGS_PER_WORKER] * WORKERS
    with store.read() as session:
        total = session.scalar(select(func.count()).select_from(Coding))
        distinct = session.execute(select(Coding.segment_id, Coding.theme_id, Coding.coder).distinct()).all()
    assert total == WORKERS * CODINGS_PER_WORKER
    assert len(distinct) == total


IMPORT_SCRIPT = textwrap.dedent("""
    import sys
    from coding.ingest.survey import SurveyMapping, import_survey
    from coding.store import connect

    store = connect(sys.argv[1])
    def progress(done, total):
        if done > 0:
            print("BUSY", flush=True)
    import_survey(store, sys.argv[2], "crash", SurveyMapping(id="id", texts=["antwoord"]), progress=progress)
    print("FINISHED", flush=True)
""")


@pytest.mark.slow
def test_sigkill_during_large_import_leaves_no_partial_study(store: Store, store_url: str, tmp_path: Path) -> None:
    rows = [["id", "antwoord"]] + [[f"R{i}", f"een wat langer antwoord nummer {i} " * 3] for i in range(60_000)]
    path = write_csv(tmp_path / "groot.csv", rows)
    script = tmp_path / "import_child.py"
    script.write_text(IMPORT_SCRIPT)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, str(script), store_url, str(path)], stdout=subprocess.PIPE, text=True, env=env
    )
    assert child.stdout is not None
    deadline = time.monotonic() + 120
    line = ""
    while time.monotonic() < deadline:
        line = child.stdout.readline()
        if line.strip() in ("BUSY", "FINISHED") or not line:
            break
    assert line.strip() == "BUSY", f"the import never got going: {line!r}"
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    # a fresh connection sees nothing of the killed import
    store.dispose()
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Study).where(Study.name == "crash")) == 0
        assert session.scalar(select(func.count()).select_from(Respondent)) == 0
        assert session.scalar(select(func.count()).select_from(Segment)) == 0
