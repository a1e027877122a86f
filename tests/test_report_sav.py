"""The SPSS hand-off from the store: pyreadstat reads the .sav back with its labels, system-missing exactly where a
respondent was not asked or gave no codable answer, one row per respondent per wave, valid names; the workbook's
"codes" sheet holds the same columns and values (SQLite and PostgreSQL)."""

from __future__ import annotations

import io
import math
import re
from pathlib import Path

import pandas as pd
import pyreadstat
import pytest
from openpyxl import load_workbook

from coding.analysis.build import NothingToReport, build_report
from coding.analysis.codes import MAX_NAME_BYTES, RESERVED_WORDS
from coding.analysis.model import ReportOptions
from coding.errors import CodingError
from coding.report.export import FORMATS, export, write_report
from coding.store import Store, question_ref, study_ref
from tests.codes_fixtures import LONG, Q1, Q2, STUDY, WAVE_2022, WAVE_2024, handoff_study
from tests.store_fixtures import small_study

NAN = float("nan")


def _read(content: bytes, tmp_path: Path) -> tuple[pd.DataFrame, object]:
    path = tmp_path / "codes.sav"
    path.write_bytes(content)
    return pyreadstat.read_sav(str(path))


def _same(values: list[float], expected: list[float]) -> bool:
    return len(values) == len(expected) and all(
        (math.isnan(a) and math.isnan(b)) or a == b for a, b in zip(values, expected, strict=True))


@pytest.fixture
def handoff(store: Store, tmp_path: Path) -> Store:
    handoff_study(store, tmp_path)
    return store


def test_the_sav_reads_back_with_its_labels_and_missing_values(handoff: Store, tmp_path: Path) -> None:
    result = export(handoff, study_ref(handoff, STUDY), "sav")
    assert result.questions == [Q1, Q2] and result.skipped == []
    frame, meta = _read(result.content, tmp_path)
    # one row per respondent per wave: R1 of 2022 and R1 of 2024 are two rows
    assert len(frame) == len(WAVE_2022) + len(WAVE_2024)
    assert list(zip(frame["meting"], frame["respondent_id"], strict=True)) == (
        [(2022.0, r[0]) for r in WAVE_2022] + [(2024.0, r[0]) for r in WAVE_2024])
    names = list(frame.columns)
    assert names[:6] == ["respondent_id", "meting", "weging", "vrij", "doelgroep", "v_BY"]  # BY is reserved
    assert all(re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", n) and len(n.encode()) <= MAX_NAME_BYTES
               and n.upper() not in RESERVED_WORDS for n in names), names
    assert len({n.lower() for n in names}) == len(names)
    labels = meta.column_names_to_labels  # type: ignore[attr-defined]
    by_label = {label: name for name, label in labels.items()}
    # the theme label (with its question) as variable label: the mapping from the shortened names
    vertrouwen = by_label[f"{Q1}: Gebrek aan vertrouwen en openheid"]
    assert vertrouwen == "belemmeringen_vertrouwen"
    assert by_label[f"{Q1}: Thema a-b"] == "belemmeringen_a_b" and by_label[f"{Q1}: Thema a.b"] == "belemmeringen_a_b_2"
    assert by_label[f"{Q1}: Status en hiërarchie"] == "belemmeringen_status"
    status1 = by_label[f"{Q1}: status van het antwoord"]
    assert status1 == "belemmeringen_status_2"
    long_one, long_two = by_label[f"{Q2}: Lang een"], by_label[f"{Q2}: Lang twee"]
    assert long_one != long_two and long_one.startswith("v_2_Wat_zou_u_helpen_om_ee_een_heel_lange")
    assert by_label[f"{Q2}: Door wie"] == "v_2_Wat_zou_u_helpen_om_ee_by"
    assert not any("geen_inhoudelijk" in n for n in names)
    values = meta.variable_value_labels  # type: ignore[attr-defined]
    assert values[vertrouwen] == {0.0: "niet genoemd", 1.0: "genoemd"}
    assert values["meting"] == {2022.0: "2022", 2024.0: "2024"}
    assert values[status1][5.0] == "niet gevraagd"
    # 2022: R1 coded, R2 coded, R3 'weet niet', R4 empty, R5 not asked (routing), R6 not yet coded,
    # R7 only 'geen inhoudelijk antwoord', R8 adjudicated 'opvolging' (bram's 'vertrouwen' does not count);
    # 2024: everyone coded except R12, who was not asked
    assert _same(frame[vertrouwen].tolist(), [1, 1, NAN, NAN, NAN, NAN, NAN, 0] + [0, 0, 0] + [1] * 8 + [NAN])
    assert _same(frame["belemmeringen_opvolging"].tolist(), [0, 1, NAN, NAN, NAN, NAN, NAN, 1] + [0] * 11 + [NAN])
    assert frame[status1].tolist() == [1, 1, 3, 4, 5, 2, 3, 1] + [1] * 11 + [5]
    # Q2 was asked in 2024 only: every 2022 respondent is missing
    door_wie = by_label[f"{Q2}: Door wie"]
    assert _same(frame[door_wie].tolist(), [NAN] * 8 + [1, 0, 0, 0] + [NAN] * 8)
    assert _same(frame[long_two].tolist(), [NAN] * 8 + [0, 0, 0, 1] + [NAN] * 8)
    assert frame[by_label[f"{Q2}: status van het antwoord"]].tolist() == [5] * 8 + [1, 1, 1, 1, 3] + [4] * 7
    assert frame["weging"].tolist()[:3] == [1.0, 1.5, 0.5]
    # the codebook versions in the file label (64 bytes at most) and in full in the notes
    assert meta.file_label.startswith("coding: studie overdracht; codeboek belemmeringen v2, ")  # type: ignore[attr-defined]
    assert len(meta.file_label.encode()) <= 64  # type: ignore[attr-defined]
    notes = " ".join(meta.notes)  # type: ignore[attr-defined]
    assert f"coding: studie overdracht; codeboek belemmeringen v2, {Q2} v1" in notes
    assert "system-missing" in notes


