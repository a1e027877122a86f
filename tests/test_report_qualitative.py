"""The kwalitatief report style: golden sections (Markdown and Word) of a small study written for the test, the style
and population remembered per question, interviews never in numbers, and --with-interviews.

The golden files are tests/golden/kwalitatief_*; the study is tests.report_fixtures.qualitative_study. When the
wording changes on purpose, regenerate them with ``UPDATE_GOLDEN=1 pytest tests/test_report_qualitative.py`` and read
the diff before committing it.
"""

from __future__ import annotations

import io
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from coding.analysis.build import build_report
from coding.analysis.model import ReportData, ReportOptions
from coding.codebook import CodebookSpec, ThemeSpec
from coding.errors import CodingError
from coding.ingest.transcripts import import_transcripts
from coding.report.footnotes import footnotes_part
from coding.report.markdown import render_markdown
from coding.report.word import build_document
from coding.store import QuestionRef, Store, connect, question_ref, study_ref
from coding.store.codebooks import load_codebook
from coding.store.report_settings import set_report_settings
from tests.report_fixtures import (
    INTERVIEW_TOPIC,
    QUALITATIVE_POPULATION,
    QUALITATIVE_QUESTION,
    QUALITATIVE_STUDY,
    _code_texts,
    qualitative_study,
)

