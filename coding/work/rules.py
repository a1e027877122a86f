"""Rules on a question in the store: every codebook keyword pre-codes answers, once it has proved precise.

Before a rule codes anything, :func:`rule_report` shows how it did on the answers already coded: how many coded
answers it matches and the share of those whose final themes include its theme (its precision, measured on the
suggester's training labels, so rules are never judged by their own codings). :func:`apply_rules` then codes the
open answers a rule matches — only rules at or above a minimum precision, never answers the coder already coded,
never answers in a double-coding sample — with source ``rule``.

The matching itself (:class:`coding.nlp.rules.Rule`, :func:`coding.nlp.rules.rule_precision`,
:func:`coding.nlp.rules.rule_codings`) is pure text work in :mod:`coding.nlp.rules`.
"""

from __future__ import annotations

import pandas as pd

from coding.errors import CodingError
from coding.nlp.rules import Rule, rule_codings, rule_precision, rules_from_keywords
from coding.store import QuestionRef, Store
from coding.store.codebooks import theme_table
from coding.store.codings import code_open_answers, coder_name
from coding.store.segments import segments_frame
from coding.vocabulary import Source
from coding.work.suggestions import open_segment_ids, training_labels


def _rules(themes: pd.DataFrame) -> list[Rule]:
    """Every keyword of the (active) themes of :func:`~coding.store.codebooks.theme_table` as a rule."""
    return rules_from_keywords(dict(zip(themes["code"], themes["keywords"], strict=True)))


def _report(rules: list[Rule], store: Store, question: QuestionRef, segments: pd.DataFrame) -> pd.DataFrame:
    labels = training_labels(store, question)
    return rule_precision(rules, segments["text"].tolist(), [labels.get(int(s)) for s in segments["segment_id"]])


def rule_report(store: Store, question: QuestionRef) -> pd.DataFrame:
    """Every rule of the question (every keyword of its codebook's active themes) with its precision on the answers
    coded so far (:data:`coding.nlp.rules.RULE_COLUMNS`)."""
    rules = _rules(theme_table(store, question))
    return _report(rules, store, question, segments_frame(store, question, substantive_only=True))


def apply_rules(
    store: Store, question: QuestionRef, coder: str, *, min_precision: float = 0.8, min_support: int = 5
) -> int:
    """Code the coder's open answers that trusted rules match (source ``rule``); returns how many codings were added.

    A rule is trusted when it matched at least ``min_support`` coded answers with precision ≥ ``min_precision``.
    Answers the coder already coded and answers in a double-coding sample are left alone (checked again in the
    transaction that writes, :func:`coding.store.codings.code_open_answers`). One transaction, one
    ``coding.bulk_add`` event per theme.
    """
    coder = coder_name(coder, hint="Geef een naam op met --coder.")
    themes = theme_table(store, question)
    rules = _rules(themes)
    if not rules:
        raise CodingError(
            f"Het codeboek van '{question.name}' heeft geen trefwoorden, dus ook geen regels.",
            hint="Zet trefwoorden (of 're:'-patronen) bij de thema's in het codeboek.",
        )
    segments = segments_frame(store, question, substantive_only=True)
    report = _report(rules, store, question, segments)
    open_ids = [int(s) for s in open_segment_ids(store, question, coder)]
    texts = segments.set_index("segment_id").loc[open_ids, "text"].tolist() if open_ids else []
    matched = rule_codings(rules, texts, report, min_precision=min_precision, min_support=min_support)
    theme_ids = {str(c): int(i) for c, i in zip(themes["code"], themes["theme_id"], strict=True)}
    pairs = [(open_ids[row], theme_ids[theme]) for row, theme in matched]
    return code_open_answers(store, question, pairs, coder, Source.RULE)
