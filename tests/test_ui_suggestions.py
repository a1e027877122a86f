"""AppTest of the suggestions on the Coderen page: chips, bulk accept, blind double coding; the Beoordelen route."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from coding.ingest.survey import SurveyMapping, import_survey
from coding.store import Store
from coding.store.codebooks import load_codebook, theme_table
from coding.store.codings import add_coding
from coding.store.segments import codings_frame, segments_frame
from coding.work.double_coding import draw_sample
from tests.helpers import write_csv
from tests.store_fixtures import SPEC
from tests.ui_helpers import QUESTION, STUDY, page_app, ui_question

pytest_plugins = ["tests.ui_fixtures"]  # ui_store

TEXTS = {
    "vertrouwen": ["Ik vertrouw mijn leidinggevende niet", "Geen vertrouwen in het management",
                   "Het vertrouwen in de directie is weg", "Ik heb geen vertrouwen dat het vertrouwelijk blijft"],
    "opvolging": ["Er gebeurt toch niks mee", "Meldingen worden nooit opgevolgd", "Er komt nooit opvolging",
                  "Niemand doet iets met een melding"],
    "represailles": ["Angst voor represailles van collega's", "Bang dat het tegen me gebruikt wordt",
                     "Angst om ontslagen te worden", "Ik ben bang voor represailles"],
}


@pytest.fixture(autouse=True)
def plain_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lower-cased words instead of the spaCy preprocessing: the page is under test here, not the language model."""
    import coding.work.suggestions

    monkeypatch.setattr(coding.work.suggestions, "answer_tokens",
                        lambda texts: [" ".join(re.findall(r"\w+", t.lower())) for t in texts])


@pytest.fixture
def study(ui_store: Store, tmp_path: Path) -> dict[str, int]:
    """Sixty answers on three themes (half of them, coded, is the 30 the suggester needs); theme ids by code."""
    rows = [["respondent_id", QUESTION]]
    for round_ in range(5):
        for texts in TEXTS.values():
            for number, text in enumerate(texts):
                rows.append([f"R{len(rows):02d}", f"{text} ({round_ + 1}.{number})"])
    import_survey(ui_store, write_csv(tmp_path / "s.csv", rows), STUDY,
                  SurveyMapping(id="respondent_id", texts=[QUESTION]))
    question = ui_question(ui_store)
    load_codebook(ui_store, question, SPEC, "lead")
    themes = theme_table(ui_store, question)
    return dict(zip(themes["code"], themes["theme_id"].astype(int), strict=True))


