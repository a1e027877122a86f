"""The Word report, opened again with python-docx: heading styles, tables, the chart, quotes in italics, footnote."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document

from coding.analysis.build import analyse_question, build_report
from coding.analysis.model import ReportData, ReportOptions
from coding.demo import DEMO_STUDY
from coding.report.word import write_docx
from coding.store import study_ref
from tests.export_readers import footnote_texts
from tests.report_fixtures import coded_demo_copy, hand_data


def _reopen(report: ReportData) -> object:
    buffer = io.BytesIO()
    write_docx(report, buffer)
    buffer.seek(0)
    return Document(buffer)


def test_demo_report_as_docx(tmp_path: Path) -> None:
    store = coded_demo_copy(tmp_path)
    report = build_report(store, study_ref(store, DEMO_STUDY), options=ReportOptions(weighted=True, by=("doelgroep",)))
    store.dispose()
    document = _reopen(report)
    paragraphs = document.paragraphs  # type: ignore[attr-defined]
    headings = [(p.style.name, p.text) for p in paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == ("Heading 1", DEMO_STUDY)  # the chapter
    assert ("Heading 2", "Belemmeringen") in headings and ("Heading 2", "Vrij voelen") in headings
    assert ("Heading 3", "Goede relatie met collega's of leidinggevende") in headings
    assert not any(style == "Title" for style, _ in headings)
    # two questions: a counts table, a crosstab and a trend table (two waves) each
    tables = document.tables  # type: ignore[attr-defined]
    assert len(tables) == 6
    assert tables[2].rows[0].cells[0].text == "Thema" and tables[2].rows[0].cells[1].text.startswith("2022 (n = ")
    assert [c.text for c in tables[0].rows[0].cells] == ["Thema", "Aantal", "%", "% gewogen"]
    assert tables[0].rows[-1].cells[0].text == "Basis (n)"
    assert any("▲" in c.text for t in tables for row in t.rows for c in row.cells)
    # quotes: italic runs in bullets, introduced as a Dutch report does
    bullets = [p for p in paragraphs if p.style.name == "List Bullet"]
    assert bullets and all(p.runs[0].italic and p.runs[0].text.startswith("“") for p in bullets)
    assert any(p.text == "Een aantal citaten ter illustratie:" for p in paragraphs)
    # the bar chart and the trend chart, once per question
    images = [r for r in document.part.rels.values() if r.reltype.endswith("/image")]  # type: ignore[attr-defined]
    assert len(images) == 4
    # the footnote is a real Word footnote
    notes = footnote_texts(document)
    assert len(notes) == 2 and all("kunnen niet worden geëxtrapoleerd" in n for n in notes.values())


def test_single_section_has_no_title_and_masks_quotes() -> None:
    section = analyse_question(hand_data(), ReportOptions(quotes=5))
    document = _reopen(ReportData("hand", "", section.options, [section], single=True))
    paragraphs = document.paragraphs  # type: ignore[attr-defined]
    assert paragraphs[0].style.name == "Heading 1" and paragraphs[0].text == "Vraag"
    text = "\n".join(p.text for p in paragraphs)
    assert "[telefoonnummer]" in text and "06-12345678" not in text
    assert "Basis: alle respondenten, exclusief 'weet niet'; n = 8." in text
