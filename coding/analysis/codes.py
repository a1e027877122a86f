"""The codes of a study as one table for the SPSS and Excel hand-off: one row per respondent per wave.

The rules, shared by the .sav writer (:mod:`coding.report.sav`) and the "codes" sheet of the workbook:

- **Rows**: every survey respondent of the study (interview documents are not respondents of a survey), one row per
  respondent per wave, ordered by wave and then as imported.
- **Columns**: the respondent id, the wave (when the study has waves: anything but the single default wave "1"),
  the weight (when the study has weights), the attributes, and per survey question with a codebook and final
  codings one 0/1 variable per theme plus a status variable. A parent theme's variable is its net (the theme or any
  theme below it). Retired themes have no variable (a merged theme counts as the theme it went into), and neither
  has 'geen inhoudelijk antwoord': a respondent coded only with it has no substantive answer, so that question's
  variables are missing for them, as for 'weet niet'.
- **Values**: only final codings count (:func:`coding.work.final.final_codings`: adjudicated where double-coded).
  1 = genoemd, 0 = niet genoemd, for respondents with a coded substantive answer. Everyone else is system-missing
  for the question's theme variables, and the status variable says why: not asked (routing, or not in the
  respondent's wave), empty, non-substantive, or not yet coded.
- **Disclosure**: per wave, an attribute group with fewer than k respondents (``ReportOptions.min_group``) becomes
  "overig", or missing when "overig" itself would stay under k (:func:`coding.analysis.disclosure.merge_small_groups`).
  Attributes and the wave are numbers with value labels, as SPSS users expect.
- **Names**: valid SPSS variable names (:func:`spss_name`); what each stands for is its variable label.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from coding.analysis.bases import EMPTY_REASON, WAVE, asked_segments
from coding.analysis.build import HIDDEN_ATTRIBUTES, NothingToReport, present
from coding.analysis.counts import net_matrix
from coding.analysis.disclosure import OTHER_GROUP, merge_small_groups
from coding.analysis.model import QuestionData, ReportOptions
from coding.design import DEFAULT_WAVE, wave_key
from coding.errors import CodingError
from coding.store import QuestionRef, Store, StudyRef
from coding.vocabulary import RESERVED_COLUMNS, QuestionKind, RespondentKind
from coding.work.final import final_codings, mention_matrix

#: Words SPSS reserves: never a variable name.
RESERVED_WORDS = frozenset({"ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH"})
#: SPSS limits in bytes: variable names, variable labels, value labels, the file label.
MAX_NAME_BYTES, MAX_LABEL_BYTES, MAX_VALUE_LABEL_BYTES, MAX_FILE_LABEL_BYTES = 64, 256, 120, 64

#: Value labels of a theme variable.
THEME_VALUES = {0: "niet genoemd", 1: "genoemd"}
#: Why a respondent has (or has no) codes for a question: the values of a question's status variable.
CODED, UNCODED, NONSUBSTANTIVE, EMPTY, NOT_ASKED = 1, 2, 3, 4, 5
STATUS_VALUES = {
    CODED: "gecodeerd",
    UNCODED: "nog niet gecodeerd",
    NONSUBSTANTIVE: "geen inhoudelijk antwoord",
    EMPTY: "leeg",
    NOT_ASKED: "niet gevraagd",
}

#: What a variable holds (:attr:`CodeVariable.role`).
ROLE_ID, ROLE_WAVE, ROLE_WEIGHT, ROLE_ATTRIBUTE, ROLE_THEME, ROLE_STATUS = (
    "id", "wave", "weight", "attribute", "theme", "status")
#: Fixed variable names.
ID_NAME, WAVE_NAME, WEIGHT_NAME = "respondent_id", "meting", "weging"

_NOT_NAME = re.compile(r"[^A-Za-z0-9_]+")


@dataclass(frozen=True)
class CodeVariable:
    """One column of the codes table: its SPSS name, its label and what it holds."""

    name: str
    label: str
    role: str  # ROLE_*
    value_labels: dict[int, str] = field(default_factory=dict)
    question: str | None = None  # the question of a theme or status variable
    source: str | None = None  # the theme code or attribute name it comes from


@dataclass(frozen=True)
class CodesTable:
    """The codes of a study as plain data: the table and what SPSS needs to know about its columns."""

    study: str
    #: One column per variable (named as the variable): the id as text, everything else numbers (NaN = missing).
    frame: pd.DataFrame
    variables: list[CodeVariable]
    file_label: str  # at most 64 bytes, as SPSS keeps it
    notes: list[str]  # the full description: codebook versions, the missing rule, disclosure
    questions: list[str]  # the questions with variables
    skipped: list[str] = field(default_factory=list)  # questions left out, with the reason

    def labelled(self) -> pd.DataFrame:
        """The table for a spreadsheet: wave, attributes and status as their labels, theme variables 0/1."""
        frame = self.frame.copy()
        for variable in self.variables:
            if variable.role in (ROLE_WAVE, ROLE_ATTRIBUTE, ROLE_STATUS):
                labels = variable.value_labels
                frame[variable.name] = pd.Series([None if pd.isna(v) else labels.get(int(v)) for v in
                                                  frame[variable.name]], index=frame.index, dtype=object)
        return frame

    def variable_list(self) -> pd.DataFrame:
        """Name, label and value labels of every variable (the SPSS variable view, for a spreadsheet)."""
        rows = [[v.name, v.label, "; ".join(f"{value} = {label}" for value, label in v.value_labels.items())]
                for v in self.variables]
        return pd.DataFrame(rows, columns=["variabele", "label", "waarden"])


def fit_bytes(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` bytes of UTF-8 (on a character boundary, ending in '…' when cut)."""
    if len(text.encode("utf-8")) <= limit:
        return text
    cut = text.encode("utf-8")[: limit - len("…".encode())].decode("utf-8", errors="ignore")
    return cut.rstrip() + "…"


