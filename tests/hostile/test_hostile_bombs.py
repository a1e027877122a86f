"""Resource bombs: each is refused with a clear message within 1 GB of memory and 30 seconds — proven in a child
process that runs under an address-space limit (``resource.setrlimit``) and a timeout — and the database is
exactly as it was (SQLite and PostgreSQL).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from coding.codebook import MAX_CODEBOOK_DEPTH, load_codebook_file
from coding.errors import CodebookError, InputError
from coding.ingest.survey import SurveyMapping, import_survey
from coding.ingest.tabular import read_table
from coding.ingest.transcripts import import_transcripts
from coding.store import Store
from tests.hostile.bounds import assert_refused_within_bounds, quoted, run_bounded
from tests.hostile.snapshot import snapshot
from tests.store_fixtures import STUDY, small_study

pytestmark = pytest.mark.slow

MAPPING = SurveyMapping(id="id", texts=["tekst"])
#: More than the 256 MB a package may unpack to.
BOMB_BYTES = 300 * 1024 * 1024


def _good_xlsx(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    workbook.active.append(["id", "tekst"])
    workbook.active.append(["R1", "goed"])
    workbook.save(path)
    return path


def _good_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Interviewer: Hoe gaat het?")
    document.add_paragraph("Respondent: Goed.")
    document.save(str(path))
    return path


def _replace_member(good: Path, path: Path, member: str, write: object, level: int = 1) -> Path:
    """A copy of the package ``good`` in which ``member`` is written by ``write(stream)`` (in chunks)."""
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as out:
        for info in source.infolist():
            if info.filename == member:
                with out.open(member, "w", force_zip64=True) as stream:
                    write(stream)  # type: ignore[operator]
            else:
                out.writestr(info, source.read(info))
    return path


def _repeat(head: bytes, unit: bytes, total: int) -> object:
    def write(stream: object) -> None:
        stream.write(head)  # type: ignore[attr-defined]
        chunk = unit * (1024 * 1024 // len(unit))
        for _ in range(total // len(chunk)):
            stream.write(chunk)  # type: ignore[attr-defined]

    return write


SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
              b'spreadsheetml/2006/main"><sheetData>')


@pytest.fixture(scope="module")
def xlsx_bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bomb")
    unit = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    return _replace_member(_good_xlsx(folder / "good.xlsx"), folder / "bom.xlsx", "xl/worksheets/sheet1.xml",
                           _repeat(SHEET_HEAD, unit, BOMB_BYTES))


@pytest.fixture(scope="module")
def docx_bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bomb")
    head = (b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            b'wordprocessingml/2006/main"><w:body>')
    return _replace_member(_good_docx(folder / "good.docx"), folder / "bom.docx", "word/document.xml",
                           _repeat(head, b"<w:p><w:r><w:t>ja</w:t></w:r></w:p>", BOMB_BYTES))


def test_xlsx_zip_bomb_is_refused_within_bounds(xlsx_bomb: Path) -> None:
    outcome = run_bounded(f"""
        from coding.ingest.tabular import read_table
        read_table({quoted(xlsx_bomb)})
    """)
    assert_refused_within_bounds(outcome, "te groot om veilig te openen", "zip-bom")


def test_docx_zip_bomb_is_refused_within_bounds(docx_bomb: Path) -> None:
    outcome = run_bounded(f"""
        from pathlib import Path
        from coding.ingest.transcripts import read_paragraphs
        read_paragraphs(Path({quoted(docx_bomb)}))
    """)
    assert_refused_within_bounds(outcome, "Word-bestand is te groot om veilig te openen")


def test_bombs_leave_the_database_as_it_was(store: Store, tmp_path: Path, xlsx_bomb: Path, docx_bomb: Path) -> None:
    small_study(store, tmp_path)
    before = snapshot(store)
    with pytest.raises(InputError, match="zip-bom"):
        import_survey(store, xlsx_bomb, STUDY, MAPPING)
    with pytest.raises(InputError, match="zip-bom"):
        import_transcripts(store, [docx_bomb], STUDY, "interview")
    assert snapshot(store) == before


def test_highly_compressed_part_is_refused_by_its_ratio(tmp_path: Path) -> None:
    """20 MB that packs into some 20 kB: refused before anything is unpacked."""
    unit = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    path = _replace_member(_good_xlsx(tmp_path / "good.xlsx"), tmp_path / "ratio.xlsx", "xl/worksheets/sheet1.xml",
                           _repeat(SHEET_HEAD, unit, 20 * 1024 * 1024), level=9)
    with pytest.raises(InputError) as info:
        read_table(path)
    assert "× samengeperst" in info.value.problem


def test_xml_entity_bomb_in_docx_is_refused(store: Store, tmp_path: Path) -> None:
    small_study(store, tmp_path)
    before = snapshot(store)
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
              b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><w:document xmlns:w="http://schemas.openxmlformats.org/'
              b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>')
    path = _replace_member(_good_docx(tmp_path / "good.docx"), tmp_path / "lol.docx", "word/document.xml",
                           lambda stream: stream.write(laughs))
    with pytest.raises(InputError) as info:
        import_transcripts(store, [path], STUDY, "interview")
    assert "DOCTYPE- of ENTITY-declaratie" in info.value.problem
    assert snapshot(store) == before


def test_xlsx_with_one_far_away_cell_is_read_cell_by_cell_within_bounds(tmp_path: Path) -> None:
    """XFD1048576 declares a grid of 17 billion cells; the reader streams the few that exist."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["id", "tekst"])
    sheet.append(["R1", "goed"])
    sheet["XFD1048576"] = "ver weg"
    far = tmp_path / "ver.xlsx"
    workbook.save(far)
    outcome = run_bounded(f"""
        from coding.ingest.tabular import read_table
        read_table({quoted(far)})
    """)
    assert_refused_within_bounds(outcome, "kolom zonder kolomnaam", "XFD1048576")
    # A far-away header cell widens the table but still costs only the cells that exist.
    sheet["XFD1048576"] = None
    sheet["XFD1"] = "laatste kolom"
    sheet["XFD1048576"] = "onderaan"
    wide = tmp_path / "breed.xlsx"
    workbook.save(wide)
    outcome = run_bounded(f"""
        from coding.ingest.tabular import read_table
        table = read_table({quoted(wide)})
        outcome["result"] = [len(table.columns), table.rows, table.frame["laatste kolom"].tolist()]
    """)
    assert outcome.type is None, outcome.error
    assert outcome.result == [16384, [2, 1048576], ["", "onderaan"]]
    assert outcome.seconds < 30 and outcome.rss_mb < 1024


