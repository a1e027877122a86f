"""Suggestion benchmark: a learning curve with a simulated coder on the 23,604 real Katwijk reports.

The municipality's category of each report plays the coder: it is used only as the simulated coder's answer for
the answers "coded" so far, and as the truth for evaluation. 5,000 reports are held out (fixed seed); the coder
codes 200, 500, 1,000 and 2,000 of the others — in random order, or most informative first (our active learning,
retraining after every batch). At each point we measure on the held-out reports:

- **top-1**: the most likely theme is the category;
- **coverage@90**: the largest share of held-out reports that can be auto-coded (top theme, p ≥ t) with ≥ 90%
  precision at the best threshold t (chosen on the held-out truth, as in the issue);
- **ECE**: expected calibration error of the top theme's p (15 equal-width bins), with a reliability table at 200
  and 1,000 coded answers, and the ECE for 5 other random sets of coded answers of the same size;
- **cv threshold**: the threshold our cross-validation on the coded reports alone picks for 90% precision, and the
  coverage and precision it really gives on the held-out reports (what a coder would get from the bulk action).

The suggester's features are fitted on all report texts (never on categories), as the tool does for a question's
answers. The codebook (bench/meldingen_codebook.yaml) was written by hand from the category names; "ours random,
no codebook" shows what the keywords add. Peer in the same run: TF-IDF word uni+bigrams + LogisticRegression,
random order (fitted on the coded texts, as such a baseline is used).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from bench.common import ROOT, require_meldingen, write_result

CHECKPOINTS = (200, 500, 1000, 2000)
HELD_OUT = 5000
SEED = 20241
TARGETS = {"top1_200": 0.58, "top1_1000": 0.65, "coverage90_1000": 0.30, "retrain_5000_s": 2.0, "ece_200": 0.03,
           "ece_1000": 0.03}
#: Equal-width bins of the expected calibration error and the reliability table.
ECE_BINS = 15
#: Other random sets of coded answers at 200 and 1,000, to show how much the ECE varies with the coded sample.
ECE_DRAWS = 5
CODEBOOK = ROOT / "bench" / "meldingen_codebook.yaml"


def coverage_at(p: np.ndarray, correct: np.ndarray, precision: float = 0.9) -> tuple[float, float]:
    """Largest share auto-coded (p ≥ t) with precision ≥ ``precision`` at the best t; returns (coverage, t)."""
    order = np.argsort(-p, kind="stable")
    hits = np.cumsum(correct[order]) / np.arange(1, len(p) + 1)
    sorted_p = p[order]
    # only cut where the threshold changes (ties go in together)
    cut = np.r_[sorted_p[1:] < sorted_p[:-1], True]
    ok = np.flatnonzero(cut & (hits >= precision))
    if not len(ok):
        return 0.0, 1.0
    k = ok[-1]
    return float((k + 1) / len(p)), float(sorted_p[k])


def reliability(p: np.ndarray, correct: np.ndarray, bins: int = ECE_BINS) -> list[dict[str, Any]]:
    """Per equal-width bin of the top theme's p: how many answers, their mean p and how many were right."""
    which = np.minimum((p * bins).astype(int), bins - 1)
    return [{"bin": f"{b / bins:.2f}–{(b + 1) / bins:.2f}", "n": int((which == b).sum()),
             "mean_p": round(float(p[which == b].mean()), 3), "right": round(float(correct[which == b].mean()), 3)}
            for b in range(bins) if (which == b).any()]


def ece(p: np.ndarray, correct: np.ndarray, bins: int = ECE_BINS) -> float:
    """Expected calibration error: the answer-weighted mean gap between mean p and share right per bin."""
    rows = reliability(p, correct, bins)
    return float(sum(r["n"] * abs(r["mean_p"] - r["right"]) for r in rows) / len(p))