def _identifier(text: str) -> str:
    """``text`` as ASCII letters, digits and single ``_`` (accents dropped, anything else a ``_``), no ``_`` at the
    ends."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub("_+", "_", _NOT_NAME.sub("_", ascii_text)).strip("_")


def spss_name(text: str, taken: set[str]) -> str:
    """A valid SPSS variable name for ``text``, not in ``taken`` (compared ignoring case), added to it.

    ASCII letters, digits and ``_`` (accents dropped, other characters become ``_``), starting with a letter, not a
    reserved word, at most 64 bytes, not ending in ``_``. A longer name keeps its start and gets a short hash of the
    whole text, so it does not depend on the other names; a name already taken gets ``_2``, ``_3``, ….
    """
    name = _identifier(str(text))
    if not name or not name[0].isalpha() or name.upper() in RESERVED_WORDS:
        name = ("v_" + name).rstrip("_")
    if len(name) > MAX_NAME_BYTES:
        digest = hashlib.sha1(str(text).encode("utf-8"), usedforsecurity=False).hexdigest()[:6]
        name = name[: MAX_NAME_BYTES - len(digest) - 1].rstrip("_") + "_" + digest
    candidate, number = name, 2
    while candidate.lower() in taken:
        suffix = f"_{number}"
        candidate, number = name[: MAX_NAME_BYTES - len(suffix)].rstrip("_") + suffix, number + 1
    taken.add(candidate.lower())
    return candidate


#: A question's name in its variables' names is cut to this many characters (the label keeps it whole).
QUESTION_PREFIX = 24


def question_variable(question: str, part: str, taken: set[str]) -> str:
    """The name of a question's variable (``<question>_<theme code>``, ``<question>_status``), the question's
    part cut to :data:`QUESTION_PREFIX` characters so that the theme stays readable; see :func:`spss_name`."""
    prefix = _identifier(question)[:QUESTION_PREFIX].rstrip("_")
    return spss_name(f"{prefix}_{part}", taken)


def _key(wave: object, respondent: object) -> str:
    return f"{wave}\x1f{respondent}"


def _coded_values(labels: Iterable[str]) -> dict[str, int]:
    """Numbers for category labels in natural order ("overig" last): the labels themselves when all are whole
    numbers (a wave 2024 stays 2024), else 1, 2, …."""
    # the label itself breaks ties of the natural order ("01" and "1"), so the numbers never depend on set order
    ordered = sorted(set(labels), key=lambda v: (v == OTHER_GROUP, wave_key(v), v))
    if ordered and all(v.isascii() and v.isdigit() and len(v) <= 9 and str(int(v)) == v for v in ordered):
        return {v: int(v) for v in ordered}
    return {v: number for number, v in enumerate(ordered, start=1)}


@dataclass
class _Builder:
    """Collects the columns and variables of a codes table, naming each variable as it comes."""

    size: int
    taken: set[str] = field(default_factory=set)
    columns: dict[str, list[object]] = field(default_factory=dict)
    variables: list[CodeVariable] = field(default_factory=list)

    def add(self, wanted: str, values: Iterable[object], label: str, role: str, *,
            value_labels: dict[int, str] | None = None, question: str | None = None,
            source: str | None = None) -> None:
        name = question_variable(question, wanted, self.taken) if question else spss_name(wanted, self.taken)
        self.columns[name] = list(values)
        labels = {int(k): fit_bytes(str(v), MAX_VALUE_LABEL_BYTES) for k, v in (value_labels or {}).items()}
        self.variables.append(CodeVariable(name, fit_bytes(label, MAX_LABEL_BYTES), role, labels, question, source))


def _attribute_values(rows: pd.DataFrame, attribute: str, k: int, notes: list[str]) -> list[str | None]:
    """An attribute's values with the groups under ``k`` merged or left out, within each wave."""
    values = pd.Series([str(v).strip() if present(v) else None for v in rows[attribute]], index=rows.index,
                       dtype=object)
    result: dict[object, str | None] = {}
    several = rows[WAVE].nunique() > 1
    for wave, members in rows.groupby(WAVE, sort=False).groups.items():
        merged = merge_small_groups(values.loc[members], k)
        result.update({i: (None if pd.isna(v) else str(v)) for i, v in merged.values.items()})
        note = merged.note(k)
        if note:
            notes.append(f"Kenmerk {attribute}" + (f" (meting {wave})" if several else "") + ": " + note)
    return [result[i] for i in rows.index]


