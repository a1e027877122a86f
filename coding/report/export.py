"""One entry point for every output format: build the report from the store, then write it as bytes.

The bytes are only produced when the report could be built, so a question without coded answers gives a clear
error and never an empty file.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coding.analysis.model import ReportData, ReportOptions
from coding.errors import CodingError
from coding.store import QuestionRef, Store, StudyRef

if TYPE_CHECKING:
    from coding.analysis.codes import CodesTable

#: Format name → (file extension, what it is).
FORMATS: dict[str, tuple[str, str]] = {
    "md": (".md", "Markdown-rapport"),
    "docx": (".docx", "Word-rapport"),
    "xlsx": (".xlsx", "Excel-werkmap met tabellen, citaten en coderingen"),
    "csv": (".csv", "alle coderingen in lang formaat (CSV)"),
    "matrix": (".csv", "0/1-matrix respondent × thema voor SPSS of R (CSV)"),
    "qdpx": (".qdpx", "REFI-QDA-project"),
    "qdc": (".qdc", "REFI-QDA-codeboek"),
    "sav": (".sav", "SPSS-bestand: per respondent en meting een 0/1-variabele per thema, met labels"),
}


@dataclass(frozen=True)
class Export:
    """A written report: its bytes, and what is worth telling the user."""

    content: bytes
    format: str
    questions: list[str]
    skipped: list[str]


def _text(write: Callable[[ReportData, io.StringIO], None]) -> Callable[[ReportData], bytes]:
    def render(report: ReportData) -> bytes:
        buffer = io.StringIO(newline="")
        write(report, buffer)
        return buffer.getvalue().encode("utf-8")

    return render


def _binary(write: Callable[[ReportData, io.BytesIO], None]) -> Callable[[ReportData], bytes]:
    def render(report: ReportData) -> bytes:
        buffer = io.BytesIO()
        write(report, buffer)
        return buffer.getvalue()

    return render


def _sav_bytes(codes: CodesTable) -> bytes:
    from coding.report.sav import write_sav

    buffer = io.BytesIO()
    write_sav(codes, buffer)
    return buffer.getvalue()


def _sav(report: ReportData) -> bytes:
    if report.codes is None:
        raise CodingError("Dit rapport heeft geen codes per respondent voor een SPSS-bestand.",
                          hint="Maak het .sav-bestand van de studie: coding report --study STUDIE --format sav.")
    return _sav_bytes(report.codes)


def with_codes(report: ReportData, store: Store, study: StudyRef, question: QuestionRef | None,
               options: ReportOptions | None) -> ReportData:
    """``report`` with the codes per respondent (the workbook's "codes" sheet) of the study, or of ``question``;
    unchanged when only interviews are coded (they have no codes per respondent)."""
    from coding.analysis.build import NothingToReport
    from coding.analysis.codes import study_codes

    try:
        return dataclasses.replace(report, codes=study_codes(store, study, question, options))
    except NothingToReport:
        return report


def write_report(report: ReportData, fmt: str) -> bytes:
    """The report written in format ``fmt`` (a key of :data:`FORMATS`)."""
    from coding.report.markdown import write_markdown
    from coding.report.qdpx import write_qdpx
    from coding.report.spreadsheet import write_codings_csv, write_matrix_csv, write_xlsx
    from coding.report.word import write_docx

    writers: dict[str, Callable[[ReportData], bytes]] = {
        "md": _text(write_markdown),
        "docx": _binary(write_docx),
        "xlsx": _binary(write_xlsx),
        "csv": _text(write_codings_csv),
        "matrix": _text(write_matrix_csv),
        "qdpx": _binary(write_qdpx),
        "sav": _sav,
    }
    if fmt not in writers:
        raise CodingError(f"Onbekend formaat '{fmt}'.", hint="Kies uit: " + ", ".join(FORMATS))
    return writers[fmt](report)


def export(
    store: Store, study: StudyRef, fmt: str, *, question: QuestionRef | None = None,
    options: ReportOptions | None = None, remember: str | None = None,
) -> Export:
    """Build the report of a study (or one question) and write it in format ``fmt``.

    ``qdc`` writes only the codebook of ``question``; every other format needs at least one coded answer. ``sav``
    holds the codes per respondent of every wave (:func:`coding.analysis.codes.study_codes`), and so does the
    "codes" sheet of ``xlsx``.
    ``remember`` (an actor's name) with a ``question``: its ``options.population`` and ``options.style``, when
    given, are stored for the question (coding.store.report_settings) once the report is written — checked first,
    so a bad setting or a report that cannot be made leaves the database as it was.
    """
    if fmt not in FORMATS:
        raise CodingError(f"Onbekend formaat '{fmt}'.", hint="Kies uit: " + ", ".join(FORMATS))
    if options is not None:
        from coding.analysis.disclosure import check_options

        check_options(options)  # also for a format that does not use them: a wrong value is never ignored
    settings = {} if options is None else {"population": options.population, "style": options.style}
    if remember is not None and question is not None:
        from coding.store.report_settings import check_report_settings

        check_report_settings(question, **settings)
    result = _export(store, study, fmt, question, options)
    if remember is not None and question is not None and any(v is not None for v in settings.values()):
        from coding.store.report_settings import set_report_settings

        set_report_settings(store, question, remember, **settings)
    return result


def _export(
    store: Store, study: StudyRef, fmt: str, question: QuestionRef | None, options: ReportOptions | None
) -> Export:
    if fmt == "qdc":
        from coding.report.qdc import write_qdc
        from coding.store.codebooks import get_codebook

        if question is None:
            raise CodingError("Een .qdc bevat het codeboek van één vraag.", hint="Geef de vraag op met --question.")
        buffer = io.BytesIO()
        write_qdc(get_codebook(store, question), buffer)
        return Export(buffer.getvalue(), fmt, [question.name], [])
    from coding.analysis.build import build_report
    from coding.analysis.codes import study_codes

    if fmt == "sav":
        codes = study_codes(store, study, question, options)
        return Export(_sav_bytes(codes), fmt, codes.questions, codes.skipped)
    report = build_report(store, study, question, options)
    if fmt == "xlsx":
        report = with_codes(report, store, study, question, options)
    return Export(write_report(report, fmt), fmt, [q.name for q in report.questions], report.skipped)
