"""Personal data in quotes: the cases the issue names are masked, ordinary capitalised words are not, and on the
Dutch test set (tests/fixtures/pii_sentences.py) recall is ≥ 0.97 with ≤ 2% false masking (bench/pii_bench.py
measures the same, next to deduce).
"""

from __future__ import annotations

import pytest

from coding.analysis.privacy import find_personal_data, mask_personal_data
from tests.fixtures.pii_sentences import CLEAN, WITH_PII, score


def _mask(text: str) -> str:
    return mask_personal_data(text, find_personal_data(text, use_spacy=False))


@pytest.mark.parametrize("text,expected", [
    ("Mijn postcode is 3511 ab.", "Mijn postcode is [postcode]."),
    ("Postcode 3511AB graag.", "Postcode [postcode] graag."),
    ("De auto met kenteken 12ABC3 reed weg.", "De auto met kenteken [kenteken] reed weg."),
    ("Volgens wethouder pietersen klopt het.", "Volgens wethouder [naam] klopt het."),
    ("ik ben jan de vries en ik werk hier.", "ik ben [naam] en ik werk hier."),
    ("Ik ben geboren op 3 maart 1961.", "Ik ben geboren op [geboortedatum]."),
    ("Mijn geboortedatum: 12-04-1975.", "Mijn geboortedatum: [geboortedatum]."),
    ("Meer aandacht voor de werkdruk.", "Meer aandacht voor de werkdruk."),
    ("Dat kost 2500 en dat is veel.", "Dat kost 2500 en dat is veel."),
    ("Op 12 maart 2024 was de training.", "Op 12 maart 2024 was de training."),
])
def test_the_cases_the_issue_names(text: str, expected: str) -> None:
    assert _mask(text) == expected


def test_the_set_is_large_enough() -> None:
    assert len(WITH_PII) + len(CLEAN) >= 100
    assert len(CLEAN) >= 40


@pytest.mark.parametrize("text", CLEAN)
def test_sentences_without_personal_data_stay_unchanged(text: str) -> None:
    assert _mask(text) == text


def test_recall_and_false_masking_meet_the_targets() -> None:
    result = score(lambda text: [(f.start, f.end) for f in find_personal_data(text, use_spacy=False)])
    assert result["recall"] >= 0.97, result["missed"]
    assert result["false_masking"] <= 0.02, result["false"]
