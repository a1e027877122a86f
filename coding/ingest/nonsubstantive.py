"""Recognising non-substantive answers ("weet niet", "nvt", "-", empty …) so they are marked, not dropped."""

from __future__ import annotations

import re
import unicodedata

#: Normalised answers that carry no content, with the reason stored beside the segment.
NONSUBSTANTIVE: dict[str, str] = {
    "weet niet": "weet niet", "weet ik niet": "weet niet", "wn": "weet niet", "geen idee": "weet niet",
    "ik weet het niet": "weet niet", "weet het niet": "weet niet", "geen mening": "weet niet",
    "nvt": "n.v.t.", "n v t": "n.v.t.", "niet van toepassing": "n.v.t.", "na": "n.v.t.", "n a": "n.v.t.",
    "geen": "geen", "niks": "geen", "niets": "geen", "nee": "geen", "geen opmerkingen": "geen",
    "geen antwoord": "geen", "geen opmerking": "geen", "nvt geen": "geen", "x": "geen", "xx": "geen",
    "xxx": "geen", "0": "geen", "geen belemmeringen": "geen", "geen belemmering": "geen",
    "zeg ik liever niet": "wil niet zeggen", "wil ik niet zeggen": "wil niet zeggen",
}

_PUNCTUATION_ONLY = re.compile(r"^[\W_]*$", re.UNICODE)


_PUNCTUATION = re.compile(r"[.\-_/\\,;:!?'\"()]+")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower case, accents kept, punctuation turned into spaces, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _PUNCTUATION.sub(" ", text)  # compiled once: a million answers looked the patterns up a million times
    return _SPACES.sub(" ", text).strip()


def classify_answer(text: str) -> tuple[bool, str | None]:
    """``(substantive, reason)``: reason is ``'leeg'``, ``'teken'``, ``'weet niet'``, ``'n.v.t.'``, ``'geen'`` …"""
    stripped = text.strip()
    if not stripped:
        return False, "leeg"
    if _PUNCTUATION_ONLY.match(stripped):
        # '-', '?', '...', but also emoji-only answers: nothing a coder can code.
        return False, "teken"
    reason = NONSUBSTANTIVE.get(normalise(stripped))
    if reason:
        return False, reason
    return True, None
