"""Theme suggestions that learn from the coders: a per-question multi-label classifier with calibrated probabilities.

The pipeline, in stages:

1. **Features** (:class:`SuggestFeatures`, fitted once per question on *all* its answers, coded or not): the
   pre-clustering's preprocessing (lemmas, marked negation) and its TF-IDF over lemma word n-grams and character
   n-grams, kept sparse, joined by their latent-semantic (SVD) projection and by word vectors learned from the
   question's answers (:mod:`coding.nlp.word_vectors`: PPMI of words in the same answer, reduced with SVD). Both
   are learned from every answer, so words that keep the same company land close together even when only one of
   them was ever coded — that is what makes a few hundred coded answers go a long way.
2. **Classifier** (:class:`ThemeSuggester`, retrained whenever coders have coded more): one linear SVM per theme
   (one-vs-rest, so an answer can get several themes; :class:`SeededLinearSVC` around scikit-learn's
   :class:`~sklearn.svm.LinearSVC`), trained on the coded answers plus the codebook's keywords and examples as
   extra, lighter-weighted training answers. The n-gram columns are first scaled per theme by their naive-Bayes
   log-count ratio (NBSVM, Wang & Manning 2012): a word that occurs in this theme's answers and hardly elsewhere
   weighs more before the SVM sees it.
3. **Calibration** (scikit-learn's :class:`~sklearn.calibration.CalibratedClassifierCV`, one per theme): the SVM
   scores of each theme are mapped to probabilities with Platt's sigmoid (isotonic regression once a theme has
   enough examples), fitted on *out-of-fold* scores (k-fold cross-validation over the coded answers). The same
   out-of-fold probabilities give the precision to expect when suggestions with p ≥ t are accepted
   (:meth:`ThemeSuggester.precision_at`).

Retraining costs a few linear fits on sparse rows (about a second for 5,000 coded answers); the feature step is
the slow part and is done once per question (the UI caches it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.special import expit, logit
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.model_selection import KFold, cross_val_predict
from sklearn.preprocessing import MultiLabelBinarizer, normalize
from sklearn.svm import LinearSVC
from sklearn.utils.validation import check_is_fitted

#: Columns of a suggestion table (``coding suggest``): the three most likely themes per answer.
SUGGESTION_COLUMNS = ["respondent_id", "segment_id", "theme_1", "p_1", "theme_2", "p_2", "theme_3", "p_3"]


def answer_tokens(texts: Sequence[str]) -> list[str]:
    """The pre-clustering's token strings (lemmas, marked negation) for ``texts``."""
    from coding.nlp.pipeline import load_pipeline
    from coding.nlp.preprocess import preprocess

    return preprocess(list(texts), load_pipeline()) if texts else []


