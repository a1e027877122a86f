"""The codebook in REFI-QDA form: ``Code`` elements for a project (.qdpx) and a codebook file of its own (.qdc).

REFI-QDA has a name and a description per code, nothing more. The name is the theme's label; the description holds
the definition and, on lines of their own, the code and the include/exclude rules, keywords and examples, so that
a .qdc written here reads back into the same codebook (other tools show them as the description).
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import IO, Any

from lxml import etree

from coding.codebook import CodebookSpec, ThemeSpec, load_codebook_file
from coding.errors import CodebookError
from coding.ingest.qdpx import CODE_FIELDS, CODEBOOK_NS, FIELD_SEPARATOR, PROJECT_NS, themes_from_codes

__all__ = ["CODEBOOK_NS", "PROJECT_NS", "code_elements", "describe", "guid", "read_qdc", "themes_from_codes",
           "write_qdc"]

GUID_NAMESPACE = uuid.UUID("6f1c3c52-3a4e-4f0e-9d7a-2f3b5d1c9e01")


def guid(*parts: object) -> str:
    """A GUID that is the same every time for the same parts (exports stay comparable)."""
    return str(uuid.uuid5(GUID_NAMESPACE, "/".join(str(p) for p in parts)))


def describe(theme: ThemeSpec) -> str:
    """The REFI-QDA description of a theme: its definition, then one line per extra field."""
    lines = [theme.definition.strip()] if theme.definition.strip() else []
    if lines:
        lines.append("")
    for field, label in CODE_FIELDS:
        value = getattr(theme, field)
        if isinstance(value, list):
            if value:
                lines.append(f"{label}: {FIELD_SEPARATOR.join(v.replace(FIELD_SEPARATOR, ' / ') for v in value)}")
        else:
            lines.append(f"{label}: {value}")
    return "\n".join(lines)


def code_elements(parent: Any, spec: CodebookSpec, namespace: str, scope: str,
                  names: dict[str, str] | None = None) -> dict[str, str]:
    """Add the themes of ``spec`` as nested ``Code`` elements under ``parent``; returns GUID by theme code.

    A code's name is the theme's label, or its entry in ``names`` (theme code → name) when given.
    """
    names = names or {}
    guids = {t.code: guid(scope, "code", t.code) for t in spec.themes}
    children: dict[str | None, list[ThemeSpec]] = {}
    for theme in spec.themes:
        children.setdefault(theme.parent if theme.parent in guids else None, []).append(theme)

    def add(element: Any, parent_code: str | None) -> None:
        for theme in children.get(parent_code, []):
            code = etree.SubElement(element, f"{{{namespace}}}Code", guid=guids[theme.code],
                                    name=names.get(theme.code, theme.label),
                                    isCodable="true")
            etree.SubElement(code, f"{{{namespace}}}Description").text = describe(theme)
            add(code, theme.code)

    add(parent, None)
    return guids


def write_qdc(spec: CodebookSpec, out: IO[bytes], *, origin: str = "coding") -> None:
    """Write one question's codebook as a REFI-QDA codebook file (.qdc)."""
    root = etree.Element(f"{{{CODEBOOK_NS}}}CodeBook", nsmap={None: CODEBOOK_NS}, origin=origin)
    codes = etree.SubElement(root, f"{{{CODEBOOK_NS}}}Codes")
    code_elements(codes, spec, CODEBOOK_NS, spec.question or spec.name or "codeboek")
    if not spec.themes:
        raise CodebookError("Het codeboek heeft geen thema's.", hint="Een .qdc moet minstens één code bevatten.")
    out.write(etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True))


def read_qdc(source: IO[bytes], *, question: str | None = None) -> CodebookSpec:
    """Read a REFI-QDA codebook (.qdc) as the codebook of ``question``; :class:`CodebookError` when invalid."""
    try:
        root = etree.parse(source, etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    except etree.XMLSyntaxError as exc:
        raise CodebookError(
            f"Geen geldig REFI-QDA-codeboek: {exc}", hint="Exporteer het codeboek opnieuw als .qdc."
        ) from None
    namespace = etree.QName(root).namespace or CODEBOOK_NS
    codes = root.find(f"{{{namespace}}}Codes")
    if etree.QName(root).localname != "CodeBook" or codes is None:
        raise CodebookError("Het bestand is geen REFI-QDA-codeboek (CodeBook met Codes ontbreekt).",
                            hint="Kies een .qdc-bestand.")
    try:
        return CodebookSpec(question=question, themes=themes_from_codes(codes, namespace))
    except ValueError as exc:
        raise CodebookError(f"Het codeboek is niet geldig: {exc}") from None


def read_qdc_file(path: str | Path, *, question: str | None = None) -> CodebookSpec:
    """Read a .qdc file (a codebook exported by NVivo, ATLAS.ti or MAXQDA) as the codebook of ``question``."""
    try:
        with Path(path).open("rb") as handle:
            spec = read_qdc(handle, question=question)
    except FileNotFoundError:
        raise CodebookError("Het bestand bestaat niet.", file=str(path)) from None
    except CodebookError as exc:  # name the file in the message
        raise CodebookError(exc.problem, hint=exc.hint, file=str(path)) from None
    return spec


def read_codebook_for(
    path: str | Path, question: str, *, wording: str = "", section: str | None = None
) -> CodebookSpec:
    """The codebook for ``question`` from a file: a REFI-QDA ``.qdc``, or else a YAML codebook (its part for the
    question, matched by name or ``wording``, or the part called ``section``)."""
    if Path(path).suffix.lower() == ".qdc":
        return read_qdc_file(path, question=question)
    return load_codebook_file(path).for_question(section or question, "" if section else wording)
