"""Small builders for test files (written at test time; no real data from ../shared)."""

from __future__ import annotations

from pathlib import Path


def write_csv(path: Path, rows: list[list[str]], *, delimiter: str = ";", encoding: str = "utf-8") -> Path:
    """Write rows as a CSV file, quoting every field that needs it."""
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


SURVEY_ROWS = [
    ["respondent_id", "doelgroep", "bestuurslaag", "weging", "belemmeringen"],
    ["R1", "medewerker", "gemeente", "1.2", "Ik vertrouw mijn leidinggevende niet, alles wordt doorverteld."],
    ["R2", "politieke ambtsdrager", "provincie", "0.8", "Er gebeurt toch niks mee als je iets meldt"],
    ["R3", "medewerker", "waterschap", "1.0", "weet niet"],
    ["R4", "medewerker", "gemeente", "1.5", ""],
    ["R5", "politieke ambtsdrager", "gemeente", "0.5", "Angst dat het tegen me gebruikt wordt in de raad."],
]
