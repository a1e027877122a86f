"""Personal data in quotes: find it and mask it before anything leaves the tool.

Patterns (always): e-mail addresses, Dutch phone numbers, BSN (only when the 11-check holds), IBAN (Dutch format,
or any country with a valid mod-97 check), postcodes (with or without space, upper or lower case), licence plates
(the Dutch side codes, with or without hyphens), street addresses (``Dorpsstraat 12``, ``molenlaan 45``) and dates
of birth (after ``geboren``/``geboortedatum``, in words or digits, and any full date in digits before 2010).

Names of people and places: with spaCy's NER when an ``nl_core_news_*`` model is installed; otherwise with the
rules in :mod:`coding.analysis.names` (titles, first names, capitalised words inside a sentence, Dutch
municipalities). Both err on the side of masking: the UI lists every finding for review before export.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from coding.analysis.findings import PiiFinding
from coding.analysis.names import PARTICLES, find_names

SPACY_MODELS = ("nl_core_news_lg", "nl_core_news_md", "nl_core_news_sm", "nl_core_news_trf")


_EMAIL = re.compile(r"(?<![\w.+\-])[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[A-Za-z]{2,}")
_IBAN = re.compile(r"(?<![\w])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,3})?(?![\w])")
_IBAN_NL = re.compile(r"NL\d{2}[A-Z]{4}\d{10}")
_PHONE = re.compile(
    r"(?<![\w+\-/])(?:(?:\+|00)31[ \-]?(?:\(0\)[ \-]?)?|\(0\d{1,3}\)[ \-]?|0)\d(?:[ \-.]?\d){4,10}(?![\w])"
)
_SERVICE_PREFIXES = ("0800", "0900", "0906", "0909")
_BSN = re.compile(
    r"(?<![\w.,+\-])(?:\d{9}|\d{4}[ .]\d{2}[ .]\d{3}|\d{3}[ .]\d{3}[ .]\d{3}|\d{3}[ .]\d{2}[ .]\d{2}[ .]\d{2})"
    r"(?![\w]|[.,\-]\d)"
)
_POSTCODE = re.compile(r"(?<![\w\-])[1-9]\d{3}(?: ?(?!SA|SD|SS)[A-Z]{2}|(?!sa|sd|ss)[a-z]{2})(?![\w])")
#: "3511 ab": lower case with a space, unless the two letters are a word or a unit ("2500 en", "1500 of", "50 km").
_POSTCODE_LOWER = re.compile(r"(?<![\w\-.,])[1-9]\d{3} (?!sa|sd|ss)([a-z]{2})(?![\w])")
_TWO_LETTER_WORDS = frozenset(re.findall(r"\S+", "en de ik is in op om te na of al er je we ze uw nu zo ja me ga "
                                                "ok km kg cm mm ml dl cl ha uu eh hè hé wa zn jl vd id dm pp"))
_STREET = re.compile(
    r"(?<![\w\-])(?:[A-Z][a-zà-ÿ'’]+|[a-zà-ÿ]{2,})(?:straat|straatweg|weg|laan|plein|gracht|kade|singel|dijk|"
    r"pad|hof|steeg|markt|dreef|plantsoen|boulevard|erf|ring|baan|wal|burgwal|haven|dam|polder|veld)"
    r" (?:nr\.? ?)?\d{1,4}(?: ?[a-zA-Z](?![\w]))?(?:-\d{1,3})?(?![\w])"
)
_MONTHS = ("januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|mrt|"
           "apr|jun|jul|aug|sep|sept|okt|nov|dec")
_DATE = re.compile(rf"(?<![\w\-/.])(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:\d{{4}}|\d{{2}})"
                   rf"|\d{{1,2}} (?:{_MONTHS})\.? \d{{4}})(?![\w]|[-/.]\d)", re.IGNORECASE)
#: Words that make a date a date of birth when it follows within a few words ("geboren op", "ik ben van").
_BIRTH_BEFORE = re.compile(r"(?:geboren|geb\.|geboortedatum|geboortedag|ik ben van)\W+(?:\w+\W+){0,2}$", re.I)
_BIRTH_AFTER = re.compile(r"^\W*(?:\w+\W+){0,1}geboren\b", re.I)
#: The Dutch side codes (groups of letters L and digits D) of licence plates.
_SIDE_CODES = ("LL-DD-DD", "DD-DD-LL", "DD-LL-DD", "LL-DD-LL", "LL-LL-DD", "DD-LL-LL", "DD-LLL-D", "D-LLL-DD",
               "LL-DDD-L", "L-DDD-LL", "LLL-DD-L", "L-DD-LLL", "D-LL-DDD", "DDD-LL-D")


def _plate_pattern(separator: str) -> str:
    def group(code: str) -> str:
        return f"[A-Z]{{{len(code)}}}" if code[0] == "L" else f"\\d{{{len(code)}}}"

    return "|".join(separator.join(group(g) for g in code.split("-")) for code in _SIDE_CODES)


_PLATE = re.compile(r"(?<![\w\-])(?:" + _plate_pattern("-") + r")(?![\w\-])")
#: Without hyphens ("12ABC3"): only the side codes that mix letters and digits in three groups, in capitals, and
#: only with letters and digits both present (so "AB1234" and "123456" are no plate).
_PLATE_COMPACT = re.compile(r"(?<![\w\-])(?=[A-Z]*\d)(?=\d*[A-Z])(?:" + _plate_pattern("") + r")(?![\w\-])")


def bsn_is_valid(digits: str) -> bool:
    """The BSN 11-check: 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11 (and the number is not all zeros)."""
    if len(digits) != 9 or not digits.isdigit() or int(digits) == 0:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


def iban_is_valid(iban: str) -> bool:
    """The ISO 13616 mod-97 check of an IBAN (spaces allowed)."""
    compact = iban.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", compact):
        return False
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(number) % 97 == 1


def _phone_digits(candidate: str) -> str:
    """The national form of a phone number (``0`` + 9 digits), from any of its written forms."""
    text = candidate.replace("(0)", "")
    digits = re.sub(r"\D", "", text)
    if text.startswith("+31"):
        digits = "0" + digits[2:]
    elif text.startswith("0031"):
        digits = "0" + digits[4:]
    return digits


def _phone_is_valid(candidate: str) -> bool:
    digits = _phone_digits(candidate)
    if digits[:4] in _SERVICE_PREFIXES:
        return len(digits) in (8, 11)
    return len(digits) == 10 and digits[0] == "0" and digits[1] != "0"


def _phones(text: str) -> list[PiiFinding]:
    found = []
    for match in _PHONE.finditer(text):
        candidate = match.group()
        # The pattern is greedy; a following number ("06 12345678 12") is trimmed off group by group.
        while candidate and not _phone_is_valid(candidate):
            trimmed = re.sub(r"[ \-.]?\d+$", "", candidate)
            if trimmed == candidate:
                break
            candidate = trimmed
        if candidate and _phone_is_valid(candidate):
            found.append(PiiFinding("telefoon", match.start(), match.start() + len(candidate), candidate))
    return found


def find_patterns(text: str) -> list[PiiFinding]:
    """E-mail addresses, IBANs, phone numbers, BSNs, postcodes and licence plates in ``text``."""
    found: list[PiiFinding] = [PiiFinding("email", m.start(), m.end(), m.group()) for m in _EMAIL.finditer(text)]
    for m in _IBAN.finditer(text):
        compact = m.group().replace(" ", "").upper()
        if _IBAN_NL.fullmatch(compact) or iban_is_valid(compact):
            found.append(PiiFinding("iban", m.start(), m.end(), m.group()))
    found += _phones(text)
    found += [
        PiiFinding("bsn", m.start(), m.end(), m.group())
        for m in _BSN.finditer(text)
        if bsn_is_valid(re.sub(r"\D", "", m.group()))
    ]
    found += [PiiFinding("postcode", m.start(), m.end(), m.group()) for m in _POSTCODE.finditer(text)]
    found += [PiiFinding("postcode", m.start(), m.end(), m.group()) for m in _POSTCODE_LOWER.finditer(text)
              if m.group(1) not in _TWO_LETTER_WORDS]
    found += [PiiFinding("kenteken", m.start(), m.end(), m.group()) for m in _PLATE.finditer(text)]
    found += [PiiFinding("kenteken", m.start(), m.end(), m.group()) for m in _PLATE_COMPACT.finditer(text)]
    found += [PiiFinding("adres", m.start(), m.end(), m.group()) for m in _STREET.finditer(text)]
    found += _birth_dates(text)
    return found


def _birth_dates(text: str) -> list[PiiFinding]:
    """Dates of birth: a date right after 'geboren', 'geboortedatum', 'ik ben van' or right before 'geboren', and any
    full date in digits with a year before 2010 (an event in a survey answer is rarely that old; a birth date is)."""
    found = []
    for m in _DATE.finditer(text):
        year = re.search(r"(\d{2,4})$", m.group())
        digits = m.group()[0].isdigit() and not re.search(r"[a-z]", m.group(), re.I)
        old = year is not None and len(year.group(1)) == 4 and 1900 <= int(year.group(1)) < 2010 and digits
        cued = _BIRTH_BEFORE.search(text[max(0, m.start() - 40) : m.start()]) or _BIRTH_AFTER.match(text[m.end() :])
        if old or cued:
            found.append(PiiFinding("geboortedatum", m.start(), m.end(), m.group()))
    return found


@lru_cache(maxsize=1)
def _spacy_pipeline() -> Any | None:
    """A Dutch spaCy pipeline with NER, when one is installed (loaded once)."""
    for name in SPACY_MODELS:
        if importlib.util.find_spec(name) is not None:
            import spacy

            return spacy.load(name)
    return None


def ner_backend() -> str:
    """Which name finder is in use: the spaCy model's name, or the built-in rules."""
    nlp = _spacy_pipeline()
    if nlp is None:
        return "ingebouwde regels (installeer nl_core_news_sm voor spaCy-NER)"
    return f"spaCy {nlp.meta.get('lang', 'nl')}_{nlp.meta.get('name', '')}"