class SuggestFeatures(TransformerMixin, BaseEstimator):
    """Three blocks per answer: sparse lemma-word + character n-gram TF-IDF, its SVD projection (both built on the
    pre-clustering's), and word vectors learned from the question's own answers (:class:`WordContextVectors`).

    ``dense_weight`` weighs the SVD block and ``word_vector_weight`` the word-vector block against the (unit-length)
    sparse block; ``word_vectors`` is the word vectors' width (0: no such block). ``fit``, ``fit_transform`` and
    ``transform`` take the answers and their token strings (:func:`answer_tokens`, computed when left out). The
    second argument is the tokens, not a target: in a scikit-learn Pipeline that passes ``y``, wrap it.
    """

    def __init__(self, n_components: int = 150, *, dense_weight: float = 1.0, word_vectors: int = 150,
                 word_vector_weight: float = 1.0, random_state: int = 0) -> None:
        self.n_components = n_components
        self.dense_weight = dense_weight
        self.word_vectors = word_vectors
        self.word_vector_weight = word_vector_weight
        self.random_state = random_state

    def fit(self, texts: Sequence[str], tokens: Sequence[str] | None = None) -> SuggestFeatures:
        """Learn vocabularies, IDF, SVD and word vectors from all answers of a question."""
        self.fit_transform(texts, tokens)
        return self

    def fit_transform(self, texts: Sequence[str], tokens: Sequence[str] | None = None) -> sp.csr_matrix:
        """Learn vocabularies, IDF, SVD and word vectors from all answers of a question; return their rows."""
        from coding.nlp.features import TfidfSvdFeatures
        from coding.nlp.word_vectors import WordContextVectors

        tokens = answer_tokens(texts) if tokens is None else tokens
        self.tfidf_ = TfidfSvdFeatures(n_components=self.n_components, random_state=self.random_state)
        dense = self.tfidf_.fit_transform(texts, tokens)
        self.word_vectors_ = (WordContextVectors(self.word_vectors, random_state=self.random_state)
                              if self.word_vectors else None)
        vectors = self.word_vectors_.fit_transform(texts, tokens) if self.word_vectors_ is not None else None
        return self._join(tokens, dense, vectors)

    def transform(self, texts: Sequence[str], tokens: Sequence[str] | None = None) -> sp.csr_matrix:
        """Rows for other texts (codebook keywords and examples) in the learned space."""
        check_is_fitted(self, "tfidf_")
        tokens = answer_tokens(texts) if tokens is None else tokens
        vectors = self.word_vectors_.transform(texts, tokens) if self.word_vectors_ is not None else None
        return self._join(tokens, self.tfidf_.transform(texts, tokens), vectors)

    @property
    def sparse_width_(self) -> int:
        """How many leading columns of a feature row are the sparse n-gram block (then the SVD block, then the word
        vectors)."""
        check_is_fitted(self, "tfidf_")
        return len(self.tfidf_.word_tfidf_.idf_) + len(self.tfidf_.char_tfidf_.idf_)

    def svd_block(self, rows: sp.csr_matrix) -> np.ndarray:
        """The dense SVD part of feature rows, unit length (for clustering and closeness)."""
        start = self.sparse_width_
        return normalize(np.asarray(rows[:, start:start + self.tfidf_.components_.shape[0]].todense()))

    def word_vector_weights(self, tokens: str, coef: np.ndarray) -> dict[str, float]:
        """What each word of one answer (its token string) adds to a linear score through the word-vector block.

        ``coef`` has a weight for every column of a feature row (a theme's SVM weights). The block is the
        unit-length sum of the words' vectors weighted by TF-IDF, so its part of the score splits exactly into one
        share per word: weight × TF-IDF × (word vector · the block's weights) / the sum's length.
        """
        words = getattr(self, "word_vectors_", None)
        if words is None or words.tfidf_ is None:
            return {}
        start = self.sparse_width_ + self.tfidf_.components_.shape[0]
        row = sp.csr_matrix(words.tfidf_.transform(words.vectorizer_.transform([tokens])))
        length = float(np.linalg.norm(row @ words.vectors_))
        if not length:
            return {}
        shares = (words.vectors_[row.indices] @ coef[start:]) * row.data * self.word_vector_weight / length
        names = words.vectorizer_.get_feature_names_out()
        return {str(names[i]): float(v) for i, v in zip(row.indices, shares, strict=True)}

    def _join(self, tokens: Sequence[str], dense: np.ndarray, vectors: np.ndarray | None) -> sp.csr_matrix:
        docs = list(tokens)
        tfidf = self.tfidf_
        words = normalize(tfidf.word_tfidf_.transform(tfidf.word_vectorizer_.transform(docs)))
        chars = normalize(tfidf.char_tfidf_.transform(tfidf.char_vectorizer_.transform(docs)))
        sparse = normalize(sp.hstack([words, tfidf.char_weight * chars], format="csr"))
        blocks = [sparse, sp.csr_matrix(self.dense_weight * dense)]
        if vectors is not None:
            blocks.append(sp.csr_matrix(self.word_vector_weight * vectors))
        return sp.hstack(blocks, format="csr", dtype=np.float64)


#: Below this many coded answers, ``cv=None`` cross-validates with 10 folds instead of 3. The calibration learns
#: from out-of-fold scores of models trained on the other folds: with 3 folds on 200 answers they learn from 133,
#: are weaker than the final model trained on all 200, and the probabilities come out too low (on the benchmark
#: the expected calibration error at 200 coded answers fell from 0.072 to 0.053, mean of 4 random sets, with 10
#: folds; from 0.043 to 0.030 at 500). Fitting 10 SVMs per theme on under 1,000 answers is cheap.
AUTO_CV_TEN_FOLDS = 1000

