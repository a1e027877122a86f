"""AppTest of the login: with no accounts the app is as before; with accounts every address first shows the login
form and nothing about a study; a wrong password shows only an error; a login shows the user's studies, codes in
their name, and "Uitloggen" ends it; an idle session expires."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from coding.store import QuestionRef, Store
from coding.store.accounts import add_user, set_password
from coding.store.login import log_in
from coding.store.segments import codings_frame
from coding.store.workspace import create_study
from tests.account_fixtures import PASSWORD, fast_hashing  # noqa: F401 - autouse fixture
from tests.ui_helpers import DANGEROUS, QUESTION, STUDY, page_app, small_ui_study, ui_question

pytest_plugins = ["tests.ui_fixtures"]  # ui_store, demo_store

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def team(ui_store: Store, tmp_path: Path) -> dict[str, int]:
    """The UI study and a second one, with anna (beheerder of all), bram (codeur in the UI study) and otto
    (codeur in the other study only)."""
    themes = small_ui_study(ui_store, tmp_path)
    create_study(ui_store, "andere-studie", "lead")
    add_user(ui_store, "anna", PASSWORD, "beheerder", actor="anna")
    add_user(ui_store, "bram", PASSWORD, "codeur", [STUDY], actor="anna")
    add_user(ui_store, "otto", PASSWORD, "codeur", ["andere-studie"], actor="anna")
    return themes


def _texts(node: Any) -> list[str]:
    """Every text the app shows (values, labels, options, captions) anywhere in the element tree."""
    found: list[str] = []
    proto = getattr(node, "proto", None)
    if proto is not None:
        found.append(str(proto))
    for child in getattr(node, "children", {}).values():
        found += _texts(child)
    return found


def shown(app: AppTest) -> str:
    return "\n".join(_texts(app._tree))


def the_app(**query: str) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app_streamlit.py"), default_timeout=30)
    for key, value in query.items():
        app.query_params[key] = value
    return app


def log_in_as(app: AppTest, name: str, password: str = PASSWORD) -> AppTest:
    app.text_input(key="login_name").input(name)
    app.text_input(key="login_password").input(password)
    return app.button[0].click().run()


def test_without_accounts_there_is_no_login(ui_store: Store, tmp_path: Path) -> None:
    small_ui_study(ui_store, tmp_path)
    app = the_app(studie=STUDY).run()
    assert not app.exception
    assert [t.value for t in app.title] == ["Start"]
    assert app.text_input(key="codeur").value == ""
    assert "Inloggen" not in shown(app)


def test_every_page_asks_for_a_login_first_and_shows_no_study(ui_store: Store, team: dict[str, int]) -> None:
    for path_query in ({}, {"studie": STUDY, "vraag": QUESTION, "codeur": "anna"}):
        app = the_app(**path_query).run()
        assert not app.exception
        assert [t.value for t in app.title] == ["Inloggen"]
        assert [t.label for t in app.text_input] == ["Gebruikersnaam", "Wachtwoord"]
        assert app.text_input(key="login_password").proto.type == app.text_input(key="login_password").proto.PASSWORD
        assert [b.label for b in app.button] == ["Inloggen"]
        text = shown(app)
        for secret in (STUDY, "andere-studie", QUESTION, DANGEROUS, "vertrouwen", "Database:", "R01"):
            assert secret not in text
        assert not app.selectbox
    # the page functions themselves (as the page tests run them) stop at the login as well
    for page in ("start", "code_answers", "report", "progress", "review", "codebook", "clusters"):
        app = page_app(page, question=QUESTION).run()
        assert not app.exception
        assert [t.value for t in app.title] == ["Inloggen"], page
        assert STUDY not in shown(app) and DANGEROUS not in shown(app)


def test_a_wrong_password_shows_an_error_and_nothing_else(ui_store: Store, team: dict[str, int]) -> None:
    app = log_in_as(the_app(studie=STUDY).run(), "bram", "niet mijn wachtwoord")
    assert not app.exception
    assert [e.value for e in app.error] == ["Onbekende gebruikersnaam of verkeerd wachtwoord."]
    assert [t.value for t in app.title] == ["Inloggen"]
    assert STUDY not in shown(app) and not app.selectbox
    assert app.text_input(key="login_password").value == ""  # the password is not kept


def test_five_wrong_tries_lock_the_login(ui_store: Store, team: dict[str, int]) -> None:
    app = the_app().run()
    for _ in range(5):
        app = log_in_as(app, "bram", "fout fout fout")
    app = log_in_as(app, "bram")  # the right password, but too late
    assert "Te veel mislukte pogingen" in app.error[0].value
    assert [t.value for t in app.title] == ["Inloggen"]


def test_log_in_code_in_your_own_name_and_log_out(ui_store: Store, team: dict[str, int]) -> None:
    app = log_in_as(the_app(codeur="iemand-anders").run(), "bram")
    assert not app.exception
    assert [t.value for t in app.title] == ["Start"]
    assert not [t for t in app.text_input if t.key == "codeur"]  # no free-text coder any more
    assert "bram" in [t.value for t in app.sidebar.text]
    assert app.selectbox(key="studie").options == [STUDY]  # not the study bram has no role in
    # code an answer on the Coderen page as bram (the page functions get the logged-in user)
    coding_app = page_app("code_answers", coder="iemand-anders", question=QUESTION)
    coding_app.session_state["_login"] = app.session_state["_login"]
    coding_app.run()
    assert not coding_app.exception
    coding_app.button(key=f"theme_{team['vertrouwen']}").click().run()
    assert not coding_app.exception
    codings = codings_frame(ui_store, ui_question(ui_store))
    assert codings["coder"].tolist() == ["bram"]
    # log out: the form again, nothing of the study
    app.button(key="logout").click().run()
    assert [t.value for t in app.title] == ["Inloggen"] and STUDY not in shown(app)


def test_a_user_without_the_role_is_refused_in_place(ui_store: Store, team: dict[str, int]) -> None:
    otto = log_in(ui_store, "otto", PASSWORD)
    app = page_app("start", coder=None)
    app.session_state["_login"] = otto
    app.run()
    assert not app.exception
    assert app.selectbox(key="studie").options == ["andere-studie"]
    assert STUDY not in shown(app)


def test_an_idle_session_expires_and_a_new_password_ends_it(ui_store: Store, team: dict[str, int]) -> None:
    login = log_in(ui_store, "bram", PASSWORD)
    old = replace(login, last_seen=login.last_seen - timedelta(hours=8, minutes=1))
    app = the_app()
    app.session_state["_login"] = old
    app.run()
    assert [t.value for t in app.title] == ["Inloggen"]
    assert "Je sessie is verlopen" in app.info[0].value
    app = the_app()
    app.session_state["_login"] = replace(login, last_seen=login.last_seen - timedelta(hours=7))
    app.run()
    assert [t.value for t in app.title] == ["Start"]
    set_password(ui_store, "bram", "een nieuw wachtwoord", actor="anna")
    app.run()
    assert [t.value for t in app.title] == ["Inloggen"]


def _as(ui_store: Store, page: str, name: str, **state: object) -> AppTest:
    """``page`` run once for ``name`` logged in, with extra session ``state``."""
    app = page_app(page, coder=None, question=QUESTION)
    app.session_state["_login"] = log_in(ui_store, name, PASSWORD)
    for key, value in state.items():
        app.session_state[key] = value
    return app.run()


def _bram_and_carla_disagree(ui_store: Store, team: dict[str, int]) -> QuestionRef:
    """A blind round of one answer that bram and carla (codeurs) coded with different themes."""
    from coding.store.codings import add_coding
    from coding.work.double_coding import draw_sample

    add_user(ui_store, "carla", PASSWORD, "codeur", [STUDY], actor="anna")
    question = ui_question(ui_store)
    (segment,) = draw_sample(ui_store, question, ["bram", "carla"], size=1, seed=0, actor="anna").segment_ids
    add_coding(ui_store, segment, team["vertrouwen"], "bram")
    add_coding(ui_store, segment, team["opvolging"], "carla")
    return question


def test_the_review_page_is_blind_for_a_coder_until_the_beheerder_closes_the_round(
    ui_store: Store, team: dict[str, int]
) -> None:
    _bram_and_carla_disagree(ui_store, team)

    def review_as(name: str) -> AppTest:
        return _as(ui_store, "review", name, rv_show_all=True)

    bram = review_as("bram")
    assert not bram.exception
    assert "Geen opvolging" not in shown(bram)  # carla's theme
    assert "(nog niet gecodeerd)" in [t.value for t in bram.text]
    assert not [b for b in bram.button if b.key == "rv_close"]  # a codeur cannot close the round: no button
    assert "Alleen een beheerder van deze studie kan een steekproef trekken of een ronde sluiten." in shown(bram)
    anna = review_as("anna")
    assert "Geen opvolging" in shown(anna)
    anna.button(key="rv_close").click().run()
    assert "1 ronde(s) gesloten" in shown(anna)
    assert "Geen opvolging" in shown(review_as("bram"))


def test_a_lezer_is_told_that_the_coding_page_needs_a_codeur(ui_store: Store, team: dict[str, int]) -> None:
    add_user(ui_store, "lena", PASSWORD, "lezer", [STUDY], actor="anna")
    for page in ("code_answers", "clusters"):
        app = _as(ui_store, page, "lena")
        assert not app.exception
        assert "de rol codeur in deze studie nodig; jij bent lezer" in app.info[0].value
        assert DANGEROUS not in [t.value for t in app.text]  # no answers shown
    progress = _as(ui_store, "progress", "lena")
    assert not progress.exception and not [i for i in progress.info if "rol codeur" in i.value]


def test_a_codeur_or_lezer_does_not_get_the_controls_of_a_beheerder(ui_store: Store, team: dict[str, int]) -> None:
    add_user(ui_store, "lena", PASSWORD, "lezer", [STUDY], actor="anna")
    for name in ("bram", "lena"):
        start = _as(ui_store, "start", name)
        assert not start.exception
        assert "Nieuwe studie maken" not in shown(start) and "Importeren" not in shown(start)
        assert "Alleen een beheerder van deze studie kan gegevens importeren." in shown(start)
        codebook = _as(ui_store, "codebook", name)
        assert not codebook.exception
        assert not codebook.tabs  # no editing tabs, no wording editor
        assert "Thema toevoegen" not in shown(codebook) and "Vraagtekst opslaan" not in shown(codebook)
        assert "Codeboek opslaan als YAML" in shown(codebook)  # reading the codebook is for everyone
        assert not [u for u in codebook.get("file_uploader") if "Codeboek laden" in str(u.proto)]
    anna_start = _as(ui_store, "start", "anna")
    assert "Nieuwe studie maken" in shown(anna_start) and "gegevens importeren" not in shown(anna_start)
    anna_codebook = _as(ui_store, "codebook", "anna")
    assert "Nieuw thema" in [t.label for t in anna_codebook.tabs]
    assert "Vraagtekst opslaan" in shown(anna_codebook)


def test_a_codeur_sees_the_other_coders_after_the_round_but_cannot_adjudicate(
    ui_store: Store, team: dict[str, int]
) -> None:
    from coding.store.double_coding import close_round

    question = _bram_and_carla_disagree(ui_store, team)
    close_round(ui_store, question, "anna")
    add_user(ui_store, "dirk", PASSWORD, "codeur", [STUDY], actor="anna")
    dirk = _as(ui_store, "review", "dirk")
    assert not dirk.exception
    assert "Geen opvolging" in shown(dirk)  # the round is closed: every coder's themes are shown
    assert not [b for b in dirk.button if str(b.key).startswith(("rv_take_", "rv_save_"))]
    assert "Alleen een beheerder van deze studie kan de eindcodering kiezen." in shown(dirk)
    anna = _as(ui_store, "review", "anna")
    assert [b for b in anna.button if str(b.key).startswith("rv_take_")]
