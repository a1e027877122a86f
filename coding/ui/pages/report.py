"""Rapport: the tables, the chart and the chosen quotes of a question; swap quotes, review personal data, download.

Respondent text (quotes, the Markdown preview) is only shown as plain text, code or table cells.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from coding.analysis.build import NoCodebook, NothingToReport, apply_quote_choices, build_report
from coding.analysis.disclosure import MIN_BASE, MIN_GROUP
from coding.analysis.findings import KIND_LABELS
from coding.analysis.model import (
    BASE_CHOICES,
    CORRECTION_CHOICES,
    DEFAULT_POPULATION,
    STYLE_CHOICES,
    STYLE_QUALITATIVE,
    STYLE_TABLES,
    QuestionReport,
    ReportData,
    ReportOptions,
)
from coding.analysis.privacy import ner_backend
from coding.errors import CodingError
from coding.report import prose
from coding.report import text as nl
from coding.report.chart import bar_chart_png
from coding.report.export import FORMATS, export, with_codes, write_report
from coding.report.markdown import render_markdown
from coding.report.trend import has_trend_chart, trend_chart_png, trend_table
from coding.store import QuestionRef, Store, StudyRef
from coding.store.report_settings import MAX_POPULATION, ReportSettings, report_settings, set_report_settings
from coding.store.segments import respondents_frame
from coding.store.studies import study_status
from coding.store.waves import list_waves
from coding.ui import state
from coding.ui.resources import get_store
from coding.ui.text import md_escape, show_error, show_notices
from coding.vocabulary import RESERVED_COLUMNS, QuestionKind

#: Session keys of this page: the last built report (with the inputs it was built from) and the chosen quotes.
REPORT_CACHE = "rp_report"
QUOTE_CHOICES = "rp_quotes"
AUTOMATIC = "automatisch (3–5)"
#: Widget keys (per question id) of the style choice and the population field, both remembered in the store.
STYLE_KEY, POPULATION_KEY = "rp_style", "rp_population"
STYLE_LABELS = {STYLE_QUALITATIVE: "kwalitatief (in woorden, met citaten)", STYLE_TABLES: "tabellen (percentages)"}
#: Who changed a setting when no coder name is filled in.
APP_ACTOR = "app"
BASE_LABELS = {"exclusief": "exclusief 'weet niet'", "inclusief": "inclusief 'weet niet'"}
CORRECTION_LABELS = {"bh": "Benjamini–Hochberg", "bonferroni": "Bonferroni", "none": "geen"}
MIME = {
    "md": "text/markdown",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
    "matrix": "text/csv",
    "qdpx": "application/zip",
}


def _remember(store: Store, question: QuestionRef, actor: str, setting: str, key: str) -> None:
    """Store the style or population just chosen for the question (a widget callback). For a user who may not
    change the question (a lezer or codeur on a team database) the choice holds for this session only."""
    if not state.allowed("question.report_style"):
        return
    try:
        set_report_settings(store, question, actor, **{setting: str(st.session_state[key])})
    except CodingError as exc:
        state.notify("error", str(exc))


def _style(store: Store, question: QuestionRef, actor: str, stored: ReportSettings) -> str:
    """The style of the question's section: a choice remembered for the question; interviews always kwalitatief."""
    if question.kind == QuestionKind.INTERVIEW:
        st.caption("Interviews worden altijd kwalitatief beschreven: de thema's in woorden, met citaten en zonder "
                   "percentages of aantallen.")
        return STYLE_QUALITATIVE
    key = f"{STYLE_KEY}_{question.id}"
    st.session_state.setdefault(key, stored.style or STYLE_TABLES)
    style = st.radio("Stijl van de sectie", STYLE_CHOICES, format_func=STYLE_LABELS.get, key=key, horizontal=True,
                     on_change=_remember, args=(store, question, actor, "style", key))
    return str(style)


