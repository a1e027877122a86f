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


def test_an_open_question_few_respondents_got_is_an_open_question(tmp_path: Path) -> None:
    """Routing leaves most cells of a follow-up question empty; its filled cells are still sentences."""
    rows = [["respondent_id", "regio", "tevreden", "waarom_niet", "jaar", "score"]]
    for i in range(400):
        why = f"Ik kreeg nooit antwoord op mijn vraag nummer {i} over de vergunning" if i % 10 == 0 else ""
        reasons = ['te duur', 'slecht bereikbaar', 'niemand nam op', 'geen idee wie']
        short = f"{reasons[i % 4]} {i}" if i % 25 == 1 else ""
        rows.append([f"R{i}", ["Noord", "Zuid"][i % 2], ["ja", "nee", ""][i % 3], why or short,
                     ["2023", "2024"][i % 2], str(i % 10)])
    mapping = guess_mapping(read_table(write_csv(tmp_path / "r.csv", rows)))
    assert mapping.texts == ["waarom_niet"]  # 10% + 4% filled, under "Open vragen"
    assert "waarom_niet" not in mapping.attributes and "tevreden" in mapping.attributes


def test_short_varied_answers_count_and_closed_answers_or_numbers_do_not(tmp_path: Path) -> None:
    rows = [["id", "kort", "likert", "datum", "bedrag"]]
    for i in range(60):
        rows.append([str(i), f"parkeren bij school {i}" if i % 2 else f"meer groen graag {i}",
                     ["helemaal mee eens", "mee eens", "niet mee eens"][i % 3], f"2024-05-{1 + i % 28:02d} 12:00",
                     f"{1000 + 37 * i},50"])
    mapping = guess_mapping(read_table(write_csv(tmp_path / "k.csv", rows)))
    assert mapping.texts == ["kort"]  # few words but each answer its own; the others are closed, dates, numbers
