"""From the store to a :class:`QuestionReport`: final codings, basis, counts, crosstabs and quotes.

``build_report`` reads a study (or one question) and returns the :class:`ReportData` every writer consumes.
``analyse_question`` does the work on plain data, so it can be tested without a database.
"""

from __future__ import annotations

import dataclasses
import math

import pandas as pd

from coding.analysis.bases import (
    WAVE,
    asked_segments,
    asked_waves,
    base_respondents,
    chosen_wave,
    population,
    study_waves,
    wave_data,
)
from coding.analysis.counts import kish_effective_n, net_matrix, respondent_weights, theme_counts
from coding.analysis.crosstabs import crosstab
from coding.analysis.disclosure import attributable, check_options, group_sizes, merge_small_groups
from coding.analysis.model import (
    BASE_INCLUSIVE,
    NONSUBSTANTIVE_LABEL,
    NONSUBSTANTIVE_ROW,
    Basis,
    Crosstab,
    QuestionData,
    QuestionReport,
    Quote,
    ReportData,
    ReportOptions,
)
from coding.analysis.privacy import find_personal_data, mask_personal_data
from coding.analysis.quotes import SHORTENED, default_quote_count, excerpt, rank_quotes
from coding.analysis.trends import question_trend
from coding.errors import CodingError
from coding.store import QuestionRef, Store, StudyRef
from coding.vocabulary import RESERVED_COLUMNS, QuestionKind, RespondentKind
from coding.work.final import final_codings, mention_matrix

#: Document attributes that are bookkeeping, not attribution (a file name can identify the interviewee).
HIDDEN_ATTRIBUTES = frozenset({"bestand", WAVE})


class NothingToReport(CodingError):
    """A question (or study) has no coded answers to report on."""


class NoCodebook(NothingToReport):
    """A question has no themes yet, so nothing can have been coded."""


def load_question_data(store: Store, question: QuestionRef) -> QuestionData:
    """Everything the report needs about one question, read through the store's query functions."""
    from coding.store.codebooks import theme_table
    from coding.store.report_queries import documents_frame
    from coding.store.report_settings import report_settings
    from coding.store.segments import codings_frame, respondents_frame, segments_frame
    from coding.store.waves import question_routing

    settings = report_settings(store, question)
    return QuestionData(
        study=question.study,
        name=question.name,
        wording=question.wording,
        kind=question.kind,
        themes=theme_table(store, question, include_retired=True),
        segments=segments_frame(store, question),
        codings=codings_frame(store, question),
        respondents=respondents_frame(store, question.study_ref),
        documents=documents_frame(store, question) if question.kind == QuestionKind.INTERVIEW else pd.DataFrame(),
        routing={wave: (routing.describe(), routing.condition())
                 for wave, routing in question_routing(store, question).items()},
        population=settings.population,
        style=settings.style,
    )


#: The document attribute that attributes an interview quote on its own when a document has it.
ATTRIBUTION_ATTRIBUTE = "organisatietype"


def _attributions(data: QuestionData, members: list[str], k: int) -> dict[str, str]:
    """For transcript documents: their attributes as attribution, e.g. 'Kleine gemeente' — the organisation type
    alone when there is one (so an interviewee's function or size is not spelled out beside every quote).

    Only an attribution that at least ``k`` of the question's documents (``members``) share is given: a quote from the
    one provincie among the interviews names no group (statistical disclosure control).
    """
    result: dict[str, str] = {}
    frame = data.respondents
    if frame.empty or "kind" not in frame.columns:
        return result
    attributes = [c for c in frame.columns if c not in RESERVED_COLUMNS | HIDDEN_ATTRIBUTES]
    for row in frame[frame["kind"] == RespondentKind.DOCUMENT].to_dict("records"):
        values = [str(row[c]) for c in attributes if present(row[c])]
        if ATTRIBUTION_ATTRIBUTE in attributes and present(row[ATTRIBUTION_ATTRIBUTE]):
            values = [str(row[ATTRIBUTION_ATTRIBUTE])]
        if values:
            text = ", ".join(values)
            result[str(row["respondent_id"])] = text[:1].upper() + text[1:]
    in_question = {str(m) for m in members}
    sizes = group_sizes(pd.Series([text for r, text in result.items() if r in in_question], dtype=object))
    return {r: text for r, text in result.items() if attributable(text, sizes, k)}


