"""A piece of personal data found in a text, and what it is replaced with (shared by the finders)."""

from __future__ import annotations

from dataclasses import dataclass

#: What a finding is replaced with, by kind.
PLACEHOLDERS = {
    "email": "[e-mail]",
    "telefoon": "[telefoonnummer]",
    "bsn": "[bsn]",
    "iban": "[iban]",
    "postcode": "[postcode]",
    "kenteken": "[kenteken]",
    "naam": "[naam]",
    "plaats": "[plaats]",
    "adres": "[adres]",
    "geboortedatum": "[geboortedatum]",
}

#: Readable Dutch names of the kinds, for the review list in the UI.
KIND_LABELS = {
    "email": "e-mailadres",
    "telefoon": "telefoonnummer",
    "bsn": "BSN",
    "iban": "IBAN",
    "postcode": "postcode",
    "kenteken": "kenteken",
    "naam": "naam",
    "plaats": "plaatsnaam",
    "adres": "adres",
    "geboortedatum": "geboortedatum",
}

@dataclass(frozen=True)
class PiiFinding:
    """A piece of personal data: its kind (a key of :data:`PLACEHOLDERS`), span and text."""

    kind: str
    start: int
    end: int
    text: str

    @property
    def placeholder(self) -> str:
        """What the finding is replaced with, e.g. ``[naam]``."""
        return PLACEHOLDERS[self.kind]
