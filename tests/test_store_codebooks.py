"""A question's codebook in the store: versions, retired themes, idempotent loading."""

from __future__ import annotations

from pathlib import Path

from coding.codebook import CodebookSpec, ThemeSpec
from coding.store import Store, question_ref
from coding.store.codebooks import codebook_versions, get_codebook, load_codebook, theme_table
from coding.store.codings import add_coding
from coding.store.segments import codings_frame, segments_frame
from tests.store_fixtures import QUESTION, SPEC, STUDY, small_study


def test_loading_the_same_codebook_twice_keeps_one_version(store: Store, tmp_path: Path) -> None:
    small_study(store, tmp_path)
    q = question_ref(store, STUDY, QUESTION)
    assert load_codebook(store, q, SPEC, "lead") == 1
    assert codebook_versions(store, q)["version"].tolist() == [1]
    assert get_codebook(store, q).themes == SPEC.themes


def test_a_changed_codebook_is_a_new_version_and_dropped_themes_are_retired(store: Store, tmp_path: Path) -> None:
    themes = small_study(store, tmp_path)
    q = question_ref(store, STUDY, QUESTION)
    segment = segments_frame(store, q)["segment_id"].iloc[0]
    add_coding(store, int(segment), themes["represailles"], "anna")
    changed = CodebookSpec(
        themes=[
            ThemeSpec(code="vertrouwen", label="Weinig vertrouwen", definition="Gebrek aan vertrouwen in collega's."),
            ThemeSpec(code="opvolging", label="Geen opvolging", parent="vertrouwen"),
            ThemeSpec(code="cultuur", label="Cultuur"),
        ]
    )
    assert load_codebook(store, q, changed, "lead") == 2
    current = get_codebook(store, q)
    assert [t.code for t in current.themes] == ["vertrouwen", "opvolging", "cultuur"]
    assert current.theme("opvolging").parent == "vertrouwen"
    everything = theme_table(store, q, include_retired=True)
    assert everything.set_index("code").loc["represailles", "retired"]
    # the coding with the retired theme is still there
    assert codings_frame(store, q)["theme"].tolist() == ["represailles"]
    versions = codebook_versions(store, q)
    assert versions["version"].tolist() == [1, 2]
    assert theme_table(store, q)["theme_id"].tolist()[:2] == [themes["vertrouwen"], themes["opvolging"]]
