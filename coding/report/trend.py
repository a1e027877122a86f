"""The trend of a question over the waves: a table (a row per theme, a column per wave, ▲/▼ against the previous
wave in which the question was asked) and a grouped bar chart, shared by every writer and the Rapport page."""

from __future__ import annotations

import io
import math
import textwrap

import pandas as pd

from coding.analysis.disclosure import shows_percentage
from coding.analysis.model import HIGHER, LOWER, QuestionReport, Trend
from coding.analysis.trends import preliminary, testable
from coding.report import text as nl
from coding.vocabulary import QuestionKind

#: One colour per wave, oldest lightest (repeats after six waves).
WAVE_COLOURS = ["#b9d3e6", "#8db6d4", "#5e96c0", "#2f6f9f", "#1f4f75", "#12344f"]
NOT_ASKED = "–"
#: Themes shown in the chart at most (the most mentioned in the reported wave).
CHART_THEMES = 12


def _trend(report: QuestionReport) -> Trend:
    if report.trend is None:
        raise ValueError(f"Vraag '{report.name}' heeft geen trend (de studie heeft één meting).")
    return report.trend


def trend_header(trend: Trend) -> list[str]:
    """'Thema' and one column per wave, with the wave's basis size."""
    return ["Thema"] + [f"{w} (n = {nl.number(trend.bases[w].n)})" if w in trend.bases else w for w in trend.waves]


def small_waves(trend: Trend) -> list[str]:
    """The waves whose basis is under ``min_base``: counts instead of percentages, not tested."""
    return [w for w in trend.waves if w in trend.bases and not shows_percentage(trend.bases[w].n, trend.min_base)]


def has_trend_chart(report: QuestionReport) -> bool:
    """Whether the trend chart has bars: a wave with a basis large enough for percentages (else the table alone)."""
    trend = _trend(report)
    small = set(small_waves(trend))
    return any(w in trend.bases and w not in small for w in trend.waves)


def legend(report: QuestionReport) -> str:
    """What ▲/▼ and '–' mean: "▲/▼ significant hoger/lager dan 2022 (p < 0,05 na Benjamini–Hochberg-correctie …;
    …)"."""
    trend = _trend(report)
    pairs = [(w, p) for w in trend.waves if w in trend.bases and (p := trend.previous(w)) is not None
             and testable(trend.bases[w], trend.min_base) and testable(trend.bases[p], trend.min_base)]
    if len(pairs) == 1:
        than = str(pairs[0][1])
    else:
        than = "de vorige meting waarin de vraag gesteld is (" + ", ".join(f"{w} t.o.v. {p}" for w, p in pairs) + ")"
    how = "met gewogen aandelen en de effectieve steekproefomvang" if trend.weighted else "ongewogen"
    parts = ["Meerdere antwoorden mogelijk; percentages van de basis van elke meting."]
    if pairs:
        parts.append(f"{nl.UP}/{nl.DOWN} significant hoger/lager dan {than} (p < {nl.number(trend.alpha, 2)} "
                     f"{nl.CORRECTION_WORDS[trend.correction]}; toets op twee proporties, {how}).")
    small = small_waves(trend)
    if small:
        parts.append(f"Tussen haakjes: basis kleiner dan {trend.min_base}, aantallen in plaats van percentages "
                     f"(niet getoetst): {', '.join(small)}.")
    not_asked = [w for w in trend.waves if not trend.asked.get(w)]
    if not_asked:
        parts.append(f"{NOT_ASKED}: vraag in deze meting niet gesteld ({', '.join(not_asked)}).")
    unfinished = [w for w in trend.waves if w in trend.bases and preliminary(trend.bases[w])]
    if unfinished:
        parts.append(f"Voorlopig, nog niet alle antwoorden gecodeerd (niet getoetst): {', '.join(unfinished)}.")
    uncoded = [w for w in trend.waves if trend.asked.get(w) and w not in trend.bases]
    if uncoded:
        parts.append(f"{NOT_ASKED}: nog niet gecodeerd ({', '.join(uncoded)}).")
    return " ".join(parts)


def trend_basis(report: QuestionReport) -> str:
    """The Basis line of the trend table: who was asked (per wave when it differs) and n per wave."""
    trend = _trend(report)
    interviews = report.data.kind == QuestionKind.INTERVIEW
    bases = [(w, trend.bases[w]) for w in trend.waves if w in trend.bases]
    if not bases:
        return ""
    described = {nl.who_was_asked(b, interviews=interviews, wave=False) for _, b in bases}
    sizes = [f"{w}: {nl.basis_size(b, weighted=trend.weighted)}" for w, b in bases]
    if len(described) == 1:
        return f"Basis: {described.pop()}; " + ", ".join(sizes)
    return "Basis: " + "; ".join(
        f"{w}: {nl.who_was_asked(b, interviews=interviews, wave=False)}, {nl.basis_size(b, weighted=trend.weighted)}"
        for w, b in bases
    )


