"""The fictional demo study: two waves (2022, 2024) of a survey with a routed and an unrouted open question, and
three interview transcripts — coded far enough that every page, and the report with its trend table, has content.

- ``belemmeringen`` was only asked to respondents who do not feel free to discuss a dilemma (``voelt_zich_vrij =
  nee``); ``vrij_voelen`` was asked to everyone. The data are in data/demo (all of it made up, see its README).
- 2022 is finished: coder anna coded every answer, a double-coding sample was also coded by bram, and lieke settled
  their disagreements (adjudicated).
- 2024 is under way: anna coded all of ``vrij_voelen`` and half of ``belemmeringen``, whose answers are
  pre-clustered.

The codings are given by the codebook's keywords (a deterministic stand-in for a coder), so the demo loads in a few
seconds and every run gives the same study. Everything goes through the library's own functions.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from coding.codebook import CodebookSpec, load_codebook_file
from coding.design import parse_routing
from coding.errors import NotFoundError
from coding.ingest.survey import SurveyMapping, import_survey
from coding.ingest.transcripts import import_transcripts
from coding.progress import Progress, no_progress
from coding.store import QuestionRef, Store, question_ref
from coding.store.codebooks import get_codebook, load_codebook, theme_table
from coding.store.codings import code_segments
from coding.store.double_coding import adjudicate, save_sample
from coding.store.imports import ImportReport
from coding.store.segments import segments_frame
from coding.store.studies import list_studies
from coding.vocabulary import Source

ROOT = Path(__file__).resolve().parents[1]
DEMO_DIR = ROOT / "data" / "demo"
CODEBOOK = ROOT / "codebooks" / "integriteit.yaml"

DEMO_STUDY = "Monitor Integriteit (demo)"

#: The waves, oldest first, each one file.
WAVES = ("2022", "2024")
WAVE_FILE = "meting_{wave}.csv"

WORDINGS = {
    "belemmeringen": "Wat belemmert u om een dilemma of kwestie met collega's te bespreken?",
    "vrij_voelen": "Wat zorgt ervoor dat u zich vrij voelt om een dilemma of kwestie te bespreken?",
}
#: Who was asked the routed question (``--asked-if "belemmeringen:voelt_zich_vrij=nee"``), with words for the report.
ROUTING = {"belemmeringen": parse_routing("voelt_zich_vrij=nee", description="respondenten die zich niet vrij voelen")}
ATTRIBUTES = ["doelgroep", "bestuurslaag", "functie", "geslacht", "leeftijdsgroep", "voelt_zich_vrij"]

#: Transcript files with the organisation type used to attribute their quotes.
INTERVIEWS = {
    "kleine_gemeente.docx": "Kleine gemeente",
    "provincie.docx": "Provincie",
    "waterschap.docx": "Waterschap",
}
INTERVIEW_QUESTION = "interviews"
INTERVIEW_WORDING = "Interviews: integriteitsdilemma's bespreekbaar maken"

#: The demo's coders: who codes everything, who double-codes the sample, who settles disagreements.
CODER, SECOND_CODER, ADJUDICATOR = "anna", "bram", "lieke"
#: Answers per question in the 2022 double-coding sample, and the share of 2024 answers coded so far.
SAMPLE_SIZE = 40
CODED_2024 = {"belemmeringen": 0.5, "vrij_voelen": 1.0}
#: Themes the keyword coder never gives (they need a human judgement).
NOT_BY_KEYWORD = frozenset({"overig", "geen_inhoudelijk_antwoord"})


def keyword_themes(spec: CodebookSpec, text: str) -> list[str]:
    """The themes whose keywords occur in ``text``, else 'overig' (when the codebook has it)."""
    lower = text.lower()
    hits = [t.code for t in spec.themes
            if t.code not in NOT_BY_KEYWORD and any(k.lower() in lower for k in t.keywords)]
    return hits or [t.code for t in spec.themes if t.code == "overig"]


def second_opinion(themes: list[str], segment_id: int) -> list[str]:
    """The second coder's themes: mostly the same, but some answers coded differently (so there is something to
    settle): every fifth answer only its first theme plus 'overig', every seventh without its last theme."""
    if segment_id % 5 == 0:
        return list(dict.fromkeys([themes[0], "overig"]))
    if segment_id % 7 == 0 and len(themes) > 1:
        return themes[:-1]
    return themes


def _code(store: Store, question: QuestionRef, coded: dict[int, list[str]], coder: str) -> None:
    """Give each segment its themes, one call per theme (the library's bulk coding)."""
    ids = dict(theme_table(store, question)[["code", "theme_id"]].itertuples(index=False))
    by_theme: dict[str, list[int]] = {}
    for segment_id, themes in coded.items():
        for code in themes:
            by_theme.setdefault(code, []).append(segment_id)
    for code, segment_ids in by_theme.items():
        code_segments(store, segment_ids, int(ids[code]), coder, source=Source.MANUAL)


def _answers(store: Store, question: QuestionRef, wave: str) -> pd.DataFrame:
    segments = segments_frame(store, question, substantive_only=True)
    return segments[segments["wave"].astype(str) == wave]


def code_demo(store: Store, actor: str = "demo") -> None:
    """Code the demo survey: 2022 fully, double-coded sample settled; 2024 half; 2024 belemmeringen clustered."""
    from coding.nlp.runs import cluster_question

    for name in WORDINGS:
        question = question_ref(store, DEMO_STUDY, name)
        spec = get_codebook(store, question)
        old = _answers(store, question, WAVES[0])
        themes = {int(s): keyword_themes(spec, str(t)) for s, t in zip(old["segment_id"], old["text"], strict=True)}
        sample = sorted(themes)[::max(1, len(themes) // SAMPLE_SIZE)][:SAMPLE_SIZE]
        save_sample(store, question, [CODER, SECOND_CODER], sample, seed=int(WAVES[0]), share=None, actor=actor)
        _code(store, question, themes, CODER)
        second = {s: second_opinion(themes[s], s) for s in sample}
        _code(store, question, second, SECOND_CODER)
        for segment_id in sample:
            if set(second[segment_id]) != set(themes[segment_id]):
                adjudicate(store, segment_id, themes[segment_id], ADJUDICATOR, note="demo: codering van anna")
        new = _answers(store, question, WAVES[-1])
        some = new.iloc[: int(len(new) * CODED_2024[name])]
        _code(store, question, {int(s): keyword_themes(spec, str(t))
                                for s, t in zip(some["segment_id"], some["text"], strict=True)}, CODER)
    cluster_question(store, question_ref(store, DEMO_STUDY, "belemmeringen"), wave=WAVES[-1], seed=0, actor=actor)


def _import_wave(store: Store, wave: str, actor: str, progress: Progress) -> ImportReport:
    mapping = SurveyMapping(id="respondent_id", texts=list(WORDINGS), attributes=ATTRIBUTES, weight="weging",
                            wordings=WORDINGS)
    return import_survey(store, DEMO_DIR / WAVE_FILE.format(wave=wave), DEMO_STUDY, mapping, actor=actor,
                         progress=progress, wave=wave, asked_if=ROUTING)


def load_demo(store: Store, *, actor: str = "demo", progress: Progress = no_progress) -> list[ImportReport]:
    """Load the demo study and code it (see the module docstring). A second call changes nothing and returns []."""
    missing = [f for f in (DEMO_DIR / WAVE_FILE.format(wave=w) for w in WAVES) if not f.exists()]
    if missing:
        raise NotFoundError(
            f"De demo-gegevens ontbreken ({missing[0]}).",
            hint="Draai `coding demo` vanuit een checkout van de repository.",
        )
    studies = list_studies(store)
    if not studies.empty and DEMO_STUDY in set(studies["study"]):
        return []
    reports = [_import_wave(store, wave, actor, progress) for wave in WAVES]
    codebook = load_codebook_file(CODEBOOK)
    for question, wording in WORDINGS.items():
        load_codebook(store, question_ref(store, DEMO_STUDY, question), codebook.for_question(question, wording), actor)
    reports += _interviews(store, actor, INTERVIEWS)
    code_demo(store, actor)
    return reports


def _interviews(store: Store, actor: str, files: dict[str, str]) -> list[ImportReport]:
    return [
        import_transcripts(store, [DEMO_DIR / "interviews" / filename], DEMO_STUDY, INTERVIEW_QUESTION,
                           attributes={"organisatietype": organisation}, wording=INTERVIEW_WORDING, actor=actor,
                           wave=WAVES[-1])
        for filename, organisation in files.items()
    ]