def top1(proba: np.ndarray, classes: Any, truth: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The top theme's p per answer and whether it is the answer's category."""
    best = proba.argmax(axis=1)
    return proba[np.arange(len(best)), best], np.asarray(classes)[best] == truth


def cv_threshold(model: Any, precision: float = 0.9) -> float:
    """The lowest threshold whose out-of-fold precision on the coded answers is ≥ ``precision`` (top theme)."""
    oof = model.oof_proba_
    best = oof.argmax(axis=1)
    p = oof[np.arange(len(best)), best]
    correct = model.y_[np.arange(len(best)), best]
    return coverage_at(p, correct, precision)[1]


def evaluate(model: Any, X_test: Any, truth: np.ndarray) -> dict[str, float]:
    """Top-1, coverage@90 at the best threshold, and the held-out result of the CV-chosen threshold."""
    proba = model.predict_proba(X_test)
    best = proba.argmax(axis=1)
    p = proba[np.arange(len(best)), best]
    correct = np.asarray(model.classes_)[best] == truth
    coverage, threshold = coverage_at(p, correct)
    t_cv = cv_threshold(model)
    chosen = p >= t_cv
    return {
        "top1": round(float(correct.mean()), 3),
        "ece": round(ece(p, correct), 4),
        "mean_p": round(float(p.mean()), 3),
        "coverage90": round(coverage, 3),
        "best_threshold": round(threshold, 3),
        "cv_threshold": round(t_cv, 3),
        "cv_coverage": round(float(chosen.mean()), 3),
        "cv_precision": round(float(correct[chosen].mean()), 3) if chosen.any() else None,
    }


def peer_curve(texts: list[str], labels: np.ndarray, order: np.ndarray, test: np.ndarray) -> list[dict[str, Any]]:
    """TF-IDF word uni+bigrams + LogisticRegression, random order."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    rows = []
    test_texts = [texts[i] for i in test]
    for n in CHECKPOINTS:
        coded = order[:n]
        model = make_pipeline(TfidfVectorizer(ngram_range=(1, 2)), LogisticRegression(max_iter=1000))
        model.fit([texts[i] for i in coded], labels[coded])
        proba = model.predict_proba(test_texts)
        best = proba.argmax(axis=1)
        correct = model.classes_[best] == labels[test]
        coverage, threshold = coverage_at(proba[np.arange(len(best)), best], correct)
        rows.append({"coded": n, "top1": round(float(correct.mean()), 3), "coverage90": round(coverage, 3),
                     "best_threshold": round(threshold, 3)})
        print(f"suggest peer            {rows[-1]}", flush=True)
    return rows


def run() -> dict[str, Any]:
    """Prepare features once, then the learning curves for our two orders, an ablation and the peer."""
    from coding.nlp.active import centrality, most_informative_order, quick_clusters
    from coding.nlp.suggest import SuggestFeatures, ThemeSuggester, answer_tokens, seed_texts

    frame = pd.read_csv(require_meldingen(), dtype=str, keep_default_na=False)
    texts = frame["text"].tolist()
    book = yaml.safe_load(Path(CODEBOOK).read_text(encoding="utf-8"))
    code_of = {t["label"]: t["code"] for t in book["themes"]}
    labels = np.array([code_of[label] for label in frame["label"]], dtype=object)
    themes = [t["code"] for t in book["themes"]]
    rng = np.random.default_rng(SEED)
    permutation = rng.permutation(len(texts))
    test, pool = permutation[:HELD_OUT], permutation[HELD_OUT:]

    start = time.perf_counter()
    tokens = answer_tokens(texts)
    tokens_s = time.perf_counter() - start
    featurizer = SuggestFeatures(random_state=0)
    X = featurizer.fit_transform(texts, tokens)
    svd = featurizer.svd_block(X)
    clusters = quick_clusters(svd, random_state=0)
    similarity = centrality(svd, clusters)
    seed_text, seed_labels = seed_texts({t["code"]: (t.get("keywords", []), t.get("examples", []))
                                         for t in book["themes"]})
    seeds = (featurizer.transform(seed_text, answer_tokens(seed_text)), seed_labels)
    prepare_s = time.perf_counter() - start
    print(f"suggest features: {len(texts)} answers in {prepare_s:.1f} s (tokens {tokens_s:.1f} s)", flush=True)
    X_test, truth = X[test], labels[test]

    def fit(coded: np.ndarray, with_seeds: bool = True) -> ThemeSuggester:
        return ThemeSuggester(themes=themes, nb_columns=featurizer.sparse_width_, random_state=0).fit(
            X[coded], [(labels[i],) for i in coded], seeds=seeds if with_seeds else None
        )

    curves: dict[str, list[dict[str, Any]]] = {}
    for name, with_seeds in (("ours_random", True), ("ours_random_no_codebook", False)):
        curves[name] = []
        for n in CHECKPOINTS:
            curves[name].append({"coded": n, **evaluate(fit(pool[:n], with_seeds), X_test, truth)})
            print(f"suggest {name:23} {curves[name][-1]}", flush=True)

    calibration: dict[str, Any] = {}
    for n in (200, 1000):
        model = fit(pool[:n])
        p, correct = top1(model.predict_proba(X_test), model.classes_, truth)
        raw_p, raw_correct = top1(model.theme_proba(X_test), model.classes_, truth)
        draws = []
        for d in range(1, ECE_DRAWS + 1):  # other random coded sets of the same size
            other = np.random.default_rng(SEED + d).permutation(pool)[:n]
            dp, dc = top1(fit(other).predict_proba(X_test), model.classes_, truth)
            draws.append(round(ece(dp, dc), 4))
        calibration[str(n)] = {"ece": round(ece(p, correct), 4),
                               "ece_per_theme_only": round(ece(raw_p, raw_correct), 4),
                               "ece_other_draws": draws, "reliability": reliability(p, correct)}
        print(f"suggest calibration @{n} ece {calibration[str(n)]['ece']} (per theme only "
              f"{calibration[str(n)]['ece_per_theme_only']}), other draws {draws}", flush=True)

    curves["ours_informative"] = []
    coded = np.array([], dtype=int)
    model = None
    retrains = 0
    while len(coded) < CHECKPOINTS[-1]:
        batch = 50 if len(coded) < 500 else 100 if len(coded) < 1000 else 200
        remaining = np.setdiff1d(pool, coded, assume_unique=True)
        proba = model.predict_proba(X[remaining]) if model is not None else None
        pick = most_informative_order(proba, clusters[remaining], clusters[coded],
                                      similarity=similarity[remaining], limit=batch)
        coded = np.concatenate([coded, remaining[pick]])
        model = fit(coded)
        retrains += 1
        if len(coded) in CHECKPOINTS:
            curves["ours_informative"].append({"coded": len(coded), **evaluate(model, X_test, truth)})
            print(f"suggest ours_informative        {curves['ours_informative'][-1]}", flush=True)

    curves["peer_tfidf_lr_random"] = peer_curve(texts, labels, pool, test)

    wall, cpu = [], []
    for _ in range(3):
        w, c = time.perf_counter(), time.process_time()
        fit(pool[:5000])
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    timing = {"prepare_s": round(prepare_s, 1), "tokens_s": round(tokens_s, 1), "answers": len(texts),
              "retrain_5000_s": round(min(wall), 2), "retrain_5000_cpu_s": round(min(cpu), 2),
              "informative_retrains": retrains}
    print(f"suggest timing {timing}", flush=True)
    at = {name: {row["coded"]: row for row in rows} for name, rows in curves.items()}
    met = {}
    for name in ("ours_random", "ours_informative"):
        met[name] = {
            "top1_200": at[name][200]["top1"] >= TARGETS["top1_200"],
            "top1_1000": at[name][1000]["top1"] >= TARGETS["top1_1000"],
            "coverage90_1000": at[name][1000]["coverage90"] >= TARGETS["coverage90_1000"],
            "ece_200": at[name][200]["ece"] <= TARGETS["ece_200"],
            "ece_1000": at[name][1000]["ece"] <= TARGETS["ece_1000"],
        }
    met["retrain_5000_s"] = timing["retrain_5000_s"] <= TARGETS["retrain_5000_s"]
    result = {"checkpoints": list(CHECKPOINTS), "held_out": HELD_OUT, "seed": SEED, "curves": curves,
              "timing": timing, "targets": TARGETS, "met": met,
              "calibration": calibration}
    write_result("suggest", result)
    return result
