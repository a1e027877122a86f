"""Codebooks as YAML, validated with pydantic.

A file holds one codebook (``themes:`` at the top) or several, one per question (``codebooks:``)::

    name: Monitor Integriteit en Veiligheid
    codebooks:
      - question: belemmeringen
        wording: "Wat belemmert u om een dilemma of kwestie met collega's te bespreken?"
        themes:
          - code: vertrouwen
            label: Gebrek aan vertrouwen en openheid
            parent: null
            definition: ...
            include: [...]
            exclude: [...]
            keywords: [...]
            examples: [...]

Validation reports every problem with the theme it concerns: duplicate code, unknown parent, empty label, cycle.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from coding.errors import CodebookError

CODE_PATTERN = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$")

#: Longest code, label and codebook name the store holds (PostgreSQL refuses longer ones with a database error).
MAX_CODE_LENGTH = 100
MAX_LABEL_LENGTH = 300
MAX_NAME_LENGTH = 300


class ThemeSpec(BaseModel):
    """One theme of a codebook."""

    model_config = ConfigDict(extra="forbid")

    code: str = Field(description="Short stable identifier, e.g. 'vertrouwen'")
    label: str = Field(description="Readable name shown to coders and in reports")
    parent: str | None = None
    definition: str = ""
    include: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    examples: list[str] = Field(default_factory=list)

    @field_validator("code", "label", "parent", mode="before")
    @classmethod
    def _number_is_text(cls, value: Any) -> Any:
        """YAML reads ``code: 12`` as a number; numeric codes are common, so whole numbers count as text."""
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return value

    @field_validator("code")
    @classmethod
    def _code_is_identifier(cls, value: str) -> str:
        value = value.strip()
        if not CODE_PATTERN.match(value):
            raise ValueError(
                f"code '{value}' mag alleen letters, cijfers, '_', '.' en '-' bevatten (geen spaties)"
            )
        if len(value) > MAX_CODE_LENGTH:
            raise ValueError(f"code is {len(value)} tekens lang (maximaal {MAX_CODE_LENGTH}); kies een kortere code")
        return value

    @field_validator("label")
    @classmethod
    def _label_not_empty(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("label is leeg")
        if len(value.strip()) > MAX_LABEL_LENGTH:
            raise ValueError(f"label is {len(value.strip())} tekens lang (maximaal {MAX_LABEL_LENGTH}); zet de "
                             "uitleg in 'definition'")
        return value.strip()

    @field_validator("parent")
    @classmethod
    def _blank_parent_is_none(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None


class CodebookSpec(BaseModel):
    """The themes of one question."""

    model_config = ConfigDict(extra="forbid")

    question: str | None = Field(default=None, description="Name of the question this codebook belongs to")
    wording: str = ""
    name: str = ""
    themes: list[ThemeSpec] = Field(default_factory=list)

    @field_validator("name")
    @classmethod
    def _name_fits(cls, value: str) -> str:
        if len(value) > MAX_NAME_LENGTH:
            raise ValueError(f"naam is {len(value)} tekens lang (maximaal {MAX_NAME_LENGTH})")
        return value

    @model_validator(mode="after")
    def _tree_is_valid(self) -> CodebookSpec:
        problems = tree_problems(self.themes)
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def theme(self, code: str) -> ThemeSpec:
        """The theme with this code (KeyError when absent)."""
        for theme in self.themes:
            if theme.code == code:
                return theme
        raise KeyError(code)


class CodebookFile(BaseModel):
    """A YAML file: one codebook, or a collection of codebooks for several questions."""

    model_config = ConfigDict(extra="forbid")

    name: str = ""
    description: str = ""
    version: int | str | None = None
    codebooks: list[CodebookSpec] = Field(default_factory=list)

    def for_question(self, question: str, wording: str = "") -> CodebookSpec:
        """The codebook meant for ``question`` (matched by name, then by wording; a lone codebook fits all)."""
        if len(self.codebooks) == 1 and self.codebooks[0].question in (None, question):
            return self.codebooks[0]
        for spec in self.codebooks:
            if spec.question == question:
                return spec
        for spec in self.codebooks:
            if wording and spec.wording and _same_text(spec.wording, wording):
                return spec
        names = ", ".join(repr(c.question) for c in self.codebooks)
        raise CodebookError(
            f"Het codeboek bevat geen thema's voor vraag '{question}' (wel voor: {names}).",
            hint="Kies met --section welk deel van het codeboek bij deze vraag hoort.",
        )


def _same_text(a: str, b: str) -> bool:
    norm = lambda s: re.sub(r"\W+", " ", s.lower()).strip()  # noqa: E731
    return norm(a) == norm(b)


def tree_problems(themes: list[ThemeSpec]) -> list[str]:
    """Everything wrong with the theme tree: duplicate codes, unknown parents, cycles."""
    problems: list[str] = []
    seen: dict[str, int] = {}
    for index, theme in enumerate(themes, start=1):
        if theme.code in seen:
            problems.append(f"code '{theme.code}' komt twee keer voor (thema {seen[theme.code]} en {index})")
        seen.setdefault(theme.code, index)
    parents = {t.code: t.parent for t in themes}
    for theme in themes:
        if theme.parent is not None and theme.parent not in parents:
            problems.append(f"thema '{theme.code}' heeft een onbekende parent '{theme.parent}'")
    reported: set[str] = set()
    for theme in themes:
        path = [theme.code]
        current = theme.parent
        while current is not None and current in parents:
            if current in path:
                cycle = [*path[path.index(current) :], current]
                key = min(cycle)
                if key not in reported:
                    reported.add(key)
                    problems.append("kringverwijzing in parents: " + " → ".join(cycle))
                break
            path.append(current)
            current = parents[current]
    return problems


def parse_codebook(data: Any, source: str = "<codebook>") -> CodebookFile:
    """Validate already-parsed YAML data; raises :class:`CodebookError` naming the theme and field."""
    if data is None:
        raise CodebookError("Het codeboek is leeg.", hint="Zet minstens één thema onder 'themes:'.", file=source)
    if not isinstance(data, dict):
        raise CodebookError(
            "Een codeboek moet een YAML-mapping zijn met 'themes:' of 'codebooks:'.", file=source
        )
    if "themes" in data:
        top = {k: data[k] for k in ("name", "description", "version") if k in data}
        single = {k: v for k, v in data.items() if k not in ("description", "version")}
        data = {**top, "codebooks": [single]}
    try:
        return CodebookFile.model_validate(data)
    except ValidationError as exc:
        raise CodebookError(
            "Het codeboek is niet geldig:\n" + _describe_errors(exc, data),
            hint="Pas de genoemde thema's aan en valideer opnieuw met `coding codebook validate`.",
            file=source,
        ) from None


#: Dutch wording for pydantic's type errors (its own messages are English).
_TYPE_MESSAGES = {
    "string_type": "moet tekst zijn",
    "list_type": "moet een lijst zijn, bijvoorbeeld [a, b] of regels die met '- ' beginnen",
    "model_type": "moet een mapping zijn (sleutel: waarde), bijvoorbeeld 'code: …' en 'label: …'",
    "dict_type": "moet een mapping zijn (sleutel: waarde)",
    "int_type": "moet een getal zijn",
}


def _describe_errors(exc: ValidationError, data: dict[str, Any]) -> str:
    lines = []
    for error in exc.errors():
        loc = list(error["loc"])
        where = []
        if len(loc) >= 2 and loc[0] == "codebooks" and isinstance(loc[1], int):
            spec = data.get("codebooks", [])[loc[1]] if isinstance(data.get("codebooks"), list) else {}
            question = spec.get("question") if isinstance(spec, dict) else None
            where.append(f"codeboek {loc[1] + 1}" + (f" ({question})" if question else ""))
            if len(loc) >= 4 and loc[2] == "themes" and isinstance(loc[3], int):
                themes = spec.get("themes", []) if isinstance(spec, dict) else []
                theme = themes[loc[3]] if loc[3] < len(themes) else {}
                code = theme.get("code") if isinstance(theme, dict) else None
                where.append(f"thema {loc[3] + 1}" + (f" '{code}'" if code else ""))
                if len(loc) >= 5:
                    where.append(f"veld '{loc[4]}'")
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "missing":
            message = "verplicht veld ontbreekt"
        elif error["type"] == "extra_forbidden":
            message = f"onbekend veld '{loc[-1]}'"
        elif error["type"] in _TYPE_MESSAGES:
            message = _TYPE_MESSAGES[error["type"]]
        lines.append(f"- {', '.join(where) or '.'.join(map(str, loc))}: {message}")
    return "\n".join(lines)


#: Largest codebook file read. A codebook of a few hundred themes with definitions and examples is some 100 kB.
MAX_CODEBOOK_BYTES = 2 * 1024 * 1024


#: Deepest nesting of lists and mappings read. A codebook is about 6 deep (subthemes name their parent).
MAX_CODEBOOK_DEPTH = 50

#: libyaml's parser where PyYAML has it (its wheels do); PyYAML's own scanner is quadratic in the nesting depth.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _refuse_aliases_and_depth(text: str, source: str) -> None:
    """Refuse YAML anchors (``&a``) and aliases (``*a``): they make a small file expand to billions of nodes
    ("billion laughs"), and a codebook never needs them. Refuse nesting deeper than :data:`MAX_CODEBOOK_DEPTH`
    (thousands of brackets), at the first bracket too many, before it costs time."""
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise CodebookError(
                "Het codeboek gebruikt YAML-ankers of -verwijzingen (&naam / *naam); die worden niet ingelezen.",
                hint="Schrijf elk thema volledig uit, zonder & en *.", file=source, row=_row(event.start_mark))
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_CODEBOOK_DEPTH:
                raise _too_deep(source, _row(event.start_mark))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _row(mark: Any) -> int | None:
    """The 1-based row of a YAML position (PyYAML's or libyaml's mark), if known."""
    return mark.line + 1 if mark is not None else None


def _too_deep(source: str, row: int | None) -> CodebookError:
    return CodebookError("Het codeboek is te diep genest om in te lezen.",
                         hint="Een codeboek heeft thema's met hooguit een paar niveaus subthema's.",
                         file=source, row=row)


def load_codebook_file(path: str | Path) -> CodebookFile:
    """Read and validate a YAML codebook file (at most :data:`MAX_CODEBOOK_BYTES`, no anchors or aliases, nested at
    most :data:`MAX_CODEBOOK_DEPTH` deep)."""
    path = Path(path)
    if path.is_file() and path.stat().st_size > MAX_CODEBOOK_BYTES:
        raise CodebookError(f"Het codeboek is {path.stat().st_size // 1024:,} kB groot; het maximum is "
                            f"{MAX_CODEBOOK_BYTES // 1024:,} kB.".replace(",", "."),
                            hint="Is dit wel een codeboek? Een codeboek bevat thema's, geen gegevens.", file=str(path))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CodebookError("Het bestand bestaat niet.", file=str(path)) from None
    except UnicodeDecodeError as exc:
        raise CodebookError(
            f"Het bestand is geen UTF-8 (byte {exc.start}).", hint="Sla het op als UTF-8.", file=str(path)
        ) from None
    try:
        _refuse_aliases_and_depth(text, str(path))
        data = yaml.load(text, Loader=_LOADER)  # a safe loader: CSafeLoader or SafeLoader
    except yaml.YAMLError as exc:
        row = _row(getattr(exc, "problem_mark", None))
        # libyaml reads a flow collection ahead and stops at its own limit of 1,000 levels before the check above
        if "nesting depth" in str(getattr(exc, "problem", "")):
            raise _too_deep(str(path), row) from None
        raise CodebookError(
            f"Geen geldige YAML: {getattr(exc, 'problem', exc)}",
            hint="Controleer inspringing en aanhalingstekens op die regel.",
            file=str(path),
            row=row,
        ) from None
    return parse_codebook(data, source=str(path))


def codebook_to_dict(book: CodebookFile) -> dict[str, Any]:
    """Plain data for YAML, leaving out empty optional fields so files stay readable."""
    result: dict[str, Any] = {}
    if book.name:
        result["name"] = book.name
    if book.description:
        result["description"] = book.description
    if book.version is not None:
        result["version"] = book.version
    result["codebooks"] = [spec_to_dict(spec) for spec in book.codebooks]
    return result


def spec_to_dict(spec: CodebookSpec) -> dict[str, Any]:
    """One codebook as plain data (used for YAML and for the stored version snapshots)."""
    out: dict[str, Any] = {}
    if spec.question is not None:
        out["question"] = spec.question
    if spec.wording:
        out["wording"] = spec.wording
    if spec.name:
        out["name"] = spec.name
    out["themes"] = [
        {k: v for k, v in theme.model_dump().items() if k in ("code", "label") or v not in (None, "", [])}
        for theme in spec.themes
    ]
    return out


class _Dumper(yaml.SafeDumper):
    """SafeDumper that writes texts holding U+0085 (NEL) double-quoted.

    PyYAML treats NEL as a line break but writes it unescaped in plain and single-quoted scalars, so reading the
    file back turned it into a space or newline: the export of a codebook was not the codebook. Double-quoted
    scalars escape it as ``\\N``.
    """


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if "\x85" in value else None)


_Dumper.add_representer(str, _represent_text)


def dump_codebook(book: CodebookFile) -> str:
    """The codebook as YAML text (UTF-8, Dutch characters kept, keys in a fixed order)."""
    return yaml.dump(codebook_to_dict(book), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def save_codebook_file(book: CodebookFile, path: str | Path) -> None:
    """Write the codebook as YAML."""
    Path(path).write_text(dump_codebook(book), encoding="utf-8")
