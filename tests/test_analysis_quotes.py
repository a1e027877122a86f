"""Quotes: readable excerpts, flagged first, representative and diverse, masked, attributed."""

from __future__ import annotations

from pathlib import Path

import pytest

from coding.analysis.build import analyse_question, build_question_report, with_quotes
from coding.analysis.model import ReportOptions
from coding.analysis.quotes import default_quote_count, excerpt, rank_quotes, sentences
from coding.store import Store, question_ref
from tests.report_fixtures import coded_small_study, hand_data
from tests.store_fixtures import QUESTION, STUDY

LONG = ("Ik vertrouw mijn leidinggevende niet. " * 8 + "En verder is er nog veel meer te zeggen over dit onderwerp "
        "want het speelt al jaren en niemand doet er iets aan.").strip()


def test_sentences_split_after_end_marks() -> None:
    assert sentences("Eerste zin. Tweede zin! Derde? 'Vierde.' Vijfde") == [
        "Eerste zin.", "Tweede zin!", "Derde?", "'Vierde.'", "Vijfde"]


def test_excerpt_keeps_short_answers_whole_and_drops_too_short_ones() -> None:
    assert excerpt("  Er gebeurt   toch niks mee als je iets meldt ") == "Er gebeurt toch niks mee als je iets meldt"
    assert excerpt("geen idee") is None
    assert excerpt("geen idee", flagged=True) == "geen idee"


def test_excerpt_of_a_long_answer_ends_on_a_sentence_boundary() -> None:
    text = excerpt(LONG, 5, 20)
    assert text is not None and text.endswith(". (…)")
    assert len(text.removesuffix(" (…)").split()) <= 20
    assert text.startswith("Ik vertrouw mijn leidinggevende niet.")


def test_excerpt_without_a_fitting_sentence() -> None:
    one_long_sentence = " ".join(["woord"] * 80)
    assert excerpt(one_long_sentence, 5, 60) is None
    assert excerpt(one_long_sentence + ". Kort.", 5, 60, flagged=True) == one_long_sentence + ". (…)"


def test_rank_puts_flagged_first_then_the_most_representative() -> None:
    texts = [
        "De leidinggevende luistert niet naar meldingen over integriteit.",
        "Meldingen over integriteit worden door de leidinggevende niet opgepakt.",
        "Mijn kat heet Minoes en eet graag vis.",
        "Niemand doet iets met meldingen over integriteit, ook de leidinggevende niet.",
    ]
    order = [i for i, _ in rank_quotes(texts, [False, False, True, False])]
    assert order[0] == 2  # flagged by a coder
    assert order[-1] != 2 and set(order) == {0, 1, 2, 3}
    unflagged = [i for i, _ in rank_quotes(texts, [False] * 4)]
    assert unflagged[-1] == 2  # the outlier is the least representative


def test_rank_leaves_out_near_duplicates() -> None:
    texts = ["Er gebeurt niks mee als je iets meldt.", "Er gebeurt niks mee als je iets meldt!",
             "Er gebeurt niks mee als je iets meldt", "Angst voor represailles van de wethouder."]
    order = [i for i, _ in rank_quotes(texts, [False] * 4)]
    assert len(order) == 2 and 3 in order


def test_rank_is_deterministic_and_handles_texts_without_words() -> None:
    texts = [f"Antwoord nummer {i} over vertrouwen en melden" for i in range(30)]
    assert rank_quotes(texts, [False] * 30) == rank_quotes(texts, [False] * 30)
    assert [i for i, _ in rank_quotes(["...", "!!!"], [False, False])] == [0]
    assert rank_quotes([], []) == []


def test_default_quote_count_grows_with_the_theme() -> None:
    assert [default_quote_count(n) for n in (1, 29, 30, 99, 100)] == [3, 3, 4, 4, 5]


def test_question_report_quotes_are_masked_and_keep_the_findings() -> None:
    report = analyse_question(hand_data(), ReportOptions(quotes=5))
    quote = next(q for q in report.quotes["a2"] if q.respondent_id == "R2")
    assert "[telefoonnummer]" in quote.text and "06-12345678" in quote.original
    assert [f.kind for f in quote.findings] == ["telefoon"]
    unmasked = analyse_question(hand_data(), ReportOptions(quotes=5, mask=False))
    assert any("06-12345678" in q.text for q in unmasked.quotes["a2"])


def test_quotes_only_for_themes_not_nets_and_prefer_answers_not_used_before() -> None:
    report = analyse_question(hand_data(), ReportOptions(quotes=1))
    assert "a" not in report.quotes  # a net: its subthemes carry the quotes
    chosen = [q.segment_id for quotes in report.quotes.values() for q in quotes]
    assert len(chosen) == len(set(chosen))


def test_transcript_quotes_carry_the_document_attributes() -> None:
    data = hand_data(kind="interview")
    data.respondents["organisatietype"] = "kleine gemeente"
    data.respondents["bestand"] = "interview.docx"
    data.respondents = data.respondents.drop(columns=["doelgroep"])
    report = analyse_question(data)
    attributions = {q.attribution for quotes in report.quotes.values() for q in quotes}
    assert attributions == {"Kleine gemeente"}  # the file name is not an attribution


def test_quotes_per_subgroup_are_attributed_with_the_group() -> None:
    report = analyse_question(hand_data(), ReportOptions(quotes=1, quotes_by="doelgroep", min_group=1))
    groups = {q.attribution for q in report.quotes["b"]}
    assert groups == {"medewerker", "bestuurder"}


def test_flagged_quote_comes_first_from_the_store(store: Store, tmp_path: Path) -> None:
    coded_small_study(store, tmp_path)
    report = build_question_report(store, question_ref(store, STUDY, QUESTION))
    assert report.quotes["represailles"][0].flagged
    assert report.quotes["vertrouwen"][0].flagged  # R5 also has vertrouwen (coded by bram)


def test_swapping_a_quote_for_another_candidate() -> None:
    report = analyse_question(hand_data(), ReportOptions(quotes=1))
    candidates = [q.segment_id for q in report.candidates["b"]]
    assert len(candidates) >= 2
    swapped = with_quotes(report, "b", [candidates[-1]])
    assert [q.segment_id for q in swapped.quotes["b"]] == [candidates[-1]]
    assert [q.segment_id for q in report.quotes["b"]] != [candidates[-1]]  # the original is unchanged


def test_a_large_theme_is_ranked_among_its_flagged_answers_and_a_fixed_sample(monkeypatch: pytest.MonkeyPatch) -> None:
    import coding.analysis.quotes as quotes

    sizes: list[int] = []
    vectors = quotes._vectors
    monkeypatch.setattr(quotes, "RANKED_AT_MOST", 20)
    monkeypatch.setattr(quotes, "_vectors", lambda texts: sizes.append(len(texts)) or vectors(texts))
    texts = [f"Antwoord {i} over de werkdruk en het vertrouwen in de leiding." for i in range(100)]
    flagged = [i in (7, 93) for i in range(100)]
    ranked = quotes.rank_quotes(texts, flagged)
    assert sizes == [20]  # vectors for the sample only, not for all 100
    assert [i for i, _ in ranked[:2]] in ([7, 93], [93, 7])  # flagged answers always take part and come first
    assert all(0 <= i < 100 for i, _ in ranked)
    assert ranked == quotes.rank_quotes(texts, flagged)  # the same texts give the same sample