#: From this many coded answers on, ``cv=None`` cross-validates with 2 folds instead of 3 and ``refit=None``
#: predicts with the fold models (scikit-learn's ``ensemble=True``) instead of refitting on all answers: half the
#: answers are then plenty, and retraining stays well within 2 s. Below it every coded answer counts, so the final
#: model is refitted on all of them (``ensemble=False``).
AUTO_CV_TWO_FOLDS = 2000

#: Fewest positive and negative out-of-fold examples of a theme before isotonic calibration replaces Platt's.
ISOTONIC_MIN = 100

#: A theme with fewer coded answers than this is never suggested with p > :data:`FEW_EXAMPLES_CAP`: a handful of
#: examples cannot tell what the theme is, however close an answer is to them.
MIN_THEME_EXAMPLES = 5
FEW_EXAMPLES_CAP = 0.5

#: Probabilities are kept this far from 0 and 1 before taking their logit (for the top-theme recalibration).
_EPS = 1e-4

#: Isotonic calibration maps whole ranges of scores to one probability; this much of the SVM score (squashed to
#: 0–1) is added so that answers keep their order by score within a step (and themes on one step by their score).
TIE_BREAK = 1e-4


def auto_folds(n: int) -> int:
    """The folds ``cv=None`` cross-validates ``n`` coded answers with: 10 from 20 answers to
    :data:`AUTO_CV_TEN_FOLDS`, then 3, and 2 from :data:`AUTO_CV_TWO_FOLDS` on (3 below 20: a fold needs two)."""
    if n < AUTO_CV_TEN_FOLDS:
        return 10 if n >= 20 else 3
    return 3 if n < AUTO_CV_TWO_FOLDS else 2


class SeededLinearSVC(ClassifierMixin, BaseEstimator):
    """A linear SVM for one theme that always learns from the codebook's seed rows as well.

    ``seed_X`` (feature rows of keywords and examples) and ``seed_y`` (True where a seed is of this theme) join
    every ``fit`` with weight ``seed_weight``. Because the seeds come with the estimator, cross-validation
    (:class:`~sklearn.calibration.CalibratedClassifierCV`, :func:`~sklearn.model_selection.cross_val_predict`)
    splits only the coded answers: the seeds are in every training fold and in no test fold. A training set of one
    class only (no answer of the fold has the theme, or every answer has it) gets the constant score +1 or −1
    instead of the error :class:`~sklearn.svm.LinearSVC` raises. ``classes_`` is always ``[False, True]``.

    ``nb_columns`` leading columns (the n-gram counts or TF-IDF, never negative) are scaled by their naive-Bayes
    log-count ratio before the SVM is fitted (:func:`nb_log_ratio`, NBSVM); the other columns (a dense SVD block)
    are left as they are. The scale is folded into ``coef_``, so scores are taken on the unscaled rows.
    """

    def __init__(
        self,
        C: float = 0.5,
        *,
        tol: float = 1e-2,
        seed_X: sp.spmatrix | np.ndarray | None = None,
        seed_y: np.ndarray | None = None,
        seed_weight: float = 0.5,
        nb_columns: int = 0,
        random_state: int = 0,
    ) -> None:
        self.C = C
        self.tol = tol
        self.seed_X = seed_X
        self.seed_y = seed_y
        self.seed_weight = seed_weight
        self.nb_columns = nb_columns
        self.random_state = random_state

    def fit(self, X: sp.spmatrix | np.ndarray, y: Sequence[bool] | np.ndarray,
            sample_weight: np.ndarray | None = None) -> SeededLinearSVC:
        """Fit on ``X``, ``y`` (True/False) and the seeds; returns self."""
        X = sp.csr_matrix(X, dtype=np.float64)
        labels = np.asarray(y)
        if labels.ndim != 1 or len(labels) != X.shape[0] or not np.isin(labels, [0, 1]).all():
            raise ValueError("SeededLinearSVC learns one theme: y needs one True/False (or 1/0) per row of X.")
        truth = labels.astype(bool)
        weights = np.ones(X.shape[0]) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        if self.seed_X is not None and self.seed_y is not None:
            X = sp.vstack([X, sp.csr_matrix(self.seed_X, dtype=np.float64)], format="csr")
            truth = np.concatenate([truth, np.asarray(self.seed_y, dtype=bool)])
            weights = np.concatenate([weights, np.full(len(self.seed_y), self.seed_weight)])
        self.classes_ = np.array([False, True])
        self.n_features_in_ = X.shape[1]
        if truth.all() or not truth.any():
            self.coef_ = np.zeros((1, X.shape[1]))
            self.intercept_ = np.array([1.0 if truth.all() else -1.0])
        else:
            scale = nb_log_ratio(X, truth, weights, self.nb_columns) if self.nb_columns else None
            svm = LinearSVC(C=self.C, tol=self.tol, random_state=self.random_state)
            svm.fit(X if scale is None else X @ sp.diags(scale), truth, sample_weight=weights)
            self.coef_ = svm.coef_ if scale is None else svm.coef_ * scale
            self.intercept_ = svm.intercept_
        return self

    def decision_function(self, X: sp.spmatrix | np.ndarray) -> np.ndarray:
        """The SVM score per row (positive: the theme applies)."""
        check_is_fitted(self)
        rows = X if sp.issparse(X) else np.asarray(X, dtype=np.float64)
        if rows.ndim != 2 or rows.shape[1] != self.n_features_in_:
            raise ValueError(f"X has {rows.shape[-1]} features, but SeededLinearSVC is expecting "
                             f"{self.n_features_in_} features as input.")
        return np.asarray(rows @ self.coef_[0]).ravel() + self.intercept_[0]

    def predict(self, X: sp.spmatrix | np.ndarray) -> np.ndarray:
        """True where the score is positive."""
        positive = self.decision_function(X) > 0
        return np.asarray(self.classes_[positive.astype(int)])

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        tags.classifier_tags.multi_class = False
        return tags


