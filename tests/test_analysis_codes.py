"""The codes table of the SPSS/Excel hand-off on plain data: valid names, final codings only, nets, system-missing
exactly where a respondent has no coded answer (with the status saying why), waves, disclosure, clear errors."""

from __future__ import annotations

import dataclasses
import re

import numpy as np
import pytest

from coding.analysis.build import NothingToReport
from coding.analysis.codes import (
    CODED,
    EMPTY,
    MAX_NAME_BYTES,
    NONSUBSTANTIVE,
    NOT_ASKED,
    RESERVED_WORDS,
    ROLE_THEME,
    STATUS_VALUES,
    THEME_VALUES,
    UNCODED,
    codes_table,
    fit_bytes,
    question_variable,
    spss_name,
)
from coding.analysis.model import ReportOptions
from coding.errors import CodingError
from tests.report_fixtures import hand_data
from tests.wave_fixtures import wave_data_of, wave_rows

VALID = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def _valid(name: str) -> bool:
    return (bool(VALID.match(name)) and len(name.encode()) <= MAX_NAME_BYTES and not name.endswith("_")
            and name.upper() not in RESERVED_WORDS)


AWKWARD = ["2e keus", "BY", "with", "all", "Vraag 3: wat vindt u?", "é-kenmerk", "", "___", "a" * 80,
           "a" * 70 + "x", "a" * 70 + "y", "a-b", "a.b", "A_B", "kanalen: Meldpunt", "🙂", "to"]


def test_awkward_texts_give_valid_unique_names_deterministically() -> None:
    taken: set[str] = set()
    names = [spss_name(text, taken) for text in AWKWARD]
    assert all(_valid(n) for n in names), names
    assert len({n.lower() for n in names}) == len(names)
    again: set[str] = set()
    assert [spss_name(text, again) for text in AWKWARD] == names
    assert names[:4] == ["v_2e_keus", "v_BY", "v_with", "v_all"]
    assert names[5] == "e_kenmerk" and names[6] == "v" and names[7] == "v_2"
    assert names[11:14] == ["a_b", "a_b_2", "A_B_3"]  # the same once made valid: numbered in order, ignoring case
    # too long: the start and a hash of the whole text, so two long names that share their start stay apart
    assert names[9] != names[10] and names[9][:50] == names[10][:50] and len(names[9]) == MAX_NAME_BYTES


def test_a_question_part_is_cut_so_the_theme_stays_readable() -> None:
    taken: set[str] = set()
    name = question_variable("Wat belemmert u om een dilemma met collega's te bespreken", "vertrouwen", taken)
    assert name == "Wat_belemmert_u_om_een_d_vertrouwen"
    assert question_variable("Wat belemmert u om een dilemma met uw leiding te bespreken", "vertrouwen",
                             taken) == "Wat_belemmert_u_om_een_d_vertrouwen_2"


def test_labels_are_cut_on_a_character_boundary() -> None:
    assert fit_bytes("kort", 64) == "kort"
    cut = fit_bytes("é" * 100, 64)
    assert len(cut.encode()) <= 64 and cut.endswith("…") and set(cut[:-1]) == {"é"}


def test_final_codings_give_zero_one_and_the_rest_is_missing_with_its_reason() -> None:
    data = hand_data()
    table = codes_table("hand", [data], data.respondents, {"vraag": 4})
    frame = table.frame.set_index("respondent_id")
    names = {v.source: v.name for v in table.variables if v.role == ROLE_THEME}
    # retired themes (x merged into b, y not) and 'geen inhoudelijk antwoord' get no variable
    assert list(names) == ["a", "a1", "a2", "b", "overig"]
    assert list(table.frame.columns) == ["respondent_id", "weging", "doelgroep", "vraag_a", "vraag_a1", "vraag_a2",
                                         "vraag_b", "vraag_overig", "vraag_status"]
    themes = frame[list(names.values())]
    assert themes.loc["R1"].tolist() == [1, 1, 0, 1, 0]  # anna a1, bram b: the union; a is the net of a1 and a2
    assert themes.loc["R3"].tolist() == [1, 1, 1, 0, 0]
    assert themes.loc["R4"].tolist() == [0, 0, 0, 1, 0]  # coded x, which was merged into b
    assert themes.loc["R6"].tolist() == [0, 0, 0, 1, 0]  # the adjudicated b replaces anna's a1 and bram's b
    assert themes.loc["R7"].tolist() == [0, 0, 0, 0, 1]
    for missing in ("R5", "R8", "R9", "R10"):  # only a retired theme, uncoded, 'weet niet', 'geen inhoudelijk'
        assert themes.loc[missing].isna().all(), missing
    assert frame["vraag_status"].to_dict() == {
        "R1": CODED, "R2": CODED, "R3": CODED, "R4": CODED, "R5": UNCODED, "R6": CODED, "R7": CODED,
        "R8": UNCODED, "R9": NONSUBSTANTIVE, "R10": NONSUBSTANTIVE}
    labels = {v.name: v for v in table.variables}
    assert labels["vraag_a"].label == "vraag: Thema A (netto)" and labels["vraag_a1"].label == "vraag: Subthema A1"
    assert labels["vraag_a1"].value_labels == THEME_VALUES and labels["vraag_status"].value_labels == STATUS_VALUES
    assert "meting" not in table.frame.columns  # a study without waves (the default wave "1") has no wave column
    assert table.file_label == "coding: studie hand; codeboek vraag v4"


