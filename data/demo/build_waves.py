"""Split the fictional demo survey (enquete.csv) into two waves of a repeated survey: meting_2022.csv, meting_2024.csv.

Alles hierin is VERZONNEN (zie README.md). Every answer stays exactly as written in enquete.csv; the script only
decides in which wave a fictional respondent took part, and adds the closed routing question ``voelt_zich_vrij``
("Voelt u zich vrij om een dilemma of kwestie met collega's te bespreken?", ja/nee): *ja* for those whose answer
says nothing is in the way, and for about one in seven others. The open question ``belemmeringen`` was only asked
to respondents who answered *nee*; for the others the cell is empty in the export, as a survey tool writes it. ``vrij_voelen`` was asked to everyone.

So that the trend table has something to show, the story of the demo is: between 2022 and 2024 the organisations
appointed and announced vertrouwenspersonen. Respondents who name a known contact point (vertrouwenspersoon,
meldpunt, …) are therefore more likely to be in 2024, respondents who fear reprisals more likely in 2022.
Deterministic (random.Random(2024)); run from the repository root: ``python data/demo/build_waves.py``.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "enquete.csv"
WAVES = ("2022", "2024")
ROUTING_COLUMN = "voelt_zich_vrij"
CONTACT_WORDS = ("vertrouwenspersoon", "vertrouwens persoon", "vp ", "meldpunt", "integriteitscoördinator",
                 "aanspreekpunt")
FEAR_WORDS = ("bang", "angst", "represailles", "gevolgen", "afgerekend", "loopbaan", "lastig")
#: Answers to belemmeringen that say there is nothing in the way: these respondents feel free (not asked).
NOTHING_IN_THE_WAY = ("geen", "niks", "niets", "nee", "geen belemmeringen", "geen belemmering", "nvt", "n.v.t.",
                      "-", "x")


def _wave(row: dict[str, str], rng: random.Random) -> str:
    free = row["vrij_voelen"].lower()
    blocked = row["belemmeringen"].lower()
    chance_2024 = 0.5
    if any(w in free for w in CONTACT_WORDS):
        chance_2024 = 0.8
    elif any(w in blocked for w in FEAR_WORDS):
        chance_2024 = 0.3
    return "2024" if rng.random() < chance_2024 else "2022"


def _feels_free(row: dict[str, str], rng: random.Random) -> bool:
    answer = row["belemmeringen"].strip().lower().rstrip(".!")
    if answer in NOTHING_IN_THE_WAY:
        return True
    return rng.random() < (0.5 if not answer else 0.15)


def main() -> None:
    """Write meting_2022.csv and meting_2024.csv next to enquete.csv (same format: ';', UTF-8 with BOM)."""
    rng = random.Random(2024)
    with SOURCE.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=";")
        columns = list(reader.fieldnames or [])
        rows = list(reader)
    at = columns.index("belemmeringen")
    out_columns = columns[:at] + [ROUTING_COLUMN] + columns[at:]
    waves: dict[str, list[dict[str, str]]] = {w: [] for w in WAVES}
    for row in rows:
        wave = _wave(row, rng)
        free = _feels_free(row, rng)
        waves[wave].append({**row, ROUTING_COLUMN: "ja" if free else "nee",
                            "belemmeringen": "" if free else row["belemmeringen"]})
    for wave, members in waves.items():
        with (HERE / f"meting_{wave}.csv").open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.DictWriter(handle, out_columns, delimiter=";", lineterminator="\r\n")
            writer.writeheader()
            for number, row in enumerate(members, start=1):
                writer.writerow({**row, "respondent_id": f"R{number:04d}"})


if __name__ == "__main__":
    main()
