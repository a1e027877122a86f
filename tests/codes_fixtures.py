"""A study for the SPSS/Excel hand-off tests, built through the public importers: two waves with repeated ids,
routing, every kind of answer (coded, not yet coded, 'weet niet', empty, not asked, coded only 'geen inhoudelijk
antwoord', adjudicated), a question asked in the second wave only, small groups, and awkward names."""

from __future__ import annotations

from pathlib import Path

from coding.codebook import CodebookSpec, ThemeSpec
from coding.design import parse_routing
from coding.ingest.survey import SurveyMapping, import_survey
from coding.store import Store, question_ref
from coding.store.codebooks import load_codebook, theme_table
from coding.store.codings import code_segments
from coding.store.segments import segments_frame
from coding.store.themes import edit_theme
from coding.vocabulary import Source
from tests.helpers import write_csv

STUDY = "overdracht"
Q1 = "belemmeringen"
#: Starts with a digit, holds spaces and is too long for a variable name on its own.
Q2 = "2 Wat zou u helpen om een integriteitskwestie bespreekbaar te maken in uw organisatie"
LONG = "een_heel_lange_themacode_die_langer_is_dan_wat_spss_als_naam_toelaat"
SPEC1 = CodebookSpec(question=Q1, themes=[
    ThemeSpec(code="vertrouwen", label="Gebrek aan vertrouwen"),
    ThemeSpec(code="opvolging", label="Geen opvolging"),
    ThemeSpec(code="a-b", label="Thema a-b"),  # a-b and a.b: the same name once made valid
    ThemeSpec(code="a.b", label="Thema a.b"),
    ThemeSpec(code="status", label="Status en hiërarchie"),  # the name the question's status variable wants
    ThemeSpec(code="geen_inhoudelijk_antwoord", label="Geen inhoudelijk antwoord"),
])
SPEC2 = CodebookSpec(question=Q2, themes=[
    ThemeSpec(code="by", label="Door wie"),
    ThemeSpec(code="2e-keus", label="Tweede keus"),
    ThemeSpec(code=LONG + "_een", label="Lang een"),  # the same first 64 characters
    ThemeSpec(code=LONG + "_twee", label="Lang twee"),
])
ROUTING = {Q1: parse_routing("vrij=nee", description="respondenten die zich niet vrij voelen")}
HEADER = ["respondent_id", "vrij", "doelgroep", "BY", "weging", Q1]

