"""Suggestions for a question in the store: features once, retrain as coders work, suggest, accept in bulk.

The calls the CLI and the Coderen page make, in order:

1. :func:`question_features` — once per question (slow part: preprocessing, TF-IDF, SVD, clusters; cache it);
2. :func:`train` — whenever :func:`coding.store.progress.coding_state` changed (fast: ≤ 2 s for 5,000 coded answers);
3. :func:`suggestions_for` — the top themes with calibrated probabilities of answers a coder has not coded;
   :func:`informative_order` — those answers, most informative first;
   :func:`bulk_preview` / :func:`accept_suggestions` — accept every suggestion with p ≥ t.

What the suggester learns from: the final themes of every coded answer (:func:`coding.work.final.final_codings`:
adjudicated themes where there are any, else the union of the coders'), from codings made by hand, by cluster, by
accepted suggestion or by import — not from codings made by rules, which no coder looked at
(:data:`coding.vocabulary.TRAINING_SOURCES`). Suggestions are never made for answers in a double-coding sample
(a coder must code those blind) and never change a coding a coder made.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import scipy.sparse as sp

from coding.errors import CodingError
from coding.nlp.active import centrality, most_informative_order, quick_clusters
from coding.nlp.suggest import (
    SuggestFeatures,
    ThemeSuggester,
    answer_tokens,
    seed_texts,
    suggestion_table,
    top_themes,
)
from coding.store import QuestionRef, Store
from coding.store.codebooks import theme_table
from coding.store.codings import code_open_answers
from coding.store.double_coding import sampled_segment_ids
from coding.store.queue import QueueFilter, queue_ids
from coding.store.segments import codings_frame, segments_frame
from coding.vocabulary import TRAINING_SOURCES, Source
from coding.work.final import final_codings

#: Coded answers a question needs before the suggester makes any suggestion: below this its probabilities rest on
#: too little (after 5 codings it offered a wrong theme at 0.96), so a coder sees how many more are needed instead.
MIN_CODED = 30


def codings_needed(labels: dict[int, tuple[str, ...]] | int) -> int:
    """How many more answers must be coded (training answers, see :func:`training_labels`) before suggestions."""
    coded = labels if isinstance(labels, int) else len(labels)
    return max(0, MIN_CODED - coded)


def not_enough_message(labels: dict[int, tuple[str, ...]] | int) -> str:
    """The Dutch sentence for a question with too few coded answers (CLI and UI say the same)."""
    coded = labels if isinstance(labels, int) else len(labels)
    more = codings_needed(coded)
    return (f"Nog geen suggesties: {coded} van de {MIN_CODED} gecodeerde antwoorden die nodig zijn; "
            f"codeer er nog {more}.")


@dataclass
class QuestionFeatures:
    """The substantive answers of a question as feature rows, with the codebook's seeds and clusters."""

    question: QuestionRef
    segment_ids: np.ndarray
    respondents: list[str]
    texts: list[str]
    matrix: sp.csr_matrix
    themes: list[str]
    labels: dict[str, str]
    theme_ids: dict[str, int]
    seed_matrix: sp.csr_matrix
    seed_labels: list[tuple[str, ...]]
    clusters: np.ndarray
    similarity: np.ndarray
    featurizer: SuggestFeatures | None = None
    _rows: dict[int, int] = field(default_factory=dict, repr=False)

    def rows(self, segment_ids: list[int] | np.ndarray) -> np.ndarray:
        """Row numbers of these segments (segments that are not substantive answers are left out)."""
        if not self._rows:
            self._rows = {int(s): i for i, s in enumerate(self.segment_ids)}
        return np.array([self._rows[int(s)] for s in segment_ids if int(s) in self._rows], dtype=int)