def test_yaml_billion_laughs_is_refused_within_bounds(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    lines += ["codebooks:", "  - question: vraag", "    themes:", "      - code: x", "        label: *a9"]
    path = tmp_path / "lachen.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outcome = run_bounded(f"""
        from coding.codebook import load_codebook_file
        load_codebook_file({quoted(path)})
    """)
    assert outcome.type == "CodebookError", outcome
    assert "YAML-ankers of -verwijzingen" in (outcome.error or "")
    assert outcome.seconds < 30 and outcome.rss_mb < 1024


def test_yaml_too_big_or_too_deep_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "groot.yaml"
    big.write_text("# " + "x" * (3 * 1024 * 1024) + "\n", encoding="utf-8")
    with pytest.raises(CodebookError, match="het maximum is"):
        load_codebook_file(big)
    deep = tmp_path / "diep.yaml"  # just under the size limit: PyYAML's own scanner took minutes on it
    deep.write_text("codebooks:\n  - " + "[" * 1_000_000 + "]" * 1_000_000 + "\n", encoding="utf-8")
    outcome = run_bounded(f"""
        from coding.codebook import load_codebook_file
        load_codebook_file({quoted(deep)})
    """)
    assert outcome.type == "CodebookError", outcome
    assert "te diep genest" in (outcome.error or "") and "rij 2" in (outcome.error or ""), outcome.error
    assert outcome.seconds < 5 and outcome.rss_mb < 1024
    # as deep as allowed: no longer refused for its depth (a codebook is about 6 deep)
    allowed = tmp_path / "net.yaml"
    allowed.write_text("codebooks:\n  - " + "[" * (MAX_CODEBOOK_DEPTH - 2) + "]" * (MAX_CODEBOOK_DEPTH - 2) + "\n",
                       encoding="utf-8")
    with pytest.raises(CodebookError) as refused:
        load_codebook_file(allowed)
    assert "te diep genest" not in str(refused.value)


def test_huge_csv_field_is_refused_within_bounds(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "veld.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write('id;tekst\nR1;goed\nR2;"')
        for _ in range(50):
            handle.write("bla " * 256 * 1024)
        handle.write('"\n')
    outcome = run_bounded(f"""
        from coding.ingest.tabular import read_table
        read_table({quoted(path)})
    """)
    assert_refused_within_bounds(outcome, "langer dan 131.072 tekens")
    small_study(store, tmp_path)
    before = snapshot(store)
    with pytest.raises(InputError, match="rij 3"):
        import_survey(store, path, STUDY, MAPPING)
    assert snapshot(store) == before


def test_csv_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "enorm.csv"
    with path.open("wb") as handle:  # sparse: takes no disk space
        handle.write(b"id;tekst\n")
        handle.truncate(250 * 1024 * 1024)
    outcome = run_bounded(f"""
        from coding.ingest.tabular import read_table
        read_table({quoted(path)})
    """)
    assert_refused_within_bounds(outcome, "het maximum is 200 MB")
    assert outcome.seconds < 5
