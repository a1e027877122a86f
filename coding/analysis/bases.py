"""Who a question's figures are about: the waves of a study, the answers of one wave, and the basis.

A respondent who was not asked a question (routing) is never in its basis or in any count: their segments are
left out before anything is counted. Of the respondents who were asked, the basis holds those with an answer —
with ``exclusief`` (the default) only those with a substantive answer, with ``inclusief`` also those who answered
'weet niet', 'geen', '-' and the like. An empty cell (asked, no answer) is never in the basis.

Respondent ids repeat across waves (the same id in two waves is two respondents), so figures are always computed
within one wave: :func:`wave_data` cuts a question's data down to one wave.
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from coding.analysis.model import BASE_EXCLUSIVE, BASE_INCLUSIVE, QuestionData
from coding.design import wave_key
from coding.errors import CodingError

#: The column holding the wave label in the store's frames (respondents, segments, codings).
WAVE = "wave"
#: The column saying whether a segment's respondent was asked the question (False: not asked, by routing).
ASKED = "asked"
#: The reason stored for an empty answer: asked, but nothing filled in — never in a basis.
EMPTY_REASON = "leeg"


def wave_sort_key(label: str) -> tuple[object, ...]:
    """Natural order of wave labels (2016 < 2018 < 2024, '2' < '10')."""
    key: tuple[object, ...] = wave_key(label)
    return key


def _labels(frame: pd.DataFrame) -> list[str]:
    if WAVE not in frame.columns or frame.empty:
        return []
    return [str(w) for w in frame[WAVE].dropna().unique()]


def study_waves(data: QuestionData) -> list[str]:
    """The waves of the question's study, in natural order (empty when the study has no wave labels)."""
    return sorted(set(_labels(data.respondents)) | set(_labels(data.segments)), key=wave_sort_key)


def asked_segments(segments: pd.DataFrame) -> pd.DataFrame:
    """The segments of respondents who were asked the question (all of them when nothing says otherwise)."""
    if ASKED not in segments.columns:
        return segments
    return segments[segments[ASKED].fillna(True).astype(bool)]


def asked_waves(data: QuestionData) -> list[str]:
    """The waves in which the question was asked (someone has an asked segment of it), in natural order."""
    return sorted(set(_labels(asked_segments(data.segments))), key=wave_sort_key)


def wave_data(data: QuestionData, wave: str) -> QuestionData:
    """The question's data within one wave: its respondents, their segments and codings."""

    def within(frame: pd.DataFrame) -> pd.DataFrame:
        if WAVE not in frame.columns or frame.empty:
            return frame
        return frame[frame[WAVE].astype(str) == wave].reset_index(drop=True)

    segments = within(data.segments)
    codings = within(data.codings)
    if WAVE not in data.codings.columns and not codings.empty:
        codings = codings[codings["segment_id"].isin(set(segments["segment_id"]))].reset_index(drop=True)
    return dataclasses.replace(data, segments=segments, codings=codings, respondents=within(data.respondents),
                               routing={wave: data.routing[wave]} if wave in data.routing else {})


def chosen_wave(data: QuestionData, wave: str | None) -> str | None:
    """The wave a report is of: ``wave`` when given (checked), else the latest in which the question was asked."""
    waves = study_waves(data)
    if wave is None:
        asked = asked_waves(data)
        return asked[-1] if asked else (waves[-1] if waves else None)
    if wave not in waves:
        raise CodingError(
            f"Meting '{wave}' bestaat niet in studie '{data.study}'.",
            hint="Kies uit: " + (", ".join(waves) if waves else "(de studie heeft geen metingen)"),
        )
    return wave


def base_respondents(segments: pd.DataFrame, only_nonsubstantive: set[str], base: str) -> tuple[list[str], set[str]]:
    """The basis respondents (in answer order) and, of them, those without a substantive answer.

    ``segments`` are the asked segments of one wave; ``only_nonsubstantive`` the respondents whose only final themes
    are 'geen inhoudelijk antwoord'.
    """
    if base not in (BASE_EXCLUSIVE, BASE_INCLUSIVE):
        raise CodingError(f"Onbekende basis '{base}'.", hint=f"Kies {BASE_EXCLUSIVE} of {BASE_INCLUSIVE}.")
    segments = asked_segments(segments)
    substantive = segments["substantive"].astype(bool)
    with_content = {str(r) for r in segments.loc[substantive, "respondent_id"]} - only_nonsubstantive
    if base == BASE_EXCLUSIVE:
        answered = segments[substantive]
    else:
        reason = segments["nonsubstantive_reason"].astype(object)
        answered = segments[substantive | (reason.notna() & (reason.astype(str) != EMPTY_REASON))]
    ids = list(dict.fromkeys(answered["respondent_id"].astype(str)))
    if base == BASE_EXCLUSIVE:
        ids = [r for r in ids if r not in only_nonsubstantive]
    return ids, {r for r in ids if r not in with_content}


def population(data: QuestionData, wave: str | None, given: str | None, interviews: bool) -> tuple[str, str | None]:
    """Who was asked, in words and as a condition: the routing of ``wave`` unless the user said (``given``)."""
    routing = data.routing.get(wave) if wave is not None else None
    if routing is None and len(data.routing) == 1 and wave is None:
        routing = next(iter(data.routing.values()))
    words = (given or "").strip()
    if words:
        return words, routing[1] if routing else None
    if routing:
        return routing
    return ("alle interviews" if interviews else "alle respondenten"), None

