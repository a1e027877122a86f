"""Import interview transcripts (.docx, .txt, WebVTT .vtt, SubRip .srt), split into segments per speaker turn.

Turns are recognised without flags, in the shapes transcripts really arrive in:

- ``Label: text`` lines (``Interviewer:``, ``I:``, ``R:``, or a name such as ``Wethouder De Boer:`` used twice);
- a timestamp before the label: ``[00:00:03] Griffier: …`` or ``00:00:03 Griffier: …``;
- a speaker-and-time line followed by the text (transcription services, Teams .docx): ``Spreker 1 00:00:03``,
  ``Naam   0:03``, ``Naam (00:03):``;
- subtitles: WebVTT (``<v Naam>`` voice tags or ``Naam: `` in the cue text, numbered cues or not) and SubRip .srt;
  consecutive cues of one speaker are joined into one turn.

Paragraphs without a label continue the turn before them. A document without any labels is split per paragraph.
Timestamps are never part of the text: the time a turn starts is kept on its segment (``start_time``, seconds).
Every segment keeps its speaker and its character offsets into the document text, so that
``document.text[start:end] == segment.text``. Interviewer turns are kept as context but marked non-substantive,
so they are not counted or offered for coding.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from coding.errors import InputError, ProblemList
from coding.ingest.nonsubstantive import classify_answer
from coding.ingest.reading import OLE_MAGIC, check_package, decode_text, read_bytes
from coding.ingest.survey import MAX_TEXT_LENGTH, text_hash
from coding.progress import Progress, no_progress
from coding.store import Store
from coding.store.access import check
from coding.store.imports import ImportReport, NewSegment, TranscriptFile, TranscriptPlan, write_transcripts

#: Labels that always mark a speaker turn, even when used once.
KNOWN_LABELS = {"i", "r", "interviewer", "interviewster", "respondent", "int", "resp", "vraag", "antwoord",
                "q", "a", "onderzoeker", "geïnterviewde", "geinterviewde"}

#: Speakers whose turns are the interviewer's (context, not coded), unless ``interviewers`` are named.
INTERVIEWER_LABELS = {"i", "interviewer", "interviewster", "int", "vraag", "q", "onderzoeker"}

#: File endings of subtitle files (one cue per few seconds of speech).
SUBTITLE_SUFFIXES = (".vtt", ".srt")
#: File endings of transcripts this module reads.
TRANSCRIPT_SUFFIXES = (".docx", ".txt", ".text", ".md", *SUBTITLE_SUFFIXES)

#: The name given to the n-th interviewee of a transcript imported with ``pseudonymise``.
PSEUDONYM = "Geïnterviewde {n}"

_LABEL = re.compile(r"^(?P<label>[^\W\d_][\w.'’\- ]{0,40}?)\s*:(?:\s+|$)")
_TIME = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_NAME = r"[^\W\d_][\w.'’\- ]{0,40}?"
#: A speaker-and-time line: "Spreker 1 00:00:03", "Naam   0:03" (nothing after the time).
_HEADER = re.compile(rf"^(?P<label>[^\W\d_][\w.,'’()\- ]{{0,60}}?)\s+(?P<time>{_TIME})$")
#: The time first: "[00:00:03] Spreker 1" or "00:00:03 Spreker 1" alone on its line (the text follows).
_HEADER_TIME_FIRST = re.compile(rf"^[\[(]?(?P<time>{_TIME})[\])]?\s+(?P<label>[^\W\d_][\w.,'’()\- ]{{0,60}}?)$")
#: "Naam (00:03):" or "Naam [00:03]", possibly with the text after it.
_HEADER_BRACKETED = re.compile(rf"^(?P<label>{_NAME})\s*[(\[](?P<time>{_TIME})[)\]]\s*:?(?:\s+(?P<rest>.*))?$")
#: A timestamp before the paragraph: "[00:00:03] Griffier: …", "(0:03) …"; bare "00:00:03 Griffier: …".
_PREFIX_BRACKETED = re.compile(rf"^[\[(](?P<time>{_TIME})[)\]]\s*[-–]?\s*(?P<rest>.*)$")
_PREFIX_BARE = re.compile(rf"^(?P<time>{_TIME})\s+[-–]?\s*(?P<rest>.*)$")
_CUE_TIMING = re.compile(rf"^(?P<start>{_TIME})\s*-->\s*(?P<end>{_TIME})")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+(?P<name>[^>]+)>")
_TAG = re.compile(r"</?[^>]*>")


@dataclass(frozen=True)
class Passage:
    """One segment of a transcript before it is stored."""

    text: str
    start: int
    end: int
    speaker: str | None
    substantive: bool
    reason: str | None
    #: When the turn starts (seconds), for transcripts with timestamps.
    start_time: float | None = None


@dataclass(frozen=True)
class Line:
    """One paragraph as it goes into the document text (timestamps taken out).

    ``label`` is set when the paragraph surely starts a turn of that speaker (a speaker-and-time line, a
    timestamped label, a subtitle voice); the paragraph's text then starts with ``label:``.
    """

    text: str
    label: str | None = None
    time: float | None = None


def parse_time(value: str) -> float:
    """'00:01:02.500' / '1:02' / '00:00:03,000' → seconds."""
    seconds = 0.0
    for part in value.replace(",", ".").split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


def format_time(seconds: float | None) -> str:
    """Seconds as the transcript shows them: '00:03', '1:02:03'; '' when there is no time."""
    if seconds is None or seconds != seconds:  # None or NaN
        return ""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def read_paragraphs(path: Path) -> list[str]:
    """The paragraphs of a .docx (its body paragraphs) or .txt file (its non-empty lines)."""
    source = str(path)
    data = read_bytes(path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return _docx_paragraphs(data, source)
    if suffix in (".txt", ".text", ".md"):
        return _text_lines(decode_text(data, source))
    if suffix == ".doc":
        raise InputError("Het oude Word-formaat .doc wordt niet ondersteund.",
                         hint="Sla het in Word op als .docx.", file=source)
    raise InputError(f"Onbekend bestandstype '{suffix}' voor een transcript.",
                     hint="Gebruik .docx, .txt, .vtt of .srt.", file=source)


def _text_lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [line.strip() for line in text.split("\n") if line.strip()]


def read_lines(path: Path) -> list[Line]:
    """The paragraphs of any supported transcript, with the speakers and times found in them."""
    if path.suffix.lower() in SUBTITLE_SUFFIXES:
        return subtitle_lines(decode_text(read_bytes(path), str(path)), str(path))
    return paragraph_lines(read_paragraphs(path))


def read_transcript(
    path: Path, *, interviewers: Collection[str] | None = None, pseudonymise: bool = False
) -> tuple[str, list[Passage], dict[str, str]]:
    """The document text, its turns and (with ``pseudonymise``) the pseudonyms used (pseudonym → name)."""
    return split_lines(read_lines(path), interviewers=interviewers, pseudonymise=pseudonymise)


def _docx_paragraphs(data: bytes, source: str) -> list[str]:
    import io

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if data.startswith(OLE_MAGIC):
        raise InputError("Dit Word-bestand is met een wachtwoord beveiligd (of is een oud .doc-bestand).",
                         hint="Open het in Word, verwijder het wachtwoord en sla het op als .docx.", file=source)
    check_package(data, source, "docx")  # zip bombs, entity bombs, a missing word/document.xml
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(f"Het Word-bestand is beschadigd of geen echt .docx-bestand ({type(exc).__name__}).",
                         hint="Open het in Word en sla het opnieuw op als .docx.", file=source) from None
    except Exception as exc:  # lxml raises its own errors for broken XML inside the package
        raise InputError(f"Het Word-bestand is beschadigd ({type(exc).__name__}).",
                         hint="Open het in Word en sla het opnieuw op als .docx.", file=source) from None
    return [p.text.strip() for p in document.paragraphs if p.text.strip()]


def _speaker_labels(paragraphs: Sequence[str]) -> set[str]:
    """Labels that really mark turns: known ones, or ones used at least twice (so 'Kortom: …' is no speaker)."""
    counts: Counter[str] = Counter()
    for paragraph in paragraphs:
        match = _LABEL.match(paragraph)
        if match and len(match.group("label").split()) <= 4:
            counts[match.group("label").strip()] += 1
    return {label for label, n in counts.items() if n >= 2 or label.lower() in KNOWN_LABELS}


def _short_label(label: str) -> bool:
    return 1 <= len(label.split()) <= 4


def paragraph_lines(paragraphs: Sequence[str]) -> list[Line]:
    """Paragraphs of a .docx/.txt with speaker-and-time lines and timestamps recognised (and taken out)."""
    def header(paragraph: str) -> re.Match[str] | None:
        match = _HEADER.match(paragraph) or _HEADER_TIME_FIRST.match(paragraph)
        return match if match and _short_label(match.group("label")) and not match.group("label").endswith(
            (".", "!", "?")) else None

    headers = sum(header(p) is not None for p in paragraphs)
    lines = []
    for paragraph in paragraphs:
        bare = header(paragraph)
        bracketed = _HEADER_BRACKETED.match(paragraph)
        prefix = _PREFIX_BRACKETED.match(paragraph) or _PREFIX_BARE.match(paragraph)
        if bare and headers >= 2:
            label = bare.group("label").strip()
            lines.append(Line(f"{label}:", label, parse_time(bare.group("time"))))
        elif bracketed and _short_label(bracketed.group("label")):
            label = bracketed.group("label").strip()
            body = (bracketed.group("rest") or "").strip()
            lines.append(Line(f"{label}: {body}" if body else f"{label}:", label, parse_time(bracketed.group("time"))))
        elif prefix and (match := _LABEL.match(prefix.group("rest"))) and _short_label(match.group("label")):
            lines.append(Line(prefix.group("rest"), match.group("label").strip(), parse_time(prefix.group("time"))))
        elif prefix and prefix.re is _PREFIX_BRACKETED and prefix.group("rest").strip():
            lines.append(Line(prefix.group("rest").strip(), None, parse_time(prefix.group("time"))))
        else:
            lines.append(Line(paragraph))
    return lines


def subtitle_lines(content: str, source: str = "") -> list[Line]:
    """The cues of a WebVTT or SubRip file as lines, consecutive cues of one speaker joined into one line.

    The speaker is the cue's voice (``<v Naam>``) or a ``Naam:`` label that starts cues (known, or used twice).
    """
    cues: list[tuple[float, str | None, str]] = []
    for block in re.split(r"\n\s*\n", content.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")):
        rows = [row.strip() for row in block.strip().split("\n") if row.strip()]
        timing = next((i for i, row in enumerate(rows) if _CUE_TIMING.match(row)), None)
        if timing is None:
            continue  # the WEBVTT header, NOTE, STYLE and REGION blocks
        raw = " ".join(rows[timing + 1 :])
        voice_tag = _VOICE.search(raw)
        text = " ".join(_TAG.sub("", raw).split())
        if text:
            start = _CUE_TIMING.match(rows[timing])
            assert start is not None
            cues.append((parse_time(start.group("start")), voice_tag.group("name").strip() if voice_tag else None,
                         text))
    if not cues:
        raise InputError("Dit ondertitelbestand bevat geen tekst (geen cues met een tijd zoals "
                         "'00:00:03.000 --> 00:00:05.000').", hint="Controleer of het een .vtt- of .srt-bestand is.",
                         file=source or None)
    labels = _speaker_labels([text for _, name, text in cues if name is None])
    lines: list[Line] = []
    last: str | None = None
    for time, voice, text in cues:
        speaker = voice
        cue_label = _LABEL.match(text)
        if speaker is None and cue_label and cue_label.group("label").strip() in labels:
            speaker = cue_label.group("label").strip()
            text = text[cue_label.end() :].strip()
        if speaker is not None and speaker == last and lines:
            previous = lines[-1]
            lines[-1] = Line(f"{previous.text} {text}".rstrip(), previous.label, previous.time)
            continue
        lines.append(Line(f"{speaker}: {text}" if speaker else text, speaker, time))
        last = speaker
    return lines


def split_transcript(
    paragraphs: list[str], *, interviewers: Collection[str] | None = None
) -> tuple[str, list[Passage]]:
    """The document text (paragraphs joined by newlines, timestamps taken out) and its turns with offsets."""
    text, passages, _ = split_lines(paragraph_lines(paragraphs), interviewers=interviewers)
    return text, passages


def split_lines(
    lines: Sequence[Line], *, interviewers: Collection[str] | None = None, pseudonymise: bool = False
) -> tuple[str, list[Passage], dict[str, str]]:
    """The document text, its turns with offsets, and the pseudonyms used (pseudonym → real name).

    ``interviewers`` names whose turns are context (case ignored); default :data:`INTERVIEWER_LABELS`.
    With ``pseudonymise`` every speaker other than the roles (interviewer, respondent, …) is renamed
    "Geïnterviewde 1", "Geïnterviewde 2", … in order of appearance, in the text as well as on the turns.
    """
    roles = {name.strip().lower() for name in interviewers} if interviewers else INTERVIEWER_LABELS
    text, passages = _split(lines, roles)
    if not pseudonymise:
        return text, passages, {}
    names = list(dict.fromkeys(p.speaker for p in passages if p.speaker and p.speaker.lower() not in roles
                               and p.speaker.lower() not in KNOWN_LABELS))
    if not names:
        return text, passages, {}
    mapping = {name: PSEUDONYM.format(n=n) for n, name in enumerate(names, start=1)}
    renamed = []
    for line in lines:
        label = line.label or _turn_label(line.text, set(mapping))
        if label in mapping:
            renamed.append(Line(mapping[label] + line.text[len(label) :], mapping[label], line.time))
        else:
            renamed.append(line)
    text, passages = _split(renamed, roles)
    return text, passages, {pseudonym: name for name, pseudonym in mapping.items()}


def _turn_label(paragraph: str, labels: set[str]) -> str | None:
    match = _LABEL.match(paragraph)
    label = match.group("label").strip() if match else None
    return label if label in labels else None


def _split(lines: Sequence[Line], roles: Collection[str]) -> tuple[str, list[Passage]]:
    paragraphs = [line.text for line in lines]
    text = "\n".join(paragraphs)
    labels = _speaker_labels(paragraphs) | {line.label for line in lines if line.label}
    starts = []
    offset = 0
    for paragraph in paragraphs:
        starts.append(offset)
        offset += len(paragraph) + 1
    passages: list[Passage] = []
    # Each open turn: [speaker, start, end, time]
    turn: list[Any] | None = None

    def close() -> None:
        if turn is not None:
            speaker, start, end, time = turn
            body = text[start:end]
            reason: str | None
            if speaker is None:
                substantive, reason = False, "inleiding"
            elif speaker.lower() in roles:
                substantive, reason = False, "interviewer"
            else:
                substantive, reason = classify_answer(body)
            passages.append(Passage(body, start, end, speaker, substantive, reason, time))

    for line, start in zip(lines, starts, strict=True):
        paragraph = line.text
        if line.label is not None:
            label: str | None = line.label
            label_end = len(line.label) + 1 if paragraph.startswith(f"{line.label}:") else 0
        else:
            match = _LABEL.match(paragraph)
            label = match.group("label").strip() if match else None
            label_end = match.end() if match else 0
        if labels and label in labels:
            close()
            turn = [label, start + label_end, start + len(paragraph), line.time]
        elif labels and turn is not None:
            turn[2] = start + len(paragraph)  # a continuation paragraph of the same turn
            if turn[3] is None:
                turn[3] = line.time
        elif labels:
            close()
            turn = [None, start, start + len(paragraph), line.time]  # preamble before the first turn (title, date)
        else:
            substantive, reason = classify_answer(paragraph)
            passages.append(Passage(paragraph, start, start + len(paragraph), None, substantive, reason, line.time))
    close()
    # A label followed by its text on the next paragraph leaves an empty first part; trim leading white space.
    return text, [_trim(p, text) for p in passages]


def _trim(passage: Passage, text: str) -> Passage:
    start = passage.start
    while start < passage.end and text[start].isspace():
        start += 1
    body = text[start : passage.end]
    return replace(passage, text=body, start=start, substantive=passage.substantive and bool(body),
                   reason=passage.reason if body else "leeg")


def parse_attributes(pairs: list[str]) -> dict[str, str]:
    """``['organisatietype=kleine gemeente']`` → ``{'organisatietype': 'kleine gemeente'}``."""
    result = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise InputError(f"Kenmerk '{pair}' heeft niet de vorm sleutel=waarde.",
                             hint="Bijvoorbeeld: --attr organisatietype='kleine gemeente'")
        result[key.strip()] = value.strip()
    return result


#: The column of an attributes file that names the transcript file of each row.
FILE_COLUMN = "bestand"


def read_attributes_file(path: str | Path, filenames: Sequence[str]) -> dict[str, dict[str, str]]:
    """The document attributes per transcript file from a CSV/XLSX with one row per file (column ``bestand``).

    A row may name a file with or without its extension. Every file that is imported must have exactly one row,
    and every row must name a file that is imported; all problems are listed in one :class:`InputError`.
    """
    from coding.ingest.tabular import read_table

    table = read_table(path)
    table.require_columns([FILE_COLUMN], "de naam van het transcriptbestand")
    names = {name.lower(): name for name in filenames} | {Path(name).stem.lower(): name for name in filenames}
    problems = ProblemList(table.source)
    result: dict[str, dict[str, str]] = {}
    first_row: dict[str, int] = {}
    columns = [c for c in table.columns if c != FILE_COLUMN]
    for index, record in enumerate(table.frame.to_dict("records")):
        row = table.row_number(index)
        written = str(record[FILE_COLUMN]).strip()
        name = names.get(written.lower()) or names.get(Path(written).name.lower())
        if not written:
            problems.add(row, FILE_COLUMN, "de bestandsnaam is leeg", "Vul in elke rij de naam van het transcript in.")
            continue
        if name is None:
            problems.add(row, FILE_COLUMN, f"'{written}' is geen van de transcripten die je importeert",
                         "Geïmporteerd worden: " + ", ".join(filenames) + ".")
            continue
        if name in result:
            problems.add(row, FILE_COLUMN, f"'{written}' staat al in rij {first_row[name]}",
                         "Geef elk transcript één rij.")
            continue
        first_row[name] = row
        result[name] = {c: str(record[c]).strip() for c in columns if str(record[c]).strip()}
    missing = [name for name in filenames if name not in result]
    if missing:
        problems.add(None, FILE_COLUMN, "geen rij voor " + ", ".join(f"'{m}'" for m in missing),
                     "Geef elk transcript dat je importeert een rij in het kenmerkenbestand.")
    problems.raise_if_any()
    return result


def import_transcripts(
    store: Store,
    paths: Sequence[str | Path],
    study: str,
    question: str,
    *,
    attributes: dict[str, str] | None = None,
    attributes_file: str | Path | None = None,
    interviewers: Sequence[str] | None = None,
    pseudonymise: bool = False,
    wording: str = "",
    actor: str = "import",
    progress: Progress = no_progress,
    wave: str | None = None,
) -> ImportReport:
    """Import transcripts as documents of ``question`` (an interview topic); all files or none.

    ``wave``: the wave (meting) of the interviews; default the study's latest wave.

    Each file becomes a respondent of kind ``document`` named after the file (without extension), carrying
    ``attributes`` (e.g. organisatietype) and its row of ``attributes_file`` for attribution of quotes.
    ``interviewers`` names the speakers whose turns are context (default: Interviewer, I, Vraag, …); each named
    speaker must occur in some file. With ``pseudonymise`` interviewees become "Geïnterviewde 1", …; the real names
    stay with the document (for the research team), never in an export. The report lists the speakers found.
    """
    check(store, actor, study, "import.transcripts")
    files: list[TranscriptFile] = []
    per_file = read_attributes_file(attributes_file, [Path(p).name for p in paths]) if attributes_file else {}
    speakers: dict[str, None] = {}
    for number, raw_path in enumerate(paths, start=1):
        path = Path(raw_path)
        lines = read_lines(path)
        if not lines:
            raise InputError("Het transcript bevat geen tekst.", file=str(path))
        original = split_lines(lines, interviewers=interviewers)[1]
        speakers.update(dict.fromkeys(p.speaker for p in original if p.speaker))
        text, passages, pseudonyms = split_lines(lines, interviewers=interviewers, pseudonymise=pseudonymise)
        for passage in passages:
            if len(passage.text) > MAX_TEXT_LENGTH:
                raise InputError(f"Een passage is {len(passage.text)} tekens lang (maximaal {MAX_TEXT_LENGTH}).",
                                 hint="Splits lange beurten met witregels of sprekersnamen.", file=str(path))
        files.append(TranscriptFile(
            source=str(path), filename=path.name, external_id=path.stem, text=text,
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            passages=tuple(_new_segment(p) for p in passages),
            attributes=per_file.get(path.name, {}), pseudonyms=pseudonyms,
        ))
        progress(number, len(paths) * 2)
    roles = {name.strip().lower() for name in interviewers} if interviewers else INTERVIEWER_LABELS
    if interviewers:
        found = {s.lower() for s in speakers}
        unknown = [name for name in interviewers if name.strip().lower() not in found]
        if unknown:
            raise InputError("Interviewer " + ", ".join(f"'{u}'" for u in unknown) + " spreekt in geen van de "
                             "transcripten.", hint="Gevonden sprekers: " + (", ".join(speakers) or "(geen)") + ".")
    plan = TranscriptPlan(study=study, question=question, wording=wording, attributes=dict(attributes or {}),
                          files=tuple(files), actor=actor, wave=wave)
    report = write_transcripts(store, plan, progress)
    report.speakers = list(speakers)
    report.interviewers = [s for s in speakers if s.lower() in roles]
    return report


def transcript_speakers(paths: Sequence[str | Path]) -> list[str]:
    """Every speaker found in the transcripts, in order of appearance (for choosing the interviewer)."""
    speakers: dict[str, None] = {}
    for path in paths:
        speakers.update(dict.fromkeys(p.speaker for p in read_transcript(Path(path))[1] if p.speaker))
    return list(speakers)


def _new_segment(passage: Passage) -> NewSegment:
    """A passage as it will be stored: hashed and counted, with its speaker, offsets and start time."""
    return NewSegment(passage.text, text_hash(passage.text), passage.substantive, passage.reason,
                      len(passage.text.split()), speaker=passage.speaker, start=passage.start, end=passage.end,
                      start_time=passage.start_time)
