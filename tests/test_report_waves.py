"""Waves and routing from the store to the report: a not-asked respondent changes no count, the routing's words and
condition in the Basis line, a trend table per question (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

from coding.analysis.build import build_report
from coding.analysis.model import ReportOptions
from coding.codebook import CodebookSpec, ThemeSpec
from coding.design import parse_routing
from coding.ingest.survey import SurveyMapping, import_survey
from coding.report import text as nl
from coding.report.export import write_report
from coding.store import Store, question_ref, study_ref
from coding.store.codebooks import load_codebook, theme_table
from coding.store.codings import code_segments
from coding.store.segments import segments_frame
from tests.helpers import write_csv

STUDY, QUESTION = "golven", "belemmeringen"
HEADER = ["respondent_id", "vrij", "belemmeringen"]
SPEC = CodebookSpec(question=QUESTION, themes=[ThemeSpec(code="angst", label="Angst"),
                                               ThemeSpec(code="overig", label="Overig")])
ROUTING = {QUESTION: parse_routing("vrij=nee", description="respondenten die zich niet vrij voelen")}


def _wave(store: Store, tmp_path: Path, wave: str, rows: list[list[str]]) -> None:
    path = write_csv(tmp_path / f"{wave}.csv", [HEADER, *rows])
    import_survey(store, path, STUDY, SurveyMapping(id="respondent_id", texts=[QUESTION], attributes=["vrij"]),
                  wave=wave, asked_if=ROUTING)


def _code_all(store: Store, wave: str, fear: set[str]) -> None:
    ref = question_ref(store, STUDY, QUESTION)
    ids = dict(theme_table(store, ref)[["code", "theme_id"]].itertuples(index=False))
    segments = segments_frame(store, ref, substantive_only=True, wave=wave, include_not_asked=True)
    for row in segments.itertuples(index=False):
        code = "angst" if str(row.respondent_id) in fear else "overig"
        if bool(row.asked):
            code_segments(store, [int(row.segment_id)], int(ids[code]), "anna")


def _study(store: Store, tmp_path: Path, extra_not_asked: bool) -> None:
    old = [[f"R{i}", "nee", f"Ik ben bang voor de gevolgen, antwoord {i}." if i < 6 else f"Iets anders {i}."]
           for i in range(30)]
    new = [[f"R{i}", "nee", f"Ik ben bang voor de gevolgen, antwoord {i}." if i < 18 else f"Iets anders {i}."]
           for i in range(30)]
    if extra_not_asked:  # felt free, so not asked, yet the cell holds text: it must never count
        new += [[f"X{i}", "ja", "Ik ben bang voor de gevolgen maar kreeg de vraag niet."] for i in range(8)]
    _wave(store, tmp_path, "2022", old)
    load_codebook(store, question_ref(store, STUDY, QUESTION), SPEC, "test")
    _code_all(store, "2022", {f"R{i}" for i in range(6)})
    _wave(store, tmp_path, "2024", new)
    _code_all(store, "2024", {f"R{i}" for i in range(18)})


def test_not_asked_respondents_change_no_count_and_the_trend_shows_a_rise(store: Store, tmp_path: Path) -> None:
    _study(store, tmp_path, extra_not_asked=True)
    report = build_report(store, study_ref(store, STUDY), options=ReportOptions())
    section = report.questions[0]
    assert section.basis.n == 30 and section.basis.wave == "2024"
    assert dict(zip(section.counts["code"], section.counts["n"], strict=True)) == {"angst": 18, "overig": 12}
    assert not {q.respondent_id for qs in section.candidates.values() for q in qs} & {f"X{i}" for i in range(8)}
    assert nl.section_basis(section) == ("Basis: respondenten die zich niet vrij voelen (vrij = nee), meting 2024, "
                                         "exclusief 'weet niet'; n = 30")
    assert section.trend is not None and section.trend.cell("angst", "2024")["mark"] == "hoger"  # 20% → 60%
    text = write_report(report, "md").decode()
    assert "| Angst | 20% | 60% ▲ |" in text and "▲/▼ significant hoger/lager dan 2022" in text


def test_the_same_study_without_the_not_asked_respondents_gives_the_same_figures(store: Store, tmp_path: Path) -> None:
    _study(store, tmp_path, extra_not_asked=False)
    section = build_report(store, study_ref(store, STUDY)).questions[0]
    assert section.basis.n == 30
    assert dict(zip(section.counts["code"], section.counts["n"], strict=True)) == {"angst": 18, "overig": 12}
    one = build_report(store, study_ref(store, STUDY), options=ReportOptions(wave="2022")).questions[0]
    assert one.basis.n == 30 and one.trend is not None and one.trend.waves == ["2022"]
