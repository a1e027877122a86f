"""Loading the Dutch spaCy pipeline: a full model when installed, otherwise a blank one with lookup lemmas.

Which pipeline is used is configurable (argument, or the ``CODING_SPACY_MODEL`` environment variable):

- a package name (``nl_core_news_sm``, ``_md``, ``_lg``) — used when installed (``python -m spacy download
  nl_core_news_sm``); when it is not installed we fall back and say so in :attr:`PipelineInfo.note`;
- a folder holding a saved pipeline (``nlp.to_disk(path)``) — a missing folder is an error, not a fallback;
- ``blank`` — always the fallback.

The fallback is ``spacy.blank("nl")`` plus the lookup lemmatizer from spacy-lookups-data: no part-of-speech tags
and no word vectors, but it lemmatises common survey words (meldingen → melding, opgevolgd → opvolgen).
:class:`PipelineInfo` describes what is active; it is printed by the CLI, shown in the UI and stored with every
cluster run, and its :attr:`~PipelineInfo.key` keys the token cache.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coding.errors import CodingError

if TYPE_CHECKING:
    from spacy.language import Language

#: Environment variable that names the pipeline (package name, folder, or ``blank``).
MODEL_ENV = "CODING_SPACY_MODEL"

#: The model asked for when nothing is configured.
DEFAULT_MODEL = "nl_core_news_sm"

#: The name the fallback pipeline goes by (in the token cache, the run history and the UI).
FALLBACK_NAME = "blank-nl+lookups"

#: Components that give part-of-speech tags (``attribute_ruler`` maps tags to POS in the spaCy models).
POS_COMPONENTS = frozenset({"tagger", "morphologizer", "attribute_ruler"})

#: Components we never need for pre-clustering; leaving them out makes parsing several times faster.
UNUSED_COMPONENTS = ("parser", "ner", "senter", "entity_linker", "entity_ruler", "textcat", "textcat_multilabel")


@dataclass(frozen=True)
class PipelineInfo:
    """What the active spaCy pipeline is and can do (plain data; stored with every cluster run)."""

    name: str
    version: str
    kind: str  # "model" (an installed or saved pipeline) or "fallback"
    spacy_version: str
    lemmatizer: str  # "rule", "lookup" or "none"
    has_pos: bool
    has_vectors: bool
    vector_width: int = 0
    source: str = ""  # package name or folder the pipeline came from
    note: str = ""  # why the fallback is used, in Dutch

    @property
    def key(self) -> str:
        """Identifies the pipeline's output: the token cache keys on it."""
        return f"{self.name}@{self.version}"

    def describe(self) -> str:
        """One Dutch line for the CLI and the UI."""
        abilities = [f"lemma's: {self.lemmatizer}", "woordsoorten" if self.has_pos else "geen woordsoorten"]
        abilities.append(f"woordvectoren ({self.vector_width} dim.)" if self.has_vectors else "geen woordvectoren")
        kind = "spaCy-model" if self.kind == "model" else "terugvaloptie"
        text = f"{self.name} {self.version} ({kind}; {', '.join(abilities)})"
        return f"{text}. {self.note}" if self.note else text

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PipelineInfo:
        """The inverse of :meth:`to_dict` (unknown keys are ignored, so old runs still load)."""
        fields = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in fields})


@dataclass(frozen=True)
class LoadedPipeline:
    """A spaCy ``Language`` and the description of what it is."""

    nlp: Language
    info: PipelineInfo


def requested_model(model: str | None = None) -> str:
    """The pipeline asked for: the argument, else ``CODING_SPACY_MODEL``, else ``nl_core_news_sm``."""
    return (model or os.environ.get(MODEL_ENV, "") or DEFAULT_MODEL).strip()


def load_pipeline(model: str | None = None) -> LoadedPipeline:
    """Load the configured pipeline once per process (cached), falling back to the blank Dutch one."""
    return _load(requested_model(model))


@lru_cache(maxsize=4)
def _load(name: str) -> LoadedPipeline:
    import spacy

    if name.lower() in ("blank", FALLBACK_NAME):
        return _fallback(note="")
    path = Path(name).expanduser()
    if _looks_like_path(name):
        if not (path / "config.cfg").is_file():
            raise CodingError(
                f"Geen spaCy-pipeline gevonden in map '{name}' (config.cfg ontbreekt).",
                hint=f"Geef een map die met nlp.to_disk() is opgeslagen, een modelnaam, of zet {MODEL_ENV}=blank.",
            )
        nlp = spacy.load(path, exclude=list(UNUSED_COMPONENTS))
        return LoadedPipeline(nlp, _info(nlp, source=str(path)))
    if not spacy.util.is_package(name):
        return _fallback(
            note=f"Model '{name}' is niet geïnstalleerd; installeer het met: python -m spacy download {name}"
        )
    nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    return LoadedPipeline(nlp, _info(nlp, source=name))


def _looks_like_path(name: str) -> bool:
    return os.sep in name or "/" in name or name.startswith(".") or Path(name).expanduser().is_dir()


def _info(nlp: Language, *, source: str) -> PipelineInfo:
    import spacy

    lemmatizer = "none"
    if "lemmatizer" in nlp.pipe_names:
        lemmatizer = str(getattr(nlp.get_pipe("lemmatizer"), "mode", "rule"))
    vectors = nlp.vocab.vectors
    width = int(vectors.shape[1]) if vectors.shape[0] else 0
    return PipelineInfo(
        name=f"{nlp.meta.get('lang', 'nl')}_{nlp.meta.get('name', 'pipeline')}",
        version=str(nlp.meta.get("version", "0.0.0")),
        kind="model",
        spacy_version=spacy.__version__,
        lemmatizer=lemmatizer,
        has_pos=bool(POS_COMPONENTS & set(nlp.pipe_names)),
        has_vectors=width > 0,
        vector_width=width,
        source=source,
    )


def _fallback(*, note: str) -> LoadedPipeline:
    import spacy

    nlp = spacy.blank("nl")
    try:
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()
    except (ValueError, ImportError, OSError):  # spacy-lookups-data missing or broken
        raise CodingError(
            "De Nederlandse lemmatabel ontbreekt (pakket spacy-lookups-data).",
            hint="Installeer het met: pip install spacy-lookups-data",
        ) from None
    info = PipelineInfo(
        name=FALLBACK_NAME,
        version=f"{spacy.__version__}+{_version('spacy-lookups-data')}",
        kind="fallback",
        spacy_version=spacy.__version__,
        lemmatizer="lookup",
        has_pos=False,
        has_vectors=False,
        source="spacy.blank('nl')",
        note=note,
    )
    return LoadedPipeline(nlp, info)


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"
