"""The fictional demo study: a survey with two open questions and three interview transcripts."""

from __future__ import annotations

from pathlib import Path

from coding.codebook import load_codebook_file
from coding.errors import NotFoundError
from coding.ingest.survey import SurveyMapping, import_survey
from coding.ingest.transcripts import import_transcripts
from coding.progress import Progress, no_progress
from coding.store import Store, question_ref
from coding.store.codebooks import load_codebook
from coding.store.imports import ImportReport

ROOT = Path(__file__).resolve().parents[1]
DEMO_DIR = ROOT / "data" / "demo"
CODEBOOK = ROOT / "codebooks" / "integriteit.yaml"

DEMO_STUDY = "Monitor Integriteit (demo)"

WORDINGS = {
    "belemmeringen": "Wat belemmert u om een dilemma of kwestie met collega's te bespreken?",
    "vrij_voelen": "Wat zorgt ervoor dat u zich vrij voelt om een dilemma of kwestie te bespreken?",
}

#: Transcript files with the organisation type used to attribute their quotes.
INTERVIEWS = {
    "kleine_gemeente.docx": "Kleine gemeente",
    "provincie.docx": "Provincie",
    "waterschap.docx": "Waterschap",
}
INTERVIEW_QUESTION = "interviews"
INTERVIEW_WORDING = "Interviews: integriteitsdilemma's bespreekbaar maken"


def load_demo(store: Store, *, actor: str = "demo", progress: Progress = no_progress) -> list[ImportReport]:
    """Load the demo study (idempotent: loading it twice changes nothing)."""
    survey = DEMO_DIR / "enquete.csv"
    if not survey.exists():
        raise NotFoundError(
            f"De demo-gegevens ontbreken ({survey}).",
            hint="Draai `coding demo` vanuit een checkout van de repository.",
        )
    mapping = SurveyMapping(
        id="respondent_id",
        texts=list(WORDINGS),
        attributes=["doelgroep", "bestuurslaag", "functie", "geslacht", "leeftijdsgroep"],
        weight="weging",
        wordings=WORDINGS,
    )
    reports = [import_survey(store, survey, DEMO_STUDY, mapping, actor=actor, progress=progress)]
    codebook = load_codebook_file(CODEBOOK)
    for question, wording in WORDINGS.items():
        load_codebook(store, question_ref(store, DEMO_STUDY, question), codebook.for_question(question, wording), actor)
    for filename, organisation in INTERVIEWS.items():
        reports.append(
            import_transcripts(
                store,
                [DEMO_DIR / "interviews" / filename],
                DEMO_STUDY,
                INTERVIEW_QUESTION,
                attributes={"organisatietype": organisation},
                wording=INTERVIEW_WORDING,
                actor=actor,
            )
        )
    return reports
