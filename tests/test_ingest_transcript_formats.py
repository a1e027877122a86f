"""Transcripts as they really arrive: timestamps, speaker-and-time lines, Teams .docx, WebVTT, SubRip.

Every shape is built inside the test; each asserts the turns, speakers and start times, and that no timestamp is
left in any segment's text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import select

from coding.errors import InputError
from coding.ingest.transcripts import (
    format_time,
    import_transcripts,
    paragraph_lines,
    read_transcript,
    split_lines,
    subtitle_lines,
)
from coding.store import Store
from coding.store.models import Document, Respondent, Segment
from tests.test_ingest_transcripts import FREE_TEXT, write_docx

STUDY = "monitor"
TOPIC = "integriteit"
TIMESTAMP = re.compile(r"\d{1,2}:\d{2}")


def write_text(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def turns(path: Path, **options: object) -> list[tuple[str | None, float | None, str]]:
    text, passages, _ = read_transcript(path, **options)  # type: ignore[arg-type]
    for p in passages:
        assert text[p.start : p.end] == p.text
        assert not TIMESTAMP.search(p.text), p.text
    return [(p.speaker, p.start_time, p.text) for p in passages]


SERVICE_TXT = """Interview griffier, 12 maart
Spreker 1 00:00:03
Wat doet u als iemand een integriteitsvraag heeft?
Spreker 2 00:00:09
Dan verwijs ik naar de vertrouwenspersoon.
Dat werkt meestal goed.
Spreker 1 00:01:15
En als dat niet werkt?
Spreker 2 00:01:20
Dan gaan we naar de burgemeester.
"""


def test_transcription_service_txt_speaker_and_time_lines(tmp_path: Path) -> None:
    """'Spreker 1 00:00:03' on its own line starts a turn of Spreker 1 at 3 seconds; the text follows."""
    found = turns(write_text(tmp_path / "griffier.txt", SERVICE_TXT), interviewers=["Spreker 1"])
    assert found == [
        (None, None, "Interview griffier, 12 maart"),
        ("Spreker 1", 3.0, "Wat doet u als iemand een integriteitsvraag heeft?"),
        ("Spreker 2", 9.0, "Dan verwijs ik naar de vertrouwenspersoon.\nDat werkt meestal goed."),
        ("Spreker 1", 75.0, "En als dat niet werkt?"),
        ("Spreker 2", 80.0, "Dan gaan we naar de burgemeester."),
    ]
    _, passages, _ = read_transcript(tmp_path / "griffier.txt", interviewers=["Spreker 1"])
    assert [p.reason for p in passages] == ["inleiding", "interviewer", None, "interviewer", None]


@pytest.mark.parametrize("header", ["[{time}] {who}", "{time} {who}", "{who} [{time}]", "{who}  {time}"])
def test_time_and_speaker_line_in_either_order(tmp_path: Path, header: str) -> None:
    """'[00:00:03] Spreker 1' (time first) as well as 'Spreker 1 [00:00:03]' on its own line, the text below."""
    lines = [header.format(time="00:00:03", who="Spreker 1"), "Welkom.",
             header.format(time="00:00:09", who="Spreker 2"), "Dank u.", "Graag."]
    assert turns(write_text(tmp_path / "dienst.txt", "\n".join(lines))) == [
        ("Spreker 1", 3.0, "Welkom."), ("Spreker 2", 9.0, "Dank u.\nGraag.")]


@pytest.mark.parametrize("line", ["[00:00:03] {who}: {text}", "00:00:03 {who}: {text}", "[0:03] {who}: {text}"])
def test_timestamp_before_the_label(tmp_path: Path, line: str) -> None:
    """'[00:00:03] Griffier: …' — the timestamp no longer hides the label; a label used once still counts."""
    lines = [line.format(who="Griffier", text="Hoe gaat u om met geschenken?"),
             line.format(who="Raadslid", text="Die meld ik altijd.").replace("03", "09")]
    found = turns(write_text(tmp_path / "t.txt", "\n".join(lines)), interviewers=["Griffier"])
    assert found == [("Griffier", 3.0, "Hoe gaat u om met geschenken?"), ("Raadslid", 9.0, "Die meld ik altijd.")]


def test_teams_docx_name_and_time_paragraphs(tmp_path: Path) -> None:
    """A Teams download: 'Naam   0:03' paragraph, then the text paragraph."""
    path = write_docx(tmp_path / "teams.docx", [
        "Jansen, Piet   0:03", "Goedemiddag, zullen we beginnen?",
        "Anna de Vries   0:07", "Ja hoor. Ik ben wethouder in een kleine gemeente.",
        "Jansen, Piet   1:02:10", "Dank u wel.",
    ])
    assert turns(path, interviewers=["Jansen, Piet"]) == [
        ("Jansen, Piet", 3.0, "Goedemiddag, zullen we beginnen?"),
        ("Anna de Vries", 7.0, "Ja hoor. Ik ben wethouder in een kleine gemeente."),
        ("Jansen, Piet", 3730.0, "Dank u wel."),
    ]


def test_teams_docx_plain_names(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "teams.docx", [
        "Piet Jansen   0:03", "Goedemiddag, zullen we beginnen?",
        "Anna de Vries   0:07", "Ja hoor.", "Ik ben wethouder.",
        "Piet Jansen   1:02:10", "Dank u wel.",
    ])
    assert turns(path, interviewers=["piet jansen"]) == [
        ("Piet Jansen", 3.0, "Goedemiddag, zullen we beginnen?"),
        ("Anna de Vries", 7.0, "Ja hoor.\nIk ben wethouder."),
        ("Piet Jansen", 3730.0, "Dank u wel."),
    ]


def test_name_with_time_in_brackets(tmp_path: Path) -> None:
    """'Naam (00:03):' with the text on the next line or after it."""
    path = write_text(tmp_path / "zoom.txt", "Interviewer (00:03):\nWat speelt er?\n"
                                             "Karin (00:10): Veel onrust in de raad.\nEcht veel.")
    assert turns(path) == [("Interviewer", 3.0, "Wat speelt er?"),
                           ("Karin", 10.0, "Veel onrust in de raad.\nEcht veel.")]


VTT = """WEBVTT

