"""Disclosure control in every writer: no percentage on a base under 30, no column and no attribution for a group
under k (Markdown, Word, Excel, REFI-QDA), and the merged groups named in the Basis line (synthetic data)."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest
from docx import Document
from openpyxl import load_workbook

from coding.analysis.build import analyse_question
from coding.analysis.model import QuestionData, ReportData, ReportOptions
from coding.report.export import write_report
from tests.export_readers import read_qdpx
from tests.wave_fixtures import THEMES

#: A percentage as the writers print it ("32%"), or a share that Excel shows as one.
PERCENT = re.compile(r"\d+%")
#: Group sizes: functie has two groups under k = 5 that make an 'overig' of 5; regio one group left out (3 < 5).
FUNCTIE = {"medewerker": 40, "manager": 30, "directeur": 3, "griffier": 2}
REGIO = {"Noord": 72, "Oost": 3}
WORDS = ["De werkdruk is hoog en niemand luistert.", "Ik vertrouw de leiding niet meer.",
         "Er gebeurt niets met meldingen.", "Het vertrouwenspunt is onbekend bij collega's.",
         "Bang voor gevolgen voor mijn loopbaan.", "De cultuur is gesloten en hard.",
         "Collega's praten liever achter je rug.", "Integriteit staat nooit op de agenda.",
         "De raad kijkt weg bij lastige kwesties.", "Melden voelt als verraad aan je team.",
         "Niemand weet waar je terecht kunt.", "Leidinggevenden geven zelf geen goed voorbeeld."]


def survey(sizes: dict[str, int] = FUNCTIE, regio: dict[str, int] = REGIO, *, kind: str = "survey") -> QuestionData:
    """One respondent per answer, a group per ``sizes``; answer i is coded 'a' when i is even, 'b' when i is a
    multiple of 3, else 'overig'."""
    functie = [group for group, size in sizes.items() for _ in range(size)]
    regions = [group for group, size in regio.items() for _ in range(size)]
    regions = (regions * (len(functie) // max(len(regions), 1) + 1))[: len(functie)]
    ids = [f"R{i + 1}" for i in range(len(functie))]
    texts = [f"{WORDS[i % len(WORDS)]} {WORDS[(i * 7 + 3) % len(WORDS)]} zegt een {group} ({i})."
             for i, group in enumerate(functie)]
    segments = pd.DataFrame({
        "segment_id": range(1, len(ids) + 1), "respondent_id": ids, "position": 0, "text": texts, "speaker": None,
        "start_char": None, "end_char": None, "substantive": True, "nonsubstantive_reason": None,
        "word_count": [len(t.split()) for t in texts], "memo": "", "is_quote": False,
    })
    rows = []
    for i, rid in enumerate(ids):
        themes = [code for code, hit in (("a", i % 2 == 0), ("b", i % 3 == 0)) if hit] or ["overig"]
        rows += [[rid, i + 1, "vraag", code, code, "anna", "manual", pd.Timestamp("2026-01-01T10:00:00Z")]
                 for code in themes]
    codings = pd.DataFrame(rows, columns=["respondent_id", "segment_id", "question", "theme", "theme_label", "coder",
                                          "source", "created_at"])
    respondents = pd.DataFrame({"respondent_id": ids, "kind": "respondent" if kind == "survey" else "document",
                                "weight": None, "functie": functie, "regio": regions})
    return QuestionData("s", "vraag", "Wat belemmert u?", kind, THEMES.copy(), segments, codings, respondents,
                        pd.DataFrame())


def _report(data: QuestionData, **options: object) -> ReportData:
    section = analyse_question(data, ReportOptions(**options))  # type: ignore[arg-type]
    return ReportData("s", "", section.options, [section], single=True)


def _docx_texts(report: ReportData) -> tuple[list[str], list[str]]:
    document = Document(io.BytesIO(write_report(report, "docx")))
    return [p.text for p in document.paragraphs], [c.text for t in document.tables for r in t.rows for c in r.cells]


def _xlsx(report: ReportData) -> dict[str, list[tuple[object, ...]]]:
    workbook = load_workbook(io.BytesIO(write_report(report, "xlsx")))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets}


def _percent_cells(report: ReportData) -> list[str]:
    """Every cell of the workbook that holds a number formatted as a percentage."""
    workbook = load_workbook(io.BytesIO(write_report(report, "xlsx")))
    return [f"{s.title}!{c.coordinate}" for s in workbook.worksheets for row in s.iter_rows() for c in row
            if "%" in c.number_format and isinstance(c.value, int | float)]


def test_no_percentage_anywhere_on_a_base_under_thirty() -> None:
    report = _report(survey({"medewerker": 15, "manager": 14}, {"Noord": 29}), by=("functie",))
    assert report.questions[0].basis.n == 29
    markdown = write_report(report, "md").decode()
    assert not PERCENT.findall(markdown), PERCENT.findall(markdown)
    assert "| Thema A | 15 |" in markdown and "(15 van 29)" in markdown  # counts instead
    assert "De basis is kleiner dan 30 respondenten: daarom aantallen in plaats van percentages." in markdown
    paragraphs, cells = _docx_texts(report)
    assert not PERCENT.findall("\n".join(paragraphs + cells))
    assert "15 van de 29 respondenten noemen dit thema." in paragraphs
    assert not _percent_cells(report)
    sheets = _xlsx(report)
    assert "aandeel" not in sheets["vraag aantallen"][0]
    assert any(str(h).startswith("medewerker aantal (basis 15)") for h in sheets["vraag functie"][0])
    # from a base of 30 on, percentages
    report = _report(survey({"medewerker": 15, "manager": 15}, {"Noord": 30}), by=("functie",))
    assert "| Thema A | 15 | 50% |" in write_report(report, "md").decode() and _percent_cells(report)


def test_min_base_is_an_option() -> None:
    data = survey({"medewerker": 15, "manager": 14}, {"Noord": 29})
    assert "| Thema A | 15 | 52% |" in write_report(_report(data, min_base=29), "md").decode()
    assert "| Thema A | 38 |\n" in write_report(_report(survey(), min_base=100), "md").decode()


def test_no_column_for_a_group_under_k_and_the_basis_line_says_so() -> None:
    report = _report(survey(), by=("functie", "regio"))
    [functie, regio] = report.questions[0].crosstabs
    assert [g.name for g in functie.groups] == ["manager", "medewerker", "overig"]
    assert [(g.name, g.n) for g in regio.groups] == [("Noord", 72)]
    merged = "Groepen met minder dan 5 respondenten: directeur, griffier samengevoegd tot 'overig'."
    dropped = "Groepen met minder dan 5 respondenten: Oost weggelaten."
    markdown = write_report(report, "md").decode()
    for group in ("directeur", "griffier", "Oost"):
        assert f"| {group}" not in markdown and f"{group} (n = " not in markdown
    assert "overig (n = 5)" in markdown
    assert f"Basis: alle respondenten, exclusief 'weet niet'; n = 75. {merged}" in markdown
    assert f"n = 75. {dropped}" in markdown
    paragraphs, cells = _docx_texts(report)
    assert not any(c.startswith(("directeur", "griffier", "Oost")) for c in cells)
    assert any(p.endswith(merged) for p in paragraphs) and any(p.endswith(dropped) for p in paragraphs)
    sheets = _xlsx(report)
    for title in ("vraag functie", "vraag regio"):
        header = sheets[title][0]
        assert not any(str(h).startswith(("directeur", "griffier", "Oost")) for h in header), header
    assert any(str(h).startswith("overig aantal (basis 5)") for h in sheets["vraag functie"][0])
    assert any(str(row[0]).endswith(merged) for row in sheets["vraag functie"] if row[0])
    # with k = 2 the two small groups are columns of their own again (with counts: far under 30)
    small = _report(survey(), by=("functie",), min_group=2)
    assert "griffier (n = 2)" in write_report(small, "md").decode()


def test_a_quote_names_a_group_only_with_k_respondents() -> None:
    report = _report(survey(), quotes=2, quotes_by="functie")
    quotes = [q for theme in report.questions[0].quotes.values() for q in theme]
    named = {q.attribution for q in quotes}
    assert {"medewerker", "manager", "overig"} <= named
    assert not named & {"directeur", "griffier"}
    # the quotes of the small groups are there, under 'overig'
    small = {q.respondent_id for q in quotes if q.attribution == "overig"}
    assert small and small <= {f"R{i}" for i in range(71, 76)}
    for fmt in ("md", "docx"):
        content = write_report(report, fmt)
        text = content.decode() if fmt == "md" else "\n".join(_docx_texts(report)[0])
        assert "(directeur)" not in text and "(griffier)" not in text and "(overig)" in text
    quote_rows = _xlsx(report)["Citaten"]
    assert not {row[5] for row in quote_rows[1:]} & {"directeur", "griffier"}


def test_an_interview_quote_names_the_organisation_type_only_with_k_documents() -> None:
    data = survey({"doc": 7}, {"x": 7}, kind="interview")
    data.respondents["organisatietype"] = ["Kleine gemeente"] * 5 + ["Provincie", "Waterschap"]
    report = analyse_question(data, ReportOptions(quotes=10))
    by_respondent = {q.respondent_id: q.attribution for theme in report.quotes.values() for q in theme}
    assert {by_respondent[r] for r in by_respondent if r in {f"R{i}" for i in range(1, 6)}} == {"Kleine gemeente"}
    for alone in ("R6", "R7"):  # the one provincie and the one waterschap: quoted, but naming no group
        assert alone in by_respondent and by_respondent[alone] is None
    unlimited = analyse_question(data, ReportOptions(quotes=10, min_group=1))
    assert {q.attribution for theme in unlimited.quotes.values() for q in theme} == {"Kleine gemeente", "Provincie",
                                                                                     "Waterschap"}


@pytest.mark.parametrize("k", [5, 2])
def test_qdpx_case_attributes_merge_groups_under_k(k: int) -> None:
    report = _report(survey(), min_group=k)
    project = read_qdpx(io.BytesIO(write_report(report, "qdpx")))
    functie = {name: case.get("functie") for name, case in project.cases.items()}
    regio = {name: case.get("regio") for name, case in project.cases.items()}
    if k == 5:
        assert set(functie.values()) == {"medewerker", "manager", "overig"}
        assert [functie[f"R{i}"] for i in range(71, 76)] == ["overig"] * 5
        assert "Oost" not in set(regio.values()) and None in set(regio.values())  # left out: no value at all
    else:
        assert set(functie.values()) == {"medewerker", "manager", "directeur", "griffier"}
        assert "Oost" in set(regio.values())
