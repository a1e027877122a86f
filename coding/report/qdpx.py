"""The study as a REFI-QDA project (.qdpx): project.qde plus one plain-text file per source.

- users: every coder;
- the codebook: one non-codable code per question with its themes nested below (parents above children). Code
  names are unique in the project (importers merge codes by name): a label used by more than one question's
  codebook ("Overig", "Geen inhoudelijk antwoord") is prefixed with its question ("belemmeringen: Overig");
- sources: a transcript is one source (its full text); a survey answer is one source per respondent and question;
- codings: one ``PlainTextSelection`` per coder and coding — the coded turn's or passage's own character offsets,
  with ``creatingUser`` and a timezone-aware ``creationDateTime`` on the selection (where importers read them) and
  on its one ``Coding``/``CodeRef``; a turn's start time (transcripts with timestamps) is in the selection's name;
- respondents: ``Cases`` with their attributes and weight as ``Variables``; a group with fewer than k (``--min-group``)
  respondents of its kind is written as "overig", or not at all (statistical disclosure control).

:func:`coding.ingest.qdpx.import_qdpx` reads such a project back (export → import → export gives the same project).

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
from coding.analysis.disclosure import merge_small_groups
from coding.analysis.model import QuestionReport, ReportData
from coding.analysis.privacy import find_personal_data, names_in
from coding.codebook import CodebookSpec, ThemeSpec
from coding.ingest.transcripts import format_time
from coding.report.qdc import PROJECT_NS, code_elements, guid
from coding.vocabulary import QuestionKind

NS = PROJECT_NS


def _el(parent: Any, tag: str, **attributes: str) -> Any:
    return etree.SubElement(parent, f"{{{NS}}}{tag}", **attributes)


def _time(value: Any) -> str | None:
    """An ISO time with its time zone (a time stored without one, as SQLite does, is UTC)."""
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if not isinstance(value, datetime):
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()


def unique_code_names(questions: list[tuple[str, CodebookSpec]]) -> dict[str, dict[str, str]]:
    """The code name of every theme per question (question → theme code → name), unique in the project.

    A label that is used more than once (in several questions' codebooks, or as a question's own name) gets its
    question as prefix; one still repeated within a question gets its code as well.
    """
    counts: dict[str, int] = {}
    for name, spec in questions:
        counts[name.lower()] = counts.get(name.lower(), 0) + 1
        for theme in spec.themes:
            counts[theme.label.lower()] = counts.get(theme.label.lower(), 0) + 1
    names: dict[str, dict[str, str]] = {}
    taken = {name.lower() for name, _ in questions}
    for question, spec in questions:
        own = names.setdefault(question, {})
        for theme in spec.themes:
            name = theme.label if counts[theme.label.lower()] == 1 else f"{question}: {theme.label}"
            if name.lower() in taken:
                name = f"{name} ({theme.code})"
            taken.add(name.lower())
            own[theme.code] = name
    return names


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


def _passage(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _selections(source: Any, study: str, segment_id: int, span: tuple[int, int], moved: dict[int, int],
                codings: pd.DataFrame, code_guids: dict[str, str], users: dict[str, str], name: str) -> None:
    """One ``PlainTextSelection`` per coder and coding of a segment: the whole segment's ``span``, or the
    passage's own offsets (both in the unmasked text; ``moved`` maps them into the masked one)."""
    for c in codings.itertuples(index=False):
        start, end = _passage(getattr(c, "passage_start", None)), _passage(getattr(c, "passage_end", None))
        if start is None or end is None:
            start, end = span
        user = {"creatingUser": users[c.coder]}
        when = _time(c.created_at)
        if when:
            user["creationDateTime"] = when
        selection = _el(source, "PlainTextSelection", guid=guid(study, "selection", segment_id, start, end, c.coder,
                                                                c.theme),
                        name=name, startPosition=str(moved[start]), endPosition=str(moved[end]), **user)
        coding = _el(selection, "Coding", guid=guid(study, "coding", segment_id, start, end, c.theme, c.coder),
                     **user)
        _el(coding, "CodeRef", targetGUID=code_guids[c.theme])