def question_features(store: Store, question: QuestionRef, *, random_state: int = 0) -> QuestionFeatures:
    """Features of every substantive answer of a question, the codebook's keywords and examples, and clusters."""
    segments = segments_frame(store, question, substantive_only=True)
    themes = _themes(store, question)
    texts = segments["text"].tolist()
    if len(texts) < 2:
        raise CodingError(f"Vraag '{question.name}' heeft te weinig inhoudelijke antwoorden om van te leren.")
    featurizer = SuggestFeatures(random_state=random_state)
    matrix = featurizer.fit_transform(texts, answer_tokens(texts))
    seeds, seed_labels = seed_texts(
        {code: (list(k), list(e)) for code, k, e in zip(themes["code"], themes["keywords"], themes["examples"],
                                                        strict=True)}
    )
    seeds = [s.removeprefix("re:") for s in seeds]  # a regular-expression keyword still carries its words
    seed_matrix = featurizer.transform(seeds, answer_tokens(seeds)) if seeds else sp.csr_matrix((0, matrix.shape[1]))
    svd = featurizer.svd_block(matrix)
    clusters = quick_clusters(svd, random_state=random_state)
    return QuestionFeatures(
        question=question,
        segment_ids=segments["segment_id"].to_numpy(dtype=np.int64),
        respondents=segments["respondent_id"].astype(str).tolist(),
        texts=texts,
        matrix=matrix,
        themes=themes["code"].tolist(),
        labels=dict(zip(themes["code"], themes["label"], strict=True)),
        theme_ids={str(c): int(i) for c, i in zip(themes["code"], themes["theme_id"], strict=True)},
        seed_matrix=seed_matrix,
        seed_labels=seed_labels,
        clusters=clusters,
        similarity=centrality(svd, clusters),
        featurizer=featurizer,
    )


def _themes(store: Store, question: QuestionRef) -> pd.DataFrame:
    """The question's active themes; a clear error when it has none yet."""
    themes = theme_table(store, question)
    if themes.empty:
        raise CodingError(
            f"Vraag '{question.name}' heeft nog geen thema's om voor te stellen.",
            hint=f"Laad eerst een codeboek: coding codebook load FILE --study {question.study} "
                 f"--question {question.name}",
        )
    return themes


def training_labels(store: Store, question: QuestionRef) -> dict[int, tuple[str, ...]]:
    """The themes the suggester learns per coded answer: the final themes (:func:`coding.work.final.final_codings`)
    of the codings from :data:`coding.vocabulary.TRAINING_SOURCES`, active themes only, in codebook order."""
    codings = codings_frame(store, question)
    codings = codings[codings["source"].isin(TRAINING_SOURCES)]
    if codings.empty:
        return {}
    final = final_codings(codings, theme_table(store, question, include_retired=True), codings["segment_id"])
    return {int(s): tuple(g["theme"]) for s, g in final.groupby("segment_id", sort=True)}


def train(
    features: QuestionFeatures, labels: dict[int, tuple[str, ...]], *, random_state: int = 0, **params: float
) -> ThemeSuggester:
    """Fit the suggester on the coded answers in ``labels`` (plus the codebook's seeds)."""
    known = set(features.segment_ids.tolist())
    coded = [s for s in labels if s in known]
    rows = features.rows(coded)
    # the n-gram columns get their naive-Bayes scale (NBSVM); rows without a featurizer have no known block
    sparse_width = features.featurizer.sparse_width_ if features.featurizer is not None else 0
    params = {"nb_columns": sparse_width, **params}
    model = ThemeSuggester(themes=features.themes, random_state=random_state, **params)  # type: ignore[arg-type]
    seeds = (features.seed_matrix, features.seed_labels) if features.seed_labels else None
    return model.fit(features.matrix[rows], [labels[s] for s in coded], seeds=seeds)


def open_segment_ids(store: Store, question: QuestionRef, coder: str | None = None) -> np.ndarray:
    """Substantive answers not yet coded (by ``coder``, or by anyone) and in no double-coding sample, by id."""
    # the coding queue's own filter: substantive answers this coder (or nobody) coded, in import order
    flt = QueueFilter(uncoded_only=coder is not None, uncoded_by_anyone=coder is None)
    sampled = sampled_segment_ids(store, question)
    ids = queue_ids(store, question, (coder or "").strip(), flt)
    return np.array([s for s in ids if s not in sampled], dtype=np.int64)


