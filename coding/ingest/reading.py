"""Reading raw files safely: size limits, zip packages (.xlsx, .docx) checked before they are opened, decoding
text as Excel and friends write it, and detecting the CSV delimiter.

Files come from fieldwork agencies, municipalities and colleagues; some are broken and a few are hostile. Every
limit here is checked before the expensive work starts, so that a hostile file is refused in seconds and a few
megabytes of memory with a message that says what to do, instead of exhausting the machine.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from coding.errors import InputError

#: Delimiters a survey export may use.
DELIMITERS = (";", ",", "\t")

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


#: Largest file read (bytes). A survey export of 100,000 answers is some 30 MB; a bigger file is split first.
MAX_FILE_BYTES = 200 * 1024 * 1024

#: Largest total a zip package (.xlsx, .docx) may unpack to, and the largest compression ratio of one of its parts
#: over :data:`_RATIO_FROM` bytes (XML compresses 5–30×; a zip bomb thousands of times).
MAX_UNZIPPED_BYTES = 256 * 1024 * 1024
MAX_ZIP_RATIO = 200
_RATIO_FROM = 1024 * 1024

#: What each kind of package is called, the part it cannot do without, and how to repair it.
_PACKAGES = {
    "xlsx": ("Excel", "xl/workbook.xml", "Open het in Excel en sla het opnieuw op als .xlsx."),
    "docx": ("Word", "word/document.xml", "Open het in Word en sla het opnieuw op als .docx."),
    "qdpx": ("REFI-QDA", "project.qde", "Exporteer het project in je QDA-programma opnieuw als REFI-QDA-project "
             "(.qdpx)."),
}

#: Office XML never declares a document type; a DOCTYPE or ENTITY is how an XML entity bomb starts.
_XML_DECLARATIONS = (b"<!DOCTYPE", b"<!ENTITY")


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:,.0f} MB".replace(",", ".")


def read_bytes(path: str | Path, *, limit: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes; a clear error when it is missing, a folder, empty, or over ``limit`` bytes."""
    path = Path(path)
    if not path.exists():
        raise InputError("Het bestand bestaat niet.", hint="Controleer het pad.", file=str(path))
    if path.is_dir():
        raise InputError("Dit is een map, geen bestand.", file=str(path))
    size = path.stat().st_size
    if size > limit:
        raise InputError(f"Het bestand is {_megabytes(size)} groot; het maximum is {_megabytes(limit)}.",
                         hint="Splits het bestand (bijvoorbeeld per golf of per vraag) en importeer de delen.",
                         file=str(path))
    data = path.read_bytes()
    if not data or data.isspace():  # not data.strip(): that copies a large file once more
        raise InputError("Het bestand is leeg.", hint="Exporteer de gegevens opnieuw.", file=str(path))
    return data


def check_package(data: bytes, source: str, kind: str) -> None:
    """Refuse an .xlsx, .docx or .qdpx (``kind``) that is encrypted, no zip, misses its main part, or is a bomb.

    Checked before any reader opens it: the declared sizes and compression ratio of every part, then every part
    is unpacked once in chunks (so a part that unpacks to more than it declares is caught too) and its XML is
    scanned for DOCTYPE/ENTITY declarations (entity expansion). Memory stays at one chunk; time at the limit.
    """
    program, main_part, repair = _PACKAGES[kind]
    if data.startswith(OLE_MAGIC):
        old = {"xlsx": "een oud .xls-bestand", "docx": "een oud .doc-bestand"}.get(kind, "geen zip-archief")
        raise InputError(f"Dit {program}-bestand is met een wachtwoord beveiligd (of is {old}).",
                         hint=f"Open het in {program}, verwijder het wachtwoord en sla het op als .{kind}.",
                         file=source)

    def damaged(what: str) -> InputError:
        return InputError(f"Het {program}-bestand is beschadigd of geen echt .{kind}-bestand ({what}).",
                          hint=repair, file=source)

    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise damaged(type(exc).__name__) from None
    with package:
        members = package.infolist()
        if main_part not in {m.filename for m in members}:
            raise damaged(f"het onderdeel {main_part} ontbreekt")
        declared = sum(m.file_size for m in members)
        if declared > MAX_UNZIPPED_BYTES:
            raise _bomb(program, source, f"het pakt uit tot {_megabytes(declared)}")
        for member in members:
            if member.file_size > _RATIO_FROM and member.file_size > MAX_ZIP_RATIO * max(member.compress_size, 1):
                ratio = member.file_size // max(member.compress_size, 1)
                raise _bomb(program, source, f"onderdeel {member.filename} is {ratio}× samengeperst")
        total = 0
        for member in members:
            try:
                total = _unpack_checked(package, member, total, program, source)
            except InputError:
                raise
            except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, OSError, EOFError) as exc:
                raise damaged(f"{member.filename}: {type(exc).__name__}") from None


