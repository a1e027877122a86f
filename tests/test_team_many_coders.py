"""Many coders at once (issue 15): two app servers on one PostgreSQL, eight logged-in coders, 500 actions each.

Two ``streamlit run`` processes serve the same PostgreSQL database (the test's own fresh schema, a generated study
of 100 overlapping answers, six themes); eight coders with the role codeur log in, four on each server, each in
their own Chromium context. Every coder gets a seeded random plan of 500 coding actions (give a theme, take one
off, a bulk assign or bulk removal of a "cluster" of answers (those with a word), accepting a keyword rule's
proposals, undo), on the same answers as the others.

**Where the actions go.** Per coder, :data:`BROWSER_ACTIONS` = 11 of the 500 actions go through the coder's browser
page, in two blocks of 6 and 5 (theme keys 1–6 — a key on a theme already given takes it off —, one 'u' press for
undo per block, and one bulk assign in the table view: text search, "Geven aan alle N in dit filter", "Ja,
allemaal"), plus about 2 'n' presses per block to walk the answers (navigation, no coding action). The other 489
actions per coder go through the same library functions the pages call (``code_segments``, ``uncode_segments``,
``code_open_answers``, ``undo_last``), from one OS process per coder, on the store bound to the coder
(``Store.as_user``, so every action passes the role check). So 88 of the 4,000 actions are browser actions (about
150 page reruns with the navigation and the bulk assigns) and 3,912 are library actions.

Why not all 500 in the browser: on the two cores of CI one rerun of the coding page costs about 0.4 s (measured:
a key press takes 0.4–0.5 s with one coder, 3–3.5 s median with eight coders on two servers on a busy machine), so
4,000 browser actions would take about half an hour; 88 keep the whole test near two minutes (144 took three on
a slow machine). The browser share shows that the servers' sessions write exactly what the key presses say while the
other coders write at the same time; the library share gives the volume and the overlap.
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
from collections.abc import Callable, Generator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import func, inspect, select

from coding.analysis.agreement import agreement_statistics, agreement_table, label_sets_from_codings
from coding.store import Store
from coding.store.accounts import add_user
from coding.store.codebooks import theme_table
from coding.store.models import Coding
from coding.store.segments import codings_frame
from coding.store.studies import question_ref
from tests.browser_helpers import ARTIFACTS, chromium, press, require_chromium, streamlit_servers, wait_for
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
BROWSER_BLOCKS = (6, 5)
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
        with streamlit_servers([tmp_path / "server-a.log", tmp_path / "server-b.log"], env) as (server_a, server_b), \
                chromium() as browser:
            servers_up = time.monotonic() - started
            pages = {coder: browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
                     for coder in CODERS}
            servers = {coder: server_a if number < len(CODERS) // 2 else server_b
                       for number, coder in enumerate(CODERS)}
            _log_in_and_open_coding(pages, servers)
            setup = time.monotonic() - started
            go.set()
            took = _drive(pages, labels, requests, replies, workers)
            outcome = [results.get(timeout=60) for _ in CODERS]
    finally:
        for worker in workers:
            worker.join(timeout=10)
            if worker.is_alive():
                worker.kill()
    elapsed = time.monotonic() - started
    problems = [p for r in outcome for p in r["problems"]]
    assert not problems, f"seed {seed}: " + "\n".join(problems)
    for log in ("server-a.log", "server-b.log"):  # no page ended in an error on either server
        assert "Traceback" not in (tmp_path / log).read_text(), (tmp_path / log).read_text()[-3000:]

    timings = pd.DataFrame([{"coder": r["coder"], **r["timings"]} for r in outcome])
    print(f"servers {servers_up:.0f} s, ingelogd {setup:.0f} s, alles {elapsed:.0f} s; per codeur:")
    print(timings.to_string())
    print("browserstappen (s):\n" + took.groupby("kind")["seconds"].describe().round(2).to_string())
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
    unique = {tuple(u["column_names"]) for u in inspect(store.engine).get_unique_constraints("codings")}
    assert ("segment_id", "theme_id", "coder", "start_char", "end_char") in unique  # the database refuses a double
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
            switch = page.locator(f".st-key-{key} input")
            switch.wait_for(state="attached", timeout=60_000)
            if switch.is_checked():
                page.locator(f".st-key-{key} label").first.click()
        for page in pages.values():
            wait_for(lambda page=page, key=key: not page.locator(f".st-key-{key} input").is_checked(), timeout=60)
    for page in pages.values():
        _wait_idle(page)
        page.locator(".st-key-nav_next button").wait_for(timeout=60_000)


IDLE = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-testid="stStatusWidget"]');
}"""
#: How often the driver looks at a busy page (seconds): often enough not to wait long, rarely enough that the
#: looking (a round trip to Chromium each) does not take the CPU the servers need.
POLL = 0.08


