"""Editing themes one by one on SQLite and PostgreSQL: add, edit, move, merge, retire, restore."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from coding.errors import CodebookError, CodingError, NotFoundError
from coding.ingest.survey import SurveyMapping, import_survey
from coding.store import Store, question_ref, study_ref
from coding.store.codebooks import codebook_versions, get_codebook, theme_table
from coding.store.codings import add_coding, code_segments
from coding.store.events import history
from coding.store.models import Theme
from coding.store.segments import codings_frame, segments_frame
from coding.store.themes import (
    add_theme,
    edit_theme,
    merge_themes,
    move_theme,
    restore_theme,
    retire_theme,
    theme_tree,
)
from tests.helpers import write_csv
from tests.store_fixtures import QUESTION, STUDY, small_study


def _segments(store: Store) -> list[int]:
    q = question_ref(store, STUDY, QUESTION)
    return segments_frame(store, q, substantive_only=True)["segment_id"].tolist()


def _events(store: Store, limit: int) -> list[dict]:
    return history(store, study_ref(store, STUDY), limit=limit)


def test_add_theme_creates_version_event_and_tree(store: Store, tmp_path: Path) -> None:
    small_study(store, tmp_path)
    q = question_ref(store, STUDY, QUESTION)
    theme_id = add_theme(store, q, "werkdruk", "Werkdruk en tijdgebrek", "lead",
                         parent="opvolging", keywords=["tijd", " ", "druk"], examples=["Geen tijd voor"])
    tree = theme_tree(store, q)
    row = tree[tree["code"] == "werkdruk"].iloc[0]
    assert row["theme_id"] == theme_id
    assert row["parent"] == "opvolging" and row["depth"] == 1
    assert row["keywords"] == ["tijd", "druk"]
    # depth first: the new child follows its parent
    assert tree["code"].tolist() == ["vertrouwen", "opvolging", "werkdruk", "represailles"]
    assert get_codebook(store, q).theme("werkdruk").parent == "opvolging"
    assert codebook_versions(store, q)["version"].tolist() == [1, 2]
    assert _events(store, 1)[0]["action"] == "theme.add"


def test_add_theme_refuses_bad_or_taken_codes(store: Store, tmp_path: Path) -> None:
    small_study(store, tmp_path)
    q = question_ref(store, STUDY, QUESTION)
    with pytest.raises(CodebookError, match="al een thema"):
        add_theme(store, q, "vertrouwen", "Nog eens", "lead")
    with pytest.raises(CodebookError, match="spaties"):
        add_theme(store, q, "met spatie", "Label", "lead")
    with pytest.raises(CodebookError, match="label is leeg"):
        add_theme(store, q, "leeg", "  ", "lead")
    with pytest.raises(NotFoundError):
        add_theme(store, q, "kind", "Kind", "lead", parent="bestaat_niet")
    assert codebook_versions(store, q)["version"].tolist() == [1]


def test_add_theme_to_question_without_codebook_creates_it(store: Store, tmp_path: Path) -> None:
    from coding.ingest.survey import SurveyMapping, import_survey
    from tests.helpers import SURVEY_ROWS, write_csv

    import_survey(store, write_csv(tmp_path / "e.csv", SURVEY_ROWS), STUDY,
                  SurveyMapping(id="respondent_id", texts=[QUESTION]))
    q = question_ref(store, STUDY, QUESTION)
    add_theme(store, q, "eerste", "Eerste thema", "lead")
    assert theme_table(store, q)["code"].tolist() == ["eerste"]


def test_edit_and_rename_change_only_given_fields(store: Store, tmp_path: Path) -> None:
    small_study(store, tmp_path)
    q = question_ref(store, STUDY, QUESTION)
    edit_theme(store, q, "opvolging", "lead", label="Er gebeurt niets mee")
    version = edit_theme(store, q, "opvolging", "lead", definition="Melden heeft geen zin",
                         include=["niks mee gedaan"], keywords=["opvolging", "zin"])
    spec = get_codebook(store, q).theme("opvolging")
    assert spec.label == "Er gebeurt niets mee"
    assert spec.definition == "Melden heeft geen zin"
    assert spec.include == ["niks mee gedaan"] and spec.keywords == ["opvolging", "zin"]
    # the same values again: nothing changes, no new version
    assert edit_theme(store, q, "opvolging", "lead", definition="Melden heeft geen zin") == version
    actions = [e["action"] for e in _events(store, 3)]
    assert actions[:2] == ["theme.edit", "theme.rename"]
    with pytest.raises(CodebookError):
        edit_theme(store, q, "opvolging", "lead", label="")
    with pytest.raises(CodebookError, match="Onbekend veld"):
        edit_theme(store, q, "opvolging", "lead", position=3)


def test_move_theme_and_refuse_cycles(store: Store, tmp_path: Path) -> None:
    small_study(store, tmp_path)
    q = question_ref(store, STUDY, QUESTION)
    move_theme(store, q, "represailles", "vertrouwen", "lead")
    move_theme(store, q, "opvolging", "represailles", "lead")
    tree = theme_tree(store, q)
    assert list(zip(tree["code"], tree["depth"], strict=True)) == [
        ("vertrouwen", 0), ("represailles", 1), ("opvolging", 2)]
    with pytest.raises(CodebookError, match="subthema"):
        move_theme(store, q, "vertrouwen", "opvolging", "lead")
    with pytest.raises(CodebookError):
        move_theme(store, q, "vertrouwen", "vertrouwen", "lead")
    move_theme(store, q, "represailles", None, "lead")
    assert get_codebook(store, q).theme("represailles").parent is None


def test_merge_moves_codings_without_doubling_and_keeps_history(store: Store, tmp_path: Path) -> None:
    themes = small_study(store, tmp_path)
    q = question_ref(store, STUDY, QUESTION)
    first, second, third = _segments(store)[:3]
    code_segments(store, [first, second], themes["opvolging"], "anna")
    add_coding(store, first, themes["vertrouwen"], "anna")  # already has the target: must not double
    add_coding(store, third, themes["opvolging"], "bert", source="cluster")
    result = merge_themes(store, q, "opvolging", "vertrouwen", "lead")
    assert (result.moved, result.already_present) == (2, 1)
    codings = codings_frame(store, q)
    assert sorted(zip(codings["segment_id"], codings["theme"], codings["coder"], codings["source"],
                      strict=True)) == sorted([
        (first, "vertrouwen", "anna", "manual"),
        (second, "vertrouwen", "anna", "manual"),
        (third, "vertrouwen", "bert", "cluster"),
    ])
    with store.read() as session:
        source = session.scalars(select(Theme).where(Theme.code == "opvolging")).one()
        assert source.retired and source.merged_into_id == themes["vertrouwen"]
    event = _events(store, 1)[0]
    assert event["action"] == "theme.merge" and len(event["payload"]["moved"]) == 3
    tree = theme_tree(store, q, include_retired=True)
    merged = tree[tree["code"] == "opvolging"].iloc[0]
    assert merged["retired"] and merged["merged_into"] == "vertrouwen"
    assert "opvolging" not in get_codebook(store, q).model_dump()["themes"]
    with pytest.raises(CodebookError, match="niet meer in gebruik"):
        merge_themes(store, q, "opvolging", "vertrouwen", "lead")


def test_merge_into_own_subtheme_keeps_tree_acyclic(store: Store, tmp_path: Path) -> None:
    small_study(store, tmp_path)
    q = question_ref(store, STUDY, QUESTION)
    move_theme(store, q, "opvolging", "vertrouwen", "lead")
    move_theme(store, q, "represailles", "opvolging", "lead")
    merge_themes(store, q, "vertrouwen", "represailles", "lead")
    tree = theme_tree(store, q)
    assert list(zip(tree["code"], tree["parent"], strict=True)) == [
        ("represailles", None), ("opvolging", "represailles")]


def test_retire_keeps_codings_and_restore_brings_theme_back(store: Store, tmp_path: Path) -> None:
    themes = small_study(store, tmp_path)
    q = question_ref(store, STUDY, QUESTION)
    move_theme(store, q, "represailles", "opvolging", "lead")
    add_coding(store, _segments(store)[0], themes["opvolging"], "anna")
    retire_theme(store, q, "opvolging", "lead")
    assert "opvolging" not in theme_table(store, q)["code"].tolist()
    assert get_codebook(store, q).theme("represailles").parent is None  # moved up
    assert codings_frame(store, q)["theme"].tolist() == ["opvolging"]
    with pytest.raises(CodingError, match="niet meer in gebruik"):
        add_coding(store, _segments(store)[1], themes["opvolging"], "anna")
    restore_theme(store, q, "opvolging", "lead")
    assert "opvolging" in theme_table(store, q)["code"].tolist()
    actions = [e["action"] for e in _events(store, 2)]
    assert actions == ["theme.restore", "theme.retire"]
    assert codebook_versions(store, q)["version"].tolist()[-1] == 4


def test_theme_tree_counts_coded_answers(store: Store, tmp_path: Path) -> None:
    themes = small_study(store, tmp_path)
    q = question_ref(store, STUDY, QUESTION)
    segments = _segments(store)
    code_segments(store, segments, themes["vertrouwen"], "anna")
    add_coding(store, segments[0], themes["vertrouwen"], "bert")
    tree = theme_tree(store, q).set_index("code")
    assert tree.loc["vertrouwen", "segments"] == len(segments)
    assert tree.loc["opvolging", "segments"] == 0


def test_an_empty_theme_tree_filters_like_a_full_one(store: Store, tmp_path: Path) -> None:
    """A question without a codebook gives an empty tree whose ``retired`` is bool, so ``tree[~tree["retired"]]``
    keeps the columns (an object column would make pandas select columns, and the Codeboek page lost 'code')."""
    path = write_csv(tmp_path / "nieuw.csv", [["id", "nieuw"], ["A", "Geen tijd."]])
    import_survey(store, path, "nieuwe studie", SurveyMapping(id="id", texts=["nieuw"]))
    question = question_ref(store, "nieuwe studie", "nieuw")
    tree, table = theme_tree(store, question, include_retired=True), theme_table(store, question, include_retired=True)
    for frame in (tree, table):
        assert frame.empty and frame["retired"].dtype == bool
        assert list(frame[~frame["retired"]].columns) == list(frame.columns)
