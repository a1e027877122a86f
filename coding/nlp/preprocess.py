"""Preprocessing answers for clustering: lemmas, lower case, survey stop words and marked negation.

Every answer becomes one string of space-separated tokens, e.g. ``"Er is geen aanspreekpunt"`` →
``"geen_aanspreekpunt"`` and ``"Meldingen worden niet opgevolgd"`` → ``"melding niet_opvolgen"``. These strings are
what the token cache in the store holds (keyed by text hash and :func:`cache_key`), so a second clustering of the
same question does not parse again.

Stop words: spaCy's Dutch list drops words that carry the meaning of a survey answer — the negations (niet, geen,
nooit, niets) and words such as vrij, weg, veel, zonder — so we keep those (:data:`KEEP_WORDS`) and drop a few
fillers and auxiliary verbs that spaCy keeps (:data:`EXTRA_STOP_WORDS`).

Negation: a negation word is joined to the content word it negates, so "geen aanspreekpunt" differs from
"aanspreekpunt". It takes the next content word of its clause; when the clause has none after it (Dutch puts
"niet" late: "ik vertrouw hem niet") it takes the one before; with neither, the negation word stays on its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from spacy.lang.nl.stop_words import STOP_WORDS as SPACY_DUTCH_STOP_WORDS

from coding.nlp.pipeline import LoadedPipeline, PipelineInfo

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: Bump when the token rules change: the token cache keys on it, so old cached tokens are not reused.
PREPROCESS_VERSION = "1"

#: Words that negate what follows; kept, and joined to the word they negate.
NEGATIONS = frozenset({"niet", "geen", "nooit", "niemand", "niets", "niks", "nergens"})

#: Words in spaCy's Dutch stop list that carry meaning in survey answers, so we keep them.
KEEP_WORDS = NEGATIONS | frozenset(
    {
        "vrij", "open", "veilig", "onveilig", "zonder", "alleen", "weg", "lang", "klaar", "beter", "minder",
        "weinig", "veel", "eigen", "gelijk", "later", "vroeg", "anders",
    }
)  # fmt: skip

#: Fillers and auxiliary verbs (as lemmas) that spaCy's list lets through but that say nothing about a theme.
EXTRA_STOP_WORDS = frozenset(
    {
        "hebben", "zijn", "worden", "kunnen", "zullen", "moeten", "willen", "mogen", "gaan", "doen", "heel", "erg",
        "echt", "eigenlijk", "beetje", "nou", "hoor", "nee", "enzo", "zo'n", "zo’n", "mbt", "m.b.t.", "graag",
    }
)  # fmt: skip

#: The stop words used here: spaCy's Dutch list, minus :data:`KEEP_WORDS`, plus :data:`EXTRA_STOP_WORDS`.
STOP_WORDS = frozenset((set(SPACY_DUTCH_STOP_WORDS) | EXTRA_STOP_WORDS) - KEEP_WORDS)

#: Parts of speech that carry content, used when the pipeline tags them (a full model).
CONTENT_POS = frozenset({"NOUN", "PROPN", "ADJ", "VERB", "ADV", "X", ""})

#: Words that end the clause a negation can reach.
CLAUSE_BREAKS = frozenset({"maar", "en", "want", "omdat", "of", "dus", "terwijl", "hoewel", "als", "die", "dat"})

_WORD = re.compile(r"[^\W\d_][\w'’\-]*\Z")
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")

#: ``progress(done, total)`` callback.
Progress = Callable[[int, int], None]


def cache_key(info: PipelineInfo) -> str:
    """The token cache key for a pipeline: its name and version plus :data:`PREPROCESS_VERSION`."""
    return f"{info.key}/p{PREPROCESS_VERSION}"


#: What a token becomes: a clause break, nothing (dropped), or a token string.
_BREAK = "\x00"


class TokenRules:
    """The token rules, applied once per distinct (form, lemma, part of speech) and cached.

    Every rule depends only on the word form, its lemma and its tag, and answers repeat the same few thousand words,
    so deciding each distinct triple once (instead of each token) makes this step several times faster.
    ``lemmas`` maps lower-case forms to lemmas when the pipeline's own lemmatizer was skipped (see
    :func:`preprocess`).
    """

    def __init__(self, *, use_pos: bool, lemmas: dict[str, str] | None = None) -> None:
        self.use_pos = use_pos
        self.lemmas = lemmas
        self._cache: dict[tuple[int, ...], str | None] = {}

    def tokens(self, doc: Doc) -> list[str]:
        """The tokens of one parsed answer: content lemmas in lower case, negations joined to what they negate."""
        from spacy.attrs import LEMMA, ORTH, POS

        columns = [ORTH, LEMMA, POS] if self.use_pos else [ORTH] if self.lemmas is not None else [ORTH, LEMMA]
        items: list[tuple[str, bool]] = []  # (token, is_break); breaks mark the reach of a negation
        cache = self._cache
        rows: list[list[int]] = doc.to_array(columns).reshape(len(doc), len(columns)).tolist()  # type: ignore[assignment]
        for row in rows:
            key = tuple(row)
            if key not in cache:
                cache[key] = self._decide(doc, key)
            out = cache[key]
            if out is _BREAK:
                items.append(("", True))
            elif out is not None:
                items.append((out, False))
        return _mark_negations(items)

    def _decide(self, doc: Doc, key: tuple[int, ...]) -> str | None:
        strings = doc.vocab.strings
        lexeme = doc.vocab[key[0]]
        lower = lexeme.lower_
        if lexeme.is_punct or lexeme.is_space or lower in CLAUSE_BREAKS:
            return _BREAK
        if lower in NEGATIONS:
            return lower
        if self.use_pos and strings[key[2]] not in CONTENT_POS:
            return None
        if self.lemmas is not None:
            lemma = self.lemmas.get(lower, lower)
        else:
            lemma = (strings[key[1]] if key[1] else lexeme.orth_).lower()
        lemma = _EDGES.sub("", lemma)
        if len(lemma) < 2 or not _WORD.match(lemma) or lemma in STOP_WORDS or lower in STOP_WORDS:
            return None
        if lexeme.like_url or lexeme.like_email:
            return None
        return lemma


def _mark_negations(items: list[tuple[str, bool]]) -> list[str]:
    out: list[str] = []
    pending: str | None = None  # a negation waiting for the next content word of its clause
    clause_start = 0  # index in ``out`` where the current clause starts
    for token, is_break in items:
        if is_break:
            if pending is not None:
                _attach_backwards(out, clause_start, pending)
                pending = None
            clause_start = len(out)
        elif token in NEGATIONS:
            if pending is not None:
                out.append(pending)  # two negations in a row: the first stands alone
            pending = token
        elif pending is not None:
            out.append(f"{pending}_{token}")
            pending = None
        else:
            out.append(token)
    if pending is not None:
        _attach_backwards(out, clause_start, pending)
    return out


def _attach_backwards(out: list[str], clause_start: int, negation: str) -> None:
    for i in range(len(out) - 1, clause_start - 1, -1):
        if "_" not in out[i] and out[i] not in NEGATIONS:
            out[i] = f"{negation}_{out[i]}"
            return
    out.append(negation)


def preprocess(
    texts: Sequence[str],
    pipeline: LoadedPipeline,
    *,
    batch_size: int = 512,
    n_process: int = 1,
    progress: Progress | None = None,
) -> list[str]:
    """Token strings for ``texts`` (same order), parsed with ``nlp.pipe`` in batches; each distinct text once.

    ``n_process`` > 1 parses in that many processes: worth it for a full model on thousands of answers, not for the
    blank fallback (handing the parsed answers back between processes costs more than the tokenizer saves).
    """
    unique = list(dict.fromkeys(texts))
    nlp = pipeline.nlp
    limit = nlp.max_length - 1
    lemmas = _lookup_lemmas(pipeline)
    rules = TokenRules(use_pos=pipeline.info.has_pos, lemmas=lemmas)
    disable = ["lemmatizer"] if lemmas is not None else []
    parsed: dict[str, str] = {}
    with nlp.select_pipes(disable=disable):
        docs = nlp.pipe((t[:limit] for t in unique), batch_size=batch_size, n_process=n_process)
        for done, (text, doc) in enumerate(zip(unique, docs, strict=True), start=1):
            parsed[text] = " ".join(rules.tokens(doc))
            if progress is not None and (done % batch_size == 0 or done == len(unique)):
                progress(done, len(unique))
    return [parsed[t] for t in texts]


class _LemmaCache(dict[str, str]):
    """Lower-case form → lemma from spaCy's Dutch lookup table, filled on first use of each form."""

    def __init__(self, table: object) -> None:
        super().__init__()
        self._table = table

    def __missing__(self, form: str) -> str:
        lemma = str(self._table.get(form, form))  # type: ignore[attr-defined]
        self[form] = lemma
        return lemma

    def get(self, form: str, default: str | None = None) -> str:  # type: ignore[override]
        return self[form]


def _lookup_lemmas(pipeline: LoadedPipeline) -> dict[str, str] | None:
    """For a pipeline whose only component is the Dutch lookup lemmatizer, a cached form → lemma mapping.

    That lemmatizer looks every token up in a table with a Python call per token; looking each distinct form up
    once gives the same lemmas in a third of the parse time. Any other pipeline runs as it is.
    """
    nlp = pipeline.nlp
    if nlp.pipe_names != ["lemmatizer"] or pipeline.info.lemmatizer != "lookup" or nlp.lang != "nl":
        return None
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_lookup"):
        return None
    return _LemmaCache(lookups.get_table("lemma_lookup"))
