"""Keyword and regular-expression rules: matching, precision on coded answers, pre-coding with source 'rule'."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from coding.codebook import CodebookSpec, ThemeSpec
from coding.errors import CodingError
from coding.nlp.rules import Rule, apply_rules, rule_codings, rule_precision, rule_report, rules_from_keywords
from coding.store import Store
from coding.store.codebooks import load_codebook, theme_table
from coding.store.codings import add_coding
from coding.store.double_coding import draw_sample
from coding.store.segments import codings_frame, segments_frame
from tests.store_fixtures import QUESTION, STUDY, small_study
from tests.suggest_fixtures import survey_rows

TEXTS = [
    "Ik vertrouw mijn collega's niet",
    "Er is geen vertrouwenspersoon",
    "Wantrouwen overal",
    "Meldingen worden niet opgevolgd",
    "VERTROUWEN ontbreekt",
]


def test_keywords_match_at_word_start_case_insensitively() -> None:
    assert Rule("v", "vertrouw").matches(TEXTS).tolist() == [True, True, False, False, True]
    assert Rule("o", r"re:niet\s+(meer\s+)?opgevolgd").matches(TEXTS).tolist() == [False, False, False, True, False]
    assert Rule("v", "vertrouw").kind == "keyword" and Rule("o", "re:x").kind == "regex"
    with pytest.raises(CodingError) as error:
        Rule("o", "re:(open").regex  # noqa: B018 - compiling is the point
    assert "thema 'o'" in str(error.value)
    assert rules_from_keywords({"a": ["x", " ", "y"], "b": []}) == [Rule("a", "x"), Rule("a", "y")]


def test_precision_on_coded_answers_and_trusted_rules() -> None:
    rules = [Rule("vertrouwen", "vertrouw"), Rule("opvolging", "re:opgevolgd")]
    labels = [("vertrouwen",), ("opvolging",), None, ("opvolging",), None]
    report = rule_precision(rules, TEXTS, labels)
    first, second = report.to_dict("records")
    assert (first["coded_matches"], first["correct"], first["precision"], first["open_matches"]) == (2, 1, 0.5, 1)
    assert (second["coded_matches"], second["precision"], second["open_matches"]) == (1, 1.0, 0)
    never = rule_precision([Rule("x", "zzz")], TEXTS, labels).iloc[0]
    assert never["coded_matches"] == 0 and math.isnan(never["precision"])
    assert rule_codings(rules, TEXTS, report, min_precision=0.9, min_support=1) == [(3, "opvolging")]
    assert rule_codings(rules, TEXTS, report, min_precision=0.4, min_support=2) == [
        (0, "vertrouwen"), (1, "vertrouwen"), (4, "vertrouwen")
    ]


def test_apply_rules_codes_open_answers_with_source_rule(store: Store, tmp_path: Path) -> None:
    rows, truth = survey_rows(60, seed=4)
    small_study(store, tmp_path, rows)
    spec = CodebookSpec(question=QUESTION, themes=[
        ThemeSpec(code="vertrouwen", label="Vertrouwen", keywords=["vertrouw", "wantrouwen"]),
        ThemeSpec(code="opvolging", label="Opvolging", keywords=["re:niet (meer )?opgevolgd", "niks"]),
        ThemeSpec(code="represailles", label="Represailles", keywords=["bang"]),
        ThemeSpec(code="tijd", label="Tijd", keywords=["druk"]),
    ])
    load_codebook(store, STUDY, QUESTION, spec, "lead")
    themes = dict(zip(*[theme_table(store, STUDY, QUESTION)[c] for c in ("code", "theme_id")], strict=True))
    segments = segments_frame(store, STUDY, QUESTION, substantive_only=True)
    ids = segments["segment_id"].tolist()
    for segment_id, respondent in zip(ids[:30], segments["respondent_id"][:30], strict=True):
        for code in truth[respondent]:
            add_coding(store, segment_id, int(themes[code]), "anna")
    sample = draw_sample(store, STUDY, QUESTION, ["anna", "bram"], size=5, seed=0, actor="lead")
    report = rule_report(store, STUDY, QUESTION)
    assert list(report["rule"]) == ["vertrouw", "wantrouwen", "re:niet (meer )?opgevolgd", "niks", "bang", "druk"]
    assert report["coded_matches"].sum() > 0 and report["precision"].dropna().between(0, 1).all()
    before = codings_frame(store, STUDY, QUESTION)
    added = apply_rules(store, STUDY, QUESTION, "anna", min_precision=0.7, min_support=2)
    after = codings_frame(store, STUDY, QUESTION)
    ruled = after[after["source"] == "rule"]
    assert added == len(ruled) > 0
    assert not set(ruled["segment_id"]) & set(ids[:30]) and not set(ruled["segment_id"]) & set(sample.segment_ids)
    assert len(after) - len(ruled) == len(before)
    trusted = report[(report["coded_matches"] >= 2) & (report["precision"] >= 0.7)]
    assert set(ruled["theme"]) <= set(trusted["theme"])
    assert apply_rules(store, STUDY, QUESTION, "anna", min_precision=0.7, min_support=2) == 0
