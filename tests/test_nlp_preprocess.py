"""Preprocessing: Dutch lemmas, survey stop words, negation marking, awkward inputs, batching."""

from __future__ import annotations

import pytest
from spacy.lang.nl.stop_words import STOP_WORDS as SPACY_DUTCH_STOP_WORDS

from coding.nlp.pipeline import LoadedPipeline, load_pipeline
from coding.nlp.preprocess import KEEP_WORDS, NEGATIONS, STOP_WORDS, preprocess


@pytest.fixture(scope="module")
def nlp() -> LoadedPipeline:
    return load_pipeline("blank")


def tokens(nlp: LoadedPipeline, text: str) -> list[str]:
    return preprocess([text], nlp)[0].split()


@pytest.mark.parametrize(
    "word,lemma",
    [("meldingen", "melding"), ("opgevolgd", "opvolgen"), ("vertrouwenspersonen", "vertrouwenspersoon"),
     ("collega's", "collega"), ("gevolgen", "gevolg"), ("lantaarnpalen", "lantaarnpaal")],
)
def test_common_survey_words_are_lemmatised(nlp: LoadedPipeline, word: str, lemma: str) -> None:
    assert tokens(nlp, word.capitalize()) == [lemma]


def test_negation_is_joined_to_the_word_it_negates(nlp: LoadedPipeline) -> None:
    assert tokens(nlp, "Er is geen aanspreekpunt") == ["geen_aanspreekpunt"]
    assert tokens(nlp, "Er is een aanspreekpunt") == ["aanspreekpunt"]
    assert tokens(nlp, "Meldingen worden niet opgevolgd") == ["melding", "niet_opvolgen"]
    assert tokens(nlp, "Ik heb nooit terugkoppeling gekregen") == ["nooit_terugkoppeling", "krijgen"]


def test_a_late_negation_takes_the_word_before_it_within_the_clause(nlp: LoadedPipeline) -> None:
    # Dutch puts "niet" at the end; it must not reach across the comma into the next clause.
    assert tokens(nlp, "De lamp brandt niet, wel opgevolgd") == ["lamp", "niet_brandt", "opvolgen"]
    assert tokens(nlp, "Geen tijd, maar wel zin") == ["geen_tijd", "zin"]


def test_a_negation_with_nothing_to_negate_stays_on_its_own(nlp: LoadedPipeline) -> None:
    assert tokens(nlp, "Nee, niet") == ["niet"]


def test_stop_words_keep_negations_and_words_that_carry_meaning() -> None:
    for word in ("niet", "geen", "nooit", "niemand", "niets", "vrij", "open", "veilig"):
        assert word not in STOP_WORDS, word
    assert NEGATIONS <= KEEP_WORDS
    # spaCy's own list drops them — the reason for our list.
    assert {"niet", "geen", "vrij"} <= set(SPACY_DUTCH_STOP_WORDS)
    for word in ("de", "het", "een", "en", "hebben", "worden"):
        assert word in STOP_WORDS, word


def test_meaningful_words_survive_preprocessing(nlp: LoadedPipeline) -> None:
    assert tokens(nlp, "Ik voel me vrij en veilig om open te praten") == ["voelen", "vrij", "veilig", "open", "praten"]


def test_awkward_answers_do_not_crash(nlp: LoadedPipeline) -> None:
    long_answer = " ".join(["De vertrouwenspersoon is onbekend en meldingen worden nooit echt opgevolgd."] * 500)
    assert len(long_answer.split()) >= 5000
    out = preprocess(["", "   ", "😀🙈", "?!", "https://example.org", long_answer, "Werkdruk"], nlp)
    assert out[:5] == ["", "", "", "", ""]
    assert [len(s.split()) for s in out] == [0, 0, 0, 0, 0, 2000, 1]


def test_each_distinct_text_is_parsed_once_and_the_order_is_kept(nlp: LoadedPipeline) -> None:
    calls: list[tuple[int, int]] = []
    texts = ["Geen tijd", "Meldingen", "Geen tijd", "Geen tijd"]
    out = preprocess(texts, nlp, batch_size=1, progress=lambda done, total: calls.append((done, total)))
    assert out == ["geen_tijd", "melding", "geen_tijd", "geen_tijd"]
    assert calls[-1] == (2, 2)


def test_the_lemma_shortcut_gives_the_same_tokens_as_the_lemmatizer(nlp: LoadedPipeline,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ["Meldingen worden niet opgevolgd door de leidinggevenden", "Ik ken de vertrouwenspersonen niet"]
    fast = preprocess(texts, nlp)
    monkeypatch.setattr("coding.nlp.preprocess._lookup_lemmas", lambda _pipeline: None)
    assert preprocess(texts, nlp) == fast


def test_parsing_in_two_processes_gives_the_same_tokens(nlp: LoadedPipeline) -> None:
    texts = [f"Meldingen worden niet opgevolgd ({i})" for i in range(40)]
    assert preprocess(texts, nlp, n_process=2, batch_size=10) == preprocess(texts, nlp)
