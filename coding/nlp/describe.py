"""Describing clusters so a coder understands them: size, distinctive terms, a short label, typical answers, theme.

Distinctive terms use class-based TF-IDF (c-TF-IDF, as in BERTopic): all answers of a cluster form one document;
a term scores by its frequency in the cluster times ``log(1 + A / f)``, with ``A`` the average number of words per
cluster and ``f`` the term's frequency over all clusters — frequent in this cluster, rare elsewhere. The label joins
the top two or three terms (a phrase replaces the single words it contains). Representatives are the answers
closest to the cluster's centre, one per distinct text. With a codebook, every cluster gets its cosine similarity
to every theme (themes are placed in the same vector space from their label, keywords, definition and examples)
and the most similar theme is proposed when its score reaches ``min_theme_score``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator
from sklearn.feature_extraction.text import CountVectorizer

from coding.nlp.params import RunParams
from coding.vocabulary import NO_CLUSTER_LABEL, OVERIG_CLUSTER

OVERIG_LABEL = "divers / overig"
NONSUBSTANTIVE_LABEL = "niet inhoudelijk"


@dataclass
class ThemeProfile:
    """A codebook theme as the describer sees it: code, label and the texts that say what it is about."""

    code: str
    label: str
    texts: list[str]
    #: True when the theme has keywords or examples, so it can seed a cluster.
    seedable: bool = False


@dataclass
class ClusterDescription:
    """One cluster, described. ``representatives`` are row positions in the clustered input."""

    cluster: int
    label: str
    size: int
    share: float
    terms: list[str] = field(default_factory=list)
    representatives: list[int] = field(default_factory=list)
    proposed_theme: str | None = None
    theme_score: float | None = None
    theme_scores: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON and DataFrames."""
        return {
            "cluster": self.cluster,
            "label": self.label,
            "size": self.size,
            "share": self.share,
            "terms": list(self.terms),
            "representatives": list(self.representatives),
            "proposed_theme": self.proposed_theme,
            "theme_score": self.theme_score,
            "theme_scores": dict(self.theme_scores),
        }


def display_term(term: str) -> str:
    """A token as a coder reads it: ``geen_aanspreekpunt`` → ``geen aanspreekpunt``."""
    return term.replace("_", " ")