def _segment_keys(segments: pd.DataFrame) -> dict[int, str]:
    """Segment id → the key of its respondent's row (wave and id)."""
    waves = segments[WAVE] if WAVE in segments.columns else pd.Series(DEFAULT_WAVE, index=segments.index)
    return {int(s): _key(w, r) for s, w, r in zip(segments["segment_id"], waves, segments["respondent_id"],
                                                  strict=True)}


def _status(segments: pd.DataFrame, key_of: dict[int, str], keys: pd.Index, skip: set[str],
            final: pd.DataFrame) -> pd.Series:
    """Per respondent row (key): CODED, UNCODED, NONSUBSTANTIVE, EMPTY or NOT_ASKED for one question."""
    themes_of: dict[str, set[str]] = {}
    for segment_id, theme in zip(final["segment_id"], final["theme"], strict=True):
        themes_of.setdefault(key_of[int(segment_id)], set()).add(str(theme))
    status = dict.fromkeys(keys, NOT_ASKED)
    for segment_id, substantive, reason in zip(segments["segment_id"], segments["substantive"],
                                               segments["nonsubstantive_reason"], strict=True):
        key = key_of[int(segment_id)]
        if key not in status:
            continue
        if bool(substantive):
            themes = themes_of.get(key, set())
            value = CODED if themes - skip else NONSUBSTANTIVE if themes else UNCODED
        else:
            value = EMPTY if reason == EMPTY_REASON else NONSUBSTANTIVE
        status[key] = min(status[key], value)  # one coded answer is enough (several segments: interviews)
    return pd.Series(status, dtype=int).reindex(keys)


