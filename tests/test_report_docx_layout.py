"""The Word report pastes cleanly into a Dutch government report: A4, margins 2.5 cm, nl-NL, captions with SEQ fields
("Tabel 2.1 – …", "Figuur 2.1 – …"), a "Basis" style under each table, label column wide and number columns narrow
and right-aligned, the header row repeated on every page, significant cells in green/red with the legend."""

from __future__ import annotations

import io
import itertools
import re
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from coding.analysis.build import analyse_question, build_report
from coding.analysis.model import ReportData, ReportOptions
from coding.demo import DEMO_STUDY
from coding.report import text as nl
from coding.report.word import HIGHER_COLOUR, LOWER_COLOUR, SIGNIFICANCE_LEGEND, _marks, write_docx
from coding.store import study_ref
from tests.report_fixtures import coded_demo_copy, hand_data


def _docx(report: ReportData) -> Any:
    buffer = io.BytesIO()
    write_docx(report, buffer)
    buffer.seek(0)
    return Document(buffer)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The coded demo study's whole report, chapter 2, crosstab by doelgroep (has ▲/▼ cells), as a Document."""
    store = coded_demo_copy(tmp_path_factory.mktemp("layout"))
    options = ReportOptions(weighted=True, by=("doelgroep",), chapter=2)
    report = build_report(store, study_ref(store, DEMO_STUDY), options=options)
    store.dispose()
    return _docx(report)


def _captions(document: Any) -> list[Any]:
    return [p for p in document.paragraphs if p.style.name == "Caption"]


def test_a4_with_margins_of_2_5_cm(demo: Any) -> None:
    for section in demo.sections:
        size = section._sectPr.find(qn("w:pgSz"))
        assert (size.get(qn("w:w")), size.get(qn("w:h"))) == ("11906", "16838")
        for margin in (section.left_margin, section.right_margin, section.top_margin, section.bottom_margin):
            assert abs(margin - Cm(2.5)) < Cm(0.01)


def test_language_is_dutch_in_the_defaults_and_every_style(demo: Any) -> None:
    styles = demo.styles.element
    default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert default.get(qn("w:val")) == "nl-NL"
    text_styles = [s for s in styles.findall(qn("w:style")) if s.get(qn("w:type")) in ("paragraph", "character")]
    assert text_styles
    for style in text_styles:
        langs = style.findall(f"{qn('w:rPr')}/{qn('w:lang')}")
        assert [lang.get(qn("w:val")) for lang in langs] == ["nl-NL"], style.get(qn("w:styleId"))
    assert "en-US" not in demo.styles.element.xml
    assert demo.settings.element.find(qn("w:themeFontLang")).get(qn("w:val")) == "nl-NL"
    assert demo.core_properties.language == "nl-NL"


