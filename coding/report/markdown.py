"""The report as Markdown: one section per question (headings, quotes in italics, tables, footnote)."""

from __future__ import annotations

import re
from typing import TextIO

from coding.analysis.model import STYLE_QUALITATIVE, QuestionReport, Quote, ReportData
from coding.output import md_escape as escape  # the one escape for all data-derived text
from coding.report import prose
from coding.report import text as nl
from coding.report.trend import trend_table


def _table(table: nl.Table, number: int, chapter: int = 1) -> list[str]:
    align = [":--"] + ["--:"] * (len(table.header) - 1)
    lines = [
        f"**Tabel {chapter}.{number} – {escape(table.caption)}**",  # numbered as the Word captions
        "",
        "| " + " | ".join(escape(h) for h in table.header) + " |",
        "|" + "|".join(align) + "|",
    ]
    lines += ["| " + " | ".join(escape(c) for c in row) + " |" for row in table.rows]
    lines += [""] + ([escape(table.basis), ""] if table.basis else [])
    lines += ([escape(table.legend), ""] if table.legend else []) + [f"*{escape(table.note)}*", ""]
    return lines


def _footnote_id(report: QuestionReport) -> str:
    return "open-" + re.sub(r"[^\w-]+", "-", report.name).strip("-").lower()


def _quotes(quotes: list[Quote], intro: str) -> list[str]:
    """An introduced list of quotes in italics and curly quotes, attributed in brackets where they are."""
    if not quotes:
        return []
    lines = [intro, ""]
    for quote in quotes:
        attribution = f" ({escape(quote.attribution)})" if quote.attribution else ""
        lines.append(f"- *“{escape(quote.text)}”*{attribution}")
    return [*lines, ""]


def qualitative_section(report: QuestionReport, *, level: int = 2) -> str:
    """A kwalitatief section: the question and Basis line, one paragraph on the themes in words, the quotes (and the
    joined interviews'), and the footnote — no percentages or counts (see coding.report.prose)."""
    lines = [f"{'#' * level} {escape(nl.title(report))}", ""]
    for line in nl.basis_lines(report):
        lines += [escape(line), ""]
    lines += [escape(prose.paragraph(report)) + f"[^{_footnote_id(report)}]", ""]
    quotes = prose.quotes(report)
    lines += _quotes(quotes, prose.quotes_intro(len(quotes)))
    if report.interviews is not None:
        lines += [escape(prose.interview_paragraph(report)), ""]
        joined = prose.interview_quotes(report)
        lines += _quotes(joined, prose.quotes_intro(len(joined), interviews=True))
    lines += [f"[^{_footnote_id(report)}]: {escape(nl.footnote(report))}", ""]
    return "\n".join(lines)


def section(report: QuestionReport, *, level: int = 2, first_table: int = 1) -> tuple[str, int]:
    """One question's section as Markdown; returns the text and the number of the next table.

    A kwalitatief section (always for interviews) has no tables: see :func:`qualitative_section`."""
    if report.style == STYLE_QUALITATIVE:
        return qualitative_section(report, level=level), first_table
    heading = "#" * level
    lines = [f"{heading} {escape(nl.title(report))}", ""]
    basis = nl.basis_lines(report)
    for line in basis[:-1]:
        lines += [escape(line), ""]
    lines += [escape(basis[-1]) + f"[^{_footnote_id(report)}]", "", escape(nl.intro(report)), ""]
    for row in nl.themes_in_text(report):
        lines += [f"{heading}# {escape(str(row.label))}", ""]
        paragraph = nl.theme_sentence(report, row)
        significance = nl.significance_sentence(report, str(row.code))
        lines += [escape(f"{paragraph} {significance}".strip()), ""]
        quotes = report.quotes.get(str(row.code), [])
        lines += _quotes(quotes, prose.quotes_intro(len(quotes)))
        joined = prose.theme_interview_quotes(report, str(row.code))
        lines += _quotes(joined, prose.quotes_intro(len(joined), interviews=True))
    number = first_table
    tables = [nl.counts_table(report)] + [nl.crosstab_table(report, c) for c in report.crosstabs]
    if report.trend is not None:
        tables.append(trend_table(report))
    for table in tables:
        lines += _table(table, number, report.options.chapter)
        number += 1
    lines += [f"[^{_footnote_id(report)}]: {escape(nl.footnote(report))}", ""]
    return "\n".join(lines), number


def render_markdown(report: ReportData) -> str:
    """The whole report: a title for a study report, or the single section of one question."""
    parts: list[str] = []
    level = 2
    if not report.single:
        parts.append(f"# {escape(report.study)}\n")
        if report.description:
            parts.append(escape(report.description) + "\n")
    number = 1
    for question in report.questions:
        text, number = section(question, level=level, first_table=number)
        parts.append(text)
    return "\n".join(parts).rstrip("\n") + "\n"


def write_markdown(report: ReportData, out: TextIO) -> None:
    """Write the report as Markdown (UTF-8 text) to ``out``."""
    out.write(render_markdown(report))