def _idle_now(page: Any) -> bool:
    """The app's script is not running (the attribute turns at once when a key triggers a rerun) and no status
    widget shows."""
    return bool(page.evaluate(IDLE))


def _wait_idle(page: Any, timeout: float = 60.0) -> None:
    wait_for(lambda: _idle_now(page), timeout=timeout, every=POLL)


def _shown_answer(page: Any) -> int:
    return int(urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)["antwoord"][0])


def _theme_given(page: Any, theme_id: int) -> str | None:
    """The kind of the theme's button ("stBaseButton-primary" when given), None while it is not drawn."""
    return page.evaluate(f"() => document.querySelector('.st-key-theme_{theme_id} button')?.dataset.testid ?? null")


Steps = Generator[None, None, dict[str, Any]]


def _until(check: Callable[[], bool], timeout: float) -> Generator[None, None, bool]:
    """Yield (let the other pages go on) until ``check()`` is true (True) or ``timeout`` seconds passed (False)."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            return False
        yield
    return True


def _settle(page: Any) -> Generator[None, None, None]:
    """Yield until the page is idle, and still idle a moment later (a rerun a widget asked for may start late)."""
    for _ in range(2):
        yield from _until(lambda: _idle_now(page), 60)
        paused = time.monotonic()
        yield from _until(lambda paused=paused: time.monotonic() - paused > 0.3, 1)
    yield from _until(lambda: _idle_now(page), 60)


def _click_until(page: Any, target: Any, done: Callable[[], bool], tries: int = 3) -> Generator[None, None, bool]:
    """Click ``target`` on a settled page until ``done()`` (a click while the page reruns can be lost)."""
    for _attempt in range(tries):
        yield from _settle(page)
        if target.count() and target.first.is_visible():
            target.first.click()
        if (yield from _until(done, 20)):
            return True
    return False


def _browser_step(page: Any, step: dict[str, Any], labels: dict[int, str]) -> Steps:
    """Carry out one browser step on the coder's page, yielding while the app works; returns the worker's reply
    (the answer shown for a theme key; ``late`` when the page did not show the effect in time)."""
    yield from _until(lambda: _idle_now(page), 60)
    segment = _shown_answer(page)
    kind = step["kind"]
    if kind == "key":
        before = _theme_given(page, step["theme"])
        press(page, step["key"])
        shown = yield from _until(
            lambda: _idle_now(page) and _theme_given(page, step["theme"]) not in (None, before), PRESS_TIMEOUT)
        return {"segment": segment, "late": not shown}
    if kind == "next":
        press(page, "n")
        moved = yield from _until(lambda: _idle_now(page) and _shown_answer(page) != segment, PRESS_TIMEOUT)
        return {"late": not moved}
    if kind == "undo":  # nothing on the page says which coding came back or went: the worker looks in the database
        press(page, "u")
        pressed = time.monotonic()
        yield from _until(lambda: time.monotonic() - pressed > 0.5 and _idle_now(page), PRESS_TIMEOUT)
        return {}
    if kind == "bulk":
        return (yield from _bulk_in_table(page, step, labels))
    raise ValueError(kind)


def _bulk_in_table(page: Any, step: dict[str, Any], labels: dict[int, str]) -> Steps:
    """Give a theme to every answer with the step's word: table view, text search, "Geven aan alle", "Ja"."""
    label, count = labels[step["theme"]], len(step["segments"])
    everything = page.get_by_role("button", name=f"Geven aan alle {count} in dit filter")
    search = page.locator(".st-key-flt_search input")

    def shown(locator: Any) -> Callable[[], bool]:
        return lambda: _idle_now(page) and locator.count() > 0 and locator.first.is_visible()

    try:
        table = shown(page.locator(".st-key-grid_bulk_theme"))
        assert (yield from _click_until(page, page.locator(".st-key-code_view").get_by_text("Tabel"), table)), \
            "geen tabel"
        search.fill(step["word"])
        search.press("Enter")
        assert (yield from _until(shown(everything), 60)), f"geen knop voor alle {count}"
        page.locator(".st-key-grid_bulk_theme").get_by_role("combobox").click()
        page.keyboard.type(label)
        page.keyboard.press("Enter")
        confirm = page.get_by_text(f"'{label}' wordt gegeven aan alle {count} antwoorden")
        asked = lambda: confirm.count() > 0 and confirm.first.is_visible()  # noqa: E731
        assert (yield from _click_until(page, everything, asked)), "geen vraag"
        # a second "Ja" (when the first was lost) adds nothing, and writes no event
        given = shown(page.get_by_text(f"'{label}' gegeven aan"))
        assert (yield from _click_until(page, page.locator(".st-key-bulk_assign_all button"), given)), "geen melding"
        search.fill("")
        search.press("Enter")
        one_by_one = shown(page.locator(".st-key-nav_next button"))
        assert (yield from _click_until(page, page.locator(".st-key-code_view").get_by_text("Eén voor één"),
                                        one_by_one)), "niet terug"
    except Exception as error:  # the worker fails the test with it
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "team-bulk-niet-gelukt.png"), full_page=True)
        return {"error": f"bulk in de tabel: {type(error).__name__}: {error}"}
    return {}


