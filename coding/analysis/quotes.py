"""Choosing illustrative quotes for a theme.

Candidates are the substantive answers (or passages) that have the theme as final coding, trimmed to a readable
length that ends on a sentence boundary. The order:

1. answers a coder flagged as *citaat*, most representative first;
2. then by maximal marginal relevance: representative of the theme (cosine to the centroid of the theme's answers
   in a TF-IDF space of word 1–2-grams and character 3–5-grams) and unlike the quotes already chosen; near-duplicates
   (cosine above ``duplicate``) are left out.

Everything is deterministic: ties go to the answer that came first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np

#: How many candidates are ranked per theme (the UI offers them to swap a quote).
CANDIDATES = 15
#: The largest pool of candidates compared pairwise (the most representative ones).
POOL = 300
#: Representativeness is multiplied by this for an answer that had to be shortened: whole answers read better.
SHORTENED = 0.8
#: A theme with more candidates is ranked among its flagged answers plus a fixed random sample of the others, of
#: this size: the most representative of 5,000 answers reads like the most representative of 50,000, and the
#: TF-IDF of every answer of a large theme took most of the time of a report (issue 15, bench/scale_bench.py).
RANKED_AT_MOST = 5000

_SENTENCE = re.compile(r"\S.*?(?:[.!?…]+[\"'”’)]*(?=\s|$)|$)", re.S)


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` (split after . ! ? … and any closing quote or bracket)."""
    return [match.group().strip() for match in _SENTENCE.finditer(text.strip())]


def excerpt(text: str, min_words: int = 5, max_words: int = 60, *, flagged: bool = False) -> str | None:
    """A readable quote from ``text``: whole when it fits, else its leading sentences up to ``max_words``.

    None when the answer is too short (under ``min_words``) or no whole sentence fits — unless a coder
    ``flagged`` it, in which case it is kept (shortened to its first sentence when too long).
    """
    clean = " ".join(text.split())
    words = len(clean.split())
    if words <= max_words:
        return clean if words >= min_words or (flagged and words) else None
    parts = sentences(clean)
    chosen: list[str] = []
    total = 0
    for part in parts:
        size = len(part.split())
        if total + size > max_words:
            break
        chosen.append(part)
        total += size
    if chosen and (total >= min_words or flagged):
        return " ".join(chosen) + " (…)"
    if flagged and parts:
        return parts[0] + (" (…)" if len(parts) > 1 else "")
    return None


def _vectors(texts: Sequence[str]) -> Any:
    """Row-normalised sparse TF-IDF vectors of word 1–2-grams and character 3–5-grams."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    blocks = []
    for vectorizer in (
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True),
    ):
        try:
            blocks.append(vectorizer.fit_transform(texts))
        except ValueError:  # no tokens at all (e.g. only punctuation)
            continue
    if not blocks:
        return csr_matrix((len(texts), 1))
    return normalize(hstack(blocks).tocsr())


def _rank_sample(flagged: Sequence[bool], size: int) -> np.ndarray:
    """Every flagged position plus a seeded random sample of the others, ``size`` in all (more when more are
    flagged), in increasing order: the same texts give the same sample."""
    marked = np.flatnonzero(np.asarray(flagged, dtype=bool))
    others = np.flatnonzero(~np.asarray(flagged, dtype=bool))
    take = max(0, min(len(others), size - len(marked)))
    picked = np.random.RandomState(0).choice(len(others), take, replace=False) if take else np.array([], dtype=int)
    return np.sort(np.concatenate([marked, others[picked]]))


def rank_quotes(
    texts: Sequence[str],
    flagged: Sequence[bool],
    *,
    limit: int = CANDIDATES,
    diversity: float = 0.3,
    duplicate: float = 0.8,
    prior: Sequence[float] | None = None,
) -> list[tuple[int, float]]:
    """Indices of ``texts`` in quote order with their representativeness (see the module docstring).

    ``diversity`` is the weight of being unlike the chosen quotes in the MMR score (0: only representativeness);
    ``prior`` multiplies each text's representativeness (e.g. lower for an answer that had to be shortened).
    """
    if not texts:
        return []
    if len(texts) > RANKED_AT_MOST:
        keep = _rank_sample(flagged, RANKED_AT_MOST)
        ranked = rank_quotes([texts[i] for i in keep], [flagged[i] for i in keep], limit=limit, diversity=diversity,
                             duplicate=duplicate, prior=None if prior is None else [prior[i] for i in keep])
        return [(int(keep[j]), score) for j, score in ranked]
    vectors = _vectors(texts)
    centroid = np.asarray(vectors.mean(axis=0)).ravel()
    norm = float(np.linalg.norm(centroid))
    representative = np.asarray(vectors @ centroid).ravel() / norm if norm > 0 else np.zeros(len(texts))
    if prior is not None:
        representative = representative * np.asarray(prior, dtype=float)
    order = sorted(range(len(texts)), key=lambda i: (not flagged[i], -round(float(representative[i]), 12), i))
    pool = [i for i in order if flagged[i]] + [i for i in order if not flagged[i]][:POOL]
    pool_vectors = vectors[pool]
    position = {index: p for p, index in enumerate(pool)}
    nearest = np.zeros(len(pool))  # highest similarity of each pool member to a chosen quote
    chosen: list[int] = []
    seen: set[str] = set()

    def accept(i: int) -> None:
        key = re.sub(r"\W+", " ", texts[i].lower()).strip()
        if key not in seen and nearest[position[i]] <= duplicate:
            chosen.append(i)
            similarity = np.asarray((pool_vectors @ vectors[i].T).todense()).ravel()
            np.maximum(nearest, similarity, out=nearest)
        seen.add(key)

    for i in (i for i in pool if flagged[i]):
        if len(chosen) < limit:
            accept(i)
    rest = [i for i in pool if not flagged[i]]
    while rest and len(chosen) < limit:
        scores = [(1 - diversity) * float(representative[i]) - diversity * nearest[position[i]] for i in rest]
        best = rest[int(np.argmax(scores))]
        rest.remove(best)
        accept(best)
    return [(i, float(representative[i])) for i in chosen]


def default_quote_count(mentions: int) -> int:
    """3 quotes for a theme few respondents mention, 4 from 30, 5 from 100."""
    return 3 if mentions < 30 else 4 if mentions < 100 else 5