def suggestions_for(
    features: QuestionFeatures,
    model: ThemeSuggester,
    segment_ids: list[int] | np.ndarray,
    *,
    top: int = 3,
    hidden: frozenset[int] | set[int] = frozenset(),
) -> dict[int, list[tuple[str, float]]]:
    """The ``top`` themes (code, calibrated p) per answer, most likely first; ``hidden`` answers get none.

    Pass :func:`coding.store.double_coding.sampled_segment_ids` as ``hidden`` so that nobody gets suggestions on
    answers they code blind.
    """
    wanted = [int(s) for s in segment_ids if int(s) not in hidden]
    rows = features.rows(wanted)
    if not len(rows):
        return {}
    proba = model.predict_proba(features.matrix[rows])
    best = top_themes(proba, model.classes_, top)
    return {int(features.segment_ids[r]): b for r, b in zip(rows, best, strict=True)}


def reasons(features: QuestionFeatures, model: ThemeSuggester, segment_id: int, code: str, *, top: int = 3
            ) -> list[str]:
    """The words and phrases of an answer that pushed the model most towards theme ``code`` (strongest first).

    Each lemma n-gram of the answer weighs in with its TF-IDF value times the theme's SVM weight, and each of its
    words also with its share of the word-vector block (:meth:`SuggestFeatures.word_vector_weights`); only words
    that count *for* the theme are named. Negated words read as written ("niet opvolgen").
    """
    rows = features.rows([segment_id])
    if features.featurizer is None or not len(rows) or code not in list(model.classes_):
        return []
    terms = features.featurizer.tfidf_.word_vectorizer_.get_feature_names_out()
    row = features.matrix[int(rows[0])]
    j = list(model.classes_).index(code)
    columns = row.indices[row.indices < len(terms)]
    values = row.data[row.indices < len(terms)] * model.coef_[j, columns]
    weight = {str(terms[c]): float(v) for c, v in zip(columns, values, strict=True)}
    tokens = answer_tokens([features.texts[int(rows[0])]])[0]
    for word, share in features.featurizer.word_vector_weights(tokens, model.coef_[j]).items():
        weight[word] = weight.get(word, 0.0) + share
    chosen: list[str] = []
    for term, value in sorted(weight.items(), key=lambda item: -item[1]):
        if value <= 0 or len(chosen) == top:
            break
        named = set(term.split())
        if any(named <= set(c.split()) for c in chosen):
            continue  # one phrase per idea: "druk" is not named again next to "druk eigen"
        chosen = [c for c in chosen if not set(c.split()) <= named] + [term]
    return [c.replace("_", " ") for c in chosen]


def suggest_question(store: Store, question: QuestionRef, *, coder: str | None = None,
                     features: QuestionFeatures | None = None) -> pd.DataFrame:
    """The suggestion table (:data:`coding.nlp.suggest.SUGGESTION_COLUMNS`) of every open answer of a question."""
    _themes(store, question)
    labels = training_labels(store, question)
    if codings_needed(labels):
        raise CodingError(
            f"Vraag '{question.name}': {not_enough_message(labels)}",
            hint="Codeer eerst meer antwoorden (een paar per thema); daarna leert de suggestiefunctie mee.",
        )
    features = features or question_features(store, question)
    model = train(features, labels)
    rows = features.rows(open_segment_ids(store, question, coder))
    proba = model.predict_proba(features.matrix[rows]) if len(rows) else np.zeros((0, len(model.classes_)))
    return suggestion_table([features.respondents[r] for r in rows], features.segment_ids[rows], proba,
                            model.classes_)