#: 2022: (id, vrij, doelgroep, weight, answer to Q1, themes as (coder, source, code)).
WAVE_2022 = [
    ("R1", "nee", "medewerker", "1.0", "Ik vertrouw mijn leidinggevende niet.", [("anna", "manual", "vertrouwen")]),
    ("R2", "nee", "medewerker", "1.5", "Niemand doet er iets mee en ik vertrouw ze niet.",
     [("anna", "manual", "vertrouwen"), ("anna", "manual", "opvolging")]),
    ("R3", "nee", "medewerker", "0.5", "weet niet", []),
    ("R4", "nee", "medewerker", "1.0", "", []),
    ("R5", "ja", "medewerker", "1.0", "Ik kreeg deze vraag eigenlijk niet, toch schrijf ik iets.", []),
    ("R6", "nee", "medewerker", "1.0", "Dit antwoord heeft nog niemand gecodeerd.", []),
    ("R7", "nee", "bestuurder", "1.0", "Daar wil ik verder eigenlijk niets over zeggen.",
     [("anna", "manual", "geen_inhoudelijk_antwoord")]),
    ("R8", "nee", "bestuurder", "2.0", "Er wordt niets opgevolgd als je iets meldt.",
     [("anna", "manual", "opvolging"), ("bram", "manual", "vertrouwen"), ("lead", "adjudicated", "opvolging")]),
]
#: 2024: (id, vrij, doelgroep, answer to Q1, its theme, answer to Q2, its theme).
WAVE_2024 = [
    ("R1", "nee", "medewerker", "Het ene en het andere thema samen.", "a-b",
     "Als de leiding het goede voorbeeld geeft.", "by"),
    ("R2", "nee", "medewerker", "Het andere thema met een punt erin.", "a.b", "Een vertrouwenspersoon die er echt is.",
     "2e-keus"),
    ("R3", "nee", "medewerker", "De hiërarchie staat open gesprekken in de weg.", "status",
     "Een training over dilemma's voor het hele team.", LONG + "_een"),
    ("R4", "nee", "medewerker", "Ik vertrouw mijn collega's niet genoeg.", "vertrouwen",
     "Meer tijd in het werkoverleg voor dit soort zaken.", LONG + "_twee"),
    ("R5", "nee", "medewerker", "Geen vertrouwen in hoe het wordt opgepakt.", "vertrouwen", "weet niet", None),
    ("R6", "nee", "medewerker", "Ik vertrouw de leiding niet met zulke dingen.", "vertrouwen", "", None),
    ("R7", "nee", "bestuurder", "Vertrouwen ontbreekt in het college.", "vertrouwen", "", None),
    ("R8", "nee", "bestuurder", "Wantrouwen tussen raad en college.", "vertrouwen", "", None),
    ("R9", "nee", "bestuurder", "Ik vertrouw niet dat het vertrouwelijk blijft.", "vertrouwen", "", None),
    ("R10", "nee", "raadslid", "Geen vertrouwen in de griffie hierover.", "vertrouwen", "", None),
    ("R11", "nee", "raadslid", "Het vertrouwen in de fractie is weg.", "vertrouwen", "", None),
    ("R12", "ja", "raadslid", "Deze vraag kreeg ik niet.", None, "", None),
]


def _code(store: Store, question: str, wave: str, codings: dict[str, list[tuple[str, str, str]]]) -> None:
    ref = question_ref(store, STUDY, question)
    theme_ids = dict(theme_table(store, ref)[["code", "theme_id"]].itertuples(index=False))
    segments = segments_frame(store, ref, wave=wave)
    segment_of = dict(zip(segments["respondent_id"].astype(str), segments["segment_id"].astype(int), strict=True))
    for respondent, given in codings.items():
        for coder, source, code in given:
            code_segments(store, [segment_of[respondent]], int(theme_ids[code]), coder, source=Source(source))


def handoff_study(store: Store, tmp_path: Path) -> None:
    """Import and code the study (codebook of Q1 at version 2, of Q2 at version 1)."""
    rows_2022 = [[r, vrij, group, "x", weight, text] for r, vrij, group, weight, text, _ in WAVE_2022]
    import_survey(store, write_csv(tmp_path / "2022.csv", [HEADER, *rows_2022]), STUDY,
                  SurveyMapping(id="respondent_id", texts=[Q1], attributes=["vrij", "doelgroep", "BY"],
                                weight="weging"), wave="2022", asked_if=ROUTING)
    load_codebook(store, question_ref(store, STUDY, Q1), SPEC1, "lead")
    edit_theme(store, question_ref(store, STUDY, Q1), "vertrouwen", "lead", label="Gebrek aan vertrouwen en openheid")
    _code(store, Q1, "2022", {r: given for r, *_, given in WAVE_2022 if given})
    rows_2024 = [[r, vrij, group, "x", "1.0", t1, t2] for r, vrij, group, t1, _, t2, _ in WAVE_2024]
    import_survey(store, write_csv(tmp_path / "2024.csv", [[*HEADER, Q2], *rows_2024]), STUDY,
                  SurveyMapping(id="respondent_id", texts=[Q1, Q2], attributes=["vrij", "doelgroep", "BY"],
                                weight="weging"), wave="2024", asked_if=ROUTING)
    load_codebook(store, question_ref(store, STUDY, Q2), SPEC2, "lead")
    _code(store, Q1, "2024", {r: [("anna", "manual", c)] for r, _, _, _, c, _, _ in WAVE_2024 if c})
    _code(store, Q2, "2024", {r: [("anna", "manual", c)] for r, *_, c in WAVE_2024 if c})
