"""Turning preprocessed answers into vectors: TF-IDF over lemma n-grams and character n-grams, reduced with SVD.

A feature stage is any object with ``fit_transform(texts, tokens)`` and ``transform(texts, tokens)`` that returns
one L2-normalised row per answer (``texts`` are the answers as written, ``tokens`` the preprocessed token strings),
and ``run_params()``, the description of its settings that is stored with every cluster run. The stages here are
scikit-learn estimators (``get_params``/``set_params``/``clone`` from their ``__init__`` parameters); ``run_params``
is kept apart from ``get_params`` because stored runs name the stage (``"stage": "tfidf_svd"``) and keep JSON lists.
:class:`TfidfSvdFeatures` is the default and needs nothing beyond scikit-learn. Dense vectors can replace or join it:
:class:`SpacyVectorFeatures` (a spaCy model with word vectors, e.g. ``nl_core_news_md``) and
:class:`SentenceEmbeddingFeatures` (a sentence-transformers model that is installed locally), combined with
:class:`CombinedFeatures`.

Character n-grams matter for short, misspelled Dutch ("lantaarpaal", "lantarenpaal") and for compounds
("vuilniszak" / "vuilniszakken" / "zak"): they are counted per distinct word and summed per answer
(``answer × word`` counts times ``word × n-gram`` counts), which gives exactly scikit-learn's ``char_wb`` counts in a
fraction of the time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.preprocessing import normalize
from sklearn.utils.extmath import randomized_svd

from coding.errors import CodingError
from coding.nlp.params import RunParams

if TYPE_CHECKING:
    from spacy.language import Language

#: Tokens are already split and lower-cased; a token is anything between spaces.
_TOKEN_PATTERN = r"\S+"


class FeatureStage(Protocol):
    """What the clustering needs from a feature stage."""

    def fit_transform(self, texts: Sequence[str], tokens: Sequence[str]) -> np.ndarray:
        """Learn from the answers and return one normalised row per answer."""
        ...

    def transform(self, texts: Sequence[str], tokens: Sequence[str]) -> np.ndarray:
        """Rows for new texts (e.g. a codebook's themes) in the space learned by ``fit_transform``."""
        ...

    def run_params(self) -> dict[str, Any]:
        """The settings as stored with every cluster run (the stage's name and its parameters, JSON-ready)."""
        ...


class TfidfSvdFeatures(RunParams, BaseEstimator):
    """TF-IDF over lemma word n-grams plus character n-grams, reduced with (randomised) truncated SVD.

    Both blocks use sublinear term frequency and are normalised per answer before they are joined, so neither
    dominates by its size; ``char_weight`` tilts the balance. The SVD (latent semantic analysis) merges words that
    occur in the same answers and removes noise. Deterministic under ``random_state``.
    """

    stage = "tfidf_svd"

    def __init__(
        self,
        n_components: int = 64,
        *,
        word_ngrams: tuple[int, int] = (1, 2),
        char_ngrams: tuple[int, int] = (3, 4),
        char_weight: float = 1.0,
        min_df: int = 2,
        char_min_df: int = 3,
        n_iter: int = 2,
        random_state: int = 0,
    ) -> None:
        self.n_components = n_components
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.char_weight = char_weight
        self.min_df = min_df
        self.char_min_df = char_min_df
        self.n_iter = n_iter
        self.random_state = random_state

    def fit_transform(self, texts: Sequence[str], tokens: Sequence[str]) -> np.ndarray:
        """Fit the vocabularies, IDF weights and SVD on ``tokens``; return the reduced, normalised rows."""
        docs = list(tokens)
        # min_df=2 would leave nothing of a handful of answers; a tiny question keeps every word.
        min_df = self.min_df if len(docs) >= 20 else 1
        char_min_df = self.char_min_df if len(docs) >= 20 else 1
        self.word_vectorizer_ = CountVectorizer(
            token_pattern=_TOKEN_PATTERN, ngram_range=self.word_ngrams, min_df=min_df, dtype=np.float32
        )
        try:
            word_counts = self.word_vectorizer_.fit_transform(docs)
        except ValueError:  # no word occurs often enough: fall back to every word
            self.word_vectorizer_.set_params(min_df=1)
            try:
                word_counts = self.word_vectorizer_.fit_transform(docs)
            except ValueError:
                raise CodingError(
                    "Na voorbewerking blijven er geen woorden over om op te clusteren.",
                    hint="Controleer of de vraag inhoudelijke antwoorden heeft (niet alleen 'weet niet' of leeg).",
                ) from None
        self.word_tfidf_ = TfidfTransformer(sublinear_tf=True).fit(word_counts)
        words = normalize(self.word_tfidf_.transform(word_counts))
        # Kept for describing the clusters (c-TF-IDF), so that the answers are not counted a second time.
        self.term_counts_ = word_counts.tocsr()
        self.terms_ = self.word_vectorizer_.get_feature_names_out()

        # Two counting passes (n-grams with min_df, then every single word) are faster than one pass over all
        # n-grams without min_df, whose vocabulary is several times larger.
        unigrams = CountVectorizer(token_pattern=_TOKEN_PATTERN, dtype=np.float32)
        doc_word = unigrams.fit_transform(docs)
        vocabulary = unigrams.get_feature_names_out()
        all_char = CountVectorizer(analyzer="char_wb", ngram_range=self.char_ngrams, dtype=np.float32)
        word_char = all_char.fit_transform(vocabulary)
        char_counts = (doc_word @ word_char).tocsr()
        doc_freq = np.bincount(char_counts.indices, minlength=char_counts.shape[1])
        keep = np.flatnonzero(doc_freq >= char_min_df)
        self.char_vectorizer_ = CountVectorizer(
            analyzer="char_wb",
            ngram_range=self.char_ngrams,
            vocabulary=all_char.get_feature_names_out()[keep],
            dtype=np.float32,
        )
        char_counts = char_counts[:, keep]
        self.char_tfidf_ = TfidfTransformer(sublinear_tf=True).fit(char_counts)
        chars = normalize(self.char_tfidf_.transform(char_counts))

        joined = self._join(words, chars)
        n_components = max(1, min(self.n_components, joined.shape[0] - 1, joined.shape[1] - 1))
        _u, s, vt = randomized_svd(
            joined, n_components, n_iter=self.n_iter, n_oversamples=20, random_state=self.random_state
        )
        self.components_ = vt.astype(np.float32)
        self.singular_values_ = s
        # Project rather than use u * s: the same answer then gets exactly the same vector (QR rounding differs
        # per row), and fit_transform agrees with transform.
        return _rows_normalised(joined @ self.components_.T)

    def transform(self, texts: Sequence[str], tokens: Sequence[str]) -> np.ndarray:
        """Rows for new token strings in the fitted space (words unknown to the fit still count by n-grams)."""
        docs = list(tokens)
        words = normalize(self.word_tfidf_.transform(self.word_vectorizer_.transform(docs)))
        chars = normalize(self.char_tfidf_.transform(self._char_counts(docs)))
        return _rows_normalised(self._join(words, chars) @ self.components_.T)

    def _char_counts(self, docs: list[str]) -> sp.csr_matrix:
        """Character n-gram counts in the fitted vocabulary, counted per distinct word as in ``fit_transform``:
        the same counts as ``char_vectorizer_.transform(docs)``, several times faster (assigning the answers
        outside a sample transforms every one of them)."""
        unigrams = CountVectorizer(token_pattern=_TOKEN_PATTERN, dtype=np.float32)
        try:
            doc_word = unigrams.fit_transform(docs)
        except ValueError:  # not one word in any of the docs
            return sp.csr_matrix((len(docs), len(self.char_vectorizer_.vocabulary_)), dtype=np.float32)
        word_char = self.char_vectorizer_.transform(unigrams.get_feature_names_out())
        return (doc_word @ word_char).tocsr()

    def term_matrix(self, tokens: Sequence[str]) -> sp.csr_matrix:
        """Word n-gram counts of ``tokens`` in the fitted vocabulary (for describing clusters)."""
        return self.word_vectorizer_.transform(list(tokens)).tocsr()

    def _join(self, words: sp.spmatrix, chars: sp.spmatrix) -> sp.csr_matrix:
        joined = sp.hstack([words, self.char_weight * chars], format="csr", dtype=np.float32)
        return normalize(joined)


class SpacyVectorFeatures(BaseEstimator):
    """The mean word vector of an answer's lemmas, from a spaCy model with vectors (``nl_core_news_md``/``_lg``).

    A negated token (``geen_aanspreekpunt``) contributes the vector of its word; words without a vector are skipped.
    """

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def run_params(self) -> dict[str, Any]:
        """The settings as stored with a cluster run (the model's vector width, not the model)."""
        return {"stage": "spacy_vectors", "width": int(self.nlp.vocab.vectors.shape[1])}

    def fit_transform(self, texts: Sequence[str], tokens: Sequence[str]) -> np.ndarray:
        """Nothing to learn: the vectors come with the model."""
        return self.transform(texts, tokens)

    def transform(self, texts: Sequence[str], tokens: Sequence[str]) -> np.ndarray:
        """Mean vector per answer, normalised."""
        vocab = self.nlp.vocab
        width = int(vocab.vectors.shape[1])
        out = np.zeros((len(tokens), width), dtype=np.float32)
        cache: dict[str, np.ndarray | None] = {}
        for row, line in enumerate(tokens):
            vectors = []
            for token in line.split():
                word = token.split("_", 1)[-1]
                if word not in cache:
                    cache[word] = np.asarray(vocab.get_vector(word)) if vocab.has_vector(word) else None
                vector = cache[word]
                if vector is not None:
                    vectors.append(vector)
            if vectors:
                out[row] = np.mean(vectors, axis=0)
        return _rows_normalised(out)


class SentenceEmbeddingFeatures(BaseEstimator):
    """Sentence embeddings from a locally installed sentence-transformers model (never downloaded at run time).

    ``model`` is a folder or the name of a model already in the local cache; the answers as written are embedded.
    """

    def __init__(self, model: str, *, batch_size: int = 64) -> None:
        self.model = model
        self.batch_size = batch_size

    def run_params(self) -> dict[str, Any]:
        """The settings as stored with a cluster run."""
        return {"stage": "sentence_embeddings", "model": self.model}

    def _encoder(self) -> Any:
        if not hasattr(self, "encoder_"):
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError:
                raise CodingError(
                    "Zinsvectoren vragen het pakket sentence-transformers, dat niet is geïnstalleerd.",
                    hint="Installeer het met: pip install sentence-transformers (en een model dat lokaal staat).",
                ) from None
            self.encoder_ = SentenceTransformer(self.model, local_files_only=True)
        return self.encoder_

    def fit_transform(self, texts: Sequence[str], tokens: Sequence[str]) -> np.ndarray:
        """Nothing to learn: the model is fixed."""
        return self.transform(texts, tokens)

    def transform(self, texts: Sequence[str], tokens: Sequence[str]) -> np.ndarray:
        """One embedding per answer, normalised."""
        vectors = self._encoder().encode(list(texts), batch_size=self.batch_size, show_progress_bar=False)
        return _rows_normalised(np.asarray(vectors, dtype=np.float32))


class CombinedFeatures(BaseEstimator):
    """Several stages side by side: each block normalised and weighted, then the whole row normalised.

    ``weights`` (default: 1 for every stage) weigh the blocks.
    """

    def __init__(self, stages: Sequence[FeatureStage], weights: Sequence[float] | None = None) -> None:
        self.stages = stages
        self.weights = weights

    def _weights(self) -> list[float]:
        return list(self.weights) if self.weights is not None else [1.0] * len(self.stages)

    def run_params(self) -> dict[str, Any]:
        """The settings of every stage, as stored with a cluster run."""
        return {"stage": "combined", "weights": self._weights(), "stages": [s.run_params() for s in self.stages]}

    def fit_transform(self, texts: Sequence[str], tokens: Sequence[str]) -> np.ndarray:
        """Fit every stage and join their rows."""
        return self._join([s.fit_transform(texts, tokens) for s in self.stages])

    def transform(self, texts: Sequence[str], tokens: Sequence[str]) -> np.ndarray:
        """Transform with every stage and join their rows."""
        return self._join([s.transform(texts, tokens) for s in self.stages])

    def _join(self, blocks: list[np.ndarray]) -> np.ndarray:
        return _rows_normalised(np.hstack([w * b for w, b in zip(self._weights(), blocks, strict=True)]))


def default_features(nlp: Language | None = None, *, has_vectors: bool = False, random_state: int = 0) -> FeatureStage:
    """TF-IDF + SVD, joined by the model's word vectors when the pipeline has them."""
    tfidf = TfidfSvdFeatures(random_state=random_state)
    if nlp is not None and has_vectors:
        return CombinedFeatures([tfidf, SpacyVectorFeatures(nlp)], weights=[1.0, 0.5])
    return tfidf


def _rows_normalised(matrix: np.ndarray) -> np.ndarray:
    """L2-normalised float32 rows; an all-zero row (an answer with no known words) stays zero."""
    return np.asarray(normalize(np.asarray(matrix, dtype=np.float32)), dtype=np.float32)
