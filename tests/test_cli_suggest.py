"""`coding suggest`, `coding double-code`, `coding agreement` and `coding rules`: thin commands over the library."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from coding.cli import main
from coding.nlp.suggest import SUGGESTION_COLUMNS
from coding.store import Store, connect, question_ref
from coding.store.codebooks import load_codebook, theme_table
from coding.store.codings import add_coding, remove_coding
from coding.store.segments import segments_frame
from tests.store_fixtures import QUESTION, STUDY, small_study
from tests.suggest_fixtures import CODEBOOK, survey_rows


def run(db: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", db, *args], catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def coded(tmp_path: Path) -> tuple[str, Store, list[int], dict[str, int]]:
    """A study of 60 written answers; anna coded the first 30."""
    db = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    store = connect(db)
    rows, truth = survey_rows(60, seed=4)
    small_study(store, tmp_path, rows)
    question = question_ref(store, STUDY, QUESTION)
    load_codebook(store, question, CODEBOOK, "lead")
    table = theme_table(store, question)
    themes = dict(zip(table["code"], table["theme_id"], strict=True))
    segments = segments_frame(store, question_ref(store, STUDY, QUESTION), substantive_only=True)
    for segment_id, respondent in zip(segments["segment_id"][:30], segments["respondent_id"][:30], strict=True):
        for code in truth[respondent]:
            add_coding(store, int(segment_id), int(themes[code]), "anna")
    return db, store, segments["segment_id"].tolist(), themes


def test_suggest_writes_the_csv(coded: tuple, tmp_path: Path) -> None:
    db, _, ids, _ = coded
    out = tmp_path / "suggestions.csv"
    code, output = run(db, "suggest", "--study", STUDY, "--question", QUESTION, "-o", str(out))
    assert code == 0, output
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == SUGGESTION_COLUMNS
    assert len(rows) == len(ids) - 30 and f"{len(rows)} antwoorden" in output
    assert all(float(r["p_1"]) >= float(r["p_2"]) >= float(r["p_3"]) for r in rows)


def test_suggest_writes_nothing_before_30_coded_answers(coded: tuple, tmp_path: Path) -> None:
    db, store, ids, themes = coded
    for theme_id in themes.values():  # anna takes back her coding of one answer: 29 coded answers left
        remove_coding(store, ids[0], int(theme_id), "anna")
    out = tmp_path / "suggestions.csv"
    result = CliRunner().invoke(main, ["--db", db, "suggest", "--study", STUDY, "--question", QUESTION, "-o", str(out)])
    assert result.exit_code == 1 and not out.exists()
    assert "29 van de 30 gecodeerde antwoorden" in result.output and "codeer er nog 1" in result.output


def test_double_code_then_agreement_table(coded: tuple) -> None:
    db, store, _, themes = coded
    code, output = run(db, "double-code", "--study", STUDY, "--question", QUESTION, "--coder", "anna",
                       "--coder", "bram", "--size", "4", "--seed", "1")
    assert code == 0 and "4 antwoorden toegewezen aan anna, bram" in output
    from coding.store.double_coding import samples

    for segment_id in samples(store, question_ref(store, STUDY, QUESTION))[0].segment_ids:
        for coder in ("anna", "bram"):
            add_coding(store, segment_id, int(themes["tijd"]), coder)
    code, output = run(db, "agreement", "--study", STUDY, "--question", QUESTION)
    assert code == 0, output
    assert "Cohen's κ" in output and "(alle thema's)" in output and "100.0" in output


def test_rules_show_and_apply(coded: tuple) -> None:
    db, *_ = coded
    code, output = run(db, "rules", "show", "--study", STUDY, "--question", QUESTION)
    assert code == 0 and "werkdruk" in output and "precision" in output
    code, output = run(db, "rules", "apply", "--study", STUDY, "--question", QUESTION, "--coder", "anna",
                       "--min-precision", "0.5", "--min-support", "1")
    assert code == 0 and "coderingen toegevoegd door regels" in output


def test_errors_are_dutch_messages_without_traceback(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'e.sqlite'}"
    store = connect(db)
    small_study(store, tmp_path)
    result = CliRunner().invoke(main, ["--db", db, "suggest", "--study", STUDY, "--question", QUESTION])
    assert result.exit_code == 1 and "0 van de 30 gecodeerde antwoorden" in result.output
    result = CliRunner().invoke(main, ["--db", db, "double-code", "--study", STUDY, "--question", QUESTION,
                                       "--coder", "anna", "--size", "2"])
    assert result.exit_code == 1 and "minstens twee verschillende codeurs" in result.output
    assert "Traceback" not in result.output
