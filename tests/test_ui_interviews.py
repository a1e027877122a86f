"""AppTest of the Coderen page for interviews: the turn as numbered sentences, coding a passage, highlight, quote."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from coding.ingest.transcripts import import_transcripts
from coding.store import Store
from coding.store.codebooks import load_codebook, theme_table
from coding.store.codings import passage_codings
from coding.store.segments import codings_frame, segments_frame
from tests.test_report_qdpx import INTERVIEW_SPEC
from tests.ui_helpers import STUDY, page_app, ui_question

pytest_plugins = ["tests.ui_fixtures"]  # ui_store

TOPIC = "interviews"
TRANSCRIPT = ("[00:00:02] Interviewer: Wat helpt?\n"
              "[00:00:05] Respondent: Een vertrouwenspersoon helpt. <b>Die</b> is er **niet** altijd. "
              "Dan bel ik de griffier.\n"
              "[00:01:10] Interviewer: Dank u.\n")


@pytest.fixture
def interview(ui_store: Store, tmp_path: Path) -> dict[str, int]:
    path = tmp_path / "gemeente.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    import_transcripts(ui_store, [path], STUDY, TOPIC, attributes={"organisatietype": "Kleine gemeente"})
    question = ui_question(ui_store, TOPIC)
    load_codebook(ui_store, question, INTERVIEW_SPEC, "lead")
    themes = theme_table(ui_store, question)
    return dict(zip(themes["code"], themes["theme_id"].astype(int), strict=True))


def _turn(store: Store) -> int:
    return int(segments_frame(store, ui_question(store, TOPIC), substantive_only=True)["segment_id"].iloc[0])


def test_turn_shown_as_numbered_sentences_and_a_passage_coded(ui_store: Store, interview: dict[str, int]) -> None:
    segment_id = _turn(ui_store)
    app = page_app("code_answers", question=TOPIC).run()
    assert not app.exception
    assert "Respondent · 00\\:05" in [c.value for c in app.caption]  # the start time, not in the text
    sentences = [m.value for m in app.markdown if m.value[:1].isdigit()]
    assert len(sentences) == 3
    rendered = MarkdownIt("commonmark").render(sentences[1])  # as Streamlit's Markdown would show it
    assert "&lt;b&gt;Die&lt;/b&gt; is er **niet** altijd." in rendered  # escaped: its own text, never HTML
    assert "<b>" not in rendered and "<strong>" not in rendered
    app.select_slider(key=f"ps_range_{segment_id}").set_range(2, 3)
    app.selectbox(key=f"ps_theme_{segment_id}").set_value(interview["steun"])
    app.button(key="ps_code").click().run()
    assert not app.exception
    [passage] = passage_codings(ui_store, segment_id, "anna")
    assert passage.text == "<b>Die</b> is er **niet** altijd. Dan bel ik de griffier."
    assert passage.labels == ("Steun van de fractie",)
    highlighted = [m.value for m in app.markdown if "orange-background" in m.value]
    assert len(highlighted) == 2 and all("Steun van de fractie" in h for h in highlighted)
    assert passage.text in [t.value for t in app.text]  # the coded passage, as plain text
    # the turn itself carries no whole-turn theme: its theme button stays off
    assert app.button(key=f"theme_{interview['steun']}").proto.type == "secondary"
    app.button(key="ps_quote_0").click().run()
    assert passage_codings(ui_store, segment_id, "anna")[0].is_quote is True
    app.button(key="ps_remove_0").click().run()
    assert codings_frame(ui_store, ui_question(ui_store, TOPIC)).empty


def test_a_passage_without_a_theme_says_so(ui_store: Store, interview: dict[str, int]) -> None:
    app: AppTest = page_app("code_answers", question=TOPIC).run()
    app.button(key="ps_code").click().run()
    assert not app.exception
    assert any("Kies eerst een thema" in t.value for t in app.text)
    assert codings_frame(ui_store, ui_question(ui_store, TOPIC)).empty


def test_import_wizard_takes_subtitles_and_lets_the_user_pick_the_interviewer(ui_store: Store) -> None:
    from coding.store.workspace import create_study

    create_study(ui_store, STUDY, "anna")
    app = page_app("start").run()
    vtt = ("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Piet Jansen>Wat helpt?</v>\n\n"
           "00:00:03.000 --> 00:00:09.000\n<v Anna de Vries>Een goede sfeer.</v>\n\n"
           "00:00:09.000 --> 00:00:12.000\n<v Anna de Vries>En regels.</v>\n")
    app.file_uploader(key="wiz_transcripts_0").set_value([("teams.vtt", vtt.encode(), "text/vtt")])
    app.run()
    assert not app.exception
    picker = app.multiselect(key="wiz_interviewers")
    assert list(picker.options) == ["Piet Jansen", "Anna de Vries"] and picker.value == []
    picker.set_value(["Piet Jansen"]).run()
    preview = app.dataframe[-1].value
    assert preview["tijd"].tolist() == ["00:01", "00:03"]
    assert preview["gecodeerd"].tolist() == ["nee (context)", "ja"]
    app.button(key="wiz_transcripts_go").click().run()
    assert not app.exception
    coded = segments_frame(ui_store, ui_question(ui_store, "interviews"), substantive_only=True)
    assert coded["text"].tolist() == ["Een goede sfeer. En regels."]
    assert coded["start_time"].tolist() == [3.0]
