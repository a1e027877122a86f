"""Tests for coding.ingest.transcripts: speaker turns, offsets into the document, all-or-nothing imports."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from coding.errors import ConflictError, InputError
from coding.ingest.reading import OLE_MAGIC
from coding.ingest.survey import SurveyMapping, import_survey
from coding.ingest.transcripts import import_transcripts, parse_attributes, read_paragraphs, split_transcript
from coding.store import Store
from coding.store.models import Document, Question, Respondent, Segment
from tests.helpers import write_csv
from tests.ingest_helpers import count, dump

STUDY = "interviews"
TOPIC = "belemmeringen"

INTERVIEW = [
    "Interview wethouder, 3 maart 2024",
    "Interviewer: Wat belemmert u om een dilemma te bespreken?",
    "Wethouder De Boer: Nou, vooral het vertrouwen in de fractie.",
    "Dat is echt lastig, want alles komt op straat te liggen.",
    "Kortom: zo gaat het bij ons.",
    "Interviewer: En wat helpt?",
    "Wethouder De Boer: Een goede vertrouwenspersoon.",
]


def write_docx(path: Path, paragraphs: list[str]) -> Path:
    """A .docx made with python-docx, one paragraph per string (empty strings give empty paragraphs)."""
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.save(str(path))
    return path


def write_txt(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    """A .txt transcript, one paragraph per line."""
    path.write_bytes("\r\n".join(lines).encode(encoding))
    return path


def turns(paragraphs: list[str]) -> list[tuple[str | None, str]]:
    """(speaker, text) of every passage."""
    return [(p.speaker, p.text) for p in split_transcript(paragraphs)[1]]


def stored_segments(store: Store) -> list[tuple[Segment, Document]]:
    """Every transcript segment with its document, in document and position order."""
    with store.read() as session:
        rows = session.execute(
            select(Segment, Document).join(Document, Document.id == Segment.document_id)
            .order_by(Document.id, Segment.position)
        ).all()
        return [(segment, document) for segment, document in rows]


# --- splitting into turns -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("interviewer", "respondent"), [("Interviewer", "Respondent"), ("I", "R"),
                                                         ("Interviewster", "Geïnterviewde"), ("Q", "A")])
def test_known_speaker_labels_start_turns(interviewer: str, respondent: str) -> None:
    """'Interviewer:'/'Respondent:', 'I:'/'R:' and friends mark turns even when used once each."""
    paragraphs = [f"{interviewer}: Wat belemmert u?", f"{respondent}: Het vertrouwen ontbreekt."]
    passages = split_transcript(paragraphs)[1]
    assert [(p.speaker, p.text) for p in passages] == [(interviewer, "Wat belemmert u?"),
                                                       (respondent, "Het vertrouwen ontbreekt.")]
    assert [(p.substantive, p.reason) for p in passages] == [(False, "interviewer"), (True, None)]


def test_named_speakers_used_twice_are_speakers() -> None:
    """A name like 'Wethouder De Boer:' used more than once marks turns."""
    assert turns(INTERVIEW) == [
        (None, "Interview wethouder, 3 maart 2024"),
        ("Interviewer", "Wat belemmert u om een dilemma te bespreken?"),
        ("Wethouder De Boer", "Nou, vooral het vertrouwen in de fractie.\n"
                              "Dat is echt lastig, want alles komt op straat te liggen.\n"
                              "Kortom: zo gaat het bij ons."),
        ("Interviewer", "En wat helpt?"),
        ("Wethouder De Boer", "Een goede vertrouwenspersoon."),
    ]


def test_a_sentence_with_a_colon_used_once_is_not_a_speaker() -> None:
    """'Kortom: zo gaat het' continues the turn before it instead of starting a turn of 'Kortom'."""
    speakers = {speaker for speaker, _ in turns(INTERVIEW)}
    assert "Kortom" not in speakers
    assert speakers == {None, "Interviewer", "Wethouder De Boer"}


def test_continuation_paragraphs_join_the_previous_turn() -> None:
    """Paragraphs without a label belong to the turn before them."""
    paragraphs = ["I: Vraag?", "R: Eerste deel.", "Tweede deel.", "Derde deel.", "I: Volgende vraag?"]
    assert turns(paragraphs)[1] == ("R", "Eerste deel.\nTweede deel.\nDerde deel.")


def test_label_on_its_own_line_takes_the_next_paragraphs() -> None:
    """'R:' alone on a line, its text on the next: the turn's text has no leading newline."""
    assert turns(["I:", "Wat belemmert u?", "R:", "Angst.", "Veel angst."]) == [
        ("I", "Wat belemmert u?"), ("R", "Angst.\nVeel angst.")]


