"""The kwalitatief paragraph's rules (coding.report.prose): every threshold on both sides, tiny bases, catch-all
themes and subthemes, reasons or not, interviews, quotes — and never a number in the text."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from coding.analysis.build import analyse_question
from coding.analysis.model import QuestionData, QuestionReport, ReportOptions
from coding.report import prose

REASONS = "Wat belemmert u om een dilemma te bespreken?"
NO_REASONS = "Welke onderwerpen zou u graag in een training terugzien?"
OPENINGS = ["De sfeer in de fractie is niet open genoeg", "Ik ben bang voor de gevolgen van een melding",
            "Er is te weinig tijd in de vergaderingen", "Ik weet niet bij wie ik terecht kan",
            "Wat je vertelt blijft niet geheim", "Mijn collega's roddelen graag", "De burgemeester luistert slecht"]
ENDINGS = ["sinds de verkiezingen van vorig jaar.", "vooral in de commissie ruimte.", "zeker bij gevoelige dossiers.",
           "en daar praat niemand graag over.", "volgens mij al heel lang.", "behalve op de zomerborrel.",
           "en dat merkt iedere nieuwe wethouder.", "zowel overdag als in de avond.", "bij de provincie net zo."]


def _data(n: int, mentions: dict[str, int], *, wording: str = REASONS, kind: str = "survey",
          parents: dict[str, str] | None = None, uncoded: int = 0) -> QuestionData:
    """``n`` respondents; theme ``t`` given to ``mentions[t]`` of them, the themes one after the other (labels
    "Thema t"); everyone else 'Overig', except the last ``uncoded`` respondents."""
    parents = parents or {}
    codes = [*mentions, "overig"]
    themes = pd.DataFrame({
        "theme_id": range(1, len(codes) + 1), "code": codes,
        "label": [f"Thema {c}" if c != "overig" else "Overig" for c in codes],
        "parent": [parents.get(c) for c in codes], "definition": "", "position": range(len(codes)),
        "retired": False, "merged_into": None,
    })
    ids = [f"R{i}" for i in range(n)]
    segments = pd.DataFrame({
        "segment_id": range(1, n + 1), "respondent_id": ids, "position": 0,
        "text": [f"{OPENINGS[i % len(OPENINGS)]}, {ENDINGS[(i // len(OPENINGS)) % len(ENDINGS)]}" for i in range(n)],
        "speaker": None, "start_char": None, "end_char": None, "substantive": True, "nonsubstantive_reason": None,
        "word_count": 12, "memo": "", "is_quote": False,
    })
    first, start = {}, 0
    for code, k in mentions.items():
        first[code], start = start, start + k
    rows = []
    for i, respondent in enumerate(ids):
        given = [c for c, k in mentions.items() if first[c] <= i < first[c] + k]
        if not given and i < n - uncoded:
            given = ["overig"]
        rows += [[respondent, i + 1, "vraag", code, code, "anna", "manual", pd.Timestamp("2026-01-01", tz="UTC")]
                 for code in given]
    codings = pd.DataFrame(rows, columns=["respondent_id", "segment_id", "question", "theme", "theme_label", "coder",
                                          "source", "created_at"])
    respondents = pd.DataFrame({"respondent_id": ids, "kind": "respondent" if kind == "survey" else "document",
                                "weight": 1.0})
    return QuestionData("studie", "vraag", wording, kind, themes, segments, codings, respondents, pd.DataFrame())


def _report(n: int, mentions: dict[str, int], **kwargs: object) -> QuestionReport:
    options = ReportOptions(style="kwalitatief", quotes=kwargs.pop("quotes", None))  # type: ignore[arg-type]
    return analyse_question(_data(n, mentions, **kwargs), options)  # type: ignore[arg-type]


def _text(n: int, mentions: dict[str, int], **kwargs: object) -> str:
    return prose.paragraph(_report(n, mentions, **kwargs))


def test_the_three_tiers_in_order_of_frequency() -> None:
    text = _text(40, {"a": 12, "b": 6, "c": 4, "d": 3, "e": 1})
    assert text == (
        "Deze vraag is gesteld aan alle respondenten. De meest genoemde reden is thema a. Ook thema b en thema c "
        "komen een aantal keer terug. Daarnaast noemen enkele respondenten thema d en thema e."
    )


def test_a_question_that_asks_for_no_reasons_says_most_mentioned() -> None:
    assert "Het meest genoemd wordt thema a." in _text(40, {"a": 12, "b": 6}, wording=NO_REASONS)
    assert "Het meest genoemd worden thema a en thema b." in _text(40, {"a": 12, "b": 12}, wording=NO_REASONS)
    assert prose.REASON_WORDS and "reden" not in _text(40, {"a": 12}, wording=NO_REASONS)


def test_two_tied_at_the_top_are_both_most_mentioned_three_are_not() -> None:
    assert "De meest genoemde redenen zijn thema a en thema b." in _text(40, {"a": 8, "b": 8, "c": 5})
    text = _text(40, {"a": 8, "b": 8, "c": 8})
    assert "meest genoemd" not in text
    assert "Thema a, thema b en thema c komen een aantal keer terug." in text


@pytest.mark.parametrize(("mentions", "recurring"), [(4, True), (3, False)])  # of 40: 10% and 7.5%
def test_recurring_from_ten_percent_of_the_basis(mentions: int, recurring: bool) -> None:
    text = _text(40, {"a": 12, "b": mentions})
    assert ("Ook thema b komt een aantal keer terug." in text) is recurring
    assert ("Daarnaast noemen enkele respondenten thema b." in text) is not recurring
    assert prose.RECURRING_SHARE == 0.10


def test_recurring_needs_two_respondents_even_on_a_small_basis() -> None:
    # one of 10 is 10%, but one respondent is no "a number of times"
    text = _text(10, {"a": 5, "b": 1})
    assert "Daarnaast noemen enkele respondenten thema b." in text and "terug" not in text


def test_a_top_of_one_respondent_is_no_top() -> None:
    text = _text(20, {"a": 1, "b": 1, "c": 1})
    assert "meest" not in text and "terug" not in text
    assert text.endswith("Enkele respondenten noemen thema a, thema b en thema c.")


@pytest.mark.parametrize(("n", "ranked"), [(9, False), (10, True)])
def test_a_tiny_basis_is_not_ranked(n: int, ranked: bool) -> None:
    text = _text(n, {"a": 4, "b": 2, "c": 1})
    assert ("De meest genoemde reden is thema a." in text) is ranked
    assert ("Genoemd worden thema a, thema b en thema c." in text) is not ranked
    assert prose.TINY_BASIS == 10


def test_more_than_four_few_themes_are_summed_up() -> None:
    text = _text(60, {"a": 20, "b": 1, "c": 1, "d": 1, "e": 1, "f": 1})
    assert text.endswith("Daarnaast noemen enkele respondenten thema b, thema c, thema d, thema e en nog enkele "
                         "andere onderwerpen.")
    assert "thema f" not in text


def test_catch_all_and_subthemes_are_not_named_a_parent_through_its_net() -> None:
    report = _report(40, {"a": 0, "a1": 6, "a2": 6, "b": 5}, parents={"a1": "a", "a2": "a"})
    text = prose.paragraph(report)
    assert "De meest genoemde reden is thema a." in text  # its net: the six of a1 and the six of a2
    assert "a1" not in text and "a2" not in text and "overig" not in text.lower()


def test_labels_go_in_lower_case_inside_a_sentence_but_not_abbreviations() -> None:
    assert prose.in_sentence("Gebrek aan vertrouwen") == "gebrek aan vertrouwen"
    assert prose.in_sentence("OR en HR") == "OR en HR"
    assert prose.join(["roddelcultuur en ieder-voor-zich", "werkdruk"]) == (
        "roddelcultuur en ieder-voor-zich, en werkdruk")
    assert prose.join(["a", "b", "c"]) == "a, b en c"


def test_unfinished_coding_is_said_without_numbers() -> None:
    text = _text(40, {"a": 12}, uncoded=5)
    assert text.endswith("Nog niet alle antwoorden zijn gecodeerd; deze beschrijving is daardoor voorlopig.")


def test_only_catch_all_answers_give_a_sentence_of_their_own() -> None:
    assert "lopen zo uiteen" in _text(20, {})


def test_interviews_have_words_of_their_own() -> None:
    small = _text(3, {"a": 2, "b": 1}, kind="interview")
    assert small == "In de interviews komen thema a en thema b ter sprake."
    ranked = _text(12, {"a": 6, "b": 3, "c": 1}, kind="interview")
    assert ranked == ("In de interviews komt thema a het vaakst ter sprake. Ook thema b komt een aantal keer terug. "
                      "Daarnaast komt thema c in enkele interviews ter sprake.")


@pytest.mark.parametrize("mentions", [{"a": 12, "b": 6, "c": 4, "d": 3, "e": 1}, {"a": 3, "b": 1}, {"a": 1}])
def test_no_number_in_the_paragraph(mentions: dict[str, int]) -> None:
    for n in (5, 40, 200):
        text = _text(n, mentions, uncoded=1)
        assert not re.search(r"\d|%|procent", text.replace("Thema ", "").replace("thema ", "")), text


def test_quotes_go_round_the_themes_and_stop_at_the_limit() -> None:
    report = _report(40, {"a": 12, "b": 6, "c": 4, "d": 3, "e": 3, "f": 3, "g": 3})
    quotes = prose.quotes(report)
    assert len(quotes) == prose.QUOTE_LIMIT == 6
    first = {code: report.quotes[code][0].segment_id for code in "abcdef"}
    assert [q.segment_id for q in quotes] == [first[c] for c in "abcdef"]  # one of each, in order of frequency
    assert len({q.segment_id for q in quotes}) == len(quotes)
    assert all(q.theme != "overig" for q in quotes)


def test_with_quotes_per_theme_every_chosen_quote_is_shown() -> None:
    report = _report(40, {"a": 12, "b": 6, "c": 4, "d": 3}, quotes=2)
    quotes = prose.quotes(report)
    assert len(quotes) == 8
    assert [q.theme for q in quotes] == ["a", "b", "c", "d"] * 2


def test_the_footnote_names_the_population() -> None:
    report = _report(40, {"a": 12})
    assert prose.footnote(report).endswith("Ze kunnen niet geëxtrapoleerd worden naar alle respondenten.")
    given = analyse_question(_data(40, {"a": 12}), ReportOptions(style="kwalitatief", population="Alle raadsleden"))
    assert prose.footnote(given).endswith("naar alle raadsleden.")
    stored = _data(40, {"a": 12})
    stored.population = "de statenleden van alle provincies"
    assert prose.footnote(analyse_question(stored, ReportOptions(style="kwalitatief"))).endswith(
        "naar alle statenleden van alle provincies.")
    routed = _data(40, {"a": 12})
    routed.routing = {"1": ("respondenten die zich niet vrij voelen", "vrij = nee")}
    assert prose.footnote(analyse_question(routed, ReportOptions(style="kwalitatief"))).endswith(
        "naar alle respondenten die zich niet vrij voelen.")
    interviews = _report(3, {"a": 2}, kind="interview")
    assert prose.footnote(interviews).startswith("Uitkomsten uit interviews zijn kwalitatief en inventariserend")
    assert prose.footnote(interviews).endswith("naar een grotere groep.")