def cell_text(trend: Trend, code: str, wave: str) -> str:
    """A trend cell: '32%', '32% ▲', '(4 van 20)' where the wave's basis is under ``min_base``, or '–' where the
    question was not asked (or nothing is coded yet)."""
    if wave not in trend.bases:
        return NOT_ASKED
    cell = trend.cell(code, wave)
    if not shows_percentage(trend.bases[wave].n, trend.min_base):
        return f"({nl.number(int(cell['n']))} van {nl.number(trend.bases[wave].n)})"
    text = nl.percent(100 * float(cell["share"]))
    if cell["mark"] == HIGHER:
        text += f" {nl.UP}"
    elif cell["mark"] == LOWER:
        text += f" {nl.DOWN}"
    return text


def trend_table(report: QuestionReport) -> nl.Table:
    """A row per theme (report order), a column per wave: % of that wave's basis, ▲/▼, '–' where not asked."""
    trend = _trend(report)
    rows = [
        [nl.theme_label(row)] + [cell_text(trend, str(row.code), w) for w in trend.waves]
        for row in report.counts.itertuples(index=False)
    ]
    caption = f"Aandeel {nl.unit(report)} dat een thema noemt, per meting"
    return nl.Table(caption, trend_header(trend), rows, legend(report), trend_basis(report))


def trend_chart_png(report: QuestionReport, *, dpi: int = 150) -> bytes:
    """Grouped horizontal bars: per theme (top level, most mentioned first) one bar per wave with shares."""
    import matplotlib

    matplotlib.use("Agg")  # no display: the chart only goes into a file
    from matplotlib.figure import Figure

    trend = _trend(report)
    small = set(small_waves(trend))  # no bars of a percentage that the table does not show
    waves = [w for w in trend.waves if w in trend.bases and w not in small]
    rows = [r for r in report.counts.itertuples(index=False) if int(r.depth) == 0][:CHART_THEMES]
    labels = ["\n".join(textwrap.wrap(nl.theme_label(r), 40)) for r in rows]
    step = 0.8 / max(len(waves), 1)
    height = 1.2 + (0.25 + step * len(waves) * 0.55) * max(len(rows), 1)
    figure = Figure(figsize=(7.0, height), dpi=dpi)
    axes = figure.add_subplot()
    top = 0.0
    colours = WAVE_COLOURS[-len(waves):] if len(waves) <= len(WAVE_COLOURS) else WAVE_COLOURS  # latest darkest
    for index, wave in enumerate(waves):
        values = [100 * float(trend.cell(str(r.code), wave)["share"]) for r in rows]
        values = [0.0 if math.isnan(v) else v for v in values]
        positions = [len(rows) - 1 - i + 0.4 - step * (index + 0.5) for i in range(len(rows))]
        axes.barh(positions, values, height=step * 0.9, color=colours[index % len(colours)],
                  label=f"{wave} (n = {nl.number(trend.bases[wave].n)})")
        for position, value, row in zip(positions, values, rows, strict=True):
            mark = trend.cell(str(row.code), wave)["mark"]
            arrow = f" {nl.UP}" if mark == HIGHER else f" {nl.DOWN}" if mark == LOWER else ""
            axes.text(value + 0.5, position, nl.percent(value) + arrow, va="center", fontsize=7)
        top = max([top, *values])
    axes.set_yticks([len(rows) - 1 - i for i in range(len(rows))], labels, fontsize=8)
    axes.set_xlim(0, max(top, 10.0) * 1.2)
    axes.set_xlabel("% van de " + nl.unit(report) + (" (gewogen)" if trend.weighted else ""), fontsize=8)
    axes.tick_params(axis="x", labelsize=8)
    for spine in ("top", "right"):
        axes.spines[spine].set_visible(False)
    axes.legend(fontsize=7, loc="lower right", frameon=False)
    axes.set_title(f"{nl.title(report)}: per meting", fontsize=9, loc="left")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def trend_frame(report: QuestionReport) -> pd.DataFrame:
    """The trend for a spreadsheet: per theme and wave the share (0–1, '–' where not asked; the count where the
    wave's basis is under ``min_base``), the mark, the raw p and the corrected p."""
    trend = _trend(report)
    frame = pd.DataFrame({"thema": report.counts["code"],
                          "label": [nl.theme_label(r) for r in report.counts.itertuples(index=False)]})
    small = set(small_waves(trend))
    for wave in trend.waves:
        if wave not in trend.bases:
            frame[wave] = NOT_ASKED
            continue
        cells = trend.cells[trend.cells["wave"] == wave].set_index("code")
        if wave in small:
            frame[f"{wave} aantal (basis {trend.bases[wave].n})"] = frame["thema"].map(cells["n"])
        else:
            frame[f"{wave} (n={trend.bases[wave].n})"] = frame["thema"].map(cells["share"])
        if trend.previous(wave) is not None:
            frame[f"{wave} t.o.v. {trend.previous(wave)}"] = frame["thema"].map(cells["mark"])
            frame[f"{wave} p"] = frame["thema"].map(cells["p"]).round(4)
            frame[f"{wave} p gecorrigeerd"] = frame["thema"].map(cells["p_corrected"]).round(4)
    return frame
