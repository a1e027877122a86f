"""The import wizard: upload a survey export or transcripts, map the columns with a preview, import.

Every import is one transaction in the importer: an error is shown in place and nothing is half-imported.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from coding.design import guess_wave_column
from coding.errors import CodingError
from coding.ingest.guess import guess_mapping
from coding.ingest.layouts import read_export
from coding.ingest.spss import Dictionary, read_variables
from coding.ingest.survey import SurveyMapping, import_survey
from coding.ingest.tabular import CSV_SUFFIXES, SAV_SUFFIXES, XLSX_SUFFIXES, Table
from coding.ingest.transcripts import (
    INTERVIEWER_LABELS,
    format_time,
    import_transcripts,
    parse_attributes,
    read_transcript,
    transcript_speakers,
)
from coding.progress import Progress
from coding.store import Store, StudyRef
from coding.store.imports import ImportReport
from coding.ui import state
from coding.ui.filters import attribute_choices
from coding.ui.text import md_escape, show_error
from coding.ui.uploads import save_upload

SURVEY_TYPES = [s.lstrip(".") for s in (*CSV_SUFFIXES, *XLSX_SUFFIXES, *SAV_SUFFIXES)]
TRANSCRIPT_TYPES = ["docx", "txt", "vtt", "srt"]
PREVIEW_ROWS = 20
#: Cases of an SPSS file read for the preview and the guess of the column roles.
SAV_SAMPLE = 500


def _progress_callback(bar: DeltaGenerator, label: str) -> Progress:
    def update(done: int, total: int) -> None:
        bar.progress(min(1.0, done / total) if total else 0.0, text=label)

    return update


def _upload_key(name: str) -> str:
    """The key of an upload field; a new one after each import, so the field starts empty again."""
    return f"{name}_{st.session_state.get(state.UPLOAD_GENERATION, 0)}"


def _finished(report: ImportReport, study: StudyRef, question: str | None) -> None:
    attribute_choices.clear()
    st.session_state[state.UPLOAD_GENERATION] = st.session_state.get(state.UPLOAD_GENERATION, 0) + 1
    state.notify("success", "Import klaar: " + report.summary())
    state.open_study(study.name, question)
    st.rerun()


@st.cache_data(show_spinner=False, max_entries=4)
def _read(path: str, modified: float, header_rows: int | None = None) -> Table:
    """The table of an uploaded file (cached per file, so the preview does not re-read it on every rerun).

    Of an SPSS file only the first rows are read here (for the preview and the guess); the import reads the
    chosen variables of every case.
    """
    return read_export(path, header_rows=header_rows, limit=SAV_SAMPLE)


@st.cache_data(show_spinner=False, max_entries=4)
def _variables(path: str, modified: float) -> Dictionary:
    """The variables of an SPSS file from a metadata-only read (fast also with thousands of variables)."""
    return read_variables(path)


def survey_wizard(store: Store, study: StudyRef, coder: str) -> None:
    """Upload CSV / XLSX / SPSS, choose id, open questions, attributes and weight, preview, import."""
    upload = st.file_uploader("Enquête-export (CSV, XLSX of SPSS .sav)", type=SURVEY_TYPES,
                              key=_upload_key("wiz_survey"))
    if upload is None:
        st.caption("De eerste rij bevat de kolomnamen. Scheidingsteken en tekenset worden herkend, net als de "
                   "kopregels van Qualtrics en SurveyMonkey.")
        return
    path = save_upload(upload)
    spss = path.suffix.lower() in SAV_SUFFIXES
    header_rows = None
    if not spss:
        chosen_rows = st.number_input("Aantal kopregels (0 = automatisch herkennen)", min_value=0, max_value=50,
                                      value=0, step=1, key="wiz_header_rows",
                                      help="Rij 1 de kolomnamen, rij 2 de vraagteksten, verdere kopregels worden "
                                           "overgeslagen. Qualtrics en SurveyMonkey worden vanzelf herkend.")
        header_rows = int(chosen_rows) or None
    try:
        table = _read(str(path), path.stat().st_mtime, header_rows)
        labels = _labels(path, table) if spss else {}
    except CodingError as error:
        show_error(error, "Dit bestand kan niet worden gelezen — er is niets geïmporteerd")
        return
    if table.layout:
        st.info(table.layout[:1].upper() + table.layout[1:] + ".", icon=":material/view_headline:")
    st.caption(f"{len(table.frame):,} rijen, {len(table.columns)} kolommen. Voorbeeld van de eerste "
               f"{min(PREVIEW_ROWS, len(table.frame))}:".replace(",", "."))
    st.dataframe(table.frame.head(PREVIEW_ROWS), hide_index=True, width="stretch", height=240)
    guess = guess_mapping(table)
    columns = table.columns

    def shown(column: str | None) -> str:
        if column is None:
            return "(geen weging)"
        label = labels.get(column, "")
        return f"{column} — {label[:80]}" if label else column

    left, right = st.columns(2)
    with left:
        id_column = st.selectbox("Respondent-id", columns, index=columns.index(guess.id), key="wiz_id",
                                 format_func=shown)
        texts = st.multiselect(
            "Open vragen (elke kolom wordt een vraag)",
            [c for c in columns if c != id_column],
            default=[c for c in guess.texts if c != id_column],
            key="wiz_texts",
            format_func=shown,
        )
    with right:
        rest = [c for c in columns if c != id_column and c not in texts]
        wave_options: list[str | None] = [None, *rest]
        guessed_wave = guess_wave_column(rest)
        wave_column = st.selectbox(
            "Meting uit kolom (jaar, golf, …)",
            wave_options,
            index=wave_options.index(guessed_wave) if guessed_wave in wave_options else 0,
            format_func=lambda c: "(één meting: label hieronder)" if c is None else c,
            key="wiz_wave_column",
            help="Een respondent is (meting, id): dezelfde id in twee metingen is twee respondenten.",
        )
        wave_label = "" if wave_column else st.text_input(
            "Meting (label, bijv. 2024; leeg = geen metingen)", key="wiz_wave").strip()
        rest = [c for c in rest if c != wave_column]
        attributes = st.multiselect(
            "Kenmerken (doelgroep, bestuurslaag, …)",
            rest,
            default=[c for c in guess.attributes if c in rest],
            key="wiz_attributes",
            format_func=shown,
        )
        weight_options: list[str | None] = [None, *[c for c in rest if c not in attributes]]
        weight = st.selectbox(
            "Weging",
            weight_options,
            index=weight_options.index(guess.weight) if guess.weight in weight_options else 0,
            format_func=shown,
            key="wiz_weight",
        )
    wordings = _wordings(table, texts)
    routing = st.text_area(
        "Routing: wie kreeg welke vraag (optioneel, één per regel)",
        placeholder="belemmeringen:vrij_voelen=nee", key="wiz_routing",
        help="VRAAG:KENMERK=WAARDE[,WAARDE…] of VRAAG:KENMERK!=WAARDE. Antwoorden van wie de vraag niet kreeg, "
        "tellen nergens mee.")
    replace_wave = st.checkbox("Een meting die al bestaat vervangen (coderingen van ongewijzigde antwoorden "
                               "blijven staan)", key="wiz_replace_wave")
    mapped = [id_column, *([wave_column] if wave_column else []), *texts, *attributes, *([weight] if weight else [])]
    st.caption("Zo worden de gekozen kolommen ingelezen:")
    st.dataframe(_mapped_preview(table, mapped), hide_index=True, width="stretch", height=200)
    if st.button("Importeren", type="primary", disabled=not texts, key="wiz_survey_go",
                 help=None if texts else "Kies minstens één kolom met open antwoorden."):
        mapping = SurveyMapping(id=id_column, texts=texts, attributes=attributes, weight=weight, wordings=wordings,
                                wave_column=wave_column)
        asked_if = [line.strip() for line in routing.splitlines() if line.strip()]
        bar = st.progress(0.0, text="Importeren…")
        try:
            report = import_survey(store, path, study.name, mapping, actor=coder, header_rows=header_rows,
                                   progress=_progress_callback(bar, "Importeren…"), wave=wave_label or None,
                                   asked_if=asked_if or None, replace_wave=replace_wave)
        except CodingError as error:
            bar.empty()
            show_error(error, "Importeren mislukt — er is niets geïmporteerd")
            return
        _finished(report, study, texts[0])


def _labels(path: Path, table: Table) -> dict[str, str]:
    """Variable labels of an SPSS file by name, shown in an expander as the file's variable list."""
    dictionary = _variables(str(path), path.stat().st_mtime)
    rows = f" en {dictionary.rows:,} rijen".replace(",", ".") if dictionary.rows is not None else ""
    with st.expander(f"Variabelen in het bestand ({len(dictionary.variables):,}{rows})".replace(",", ".")):
        st.dataframe(pd.DataFrame([{"naam": v.name, "label": v.label, "soort": v.kind,
                                    "waardelabels": v.value_labels} for v in dictionary.variables]),
                     hide_index=True, width="stretch", height=240)
        for response_set in dictionary.response_sets.values():
            st.caption(md_escape(f"Meervoudige antwoordset {response_set.name} ({response_set.label}): één kenmerk "
                                 "per optie — " + ", ".join(response_set.options)))
    return {v.name: v.label for v in dictionary.variables if v.label}