def test_waves_give_a_row_per_respondent_per_wave_and_not_asked_is_missing() -> None:
    data = wave_data_of(wave_rows("2022", 6, {"a": 2}, dont_know=1, empty=1, not_asked=2),
                        wave_rows("2024", 5, {"b": 3}, uncoded=1), weights=True)
    table = codes_table("golven", [data], data.respondents, {"vraag": 2})
    frame = table.frame
    assert list(zip(frame["meting"], frame["respondent_id"], strict=True)) == (
        [(2022.0, f"R{i}") for i in range(1, 11)] + [(2024.0, f"R{i}") for i in range(1, 6)])
    assert table.variables[1].value_labels == {2022: "2022", 2024: "2024"}
    status = frame["vraag_status"].tolist()
    assert status == [CODED] * 6 + [NONSUBSTANTIVE, EMPTY, NOT_ASKED, NOT_ASKED] + [CODED] * 4 + [UNCODED]
    # the not-asked respondents of 2022 carry a coding 'a' in the data: it never counts
    assert frame["vraag_a"].tolist()[:6] == [1, 1, 0, 0, 0, 0] and np.isnan(frame["vraag_a"].tolist()[6:10]).all()
    assert frame["vraag_b"].tolist()[10:14] == [1, 1, 1, 0] and np.isnan(frame["vraag_b"].iloc[14])
    one = codes_table("golven", [data], data.respondents, {}, ReportOptions(wave="2024")).frame
    assert one["respondent_id"].tolist() == ["R1", "R2", "R3", "R4", "R5"] and set(one["meting"]) == {2024.0}
    with pytest.raises(CodingError, match="Meting '2030' bestaat niet") as error:
        codes_table("golven", [data], data.respondents, {}, ReportOptions(wave="2030"))
    assert "2022, 2024" in error.value.hint


def test_attribute_groups_under_k_are_merged_or_left_out_per_wave() -> None:
    data = wave_data_of(wave_rows("2022", 6, {"a": 2}), wave_rows("2024", 12, {"b": 3}))
    groups = ["groot"] * 6 + ["klein"] * 3 + ["mini"] * 2 + ["uniek"]
    data.respondents["functie"] = ["groot"] * 4 + ["klein"] * 2 + groups
    data.respondents.loc[0, "functie"] = "groot"
    table = codes_table("golven", [data], data.respondents, {})
    functie = table.labelled()["functie"].tolist()
    assert functie[:6] == ["overig"] * 6  # 2022: 'groot' has only 4 there (6 in 2024), so it is merged too
    assert functie[6:] == ["groot"] * 6 + ["overig"] * 6
    assert set(next(v for v in table.variables if v.name == "functie").value_labels.values()) == {"groot", "overig"}
    assert any("functie (meting 2024)" in n and "klein, mini, uniek samengevoegd tot 'overig'" in n
               for n in table.notes)
    looser = codes_table("golven", [data], data.respondents, {}, ReportOptions(min_group=3)).labelled()
    assert looser["functie"].tolist()[6:] == ["groot"] * 6 + ["klein"] * 3 + ["overig"] * 3


def test_labelled_gives_the_labels_of_wave_attributes_and_status() -> None:
    data = wave_data_of(wave_rows("2022", 6, {"a": 2}, empty=1), wave_rows("2024", 5, {"b": 3}))
    labelled = codes_table("golven", [data], data.respondents, {}).labelled()
    assert labelled["meting"].tolist()[:2] == ["2022", "2022"]
    assert labelled["vraag_status"].tolist()[5:7] == ["gecodeerd", "leeg"]
    assert labelled["vraag_a"].tolist()[:2] == [1.0, 1.0]  # theme variables stay numbers


def test_nothing_coded_is_a_clear_message() -> None:
    data = hand_data()
    uncoded = dataclasses.replace(data, codings=data.codings.iloc[0:0])
    with pytest.raises(NothingToReport, match="Vraag 'vraag' heeft nog geen gecodeerde antwoorden"):
        codes_table("hand", [uncoded], data.respondents, {}, single=True)
    interview = hand_data("interview")
    with pytest.raises(NothingToReport, match="interviewvraag"):
        codes_table("hand", [interview], interview.respondents, {}, single=True)
    with pytest.raises(NothingToReport, match="Studie 'hand' heeft nog geen gecodeerde antwoorden"):
        codes_table("hand", [interview], interview.respondents, {})
    without = dataclasses.replace(data, name="nieuw", themes=data.themes.iloc[0:0])
    with pytest.raises(NothingToReport, match="Studie 'hand' heeft nog geen gecodeerde antwoorden") as error:
        codes_table("hand", [uncoded, without], data.respondents, {})
    assert "Codeer eerst" in error.value.hint
    table = codes_table("hand", [data, without], data.respondents, {"vraag": 1})
    assert table.questions == ["vraag"] and table.skipped == ["nieuw: Vraag 'nieuw' heeft nog geen codeboek."]


def test_a_group_left_out_is_missing_and_named_in_the_notes() -> None:
    data = wave_data_of(wave_rows("2022", 8, {"a": 2}))
    data.respondents["functie"] = ["groot"] * 6 + ["klein", None]
    table = codes_table("golven", [data], data.respondents, {})
    assert table.labelled()["functie"].tolist() == ["groot"] * 6 + [None, None]
    assert "Kenmerk functie: Groepen met minder dan 5 respondenten: klein weggelaten." in table.notes


def test_category_numbers_are_the_labels_only_when_that_is_unambiguous() -> None:
    from coding.analysis.codes import _coded_values

    assert _coded_values(["2024", "2022"]) == {"2022": 2022, "2024": 2024}
    assert _coded_values(["01", "1"]) == {"01": 1, "1": 2}  # '01' and '1' would both be 1
    assert _coded_values(["²"]) == {"²": 1}
    assert _coded_values(["overig", "b", "a10", "a9"]) == {"a9": 1, "a10": 2, "b": 3, "overig": 4}
