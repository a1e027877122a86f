"""Import a REFI-QDA project (.qdpx) from QualCoder, ATLAS.ti, MAXQDA, NVivo or this tool.

- every text source becomes an interview document of one question (``interviews`` unless named), split into
  speaker turns as a transcript is (see :mod:`coding.ingest.transcripts`), its text kept exactly as in the project;
- the codes become the question's codebook, with their hierarchy (a top-level, non-codable code named like the
  question — how this tool nests a question's themes — is left out, and so is the "question: " prefix a repeated
  label got on export);
- every coded ``PlainTextSelection`` becomes passage codings (one per turn it covers; a selection covering a whole
  turn codes the turn), with the coder's name from ``creatingUser`` (on the ``Coding`` or the selection) and its
  ``creationDateTime``;
- ``Cases`` with their ``Variables`` become the documents' attributes.

Everything is read and checked before anything is written. The code-reading helpers here are also used to read a
REFI-QDA codebook (.qdc) in :mod:`coding.report.qdc`.
"""

from __future__ import annotations

import bisect
import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lxml import etree

from coding.codebook import CodebookSpec, ThemeSpec
from coding.errors import ConflictError, InputError, NotFoundError
from coding.ingest.reading import check_package, read_bytes
from coding.ingest.survey import text_hash
from coding.ingest.transcripts import INTERVIEWER_LABELS, Line, split_lines
from coding.progress import Progress, no_progress
from coding.store import Store, question_ref
from coding.store.access import check
from coding.store.imports import (
    ImportReport,
    NewSegment,
    ProjectCoding,
    ProjectPlan,
    TranscriptFile,
    TranscriptPlan,
    write_project,
)

CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
PROJECT_NS = "urn:QDA-XML:project:1.0"

#: Extra theme fields kept in a code's description, one line each ("Code: …", "Wel: a | b").
CODE_FIELDS = (("code", "Code"), ("include", "Wel"), ("exclude", "Niet"), ("keywords", "Trefwoorden"),
               ("examples", "Voorbeelden"))
FIELD_SEPARATOR = " | "

#: The largest project.qde and source text read from an archive (bytes).
MAX_MEMBER = 200 * 1024 * 1024
#: The longest respondent name the store keeps.
MAX_NAME = 200


def _slug(text: str, taken: set[str]) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    base = re.sub(r"[^a-z0-9_.\-]+", "_", ascii_text).strip("_") or "code"
    candidate, number = base[:90], 2
    while candidate in taken:
        candidate, number = f"{base[:85]}_{number}", number + 1
    return candidate


def codes_with_guids(parent: Any, namespace: str) -> list[tuple[str, bool, ThemeSpec]]:
    """(GUID, codable, theme) of the nested ``Code`` elements under ``parent``, depth first; codes and rules read
    back from the description lines that :func:`coding.report.qdc.describe` writes."""
    found: list[tuple[str, bool, ThemeSpec]] = []
    taken: set[str] = set()
    labels = {label: name for name, label in CODE_FIELDS}

    def walk(element: Any, parent_code: str | None) -> None:
        for code in element.findall(f"{{{namespace}}}Code"):
            description = code.findtext(f"{{{namespace}}}Description") or ""
            fields: dict[str, Any] = {}
            definition: list[str] = []
            for line in description.splitlines():
                key, _, value = line.partition(": ")
                if key in labels and value:
                    name = labels[key]
                    fields[name] = value.strip() if name == "code" else value.split(FIELD_SEPARATOR)
                elif not fields:
                    definition.append(line)
            label = code.get("name") or "Zonder naam"
            theme_code = fields.pop("code", None) or _slug(label, taken)
            if theme_code in taken:
                theme_code = _slug(theme_code, taken)
            taken.add(theme_code)
            theme = ThemeSpec(code=theme_code, label=label, parent=parent_code,
                              definition="\n".join(definition).strip(), **fields)
            found.append((code.get("guid", ""), code.get("isCodable", "true") != "false", theme))
            walk(code, theme_code)

    walk(parent, None)
    return found


def themes_from_codes(parent: Any, namespace: str) -> list[ThemeSpec]:
    """The themes of nested ``Code`` elements under ``parent`` (depth first), codes and rules read back."""
    return [theme for _, _, theme in codes_with_guids(parent, namespace)]


@dataclass(frozen=True)
class QdaSelection:
    """A coded stretch of a source: its offsets, the code's GUID, the coder and when."""

    source: str
    start: int
    end: int
    code: str
    coder: str
    created: datetime | None


