"""Read functions the report stage needs beyond segments, respondents and codings: themes with their merges,
and the full text of transcripts."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select

from coding.store.codebooks import theme_table
from coding.store.db import Store
from coding.store.models import Document, Respondent
from coding.store.studies import find_question, find_study

THEME_FRAME_COLUMNS = ["theme_id", "code", "label", "parent", "definition", "position", "retired", "merged_into"]
DOCUMENT_COLUMNS = ["document_id", "respondent_id", "filename", "text"]


def theme_frame(store: Store, study: str, question: str) -> pd.DataFrame:
    """Every theme of a question's codebook, retired ones included, in the columns the report stage uses.

    ``parent`` and ``merged_into`` are theme codes (or None). Empty when the question has no codebook.
    """
    frame = theme_table(store, study, question, include_retired=True)[THEME_FRAME_COLUMNS].copy()
    for column in ("parent", "merged_into"):  # keep None rather than NaN
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


def documents_frame(store: Store, study: str, question: str) -> pd.DataFrame:
    """The transcripts of an interview question: document id, respondent (external) id, file name, full text."""
    with store.read() as session:
        q = find_question(session, find_study(session, study), question)
        rows = session.execute(
            select(Document.id, Respondent.external_id, Document.filename, Document.text)
            .join(Respondent, Respondent.id == Document.respondent_id)
            .where(Document.question_id == q.id)
            .order_by(Document.id)
        ).all()
    return pd.DataFrame(rows, columns=DOCUMENT_COLUMNS)
