"""One sentence that tells the coder where to go next, from what the study and the open question hold."""

from __future__ import annotations

import pandas as pd

from coding.store import QuestionRef, Store
from coding.store.codebooks import theme_table


def next_step(store: Store, status: pd.DataFrame, question: QuestionRef | None) -> str:
    """The next step for a study (its :func:`coding.store.studies.study_status`) and the question open in the sidebar.

    No questions: import; no codebook: make themes; nothing coded: code (or cluster first); partly coded: code on,
    with the report in reach; everything coded: the report.
    """
    if status.empty:
        return "Volgende stap: importeer een enquête-export of interviews op de pagina Start."
    if question is None:
        return "Volgende stap: kies links een vraag."
    row = status[status["question"] == question.name]
    if theme_table(store, question).empty:
        return ("Volgende stap: maak thema's op de pagina Codeboek (of laad een codeboek); de pagina Clusters "
                "groepeert de antwoorden alvast.")
    coded = int(row["coded"].iloc[0]) if len(row) else 0
    substantive = int(row["substantive"].iloc[0]) if len(row) else 0
    if coded == 0:
        return "Volgende stap: codeer de eerste antwoorden op de pagina Coderen."
    if coded < substantive:
        return (f"Volgende stap: codeer verder op de pagina Coderen ({substantive - coded:,} antwoorden nog open); "
                "tussenstand op de pagina Rapport.").replace(",", ".")
    return "Alles is gecodeerd. Volgende stap: het rapport op de pagina Rapport."
