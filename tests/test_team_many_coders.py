"""Many coders at once (issue 15): two app servers on one PostgreSQL, eight logged-in coders, 500 actions each.

Two ``streamlit run`` processes serve the same PostgreSQL database (the test's own fresh schema, a generated study
of 100 overlapping answers, six themes); eight coders with the role codeur log in, four on each server, each in
their own Chromium context. Every coder gets a seeded random plan of 500 coding actions (give a theme, take one
off, a bulk assign or bulk removal of a "cluster" of answers (those with a word), accepting a keyword rule's
proposals, undo), on the same answers as the others.

**Where the actions go.** Per coder, :data:`BROWSER_ACTIONS` of the 500 actions (theme keys 1–6, 'u' for undo, and
one bulk assign in the table view: text search + "Geven aan alle …" + "Ja, allemaal") go through the coder's
browser page, in two blocks, plus the 'n' presses to walk the answers; the other actions go through the same
library functions the pages call, from one OS process per coder, bound to the coder (``Store.as_user``, so every
action passes the role check). All 500 through the browser would take about 8 × 500 reruns of the coding page,
far over the suite's time budget on two cores (a rerun costs ~0.3–1 s of CPU there); the browser share shows that
the servers' sessions write what the key presses say while the other coders write at the same time.
A coder does one action at a time, browser or library, as a person does; the eight coders, both servers and the
workers run at the same time, and half the coders start in the browser while the others start in the library, so
browser and library writes interleave.

After each browser action the coder's codings and event count in the database must equal the model's (a key press
that left no trace — pressed while the page reran — is pressed again; anything else fails). At the end:

- every coder's codings are exactly what replaying their own actions in order gives (:class:`CoderModel`) —
  nothing lost, nothing doubled (and no two rows share the unique key);
- the event log holds exactly the model's events per coder, in order (action, theme, answers; each undo points at
  the event it undid) — so also one event per action kind as counted;
- Cohen's κ (per pair of coders on different servers) and Krippendorff's α (nominal per theme and overall, MASI)
  from the database are the values computed from the model's codings: the interleaving changed nothing.

The seed is printed (``CODING_TEAM_SEED=…`` replays the same plans).
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import random
import time
import urllib.parse
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import func, select

from coding.analysis.agreement import agreement_statistics, agreement_table, label_sets_from_codings
from coding.store import Store
from coding.store.accounts import add_user
from coding.store.codebooks import theme_table
from coding.store.models import Coding
from coding.store.segments import codings_frame
from coding.store.studies import question_ref
from tests.browser_helpers import ARTIFACTS, chromium, press, require_chromium, streamlit_server, wait_for
from tests.team_plan import (
    QUESTION,
    STUDY,
    THEMES,
    CoderModel,
    StudyFacts,
    build_study,
    library_step,
    library_steps,
    make_plan,
    run_coder,
    stored_codings,
    stored_events,
    study_facts,
)

pytest_plugins = ["tests.account_fixtures"]  # fast_hashing: argon2's cheapest parameters for the test accounts

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.slow]

#: Every coder's password (the accounts are made with argon2's cheapest parameters, so logging in is quick).
PASSWORD = "acht codeurs tegelijk"
CODERS = ("ans", "bas", "cor", "dirk", "els", "fenna", "gijs", "hanna")
ANSWERS = 100
ACTIONS = 500
#: Coding actions per coder through the browser, in two blocks (the first one with the bulk assign).
BROWSER_BLOCKS = (10, 8)
BROWSER_ACTIONS = sum(BROWSER_BLOCKS)
#: How long a key press may take to show on the page before the worker looks in the database (seconds).
PRESS_TIMEOUT = 20.0


def test_eight_coders_on_two_servers_lose_and_double_nothing(pg_store: Store, tmp_path: Path) -> None:
    require_chromium()
    seed = int(os.environ.get("CODING_TEAM_SEED") or random.SystemRandom().randrange(1_000_000))
    print(f"\nCODING_TEAM_SEED={seed}")
    store = pg_store
    url = store.engine.url.render_as_string(hide_password=False)
    build_study(store, tmp_path, ANSWERS, seed)
    facts = study_facts(store)
    add_user(store, "lead", PASSWORD, "beheerder", actor="lead")
    for coder in CODERS:
        add_user(store, coder, PASSWORD, "codeur", [STUDY], actor="lead")
    plans = {coder: make_plan(random.Random(f"{seed}-{coder}"), facts, ACTIONS, BROWSER_BLOCKS,
                              browser_first=number % 2 == 0) for number, coder in enumerate(CODERS)}
    labels = dict(zip(facts.theme_ids, [label for _, label in THEMES], strict=True))

    # the workers first (forked before Chromium and the servers exist), waiting for the go
    context = multiprocessing.get_context("fork")
    requests, results, go = context.Queue(), context.Queue(), context.Event()
    replies = {coder: context.Queue() for coder in CODERS}
    workers = [context.Process(target=_work, args=(url, coder, plans[coder], requests, replies[coder], results, go),
                               daemon=True) for coder in CODERS]
    store.dispose()  # the children must not share the parent's connections
    for worker in workers:
        worker.start()
    started = time.monotonic()
    env = {**os.environ, "CODING_DB_URL": url}
    try:
        with streamlit_server(tmp_path / "server-a.log", env) as server_a, \
                streamlit_server(tmp_path / "server-b.log", env) as server_b, chromium() as browser:
            pages = {coder: browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
                     for coder in CODERS}
            servers = {coder: server_a if number < len(CODERS) // 2 else server_b
                       for number, coder in enumerate(CODERS)}
            _log_in_and_open_coding(pages, servers)
            setup = time.monotonic() - started
            go.set()
            _drive(pages, facts, labels, requests, replies, workers)
            outcome = [results.get(timeout=60) for _ in CODERS]
    finally:
        for worker in workers:
            worker.join(timeout=10)
            if worker.is_alive():
                worker.kill()
    elapsed = time.monotonic() - started
    problems = [p for r in outcome for p in r["problems"]]
    assert not problems, f"seed {seed}: " + "\n".join(problems)

    timings = pd.DataFrame([{"coder": r["coder"], **r["timings"]} for r in outcome])
    print(f"opzet (servers, inloggen) {setup:.0f} s, alles {elapsed:.0f} s; per codeur:\n{timings.to_string()}")
    assert (timings["lib_steps"] + timings["browser_steps"] == ACTIONS).all()
    assert (timings["browser_steps"] == BROWSER_ACTIONS).all()

    # replay each coder's own steps, in order: what the database must hold
    models = {}
    for r in outcome:
        model = CoderModel(r["coder"])
        for step in r["done"]:
            model.apply(step, step.get("segment"))
        models[r["coder"]] = model
    kinds: Counter[str] = Counter()
    for coder, model in models.items():
        assert stored_codings(store, coder) == sorted(model.codings), f"seed {seed}: codings of {coder}"
        events = stored_events(store, coder)
        assert events == model.events, f"seed {seed}: events of {coder}"
        kinds.update(e[0] for e in events)
    print(f"events: {dict(kinds)}")
    assert {"coding.add", "coding.remove", "coding.bulk_add", "coding.bulk_remove", "undo"} <= set(kinds)
    with store.read() as session:
        total = session.scalar(select(func.count()).select_from(Coding))
        distinct = session.execute(select(Coding.segment_id, Coding.theme_id, Coding.coder, Coding.start_char,
                                          Coding.end_char).distinct()).all()
    assert total == len(distinct) == sum(len(m.codings) for m in models.values())
    # the answers overlap: many were coded by several coders
    coders_per_answer = Counter(s for m in models.values() for s in {s for s, _ in m.codings})
    assert sum(n >= 2 for n in coders_per_answer.values()) >= ANSWERS // 2

    _assert_agreement_unchanged(store, facts, models, seed)


def _work(url: str, coder: str, plan: list[dict[str, Any]], requests: Any, replies: Any, results: Any,
          go: Any) -> None:
    """Worker process: wait for the go, then carry out the coder's plan (:func:`tests.team_plan.run_coder`)."""
    go.wait(300)
    results.put(run_coder(url, coder, plan, requests, replies))


