"""The Dutch wording of a report section, shared by the Markdown and DOCX writers.

Written the way a Dutch research bureau writes it: the question and its basis, the themes in order of frequency
with "Een aantal citaten ter illustratie:", a table with shares per theme and per group (significant differences
marked), and the note that answers to an open question are qualitative.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from coding.analysis.disclosure import merge_note, shows_percentage
from coding.analysis.model import HIGHER, LOWER, STYLE_QUALITATIVE, TOO_SMALL, Basis, Crosstab, QuestionReport
from coding.report import prose
from coding.vocabulary import QuestionKind

UP, DOWN = "▲", "▼"
#: The legend under every crosstab (Word colours the ▲ cells green and the ▼ cells red).
SIGNIFICANCE_LEGEND = f"{UP} significant hoger / {DOWN} significant lager dan de andere groepen"
#: How the p of a table's cells were corrected for testing them all (``--correction``), in words.
CORRECTION_WORDS = {
    "bh": "na Benjamini–Hochberg-correctie voor het aantal toetsen in de tabel",
    "bonferroni": "na Bonferroni-correctie voor het aantal toetsen in de tabel",
    "none": "zonder correctie voor het aantal toetsen in de tabel",
}


@dataclass(frozen=True)
class Table:
    """A table as text cells: caption, header row, body rows, note below."""

    caption: str
    header: list[str]
    rows: list[list[str]]
    note: str
    basis: str = ""  # the Basis line under the table: who the percentages are of
    legend: str = ""  # what ▲/▼ mean and how the p were corrected (crosstabs)


def number(value: float, decimals: int = 0) -> str:
    """A number the Dutch way: decimal comma, dot between thousands (``1.234,5``)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def percent(share: float) -> str:
    """A percentage (0–100) rounded half up to whole percents: ``32%``."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "–"
    return f"{math.floor(share + 0.5)}%"


def title(report: QuestionReport) -> str:
    """The section heading: the question's name made readable (``vrij_voelen`` → ``Vrij voelen``)."""
    name = report.name.replace("_", " ").strip()
    return name[:1].upper() + name[1:]


def unit(report: QuestionReport) -> str:
    """What the basis counts: respondents, or interviews."""
    return "interviews" if report.data.kind == QuestionKind.INTERVIEW else "respondenten"


def basis_line(basis: Basis, *, weighted: bool, interviews: bool = False) -> str:
    """Who a table is about, e.g. ``Basis: respondenten die zich niet vrij voelen (vrij_voelen = nee), exclusief
    'weet niet'; n = 55`` — with weighted figures the effective sample size too."""
    return f"Basis: {who_was_asked(basis, interviews=interviews)}; {basis_size(basis, weighted=weighted)}"


def who_was_asked(basis: Basis, *, interviews: bool = False, wave: bool = True) -> str:
    """The basis in words, with the routing condition, the wave and whether 'weet niet' is in it."""
    text = basis.population.strip()
    if basis.condition:
        text += f" ({basis.condition})"
    if wave and basis.wave is not None:
        text += f", meting {basis.wave}"
    if not interviews:
        text += f", {basis.base} 'weet niet'"
    return text


def basis_size(basis: Basis, *, weighted: bool) -> str:
    """``n = 55``, with weighted figures ``n = 55 (effectieve n = 48)`` (Kish)."""
    text = f"n = {number(basis.n)}"
    if weighted:
        text += f" (effectieve n = {number(basis.effective_n)})"
    return text


def section_basis(report: QuestionReport) -> str:
    """The Basis line of a section's tables."""
    return basis_line(report.basis, weighted=report.weighted, interviews=report.data.kind == QuestionKind.INTERVIEW)


def basis_lines(report: QuestionReport) -> list[str]:
    """The question and who answered it, e.g. ``Basis: alle respondenten, exclusief 'weet niet'; n = 84.``"""
    lines = []
    if report.data.wording:
        lines.append(f"Vraag: “{report.data.wording.strip()}”")
    lines.append(section_basis(report) + ".")
    return lines


