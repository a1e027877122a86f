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
    names the row and column of the first bad byte.
    """
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
    line_start = data.rfind(b"\n", 0, offset) + 1
    row = data.count(b"\n", 0, offset) + 1
    column = None
    if delimiter:
        header = data.split(b"\n", 1)[0].decode("utf-8", "replace").rstrip("\r")
        names = next(csv.reader([header], delimiter=delimiter), [])
        prefix = data[line_start:offset].decode("utf-8", "replace")
        index = next(csv.reader([prefix], delimiter=delimiter), [""]).__len__() - 1
        if 0 <= index < len(names):
            column = names[index]
    raise InputError(
        f"Tekens die niet als {encoding} te lezen zijn (byte 0x{data[offset]:02x}).",
        hint="Sla het bestand in Excel op als 'CSV UTF-8 (door komma's gescheiden)' en importeer opnieuw.",
        file=source,
        row=row,
        column=column,
    )


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
