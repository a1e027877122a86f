"""Readers of what the report writers produce, for the tests: a .qdpx archive and the footnotes of a .docx.

They live with the tests because nothing in the tool reads these files back; the tests use them to check that an
export holds what it should (round trips), next to validating the .qdpx against the REFI-QDA schema.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import IO, Any

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml import etree

from coding.codebook import ThemeSpec
from coding.report.qdc import PROJECT_NS, themes_from_codes

NS = PROJECT_NS


@dataclass
class QdaSelection:
    """A coded passage read back from a project."""

    start: int
    end: int
    codes: list[str]  # code GUIDs
    users: list[str]  # user GUIDs (on each Coding)
    selection_user: str = ""  # creatingUser of the selection itself
    created: str = ""  # creationDateTime of the selection


@dataclass
class QdaSource:
    """A text source read back from a project."""

    guid: str
    name: str
    text: str
    selections: list[QdaSelection]


@dataclass
class QdaProject:
    """What a .qdpx holds, read back: users, codebook, sources with codings, cases with their variables."""

    name: str
    users: dict[str, str]  # guid → name
    codes: dict[str, str]  # guid → name
    codebook: list[ThemeSpec]
    sources: list[QdaSource]
    cases: dict[str, dict[str, str]]  # case name → variable name → value


def read_qdpx(source: IO[bytes]) -> QdaProject:
    """Read a REFI-QDA project archive (sources inline or as internal:// files)."""
    with zipfile.ZipFile(source) as archive:
        root = etree.fromstring(archive.read("project.qde"), etree.XMLParser(resolve_entities=False))
        ns = {"q": NS}
        users = {u.get("guid"): u.get("name", "") for u in root.iterfind("q:Users/q:User", ns)}
        codes = {c.get("guid"): c.get("name", "") for c in root.iterfind(".//q:CodeBook//q:Code", ns)}
        codes_element = root.find("q:CodeBook/q:Codes", ns)
        codebook = themes_from_codes(codes_element, NS) if codes_element is not None else []
        sources = []
        for element in root.iterfind("q:Sources/q:TextSource", ns):
            path = element.get("plainTextPath")
            if path and path.startswith("internal://"):
                text = archive.read("sources/" + path.removeprefix("internal://")).decode("utf-8")
            else:
                text = element.findtext("q:PlainTextContent", default="", namespaces=ns)
            selections = [
                QdaSelection(
                    int(s.get("startPosition")),
                    int(s.get("endPosition")),
                    [r.get("targetGUID") for r in s.iterfind("q:Coding/q:CodeRef", ns)],
                    [c.get("creatingUser", "") for c in s.iterfind("q:Coding", ns)],
                    s.get("creatingUser", ""),
                    s.get("creationDateTime", ""),
                )
                for s in element.iterfind("q:PlainTextSelection", ns)
            ]
            sources.append(QdaSource(element.get("guid"), element.get("name", ""), text, selections))
        variables = {v.get("guid"): v.get("name") for v in root.iterfind("q:Variables/q:Variable", ns)}
        cases = {}
        for case in root.iterfind("q:Cases/q:Case", ns):
            values = {}
            for value in case.iterfind("q:VariableValue", ns):
                ref = value.find("q:VariableRef", ns)
                content = next((child.text for child in value if child is not ref), None)
                if ref is not None:
                    values[variables.get(ref.get("targetGUID"), "")] = content or ""
            cases[case.get("name", "")] = values
    return QdaProject(root.get("name", ""), users, codes, codebook, sources, cases)


def footnote_texts(document: Any) -> dict[int, str]:
    """The text of every real footnote of a document (id → text), e.g. to check a written report."""
    for relationship in document.part.rels.values():
        if relationship.reltype == RELATIONSHIP_TYPE.FOOTNOTES:
            root = parse_xml(relationship.target_part.blob)
            return {
                int(n.get(qn("w:id"))): "".join(t.text or "" for t in n.iter(qn("w:t"))).strip()
                for n in root.findall(qn("w:footnote"))
                if int(n.get(qn("w:id"))) > 0
            }
    return {}