def intro(report: QuestionReport) -> str:
    """How the answers were grouped, and any caveat about weighting or unfinished coding."""
    themes = int((~report.counts["is_net"]).sum())
    noun = "thema" if themes == 1 else "thema's"
    text = (
        f"De antwoorden zijn ingedeeld in {themes} {noun}; één antwoord kan bij meer dan één thema horen. "
        "Hieronder volgen de thema's in volgorde van hoe vaak ze genoemd worden."
    )
    if report.weighted:
        text += (
            " De percentages zijn gewogen met de weegfactor van het onderzoek "
            f"(effectieve steekproefomvang n = {number(report.basis.effective_n)})."
        )
    elif report.options.weighted:
        text += " De percentages zijn ongewogen: " + (
            "interviews worden niet gewogen."
            if report.data.kind == QuestionKind.INTERVIEW
            else "de studie heeft geen weegfactor."
        )
    missing = report.basis.n - report.basis.coded
    if missing:
        text += (
            f" Let op: {number(missing)} van de {number(report.basis.n)} antwoorden hebben nog geen thema; "
            "de percentages zijn daardoor voorlopig."
        )
    return text


def share(report: QuestionReport, row: Any) -> float:
    """The share (0–100) shown for a counts row: weighted when the report is weighted."""
    return float(row.pct_weighted if report.weighted else row.pct)


def shows_percentages(report: QuestionReport) -> bool:
    """Whether the section's basis is large enough for percentages (``--min-base``); else counts are shown."""
    return shows_percentage(report.basis.n, report.options.min_base)


def small_base_note(report: QuestionReport) -> str:
    """Why a table shows counts: its basis is under ``--min-base``."""
    return (f"De basis is kleiner dan {report.options.min_base} {unit(report)}: daarom aantallen in plaats van "
            "percentages.")


def theme_sentence(report: QuestionReport, row: Any) -> str:
    """One sentence on how often a theme (or net) is mentioned (counts only when the basis is under --min-base)."""
    n, pct = int(row.n), percent(share(report, row))
    if not shows_percentages(report):
        counted = f"{number(n)} van de {number(report.basis.n)} {unit(report)}"
        if row.is_net:
            return f"In totaal noemen {counted} dit thema of een van de subthema's."
        return f"{counted[:1].upper() + counted[1:]} {'noemt' if n == 1 else 'noemen'} dit thema."
    who = f"{pct} van de {unit(report)}"
    counted = f"{number(n)} van de {number(report.basis.n)}"
    if row.is_net:
        subject = f"In totaal noemt {who} ({counted}) dit thema of een van de subthema's"
        return subject + (" (gewogen)." if report.weighted else ".")
    if report.weighted:
        return f"{who[:1].upper() + who[1:]} noemt dit thema (gewogen; ongewogen {counted})."
    return f"{who[:1].upper() + who[1:]} ({counted}) noemt dit thema."


def significance_sentence(report: QuestionReport, code: str) -> str:
    """Which groups mention a theme significantly more or less often than the rest ('' when none)."""
    found: dict[str, list[str]] = {HIGHER: [], LOWER: []}
    for table in report.crosstabs:
        cells = table.cells[table.cells["code"] == code]
        for cell in cells.itertuples(index=False):
            if cell.mark in found:
                found[cell.mark].append(
                    f"bij {table.attribute} {cell.group} ({percent(100 * cell.share)}, "
                    f"overige {unit(report)} {percent(100 * cell.share_rest)})"
                )
    parts = []
    for mark, words in ((HIGHER, "vaker"), (LOWER, "minder vaak")):
        if found[mark]:
            parts.append(f"Significant {words} genoemd " + _join(found[mark]) + ".")
    return " ".join(parts)


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def theme_label(row: Any) -> str:
    """The label of a counts row as shown in tables: nets marked, subthemes indented with dashes."""
    label = str(row.label) + (" (netto)" if row.is_net else "")
    return "– " * int(row.depth) + label


def counts_table(report: QuestionReport) -> Table:
    """Respondents per theme: number, share, and the weighted share when weighted — only the number when the basis
    is under ``--min-base``."""
    if not shows_percentages(report):
        rows = [[theme_label(row), number(row.n)] for row in report.counts.itertuples(index=False)]
        rows.append(["Basis (n)", number(report.basis.n)])
        note = f"Meerdere antwoorden mogelijk. {small_base_note(report)}"
        return Table(f"Aantal {unit(report)} dat een thema noemt", ["Thema", "Aantal"], rows, note,
                     section_basis(report))
    header = ["Thema", "Aantal", "%"] + (["% gewogen"] if report.weighted else [])
    rows = []
    for row in report.counts.itertuples(index=False):
        cells = [theme_label(row), number(row.n), percent(row.pct)]
        if report.weighted:
            cells.append(percent(row.pct_weighted))
        rows.append(cells)
    basis = ["Basis (n)", number(report.basis.n), ""]
    if report.weighted:
        basis.append(f"n eff = {number(report.basis.effective_n)}")
    rows.append(basis)
    note = "Meerdere antwoorden mogelijk: de percentages tellen daardoor niet op tot 100%."
    if report.weighted:
        note += " Gewogen met de weegfactor; n eff = effectieve steekproefomvang (Kish)."
    return Table(f"Aandeel {unit(report)} dat een thema noemt", header, rows, note, section_basis(report))


