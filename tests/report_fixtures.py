"""Studies with codings for the report tests: the demo study coded by its codebook's keywords, and a tiny study."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from coding.analysis.model import QuestionData
from coding.codebook import CodebookSpec, ThemeSpec
from coding.demo import DEMO_STUDY, WORDINGS, keyword_themes, load_demo
from coding.store import QuestionRef, Store, question_ref
from coding.store.codebooks import get_codebook, theme_table
from coding.store.codings import code_segments, set_quote
from coding.store.segments import segments_frame
from tests.store_fixtures import QUESTION, STUDY, small_study


def code_by_keywords(store: Store, study: str, question: str, coder: str = "regels") -> int:
    """Give every substantive answer each theme whose keyword it contains, else 'overig'; returns codings made.

    A stand-in for a coder, so that a report of the demo study has something to show; deterministic.
    """
    ref = question_ref(store, study, question)
    spec = get_codebook(store, ref)
    ids = dict(theme_table(store, ref)[["code", "theme_id"]].itertuples(index=False))
    segments = segments_frame(store, ref, substantive_only=True)
    matched: dict[str, list[int]] = {t.code: [] for t in spec.themes}
    for segment_id, text in zip(segments["segment_id"], segments["text"], strict=True):
        for code in keyword_themes(spec, str(text)):
            matched[code].append(int(segment_id))
    made = 0
    for code, segment_ids in matched.items():
        if segment_ids:
            made += code_segments(store, segment_ids, int(ids[code]), coder, source="rule")
    return made


def coded_demo(store: Store) -> str:
    """Load the demo study and code both survey questions by keyword; returns the study name."""
    load_demo(store)
    for question in WORDINGS:
        code_by_keywords(store, DEMO_STUDY, question)
    return DEMO_STUDY


# A hand-computed question (no database): see tests/test_analysis_counts.py for the expected figures.

HAND_THEMES = pd.DataFrame(
    [
        [1, "a", "Thema A", None, "", 0, False, None],
        [2, "a1", "Subthema A1", "a", "", 1, False, None],
        [3, "a2", "Subthema A2", "a", "", 2, False, None],
        [4, "b", "Thema B", None, "", 3, False, None],
        [5, "overig", "Overig", None, "", 4, False, None],
        [6, "geen_inhoudelijk_antwoord", "Geen inhoudelijk antwoord", None, "", 5, False, None],
        [7, "x", "Oud thema X", None, "", 6, True, "b"],
        [8, "y", "Oud thema Y", None, "", 7, True, None],
    ],
    columns=["theme_id", "code", "label", "parent", "definition", "position", "retired", "merged_into"],
)
HAND_WEIGHTS = {"R1": 2.0, "R2": 1.0, "R3": 0.5, "R4": 1.5, "R5": 1.0, "R6": 1.0, "R7": 2.0, "R8": 1.0,
                "R9": 1.0, "R10": 1.0}
HAND_TEXTS = {
    "R1": "Ik vertrouw mijn leidinggevende niet en er gebeurt niets mee.",
    "R2": "Bel mij gerust op 06-12345678 als je meer wilt weten over dit probleem.",
    "R3": "Geen vertrouwen in de leiding, en de leiding doet niets met signalen.",
    "R4": "Angst dat het tegen me gebruikt wordt in de raad.",
    "R5": "Vroeger was het anders geregeld bij ons op de afdeling.",
    "R6": "Er gebeurt toch niks mee als je iets meldt bij de organisatie.",
    "R7": "De werkdruk is gewoon te hoog om dit soort dingen te bespreken.",
    "R8": "Dat weet ik eigenlijk niet zo goed, het hangt ervan af.",
    "R9": "weet niet",
    "R10": "asdf asdf asdf asdf asdf",
}
#: (respondent, theme, coder, source)
HAND_CODINGS = [
    ("R1", "a1", "anna", "manual"), ("R1", "b", "bram", "manual"),
    ("R2", "a2", "anna", "manual"),
    ("R3", "a1", "anna", "manual"), ("R3", "a2", "anna", "cluster"),
    ("R4", "x", "anna", "manual"),
    ("R5", "y", "anna", "manual"),
    ("R6", "a1", "anna", "manual"), ("R6", "b", "bram", "manual"), ("R6", "b", "lead", "adjudicated"),
    ("R7", "overig", "anna", "manual"),
    ("R9", "a1", "anna", "manual"),
    ("R10", "geen_inhoudelijk_antwoord", "anna", "manual"),
]


def hand_data(kind: str = "survey") -> QuestionData:
    """Ten respondents: R1–R8 in the basis (R5 and R8 without a final theme), R9 non-substantive, R10 coded
    'geen inhoudelijk antwoord'; a parent theme with two subthemes, a merged and a retired theme."""
    ids = list(HAND_TEXTS)
    segments = pd.DataFrame({
        "segment_id": range(1, len(ids) + 1),
        "respondent_id": ids,
        "position": 0,
        "text": [HAND_TEXTS[r] for r in ids],
        "speaker": None,
        "start_char": None,
        "end_char": None,
        "substantive": [r != "R9" for r in ids],
        "nonsubstantive_reason": [None if r != "R9" else "weet niet" for r in ids],
        "word_count": [len(HAND_TEXTS[r].split()) for r in ids],
        "memo": "",
        "is_quote": [r == "R4" for r in ids],
    })
    segment_of = dict(zip(ids, segments["segment_id"], strict=True))
    labels = dict(zip(HAND_THEMES["code"], HAND_THEMES["label"], strict=True))
    codings = pd.DataFrame(
        [[r, segment_of[r], "vraag", t, labels[t], c, s, pd.Timestamp("2026-01-01T10:00:00Z")]
         for r, t, c, s in HAND_CODINGS],
        columns=["respondent_id", "segment_id", "question", "theme", "theme_label", "coder", "source", "created_at"],
    )
    respondents = pd.DataFrame({
        "respondent_id": ids,
        "kind": "respondent" if kind == "survey" else "document",
        "weight": [HAND_WEIGHTS[r] for r in ids],
        "doelgroep": ["medewerker", "bestuurder"] * 5,
    })
    return QuestionData("hand", "vraag", "Wat belemmert u?", kind, HAND_THEMES.copy(), segments, codings,
                        respondents, pd.DataFrame())


def coded_small_study(store: Store, tmp_path: Path) -> dict[str, int]:
    """The small survey of tests.store_fixtures with codings: R1 vertrouwen, R2 opvolging, R5 represailles (anna)
    and vertrouwen (bram); R5's answer flagged as citaat. Returns theme ids by code."""
    themes = small_study(store, tmp_path)
    segments = segments_frame(store, question_ref(store, STUDY, QUESTION))
    segment = dict(zip(segments["respondent_id"], segments["segment_id"].astype(int), strict=True))
    code_segments(store, [segment["R1"]], themes["vertrouwen"], "anna")
    code_segments(store, [segment["R2"]], themes["opvolging"], "anna")
    code_segments(store, [segment["R5"]], themes["represailles"], "anna")
    code_segments(store, [segment["R5"]], themes["vertrouwen"], "bram", source="imported")
    set_quote(store, segment["R5"], True, "anna")
    return themes


