"""The project's shared words: where a coding came from, kinds of question and respondent, cluster numbers, and the
column names that are not respondent attributes.

Every module uses these names rather than bare strings or numbers, so that a rule such as "suggestions do not learn
from rules" or "cluster 0 is divers / overig" reads the same everywhere. The values are what the database stores
(the ``StrEnum`` members compare equal to their strings), so nothing here changes the schema.
"""

from __future__ import annotations

from enum import StrEnum


class Source(StrEnum):
    """Where a coding came from."""

    #: A coder gave the theme to one answer, or to answers ticked in the grid.
    MANUAL = "manual"
    #: A coder gave the theme to a whole cluster (or the ticked answers of one).
    CLUSTER = "cluster"
    #: A coder accepted the suggester's proposal.
    SUGGESTION = "suggestion"
    #: A keyword or regular-expression rule coded it; no coder looked at the answer.
    RULE = "rule"
    #: Read from a file of earlier codings (a previous wave, a colleague's Excel).
    IMPORTED = "imported"
    #: The final theme an adjudicator chose for a double-coded answer.
    ADJUDICATED = "adjudicated"


#: Every coding source, in the order the database's check constraint lists them.
CODING_SOURCES: tuple[str, ...] = tuple(s.value for s in Source)

#: Sources the suggester learns from: not :attr:`Source.RULE`, which no coder checked.
TRAINING_SOURCES: frozenset[Source] = frozenset(Source) - {Source.RULE}


class QuestionKind(StrEnum):
    """An open question of a survey, or a topic of an interview guide."""

    SURVEY = "survey"
    INTERVIEW = "interview"


QUESTION_KINDS: tuple[str, ...] = tuple(k.value for k in QuestionKind)


class ReportStyle(StrEnum):
    """How a question's report section is written (``--style``; remembered per question)."""

    #: The Monitor's way for open answers: themes in words in order of frequency, quotes, no numbers.
    QUALITATIVE = "kwalitatief"
    #: Shares per theme and per group in tables, with significance.
    TABLES = "tabellen"


REPORT_STYLES: tuple[str, ...] = tuple(s.value for s in ReportStyle)


class RespondentKind(StrEnum):
    """A survey respondent, or the interviewee behind a transcript."""

    RESPONDENT = "respondent"
    DOCUMENT = "document"


class Role(StrEnum):
    """What a user may do in a study; each role may do everything of the roles before it."""

    #: Sees the progress and the reports.
    READER = "lezer"
    #: Codes the answers: codings, memos, quotes, undo of their own actions, their double-coding answers.
    CODER = "codeur"
    #: Imports, edits the codebook, starts and closes double coding, adjudicates, manages the study's users.
    MANAGER = "beheerder"


#: The roles from least to most rights (the order of :class:`Role`).
ROLES: tuple[str, ...] = tuple(r.value for r in Role)


def role_rank(role: str | None) -> int:
    """How much a role may do: 0 for none, then 1, 2, 3 for lezer, codeur, beheerder."""
    return ROLES.index(role) + 1 if role in ROLES else 0


#: Cluster number of the answers in no group of a stored run: "divers / overig".
OVERIG_CLUSTER = 0
#: Cluster number of the non-substantive answers of a stored run ("weet niet", interviewer turns, …).
NONSUBSTANTIVE_CLUSTER = -1
#: Label the clusterer itself gives a row in no cluster (scikit-learn's convention for noise); stored as
#: :data:`OVERIG_CLUSTER`.
NO_CLUSTER_LABEL = -1


#: Columns of the respondents table that are not attributes (an attribute may not take one of these names).
RESERVED_COLUMNS: frozenset[str] = frozenset({"respondent_id", "kind", "weight", "wave"})


#: Words of a theme that closes a codebook ("Overig", "Geen inhoudelijk antwoord", "Weet niet", …): a theme added
#: later goes before these, so they stay at the end of the list.
CLOSING_THEME_WORDS: tuple[str, ...] = (
    "overig", "overige", "anders", "geen inhoudelijk antwoord", "geen antwoord", "weet niet", "weet ik niet",
    "n.v.t.", "nvt", "niet van toepassing", "onduidelijk", "niet te coderen", "other", "don't know", "no answer",
)


def is_closing_theme(code: str, label: str) -> bool:
    """Whether a theme (by code or label) is one that closes a codebook, such as "Overig" or "Weet niet"."""
    for name in (code, label):
        text = " ".join(str(name or "").lower().replace("_", " ").replace("-", " ").split())
        if any(text == word or text.startswith(word + " ") or text.startswith(word + ":") or text.startswith(word + ",")
               for word in CLOSING_THEME_WORDS):
            return True
    return False
