"""Tests for coding.ingest.spss: SPSS files as fieldwork agencies deliver them (dates with gaps, labels, missing
values, multiple response sets, wide files, character sets)."""

from __future__ import annotations

import time as clock
from pathlib import Path

import pandas as pd
import pyreadstat
import pytest

from coding.errors import InputError
from coding.ingest.spss import read_variables
from coding.ingest.tabular import read_sav, read_table
from tests.platform_files import (
    BELEMMERING,
    VERBETERING,
    add_response_sets,
    spss_frame,
    with_unknown_encoding,
    write_spss,
    write_spss_with_sets,
)


@pytest.mark.parametrize("name,compress", [("enquete.sav", False), ("enquete.zsav", True)])
def test_missing_dates_and_times_are_empty_cells(tmp_path: Path, name: str, compress: bool) -> None:
    """A datetime, date and time column with gaps reads as text with '' for the gaps (was a NaTType crash)."""
    table = read_table(write_spss(tmp_path / name, compress=compress))
    rows = table.frame.to_dict("records")
    assert [r["start"] for r in rows] == ["2024-03-01 09:30:00", "", "2024-03-02 14:00:00", ""]
    assert [r["datum"] for r in rows] == ["2024-03-01", "", "2024-03-02", ""]
    assert [r["duur"] for r in rows] == ["00:12:05", "", "00:08:00", ""]
    assert [table.row_number(i) for i in range(4)] == [1, 2, 3, 4]


def test_value_labels_and_user_defined_missing_values(tmp_path: Path) -> None:
    """Value labels become the values; user-defined missing values (9, the range 90–99) are empty."""
    table = read_sav(write_spss(tmp_path / "e.sav"))
    assert table.frame["geslacht"].tolist() == ["man", "vrouw", "", "man"]
    assert table.frame["leeftijd"].tolist() == ["34", "", "51", "45"]
    assert table.value_labels["geslacht"][1.0] == "man"


def test_variable_labels_are_the_wording(tmp_path: Path) -> None:
    """The SPSS variable label is kept as what the column asks."""
    table = read_sav(write_spss(tmp_path / "e.sav"))
    assert table.wordings["belemmering"] == BELEMMERING
    assert table.wordings["verbetering"] == VERBETERING
    assert "respnr" not in table.wordings


def test_only_the_selected_columns_are_read(tmp_path: Path) -> None:
    """With columns, only those variables are read (pyreadstat usecols); the rest of the file is still known for
    messages."""
    table = read_sav(write_spss(tmp_path / "e.sav"), columns=["respnr", "belemmering", "bestaat_niet"])
    assert table.columns == ["respnr", "belemmering"]
    assert table.wordings == {"belemmering": BELEMMERING}
    assert table.all_columns is not None and "verbetering" in table.all_columns


def test_a_broken_date_column_that_is_not_selected_is_not_read(tmp_path: Path) -> None:
    """A datetime far outside Python's range cannot be read: a clear error when it is read, and no problem when
    that column is not imported (it is not read)."""
    frame = spss_frame().assign(eind=[1e15, 0.0, 0.0, 0.0])
    path = tmp_path / "e.sav"
    pyreadstat.write_sav(frame, str(path), variable_format={"eind": "DATETIME20"})
    with pytest.raises(InputError) as info:
        read_sav(path)
    assert "buiten het bereik" in info.value.problem and "Kies die kolom niet" in info.value.hint
    data = read_sav(path, columns=["respnr", "belemmering"]).frame
    assert data["belemmering"].tolist()[0] == "Ik vertrouw mijn leidinggevende niet."


def test_variable_list_from_a_metadata_only_read(tmp_path: Path) -> None:
    """The wizard's variable list: names, labels and kinds, without the data."""
    dictionary = read_variables(write_spss(tmp_path / "e.sav"))
    by_name = {v.name: v for v in dictionary.variables}
    assert list(by_name)[:3] == ["respnr", "start", "datum"]
    assert by_name["belemmering"].label == BELEMMERING
    assert by_name["belemmering"].kind == "tekst"
    assert by_name["start"].kind == "datum en tijd"
    assert by_name["datum"].kind == "datum"
    assert by_name["duur"].kind == "tijd"
    assert by_name["geslacht"].value_labels == 3
    assert dictionary.rows == 4


