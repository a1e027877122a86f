"""Personal data in quotes: a test set of Dutch cases with the expected masking, and the checks behind it."""

from __future__ import annotations

import pytest

from coding.analysis.findings import PLACEHOLDERS
from coding.analysis.names import find_names
from coding.analysis.privacy import (
    bsn_is_valid,
    find_personal_data,
    iban_is_valid,
    mask_personal_data,
    names_in,
    ner_backend,
)

CASES = [
    ("Mail me op jan.jansen@gemeente.nl als je vragen hebt.", "Mail me op [e-mail] als je vragen hebt."),
    ("Bel 06-12345678 voor een afspraak.", "Bel [telefoonnummer] voor een afspraak."),
    ("Mijn nummer is +31 6 1234 5678.", "Mijn nummer is [telefoonnummer]."),
    ("Bereikbaar op 071-1234567 (kantoor).", "Bereikbaar op [telefoonnummer] (kantoor)."),
    ("Je kunt bellen: 020 123 45 67", "Je kunt bellen: [telefoonnummer]"),
    ("Mobiel 0612345678, ook via WhatsApp.", "Mobiel [telefoonnummer], ook via WhatsApp."),
    ("Bel 0031 20 1234567 of mail.", "Bel [telefoonnummer] of mail."),
    ("Via (071) 123 4567 bereikbaar.", "Via [telefoonnummer] bereikbaar."),
    ("Het meldpunt 0800-1234 is gratis.", "Het meldpunt [telefoonnummer] is gratis."),
    ("Bel gerust: +31 (0)6 12 34 56 78.", "Bel gerust: [telefoonnummer]."),
    ("Mijn BSN is 111222333.", "Mijn BSN is [bsn]."),
    ("Burgerservicenummer 1234.56.782 staat op de brief.", "Burgerservicenummer [bsn] staat op de brief."),
    ("Het nummer 123456789 klopt niet met de elfproef.", "Het nummer 123456789 klopt niet met de elfproef."),
    ("Stort het op NL91ABNA0417164300 o.v.v. je naam.", "Stort het op [iban] o.v.v. je naam."),
    ("Rekening NL20 INGB 0001 2345 67 graag.", "Rekening [iban] graag."),
    ("Belgische rekening BE68 5390 0754 7034.", "Belgische rekening [iban]."),
    ("Ik woon op 2311 EZ, vlak bij het centrum.", "Ik woon op [postcode], vlak bij het centrum."),
    ("Postcode 1234AB klopt.", "Postcode [postcode] klopt."),
    ("Zijn auto met kenteken 12-ABC-3 stond er weer.", "Zijn auto met kenteken [kenteken] stond er weer."),
    ("Kenteken GB-123-K gezien bij het stadhuis.", "Kenteken [kenteken] gezien bij het stadhuis."),
    ("Wethouder Pietersen neemt alles persoonlijk.", "Wethouder [naam] neemt alles persoonlijk."),
    ("Onze afdelingsmanager Petra Jansen maakt er werk van.", "Onze afdelingsmanager [naam] maakt er werk van."),
    ("Ik heb het besproken met mevrouw Van den Berg.", "Ik heb het besproken met mevrouw [naam]."),
    ("De vertrouwenspersoon, Ahmed El Amrani, is toegankelijk.", "De vertrouwenspersoon, [naam], is toegankelijk."),
    ("Sanne helpt me altijd.", "[naam] helpt me altijd."),
    ("Ik sprak met Jan van der Meer over de kwestie.", "Ik sprak met [naam] over de kwestie."),
    ("Mijn leidinggevende Jan de Vries vertelt alles door.", "Mijn leidinggevende [naam] vertelt alles door."),
    ("De heer De Boer is dijkgraaf.", "De heer [naam] is dijkgraaf."),
    ("Toen kwam Hoekstra binnen en werd het stil.", "Toen kwam [naam] binnen en werd het stil."),
    ("Marieke zegt: bel me op 06 1234 5678.", "[naam] zegt: bel me op [telefoonnummer]."),
    ("In Zwolle weet iedereen alles van elkaar.", "In [plaats] weet iedereen alles van elkaar."),
    ("Ik werk in Alphen aan den Rijn bij de gemeente.", "Ik werk in [plaats] bij de gemeente."),
    ("De raad van Den Haag is groot.", "De raad van [plaats] is groot."),
    ("Haverveen is klein. Iedereen in Haverveen kent elkaar.", "[plaats] is klein. Iedereen in [plaats] kent elkaar."),
    ("Mail naar integriteit@provincie.nl of bel 030 258 9111.", "Mail naar [e-mail] of bel [telefoonnummer]."),
    ("Als Statenlid zie je elkaar maar een paar keer per maand.",
     "Als Statenlid zie je elkaar maar een paar keer per maand."),
    ("De Staten en Gedeputeerde Staten overleggen in Teams.", "De Staten en Gedeputeerde Staten overleggen in Teams."),
    ("Best lastig om dit te bespreken.", "Best lastig om dit te bespreken."),
    ("Vergadering op 06-12-2023 om 19.30 uur in de raadzaal.",
     "Vergadering op 06-12-2023 om 19.30 uur in de raadzaal."),
    ("We kregen in 2019 een training van 2 dagen.", "We kregen in 2019 een training van 2 dagen."),
    ("Bij de GGD en het UWV werkt dat anders.", "Bij de GGD en het UWV werkt dat anders."),
    ("Collega's van Rijkswaterstaat en de Belastingdienst denken mee.",
     "Collega's van Rijkswaterstaat en de Belastingdienst denken mee."),
    ("Een Woo-verzoek over de Omgevingswet ligt gevoelig.", "Een Woo-verzoek over de Omgevingswet ligt gevoelig."),
    ("Ik woon aan de Dorpsstraat 12 sinds 2010.", "Ik woon aan de [adres] sinds 2010."),
    ("Ik ben geboren op 3 maart 1961.", "Ik ben geboren op [geboortedatum]."),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[f"case{i:02d}" for i in range(1, len(CASES) + 1)])
