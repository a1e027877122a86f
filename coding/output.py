"""Writing data-derived text safely: the one CSV/XLSX writer and the one Markdown escape.

Everything the tool writes for another program goes through here, because respondent text (and theme labels,
question and column names, attribute values) is written by people we do not control:

- **Spreadsheets** (:func:`write_csv`, :func:`xlsx_row`): a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab
  or a carriage return is prefixed with ``'``, so that Excel or LibreOffice never runs it as a formula (formula
  injection, e.g. ``=HYPERLINK(...)`` or ``=cmd|...``). In CSV a carriage return inside a cell becomes a line feed
  (a bare CR is left unquoted and splits the row); XLSX cells lose the control characters XML cannot hold (each
  becomes ``�``), which would otherwise stop the whole export.
- **Markdown** (:func:`md_escape`): for the report and for Streamlit, which renders Markdown in almost every
  widget. The escaped text renders as exactly its own characters (white space collapsed to single spaces): no
  emphasis, strikethrough, code, links, images, autolinks, HTML or entities, no table cells, headings, lists or
  quotes, and none of Streamlit's ``:emoji:``, ``:red[colour]`` or ``$LaTeX$``. Property-tested with hypothesis
  against markdown-it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

import pandas as pd

#: First characters that make a spreadsheet treat a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: Characters XML 1.0 cannot hold (what openpyxl and python-docx refuse).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def neutralise(value: Any) -> Any:
    """``value`` made safe for a spreadsheet cell: text that could start a formula gets a leading ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv_cell(value: Any) -> Any:
    """A neutralised cell whose carriage returns are line feeds: Python's csv writer (and pandas) leave a field with
    a bare CR unquoted when lines end in LF, and every reader then starts a new row there — with whatever text
    follows the CR in the first cell, a formula included."""
    value = neutralise(value)
    if isinstance(value, str) and "\r" in value:
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def xml_text(value: str) -> str:
    """``value`` with every character XML cannot hold replaced by ``�`` (visible, so nothing changes silently)."""
    return _NOT_XML.sub("\ufffd", value)


def write_csv(
    out: TextIO,
    rows: pd.DataFrame | Iterable[Sequence[Any]],
    *,
    header: Sequence[str] | None = None,
    delimiter: str = ",",
    lineterminator: str = "\n",
    bom: bool = False,
) -> None:
    """Write a table as CSV with every cell (and column name) neutralised.

    ``rows`` is a DataFrame (its columns are the header; numbers are written as pandas writes them, missing values
    as empty cells) or an iterable of rows with ``header``. ``bom`` starts the file with a UTF-8 byte order mark,
    so that Excel reads the accents.
    """
    if bom:
        out.write("\ufeff")
    if isinstance(rows, pd.DataFrame):
        frame = rows.copy()
        frame.columns = [_csv_cell(str(c)) for c in frame.columns]
        for column in frame.columns:
            if frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column]):
                frame[column] = frame[column].map(_csv_cell)
        frame.to_csv(out, index=False, sep=delimiter, lineterminator=lineterminator)
        return
    writer = csv.writer(out, delimiter=delimiter, lineterminator=lineterminator)
    if header is not None:
        writer.writerow([_csv_cell(str(c)) for c in header])
    for row in rows:
        writer.writerow([_csv_cell(v) for v in row])


def xlsx_row(values: Iterable[Any]) -> list[Any]:
    """One worksheet row to ``append``: text neutralised and made XML-safe (openpyxl would take ``=…`` as a formula)."""
    return [neutralise(xml_text(v)) if isinstance(v, str) else v for v in values]


#: Always special somewhere inline: escapes, code, emphasis, strikethrough, links/images/footnotes, HTML and
#: autolinks, entities, table cells, headings, Streamlit's $LaTeX$ and e-mail autolinks.
_ALWAYS = re.compile(r"([\\`*_~\[\]&|#$@]|<(?=[A-Za-z/!?]))")
#: Special only when something follows: 'http://', 'www.x', ':emoji:' / ':red[' in Streamlit.
_BEFORE_TEXT = re.compile(r"([:.])(?=\S)")
#: Special at the start of a line: list items, quotes, setext underlines, ordered lists ('1.' or '1)'). A '<'
#: only opens HTML or an autolink before a letter, '/', '!' or '?' ('p < 0,05' stays as it is).
_LINE_START = re.compile(r"^(?:([-+=>])|(\d+)([.)]))")


def md_escape(text: str) -> str:
    """``text`` as Markdown that renders as exactly this text (runs of white space, line breaks included, become
    one space, so a column name with a line break cannot start a heading or end a table cell).

    The one escape for every piece of data-derived text in Markdown: answers, quotes, theme labels, question
    names, attribute values, column names, file names.
    """
    flat = " ".join(str(text).split())
    escaped = _BEFORE_TEXT.sub(r"\\\1", _ALWAYS.sub(r"\\\1", flat))
    return _LINE_START.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), escaped)
