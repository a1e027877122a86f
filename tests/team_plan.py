"""Eight coders at once (issue 15, "Many coders at once"): the study, each coder's seeded plan of actions, the model
that replays a coder's own actions to what the database must hold, and the worker process that carries a plan out.

A plan is a list of steps (plain dicts, so they cross process boundaries). ``via`` says who does the step:

- ``"lib"``: the worker calls the library functions the pages call (``code_segments``, ``uncode_segments``,
  ``code_open_answers``, ``undo_last``) on the store bound to the coder (``Store.as_user``: the role check runs);
- ``"browser"``: the worker asks the browser driver (the test process, one Chromium with a context per coder) to
  press the key or click the buttons on the coder's page, waits for it, and then checks the database.

A coder does one step at a time, like a person; the eight coders, the two servers and the workers run at once.
:class:`CoderModel` replays the steps of one coder in order — it knows nothing of the others — so the codings and
events it ends with are what the database must hold whatever the interleaving was.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from coding.codebook import CodebookSpec, ThemeSpec
from coding.ingest.survey import SurveyMapping, import_survey
from coding.store import Store, connect
from coding.store.codebooks import load_codebook, theme_table
from coding.store.codings import code_open_answers, code_segments, uncode_segments, undo_last
from coding.store.models import Coding, Event
from coding.store.studies import question_ref
from coding.vocabulary import Source
from tests.helpers import write_csv

STUDY = "teamstudie"
QUESTION = "belemmeringen"
#: The words the answers are built around: an answer holds one or two, and each is a "cluster" for bulk actions
#: (the library's bulk steps and the table view's text search pick the answers containing it).
WORDS = ("werkdruk", "leidinggevende", "vertrouwenspersoon", "roddel", "represailles", "anonimiteit")
FILLERS = ("Ik merk dat", "Op mijn afdeling is", "Volgens mij speelt", "Het probleem is vooral", "Soms denk ik aan")
THEMES = (
    ("tijd", "Tijdgebrek en drukte"),
    ("leiding", "Rol van de leiding"),
    ("steun", "Steun en aanspreekpunt"),
    ("sfeer", "Sfeer op de werkvloer"),
    ("angst", "Angst voor gevolgen"),
    ("privacy", "Zorg om privacy"),
)
#: Every coding action the model and the event log know (navigation has no event).
CODING_ACTIONS = ("coding.add", "coding.remove", "coding.bulk_add", "coding.bulk_remove", "undo")


def build_study(store: Store, tmp_path: Path, answers: int, seed: int) -> None:
    """Import a generated survey of ``answers`` substantive answers and load a codebook of six themes."""
    rng = random.Random(seed)
    rows = [["nr", "afdeling", QUESTION]]
    for i in range(answers):
        words = rng.sample(WORDS, rng.choice((1, 1, 2)))
        text = f"{rng.choice(FILLERS)} {' en '.join(words)} een reden om niets te melden (antwoord {i})."
        rows.append([f"R{i:03d}", rng.choice(("HR", "ICT", "Financiën")), text])
    path = write_csv(tmp_path / "team.csv", rows)
    import_survey(store, path, STUDY, SurveyMapping(id="nr", texts=[QUESTION], attributes=["afdeling"]))
    spec = CodebookSpec(question=QUESTION, themes=[ThemeSpec(code=c, label=label) for c, label in THEMES])
    load_codebook(store, question_ref(store, STUDY, QUESTION), spec, "lead")


@dataclass(frozen=True)
class StudyFacts:
    """What a plan and the model need to know of the study (read once, before anyone codes)."""

    study_id: int
    texts: dict[int, str]
    #: Theme ids in the order of the coding page's keys 1, 2, 3, …
    theme_ids: tuple[int, ...]

    def cluster(self, word: str) -> list[int]:
        """The answers containing ``word`` (case-insensitive, as the queue's text search), in import order."""
        return sorted(s for s, text in self.texts.items() if word.lower() in text.lower())


def study_facts(store: Store) -> StudyFacts:
    """The :class:`StudyFacts` of the generated study."""
    from coding.store.segments import segments_frame

    question = question_ref(store, STUDY, QUESTION)
    segments = segments_frame(store, question)
    texts = {int(s): str(t) for s, t in zip(segments["segment_id"], segments["text"], strict=True)}
    themes = theme_table(store, question)
    return StudyFacts(question.study_id, texts, tuple(int(t) for t in themes["theme_id"]))


# -- the plan -----------------------------------------------------------------------------------------------------

def make_plan(rng: random.Random, facts: StudyFacts, actions: int, browser_blocks: Sequence[int],
              browser_first: bool) -> list[dict[str, Any]]:
    """One coder's steps: ``actions`` coding actions in library blocks and browser blocks of the given sizes
    (alternating; the first block in the browser when ``browser_first``). Navigation ('n') comes on top.

    A browser block starts with 'n' (a fresh page: the library steps before it changed what the buttons must
    show), gives one to three themes per answer by key (a key on a theme already given takes it off), presses 'u'
    now and then, and its first block does one bulk assign in the table view (text search + "Geven aan alle").
    """
    segments = sorted(facts.texts)
    library_total = actions - sum(browser_blocks)
    cuts = len(browser_blocks) + (0 if browser_first else 1)
    sizes = _split(rng, library_total, cuts)
    plan: list[dict[str, Any]] = []
    library = iter(sizes)
    for number, size in enumerate(browser_blocks):
        if not browser_first or number > 0:
            plan += [_library_step(rng, facts, segments) for _ in range(next(library))]
        plan += _browser_block(rng, facts, size, bulk=number == 0)
    plan += [_library_step(rng, facts, segments) for _ in range(sum(library, 0))]
    assert sum(step["kind"] != "next" for step in plan) == actions
    return plan


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """``total`` in ``parts`` unequal parts (so the coders reach their browser blocks at different times)."""
    weights = [rng.uniform(0.5, 1.5) for _ in range(parts)]
    sizes = [int(total * w / sum(weights)) for w in weights]
    sizes[-1] += total - sum(sizes)
    return sizes


def library_steps(rng: random.Random, facts: StudyFacts, count: int) -> list[dict[str, Any]]:
    """``count`` library steps of a plan (as in :func:`make_plan`)."""
    return [_library_step(rng, facts, sorted(facts.texts)) for _ in range(count)]


def _library_step(rng: random.Random, facts: StudyFacts, segments: list[int]) -> dict[str, Any]:
    kind = rng.choices(("add", "remove", "bulk_add", "bulk_remove", "accept", "undo"),
                       weights=(44, 22, 8, 4, 4, 18))[0]
    theme = rng.choice(facts.theme_ids)
    if kind in ("add", "remove"):
        return {"via": "lib", "kind": kind, "theme": theme, "segments": [rng.choice(segments)]}
    if kind in ("bulk_add", "bulk_remove", "accept"):
        return {"via": "lib", "kind": kind, "theme": theme, "segments": facts.cluster(rng.choice(WORDS))}
    return {"via": "lib", "kind": "undo"}


def _browser_block(rng: random.Random, facts: StudyFacts, size: int, *, bulk: bool) -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = [{"via": "browser", "kind": "next"}]
    left = size
    if bulk:
        word = rng.choice(WORDS)
        steps.append({"via": "browser", "kind": "bulk", "word": word, "segments": facts.cluster(word),
                      "theme": rng.choice(facts.theme_ids)})
        left -= 1
    undo_at = set(rng.sample(range(left), max(1, left // 8)))
    for i in range(left):
        if i in undo_at:
            steps.append({"via": "browser", "kind": "undo"})
            continue
        if steps[-1]["kind"] == "key" and rng.random() < 0.5:
            steps.append({"via": "browser", "kind": "next"})
        key = rng.randrange(len(facts.theme_ids))
        steps.append({"via": "browser", "kind": "key", "key": str(key + 1), "theme": facts.theme_ids[key]})
    return steps


# -- the model ----------------------------------------------------------------------------------------------------

@dataclass
class CoderModel:
    """One coder's codings and events, from replaying only their own steps in order."""

    coder: str
    codings: set[tuple[int, int]] = field(default_factory=set)
    #: The events the coder's steps must have written, in order: ``(action, theme, sorted segments)`` for a
    #: coding event, ``("undo", index of the undone event)`` for an undo.
    events: list[tuple[Any, ...]] = field(default_factory=list)
    #: Indices of the undoable events not yet undone (undo takes the last).
    stack: list[int] = field(default_factory=list)

    def apply(self, step: dict[str, Any], segment: int | None = None) -> None:
        """Replay one step; ``segment`` is the answer the browser showed for a theme key."""
        kind = step["kind"]
        if kind == "next":
            return
        if kind == "key":
            assert segment is not None
            if (segment, step["theme"]) in self.codings:
                self._remove([segment], step["theme"])
            else:
                self._add([segment], step["theme"])
        elif kind in ("add", "bulk_add", "bulk"):
            self._add(step["segments"], step["theme"])
        elif kind in ("remove", "bulk_remove"):
            self._remove(step["segments"], step["theme"])
        elif kind == "accept":  # code_open_answers: only answers the coder has not coded at all
            coded = {s for s, _ in self.codings}
            todo = [s for s in dict.fromkeys(step["segments"]) if s not in coded]
            self._add(todo, step["theme"], action="coding.bulk_add")
        elif kind == "undo":
            self._undo()
        else:
            raise ValueError(kind)

    def _event(self, event: tuple[Any, ...], undoable: bool = True) -> None:
        self.events.append(event)
        if undoable:
            self.stack.append(len(self.events) - 1)

    def _add(self, segments: Sequence[int], theme: int, action: str | None = None) -> None:
        unique = list(dict.fromkeys(segments))
        added = [s for s in unique if (s, theme) not in self.codings]
        if not added:
            return
        self.codings |= {(s, theme) for s in added}
        self._event((action or ("coding.add" if len(unique) == 1 else "coding.bulk_add"), theme, tuple(sorted(added))))

    def _remove(self, segments: Sequence[int], theme: int) -> None:
        there = sorted({s for s in segments if (s, theme) in self.codings})
        if not there:
            return
        self.codings -= {(s, theme) for s in there}
        self._event(("coding.remove" if len(segments) == 1 else "coding.bulk_remove", theme, tuple(there)))

    def _undo(self) -> None:
        if not self.stack:
            return
        index = self.stack.pop()
        action, theme, segments = self.events[index]
        if action in ("coding.add", "coding.bulk_add"):
            self.codings -= {(s, theme) for s in segments}
        else:
            self.codings |= {(s, theme) for s in segments}
        self._event(("undo", index), undoable=False)


# -- what the database holds --------------------------------------------------------------------------------------

def stored_codings(store: Store, coder: str) -> list[tuple[int, int]]:
    """The coder's codings as (segment, theme), sorted, one row per stored coding (a double would show twice)."""
    with store.read() as session:
        rows = session.execute(select(Coding.segment_id, Coding.theme_id).where(Coding.coder == coder)).all()
    return sorted((int(s), int(t)) for s, t in rows)


def stored_events(store: Store, coder: str) -> list[tuple[Any, ...]]:
    """The coder's coding events in the log, in order, in the model's form (see :attr:`CoderModel.events`)."""
    with store.read() as session:
        events = session.scalars(
            select(Event).where(Event.actor == coder, Event.action.in_(CODING_ACTIONS)).order_by(Event.id)
        ).all()
    index = {e.id: i for i, e in enumerate(events)}
    result: list[tuple[Any, ...]] = []
    for e in events:
        if e.action == "undo":
            result.append(("undo", index.get(e.undoes_event_id or -1, "elders")))
        elif e.action in ("coding.add", "coding.bulk_add"):
            result.append((e.action, e.payload["theme_id"], tuple(sorted(e.payload["segment_ids"]))))
        else:
            result.append((e.action, e.payload["theme_id"],
                           tuple(sorted(r["segment_id"] for r in e.payload["removed"]))))
    return result


def event_count(store: Store, coder: str) -> int:
    """How many coding events the coder has in the log."""
    with store.read() as session:
        return int(session.scalar(select(func.count()).select_from(Event)
                                  .where(Event.actor == coder, Event.action.in_(CODING_ACTIONS))) or 0)


# -- the worker ---------------------------------------------------------------------------------------------------

#: How often a browser step whose key press left no trace is tried again (a key pressed while the page reruns can
#: be lost on a loaded machine); a press that did something else than the model says fails the test.
BROWSER_TRIES = 4


def run_coder(url: str, coder: str, plan: list[dict[str, Any]], requests: Any, replies: Any) -> dict[str, Any]:
    """Worker process: carry out one coder's plan, step by step; returns the replayed steps and what was seen.

    Library steps call the library; browser steps go to the driver over ``requests`` (answer on ``replies``), after
    which the coder's codings and event count in the database must be exactly the model's.
    """
    store = connect(url, migrate=False).as_user(coder)
    question = question_ref(store, STUDY, QUESTION)
    model = CoderModel(coder)
    done: list[dict[str, Any]] = []
    problems: list[str] = []
    timings = {"lib": 0.0, "browser": 0.0, "lib_steps": 0, "browser_steps": 0, "retries": 0}
    try:
        for number, step in enumerate(plan):
            started = time.monotonic()
            if step["via"] == "lib":
                library_step(store, question, coder, step)
                model.apply(step)
                done.append(step)
                timings["lib"] += time.monotonic() - started
                timings["lib_steps"] += 1
                continue
            before = (set(model.codings), len(model.events))
            for attempt in range(BROWSER_TRIES):
                requests.put((coder, number, step, attempt))
                reply = replies.get(timeout=180)
                if reply.get("error"):
                    raise AssertionError(f"{coder} stap {number} {step}: {reply['error']}")
                if step["kind"] == "next":
                    break
                trial = CoderModel(coder, set(model.codings), list(model.events), list(model.stack))
                trial.apply(step, reply.get("segment"))
                expected = (sorted(trial.codings), len(trial.events))
                seen = _settled(store, coder, expected, timeout=3.0 if reply.get("late") else 10.0)
                if seen == expected:
                    model = trial
                    break
                if seen == (sorted(before[0]), before[1]) and attempt + 1 < BROWSER_TRIES:
                    timings["retries"] += 1
                    continue  # the press left no trace: press again
                raise AssertionError(
                    f"{coder} stap {number} {step} op antwoord {reply.get('segment')}: de database heeft "
                    f"{len(seen[0])} coderingen en {seen[1]} events, het model {len(expected[0])} en {expected[1]}; "
                    f"verschil {sorted(set(seen[0]) ^ set(expected[0]))[:10]}")
            done.append({**step, "segment": reply.get("segment")})
            timings["browser"] += time.monotonic() - started
            timings["browser_steps"] += step["kind"] != "next"
    except Exception as error:  # reported to the test, which fails with it
        problems.append(f"{type(error).__name__}: {error}")
    finally:
        requests.put((coder, None, None, None))  # this coder is done
        store.dispose()
    return {"coder": coder, "done": done, "problems": problems, "timings": timings}


def library_step(store: Store, question: Any, coder: str, step: dict[str, Any]) -> None:
    """Carry out one library step as the pages would (the same functions)."""
    kind, theme, segments = step["kind"], step.get("theme"), step.get("segments", [])
    if kind in ("add", "bulk_add"):
        code_segments(store, segments, theme, coder)
    elif kind in ("remove", "bulk_remove"):
        uncode_segments(store, segments, theme, coder)
    elif kind == "accept":
        code_open_answers(store, question, [(s, theme) for s in segments], coder, Source.RULE)
    elif kind == "undo":
        undo_last(store, coder, question.study_id)
    else:
        raise ValueError(kind)


def _settled(store: Store, coder: str, expected: tuple[list[tuple[int, int]], int],
             timeout: float = 20.0) -> tuple[list[tuple[int, int]], int]:
    """The coder's (codings, event count) once it equals ``expected``, or as it is after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        seen = (stored_codings(store, coder), event_count(store, coder))
        if seen == expected or time.monotonic() > deadline:
            return seen
        time.sleep(0.1)