def _code_by(store: Store, themes: dict[str, int], coder: str, skip: frozenset[int] = frozenset()) -> None:
    """``coder`` codes the second half of the answers by their topic (never those in ``skip``)."""
    segments = segments_frame(store, ui_question(store), substantive_only=True)
    half = segments.iloc[len(segments) // 2:]
    for segment_id, text in zip(half["segment_id"], half["text"], strict=True):
        if int(segment_id) in skip:
            continue
        code = next(c for c, texts in TEXTS.items() if any(text.startswith(t) for t in texts))
        add_coding(store, int(segment_id), themes[code], coder)


def _ids(store: Store) -> list[int]:
    return segments_frame(store, ui_question(store), substantive_only=True)["segment_id"].astype(int).tolist()


def _chips(app: AppTest) -> list[str]:
    return [b.key for b in app.button if b.key and b.key.startswith("suggest_")]


def test_chips_appear_and_accepting_one_records_a_suggestion(ui_store: Store, study: dict[str, int]) -> None:
    app = page_app("code_answers").run()
    assert not app.exception
    assert not _chips(app) and any("0 van de 30 gecodeerde antwoorden" in c.value for c in app.caption)
    _code_by(ui_store, study, "bram", skip=frozenset(_ids(ui_store)[-1:]))  # 29 coded: still none
    app = page_app("code_answers").run()
    assert not _chips(app) and any("codeer er nog 1." in c.value for c in app.caption)
    _code_by(ui_store, study, "bram")
    app = page_app("code_answers").run()
    assert not app.exception
    chips = _chips(app)
    assert chips and all(app.button(key=k).label.count("·") == 1 for k in chips)
    why = [t.value for t in app.text if t.value.startswith("Waarom ")]
    assert len(why) == 1 and ":" in why[0]  # the words behind the top theme, as plain text
    assert not any(app.button(key=k).proto.shortcut for k in chips)
    app.button(key=chips[0]).click().run()
    assert not app.exception
    mine = codings_frame(ui_store, ui_question(ui_store)).query("coder == 'anna'")
    assert len(mine) == 1 and mine["source"].iloc[0] == "suggestion"


def test_bulk_preview_then_accept(ui_store: Store, study: dict[str, int]) -> None:
    _code_by(ui_store, study, "bram")
    app = page_app("code_answers").run()
    assert not any(c.value.startswith("Codeert ") for c in app.caption)  # nothing computed until asked for
    app.toggle(key="sg_bulk_on").set_value(True).run()
    app.slider(key="sg_threshold").set_value(0.5).run()
    assert not app.exception
    preview = next(c.value for c in app.caption if c.value.startswith("Codeert "))
    assert "antwoorden" in preview and "fout (95%-interval" in preview
    found = re.match(r"Codeert (\d+) antwoorden \((\d+) coderingen\)", preview)
    assert found
    answers, codings = int(found[1]), int(found[2])
    assert answers > 0 and app.button(key="sg_bulk_accept").label == f"Accepteer {codings} suggesties"
    app.run()  # a rerun shows the same preview
    assert next(c.value for c in app.caption if c.value.startswith("Codeert ")) == preview
    app.button(key="sg_bulk_accept").click().run()
    assert not app.exception
    mine = codings_frame(ui_store, ui_question(ui_store)).query("coder == 'anna'")
    assert mine["segment_id"].nunique() == answers and len(mine) == codings and set(mine["source"]) == {"suggestion"}


def test_informative_order_walks_the_open_answers(ui_store: Store, study: dict[str, int]) -> None:
    _code_by(ui_store, study, "bram")
    app = page_app("code_answers").run()
    app.segmented_control(key="sg_ordering").set_value("Meest leerzaam eerst").run()
    assert not app.exception
    assert any("meest leerzaam eerst" in c.value for c in app.caption)
    app.button(key="nav_next").click().run()
    assert not app.exception


def test_double_coding_is_blind(ui_store: Store, study: dict[str, int]) -> None:
    question = ui_question(ui_store)
    sample = draw_sample(ui_store, question, ["anna", "bram"], size=3, seed=0, actor="lead")
    blind = frozenset(sample.segment_ids)
    _code_by(ui_store, study, "chef", skip=blind)  # enough to train on, outside the sample
    for segment_id in blind:
        add_coding(ui_store, segment_id, study["vertrouwen"], "bram")
    app = page_app("code_answers").run()
    app.toggle(key="code_double_only").set_value(True).run()
    assert not app.exception
    for _ in blind:
        caption = next(c.value for c in app.caption if "respondent" in c.value)
        assert "blind" in caption and "bram" not in caption
        assert not _chips(app)
        assert all(b.proto.type == "secondary" for b in app.button if b.key and b.key.startswith("theme_"))
        app.button(key="nav_next").click().run()
    # memos on a blind answer are the coder's own
    app.button(key="nav_prev").click().run()
    shown = int(app.query_params["antwoord"][0] if isinstance(app.query_params["antwoord"], list)
                else app.query_params["antwoord"])
    assert shown in blind
    app.text_area(key=f"memo_{shown}").set_value("mijn gedachte").run()
    app.button(key="memo_save").click().run()
    assert not app.exception
    assert segments_frame(ui_store, question).set_index("segment_id").loc[shown, "memo"] in ("", None)
    # the table view hides the other coder too
    app.segmented_control(key="code_view").set_value("Tabel").run()
    assert not app.exception
    table = next(d.value for d in app.dataframe if "codeurs" in d.value.columns)
    assert len(table) == len(blind) and "bram" not in " ".join(table["codeurs"].astype(str))


def test_review_page_is_routed() -> None:
    source = (Path(__file__).parent.parent / "app_streamlit.py").read_text()
    assert 'st.Page(review.render, title="Beoordelen"' in source and 'url_path="beoordelen"' in source
    app = AppTest.from_file(str(Path(__file__).parent.parent / "app_streamlit.py"), default_timeout=30)
    app.run()
    assert not app.exception


def test_review_page_renders(ui_store: Store, study: dict[str, int]) -> None:
    app = page_app("review", coder="chef", question=QUESTION).run()
    assert not app.exception and app.title[0].value == "Beoordelen"


def test_suggestions_can_be_switched_off(ui_store: Store, study: dict[str, int]) -> None:
    _code_by(ui_store, study, "bram")
    app = page_app("code_answers").run()
    assert app.toggle(key="sg_enabled").value is True  # a small question: on by default
    app.toggle(key="sg_enabled").set_value(False).run()
    assert not app.exception
    assert not [b for b in app.button if str(b.key).startswith("suggest_")]
