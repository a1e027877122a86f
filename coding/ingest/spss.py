"""SPSS ``.sav`` and ``.zsav`` files: the variable list (a metadata-only read), and the data of chosen columns.

pyreadstat does the reading. What is added here: missing dates and times become empty cells, value labels become
the readable values, variable labels become the question wording, a multiple response set becomes one labelled
attribute per option, and an unreadable character set is a message that names it and suggests ``--encoding``.
"""

from __future__ import annotations

import math
import os
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from coding.errors import InputError
from coding.ingest.reading import read_bytes
from coding.ingest.tabular import ResponseSet, Table, _cell, _finish

#: What a multiple-response attribute holds for a respondent: mentioned, not mentioned (empty: set not answered).
MENTIONED, NOT_MENTIONED = "ja", "nee"

_ENCODING_HINT = (
    "Geef de tekenset op met --encoding, bijvoorbeeld --encoding windows-1252 (West-Europees Windows), "
    "--encoding latin1 of --encoding UTF-8. Of sla het bestand in SPSS opnieuw op (Unicode-modus)."
)


@dataclass(frozen=True)
class Variable:
    """One variable of an SPSS file as the import wizard lists it."""

    name: str
    #: The variable label (often the question as it was put), '' when there is none.
    label: str
    #: 'tekst', 'getal', 'datum', 'tijd' or 'datum en tijd'.
    kind: str
    #: How many values have a value label.
    value_labels: int


@dataclass(frozen=True)
class Dictionary:
    """The variables and multiple response sets of an SPSS file, read without its data."""

    variables: list[Variable]
    response_sets: dict[str, ResponseSet]
    rows: int | None


#: How much of the start of a file is searched for the records that declare its character set.
_DICTIONARY_BYTES = 8 * 1024 * 1024


def _check_file(path: Path) -> None:
    """A missing, empty or folder path gets the usual message; a good file is not read into memory for it."""
    if not path.is_file() or path.stat().st_size == 0:
        read_bytes(path)


def _head(path: Path) -> bytes:
    """The start of the file, where its dictionary records (and so its declared character set) are."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        return os.pread(descriptor, _DICTIONARY_BYTES, 0)
    finally:
        os.close(descriptor)


def _pyreadstat(path: Path, encoding: str | None, **options: Any) -> tuple[pd.DataFrame, Any]:
    """pyreadstat's read_sav with its errors turned into Dutch messages."""
    import pyreadstat

    source = str(path)
    try:
        return pyreadstat.read_sav(str(path), encoding=encoding, **options)
    except OverflowError as exc:  # a date beyond what Python's datetime holds (year 10,000 and on)
        raise InputError(f"Een datum of tijd in het SPSS-bestand valt buiten het bereik dat te lezen is ({exc}).",
                         hint="Kies die kolom niet bij de import (alleen de gekozen kolommen worden gelezen), of "
                         "herstel de datum in SPSS.", file=source) from None
    except Exception as exc:  # pyreadstat raises its own and plain errors for damaged files
        if "character set" in str(exc):
            if encoding:
                raise InputError(f"De tekenset '{encoding}' (--encoding) is onbekend of past niet bij dit "
                                 "SPSS-bestand.", hint=_ENCODING_HINT, file=source) from None
            declared = declared_encoding(_head(path))
            raise InputError(f"Het SPSS-bestand gebruikt een tekenset die niet herkend wordt ({declared}).",
                             hint=_ENCODING_HINT, file=source) from None
        raise InputError(f"Het SPSS-bestand is niet te lezen ({exc}).",
                         hint="Sla het in SPSS opnieuw op als .sav, of exporteer naar CSV.", file=source) from None


def declared_encoding(data: bytes) -> str:
    """The character set an SPSS file says it is written in, in words ('tekenset XYZ, codepagina 12345').

    Read from the file's own records (the character-encoding record, type 7 subtype 20, and the code page in the
    machine-integer record, type 7 subtype 3), because pyreadstat only says that it does not know it.
    """
    found = []
    at = data.find(struct.pack("<iii", 7, 20, 1))
    if at >= 0:
        (length,) = struct.unpack_from("<i", data, at + 12)
        name = data[at + 16 : at + 16 + max(0, min(length, 64))].decode("ascii", "replace")
        found.append(f"tekenset '{name}'")
    at = data.find(struct.pack("<iiii", 7, 3, 4, 8))
    if at >= 0:
        (code_page,) = struct.unpack_from("<i", data, at + 16 + 7 * 4)
        found.append(f"codepagina {code_page}")
    return ", ".join(found) or "geen tekenset opgegeven"


def _kind(spss_format: str, readstat_type: str) -> str:
    upper = spss_format.upper()
    if readstat_type == "string":
        return "tekst"
    if upper.startswith(("DATETIME", "YMDHMS")):
        return "datum en tijd"
    if upper.startswith(("TIME", "DTIME", "MTIME")):
        return "tijd"
    if upper.startswith(("DATE", "ADATE", "EDATE", "SDATE", "JDATE", "QYR", "MOYR", "WKYR", "MONTH", "WKDAY")):
        return "datum"
    return "getal"


def read_variables(path: str | Path, *, encoding: str | None = None) -> Dictionary:
    """The variables (name, label, kind) and multiple response sets of an SPSS file, without reading its data.

    A metadata-only read: fast also on files with thousands of variables, for the import wizard's variable list.
    """
    path = Path(path)
    _check_file(path)
    _, meta = _pyreadstat(path, encoding, metadataonly=True)
    labels = meta.column_names_to_labels
    variables = [
        Variable(name, labels.get(name) or "", _kind(meta.original_variable_types.get(name, ""),
                                                     meta.readstat_variable_types.get(name, "")),
                 len(meta.variable_value_labels.get(name, {})))
        for name in meta.column_names
    ]
    rows = meta.number_rows if isinstance(meta.number_rows, int) and meta.number_rows >= 0 else None
    return Dictionary(variables, _response_sets(meta), rows)


