"""Statistical disclosure control: which figures and groups a report may show.

The Monitor's rules, shared by every writer (Markdown, Word, Excel, the app, the .sav and .qdpx exports):

- a percentage is shown only where its base has at least :data:`MIN_BASE` respondents; below it the count;
- a group with fewer than :data:`MIN_GROUP` respondents (k) is never shown on its own: its members are merged into
  :data:`OTHER_GROUP` ("overig"), and when "overig" itself stays under k, they are left out;
- a quote is attributed to a group only when that group has at least k respondents in the question.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from coding.analysis.model import CORRECTION_CHOICES, STYLE_CHOICES, ReportOptions
from coding.errors import CodingError

#: Smallest base n for a percentage (``--min-base``).
MIN_BASE = 30
#: Smallest group shown on its own or named with a quote (k, ``--min-group``).
MIN_GROUP = 5
#: The group small groups are merged into.
OTHER_GROUP = "overig"


@dataclass(frozen=True)
class MergedGroups:
    """An attribute with its small groups merged: the new values and what was done, for the Basis line."""

    values: pd.Series
    merged: tuple[str, ...]  # groups folded into OTHER_GROUP
    dropped: tuple[str, ...]  # groups left out (OTHER_GROUP would still be under k)

    def note(self, k: int) -> str:
        """In words, for the Basis line; empty when nothing was merged or left out."""
        return merge_note(self.merged, self.dropped, k)


def merge_note(merged: tuple[str, ...], dropped: tuple[str, ...], k: int) -> str:
    """What was done with the groups under ``k``, for the Basis line: "Groepen met minder dan 5 respondenten: a, b
    samengevoegd tot 'overig'." (empty when nothing was merged or left out)."""
    parts = []
    if merged:
        parts.append(f"{', '.join(merged)} samengevoegd tot '{OTHER_GROUP}'")
    if dropped:
        parts.append(f"{', '.join(dropped)} weggelaten")
    if not parts:
        return ""
    return f"Groepen met minder dan {k} respondenten: " + "; ".join(parts) + "."


def check_options(options: ReportOptions) -> None:
    """Refuse a base or group threshold under 1, an unknown correction or an unknown style, with a message that
    says what to do."""
    for value, what, flag, default in (
        (options.min_base, "De kleinste basis voor een percentage", "--min-base", MIN_BASE),
        (options.min_group, "De kleinste groep", "--min-group", MIN_GROUP),
    ):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise CodingError(f"{what} ({flag}) moet een geheel getal van minstens 1 zijn, niet {value!r}.",
                              hint=f"Laat {flag} weg voor de standaard ({default}), of geef een getal ≥ 1.")
    if options.correction not in CORRECTION_CHOICES:
        raise CodingError(f"Onbekende correctie voor meervoudig toetsen: {options.correction!r}.",
                          hint="Kies uit: " + ", ".join(CORRECTION_CHOICES) + " (standaard bh, Benjamini–Hochberg).")
    if options.style is not None and options.style not in STYLE_CHOICES:
        raise CodingError(f"Onbekende rapportstijl '{options.style}'.", hint="Kies uit: " + ", ".join(STYLE_CHOICES))


def shows_percentage(base_n: float, min_base: int = MIN_BASE) -> bool:
    """Whether a percentage with this base may be shown (else the count)."""
    return base_n >= min_base


def group_sizes(values: pd.Series) -> pd.Series:
    """Respondents per group (missing values are no group)."""
    return values.dropna().astype(str).value_counts()


def small_groups(values: pd.Series, k: int = MIN_GROUP) -> set[str]:
    """The groups with fewer than ``k`` respondents."""
    sizes = group_sizes(values)
    return set(sizes[sizes < k].index)


def merge_small_groups(values: pd.Series, k: int = MIN_GROUP) -> MergedGroups:
    """Fold groups under ``k`` into :data:`OTHER_GROUP`; leave them out (missing) when that is still under ``k``.

    A group already called "overig" in the data is merged with them.
    """
    text = values.astype("string")
    small = sorted(small_groups(values, k))
    if not small:
        return MergedGroups(values, (), ())
    merged = text.where(~text.isin(small), OTHER_GROUP)
    if (merged == OTHER_GROUP).sum() < k:
        return MergedGroups(text.where(~text.isin([*small, OTHER_GROUP])), (), tuple(small))
    return MergedGroups(merged, tuple(g for g in small if g != OTHER_GROUP), ())


def attributable(group: object, sizes: pd.Series, k: int = MIN_GROUP) -> bool:
    """Whether a quote may name ``group``: it has at least ``k`` respondents in the question (``sizes`` from
    :func:`group_sizes`)."""
    if group is None or pd.isna(group):
        return False
    return int(sizes.get(str(group), 0)) >= k
