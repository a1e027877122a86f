"""Personal data in quotes: recall and false masking of our masker on the Dutch PII test set, against deduce.

The set (``tests/fixtures/pii_sentences.py``) was written for the tests: 123 sentences as respondents write them,
80 pieces of personal data (names — also in lower case and after titles —, addresses, postcodes, phone numbers,
e-mail, IBAN, BSN, licence plates, dates of birth, employers, 'the mayor of <village>') and 54 sentences that must
stay unchanged. Recall: pieces fully masked. False masking: words outside every piece that were masked. Each tool
runs in its own child process (``bench/pii_child.py``); deduce is measured when it is installed (bench venv).
"""

from __future__ import annotations

import importlib.util
import sys
from typing import Any

from bench.common import measure, write_result

TARGETS = {"recall": 0.97, "false_masking": 0.02}


def run() -> dict[str, Any]:
    tools = ["ours"] + (["deduce"] if importlib.util.find_spec("deduce") else [])
    results = {tool: measure([sys.executable, "-m", "bench.pii_child", tool]) for tool in tools}
    ours = results["ours"]
    result = {
        "results": results,
        "targets": TARGETS,
        "met": {"recall": ours["recall"] >= TARGETS["recall"],
                "false_masking": ours["false_masking"] <= TARGETS["false_masking"]},
        "notes": [] if "deduce" in results else ["deduce is not installed in this environment; not measured."],
    }
    write_result("pii", result)
    return result
