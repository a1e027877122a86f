"""Studies with codings for the report tests: the demo study coded by its codebook's keywords, and a tiny study."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from coding.analysis.model import QuestionData
from coding.demo import DEMO_STUDY, WORDINGS, keyword_themes, load_demo
from coding.store import Store, question_ref
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