def _question_columns(builder: _Builder, data: QuestionData, keys: pd.Index, options: ReportOptions) -> bool:
    """Add the theme and status variables of one question; False when it has no final codings."""
    skip = set(options.nonsubstantive_codes)
    segments = asked_segments(data.segments)
    final = final_codings(data.codings, data.themes,
                          segments.loc[segments["substantive"].astype(bool), "segment_id"])
    themes = data.themes
    active = themes[~themes["retired"].astype(bool) & ~themes["code"].isin(skip)]
    active = active.sort_values("position", kind="stable").reset_index(drop=True)
    if not final["theme"].isin(set(active["code"])).any():
        return False
    key_of = _segment_keys(segments)
    status = _status(segments, key_of, keys, skip, final)
    by_key = pd.DataFrame({"respondent_id": [key_of[int(s)] for s in final["segment_id"]],
                           "theme": final["theme"].to_numpy()})
    coded = [k for k, s in status.items() if s == CODED]
    nets = net_matrix(mention_matrix(by_key, coded, list(active["code"])), active)
    parents = set(active["parent"].dropna())
    for code, label in zip(active["code"], active["label"], strict=True):
        values = nets[code].reindex(keys).astype(float)  # NaN wherever the respondent has no coded answer
        builder.add(str(code), values, f"{data.name}: {label}" + (" (netto)" if code in parents else ""),
                    ROLE_THEME, value_labels=THEME_VALUES, question=data.name, source=str(code))
    builder.add("status", status.astype(float), f"{data.name}: status van het antwoord", ROLE_STATUS,
                value_labels=STATUS_VALUES, question=data.name)
    return True


def _survey_rows(respondents: pd.DataFrame) -> pd.DataFrame:
    """The survey respondents (no interview documents), by wave in natural order, then as imported."""
    rows = respondents
    if "kind" in rows.columns:
        rows = rows[rows["kind"].astype(str) != RespondentKind.DOCUMENT]
    waves = rows[WAVE].astype(str) if WAVE in rows.columns else pd.Series(DEFAULT_WAVE, index=rows.index)
    rows = rows.assign(**{WAVE: waves})
    order = {w: i for i, w in enumerate(sorted(set(waves), key=wave_key))}
    return rows.sort_values(WAVE, key=lambda s: s.map(order), kind="stable").reset_index(drop=True)


def _skip_reason(data: QuestionData) -> str | None:
    if data.kind == QuestionKind.INTERVIEW:
        return f"Vraag '{data.name}' is een interviewvraag; de codes gaan per respondent van een enquête."
    if data.themes.empty:
        return f"Vraag '{data.name}' heeft nog geen codeboek."
    return None