def class_tfidf(labels: np.ndarray, tokens: Sequence[str], n_clusters: int, ngram_range: tuple[int, int] = (1, 2),
                term_counts: sp.spmatrix | None = None,
                terms: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """c-TF-IDF scores (clusters × terms) and the terms; rows for clusters ``0 .. n_clusters-1``.

    ``term_counts`` (answers × terms, with ``terms``) reuses counts the feature stage already made.
    """
    assigned = np.flatnonzero(labels >= 0)
    if term_counts is not None and terms is not None:
        counts = sp.csr_matrix(term_counts)[assigned]
        names = terms
    else:
        docs = [tokens[int(i)] for i in assigned]
        vectorizer = CountVectorizer(token_pattern=r"\S+", ngram_range=ngram_range, dtype=np.float64,
                                     min_df=2 if len(docs) >= 200 else 1)
        try:
            counts = vectorizer.fit_transform(docs)
        except ValueError:  # no terms at all
            return np.zeros((n_clusters, 0)), np.array([], dtype=object)
        names = vectorizer.get_feature_names_out()
    membership = sp.csr_matrix(
        (np.ones(len(assigned)), (labels[assigned], np.arange(len(assigned)))), shape=(n_clusters, len(assigned))
    )
    per_cluster = np.asarray((membership @ counts).todense())
    totals = per_cluster.sum(axis=1, keepdims=True)
    tf = np.divide(per_cluster, totals, out=np.zeros_like(per_cluster), where=totals > 0)
    frequency = per_cluster.sum(axis=0)
    average_words = per_cluster.sum() / max(1, n_clusters)
    idf = np.log1p(average_words / np.maximum(frequency, 1))
    return tf * idf, names


def make_label(terms: Sequence[str], parts: int = 3) -> str:
    """A short readable label from distinctive terms, e.g. ``Lantaarnpaal kapot, straatverlichting``."""
    chosen: list[str] = []
    covered: set[str] = set()
    for term in terms:
        words = term.split()
        if len(words) > 1 and all(w in chosen for w in words):
            # "lantaarnpaal" and "kapot" were chosen; the phrase "lantaarnpaal kapot" says it better in one part.
            at = min(chosen.index(w) for w in words)
            chosen = [c for c in chosen if c not in words]
            chosen.insert(at, term)
            continue
        if set(words) <= covered:
            continue
        chosen = [c for c in chosen if not set(c.split()) < set(words)]  # a phrase replaces its own words
        chosen.append(term)
        covered |= set(words)
        if len(chosen) == parts:
            break
    if not chosen:
        return "(geen kenmerkende woorden)"
    text = ", ".join(display_term(c) for c in chosen)
    return text[:1].upper() + text[1:]


class ClusterDescriber(RunParams, BaseEstimator):
    """Turns cluster labels into :class:`ClusterDescription` objects (a replaceable stage).

    A scikit-learn estimator for its parameters only (``get_params``/``set_params``/``clone``; ``run_params`` is
    what every cluster run stores); it learns nothing, so it has no ``fit``.
    """

    def __init__(self, *, n_terms: int = 10, n_representatives: int = 5, label_terms: int = 3,
                 min_theme_score: float = 0.1) -> None:
        self.n_terms = n_terms
        self.n_representatives = n_representatives
        self.label_terms = label_terms
        self.min_theme_score = min_theme_score

    def describe(
        self,
        labels: np.ndarray,
        tokens: Sequence[str],
        texts: Sequence[str],
        similarity: np.ndarray,
        centres: np.ndarray,
        *,
        themes: Sequence[ThemeProfile] = (),
        theme_vectors: np.ndarray | None = None,
        term_counts: sp.spmatrix | None = None,
        terms: np.ndarray | None = None,
    ) -> list[ClusterDescription]:
        """Describe clusters ``0 .. k-1`` of ``labels`` (``-1`` = overig) as clusters ``1 .. k`` plus overig ``0``.

        ``similarity`` is each row's similarity to its centre; ``centres`` and ``theme_vectors`` share one space.
        ``term_counts`` and ``terms`` are word n-gram counts per answer that a feature stage already made.
        """
        labels = np.asarray(labels)
        k = len(centres)
        n = len(labels)
        scores, vocabulary = class_tfidf(labels, tokens, k, term_counts=term_counts, terms=terms)
        theme_matrix = theme_similarity(centres, theme_vectors) if theme_vectors is not None and len(themes) else None
        out: list[ClusterDescription] = []
        for c in range(k):
            members = np.flatnonzero(labels == c)
            top = np.argsort(-scores[c])[: self.n_terms] if scores.shape[1] else np.array([], dtype=int)
            top_terms = [str(vocabulary[i]) for i in top if scores[c, i] > 0]
            description = ClusterDescription(
                cluster=c + 1,
                label=make_label(top_terms, self.label_terms),
                size=len(members),
                share=round(len(members) / n, 4) if n else 0.0,
                terms=[display_term(t) for t in top_terms],
                representatives=self.representatives(members, similarity, texts),
            )
            if theme_matrix is not None:
                row = theme_matrix[c]
                description.theme_scores = {t.code: round(float(s), 4) for t, s in zip(themes, row, strict=True)}
                best = int(np.argmax(row))
                if row[best] >= self.min_theme_score:
                    description.proposed_theme = themes[best].code
                    description.theme_score = round(float(row[best]), 4)
            out.append(description)
        _make_labels_unique(out)
        overig = np.flatnonzero(labels == NO_CLUSTER_LABEL)
        if len(overig):
            out.append(ClusterDescription(cluster=OVERIG_CLUSTER, label=OVERIG_LABEL, size=len(overig),
                                          share=round(len(overig) / n, 4),
                                          representatives=[int(i) for i in overig[: self.n_representatives]]))
        return out

    def representatives(self, members: np.ndarray, similarity: np.ndarray, texts: Sequence[str]) -> list[int]:
        """The members closest to the centre, one per distinct text (so five copies of one answer count once)."""
        order = members[np.argsort(-similarity[members], kind="stable")]
        seen: set[str] = set()
        chosen: list[int] = []
        for i in order:
            key = " ".join(texts[i].lower().split())
            if key in seen:
                continue
            seen.add(key)
            chosen.append(int(i))
            if len(chosen) == self.n_representatives:
                break
        return chosen


def theme_similarity(centres: np.ndarray, theme_vectors: np.ndarray) -> np.ndarray:
    """Cosine similarity of every cluster centre to every theme (clusters × themes), clipped at 0."""
    centres = np.asarray(centres, dtype=np.float64)
    themes = np.asarray(theme_vectors, dtype=np.float64)
    c_norm = np.linalg.norm(centres, axis=1, keepdims=True)
    t_norm = np.linalg.norm(themes, axis=1, keepdims=True)
    sims = (centres / np.where(c_norm > 0, c_norm, 1)) @ (themes / np.where(t_norm > 0, t_norm, 1)).T
    return np.clip(sims, 0.0, 1.0)


def _make_labels_unique(descriptions: list[ClusterDescription]) -> None:
    """Two clusters with the same label get their next distinctive term added, then a number."""
    seen: dict[str, int] = {}
    for d in descriptions:
        if d.label in seen:
            extra = next((t for t in d.terms if t.lower() not in d.label.lower()), None)
            if extra:
                d.label = f"{d.label} – {extra}"
        if d.label in seen:
            seen[d.label] += 1
            d.label = f"{d.label} ({seen[d.label]})"
        seen.setdefault(d.label, 1)
