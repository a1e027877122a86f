"""The study as a REFI-QDA project (.qdpx): project.qde plus one plain-text file per source.

- users: every coder;
- the codebook: one non-codable code per question with its themes nested below (parents above children);
- sources: a transcript is one source (its full text); a survey answer is one source per respondent and question;
- codings: a ``PlainTextSelection`` per coded segment (its character offsets) with a ``Coding`` and ``CodeRef`` per
  coder and theme;
- respondents: ``Cases`` with their attributes and weight as ``Variables``.

Personal data in the texts is masked (unless the report options say otherwise); selections are moved along so they
still cover the same passages. GUIDs are derived from the study's own ids, so the same study gives the same GUIDs.
"""

from __future__ import annotations

import itertools
import math
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO, Any

import pandas as pd
from lxml import etree

from coding.analysis.build import HIDDEN_ATTRIBUTES
from coding.analysis.model import QuestionReport, ReportData
from coding.analysis.privacy import find_personal_data, names_in
from coding.codebook import CodebookSpec, ThemeSpec
from coding.report.qdc import PROJECT_NS, code_elements, guid
from coding.vocabulary import QuestionKind

NS = PROJECT_NS


def _el(parent: Any, tag: str, **attributes: str) -> Any:
    return etree.SubElement(parent, f"{{{NS}}}{tag}", **attributes)


def _time(value: Any) -> str | None:
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    return value.isoformat() if isinstance(value, datetime) else None


def mask_with_offsets(text: str, cuts: set[int], *, mask: bool = True) -> tuple[str, dict[int, int]]:
    """``text`` with personal data masked piece by piece between ``cuts``; returns it and where each cut moved.

    Names found anywhere in the text are masked in every piece.
    """
    points = sorted({0, len(text), *(c for c in cuts if 0 <= c <= len(text))})
    if not mask:
        return text, {p: p for p in points}
    known = names_in(find_personal_data(text))
    pieces: list[str] = []
    moved = {0: 0}
    length = 0
    for start, end in itertools.pairwise(points):
        piece = text[start:end]
        findings = find_personal_data(piece, known_names=known)
        for finding in sorted(findings, key=lambda f: f.start, reverse=True):
            piece = piece[: finding.start] + finding.placeholder + piece[finding.end :]
        pieces.append(piece)
        length += len(piece)
        moved[end] = length
    return "".join(pieces), moved


def _themes(question: QuestionReport) -> CodebookSpec:
    themes = question.data.themes
    coded = set(question.data.codings["theme"]) if not question.data.codings.empty else set()
    keep = themes[~themes["retired"].astype(bool) | themes["code"].isin(coded)]
    codes = set(keep["code"])
    specs = [
        ThemeSpec(code=r.code, label=r.label, parent=r.parent if r.parent in codes else None,
                  definition=r.definition or "")
        for r in keep.itertuples(index=False)
    ]
    return CodebookSpec(question=question.name, wording=question.data.wording, themes=specs)


def _variable_value(case: Any, variable: str, value: Any) -> None:
    holder = _el(case, "VariableValue")
    _el(holder, "VariableRef", targetGUID=variable)
    if isinstance(value, float):
        _el(holder, "FloatValue").text = f"{value:.6f}".rstrip("0").rstrip(".") if math.isfinite(value) else "0"
    else:
        _el(holder, "TextValue").text = str(value)


@dataclass
class _Sources:
    """Sources as they are written: XML elements, and the text files that go into the archive."""

    element: Any
    files: dict[str, str] = field(default_factory=dict)
    by_respondent: dict[str, list[str]] = field(default_factory=dict)


def _selection(source: Any, study: str, segment_id: int, start: int, end: int, codings: pd.DataFrame,
               code_guids: dict[str, str], users: dict[str, str]) -> None:
    if codings.empty:
        return
    selection = _el(source, "PlainTextSelection", guid=guid(study, "selection", segment_id),
                    name=f"segment {segment_id}", startPosition=str(start), endPosition=str(end))
    for c in codings.itertuples(index=False):
        attributes = {"guid": guid(study, "coding", segment_id, c.theme, c.coder), "creatingUser": users[c.coder]}
        when = _time(c.created_at)
        if when:
            attributes["creationDateTime"] = when
        coding = _el(selection, "Coding", **attributes)
        _el(coding, "CodeRef", targetGUID=code_guids[c.theme])