_TEMPLATE: dict[str, Path] = {}


def coded_demo_copy(tmp_path: Path) -> Store:
    """A private SQLite copy of the coded demo study (built once per test process, then copied: fast)."""
    import shutil
    import tempfile

    from coding.store import connect

    if "path" not in _TEMPLATE:
        path = Path(tempfile.mkdtemp(prefix="coded-demo-")) / "demo.sqlite"
        template = connect(f"sqlite:///{path}")
        coded_demo(template)
        template.dispose()  # the last connection to close checkpoints the WAL into the file
        _TEMPLATE["path"] = path
    target = tmp_path / "demo.sqlite"
    shutil.copy(_TEMPLATE["path"], target)
    return connect(f"sqlite:///{target}")


# A small study written for the kwalitatief report (golden files in tests/golden/kwalitatief_*): forty politieke
# ambtsdragers answering one routed-free question, one theme per answer, and ten interviews on the same themes.

QUALITATIVE_STUDY = "kwalitatief"
QUALITATIVE_QUESTION = "belemmeringen"
QUALITATIVE_WORDING = "Wat belemmert u om een integriteitsdilemma met anderen te bespreken?"
QUALITATIVE_POPULATION = "politieke ambtsdragers"
INTERVIEW_TOPIC = "gesprekken"
#: Theme code -> answers given that theme (12 / 8 / 5 / 3 / 1 / 1, and 10 in 'overig').
QUALITATIVE_ANSWERS: dict[str, list[str]] = {
    "vertrouwen": [
        "Ik weet niet wie ik in de fractie kan vertrouwen, dingen worden snel doorverteld.",
        "Er is weinig vertrouwen tussen de partijen in de raad, dus je houdt je twijfels voor je.",
        "Binnen het college is het vertrouwen in elkaar de laatste jaren flink gedaald.",
        "Wat je in vertrouwen vertelt, ligt een week later op straat. Daar pas ik voor op.",
        "Ik vertrouw de griffie wel, maar de collega-raadsleden eigenlijk niet echt.",
        "Het ontbreekt aan een veilige sfeer waarin je gewoon kunt zeggen dat je twijfelt.",
        "Als je je kwetsbaar opstelt, wordt dat later tegen je gebruikt in het debat.",
        "Ik heb geen vertrouwen dat een gesprek binnen de vier muren van de kamer blijft.",
        "De sfeer in de staten is gesloten; openheid over dilemma's is er niet bij.",
        "Er wordt veel geroddeld over elkaar, daarom deel ik weinig met anderen.",
        "Ik mis het vertrouwen om een fout toe te geven tegenover de andere fracties.",
        "Je weet nooit wie wat doorvertelt aan de pers, dus ik zeg liever niets.",
    ],
    "represailles": [
        "Ik ben bang dat het mijn positie op de kandidatenlijst kost als ik iets aankaart.",
        "Wie moeilijke vragen stelt over integriteit, wordt door de partij snel gepasseerd.",
        "Angst dat de wethouder het me kwalijk neemt en mijn voorstellen dan blokkeert.",
        "Als je iets meldt over een collega, sta je zelf ineens in de schijnwerpers.",
        "Ik vrees dat het mijn herverkiezing in de weg staat als ik hierover begin.",
        "Bij een eerdere melding werd ik zelf buitengesloten door de fractie.",
        "Je loopt het risico dat je als lastig te boek staat en niets meer bereikt.",
        "De angst voor negatieve publiciteit over mezelf houdt me tegen om iets te zeggen.",
    ],
    "cultuur": [
        "In onze raad is het ieder voor zich, samen nadenken over dilemma's doen we niet.",
        "Het is hier niet gebruikelijk om over integriteit te praten, dat voelt als verdacht.",
        "De cultuur is hard: wie twijfel toont, wordt gezien als zwak.",
        "Over dilemma's praten hoort er bij ons gewoon niet bij, iedereen lost het zelf op.",
        "Het politieke spel maakt dat je elkaar niets gunt, ook niet bij lastige kwesties.",
    ],
    "opvolging": [
        "Eerdere signalen zijn nooit opgepakt, dus waarom zou ik het nog eens proberen.",
        "Er gebeurt niets met wat je aankaart; het verdwijnt in een la bij de griffie.",
        "Ik heb ooit iets gemeld en daarna nooit meer iets gehoord over wat ermee gebeurde.",
    ],
    "aanspreekpunt": [
        "Ik weet eerlijk gezegd niet bij wie ik als raadslid terecht kan met een dilemma.",
    ],
    "werkdruk": [
        "Er is simpelweg geen tijd in de volle vergaderweken om hier rustig over te praten.",
    ],
    "overig": [
        "Dat verschilt per onderwerp en per moment, het is lastig om daar iets algemeens over te zeggen.",
        "Eigenlijk belemmert mij weinig, ik bespreek het meeste gewoon met mijn partner thuis.",
        "Ik zit pas net in de raad en heb nog geen dilemma gehad dat ik wilde bespreken.",
        "Het hangt af van de mensen die er die avond zijn, soms gaat het prima.",
        "Mijn eigen karakter, ik ben van nature niet zo'n prater over dit soort dingen.",
        "De afstand tot het gemeentehuis maakt informeel overleg na afloop lastig.",
        "Digitaal vergaderen maakt het moeilijker om even iemand apart te nemen.",
        "Ik weet niet precies wat wel en niet als dilemma geldt in mijn functie.",
        "Taal is soms een drempel, de stukken zijn erg ambtelijk geschreven.",
        "Ik heb het gevoel dat het onderwerp integriteit te zwaar wordt aangezet.",
    ],
}
QUALITATIVE_SPEC = CodebookSpec(
    question=QUALITATIVE_QUESTION,
    themes=[
        ThemeSpec(code="vertrouwen", label="Gebrek aan vertrouwen en openheid"),
        ThemeSpec(code="represailles", label="Angst voor represailles"),
        ThemeSpec(code="cultuur", label="Een cultuur van ieder voor zich"),
        ThemeSpec(code="opvolging", label="Geen opvolging van meldingen"),
        ThemeSpec(code="aanspreekpunt", label="Onbekend aanspreekpunt"),
        ThemeSpec(code="werkdruk", label="Werkdruk"),
        ThemeSpec(code="overig", label="Overig"),
    ],
)
INTERVIEW_SPEC = CodebookSpec(
    question=INTERVIEW_TOPIC,
    themes=[
        ThemeSpec(code="vertrouwen", label="Gebrek aan vertrouwen en openheid"),
        ThemeSpec(code="represailles", label="Angst voor represailles"),
        ThemeSpec(code="steun", label="Steun van de griffie"),
    ],
)
#: Interview file -> (organisation type, the interviewee's turn, its theme): five of each type, so that a quote
#: may be attributed to its group (k = 5).
INTERVIEW_TURNS: dict[str, tuple[str, str, str]] = {
    "gemeente_1": ("Kleine gemeente", "In een kleine gemeente kent iedereen elkaar, dus wat je vertelt gaat snel "
                   "rond in het dorp.", "vertrouwen"),
    "gemeente_2": ("Kleine gemeente", "Raadsleden zijn bang dat een melding hun plek op de lijst kost bij de "
                   "volgende verkiezingen.", "represailles"),
    "gemeente_3": ("Kleine gemeente", "Je zit met dezelfde mensen in de raad als op de voetbalclub, dan houd je "
                   "je twijfels liever voor je.", "vertrouwen"),
    "gemeente_4": ("Kleine gemeente", "De griffier neemt echt de tijd als je met een vraag over een uitnodiging "
                   "komt.", "steun"),
    "gemeente_5": ("Kleine gemeente", "Wie hier iets aankaart over een wethouder, kan zijn eigen plannen wel "
                   "vergeten.", "represailles"),
    "provincie_1": ("Provincie", "Statenleden delen weinig met elkaar omdat het vertrouwen tussen de fracties laag "
                    "is.", "vertrouwen"),
    "provincie_2": ("Provincie", "De griffie is voor veel statenleden het eerste adres, die denkt goed mee.",
                    "steun"),
    "provincie_3": ("Provincie", "Na een lek naar de pers is niemand meer open over lastige dossiers in de "
                    "commissie.", "vertrouwen"),
    "provincie_4": ("Provincie", "Een gedeputeerde die twijfel toont, krijgt dat in de volgende vergadering op "
                    "zijn brood.", "represailles"),
    "provincie_5": ("Provincie", "Ik merk dat jonge statenleden niet weten dat de griffie vertrouwelijk met hun "
                    "vragen omgaat.", "steun"),
}