def test_a_group_under_k_is_not_in_the_attributes(handoff: Store, tmp_path: Path) -> None:
    frame, meta = _read(export(handoff, study_ref(handoff, STUDY), "sav").content, tmp_path)
    groups = meta.variable_value_labels["doelgroep"]  # type: ignore[attr-defined]
    assert set(groups.values()) == {"medewerker", "overig"}  # bestuurder (2 in 2022, 3 in 2024), raadslid (3)
    doelgroep = [groups.get(v) for v in frame["doelgroep"]]
    # 2022: the two bestuurders alone would be 'overig' with 2: left out; 2024: bestuurder + raadslid = 6: 'overig'
    assert doelgroep == ["medewerker"] * 6 + [None, None] + ["medewerker"] * 6 + ["overig"] * 6
    assert set(meta.variable_value_labels["vrij"].values()) == {"nee"}  # type: ignore[attr-defined]
    notes = " ".join(meta.notes)  # type: ignore[attr-defined]
    assert "bestuurder weggelaten" in notes and "bestuurder, raadslid samengevoegd tot 'overig'" in notes
    strict = export(handoff, study_ref(handoff, STUDY), "sav", options=ReportOptions(min_group=7)).content
    frame, meta = _read(strict, tmp_path)
    assert "medewerker" not in meta.variable_value_labels["doelgroep"].values()  # type: ignore[attr-defined]


def test_the_xlsx_codes_sheet_has_the_same_columns_and_values(handoff: Store, tmp_path: Path) -> None:
    frame, meta = _read(export(handoff, study_ref(handoff, STUDY), "sav").content, tmp_path)
    workbook = load_workbook(io.BytesIO(export(handoff, study_ref(handoff, STUDY), "xlsx").content))
    assert "codes" in workbook.sheetnames and "codes variabelen" in workbook.sheetnames
    rows = list(workbook["codes"].iter_rows(values_only=True))
    assert list(rows[0]) == list(frame.columns)
    assert len(rows) - 1 == len(frame)
    labelled = {"meting", "vrij", "doelgroep", "v_BY", "belemmeringen_status_2", "v_2_Wat_zou_u_helpen_om_ee_status"}
    value_labels = meta.variable_value_labels  # type: ignore[attr-defined]
    for column, name in enumerate(frame.columns):
        sheet = [row[column] for row in rows[1:]]
        if name == "respondent_id":
            assert sheet == frame[name].tolist()
        elif name in labelled:  # Excel has no value labels: the label itself
            assert sheet == [None if math.isnan(v) else value_labels[name][v] for v in frame[name]], name
        else:
            assert sheet == [None if math.isnan(v) else v for v in frame[name]], name
    variables = {row[0]: row[1] for row in workbook["codes variabelen"].iter_rows(min_row=2, values_only=True)
                 if row[0]}
    assert variables["belemmeringen_a_b_2"] == f"{Q1}: Thema a.b"
    assert variables[frame.columns[-2]] == f"{Q2}: Lang twee"


def test_one_question_and_one_wave(handoff: Store, tmp_path: Path) -> None:
    study = study_ref(handoff, STUDY)
    frame, _ = _read(export(handoff, study, "sav", question=question_ref(handoff, STUDY, Q2)).content, tmp_path)
    assert not any(c.startswith("belemmeringen") for c in frame.columns)
    assert any(LONG[:10] in c for c in frame.columns)
    frame, _ = _read(export(handoff, study, "sav", options=ReportOptions(wave="2022")).content, tmp_path)
    assert frame["respondent_id"].tolist() == [r[0] for r in WAVE_2022] and set(frame["meting"]) == {2022.0}


def test_nothing_coded_is_a_clear_message(store: Store, tmp_path: Path) -> None:
    small_study(store, tmp_path)
    with pytest.raises(NothingToReport, match="heeft nog geen gecodeerde antwoorden") as error:
        export(store, study_ref(store, "monitor"), "sav")
    assert "Codeer eerst" in error.value.hint


def test_sav_is_a_format_and_a_report_without_codes_says_how_to_make_one(handoff: Store) -> None:
    assert FORMATS["sav"][0] == ".sav"
    report = build_report(handoff, study_ref(handoff, STUDY))
    with pytest.raises(CodingError, match="geen codes per respondent") as error:
        write_report(report, "sav")
    assert "--format sav" in error.value.hint