def _add_sources(sources: _Sources, question: QuestionReport, study: str, code_guids: dict[str, str],
                 users: dict[str, str]) -> None:
    data = question.data
    mask = question.options.mask
    codings = data.codings[data.codings["theme"].isin(code_guids)] if not data.codings.empty else data.codings
    by_segment = {s: frame for s, frame in codings.groupby("segment_id")} if not codings.empty else {}
    empty = codings.iloc[0:0]

    def add(name: str, key: object, respondent: str, text: str) -> Any:
        source_guid = guid(study, "source", data.name, key)
        source = _el(sources.element, "TextSource", guid=source_guid, name=name,
                     plainTextPath=f"internal://{source_guid}.txt")
        sources.files[f"sources/{source_guid}.txt"] = text
        sources.by_respondent.setdefault(respondent, []).append(source_guid)
        return source

    if data.kind == QuestionKind.INTERVIEW and not data.documents.empty:
        segments = data.segments.dropna(subset=["start_char", "end_char"])
        for document in data.documents.itertuples(index=False):
            own = segments[segments["respondent_id"] == document.respondent_id]
            cuts = {int(v) for v in own["start_char"]} | {int(v) for v in own["end_char"]}
            text, moved = mask_with_offsets(str(document.text), cuts, mask=mask)
            source = add(f"{data.name} – {document.respondent_id}", document.document_id, document.respondent_id,
                         text)
            for s in own.itertuples(index=False):
                _selection(source, study, int(s.segment_id), moved[int(s.start_char)], moved[int(s.end_char)],
                           by_segment.get(s.segment_id, empty), code_guids, users)
        return
    for s in data.segments.itertuples(index=False):
        if not str(s.text).strip():
            continue
        text, moved = mask_with_offsets(str(s.text), set(), mask=mask)
        source = add(f"{data.name} – {s.respondent_id}", s.segment_id, str(s.respondent_id), text)
        _selection(source, study, int(s.segment_id), 0, len(text), by_segment.get(s.segment_id, empty), code_guids,
                   users)


def project_xml(report: ReportData) -> tuple[bytes, dict[str, str]]:
    """The project.qde document and the source text files (archive path → text)."""
    study = report.study
    root = etree.Element(f"{{{NS}}}Project", nsmap={None: NS}, name=study, origin="coding",
                         creationDateTime=datetime.now(UTC).replace(microsecond=0).isoformat())
    coders = sorted({str(c) for q in report.questions for c in q.data.codings.get("coder", [])})
    users = {coder: guid(study, "user", coder) for coder in coders}
    if users:
        users_element = _el(root, "Users")
        for coder, user_guid in users.items():
            _el(users_element, "User", guid=user_guid, name=coder)
    codes = _el(_el(root, "CodeBook"), "Codes")
    code_guids: dict[str, dict[str, str]] = {}
    for question in report.questions:
        holder = _el(codes, "Code", guid=guid(study, "question", question.name), name=question.name,
                     isCodable="false")
        if question.data.wording:
            _el(holder, "Description").text = question.data.wording
        code_guids[question.name] = code_elements(holder, _themes(question), NS, f"{study}/{question.name}")
    sources = _Sources(etree.Element(f"{{{NS}}}Sources"))
    for question in report.questions:
        _add_sources(sources, question, study, code_guids[question.name], users)
    _cases(root, report, sources)
    if len(sources.element):
        root.append(sources.element)
    if report.description:
        _el(root, "Description").text = report.description
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True), sources.files


def _cases(root: Any, report: ReportData, sources: _Sources) -> None:
    respondents = report.questions[0].data.respondents if report.questions else pd.DataFrame()
    if respondents.empty or not sources.by_respondent:
        return
    study = report.study
    attributes = [c for c in respondents.columns if c not in ("respondent_id", "kind", *HIDDEN_ATTRIBUTES)]
    variables = _el(root, "Variables")
    variable_guids = {}
    for name in attributes:
        variable_guids[name] = guid(study, "variable", name)
        kind = "Float" if name == "weight" else "Text"
        _el(variables, "Variable", guid=variable_guids[name], name=name, typeOfVariable=kind)
    cases = _el(root, "Cases")
    for row in respondents.to_dict("records"):
        respondent = str(row["respondent_id"])
        if respondent not in sources.by_respondent:
            continue
        case = _el(cases, "Case", guid=guid(study, "case", respondent), name=respondent)
        for name in attributes:
            value = row.get(name)
            if value is None or (isinstance(value, float) and math.isnan(value)) or str(value).strip() == "":
                continue
            _variable_value(case, variable_guids[name], float(value) if name == "weight" else str(value))
        for source_guid in sources.by_respondent[respondent]:
            _el(case, "SourceRef", targetGUID=source_guid)


def write_qdpx(report: ReportData, out: IO[bytes]) -> None:
    """Write the report's questions as a REFI-QDA project archive (.qdpx) to ``out``."""
    project, files = project_xml(report)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", project)
        for path, text in files.items():
            archive.writestr(path, text.encode("utf-8"))
