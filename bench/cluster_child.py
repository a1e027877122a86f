"""Child process for the clustering benchmark: one tool on one file, prints one JSON line.

``python -m bench.cluster_child TOOL CSV SEED [K]`` — TOOL is ``ours``, ``lda``, ``nmf``, ``kmeans``, ``bertopic``.
``seconds`` is the tool's own end-to-end time (for ours: parse + features + cluster + describe; for the peers:
vectorise + fit), measured after the file is read. The human categories (``label``) are used only to score.
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from typing import Any

import numpy as np
import pandas as pd

from bench.common import child_peak_mb

K_PEERS = 15


def scores(truth: np.ndarray, labels: np.ndarray, overig: set[int]) -> dict[str, Any]:
    """NMI, ARI and V-measure against the categories; clusters (without overig/outliers) and overig share."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score, v_measure_score

    real = [c for c in np.unique(labels) if int(c) not in overig]
    return {
        "nmi": round(float(normalized_mutual_info_score(truth, labels)), 4),
        "ari": round(float(adjusted_rand_score(truth, labels)), 4),
        "v_measure": round(float(v_measure_score(truth, labels)), 4),
        "clusters": len(real),
        "overig_pct": round(100.0 * float(np.isin(labels, list(overig)).mean()), 2),
    }


def dutch_stop_words() -> list[str]:
    """spaCy's Dutch stop-word list, given to the peers so that they do not cluster on 'de', 'het', 'een'."""
    from spacy.lang.nl.stop_words import STOP_WORDS

    return sorted(STOP_WORDS)


def ours(texts: list[str], seed: int, k: int | None) -> tuple[np.ndarray, set[int], dict[str, Any]]:
    from coding.ingest.nonsubstantive import classify_answer
    from coding.nlp.precluster import PreClustering
    from coding.vocabulary import NONSUBSTANTIVE_CLUSTER, OVERIG_CLUSTER

    substantive = [classify_answer(t)[0] for t in texts]
    result = PreClustering(k=k, random_state=seed, model="blank").run(texts, substantive=substantive)
    # Non-substantive answers are not clustered; they count as "overig" here (the strict reading).
    extra = {
        "timings": result.timings,
        "k_scores": {str(k): round(v, 4) for k, v in result.k_scores.items()},
        "nonsubstantive": int((result.labels == NONSUBSTANTIVE_CLUSTER).sum()),
        "pipeline": result.pipeline.key,
        "labels_sample": [d.label for d in result.clusters[:25]],
    }
    return result.labels, {OVERIG_CLUSTER, NONSUBSTANTIVE_CLUSTER}, extra


def lda(texts: list[str], seed: int, k: int | None) -> tuple[np.ndarray, set[int], dict[str, Any]]:
    from sklearn.decomposition import LatentDirichletAllocation
    from sklearn.feature_extraction.text import CountVectorizer

    counts = CountVectorizer(stop_words=dutch_stop_words(), min_df=2, max_df=0.5).fit_transform(texts)
    topics = LatentDirichletAllocation(k or K_PEERS, random_state=seed).fit_transform(counts)
    return topics.argmax(axis=1), set(), {}


def _tfidf(texts: list[str]) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(stop_words=dutch_stop_words(), min_df=2, max_df=0.5, sublinear_tf=True).fit_transform(texts)


def nmf(texts: list[str], seed: int, k: int | None) -> tuple[np.ndarray, set[int], dict[str, Any]]:
    from sklearn.decomposition import NMF

    weights = NMF(k or K_PEERS, init="nndsvda", random_state=seed, max_iter=300).fit_transform(_tfidf(texts))
    return weights.argmax(axis=1), set(), {}


def kmeans(texts: list[str], seed: int, k: int | None) -> tuple[np.ndarray, set[int], dict[str, Any]]:
    from sklearn.cluster import KMeans

    return KMeans(k or K_PEERS, random_state=seed).fit(_tfidf(texts)).labels_, set(), {}


def bertopic(texts: list[str], seed: int, k: int | None) -> tuple[np.ndarray, set[int], dict[str, Any]]:
    """BERTopic with its defaults (UMAP + HDBSCAN + c-TF-IDF), given our TF-IDF+SVD vectors as embeddings.

    Transformer models cannot be downloaded here, so it gets the same vectors our clusterer gets (parse + lemma and
    character TF-IDF + SVD, timed as part of its run): the comparison is between the clustering stages.
    ``k`` set means ``nr_topics=k`` (BERTopic merges its topics down to k after clustering).
    """
    from bertopic import BERTopic
    from sklearn.feature_extraction.text import CountVectorizer

    from coding.nlp.features import TfidfSvdFeatures
    from coding.nlp.pipeline import load_pipeline
    from coding.nlp.preprocess import preprocess

    tokens = preprocess(texts, load_pipeline("blank"))
    embeddings = TfidfSvdFeatures(random_state=seed).fit_transform(texts, tokens)
    model = BERTopic(
        language="multilingual",
        embedding_model=None,
        vectorizer_model=CountVectorizer(stop_words=dutch_stop_words()),
        nr_topics=k,
        calculate_probabilities=False,
    )
    topics, _ = model.fit_transform(texts, embeddings=embeddings)
    return np.asarray(topics), {-1}, {"embedding": "our TfidfSvdFeatures (64 dims)"}


TOOLS = {"ours": ours, "lda": lda, "nmf": nmf, "kmeans": kmeans, "bertopic": bertopic}

#: Imported before the clock starts, so that every tool is timed on its work, not on Python importing it.
IMPORTS = {
    "ours": ["coding.nlp.precluster", "coding.ingest.nonsubstantive", "sklearn.cluster", "spacy"],
    "lda": ["sklearn.decomposition", "sklearn.feature_extraction.text", "spacy"],
    "nmf": ["sklearn.decomposition", "sklearn.feature_extraction.text", "spacy"],
    "kmeans": ["sklearn.cluster", "sklearn.feature_extraction.text", "spacy"],
    "bertopic": ["bertopic", "umap", "hdbscan", "coding.nlp.precluster", "spacy"],
}


if __name__ == "__main__":
    tool, path, seed_text = sys.argv[1:4]
    k_arg = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[4] != "auto" else None
    for module in IMPORTS[tool]:
        importlib.import_module(module)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    documents = frame["text"].tolist()
    start = time.perf_counter()
    labels, overig, extra = TOOLS[tool](documents, int(seed_text), k_arg)
    seconds = time.perf_counter() - start
    result = {"seconds": round(seconds, 2), "answers": len(documents),
              **scores(frame["label"].to_numpy(), np.asarray(labels), overig), **extra}
    print(json.dumps({**result, "peak_rss_mb": child_peak_mb()}, ensure_ascii=False))