#: From this many coded answers on, ``nb_columns`` are scaled by their naive-Bayes log-count ratio; below it the
#: ratios of a few hundred answers are too noisy: on the benchmark NBSVM was a wash at 200 and 500 random coded
#: answers (mean top-1 over 6 sets 0.590 vs 0.588 at 200) and made the most-informative order over-confident at
#: 200 (ECE 0.080 instead of 0.022), while from 1,000 on it helps (top-1 at 2,000: 0.661 instead of 0.652).
NB_MIN_CODED = 1000

#: The naive-Bayes smoothing α of :func:`nb_log_ratio`. 0.5 and 1.0 were within the noise of each other on the
#: benchmark; 0.5 had the higher mean top-1 over 6 random sets of 200, 1,000 and 2,000 coded answers.
NB_ALPHA = 0.5


def nb_log_ratio(X: sp.csr_matrix, truth: np.ndarray, weights: np.ndarray, columns: int,
                 alpha: float = NB_ALPHA) -> np.ndarray:
    """Per column, the naive-Bayes log-count ratio of a theme (Wang & Manning 2012) for the first ``columns``, 1 after.

    r = log((α + p) / ‖α + p‖₁) − log((α + q) / ‖α + q‖₁), where p and q are the weighted number of rows with the
    theme (``truth``) and without it in which the column is non-zero. Positive where a column points at the
    theme, negative where it points away, near 0 where it occurs in both alike.
    """
    columns = min(columns, X.shape[1])
    present = X[:, :columns].copy()
    present.data = (present.data > 0).astype(np.float64)
    p = alpha + np.asarray(present[truth].T @ weights[truth]).ravel()
    q = alpha + np.asarray(present[~truth].T @ weights[~truth]).ravel()
    ratio = np.log(p / p.sum()) - np.log(q / q.sum())
    return np.concatenate([ratio, np.ones(X.shape[1] - columns)])


@dataclass(frozen=True)
class Precision:
    """What accepting every suggestion with p ≥ ``threshold`` would have given on the coded answers (out of fold)."""

    threshold: float
    #: Share of accepted (answer, theme) suggestions that the coders also gave; NaN when none would be accepted.
    precision: float
    #: How many coded (answer, theme) suggestions reach the threshold (the basis of ``precision``).
    support: int
    #: Share of the coded answers that would get at least one accepted theme.
    coverage: float


