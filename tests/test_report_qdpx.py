"""REFI-QDA: the .qdpx validates against the schema and reads back (sources, codes, codings, cases); .qdc round trip."""

from __future__ import annotations

import copy
import dataclasses
import io
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from lxml import etree

from coding.analysis.build import build_report
from coding.analysis.model import ReportData, ReportOptions
from coding.codebook import CodebookSpec, ThemeSpec
from coding.errors import CodebookError, CodingError
from coding.ingest.transcripts import import_transcripts
from coding.report.export import export
from coding.report.qdc import CODEBOOK_NS, PROJECT_NS, read_qdc, write_qdc
from coding.report.qdpx import mask_with_offsets, write_qdpx
from coding.store import Store, question_ref, study_ref
from coding.store.codebooks import load_codebook, theme_table
from coding.store.codings import code_segments
from coding.store.segments import segments_frame
from tests.export_readers import QdaProject, read_qdpx
from tests.report_fixtures import coded_small_study
from tests.store_fixtures import QUESTION, STUDY

#: The REFI-QDA schema in ../shared next to the repository (a git worktree sits one level deeper).
SCHEMA_PATH = next((p / "shared" / "refi-qda" / "Project.xsd" for p in Path(__file__).resolve().parents[2:4]
                    if (p / "shared" / "refi-qda" / "Project.xsd").exists()),
                   Path(__file__).resolve().parents[2] / "shared" / "refi-qda" / "Project.xsd")
TRANSCRIPT = """Interviewer: Kunt u iets vertellen over uw rol?
Respondent: Ik ben raadslid in Haverveen. Mijn fractievoorzitter Henk Jansen helpt me als er iets is.
Interviewer: En als er echt iets speelt?
Respondent: Dan bel ik Henk op 06-12345678. Henk weet altijd raad, ook 's avonds.
"""
INTERVIEW_SPEC = CodebookSpec(themes=[
    ThemeSpec(code="steun", label="Steun van de fractie", definition="Hulp van fractiegenoten."),
    ThemeSpec(code="bereikbaar", label="Altijd bereikbaar", parent="steun"),
])


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    if not SCHEMA_PATH.exists():
        pytest.skip(f"REFI-QDA schema not found at {SCHEMA_PATH}")
    return etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))


def _study(store: Store, tmp_path: Path) -> ReportData:
    """The small coded survey plus one coded interview with a name and a phone number in it."""
    coded_small_study(store, tmp_path)
    path = tmp_path / "interview_raadslid.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    import_transcripts(store, [path], STUDY, "interviews", attributes={"organisatietype": "Kleine gemeente"})
    interviews = question_ref(store, STUDY, "interviews")
    load_codebook(store, interviews, INTERVIEW_SPEC, "lead")
    themes = dict(theme_table(store, interviews)[["code", "theme_id"]].itertuples(index=False))
    turns = segments_frame(store, interviews, substantive_only=True)
    code_segments(store, [int(turns["segment_id"].iloc[0])], int(themes["steun"]), "anna")
    code_segments(store, [int(turns["segment_id"].iloc[1])], int(themes["bereikbaar"]), "anna")
    code_segments(store, [int(turns["segment_id"].iloc[1])], int(themes["steun"]), "bram")
    return build_report(store, study_ref(store, STUDY))


def _roundtrip(report: ReportData) -> tuple[bytes, QdaProject]:
    buffer = io.BytesIO()
    write_qdpx(report, buffer)
    buffer.seek(0)
    return buffer.getvalue(), read_qdpx(buffer)


def test_qdpx_validates_and_reads_back(store: Store, tmp_path: Path, schema: etree.XMLSchema) -> None:
    report = _study(store, tmp_path)
    content, project = _roundtrip(report)
    qde = etree.fromstring(zipfile.ZipFile(io.BytesIO(content)).read("project.qde"))
    assert schema.validate(qde), schema.error_log
    assert project.name == STUDY
    assert sorted(project.users.values()) == ["anna", "bram"]
    # codes: one holder per question, the themes nested below
    names = set(project.codes.values())
    expected = {"belemmeringen", "interviews", "Gebrek aan vertrouwen", "Steun van de fractie", "Altijd bereikbaar"}
    assert expected <= names
    parents = {t.code: t.parent for t in project.codebook}
    assert parents["bereikbaar"] == "steun" and parents["steun"] == "interviews"
    # sources: four survey answers with text (R4 is empty) and the transcript
    assert len(project.sources) == 5
    survey = {s.name: s for s in project.sources if s.name.startswith(QUESTION)}
    r5 = survey[f"{QUESTION} – R5"]
    assert r5.text == "Angst dat het tegen me gebruikt wordt in de raad."
    assert {(s.start, s.end) for s in r5.selections} == {(0, len(r5.text))}
    assert sorted(project.codes[c] for s in r5.selections for c in s.codes) == ["Angst voor represailles",
                                                                                  "Gebrek aan vertrouwen"]
    # every selection carries its coder and a timezone-aware time (importers read them there)
    for selection in (s for source in project.sources for s in source.selections):
        assert project.users[selection.selection_user] in {"anna", "bram"}
        assert datetime.fromisoformat(selection.created).tzinfo is not None
    assert not survey[f"{QUESTION} – R3"].selections  # 'weet niet' was not coded


