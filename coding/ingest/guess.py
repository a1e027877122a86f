"""A first guess at the column roles of a survey table, for the import wizard to start from.

The researcher always confirms or changes the guess; nothing is imported on a guess alone.

An open question is recognised by what its *filled* cells hold (:func:`looks_like_open_answers`), not by how full
the column is: a question that only part of the respondents got (routing) is mostly empty, yet its answers are
sentences, and it belongs under "Open vragen", not under "Kenmerken".
"""

from __future__ import annotations

import re

import pandas as pd

from coding.ingest.survey import SurveyMapping
from coding.ingest.tabular import Table

_ID = re.compile(r"(^|_|\b)(id|resp|respondent|respnr|nummer|nr)($|_|\b)", re.IGNORECASE)
_WEIGHT = re.compile(r"weg(ing|ingsfactor)|gewicht|weight|^wt$", re.IGNORECASE)

#: Mean length (characters) of the filled cells above which a column looks like open answers.
OPEN_TEXT_MEAN = 25
#: Or: this many words on average, with at least :data:`OPEN_DISTINCT_SHARE` of the filled cells different
#: (short written answers, unlike a closed answer such as "helemaal mee eens" that many respondents share).
OPEN_TEXT_WORDS = 3
OPEN_DISTINCT_SHARE = 0.6
#: Share of letters among the non-space characters of the filled cells: below it, numbers, dates or codes.
OPEN_LETTER_SHARE = 0.6

#: Most distinct values an attribute column usually has (doelgroep, bestuurslaag, …).
ATTRIBUTE_MAX_VALUES = 50

#: Rows looked at for the guess (open questions: the filled cells among up to :data:`TEXT_SAMPLE` rows, so that a
#: question few respondents got still has enough answers to judge).
SAMPLE = 500
TEXT_SAMPLE = 5000


def filled_values(values: pd.Series) -> pd.Series:
    """The non-empty cells of a column, as stripped text."""
    text = values.dropna().astype(str).str.strip()
    return text[text != ""]


def looks_like_open_answers(values: pd.Series) -> bool:
    """Whether a column's filled cells read like open answers: mostly letters, and long or varied sentences.

    Empty cells do not count: a routed question that 10% of the respondents got is judged by its 10%.
    """
    filled = filled_values(values)
    if filled.empty:
        return False
    characters = filled.str.replace(r"\s+", "", regex=True)
    letters = characters.str.count(r"[^\W\d_]").sum() / max(1, characters.str.len().sum())
    if letters < OPEN_LETTER_SHARE:
        return False
    if filled.str.len().mean() >= OPEN_TEXT_MEAN:
        return True
    words = filled.str.split().str.len().mean()
    return bool(words >= OPEN_TEXT_WORDS and filled.nunique() >= OPEN_DISTINCT_SHARE * len(filled))


def guess_mapping(table: Table) -> SurveyMapping:
    """Guess the id, open-question, attribute and weight columns from names and contents of the first rows.

    Open questions: :func:`looks_like_open_answers`. Attributes: the other columns with 2 to
    :data:`ATTRIBUTE_MAX_VALUES` different values.
    """
    frame = table.frame.head(SAMPLE)
    columns = table.columns
    unique = {c: frame[c].nunique() for c in columns}
    mean_length = {c: frame[c].astype(str).str.len().mean() for c in columns}
    id_column = next((c for c in columns if _ID.search(c) and unique[c] == len(frame)), None)
    if id_column is None:
        id_column = next((c for c in columns if unique[c] == len(frame) and mean_length[c] < 20), columns[0])
    weight = next((c for c in columns if c != id_column and _WEIGHT.search(c)), None)
    rows = table.frame.head(TEXT_SAMPLE)
    texts = [c for c in columns if c not in (id_column, weight) and looks_like_open_answers(rows[c])]
    attributes = [
        c for c in columns
        if c not in (id_column, weight, *texts) and 1 < unique[c] <= ATTRIBUTE_MAX_VALUES
    ]
    return SurveyMapping(id=id_column, texts=texts, attributes=attributes, weight=weight)
