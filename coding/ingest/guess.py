"""A first guess at the column roles of a survey table, for the import wizard to start from.

The researcher always confirms or changes the guess; nothing is imported on a guess alone.
"""

from __future__ import annotations

import re

from coding.ingest.survey import SurveyMapping
from coding.ingest.tabular import Table

_ID = re.compile(r"(^|_|\b)(id|resp|respondent|respnr|nummer|nr)($|_|\b)", re.IGNORECASE)
_WEIGHT = re.compile(r"weg(ing|ingsfactor)|gewicht|weight|^wt$", re.IGNORECASE)

#: Mean length (characters) above which a column looks like open answers.
OPEN_TEXT_MEAN = 25

#: Most distinct values an attribute column usually has (doelgroep, bestuurslaag, …).
ATTRIBUTE_MAX_VALUES = 50

#: Rows looked at for the guess.
SAMPLE = 500


def guess_mapping(table: Table) -> SurveyMapping:
    """Guess the id, open-question, attribute and weight columns from names and contents of the first rows."""
    frame = table.frame.head(SAMPLE)
    columns = table.columns
    unique = {c: frame[c].nunique() for c in columns}
    mean_length = {c: frame[c].astype(str).str.len().mean() for c in columns}
    id_column = next((c for c in columns if _ID.search(c) and unique[c] == len(frame)), None)
    if id_column is None:
        id_column = next((c for c in columns if unique[c] == len(frame) and mean_length[c] < 20), columns[0])
    weight = next((c for c in columns if c != id_column and _WEIGHT.search(c)), None)
    texts = [c for c in columns if c not in (id_column, weight) and mean_length[c] >= OPEN_TEXT_MEAN]
    attributes = [
        c for c in columns
        if c not in (id_column, weight, *texts) and 1 < unique[c] <= ATTRIBUTE_MAX_VALUES
    ]
    return SurveyMapping(id=id_column, texts=texts, attributes=attributes, weight=weight)
