"""`coding cluster`: prints the pipeline and a table, writes the CSV, and fails with a message, not a traceback."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from coding.cli import main
from coding.nlp.runs import CSV_COLUMNS
from tests.fixtures.nl_answers import CODEBOOK_YAML, survey_rows
from tests.helpers import write_csv


def run(db: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", db, *args], catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    survey = write_csv(tmp_path / "enquete.csv", survey_rows())
    code, out = run(url, "import", "survey", str(survey), "--study", "monitor", "--id", "respondent_id",
                    "--text", "belemmeringen", "--attr", "doelgroep")
    assert code == 0, out
    return url


def test_cluster_prints_pipeline_and_table_and_writes_the_csv(db: str, tmp_path: Path) -> None:
    codebook = tmp_path / "codeboek.yaml"
    codebook.write_text(CODEBOOK_YAML, encoding="utf-8")
    assert run(db, "codebook", "load", str(codebook), "--study", "monitor", "--question", "belemmeringen")[0] == 0
    output = tmp_path / "clusters.csv"
    code, out = run(db, "cluster", "--study", "monitor", "--question", "belemmeringen", "--k", "5", "--seed", "2",
                    "-o", str(output))
    assert code == 0, out
    assert "Pipeline: blank-nl+lookups" in out or "Pipeline: nl_" in out
    assert "5 clusters" in out and "seed 2" in out
    assert "antwoorden" in out and "thema" in out and "divers" not in out.split("\n")[0]
    assert f"Geschreven: {output}" in out
    frame = pd.read_csv(output, encoding="utf-8-sig", dtype={"respondent_id": str})
    assert list(frame.columns) == CSV_COLUMNS
    assert len(frame) == len(survey_rows()) - 1
    assert set(frame["cluster"]) >= {1, 2, 3, 4, 5}


def test_cluster_without_k_chooses_one(db: str) -> None:
    code, out = run(db, "cluster", "--study", "monitor", "--question", "belemmeringen")
    assert code == 0, out
    assert "k gekozen op stabiliteit" in out


def test_too_many_clusters_is_a_message_not_a_traceback(db: str) -> None:
    code, out = run(db, "cluster", "--study", "monitor", "--question", "belemmeringen", "--k", "500")
    assert code == 1
    assert "minder dan de gevraagde 500 clusters" in out and "Traceback" not in out


def test_an_unknown_question_is_named(db: str) -> None:
    code, out = run(db, "cluster", "--study", "monitor", "--question", "bestaat_niet")
    assert code == 1
    assert "Vraag 'bestaat_niet' bestaat niet" in out