def test_masking(text: str, expected: str) -> None:
    assert mask_personal_data(text, find_personal_data(text, use_spacy=False)) == expected


def test_the_set_is_large_and_covers_every_kind() -> None:
    assert len(CASES) >= 30
    masked = " ".join(expected for _, expected in CASES)
    assert all(placeholder in masked for placeholder in PLACEHOLDERS.values())


def test_bsn_eleven_check() -> None:
    assert bsn_is_valid("111222333") and bsn_is_valid("123456782")
    assert not bsn_is_valid("123456789") and not bsn_is_valid("000000000") and not bsn_is_valid("12345678")


def test_iban_mod_97() -> None:
    assert iban_is_valid("NL91 ABNA 0417 1643 00") and iban_is_valid("DE89370400440532013000")
    assert not iban_is_valid("NL91ABNA0417164301")


def test_findings_say_what_and_where() -> None:
    text = "Bel Petra op 06-12345678."
    findings = find_personal_data(text, use_spacy=False)
    assert [(f.kind, text[f.start : f.end]) for f in findings] == [("naam", "Petra"), ("telefoon", "06-12345678")]


def test_known_names_are_masked_also_where_they_open_a_sentence() -> None:
    known = names_in(find_personal_data("Ik sprak met Karin Visser.", use_spacy=False))
    assert known == {"Karin", "Visser"}
    assert mask_personal_data("Visser zegt niks.", find_personal_data("Visser zegt niks.", known_names=known)) == (
        "[naam] zegt niks.")


def test_fallback_places_only() -> None:
    assert [f.kind for f in find_names("Petra woont in Zwolle.", places_only=True)] == ["plaats"]


def test_backend_is_described() -> None:
    assert ner_backend()


def test_empty_text() -> None:
    assert find_personal_data("") == [] and mask_personal_data("") == ""
