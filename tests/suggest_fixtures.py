"""A written Dutch corpus for the suggester's tests: answers to "Wat belemmert u om een dilemma te bespreken?".

Each theme has its own phrases, written for these tests; an answer joins one or two phrases of one theme (and
sometimes one of a second theme, so some answers have two themes) with openers and fillers shared by all themes.
A fixed share of answers carries a wrong theme, as a hurried coder would give, so that probabilities below 1 are
the right answer and calibration can be checked. Everything is generated from a seed: no real data.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from coding.codebook import CodebookSpec, ThemeSpec
from coding.store import Store
from coding.store.codebooks import load_codebook, theme_table
from coding.store.codings import add_coding
from coding.store.segments import segments_frame
from tests.store_fixtures import small_question, small_study

PHRASES = {
    "vertrouwen": [
        "ik vertrouw mijn collega's niet", "alles wordt doorverteld", "er is geen veilige sfeer",
        "mijn leidinggevende is niet te vertrouwen", "er heerst wantrouwen in het team", "roddels gaan hier snel rond",
        "ik voel me niet veilig om iets te zeggen", "openheid ontbreekt volledig", "vertrouwelijk blijft hier niets",
        "ze praten achter je rug over je", "ik weet niet wie ik kan vertrouwen", "de sfeer is gesloten",
    ],
    "opvolging": [
        "er gebeurt toch niks mee", "meldingen worden niet opgevolgd", "je hoort nooit meer iets terug",
        "het verdwijnt in een la", "het management doet er niets mee", "eerdere meldingen liepen op niets uit",
        "er komt geen terugkoppeling", "het blijft bij praten", "het is zinloos want er verandert niets",
        "niemand pakt het op", "de vertrouwenspersoon reageert niet", "na een melding blijft het stil",
    ],
    "represailles": [
        "ik ben bang voor de gevolgen", "ik heb angst om ontslagen te worden", "het wordt later tegen je gebruikt",
        "je krijgt een stempel als lastpak", "ik vrees voor mijn carrière", "dan word je buitengesloten",
        "straks krijg ik geen promotie meer", "wie klaagt ligt eruit", "je wordt gezien als verklikker",
        "ik ben bang voor wraak van de wethouder", "mijn contract wordt dan niet verlengd", "je wordt weggepest",
    ],
    "tijd": [
        "daar is geen tijd voor", "de werkdruk is veel te hoog", "we hebben geen teamoverleg meer",
        "het is altijd veel te druk", "er is geen moment om het te bespreken", "alle agenda's zitten vol",
        "iedereen werkt thuis", "we zien elkaar nauwelijks", "vergaderingen gaan alleen over de planning",
        "er is geen ruimte in het rooster", "ik heb het te druk met mijn eigen werk", "de deadlines gaan voor",
    ],
}
OPENERS = ["", "eerlijk gezegd ", "tja, ", "nou, ", "vooral omdat ", "soms ", "in mijn team ",
           "bij ons op de afdeling ", "ik denk dat ", "kort gezegd: "]
FILLERS = ["", " en dat merk je", " helaas", ", echt waar", " al jaren", " op de afdeling", " met collega's",
           " bij de gemeente", "."]
THEMES = list(PHRASES)

#: A codebook for the corpus, with keywords and an example per theme (written, not taken from the corpus).
CODEBOOK = CodebookSpec(
    question="belemmeringen",
    themes=[
        ThemeSpec(code="vertrouwen", label="Gebrek aan vertrouwen", keywords=["vertrouwen", "wantrouwen", "roddel"],
                  examples=["Ik durf mijn collega's niets toe te vertrouwen"]),
        ThemeSpec(code="opvolging", label="Geen opvolging", keywords=["opgevolgd", "terugkoppeling", "niks mee"],
                  examples=["Er wordt niets gedaan met wat je meldt"]),
        ThemeSpec(code="represailles", label="Angst voor represailles", keywords=["bang", "angst", "ontslagen"],
                  examples=["Ik ben bang dat het me mijn baan kost"]),
        ThemeSpec(code="tijd", label="Geen tijd of gelegenheid", keywords=["tijd", "werkdruk", "druk"],
                  examples=["We hebben er gewoon geen tijd voor"]),
    ],
)


def corpus(
    n: int, *, seed: int = 0, noise: float = 0.1, second_theme: float = 0.15
) -> list[tuple[str, tuple[str, ...]]]:
    """``n`` answers with their themes (first = main theme); a share ``noise`` carries a wrong main theme."""
    rng = np.random.default_rng(seed)
    rows = []
    for _ in range(n):
        theme = THEMES[int(rng.integers(len(THEMES)))]
        phrases = list(rng.choice(PHRASES[theme], size=int(rng.integers(1, 3)), replace=False))
        themes = [theme]
        if rng.random() < second_theme:
            other = THEMES[int(rng.integers(len(THEMES)))]
            if other != theme:
                phrases.append(str(rng.choice(PHRASES[other])))
                themes.append(other)
        text = str(rng.choice(OPENERS)) + " en ".join(phrases) + str(rng.choice(FILLERS))
        if rng.random() < noise:
            themes[0] = THEMES[(THEMES.index(theme) + int(rng.integers(1, len(THEMES)))) % len(THEMES)]
        rows.append((text[0].upper() + text[1:], tuple(dict.fromkeys(themes))))
    return rows


def survey_rows(n: int, *, seed: int = 0) -> tuple[list[list[str]], dict[str, tuple[str, ...]]]:
    """A survey file's rows (header first, for ``tests.store_fixtures.small_study``) and the themes per respondent."""
    header = ["respondent_id", "doelgroep", "bestuurslaag", "weging", "belemmeringen"]
    rows, themes = [header], {}
    for i, (text, labels) in enumerate(corpus(n, seed=seed), start=1):
        rows.append([f"R{i:03d}", "medewerker" if i % 3 else "politieke ambtsdrager", "gemeente", "1.0", text])
        themes[f"R{i:03d}"] = labels
    return rows, themes


def coded_study(store: Store, tmp_path: Path, n: int = 60, coded: int = 40) -> tuple[dict[str, int], list[int]]:
    """The written corpus as a survey with :data:`CODEBOOK`; ``anna`` coded the first ``coded`` answers with their
    themes. Returns theme ids by code and the substantive answers' ids."""
    rows, truth = survey_rows(n, seed=4)
    small_study(store, tmp_path, rows)
    question = small_question(store)
    load_codebook(store, question, CODEBOOK, "lead")
    table = theme_table(store, question)
    themes = {str(c): int(i) for c, i in zip(table["code"], table["theme_id"], strict=True)}
    segments = segments_frame(store, question, substantive_only=True)
    ids = [int(s) for s in segments["segment_id"]]
    for segment_id, respondent in zip(ids[:coded], segments["respondent_id"][:coded], strict=True):
        for code in truth[respondent]:
            add_coding(store, segment_id, themes[code], "anna")
    return themes, ids