def _unpack_checked(package: zipfile.ZipFile, member: zipfile.ZipInfo, total: int, program: str,
                    source: str) -> int:
    """Unpack ``member`` chunk by chunk, refusing more bytes than declared or DOCTYPE/ENTITY in XML."""
    size = 0
    tail = b""
    xml = member.filename.endswith((".xml", ".rels", ".vml", ".qde"))
    buffer = bytearray(1024 * 1024)
    with package.open(member) as stream:
        while count := stream.readinto(buffer):  # type: ignore[attr-defined]  # ZipExtFile is a BufferedIOBase
            chunk = bytes(buffer[:count])
            size += len(chunk)
            total += len(chunk)
            if size > member.file_size or total > MAX_UNZIPPED_BYTES:
                raise _bomb(program, source, f"onderdeel {member.filename} pakt uit tot meer dan het opgeeft")
            if xml:
                window = tail + chunk
                if any(marker in window for marker in _XML_DECLARATIONS):
                    raise InputError(
                        f"Het {program}-bestand bevat XML met een DOCTYPE- of ENTITY-declaratie "
                        f"({member.filename}); dat maakt {program} zelf nooit en het kan de computer vastzetten.",
                        hint=f"Vraag de afzender om een nieuwe export, of open het in {program} en sla het "
                        "opnieuw op.", file=source)
                tail = chunk[-16:]
    return total


def _bomb(program: str, source: str, what: str) -> InputError:
    return InputError(
        f"Het {program}-bestand is te groot om veilig te openen: {what} (maximaal "
        f"{_megabytes(MAX_UNZIPPED_BYTES)} uitgepakt, {MAX_ZIP_RATIO}× samengeperst).",
        hint="Zo'n bestand is beschadigd of een 'zip-bom'. Vraag de afzender om een nieuwe export, of sla het "
        f"in {program} opnieuw op en splits het zo nodig.", file=source)


def decode_text(data: bytes, source: str, delimiter: str | None = None) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or cp1252 as Excel writes it.

    A file that is UTF-8 in most places but has bytes that are not is broken, not cp1252: that is an error that
    names the row and column of the first bad byte. So is a NUL character, which no text export contains (it is
    what UTF-16 without a BOM looks like) and which PostgreSQL cannot store.
    """
    text = _decode(data, source, delimiter)
    nul = text.find("\x00")
    if nul >= 0:
        row, column = _locate(text[:nul], text, delimiter)
        raise InputError(
            "Het bestand bevat een NUL-teken (byte 0x00); dat hoort niet in een tekstbestand.",
            hint="Is het een UTF-16-bestand zonder BOM, of een beschadigde export? Sla het in Excel op als "
            "'CSV UTF-8 (door komma's gescheiden)' en importeer opnieuw.",
            file=source,
            row=row,
            column=column,
        )
    return text


#: Bytes :func:`decode_lines` decodes at a time (up to the next line break).
LINES_CHUNK = 1 << 22


def decode_lines(data: bytes, source: str, delimiter: str | None = None) -> Iterator[str]:
    """The lines of the text :func:`decode_text` reads, with every line break made ``\\n`` (each line keeps it).

    Valid UTF-8 without NUL is decoded a piece at a time, so each line becomes its own compact string: one ``str``
    holding a large file takes four bytes per character as soon as a single emoji is in it. Anything else (UTF-16,
    Windows-1252, a bad byte, a NUL) is decoded as a whole by :func:`decode_text`, with the same errors, raised
    before the first line is given.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data or not _is_utf8(data):
        text = decode_text(data, source, delimiter).replace("\r\n", "\n").replace("\r", "\n")
        return _split_lines(text)
    return _utf8_lines(data)


