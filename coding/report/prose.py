"""The *kwalitatief* section in words, the way the Monitor describes an open question: who was asked, the themes
in order of frequency in words (no percentages, no counts), a few quotes, and a footnote. Shared by the Markdown
and the Word writer.

**Which themes are named.** The top-level rows of the counts, in the report's order (by frequency; by weighted
frequency in a weighted report): a parent theme through its net, so its subthemes are named with it. Never a
catch-all theme ('Overig', see :data:`coding.analysis.counts.LAST_THEMES`) or 'geen inhoudelijk antwoord', and
only themes that someone mentions.

**How often, in words.** Each named theme falls in one tier, by how many respondents mention it and their share of
the basis (the weighted share in a weighted report):

1. *Most mentioned* — the theme with the most mentions (two when they tie; :data:`MAX_TOP`), mentioned by at least
   :data:`MIN_MENTIONS` respondents: "De meest genoemde reden is …" when the question asks for reasons (its wording
   has one of :data:`REASON_WORDS`, such as "waarom", "reden", "belemmert", "zorgt ervoor"), otherwise "Het meest
   genoemd wordt …". More than two tied at the top are not "the most mentioned": they go to tier 2.
2. *Recurring* — any other theme mentioned by at least :data:`RECURRING_SHARE` (10%) of the basis and at least
   :data:`MIN_MENTIONS` respondents: "Ook … komen een aantal keer terug."
3. *A few* — the rest: "Enkele respondenten noemen …"; at most :data:`MAX_FEW` are named, then "en nog enkele
   andere onderwerpen".

**A tiny basis** — fewer than :data:`TINY_BASIS` (10) respondents or interviews — is not ranked: a handful of answers
shows which themes come up, not which come up most. The themes are then named in one sentence ("Genoemd worden …";
for interviews "In de interviews komen … ter sprake"), still in order of frequency.

Interviews use the same tiers with words of their own ("komt in de interviews het vaakst ter sprake", "In enkele
interviews komt … ter sprake").

**Quotes.** In the order of the themes, first one quote of each theme, then a second of each, and so on, at most
:data:`QUOTE_LIMIT` in all (with ``--quotes K``: every chosen quote, K per theme); a quote chosen for two themes is
shown once. Quotes of a catch-all theme are left out.
"""

from __future__ import annotations

import re
from typing import Any

from coding.analysis.combined import shared_themes
from coding.analysis.counts import LAST_THEMES
from coding.analysis.model import DEFAULT_POPULATION, NONSUBSTANTIVE_ROW, QuestionReport, Quote
from coding.vocabulary import QuestionKind

#: A basis smaller than this is not ranked: the themes are only named.
TINY_BASIS = 10
#: Fewest respondents for "the most mentioned" and for "a number of times".
MIN_MENTIONS = 2
#: Share of the basis (0–1) from which a theme "comes back a number of times".
RECURRING_SHARE = 0.10
#: Most themes named as "the most mentioned" (a tie of more is no top).
MAX_TOP = 2
#: Most themes named in the "a few respondents mention" sentence.
MAX_FEW = 4
#: Most quotes under a kwalitatief section when ``--quotes`` is not given.
QUOTE_LIMIT = 6
#: Words in a question's wording that show it asks for reasons ("De meest genoemde reden is …").
REASON_WORDS = ("waarom", "reden", "oorzaak", "belemmer", "weerhoudt", "zorgt ervoor", "zorgen ervoor", "waardoor")
#: The default population of an interview question (coding.analysis.bases.population).
_INTERVIEW_DEFAULT = "alle interviews"


def _is_catch_all(row: Any) -> bool:
    return str(row.code).lower() in LAST_THEMES or str(row.label).lower() in LAST_THEMES


def named_rows(report: QuestionReport, codes: set[str] | None = None) -> list[Any]:
    """The counts rows the paragraph names, in report order (top level, mentioned, no catch-all); only ``codes``
    when given."""
    return [
        row for row in report.counts.itertuples(index=False)
        if int(row.depth) == 0 and int(row.n) > 0 and not _is_catch_all(row) and row.code != NONSUBSTANTIVE_ROW
        and (codes is None or str(row.code) in codes)
    ]


def in_sentence(label: str) -> str:
    """A theme label inside a sentence: its first letter in lower case, unless it is an abbreviation ("OR")."""
    label = label.strip()
    if len(label) > 1 and label[0].isupper() and label[1].islower():
        return label[0].lower() + label[1:]
    return label


