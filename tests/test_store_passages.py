"""Passage codings: a coder codes one or more sentences of a turn, or an exact span; offsets in the document.

On SQLite and PostgreSQL: duplicates are impossible (no NULLs in the unique key), the span is checked, a passage
covering the whole turn is the turn, undo and remove act on the passage only; the migration keeps old codings.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import insert, select, text

from coding.analysis.model import ReportOptions
from coding.errors import CodingError
from coding.ingest.transcripts import import_transcripts
from coding.nlp.sentences import sentence_span, split_sentences
from coding.store import Store, question_ref
from coding.store.codebooks import load_codebook, theme_table
from coding.store.codings import (
    NewCoding,
    add_codings,
    code_passage,
    code_segments,
    passage_codings,
    set_passage_quote,
    uncode_segments,
    undo_last,
)
from coding.store.migrate import downgrade, upgrade
from coding.store.models import Coding
from coding.store.segments import codings_frame, segments_frame
from coding.vocabulary import Source
from tests.report_fixtures import coded_small_study  # noqa: F401 - keeps the fixture module importable
from tests.test_report_qdpx import INTERVIEW_SPEC

STUDY = "monitor"
TOPIC = "interviews"
TRANSCRIPT = ("Interviewer: Wat helpt bij integriteit?\n"
              "Respondent: Een vertrouwenspersoon helpt. Die is er niet altijd. Dan bel ik de griffier.\n"
              "Interviewer: Dank u.\n")


def _turn(store: Store, tmp_path: Path) -> tuple[dict[str, int], dict[str, object]]:
    path = tmp_path / "gemeente.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    import_transcripts(store, [path], STUDY, TOPIC, attributes={"organisatietype": "Kleine gemeente"})
    question = question_ref(store, STUDY, TOPIC)
    load_codebook(store, question, INTERVIEW_SPEC, "lead")
    themes = dict(theme_table(store, question)[["code", "theme_id"]].itertuples(index=False))
    turn = segments_frame(store, question, substantive_only=True).iloc[0].to_dict()
    return {k: int(v) for k, v in themes.items()}, turn


def test_sentences_point_into_the_document() -> None:
    turn = "Een vertrouwenspersoon helpt. Die is er niet altijd!\nDan bel ik de griffier."
    sentences = split_sentences(turn, offset=100)
    assert [s.text for s in sentences] == ["Een vertrouwenspersoon helpt.", "Die is er niet altijd!",
                                           "Dan bel ik de griffier."]
    for s in sentences:
        assert turn[s.start - 100 : s.end - 100] == s.text
    assert sentence_span(sentences, 2, 3) == (sentences[1].start, sentences[2].end)
    with pytest.raises(CodingError, match="tussen 1 en 3"):
        sentence_span(sentences, 2, 4)


def test_code_sentences_of_a_turn_keeps_document_offsets(store: Store, tmp_path: Path) -> None:
    themes, turn = _turn(store, tmp_path)
    segment_id, start = int(turn["segment_id"]), int(turn["start_char"])
    sentences = split_sentences(str(turn["text"]), start)
    span = sentence_span(sentences, 2, 3)
    assert code_passage(store, segment_id, themes["steun"], "anna", span) is True
    assert code_passage(store, segment_id, themes["steun"], "anna", span) is False  # never doubled
    assert code_passage(store, segment_id, themes["bereikbaar"], "anna", span) is True
    code_segments(store, [segment_id], themes["steun"], "anna")  # the whole turn as well: a different coding
    [passage] = passage_codings(store, segment_id)
    assert passage.text == "Die is er niet altijd. Dan bel ik de griffier."
    assert (passage.start, passage.end) == span
    assert passage.labels == ("Steun van de fractie", "Altijd bereikbaar")
    with store.read() as session:
        document = session.execute(text("select text from documents")).scalar_one()
    assert document[span[0] : span[1]] == passage.text
    codings = codings_frame(store, question_ref(store, STUDY, TOPIC))
    assert sorted(codings["passage_start"].fillna(-1).astype(int).tolist()) == [-1, span[0], span[0]]


def test_no_duplicate_whole_turn_codings_even_through_raw_inserts(store: Store, tmp_path: Path) -> None:
    """The unique key has no NULLs: inserting the same whole-turn coding twice fails in the database itself."""
    themes, turn = _turn(store, tmp_path)
    row = {"segment_id": int(turn["segment_id"]), "theme_id": themes["steun"], "coder": "anna", "source": "manual"}
    with store.atomic() as session:
        session.execute(insert(Coding).values(**row))
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), store.atomic() as session:
        session.execute(insert(Coding).values(**row))


def test_spans_outside_the_turn_are_refused_and_a_whole_span_is_the_turn(store: Store, tmp_path: Path) -> None:
    themes, turn = _turn(store, tmp_path)
    segment_id, start, end = int(turn["segment_id"]), int(turn["start_char"]), int(turn["end_char"])
    with pytest.raises(CodingError, match="niet binnen het segment"):
        code_passage(store, segment_id, themes["steun"], "anna", (start - 5, start + 3))
    with pytest.raises(CodingError, match="niet binnen het segment"):
        code_passage(store, segment_id, themes["steun"], "anna", (start + 4, start + 4))
    assert code_passage(store, segment_id, themes["steun"], "anna", (start, end)) is True
    assert passage_codings(store, segment_id) == []  # stored as the whole turn
    with store.atomic() as session:
        assert add_codings(session, [NewCoding(segment_id, themes["steun"], "anna")], Source.MANUAL) == []


def test_undo_and_remove_act_on_the_passage_only(store: Store, tmp_path: Path) -> None:
    themes, turn = _turn(store, tmp_path)
    segment_id, start = int(turn["segment_id"]), int(turn["start_char"])
    code_segments(store, [segment_id], themes["steun"], "anna")
    code_passage(store, segment_id, themes["steun"], "anna", (start, start + 10))
    assert undo_last(store, "anna") is not None
    question = question_ref(store, STUDY, TOPIC)
    assert codings_frame(store, question)["passage_start"].isna().tolist() == [True]  # the whole-turn one stays
    code_passage(store, segment_id, themes["steun"], "anna", (start, start + 10))
    assert uncode_segments(store, [segment_id], themes["steun"], "anna", span=(start, start + 10)) == 1
    assert codings_frame(store, question)["passage_start"].isna().tolist() == [True]
    undo_last(store, "anna")  # puts the removed passage back, with its offsets
    assert passage_codings(store, segment_id)[0].start == start


def test_passage_can_be_flagged_as_quote_and_undone(store: Store, tmp_path: Path) -> None:
    themes, turn = _turn(store, tmp_path)
    segment_id, start = int(turn["segment_id"]), int(turn["start_char"])
    with pytest.raises(CodingError, match="nog niet gecodeerd"):
        set_passage_quote(store, segment_id, (start, start + 10), True, "anna")
    code_passage(store, segment_id, themes["steun"], "anna", (start, start + 10))
    assert set_passage_quote(store, segment_id, (start, start + 10), True, "anna") == 1
    assert passage_codings(store, segment_id)[0].is_quote is True
    undo_last(store, "anna")
    assert passage_codings(store, segment_id)[0].is_quote is False


def test_migration_0005_on_a_database_made_by_0003(store: Store) -> None:
    """On SQLite and PostgreSQL: codings made before passages existed become whole-segment codings, the new
    unique key holds, and going back keeps them (passages go)."""
    downgrade(store.engine, "0003")
    try:
        with store.engine.begin() as conn:
            day = "2026-01-01 00:00:00+00:00"
            for statement in (
                "insert into studies (id, name, description, created_at) values (1, 's', '', :day)",
                "insert into questions (id, study_id, name, wording, kind, position, created_at) "
                "values (1, 1, 'q', '', 'survey', 0, :day)",
                "insert into respondents (id, study_id, external_id, kind, attributes, created_at) "
                "values (1, 1, 'R1', 'respondent', '{}', :day)",
                "insert into segments (id, question_id, respondent_id, position, text, text_hash, substantive, "
                "word_count, memo, is_quote) values (1, 1, 1, 0, 'tekst', 'h', :yes, 1, '', :no)",
                "insert into codebooks (id, question_id, name, version, updated_at) values (1, 1, '', 1, :day)",
                "insert into themes (id, codebook_id, code, label, definition, include, exclude, keywords, examples, "
                "position, retired) values (1, 1, 'a', 'A', '', '[]', '[]', '[]', '[]', 0, :no)",
                "insert into codings (segment_id, theme_id, coder, source, created_at) "
                "values (1, 1, 'anna', 'manual', :day)",
            ):
                conn.execute(text(statement), {"day": day, "yes": True, "no": False})
        upgrade(store.engine)
        with store.engine.connect() as conn:
            assert [tuple(r) for r in conn.execute(text("select start_char, end_char, is_quote from codings"))] == [
                (0, 0, False)]
            assert conn.execute(text("select start_time from segments")).scalar() is None
        frame = codings_frame(store, question_ref(store, "s", "q"))
        assert frame["passage_start"].isna().all() and len(frame) == 1
        with store.atomic() as session:
            assert add_codings(session, [NewCoding(1, 1, "anna", 0, 3)], Source.MANUAL)  # a passage beside it
            assert not add_codings(session, [NewCoding(1, 1, "anna")], Source.MANUAL)
            assert len(session.scalars(select(Coding)).all()) == 2
        downgrade(store.engine, "0003")  # and back: the passage goes, the whole-answer coding stays
        with store.engine.connect() as conn:
            assert conn.execute(text("select count(*) from codings")).scalar() == 1
            assert conn.execute(text("select count(*) from segments")).scalar() == 1
    finally:
        upgrade(store.engine)
    if store.engine.dialect.name == "postgresql":
        with store.engine.begin() as conn:  # identities were set by hand: the next test starts from an empty store
            conn.execute(text("TRUNCATE studies RESTART IDENTITY CASCADE"))


def test_report_quotes_use_the_passage_attributed_by_organisation_type(store: Store, tmp_path: Path) -> None:
    from coding.analysis.build import build_question_report

    path = tmp_path / "gemeente.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    import_transcripts(store, [path], STUDY, TOPIC,
                       attributes={"organisatietype": "Kleine gemeente", "functie": "wethouder"})
    question = question_ref(store, STUDY, TOPIC)
    load_codebook(store, question, INTERVIEW_SPEC, "lead")
    themes = dict(theme_table(store, question)[["code", "theme_id"]].itertuples(index=False))
    turn = segments_frame(store, question, substantive_only=True).iloc[0]
    span = sentence_span(split_sentences(str(turn["text"]), int(turn["start_char"])), 2, 3)
    code_passage(store, int(turn["segment_id"]), int(themes["bereikbaar"]), "anna", span)
    set_passage_quote(store, int(turn["segment_id"]), span, True, "anna")
    report = build_question_report(store, question, ReportOptions(min_group=1))  # one interview: k = 1 to name it
    [quote] = report.quotes["bereikbaar"]  # "steun" is a net: its subtheme carries the quotes
    assert quote.text == "Die is er niet altijd. Dan bel ik de griffier."
    assert (quote.attribution, quote.flagged) == ("Kleine gemeente", True)
    # with the default k = 5 the one 'Kleine gemeente' among the interviews is not named
    [quote] = build_question_report(store, question).quotes["bereikbaar"]
    assert quote.attribution is None


def test_xlsx_codings_sheet_shows_the_passage_text(store: Store, tmp_path: Path) -> None:
    import io

    import pandas as pd

    from coding.analysis.build import build_report
    from coding.report.spreadsheet import write_xlsx
    from coding.store import study_ref

    themes, turn = _turn(store, tmp_path)
    span = sentence_span(split_sentences(str(turn["text"]), int(turn["start_char"])), 3, 3)
    code_passage(store, int(turn["segment_id"]), themes["bereikbaar"], "anna", span)
    code_segments(store, [int(turn["segment_id"])], themes["steun"], "bram")
    buffer = io.BytesIO()
    write_xlsx(build_report(store, study_ref(store, STUDY)), buffer)
    sheet = next(frame for name, frame in pd.read_excel(io.BytesIO(buffer.getvalue()), sheet_name=None).items()
                 if "tekst" in frame.columns and "codeur" in frame.columns)
    assert sorted(zip(sheet["codeur"], sheet["tekst"], strict=True)) == [
        ("anna", "Dan bel ik de griffier."), ("bram", str(turn["text"]))]
