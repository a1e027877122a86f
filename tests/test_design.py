"""Waves and routing as plain data (coding.design)."""

from __future__ import annotations

import pytest

from coding.design import (
    Condition,
    Routing,
    check_wave,
    guess_wave_column,
    parse_asked_if,
    parse_routing,
    sorted_waves,
    wave_key,
)
from coding.errors import InputError


def test_waves_sort_naturally() -> None:
    assert sorted(["2024", "2016", "2018"], key=wave_key) == ["2016", "2018", "2024"]
    assert sorted(["10", "2", "1"], key=wave_key) == ["1", "2", "10"]
    assert sorted_waves(["meting 10", "meting 2", "meting 2"]) == ["meting 2", "meting 10"]
    # digits that are no decimal digits (superscripts) are text, not numbers; other scripts' decimals are numbers
    assert sorted_waves(["2²", "²", "2"]) == ["2", "2²", "²"]
    assert sorted(["١٠", "٢"], key=wave_key) == ["٢", "١٠"]


def test_the_wave_column_is_guessed_by_name() -> None:
    assert guess_wave_column(["id", "Jaar", "antwoord"]) == "Jaar"
    assert guess_wave_column(["id", "wave_nr", "tekst"]) == "wave_nr"
    assert guess_wave_column(["id", "Meting", "golfslag"]) == "Meting"
    assert guess_wave_column(["id", "leeftijd", "antwoord"]) is None


def test_asked_if_parses_per_question() -> None:
    routing = parse_asked_if(["belemmeringen:vrij_voelen=nee", "reden:tevreden!=ja", "reden:regio=Noord, Oost"])
    assert routing["belemmeringen"] == Routing((Condition("vrij_voelen", "=", ("nee",)),))
    assert routing["reden"].conditions == (Condition("tevreden", "!=", ("ja",)),
                                           Condition("regio", "=", ("Noord", "Oost")))


def test_routing_says_who_was_asked() -> None:
    routing = parse_routing("vrij_voelen=nee")
    assert routing.asks({"vrij_voelen": "nee"})
    assert routing.asks({"vrij_voelen": " Nee "})
    assert not routing.asks({"vrij_voelen": "ja"})
    assert not routing.asks({})
    other = parse_routing("tevreden!=ja,weet niet")
    assert other.asks({"tevreden": "nee"}) and other.asks({})
    assert not other.asks({"tevreden": "ja"}) and not other.asks({"tevreden": "weet niet"})
    assert Routing(()).asks({"x": "y"})


def test_routing_in_words_and_as_a_condition() -> None:
    routing = parse_routing("vrij_voelen=nee")
    assert routing.condition() == "vrij_voelen = nee"
    assert routing.describe() == "respondenten met vrij_voelen = nee"
    described = parse_routing("vrij_voelen=nee", "respondenten die zich niet vrij voelen")
    assert described.describe() == "respondenten die zich niet vrij voelen"
    assert Routing.from_json(described.to_json(), described.description) == described


@pytest.mark.parametrize("spec", ["zonder_dubbelepunt=ja", ":kolom=ja", "vraag:kolom", "vraag:=ja", "vraag:kolom="])
def test_a_malformed_asked_if_is_refused_in_dutch(spec: str) -> None:
    with pytest.raises(InputError, match="routing"):
        parse_asked_if([spec])


def test_a_wave_label_must_not_be_empty() -> None:
    assert check_wave(" 2024 ") == "2024"
    with pytest.raises(InputError):
        check_wave("  ")
