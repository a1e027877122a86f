"""The plain data that analysis produces and every report writer consumes.

:class:`QuestionData` is what is read from the store for one question; :class:`QuestionReport` adds the figures
(counts, crosstabs) and the chosen quotes; :class:`ReportData` holds the sections of a whole report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from coding.analysis.findings import PiiFinding
from coding.vocabulary import REPORT_STYLES, QuestionKind, ReportStyle

if TYPE_CHECKING:
    from coding.analysis.codes import CodesTable

#: Who was asked, when the user does not say and the question has no routing.
DEFAULT_POPULATION = "alle respondenten"

#: Whether non-substantive answers ('weet niet', 'geen', '-', …) are in the basis: ``--base exclusief|inclusief``.
BASE_EXCLUSIVE, BASE_INCLUSIVE = "exclusief", "inclusief"
BASE_CHOICES = (BASE_EXCLUSIVE, BASE_INCLUSIVE)

#: How a section is written: ``--style kwalitatief|tabellen``.
STYLE_QUALITATIVE, STYLE_TABLES = ReportStyle.QUALITATIVE.value, ReportStyle.TABLES.value
STYLE_CHOICES = REPORT_STYLES

#: Corrections for multiple testing over the cells of one table: ``--correction none|bh|bonferroni``.
CORRECTION_CHOICES = ("none", "bh", "bonferroni")

#: The row counting respondents without a substantive answer in an ``inclusief`` basis.
NONSUBSTANTIVE_ROW = "geen_inhoudelijk_antwoord"
NONSUBSTANTIVE_LABEL = "Geen inhoudelijk antwoord (weet niet, geen, …)"

#: Theme codes that mean "no substantive answer": respondents with only these are left out of the basis.
NONSUBSTANTIVE_CODES = ("geen_inhoudelijk_antwoord",)

#: Columns of :attr:`QuestionReport.counts`.
COUNT_COLUMNS = ["code", "label", "parent", "depth", "is_net", "n", "pct", "n_weighted", "pct_weighted"]

#: Columns of :attr:`Crosstab.cells`: ``p`` is the raw p of the cell's test, ``p_corrected`` the p corrected for
#: testing every cell of the table (``correction``); the mark comes from ``p_corrected``.
CROSSTAB_COLUMNS = ["code", "group", "n", "share", "share_rest", "z", "p", "p_corrected", "mark"]

#: Marks in :attr:`Crosstab.cells`: significantly higher / lower than the rest, or group too small to test.
HIGHER, LOWER, TOO_SMALL = "hoger", "lager", "te klein"


@dataclass(frozen=True)
class ReportOptions:
    """What goes into a report and how it is computed."""

    weighted: bool = False
    by: tuple[str, ...] = ()
    quotes: int | None = None  # None: 3 to 5, more for themes mentioned more often
    min_words: int = 5
    max_words: int = 60
    quotes_by: str | None = None
    #: Who was asked, in words. None: the question's stored population; None or '' without one: its routing,
    #: else DEFAULT_POPULATION.
    population: str | None = None
    alpha: float = 0.05
    #: Smallest base for a percentage, and for a group (and its rest) to be tested (``--min-base``).
    min_base: int = 30
    #: Smallest group shown on its own or named with a quote, k (``--min-group``; see coding.analysis.disclosure).
    min_group: int = 5
    #: Correction for testing many cells of one table: CORRECTION_CHOICES (``--correction``).
    correction: str = "bh"
    mask: bool = True
    nonsubstantive_codes: tuple[str, ...] = NONSUBSTANTIVE_CODES
    base: str = BASE_EXCLUSIVE  # BASE_CHOICES
    wave: str | None = None  # the wave reported on (None: the latest in which the question was asked)
    chapter: int = 1  # the chapter number in the Word captions: "Tabel 2.4", "Figuur 2.1"
    #: STYLE_CHOICES, or None: the style remembered for the question (interviews are always STYLE_QUALITATIVE).
    style: str | None = None
    #: The interview question whose passages join this survey question's section (they share a codebook).
    with_interviews: str | None = None


@dataclass
class QuestionData:
    """Everything read from the store for one question (plain DataFrames, see coding.store)."""

    study: str
    name: str
    wording: str
    kind: str
    themes: pd.DataFrame  # coding.store.codebooks.THEME_COLUMNS (retired and merged themes included)
    segments: pd.DataFrame  # coding.store.segments.SEGMENT_COLUMNS (all segments of the question)
    codings: pd.DataFrame  # coding.store.segments.CODING_COLUMNS (every coder's codings)
    respondents: pd.DataFrame  # respondent_id, kind, weight, one column per attribute
    documents: pd.DataFrame  # coding.store.report_queries.DOCUMENT_COLUMNS (transcripts only)
    #: Who was asked, per wave with routing: wave label -> (in words, as a condition), e.g.
    #: ("respondenten die zich niet vrij voelen", "vrij_voelen = nee"). A wave without routing is absent.
    routing: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: Who was asked as stored for the question (``--population``, the Rapport page); None: not set.
    population: str | None = None
    #: The report style remembered for the question (STYLE_CHOICES); None: not chosen yet.
    style: str | None = None


@dataclass(frozen=True)
class Basis:
    """Who the figures of a question are about."""

    n: int  # respondents with a substantive answer
    coded: int  # of whom at least one final theme
    weighted_n: float  # sum of their weights
    effective_n: float  # Kish's effective sample size
    has_weights: bool  # whether the study has survey weights at all
    population: str = DEFAULT_POPULATION  # who was asked, in words
    condition: str | None = None  # who was asked, as a routing condition ("vrij_voelen = nee")
    base: str = BASE_EXCLUSIVE  # whether non-substantive answers are in it (BASE_CHOICES)
    wave: str | None = None  # the wave it is of, when the study has waves


@dataclass(frozen=True)
class Quote:
    """An illustrative answer (or passage) for a theme."""

    segment_id: int
    respondent_id: str
    theme: str
    text: str  # as it goes into the report: trimmed to sentences, personal data masked when asked
    original: str  # the trimmed excerpt before masking
    findings: tuple[PiiFinding, ...] = ()
    attribution: str | None = None
    flagged: bool = False
    score: float = 0.0


@dataclass(frozen=True)
class GroupInfo:
    """One group of an attribute in a crosstab."""

    name: str
    n: int
    effective_n: float
    tested: bool


@dataclass
class Crosstab:
    """Shares per theme for each group of an attribute, each tested against the rest."""

    attribute: str
    groups: list[GroupInfo]
    cells: pd.DataFrame  # CROSSTAB_COLUMNS
    weighted: bool
    correction: str = "bh"  # CORRECTION_CHOICES: how the p of the cells were corrected for testing them all
    #: Groups under k folded into "overig", and groups left out (see coding.analysis.disclosure).
    merged: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    min_group: int = 5

    def cell(self, code: str, group: str) -> pd.Series:
        """The row of ``cells`` for one theme and group."""
        match = self.cells[(self.cells["code"] == code) & (self.cells["group"] == group)]
        return match.iloc[0]


#: Columns of :attr:`Trend.cells`: share 0–1 of the wave's basis (NaN where not asked), test against the previous
#: wave in which the question was asked (raw ``p``, and ``p_corrected`` over the cells of the table).
TREND_COLUMNS = ["code", "wave", "n", "share", "previous", "z", "p", "p_corrected", "mark"]


@dataclass
class Trend:
    """A question's shares per theme in every wave, each tested against the previous wave in which it was asked."""

    waves: list[str]  # in natural order
    asked: dict[str, bool]  # wave -> whether the question was asked (has answers) in it
    bases: dict[str, Basis]  # per wave in which it was asked
    cells: pd.DataFrame  # TREND_COLUMNS, one row per (theme code, wave)
    weighted: bool
    alpha: float = 0.05
    correction: str = "bh"  # CORRECTION_CHOICES
    min_base: int = 30  # a wave with a smaller basis shows counts and is not tested

    def cell(self, code: str, wave: str) -> pd.Series:
        """The row of ``cells`` for one theme and wave."""
        match = self.cells[(self.cells["code"] == code) & (self.cells["wave"] == wave)]
        return match.iloc[0]

    def previous(self, wave: str) -> str | None:
        """The wave before ``wave`` with shares (asked and coded) that it is tested against (None for the first)."""
        asked = [w for w in self.waves if w in self.bases]
        before = asked[: asked.index(wave)] if wave in asked else []
        return before[-1] if before else None


