"""Theme suggestions that learn from the coders: a per-question multi-label classifier with calibrated probabilities.

The pipeline, in stages:

1. **Features** (:class:`SuggestFeatures`, fitted once per question on *all* its answers, coded or not): the
   pre-clustering's preprocessing (lemmas, marked negation) and its TF-IDF over lemma word n-grams and character
   n-grams, kept sparse, joined by their latent-semantic (SVD) projection. The SVD is learned from every answer,
   so words that occur in the same answers land close together even when only one of them was ever coded — that
   is what makes a few hundred coded answers go a long way.
2. **Classifier** (:class:`ThemeSuggester`, retrained whenever coders have coded more): one linear SVM per theme
   (one-vs-rest, so an answer can get several themes), trained on the coded answers plus the codebook's keywords
   and examples as extra, lighter-weighted training answers.
3. **Calibration**: the SVM scores of each theme are mapped to probabilities with Platt's sigmoid (isotonic
   regression once a theme has enough examples, :class:`Calibrator`), fitted on *out-of-fold* scores (k-fold
   cross-validation over the coded answers). The same out-of-fold probabilities give
   the precision to expect when suggestions with p ≥ t are accepted (:meth:`ThemeSuggester.precision_at`).

Retraining costs a few linear fits on sparse rows (well under 2 s for 5,000 coded answers); the feature step is
the slow part and is done once per question (the UI caches it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.optimize import minimize
from sklearn.model_selection import KFold
from sklearn.preprocessing import normalize
from sklearn.svm import LinearSVC

#: Columns of a suggestion table (``coding suggest``): the three most likely themes per answer.
SUGGESTION_COLUMNS = ["respondent_id", "segment_id", "theme_1", "p_1", "theme_2", "p_2", "theme_3", "p_3"]


def answer_tokens(texts: Sequence[str]) -> list[str]:
    """The pre-clustering's token strings (lemmas, marked negation) for ``texts``."""
    from coding.nlp.pipeline import load_pipeline
    from coding.nlp.preprocess import preprocess

    return preprocess(list(texts), load_pipeline()) if texts else []


class SuggestFeatures:
    """Sparse lemma-word + character n-gram TF-IDF joined with its SVD projection (built on the pre-clustering's).

    ``dense_weight`` weighs the SVD block against the (unit-length) sparse block.
    """

    def __init__(self, n_components: int = 150, *, dense_weight: float = 1.0, random_state: int = 0) -> None:
        self.n_components = n_components
        self.dense_weight = dense_weight
        self.random_state = random_state

    def fit_transform(self, texts: Sequence[str], tokens: Sequence[str]) -> sp.csr_matrix:
        """Learn vocabularies, IDF and SVD from all answers of a question; return their rows."""
        from coding.nlp.features import TfidfSvdFeatures

        self.tfidf_ = TfidfSvdFeatures(n_components=self.n_components, random_state=self.random_state)
        dense = self.tfidf_.fit_transform(texts, tokens)
        return self._join(tokens, dense)

    def transform(self, texts: Sequence[str], tokens: Sequence[str]) -> sp.csr_matrix:
        """Rows for other texts (codebook keywords and examples) in the learned space."""
        return self._join(tokens, self.tfidf_.transform(texts, tokens))

    def svd_block(self, rows: sp.csr_matrix) -> np.ndarray:
        """The dense SVD part of feature rows, unit length (for clustering and closeness)."""
        width = self.tfidf_.components_.shape[0]
        return normalize(np.asarray(rows[:, -width:].todense()))

    def _join(self, tokens: Sequence[str], dense: np.ndarray) -> sp.csr_matrix:
        docs = list(tokens)
        tfidf = self.tfidf_
        words = normalize(tfidf.word_tfidf_.transform(tfidf.word_vectorizer_.transform(docs)))
        chars = normalize(tfidf.char_tfidf_.transform(tfidf.char_vectorizer_.transform(docs)))
        sparse = normalize(sp.hstack([words, tfidf.char_weight * chars], format="csr"))
        return sp.hstack([sparse, sp.csr_matrix(self.dense_weight * dense)], format="csr", dtype=np.float64)


