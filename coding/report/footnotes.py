"""Real Word footnotes for python-docx, which has no API for them.

The default template has no footnotes part, so one is added (with the two separator footnotes Word expects), and
each footnote is a ``w:footnote`` in it, referred to from the text by a ``w:footnoteReference`` run.
"""

from __future__ import annotations

from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import qn

FOOTNOTES_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

_EMPTY = (
    f'<w:footnotes xmlns:w="{W_NS}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
    "</w:footnote></w:footnotes>"
)


def footnotes_part(document: Any) -> XmlPart:
    """The document's footnotes part, created on first use."""
    main = document.part
    for relationship in main.rels.values():
        if relationship.reltype == RELATIONSHIP_TYPE.FOOTNOTES:
            part: XmlPart = relationship.target_part
            return part
    part = XmlPart(PackURI("/word/footnotes.xml"), FOOTNOTES_CONTENT_TYPE, parse_xml(_EMPTY), main.package)
    main.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    return part


def add_footnote(document: Any, paragraph: Any, text: str) -> int:
    """Put a footnote mark at the end of ``paragraph`` with ``text`` as the note; returns the footnote id."""
    part = footnotes_part(document)
    root = part.element
    number = 1 + max([int(n.get(qn("w:id"))) for n in root.findall(qn("w:footnote"))] + [0])
    note = parse_xml(
        f'<w:footnote xmlns:w="{W_NS}" w:id="{number}"><w:p>'
        '<w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="18"/></w:rPr><w:footnoteRef/></w:r>'
        '<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve"> </w:t></w:r>'
        "</w:p></w:footnote>"
    )
    note.findall(f".//{qn('w:t')}")[0].text = " " + text
    root.append(note)
    reference = parse_xml(
        f'<w:r xmlns:w="{W_NS}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        f'<w:footnoteReference w:id="{number}"/></w:r>'
    )
    paragraph._p.append(reference)
    return number
