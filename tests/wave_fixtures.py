"""Synthetic question data with waves (no database): respondents, segments and codings per wave, built from counts.

Respondent ids repeat across waves on purpose (R1 of 2022 and R1 of 2024 are two respondents).
"""

from __future__ import annotations

import pandas as pd

from coding.analysis.model import QuestionData

THEMES = pd.DataFrame(
    [
        [1, "a", "Thema A", None, "", 0, False, None],
        [2, "b", "Thema B", None, "", 1, False, None],
        [3, "overig", "Overig", None, "", 2, False, None],
        [4, "geen_inhoudelijk_antwoord", "Geen inhoudelijk antwoord", None, "", 3, False, None],
    ],
    columns=["theme_id", "code", "label", "parent", "definition", "position", "retired", "merged_into"],
)


def wave_rows(
    wave: str,
    n: int,
    mentions: dict[str, int],
    *,
    weight: float | list[float] = 1.0,
    dont_know: int = 0,
    empty: int = 0,
    not_asked: int = 0,
    asked: bool = True,
    uncoded: int = 0,
) -> dict[str, list[list[object]]]:
    """One wave: ``n`` substantive answers, the first ``mentions[code]`` of them coded ``code`` (overig for the rest),
    then ``dont_know`` 'weet niet' answers, ``empty`` empty answers and ``not_asked`` respondents not asked (with a
    substantive text and a coding 'a', which must never count). ``asked=False``: nobody got the question; the last
    ``uncoded`` substantive answers have no coding yet."""
    respondents, segments, codings = [], [], []
    total = n + dont_know + empty + not_asked
    weights = weight if isinstance(weight, list) else [weight] * total
    for index in range(total):
        rid = f"R{index + 1}"
        respondents.append([rid, "respondent", weights[index], wave, "x" if index % 2 else "y"])
        if not asked:
            continue
        kind = "ok" if index < n else "wn" if index < n + dont_know else "leeg" if index < n + dont_know + empty \
            else "nietgevraagd"
        text = {"wn": "weet niet", "leeg": ""}.get(kind, f"Een inhoudelijk antwoord nummer {index} van {wave}.")
        segment_id = int(wave) * 1000 + index
        segments.append([segment_id, rid, 0, text, None, None, None, kind in ("ok", "nietgevraagd"),
                         {"wn": "weet niet", "leeg": "leeg"}.get(kind), len(text.split()), "", False, wave,
                         kind != "nietgevraagd"])
        themes = [code for code, k in mentions.items() if index < k] if kind == "ok" else []
        if kind == "nietgevraagd":
            themes = ["a"]
        if n - uncoded <= index < n:
            continue
        for code in themes or (["overig"] if kind == "ok" else []):
            codings.append([rid, segment_id, "vraag", code, code, "anna", "manual",
                            pd.Timestamp("2026-01-01T10:00:00Z"), wave])
    return {"respondents": respondents, "segments": segments, "codings": codings}


def wave_data_of(*waves: dict[str, list[list[object]]], routing: dict[str, tuple[str, str]] | None = None,
                 weights: bool = False) -> QuestionData:
    """A question's data over the given waves (made with :func:`wave_rows`)."""
    respondents = pd.DataFrame([r for w in waves for r in w["respondents"]],
                               columns=["respondent_id", "kind", "weight", "wave", "groep"])
    if not weights:
        respondents["weight"] = None
    segments = pd.DataFrame(
        [s for w in waves for s in w["segments"]],
        columns=["segment_id", "respondent_id", "position", "text", "speaker", "start_char", "end_char",
                 "substantive", "nonsubstantive_reason", "word_count", "memo", "is_quote", "wave", "asked"],
    )
    codings = pd.DataFrame(
        [c for w in waves for c in w["codings"]],
        columns=["respondent_id", "segment_id", "question", "theme", "theme_label", "coder", "source", "created_at",
                 "wave"],
    )
    return QuestionData("golven", "vraag", "Wat belemmert u?", "survey", THEMES.copy(), segments, codings,
                        respondents, pd.DataFrame(), routing=routing or {})