def _options(store: Store, study: StudyRef, question: QuestionRef, actor: str, wave: str | None = None
             ) -> ReportOptions:
    attributes = [c for c in respondents_frame(store, study).columns if c not in RESERVED_COLUMNS]
    stored = report_settings(store, question)
    style = _style(store, question, actor, stored)
    with st.expander("Instellingen", expanded=False, icon=":material/tune:"):
        weighted = st.checkbox("Gewogen (met de weegfactor van de studie)", key="rp_weighted")
        by = st.multiselect("Uitsplitsen naar (met significantie)", attributes, key="rp_by")
        quotes = st.selectbox("Citaten per thema", [AUTOMATIC, *range(0, 11)], key="rp_quotes_n")
        base = st.radio("Basis", BASE_CHOICES, format_func=BASE_LABELS.get, key="rp_base", horizontal=True)
        key = f"{POPULATION_KEY}_{question.id}"
        st.session_state.setdefault(key, stored.population or "")
        population = st.text_input("Wie kreeg de vraag (basiszin en voetnoot; onthouden bij deze vraag; leeg: uit "
                                   "de routing)", placeholder=DEFAULT_POPULATION, key=key, max_chars=MAX_POPULATION,
                                   on_change=_remember, args=(store, question, actor, "population", key))
        left, middle, right = st.columns(3)
        min_base = left.number_input("Percentages vanaf een basis van", min_value=1, value=MIN_BASE, step=1,
                                     key="rp_min_base", help="Bij een kleinere basis (of groep) staan er aantallen, "
                                     "zonder toets.")
        min_group = middle.number_input("Kleinste groep (k)", min_value=1, value=MIN_GROUP, step=1,
                                        key="rp_min_group", help="Een kleinere groep krijgt geen eigen kolom "
                                        "('overig' of weggelaten) en wordt niet bij een citaat genoemd.")
        correction = right.selectbox("Correctie voor meervoudig toetsen", list(CORRECTION_CHOICES),
                                     index=CORRECTION_CHOICES.index(ReportOptions.correction),
                                     format_func=lambda choice: CORRECTION_LABELS[choice], key="rp_correction")
        chapter = st.number_input("Hoofdstuknummer in de bijschriften ('Tabel 2.1', 'Figuur 2.1')", min_value=1,
                                  value=1, step=1, key="rp_chapter")
    # The style and population are passed on (not only stored), so the cached report follows every change.
    return ReportOptions(weighted=weighted, by=tuple(by), quotes=None if quotes == AUTOMATIC else int(quotes),
                         population=population.strip(), base=str(base), wave=wave, style=style,
                         min_base=int(min_base), min_group=int(min_group), correction=str(correction),
                         chapter=int(chapter))


def _wave(store: Store, study: StudyRef, chosen: str | None) -> str | None:
    """The wave the report is of: the sidebar's choice, but None for the latest (so the trend shows every wave)."""
    waves = list_waves(store, study)
    return chosen if chosen is not None and waves and chosen != waves[-1] else None


def _report(store: Store, study: StudyRef, question: QuestionRef | None, options: ReportOptions) -> ReportData:
    """The report, rebuilt only when the inputs or the study's coding progress changed."""
    fingerprint = hashlib.sha256(study_status(store, study).to_json().encode()).hexdigest()
    key = (store.url, study.id, None if question is None else question.id, options, fingerprint)
    cached = st.session_state.get(REPORT_CACHE)
    if cached is None or cached[0] != key:
        cached = (key, build_report(store, study, question, options))
        st.session_state[REPORT_CACHE] = cached
    report: ReportData = cached[1]
    return report


def _choices(study: StudyRef) -> dict[str, dict[str, list[int]]]:
    """The quotes chosen by hand in this session for a study: question name → theme code → segment ids."""
    all_choices: dict[int, dict[str, dict[str, list[int]]]] = st.session_state.setdefault(QUOTE_CHOICES, {})
    return all_choices.setdefault(study.id, {})


