"""How often each theme of a question was given so far: the per-theme counts of the Voortgang page.

The answers per theme are counted on the final codings (:func:`coding.work.final.final_codings`, the one rule
that the report uses too): an adjudicated answer counts with its adjudicated themes only, merged themes count as
the theme they were merged into, and a retired theme no longer counts. For one coder the same rule runs on that
coder's own codings. The number of codings per theme is the plain count of the codings that carry it, so a
retired theme stays visible while codings still carry it.
"""

from __future__ import annotations

import pandas as pd

from coding.store import QuestionRef, Store
from coding.store.codebooks import theme_table
from coding.store.queue import QueueFilter, queue_ids
from coding.store.segments import codings_frame
from coding.work.final import final_codings

#: Columns of :func:`theme_progress`.
THEME_COUNT_COLUMNS = ["theme_id", "code", "label", "parent", "segments", "pct", "codings", "retired"]


def theme_progress(store: Store, question: QuestionRef, *, coder: str | None = None) -> pd.DataFrame:
    """Per theme of a question: substantive answers whose final themes include it (from everyone's codings, or
    from ``coder``'s own), their share of all substantive answers, and the number of codings that carry it.

    Themes in codebook order (:data:`THEME_COUNT_COLUMNS`); retired themes appear only while codings still carry
    them. Empty when the question has no codebook.
    """
    themes = theme_table(store, question, include_retired=True)
    if themes.empty:
        return pd.DataFrame(columns=THEME_COUNT_COLUMNS)
    substantive = pd.Series(queue_ids(store, question, "", QueueFilter()), dtype="int64")  # ids only: no texts
    base = len(substantive)
    codings = codings_frame(store, question)
    if coder is not None:
        codings = codings[codings["coder"] == coder]
    codings = codings[codings["segment_id"].isin(set(substantive))]
    final = final_codings(codings, themes, substantive)
    answers = final.groupby("theme")["segment_id"].nunique().to_dict() if not final.empty else {}
    given = codings["theme"].value_counts().to_dict()
    rows = []
    for theme_id, code, label, parent, retired in zip(
        themes["theme_id"], themes["code"], themes["label"], themes["parent"], themes["retired"], strict=True
    ):
        segments, count = int(answers.get(code, 0)), int(given.get(code, 0))
        if retired and not count:
            continue
        pct = round(100.0 * segments / base, 1) if base else 0.0
        rows.append([int(theme_id), code, label, parent, segments, pct, count, bool(retired)])
    return pd.DataFrame(rows, columns=THEME_COUNT_COLUMNS)
