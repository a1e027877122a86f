"""AppTest of the SPSS hand-off on the Rapport page: a SAV download with the whole study's codes where the other
study downloads are, and the workbook's "codes" sheet; the files are what the library writes."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyreadstat
import pytest
from openpyxl import load_workbook
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from coding.store import Store
from tests.codes_fixtures import Q1, Q2, STUDY, handoff_study
from tests.report_fixtures import coded_small_study
from tests.store_fixtures import QUESTION
from tests.ui_helpers import page_app

pytest_plugins = ["tests.ui_fixtures"]  # ui_store


@pytest.fixture
def deferred(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], Any]]:
    """The callables the page hands to its download buttons (written when clicked), by the button's file name."""
    recorded: dict[str, Callable[[], Any]] = {}
    original = MediaFileManager.add_deferred

    def record(self: MediaFileManager, data_callable: Callable[[], Any], mimetype: str | None, coordinates: str,
               file_name: str | None = None, **kwargs: Any) -> str:
        recorded[str(file_name)] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return recorded


def _whole_study(app: AppTest) -> AppTest:
    app.run()
    assert not app.exception, app.exception
    app.toggle(key="rp_whole").set_value(True).run()
    assert not app.exception, app.exception
    return app


def test_the_whole_study_offers_the_sav_with_every_wave(ui_store: Store, tmp_path: Path,
                                                         deferred: dict[str, Callable[[], Any]]) -> None:
    handoff_study(ui_store, tmp_path)
    app = page_app("report", study=STUDY, question=Q1, timeout=60)
    app.run()
    assert "SAV" not in [b.label for b in app.get("download_button")]  # only with the whole study
    _whole_study(app)
    labels = [b.label for b in app.get("download_button")]
    assert labels[-1] == "SAV" and labels.count("SAV") == 1
    assert any("Voor SPSS" in c.value for c in app.caption)
    path = tmp_path / "uit.sav"
    path.write_bytes(deferred["codes.sav"]())
    frame, meta = pyreadstat.read_sav(str(path))
    assert len(frame) == 20 and set(frame["meting"]) == {2022.0, 2024.0}  # the latest wave shown: all waves
    assert meta.column_names_to_labels["belemmeringen_vertrouwen"] == f"{Q1}: Gebrek aan vertrouwen en openheid"
    assert any(label.startswith(f"{Q2}: ") for label in meta.column_names_to_labels.values())
    workbook = load_workbook(io.BytesIO(deferred["rapport.xlsx"]()))
    assert [c.value for c in workbook["codes"][1]] == list(frame.columns)
    section = load_workbook(io.BytesIO(deferred[f"rapport-{Q1}.xlsx"]()))  # the question's own workbook
    header = [c.value for c in section["codes"][1]]
    assert "belemmeringen_vertrouwen" in header and not any(str(h).startswith("v_2_") for h in header)


def test_a_study_without_waves_still_gets_its_sav(ui_store: Store, tmp_path: Path,
                                                  deferred: dict[str, Callable[[], Any]]) -> None:
    coded_small_study(ui_store, tmp_path)
    app = _whole_study(page_app("report", study="monitor", question=QUESTION, timeout=60))
    assert "SAV" in [b.label for b in app.get("download_button")]
    path = tmp_path / "uit.sav"
    path.write_bytes(deferred["codes.sav"]())
    frame, meta = pyreadstat.read_sav(str(path))
    assert frame["respondent_id"].tolist() == ["R1", "R2", "R3", "R4", "R5"] and "meting" not in frame.columns
    assert meta.file_label == "coding: studie monitor; codeboek belemmeringen v1"
