"""The Word report as LibreOffice renders it (headless, DOCX → PDF): A4, a plausible page count, and the captions
and Basis lines in the PDF's text. Needs ``soffice`` (Debian: libreoffice-writer-nogui) and ``pdfinfo``/``pdftotext``
(poppler-utils), both installed by .ci/run; in CI a missing tool fails the test instead of skipping it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from coding.analysis.build import build_report
from coding.analysis.model import ReportOptions
from coding.demo import DEMO_STUDY
from coding.report.word import SIGNIFICANCE_LEGEND, write_docx
from coding.store import study_ref
from tests.report_fixtures import coded_demo_copy

TOOLS = ("soffice", "pdfinfo", "pdftotext")
A4_POINTS = (595.3, 841.9)


def _require_tools() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if not missing:
        return
    reason = f"niet geïnstalleerd: {', '.join(missing)} (apt-get install libreoffice-writer-nogui poppler-utils)"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The coded demo study's whole report (chapter 1, crosstab by doelgroep) converted once to PDF."""
    _require_tools()
    folder = tmp_path_factory.mktemp("pdf")
    store = coded_demo_copy(folder)
    report = build_report(store, study_ref(store, DEMO_STUDY),
                          options=ReportOptions(weighted=True, by=("doelgroep",)))
    store.dispose()
    docx = folder / "rapport.docx"
    with docx.open("wb") as out:
        write_docx(report, out)
    # a profile of its own: no clash with a running LibreOffice or another test process
    profile = (folder / "profile").as_uri()
    result = subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile}", "--convert-to", "pdf",
         "--outdir", str(folder), str(docx)],
        capture_output=True, text=True, timeout=180, check=False,
    )
    target = folder / "rapport.pdf"
    assert result.returncode == 0 and target.exists(), result.stdout + result.stderr
    return target


def _info(pdf: Path) -> dict[str, str]:
    output = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in output.splitlines())}


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_pdf_is_a4_with_a_plausible_page_count(pdf: Path) -> None:
    info = _info(pdf)
    width, height = (float(v) for v in re.findall(r"[\d.]+", info["Page size"])[:2])
    assert abs(width - A4_POINTS[0]) < 1 and abs(height - A4_POINTS[1]) < 1, info["Page size"]
    assert 4 <= int(info["Pages"]) <= 14, info["Pages"]


def test_pdf_text_has_the_captions_basis_lines_and_legend(pdf: Path) -> None:
    text = _text(pdf)
    for number in range(1, 7):
        assert f"Tabel 1.{number} –" in text
    for number in range(1, 5):
        assert f"Figuur 1.{number} –" in text
    assert "Tabel 1. " not in text  # not the old bold "Tabel 1." paragraphs
    basis_lines = [line for line in text.splitlines() if line.strip().startswith("Basis:")]
    assert len(basis_lines) >= 6 + 2  # one under each table, and one per section
    assert "Basis (n)" in text
    assert SIGNIFICANCE_LEGEND in text