def test_document_without_speakers_is_split_per_paragraph() -> None:
    """No labels at all: every paragraph is a passage, classified like a survey answer."""
    paragraphs = ["Eerste alinea over vertrouwen.", "Tweede: met een dubbele punt.", "weet niet"]
    passages = split_transcript(paragraphs)[1]
    assert [(p.speaker, p.text) for p in passages] == [(None, t) for t in paragraphs]
    assert [p.reason for p in passages] == [None, None, "weet niet"]


def test_preamble_before_the_first_turn_is_context() -> None:
    """Title and date before the first speaker are kept but not substantive ('inleiding')."""
    passage = split_transcript(INTERVIEW)[1][0]
    assert (passage.speaker, passage.substantive, passage.reason) == (None, False, "inleiding")


def test_respondent_turn_with_no_content_is_nonsubstantive() -> None:
    """A respondent turn of just 'weet niet' is marked like a survey answer; an empty turn is 'leeg'."""
    passages = split_transcript(["I: Vraag?", "R: weet niet", "I: En dit?", "R:"])[1]
    assert [(p.speaker, p.reason) for p in passages] == [("I", "interviewer"), ("R", "weet niet"),
                                                         ("I", "interviewer"), ("R", "leeg")]


def test_times_and_long_phrases_are_not_speakers() -> None:
    """'Om 10:30 …' and long clauses with a colon are not labels even when they repeat."""
    paragraphs = ["I: Wanneer?", "R: Om 10:30 uur.", "Dit is een hele lange zin met heel veel woorden: ja.",
                  "Dit is een hele lange zin met heel veel woorden: nee."]
    assert {speaker for speaker, _ in turns(paragraphs)} == {"I", "R"}


SAMPLE_PARAGRAPHS = ["I: Vraag?", "R: Antwoord.", "Interviewer:", "Wethouder De Boer: Ja.", "Kortom: zo.",
                     "-"]
FREE_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc", "Zl", "Zp"]),
                    min_size=1, max_size=30).map(str.strip).filter(bool)


@given(st.lists(st.one_of(st.sampled_from(SAMPLE_PARAGRAPHS), FREE_TEXT), min_size=1, max_size=12))
def test_offsets_always_point_at_the_passage_text(paragraphs: list[str]) -> None:
    """For any paragraphs: text[start:end] is each passage's text; passages are ordered, not overlapping."""
    text, passages = split_transcript(paragraphs)
    assert text == "\n".join(paragraphs)
    end = 0
    for passage in passages:
        assert text[passage.start : passage.end] == passage.text
        assert passage.start >= end
        end = passage.end


# --- reading files ------------------------------------------------------------------------------------------


def test_read_docx_and_txt_give_the_same_paragraphs(tmp_path: Path) -> None:
    """Empty paragraphs and blank lines are skipped; text is stripped; cp1252 .txt is decoded."""
    lines = ["Interviewer: Wat vindt u?", "", "  Respondent: Een café met “ruimte”.  ", "Einde"]
    expected = ["Interviewer: Wat vindt u?", "Respondent: Een café met “ruimte”.", "Einde"]
    assert read_paragraphs(write_docx(tmp_path / "a.docx", lines)) == expected
    assert read_paragraphs(write_txt(tmp_path / "a.txt", lines)) == expected
    assert read_paragraphs(write_txt(tmp_path / "b.txt", lines, encoding="cp1252")) == expected


def test_txt_with_broken_utf8_names_the_line(tmp_path: Path) -> None:
    """A .txt that is UTF-8 but for one byte is an error at that line."""
    path = tmp_path / "kapot.txt"
    path.write_bytes("I: één vraag\n".encode() + b"R: caf\xe9\n")
    with pytest.raises(InputError) as info:
        read_paragraphs(path)
    assert (info.value.file, info.value.row) == (str(path), 2)


