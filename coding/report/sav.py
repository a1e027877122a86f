"""The codes of a study as an SPSS data file (.sav), written with pyreadstat.

Everything the SPSS user needs travels in the file: variable labels (what a variable stands for), value labels
(0 = niet genoemd, 1 = genoemd; the groups of an attribute; the waves), the codebook versions in the file label and,
in full, in the document notes, with the missing-value rule and what disclosure control merged or left out. The
table itself is built by :func:`coding.analysis.codes.codes_table`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import BinaryIO

from coding.analysis.codes import ROLE_ID, ROLE_STATUS, ROLE_THEME, ROLE_WEIGHT, CodesTable, CodeVariable
from coding.errors import CodingError

#: SPSS keeps document notes as lines of at most 80 bytes.
NOTE_LINE_BYTES = 80


def note_lines(text: str, limit: int = NOTE_LINE_BYTES) -> list[str]:
    """``text`` wrapped at spaces into lines of at most ``limit`` bytes of UTF-8 (a longer word is cut)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        while len(word.encode("utf-8")) > limit:
            head = word.encode("utf-8")[:limit].decode("utf-8", errors="ignore")
            if line:
                lines.append(line)
                line = ""
            lines.append(head)
            word = word[len(head):]
        joined = f"{line} {word}" if line else word
        if len(joined.encode("utf-8")) <= limit:
            line = joined
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _format(variable: CodeVariable, widest: int) -> str:
    """The SPSS print format: whole numbers as wide as their largest value, weights with decimals."""
    if variable.role == ROLE_WEIGHT:
        return "F8.4"
    if variable.role in (ROLE_THEME, ROLE_STATUS):
        return "F1.0"
    return f"F{max(widest, 1)}.0"


def write_sav(codes: CodesTable, out: BinaryIO) -> None:
    """Write ``codes`` as a .sav file to ``out`` (system-missing where the table has NaN)."""
    import pyreadstat

    formats = {}
    for variable in codes.variables:
        if variable.role == ROLE_ID:
            continue
        values = codes.frame[variable.name].dropna()
        widest = len(str(int(values.abs().max()))) if len(values) else 1
        formats[variable.name] = _format(variable, widest)
    measures = {v.name: "scale" if v.role == ROLE_WEIGHT else "nominal" for v in codes.variables}
    with tempfile.TemporaryDirectory(prefix="coding-sav-") as folder:
        path = Path(folder) / "codes.sav"
        try:
            pyreadstat.write_sav(
                codes.frame, str(path), file_label=codes.file_label,
                column_labels={v.name: v.label for v in codes.variables},
                note=[line for note in codes.notes for line in note_lines(note)],
                variable_value_labels={v.name: {float(k): label for k, label in v.value_labels.items()}
                                       for v in codes.variables if v.value_labels},
                variable_measure=measures,
                variable_format=formats,
            )
        except (pyreadstat.PyreadstatError, pyreadstat.ReadstatError) as exc:  # a format limit not foreseen here
            raise CodingError(f"Het SPSS-bestand kon niet geschreven worden: {exc}.",
                              hint="Meld dit als fout, met de namen van de vragen en thema's.") from exc
        out.write(path.read_bytes())