def _drive(pages: dict[str, Any], labels: dict[int, str], requests: Any, replies: dict[str, Any],
           workers: list[Any]) -> pd.DataFrame:
    """Serve the workers' browser steps until every coder is done; the pages work side by side (each step is a
    generator that yields while its page is busy). Returns how long each kind of step took."""
    pending: dict[str, Steps] = {}
    begun: dict[str, tuple[str, float]] = {}
    took: list[dict[str, Any]] = []
    looked: dict[str, float] = {}
    finished: set[str] = set()
    while len(finished) < len(pages):
        try:
            coder, number, step, _attempt = requests.get(timeout=POLL)
        except queue.Empty:
            if any(w.exitcode not in (None, 0) for w in workers):
                raise AssertionError("a worker process died") from None
        else:
            if number is None:
                finished.add(coder)
            else:
                pending[coder] = _browser_step(pages[coder], step, labels)
                looked.pop(coder, None)
                begun[coder] = (step["kind"], time.monotonic())
        now = time.monotonic()
        for coder, going in list(pending.items()):
            if now - looked.get(coder, 0.0) < POLL:
                continue
            looked[coder] = now
            try:
                next(going)
            except StopIteration as done:
                reply = done.value
            except Exception as error:
                reply = {"error": f"{type(error).__name__}: {error}"}
            else:
                continue
            del pending[coder]
            replies[coder].put(reply)
            kind, since = begun[coder]
            took.append({"kind": kind, "seconds": time.monotonic() - since})
    return pd.DataFrame(took, columns=["kind", "seconds"])


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