def _wordings(table: Table, texts: list[str]) -> dict[str, str]:
    """A wording field per chosen open question, filled from the file; returns the wordings the researcher
    changed (the file's own are taken by the importer, and do not replace a wording edited earlier)."""
    if not texts:
        return {}
    st.caption("Vraagtekst per open vraag (staat in het rapport en boven het antwoord bij het coderen):")
    changed = {}
    for index, column in enumerate(texts):
        from_file = table.wordings.get(column, "")
        value = st.text_input(f"Vraagtekst van {md_escape(column)}", value=from_file,
                              key=f"wiz_wording_{index}_{column}",
                              placeholder="Bijv. Wat belemmert u om een dilemma te bespreken?").strip()
        if value and value != from_file:
            changed[column] = value
    return changed


def _mapped_preview(table: Table, columns: list[str]) -> pd.DataFrame:
    return table.frame[list(dict.fromkeys(columns))].head(PREVIEW_ROWS)


def transcript_wizard(store: Store, study: StudyRef, coder: str) -> None:
    """Upload transcripts (.docx, .txt, .vtt, .srt), name the interview topic and attributes, pick the interviewer,
    preview the split, import."""
    uploads = st.file_uploader("Transcripten (.docx, .txt, .vtt of .srt)", type=TRANSCRIPT_TYPES,
                               accept_multiple_files=True, key=_upload_key("wiz_transcripts"))
    if not uploads:
        st.caption("Elke sprekersbeurt (‘Interviewer:’, ‘R:’, een naam met dubbele punt, ‘Spreker 1 00:00:03’, "
                   "Teams/Zoom-ondertitels) wordt een passage.")
        return
    paths = [save_upload(u) for u in uploads]
    question = st.text_input("Vraag / interviewonderwerp", value="interviews", key="wiz_topic").strip()
    wording = st.text_input("Omschrijving (optioneel)", key="wiz_wording")
    raw_attributes = st.text_area("Kenmerken van deze documenten, één per regel (sleutel=waarde)",
                                  placeholder="organisatietype=Kleine gemeente", key="wiz_doc_attrs")
    try:
        attributes = parse_attributes([line for line in raw_attributes.splitlines() if line.strip()])
        speakers = transcript_speakers(paths)
    except CodingError as error:
        show_error(error, "Dit transcript kan niet worden gelezen — er is niets geïmporteerd")
        return
    interviewers = st.multiselect(
        "Interviewer (hun beurten zijn context en worden niet gecodeerd)", speakers,
        default=[s for s in speakers if s.lower() in INTERVIEWER_LABELS], key="wiz_interviewers",
        help="De sprekers die in de transcripten zijn gevonden.")
    pseudonymise = st.checkbox("Namen van geïnterviewden vervangen door ‘Geïnterviewde 1’, …", key="wiz_pseudo",
                               help="De echte namen blijven bij de studie (voor het onderzoeksteam), nooit in een "
                                    "export.")
    try:
        preview = _transcript_preview(paths[0], interviewers, pseudonymise)
    except CodingError as error:
        show_error(error, "Dit transcript kan niet worden gelezen — er is niets geïmporteerd")
        return
    st.caption(f"Zo wordt {md_escape(paths[0].name)} opgedeeld (eerste passages):")
    st.dataframe(preview, hide_index=True, width="stretch", height=220)
    if st.button("Transcripten importeren", type="primary", disabled=not question, key="wiz_transcripts_go"):
        bar = st.progress(0.0, text="Importeren…")
        try:
            report = import_transcripts(store, list(paths), study.name, question, attributes=attributes,
                                        interviewers=interviewers or None, pseudonymise=pseudonymise,
                                        wording=wording, actor=coder, progress=_progress_callback(bar, "Importeren…"))
        except CodingError as error:
            bar.empty()
            show_error(error, "Importeren mislukt — er is niets geïmporteerd")
            return
        _finished(report, study, question)


def _transcript_preview(path: Path, interviewers: list[str], pseudonymise: bool) -> pd.DataFrame:
    _, passages, _ = read_transcript(path, interviewers=interviewers or None, pseudonymise=pseudonymise)
    return pd.DataFrame(
        [{"spreker": p.speaker or "", "tijd": format_time(p.start_time), "tekst": p.text,
          "gecodeerd": "ja" if p.substantive else "nee (context)"}
         for p in passages[:PREVIEW_ROWS]]
    )
