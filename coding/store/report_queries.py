"""Read functions the report stage needs beyond themes, segments, respondents and codings: the full text of
transcripts. (A question's themes, retired and merged ones included, come from
:func:`coding.store.codebooks.theme_table` with ``include_retired=True``.)"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select

from coding.store.db import Store
from coding.store.models import Document, Respondent
from coding.store.refs import QuestionRef

DOCUMENT_COLUMNS = ["document_id", "respondent_id", "filename", "text"]


def documents_frame(store: Store, question: QuestionRef) -> pd.DataFrame:
    """The transcripts of an interview question: document id, respondent (external) id, file name, full text."""
    with store.read() as session:
        rows = session.execute(
            select(Document.id, Respondent.external_id, Document.filename, Document.text)
            .join(Respondent, Respondent.id == Document.respondent_id)
            .where(Document.question_id == question.id)
            .order_by(Document.id)
        ).all()
    return pd.DataFrame(rows, columns=DOCUMENT_COLUMNS)
