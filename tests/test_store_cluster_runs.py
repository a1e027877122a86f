"""Cluster runs in the store, on SQLite and PostgreSQL: saving and reading a run, the token cache, and the cheap views
the pages use (latest run, overview, choices, members, progress per cluster)."""

from __future__ import annotations

import math
from pathlib import Path

from sqlalchemy import select

from coding.ingest.survey import SurveyMapping, import_survey
from coding.nlp.runs import cluster_question
from coding.store import Store
from coding.store.cluster_runs import (
    Assignment,
    ClusterRecord,
    RunRecord,
    answers_to_cluster,
    cache_tokens,
    cached_tokens,
    cluster_progress,
    latest_run_id,
    run_overview,
    save_run,
    stored_run,
)
from coding.store.codings import code_segments
from coding.store.models import Event
from coding.store.refs import QuestionRef
from coding.store.studies import question_ref
from coding.vocabulary import NONSUBSTANTIVE_CLUSTER, OVERIG_CLUSTER
from tests.fixtures.nl_answers import survey_rows
from tests.helpers import write_csv
from tests.store_fixtures import QUESTION, STUDY, small_question, small_study

TOPICS = ["ik vertrouw mijn leidinggevende niet", "er wordt niets gedaan met een melding", "angst voor represailles"]
ROWS = [["respondent_id", "doelgroep", "bestuurslaag", "weging", QUESTION]] + [
    [f"R{i:02d}", "medewerker", "gemeente", "1", f"{TOPICS[i % 3]} {['echt', 'zeker', 'vaak'][i % 2]}"]
    for i in range(30)
] + [["R99", "medewerker", "gemeente", "1", "weet niet"]]


def hand_made_run(segment_ids: list[int], *, actor: str = "anna") -> RunRecord:
    """A run of two clusters, divers / overig and niet inhoudelijk over the given segments (no clusterer)."""
    numbers = [1, 1, 2, OVERIG_CLUSTER, NONSUBSTANTIVE_CLUSTER]
    return RunRecord(
        actor=actor, pipeline="blank@1", pipeline_info={"name": "blank"}, params={"k": (2, 3), "x": float("nan")},
        seed=7, k_requested=None, n_clusters=2, k_scores={2: 0.5, 3: float("nan")}, n_answers=4, n_overig=1,
        seeded=False, codebook_version=None, seconds=1.25,
        clusters=[
            ClusterRecord(NONSUBSTANTIVE_CLUSTER, "niet inhoudelijk", 1, 0.2),
            ClusterRecord(OVERIG_CLUSTER, "divers / overig", 1, 0.2),
            ClusterRecord(2, "twee", 1, 0.2, ["b"], [segment_ids[2]]),
            ClusterRecord(1, "x" * 400, 2, 0.4, ["a"], [segment_ids[1], segment_ids[0]], "vertrouwen", 0.8,
                          {"vertrouwen": 0.8}),
        ],
        assignments=[Assignment(s, c, 0.1 * i) for i, (s, c) in enumerate(zip(segment_ids, numbers, strict=True))],
    )


def test_latest_run_overview_and_progress_per_cluster(store: Store, tmp_path: Path) -> None:
    themes = small_study(store, tmp_path, ROWS)
    q = small_question(store)
    assert latest_run_id(store, q) is None
    run = cluster_question(store, q, k=3, seed=0)
    assert latest_run_id(store, q) == run.run_id
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


def import_answers(store: Store, tmp_path: Path) -> QuestionRef:
    """Import the Dutch survey answers; returns the question's reference."""
    path = write_csv(tmp_path / "enquete.csv", survey_rows())
    import_survey(store, path, STUDY, SurveyMapping(id="respondent_id", texts=[QUESTION], attributes=["doelgroep"]))
    return question_ref(store, STUDY, QUESTION)


def test_choices_for_the_ui(store: Store, tmp_path: Path) -> None:
    q = import_answers(store, tmp_path)
    assert latest_run_id(store, q) is None
    run = cluster_question(store, q, k=5)
    choices = run_overview(store, run.run_id).choices()
    assert list(choices)[:5] == [1, 2, 3, 4, 5] and NONSUBSTANTIVE_CLUSTER in choices


def test_a_saved_run_is_read_back_as_plain_data(store: Store, tmp_path: Path) -> None:
    small_study(store, tmp_path, ROWS)
    q = small_question(store)
    answers = answers_to_cluster(store, q)
    assert len(answers.segment_ids) == 31 and answers.segment_ids == sorted(answers.segment_ids)
    assert answers.substantive.count(False) == 1 and answers.codebook is not None and answers.codebook_version == 1
    assert len(answers.texts) == len(answers.text_hashes) == 31
    bare = answers_to_cluster(store, q, use_codebook=False)
    assert bare.codebook is None and bare.codebook_version is None and bare.texts == answers.texts

    segments = answers.segment_ids[:5]
    run_id = save_run(store, q, hand_made_run(segments))
    assert latest_run_id(store, q) == run_id
    run = stored_run(store, run_id)
    assert run.question == q and run.actor == "anna" and run.seed == 7 and run.seconds == 1.25
    assert [c.number for c in run.clusters] == [1, 2, OVERIG_CLUSTER, NONSUBSTANTIVE_CLUSTER]
    assert len(run.clusters[0].label) == 300 and run.clusters[0].representatives == [segments[1], segments[0]]
    assert run.clusters[0].theme_scores == {"vertrouwen": 0.8}
    assert run.k_scores[2] == 0.5 and math.isnan(run.k_scores[3])
    assert run.params == {"k": [2, 3], "x": None}
    assert run.assignments["segment_id"].tolist() == segments
    assert run.assignments["cluster"].tolist() == [1, 1, 2, OVERIG_CLUSTER, NONSUBSTANTIVE_CLUSTER]
    assert run.assignments["respondent_id"].iloc[0] == "R00" and run.assignments["text"].iloc[0] == answers.texts[0]
    assert run_overview(store, run_id).choices() == {
        1: f"{'x' * 300} (2)", 2: "twee (1)", OVERIG_CLUSTER: "divers / overig (1)",
        NONSUBSTANTIVE_CLUSTER: "niet inhoudelijk (1)",
    }
    with store.read() as session:
        event = session.scalars(select(Event).where(Event.action == "cluster.run")).one()
    assert event.entity_id == run_id and event.study_id == q.study_id and event.actor == "anna"
    assert event.payload == {"question": QUESTION, "k": 2, "k_requested": None, "seed": 7, "pipeline": "blank@1"}


def test_the_token_cache_keeps_the_first_tokens_per_text_and_pipeline(store: Store, tmp_path: Path) -> None:
    small_study(store, tmp_path, ROWS)
    q = small_question(store)
    hashes = answers_to_cluster(store, q, use_codebook=False).text_hashes
    assert cached_tokens(store, q, "p@1") == {}
    cache_tokens(store, "p@1", {hashes[0]: "vertrouwen leidinggevende"})
    cache_tokens(store, "p@1", {hashes[0]: "anders", hashes[1]: "melding"})
    cache_tokens(store, "p@1", {})
    assert cached_tokens(store, q, "p@1") == {hashes[0]: "vertrouwen leidinggevende", hashes[1]: "melding"}
    assert cached_tokens(store, q, "p@2") == {}