def join(items: list[str]) -> str:
    """``a``, ``a en b``, ``a, b en c`` — with a comma before the last 'en' when a label has an 'en' of its own
    ("roddelcultuur en ieder-voor-zich, en geen opvolging"), so the reader sees where one theme ends."""
    if len(items) == 1:
        return items[0]
    last = ", en " if any(" en " in item for item in items) else " en "
    return ", ".join(items[:-1]) + last + items[-1]


def asks_for_reasons(report: QuestionReport) -> bool:
    """Whether the question asks for reasons (see :data:`REASON_WORDS`), from its wording (or else its name)."""
    text = (report.data.wording or report.data.name).lower()
    return any(word in text for word in REASON_WORDS)


def _share(report: QuestionReport, row: Any) -> float:
    return float(row.pct_weighted if report.weighted else row.pct) / 100


def tiers(report: QuestionReport, codes: set[str] | None = None) -> tuple[list[str], list[str], list[str]]:
    """The named themes' labels (in sentence case) per tier: most mentioned, recurring, a few (module docstring).

    On a tiny basis everything is in the third list, unranked."""
    rows = named_rows(report, codes)
    labels = [in_sentence(str(row.label)) for row in rows]
    if report.basis.n < TINY_BASIS or not rows:
        return [], [], labels
    most = max(int(row.n) for row in rows)
    top = [i for i, row in enumerate(rows) if int(row.n) == most]
    if most < MIN_MENTIONS or len(top) > MAX_TOP:
        top = []
    recurring = [i for i, row in enumerate(rows) if i not in top and int(row.n) >= MIN_MENTIONS
                 and _share(report, row) >= RECURRING_SHARE]
    few = [i for i in range(len(rows)) if i not in top and i not in recurring]
    return [labels[i] for i in top], [labels[i] for i in recurring], [labels[i] for i in few]


def _few(labels: list[str]) -> str:
    if len(labels) <= MAX_FEW:
        return join(labels)
    return ", ".join(labels[:MAX_FEW]) + " en nog enkele andere onderwerpen"


def _survey_sentences(report: QuestionReport, codes: set[str] | None) -> list[str]:
    top, recurring, few = tiers(report, codes)
    if report.basis.n < TINY_BASIS:
        return [f"Genoemd {'wordt' if len(few) == 1 else 'worden'} {_few(few)}."] if few else []
    sentences = []
    if top:
        if asks_for_reasons(report):
            sentences.append(f"De meest genoemde reden is {top[0]}." if len(top) == 1
                             else f"De meest genoemde redenen zijn {join(top)}.")
        else:
            sentences.append(f"Het meest genoemd {'wordt' if len(top) == 1 else 'worden'} {join(top)}.")
    if recurring:
        verb = "komt" if len(recurring) == 1 else "komen"
        sentences.append(f"{'Ook ' if top else ''}{join(recurring)} {verb} een aantal keer terug.")
    if few:
        sentences.append(f"{'Daarnaast noemen enkele' if top or recurring else 'Enkele'} respondenten"
                         f"{'' if top or recurring else ' noemen'} {_few(few)}.")
    return [s[:1].upper() + s[1:] for s in sentences]


def _interview_sentences(report: QuestionReport, codes: set[str] | None) -> list[str]:
    top, recurring, few = tiers(report, codes)
    if report.basis.n < TINY_BASIS:
        return [f"In de interviews {'komt' if len(few) == 1 else 'komen'} {_few(few)} ter sprake."] if few else []
    sentences = []
    if top:
        sentences.append(f"In de interviews {'komt' if len(top) == 1 else 'komen'} {join(top)} het vaakst ter "
                         "sprake.")
    if recurring:
        verb = "komt" if len(recurring) == 1 else "komen"
        sentences.append(f"{'Ook ' if top else 'In de interviews '}{join(recurring)} {verb} een aantal keer terug.")
    if few:
        sentences.append(f"{'Daarnaast' if top or recurring else 'In enkele interviews'} "
                         f"{'komt' if len(few) == 1 else 'komen'} {_few(few)} "
                         f"{'in enkele interviews ' if top or recurring else ''}ter sprake.")
    return sentences


def _who(report: QuestionReport) -> str:
    """Who was asked, as a sentence ('' for interviews without a population of their own)."""
    words = report.basis.population.strip().rstrip(".")
    if report.data.kind == QuestionKind.INTERVIEW:
        return f"De interviews zijn gehouden met {words}." if words != _INTERVIEW_DEFAULT else ""
    return f"Deze vraag is gesteld aan {words}."