@pytest.mark.parametrize(("name", "words"), [("oud.doc", ".doc"), ("notities.pdf", "Onbekend bestandstype")])
def test_unsupported_transcript_types(tmp_path: Path, name: str, words: str) -> None:
    """.doc and unknown endings are refused with a hint."""
    path = tmp_path / name
    path.write_bytes(b"x")
    with pytest.raises(InputError, match=words.replace(".", r"\.")) as info:
        read_paragraphs(path)
    assert info.value.file == str(path)


# --- importing ----------------------------------------------------------------------------------------------


def test_import_stores_documents_segments_and_offsets(store: Store, tmp_path: Path) -> None:
    """A .docx and a .txt become documents whose segments point into them: text[start:end] == segment.text."""
    files = [write_docx(tmp_path / "wethouder.docx", INTERVIEW),
             write_txt(tmp_path / "medewerker.txt", ["I: Wat belemmert u?", "R: De cultuur.", "Ja echt.",
                                                    "I: Dank u.", "R: weet niet"])]
    report = import_transcripts(store, files, STUDY, TOPIC, wording="Wat belemmert u?")
    assert (report.respondents_added, report.segments_added) == (2, 9)
    assert report.nonsubstantive == 6  # preamble, 4 interviewer turns, 'weet niet'
    rows = stored_segments(store)
    assert len(rows) == 9
    for segment, document in rows:
        assert document.text[segment.start_char : segment.end_char] == segment.text
        assert segment.respondent_id == document.respondent_id
        assert segment.question_id == document.question_id
    by_file: dict[str, list[Segment]] = {}
    for segment, document in rows:
        by_file.setdefault(document.filename, []).append(segment)
    assert [s.position for s in by_file["wethouder.docx"]] == [0, 1, 2, 3, 4]
    assert [s.speaker for s in by_file["medewerker.txt"]] == ["I", "R", "I", "R"]
    with store.read() as session:
        question = session.scalars(select(Question)).one()
    assert (question.name, question.kind, question.wording) == (TOPIC, "interview", "Wat belemmert u?")


def test_interviewer_turns_are_nonsubstantive(store: Store, tmp_path: Path) -> None:
    """Every interviewer turn is stored as context: substantive False, reason 'interviewer'."""
    import_transcripts(store, [write_docx(tmp_path / "wethouder.docx", INTERVIEW)], STUDY, TOPIC)
    segments = [s for s, _ in stored_segments(store)]
    interviewer = [s for s in segments if s.speaker == "Interviewer"]
    assert len(interviewer) == 2
    assert all((s.substantive, s.nonsubstantive_reason) == (False, "interviewer") for s in interviewer)
    respondent = [s for s in segments if s.speaker == "Wethouder De Boer"]
    assert all(s.substantive and s.nonsubstantive_reason is None for s in respondent)


def test_attributes_are_stored_on_the_document_respondent(store: Store, tmp_path: Path) -> None:
    """--attr values (and the file name) are the attributes of a respondent of kind 'document'."""
    attributes = parse_attributes(["organisatietype=kleine gemeente", " functie = wethouder "])
    import_transcripts(store, [write_docx(tmp_path / "Interview 7.docx", INTERVIEW)], STUDY, TOPIC,
                       attributes=attributes)
    with store.read() as session:
        person = session.scalars(select(Respondent)).one()
    assert (person.external_id, person.kind, person.weight) == ("Interview 7", "document", None)
    assert person.attributes == {"bestand": "Interview 7.docx", "organisatietype": "kleine gemeente",
                                 "functie": "wethouder"}


@pytest.mark.parametrize("pair", ["geen-is-teken", "=waarde", " = x"])
def test_parse_attributes_refuses_pairs_without_key_or_equals(pair: str) -> None:
    """An --attr that is not sleutel=waarde is an error that shows an example."""
    with pytest.raises(InputError, match="sleutel=waarde"):
        parse_attributes([pair])


def test_reimporting_the_same_file_changes_nothing(store: Store, tmp_path: Path) -> None:
    """The same transcript again: every table equal, the report says the passages were already there."""
    path = write_docx(tmp_path / "wethouder.docx", INTERVIEW)
    import_transcripts(store, [path], STUDY, TOPIC, attributes={"organisatietype": "gemeente"})
    before = dump(store)
    report = import_transcripts(store, [path], STUDY, TOPIC, attributes={"organisatietype": "gemeente"})
    assert (report.respondents_added, report.respondents_existing) == (0, 1)
    assert (report.segments_added, report.segments_unchanged) == (0, 5)
    assert dump(store) == before


