"""Loading the spaCy pipeline: the blank fallback, a configured model name, and a saved pipeline loaded by path."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import spacy

from coding.errors import CodingError
from coding.nlp.features import CombinedFeatures, SpacyVectorFeatures, TfidfSvdFeatures, default_features
from coding.nlp.pipeline import FALLBACK_NAME, MODEL_ENV, PipelineInfo, load_pipeline, requested_model
from coding.nlp.preprocess import cache_key, preprocess


def test_blank_gives_the_fallback_with_lookup_lemmas() -> None:
    loaded = load_pipeline("blank")
    assert loaded.info.kind == "fallback"
    assert loaded.info.name == FALLBACK_NAME
    assert loaded.info.lemmatizer == "lookup"
    assert not loaded.info.has_pos and not loaded.info.has_vectors
    assert loaded.info.note == ""
    assert "terugvaloptie" in loaded.info.describe()


def test_a_model_that_is_not_installed_falls_back_and_says_how_to_install_it() -> None:
    loaded = load_pipeline("nl_core_news_xx_not_installed")
    assert loaded.info.kind == "fallback"
    assert "python -m spacy download nl_core_news_xx_not_installed" in loaded.info.note
    assert "python -m spacy download" in loaded.info.describe()


def test_the_model_is_configurable_by_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(MODEL_ENV, raising=False)
    assert requested_model() == "nl_core_news_sm"
    monkeypatch.setenv(MODEL_ENV, "nl_core_news_md")
    assert requested_model() == "nl_core_news_md"
    assert requested_model("nl_core_news_lg") == "nl_core_news_lg"  # an argument wins
    monkeypatch.setenv(MODEL_ENV, "blank")
    assert load_pipeline().info.kind == "fallback"


def test_a_missing_folder_is_an_error_not_a_silent_fallback(tmp_path: Path) -> None:
    with pytest.raises(CodingError, match="Geen spaCy-pipeline gevonden"):
        load_pipeline(str(tmp_path / "nergens"))


@pytest.fixture(scope="module")
def saved_pipeline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small Dutch pipeline saved to disk: lookup lemmas, POS from an attribute ruler, and word vectors."""
    nlp = spacy.blank("nl")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    ruler = nlp.add_pipe("attribute_ruler")
    nlp.initialize()  # before the patterns: initialising an attribute ruler empties it
    ruler.add(patterns=[[{"LOWER": "zojuist"}]], attrs={"POS": "INTJ"})
    ruler.add(patterns=[[{"LOWER": "lantaarnpalen"}]], attrs={"POS": "NOUN"})
    ruler.add(patterns=[[{"LOWER": "kapot"}]], attrs={"POS": "ADJ"})
    for word, vector in {"lantaarnpaal": [1, 0, 0, 0], "kapot": [0, 1, 0, 0], "melding": [0, 0, 1, 0]}.items():
        nlp.vocab.set_vector(word, np.asarray(vector, dtype=np.float32))
    nlp.meta["name"] = "test_pipeline"
    nlp.meta["version"] = "1.2.3"
    path = tmp_path_factory.mktemp("model") / "nl_test_pipeline"
    nlp.to_disk(path)
    return path


def test_a_saved_pipeline_loads_by_path_and_reports_what_it_can(saved_pipeline: Path) -> None:
    loaded = load_pipeline(str(saved_pipeline))
    info = loaded.info
    assert info.kind == "model"
    assert info.name == "nl_test_pipeline" and info.version == "1.2.3"
    assert info.key == "nl_test_pipeline@1.2.3"
    assert info.has_pos and info.has_vectors and info.vector_width == 4
    assert info.lemmatizer == "lookup"
    assert info.source == str(saved_pipeline)
    assert "nl_test_pipeline 1.2.3" in info.describe()
    assert cache_key(info) != cache_key(load_pipeline("blank").info)  # the token cache keeps them apart


def test_with_pos_tags_only_content_words_are_kept(saved_pipeline: Path) -> None:
    text = "zojuist lantaarnpalen kapot"
    assert preprocess([text], load_pipeline("blank")) == ["zojuist lantaarnpaal kapot"]
    # The model tags "zojuist" as an interjection: not a content word.
    assert preprocess([text], load_pipeline(str(saved_pipeline))) == ["lantaarnpaal kapot"]


def test_a_model_with_vectors_adds_them_to_the_features(saved_pipeline: Path) -> None:
    loaded = load_pipeline(str(saved_pipeline))
    features = default_features(loaded.nlp, has_vectors=loaded.info.has_vectors)
    assert isinstance(features, CombinedFeatures)
    assert isinstance(default_features(None), TfidfSvdFeatures)
    rows = SpacyVectorFeatures(loaded.nlp).transform(["", ""], ["lantaarnpaal kapot", "onbekend"])
    assert rows.shape == (2, 4)
    assert np.allclose(rows[0], np.array([1, 1, 0, 0]) / np.sqrt(2))
    assert not rows[1].any()  # no known word: a zero row, not NaN


def test_pipeline_info_survives_a_round_trip_through_json() -> None:
    info = load_pipeline("blank").info
    assert PipelineInfo.from_dict({**info.to_dict(), "unknown_later_field": 1}) == info
