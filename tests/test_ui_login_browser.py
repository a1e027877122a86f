"""A login survives a reload and a new tab in a real browser, and "Uitloggen" ends it there too; a bookmarked page
shows the form and then that page (Chromium)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import select

from coding.store import connect
from coding.store.models import LoginToken
from tests.account_fixtures import PASSWORD, fast_hashing, team_study  # noqa: F401 - autouse fixture
from tests.browser_helpers import chromium, idle, streamlit_server, wait_for


def _log_in(page: Any, url: str, name: str, address: str = "/") -> None:
    page.goto(url + address)
    page.get_by_role("textbox", name="Gebruikersnaam").fill(name, timeout=60_000)
    page.get_by_role("textbox", name="Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_text("Ingelogd als").wait_for(timeout=60_000)


def _shows_login_form(page: Any) -> bool:
    """The form is there, and — once the run that drew it has finished — nothing of the logged-in app."""
    page.get_by_role("button", name="Inloggen").wait_for(timeout=60_000)
    idle(page)
    return bool(wait_for(lambda: page.get_by_text("Ingelogd als").count() == 0, timeout=30))


def test_reload_and_new_tab_keep_the_login_until_logging_out(tmp_path: Path) -> None:
    url_db = f"sqlite:///{tmp_path / 'team.sqlite'}"
    store = connect(url_db)
    team_study(store, tmp_path)
    with streamlit_server(tmp_path / "streamlit.log", {**os.environ, "CODING_DB_URL": url_db}) as url, \
            chromium() as browser:
        context = browser.new_context()
        page = context.new_page()
        _log_in(page, url, "bram")
        idle(page)
        # the invisible frame that writes the cookie loads a moment after the page
        cookie = wait_for(lambda: next((c for c in context.cookies() if c["name"] == "coding_login"), None))
        assert cookie is not None, "no coding_login cookie after logging in"
        assert cookie["sameSite"] == "Strict" and cookie["expires"] == -1  # this site only, gone with the browser
        with store.read() as session:
            stored = list(session.scalars(select(LoginToken.token_hash)))
        assert len(stored) == 1 and cookie["value"] not in stored  # the database holds only a hash

        page.reload()
        page.get_by_text("Ingelogd als").wait_for(timeout=60_000)
        assert page.get_by_role("button", name="Inloggen").count() == 0
        tab = context.new_page()
        tab.goto(url + "/")
        tab.get_by_text("Ingelogd als").wait_for(timeout=60_000)

        other = browser.new_context()  # another browser (or a colleague) has no login
        stranger = other.new_page()
        stranger.goto(url + "/")
        assert _shows_login_form(stranger)
        other.close()

        idle(page)
        page.get_by_role("button", name="Uitloggen").click()
        assert _shows_login_form(page)
        idle(page)
        page.reload()
        assert _shows_login_form(page)
        idle(tab)
        tab.get_by_role("link", name="Codeboek").click()  # the other tab's next step: logged out there too
        assert _shows_login_form(tab)
        with store.read() as session:
            assert list(session.scalars(select(LoginToken.token_hash))) == []
        context.close()

        bookmark = browser.new_context().new_page()  # a bookmarked page: the form, and after it that page
        _log_in(bookmark, url, "carla", "/coderen")
        assert bookmark.url.startswith(url + "/coderen")
        assert bookmark.get_by_text("Page not found").count() == 0
        bookmark.get_by_test_id("stBaseButton-primary").filter(has_text="Volgende").wait_for(timeout=60_000)
        bookmark.context.close()
    store.dispose()