class ThemeSuggester(ClassifierMixin, BaseEstimator):
    """Multi-label theme classifier with calibrated probabilities (a scikit-learn estimator).

    Built from scikit-learn parts: :class:`~sklearn.preprocessing.MultiLabelBinarizer` for the theme matrix,
    :class:`~sklearn.model_selection.KFold` for the folds, and per theme (one-vs-rest) a
    :class:`~sklearn.calibration.CalibratedClassifierCV` around a :class:`SeededLinearSVC`. The seeds ride with
    the SVM, so the folds split the coded answers only (seeds are in every training fold, never in a test fold).

    ``tol`` is the SVM's stopping tolerance: 1e-2 instead of scikit-learn's 1e-4 fits 4× faster and gave the
    same accuracy on the benchmark. ``cv`` folds (None: :func:`auto_folds`, 10 below
    :data:`AUTO_CV_TEN_FOLDS` coded answers, 3 below :data:`AUTO_CV_TWO_FOLDS`, else 2) give the out-of-fold scores
    for calibration and expected precision; ``refit`` (None: below
    :data:`AUTO_CV_TWO_FOLDS` only) fits the final model on all coded answers and calibrates it on the pooled
    out-of-fold scores (``ensemble=False``) instead of averaging the calibrated fold models (``ensemble=True``).
    ``calibration`` is 'sigmoid' (Platt), 'isotonic', or 'auto': isotonic for a theme with at least
    :data:`ISOTONIC_MIN` positive and negative out-of-fold examples, else Platt's. Isotonic regression can follow a
    reliability curve that levels off below 1 (coders who disagree now and then put a ceiling on how sure anyone
    can be), which a sigmoid cannot; its steps are broken by the score (:data:`TIE_BREAK`). With too few coded
    answers to hold any out, a theme is calibrated with Platt's sigmoid on its training scores; a theme that every
    coded answer has, or none, gets Platt's smoothed target ((P + 1) / (P + 2), or 1 / (N + 2)) as its probability.

    ``nb_columns`` leading columns (the sparse n-gram block, :attr:`SuggestFeatures.sparse_width_`) are scaled per
    theme by their naive-Bayes log-count ratio (see :class:`SeededLinearSVC`; 0: no scaling) once at least
    :data:`NB_MIN_CODED` answers are coded; ``nb_scaled_`` says whether they were.

    ``fit(X, y)`` takes feature rows of coded answers and their theme codes (one tuple per answer); ``seeds`` adds
    codebook keywords and examples as training rows with weight ``seed_weight`` (never used for evaluation).
    Learned: ``classes_`` (theme codes), ``folds_`` (the number of folds), ``estimators_`` (the calibrated
    classifier per theme, None for a constant theme), ``calibration_`` (per theme: 'sigmoid', 'isotonic' or
    'constant'), ``coef_``/``intercept_`` (one row per theme: the refitted SVM or the mean of the fold SVMs),
    ``oof_theme_proba_`` (out-of-fold per-theme probabilities of the coded answers), ``top_calibrator_`` (the second
    level fitted on them, see :meth:`predict_proba`), ``oof_proba_`` (the out-of-fold probabilities as
    :meth:`predict_proba` gives them), ``examples_`` (coded answers per theme) and ``y_`` (their truth).
    """

    def __init__(
        self,
        C: float = 0.25,
        *,
        cv: int | None = None,
        tol: float = 1e-2,
        seed_weight: float = 0.5,
        calibration: str = "auto",
        refit: bool | None = None,
        nb_columns: int = 0,
        themes: Sequence[str] | None = None,
        random_state: int = 0,
    ) -> None:
        self.C = C
        self.cv = cv
        self.tol = tol
        self.seed_weight = seed_weight
        self.calibration = calibration
        self.refit = refit
        self.nb_columns = nb_columns
        self.themes = themes
        self.random_state = random_state

    def _indicators(self, y: Sequence[Sequence[str]]) -> np.ndarray:
        """Answers × themes, True where an answer has the theme (codes outside ``classes_`` are left out)."""
        known = set(self.classes_)
        return np.asarray(self.binarizer_.transform([[c for c in codes if c in known] for codes in y]), dtype=bool)

    def _method(self, positives: int, n: int) -> str:
        enough = min(positives, n - positives) >= ISOTONIC_MIN
        return "isotonic" if self.calibration == "isotonic" or (self.calibration == "auto" and enough) else "sigmoid"

    def fit(
        self,
        X: sp.spmatrix | np.ndarray,
        y: Sequence[Sequence[str]],
        *,
        seeds: tuple[sp.spmatrix | np.ndarray, Sequence[Sequence[str]]] | None = None,
    ) -> ThemeSuggester:
        """Learn from coded answers ``X`` with themes ``y`` (and codebook seeds); returns self."""
        X = sp.csr_matrix(X, dtype=np.float64)
        codes = list(self.themes) if self.themes is not None else sorted({c for row in y for c in row})
        self.binarizer_ = MultiLabelBinarizer(classes=codes).fit([])
        self.classes_ = np.array(codes, dtype=object)
        self.n_features_in_ = X.shape[1]
        Y = self._indicators(y)
        seed_X = sp.csr_matrix(seeds[0], dtype=np.float64) if seeds is not None else None
        seed_Y = self._indicators(seeds[1]) if seeds is not None else None

        n = X.shape[0]
        folds = min(self.cv or auto_folds(n), n)
        self.folds_ = folds
        self.cross_validated_ = folds >= 2 and n >= 2 * folds
        refit = self.refit if self.refit is not None else n < AUTO_CV_TWO_FOLDS
        if self.cross_validated_:
            splits = list(KFold(folds, shuffle=True, random_state=self.random_state).split(np.zeros(n)))
        else:  # too few answers to hold any out: calibrate on the training scores
            splits = [(np.arange(n), np.arange(n))]
        ensemble = not (refit and self.cross_validated_)
        nb_columns = self.nb_columns if n >= NB_MIN_CODED else 0
        self.nb_scaled_ = nb_columns > 0

        oof = np.zeros((n, len(codes)))
        coef = np.zeros((len(codes), X.shape[1]))
        intercept = np.zeros(len(codes))
        self.estimators_: list[CalibratedClassifierCV | None] = []
        self.calibration_: list[str] = []
        self.constant_ = np.full(len(codes), np.nan)
        for j in range(len(codes)):
            svm = SeededLinearSVC(
                self.C, tol=self.tol, seed_X=seed_X, seed_y=seed_Y[:, j] if seed_Y is not None else None,
                seed_weight=self.seed_weight, nb_columns=nb_columns, random_state=self.random_state,
            )
            positives = int(Y[:, j].sum())
            if positives in (0, n):  # nothing to calibrate: what Platt's sigmoid converges to on one class
                svm.fit(X, Y[:, j])
                coef[j], intercept[j] = svm.coef_[0], svm.intercept_[0]
                self.constant_[j] = (n + 1) / (n + 2) if positives else 1 / (n + 2)
                oof[:, j] = self.constant_[j]
                self.estimators_.append(None)
                self.calibration_.append("constant")
                continue
            method = self._method(positives, n) if self.cross_validated_ else "sigmoid"
            model = CalibratedClassifierCV(svm, method=method, cv=splits, ensemble=ensemble).fit(X, Y[:, j])
            pairs = model.calibrated_classifiers_
            if ensemble:  # each fold's (SVM, calibrator) pair scores its own test answers
                scores = np.zeros(n)
                for (_, test), pair in zip(splits, pairs, strict=True):
                    scores[test] = pair.estimator.decision_function(X[test])
                    oof[test, j] = pair.calibrators[0].predict(scores[test])
            else:  # one calibrator on the pooled out-of-fold scores, the SVM refitted on all answers
                scores = cross_val_predict(svm, X, Y[:, j], cv=splits, method="decision_function")
                oof[:, j] = pairs[0].calibrators[0].predict(scores)
            if method == "isotonic":
                oof[:, j] = _break_ties(oof[:, j], scores)
            coef[j] = np.mean([pair.estimator.coef_[0] for pair in pairs], axis=0)
            intercept[j] = np.mean([pair.estimator.intercept_[0] for pair in pairs])
            self.estimators_.append(model)
            self.calibration_.append(method)
        self.coef_, self.intercept_ = coef, intercept
        self.y_ = Y
        self.n_coded_ = n
        self.examples_ = Y.sum(axis=0)
        self.top_calibrator_ = self._fit_top_calibrator(oof, Y) if self.cross_validated_ else None
        self.oof_theme_proba_ = oof
        self.oof_proba_ = self._finish(oof)
        return self

    def _fit_top_calibrator(self, oof: np.ndarray, Y: np.ndarray) -> LogisticRegression | None:
        """Platt's scaling of the most likely theme: P(the answer has its top theme | its two highest p's).

        Per-theme calibration answers "how often does this theme apply at this score" over all answers. The top theme
        of an answer is more likely than that when the other themes are unlikely (most answers have a theme), so
        the top probability of one-vs-rest calibration comes out too low (0.61 mean p at 0.64 top-1 accuracy on
        the benchmark). This second level learns from the out-of-fold probabilities how often the top theme is right.
        """
        if oof.shape[1] < 2:
            return None
        best = oof.argmax(axis=1)
        right = Y[np.arange(len(best)), best]
        if right.all() or not right.any():
            return None
        return LogisticRegression(C=1e4, max_iter=1000).fit(_top_features(oof), right)

    def _finish(self, proba: np.ndarray) -> np.ndarray:
        """The top theme's p recalibrated (others kept at or below it), few-example themes capped."""
        proba = proba.copy()
        if getattr(self, "top_calibrator_", None) is not None and len(proba):
            best = proba.argmax(axis=1)
            rows = np.arange(len(best))
            top = self.top_calibrator_.predict_proba(_top_features(proba))[:, 1]  # type: ignore[union-attr]
            proba = np.minimum(proba, top[:, None])
            proba[rows, best] = top
        few = self.examples_ < MIN_THEME_EXAMPLES
        proba[:, few] = np.minimum(proba[:, few], FEW_EXAMPLES_CAP)
        return proba

    def decision_function(self, X: sp.spmatrix | np.ndarray) -> np.ndarray:
        """Raw SVM scores, one column per theme."""
        check_is_fitted(self)
        return np.asarray(sp.csr_matrix(X) @ self.coef_.T + self.intercept_)

    def predict_proba(self, X: sp.spmatrix | np.ndarray) -> np.ndarray:
        """Calibrated probability per theme that it applies (columns follow ``classes_``; rows need not sum to 1).

        :meth:`theme_proba` with two corrections: the most likely theme of each answer gets the probability the
        second level (``top_calibrator_``) learned for it, the others stay at or below it; and a theme with fewer than
        :data:`MIN_THEME_EXAMPLES` coded answers is capped at :data:`FEW_EXAMPLES_CAP`.
        """
        return self._finish(self.theme_proba(X))

    def theme_proba(self, X: sp.spmatrix | np.ndarray) -> np.ndarray:
        """Each theme's own calibrated probability (one-vs-rest, before the top-theme second level).

        Per theme this is what its ``CalibratedClassifierCV.predict_proba`` gives for the positive class (the mean
        over its calibrated SVMs), computed with one matrix product per fold for all themes instead of one per theme.
        """
        check_is_fitted(self)
        X = sp.csr_matrix(X)
        proba = np.tile(self.constant_, (X.shape[0], 1))
        scores = self.decision_function(X)
        themes = [j for j, model in enumerate(self.estimators_) if model is not None]
        pairs = [self.estimators_[j].calibrated_classifiers_ for j in themes]  # type: ignore[union-attr]
        n_pairs = len(pairs[0]) if pairs else 0
        for k in range(n_pairs):
            if n_pairs == 1:  # one SVM per theme: the rows of coef_
                fold_scores = scores[:, themes]
            else:
                coef = np.vstack([p[k].estimator.coef_ for p in pairs])
                fold_scores = np.asarray(X @ coef.T) + np.array([p[k].estimator.intercept_[0] for p in pairs])
            for column, (j, p) in enumerate(zip(themes, pairs, strict=True)):
                calibrated = p[k].calibrators[0].predict(fold_scores[:, column])
                proba[:, j] = calibrated if k == 0 else proba[:, j] + calibrated
        for j in themes:
            proba[:, j] /= n_pairs
            if self.calibration_[j] == "isotonic":
                proba[:, j] = _break_ties(proba[:, j], scores[:, j])
        return proba

    def predict(self, X: sp.spmatrix | np.ndarray, threshold: float = 0.5) -> list[tuple[str, ...]]:
        """The themes with probability ≥ ``threshold`` per answer."""
        proba = self.predict_proba(X)
        return [tuple(self.classes_[row >= threshold]) for row in proba]

    def score(self, X: sp.spmatrix | np.ndarray, y: Sequence[Sequence[str]],
              sample_weight: np.ndarray | None = None) -> float:
        """Subset accuracy: the share of answers whose predicted themes (p ≥ 0.5) are exactly their themes."""
        predicted = self._indicators(self.predict(X))
        return float(accuracy_score(self._indicators(y), predicted, sample_weight=sample_weight))

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        tags.classifier_tags.multi_label = True
        return tags

    def precision_at(self, threshold: float) -> Precision:
        """Expected precision of accepting all suggestions with p ≥ ``threshold``, from the out-of-fold predictions."""
        chosen = self.oof_proba_ >= threshold
        support = int(chosen.sum())
        precision = float(self.y_[chosen].mean()) if support else float("nan")
        coverage = float(chosen.any(axis=1).mean()) if self.n_coded_ else 0.0
        return Precision(threshold, precision, support, coverage)

    def precision_table(self, thresholds: Sequence[float] = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)) -> pd.DataFrame:
        """:meth:`precision_at` for several thresholds, as a table."""
        return pd.DataFrame([vars(self.precision_at(t)) for t in thresholds])