def _quotes(section: QuestionReport, choices: dict[str, list[int]]) -> None:
    # The options are part of the widget keys: other options give other candidates, so the choice starts afresh.
    # (The chapter number only renumbers captions: changing it keeps the choice.)
    version = hashlib.sha256(repr(dataclasses.replace(section.options, chapter=1)).encode()).hexdigest()[:8]
    st.subheader("Citaten")
    st.caption("Kies per thema welke kandidaten in het rapport komen. Persoonsgegevens zijn gemaskeerd; "
               f"namen worden gevonden met: {md_escape(ner_backend())}.")
    labels = dict(zip(section.counts["code"], section.counts["label"], strict=True))
    for code, candidates in section.candidates.items():
        if not candidates:
            continue
        chosen_ids = [q.segment_id for q in section.quotes.get(code, [])]
        counted = f"{len(chosen_ids)} {'citaat' if len(chosen_ids) == 1 else 'citaten'}"
        with st.expander(md_escape(f"{labels.get(code, code)} — {counted}"), expanded=False):
            numbers = {q.segment_id: number for number, q in enumerate(candidates, start=1)}
            table = pd.DataFrame({
                "nr": list(numbers.values()),
                "citaat (gemaskeerd)": [q.text for q in candidates],
                "toeschrijving": [q.attribution or "" for q in candidates],
                "gemarkeerd": ["ja" if q.flagged else "" for q in candidates],
                "persoonsgegevens": [", ".join(KIND_LABELS[f.kind] for f in q.findings) for q in candidates],
            })
            st.dataframe(table, hide_index=True, width="stretch")
            picked = st.multiselect("Citaten in het rapport (nummers uit de tabel)", list(numbers.values()),
                                    default=[numbers[s] for s in chosen_ids if s in numbers],
                                    key=f"rp_pick_{version}_{section.name}_{code}")
            by_number = {number: segment for segment, number in numbers.items()}
            choices[code] = [by_number[n] for n in picked]


def _privacy(section: QuestionReport) -> None:
    rows = [
        [str(labels), q.original, ", ".join(f"{KIND_LABELS[f.kind]}: {f.text}" for f in q.findings), q.text]
        for labels, quotes in section.quotes.items()
        for q in quotes
        if q.findings
    ]
    st.subheader("Persoonsgegevens in de gekozen citaten")
    if not rows:
        st.caption("In de gekozen citaten zijn geen persoonsgegevens gevonden.")
        return
    st.caption("Controleer deze citaten: zo komen ze (gemaskeerd) in elke export.")
    st.dataframe(pd.DataFrame(rows, columns=["thema", "origineel", "gevonden", "in het rapport"]), hide_index=True,
                 width="stretch")


def _downloads(report: ReportData, stem: str, key: str,
               codes: Callable[[ReportData], ReportData] | None = None) -> None:
    """A download per format, each written when clicked; ``codes`` adds the workbook's "codes" sheet."""
    columns = st.columns(len(MIME))
    for column, fmt in zip(columns, MIME, strict=True):
        extension, description = FORMATS[fmt]
        suffix = "-matrix" if fmt == "matrix" else ""

        def render(fmt: str = fmt) -> bytes:
            return write_report(codes(report) if fmt == "xlsx" and codes is not None else report, fmt)

        column.download_button(fmt.upper(), data=render, file_name=f"{stem}{suffix}{extension}", mime=MIME[fmt],
                               help=description, key=f"rp_dl_{key}_{fmt}", icon=":material/download:")


def _section(section: QuestionReport) -> None:
    for line in nl.basis_lines(section):
        st.text(line)
    if section.style == STYLE_QUALITATIVE:
        st.text(prose.paragraph(section))  # names themes: plain text
        st.text(f"Voetnoot: {nl.footnote(section)}")
        if section.data.kind == QuestionKind.INTERVIEW:
            return  # interviews are never in numbers
        with st.expander("Cijfers achter de tekst (niet in de kwalitatieve sectie)", icon=":material/table:"):
            _figures(section)
        return
    _figures(section)


