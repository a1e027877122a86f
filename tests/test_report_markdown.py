"""The Markdown report: a golden section of the demo study, the parts of a section, escaping, errors.

The golden file is the demo study (data/demo, codebooks/integriteit.yaml) coded by its codebook's keywords. When the
demo data or the wording changes on purpose, regenerate it with ``UPDATE_GOLDEN=1 pytest tests/test_report_markdown.py``
and read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from coding.analysis.build import analyse_question, build_report
from coding.analysis.model import ReportData, ReportOptions
from coding.demo import DEMO_STUDY
from coding.report.markdown import escape, render_markdown
from coding.store import question_ref, study_ref
from tests.report_fixtures import coded_demo_copy, hand_data

GOLDEN = Path(__file__).parent / "golden" / "demo_vrij_voelen.md"
OPTIONS = ReportOptions(weighted=True, by=("doelgroep", "bestuurslaag"))


def test_golden_section_of_the_demo_study(tmp_path: Path) -> None:
    store = coded_demo_copy(tmp_path)
    question = question_ref(store, DEMO_STUDY, "vrij_voelen")
    text = render_markdown(build_report(store, study_ref(store, DEMO_STUDY), question, OPTIONS))
    store.dispose()
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_whole_report_has_a_title_and_a_section_per_coded_question(tmp_path: Path) -> None:
    store = coded_demo_copy(tmp_path)
    report = build_report(store, study_ref(store, DEMO_STUDY), options=OPTIONS)
    store.dispose()
    text = render_markdown(report)
    assert text.startswith(f"# {DEMO_STUDY}\n")
    assert "## Belemmeringen" in text and "## Vrij voelen" in text
    assert report.skipped and report.skipped[0].startswith("interviews")  # no codebook for the interviews
    assert "**Tabel 1.4 –" in text  # table numbers run on through the report


def _section(**options: object) -> str:
    report = analyse_question(hand_data(), ReportOptions(**options))  # type: ignore[arg-type]
    return render_markdown(ReportData("hand", "", report.options, [report], single=True))


def test_section_parts() -> None:
    text = _section(quotes=2, min_base=1)
    assert text.startswith("## Vraag\n")
    assert "Vraag: “Wat belemmert u?”" in text
    assert "Basis: alle respondenten, exclusief 'weet niet'; n = 8.[^open-vraag]" in text
    assert "### Thema A\n" in text and "### Subthema A1\n" in text
    assert "Een aantal citaten ter illustratie:" in text
    assert "- *“" in text
    assert "| – Subthema A1 | 2 | 25% |" in text and "| Thema A (netto) | 3 | 38% |" in text
    assert "Meerdere antwoorden mogelijk" in text
    assert "[^open-vraag]: Antwoorden op een open vraag zijn kwalitatief" in text
    assert "2 van de 8 antwoorden hebben nog geen thema" in text  # R5 and R8


def test_one_quote_is_introduced_in_the_singular() -> None:
    assert "Een citaat ter illustratie:" in _section(quotes=1)


def test_population_text_and_weighting_note() -> None:
    text = _section(population="politieke ambtsdragers die zich niet vrij voelen", weighted=True, min_base=1)
    assert "Basis: politieke ambtsdragers die zich niet vrij voelen, exclusief 'weet niet'; n = 8 (effectieve n = " \
        in text
    assert "effectieve steekproefomvang n = 7" in text and "% gewogen" in text


def test_significance_marks_and_small_groups_in_a_crosstab() -> None:
    text = _section(by=("doelgroep",), min_group=1)  # two groups of 4: shown on their own only with k = 1
    assert "naar doelgroep**" in text and "(n = 4)" in text
    assert "Tussen haakjes: groep (of rest) kleiner dan 30" in text and "(2 van 4)" in text
    assert "(50%)" not in text and "(100%)" not in text  # a group of a handful: counts, not percentages


def test_respondent_text_is_escaped() -> None:
    assert escape("*vet* _schuin_ <script> a|b [x](http://y)") == (
        "\\*vet\\* \\_schuin\\_ \\<script> a\\|b \\[x\\](http\\://y)")  # tests/hostile proves it renders as text
    assert escape("p < 0,05") == "p < 0,05"


def test_no_coded_answers_is_an_error_not_an_empty_report() -> None:
    from coding.analysis.build import NothingToReport

    data = hand_data()
    data.codings = data.codings.iloc[0:0]
    with pytest.raises(NothingToReport):
        analyse_question(data)
