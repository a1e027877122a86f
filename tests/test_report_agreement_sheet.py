"""The report workbook gets an agreement sheet for a question with a double-coding sample, and none without."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook

from coding.analysis.build import build_report
from coding.report.spreadsheet import write_xlsx
from coding.store import Store, question_ref, study_ref
from coding.store.codings import add_coding
from coding.work.double_coding import draw_sample
from tests.ui_helpers import QUESTION, STUDY, small_ui_study

pytest_plugins = ["tests.ui_fixtures"]  # ui_store


def _sheets(store: Store) -> dict[str, list[tuple[object, ...]]]:
    out = io.BytesIO()
    write_xlsx(build_report(store, study_ref(store, STUDY), question_ref(store, STUDY, QUESTION)), out)
    book = load_workbook(io.BytesIO(out.getvalue()))
    return {s.title: list(s.iter_rows(values_only=True)) for s in book.worksheets}


def test_agreement_sheet_only_with_double_coded_answers(ui_store: Store, tmp_path: Path) -> None:
    themes = small_ui_study(ui_store, tmp_path)
    question = question_ref(ui_store, STUDY, QUESTION)
    sample = draw_sample(ui_store, question, ["anna", "bram"], size=4, seed=0, actor="lead")
    add_coding(ui_store, sample.segment_ids[0], themes["vertrouwen"], "anna")
    assert f"{QUESTION} overeenstemming" not in _sheets(ui_store)  # nobody double-coded yet
    for segment_id in sample.segment_ids:
        add_coding(ui_store, segment_id, themes["vertrouwen"], "anna")
        add_coding(ui_store, segment_id, themes["vertrouwen"], "bram")
    add_coding(ui_store, sample.segment_ids[0], themes["opvolging"], "bram")
    rows = _sheets(ui_store)[f"{QUESTION} overeenstemming"]
    header = list(rows[0])
    assert header[:3] == ["thema", "label", "eenheden"] and "% overeenstemming" in header
    overall = dict(zip(header, rows[1], strict=True))
    assert overall["eenheden"] == 4 and overall["% overeenstemming"] == 75.0
    assert {r[0] for r in rows[2:]} == set(themes)