def codes_table(study: str, questions: list[QuestionData], respondents: pd.DataFrame, versions: dict[str, int],
                options: ReportOptions | None = None, *, single: bool = False) -> CodesTable:
    """The codes table (see the module docstring) of ``questions`` over the study's ``respondents``
    (:func:`coding.store.segments.respondents_frame`); ``versions`` holds each question's codebook version.

    ``options.wave`` keeps one wave, ``options.min_group`` is k. Questions without a codebook or final codings,
    and interview questions, are left out (``skipped``); when none is left:
    :class:`coding.analysis.build.NothingToReport`, about the question when it is the one asked for (``single``).
    """
    options = options or ReportOptions()
    rows = _survey_rows(respondents)
    waves = sorted(set(rows[WAVE]), key=wave_key)
    if options.wave is not None:
        if options.wave not in waves:
            raise CodingError(f"Meting '{options.wave}' bestaat niet in studie '{study}'.",
                              hint="Kies uit: " + (", ".join(waves) or "(de studie heeft geen respondenten)"))
        rows = rows[rows[WAVE] == options.wave].reset_index(drop=True)
    builder = _Builder(len(rows))
    notes: list[str] = []
    builder.add(ID_NAME, rows["respondent_id"].astype(str), "Respondent-id", ROLE_ID)
    if waves and waves != [DEFAULT_WAVE]:
        numbers = _coded_values(waves)
        builder.add(WAVE_NAME, rows[WAVE].map(numbers).astype(float), "Meting", ROLE_WAVE,
                    value_labels={n: w for w, n in numbers.items()})
    weights = pd.to_numeric(rows["weight"], errors="coerce") if "weight" in rows.columns else None
    if weights is not None and weights.notna().any():
        builder.add(WEIGHT_NAME, weights.astype(float), "Weegfactor", ROLE_WEIGHT)
    hidden = RESERVED_COLUMNS | HIDDEN_ATTRIBUTES
    attributes = [c for c in rows.columns if c not in hidden and rows[c].map(present).any()]
    for attribute in attributes:
        values = _attribute_values(rows, attribute, options.min_group, notes)
        numbers = _coded_values(v for v in values if v is not None)
        builder.add(attribute, [np.nan if v is None else float(numbers[v]) for v in values], attribute,
                    ROLE_ATTRIBUTE, value_labels={n: v for v, n in numbers.items()}, source=attribute)
    keys = pd.Index([_key(w, r) for w, r in zip(rows[WAVE], rows["respondent_id"], strict=True)])
    included: list[str] = []
    skipped: list[str] = []
    for data in questions:
        reason = _skip_reason(data)
        if reason is None and _question_columns(builder, data, keys, options):
            included.append(data.name)
            continue
        skipped.append(f"{data.name}: {reason or f'Vraag {data.name!r} heeft nog geen gecodeerde antwoorden.'}")
    if not included:
        if single and skipped:
            raise NothingToReport(skipped[0].split(": ", 1)[1],
                                  hint="Codeer eerst antwoorden (of importeer coderingen) en maak dan het bestand.")
        raise NothingToReport(f"Studie '{study}' heeft nog geen gecodeerde antwoorden.",
                              hint="Codeer eerst antwoorden (of importeer coderingen) en maak dan het bestand.")
    described = f"coding: studie {study}; codeboek " + ", ".join(f"{q} v{versions.get(q, 1)}" for q in included)
    notes = [described, "Alleen definitieve coderingen (na beoordeling waar dubbel gecodeerd). 1 = genoemd, "
             "0 = niet genoemd; leeg (system-missing) bij niet gevraagd, een leeg of niet-inhoudelijk antwoord of "
             "een antwoord dat nog niet gecodeerd is: de variabele <vraag>_status zegt welk.", *notes]
    frame = pd.DataFrame(builder.columns, index=pd.RangeIndex(builder.size))
    return CodesTable(study, frame, builder.variables, fit_bytes(described, MAX_FILE_LABEL_BYTES), notes, included,
                      skipped)


def study_codes(store: Store, study: StudyRef, question: QuestionRef | None = None,
                options: ReportOptions | None = None) -> CodesTable:
    """The codes table of a study (every question, or one) read from the store, across all its waves
    (``options.wave``: one wave)."""
    from coding.analysis.build import load_question_data
    from coding.store.codebooks import codebook_versions
    from coding.store.segments import respondents_frame
    from coding.store.studies import list_questions

    refs = [question] if question is not None else list_questions(store, study)
    datas = [load_question_data(store, ref) for ref in refs]
    versions = {}
    for ref in refs:
        stored = codebook_versions(store, ref)["version"]
        versions[ref.name] = int(stored.max()) if len(stored) else 1
    return codes_table(study.name, datas, respondents_frame(store, study), versions, options,
                       single=question is not None)
