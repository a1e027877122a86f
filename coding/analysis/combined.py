"""One report section for a survey question and an interview question on the same themes (``--with-interviews``).

Each question has a codebook of its own (coding.store.codebooks: one per question), so "the same codebook" means
the same theme codes: the interview question's themes that the survey question has too, leaving out retired themes,
'geen inhoudelijk antwoord' and closing themes such as 'Overig' (sharing only those says nothing). The section keeps
the survey question's figures; the interviews add their quotes on the shared themes, attributed by organisation
type (coding.analysis.build, ``ATTRIBUTION_ATTRIBUTE``), and are never weighted, split or counted.
"""

from __future__ import annotations

import dataclasses

from coding.analysis.model import QuestionData, QuestionReport, ReportOptions
from coding.errors import CodingError
from coding.store import QuestionRef, Store
from coding.vocabulary import QuestionKind, is_closing_theme


def theme_codes(data: QuestionData, options: ReportOptions) -> set[str]:
    """The codes of a question's themes that can be shared: not retired, not 'geen inhoudelijk antwoord', not a
    closing theme ('Overig')."""
    themes = data.themes
    if themes.empty:
        return set()
    return {
        str(code) for code, label, retired in zip(themes["code"], themes["label"], themes["retired"], strict=True)
        if not bool(retired) and code not in options.nonsubstantive_codes and not is_closing_theme(code, label)
    }


def shared_themes(survey: QuestionData, interviews: QuestionData, options: ReportOptions) -> set[str]:
    """The theme codes the two questions share (see the module docstring)."""
    return theme_codes(survey, options) & theme_codes(interviews, options)


def interview_options(options: ReportOptions) -> ReportOptions:
    """The options for the joined interviews: their own population and latest wave, unweighted, no groups."""
    return dataclasses.replace(options, by=(), quotes_by=None, weighted=False, wave=None, population=None,
                               style=None, with_interviews=None)


def check_interview_question(store: Store, section: QuestionReport, interviews: QuestionRef) -> None:
    """A clear error unless ``interviews`` is an interview question and the section's question is a survey question."""
    from coding.store.studies import list_questions

    if section.data.kind == QuestionKind.INTERVIEW:
        raise CodingError(
            f"Vraag '{section.name}' is zelf een interviewvraag; --with-interviews voegt interviews toe aan een "
            "enquêtevraag.",
            hint="Geef bij --question de enquêtevraag op en bij --with-interviews de interviewvraag.",
        )
    if interviews.kind != QuestionKind.INTERVIEW:
        names = [q.name for q in list_questions(store, interviews.study_ref) if q.kind == QuestionKind.INTERVIEW]
        raise CodingError(
            f"Vraag '{interviews.name}' in studie '{interviews.study}' is geen interviewvraag.",
            hint="Kies een interviewvraag: " + (", ".join(names) if names else "(de studie heeft geen interviews; "
                                                "importeer ze met: coding import transcripts)"),
        )


def join_interviews(store: Store, section: QuestionReport, interviews: QuestionRef) -> QuestionReport:
    """``section`` with the interview question's analysis attached (quotes on the shared themes).

    :class:`CodingError` when ``interviews`` is no interview question, the section's question is one, or the two
    share no themes; :class:`coding.analysis.build.NothingToReport` when the interviews have no coded passages.
    """
    from coding.analysis.build import analyse_question, load_question_data

    check_interview_question(store, section, interviews)
    data = load_question_data(store, interviews)
    if not shared_themes(section.data, data, section.options):
        raise CodingError(
            f"Vraag '{section.name}' en interviewvraag '{interviews.name}' hebben geen thema's gemeen.",
            hint=f"Laad hetzelfde codeboek bij beide vragen: coding codebook load FILE --study {interviews.study} "
                 f"--question {interviews.name}",
        )
    joined = analyse_question(data, interview_options(section.options))
    return dataclasses.replace(section, interviews=joined)
