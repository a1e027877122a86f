"""Which codings count: the one place that decides the *final* themes of a segment.

The rule, per segment:

1. if any coding of the segment has source ``adjudicated``, the adjudicated themes are final (the coders'
   disagreement was settled, and the settlement replaces their codings);
2. otherwise the union of every coder's themes is final (manual, cluster, suggestion, rule and imported alike).

A retired theme that was merged into another counts as that other theme (following ``merged_into`` to the end);
a retired theme that was not merged is no longer in the codebook and does not count. Only the segments passed as
counting (in a report: the substantive ones) count. A respondent *mentions* a theme when any of their counting
segments of the question has it as final.

The report (:mod:`coding.analysis.build`), the suggester's training labels (:mod:`coding.work.suggestions`) and
the progress counts (:mod:`coding.work.progress`) all take their themes from :func:`final_codings`.
"""

from __future__ import annotations

import pandas as pd

from coding.vocabulary import Source

FINAL_COLUMNS = ["segment_id", "respondent_id", "theme"]


def resolve_merges(themes: pd.DataFrame) -> dict[str, str | None]:
    """Map every theme code to the active code it counts as (None for a retired, unmerged theme)."""
    retired = dict(zip(themes["code"], themes["retired"], strict=True))
    merged = dict(zip(themes["code"], themes["merged_into"], strict=True))
    result: dict[str, str | None] = {}
    for code in themes["code"]:
        current: str | None = code
        seen: set[str] = set()
        while current is not None and retired.get(current) and current not in seen:
            seen.add(current)
            target = merged.get(current)
            current = target if isinstance(target, str) and target else None
        result[code] = current if current is not None and not retired.get(current, True) else None
    return result


def final_codings(codings: pd.DataFrame, themes: pd.DataFrame, substantive_segments: pd.Series) -> pd.DataFrame:
    """The final themes per segment (see the module docstring), one row per (segment, theme).

    ``codings`` has the columns of :data:`coding.store.segments.CODING_COLUMNS`, ``themes`` those of
    :func:`coding.store.codebooks.theme_table` (with ``include_retired=True``, so merges can be followed);
    ``substantive_segments`` holds the ids of the segments that count. Per segment the themes keep the order of
    ``codings``.
    """
    if codings.empty:
        return pd.DataFrame(columns=FINAL_COLUMNS)
    rows = codings[codings["segment_id"].isin(set(substantive_segments))]
    adjudicated = set(rows.loc[rows["source"] == Source.ADJUDICATED, "segment_id"])
    keep = ~rows["segment_id"].isin(adjudicated) | (rows["source"] == Source.ADJUDICATED)
    rows = rows[keep]
    mapping = resolve_merges(themes)
    mapped = rows["theme"].map(lambda code: mapping.get(code))
    result = pd.DataFrame(
        {"segment_id": rows["segment_id"], "respondent_id": rows["respondent_id"], "theme": mapped}
    ).dropna(subset=["theme"])
    return result.drop_duplicates(subset=["segment_id", "theme"]).reset_index(drop=True)[FINAL_COLUMNS]


def mention_matrix(final: pd.DataFrame, respondents: list[str], codes: list[str]) -> pd.DataFrame:
    """A respondents x themes table of 0/1: 1 when the respondent mentions the theme (index ``respondent_id``)."""
    matrix = pd.DataFrame(0, index=pd.Index(respondents, name="respondent_id", dtype=object), columns=codes)
    if final.empty or not respondents:
        return matrix
    pairs = final[final["respondent_id"].isin(set(respondents)) & final["theme"].isin(set(codes))]
    if pairs.empty:
        return matrix
    table = pd.crosstab(pairs["respondent_id"], pairs["theme"]).clip(upper=1)
    matrix = table.reindex(index=matrix.index, columns=codes, fill_value=0).astype(int)
    matrix.index.name = "respondent_id"
    return matrix
