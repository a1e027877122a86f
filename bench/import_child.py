"""Child process for the import benchmark: one import into a fresh database, prints one JSON line."""

from __future__ import annotations

import json
import sys
import time

from bench.common import child_peak_mb


def ours(path: str, url: str) -> dict[str, float]:
    from coding.ingest.survey import SurveyMapping, import_survey
    from coding.store import connect

    store = connect(url)
    start = time.perf_counter()
    report = import_survey(store, path, "bench", SurveyMapping(id="id", texts=["text"],
                                                               attributes=["channel", "region"]))
    return {"seconds": round(time.perf_counter() - start, 2), "segments": report.segments_added}


def pandas_to_sql(path: str, url: str) -> dict[str, float]:
    """Peer: what a researcher would script by hand — pandas.read_csv + DataFrame.to_sql, no checks."""
    import pandas as pd
    from sqlalchemy import create_engine

    start = time.perf_counter()
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.to_sql("answers", create_engine(url), index=False, chunksize=2000)
    return {"seconds": round(time.perf_counter() - start, 2), "segments": len(frame)}


if __name__ == "__main__":
    tool, path, url = sys.argv[1:4]
    result = {"ours": ours, "pandas_to_sql": pandas_to_sql}[tool](path, url)
    print(json.dumps({**result, "peak_rss_mb": child_peak_mb()}))