def test_heading_hierarchy_chapter_question_theme(demo: Any) -> None:
    levels = [p.style.name for p in demo.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert levels[0] == "Heading 1" and levels.count("Heading 1") == 1
    assert "Heading 2" in levels and "Heading 3" in levels and "Title" not in levels
    # never a jump of two levels down
    depth = [int(name.split()[-1]) for name in levels]
    assert all(b - a <= 1 for a, b in itertools.pairwise(depth))


def test_captions_number_tables_and_figures_in_the_chapter(demo: Any) -> None:
    captions = [p.text for p in _captions(demo)]
    tables = [c for c in captions if c.startswith("Tabel")]
    figures = [c for c in captions if c.startswith("Figuur")]
    assert len(tables) == len(demo.tables) == 6
    assert [c.split(" – ")[0] for c in tables] == [f"Tabel 2.{i}" for i in range(1, 7)]
    assert [c.split(" – ")[0] for c in figures] == [f"Figuur 2.{i}" for i in range(1, 5)]
    assert tables[0] == "Tabel 2.1 – Aandeel respondenten dat een thema noemt"
    assert not any(re.match(r"Tabel \d+\. ", p.text) for p in demo.paragraphs)  # not the old bold "Tabel 1. …"
    # the number is a real SEQ field with its result filled in
    first = _captions(demo)[0]._p
    instructions = [t.text for t in first.iter(qn("w:instrText"))]
    assert instructions == [" SEQ Tabel \\* ARABIC "]
    kinds = [c.get(qn("w:fldCharType")) for c in first.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]
    # a table's caption is above it, a figure's under it
    body = list(demo.element.body)
    for paragraph in _captions(demo):
        following = body[body.index(paragraph._p) + 1]
        preceding = body[body.index(paragraph._p) - 1]
        if paragraph.text.startswith("Tabel"):
            assert following.tag == qn("w:tbl")
        else:
            assert preceding.findall(f".//{qn('w:drawing')}")


def test_chapter_option_defaults_to_one() -> None:
    section = analyse_question(hand_data(), ReportOptions())
    document = _docx(ReportData("hand", "", section.options, [section], single=True))
    captions = [p.text for p in _captions(document)]
    assert captions[0].startswith("Tabel 1.1 – ") and captions[1].startswith("Figuur 1.1 – ")


def test_basis_style_under_every_table(demo: Any) -> None:
    basis = demo.styles["Basis"]
    assert basis.font.size == Pt(8)
    body = list(demo.element.body)
    for table in demo.tables:
        after = body[body.index(table._tbl) + 1]
        style = after.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        assert style is not None and style.get(qn("w:val")) == "Basis"
        assert "".join(t.text for t in after.iter(qn("w:t"))).startswith("Basis")


def test_columns_header_repeat_and_alignment(demo: Any) -> None:
    for table in demo.tables:
        header = table.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}")
        assert header is not None
        widths = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert widths[0] > 2 * max(widths[1:]) and len(set(widths[1:])) == 1
        assert sum(widths) <= Cm(16).twips + len(widths)
        for row in table.rows:
            cells = row.cells
            assert cells[0].paragraphs[0].alignment != WD_ALIGN_PARAGRAPH.RIGHT
            assert all(c.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT for c in cells[1:])


def test_significant_cells_in_green_and_red_with_the_legend(demo: Any) -> None:
    coloured = {"▲": set(), "▼": set()}
    plain = set()
    for table in demo.tables:
        for row in table.rows[1:]:
            for cell in row.cells:
                colours = {r.font.color.rgb for r in cell.paragraphs[0].runs}
                if cell.text.endswith(("▲", "▼")):
                    coloured[cell.text[-1]] |= colours
                else:
                    plain |= colours
    assert coloured["▲"] == {HIGHER_COLOUR} and str(HIGHER_COLOUR) == "00B050"
    assert not coloured["▼"] or coloured["▼"] == {LOWER_COLOUR}
    assert str(LOWER_COLOUR) == "C00000"
    assert plain == {None}
    assert SIGNIFICANCE_LEGEND == "▲ significant hoger / ▼ significant lager dan de andere groepen"
    legends = [p for p in demo.paragraphs if p.text.startswith(SIGNIFICANCE_LEGEND)]
    assert all(p.style.name == "Basis" for p in legends)
    assert all("Benjamini–Hochberg-correctie" in p.text for p in legends)
    # the arrows of the legend in the colours of the cells they mark
    assert {r.font.color.rgb for p in legends for r in p.runs if r.text in ("▲", "▼")} == {HIGHER_COLOUR,
                                                                                          LOWER_COLOUR}
    # under every crosstab (against the other groups), not under a trend table (against the previous wave)
    table_captions = [c.text for c in _captions(demo) if c.text.startswith("Tabel")]
    assert len(legends) == sum(1 for c in table_captions if "naar" in c) >= 1


def test_marks_from_the_cells() -> None:
    table = nl.Table("c", ["Thema", "A", "B"], [["x ▲", "32% ▲", "10% ▼"], ["y", "5%", "(3%)"]], "")
    assert _marks(table) == [["", "higher", "lower"], ["", "", ""]]


def test_cli_chapter_option(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from coding.cli import main

    store = coded_demo_copy(tmp_path)
    url = str(store.engine.url)
    store.dispose()
    out = tmp_path / "h3.docx"
    result = CliRunner().invoke(main, ["--db", url, "report", "--study", DEMO_STUDY, "--question", "belemmeringen",
                                       "--format", "docx", "-o", str(out), "--chapter", "3"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    captions = [p.text for p in _captions(Document(str(out)))]
    assert captions[0].startswith("Tabel 3.1 – ")