def _top_features(proba: np.ndarray) -> np.ndarray:
    """Logits of each row's highest and second-highest probability."""
    ranked = -np.sort(-proba, axis=1)[:, :2]
    return np.asarray(logit(np.clip(ranked, _EPS, 1 - _EPS)))


def _break_ties(proba: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """Isotonic probabilities with :data:`TIE_BREAK` of the squashed score added, kept within 0–1."""
    return np.clip(proba + TIE_BREAK * (expit(scores) - 0.5), 0.0, 1.0)


def top_themes(proba: np.ndarray, classes: Sequence[str] | np.ndarray, top: int = 3) -> list[list[tuple[str, float]]]:
    """The ``top`` most likely themes with their probabilities, per row, most likely first."""
    codes = [str(c) for c in classes]
    order = np.argsort(-proba, axis=1, kind="stable")[:, :top]
    return [[(codes[j], float(proba[i, j])) for j in row] for i, row in enumerate(order)]


def suggestion_table(
    respondents: Sequence[str],
    segment_ids: Sequence[int] | np.ndarray,
    proba: np.ndarray,
    classes: Sequence[str] | np.ndarray,
    top: int = 3,
) -> pd.DataFrame:
    """Rows of :data:`SUGGESTION_COLUMNS` (theme and p empty where a codebook has fewer than three themes)."""
    rows = []
    for respondent, segment, best in zip(respondents, segment_ids, top_themes(proba, classes, top), strict=True):
        row: dict[str, Any] = {"respondent_id": respondent, "segment_id": int(segment)}
        for k in range(1, 4):
            theme, p = best[k - 1] if k <= len(best) else (None, None)
            row[f"theme_{k}"] = theme
            row[f"p_{k}"] = round(p, 3) if p is not None else None
        rows.append(row)
    return pd.DataFrame(rows, columns=SUGGESTION_COLUMNS)


def seed_texts(themes: Mapping[str, tuple[Sequence[str], Sequence[str]]]) -> tuple[list[str], list[tuple[str, ...]]]:
    """Codebook keywords and examples as extra training answers: ``{code: (keywords, examples)}`` → texts, themes."""
    texts: list[str] = []
    labels: list[tuple[str, ...]] = []
    for code, (keywords, examples) in themes.items():
        for text in [*keywords, *examples]:
            if text.strip():
                texts.append(text.strip())
                labels.append((code,))
    return texts, labels