def _assert_agreement_unchanged(store: Store, facts: StudyFacts, models: dict[str, CoderModel], seed: int) -> None:
    """κ and α from the database equal those from the model's codings."""
    question = question_ref(store, STUDY, QUESTION)
    themes = theme_table(store, question)
    codes = dict(zip(themes["theme_id"].astype(int), themes["code"].astype(str), strict=True))
    theme_labels = dict(zip(themes["code"].astype(str), themes["label"].astype(str), strict=True))
    expected_frame = pd.DataFrame(
        [{"segment_id": s, "coder": coder, "theme": codes[t]} for coder, m in models.items() for s, t in m.codings],
        columns=["segment_id", "coder", "theme"])
    columns = ["theme", "units", "coders", "used", "percent_agreement", "alpha_nominal", "alpha_masi"]
    stored = agreement_table(store, question)[columns]
    expected = agreement_statistics(label_sets_from_codings(expected_frame), list(theme_labels), theme_labels)[columns]
    pd.testing.assert_frame_equal(stored.reset_index(drop=True), expected.reset_index(drop=True),
                                  check_dtype=False, obj=f"agreement (seed {seed})")
    assert np.isfinite(stored["alpha_nominal"].iloc[0]) and np.isfinite(stored["alpha_masi"].iloc[0])
    # Cohen's κ is for two coders: each coder with one on the other server
    frame = codings_frame(store, question)[["segment_id", "coder", "theme"]]
    half = len(CODERS) // 2
    kappas = []
    for first, second in zip(CODERS[:half], CODERS[half:], strict=True):
        pair = agreement_statistics(label_sets_from_codings(frame[frame["coder"].isin((first, second))]),
                                    list(theme_labels))
        model_pair = agreement_statistics(
            label_sets_from_codings(expected_frame[expected_frame["coder"].isin((first, second))]),
            list(theme_labels))
        np.testing.assert_allclose(pair["cohen_kappa"], model_pair["cohen_kappa"], equal_nan=True,
                                   err_msg=f"κ {first}/{second} (seed {seed})")
        kappas.append(float(pair["cohen_kappa"].iloc[0]))
    assert all(np.isfinite(kappas)), kappas
    print(f"α nominaal {stored['alpha_nominal'].iloc[0]:.3f}, α MASI {stored['alpha_masi'].iloc[0]:.3f}, "
          f"κ per paar {[round(k, 3) for k in kappas]}")