def qualitative_study(
    store: Store, tmp_path: Path, *, interviews: bool = True
) -> tuple[QuestionRef, QuestionRef | None]:
    """The study for the kwalitatief report, built with the library: the survey question (population stored) and,
    with ``interviews``, the interview topic with the same theme codes; every answer and turn coded once (anna)."""
    from coding.ingest.survey import SurveyMapping, import_survey
    from coding.ingest.transcripts import import_transcripts
    from coding.store.codebooks import load_codebook
    from coding.store.report_settings import set_report_settings
    from tests.helpers import write_csv

    answers = [(code, text) for code, texts in QUALITATIVE_ANSWERS.items() for text in texts]
    rows = [["respondent_id", "doelgroep", QUALITATIVE_QUESTION]] + [
        [f"R{number:02d}", "raadslid" if number % 2 else "wethouder", text]
        for number, (_, text) in enumerate(answers, start=1)
    ]
    mapping = SurveyMapping(id="respondent_id", texts=[QUALITATIVE_QUESTION], attributes=["doelgroep"],
                            wordings={QUALITATIVE_QUESTION: QUALITATIVE_WORDING})
    import_survey(store, write_csv(tmp_path / "kwalitatief.csv", rows), QUALITATIVE_STUDY, mapping)
    survey = question_ref(store, QUALITATIVE_STUDY, QUALITATIVE_QUESTION)
    load_codebook(store, survey, QUALITATIVE_SPEC, "lead")
    set_report_settings(store, survey, "lead", population=QUALITATIVE_POPULATION)
    _code_texts(store, survey, dict((text, code) for code, text in answers))
    if not interviews:
        return survey, None
    for kind in dict.fromkeys(kind for kind, _, _ in INTERVIEW_TURNS.values()):
        paths = []
        for name, (of_kind, turn, _) in INTERVIEW_TURNS.items():
            if of_kind == kind:
                path = tmp_path / f"{name}.txt"
                path.write_text(f"Interviewer: Wat maakt het lastig om dilemma's te bespreken?\nRespondent: {turn}\n"
                                "Interviewer: Dank u wel.\n", encoding="utf-8")
                paths.append(path)
        import_transcripts(store, paths, QUALITATIVE_STUDY, INTERVIEW_TOPIC, attributes={"organisatietype": kind})
    topic = question_ref(store, QUALITATIVE_STUDY, INTERVIEW_TOPIC)
    load_codebook(store, topic, INTERVIEW_SPEC, "lead")
    _code_texts(store, topic, {turn: theme for _, turn, theme in INTERVIEW_TURNS.values()})
    return survey, topic


def _code_texts(store: Store, question: QuestionRef, theme_of: dict[str, str]) -> None:
    """Code each substantive segment whose text is a key of ``theme_of`` with that theme (coder anna)."""
    ids = dict(theme_table(store, question)[["code", "theme_id"]].itertuples(index=False))
    segments = segments_frame(store, question, substantive_only=True)
    by_theme: dict[str, list[int]] = {}
    for segment_id, text in zip(segments["segment_id"], segments["text"], strict=True):
        by_theme.setdefault(theme_of[str(text)], []).append(int(segment_id))
    for code, segment_ids in by_theme.items():
        code_segments(store, segment_ids, int(ids[code]), "anna")