NOTE made by Teams

1
00:00:03.000 --> 00:00:05.500
<v Piet Jansen>Goedemiddag, hoe gaat het</v>

2
00:00:05.500 --> 00:00:07.000
<v Piet Jansen>met de integriteit?</v>

3
00:00:07.000 --> 00:00:12.000
<v Anna de Vries>Goed, we hebben een vertrouwenspersoon.</v>

00:00:12.000 --> 00:00:15.000
<v Anna de Vries>En een meldpunt.</v>
"""


def test_webvtt_voices_consecutive_cues_joined(tmp_path: Path) -> None:
    """Voice tags give the speaker; consecutive cues of one speaker are one turn; the cue numbers vanish."""
    found = turns(write_text(tmp_path / "teams.vtt", VTT), interviewers=["Piet Jansen"])
    assert found == [("Piet Jansen", 3.0, "Goedemiddag, hoe gaat het met de integriteit?"),
                     ("Anna de Vries", 7.0, "Goed, we hebben een vertrouwenspersoon. En een meldpunt.")]
    text, _, _ = read_transcript(tmp_path / "teams.vtt")
    assert "-->" not in text and "WEBVTT" not in text


def test_webvtt_with_names_in_the_cue_text(tmp_path: Path) -> None:
    """Zoom writes 'Naam: text' in the cues."""
    vtt = ("WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nInterviewer: Wat helpt?\n\n2\n00:00:04.000 --> "
           "00:00:09.000\nKarin: Een goede sfeer.\n\n3\n00:00:09.000 --> 00:00:11.000\nKarin: En duidelijke "
           "regels.\n\n4\n00:00:11.000 --> 00:00:13.000\nInterviewer: Dank u.\n")
    assert turns(write_text(tmp_path / "zoom.vtt", vtt)) == [
        ("Interviewer", 1.0, "Wat helpt?"), ("Karin", 4.0, "Een goede sfeer. En duidelijke regels."),
        ("Interviewer", 11.0, "Dank u.")]


def test_subrip(tmp_path: Path) -> None:
    srt = ("1\r\n00:00:02,000 --> 00:00:04,000\r\nInterviewer: Hoe meldt u iets?\r\n\r\n"
           "2\r\n00:00:04,500 --> 00:00:08,000\r\nRespondent: Via de griffie,\r\nmeestal.\r\n\r\n"
           "3\r\n00:01:00,000 --> 00:01:03,000\r\nRespondent: Of bij de burgemeester.\r\n")
    assert turns(write_text(tmp_path / "opname.srt", srt)) == [
        ("Interviewer", 2.0, "Hoe meldt u iets?"),
        ("Respondent", 4.5, "Via de griffie, meestal. Of bij de burgemeester.")]


def test_subtitles_without_cues_are_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="geen cues"):
        read_transcript(write_text(tmp_path / "leeg.vtt", "WEBVTT\n\nNOTE niets\n"))


def test_format_time() -> None:
    assert (format_time(3.0), format_time(3730.2), format_time(None)) == ("00:03", "1:02:10", "")


# --- importing ------------------------------------------------------------------------------------------------


def test_import_keeps_start_times_and_reports_speakers(store: Store, tmp_path: Path) -> None:
    """Every shape imports; segments carry their start time; the summary names speakers and interviewers."""
    files = [write_text(tmp_path / "griffier.txt", SERVICE_TXT), write_text(tmp_path / "teams.vtt", VTT)]
    report = import_transcripts(store, files, STUDY, TOPIC, interviewers=["Spreker 1", "Piet Jansen"])
    assert report.speakers == ["Spreker 1", "Spreker 2", "Piet Jansen", "Anna de Vries"]
    assert report.interviewers == ["Spreker 1", "Piet Jansen"]
    assert "sprekers: Spreker 1, Spreker 2, Piet Jansen, Anna de Vries" in report.summary()
    assert "als interviewer (context): Spreker 1, Piet Jansen" in report.summary()
    with store.read() as session:
        rows = session.execute(select(Segment, Document).join(Document, Document.id == Segment.document_id)
                               .order_by(Segment.id)).all()
        for segment, document in rows:
            assert document.text[segment.start_char : segment.end_char] == segment.text
            assert not TIMESTAMP.search(segment.text)
        coded = [(s.speaker, s.start_time) for s, _ in rows if s.substantive]
    assert coded == [("Spreker 2", 9.0), ("Spreker 2", 80.0), ("Anna de Vries", 7.0)]


def test_unknown_interviewer_names_the_speakers_found(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="'Griffier' spreekt in geen") as info:
        import_transcripts(store, [write_text(tmp_path / "g.txt", SERVICE_TXT)], STUDY, TOPIC,
                           interviewers=["Griffier"])
    assert "Spreker 1, Spreker 2" in (info.value.hint or "")


def _attributes_csv(path: Path, rows: list[str]) -> Path:
    return write_text(path, "bestand;organisatietype;bestuurslaag\n" + "\n".join(rows) + "\n")


def test_attributes_file_gives_each_document_its_attributes(store: Store, tmp_path: Path) -> None:
    files = [write_text(tmp_path / "griffier.txt", SERVICE_TXT), write_text(tmp_path / "teams.vtt", VTT)]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["bestand", "organisatietype", "functie geïnterviewde"])
    sheet.append(["griffier.txt", "Kleine gemeente", "griffier"])
    sheet.append(["teams", "Provincie", "gedeputeerde"])  # without its extension
    book.save(tmp_path / "kenmerken.xlsx")
    import_transcripts(store, files, STUDY, TOPIC, attributes={"ronde": "2024"},
                       attributes_file=tmp_path / "kenmerken.xlsx")
    with store.read() as session:
        people = {r.external_id: r.attributes for r in session.scalars(select(Respondent))}
    assert people["griffier"] == {"bestand": "griffier.txt", "ronde": "2024", "organisatietype": "Kleine gemeente",
                                  "functie geïnterviewde": "griffier"}
    assert people["teams"]["organisatietype"] == "Provincie"


@pytest.mark.parametrize(("rows", "message"), [
    (["griffier.txt;Kleine gemeente;gemeente", "onbekend.docx;Provincie;provincie"], "'onbekend.docx' is geen"),
    (["griffier.txt;Kleine gemeente;gemeente"], "geen rij voor 'teams.vtt'"),
    (["griffier.txt;Kleine gemeente;gemeente", "teams.vtt;Provincie;provincie", "griffier;Provincie;x"],
     "staat al in rij 2"),
])
def test_attributes_file_problems_are_clear_and_change_nothing(store: Store, tmp_path: Path, rows: list[str],
                                                               message: str) -> None:
    files = [write_text(tmp_path / "griffier.txt", SERVICE_TXT), write_text(tmp_path / "teams.vtt", VTT)]
    with pytest.raises(InputError, match=message) as info:
        import_transcripts(store, files, STUDY, TOPIC, attributes_file=_attributes_csv(tmp_path / "k.csv", rows))
    assert info.value.file == str(tmp_path / "k.csv")
    with store.read() as session:
        assert session.scalars(select(Segment)).first() is None


def test_pseudonymise_renames_interviewees_and_keeps_the_mapping(store: Store, tmp_path: Path) -> None:
    """Speakers other than the roles become 'Geïnterviewde 1'…, in the text too; the mapping stays stored."""
    path = write_text(tmp_path / "raad.txt", "Interviewer: Wat vindt u?\nAnna de Vries: Het gaat goed.\n"
                                             "Interviewer: En u?\nBert Smit: Ook goed.\nAnna de Vries: Echt.\n"
                                             "Bert Smit: Ja.")
    report = import_transcripts(store, [path], STUDY, TOPIC, pseudonymise=True)
    assert report.speakers == ["Interviewer", "Anna de Vries", "Bert Smit"]
    with store.read() as session:
        document = session.scalars(select(Document)).one()
        speakers = [s.speaker for s in session.scalars(select(Segment).order_by(Segment.position))]
    assert speakers == ["Interviewer", "Geïnterviewde 1", "Interviewer", "Geïnterviewde 2", "Geïnterviewde 1",
                        "Geïnterviewde 2"]
    assert "Anna" not in document.text and "Bert" not in document.text
    assert document.pseudonyms == {"Geïnterviewde 1": "Anna de Vries", "Geïnterviewde 2": "Bert Smit"}


def test_cli_import_transcripts_with_interviewer_attributes_file_and_pseudonyms(sqlite_store: Store,
                                                                                 tmp_path: Path) -> None:
    from click.testing import CliRunner

    from coding.cli import main

    files = [write_text(tmp_path / "griffier.txt", SERVICE_TXT), write_text(tmp_path / "teams.vtt", VTT)]
    sheet = _attributes_csv(tmp_path / "k.csv", ["griffier.txt;Kleine gemeente;gemeente", "teams.vtt;Provincie;p"])
    result = CliRunner().invoke(main, [
        "--db", sqlite_store.url, "import", "transcripts", *map(str, files), "--study", STUDY, "--question", TOPIC,
        "--interviewer", "Spreker 1", "--interviewer", "Piet Jansen", "--attributes-file", str(sheet),
        "--pseudonymise"])
    assert result.exit_code == 0, result.output
    assert "sprekers: Spreker 1, Spreker 2, Piet Jansen, Anna de Vries" in result.output
    assert "als interviewer (context): Spreker 1, Piet Jansen" in result.output
    with sqlite_store.read() as session:
        speakers = {s.speaker for s in session.scalars(select(Segment).where(Segment.substantive))}
        kinds = {r.external_id: r.attributes["organisatietype"] for r in session.scalars(select(Respondent))}
    assert speakers == {"Geïnterviewde 1"}
    assert kinds == {"griffier": "Kleine gemeente", "teams": "Provincie"}
    bad = CliRunner().invoke(main, ["--db", sqlite_store.url, "import", "transcripts", str(files[0]), "--study", STUDY,
                                    "--question", "ander", "--attributes-file", str(sheet)])
    assert bad.exit_code == 1 and "'teams.vtt' is geen" in bad.output and "Traceback" not in bad.output


SHAPES = ["Spreker 1 00:00:03", "[00:00:07] Griffier: Ja.", "00:01:02 Raadslid: Nee.", "Naam (00:03):", "Tekst.",
          "Jansen, Piet   0:03", "[0:09] los", "Om 10:30 uur.", "R: Antwoord.", "Kortom: zo."]


@given(st.lists(st.one_of(st.sampled_from(SHAPES), FREE_TEXT), min_size=1, max_size=12))
def test_any_mix_of_shapes_keeps_offsets_and_drops_timestamps(paragraphs: list[str]) -> None:
    """For any paragraphs: text[start:end] is each turn's text, turns are ordered, and a recognised timestamp is
    never left in the document (a speaker-and-time line counts once there are two, so "Om 10:30" alone is text)."""
    text, passages, _ = split_lines(paragraph_lines(paragraphs))
    end = 0
    for passage in passages:
        assert text[passage.start : passage.end] == passage.text
        assert passage.start >= end
        end = passage.end
    assert "[00:00:07]" not in text and "00:01:02" not in text
    if sum(p in ("Spreker 1 00:00:03", "Jansen, Piet   0:03") for p in paragraphs) >= 2:
        assert "00:00:03" not in text and "0:03" not in text.replace("(00:03)", "")


@given(st.lists(st.tuples(st.sampled_from(["Anna", "Bert", None]), FREE_TEXT.filter(lambda t: "-->" not in t)),
                min_size=1, max_size=8))
def test_any_subtitles_give_turns_that_point_into_the_text(cues: list[tuple[str | None, str]]) -> None:
    body = "\n\n".join(f"{i}\n00:00:{i:02d}.000 --> 00:00:{i + 1:02d}.000\n" + (f"<v {who}>{said}" if who else said)
                       for i, (who, said) in enumerate(cues))
    try:
        lines = subtitle_lines("WEBVTT\n\n" + body)
    except InputError:
        return  # only cues without text (e.g. just a tag)
    text, passages, _ = split_lines(lines)
    for passage in passages:
        assert text[passage.start : passage.end] == passage.text
        assert "-->" not in passage.text