GOLDEN = Path(__file__).parent / "golden"
PERCENT = re.compile(r"\d\s?%|procent")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The study in an SQLite file, built once for this module."""
    folder = tmp_path_factory.mktemp("kwalitatief")
    store = connect(f"sqlite:///{folder / 'template.sqlite'}")
    qualitative_study(store, folder)
    store.dispose()
    return folder / "template.sqlite"


@pytest.fixture
def store(template: Path, tmp_path: Path) -> Iterator[Store]:
    target = tmp_path / "kwalitatief.sqlite"
    shutil.copy(template, target)
    store = connect(f"sqlite:///{target}")
    yield store
    store.dispose()


def _survey(store: Store) -> QuestionRef:
    return question_ref(store, QUALITATIVE_STUDY, QUALITATIVE_QUESTION)


def _report(store: Store, question: QuestionRef | None = None, **options: object) -> ReportData:
    return build_report(store, study_ref(store, QUALITATIVE_STUDY), question or _survey(store),
                        ReportOptions(**options))  # type: ignore[arg-type]


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def _docx_text(report: ReportData) -> str:
    """Every paragraph of the Word file as 'style | text (italic runs in *…*)', then the footnotes."""
    document = build_document(report)
    lines = []
    for paragraph in document.paragraphs:
        text = "".join(f"*{run.text}*" if run.italic else run.text for run in paragraph.runs)
        lines.append(f"{paragraph.style.name} | {text}")
    notes = footnotes_part(document).element
    for note in notes.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}footnote"):
        text = "".join(t.text or "" for t in note.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"))
        if text.strip():
            lines.append(f"voetnoot | {text.strip()}")
    return "\n".join(lines) + "\n"


def test_golden_kwalitatief_section_in_the_style_remembered_for_the_question(store: Store) -> None:
    set_report_settings(store, _survey(store), "anna", style="kwalitatief")
    _golden("kwalitatief_belemmeringen.md", render_markdown(_report(store)))


def test_golden_kwalitatief_section_in_word(store: Store) -> None:
    report = _report(store, style="kwalitatief")
    _golden("kwalitatief_belemmeringen.docx.txt", _docx_text(report))
    document = build_document(report)
    assert not document.tables and not document.inline_shapes  # no table, no chart
    references = document.element.body.findall(".//{*}footnoteReference")
    assert len(references) == 1  # a real Word footnote, after the paragraph on the themes


def test_golden_section_with_the_interviews(store: Store) -> None:
    text = render_markdown(_report(store, style="kwalitatief", with_interviews=INTERVIEW_TOPIC))
    _golden("kwalitatief_met_interviews.md", text)
    survey, interviews = text.split("In de interviews", 1)
    assert "Een aantal citaten ter illustratie:" in survey and "(Kleine gemeente)" not in survey
    assert "Een aantal citaten uit de interviews:" in interviews
    assert "(Kleine gemeente)" in interviews and "(Provincie)" in interviews
    assert "griffie" not in interviews.split("[^")[0].split("Een aantal")[0]  # 'steun' is no theme of the survey


def test_a_kwalitatief_section_has_no_percentage_or_count(store: Store) -> None:
    report = _report(store, style="kwalitatief", weighted=True, by=("doelgroep",))
    markdown = render_markdown(report)
    assert not PERCENT.search(markdown)
    assert "van de 40" not in markdown and "| " not in markdown and "Tabel" not in markdown
    word = _docx_text(report)
    assert not PERCENT.search(word) and "van de 40" not in word and "Tabel" not in word


@pytest.mark.parametrize("style", [None, "tabellen", "kwalitatief"])
def test_interview_sections_never_show_percentages_or_counts(store: Store, style: str | None) -> None:
    interviews = question_ref(store, QUALITATIVE_STUDY, INTERVIEW_TOPIC)
    report = _report(store, interviews, style=style, by=("organisatietype",))
    markdown = render_markdown(report)
    assert report.questions[0].style == "kwalitatief"
    assert not PERCENT.search(markdown) and "| " not in markdown and "noemt dit thema" not in markdown
    assert "In de interviews komt gebrek aan vertrouwen en openheid het vaakst ter sprake." in markdown
    document = build_document(report)
    assert not document.tables and not document.inline_shapes
    assert not PERCENT.search(_docx_text(report))
    whole = build_report(store, study_ref(store, QUALITATIVE_STUDY), None, ReportOptions(style=style))
    section = render_markdown(whole).split("## Gesprekken", 1)[1]
    assert not PERCENT.search(section) and "| " not in section


def test_the_style_is_tabellen_until_chosen_and_the_option_overrides_the_stored_one(store: Store) -> None:
    assert _report(store).questions[0].style == "tabellen"
    assert "| Gebrek aan vertrouwen en openheid | 12 | 30% |" in render_markdown(_report(store))
    set_report_settings(store, _survey(store), "anna", style="kwalitatief")
    assert _report(store).questions[0].style == "kwalitatief"
    assert _report(store, style="tabellen").questions[0].style == "tabellen"
    with pytest.raises(CodingError) as info:
        _report(store, style="grafiek")
    assert "Onbekende rapportstijl" in info.value.problem


def test_the_stored_population_names_who_was_asked(store: Store) -> None:
    text = render_markdown(_report(store, style="kwalitatief"))
    assert f"Basis: {QUALITATIVE_POPULATION}, exclusief 'weet niet'; n = 40." in text
    assert f"Deze vraag is gesteld aan {QUALITATIVE_POPULATION}." in text
    assert f"niet geëxtrapoleerd worden naar alle {QUALITATIVE_POPULATION}." in text
    given = render_markdown(_report(store, style="kwalitatief", population="alle wethouders"))
    assert "Deze vraag is gesteld aan alle wethouders." in given and "naar alle wethouders." in given
    set_report_settings(store, _survey(store), "anna", population="")
    plain = render_markdown(_report(store, style="kwalitatief"))
    assert "Deze vraag is gesteld aan alle respondenten." in plain
    assert "niet geëxtrapoleerd worden naar alle respondenten." in plain


def test_with_interviews_in_the_tables_style_puts_them_under_each_shared_theme(store: Store) -> None:
    text = render_markdown(_report(store, style="tabellen", with_interviews=INTERVIEW_TOPIC))
    trust = text.split("### Gebrek aan vertrouwen en openheid", 1)[1].split("###", 1)[0]
    assert "Een aantal citaten uit de interviews:" in trust and "(Kleine gemeente)" in trust
    other = text.split("### Overig", 1)[1]
    assert "uit de interviews" not in other
    docx = _docx_text(_report(store, style="tabellen", with_interviews=INTERVIEW_TOPIC))
    assert "Normal | Een aantal citaten uit de interviews:" in docx


def test_with_interviews_refuses_what_is_not_an_interview_question(store: Store) -> None:
    with pytest.raises(CodingError) as info:
        _report(store, with_interviews=QUALITATIVE_QUESTION)
    assert "is geen interviewvraag" in info.value.problem and INTERVIEW_TOPIC in info.value.hint
    interviews = question_ref(store, QUALITATIVE_STUDY, INTERVIEW_TOPIC)
    with pytest.raises(CodingError) as info:
        _report(store, interviews, with_interviews=INTERVIEW_TOPIC)
    assert "zelf een interviewvraag" in info.value.problem
    with pytest.raises(CodingError) as info:
        build_report(store, study_ref(store, QUALITATIVE_STUDY), None, ReportOptions(with_interviews=INTERVIEW_TOPIC))
    assert "--question" in info.value.hint
    with pytest.raises(CodingError) as info:
        _report(store, with_interviews="bestaat_niet")
    assert "bestaat_niet" in str(info.value)


def test_with_interviews_refuses_interviews_that_share_no_themes(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "ander.txt"
    path.write_text("Interviewer: Wat helpt?\nRespondent: De griffier denkt altijd mee als ik twijfel.\n"
                    "Interviewer: Dank u.\n", encoding="utf-8")
    import_transcripts(store, [path], QUALITATIVE_STUDY, "andere_gesprekken")
    other = question_ref(store, QUALITATIVE_STUDY, "andere_gesprekken")
    spec = CodebookSpec(question="andere_gesprekken", themes=[ThemeSpec(code="steun", label="Steun"),
                                                              ThemeSpec(code="overig", label="Overig")])
    load_codebook(store, other, spec, "lead")
    _code_texts(store, other, {"De griffier denkt altijd mee als ik twijfel.": "steun"})
    with pytest.raises(CodingError) as info:
        _report(store, with_interviews="andere_gesprekken")
    assert "geen thema's gemeen" in info.value.problem  # 'overig' alone is nothing in common
    assert "coding codebook load" in info.value.hint


def test_the_workbook_of_interviews_has_quotes_and_codings_but_no_counts(store: Store) -> None:
    from openpyxl import load_workbook

    from coding.report.export import write_report

    interviews = question_ref(store, QUALITATIVE_STUDY, INTERVIEW_TOPIC)
    workbook = load_workbook(io.BytesIO(write_report(_report(store, interviews, by=("organisatietype",)), "xlsx")))
    assert workbook.sheetnames == ["Citaten", "Coderingen"]
    survey = load_workbook(io.BytesIO(write_report(_report(store, style="kwalitatief"), "xlsx")))
    assert f"{QUALITATIVE_QUESTION} aantallen" in survey.sheetnames  # the analyst's tables stay for a survey
