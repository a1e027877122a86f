"""Tests for coding.ingest.reading: delimiter detection, decoding as Excel writes files, clear read errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from coding.errors import InputError
from coding.ingest.reading import decode_text, detect_delimiter, read_bytes, sniff_delimiter
from coding.ingest.tabular import read_csv

DUTCH = "Café “De Brug”: één idee — ’t kost €5, ë ï ö"


# --- delimiter detection ------------------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_detect_delimiter_finds_each_supported_delimiter(delimiter: str) -> None:
    """Each of ; , tab is recognised from a header and a few rows."""
    lines = ["id{d}tekst{d}regio", "1{d}goed{d}noord", "2{d}slecht{d}zuid"]
    sample = "\n".join(line.format(d=delimiter) for line in lines)
    assert detect_delimiter(sample) == delimiter


def test_detect_delimiter_ignores_delimiters_inside_text() -> None:
    """Commas inside the answers of a semicolon file do not win: consistency across rows decides."""
    sample = "id;tekst\n1;ja, maar niet altijd, soms\n2;nee\n3;tja, wie weet, ooit, misschien\n"
    assert detect_delimiter(sample) == ";"


def test_detect_delimiter_quoted_semicolons_in_comma_file() -> None:
    """Semicolons inside quoted answers of a comma file do not win."""
    sample = 'id,tekst\n1,"eerst; dan; daarna"\n2,"a; b"\n'
    assert detect_delimiter(sample) == ","


def test_detect_delimiter_single_column_defaults_to_comma() -> None:
    """A one-column file has no delimiter to find; comma is the harmless default."""
    assert detect_delimiter("tekst\nhallo\nwereld\n") == ","
    assert detect_delimiter("") == ","


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_sniff_delimiter_works_on_raw_bytes_in_every_encoding(encoding: str) -> None:
    """The delimiter is found from the raw bytes before decoding, UTF-16 included."""
    data = "id;tekst\n1;één\n2;twee\n".encode(encoding)
    assert sniff_delimiter(data) == ";"


@pytest.mark.parametrize(("delimiter", "name"), [(";", "puntkomma"), (",", "komma"), ("\t", "tab")])
def test_read_csv_with_each_delimiter(tmp_path: Path, delimiter: str, name: str) -> None:
    """A whole CSV file is split on the detected delimiter into the right columns."""
    path = tmp_path / f"{name}.csv"
    path.write_text(f"id{delimiter}tekst\n1{delimiter}hallo\n2{delimiter}wereld\n", encoding="utf-8")
    table = read_csv(path)
    assert table.columns == ["id", "tekst"]
    assert table.frame["tekst"].tolist() == ["hallo", "wereld"]


# --- encodings ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-16-be"])
def test_decode_text_reads_the_encodings_excel_writes(encoding: str) -> None:
    """UTF-8, UTF-8 with BOM, cp1252 (é ë € curly quotes) and UTF-16 with BOM all decode to the same text."""
    text = f"id;tekst\n1;{DUTCH}\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data  # big-endian with its BOM
    assert decode_text(data, "f.csv", ";") == text


def test_decode_text_drops_the_utf8_bom() -> None:
    """The BOM Excel puts before 'CSV UTF-8' does not end up in the first column name."""
    assert decode_text(b"\xef\xbb\xbfid;tekst\n", "f.csv", ";") == "id;tekst\n"


def test_cp1252_bytes_are_the_expected_characters() -> None:
    """The exact bytes Excel writes for é, ë, € and curly quotes decode to those characters."""
    data = b"id;tekst\n1;caf\xe9 \x93re\xebel\x94 \x80 5 \x91x\x92\n"
    assert decode_text(data, "f.csv", ";") == "id;tekst\n1;café “reëel” € 5 ‘x’\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_read_csv_keeps_dutch_characters_and_clean_header(tmp_path: Path, encoding: str) -> None:
    """Through read_csv the header has no BOM and the answer keeps every Dutch character."""
    path = tmp_path / "enquete.csv"
    path.write_bytes(f"id;tekst\r\n1;{DUTCH}\r\n".encode(encoding))
    table = read_csv(path)
    assert table.columns == ["id", "tekst"]
    assert table.frame.loc[0, "tekst"] == DUTCH


def test_broken_utf8_names_row_and_column() -> None:
    """A UTF-8 file (é elsewhere) with one bad byte is an error at that byte's row and column, not cp1252."""
    data = "id;tekst;regio\n1;café;noord\n2;goed;zuid\n3;x;oost\n".encode().replace(b"x", b"\xe9")
    with pytest.raises(InputError) as info:
        decode_text(data, "enquete.csv", ";")
    error = info.value
    assert (error.file, error.row, error.column) == ("enquete.csv", 4, "tekst")
    assert "0xe9" in error.problem
    assert "UTF-8" in error.hint