@dataclass
class QuestionReport:
    """One report section: a question's figures, crosstabs and quotes."""

    data: QuestionData
    options: ReportOptions
    basis: Basis
    counts: pd.DataFrame  # COUNT_COLUMNS, in report order
    crosstabs: list[Crosstab]
    quotes: dict[str, list[Quote]]
    candidates: dict[str, list[Quote]]
    final: pd.DataFrame  # segment_id, respondent_id, theme
    matrix: pd.DataFrame  # basis respondents x themes, 0/1, index respondent_id
    #: Agreement between coders (coding.analysis.agreement.AGREEMENT_COLUMNS) when the question has a
    #: double-coding sample with double-coded answers; None otherwise.
    agreement: pd.DataFrame | None = None
    #: The shares per wave (with tests against the previous wave) when the study has more than one wave.
    trend: Trend | None = None
    #: The interview question sharing this question's themes, in the same section (``--with-interviews``).
    interviews: QuestionReport | None = None

    @property
    def name(self) -> str:
        """The question's name."""
        return self.data.name

    @property
    def style(self) -> str:
        """How the section is written: always kwalitatief for interviews; else ``--style``, the style remembered
        for the question, or tabellen."""
        if self.data.kind == QuestionKind.INTERVIEW:
            return STYLE_QUALITATIVE
        return self.options.style or self.data.style or STYLE_TABLES

    @property
    def weighted(self) -> bool:
        """Whether weighted figures are shown (asked for, and the study has weights)."""
        return self.options.weighted and self.basis.has_weights and self.data.kind == QuestionKind.SURVEY


@dataclass
class ReportData:
    """A whole report: one section per question with coded answers."""

    study: str
    description: str
    options: ReportOptions
    questions: list[QuestionReport]
    skipped: list[str] = field(default_factory=list)  # questions left out, with the reason
    single: bool = False  # one question's section, not a whole report
    #: The codes per respondent and wave for the workbook's "codes" sheet (coding.analysis.codes), when attached.
    codes: CodesTable | None = None
