"""The report as a Word document (python-docx) that pastes into a Dutch government report: A4, margins 2.5 cm,
nl-NL in the defaults and every style, a heading per chapter/question/theme, captions "Tabel 2.4 – …" and
"Figuur 2.1 – …" in Word's caption style with SEQ fields, a "Basis" line under each table, significant cells in
green/red beside their ▲/▼, quotes in italics, and the footnote that an open question cannot be extrapolated."""

from __future__ import annotations

import io
import re
from typing import Any, BinaryIO

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor, Twips

from coding.analysis.model import STYLE_QUALITATIVE, QuestionReport, Quote, ReportData
from coding.report import prose
from coding.report import text as nl
from coding.report.chart import bar_chart_png, chart_caption
from coding.report.footnotes import add_footnote
from coding.report.trend import has_trend_chart, trend_chart_png, trend_table

#: A4 in twips (Word's unit) and the margins of a Dutch government report.
PAGE_WIDTH, PAGE_HEIGHT = Twips(11906), Twips(16838)
MARGIN = Cm(2.5)
LANGUAGE = "nl-NL"
#: Significantly higher/lower cells: the Monitor's green and red (the seed defines no colours of its own).
HIGHER_COLOUR, LOWER_COLOUR = RGBColor(0x00, 0xB0, 0x50), RGBColor(0xC0, 0x00, 0x00)
#: The legend of ▲/▼: the line under every crosstab starts with it and says the correction (coding.report.text).
SIGNIFICANCE_LEGEND = nl.SIGNIFICANCE_LEGEND
BASIS_STYLE = "Basis"
CAPTION_STYLE = "Caption"  # Word's built-in caption style, "Bijschrift" in Dutch Word
#: Column widths of a table: the labels get what the number columns leave of the text width.
TEXT_WIDTH = Cm(16.0)
NUMBER_COLUMN, WIDE_NUMBER_COLUMN, MIN_LABEL_COLUMN = Cm(2.0), Cm(3.0), Cm(6.0)
KEEP_TOGETHER = 15  # a table of up to this many rows is kept on one page (with its caption)
_RPR_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


class _Numbers:
    """The running numbers of tables and figures in one chapter: "Tabel 2.4", "Figuur 2.1"."""

    def __init__(self, chapter: int, table: int = 1, figure: int = 1) -> None:
        self.chapter, self.table, self.figure = chapter, table, figure


def _set_language(rpr: Any) -> None:
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)
    lang.set(qn("w:bidi"), "ar-SA")
    rpr.insert_element_before(lang, *_RPR_AFTER_LANG)


def _dutch(document: Any) -> None:
    """Language nl-NL on the document defaults and on every style (spelling, hyphenation, field formats)."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    _set_language(rpr_default.find(qn("w:rPr")))
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) in ("paragraph", "character"):
            _set_language(style.get_or_add_rPr())
    settings = document.settings.element
    for name, value in (("w:themeFontLang", LANGUAGE), ("w:decimalSymbol", ","), ("w:listSeparator", ";")):
        element = settings.find(qn(name))
        if element is not None:
            element.set(qn("w:val"), value)
    document.core_properties.language = LANGUAGE


def _page(document: Any) -> None:
    for section in document.sections:
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = MARGIN


def _styles(document: Any) -> None:
    """The caption style in black (the template's is blue), and "Basis": the small line under a table."""
    caption = document.styles[CAPTION_STYLE]
    caption.font.color.rgb = RGBColor(0, 0, 0)
    caption.font.size = Pt(9)
    caption.paragraph_format.keep_with_next = True
    caption.paragraph_format.space_before = Pt(12)
    caption.paragraph_format.space_after = Pt(4)
    basis = document.styles.add_style(BASIS_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    basis.base_style = document.styles["Normal"]
    basis.quick_style = True
    basis.font.size = Pt(8)
    basis.paragraph_format.space_before = Pt(2)
    basis.paragraph_format.space_after = Pt(2)
    _set_language(basis.element.get_or_add_rPr())


def _field_run(paragraph: Any, kind: str, attribute: str, value: str) -> None:
    """A complex field with its result filled in, so the text is right before Word updates the fields."""
    def char(fld_type: str) -> Any:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), fld_type)
        return element

    paragraph.add_run()._r.append(char("begin"))
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {kind} {attribute} \\* ARABIC "
    paragraph.add_run()._r.append(instruction)
    paragraph.add_run()._r.append(char("separate"))
    paragraph.add_run(value)
    paragraph.add_run()._r.append(char("end"))


