"""Tables for Excel, SPSS and R: an XLSX workbook, the codings in long format (CSV), a 0/1 respondent x theme
matrix (CSV).

Every text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed with ``'`` so
that a spreadsheet never runs respondent text as a formula (formula injection).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from typing import Any, BinaryIO, TextIO

import pandas as pd

from coding.analysis.agreement import agreement_sheet
from coding.analysis.codes import CodesTable
from coding.analysis.counts import net_matrix, respondent_weights
from coding.analysis.disclosure import shows_percentage
from coding.analysis.findings import KIND_LABELS
from coding.analysis.model import QuestionReport, ReportData
from coding.analysis.privacy import mask_personal_data
from coding.output import FORMULA_STARTS, neutralise, write_csv, xlsx_row
from coding.report import text as nl
from coding.report.trend import legend, trend_basis, trend_frame
from coding.vocabulary import QuestionKind

__all__ = ["FORMULA_STARTS", "neutralise", "write_codings_csv", "write_matrix_csv", "write_xlsx"]

#: Columns of the long-format codings file (re-importable with `coding import codings`).
LONG_COLUMNS = ["respondent", "segment", "vraag", "thema", "codeur", "bron"]


def long_codings(report: ReportData) -> pd.DataFrame:
    """Every coding of every coder in the report's questions: respondent, segment, question, theme, coder, source."""
    frames = [q.data.codings for q in report.questions if not q.data.codings.empty]
    if not frames:
        return pd.DataFrame(columns=LONG_COLUMNS)
    codings = pd.concat(frames, ignore_index=True)
    return pd.DataFrame(
        {
            "respondent": codings["respondent_id"].astype(str),
            "segment": codings["segment_id"].astype(int),
            "vraag": codings["question"],
            "thema": codings["theme"],
            "codeur": codings["coder"],
            "bron": codings["source"],
        }
    )


def write_codings_csv(report: ReportData, out: TextIO) -> None:
    """The codings in long format as CSV for Excel (``;``, UTF-8 with BOM), cells neutralised."""
    write_csv(out, long_codings(report).itertuples(index=False), header=LONG_COLUMNS, delimiter=";",
              lineterminator="\r\n", bom=True)