@dataclass
class QdaProject:
    """What a .qdpx holds, as plain data."""

    name: str
    #: (source GUID, name, text) of every text source.
    sources: list[tuple[str, str, str]]
    #: (GUID, codable, theme) of every code, depth first.
    codes: list[tuple[str, bool, ThemeSpec]]
    selections: list[QdaSelection]
    #: Source GUID → attributes (from the Cases that refer to it).
    attributes: dict[str, dict[str, str]] = field(default_factory=dict)


def _when(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _member(archive: zipfile.ZipFile, name: str, source: str) -> bytes:
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise InputError(f"Het project mist het bestand '{name}'.", hint="Exporteer het project opnieuw als .qdpx.",
                         file=source) from None
    if info.file_size > MAX_MEMBER:
        raise InputError(f"'{name}' in het project is te groot ({info.file_size} bytes).", file=source)
    return zipfile.Path(archive, name).read_bytes()


def read_project(path: str | Path) -> QdaProject:
    """Read a .qdpx archive (project.qde plus sources) into plain data; :class:`InputError` when it is not one."""
    source = str(path)
    data = read_bytes(path)
    if not data.startswith(b"PK"):
        raise InputError("Dit is geen REFI-QDA-project (.qdpx is een zip-archief).",
                         hint="Exporteer het project in je QDA-programma als REFI-QDA-project (.qdpx).",
                         file=source)
    check_package(data, source, "qdpx")  # bombs, entity declarations, a missing project.qde
    archive = zipfile.ZipFile(io.BytesIO(data))
    with archive:
        try:
            root = etree.fromstring(_member(archive, "project.qde", source),
                                    etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))
        except etree.XMLSyntaxError as exc:
            raise InputError(f"project.qde is geen geldige XML: {exc}", file=source) from None
        namespace = etree.QName(root).namespace or PROJECT_NS
        if etree.QName(root).localname != "Project":
            raise InputError("project.qde is geen REFI-QDA-project (Project ontbreekt).", file=source)
        ns = {"q": namespace}
        users = {u.get("guid"): u.get("name") or u.get("guid") for u in root.iterfind("q:Users/q:User", ns)}
        codes_element = root.find("q:CodeBook/q:Codes", ns)
        codes = codes_with_guids(codes_element, namespace) if codes_element is not None else []
        sources: list[tuple[str, str, str]] = []
        selections: list[QdaSelection] = []
        for element in root.iterfind("q:Sources/q:TextSource", ns):
            guid = element.get("guid", "")
            text_path = element.get("plainTextPath") or ""
            if text_path.startswith("internal://"):
                text = _member(archive, "sources/" + text_path.removeprefix("internal://"), source).decode(
                    "utf-8-sig", errors="replace")
            else:
                text = element.findtext("q:PlainTextContent", default="", namespaces=ns)
            sources.append((guid, element.get("name") or guid, text))
            for selection in element.iterfind("q:PlainTextSelection", ns):
                try:
                    start, end = int(selection.get("startPosition", "")), int(selection.get("endPosition", ""))
                except ValueError:
                    raise InputError(f"Een selectie in bron '{element.get('name')}' heeft geen geldige posities.",
                                     file=source) from None
                for coding in selection.iterfind("q:Coding", ns):
                    ref = coding.find("q:CodeRef", ns)
                    if ref is None:
                        continue
                    user = coding.get("creatingUser") or selection.get("creatingUser")
                    when = coding.get("creationDateTime") or selection.get("creationDateTime")
                    selections.append(QdaSelection(guid, start, end, ref.get("targetGUID", ""),
                                                   users.get(user, user) or "import", _when(when)))
        variables = {v.get("guid"): v.get("name", "") for v in root.iterfind("q:Variables/q:Variable", ns)}
        attributes: dict[str, dict[str, str]] = {}
        for case in root.iterfind("q:Cases/q:Case", ns):
            values = {}
            for value in case.iterfind("q:VariableValue", ns):
                ref = value.find("q:VariableRef", ns)
                content = next((child.text for child in value if child is not ref), None)
                name = variables.get(ref.get("targetGUID")) if ref is not None else None
                if name and name != "weight" and content:
                    values[name] = content.strip()
            for ref in case.iterfind("q:SourceRef", ns):
                attributes.setdefault(ref.get("targetGUID", ""), {}).update(values)
    return QdaProject(root.get("name", ""), sources, codes, selections, attributes)


def _codebook(codes: list[tuple[str, bool, ThemeSpec]], question: str) -> tuple[list[ThemeSpec], dict[str, str]]:
    """The question's themes and the theme code of each code GUID (the question's own holder code left out)."""
    holders = {theme.code for _, codable, theme in codes
               if not codable and theme.parent is None and theme.label == question}
    prefix = f"{question}: "
    themes, by_guid = [], {}
    for guid, _, theme in codes:
        if theme.code in holders:
            continue
        parent = None if theme.parent in holders else theme.parent
        label = theme.label.removeprefix(prefix) if theme.label.startswith(prefix) else theme.label
        themes.append(ThemeSpec(**{**theme.__dict__, "parent": parent, "label": label}))
        by_guid[guid] = theme.code
    return themes, by_guid