def test_a_new_file_next_to_an_imported_one_adds_only_itself(store: Store, tmp_path: Path) -> None:
    """Importing [old, new] after [old] adds the new document only."""
    old = write_docx(tmp_path / "een.docx", INTERVIEW)
    new = write_txt(tmp_path / "twee.txt", ["I: Vraag?", "R: Antwoord."])
    import_transcripts(store, [old], STUDY, TOPIC)
    report = import_transcripts(store, [old, new], STUDY, TOPIC)
    assert (report.respondents_added, report.respondents_existing) == (1, 1)
    assert (report.segments_added, report.segments_unchanged) == (2, 5)
    assert count(store, Document) == 2


def test_changed_transcript_with_the_same_name_is_a_conflict(store: Store, tmp_path: Path) -> None:
    """A different text under an imported name is refused (codings are never overwritten); nothing changes."""
    path = write_docx(tmp_path / "wethouder.docx", INTERVIEW)
    import_transcripts(store, [path], STUDY, TOPIC)
    write_docx(path, [*INTERVIEW, "Interviewer: Nog iets?"])
    before = dump(store)
    with pytest.raises(ConflictError) as info:
        import_transcripts(store, [path], STUDY, TOPIC)
    assert info.value.file == str(path)
    assert "andere bestandsnaam" in info.value.hint
    assert dump(store) == before


def test_transcript_named_like_a_survey_respondent_is_a_conflict(store: Store, tmp_path: Path) -> None:
    """A file named after an existing survey respondent is refused; nothing changes."""
    import_survey(store, write_csv(tmp_path / "e.csv", [["id", "antwoord"], ["R1", "x"]]), STUDY,
                  SurveyMapping(id="id", texts=["antwoord"]))
    path = write_docx(tmp_path / "R1.docx", INTERVIEW)
    before = dump(store)
    with pytest.raises(ConflictError) as info:
        import_transcripts(store, [path], STUDY, TOPIC)
    assert info.value.file == str(path)
    assert "R1" in info.value.problem
    assert dump(store) == before


def _corrupt(path: Path) -> Path:
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    return path


def _protected(path: Path) -> Path:
    path.write_bytes(OLE_MAGIC + bytes(1024))
    return path


def _no_text(path: Path) -> Path:
    return write_docx(path, ["", "   ", ""])


def _zero_bytes(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def _not_a_zip(path: Path) -> Path:
    path.write_text("Interviewer: dit is platte tekst met de verkeerde extensie", encoding="utf-8")
    return path


BAD_DOCX = {
    "beschadigd": (_corrupt, "beschadigd"),
    "wachtwoord": (_protected, "wachtwoord"),
    "zonder tekst": (_no_text, "geen tekst"),
    "nul bytes": (_zero_bytes, "leeg"),
    "geen zip": (_not_a_zip, "beschadigd"),
}


@pytest.mark.parametrize("kind", list(BAD_DOCX))
def test_bad_docx_is_an_error_naming_the_file_and_changes_nothing(store: Store, tmp_path: Path,
                                                                  kind: str) -> None:
    """Corrupt, password-protected and empty .docx files are refused, naming the file; the DB stays as it was.

    The bad file comes second after a good one, so the good one must not be imported either.
    """
    import_transcripts(store, [write_docx(tmp_path / "eerder.docx", INTERVIEW)], STUDY, TOPIC)
    make, words = BAD_DOCX[kind]
    good = write_txt(tmp_path / "goed.txt", ["I: Vraag?", "R: Antwoord."])
    bad = make(tmp_path / "slecht.docx")
    before = dump(store)
    with pytest.raises(InputError) as info:
        import_transcripts(store, [good, bad], STUDY, TOPIC)
    assert info.value.file == str(bad)
    assert words in info.value.problem
    assert str(bad) in str(info.value)
    assert dump(store) == before


def test_overlong_passage_is_an_error(store: Store, tmp_path: Path) -> None:
    """A single passage over 20,000 characters is refused with a hint to split it."""
    path = write_txt(tmp_path / "lang.txt", ["R: " + "bla " * 6000])
    with pytest.raises(InputError, match="tekens lang") as info:
        import_transcripts(store, [path], STUDY, TOPIC)
    assert info.value.file == str(path)
    assert count(store, Segment) == 0
