"""Describing clusters: c-TF-IDF terms, readable labels, representative answers, theme similarity and proposals."""

from __future__ import annotations

import numpy as np
import pytest
import yaml

from coding.codebook import parse_codebook
from coding.nlp.describe import (
    OVERIG_LABEL,
    ClusterDescriber,
    class_tfidf,
    display_term,
    make_label,
    theme_similarity,
)
from coding.nlp.precluster import PreClustering, PreClusterResult, themes_from_codebook
from coding.vocabulary import NO_CLUSTER_LABEL, OVERIG_CLUSTER
from tests.fixtures.nl_answers import CODEBOOK_YAML, TOPICS, corpus

CODEBOOK = parse_codebook(yaml.safe_load(CODEBOOK_YAML)).codebooks[0]


@pytest.fixture(scope="module")
def result() -> PreClusterResult:
    texts = [t for t, _ in corpus()]
    return PreClustering(k=5, random_state=0, model="blank").run(texts, themes=themes_from_codebook(CODEBOOK))


def topics_of(result: PreClusterResult, cluster: int) -> list[str]:
    return [topic for (_, topic), label in zip(corpus(), result.labels, strict=True) if label == cluster]


def test_every_cluster_is_described(result: PreClusterResult) -> None:
    assert [d.cluster for d in result.clusters] == [1, 2, 3, 4, 5]
    assert sum(d.size for d in result.clusters) == len(corpus())
    assert all(d.label and d.terms and 0 < d.share <= 1 for d in result.clusters)
    assert len({d.label for d in result.clusters}) == 5


def test_distinctive_terms_name_the_topic(result: PreClusterResult) -> None:
    expected = {"opvolging": "melding", "werkdruk": "tijd", "aanspreekpunt": "vertrouwenspersoon",
                "represailles": "bang"}
    for d in result.clusters:
        members = topics_of(result, d.cluster)
        main = max(set(members), key=members.count)
        if main in expected and members.count(main) / len(members) >= 0.7:
            assert any(expected[main] in term for term in d.terms[:5]), (main, d.terms)


def test_five_representative_answers_closest_to_the_centre_and_distinct(result: PreClusterResult) -> None:
    texts = [t for t, _ in corpus()]
    for d in result.clusters:
        assert len(d.representatives) == 5
        assert len({texts[i] for i in d.representatives}) == 5
        assert all(result.labels[i] == d.cluster for i in d.representatives)
        sims = [result.similarity[i] for i in d.representatives]
        assert sims == sorted(sims, reverse=True)


def test_representatives_count_a_repeated_answer_once() -> None:
    texts = ["Geen tijd", "geen  tijd", "Geen tijd door werkdruk", "Werkdruk"]
    chosen = ClusterDescriber(n_representatives=3).representatives(np.arange(4), np.array([0.9, 0.8, 0.7, 0.6]), texts)
    assert chosen == [0, 2, 3]


def test_each_cluster_gets_a_similarity_to_every_theme_and_a_proposal(result: PreClusterResult) -> None:
    codes = [t.code for t in CODEBOOK.themes]
    agree = 0
    for d in result.clusters:
        assert list(d.theme_scores) == codes
        assert all(0.0 <= s <= 1.0 for s in d.theme_scores.values())
        assert d.proposed_theme == max(d.theme_scores, key=lambda c: d.theme_scores[c])
        assert d.theme_score == d.theme_scores[d.proposed_theme]
        members = topics_of(result, d.cluster)
        agree += d.proposed_theme == max(set(members), key=members.count)
    assert agree >= 4  # the proposals follow the topics the answers were written for
    assert result.seeded


def test_no_proposal_below_the_minimum_score() -> None:
    texts = [t for t, _ in corpus()]
    strict = PreClustering(k=5, model="blank", describer=ClusterDescriber(min_theme_score=1.01))
    out = strict.run(texts, themes=themes_from_codebook(CODEBOOK))
    assert all(d.proposed_theme is None and d.theme_score is None and d.theme_scores for d in out.clusters)


def test_overig_is_described_as_such() -> None:
    labels = np.array([0, 0, 1, 1, NO_CLUSTER_LABEL])
    tokens = ["geen_tijd werkdruk", "werkdruk tijd", "melding niet_opvolgen", "melding", ""]
    centres = np.eye(2, dtype=np.float32)
    out = ClusterDescriber().describe(labels, tokens, ["a", "b", "c", "d", "e"], np.ones(5), centres)
    assert [d.cluster for d in out] == [1, 2, OVERIG_CLUSTER]
    assert out[-1].label == OVERIG_LABEL and out[-1].size == 1
    assert out[0].terms[0] in ("werkdruk", "tijd", "geen tijd")
    assert "geen tijd" in out[0].terms  # negation shown as a coder reads it


def test_class_tfidf_prefers_words_frequent_here_and_rare_elsewhere() -> None:
    scores, terms = class_tfidf(np.array([0, 0, 1, 1]), ["melding team", "melding team", "tijd team", "tijd team"], 2,
                                ngram_range=(1, 1))
    vocabulary = list(terms)
    assert scores[0, vocabulary.index("melding")] > scores[0, vocabulary.index("team")]
    assert scores[1, vocabulary.index("tijd")] > scores[1, vocabulary.index("team")]
    assert scores[0, vocabulary.index("tijd")] == 0


def test_labels_are_short_and_readable() -> None:
    assert make_label(["lantaarnpaal", "kapot", "lantaarnpaal kapot", "licht"]) == "Lantaarnpaal kapot, licht"
    assert make_label(["geen_aanspreekpunt", "vertrouwenspersoon", "procedure", "loket"]) == (
        "Geen aanspreekpunt, vertrouwenspersoon, procedure")
    assert make_label([]) == "(geen kenmerkende woorden)"
    assert display_term("niet_opvolgen") == "niet opvolgen"


def test_theme_similarity_is_a_clipped_cosine() -> None:
    sims = theme_similarity(np.array([[1.0, 0.0], [0.0, 2.0]]), np.array([[1.0, 0.0], [-1.0, 1.0], [0.0, 0.0]]))
    assert sims.shape == (2, 3)
    assert sims[0, 0] == pytest.approx(1.0) and sims[0, 1] == 0.0 and sims[1, 1] == pytest.approx(2**-0.5)
    assert (sims[:, 2] == 0).all()


def test_topics_constant_matches_the_fixture() -> None:
    assert set(TOPICS) == {topic for _, topic in corpus()}


def test_class_tfidf_can_reuse_counts_from_the_feature_stage() -> None:
    from sklearn.feature_extraction.text import CountVectorizer

    tokens = ["melding niet_opvolgen", "melding team", "geen_tijd werkdruk", "werkdruk team"]
    labels = np.array([0, 0, 1, NO_CLUSTER_LABEL])
    vectorizer = CountVectorizer(token_pattern=r"\S+", ngram_range=(1, 2))
    counts = vectorizer.fit_transform(tokens)
    reused, terms = class_tfidf(labels, tokens, 2, term_counts=counts, terms=vectorizer.get_feature_names_out())
    fresh, fresh_terms = class_tfidf(labels, tokens, 2)
    for term in fresh_terms:
        assert reused[:, list(terms).index(term)] == pytest.approx(fresh[:, list(fresh_terms).index(term)])
