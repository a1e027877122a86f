"""Word vectors learned from the answers of one question: which words are used in the same answers.

No Dutch word vectors can be installed here (``nl_core_news_md``/``_lg`` are not on the package registries and no
model hub is reachable), but a question with thousands of answers carries its own: "lantaarnpaal" and "straatlamp"
rarely occur in one answer, yet both occur next to "kapot", "brandt niet" and "avond". :class:`WordContextVectors`
turns that into vectors in the way of Levy, Goldberg & Dagan (2015, "Improving distributional similarity with
lessons learned from word embeddings"):

1. count, for every pair of words (lemmas, as the pre-clustering makes them), in how many answers both occur;
2. weigh the counts by positive pointwise mutual information (PPMI) with context-distribution smoothing (the
   context counts raised to the power 0.75), so that frequent words do not dominate;
3. reduce the PPMI matrix with truncated SVD (scikit-learn's ``randomized_svd``); a word's vector is U·√Σ;
4. an answer is the sublinear TF-IDF-weighted sum of its words' vectors, unit length.

Unlike the TF-IDF block's SVD, which works on answers × n-grams, this works on words × words, so two words that
never meet in one answer still land close together when they keep the same company. Written here from scipy and
scikit-learn parts because no well-kept library offers PPMI-SVD (gensim has word2vec, which needs far more text
than one question has).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.preprocessing import normalize
from sklearn.utils.extmath import randomized_svd
from sklearn.utils.validation import check_is_fitted

from coding.nlp.params import RunParams

#: Tokens are already split and lower-cased; a token is anything between spaces.
_TOKEN_PATTERN = r"\S+"


class WordContextVectors(RunParams, BaseEstimator):
    """PPMI-SVD word vectors of a question's own answers, and answers as the weighted sum of their words' vectors.

    ``fit_transform(texts, tokens)`` learns from the token strings (``texts`` are not used) and returns one unit-length
    row of ``n_components`` columns per answer (zero columns pad a question with too few words for that many);
    ``transform`` does the same for other token strings (codebook keywords and examples); words not seen in the fit
    count for nothing. ``min_df``: fewest answers a word must occur in (1 for fewer than 20 answers).
    ``context_smoothing``: the power of the context counts in the PPMI. Deterministic under ``random_state``.
    """

    stage = "word_context"

    def __init__(self, n_components: int = 150, *, min_df: int = 3, context_smoothing: float = 0.75,
                 n_iter: int = 4, random_state: int = 0) -> None:
        self.n_components = n_components
        self.min_df = min_df
        self.context_smoothing = context_smoothing
        self.n_iter = n_iter
        self.random_state = random_state

    def fit(self, texts: Sequence[str], tokens: Sequence[str]) -> WordContextVectors:
        """Learn the word vectors from ``tokens``; returns self."""
        self.fit_transform(texts, tokens)
        return self

    def fit_transform(self, texts: Sequence[str], tokens: Sequence[str]) -> np.ndarray:
        """Learn the word vectors from ``tokens`` and return the answers' rows."""
        docs = list(tokens)
        min_df = self.min_df if len(docs) >= 20 else 1
        self.vectorizer_ = CountVectorizer(token_pattern=_TOKEN_PATTERN, min_df=min_df, dtype=np.float64)
        try:
            counts = self.vectorizer_.fit_transform(docs)
        except ValueError:  # no word in enough answers (or none at all): every word, or no vectors
            self.vectorizer_.set_params(min_df=1)
            try:
                counts = self.vectorizer_.fit_transform(docs)
            except ValueError:
                counts = None
        if counts is None:
            self.tfidf_ = None
            self.vectors_ = np.zeros((0, self.n_components))
            return np.zeros((len(docs), self.n_components))
        self.tfidf_ = TfidfTransformer(sublinear_tf=True).fit(counts)
        self.vectors_ = self._word_vectors(ppmi(counts, self.context_smoothing))
        return self._rows(counts)

    def transform(self, texts: Sequence[str], tokens: Sequence[str]) -> np.ndarray:
        """Rows for other token strings in the learned space."""
        check_is_fitted(self, "vectors_")
        if self.tfidf_ is None:
            return np.zeros((len(tokens), self.n_components))
        return self._rows(self.vectorizer_.transform(list(tokens)))

    def _word_vectors(self, weights: sp.csr_matrix) -> np.ndarray:
        """U·√Σ of the truncated SVD of the PPMI matrix, unit length, padded to ``n_components`` columns."""
        words = weights.shape[0]
        vectors = np.zeros((words, self.n_components))
        k = min(self.n_components, words - 1)
        if k >= 1 and weights.nnz:
            u, s, _vt = randomized_svd(weights, k, n_iter=self.n_iter, random_state=self.random_state)
            vectors[:, :k] = u * np.sqrt(s)
        return normalize(vectors)

    def _rows(self, counts: sp.spmatrix) -> np.ndarray:
        assert self.tfidf_ is not None
        return normalize(np.asarray(self.tfidf_.transform(counts) @ self.vectors_))


def ppmi(counts: sp.spmatrix, context_smoothing: float = 0.75) -> sp.csr_matrix:
    """Words × words positive pointwise mutual information of occurring in the same answer.

    ``counts`` is answers × words. A pair is counted once per answer that has both words (a word with itself is not
    counted); PMI(w, c) = log(#(w, c) / (#w · P̂(c))), where #w counts the word's pairs and P̂(c) is the context's
    pair count raised to the power ``context_smoothing``, normalised to sum 1; only positive values are kept.
    """
    present = sp.csr_matrix(counts, dtype=np.float64, copy=True)
    present.data[:] = 1.0
    pairs = (present.T @ present).tocsr()
    pairs.setdiag(0)
    pairs.eliminate_zeros()
    pairs = pairs.tocoo()
    if not pairs.nnz:
        return sp.csr_matrix(pairs.shape)
    word = np.asarray(pairs.sum(axis=1)).ravel()  # #w: the word's pairs (the matrix is symmetric)
    context = word**context_smoothing
    context = context / context.sum()
    # log(#(w,c)/N) − log(#w/N) − log P̂(c): the N's cancel
    pmi = np.log(pairs.data) - np.log(word[pairs.row]) - np.log(context[pairs.col])
    keep = pmi > 0
    return sp.csr_matrix((pmi[keep], (pairs.row[keep], pairs.col[keep])), shape=pairs.shape)