def present(value: object) -> bool:
    """Whether a cell holds something: not None, not NaN, not blank."""
    if value is None:
        return False
    if isinstance(value, float) and math.isnan(value):
        return False
    return bool(str(value).strip())


def _candidates(
    segments: pd.DataFrame, code: str, options: ReportOptions, attribution: dict[str, str]
) -> list[Quote]:
    """The ranked candidate quotes of one theme among ``segments``, personal data found (and masked)."""
    pool = []
    for row in segments.itertuples(index=False):
        text = excerpt(str(row.text), options.min_words, options.max_words, flagged=bool(row.is_quote))
        if text:
            pool.append((row, text))
    ranking = rank_quotes(
        [t for _, t in pool],
        [bool(r.is_quote) for r, _ in pool],
        prior=[SHORTENED if t.endswith(" (…)") else 1.0 for _, t in pool],
    )
    candidates = []
    for index, score in ranking:
        row, text = pool[index]
        findings = tuple(find_personal_data(text))
        candidates.append(
            Quote(
                segment_id=int(row.segment_id),
                respondent_id=str(row.respondent_id),
                theme=code,
                text=mask_personal_data(text, findings) if options.mask else text,
                original=text,
                findings=findings,
                attribution=attribution.get(str(row.respondent_id)),
                flagged=bool(row.is_quote),
                score=round(score, 6),
            )
        )
    return candidates


def _theme_quotes(
    data: QuestionData,
    final: pd.DataFrame,
    counts: pd.DataFrame,
    options: ReportOptions,
    basis_ids: list[str],
) -> tuple[dict[str, list[Quote]], dict[str, list[Quote]]]:
    attribution = _attributions(data, basis_ids, options.min_group)
    segments = asked_segments(data.segments)
    segments = segments[segments["substantive"].astype(bool)]
    groups: pd.Series | None = None
    if options.quotes_by:
        # a group under k among the question's respondents is 'overig' (or no group): its quotes never name it
        groups = merge_small_groups(_attribute(data, options.quotes_by).reindex(basis_ids), options.min_group).values
    chosen: dict[str, list[Quote]] = {}
    candidates: dict[str, list[Quote]] = {}
    used: set[int] = set()
    for row in counts.itertuples(index=False):
        if row.is_net or row.n == 0 or row.code == NONSUBSTANTIVE_ROW:
            continue
        ids = set(final.loc[final["theme"] == row.code, "segment_id"])
        theme_segments = _passages_as_quotes(segments[segments["segment_id"].isin(ids)], data.codings, row.code)
        k = options.quotes if options.quotes is not None else default_quote_count(int(row.n))
        if groups is None:
            ranked = _candidates(theme_segments, row.code, options, attribution)
            candidates[row.code] = ranked
            chosen[row.code] = _prefer_unused(ranked, k, used)
            continue
        chosen[row.code], candidates[row.code] = [], []
        group_of = theme_segments["respondent_id"].map(groups)
        for group in sorted(str(g) for g in group_of.dropna().unique()):
            labelled = {**attribution}
            members = theme_segments[group_of == group]
            for respondent in members["respondent_id"]:
                labelled[str(respondent)] = ", ".join(filter(None, [attribution.get(str(respondent)), group]))
            ranked = _candidates(members, row.code, options, labelled)
            chosen[row.code] += _prefer_unused(ranked, k, used)
            candidates[row.code] += ranked
    return chosen, candidates