# -- the browser driver -------------------------------------------------------------------------------------------

def _log_in_and_open_coding(pages: dict[str, Any], servers: dict[str, str]) -> None:
    """Log every coder in on their server and open Coderen, the pages side by side (each step on all pages
    before the next), with "Alleen ongecodeerd" and "Suggesties" switched off."""
    for coder, page in pages.items():
        page.goto(servers[coder] + "/")
    for coder, page in pages.items():
        page.get_by_role("textbox", name="Gebruikersnaam").fill(coder, timeout=60_000)
        page.get_by_role("textbox", name="Wachtwoord").fill(PASSWORD)
        page.get_by_role("textbox", name="Wachtwoord").press("Enter")
    for page in pages.values():
        page.get_by_role("link", name="Coderen").click(timeout=60_000)
    for page in pages.values():
        page.wait_for_url("**/coderen?*antwoord=*", timeout=60_000)
    for key in ("flt_uncoded", "sg_enabled"):  # every answer in the queue; no suggestion model retrained per run
        for page in pages.values():
            _wait_idle(page)
            switch = page.locator(f".st-key-{key}").get_by_role("checkbox")
            if switch.is_checked(timeout=60_000):
                switch.uncheck()
    for page in pages.values():
        _wait_idle(page)
        page.locator(".st-key-nav_next button").wait_for(timeout=60_000)


APP_STATE = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app ? app.getAttribute('data-test-script-state') : null;
}"""


def _idle_now(page: Any) -> bool:
    """The app's script is not running (the attribute turns at once when a key triggers a rerun) and no status
    widget shows."""
    return page.evaluate(APP_STATE) == "notRunning" and page.locator('[data-testid="stStatusWidget"]').count() == 0


def _wait_idle(page: Any, timeout: float = 60.0) -> None:
    wait_for(lambda: _idle_now(page), timeout=timeout, every=0.05)


def _shown_answer(page: Any) -> int:
    return int(urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)["antwoord"][0])


def _theme_given(page: Any, theme_id: int) -> str | None:
    """The kind of the theme's button ("stBaseButton-primary" when given), None while it is not drawn."""
    return page.evaluate(f"() => document.querySelector('.st-key-theme_{theme_id} button')?.dataset.testid ?? null")


class _Pending:
    """A browser step under way: ``poll`` returns the reply for the worker once done."""

    def __init__(self, page: Any, step: dict[str, Any], facts: StudyFacts, labels: dict[int, str]) -> None:
        self.page, self.step, self.started = page, step, time.monotonic()
        self.reply: dict[str, Any] | None = None
        kind = step["kind"]
        _wait_idle(page)
        self.segment = _shown_answer(page)
        if kind == "key":
            self.before = _theme_given(page, step["theme"])
            press(page, step["key"])
        elif kind == "next":
            press(page, "n")
        elif kind == "undo":
            press(page, "u")
        elif kind == "bulk":
            self.reply = _bulk_in_table(page, step, facts, labels)
        else:
            raise ValueError(kind)

    def poll(self) -> dict[str, Any] | None:
        if self.reply is not None:
            return self.reply
        late = time.monotonic() - self.started > PRESS_TIMEOUT
        if not _idle_now(self.page) and not late:
            return None
        kind = self.step["kind"]
        if kind == "key":
            now = _theme_given(self.page, self.step["theme"])
            if late or (now is not None and now != self.before):
                return {"segment": self.segment, "late": late}
        elif kind == "next":
            if late or _shown_answer(self.page) != self.segment:
                return {"late": late}
        elif late or time.monotonic() - self.started > 0.5:  # undo: the worker looks in the database
            return {"late": late}
        return None