def test_broken_utf8_row_counts_multiline_answers_as_one_row() -> None:
    """An answer with line breaks inside quotes is one row (as in Excel), so later rows are not shifted."""
    data = 'id;tekst;regio\n1;"twee\nregels\nlang";noord\n2;ok;zuïd\n3;ok;x\n'.encode().replace(b"x", b"\x80")
    with pytest.raises(InputError) as info:
        decode_text(data, "enquete.csv", ";")
    assert (info.value.row, info.value.column) == (4, "regio")


def test_broken_utf8_in_the_first_column() -> None:
    """A bad byte at the start of a line is in the first column."""
    data = "id;tekst\n1;één\n".encode() + b"\xff2;twee\n"
    with pytest.raises(InputError) as info:
        decode_text(data, "enquete.csv", ";")
    assert (info.value.row, info.value.column) == (3, "id")


def test_broken_utf8_after_bom_is_an_error_even_without_other_multibyte_chars() -> None:
    """A file that announces UTF-8 with a BOM is not silently read as cp1252."""
    data = b"\xef\xbb\xbfid;tekst\n1;caf\xe9\n"
    with pytest.raises(InputError) as info:
        decode_text(data, "enquete.csv", ";")
    assert (info.value.row, info.value.column) == (2, "tekst")


def test_broken_utf8_without_delimiter_names_the_line() -> None:
    """In a plain text file (no delimiter) the row is the line and no column is named."""
    data = "één\ntwee\n".encode() + b"drie \xff\n"
    with pytest.raises(InputError) as info:
        decode_text(data, "interview.txt")
    assert (info.value.row, info.value.column) == (3, None)


def test_read_csv_reports_broken_utf8_with_file_row_and_column(tmp_path: Path) -> None:
    """read_csv passes the detected delimiter on, so the error names the column."""
    path = tmp_path / "enquete.csv"
    path.write_bytes("id,tekst\n1,één\n2,goed\n".encode() + b"3,f\xe9l\n")
    with pytest.raises(InputError) as info:
        read_csv(path)
    assert (info.value.file, info.value.row, info.value.column) == (str(path), 4, "tekst")
    assert str(path) in str(info.value)
    assert "rij 4" in str(info.value)
    assert "kolom 'tekst'" in str(info.value)


def test_byte_undefined_in_cp1252_is_an_error() -> None:
    """A byte that is neither UTF-8 nor cp1252 (0x81) is an error, not a silent replacement character."""
    data = b"id;tekst\n1;caf\xe9\n2;\x81\n"
    with pytest.raises(InputError) as info:
        decode_text(data, "enquete.csv", ";")
    assert (info.value.row, info.value.column) == (3, "tekst")
    assert "Windows-1252" in info.value.problem


def test_nul_character_is_an_error_naming_row_and_column() -> None:
    """A stray NUL byte is refused at its row and column.

    Pins a fix: it was read as text, and PostgreSQL then failed the import with a raw DataError.
    """
    data = b"id;tekst\n1;goed\n2;half\x00kapot\n"
    with pytest.raises(InputError) as info:
        decode_text(data, "enquete.csv", ";")
    assert (info.value.file, info.value.row, info.value.column) == ("enquete.csv", 3, "tekst")
    assert "NUL" in info.value.problem


def test_utf16_without_bom_is_an_error_not_garbage() -> None:
    """UTF-16 without BOM (NUL after every letter) is refused with a hint, not imported as 'i\\x00d\\x00'."""
    data = "id;tekst\n1;één\n".encode("utf-16-le")
    with pytest.raises(InputError) as info:
        decode_text(data, "enquete.csv", ";")
    assert (info.value.row, info.value.column) == (1, "id")
    assert "UTF-16" in info.value.hint


def test_broken_utf16_is_an_error() -> None:
    """A UTF-16 file with a lone surrogate is an error naming the file."""
    data = b"\xff\xfe" + "id;tekst\n".encode("utf-16-le") + b"\x00\xd8" + "x\n".encode("utf-16-le")
    with pytest.raises(InputError) as info:
        decode_text(data, "enquete.csv", ";")
    assert info.value.file == "enquete.csv"
    assert "UTF-16" in info.value.problem


# --- missing and empty files --------------------------------------------------------------------------------