def _passages_as_quotes(segments: pd.DataFrame, codings: pd.DataFrame, code: str) -> pd.DataFrame:
    """The segments as quote candidates, where a coder coded a passage with ``code`` that passage instead of the
    whole turn (its own text; a citaat when a coder flagged the passage)."""
    if codings.empty or "passage_start" not in codings.columns:
        return segments
    passages = codings[(codings["theme"] == code) & codings["passage_start"].notna()]
    if passages.empty:
        return segments
    rows = []
    for segment in segments.to_dict("records"):
        own = passages[passages["segment_id"] == segment["segment_id"]]
        if own.empty:
            rows.append(segment)
            continue
        base = int(segment["start_char"]) if present(segment.get("start_char")) else 0
        flagged = own.groupby(["passage_start", "passage_end"])["is_quote"].any()
        for (start, end), is_quote in flagged.items():
            rows.append({**segment, "text": str(segment["text"])[int(start) - base : int(end) - base],
                         "is_quote": bool(is_quote) or bool(segment["is_quote"])})
    return pd.DataFrame(rows, columns=segments.columns)


def _prefer_unused(ranked: list[Quote], k: int, used: set[int]) -> list[Quote]:
    """The first ``k`` quotes not yet used for an earlier theme (used ones only when there are too few others)."""
    fresh = [q for q in ranked if q.segment_id not in used]
    picked = (fresh + [q for q in ranked if q.segment_id in used])[:k]
    picked.sort(key=ranked.index)
    used.update(q.segment_id for q in picked)
    return picked


def _attribute(data: QuestionData, attribute: str) -> pd.Series:
    frame = data.respondents
    if attribute not in frame.columns or attribute in RESERVED_COLUMNS | {WAVE}:
        known = [c for c in frame.columns if c not in RESERVED_COLUMNS | {WAVE}]
        raise CodingError(
            f"Kenmerk '{attribute}' bestaat niet in studie '{data.study}'.",
            hint="Kies uit: " + (", ".join(known) if known else "(de studie heeft geen kenmerken)"),
        )
    series = frame.set_index("respondent_id")[attribute]
    return series[~series.index.duplicated()]


@dataclasses.dataclass
class _Figures:
    """The figures of one wave of a question (or of a question without waves)."""

    basis: Basis
    basis_ids: list[str]
    final: pd.DataFrame
    active: pd.DataFrame
    matrix: pd.DataFrame
    weights: pd.Series
    counts: pd.DataFrame
    weighted: bool


def _active_themes(data: QuestionData, options: ReportOptions) -> pd.DataFrame:
    """The themes that get a row: not retired, not 'geen inhoudelijk antwoord' (unless the basis includes it)."""
    skip = set(options.nonsubstantive_codes)
    themes = data.themes
    active = themes[~themes["retired"].astype(bool) & ~themes["code"].isin(skip)]
    active = active.sort_values("position", kind="stable").reset_index(drop=True)
    if options.base == BASE_INCLUSIVE:
        known = themes[themes["code"] == NONSUBSTANTIVE_ROW]
        label = str(known["label"].iloc[0]) if len(known) else NONSUBSTANTIVE_LABEL
        position = int(pd.to_numeric(themes["position"]).max() + 1) if len(themes) else 0
        extra = {c: None for c in themes.columns} | {
            "code": NONSUBSTANTIVE_ROW, "label": label, "parent": None, "position": position, "retired": False,
        }
        active = pd.concat([active[~active["code"].eq(NONSUBSTANTIVE_ROW)], pd.DataFrame([extra])],
                           ignore_index=True)
    return active


