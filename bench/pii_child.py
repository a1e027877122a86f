"""Child process for the personal-data benchmark: one masker over the Dutch PII test set, prints one JSON line."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable

from bench.common import child_peak_mb
from tests.fixtures.pii_sentences import CLEAN, WITH_PII, score

Spans = Callable[[str], list[tuple[int, int]]]


def ours() -> Spans:
    from coding.analysis.privacy import find_personal_data

    return lambda text: [(f.start, f.end) for f in find_personal_data(text, use_spacy=False)]


def deduce() -> Spans:
    """Peer: deduce (Dutch de-identification of medical text), its default configuration."""
    from deduce import Deduce

    model = Deduce()
    return lambda text: [(a.start_char, a.end_char) for a in model.deidentify(text).annotations]


def main(tool: str) -> None:
    start = time.perf_counter()
    find = {"ours": ours, "deduce": deduce}[tool]()
    find("Opwarmen: meneer jansen uit Leiden. Meer.")  # loads the word lists / lookup structures
    ready = time.perf_counter()
    result = score(find)
    seconds = time.perf_counter() - ready
    texts = len(WITH_PII) + len(CLEAN)
    print(json.dumps({**result, "load_s": round(ready - start, 2), "ms_per_sentence": round(1000 * seconds / texts, 3),
                      "peak_rss_mb": child_peak_mb()}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
