"""REFI-QDA projects in and out: unique code names, a selection per coder and coding, passages with their own
offsets, and the import of a .qdpx (export → import → export gives the same project), validated by the schema."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from lxml import etree

from coding.analysis.build import build_report
from coding.analysis.model import ReportData, ReportOptions
from coding.cli import main
from coding.codebook import CodebookSpec, ThemeSpec
from coding.errors import ConflictError, InputError
from coding.ingest.qdpx import import_qdpx
from coding.ingest.transcripts import import_transcripts
from coding.nlp.sentences import sentence_span, split_sentences
from coding.report.qdpx import write_qdpx
from coding.store import Store, question_ref, study_ref
from coding.store.codebooks import load_codebook, theme_table
from coding.store.codings import code_passage, code_segments, passage_codings
from coding.store.segments import codings_frame, segments_frame
from tests.export_readers import QdaProject, read_qdpx
from tests.test_report_qdpx import INTERVIEW_SPEC, SCHEMA_PATH

TRANSCRIPT = """Interviewer: Kunt u iets vertellen over uw rol?
Respondent: Ik ben raadslid. De fractie helpt me als er iets is. Dat is fijn.
Interviewer: En als er echt iets speelt?
Respondent: Dan bel ik de griffier. Die weet altijd raad, ook 's avonds.
"""


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    assert SCHEMA_PATH.exists(), f"REFI-QDA schema not found at {SCHEMA_PATH}"
    return etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))


def _interviews(store: Store, tmp_path: Path, study: str = "bron") -> dict[str, int]:
    path = tmp_path / "raadslid.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    import_transcripts(store, [path], study, "interviews", attributes={"organisatietype": "Kleine gemeente"})
    question = question_ref(store, study, "interviews")
    load_codebook(store, question, INTERVIEW_SPEC, "lead")
    themes = {k: int(v) for k, v in theme_table(store, question)[["code", "theme_id"]].itertuples(index=False)}
    first, second = segments_frame(store, question, substantive_only=True).to_dict("records")
    code_segments(store, [int(first["segment_id"])], themes["steun"], "anna")
    code_segments(store, [int(second["segment_id"])], themes["steun"], "bram")
    span = sentence_span(split_sentences(str(second["text"]), int(second["start_char"])), 2, 2)
    code_passage(store, int(second["segment_id"]), themes["bereikbaar"], "anna", span)
    return themes


def _export(store: Store, study: str) -> bytes:
    report: ReportData = build_report(store, study_ref(store, study))
    for section in report.questions:
        section.options = ReportOptions(mask=False)
    buffer = io.BytesIO()
    write_qdpx(report, buffer)
    return buffer.getvalue()


def _qde(content: bytes) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(content)).read("project.qde"))


def _canonical(project: QdaProject) -> dict[str, Any]:
    """The project without its GUIDs and name: codes with parents, sources with their coded selections, cases."""
    parents = {t.label: t.parent for t in project.codebook}
    codes_by_code = {t.code: t.label for t in project.codebook}
    return {
        "codes": sorted((label, codes_by_code.get(parent or "", "")) for label, parent in parents.items()),
        "sources": sorted(
            (s.name, s.text, sorted((sel.start, sel.end, tuple(project.codes[c] for c in sel.codes),
                                     project.users[sel.selection_user], sel.created) for sel in s.selections))
            for s in project.sources),
        "cases": project.cases,
        "users": sorted(project.users.values()),
    }


def test_passages_are_selections_of_their_own(store: Store, tmp_path: Path, schema: etree.XMLSchema) -> None:
    _interviews(store, tmp_path)
    content = _export(store, "bron")
    assert schema.validate(_qde(content)), schema.error_log
    project = read_qdpx(io.BytesIO(content))
    [source] = project.sources
    coded = sorted((source.text[s.start : s.end], project.codes[s.codes[0]], project.users[s.selection_user])
                   for s in source.selections)
    assert coded == [
        ("Dan bel ik de griffier. Die weet altijd raad, ook 's avonds.", "Steun van de fractie", "bram"),
        ("Die weet altijd raad, ook 's avonds.", "Altijd bereikbaar", "anna"),
        ("Ik ben raadslid. De fractie helpt me als er iets is. Dat is fijn.", "Steun van de fractie", "anna"),
    ]


def test_a_label_in_two_codebooks_gets_unique_names(store: Store, tmp_path: Path, schema: etree.XMLSchema) -> None:
    overig = CodebookSpec(themes=[ThemeSpec(code="overig", label="Overig"), ThemeSpec(code="a", label="Anders")])
    for topic in ("gesprekken", "interviews"):
        path = tmp_path / f"{topic}.txt"
        path.write_text(TRANSCRIPT, encoding="utf-8")
        import_transcripts(store, [path], "s", topic)
        question = question_ref(store, "s", topic)
        load_codebook(store, question, overig, "lead")
        theme = int(theme_table(store, question).set_index("code").loc["overig", "theme_id"])
        code_segments(store, [int(segments_frame(store, question, substantive_only=True)["segment_id"].iloc[0])],
                      theme, "anna")
    content = _export(store, "s")
    assert schema.validate(_qde(content)), schema.error_log
    project = read_qdpx(io.BytesIO(content))
    names = list(project.codes.values())
    assert len(names) == len(set(names))
    assert {"gesprekken: Overig", "interviews: Overig", "gesprekken: Anders", "interviews: Anders"} <= set(names)
    coded = {project.codes[c] for s in project.sources for sel in s.selections for c in sel.codes}
    assert coded == {"gesprekken: Overig", "interviews: Overig"}  # each coding on its own question's code


def test_export_import_export_gives_the_same_project(store: Store, tmp_path: Path,
                                                     schema: etree.XMLSchema) -> None:
    _interviews(store, tmp_path)
    first = _export(store, "bron")
    path = tmp_path / "project.qdpx"
    path.write_bytes(first)
    report = import_qdpx(store, path, "kopie")
    assert (report.segments_added, report.codings_added, report.selections_outside) == (4, 3, 0)
    second = _export(store, "kopie")
    assert schema.validate(_qde(second)), schema.error_log
    assert _canonical(read_qdpx(io.BytesIO(second))) == _canonical(read_qdpx(io.BytesIO(first)))
    # the imported study itself: coder names, passage offsets, hierarchy, attributes, non-substantive context
    question = question_ref(store, "kopie", "interviews")
    codings = codings_frame(store, question)
    assert sorted(set(codings["coder"])) == ["anna", "bram"] and set(codings["source"]) == {"imported"}
    turn = int(codings.loc[codings["passage_start"].notna(), "segment_id"].iloc[0])
    assert [p.text for p in passage_codings(store, turn)] == ["Die weet altijd raad, ook 's avonds."]
    themes = theme_table(store, question)
    assert dict(zip(themes["code"], themes["parent"], strict=True))["bereikbaar"] == "steun"
    segments = segments_frame(store, question)
    assert segments["substantive"].tolist() == [False, True, False, True]


def _qdpx(tmp_path: Path, qde: str, sources: dict[str, str]) -> Path:
    path = tmp_path / "ander.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde)
        for name, text in sources.items():
            archive.writestr(f"sources/{name}", text)
    return path


G = "{:08d}-0000-4000-8000-000000000000".format


def test_import_a_project_from_another_tool(store: Store, tmp_path: Path) -> None:
    """QualCoder-like: categories (not codable) with codes, the coder on the selection, text inline or a file."""
    text = "I: Wat helpt?\nR: Een vertrouwenspersoon. En de griffier.\n\nI: Dank u.\nR: Graag gedaan."
    start = text.index("En de griffier.")
    qde = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="extern">
  <Users><User guid="{G(1)}" name="Karin"/></Users>
  <CodeBook><Codes>
    <Code guid="{G(2)}" name="Steun" isCodable="false">
      <Code guid="{G(3)}" name="Griffie" isCodable="true"/>
    </Code>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="{G(4)}" name="Interview 1" plainTextPath="internal://{G(4)}.txt">
      <PlainTextSelection guid="{G(5)}" startPosition="{start}" endPosition="{start + 15}" creatingUser="{G(1)}"
          creationDateTime="2026-11-01T10:00:00Z">
        <Coding guid="{G(6)}"><CodeRef targetGUID="{G(3)}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="{G(7)}" startPosition="{text.index("Dank")}" endPosition="{len(text)}">
        <Coding guid="{G(8)}" creatingUser="{G(1)}"><CodeRef targetGUID="{G(3)}"/></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>"""
    report = import_qdpx(store, _qdpx(tmp_path, qde, {f"{G(4)}.txt": text}), "s", question="gesprekken")
    question = question_ref(store, "s", "gesprekken")
    themes = theme_table(store, question)
    assert dict(zip(themes["label"], themes["parent"], strict=True)) == {"Steun": None, "Griffie": "steun"}
    codings = codings_frame(store, question)
    # the second selection spans the interviewer's 'Dank u.' and the respondent's turn: one coding per turn
    assert len(codings) == 3 and set(codings["coder"]) == {"Karin"}
    passage = codings[codings["passage_start"].notna()].iloc[0]
    assert text[int(passage["passage_start"]) : int(passage["passage_end"])] == "En de griffier."
    assert report.codings_added == 3
    with pytest.raises(ConflictError, match="al een vraag 'gesprekken'"):
        import_qdpx(store, tmp_path / "ander.qdpx", "s", question="gesprekken")