def test_transcript_is_masked_and_selections_still_cover_their_passage(store: Store, tmp_path: Path) -> None:
    _, project = _roundtrip(_study(store, tmp_path))
    transcript = next(s for s in project.sources if s.name.startswith("interviews"))
    assert "06-12345678" not in transcript.text and "Henk" not in transcript.text
    assert "Haverveen" not in transcript.text and "Jansen" not in transcript.text
    spans = sorted({(s.start, s.end) for s in transcript.selections})
    assert len(spans) == 2
    (a, b), (c, d) = spans
    assert transcript.text[a:b] == (
        "Ik ben raadslid in [plaats]. Mijn fractievoorzitter [naam] helpt me als er iets is.")
    assert transcript.text[c:d] == (
        "Dan bel ik [naam] op [telefoonnummer]. [naam] weet altijd raad, ook 's avonds.")
    second = [s for s in transcript.selections if (s.start, s.end) == (c, d)]
    # one selection per coder and coding, each with its coder on the selection itself
    assert len(second) == 2 and all(len(s.codes) == 1 for s in second)
    assert len({s.selection_user for s in second}) == 2


def test_cases_carry_the_attributes_and_weight(store: Store, tmp_path: Path) -> None:
    report = _study(store, tmp_path)
    _, project = _roundtrip(dataclasses.replace(report, options=ReportOptions(min_group=1)))
    assert project.cases["R1"]["doelgroep"] == "medewerker"
    assert float(project.cases["R1"]["weight"]) == pytest.approx(1.2)
    assert project.cases["interview_raadslid"]["organisatietype"] == "Kleine gemeente"
    assert "bestand" not in project.cases["interview_raadslid"]


def test_unmasked_export_keeps_the_text(sqlite_store: Store, tmp_path: Path) -> None:
    report = _study(sqlite_store, tmp_path)
    for section in report.questions:
        section.options = ReportOptions(mask=False)
    _, project = _roundtrip(report)
    assert any("06-12345678" in s.text for s in project.sources)


def test_mask_with_offsets_moves_the_cuts() -> None:
    text = "Bel Henk op 06-12345678. Daarna niets."
    masked, moved = mask_with_offsets(text, {24})
    assert masked == "Bel [naam] op [telefoonnummer]. Daarna niets."
    assert masked[: moved[24]] == "Bel [naam] op [telefoonnummer]."
    assert mask_with_offsets(text, {24}, mask=False) == (text, {0: 0, 24: 24, len(text): len(text)})


def _as_project(qdc: bytes) -> etree._Element:
    """A .qdc's codes inside a Project, so that the CodeBook part is checked against Project.xsd."""
    codebook = etree.fromstring(qdc)
    assert etree.QName(codebook).namespace == CODEBOOK_NS
    project = etree.Element(f"{{{PROJECT_NS}}}Project", nsmap={None: PROJECT_NS}, name="qdc")
    copied = copy.deepcopy(codebook)
    copied.attrib.clear()  # 'origin' belongs to the codebook schema's root, not to a project's CodeBook
    for element in copied.iter():
        element.tag = f"{{{PROJECT_NS}}}{etree.QName(element).localname}"
    etree.cleanup_namespaces(copied)
    project.append(copied)
    return etree.fromstring(etree.tostring(project))


def test_qdc_round_trip(schema: etree.XMLSchema) -> None:
    spec = CodebookSpec(question="belemmeringen", themes=[
        ThemeSpec(code="cultuur", label="Cultuur", definition="Hoe het er aan toe gaat.\nTwee regels.",
                  include=["roddelen", "ieder voor zich"], exclude=["angst: code 'angst'"], keywords=["sfeer"],
                  examples=["Er wordt veel geroddeld."]),
        ThemeSpec(code="roddel", label="Roddelcultuur", parent="cultuur"),
        ThemeSpec(code="angst", label="Angst voor represailles"),
    ])
    buffer = io.BytesIO()
    write_qdc(spec, buffer)
    assert schema.validate(_as_project(buffer.getvalue())), schema.error_log
    buffer.seek(0)
    assert read_qdc(buffer, question="belemmeringen") == spec


def test_qdc_from_another_tool_gets_codes_from_names() -> None:
    qdc = (f'<CodeBook xmlns="{CODEBOOK_NS}"><Codes><Code guid="0b5b6ea8-0f1c-4f3d-8c1b-1d2e3f4a5b6c" '
           'name="Geen opvolging" isCodable="true"><Description>Er gebeurt niets mee.</Description>'
           '<Code guid="1b5b6ea8-0f1c-4f3d-8c1b-1d2e3f4a5b6c" name="Geen terugkoppeling" isCodable="true"/>'
           "</Code></Codes></CodeBook>")
    spec = read_qdc(io.BytesIO(qdc.encode()))
    assert [(t.code, t.label, t.parent, t.definition) for t in spec.themes] == [
        ("geen_opvolging", "Geen opvolging", None, "Er gebeurt niets mee."),
        ("geen_terugkoppeling", "Geen terugkoppeling", "geen_opvolging", ""),
    ]


def test_qdc_errors_are_clear() -> None:
    with pytest.raises(CodebookError, match="Geen geldig REFI-QDA-codeboek"):
        read_qdc(io.BytesIO(b"<CodeBook"))
    with pytest.raises(CodebookError, match="geen REFI-QDA-codeboek"):
        read_qdc(io.BytesIO(b"<Project/>"))


def test_qdc_export_of_a_stored_codebook(store: Store, tmp_path: Path) -> None:
    coded_small_study(store, tmp_path)
    result = export(store, study_ref(store, STUDY), "qdc", question=question_ref(store, STUDY, QUESTION))
    spec = read_qdc(io.BytesIO(result.content), question=QUESTION)
    assert [t.code for t in spec.themes] == ["vertrouwen", "opvolging", "represailles"]
    with pytest.raises(CodingError, match="één vraag"):
        export(store, study_ref(store, STUDY), "qdc")