def _platt(scores: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    """Platt's sigmoid p = 1 / (1 + exp(a·s + b)) fitted with his smoothed targets (robust for few positives)."""
    positives = float(truth.sum())
    negatives = float(len(truth) - positives)
    target = np.where(truth, (positives + 1) / (positives + 2), 1 / (negatives + 2))

    def loss(params: np.ndarray) -> tuple[float, np.ndarray]:
        z = params[0] * scores + params[1]
        # log(1 + e^z) and the sigmoid, written to stay finite for large |z|
        log1p = np.logaddexp(0, z)
        value = float(np.sum(target * log1p + (1 - target) * (log1p - z)))
        p = 1 / (1 + np.exp(-z))  # = 1 - predicted probability
        grad_z = target * p - (1 - target) * (1 - p)
        return value, np.array([float(grad_z @ scores), float(grad_z.sum())])

    start = np.array([-1.0, float(np.log((negatives + 1) / (positives + 1)))])
    result = minimize(loss, start, jac=True, method="L-BFGS-B")
    a, b = result.x
    return float(a), float(b)


def _sigmoid(scores: np.ndarray, a: float, b: float) -> np.ndarray:
    return 1 / (1 + np.exp(np.clip(a * scores + b, -50, 50)))


#: From this many coded answers on, ``cv=None`` cross-validates with 2 folds instead of 3 and ``refit=None``
#: predicts with the mean of the fold models instead of refitting on all answers: half the answers are then plenty,
#: the scores are on exactly the scale the calibration was fitted on, and retraining stays well within 2 s.
#: Below it every coded answer counts, so the final model is refitted on all of them.
AUTO_CV_TWO_FOLDS = 2000

#: Fewest positive and negative out-of-fold examples of a theme before isotonic calibration replaces Platt's.
ISOTONIC_MIN = 100


@dataclass(frozen=True)
class Calibrator:
    """Maps a theme's SVM scores to probabilities: Platt's sigmoid, or isotonic steps when there is enough data.

    Isotonic regression can follow a reliability curve that levels off below 1 (coders who disagree now and then
    put a ceiling on how sure anyone can be), which a sigmoid cannot; it needs many examples, so a theme gets it
    only with at least :data:`ISOTONIC_MIN` positive and negative out-of-fold examples. Platt's sigmoid breaks the
    ties of the isotonic steps, so answers keep their order by score.
    """

    a: float
    b: float
    x: np.ndarray | None = None
    y: np.ndarray | None = None

    @classmethod
    def fit(cls, scores: np.ndarray, truth: np.ndarray, method: str) -> Calibrator:
        """Fit on out-of-fold scores; ``method`` is 'sigmoid', 'isotonic' or 'auto'."""
        a, b = _platt(scores, truth)
        positives = int(truth.sum())
        enough = min(positives, len(truth) - positives) >= ISOTONIC_MIN
        if method == "isotonic" or (method == "auto" and enough):
            from sklearn.isotonic import IsotonicRegression

            iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(scores, truth.astype(float))
            return cls(a, b, np.asarray(iso.X_thresholds_), np.asarray(iso.y_thresholds_))
        return cls(a, b)

    def __call__(self, scores: np.ndarray) -> np.ndarray:
        platt = _sigmoid(scores, self.a, self.b)
        if self.x is None or self.y is None:
            return platt
        return np.clip(np.interp(scores, self.x, self.y) + 1e-4 * (platt - 0.5), 0.0, 1.0)


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


class ThemeSuggester:
    """Multi-label theme classifier with calibrated probabilities (scikit-learn estimator conventions).

    ``tol`` is the SVM's stopping tolerance: 1e-2 instead of scikit-learn's 1e-4 fits 4× faster and gave the
    same accuracy on the benchmark. ``cv`` folds (None: 3, or 2 from :data:`AUTO_CV_TWO_FOLDS` coded answers on)
    give the out-of-fold scores for calibration and expected precision; ``refit`` (None: below
    :data:`AUTO_CV_TWO_FOLDS` only) fits the final model on all coded answers instead of averaging the fold models.
    ``fit(X, y)`` takes feature rows of coded answers and their theme codes (one tuple per answer); ``seeds`` adds
    codebook keywords and examples as training rows with weight ``seed_weight`` (never used for evaluation).
    Learned: ``classes_`` (theme codes), ``coef_``/``intercept_`` (one row per theme), ``calibrators_`` (Platt
    or isotonic, per theme), ``oof_proba_`` (out-of-fold probabilities of the coded answers) and ``y_`` (their truth).
    """

    def __init__(
        self,
        C: float = 0.5,
        *,
        cv: int | None = None,
        tol: float = 1e-2,
        seed_weight: float = 0.5,
        calibration: str = "auto",
        refit: bool | None = None,
        themes: Sequence[str] | None = None,
        random_state: int = 0,
    ) -> None:
        self.C = C
        self.cv = cv
        self.tol = tol
        self.seed_weight = seed_weight
        self.calibration = calibration
        self.refit = refit
        self.themes = themes
        self.random_state = random_state

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The parameters (scikit-learn style)."""
        return {
            "C": self.C, "cv": self.cv, "tol": self.tol, "seed_weight": self.seed_weight,
            "calibration": self.calibration, "refit": self.refit, "themes": self.themes,
            "random_state": self.random_state,
        }  # fmt: skip

    def _indicators(self, y: Sequence[Sequence[str]]) -> np.ndarray:
        index = {c: i for i, c in enumerate(self.classes_)}
        matrix = np.zeros((len(y), len(self.classes_)), dtype=bool)
        for row, codes in enumerate(y):
            for code in codes:
                if code in index:
                    matrix[row, index[code]] = True
        return matrix

    def _fit_linear(self, X: sp.csr_matrix, Y: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """One linear SVM per theme; a theme without both positives and negatives gets a constant score."""
        coef = np.zeros((Y.shape[1], X.shape[1]))
        intercept = np.zeros(Y.shape[1])
        for j in range(Y.shape[1]):
            column = Y[:, j]
            if column.all() or not column.any():
                intercept[j] = 1.0 if column.all() else -1.0
                continue
            svm = LinearSVC(C=self.C, tol=self.tol, random_state=self.random_state)
            svm.fit(X, column, sample_weight=weights)
            coef[j], intercept[j] = svm.coef_[0], svm.intercept_[0]
        return coef, intercept

    def fit(
        self,
        X: sp.spmatrix | np.ndarray,
        y: Sequence[Sequence[str]],
        *,
        seeds: tuple[sp.spmatrix | np.ndarray, Sequence[Sequence[str]]] | None = None,
    ) -> ThemeSuggester:
        """Learn from coded answers ``X`` with themes ``y`` (and codebook seeds); returns self."""
        X = sp.csr_matrix(X)
        codes = list(self.themes) if self.themes is not None else sorted({c for row in y for c in row})
        self.classes_ = np.array(codes, dtype=object)
        Y = self._indicators(y)
        seed_X = sp.csr_matrix(seeds[0]) if seeds is not None else sp.csr_matrix((0, X.shape[1]))
        seed_Y = self._indicators(seeds[1]) if seeds is not None else np.zeros((0, len(codes)), dtype=bool)
        seed_w = np.full(seed_X.shape[0], self.seed_weight)

        def train(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            return self._fit_linear(
                sp.vstack([X[rows], seed_X], format="csr"),
                np.vstack([Y[rows], seed_Y]),
                np.concatenate([np.ones(len(rows)), seed_w]),
            )

        n = X.shape[0]
        scores = np.zeros((n, len(codes)))
        folds = min(self.cv or (3 if n < AUTO_CV_TWO_FOLDS else 2), n)
        fold_models = []
        if folds >= 2 and n >= 2 * folds:
            splitter = KFold(folds, shuffle=True, random_state=self.random_state)
            for train_rows, test_rows in splitter.split(np.zeros(n)):
                coef, intercept = train(train_rows)
                scores[test_rows] = X[test_rows] @ coef.T + intercept
                fold_models.append((coef, intercept))
            self.cross_validated_ = True
        else:
            self.cross_validated_ = False  # too few answers to hold any out: calibrate on training scores
        refit = self.refit if self.refit is not None else n < AUTO_CV_TWO_FOLDS
        if refit or not fold_models:
            self.coef_, self.intercept_ = train(np.arange(n))
        else:
            # the mean of the fold models: its scores are on the scale the calibration was fitted on
            self.coef_ = np.mean([c for c, _ in fold_models], axis=0)
            self.intercept_ = np.mean([i for _, i in fold_models], axis=0)
        if not self.cross_validated_:
            scores = X @ self.coef_.T + self.intercept_ if n else scores
        self.calibrators_ = [
            Calibrator.fit(scores[:, j], Y[:, j], self.calibration if self.cross_validated_ else "sigmoid")
            if n else Calibrator(0.0, 0.0)
            for j in range(len(codes))
        ]
        self.oof_proba_ = self._calibrate(scores)
        self.y_ = Y
        self.n_coded_ = n
        return self

    def _calibrate(self, scores: np.ndarray) -> np.ndarray:
        if not scores.shape[1]:
            return scores
        return np.column_stack([self.calibrators_[j](scores[:, j]) for j in range(scores.shape[1])])

    def decision_function(self, X: sp.spmatrix | np.ndarray) -> np.ndarray:
        """Raw SVM scores, one column per theme."""
        return np.asarray(sp.csr_matrix(X) @ self.coef_.T + self.intercept_)

    def predict_proba(self, X: sp.spmatrix | np.ndarray) -> np.ndarray:
        """Calibrated probability per theme that it applies (columns follow ``classes_``; rows need not sum to 1)."""
        return self._calibrate(self.decision_function(X))

    def predict(self, X: sp.spmatrix | np.ndarray, threshold: float = 0.5) -> list[tuple[str, ...]]:
        """The themes with probability ≥ ``threshold`` per answer."""
        proba = self.predict_proba(X)
        return [tuple(self.classes_[row >= threshold]) for row in proba]

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