def test_read_bytes_returns_the_content(tmp_path: Path) -> None:
    """An ordinary file's bytes come back unchanged."""
    path = tmp_path / "a.csv"
    path.write_bytes(b"id;tekst\n1;x\n")
    assert read_bytes(path) == b"id;tekst\n1;x\n"


@pytest.mark.parametrize("content", [b"", b"   \r\n\n\t "])
def test_empty_file_is_an_error(tmp_path: Path, content: bytes) -> None:
    """An empty (or whitespace-only) file is reported as empty, naming the file."""
    path = tmp_path / "leeg.csv"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_bytes(path)
    assert info.value.file == str(path)
    assert "leeg" in info.value.problem
    with pytest.raises(InputError, match="leeg"):
        read_csv(path)


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    """A path that does not exist is reported as such, naming the file and saying to check the path."""
    path = tmp_path / "bestaat-niet.csv"
    with pytest.raises(InputError) as info:
        read_bytes(path)
    assert info.value.file == str(path)
    assert "bestaat niet" in info.value.problem
    assert "pad" in info.value.hint


def test_folder_is_an_error(tmp_path: Path) -> None:
    """A folder given as file is a clear error."""
    with pytest.raises(InputError, match="map"):
        read_bytes(tmp_path)


# --- decoding a large file a piece at a time ----------------------------------------------------------------


LINE_CASES = [
    "id;tekst\r\n1;Café 😀 “De Brug”\r\n2;\"twee\rregels\"\n3;pagina\x0cbreuk\n",
    "\ufeffid,tekst\n1,één\n2,zonder slot",
    "id,tekst\n" + "".join(f"{i},antwoord {i} met wat tekst\n" for i in range(200)),
]


@pytest.mark.parametrize("text", LINE_CASES)
@pytest.mark.parametrize("chunk", [1, 7, 4096])
def test_decode_lines_gives_the_lines_of_the_whole_decoded_text(monkeypatch: pytest.MonkeyPatch, text: str,
                                                                chunk: int) -> None:
    """Decoded a piece at a time (pieces smaller than a line, too), the lines are those of decode_text's text:
    line breaks made \\n, a form feed inside a line kept, the BOM gone."""
    import coding.ingest.reading as reading

    monkeypatch.setattr(reading, "LINES_CHUNK", chunk)
    data = text.encode("utf-8")
    whole = decode_text(data, "x.csv").replace("\r\n", "\n").replace("\r", "\n")
    lines = list(reading.decode_lines(data, "x.csv"))
    assert "".join(lines) == whole
    assert all(line.endswith("\n") and "\n" not in line[:-1] for line in lines[:-1])


def test_decode_lines_keeps_lines_without_an_emoji_compact() -> None:
    """One emoji in a large file no longer makes every line four bytes per character (the whole file as one str
    did, and io.StringIO always does): a plain line takes about one byte per character."""
    import sys

    from coding.ingest.reading import decode_lines

    data = ("id,tekst\n1,😀\n" + "".join(f"{i},gewoon antwoord nummer {i}\n" for i in range(2, 1000))).encode()
    lines = list(decode_lines(data, "x.csv"))
    plain = lines[-1]
    assert sys.getsizeof(plain) < len(plain) + 60  # one byte per character (+ the str header)
    assert sys.getsizeof(lines[1]) >= 4 * len(lines[1])  # the emoji line itself is wide


def test_decode_lines_falls_back_to_the_whole_file_rules() -> None:
    """Windows-1252, UTF-16 and a NUL go through decode_text: the same text, or the same error."""
    from coding.ingest.reading import decode_lines

    assert list(decode_lines("id;tekst\n1;café\n".encode("cp1252"), "x.csv")) == ["id;tekst\n", "1;café\n"]
    assert list(decode_lines("id;tekst\n1;één\n".encode("utf-16"), "x.csv")) == ["id;tekst\n", "1;één\n"]
    with pytest.raises(InputError, match="NUL"):
        decode_lines(b"id;tekst\n1;a\x00b\n", "x.csv")
    with pytest.raises(InputError, match="UTF-8"):
        decode_lines("id;tekst\n1;één\n".encode() + b"\xff\n", "x.csv")


def test_read_csv_keeps_a_form_feed_inside_an_unquoted_answer(tmp_path: Path) -> None:
    """Only \\n ends a line: a form feed pasted from Word stays inside the answer, the row is not cut in two."""
    path = tmp_path / "ff.csv"
    path.write_text("id;tekst\n1;eerste\x0ctweede\n2;derde\n", encoding="utf-8")
    table = read_csv(path)
    assert table.frame["tekst"].tolist() == ["eerste\x0ctweede", "derde"]
    assert table.rows == [2, 3]