def _cuts(segments: pd.DataFrame, codings: pd.DataFrame) -> set[int]:
    """Every offset a selection starts or ends at: segment bounds and coded passages."""
    cuts = {int(v) for v in segments["start_char"]} | {int(v) for v in segments["end_char"]}
    if not codings.empty and "passage_start" in codings.columns:
        cuts |= {int(v) for v in codings["passage_start"].dropna()} | {int(v) for v in codings["passage_end"].dropna()}
    return cuts


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
            coded = codings[codings["segment_id"].isin(set(own["segment_id"]))] if not codings.empty else codings
            text, moved = mask_with_offsets(str(document.text), _cuts(own, coded), mask=mask)
            source = add(f"{data.name} – {document.respondent_id}", document.document_id, document.respondent_id,
                         text)
            for s in own.itertuples(index=False):
                when = format_time(getattr(s, "start_time", None))
                name = f"{s.speaker or 'segment'} {when}".strip() if when else f"segment {s.segment_id}"
                _selections(source, study, int(s.segment_id), (int(s.start_char), int(s.end_char)), moved,
                            by_segment.get(s.segment_id, empty), code_guids, users, name)
        return
    for s in data.segments.itertuples(index=False):
        if not str(s.text).strip():
            continue
        own_codings = by_segment.get(s.segment_id, empty)
        original = str(s.text)
        text, moved = mask_with_offsets(original, _cuts(pd.DataFrame({"start_char": [0], "end_char": [len(original)]}),
                                                        own_codings), mask=mask)
        source = add(f"{data.name} – {s.respondent_id}", s.segment_id, str(s.respondent_id), text)
        _selections(source, study, int(s.segment_id), (0, len(original)), moved, own_codings, code_guids, users,
                    f"segment {s.segment_id}")


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
    specs = [(question.name, _themes(question)) for question in report.questions]
    names = unique_code_names(specs)
    for question, (name, spec) in zip(report.questions, specs, strict=True):
        holder = _el(codes, "Code", guid=guid(study, "question", name), name=name, isCodable="false")
        if question.data.wording:
            _el(holder, "Description").text = question.data.wording
        code_guids[name] = code_elements(holder, spec, NS, f"{study}/{name}", names[name])
    sources = _Sources(etree.Element(f"{{{NS}}}Sources"))
    for question in report.questions:
        _add_sources(sources, question, study, code_guids[question.name], users)
    _cases(root, report, sources)
    if len(sources.element):
        root.append(sources.element)
    if report.description:
        _el(root, "Description").text = report.description
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True), sources.files


def disclosed_attributes(respondents: pd.DataFrame, attributes: list[str], k: int) -> pd.DataFrame:
    """The respondents with their attributes as an export may show them: per kind (survey respondents, interview
    documents) a group of fewer than ``k`` becomes "overig", or is left out when "overig" stays under ``k`` too
    (see coding.analysis.disclosure). The weight is no group and stays as it is."""
    frame = respondents.copy()
    kinds = frame["kind"] if "kind" in frame.columns else pd.Series("", index=frame.index)
    for name in attributes:
        if name == "weight":
            continue
        values = frame[name].astype(object)
        values = values.where(values.notna() & (values.astype(str).str.strip() != ""), None)
        result = values.copy()
        for _, rows in values.groupby(kinds, dropna=False):
            merged = merge_small_groups(rows, k).values.astype(object)
            result.loc[rows.index] = merged.where(merged.notna(), None)
        frame[name] = result
    return frame


def _cases(root: Any, report: ReportData, sources: _Sources) -> None:
    respondents = report.questions[0].data.respondents if report.questions else pd.DataFrame()
    if respondents.empty or not sources.by_respondent:
        return
    study = report.study
    attributes = [c for c in respondents.columns if c not in ("respondent_id", "kind", *HIDDEN_ATTRIBUTES)]
    cased = respondents[respondents["respondent_id"].astype(str).isin(set(sources.by_respondent))]
    respondents = disclosed_attributes(cased, attributes, report.options.min_group)
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
            if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)) \
                    or str(value).strip() == "":
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