def informative_order(
    store: Store, features: QuestionFeatures, model: ThemeSuggester | None, coder: str, *, limit: int | None = None
) -> list[int]:
    """The coder's open answers, most informative first (see :mod:`coding.nlp.active`)."""
    open_rows = features.rows(open_segment_ids(store, features.question, coder))
    coded_rows = features.rows(list(training_labels(store, features.question)))
    proba = model.predict_proba(features.matrix[open_rows]) if model is not None and len(open_rows) else None
    order = most_informative_order(proba, features.clusters[open_rows], features.clusters[coded_rows],
                                   similarity=features.similarity[open_rows], limit=limit)
    return [int(features.segment_ids[open_rows[i]]) for i in order]


@dataclass(frozen=True)
class BulkPreview:
    """What "accept all suggestions with p ≥ t" would do, shown before it is done (and exactly what is done)."""

    threshold: float
    #: Answers that would get at least one theme, and the (answer, theme) codings in all.
    answers: int
    codings: int
    #: Precision to expect (cross-validated on the coded answers), and how many coded suggestions it rests on.
    expected_precision: float
    support: int
    pairs: tuple[tuple[int, str], ...] = ()
    #: How many of the ``codings`` will be wrong: the estimate and its 95% Wilson interval, from the out-of-fold
    #: suggestions on the coded answers that reach the threshold (NaN when none does).
    wrong: float = float("nan")
    wrong_low: float = float("nan")
    wrong_high: float = float("nan")

    def describe(self) -> str:
        """One Dutch sentence: how many answers and codings, and how many of them will probably be wrong."""
        text = f"Codeert {self.answers} antwoorden ({self.codings} coderingen)"
        if not self.codings:
            return text + "."
        if self.support == 0:
            return text + "; hoeveel daarvan fout zijn is onbekend (geen gecodeerde antwoorden boven deze drempel)."
        return (f"{text}; naar schatting {self.wrong:.0f} fout (95%-interval {self.wrong_low:.0f}–"
                f"{self.wrong_high:.0f}, uit {self.support} gecodeerde antwoorden boven deze drempel).")


def bulk_preview(
    store: Store, features: QuestionFeatures, model: ThemeSuggester, coder: str, threshold: float
) -> BulkPreview:
    """How many of the coder's open answers accepting all suggestions with p ≥ ``threshold`` would code.

    The estimate of wrong codings is the out-of-fold error rate among coded suggestions at or above the threshold
    with its Wilson interval (statsmodels ``proportion_confint``), times the number of codings.
    """
    from statsmodels.stats.proportion import proportion_confint

    rows = features.rows(open_segment_ids(store, features.question, coder))
    pairs: list[tuple[int, str]] = []
    if len(rows):
        proba = model.predict_proba(features.matrix[rows])
        for i, j in zip(*np.nonzero(proba >= threshold), strict=True):
            pairs.append((int(features.segment_ids[rows[i]]), str(model.classes_[j])))
    expected = model.precision_at(threshold)
    wrong = low = high = float("nan")
    if expected.support:
        errors = round((1 - expected.precision) * expected.support)
        low_rate, high_rate = proportion_confint(errors, expected.support, alpha=0.05, method="wilson")
        wrong, low, high = (len(pairs) * r for r in (errors / expected.support, low_rate, high_rate))
    return BulkPreview(threshold, len({s for s, _ in pairs}), len(pairs), expected.precision, expected.support,
                       tuple(pairs), wrong, float(low), float(high))


def accept_suggestions(store: Store, features: QuestionFeatures, preview: BulkPreview, coder: str) -> int:
    """Record the previewed suggestions as the coder's codings (source ``suggestion``); returns how many were added.

    One transaction (:func:`coding.store.codings.code_open_answers`), which leaves alone an answer the coder coded
    since the preview or that is in a double-coding sample: suggestions never change or add to a coder's own
    coding of an answer. One ``coding.bulk_add`` event per theme (each can be undone), with the threshold.
    """
    pairs = [(s, features.theme_ids[code]) for s, code in preview.pairs if code in features.theme_ids]
    return code_open_answers(store, features.question, pairs, coder, Source.SUGGESTION,
                             payload={"threshold": preview.threshold})