def _response_sets(meta: Any) -> dict[str, ResponseSet]:
    """The multiple response sets of the file, each with a readable attribute name per option."""
    sets: dict[str, ResponseSet] = {}
    taken = set(meta.column_names)
    for name, spec in (getattr(meta, "mr_sets", None) or {}).items():
        variables = tuple(v for v in spec.get("variable_list", []) if v in meta.column_names)
        if not variables:
            continue
        dichotomy = bool(spec.get("is_dichotomy"))
        if dichotomy:
            labels = [meta.column_names_to_labels.get(v) or v for v in variables]
        else:
            values: dict[Any, str] = {}
            for variable in variables:
                values.update(meta.variable_value_labels.get(variable, {}))
            labels = [values[value] for value in sorted(values)]
            if not labels:  # a category set without value labels has no options to name; its variables remain
                continue
        options: dict[str, str] = {}
        for label in labels:
            column = f"{name}: {label}"
            while column in taken:
                column += " (set)"
            taken.add(column)
            options[column] = label
        sets[name] = ResponseSet(name, spec.get("label") or name, dichotomy, variables, options)
    return sets


def read_spss(path: str | Path, *, columns: list[str] | None = None, encoding: str | None = None,
              limit: int | None = None) -> Table:
    """Read an SPSS file into a table of strings; SPSS cases are numbered from 1.

    - value labels become the values ('man' for 1), user-defined missing values and missing dates are empty;
    - variable labels become :attr:`Table.wordings`;
    - each multiple response set adds one attribute column per option ('kanalen: Meldpunt', 'ja'/'nee');
    - with ``columns`` only those variables are read (a set's name, or one of its option columns, reads the set's
      variables), with ``limit`` only the first rows.
    """
    path = Path(path)
    source = str(path)
    _check_file(path)
    _, dictionary = _pyreadstat(path, encoding, metadataonly=True)
    meta = dictionary
    sets = _response_sets(meta)
    usecols = None
    if columns is not None:
        wanted = [c for c in columns if c in meta.column_names]
        for response_set in sets.values():
            if any(c.removeprefix("$") == response_set.name or c in response_set.options for c in columns):
                wanted += response_set.variables
        usecols = list(dict.fromkeys(wanted)) or meta.column_names[:1]
        sets = {n: s for n, s in sets.items() if all(v in usecols for v in s.variables)}
    frame, meta = _pyreadstat(path, encoding, usecols=usecols, row_limit=limit or 0, apply_value_formats=False)
    cells: dict[str, list[str]] = {}
    for name in frame.columns:
        labels = meta.variable_value_labels.get(name, {})
        cells[name] = [_labelled(value, labels) for value in frame[name].tolist()]
    for response_set in sets.values():
        cells.update(_set_columns(frame, meta, response_set))
    out = pd.DataFrame(cells, index=frame.index, dtype=object)  # at once: a column at a time is slow when wide
    table = _finish(out, source, first_row=1)
    table.value_labels = {name: dict(meta.variable_value_labels[name]) for name in frame.columns
                          if name in meta.variable_value_labels}
    table.wordings = {name: label.strip() for name, label in meta.column_names_to_labels.items()
                      if name in frame.columns and label and label.strip()}
    table.response_sets = sets
    if usecols is not None:
        every_set = _response_sets(dictionary).values()
        table.all_columns = [*dictionary.column_names, *(f"${s.name}" for s in every_set),
                             *(c for s in every_set for c in s.options)]
    return table


def _missing(value: Any) -> bool:
    return value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


def _labelled(value: Any, labels: dict[Any, str]) -> str:
    if _missing(value):
        return ""
    label = labels.get(value)
    return label if label is not None else _cell(value)


def _set_columns(frame: pd.DataFrame, meta: Any, response_set: ResponseSet) -> dict[str, list[str]]:
    """One 'ja'/'nee' column per option of a multiple response set; empty where none of its variables is filled."""
    rows = [[row[v] for v in response_set.variables] for row in frame[list(response_set.variables)].to_dict("records")]
    answered = [any(not _missing(v) for v in values) for values in rows]
    columns: dict[str, list[str]] = {}
    if response_set.dichotomy:
        spec = meta.mr_sets[response_set.name]
        counted = spec.get("counted_value")
        for index, column in enumerate(response_set.options):
            columns[column] = [
                "" if not filled else MENTIONED if _same(values[index], counted) else NOT_MENTIONED
                for values, filled in zip(rows, answered, strict=True)
            ]
        return columns
    by_label: dict[str, set[Any]] = {}
    for variable in response_set.variables:
        for value, label in meta.variable_value_labels.get(variable, {}).items():
            by_label.setdefault(label, set()).add(value)
    for column, label in response_set.options.items():
        codes = by_label.get(label, set())
        columns[column] = [
            "" if not filled else MENTIONED if any(v in codes for v in values if not _missing(v)) else NOT_MENTIONED
            for values, filled in zip(rows, answered, strict=True)
        ]
    return columns


def _same(value: Any, counted: Any) -> bool:
    if _missing(value) or counted is None:
        return False
    try:
        return float(value) == float(counted)
    except (TypeError, ValueError):
        return str(value).strip() == str(counted).strip()
