"""Rules: codebook keywords and regular expressions that pre-code answers, each with its precision so far.

Every keyword of a theme is a rule. A plain keyword matches at the start of a word, case-insensitively, so
``vertrouw`` matches "Vertrouwen" and "vertrouwenspersoon" but not "wantrouwen"; a keyword written as
``re:<pattern>`` is a regular expression (case-insensitive), e.g. ``re:\\bniet (meer )?opgevolgd``. Rules live in
the codebook, so they are versioned with it.

Before a rule codes anything, :func:`rule_report` shows how it did on the answers already coded: how many coded
answers it matches and the share of those that the coders gave its theme (its precision). :func:`apply_rules`
then codes the open answers a rule matches — only rules at or above a minimum precision, never answers the coder
already coded, never answers in a double-coding sample — with source ``rule``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from coding.errors import CodingError
from coding.store.codebooks import theme_table
from coding.store.codings import insert_codings
from coding.store.db import Store
from coding.store.events import record
from coding.store.segments import segments_frame
from coding.store.studies import find_question, find_study

REGEX_PREFIX = "re:"

RULE_COLUMNS = ["theme", "rule", "kind", "coded_matches", "correct", "precision", "open_matches"]


@dataclass(frozen=True)
class Rule:
    """One keyword or regular expression that points to a theme."""

    theme: str
    pattern: str

    @property
    def kind(self) -> str:
        """'regex' or 'keyword'."""
        return "regex" if self.pattern.startswith(REGEX_PREFIX) else "keyword"

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """The compiled expression (a keyword becomes ``\\b`` + the escaped keyword)."""
        if self.kind == "regex":
            source = self.pattern[len(REGEX_PREFIX):]
        else:
            source = r"(?<!\w)" + re.escape(self.pattern.strip())
        try:
            return re.compile(source, re.IGNORECASE)
        except re.error as exc:
            raise CodingError(
                f"De regel '{self.pattern}' bij thema '{self.theme}' is geen geldige reguliere expressie ({exc}).",
                hint="Pas het trefwoord aan in het codeboek; een gewoon woord hoeft niet met 're:' te beginnen.",
            ) from None

    def matches(self, texts: Sequence[str]) -> np.ndarray:
        """True per text the rule matches."""
        return np.array([bool(self.regex.search(t or "")) for t in texts], dtype=bool)


def rules_from_keywords(keywords: Mapping[str, Sequence[str]]) -> list[Rule]:
    """One rule per keyword: ``{theme code: [keyword, …]}`` (blank keywords are skipped)."""
    return [Rule(theme, k.strip()) for theme, words in keywords.items() for k in words if k and k.strip()]


def rule_precision(
    rules: Sequence[Rule], texts: Sequence[str], labels: Sequence[Sequence[str] | None]
) -> pd.DataFrame:
    """Per rule: matches among coded answers, how many of those have its theme, precision, matches among open ones.

    ``labels`` holds the coded themes per text, or None for an answer nobody coded yet. Precision is NaN for a
    rule that matches no coded answer yet.
    """
    coded = np.array([label is not None for label in labels], dtype=bool)
    rows = []
    for rule in rules:
        hit = rule.matches(texts)
        correct = sum(
            1 for h, label in zip(hit, labels, strict=True) if h and label is not None and rule.theme in label
        )
        n = int((hit & coded).sum())
        rows.append({
            "theme": rule.theme,
            "rule": rule.pattern,
            "kind": rule.kind,
            "coded_matches": n,
            "correct": correct,
            "precision": correct / n if n else float("nan"),
            "open_matches": int((hit & ~coded).sum()),
        })
    return pd.DataFrame(rows, columns=RULE_COLUMNS)


def rule_codings(
    rules: Sequence[Rule], texts: Sequence[str], report: pd.DataFrame, *, min_precision: float, min_support: int = 5
) -> list[tuple[int, str]]:
    """(row, theme) pairs the trusted rules give: precision ≥ ``min_precision`` on ≥ ``min_support`` coded answers."""
    trusted = report[(report["coded_matches"] >= min_support) & (report["precision"] >= min_precision)]
    keep = set(zip(trusted["theme"], trusted["rule"], strict=True))
    pairs: set[tuple[int, str]] = set()
    for rule in rules:
        if (rule.theme, rule.pattern) in keep:
            pairs.update((int(i), rule.theme) for i in np.flatnonzero(rule.matches(texts)))
    return sorted(pairs)


# --- in the store ---------------------------------------------------------------------------------------------


def question_rules(store: Store, study: str, question: str) -> list[Rule]:
    """The rules of a question: every keyword of its codebook's active themes."""
    themes = theme_table(store, study, question)
    return rules_from_keywords(dict(zip(themes["code"], themes["keywords"], strict=True)))


def rule_report(store: Store, study: str, question: str) -> pd.DataFrame:
    """Every rule of the question with its precision on the answers coded so far (:data:`RULE_COLUMNS`)."""
    from coding.nlp.suggestions import training_labels

    segments = segments_frame(store, study, question, substantive_only=True)
    labels = training_labels(store, study, question)
    return rule_precision(
        question_rules(store, study, question),
        segments["text"].tolist(),
        [labels.get(int(s)) for s in segments["segment_id"]],
    )


def apply_rules(
    store: Store, study: str, question: str, coder: str, *, min_precision: float = 0.8, min_support: int = 5
) -> int:
    """Code the coder's open answers that trusted rules match (source ``rule``); returns how many codings were added.

    A rule is trusted when it matched at least ``min_support`` coded answers with precision ≥ ``min_precision``.
    Answers the coder already coded and answers in a double-coding sample are left alone. One transaction, one
    ``coding.bulk_add`` event per theme.
    """
    from coding.nlp.suggestions import open_segment_ids

    coder = coder.strip()[:100]
    if not coder:
        raise CodingError("Er is geen codeur opgegeven.", hint="Geef een naam op met --coder.")
    rules = question_rules(store, study, question)
    if not rules:
        raise CodingError(
            f"Het codeboek van '{question}' heeft geen trefwoorden, dus ook geen regels.",
            hint="Zet trefwoorden (of 're:'-patronen) bij de thema's in het codeboek.",
        )
    report = rule_report(store, study, question)
    segments = segments_frame(store, study, question, substantive_only=True).set_index("segment_id")
    open_ids = [int(s) for s in open_segment_ids(store, study, question, coder)]
    texts = segments.loc[open_ids, "text"].tolist() if open_ids else []
    pairs = rule_codings(rules, texts, report, min_precision=min_precision, min_support=min_support)
    theme_ids = dict(zip(*[theme_table(store, study, question)[c] for c in ("code", "theme_id")], strict=True))
    by_theme: dict[str, list[int]] = {}
    for row, theme in pairs:
        by_theme.setdefault(theme, []).append(open_ids[row])
    added = 0
    with store.atomic() as session:
        q = find_question(session, find_study(session, study), question)
        for theme, ids in by_theme.items():
            new = insert_codings(session, [
                {"segment_id": s, "theme_id": int(theme_ids[theme]), "coder": coder, "source": "rule"} for s in ids
            ])
            if new:
                record(session, actor=coder, action="coding.bulk_add", entity="question", entity_id=q.id,
                       study_id=q.study_id, payload={"theme_id": int(theme_ids[theme]), "source": "rule",
                                                     "segment_ids": [s for s, _ in new]})
            added += len(new)
    return added