def variable_name(text: str, taken: set[str]) -> str:
    """A variable name SPSS and R accept: ASCII letters, digits and ``_``, starting with a letter, unique."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    name = re.sub(r"[^A-Za-z0-9_]+", "_", ascii_text).strip("_") or "v"
    if not name[0].isalpha():
        name = "v_" + name
    name = name[:60]
    candidate, number = name, 2
    while candidate.lower() in taken:
        candidate, number = f"{name[:56]}_{number}", number + 1
    taken.add(candidate.lower())
    return candidate


def theme_matrix(report: ReportData) -> pd.DataFrame:
    """Respondents x themes of 0/1 (a parent theme is its net); empty where a respondent is not in a basis.

    One column per theme, named ``question_theme`` when the report has several questions; plus the weight.
    """
    single = len(report.questions) == 1
    taken: set[str] = {"respondent_id", "weight"}
    columns: dict[str, pd.Series] = {}
    respondents: dict[str, None] = {}
    for question in report.questions:
        active = question.data.themes[question.data.themes["code"].isin(question.matrix.columns)]
        nets = net_matrix(question.matrix, active)
        respondents.update(dict.fromkeys(nets.index))
        for code in nets.columns:
            name = variable_name(code if single else f"{question.name}_{code}", taken)
            columns[name] = nets[code]
    frame = pd.DataFrame(columns, index=pd.Index(list(respondents), name="respondent_id")).astype("Int64")
    if any(q.basis.has_weights for q in report.questions):
        weights = respondent_weights(report.questions[0].data.respondents, list(respondents))
        frame.insert(0, "weight", weights.to_numpy())
    return frame.reset_index()


def write_matrix_csv(report: ReportData, out: TextIO) -> None:
    """The 0/1 respondent x theme matrix as CSV for SPSS or R (``,``, UTF-8, decimal point, empty = missing)."""
    write_csv(out, theme_matrix(report))


def _sheet_name(text: str, taken: set[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\]", " ", text).strip()[:31] or "Blad"
    candidate, number = name, 2
    while candidate.lower() in taken:
        suffix = f" ({number})"
        candidate, number = name[: 31 - len(suffix)] + suffix, number + 1
    taken.add(candidate.lower())
    return candidate


def _counts_frame(question: QuestionReport) -> pd.DataFrame:
    """The counts table; without the shares when the basis is under --min-base."""
    counts = question.counts
    shares = nl.shows_percentages(question)
    frame = pd.DataFrame(
        {
            "thema": counts["code"],
            "label": ["– " * int(d) + str(label) for d, label in zip(counts["depth"], counts["label"], strict=True)],
            "netto": counts["is_net"].map({True: "ja", False: ""}),
            "aantal": counts["n"],
        }
    )
    if shares:
        frame["aandeel"] = counts["pct"] / 100
    if question.basis.has_weights and question.data.kind == QuestionKind.SURVEY:
        frame["aantal gewogen"] = counts["n_weighted"].round(2)
        if shares:
            frame["aandeel gewogen"] = counts["pct_weighted"] / 100
    basis = {"thema": "basis", "label": "Basis (n)", "aantal": question.basis.n}
    if "aantal gewogen" in frame.columns:
        basis["aantal gewogen"] = round(question.basis.weighted_n, 2)
        if shares:
            basis["aandeel gewogen"] = None
        effective = {"thema": "n_eff", "label": "Effectieve steekproefomvang (Kish)",
                     "aantal gewogen": round(question.basis.effective_n, 1)}
        return pd.concat([frame, pd.DataFrame([basis, effective])], ignore_index=True)
    return pd.concat([frame, pd.DataFrame([basis])], ignore_index=True)


def _crosstab_frame(question: QuestionReport, index: int) -> pd.DataFrame:
    """Per group its share of each theme (its count when the group is under --min-base), the mark, the raw and the
    corrected p."""
    table = question.crosstabs[index]
    frame = pd.DataFrame({"thema": question.counts["code"], "label": question.counts["label"]})
    for group in table.groups:
        cells = table.cells[table.cells["group"] == group.name].set_index("code")
        if shows_percentage(group.n, question.options.min_base):
            frame[f"{group.name} (n={group.n})"] = frame["thema"].map(cells["share"])
        else:  # as in the report: how many (weighted: of the weighted share), never a percentage of a handful
            frame[f"{group.name} aantal (basis {group.n})"] = frame["thema"].map(
                (cells["share"] * group.n).round().astype("Int64"))
        frame[f"{group.name} significantie"] = frame["thema"].map(cells["mark"])
        frame[f"{group.name} p"] = frame["thema"].map(cells["p"]).round(4)
        frame[f"{group.name} p gecorrigeerd"] = frame["thema"].map(cells["p_corrected"]).round(4)
    return frame


def _crosstab_lines(question: QuestionReport, index: int) -> list[str]:
    """The lines under a crosstab sheet: the Basis line (with merged groups), the legend, the note."""
    table = nl.crosstab_table(question, question.crosstabs[index])
    return [line for line in (table.basis, table.legend, table.note) if line]


def _quotes_frame(report: ReportData) -> pd.DataFrame:
    rows = []
    for question in report.questions:
        labels = dict(zip(question.counts["code"], question.counts["label"], strict=True))
        for code, quotes in question.quotes.items():
            for rank, quote in enumerate(quotes, start=1):
                rows.append([question.name, code, labels.get(code, code), rank, quote.text, quote.attribution or "",
                             quote.respondent_id, quote.segment_id, "ja" if quote.flagged else "",
                             ", ".join(sorted({KIND_LABELS[f.kind] for f in quote.findings}))])
    return pd.DataFrame(rows, columns=["vraag", "thema", "label", "volgorde", "citaat", "toeschrijving", "respondent",
                                       "segment", "gemarkeerd", "persoonsgegevens gemaskeerd"])


def _codings_sheet(report: ReportData) -> pd.DataFrame:
    rows = []
    for question in report.questions:
        texts = dict(zip(question.data.segments["segment_id"], question.data.segments["text"], strict=True))
        labels = dict(zip(question.data.themes["code"], question.data.themes["label"], strict=True))
        mask = question.options.mask
        starts = dict(zip(question.data.segments["segment_id"], question.data.segments["start_char"], strict=True))
        for c in question.data.codings.itertuples(index=False):
            text = str(texts.get(c.segment_id, ""))
            if not pd.isna(getattr(c, "passage_start", None)):  # a coded passage: its own text
                base = 0 if pd.isna(starts.get(c.segment_id)) else int(starts[c.segment_id])
                text = text[int(c.passage_start) - base : int(c.passage_end) - base]
            created = c.created_at
            if isinstance(created, datetime) and created.tzinfo is not None:
                created = created.astimezone(UTC).replace(tzinfo=None)  # Excel has no time zones
            rows.append([str(c.respondent_id), int(c.segment_id), c.question, c.theme, labels.get(c.theme, ""),
                         c.coder, c.source, created, mask_personal_data(text) if mask else text])
    return pd.DataFrame(rows, columns=[*LONG_COLUMNS[:4], "label", "codeur", "bron", "tijd", "tekst"])


def write_xlsx(report: ReportData, out: BinaryIO) -> None:
    """A workbook with a sheet per table (counts, crosstabs with significance, agreement between coders when the
    question was double-coded), the quotes and all codings; with ``report.codes`` also the codes per respondent
    and wave (sheets "codes" and "codes variabelen", the same columns as the .sav)."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    sheets: list[tuple[str, pd.DataFrame, list[str]]] = []  # title, table, lines under it (Basis, legend)
    for question in report.questions:
        basis = [nl.section_basis(question)]
        interviews = question.data.kind == QuestionKind.INTERVIEW  # never in numbers: only quotes and codings
        if not interviews:
            counted = [] if nl.shows_percentages(question) else [nl.small_base_note(question)]
            sheets.append((f"{question.name} aantallen", _counts_frame(question), basis + counted))
        for index, table in enumerate([] if interviews else question.crosstabs):
            sheets.append((f"{question.name} {table.attribute}", _crosstab_frame(question, index),
                           _crosstab_lines(question, index)))
        if question.trend is not None and not interviews:
            sheets.append((f"{question.name} trend", trend_frame(question),
                           [trend_basis(question), legend(question)]))
        if question.agreement is not None:
            sheets.append((f"{question.name} overeenstemming", agreement_sheet(question.agreement), []))
    sheets += [("Citaten", _quotes_frame(report), []), ("Coderingen", _codings_sheet(report), [])]
    for title, frame, below in sheets:
        sheet = workbook.create_sheet(_sheet_name(title, taken))
        sheet.append(xlsx_row(str(c) for c in frame.columns))
        for values in frame.itertuples(index=False):
            sheet.append(xlsx_row(_cell(v) for v in values))
        rows = sheet.max_row
        if below:
            sheet.append([])
        for line in below:
            sheet.append(xlsx_row([line]))
        for column, name in enumerate(frame.columns, start=1):
            if "aandeel" in str(name) or "(n=" in str(name):
                for row in range(2, rows + 1):
                    sheet.cell(row, column).number_format = "0%"
            width = max([len(str(name))] + [len(str(v)) for v in frame.iloc[:, column - 1].head(200)])
            sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 8), 60)
        sheet.freeze_panes = "A2"
    if report.codes is not None:
        _codes_sheets(workbook, report.codes, taken)
    workbook.save(out)


