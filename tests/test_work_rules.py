"""Rules on a question in the store: precision on the coded answers, pre-coding open answers with source 'rule'."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from coding.codebook import CodebookSpec, ThemeSpec
from coding.errors import CodingError
from coding.store import Store
from coding.store.codebooks import load_codebook, theme_table
from coding.store.codings import add_coding
from coding.store.models import Event
from coding.store.segments import codings_frame, segments_frame
from coding.work.double_coding import draw_sample
from coding.work.rules import apply_rules, rule_report
from tests.store_fixtures import QUESTION, small_question, small_study
from tests.suggest_fixtures import survey_rows


def test_apply_rules_codes_open_answers_with_source_rule(store: Store, tmp_path: Path) -> None:
    rows, truth = survey_rows(60, seed=4)
    small_study(store, tmp_path, rows)
    q = small_question(store)
    spec = CodebookSpec(question=QUESTION, themes=[
        ThemeSpec(code="vertrouwen", label="Vertrouwen", keywords=["vertrouw", "wantrouwen"]),
        ThemeSpec(code="opvolging", label="Opvolging", keywords=["re:niet (meer )?opgevolgd", "niks"]),
        ThemeSpec(code="represailles", label="Represailles", keywords=["bang"]),
        ThemeSpec(code="tijd", label="Tijd", keywords=["druk"]),
    ])
    load_codebook(store, q, spec, "lead")
    themes = dict(zip(*[theme_table(store, q)[c] for c in ("code", "theme_id")], strict=True))
    segments = segments_frame(store, q, substantive_only=True)
    ids = segments["segment_id"].tolist()
    for segment_id, respondent in zip(ids[:30], segments["respondent_id"][:30], strict=True):
        for code in truth[respondent]:
            add_coding(store, segment_id, int(themes[code]), "anna")
    sample = draw_sample(store, q, ["anna", "bram"], size=5, seed=0, actor="lead")
    report = rule_report(store, q)
    assert list(report["rule"]) == ["vertrouw", "wantrouwen", "re:niet (meer )?opgevolgd", "niks", "bang", "druk"]
    assert report["coded_matches"].sum() > 0 and report["precision"].dropna().between(0, 1).all()
    before = codings_frame(store, q)
    added = apply_rules(store, q, "anna", min_precision=0.7, min_support=2)
    after = codings_frame(store, q)
    ruled = after[after["source"] == "rule"]
    assert added == len(ruled) > 0
    assert not set(ruled["segment_id"]) & set(ids[:30]) and not set(ruled["segment_id"]) & set(sample.segment_ids)
    assert len(after) - len(ruled) == len(before)
    trusted = report[(report["coded_matches"] >= 2) & (report["precision"] >= 0.7)]
    assert set(ruled["theme"]) <= set(trusted["theme"])
    with store.read() as session:
        events = session.scalars(select(Event).where(Event.action == "coding.bulk_add")).all()
    assert sorted(e.payload["theme_id"] for e in events) == sorted(int(themes[t]) for t in set(ruled["theme"]))
    assert {e.payload["source"] for e in events} == {"rule"} and {e.actor for e in events} == {"anna"}
    assert sum(len(e.payload["segment_ids"]) for e in events) == added
    assert apply_rules(store, q, "anna", min_precision=0.7, min_support=2) == 0


def test_apply_rules_needs_a_coder_and_keywords(sqlite_store: Store, tmp_path: Path) -> None:
    small_study(sqlite_store, tmp_path)
    q = small_question(sqlite_store)
    with pytest.raises(CodingError) as error:
        apply_rules(sqlite_store, q, "  ")
    assert error.value.hint == "Geef een naam op met --coder."
    load_codebook(sqlite_store, q, CodebookSpec(question=QUESTION, themes=[ThemeSpec(code="a", label="A")]), "lead")
    with pytest.raises(CodingError) as error:
        apply_rules(sqlite_store, q, "anna")
    assert "geen trefwoorden" in str(error.value)
