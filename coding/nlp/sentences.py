"""Splitting a speaker turn into sentences with spaCy's rule-based sentencizer (on ``spacy.blank("nl")``).

Used to code a passage of an interview turn: the coder picks one or more consecutive sentences. Paragraph breaks
inside a turn always end a sentence. Offsets are character offsets into the text given (plus ``offset``), so they
point into the document when the turn's start in the document is passed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language


@dataclass(frozen=True)
class Sentence:
    """One sentence of a turn: its number (from 1), text and offsets (``document[start:end] == text``)."""

    number: int
    text: str
    start: int
    end: int


@lru_cache(maxsize=1)
def sentencizer() -> Language:
    """A blank Dutch pipeline with only the sentencizer (fast, no model needed)."""
    import spacy

    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    return nlp


def split_sentences(text: str, offset: int = 0) -> list[Sentence]:
    """The sentences of ``text`` (white space around them left out), numbered from 1."""
    nlp = sentencizer()
    sentences: list[Sentence] = []
    position = 0
    for line in text.split("\n"):
        if line.strip():
            for sent in nlp(line).sents:
                stripped = sent.text.strip()
                if not stripped:
                    continue
                start = position + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
                sentences.append(Sentence(len(sentences) + 1, stripped, offset + start,
                                          offset + start + len(stripped)))
        position += len(line) + 1
    return sentences


def sentence_span(sentences: list[Sentence], first: int, last: int) -> tuple[int, int]:
    """The offsets of sentences ``first`` to ``last`` (numbers, inclusive) together."""
    if not sentences or not 1 <= first <= last <= len(sentences):
        from coding.errors import CodingError

        raise CodingError(f"Kies zinnen tussen 1 en {len(sentences)} (gekozen: {first}–{last}).")
    return sentences[first - 1].start, sentences[last - 1].end