#: Sheet names of the codes per respondent (the same columns as the .sav) and of their variable list.
CODES_SHEET, CODES_VARIABLES_SHEET = "codes", "codes variabelen"


def _codes_sheets(workbook: Any, codes: CodesTable, taken: set[str]) -> None:
    """The codes per respondent and wave (wave, attributes and status as their labels) and the variable list with
    the notes under it: what SPSS keeps as variable and value labels and as the file's documents."""
    from openpyxl.utils import get_column_letter

    for title, frame, below in ((CODES_SHEET, codes.labelled(), []),
                                (CODES_VARIABLES_SHEET, codes.variable_list(), codes.notes)):
        sheet = workbook.create_sheet(_sheet_name(title, taken))
        sheet.append(xlsx_row(str(c) for c in frame.columns))
        for values in frame.itertuples(index=False):
            sheet.append(xlsx_row(_cell(v) for v in values))
        if below:
            sheet.append([])
        for line in below:
            sheet.append(xlsx_row([line]))
        for column, name in enumerate(frame.columns, start=1):
            width = max([len(str(name))] + [len(str(v)) for v in frame.iloc[:, column - 1].head(200)])
            sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 8), 60)
        sheet.freeze_panes = "B2" if title == CODES_SHEET else "A2"


def _cell(value: Any) -> Any:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value