_ENTITY_BOMB = ('<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
                '<Project xmlns="urn:QDA-XML:project:1.0" name="&b;"/>')


@pytest.mark.parametrize(("members", "message"), [
    (None, "geen REFI-QDA-project"),
    ({"iets.txt": "x"}, "project.qde ontbreekt"),
    ({"project.qde": _ENTITY_BOMB}, "DOCTYPE- of ENTITY-declaratie"),
    ({"project.qde": '<Project xmlns="urn:QDA-XML:project:1.0"/>', "sources/a.txt": "0" * 5_000_000},
     "samengeperst"),
])
def test_broken_and_hostile_projects_are_clear_errors(store: Store, tmp_path: Path, members: dict[str, str] | None,
                                                      message: str) -> None:
    """Not a zip, no project.qde, an XML entity bomb and a zip bomb are refused before anything is read."""
    path = tmp_path / "kapot.qdpx"
    if members is None:
        path.write_bytes(b"geen zip")
    else:
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, content in members.items():
                archive.writestr(name, content)
    with pytest.raises(InputError, match=message):
        import_qdpx(store, path, "s")


def test_cli_import_qdpx(sqlite_store: Store, tmp_path: Path) -> None:
    _interviews(sqlite_store, tmp_path)
    path = tmp_path / "project.qdpx"
    path.write_bytes(_export(sqlite_store, "bron"))
    result = CliRunner().invoke(main, ["--db", sqlite_store.url, "import", "qdpx", str(path), "--study", "kopie"])
    assert result.exit_code == 0, result.output
    assert "3 nieuwe coderingen" in result.output


