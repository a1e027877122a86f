"""The cheap views of cluster runs the pages use, on SQLite and PostgreSQL: latest run, overview, progress."""

from __future__ import annotations

from pathlib import Path

from coding.nlp.runs import cluster_question
from coding.store import Store
from coding.store.cluster_progress import cluster_progress, latest_run_id, run_overview
from coding.store.codings import code_segments
from tests.store_fixtures import QUESTION, STUDY, small_study

TOPICS = ["ik vertrouw mijn leidinggevende niet", "er wordt niets gedaan met een melding", "angst voor represailles"]
ROWS = [["respondent_id", "doelgroep", "bestuurslaag", "weging", QUESTION]] + [
    [f"R{i:02d}", "medewerker", "gemeente", "1", f"{TOPICS[i % 3]} {['echt', 'zeker', 'vaak'][i % 2]}"]
    for i in range(30)
] + [["R99", "medewerker", "gemeente", "1", "weet niet"]]


def test_latest_run_overview_and_progress_per_cluster(store: Store, tmp_path: Path) -> None:
    themes = small_study(store, tmp_path, ROWS)
    assert latest_run_id(store, STUDY, QUESTION) is None
    run = cluster_question(store, STUDY, QUESTION, k=3, seed=0)
    assert latest_run_id(store, STUDY, QUESTION) == run.run_id
    overview = run_overview(store, run.run_id)
    assert overview.n_clusters == 3 and overview.n_answers == 30
    assert overview.clusters["cluster"].tolist() == run.clusters["cluster"].tolist()
    first = overview.clusters.iloc[0]
    assert 1 <= len(first["representatives"]) <= 3
    assert all(isinstance(text, str) and text for text in first["representatives"])
    assert "30 inhoudelijke antwoorden in 3 clusters" in overview.summary()
    members = run.assignments[run.assignments["cluster"] == first["cluster"]]["segment_id"].astype(int).tolist()
    code_segments(store, members[:2], themes["vertrouwen"], "anna")
    mine = cluster_progress(store, run.run_id, coder="anna").set_index("cluster")
    assert mine.loc[int(first["cluster"]), "coded"] == 2
    assert mine.loc[int(first["cluster"]), "answers"] == len(members)
    assert cluster_progress(store, run.run_id, coder="bert")["coded"].sum() == 0
    assert cluster_progress(store, run.run_id)["coded"].sum() == 2