def paragraph(report: QuestionReport) -> str:
    """The one paragraph of a kwalitatief section: who was asked and the themes in words, in order of frequency."""
    interviews = report.data.kind == QuestionKind.INTERVIEW
    sentences = [_who(report)]
    themes = _interview_sentences(report, None) if interviews else _survey_sentences(report, None)
    sentences += themes or ["De antwoorden lopen zo uiteen dat ze niet onder een gemeenschappelijk thema vallen."]
    if report.basis.coded < report.basis.n:
        sentences.append("Nog niet alle antwoorden zijn gecodeerd; deze beschrijving is daardoor voorlopig.")
    return " ".join(s for s in sentences if s)


def interview_paragraph(report: QuestionReport) -> str:
    """The paragraph on the interviews joined to a survey question's section (their shared themes only)."""
    joined = report.interviews
    if joined is None:
        return ""
    sentences = _interview_sentences(joined, shared_codes(report))
    return " ".join(sentences) or "In de interviews komen deze thema's niet ter sprake."


def shared_codes(report: QuestionReport) -> set[str]:
    """The theme codes of the section's question that the joined interviews have too."""
    if report.interviews is None:
        return set()
    return shared_themes(report.data, report.interviews.data, report.options)


def quotes(report: QuestionReport, codes: set[str] | None = None) -> list[Quote]:
    """The section's quotes: round the themes in report order, one quote of each at a time (module docstring)."""
    per_theme = [
        report.quotes.get(str(row.code), []) for row in report.counts.itertuples(index=False)
        if not _is_catch_all(row) and (codes is None or str(row.code) in codes)
    ]
    limit = None if report.options.quotes is not None else QUOTE_LIMIT
    chosen: list[Quote] = []
    seen: set[int] = set()
    for rank in range(max((len(q) for q in per_theme), default=0)):
        for theme_quotes in per_theme:
            if rank < len(theme_quotes) and theme_quotes[rank].segment_id not in seen:
                chosen.append(theme_quotes[rank])
                seen.add(theme_quotes[rank].segment_id)
    return chosen if limit is None else chosen[:limit]


def interview_quotes(report: QuestionReport) -> list[Quote]:
    """The quotes of the joined interviews, on the themes they share with the section's question."""
    return [] if report.interviews is None else quotes(report.interviews, shared_codes(report))


def theme_interview_quotes(report: QuestionReport, code: str) -> list[Quote]:
    """The joined interviews' quotes of one theme, for a tabellen section (none when the theme is not shared)."""
    if report.interviews is None or code not in shared_codes(report):
        return []
    return report.interviews.quotes.get(code, [])


def quotes_intro(count: int, *, interviews: bool = False) -> str:
    """'Een aantal citaten ter illustratie:' — or from the interviews, or the singular."""
    if interviews:
        return "Een citaat uit de interviews:" if count == 1 else "Een aantal citaten uit de interviews:"
    return "Een citaat ter illustratie:" if count == 1 else "Een aantal citaten ter illustratie:"


_ARTICLE = re.compile(r"^(?:alle|de|het)\s+", re.IGNORECASE)


def population_words(report: QuestionReport) -> str | None:
    """Who the results would be extrapolated to: the stored (or given) population, else the routing's words, without
    a leading 'alle'/'de'/'het'; None when neither says more than 'alle respondenten'/'alle interviews'."""
    words = report.basis.population.strip().rstrip(".")
    if words.lower() in (DEFAULT_POPULATION, _INTERVIEW_DEFAULT, ""):
        return None
    return _ARTICLE.sub("", words) or None


def footnote(report: QuestionReport) -> str:
    """The footnote of a kwalitatief section: qualitative and inventorying, not to be extrapolated."""
    who = population_words(report)
    if report.data.kind == QuestionKind.INTERVIEW:
        text = ("Uitkomsten uit interviews zijn kwalitatief en inventariserend van aard. Ze geven een beeld van de "
                "ervaringen en opvattingen van de geïnterviewden, niet van hoe vaak iets voorkomt. ")
        return text + (f"Ze kunnen niet geëxtrapoleerd worden naar alle {who}." if who else
                       "Ze kunnen niet geëxtrapoleerd worden naar een grotere groep.")
    text = (
        "Uitkomsten uit een open vraag zijn kwalitatief en inventariserend van aard. Ze laten zien welke onderwerpen "
        "respondenten uit zichzelf noemen, niet hoe vaak iets onder hen voorkomt: wie een onderwerp niet noemt, kan "
        f"het er toch mee eens zijn. Ze kunnen niet geëxtrapoleerd worden naar alle {who or 'respondenten'}."
    )
    if report.interviews is not None:
        text += " Dat geldt ook voor de uitkomsten uit de interviews."
    return text
