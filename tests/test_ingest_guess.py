"""Guessing column roles for the import wizard."""

from __future__ import annotations

from pathlib import Path

from coding.ingest.guess import guess_mapping
from coding.ingest.tabular import read_table
from tests.helpers import write_csv


def test_guess_finds_id_open_questions_attributes_and_weight(tmp_path: Path) -> None:
    rows = [["volgnummer", "respondent_id", "doelgroep", "weging", "belemmeringen", "toelichting_kort", "leeftijd"]]
    rows += [[str(i), f"R{i}", ["medewerker", "bestuurder"][i % 2], "1,2",
              f"Een wat langer open antwoord nummer {i} over vertrouwen", "ja", str(20 + i)] for i in range(80)]
    mapping = guess_mapping(read_table(write_csv(tmp_path / "e.csv", rows)))
    assert mapping.id == "respondent_id"
    assert mapping.texts == ["belemmeringen"]
    assert mapping.weight == "weging"
    assert mapping.attributes == ["doelgroep"]  # 'leeftijd' has too many values, 'toelichting_kort' only one


def test_guess_falls_back_to_a_unique_short_column(tmp_path: Path) -> None:
    rows = [["code", "antwoord"]] + [[f"X{i}", f"Dit is een open antwoord van enige lengte {i}"] for i in range(5)]
    mapping = guess_mapping(read_table(write_csv(tmp_path / "e.csv", rows)))
    assert (mapping.id, mapping.texts, mapping.attributes, mapping.weight) == ("code", ["antwoord"], [], None)
