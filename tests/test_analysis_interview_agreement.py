"""Agreement on interviews: per turn (does the turn carry the theme) and character-overlap F1 of the passages."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from coding.analysis.agreement import OVERALL, OVERLAP_METHOD, agreement_table, format_agreement, passage_overlap
from coding.ingest.transcripts import import_transcripts
from coding.nlp.sentences import sentence_span, split_sentences
from coding.store import Store, question_ref
from coding.store.codebooks import load_codebook, theme_table
from coding.store.codings import code_passage, code_segments
from coding.store.segments import segments_frame
from tests.test_report_qdpx import INTERVIEW_SPEC

NA = pd.NA


def test_passage_overlap_is_dice_over_characters() -> None:
    codings = pd.DataFrame([
        {"segment_id": 1, "coder": "anna", "theme": "a", "passage_start": 0, "passage_end": 10},
        {"segment_id": 1, "coder": "bram", "theme": "a", "passage_start": 5, "passage_end": 15},
        {"segment_id": 2, "coder": "anna", "theme": "b", "passage_start": NA, "passage_end": NA},  # whole turn
        {"segment_id": 2, "coder": "bram", "theme": "b", "passage_start": 20, "passage_end": 30},
        {"segment_id": 3, "coder": "anna", "theme": "a", "passage_start": NA, "passage_end": NA},  # one coder only
    ])
    table = passage_overlap(codings, {1: (0, 20), 2: (20, 60), 3: (60, 70)}, ["a", "b", "c"]).set_index("theme")
    assert table.loc["a", "overlap_f1"] == pytest.approx(2 * 5 / 20)
    assert table.loc["b", "overlap_f1"] == pytest.approx(2 * 10 / 50)
    assert table.loc[OVERALL, "overlap_f1"] == pytest.approx(2 * 15 / 70)
    assert table.loc[OVERALL, "overlap_chars"] == 70
    assert pd.isna(table.loc["c", "overlap_f1"])  # nobody used it: not defined


def test_interview_agreement_per_turn_with_passage_overlap_beside_it(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "raad.txt"
    path.write_text("Interviewer: Wat helpt?\nRespondent: De fractie helpt. Die is er altijd.\n"
                    "Interviewer: En verder?\nRespondent: De griffier. Die weet altijd raad.\n", encoding="utf-8")
    import_transcripts(store, [path], "s", "interviews")
    question = question_ref(store, "s", "interviews")
    load_codebook(store, question, INTERVIEW_SPEC, "lead")
    themes = {k: int(v) for k, v in theme_table(store, question)[["code", "theme_id"]].itertuples(index=False)}
    first, second = segments_frame(store, question, substantive_only=True).to_dict("records")
    for coder in ("anna", "bram"):
        code_segments(store, [int(first["segment_id"])], themes["steun"], coder)
    sentences = split_sentences(str(second["text"]), int(second["start_char"]))
    code_passage(store, int(second["segment_id"]), themes["bereikbaar"], "anna", sentence_span(sentences, 2, 2))
    code_segments(store, [int(second["segment_id"])], themes["bereikbaar"], "bram")
    table = agreement_table(store, question).set_index("theme")
    # per turn both turns carry the same themes for both coders
    assert table.loc["bereikbaar", "percent_agreement"] == 1.0 and table.loc[OVERALL, "units"] == 2
    # the passage is one sentence of the turn bram coded whole
    s2, turn = len(sentences[1].text), len(str(second["text"]))
    assert table.loc["bereikbaar", "overlap_f1"] == pytest.approx(2 * s2 / (s2 + turn))
    assert table.loc["steun", "overlap_f1"] == 1.0
    shown = format_agreement(agreement_table(store, question))
    assert "passage-overlap F1" in shown and OVERLAP_METHOD in shown and "eenheden = beurten" in shown