def _figures(section: QuestionReport) -> None:
    st.text(nl.intro(section))
    st.subheader("Aandeel per thema")
    _table(nl.counts_table(section))
    st.image(bar_chart_png(section), width="content")
    for crosstab in section.crosstabs:
        st.subheader(md_escape(f"Naar {crosstab.attribute}"))
        _table(nl.crosstab_table(section, crosstab))
    if section.trend is not None:
        st.subheader("Per meting")
        _table(trend_table(section))
        if has_trend_chart(section):
            st.image(trend_chart_png(section), width="content")


def _table(table: nl.Table) -> None:
    """A report table with its Basis line, legend and note under it (the Basis line as plain text: it holds names
    from the data)."""
    st.dataframe(pd.DataFrame(table.rows, columns=table.header), hide_index=True, width="stretch")
    if table.basis:
        st.text(table.basis)
    if table.legend:
        st.caption(md_escape(table.legend))
    st.caption(md_escape(table.note))


def render() -> None:
    """The report page."""
    st.title("Rapport")
    show_notices()
    context = state.require(study=True, question=True)
    assert context.study is not None and context.question is not None
    store = get_store()
    options = _options(store, context.study, context.question, context.coder or APP_ACTOR,
                       _wave(store, context.study, context.wave))
    choices = _choices(context.study)
    try:
        section_report = _report(store, context.study, context.question, options)
    except NothingToReport as exc:
        next_step = ("Maak eerst thema's op de pagina Codeboek (of laad daar een codeboek), en codeer dan antwoorden "
                     "op de pagina Coderen." if isinstance(exc, NoCodebook) else
                     "Codeer eerst antwoorden op de pagina Coderen (of een hele groep tegelijk op Clusters); daarna "
                     "staat hier het rapport.")
        st.info(f"Voor deze vraag is nog geen rapport te maken. {next_step}", icon=":material/info:")
        st.text(exc.problem)  # names the question: shown as plain text
        return
    except CodingError as exc:
        show_error(exc)
        return
    section = section_report.questions[0]
    _section(section)
    _quotes(section, choices.setdefault(section.name, {}))
    section_report = apply_quote_choices(section_report, choices)
    section = section_report.questions[0]
    _privacy(section)
    st.subheader("Downloaden")
    study, question = context.study, context.question
    _downloads(section_report, f"rapport-{question.name}", "question",
               codes=lambda written: with_codes(written, store, study, question, options))
    _study_downloads(store, context.study, options, choices)
    with st.expander("Voorbeeld van de Markdown-tekst", icon=":material/article:"):
        st.code(render_markdown(section_report), language=None, wrap_lines=True)


def _study_downloads(store: Store, study: StudyRef, options: ReportOptions, choices: dict[str, Any]) -> None:
    with st.expander("Hele studie (alle vragen met coderingen)", icon=":material/library_books:"):
        if not st.toggle("Rapport van de hele studie maken", key="rp_whole"):
            return
        try:
            # every question in the style and with the population remembered for it
            own = dataclasses.replace(options, style=None, population=None)
            whole = apply_quote_choices(build_report(store, study, None, own), choices)
        except CodingError as exc:
            show_error(exc)
            return
        for reason in whole.skipped:
            st.text(f"Niet opgenomen: {reason}")
        _downloads(whole, "rapport", "study", codes=lambda written: with_codes(written, store, study, None, options))
        if any(q.data.kind == QuestionKind.SURVEY for q in whole.questions):
            _codes_download(store, study, options)


def _codes_download(store: Store, study: StudyRef, options: ReportOptions) -> None:
    """The SPSS file of the study's codes per respondent and wave (written when clicked)."""
    st.caption("Voor SPSS: per respondent en meting een 0/1-variabele per thema, met variabele- en waardelabels.")

    def render() -> bytes:
        return export(store, study, "sav", options=options).content

    st.download_button("SAV", data=render, file_name=f"codes{FORMATS['sav'][0]}", mime="application/x-spss-sav",
                       help=FORMATS["sav"][1], key="rp_dl_study_sav", icon=":material/download:")
