"""Keyword and regular-expression rules: matching at word starts, and precision on coded answers (no store)."""

from __future__ import annotations

import math

import pytest

from coding.errors import CodingError
from coding.nlp.rules import Rule, rule_codings, rule_precision, rules_from_keywords

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
