"""Cluster runs in the store (SQLite and PostgreSQL): stored, read back the same, token cache, themes, CSV."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
import yaml
from sqlalchemy import func, select

from coding.codebook import parse_codebook
from coding.errors import NotFoundError
from coding.ingest.survey import SurveyMapping, import_survey
from coding.nlp import precluster
from coding.nlp.runs import CSV_COLUMNS, cluster_question, latest_run, load_run
from coding.store import Store
from coding.store.cluster_runs import latest_run_id
from coding.store.codebooks import load_codebook
from coding.store.models import Event, TokenCache
from coding.store.refs import QuestionRef
from coding.store.studies import get_or_create_question, get_or_create_study, question_ref
from coding.vocabulary import NONSUBSTANTIVE_CLUSTER, OVERIG_CLUSTER
from tests.fixtures.nl_answers import CODEBOOK_YAML, NONSUBSTANTIVE, survey_rows
from tests.helpers import write_csv

STUDY, QUESTION = "monitor", "belemmeringen"


def import_answers(store: Store, tmp_path: Path) -> QuestionRef:
    """Import the Dutch survey answers; returns the question's reference."""
    path = write_csv(tmp_path / "enquete.csv", survey_rows())
    import_survey(store, path, STUDY, SurveyMapping(id="respondent_id", texts=[QUESTION], attributes=["doelgroep"]))
    return question_ref(store, STUDY, QUESTION)


def load_test_codebook(store: Store, q: QuestionRef) -> None:
    spec = parse_codebook(yaml.safe_load(CODEBOOK_YAML)).codebooks[0]
    load_codebook(store, q, spec, "lead")


def test_a_run_is_stored_and_read_back_the_same(store: Store, tmp_path: Path) -> None:
    q = import_answers(store, tmp_path)
    result = cluster_question(store, q, k=5, seed=3, actor="anna")
    assert result.n_clusters == 5 and result.seed == 3 and result.k_requested == 5 and result.actor == "anna"
    assert result.pipeline.kind in ("model", "fallback") and result.pipeline.name
    assert len(result.assignments) == len(survey_rows()) - 1  # every segment, substantive or not
    assert list(result.clusters["cluster"][:5]) == [1, 2, 3, 4, 5]
    again = latest_run(store, q)
    assert again is not None
    assert again.run_id == result.run_id
    pd.testing.assert_frame_equal(again.assignments, result.assignments)
    pd.testing.assert_frame_equal(again.clusters, result.clusters)
    assert again.params["features"]["stage"] == "tfidf_svd" and "timings" in again.params


def test_every_substantive_answer_is_assigned_and_the_rest_is_marked(store: Store, tmp_path: Path) -> None:
    q = import_answers(store, tmp_path)
    result = cluster_question(store, q, k=5)
    frame = result.assignments
    nonsubstantive = frame[frame["cluster"] == NONSUBSTANTIVE_CLUSTER]
    assert set(nonsubstantive["text"]) <= set(NONSUBSTANTIVE)
    substantive = frame[frame["cluster"] != NONSUBSTANTIVE_CLUSTER]
    assert (substantive["cluster"] != OVERIG_CLUSTER).mean() >= 0.9
    assert result.overig_share <= 0.10
    assert (frame["cluster_label"] != "").all()
    shown = result.clusters[result.clusters["cluster"] > 0]
    assert all(len(reps) == 5 and all(isinstance(t, str) and t for t in reps) for reps in shown["representatives"])


def test_the_same_seed_gives_the_same_clusters(store: Store, tmp_path: Path) -> None:
    q = import_answers(store, tmp_path)
    first = cluster_question(store, q, seed=11)
    second = cluster_question(store, q, seed=11)
    assert second.run_id != first.run_id
    assert first.assignments["cluster"].tolist() == second.assignments["cluster"].tolist()
    assert latest_run_id(store, q) == second.run_id


def test_tokens_are_cached_so_clustering_again_does_not_parse_again(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    q = import_answers(store, tmp_path)
    cluster_question(store, q, k=4)
    with store.read() as session:
        cached = session.scalar(select(func.count()).select_from(TokenCache))
    assert cached and cached >= 100

    def refuse(*_args: object, **_kwargs: object) -> list[str]:
        raise AssertionError("answers were parsed again")

    monkeypatch.setattr(precluster, "preprocess", refuse)
    again = cluster_question(store, q, k=4)
    assert again.n_clusters == 4


def test_with_a_codebook_clusters_get_themes_and_are_seeded(store: Store, tmp_path: Path) -> None:
    q = import_answers(store, tmp_path)
    load_test_codebook(store, q)
    result = cluster_question(store, q, k=5)
    assert result.seeded and result.codebook_version == 1
    real = result.clusters[result.clusters["cluster"] > 0]
    assert real["proposed_theme"].notna().all()
    assert set(real["proposed_theme"]) <= {"vertrouwen", "opvolging", "represailles", "werkdruk", "aanspreekpunt"}
    assert real["proposed_theme"].nunique() >= 4
    assert real["theme_label"].notna().all()
    assert list(result.theme_similarity.columns) == ["vertrouwen", "opvolging", "represailles", "werkdruk",
                                                     "aanspreekpunt"]
    frame = result.assignments
    assert frame.loc[frame["cluster"] > 0, "proposed_theme"].notna().all()
    without = cluster_question(store, q, k=5, use_codebook=False)
    assert not without.seeded and without.clusters["proposed_theme"].isna().all()


def test_the_csv_has_the_promised_columns(store: Store, tmp_path: Path) -> None:
    q = import_answers(store, tmp_path)
    load_test_codebook(store, q)
    buffer = io.StringIO()
    cluster_question(store, q, k=5).write_csv(buffer)
    frame = pd.read_csv(io.StringIO(buffer.getvalue()), dtype={"respondent_id": str})
    assert list(frame.columns) == CSV_COLUMNS
    assert frame["respondent_id"].iloc[0] == "R001"
    assert frame["theme_score"].dropna().between(0, 1).all()


def test_a_run_is_recorded_in_the_history(store: Store, tmp_path: Path) -> None:
    q = import_answers(store, tmp_path)
    result = cluster_question(store, q, k=3, actor="bram")
    with store.read() as session:
        event = session.scalars(select(Event).where(Event.action == "cluster.run")).one()
    assert event.actor == "bram" and event.entity_id == result.run_id and event.payload["k"] == 3


def test_clear_errors(store: Store, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="Studie 'monitor' bestaat niet"):
        question_ref(store, STUDY, QUESTION)
    with store.atomic() as session:
        get_or_create_question(session, get_or_create_study(session, STUDY, "test"), "leeg", "test")
    empty = question_ref(store, STUDY, "leeg")
    with pytest.raises(NotFoundError, match="nog geen antwoorden"):
        cluster_question(store, empty)
    assert latest_run(store, empty) is None
    with pytest.raises(NotFoundError, match="Clusterrun 999"):
        load_run(store, 999)
