"""The trend table and chart in every report format, and the Basis line under every table (synthetic waves)."""

from __future__ import annotations

import io

from docx import Document
from openpyxl import load_workbook

from coding.analysis.build import analyse_question
from coding.analysis.model import ReportData, ReportOptions
from coding.report.export import write_report
from coding.report.trend import has_trend_chart, trend_chart_png
from tests.wave_fixtures import wave_data_of, wave_rows

ROUTING = ("respondenten die zich niet vrij voelen", "vrij_voelen = nee")
BASIS_2024 = ("Basis: respondenten die zich niet vrij voelen (vrij_voelen = nee), meting 2024, exclusief 'weet niet'; "
              "n = 55")


def _report(**options: object) -> ReportData:
    data = wave_data_of(wave_rows("2022", 100, {"a": 20, "b": 30}), wave_rows("2024", 55, {"a": 30, "b": 18}),
                        routing={"2022": ROUTING, "2024": ROUTING})
    section = analyse_question(data, ReportOptions(by=("groep",), **options))  # type: ignore[arg-type]
    return ReportData("golven", "", section.options, [section], single=True)


def test_markdown_has_a_trend_table_with_legend_and_basis_lines_under_every_table() -> None:
    text = write_report(_report(), "md").decode()
    assert "**Tabel 1.3 – Aandeel respondenten dat een thema noemt, per meting**" in text
    assert "| Thema | 2022 (n = 100) | 2024 (n = 55) |" in text
    assert "| Thema A | 20% | 55% ▲ |" in text and "| Thema B | 30% | 33% |" in text
    assert "▲/▼ significant hoger/lager dan 2022" in text
    assert text.count(BASIS_2024.replace("_", "\\_")) == 3  # top of the section, counts table, crosstab
    assert ("Basis: respondenten die zich niet vrij voelen (vrij\\_voelen = nee), exclusief 'weet niet'; "
            "2022: n = 100, 2024: n = 55") in text
    assert text.count("Basis: ") == 4


def test_docx_has_the_trend_table_the_trend_chart_and_basis_lines() -> None:
    document = Document(io.BytesIO(write_report(_report(), "docx")))
    paragraphs = [p.text for p in document.paragraphs]
    assert "Tabel 1.3 – Aandeel respondenten dat een thema noemt, per meting" in paragraphs
    assert paragraphs.count(BASIS_2024) == 2  # under the counts table and under the crosstab
    assert any(p.startswith("Basis: respondenten die zich niet vrij voelen") and "2022: n = 100" in p
               for p in paragraphs)
    trend = document.tables[-1]
    assert [c.text for c in trend.rows[0].cells] == ["Thema", "2022 (n = 100)", "2024 (n = 55)"]
    assert [c.text for c in trend.rows[1].cells] == ["Thema A", "20%", "55% ▲"]
    assert len(document.inline_shapes) == 2  # the bar chart and the trend chart


def test_xlsx_has_a_trend_sheet_with_basis_and_legend() -> None:
    workbook = load_workbook(io.BytesIO(write_report(_report(), "xlsx")))
    assert "vraag trend" in workbook.sheetnames
    sheet = workbook["vraag trend"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("thema", "label", "2022 (n=100)", "2024 (n=55)", "2024 t.o.v. 2022")
    assert rows[1][:5] == ("a", "Thema A", 0.2, 30 / 55, "hoger")
    assert sheet.cell(2, 3).number_format == "0%"
    lines = [r[0] for r in rows if r[0] and str(r[0]).startswith(("Basis", "Meerdere"))]
    assert lines[0].startswith("Basis: respondenten die zich niet vrij voelen") and "▲/▼" in lines[1]
    counts = [r[0] for r in workbook["vraag aantallen"].iter_rows(values_only=True)]
    assert BASIS_2024 in counts


def test_trend_chart_is_a_png() -> None:
    png = trend_chart_png(_report().questions[0])
    assert png.startswith(b"\x89PNG") and len(png) > 5000


def test_one_wave_report_has_no_trend_table() -> None:
    data = wave_data_of(wave_rows("2024", 55, {"a": 30}))
    section = analyse_question(data)
    text = write_report(ReportData("golven", "", section.options, [section], single=True), "md").decode()
    assert "per meting" not in text and "Basis: alle respondenten, exclusief 'weet niet'; n = 55" in text


def test_no_trend_chart_when_every_wave_is_under_the_minimum_base() -> None:
    data = wave_data_of(wave_rows("2022", 20, {"a": 5, "b": 8}), wave_rows("2024", 25, {"a": 10, "b": 4}),
                        routing={"2022": ROUTING, "2024": ROUTING})
    section = analyse_question(data, ReportOptions())
    assert not has_trend_chart(section)  # both bases under 30: counts in the table, no bars to draw
    document = Document(io.BytesIO(write_report(ReportData("golven", "", section.options, [section], single=True),
                                                "docx")))
    paragraphs = [p.text for p in document.paragraphs]
    assert any(p.startswith("Tabel 1.2 – ") and p.endswith("per meting") for p in paragraphs)  # the table stays
    assert not any(p.startswith("Figuur") and "per meting" in p for p in paragraphs)
    assert has_trend_chart(_report().questions[0])