def _caption(document: Any, label: str, chapter: int, number: int, text: str) -> Any:
    """ "Tabel 2.4 – Aandeel …" in the caption style: the chapter as text, the number a SEQ field."""
    paragraph = document.add_paragraph(style=CAPTION_STYLE)
    paragraph.add_run(f"{label} {chapter}.")
    _field_run(paragraph, "SEQ", label, str(number))
    paragraph.add_run(f" – {text}")
    return paragraph


def _marks(table: nl.Table) -> list[list[str]]:
    """Per body cell: "higher", "lower" or "" — the cells' own ▲/▼ (the same on every writer)."""
    def mark(column: int, value: str) -> str:
        if not column:  # the label column
            return ""
        return "higher" if value.endswith(nl.UP) else "lower" if value.endswith(nl.DOWN) else ""

    return [[mark(column, value) for column, value in enumerate(row)] for row in table.rows]


def _repeat_header(row: Any) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _widths(header: list[str]) -> list[int]:
    """The label column gets what the number columns leave; a number column is wider when its header is a group
    name ("politieke ambtsdrager (n = 104)"), never so wide that the labels get under 6 cm."""
    columns = len(header)
    wanted = WIDE_NUMBER_COLUMN if any(len(name) > 10 for name in header[1:]) else NUMBER_COLUMN
    number = min(wanted, (TEXT_WIDTH - MIN_LABEL_COLUMN) // max(columns - 1, 1))
    return [TEXT_WIDTH - number * (columns - 1)] + [number] * (columns - 1)


def _legend(document: Any, legend: str) -> None:
    """The legend of ▲/▼ in the Basis style, the arrows in the colours of the cells they mark."""
    paragraph = document.add_paragraph(style=BASIS_STYLE)
    for piece in filter(None, re.split(f"([{nl.UP}{nl.DOWN}])", legend)):
        run = paragraph.add_run(piece)
        if piece in (nl.UP, nl.DOWN):
            run.font.color.rgb = HIGHER_COLOUR if piece == nl.UP else LOWER_COLOUR


def _table(document: Any, table: nl.Table, numbers: _Numbers) -> None:
    """Caption, table, Basis line, the legend of ▲/▼ (a crosstab: marks against the other groups), the note."""
    _caption(document, "Tabel", numbers.chapter, numbers.table, table.caption)
    numbers.table += 1
    grid = document.add_table(rows=1 + len(table.rows), cols=len(table.header))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    grid.autofit = False
    widths = _widths(table.header)
    keep = len(table.rows) < KEEP_TOGETHER
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width
    _repeat_header(grid.rows[0])
    marks = _marks(table)
    for row_index, values in enumerate([table.header, *table.rows]):
        for column, value in enumerate(values):
            cell = grid.cell(row_index, column)
            cell.width = widths[column]
            cell.text = value
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            paragraph.paragraph_format.keep_with_next = keep  # caption, rows and Basis line on one page
            if column:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            mark = marks[row_index - 1][column] if row_index else ""
            for run in paragraph.runs:
                run.font.size = Pt(9)
                run.bold = row_index == 0
                if mark:
                    run.font.color.rgb = HIGHER_COLOUR if mark == "higher" else LOWER_COLOUR
    if table.basis:
        document.add_paragraph(table.basis, style=BASIS_STYLE)
    if table.legend:
        _legend(document, table.legend)
    if table.note:
        document.add_paragraph(style=BASIS_STYLE).add_run(table.note).italic = True


def _figure(document: Any, png: bytes, numbers: _Numbers, text: str) -> None:
    document.add_picture(io.BytesIO(png), width=Cm(15))
    document.paragraphs[-1].paragraph_format.keep_with_next = True
    caption = _caption(document, "Figuur", numbers.chapter, numbers.figure, text)
    caption.paragraph_format.keep_with_next = False
    caption.paragraph_format.space_before = Pt(2)
    numbers.figure += 1


def _quotes(document: Any, quotes: list[Quote], intro: str) -> None:
    """An introduced list of quotes in italics and curly quotes, attributed in brackets where they are."""
    if not quotes:
        return
    document.add_paragraph(intro)
    for quote in quotes:
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(f"“{quote.text}”").italic = True
        if quote.attribution:
            paragraph.add_run(f" ({quote.attribution})")


def add_qualitative_section(document: Any, report: QuestionReport, *, level: int = 1) -> None:
    """A kwalitatief section: the question and Basis line, one paragraph on the themes in words with the footnote,
    the quotes (and the joined interviews') — no tables, charts, percentages or counts (see coding.report.prose)."""
    document.add_heading(nl.title(report), level=level)
    for line in nl.basis_lines(report):
        document.add_paragraph(line)
    add_footnote(document, document.add_paragraph(prose.paragraph(report)), nl.footnote(report))
    quotes = prose.quotes(report)
    _quotes(document, quotes, prose.quotes_intro(len(quotes)))
    if report.interviews is not None:
        document.add_paragraph(prose.interview_paragraph(report))
        joined = prose.interview_quotes(report)
        _quotes(document, joined, prose.quotes_intro(len(joined), interviews=True))


def add_section(document: Any, report: QuestionReport, numbers: _Numbers, *, level: int = 1) -> None:
    """Add one question's section to ``document``, numbering its tables and figures on from ``numbers``.

    A kwalitatief section (always for interviews) has no tables: see :func:`add_qualitative_section`."""
    if report.style == STYLE_QUALITATIVE:
        add_qualitative_section(document, report, level=level)
        return
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
        _quotes(document, quotes, prose.quotes_intro(len(quotes)))
        joined = prose.theme_interview_quotes(report, str(row.code))
        _quotes(document, joined, prose.quotes_intro(len(joined), interviews=True))
    _table(document, nl.counts_table(report), numbers)
    _figure(document, bar_chart_png(report, title=False), numbers, chart_caption(report))
    for crosstab in report.crosstabs:
        _table(document, nl.crosstab_table(report, crosstab), numbers)
    if report.trend is not None:
        trend = trend_table(report)
        _table(document, trend, numbers)
        if has_trend_chart(report):
            _figure(document, trend_chart_png(report), numbers,
                    f"{nl.title(report)}: {trend.caption[:1].lower()}{trend.caption[1:]}")


def build_document(report: ReportData) -> Any:
    """The python-docx Document of a report: A4, nl-NL, one chapter (``--chapter``) with a section per question.

    A whole report has the study as its chapter heading (Heading 1), a question per Heading 2 and a theme per
    Heading 3; a single section starts at Heading 1 (the question), to be pasted under a chapter of one's own.
    """
    document = Document()
    document.core_properties.title = report.study
    document.core_properties.author = "coding"
    _page(document)
    _styles(document)
    _dutch(document)
    level = 1
    if not report.single:
        document.add_heading(report.study, level=1)
        if report.description:
            document.add_paragraph(report.description)
        level = 2
    numbers = _Numbers(report.options.chapter)
    for question in report.questions:
        add_section(document, question, numbers, level=level)
    return document


def write_docx(report: ReportData, out: BinaryIO) -> None:
    """Write the report as a .docx file to ``out``."""
    build_document(report).save(out)
