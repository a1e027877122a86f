"""The bar chart of a report section: share of respondents per theme (their number when the basis is under
``--min-base``), as a PNG image."""

from __future__ import annotations

import io
import textwrap

from coding.analysis.model import QuestionReport
from coding.report import text as nl

BAR_COLOUR = "#2f6f9f"


def chart_caption(report: QuestionReport) -> str:
    """The caption under the bar chart in Word ("Figuur 2.1 – …"): what the bars show, of whom, and n."""
    if not nl.shows_percentages(report):
        return f"{nl.title(report)}: aantal {nl.unit(report)} dat een thema noemt (n = {nl.number(report.basis.n)})"
    weighted = ", gewogen" if report.weighted else ""
    return (f"{nl.title(report)}: aandeel {nl.unit(report)} dat een thema noemt "
            f"(n = {nl.number(report.basis.n)}{weighted})")


def bar_chart_png(report: QuestionReport, *, dpi: int = 150, title: bool = True) -> bytes:
    """A horizontal bar chart of the shares in the counts table (weighted when the report is), as PNG bytes.

    ``title=False`` leaves the title out of the image, for Word, where a caption under the figure says it.
    """
    import matplotlib

    matplotlib.use("Agg")  # no display: the chart only goes into a file
    from matplotlib.figure import Figure

    rows = list(report.counts.itertuples(index=False))
    labels = ["\n".join(textwrap.wrap(nl.theme_label(r), 45)) for r in rows]
    counted = not nl.shows_percentages(report)  # a basis under --min-base: numbers, never percentages
    values = [float(r.n) if counted else nl.share(report, r) for r in rows]
    height = 0.9 + 0.45 * max(len(rows), 1) + 0.12 * sum(label.count("\n") for label in labels)
    figure = Figure(figsize=(7.0, height), dpi=dpi)
    axes = figure.add_subplot()
    positions = list(range(len(rows)))[::-1]
    bars = axes.barh(positions, values, color=BAR_COLOUR, height=0.6)
    axes.set_yticks(positions, labels, fontsize=8)
    axes.set_xlim(0, max([*values, 10.0]) * 1.15)
    axes.set_xlabel(f"aantal {nl.unit(report)}" if counted else
                    "% van de " + nl.unit(report) + (" (gewogen)" if report.weighted else ""), fontsize=8)
    axes.tick_params(axis="x", labelsize=8)
    for spine in ("top", "right"):
        axes.spines[spine].set_visible(False)
    for bar, value in zip(bars, values, strict=True):
        axes.text(bar.get_width() + 0.5, bar.get_y() + bar.get_height() / 2,
                  nl.number(value) if counted else nl.percent(value), va="center", fontsize=8)
    if title:
        axes.set_title(f"{nl.title(report)} (n = {nl.number(report.basis.n)})", fontsize=9, loc="left")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()