def test_variable_list_of_a_wide_file_is_fast(tmp_path: Path) -> None:
    """2,000 variables (a typical tracker file) are listed in well under a second, and one column is read alone."""
    columns = {f"v{i:04d}": [float(i), float(i + 1)] * 50 for i in range(2000)}
    frame = pd.DataFrame({"respnr": [float(i) for i in range(100)], **columns,
                          "open": ["Een antwoord dat we lezen."] * 100})
    path = tmp_path / "breed.sav"
    pyreadstat.write_sav(frame, str(path), column_labels={"open": "Wat vindt u?", "v0007": "Item 7"})
    started = clock.perf_counter()
    dictionary = read_variables(path)
    listed = clock.perf_counter() - started
    assert len(dictionary.variables) == 2002
    assert {v.name: v.label for v in dictionary.variables}["v0007"] == "Item 7"
    assert listed < 1.0, f"listing took {listed:.2f} s"
    started = clock.perf_counter()
    table = read_sav(path, columns=["respnr", "open"])
    assert table.columns == ["respnr", "open"] and len(table.frame) == 100
    assert clock.perf_counter() - started < 2.0


def test_multiple_response_sets_become_one_labelled_attribute_per_option(tmp_path: Path) -> None:
    """A dichotomy set (one variable per option) and a category set (one variable per mention) give 'ja'/'nee'
    per option, named after the set and the option's label; empty where the set was not answered."""
    table = read_sav(write_spss_with_sets(tmp_path / "sets.sav"))
    assert set(table.response_sets) == {"kanalen", "hulp"}
    kanalen = table.response_sets["kanalen"]
    assert kanalen.label == "Welke kanalen kent u?" and kanalen.dichotomy
    assert list(kanalen.options) == ["kanalen: Vertrouwenspersoon", "kanalen: Meldpunt"]
    assert table.frame["kanalen: Vertrouwenspersoon"].tolist() == ["ja", "nee", ""]
    assert table.frame["kanalen: Meldpunt"].tolist() == ["ja", "ja", ""]
    hulp = table.response_sets["hulp"]
    assert list(hulp.options) == ["hulp: Leidinggevende", "hulp: Collega", "hulp: Vertrouwenspersoon"]
    assert table.frame["hulp: Leidinggevende"].tolist() == ["nee", "ja", ""]
    assert table.frame["hulp: Collega"].tolist() == ["ja", "nee", ""]
    assert table.frame["hulp: Vertrouwenspersoon"].tolist() == ["ja", "nee", ""]
    # the variables themselves keep their value labels
    assert table.frame["h1"].tolist() == ["Collega", "Leidinggevende", ""]
    assert table.frame["k1"].tolist() == ["genoemd", "niet genoemd", ""]


def test_a_response_set_named_in_columns_reads_its_variables(tmp_path: Path) -> None:
    """Selecting a set by name reads the set's variables (and nothing else)."""
    table = read_sav(write_spss_with_sets(tmp_path / "sets.sav"), columns=["respnr", "kanalen"])
    assert table.columns == ["respnr", "k1", "k2", "kanalen: Vertrouwenspersoon", "kanalen: Meldpunt"]
    assert set(table.response_sets) == {"kanalen"}


def test_unknown_character_set_is_named_and_encoding_suggested(tmp_path: Path) -> None:
    """A file in a character set pyreadstat does not know: the message says which, and suggests --encoding."""
    path = with_unknown_encoding(write_spss(tmp_path / "oud.sav"))
    with pytest.raises(InputError) as info:
        read_sav(path)
    assert "XYZ-9" in info.value.problem and "12345" in info.value.problem
    assert "--encoding" in info.value.hint
    assert info.value.file == str(path)
    with pytest.raises(InputError, match="NIETS"):
        read_variables(path, encoding="NIETS")
    table = read_sav(path, encoding="UTF-8")
    assert table.wordings["belemmering"] == BELEMMERING


def test_category_set_without_value_labels_is_not_made_into_options(tmp_path: Path) -> None:
    """Without value labels a category set has no options to name: its variables stay, and naming the set is the
    usual missing-column error listing what there is."""
    path = tmp_path / "zonder.sav"
    pyreadstat.write_sav(pd.DataFrame({"respnr": [1.0, 2.0], "h1": [1.0, 2.0], "open": ["a", "b"]}), str(path))
    add_response_sets(path, "$hulp=C 4 Hulp h1\n")
    table = read_sav(path, columns=["respnr", "open", "$hulp"])
    assert table.response_sets == {}
    with pytest.raises(InputError) as info:
        table.require_columns(["$hulp"], "kenmerk")
    assert "h1" in info.value.hint