def _figures(data: QuestionData, options: ReportOptions, wave: str | None) -> _Figures:
    """Basis and counts of one wave's data (not-asked respondents left out before anything is counted)."""
    segments = asked_segments(data.segments)
    substantive = segments[segments["substantive"].astype(bool)]
    final = final_codings(data.codings, data.themes, substantive["segment_id"])
    skip = set(options.nonsubstantive_codes)
    active = _active_themes(data, options)
    themes_of = final.groupby("respondent_id")["theme"].agg(set) if not final.empty else pd.Series(dtype=object)
    only_nonsubstantive = {str(r) for r, t in themes_of.items() if t and t <= skip}
    basis_ids, without_content = base_respondents(segments, only_nonsubstantive, options.base)
    final = final[final["theme"].isin(set(active["code"])) & final["respondent_id"].isin(set(basis_ids))]
    matrix = mention_matrix(final, basis_ids, list(active["code"]))
    if options.base == BASE_INCLUSIVE:
        matrix[NONSUBSTANTIVE_ROW] = [int(r in without_content) for r in matrix.index]
    weights = respondent_weights(data.respondents, basis_ids)
    has_weights = (
        "weight" in data.respondents.columns
        and pd.to_numeric(data.respondents["weight"], errors="coerce").notna().any()
    )
    interviews = data.kind == QuestionKind.INTERVIEW
    words, condition = population(data, wave, data.population if options.population is None else options.population,
                                  interviews)
    basis = Basis(
        n=len(basis_ids),
        coded=int((matrix.sum(axis=1) > 0).sum()),
        weighted_n=float(weights.sum()),
        effective_n=kish_effective_n(weights),
        has_weights=bool(has_weights),
        population=words,
        condition=condition,
        base=options.base,
        wave=wave,
    )
    weighted = options.weighted and basis.has_weights and not interviews
    counts = theme_counts(matrix, weights, active, order_weighted=weighted)
    if options.base == BASE_INCLUSIVE:  # 'geen inhoudelijk antwoord' goes last, after the themes
        last = counts["code"] == NONSUBSTANTIVE_ROW
        counts = pd.concat([counts[~last], counts[last]], ignore_index=True)
    return _Figures(basis, basis_ids, final, active, matrix, weights, counts, weighted)


def _crosstab(nets: pd.DataFrame, figures: _Figures, values: pd.Series, attribute: str,
              options: ReportOptions) -> Crosstab:
    """The crosstab of one attribute, its groups under k (among the basis) merged into 'overig' or left out first."""
    groups = merge_small_groups(values.reindex(nets.index), options.min_group)
    table = crosstab(nets, figures.weights, groups.values, attribute, weighted=figures.weighted, alpha=options.alpha,
                     min_base=options.min_base, correction=options.correction)
    return dataclasses.replace(table, merged=groups.merged, dropped=groups.dropped, min_group=options.min_group)


def analyse_question(data: QuestionData, options: ReportOptions | None = None) -> QuestionReport:
    """Basis, counts, crosstabs and quotes of one question; :class:`NothingToReport` when nothing is coded.

    In a study with more than one wave the section is of ``options.wave`` (default: the latest wave in which the
    question was asked) and gets a :class:`Trend` over the waves (with ``options.wave``: that wave and the one
    before it in which the question was asked).
    """
    options = options or ReportOptions()
    check_options(options)
    if data.themes.empty:
        raise NoCodebook(
            f"Vraag '{data.name}' heeft nog geen codeboek.",
            hint=f"Laad er een met: coding codebook load FILE --study {data.study} --question {data.name}",
        )
    waves = study_waves(data)
    wave = chosen_wave(data, options.wave)
    several = len(waves) > 1
    current = wave_data(data, wave) if wave is not None else data
    if several and wave not in asked_waves(data):
        raise NothingToReport(
            f"Vraag '{data.name}' is in meting {wave} niet gesteld.",
            hint="Kies een andere meting (--wave): " + ", ".join(asked_waves(data)),
        )
    figures = _figures(current, options, wave if several else None)
    if figures.final.empty:
        raise NothingToReport(
            f"Vraag '{data.name}' heeft nog geen gecodeerde antwoorden"
            + (f" in meting {wave}." if several else "."),
            hint="Codeer eerst antwoorden (of importeer coderingen) en maak dan het rapport.",
        )
    nets = net_matrix(figures.matrix, figures.active)
    crosstabs = [_crosstab(nets, figures, _attribute(current, attribute), attribute, options)
                 for attribute in options.by]
    quotes, candidates = _theme_quotes(current, figures.final, figures.counts, options, figures.basis_ids)
    trend = None
    if several and wave is not None:
        trend = question_trend(data, options, figures.counts, wave, lambda d, w: _figures(d, options, w))
    return QuestionReport(
        data=current,
        options=options,
        basis=figures.basis,
        counts=figures.counts,
        crosstabs=crosstabs,
        quotes=quotes,
        candidates=candidates,
        final=figures.final.reset_index(drop=True),
        matrix=figures.matrix,
        trend=trend,
    )


