"""Building a large study for the scale benchmark from the 23,604 real Katwijk reports, at run time.

Copy 0 is the real file; every further copy changes each report a little, so that nearly every text is distinct
(identical copies would let parsing, the token cache and duplicate handling take a shortcut no real survey gives):
one word dropped or two neighbouring words swapped, and the region and channel shifted. Every row gets a new
unique id. The same ``seed`` gives the same file. The file goes to a temporary folder and is never committed.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd

#: Columns of the built file: the real file's, without its date.
COLUMNS = ["id", "text", "label", "channel", "region"]


def vary(texts: list[str], rng: np.random.Generator) -> list[str]:
    """Each text with one word dropped (texts of three words or more) or, every other time, two neighbours swapped."""
    out = []
    choices = rng.random(len(texts))
    places = rng.random(len(texts))
    for text, choice, place in zip(texts, choices, places, strict=True):
        words = text.split()
        if len(words) >= 3:
            at = int(place * len(words))
            if choice < 0.5:
                del words[at]
            else:
                at = min(at, len(words) - 2)
                words[at], words[at + 1] = words[at + 1], words[at]
        out.append(" ".join(words))
    return out


def build_study_file(source: Path, n: int, target: Path, *, seed: int = 0) -> Path:
    """Write ``n`` answers built from ``source`` to ``target`` (CSV with :data:`COLUMNS`), copy by copy."""
    frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    texts, labels = frame["text"].tolist(), frame["label"].tolist()
    channels, regions = frame["channel"].tolist(), frame["region"].tolist()
    channel_values = sorted(set(channels))
    region_values = sorted(set(regions))
    written = 0
    with target.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(COLUMNS)
        copy = 0
        while written < n:
            rng = np.random.default_rng([seed, copy])
            varied = texts if copy == 0 else vary(texts, rng)
            take = min(len(texts), n - written)
            for i in range(take):
                channel = channels[i] if copy == 0 else channel_values[(i + copy) % len(channel_values)]
                region = regions[i] if copy == 0 else region_values[(i + 3 * copy) % len(region_values)]
                writer.writerow([f"S{written + i:07d}", varied[i], labels[i], channel, region])
            written += take
            copy += 1
    return target


def build_codings_file(study_file: Path, n: int, target: Path) -> Path:
    """The first ``n`` answers of a built study with their category as theme (the codings a team imports)."""
    frame = pd.read_csv(study_file, dtype=str, keep_default_na=False, nrows=n, usecols=["id", "label"])
    frame.rename(columns={"label": "thema"}).to_csv(target, index=False)
    return target
