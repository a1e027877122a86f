"""Loading a codebook file again merges: themes added in the UI stay (and are named); new themes go before "Overig"."""

from __future__ import annotations

from pathlib import Path

from coding.codebook import CodebookSpec, ThemeSpec
from coding.store import Store, question_ref
from coding.store.codebooks import codebook_versions, load_codebook, theme_table, themes_not_in_file
from coding.store.themes import add_theme
from coding.vocabulary import is_closing_theme
from tests.store_fixtures import QUESTION, STUDY, small_study

FILE = CodebookSpec(themes=[
    ThemeSpec(code="vertrouwen", label="Gebrek aan vertrouwen"),
    ThemeSpec(code="opvolging", label="Geen opvolging"),
    ThemeSpec(code="overig", label="Overig"),
    ThemeSpec(code="geen", label="Geen inhoudelijk antwoord"),
])


def test_a_theme_added_in_the_ui_goes_before_the_closing_themes(store: Store, tmp_path: Path) -> None:
    small_study(store, tmp_path)
    q = question_ref(store, STUDY, QUESTION)
    load_codebook(store, q, FILE, "lead")
    add_theme(store, q, "tijd", "Geen tijd", "anna")
    assert theme_table(store, q)["code"].tolist() == ["vertrouwen", "opvolging", "tijd", "overig", "geen"]
    add_theme(store, q, "weet_niet", "Weet niet", "anna")  # a closing theme itself goes at the end
    assert theme_table(store, q)["code"].tolist()[-1] == "weet_niet"


def test_loading_the_same_file_again_keeps_themes_added_in_the_ui(store: Store, tmp_path: Path) -> None:
    small_study(store, tmp_path)
    q = question_ref(store, STUDY, QUESTION)
    load_codebook(store, q, FILE, "lead")
    add_theme(store, q, "tijd", "Geen tijd", "anna")
    versions = len(codebook_versions(store, q))
    load_codebook(store, q, FILE, "lead")
    table = theme_table(store, q)
    assert table["code"].tolist() == ["vertrouwen", "opvolging", "tijd", "overig", "geen"]
    assert themes_not_in_file(store, q, FILE) == ["tijd"]
    assert len(codebook_versions(store, q)) == versions  # nothing changed, so no new version
    # a theme the file itself dropped is retired, the UI's theme still stays
    smaller = CodebookSpec(themes=[t for t in FILE.themes if t.code != "opvolging"])
    load_codebook(store, q, smaller, "lead")
    everything = theme_table(store, q, include_retired=True).set_index("code")
    assert everything.loc["opvolging", "retired"] and not everything.loc["tijd", "retired"]
    assert theme_table(store, q)["code"].tolist() == ["vertrouwen", "tijd", "overig", "geen"]


def test_closing_themes_are_recognised_by_code_or_label() -> None:
    assert is_closing_theme("overig", "Overig") and is_closing_theme("x9", "Geen inhoudelijk antwoord")
    assert is_closing_theme("wn", "Weet niet / geen mening") and is_closing_theme("nvt", "")
    assert not is_closing_theme("geen_tijd", "Geen tijd") and not is_closing_theme("anderen", "Andere mensen")
