"""AppTest of the Rapport page: tables, chart, quotes with their personal data, downloads; plain text only."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from coding.demo import DEMO_STUDY
from coding.ingest.survey import SurveyMapping, import_survey
from coding.store import Store, connect, question_ref
from coding.store.codebooks import load_codebook, theme_table
from coding.store.codings import code_segments
from coding.store.segments import segments_frame
from tests.helpers import write_csv
from tests.report_fixtures import coded_demo_copy, coded_small_study
from tests.store_fixtures import QUESTION, SPEC, STUDY
from tests.ui_helpers import page_app, small_ui_study

pytest_plugins = ["tests.ui_fixtures"]  # ui_store

APP = Path(__file__).resolve().parents[1] / "app_streamlit.py"
FORMATS = ["MD", "DOCX", "XLSX", "CSV", "MATRIX", "QDPX"]


@pytest.fixture
def demo_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    store = coded_demo_copy(tmp_path)
    url = store.engine.url.render_as_string(hide_password=False)
    store.dispose()
    monkeypatch.setenv("CODING_DB_URL", url)
    return url


def _downloads(app: AppTest) -> list[str]:
    return [button.label for button in app.get("download_button")]


def test_report_page_is_in_the_app_and_renders_the_demo(demo_url: str) -> None:
    app = AppTest.from_file(str(APP), default_timeout=120)
    app.query_params.update({"studie": DEMO_STUDY, "vraag": "belemmeringen", "codeur": "anna"})
    app.run()
    assert not app.exception
    # AppTest.switch_page() only knows file pages; the app's pages are functions, so select the registered
    # page by its URL path the way a browser opening /rapport would.
    pages = {info.get("url_pathname"): page for page, info in app._registered_pages.items()}
    assert "rapport" in pages
    app._page_hash = pages["rapport"]
    app.run()
    assert not app.exception, app.exception
    assert [t.value for t in app.title] == ["Rapport"]
    assert len(app.dataframe) >= 2  # the counts table and the quote candidates
    assert _downloads(app) == FORMATS
    routed = "Basis: respondenten die zich niet vrij voelen (voelt_zich_vrij = nee), meting 2024, exclusief 'weet niet'"
    assert any(t.value.startswith(routed) for t in app.text)
    # the demo has two waves: a trend table with a column per wave
    assert "Per meting" in [h.value for h in app.subheader]
    assert any(list(f.value.columns)[1:3] == [c for c in f.value.columns if c.startswith(("2022", "2024"))]
               and len(f.value.columns) == 3 for f in app.dataframe)
    assert not any("respondent" in m.value.lower() and "“" in m.value for m in app.markdown)


def test_the_fresh_demo_shows_a_full_chapter_with_a_trend_table(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from coding.demo import load_demo

    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    store = connect(url)
    load_demo(store)  # what `make run` loads: no coding by the tests on top
    store.dispose()
    monkeypatch.setenv("CODING_DB_URL", url)
    app = page_app("report", study=DEMO_STUDY, question="vrij_voelen", timeout=120).run()
    assert not app.exception, app.exception
    assert "Per meting" in [h.value for h in app.subheader]
    trend = [f.value for f in app.dataframe if any(str(c).startswith("2022") for c in f.value.columns)]
    # bekend aanspreekpunt 7% → 14% (p = 0,009) is no longer significant after Benjamini–Hochberg over the table
    assert trend and not any("▲" in str(v) for v in trend[0].to_numpy().ravel())
    assert any("na Benjamini–Hochberg-correctie" in c.value for c in app.caption)
    app.selectbox(key="rp_correction").set_value("none")
    app.run()
    assert not app.exception, app.exception
    trend = [f.value for f in app.dataframe if any(str(c).startswith("2022") for c in f.value.columns)]
    assert trend and any("▲" in str(v) for v in trend[0].to_numpy().ravel())
    assert any("zonder correctie" in c.value for c in app.caption)
    assert any(t.value.startswith("Basis: alle respondenten, exclusief 'weet niet'; 2022: n = ") for t in app.text)
    assert len(app.get("image")) == 2  # the bar chart and the trend chart


def test_settings_add_a_crosstab_and_weighting(demo_url: str) -> None:
    app = page_app("report", study=DEMO_STUDY, question="vrij_voelen", timeout=120).run()
    assert not app.exception, app.exception
    app.checkbox(key="rp_weighted").check()
    app.multiselect(key="rp_by").set_value(["doelgroep"])
    app.run()
    assert not app.exception, app.exception
    headers = [list(frame.value.columns) for frame in app.dataframe]
    assert ["Thema", "Aantal", "%", "% gewogen"] in headers
    assert any(h[:2] == ["Thema", "Totaal"] and any("medewerker" in c for c in h) for h in headers)


def test_quotes_can_be_swapped_and_personal_data_is_listed(ui_store: Store, tmp_path: Path) -> None:
    coded_small_study(ui_store, tmp_path)
    app = page_app("report", study=STUDY, question=QUESTION, timeout=60).run()
    assert not app.exception, app.exception
    picker = next(m for m in app.multiselect if m.key and m.key.startswith("rp_pick_") and m.key.endswith("vertrouwen"))
    assert picker.value == [1, 2]
    picker.set_value([2])
    app.run()
    assert not app.exception
    code = next(c.value for c in app.code)
    section = code.split("### Gebrek aan vertrouwen")[1].split("###")[0]
    assert section.count("- *“") == 1  # one quote left for this theme
    assert "**Tabel 1.1 – " in code
    app.number_input(key="rp_chapter").set_value(3)
    app.run()
    assert not app.exception
    code = next(c.value for c in app.code)
    assert "**Tabel 3.1 – " in code  # the chapter number of the report's captions
    assert code.split("### Gebrek aan vertrouwen")[1].split("###")[0].count("- *“") == 1  # the choice is kept
    assert _downloads(app) == FORMATS


def test_personal_data_in_a_chosen_quote_is_shown_for_review(ui_store: Store, tmp_path: Path) -> None:
    rows = [["respondent_id", "doelgroep", QUESTION],
            ["R1", "medewerker", "Bel Petra op 06-12345678 als je iets wilt bespreken."],
            ["R2", "medewerker", "<b>vet</b> **Ik vertrouw** mijn _leidinggevende_ [niet](http://x) echt niet."]]
    import_survey(ui_store, write_csv(tmp_path / "pii.csv", rows), STUDY,
                  SurveyMapping(id="respondent_id", texts=[QUESTION], attributes=["doelgroep"]))
    question = question_ref(ui_store, STUDY, QUESTION)
    load_codebook(ui_store, question, SPEC, "lead")
    theme = int(theme_table(ui_store, question).set_index("code").loc["vertrouwen", "theme_id"])
    segments = segments_frame(ui_store, question)["segment_id"].astype(int).tolist()
    code_segments(ui_store, segments, theme, "anna")
    app = page_app("report", study=STUDY, question=QUESTION, timeout=60).run()
    assert not app.exception, app.exception
    review = next(f.value for f in app.dataframe if "gevonden" in f.value.columns)
    assert review["gevonden"].tolist() == ["naam: Petra, telefoonnummer: 06-12345678"]
    assert review["in het rapport"].tolist() == ["Bel [naam] op [telefoonnummer] als je iets wilt bespreken."]
    preview = next(c.value for c in app.code)
    assert "\\[telefoonnummer\\]" in preview and "06-12345678" not in preview  # Markdown source, escaped
    # respondent text is never rendered as Markdown or HTML
    assert not any("Petra" in m.value or "vet" in m.value for m in app.markdown)
    assert not any("Petra" in m.value for m in app.caption)


def test_nothing_coded_shows_a_message(ui_store: Store, tmp_path: Path) -> None:
    small_ui_study(ui_store, tmp_path)
    app = page_app("report", study="ui-studie", question="belemmeringen", timeout=60).run()
    assert not app.exception
    assert any("nog geen rapport" in i.value for i in app.info)
    assert any("nog geen gecodeerde antwoorden" in t.value for t in app.text)
    assert _downloads(app) == []