def _turns(text: str) -> list[tuple[int, int, str | None, bool, str | None]]:
    """(start, end, speaker, substantive, reason) of the turns of a source text, offsets into the text itself."""
    starts, paragraphs = [], []
    position = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            starts.append(position + len(line) - len(line.lstrip()))
            paragraphs.append(stripped)
        position += len(line) + 1
    if not paragraphs:
        return []
    _, passages, _ = split_lines([Line(p) for p in paragraphs], interviewers=sorted(INTERVIEWER_LABELS))
    joined = []
    offset = 0
    for paragraph in paragraphs:
        joined.append(offset)
        offset += len(paragraph) + 1

    def original(at: int, *, end: bool = False) -> int:
        index = bisect.bisect_right(joined, at - 1 if end else at) - 1
        return starts[index] + (at - joined[index])

    return [(original(p.start), original(p.end, end=True), p.speaker, p.substantive, p.reason)
            for p in passages if p.text]


def _external_id(name: str, question: str, taken: set[str]) -> str:
    base = name.removeprefix(f"{question} – ").strip() or "bron"
    candidate, number = base[:MAX_NAME], 2
    while candidate.lower() in taken:
        candidate, number = f"{base[: MAX_NAME - 6]} ({number})", number + 1
    taken.add(candidate.lower())
    return candidate


def import_qdpx(
    store: Store,
    path: str | Path,
    study: str,
    *,
    question: str = "interviews",
    actor: str = "import",
    progress: Progress = no_progress,
) -> ImportReport:
    """Import a REFI-QDA project into ``study``: sources as interview documents of ``question``, codes as its
    codebook, coded selections as passage codings by their coders.

    The question must be new in the study (an import never mixes with codings made here). Everything is written in
    one transaction, all or nothing. Selections that fall outside every turn (e.g. only white space) or refer to an
    unknown code are counted in the report, not silently lost.
    """
    check(store, actor, study, "import.qdpx")
    source = str(path)
    project = read_project(path)
    try:
        question_ref(store, study, question)
    except NotFoundError:
        pass
    else:
        raise ConflictError(f"Studie '{study}' heeft al een vraag '{question}'.",
                            hint="Importeer het project als een nieuwe vraag: --question NAAM.", file=source)
    themes, code_of = _codebook(project.codes, question)
    if not themes:
        raise InputError("Het project heeft geen codes.", hint="Een REFI-QDA-project zonder codes heeft niets "
                         "om te importeren; laad transcripten met 'coding import transcripts'.", file=source)
    taken: set[str] = set()
    files: list[TranscriptFile] = []
    turns_of: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    for guid, name, text in project.sources:
        turns = _turns(text)
        if not turns:
            continue
        external_id = _external_id(name, question, taken)
        segments = tuple(
            NewSegment(text[start:end], text_hash(text[start:end]), substantive, reason,
                       len(text[start:end].split()), speaker=speaker, start=start, end=end)
            for start, end, speaker, substantive, reason in turns
        )
        files.append(TranscriptFile(source=source, filename=name[:500], external_id=external_id, text=text,
                                    sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), passages=segments,
                                    attributes=project.attributes.get(guid, {})))
        turns_of[guid] = (external_id, [(start, end) for start, end, *_ in turns])
    if not files:
        raise InputError("Het project heeft geen tekstbronnen met tekst.", file=source)
    # Every selection, clipped to each turn it covers (checked before anything is written).
    wanted: list[tuple[str, int, str, str, int, int, datetime | None]] = []
    outside = unknown_code = 0
    for selection in project.selections:
        theme = code_of.get(selection.code)
        if theme is None:
            unknown_code += 1
            continue
        external_id, spans = turns_of.get(selection.source, ("", []))
        hits = [(position, max(selection.start, a), min(selection.end, b)) for position, (a, b) in enumerate(spans)
                if max(selection.start, a) < min(selection.end, b)]
        if not hits:
            outside += 1
        wanted.extend((external_id, position, theme, selection.coder, start, end, selection.created)
                      for position, start, end in hits)
    plan = ProjectPlan(
        transcripts=TranscriptPlan(study=study, question=question, wording="", attributes={}, files=tuple(files),
                                   actor=actor),
        codebook=CodebookSpec(question=question, themes=themes),
        codings=tuple(ProjectCoding(*coding) for coding in wanted),
        file=Path(source).name,
    )
    report = write_project(store, plan, progress)
    report.selections_outside = outside + unknown_code
    return report