def build_question_report(store: Store, question: QuestionRef, options: ReportOptions | None = None) -> QuestionReport:
    """The report section of one question (with the coders' agreement when it was double-coded)."""
    section = analyse_question(load_question_data(store, question), options)
    section.agreement = question_agreement(store, question)
    return section


def question_agreement(store: Store, question: QuestionRef) -> pd.DataFrame | None:
    """The agreement table of a question with a double-coding sample and double-coded answers, else None."""
    from coding.analysis.agreement import agreement_table
    from coding.work.double_coding import samples

    if not samples(store, question):
        return None
    table = agreement_table(store, question)
    return table if not table.empty and int(table["units"].iloc[0]) > 0 else None


def build_report(
    store: Store, study: StudyRef, question: QuestionRef | None = None, options: ReportOptions | None = None
) -> ReportData:
    """A report of one question, or of every question of the study that has coded answers.

    Questions without a codebook or codings are left out of a whole-study report (listed in ``skipped``);
    :class:`NothingToReport` when nothing at all can be reported.
    """
    from coding.store.studies import list_questions, list_studies

    options = options or ReportOptions()
    check_options(options)
    studies = list_studies(store)
    description = ""
    if not studies.empty and study.name in set(studies["study"]):
        description = str(studies.loc[studies["study"] == study.name, "description"].iloc[0] or "")
    if question is not None:
        section = build_question_report(store, question, options)
        if options.with_interviews:
            from coding.analysis.combined import join_interviews
            from coding.store import question_ref

            section = join_interviews(store, section, question_ref(store, study.name, options.with_interviews))
        return ReportData(study.name, description, options, [section], single=True)
    if options.with_interviews:
        raise CodingError("--with-interviews voegt de interviews toe aan de sectie van één enquêtevraag.",
                          hint="Geef die vraag op met --question.")
    sections: list[QuestionReport] = []
    skipped: list[str] = []
    for ref in list_questions(store, study):
        try:
            sections.append(build_question_report(store, ref, options))
        except NothingToReport as exc:
            skipped.append(f"{ref.name}: {exc.problem}")
    if not sections:
        raise NothingToReport(
            f"Studie '{study.name}' heeft nog geen gecodeerde antwoorden.",
            hint="Codeer eerst antwoorden (of importeer coderingen) en maak dan het rapport.",
        )
    return ReportData(study.name, description, options, sections, skipped)


def with_quotes(report: QuestionReport, theme: str, segment_ids: list[int]) -> QuestionReport:
    """A copy of ``report`` whose quotes for ``theme`` are the candidates with these segment ids, in this order."""
    by_id = {q.segment_id: q for q in report.candidates.get(theme, [])}
    missing = [s for s in segment_ids if s not in by_id]
    if missing:
        raise CodingError(
            f"Antwoord(en) {', '.join(map(str, missing))} zijn geen kandidaat-citaat bij thema '{theme}'.",
            hint="Kies een citaat uit de lijst met kandidaten.",
        )
    return dataclasses.replace(report, quotes={**report.quotes, theme: [by_id[s] for s in segment_ids]})


def apply_quote_choices(report: ReportData, choices: dict[str, dict[str, list[int]]]) -> ReportData:
    """A copy of ``report`` with the quotes chosen by hand: question → theme → segment ids (unknown ones ignored)."""
    sections = []
    for section in report.questions:
        for theme, segment_ids in choices.get(section.name, {}).items():
            known = {q.segment_id for q in section.candidates.get(theme, [])}
            if theme in section.candidates:
                section = with_quotes(section, theme, [s for s in segment_ids if s in known])
        sections.append(section)
    return dataclasses.replace(report, questions=sections)
