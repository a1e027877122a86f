"""Survey design in the researcher's words: waves (metingen) and routing (who was asked a question).

A **wave** is a label ("2016", "2024", "1"), sorted naturally by :func:`wave_key` so that 2016 < 2018 < 2024 and
"2" < "10". **Routing** says which respondents got a question: ``--asked-if "vraag:kolom=waarde[,waarde…]"`` (or
``kolom!=waarde``); a respondent is asked when every condition holds. This module is plain data (no store, no
files), so the store, the importers, the CLI, the UI and the report all read routing the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from coding.errors import InputError

#: The wave of a study imported without ``--wave`` (and of every study made before waves existed).
DEFAULT_WAVE = "1"

#: Longest wave label the store holds.
MAX_WAVE_LENGTH = 50

#: Column names (lower case, without spaces/underscores) that name a wave.
_WAVE_NAMES = ("jaar", "wave", "golf", "meting", "year", "ronde", "peiling", "editie", "jaargang", "round")

_NUMBER = re.compile(r"(\d+)")


def wave_key(label: str) -> tuple[tuple[int, int | str], ...]:
    """A natural sort key for a wave label: runs of digits compare as numbers ("2" < "10", 2016 < 2024)."""
    parts: list[tuple[int, int | str]] = []
    for piece in _NUMBER.split(str(label).strip().lower()):
        if not piece:
            continue
        parts.append((0, int(piece)) if piece.isdecimal() else (1, piece))
    return tuple(parts)


def sorted_waves(labels: Iterable[str]) -> list[str]:
    """Distinct wave labels in natural order (oldest first)."""
    return sorted(set(labels), key=wave_key)


def check_wave(label: str, *, file: str | None = None, row: int | None = None, column: str | None = None) -> str:
    """A wave label, stripped; an :class:`InputError` when it is empty or too long."""
    text = str(label).strip()
    if not text:
        raise InputError("De meting (wave) is leeg.", hint="Geef een label, bijv. --wave 2024.",
                         file=file, row=row, column=column)
    if len(text) > MAX_WAVE_LENGTH:
        raise InputError(f"Het label van de meting is {len(text)} tekens lang (maximaal {MAX_WAVE_LENGTH}).",
                         hint="Geef een kort label, bijv. het jaar.", file=file, row=row, column=column)
    return text


def guess_wave_column(columns: Iterable[str]) -> str | None:
    """The column that most likely holds the wave, by its name (jaar, wave, golf, meting, year, ronde, …)."""
    names = list(columns)
    normal = {c: re.sub(r"[\s_\-.]+", "", str(c).lower()) for c in names}
    for wanted in _WAVE_NAMES:  # an exact name first
        for column in names:
            if normal[column] == wanted:
                return column
    for wanted in _WAVE_NAMES:  # then a name that starts or ends with one ("meetjaar", "wave_nr")
        for column in names:
            if normal[column].startswith(wanted) or normal[column].endswith(wanted):
                return column
    return None


@dataclass(frozen=True)
class Condition:
    """One condition of a routing: ``column = value[, value…]`` (any of them) or ``column != value[, …]``."""

    column: str
    op: str
    values: tuple[str, ...]

    def __post_init__(self) -> None:
        if self.op not in ("=", "!="):
            raise ValueError(f"unknown operator {self.op!r}")

    def holds(self, attributes: Mapping[str, Any]) -> bool:
        """Whether a respondent with these attributes meets the condition (values compared as trimmed text,
        ignoring case)."""
        raw = attributes.get(self.column)
        value = "" if raw is None else str(raw).strip().lower()
        inside = value in {v.strip().lower() for v in self.values}
        return inside if self.op == "=" else not inside

    def __str__(self) -> str:
        return f"{self.column} {self.op} {', '.join(self.values)}"

    def to_json(self) -> dict[str, Any]:
        """Plain data for the store."""
        return {"column": self.column, "op": self.op, "values": list(self.values)}


@dataclass(frozen=True)
class Routing:
    """Who got a question: the respondents meeting every condition. Without conditions, everyone."""

    conditions: tuple[Condition, ...]
    description: str = ""

    def asks(self, attributes: Mapping[str, Any]) -> bool:
        """Whether a respondent with these attributes was asked the question."""
        return all(c.holds(attributes) for c in self.conditions)

    def condition(self) -> str:
        """The condition as text, e.g. ``vrij_voelen = nee`` (conditions joined by 'en')."""
        return " en ".join(str(c) for c in self.conditions) or "alle respondenten"

    def describe(self) -> str:
        """The routing in words: the description given, else ``respondenten met vrij_voelen = nee``."""
        if self.description.strip():
            return self.description.strip()
        if not self.conditions:
            return "alle respondenten"
        return "respondenten met " + self.condition()

    def __str__(self) -> str:
        return self.condition()

    def columns(self) -> list[str]:
        """The attribute columns the routing reads."""
        return list(dict.fromkeys(c.column for c in self.conditions))

    def to_json(self) -> list[dict[str, Any]]:
        """The conditions as plain data for the store."""
        return [c.to_json() for c in self.conditions]

    @classmethod
    def from_json(cls, data: Iterable[Mapping[str, Any]], description: str = "") -> Routing:
        """A routing read back from the store."""
        return cls(tuple(Condition(str(d["column"]), str(d["op"]), tuple(str(v) for v in d["values"]))
                         for d in data), description or "")


_CONDITION = re.compile(r"^\s*(?P<column>[^=!]+?)\s*(?P<op>!=|=)\s*(?P<values>.*)$")


def parse_condition(text: str) -> Condition:
    """``kolom=waarde[,waarde…]`` or ``kolom!=waarde`` as a :class:`Condition`; an :class:`InputError` if malformed."""
    match = _CONDITION.match(text)
    values = tuple(v.strip() for v in match["values"].split(",")) if match else ()
    if not match or not match["column"].strip() or not any(values):
        raise InputError(f"De routing '{text}' is niet te lezen.",
                         hint="Schrijf --asked-if \"VRAAG:KOLOM=WAARDE[,WAARDE…]\" of \"VRAAG:KOLOM!=WAARDE\", "
                         "bijv. --asked-if \"belemmeringen:vrij_voelen=nee\".")
    return Condition(match["column"].strip(), match["op"], tuple(v for v in values if v))


def parse_asked_if(specs: Iterable[str]) -> dict[str, Routing]:
    """``--asked-if "VRAAG:KOLOM=WAARDE[,WAARDE…]"`` options (repeatable) as a routing per question; several
    options for one question are all required."""
    conditions: dict[str, list[Condition]] = {}
    for spec in specs:
        question, sep, rest = spec.partition(":")
        if not sep or not question.strip():
            raise InputError(f"De routing '{spec}' noemt geen vraag.",
                             hint="Schrijf --asked-if \"VRAAG:KOLOM=WAARDE\", bijv. "
                             "--asked-if \"belemmeringen:vrij_voelen=nee\".")
        conditions.setdefault(question.strip(), []).append(parse_condition(rest))
    return {q: Routing(tuple(c)) for q, c in conditions.items()}


def parse_routing(spec: str, description: str = "") -> Routing:
    """One routing without a question name (``KOLOM=WAARDE``; several joined by ';')."""
    return Routing(tuple(parse_condition(part) for part in spec.split(";") if part.strip()), description)


def check_routing(
    routing: Routing, question: str, values: Mapping[str, Iterable[Any]], *, file: str | None = None
) -> list[str]:
    """Check a question's routing against the respondents' attributes (column → the values that occur).

    A column that is not an attribute is an :class:`InputError` naming the columns there are; a value that never
    occurs is returned as a warning listing the values that do (a typo routes nobody, or everybody with ``!=``).
    """
    warnings: list[str] = []
    for condition in routing.conditions:
        if condition.column not in values:
            known = ", ".join(sorted(values)) or "(geen)"
            raise InputError(f"De routing van vraag '{question}' noemt kolom '{condition.column}', maar dat is geen "
                             "kenmerk van de respondenten.",
                             hint=f"Kenmerken: {known}. Importeer de kolom als kenmerk (--attr "
                             f"{condition.column}) of kies een van deze.", file=file, column=condition.column)
        seen = {"" if v is None else str(v).strip() for v in values[condition.column]}
        lowered = {v.lower() for v in seen}
        missing = [v for v in condition.values if v.strip().lower() not in lowered]
        if missing:
            occurring = ", ".join(f"'{v}'" for v in sorted(v for v in seen if v)) or "(alleen lege cellen)"
            warnings.append(f"routing van vraag '{question}': de waarde {', '.join(repr(v) for v in missing)} komt "
                            f"niet voor in kolom '{condition.column}'; wel: {occurring}")
    return warnings
