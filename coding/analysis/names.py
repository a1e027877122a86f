"""Names of people and places without a trained model: the fallback of :mod:`coding.analysis.privacy`.

Dutch writes common nouns in lower case, so a capitalised word inside a sentence is most often a name. The rules,
in order:

1. places: a Dutch municipality, province or region (``Den Haag``, ``Alphen aan den Rijn``); a capitalised word
   after ``in``, ``uit``, ``te``, ``naar`` or after ``gemeente``/``provincie``/``waterschap``;
2. a capitalised word after a title or role (``wethouder Pietersen``, ``mevrouw van den Berg``, ``collega Sanne``);
3. a known first name (``Petra Jansen``, ``Ahmed El Amrani``) — anywhere, also at the start of a sentence;
4. any other capitalised word that does not open a sentence and is not on the list of capitalised non-names
   (institutions, parties, languages, days, software: ``Staten``, ``Tweede Kamer``, ``Teams``); a surname that is
   also a Dutch word (``Meer``, ``Bos``, ``Bakker``) is no name when it opens a sentence;
5. names written in lower case: after a title (``meneer jansen``, ``wethouder de boer``) and after ``ik ben``,
   ``ik heet``, ``mijn naam is`` (``ik ben jan de vries``) — a word that is not in the Dutch word list of
   spacy-lookups-data, or a known first name or surname;
6. a place written in lower case after ``in``, ``uit``, ``van`` … (``de burgemeester van katwijk``).

A name runs on over following capitalised words and name particles (``van der``, ``de``, ``El``). The rules err on
the side of masking; the researcher reviews every finding before export.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from coding.analysis.findings import PiiFinding
from coding.analysis.places import AMBIGUOUS_PLACES, PLACE_NAMES


def _words(block: str) -> frozenset[str]:
    """The whitespace-separated words of ``block`` (keeps long word lists readable)."""
    return frozenset(block.split())


TITLES = _words(
    """
    meneer mevrouw mevr mw mvr dhr heer juffrouw juf meester wethouder burgemeester gedeputeerde dijkgraaf
    griffier heemraad raadslid statenlid commissaris secretaris directeur manager afdelingsmanager teamleider
    teammanager leidinggevende vertrouwenspersoon collega voorzitter fractievoorzitter fractiegenoot
    partijgenoot integriteitsadviseur integriteitscoördinator adviseur ambtenaar dr drs mr ir ing prof dokter
    buurman buurvrouw oom tante broer zus zwager schoonzus vriend vriendin partner zoon dochter moeder vader opa
    oma pastoor dominee imam wijkagent agent
    """
)

#: Titles written as abbreviations ("Dhr. Visser"): the full stop does not open a sentence.
ABBREVIATED_TITLES = _words("mevr mw mvr dhr dr drs mr ir ing prof")

#: Words after which a capitalised word is a place.
PLACE_CUES = _words("in uit te naar nabij rond richting gemeente provincie waterschap hoogheemraadschap")

PARTICLES = _words("van de der den ter ten te het 't el al ben bin da di du le la von vander")
#: Particles that may open a surname inside a sentence ("met van Dijk"); bare "de" is usually an article.
LEADING_PARTICLES = _words("van ter ten el al von")

FIRST_NAMES = _words(
    """
    Aad Aafke Adriaan Ahmed Aisha Albert Alexander Ali Amber Amina Amir Anna Anne Annemarie Annemieke Anouk
    Anton Arjan Arie Arnold Astrid Barbara Bart Bastiaan Bea Bernard Bert Bianca Bilal Bram Brenda Carla
    Carolien Caroline Charlotte Chris Christiaan Claudia Corné Cor Corrie Daan Daniël Daniel David Dennis Dick
    Dirk Ellen Elif Els Emma Erik Esther Eva Evert Fatima Fatma Femke Floor Frans Freek Gerard Gerrit Gert Gijs
    Hanna Hanneke Hans Harm Hasan Hatice Hein Hendrik Henk Henny Herman Hilde Hugo Ilse Inge Ingrid Iris Jaap
    Jacob Jan Janneke Jans Jasper Jeroen Jesse Joost Jolanda Joris Jos José Joyce Julia Karin Kees Khadija Kim
    Klaas Koen Lars Laura Leo Lieke Linda Lisa Lotte Lucas Luuk Maarten Manon Marco Marcel Margriet Maria
    Marieke Marijke Marjolein Mark Marloes Martijn Martin Maurits Mehmet Merel Michiel Mirjam Mohamed Mohammed
    Monique Mustafa Nadia Naima Niels Nicole Nienke Noor Pascal Patrick Paul Peter Petra Piet Pieter Priya
    Rachid Ramon Remco Richard Rik Rob Robert Roel Ronald Rosa Ruben Rutger Ruud Sander Sandra Sanne Sara Sarah
    Saskia Sebastiaan Sem Sevda Simone Sjoerd Sophie Stefan Stijn Suzanne Sven Teun Thijs Thomas Tim Tom Ton
    Tineke Twan Vincent Wendy Wies Wilma Willem Wim Wouter Yasmina Yusuf Youssef Yvonne Zeynep
    """
)
#: First names that are also Dutch words: a name only inside a sentence or before a surname.
AMBIGUOUS_FIRST_NAMES = _words("Mark Kim Floor Noor Rosa Bram Jos Hein Cor Ton Sem Tom Emma Jan")

SURNAMES = _words(
    """
    Jansen Janssen Visser Smit Meijer Mulder Bos Vos Peters Hendriks Dekker Brouwer Dijkstra Smits Pietersen
    Bakker Kok Jacobs Vermeulen Willems Postma Huisman Koster Prins Kuipers Veenstra Verhoeven Schouten Hoekstra
    Boer Vries Jong Groot Berg Dijk Wit Graaf Leeuwen Meer Linden Heuvel Beek Wal Veen Bosch Ouden Haan
    """
)

NOT_NAMES = _words(
    """
    Staten Provinciale Gedeputeerde Gedeputeerden Kamer Tweede Eerste Raad Gemeenteraad College Provincie
    Gemeente Waterschap Hoogheemraadschap Rijk Rijksoverheid Kabinet Koning Koningin Minister Ministerie Griffie
    Griffier Burgemeester Wethouder Wethouders Statenlid Statenleden Raadslid Raadsleden Dijkgraaf Heemraad
    Heemraden Algemeen Dagelijks Bestuur Commissaris Gouverneur Directie Integriteit Integriteitsbureau
    Vertrouwenspersoon Ombudsman Rekenkamer Belastingdienst Politie Justitie Openbaar Ministerie Rijkswaterstaat
    Rechtspraak Binnenlands Binnenlandse Zaken Koninkrijksrelaties Unie Europa Europese Nederland Nederlands
    Nederlandse Holland Hollands Engels Engelse Duits Duitse Frans Franse Fries Friese Turks Turkse Marokkaans
    Marokkaanse Surinaams Surinaamse Arabisch Pools Poolse Christelijk Christelijke God Allah Islam Islamitische
    Koran Bijbel Kerst Kerstmis Pasen Pinksteren Ramadan Suikerfeest Prinsjesdag Maandag Dinsdag Woensdag
    Donderdag Vrijdag Zaterdag Zondag Januari Februari Maart April Mei Juni Juli Augustus September Oktober
    November December Teams Zoom Outlook Whatsapp Signal Facebook Twitter Instagram Google Microsoft Excel Word
    Intranet Internet Partij Dieren Leefbaar Lokaal Volt Forum Democratie Christenunie Groenlinks Pvda Vvd Cda
    Sp Pvv Sgp Denk Bbb Wmo Woo Wob Avg Ggd Uwv Cbs Vng Ipo Uvw Bibob Omgevingswet Participatiewet Jeugdwet
    Facebookgroep Facebookgroepen Linkedin Youtube Tiktok Covid Corona Uw Gij Mijnheer Mevrouw Meneer Heer
    Collega Collega's Gedragscode Eed Ambtseed Code Wet Wetboek Awb Woo Wob Gemeentewet Provinciewet
    Waterschapswet Grondwet Noord Zuid Oost West Nieuw Oud Sint Hoog Laag
    """
)
_NOT_NAME_PREFIXES = ("Staten", "Kamer", "Raads", "Provinci", "Gemeente", "Rijks", "Europ", "Waterschap",
                      "Integriteit", "Corona", "Covid", "Nederland", "Facebook", "Whatsapp", "WhatsApp")
_NOT_NAME_SUFFIXES = ("wet", "wetgeving", "regeling", "beleid")

#: Words after which a lower-case name may follow ("ik ben jan", "mijn naam is fatima"); as token pairs.
INTRODUCTIONS = (("ik", "ben"), ("ik", "heet"), ("naam", "is"), ("heet", "ik"), ("ben", "ik"))

#: Capitalised words after these are departments or bodies, not people ("afdeling Financiën").
NOT_NAME_CUES = _words("afdeling team sector directie cluster")


@lru_cache(maxsize=1)
def dutch_words() -> frozenset[str]:
    """Dutch word forms (lower case): spacy-lookups-data's lemma tables (forms, lemmas, the lemma index per part of
    speech, exceptions) and spaCy's stop words — some 400,000 forms, loaded once (about half a second).

    A lower-case word after a title that is not in here is most likely a name (``meneer jansen``).
    """
    import gzip
    import json
    from importlib.resources import files

    from spacy.lang.nl.stop_words import STOP_WORDS

    data = files("spacy_lookups_data") / "data"
    words: set[str] = set(STOP_WORDS)
    with gzip.open(str(data / "nl_lemma_lookup.json.gz"), "rt", encoding="utf-8") as handle:
        lookup: dict[str, str] = json.load(handle)
    words |= set(lookup) | set(lookup.values())
    for name in ("nl_lemma_index.json.gz", "nl_lemma_exc.json.gz"):
        with gzip.open(str(data / name), "rt", encoding="utf-8") as handle:
            for entries in json.load(handle).values():
                if isinstance(entries, dict):
                    for form, lemmas in entries.items():
                        words.add(form)
                        words.update(lemmas)
                else:
                    words.update(entries)
    return frozenset(w.lower() for w in words)


def _is_word(lower: str) -> bool:
    return lower in dutch_words()


def _lower_name(token: _Token) -> bool:
    """A lower-case token that reads as (part of) a name: a known first name or surname, or no Dutch word."""
    if not token.text.islower() or len(token.text) < 2 or token.lower in PARTICLES:
        return False
    capital = token.text.capitalize()
    if capital in FIRST_NAMES or capital in SURNAMES:
        return token.lower not in _stop_words()
    return not _is_word(token.lower) and capital not in NOT_NAMES


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.nl.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


_TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_CAPITALISED = re.compile(r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:['’\-][A-Za-zÀ-ÖØ-öø-ÿ][a-zß-öø-ÿ]*)*")
_SENTENCE_OPENERS = set(".!?:;…\"'“”‘’([*•-–—")


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int
    initial: bool  # opens a sentence (or a line, a quotation, a bracket)

    @property
    def capitalised(self) -> bool:
        return _CAPITALISED.fullmatch(self.text) is not None

    @property
    def lower(self) -> str:
        return self.text.lower()


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for match in _TOKEN.finditer(text):
        before = text[: match.start()].rstrip(" \t")
        initial = not before or before[-1] in _SENTENCE_OPENERS or before[-1] == "\n"
        tokens.append(_Token(match.group(), match.start(), match.end(), initial))
    return tokens


def _is_not_name(token: _Token) -> bool:
    word = token.text.rstrip("'’s") if token.text.endswith(("'s", "’s")) else token.text
    head = word.split("-")[0]
    return (
        word in NOT_NAMES
        or head in NOT_NAMES
        or head.capitalize() in NOT_NAMES
        or word.startswith(_NOT_NAME_PREFIXES)
        or word.endswith(_NOT_NAME_SUFFIXES)
    )


@lru_cache(maxsize=1)
def _place_pattern() -> re.Pattern[str]:
    names = sorted(PLACE_NAMES, key=len, reverse=True)
    return re.compile(r"(?<![\w'’\-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w\-])")


def _places(text: str, tokens: list[_Token]) -> list[PiiFinding]:
    starts = {t.start: t for t in tokens}
    found = []
    for match in _place_pattern().finditer(text):
        token = starts.get(match.start())
        if match.group() in AMBIGUOUS_PLACES and (token is None or token.initial):
            continue
        found.append(PiiFinding("plaats", match.start(), match.end(), match.group()))
    return found


def _chain_end(tokens: list[_Token], index: int) -> int:
    """The index after the last token of a name that starts at ``index`` (capitalised words and particles)."""
    end = index + 1
    probe = end
    while probe < len(tokens) and tokens[probe].start - tokens[probe - 1].end <= 1:
        token = tokens[probe]
        if token.capitalised and not _is_not_name(token):
            end = probe = probe + 1
        elif token.lower in PARTICLES and probe - end < 3:
            probe += 1
        else:
            break
    return end


def _chain_start(tokens: list[_Token], index: int) -> int:
    """Extend a name to the left over a surname particle sequence (``van der`` Berg); a first name has none."""
    if tokens[index].text in FIRST_NAMES:
        return index
    start = index
    probe = index - 1
    while probe >= 0 and tokens[probe].lower in PARTICLES and index - probe <= 3:
        if tokens[probe].lower in LEADING_PARTICLES:
            start = probe
        probe -= 1
    return start


def _starts_name(tokens: list[_Token], i: int) -> bool:
    token = tokens[i]
    if not token.capitalised or _is_not_name(token):
        return False
    previous = tokens[i - 1] if i > 0 else None
    if previous is not None and previous.lower in NOT_NAME_CUES:
        return False
    follows_title = previous is not None and previous.lower in TITLES and (
        not token.initial or (token.start - previous.end <= 2 and previous.lower in ABBREVIATED_TITLES))
    if follows_title:
        return True
    if token.text in FIRST_NAMES:
        if token.text not in AMBIGUOUS_FIRST_NAMES or not token.initial:
            return True
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        return following is not None and following.capitalised and not _is_not_name(following)
    if token.text in SURNAMES and token.initial:
        return not _is_word(token.lower)  # 'Meer aandacht', 'Bos en natuur', 'Bakker of slager'
    return not token.initial


def _lower_case_name(tokens: list[_Token], i: int) -> tuple[int, int] | None:
    """The token range of a name in lower case starting at ``i``: after a title (``meneer jansen``, ``mevrouw de
    jong``) or an introduction (``ik ben jan de vries``, ``mijn naam is fatima el idrissi``)."""
    if i == 0:
        return None
    previous = tokens[i - 1]
    after_title = previous.lower in TITLES
    introduced = i >= 2 and (tokens[i - 2].lower, previous.lower) in INTRODUCTIONS
    if not (after_title or introduced):
        return None
    first = i
    probe = i
    while probe < len(tokens) and tokens[probe].lower in PARTICLES and probe - i < 3:
        probe += 1
    if probe >= len(tokens) or not tokens[probe].text.islower():
        return None
    head = tokens[probe]
    if introduced and probe == i:
        if head.text.capitalize() not in FIRST_NAMES:  # "ik ben jan", not "ik ben geboren"
            return None
    elif not _lower_name(head):
        return None
    end = probe + 1
    # run on over particles and further lower-case name words: "jan de vries", "fatima el idrissi"
    look = end
    while look < len(tokens) and tokens[look].start - tokens[look - 1].end <= 1 and look - end < 3:
        if tokens[look].lower in PARTICLES:
            look += 1
        elif _lower_name(tokens[look]):
            end = look = look + 1
        else:
            break
    return first, end


def _lower_places(text: str, tokens: list[_Token]) -> list[PiiFinding]:
    """Places written in lower case right after a place cue or 'van' (``de burgemeester van katwijk``)."""
    starts = {t.start: index for index, t in enumerate(tokens)}
    found = []
    for match in _place_pattern_lower().finditer(text):
        index = starts.get(match.start())
        if index is None or index == 0 or match.group() != match.group().lower():
            continue
        name = _PLACE_BY_LOWER.get(match.group())
        cue = tokens[index - 1].lower
        if name and name not in AMBIGUOUS_PLACES and (cue in PLACE_CUES or cue == "van"):
            found.append(PiiFinding("plaats", match.start(), match.end(), match.group()))
    return found


_PLACE_BY_LOWER = {name.lower(): name for name in PLACE_NAMES}


@lru_cache(maxsize=1)
def _place_pattern_lower() -> re.Pattern[str]:
    names = sorted(_PLACE_BY_LOWER, key=len, reverse=True)
    return re.compile(r"(?<![\w'’\-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w\-])")


def find_names(text: str, *, places_only: bool = False) -> list[PiiFinding]:
    """Names of people (``naam``) and places (``plaats``) in ``text`` by the rules above."""
    tokens = _tokens(text)
    found = _places(text, tokens)
    found += [f for f in _lower_places(text, tokens) if all(f.end <= g.start or f.start >= g.end for g in found)]
    if places_only:
        return found
    taken = [(f.start, f.end) for f in found]

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    i = 0
    while i < len(tokens):
        token = tokens[i]
        previous = tokens[i - 1] if i > 0 else None
        title_then_particle = (
            previous is not None and previous.lower in TITLES and token.lower in PARTICLES and i + 1 < len(tokens)
            and tokens[i + 1].capitalised
        )
        lower = None if title_then_particle or token.capitalised else _lower_case_name(tokens, i)
        if lower is not None:
            start, end = tokens[lower[0]].start, tokens[lower[1] - 1].end
            if free(start, end):
                found.append(PiiFinding("naam", start, end, text[start:end]))
                taken.append((start, end))
            i = lower[1]
            continue
        if not (title_then_particle or _starts_name(tokens, i)) or not free(token.start, token.end):
            i += 1
            continue
        first = i if title_then_particle else _chain_start(tokens, i)
        last = _chain_end(tokens, i + 1 if title_then_particle else i)
        start, end = tokens[first].start, tokens[last - 1].end
        kind = "plaats" if previous is not None and previous.lower in PLACE_CUES and first == i else "naam"
        if free(start, end):
            found.append(PiiFinding(kind, start, end, text[start:end]))
            taken.append((start, end))
        i = last
    return sorted(found, key=lambda f: f.start)