def test_turn_start_times_are_in_the_selection_names(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "tijd.txt"
    path.write_text("[00:00:02] Interviewer: Wat helpt?\n[00:01:05] Respondent: De griffier helpt altijd.\n",
                    encoding="utf-8")
    import_transcripts(store, [path], "t", "interviews")
    question = question_ref(store, "t", "interviews")
    load_codebook(store, question, INTERVIEW_SPEC, "lead")
    theme = int(theme_table(store, question).set_index("code").loc["steun", "theme_id"])
    code_segments(store, [int(segments_frame(store, question, substantive_only=True)["segment_id"].iloc[0])],
                  theme, "anna")
    names = [s.get("name") for s in _qde(_export(store, "t")).iter("{urn:QDA-XML:project:1.0}PlainTextSelection")]
    assert names == ["Respondent 01:05"]


def test_pseudonymised_names_stay_out_of_the_export(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "gesprek.txt"
    path.write_text("Interviewer: Wat helpt?\nAnna de Vries: De griffier helpt altijd.\nInterviewer: En?\n"
                    "Anna de Vries: Een goede sfeer in de raad.\n", encoding="utf-8")
    import_transcripts(store, [path], "p", "interviews", pseudonymise=True)
    question = question_ref(store, "p", "interviews")
    load_codebook(store, question, INTERVIEW_SPEC, "lead")
    theme = int(theme_table(store, question).set_index("code").loc["steun", "theme_id"])
    code_segments(store, segments_frame(store, question, substantive_only=True)["segment_id"].astype(int).tolist(),
                  theme, "anna")
    with zipfile.ZipFile(io.BytesIO(_export(store, "p"))) as archive:
        contents = "".join(archive.read(name).decode("utf-8") for name in archive.namelist())
    assert "Geïnterviewde 1" in contents and "Vries" not in contents


def test_a_failing_import_leaves_nothing_behind(store: Store, tmp_path: Path) -> None:
    """The last step failing (a coder without a name) rolls back the documents and the codebook too."""
    from coding.errors import CodingError
    from coding.store.studies import list_questions, list_studies

    text = "I: Wat helpt?\nR: De griffier."
    qde = f"""<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Users><User guid="{G(1)}" name="  "/></Users>
  <CodeBook><Codes><Code guid="{G(3)}" name="Griffie" isCodable="true"/></Codes></CodeBook>
  <Sources><TextSource guid="{G(4)}" name="Interview 1"><PlainTextContent>{text}</PlainTextContent>
    <PlainTextSelection guid="{G(5)}" startPosition="17" endPosition="28" creatingUser="{G(1)}">
      <Coding guid="{G(6)}"><CodeRef targetGUID="{G(3)}"/></Coding></PlainTextSelection>
  </TextSource></Sources></Project>"""
    with pytest.raises(CodingError, match="geen codeur"):
        import_qdpx(store, _qdpx(tmp_path, qde, {}), "s")
    studies = list_studies(store)
    assert studies.empty or list_questions(store, study_ref(store, "s")) == []