def _spacy_names(nlp: Any, text: str) -> list[PiiFinding]:
    kinds = {"PER": "naam", "PERSON": "naam", "GPE": "plaats", "LOC": "plaats"}
    return [
        PiiFinding(kinds[ent.label_], ent.start_char, ent.end_char, ent.text)
        for ent in nlp(text).ents
        if ent.label_ in kinds
    ]


def _without_overlaps(findings: Sequence[PiiFinding]) -> list[PiiFinding]:
    """Keep the earliest-found of overlapping findings (patterns come before names)."""
    kept: list[PiiFinding] = []
    for finding in findings:
        if all(finding.end <= k.start or finding.start >= k.end for k in kept):
            kept.append(finding)
    return sorted(kept, key=lambda f: f.start)


def find_personal_data(
    text: str, *, use_spacy: bool = True, known_names: Iterable[str] = ()
) -> list[PiiFinding]:
    """Every piece of personal data found in ``text``, in order, without overlaps.

    A name found once is masked everywhere in the text (also where it opens a sentence), and so is every word of
    ``known_names`` (names found elsewhere, e.g. in the rest of a transcript).
    """
    if not text:
        return []
    patterns = find_patterns(text)
    nlp = _spacy_pipeline() if use_spacy else None
    names = _spacy_names(nlp, text) + find_names(text, places_only=True) if nlp is not None else find_names(text)
    found = _without_overlaps(patterns + names)
    words = {w: "naam" for w in known_names}
    for finding in found:
        if finding.kind in ("naam", "plaats"):
            for word in re.findall(r"[^\W\d_][\w'’\-]*", finding.text):
                if len(word) > 2 and word.lower() not in PARTICLES and word[0].isupper():
                    words.setdefault(word, finding.kind)
    for word, kind in words.items():
        for match in re.finditer(r"(?<![\w\-])" + re.escape(word) + r"(?![\w\-])", text):
            found.append(PiiFinding(kind, match.start(), match.end(), match.group()))
    return _without_overlaps(found)


def names_in(findings: Iterable[PiiFinding]) -> set[str]:
    """The capitalised words of the names among ``findings`` (to pass as ``known_names`` elsewhere)."""
    words: set[str] = set()
    for finding in findings:
        if finding.kind == "naam":
            words |= {
                w
                for w in re.findall(r"[^\W\d_][\w'’\-]*", finding.text)
                if len(w) > 2 and w.lower() not in PARTICLES and w[0].isupper()
            }
    return words


def mask_personal_data(text: str, findings: Sequence[PiiFinding] | None = None) -> str:
    """``text`` with every finding replaced by its placeholder (found here when not given)."""
    if findings is None:
        findings = find_personal_data(text)
    result = text
    for finding in sorted(findings, key=lambda f: f.start, reverse=True):
        result = result[: finding.start] + finding.placeholder + result[finding.end :]
    return result
