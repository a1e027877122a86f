"""Reading raw files: decoding text as Excel and friends write it, and detecting the CSV delimiter."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from coding.errors import InputError

#: Delimiters a survey export may use.
DELIMITERS = (";", ",", "\t")

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def read_bytes(path: str | Path) -> bytes:
    """The file's bytes; a clear error when it is missing, a folder, or empty."""
    path = Path(path)
    if not path.exists():
        raise InputError("Het bestand bestaat niet.", hint="Controleer het pad.", file=str(path))
    if path.is_dir():
        raise InputError("Dit is een map, geen bestand.", file=str(path))
    data = path.read_bytes()
    if not data.strip():
        raise InputError("Het bestand is leeg.", hint="Exporteer de gegevens opnieuw.", file=str(path))
    return data


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
