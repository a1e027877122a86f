"""Rules: codebook keywords and regular expressions that point to a theme, and their precision on coded answers.

Every keyword of a theme is a rule. A plain keyword matches at the start of a word, case-insensitively, so
``vertrouw`` matches "Vertrouwen" and "vertrouwenspersoon" but not "wantrouwen"; a keyword written as
``re:<pattern>`` is a regular expression (case-insensitive), e.g. ``re:\\bniet (meer )?opgevolgd``. Rules live in
the codebook, so they are versioned with it.

This module is the pure text matching (no store): :func:`rule_precision` measures each rule on answers whose
themes are known, :func:`rule_codings` gives the (answer, theme) pairs of the trusted rules. Applying them to a
question's answers in the store is the coding stage's work (:mod:`coding.work.rules`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from coding.errors import CodingError

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