def _pieces(data: bytes) -> Iterator[memoryview]:
    """``data`` cut into pieces of about :data:`LINES_CHUNK` bytes, each ending after a ``\\n`` (the last may
    not); a UTF-8 character never spans two pieces, nor does a ``\\r\\n``."""
    view = memoryview(data)
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    while start < len(data):
        cut = data.find(b"\n", start + LINES_CHUNK)
        end = len(data) if cut < 0 else cut + 1
        yield view[start:end]
        start = end


def _is_utf8(data: bytes) -> bool:
    try:
        for piece in _pieces(data):
            str(piece, "utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _utf8_lines(data: bytes) -> Iterator[str]:
    for piece in _pieces(data):
        yield from _split_lines(str(piece, "utf-8").replace("\r\n", "\n").replace("\r", "\n"))


def _split_lines(text: str) -> Iterator[str]:
    """The lines of ``text`` (line breaks already ``\\n``), each with its ``\\n``. Not ``io.StringIO``, which holds
    four bytes per character, and not ``str.splitlines``, which also splits at form feeds inside an answer."""
    start, find = 0, text.find
    while start < len(text):
        end = find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start : end + 1]
        start = end + 1


def _decode(data: bytes, source: str, delimiter: str | None) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"Het bestand is UTF-16 maar byte {exc.start} is ongeldig.", file=source) from None
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        if data.startswith(b"\xef\xbb\xbf") or _UTF8_MULTIBYTE.search(body):
            _raise_bad_byte(body, exc.start, source, delimiter, "UTF-8")
    try:
        return body.decode("cp1252")
    except UnicodeDecodeError as exc:
        _raise_bad_byte(body, exc.start, source, delimiter, "UTF-8 of Windows-1252")
    raise AssertionError("unreachable")


def _raise_bad_byte(data: bytes, offset: int, source: str, delimiter: str | None, encoding: str) -> None:
    row, column = _locate(data[:offset].decode("utf-8", "replace"), data.decode("utf-8", "replace"), delimiter)
    raise InputError(
        f"Tekens die niet als {encoding} te lezen zijn (byte 0x{data[offset]:02x}).",
        hint="Sla het bestand in Excel op als 'CSV UTF-8 (door komma's gescheiden)' en importeer opnieuw.",
        file=source,
        row=row,
        column=column,
    )


#: Stands in for the bad character when the text before it is parsed (a private-use character).
_MARK = "\ue000"


def _locate(prefix: str, text: str, delimiter: str | None) -> tuple[int, str | None]:
    """The row (as a spreadsheet shows it) and column name of the character right after ``prefix`` in ``text``.

    Without a delimiter (a plain text file) the row is the line. With one, the text before the character is
    parsed as CSV, so that answers with line breaks inside quotes count as one row, as in Excel.
    """
    line = prefix.count("\n") + 1
    if not delimiter:
        return line, None
    try:
        header = next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
        records = list(csv.reader(io.StringIO(prefix + _MARK, newline=""), delimiter=delimiter))
    except csv.Error:  # e.g. a field over the csv module's size limit, or a NUL: fall back to the line
        return line, None
    index = len(records[-1]) - 1
    column = header[index].replace("\x00", "").strip() if 0 <= index < len(header) else None
    return len(records), column or None


def detect_delimiter(sample: str) -> str:
    """The delimiter among ``; , tab`` that splits the first lines into the most consistent columns."""
    lines = [line for line in sample.splitlines()[:30] if line.strip()]
    if not lines:
        return ","
    best, best_score = ",", (0, 0)
    for candidate in DELIMITERS:
        try:
            rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=candidate))
        except csv.Error:
            continue
        width = len(rows[0])
        if width < 2:
            continue
        consistent = sum(1 for r in rows if len(r) == width)
        score = (consistent, width)
        if score > best_score:
            best, best_score = candidate, score
    return best


def sniff_delimiter(data: bytes) -> str:
    """Detect the delimiter from the raw bytes' first lines (before decoding the whole file)."""
    head = data[:65536]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", "replace")
    else:
        text = head.decode("utf-8", "replace")
    return detect_delimiter(text)
