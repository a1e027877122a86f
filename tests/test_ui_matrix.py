"""Every page registered in app_streamlit.py × the states a workspace goes through: each renders without an
exception and shows a next step.

The states are built with the library (import, codebook, codings, double coding), not with the demo:

1. an empty database; 2. a study without questions; 3. a question without a codebook; 4. a codebook, nothing coded;
5. an interview question; 6. double coding in progress with disagreements; 7. a question with 23,604 answers
(synthetic, generated here).

Each state is one SQLite database built once for the module; the pages only read it (a page that wrote on
rendering would show up as a changed event count, checked at the end).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from coding.ingest.survey import SurveyMapping, import_survey
from coding.ingest.transcripts import import_transcripts
from coding.store import Store, connect, question_ref
from coding.store.codebooks import load_codebook, theme_table
from coding.store.codings import add_coding
from coding.store.models import Event
from coding.store.segments import segments_frame
from coding.store.workspace import create_study
from coding.work.double_coding import draw_sample
from tests.helpers import write_csv
from tests.store_fixtures import SPEC
from tests.ui_helpers import page_app

ROOT = Path(__file__).resolve().parents[1]
STUDY = "matrix"
QUESTION = "belemmeringen"
TOPIC = "gesprek"


def registered_pages() -> list[str]:
    """The page modules app_streamlit.py routes to (st.Page(<module>.render, …)), in its order, each once (Start
    has a second, hidden address)."""
    source = (ROOT / "app_streamlit.py").read_text(encoding="utf-8")
    return list(dict.fromkeys(re.findall(r"st\.Page\((\w+)\.render", source)))


PAGES = registered_pages()

WORDS = {
    "vertrouwen": ["vertrouw", "leidinggevende", "roddels", "veilig", "wantrouwen"],
    "opvolging": ["melding", "opgevolgd", "terugkoppeling", "niks", "verandert"],
    "represailles": ["bang", "gevolgen", "ontslag", "wraak", "lastpak"],
}


def _answers(n: int, seed: int) -> list[tuple[str, str]]:
    """``n`` synthetic answers (text, theme) from a few words per theme; no real data."""
    rng = np.random.default_rng(seed)
    themes = list(WORDS)
    rows = []
    for i in range(n):
        theme = themes[i % len(themes)]
        words = rng.choice(WORDS[theme], size=3)
        rows.append((f"antwoord {i}: {' '.join(words)} op het werk", theme))
    return rows


def _survey(store: Store, tmp_path: Path, n: int, name: str) -> list[str]:
    rows = [["respondent_id", "regio", QUESTION]]
    answers = _answers(n, seed=n)
    rows += [[f"R{i:05d}", ["Noord", "Zuid"][i % 2], text] for i, (text, _) in enumerate(answers)]
    rows.append([f"R{n:05d}", "Noord", "weet niet"])
    import_survey(store, write_csv(tmp_path / f"{name}.csv", rows), STUDY,
                  SurveyMapping(id="respondent_id", texts=[QUESTION], attributes=["regio"]))
    return [theme for _, theme in answers]


def _coded(store: Store, truth: list[str], coder: str, upto: int) -> None:
    question = question_ref(store, STUDY, QUESTION)
    themes = dict(zip(theme_table(store, question)["code"], theme_table(store, question)["theme_id"], strict=True))
    segments = segments_frame(store, question, substantive_only=True)
    for segment_id, theme in list(zip(segments["segment_id"], truth, strict=False))[:upto]:
        add_coding(store, int(segment_id), int(themes[theme]), coder)


def empty(store: Store, tmp_path: Path) -> None:
    """(1) a new database: nothing in it."""


def no_questions(store: Store, tmp_path: Path) -> None:
    """(2) a study was made, nothing imported yet."""
    create_study(store, STUDY, "lead")


def no_codebook(store: Store, tmp_path: Path) -> None:
    """(3) answers imported, no themes yet."""
    _survey(store, tmp_path, 40, "s3")


def nothing_coded(store: Store, tmp_path: Path) -> None:
    """(4) a codebook, no codings."""
    _survey(store, tmp_path, 40, "s4")
    load_codebook(store, question_ref(store, STUDY, QUESTION), SPEC, "lead")


def interview(store: Store, tmp_path: Path) -> None:
    """(5) an interview question (two transcripts) with a codebook."""
    files = []
    for name, speaker in (("wethouder", "Wethouder De Boer"), ("griffier", "Griffier Jansen")):
        path = tmp_path / f"{name}.txt"
        path.write_text("\n".join([
            f"Interview {name}", "Interviewer: Wat belemmert u om een dilemma te bespreken?",
            f"{speaker}: Vooral het vertrouwen in de fractie, alles komt op straat te liggen.",
            "Interviewer: En wat helpt?", f"{speaker}: Een goede vertrouwenspersoon die luistert.",
        ]), encoding="utf-8")
        files.append(path)
    import_transcripts(store, files, STUDY, TOPIC)
    load_codebook(store, question_ref(store, STUDY, TOPIC), SPEC, "lead")


def double_coding(store: Store, tmp_path: Path) -> None:
    """(6) a double-coding sample that anna and bram coded differently, not yet adjudicated."""
    truth = _survey(store, tmp_path, 40, "s6")
    question = question_ref(store, STUDY, QUESTION)
    load_codebook(store, question, SPEC, "lead")
    sample = draw_sample(store, question, ["anna", "bram"], size=6, seed=1, actor="lead")
    themes = theme_table(store, question)["theme_id"].astype(int).tolist()
    for k, segment_id in enumerate(sample.segment_ids):
        add_coding(store, segment_id, themes[0], "anna")
        add_coding(store, segment_id, themes[0] if k % 2 else themes[1], "bram")  # disagree on half
    _coded(store, truth, "chef", 12)


def large(store: Store, tmp_path: Path) -> None:
    """(7) 23,604 answers with a codebook and 40 coded."""
    truth = _survey(store, tmp_path, 23_604, "s7")
    load_codebook(store, question_ref(store, STUDY, QUESTION), SPEC, "lead")
    _coded(store, truth, "anna", 40)


STATES: dict[str, Callable[[Store, Path], None]] = {
    "empty": empty, "no_questions": no_questions, "no_codebook": no_codebook, "nothing_coded": nothing_coded,
    "interview": interview, "double_coding": double_coding, "large": large,
}

#: The study and question a coder has open in the sidebar in each state (the URL holds them).
OPEN = {
    "empty": (None, None), "no_questions": (STUDY, None), "no_codebook": (STUDY, QUESTION),
    "nothing_coded": (STUDY, QUESTION), "interview": (STUDY, TOPIC), "double_coding": (STUDY, QUESTION),
    "large": (STUDY, QUESTION),
}


@pytest.fixture(scope="module")
def databases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """One SQLite database per state, built once for the module."""
    urls = {}
    for name, build in STATES.items():
        folder = tmp_path_factory.mktemp(name)
        url = f"sqlite:///{folder / 'state.sqlite'}"
        store = connect(url)
        build(store, folder)
        store.dispose()
        urls[name] = url
    return urls


@pytest.fixture
def state_store(request: pytest.FixtureRequest, databases: dict[str, str],
                monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Store]]:
    name = request.param
    monkeypatch.setenv("CODING_DB_URL", databases[name])
    store = connect(databases[name])
    yield name, store
    store.dispose()


def event_count(store: Store) -> int:
    with store.read() as session:
        return int(session.scalar(select(func.count(Event.id))) or 0)


def _texts(app: AppTest) -> str:
    kinds = ("title", "header", "subheader", "info", "caption", "markdown", "text", "warning", "success", "error")
    parts = [e.value for kind in kinds for e in getattr(app, kind)]
    parts += [b.label for b in app.button] + [t.label for t in app.tabs]
    return "\n".join(str(p) for p in parts)


#: What shows the coder where to go next (a page to open, something to make or import, or the work itself).
NEXT_STEP = re.compile(
    r"Kies|Maak|Importeer|Laad|Voeg|Codeer|Clusteren|Volgende|Trek|pagina|Rapport|Thema toevoegen|Exporteer|"
    r"Download|Beoordeel|Toewijzen|naam in|Neem over",
)


@pytest.mark.parametrize("state_store", list(STATES), indirect=True)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_in_every_state_renders_and_shows_a_next_step(page: str, state_store: tuple[str, Store]) -> None:
    name, store = state_store
    study, question = OPEN[name]
    before = event_count(store)
    app = page_app(page, study=study, question=question, timeout=120).run()
    assert not app.exception, (page, name, app.exception)
    shown = _texts(app)
    assert NEXT_STEP.search(shown), (page, name, shown[:2000])
    assert event_count(store) == before  # rendering a page changes nothing


def test_the_matrix_covers_every_registered_page() -> None:
    assert PAGES == ["start", "codebook", "clusters", "code_answers", "review", "progress", "report"]


#: What the Start and Voortgang pages name as the next step in each state that has a study.
NAMED_STEP = {
    "no_questions": "importeer", "no_codebook": "maak thema's op de pagina Codeboek",
    "nothing_coded": "codeer de eerste antwoorden", "interview": "codeer de eerste antwoorden",
    "double_coding": "codeer verder op de pagina Coderen", "large": "codeer verder op de pagina Coderen (23.564",
}


@pytest.mark.parametrize("state_store", list(NAMED_STEP), indirect=True)
@pytest.mark.parametrize("page", ["start", "progress"])
def test_start_and_progress_name_the_next_step(page: str, state_store: tuple[str, Store]) -> None:
    name, _ = state_store
    study, question = OPEN[name]
    app = page_app(page, study=study, question=question, timeout=120).run()
    assert NAMED_STEP[name].lower() in _texts(app).lower(), (page, name)
    titles = set(re.findall(r'title="([^"]+)"', (ROOT / "app_streamlit.py").read_text(encoding="utf-8")))
    named = set(re.findall(r"de pagina (\w+)", _texts(app)))
    assert named <= titles, (page, name, named - titles)  # the step names pages the sidebar has
