"""Import interview transcripts (.docx, .txt), split into segments per speaker turn or per paragraph.

A turn starts with a speaker label and a colon (``Interviewer:``, ``I:``, ``R:``, ``Respondent:``, or a name such
as ``Wethouder De Boer:``); paragraphs without a label continue the turn before them. A document without any
labels is split per paragraph. Every segment keeps its speaker and its character offsets into the document text,
so that ``document.text[start:end] == segment.text``. Interviewer turns are kept as context but marked
non-substantive, so they are not counted or offered for coding.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coding.errors import InputError
from coding.ingest.nonsubstantive import classify_answer
from coding.ingest.reading import OLE_MAGIC, decode_text, read_bytes
from coding.ingest.survey import MAX_TEXT_LENGTH, text_hash
from coding.progress import Progress, no_progress
from coding.store import Store
from coding.store.imports import ImportReport, NewSegment, TranscriptFile, TranscriptPlan, write_transcripts

#: Labels that always mark a speaker turn, even when used once.
KNOWN_LABELS = {"i", "r", "interviewer", "interviewster", "respondent", "int", "resp", "vraag", "antwoord",
                "q", "a", "onderzoeker", "geïnterviewde", "geinterviewde"}

#: Speakers whose turns are the interviewer's (context, not coded).
INTERVIEWER_LABELS = {"i", "interviewer", "interviewster", "int", "vraag", "q", "onderzoeker"}

_LABEL = re.compile(r"^(?P<label>[^\W\d_][\w.'’\- ]{0,40}?)\s*:(?:\s+|$)")


@dataclass(frozen=True)
class Passage:
    """One segment of a transcript before it is stored."""

    text: str
    start: int
    end: int
    speaker: str | None
    substantive: bool
    reason: str | None


def read_paragraphs(path: Path) -> list[str]:
    """The paragraphs of a .docx (its body paragraphs) or .txt file (its non-empty lines)."""
    source = str(path)
    data = read_bytes(path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return _docx_paragraphs(data, source)
    if suffix in (".txt", ".text", ".md"):
        text = decode_text(data, source).replace("\r\n", "\n").replace("\r", "\n")
        return [line.strip() for line in text.split("\n") if line.strip()]
    if suffix == ".doc":
        raise InputError("Het oude Word-formaat .doc wordt niet ondersteund.",
                         hint="Sla het in Word op als .docx.", file=source)
    raise InputError(f"Onbekend bestandstype '{suffix}' voor een transcript.",
                     hint="Gebruik .docx of .txt.", file=source)


def _docx_paragraphs(data: bytes, source: str) -> list[str]:
    import io

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if data.startswith(OLE_MAGIC):
        raise InputError("Dit Word-bestand is met een wachtwoord beveiligd (of is een oud .doc-bestand).",
                         hint="Open het in Word, verwijder het wachtwoord en sla het op als .docx.", file=source)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(f"Het Word-bestand is beschadigd of geen echt .docx-bestand ({type(exc).__name__}).",
                         hint="Open het in Word en sla het opnieuw op als .docx.", file=source) from None
    except Exception as exc:  # lxml raises its own errors for broken XML inside the package
        raise InputError(f"Het Word-bestand is beschadigd ({type(exc).__name__}).",
                         hint="Open het in Word en sla het opnieuw op als .docx.", file=source) from None
    return [p.text.strip() for p in document.paragraphs if p.text.strip()]


def _speaker_labels(paragraphs: list[str]) -> set[str]:
    """Labels that really mark turns: known ones, or ones used at least twice (so 'Kortom: …' is no speaker)."""
    counts: Counter[str] = Counter()
    for paragraph in paragraphs:
        match = _LABEL.match(paragraph)
        if match and len(match.group("label").split()) <= 4:
            counts[match.group("label").strip()] += 1
    return {label for label, n in counts.items() if n >= 2 or label.lower() in KNOWN_LABELS}


def split_transcript(paragraphs: list[str]) -> tuple[str, list[Passage]]:
    """The document text (paragraphs joined by newlines) and its passages with offsets."""
    text = "\n".join(paragraphs)
    labels = _speaker_labels(paragraphs)
    starts = []
    offset = 0
    for paragraph in paragraphs:
        starts.append(offset)
        offset += len(paragraph) + 1
    passages: list[Passage] = []
    # Each open turn: [speaker, start, end]
    turn: list[Any] | None = None

    def close() -> None:
        if turn is not None:
            speaker, start, end = turn
            body = text[start:end]
            reason: str | None
            if speaker is None:
                substantive, reason = False, "inleiding"
            elif speaker.lower() in INTERVIEWER_LABELS:
                substantive, reason = False, "interviewer"
            else:
                substantive, reason = classify_answer(body)
            passages.append(Passage(body, start, end, speaker, substantive, reason))

    for paragraph, start in zip(paragraphs, starts, strict=True):
        match = _LABEL.match(paragraph)
        label = match.group("label").strip() if match else None
        if labels and label in labels:
            close()
            assert match is not None
            turn = [label, start + match.end(), start + len(paragraph)]
        elif labels and turn is not None:
            turn[2] = start + len(paragraph)  # a continuation paragraph of the same turn
        elif labels:
            close()
            turn = [None, start, start + len(paragraph)]  # preamble before the first turn (title, date)
        else:
            substantive, reason = classify_answer(paragraph)
            passages.append(Passage(paragraph, start, start + len(paragraph), None, substantive, reason))
    close()
    # A label followed by its text on the next paragraph leaves an empty first part; trim leading white space.
    passages = [_trim(p, text) for p in passages]
    return text, passages


def _trim(passage: Passage, text: str) -> Passage:
    start = passage.start
    while start < passage.end and text[start].isspace():
        start += 1
    body = text[start : passage.end]
    return Passage(body, start, passage.end, passage.speaker, passage.substantive and bool(body), passage.reason
                   if body else "leeg")


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


def import_transcripts(
    store: Store,
    paths: Sequence[str | Path],
    study: str,
    question: str,
    *,
    attributes: dict[str, str] | None = None,
    wording: str = "",
    actor: str = "import",
    progress: Progress = no_progress,
    wave: str | None = None,
) -> ImportReport:
    """Import transcripts as documents of ``question`` (an interview topic); all files or none.

    ``wave``: the wave (meting) of the interviews; default the study's latest wave.

    Each file becomes a respondent of kind ``document`` named after the file (without extension), carrying
    ``attributes`` (e.g. organisatietype) for attribution of quotes.
    """
    files: list[TranscriptFile] = []
    for number, raw_path in enumerate(paths, start=1):
        path = Path(raw_path)
        paragraphs = read_paragraphs(path)
        if not paragraphs:
            raise InputError("Het transcript bevat geen tekst.", file=str(path))
        text, passages = split_transcript(paragraphs)
        for passage in passages:
            if len(passage.text) > MAX_TEXT_LENGTH:
                raise InputError(f"Een passage is {len(passage.text)} tekens lang (maximaal {MAX_TEXT_LENGTH}).",
                                 hint="Splits lange beurten met witregels of sprekersnamen.", file=str(path))
        files.append(TranscriptFile(
            source=str(path), filename=path.name, external_id=path.stem, text=text,
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            passages=tuple(_new_segment(p) for p in passages),
        ))
        progress(number, len(paths) * 2)
    plan = TranscriptPlan(study=study, question=question, wording=wording, attributes=dict(attributes or {}),
                          files=tuple(files), actor=actor, wave=wave)
    return write_transcripts(store, plan, progress)


def _new_segment(passage: Passage) -> NewSegment:
    """A passage as it will be stored: hashed and counted, with its speaker and offsets."""
    return NewSegment(passage.text, text_hash(passage.text), passage.substantive, passage.reason,
                      len(passage.text.split()), speaker=passage.speaker, start=passage.start, end=passage.end)