def significance_legend(alpha: float, correction: str, test: str = "") -> str:
    """The legend of ▲/▼ under a crosstab: "▲ significant hoger / ▼ significant lager dan de andere groepen
    (p < 0,05 na Benjamini–Hochberg-correctie voor het aantal toetsen in de tabel; ``test``)."."""
    inside = f"p < {number(alpha, 2)} {CORRECTION_WORDS[correction]}" + (f"; {test}" if test else "")
    return f"{SIGNIFICANCE_LEGEND} ({inside})."


def crosstab_basis(report: QuestionReport, table: Crosstab) -> str:
    """The Basis line under a crosstab, with the groups under k that were merged into 'overig' or left out."""
    note = merge_note(table.merged, table.dropped, table.min_group)
    return f"{section_basis(report)}. {note}" if note else section_basis(report)


def crosstab_table(report: QuestionReport, table: Crosstab) -> Table:
    """Shares per theme for each group of an attribute, significant differences marked ▲/▼."""
    header = ["Thema", "Totaal"] + [f"{g.name} (n = {number(g.n)})" for g in table.groups]
    rows = []
    for row in report.counts.itertuples(index=False):
        total = percent(share(report, row))
        if not shows_percentages(report):
            total = f"({number(row.n)} van {number(report.basis.n)})"
        cells = [theme_label(row), total]
        for group in table.groups:
            cell = table.cell(str(row.code), group.name)
            text = percent(100 * cell.share)
            if not shows_percentage(group.n, report.options.min_base):  # how many, not a % of a handful
                text = f"({number(round(cell.share * group.n))} van {number(group.n)})" if group.n else "–"
            elif cell.mark == TOO_SMALL:
                text = f"({text})"
            elif cell.mark == HIGHER:
                text += f" {UP}"
            elif cell.mark == LOWER:
                text += f" {DOWN}"
            cells.append(text)
        rows.append(cells)
    how = "met gewogen aandelen en de effectieve steekproefomvang" if table.weighted else "ongewogen"
    test = f"toets op twee proporties, elke groep tegen de overige {unit(report)}, {how}"
    note = "Meerdere antwoorden mogelijk."
    if any(not g.tested for g in table.groups):
        note += (f" Tussen haakjes: groep (of rest) kleiner dan {report.options.min_base}, niet getoetst; bij een "
                 "groep zo klein staan er aantallen (zoveel van zoveel"
                 + (", gewogen" if table.weighted else "") + ") in plaats van percentages.")
    # no ▲/▼ can appear where no group was tested; a basis under --min-base has counts in every cell
    legend = significance_legend(report.options.alpha, table.correction, test) if any(
        g.tested for g in table.groups) else ""
    what = "Aandeel" if shows_percentages(report) else "Aantal"
    return Table(f"{what} {unit(report)} dat een thema noemt, naar {table.attribute}", header, rows, note,
                 crosstab_basis(report, table), legend)


def footnote(report: QuestionReport) -> str:
    """The caveat that answers to an open question cannot be extrapolated (a kwalitatief section's own, naming the
    population, see :func:`coding.report.prose.footnote`)."""
    if report.style == STYLE_QUALITATIVE:
        return prose.footnote(report)
    return (
        "Antwoorden op een open vraag zijn kwalitatief van aard. Ze geven een beeld van wat er onder de "
        f"{unit(report)} leeft, maar de aantallen en percentages kunnen niet worden geëxtrapoleerd naar de hele "
        "populatie."
    )


def themes_in_text(report: QuestionReport) -> list[Any]:
    """The counts rows that get a paragraph: every theme or net that anyone mentions, in report order."""
    return [row for row in report.counts.itertuples(index=False) if row.n > 0]
