"""The report as a Word document (python-docx): real heading styles, tables, the bar chart, quotes in italics,
and the footnote that answers to an open question cannot be extrapolated."""

from __future__ import annotations

import io
from typing import Any, BinaryIO

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from coding.analysis.model import QuestionReport, ReportData
from coding.report import text as nl
from coding.report.chart import bar_chart_png
from coding.report.footnotes import add_footnote
from coding.report.trend import trend_chart_png, trend_table


def _table(document: Any, table: nl.Table, number: int) -> None:
    caption = document.add_paragraph()
    caption.add_run(f"Tabel {number}. {table.caption}").bold = True
    grid = document.add_table(rows=1 + len(table.rows), cols=len(table.header))
    grid.style = "Table Grid"
    for row_index, values in enumerate([table.header, *table.rows]):
        for column, value in enumerate(values):
            cell = grid.cell(row_index, column)
            cell.text = value
            paragraph = cell.paragraphs[0]
            if column:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            for run in paragraph.runs:
                run.font.size = Pt(9)
                run.bold = row_index == 0
    if table.basis:
        document.add_paragraph().add_run(table.basis).font.size = Pt(9)
    note = document.add_paragraph()
    run = note.add_run(table.note)
    run.italic = True
    run.font.size = Pt(8)


def add_section(document: Any, report: QuestionReport, *, level: int = 1, first_table: int = 1) -> int:
    """Add one question's section to ``document``; returns the number of the next table."""
    document.add_heading(nl.title(report), level=level)
    lines = nl.basis_lines(report)
    for line in lines[:-1]:
        document.add_paragraph(line)
    basis = document.add_paragraph(lines[-1])
    add_footnote(document, basis, nl.footnote(report))
    document.add_paragraph(nl.intro(report))
    for row in nl.themes_in_text(report):
        document.add_heading(str(row.label), level=level + 1)
        sentence = f"{nl.theme_sentence(report, row)} {nl.significance_sentence(report, str(row.code))}".strip()
        document.add_paragraph(sentence)
        quotes = report.quotes.get(str(row.code), [])
        if quotes:
            document.add_paragraph(nl.quotes_intro(len(quotes)))
            for quote in quotes:
                paragraph = document.add_paragraph(style="List Bullet")
                paragraph.add_run(f"“{quote.text}”").italic = True
                if quote.attribution:
                    paragraph.add_run(f" ({quote.attribution})")
    number = first_table
    _table(document, nl.counts_table(report), number)
    number += 1
    document.add_picture(io.BytesIO(bar_chart_png(report)), width=Cm(15))
    for crosstab in report.crosstabs:
        _table(document, nl.crosstab_table(report, crosstab), number)
        number += 1
    if report.trend is not None:
        _table(document, trend_table(report), number)
        number += 1
        document.add_picture(io.BytesIO(trend_chart_png(report)), width=Cm(15))
    return number


def build_document(report: ReportData) -> Any:
    """The python-docx Document of a report (one section, or a whole report with a title)."""
    document = Document()
    document.core_properties.title = report.study
    document.core_properties.author = "coding"
    level = 1
    if not report.single:
        document.add_heading(report.study, level=0)
        if report.description:
            document.add_paragraph(report.description)
    number = 1
    for question in report.questions:
        number = add_section(document, question, level=level, first_table=number)
    return document


def write_docx(report: ReportData, out: BinaryIO) -> None:
    """Write the report as a .docx file to ``out``."""
    build_document(report).save(out)