def _bulk_in_table(page: Any, step: dict[str, Any], facts: StudyFacts, labels: dict[int, str]) -> dict[str, Any]:
    """Give a theme to every answer with the step's word: table view, text search, "Geven aan alle", "Ja"."""
    label, count = labels[step["theme"]], len(step["segments"])
    try:
        page.locator(".st-key-code_view").get_by_text("Tabel").click()
        page.locator(".st-key-grid_bulk_theme").wait_for(timeout=60_000)
        _wait_idle(page)
        search = page.locator(".st-key-flt_search input")
        search.fill(step["word"])
        search.press("Enter")
        everything = page.get_by_role("button", name=f"Geven aan alle {count} in dit filter")
        everything.wait_for(timeout=60_000)
        _wait_idle(page)
        page.locator(".st-key-grid_bulk_theme").get_by_role("combobox").click()
        page.keyboard.type(label)
        page.keyboard.press("Enter")
        _wait_idle(page)
        everything.click()
        page.get_by_text(f"'{label}' wordt gegeven aan alle {count} antwoorden").wait_for(timeout=60_000)
        page.locator(".st-key-bulk_assign_all button").click()
        page.get_by_text(f"'{label}' gegeven aan").first.wait_for(timeout=60_000)
        _wait_idle(page)
        search.fill("")
        search.press("Enter")
        _wait_idle(page)
        page.locator(".st-key-code_view").get_by_text("Eén voor één").click()
        page.locator(".st-key-nav_next button").wait_for(timeout=60_000)
        _wait_idle(page)
    except Exception as error:  # the worker fails the test with it
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "team-bulk-niet-gelukt.png"), full_page=True)
        return {"error": f"bulk in de tabel: {error}"}
    return {}


def _drive(pages: dict[str, Any], facts: StudyFacts, labels: dict[int, str], requests: Any,
           replies: dict[str, Any], workers: list[Any]) -> None:
    """Serve the workers' browser steps until every coder is done; the pages work side by side."""
    pending: dict[str, _Pending] = {}
    finished: set[str] = set()
    while len(finished) < len(pages):
        try:
            coder, number, step, _attempt = requests.get(timeout=0.02)
        except queue.Empty:
            if not pending and any(w.exitcode not in (None, 0) for w in workers):
                raise AssertionError("a worker process died") from None
        else:
            if number is None:
                finished.add(coder)
            else:
                try:
                    pending[coder] = _Pending(pages[coder], step, facts, labels)
                except Exception as error:
                    replies[coder].put({"error": f"{type(error).__name__}: {error}"})
        for coder, going in list(pending.items()):
            reply = going.poll()
            if reply is not None:
                del pending[coder]
                replies[coder].put(reply)


def test_the_model_matches_the_library_in_any_interleaving(pg_store: Store, tmp_path: Path) -> None:
    """The premise of the test above, checked cheaply in one process: two coders' library steps, interleaved at
    random (each coder's own order kept), leave exactly the codings and events the model replays per coder."""
    build_study(pg_store, tmp_path, 30, seed=7)
    facts = study_facts(pg_store)
    rng = random.Random(7)
    plans = {coder: library_steps(rng, facts, 150) for coder in ("x", "y")}
    order = [coder for coder, plan in plans.items() for _ in plan]
    rng.shuffle(order)
    steps = {coder: iter(plan) for coder, plan in plans.items()}
    models = {coder: CoderModel(coder) for coder in plans}
    question = question_ref(pg_store, STUDY, QUESTION)
    for coder in order:
        step = next(steps[coder])
        library_step(pg_store, question, coder, step)
        models[coder].apply(step)
    for coder, model in models.items():
        assert model.codings and model.stack  # something to hold, and undo had something to take
        assert stored_codings(pg_store, coder) == sorted(model.codings)
        assert stored_events(pg_store, coder) == model.events
    assert {e[0] for m in models.values() for e in m.events} == {
        "coding.add", "coding.remove", "coding.bulk_add", "coding.bulk_remove", "undo"}
